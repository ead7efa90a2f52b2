"""parse → reason → check → validate → store: the one place that orders the steps.

`build` writes a store generation; `in_memory` runs parse → reason → check into a store that
lives in this process only (examples, notebooks, `augustkg validate`).
"""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .. import settings
from ..errors import AugustError, BuildFailed, InconsistentGraph
from ..generations import current_generation, forget_failure, freshness, remember_failure, remembered_failure
from ..locks import build_lock
from ..inputs import ENGINE_VERSION, Inputs


@dataclass
class BuildResult:
    """What a build did: the generation it left current, whether it was a no-op and why, and
    the time and triple count of each step."""

    generation: Path | None
    noop: bool
    reason: str
    timings: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)


def build(home: Path | None = None, store_dir: Path | None = None, reasoner: str | None = None,
          force: bool = False, validate: bool = True, data_dir: Path | None = None,
          log: Callable[[str], None] = lambda msg: None, shacl: str | None = None,
          progress: bool | None = None, say: Callable[[str], None] = lambda msg: None,
          retry_failed: bool = True) -> BuildResult:
    """Build the store unless it is fresh; raises AugustError with a clear message on bad input.

    One build at a time per store folder: a second one waits for the first (`say` tells the
    person so, and that the build starts), then checks freshness again. A failed build raises
    before the swap, so the previous store stays current and usable, and is remembered:
    `retry_failed=False` (readers) raises the remembered error rather than failing the same
    build again until an input changes. `shacl` picks the validation engine (see
    `validate.shacl_engine`); `progress` shows bars on stderr (default: when stderr is a terminal).
    """
    home = Path(home) if home else settings.home()
    store_dir = Path(store_dir) if store_dir else settings.store_dir(home)
    reasoner = settings.choose("reasoner", reasoner)
    shacl = settings.choose("shacl", shacl)
    inputs = Inputs.find(home, data_dir)
    if not inputs.ontology:
        raise AugustError(f"no ontology found under {home / 'ontology'} (set AUGUSTKG_HOME to the project folder)")
    if not force:
        fresh, why = freshness(store_dir, inputs, reasoner)
        if fresh:
            return BuildResult(current_generation(store_dir), True, why)
    with build_lock(store_dir, say):
        if not force:
            fresh, why = freshness(store_dir, inputs, reasoner)
            if fresh:  # built by the build this one waited for
                return BuildResult(current_generation(store_dir), True, why)
            failed = None if retry_failed else remembered_failure(store_dir, inputs, reasoner)
            if failed:
                raise BuildFailed(failed)
            say(f"augustkg: building the store in {store_dir} ({why}) ...")
        try:
            result = _build(home, store_dir, reasoner, inputs, validate, log, shacl, progress)
        except AugustError as exc:
            remember_failure(store_dir, inputs, reasoner, str(exc))
            raise
        forget_failure(store_dir)
        return result


def _build(home, store_dir, reasoner, inputs, validate, log, shacl, progress) -> BuildResult:
    """The steps, under the build lock."""
    from .parse import parse_file
    from ..progress import BuildProgress
    from .store import write_generation
    from .validate import fail_on, shacl_engine

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

        closure = _reasoned(parsed(), reasoner, lambda: lap("parse"), bars.stage("reason"))
        lap("reason")
        counts = {"asserted": closure.asserted_count(), "closure": len(closure)}
        counts["inferred"] = counts["closure"] - counts["asserted"]
        log(f"parsed {len(files)} files: {counts['asserted']} triples")
        log(f"closure ({reasoner}): {counts['closure']} triples, {counts['inferred']} inferred")
        _consistent(closure)
        lap("consistency")
        engine = shacl_engine(shacl, counts["closure"]) if validate and inputs.shapes else None
        check_store = None
        if engine == "pyshacl":
            fail_on(shacl_results(engine, inputs.shapes, closure=closure))
            lap("validate")
        elif engine == "sparql":
            log(f"validating {counts['closure']} triples with SPARQL queries over the store (shacl={shacl})")

            def check_store(store):
                lap("store")
                fail_on(shacl_results(engine, inputs.shapes, store=store))
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
        generation = write_generation(store_dir, closure, manifest, check=_integrity(home, check_store),
                                      progress=bars.stage("store"))
        lap("store")
    return BuildResult(generation, False, "built", timings, counts)


def _integrity(home: Path, check_store):
    """The store check before publishing: the checks that fail the build (cycles), then SHACL
    over the store when that is the engine."""
    def check(store):
        from ..checks import fail_build

        fail_build(home, store)
        if check_store:
            check_store(store)

    return check


def shacl_results(engine: str, shapes: Path, closure=None, store=None) -> list:
    """Every SHACL result of the closure (pyshacl) or of the store holding it (sparql), sorted."""
    if engine == "pyshacl":
        from .shacl_pyshacl import validate

        return validate(closure.triples(), shapes)
    from .shacl_sparql import validate_store

    return validate_store(store, shapes)


def validate_project(home: Path | None = None, shacl: str | None = None):
    """(SHACL results, check findings) for a project's inputs, without a build: what `augustkg
    validate` shows. The graph is built in memory, so this works on a graph whose build fails;
    SHACL uses the same engine choice as the build."""
    from ..checks import Checks
    from .parse import parse_files
    from .validate import shacl_engine

    home = Path(home) if home else settings.home()
    inputs = Inputs.find(home)
    store, closure = in_memory(parse_files(inputs.graph_files))
    found = []
    if inputs.shapes:
        engine = shacl_engine(settings.choose("shacl", shacl), len(closure))
        found = shacl_results(engine, inputs.shapes, closure=closure, store=store)
    return found, [check.run_on_store(store) for check in Checks.load(home)]


def in_memory(asserted: Iterable[tuple[str, str, str]]):
    """(a pyoxigraph store in memory, the closure): parse → reason → check, nothing written."""
    import pyoxigraph as ox

    from .store import fill

    with _no_cycle_collection():
        closure = _reasoned(asserted, "fast")
        _consistent(closure)
        store = ox.Store()
        fill(store, closure)
    return store, closure


def _reasoned(asserted, reasoner: str, parsed=lambda: None, progress=None):
    """The closure of the asserted triples by the chosen reasoner; `parsed()` marks the moment
    parsing is over (the fast reasoner interns while the parser streams)."""
    from .reason import Closure

    if reasoner == "owlrl":
        from .reference_reasoner import owlrl_closure

        asserted = set(asserted)
        parsed()
        return Closure.of(asserted, owlrl_closure(asserted))
    closure = Closure()
    closure.load(asserted)
    parsed()
    closure.reason(progress)
    return closure


def _consistent(closure) -> None:
    from .check import violations

    problems = violations(closure)
    if problems:
        raise InconsistentGraph("the graph is inconsistent:\n  " + "\n  ".join(problems))


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
