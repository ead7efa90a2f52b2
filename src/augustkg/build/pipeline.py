"""parse → reason → check → validate → store: one function, one place that orders the steps."""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import settings
from ..errors import AugustError, InconsistentGraph, ValidationFailed
from ..manifest import current_generation, freshness
from ..inputs import ENGINE_VERSION, Inputs

REASONERS = ("fast", "owlrl")
SHACL_ENGINES = ("auto", "pyshacl", "sparql")


@dataclass
class BuildResult:
    generation: Path | None
    noop: bool
    reason: str
    timings: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)


def build(home: Path | None = None, build_dir: Path | None = None, reasoner: str | None = None,
          force: bool = False, validate: bool = True, data_dir: Path | None = None,
          log: Callable[[str], None] = lambda msg: None, shacl: str | None = None,
          progress: bool | None = None) -> BuildResult:
    """Build the store unless it is fresh; raises AugustError with a clear message on bad input.

    A failed build raises before the swap, so the previous store stays current and usable.
    `shacl` picks the validation engine (see `shacl_engine`); `progress` shows bars on stderr
    (default: when stderr is a terminal).
    """
    home = Path(home) if home else settings.home()
    build_dir = Path(build_dir) if build_dir else settings.build_dir()
    reasoner = reasoner or settings.get("reasoner")
    if reasoner not in REASONERS:
        raise AugustError(f"unknown reasoner '{reasoner}'; choose one of: {', '.join(REASONERS)}")
    shacl = shacl or settings.get("shacl")
    if shacl not in SHACL_ENGINES:
        raise AugustError(f"unknown SHACL engine '{shacl}'; choose one of: {', '.join(SHACL_ENGINES)}")
    inputs = Inputs.find(home, data_dir)
    if not inputs.ontology:
        raise AugustError(f"no ontology found under {home / 'ontology'} (set AUGUSTKG_HOME to the project folder)")
    if not force:
        fresh, why = freshness(build_dir, inputs, reasoner)
        if fresh:
            return BuildResult(current_generation(build_dir), True, why)

    from .parse import parse_file
    from .progress import BuildProgress
    from .reason import Closure, violations
    from .write import write_generation

    timings, t0 = {}, time.perf_counter()

    def lap(name):
        nonlocal t0
        now = time.perf_counter()
        timings[name] = round(timings.get(name, 0) + now - t0, 4)
        t0 = now

    with BuildProgress(progress) as bars, _no_cycle_collection():
        files = inputs.graph_files
        tick = bars.stage("parse", len(files))

        def parsed():
            for i, path in enumerate(files):
                yield from parse_file(path, i)
                tick(i + 1)

        if reasoner == "owlrl":
            from .reference import owlrl_closure

            asserted = set(parsed())
            lap("parse")
            closure = Closure.of(asserted, owlrl_closure(asserted))
            del asserted
        else:
            closure = Closure()
            closure.load(parsed())
            lap("parse")
            closure.reason(bars.stage("reason"))
        lap("reason")
        counts = {"asserted": closure.asserted_count(), "closure": len(closure)}
        counts["inferred"] = counts["closure"] - counts["asserted"]
        log(f"parsed {len(files)} files: {counts['asserted']} triples")
        log(f"closure ({reasoner}): {counts['closure']} triples, {counts['inferred']} inferred")
        problems = violations(closure)
        if problems:
            raise InconsistentGraph("the graph is inconsistent:\n  " + "\n  ".join(problems))
        lap("consistency")
        engine = shacl_engine(shacl, counts["closure"]) if validate and inputs.shapes else None
        check_store = None
        if engine == "pyshacl":
            from .validate import validate as pyshacl_validate

            _fail_on(pyshacl_validate(closure.triples(), inputs.shapes))
            lap("validate")
        elif engine == "sparql":
            from .shacl_sparql import validate_store

            log(f"validating {counts['closure']} triples with SPARQL queries over the store (shacl={shacl})")

            def check_store(store):
                lap("store")
                _fail_on(validate_store(store, inputs.shapes))
                lap("validate")

        manifest = {
            "fingerprint": inputs.fingerprint(reasoner),
            "stat": inputs.stat_key(),
            "reasoner": reasoner,
            "engine_version": ENGINE_VERSION,
            "validated": bool(engine),
            "shacl_engine": engine,
            "inputs": [inputs.rel(p) for p in inputs.all_files],
            "home": str(home),
        }
        generation = write_generation(build_dir, closure, manifest, check=check_store, progress=bars.stage("store"))
        lap("store")
    return BuildResult(generation, False, "built", timings, counts)


def check(home: Path | None = None, shacl: str | None = None) -> list:
    """The SHACL results for the current inputs, without building: what `augustkg validate` shows.

    Uses the same engine choice as the build: pyshacl on small graphs, the SPARQL-compiled
    shapes (over an in-memory store of the closure) above the threshold.
    """
    from .parse import parse_files
    from .reason import Closure

    inputs = Inputs.find(Path(home) if home else settings.home())
    if not inputs.shapes:
        return []
    with _no_cycle_collection():
        closure = Closure.compute(parse_files(inputs.graph_files))
        engine = shacl_engine(shacl or settings.get("shacl"), len(closure))
        if engine == "pyshacl":
            from .validate import validate as pyshacl_validate

            return pyshacl_validate(closure.triples(), inputs.shapes)
        import pyoxigraph as ox

        from .parse import ntriples
        from .shacl_sparql import validate_store

        store = ox.Store()
        store.bulk_load(ntriples(closure.triples()).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return validate_store(store, inputs.shapes)


@contextmanager
def _no_cycle_collection():
    """Pause the cycle collector: a big build makes millions of small tuples that hold no cycles,
    and the collector would rescan all of them again and again (it doubled the reasoning time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def shacl_engine(choice: str, closure_size: int) -> str:
    """pyshacl for small graphs (the reference), SPARQL over the store above the threshold.

    >>> shacl_engine("auto", 7_000), shacl_engine("auto", 3_000_000), shacl_engine("sparql", 10)
    ('pyshacl', 'sparql', 'sparql')
    """
    if choice != "auto":
        return choice
    return "sparql" if closure_size > settings.get("shacl_sparql_above") else "pyshacl"


def _fail_on(results) -> None:
    violations = [v for v in results if v.severity == "Violation"]
    if violations:
        raise ValidationFailed(f"SHACL validation found {len(violations)} violation(s):\n  "
                               + "\n  ".join(str(v) for v in violations[:50]))
