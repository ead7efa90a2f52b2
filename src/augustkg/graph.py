"""The Python API: `augustkg.open()` gives a KnowledgeGraph over the built store.

Opening checks freshness first (stat calls, a hash only if timestamps moved) and rebuilds a
stale store with a note on stderr, so nobody ever queries an out-of-date graph. The query path
imports pyoxigraph and nothing heavier: no rdflib, owlrl or pyshacl.

A graph can also live in memory only (`open(memory=True)`, `KnowledgeGraph.from_turtle`,
`KnowledgeGraph.from_folder`): parsed and reasoned like a build, but never written, which is
what examples, notebooks and `augustkg validate` want.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pyoxigraph as ox

from . import settings
from .engine import EngineBase
from .errors import AugustError, QuerySyntaxError
from .generations import current_generation, freshness, old_store_note, read_manifest
from .namespaces import ASSERTED_GRAPH, PREFIXES
from .sparql import guard_by_settings


def ensure_built(home: Path | None = None, store_dir: Path | None = None, quiet: bool = False) -> Path:
    """The current generation folder, building or rebuilding first when inputs changed.

    A build in progress elsewhere is waited for. When the build fails and a good generation
    exists, that one is returned with a `BuildFailedWarning` naming the error (the store keeps
    answering, as the README promises); the failure is remembered, so later reads do not try the
    same build again until an input changes. With no good generation the error is raised.
    The generation returned stays leased (not deleted by a build) until the next call here.
    """
    from .inputs import Inputs

    home = Path(home) if home else settings.home()
    default_place = store_dir is None and not settings.get("store_dir")
    store_dir = Path(store_dir) if store_dir else settings.store_dir(home)
    generation = _leased(store_dir)
    reasoner = (read_manifest(generation) or {}).get("reasoner") if generation else None
    inputs = Inputs.find(home)
    fresh, why = freshness(store_dir, inputs, reasoner)
    if fresh:
        return generation
    note = old_store_note(home, store_dir) if default_place else None
    if note:
        print(note, file=sys.stderr)
    from .pipeline import build

    say = (lambda message: None) if quiet else (lambda message: print(message, file=sys.stderr, flush=True))
    try:
        build(home, store_dir, reasoner=reasoner, say=say, retry_failed=False)
    except AugustError as exc:
        if generation is None:
            raise
        from .errors import BuildFailedWarning

        warnings.warn(BuildFailedWarning(
            f"the build failed, so answers come from the last good store ({generation.name}): {exc}"), stacklevel=3)
        return generation
    return _leased(store_dir)


_LEASES: dict = {}  # store folder -> the lease on the generation ensure_built returned last


def _leased(store_dir: Path) -> Path | None:
    """The current generation, leased until the next call for the same store folder."""
    from .locks import lease_current

    generation, lease = lease_current(store_dir)
    _LEASES[str(store_dir)] = lease
    return generation


class KnowledgeGraph(EngineBase):
    """A read-only view of the graph: asserted and inferred triples, names, saved queries.

    `ako:`, `akr:` and the usual vocabularies' prefixes are predeclared in every query.

    >>> kg = KnowledgeGraph.from_turtle('''
    ...     ako:directlySubordinateTo rdfs:subPropertyOf ako:subordinateTo .
    ...     ako:subordinateTo a owl:TransitiveProperty .
    ...     akr:FifthArmy rdfs:label "5th Army"@en ; ako:directlySubordinateTo akr:FirstFront .
    ...     akr:FirstFront rdfs:label "1st Far East Front"@en ; ako:directlySubordinateTo akr:Command .
    ...     akr:Command rdfs:label "Far East Command"@en .
    ... ''')
    >>> [kg.label(row["up"]) for row in kg.query(
    ...     "SELECT ?up WHERE { akr:FifthArmy ako:subordinateTo ?up } ORDER BY ?up").values()]
    ['Far East Command', '1st Far East Front']
    >>> kg.query("ASK { akr:FifthArmy ako:subordinateTo akr:Command }", asserted=True).boolean
    False
    >>> kg.resolve("far east command")
    'https://w3id.org/augustkg/resource/Command'
    >>> kg.serialize("SELECT ?u WHERE { ?u ako:directlySubordinateTo akr:Command }", "tsv").decode().split()
    ['?u', '<https://w3id.org/augustkg/resource/FirstFront>']
    """

    def __init__(self, generation: Path, home: Path | None = None):
        from .locks import Lease

        generation = Path(generation)
        try:
            self.lease = Lease(generation)  # no build deletes the generation while this graph reads it
        except PermissionError:
            self.lease = None  # a read-only store folder: nothing deletes there
        except FileNotFoundError:
            raise AugustError(f"cannot open the store at {generation / 'store'}: no such generation") from None
        try:
            store = ox.Store.read_only(str(generation / "store"))
        except OSError as exc:
            raise AugustError(f"cannot open the store at {generation / 'store'}: {exc}") from None
        self._setup(store, home, generation)

    def _setup(self, store, home, generation: Path | None) -> None:
        self.store = store
        self.generation = generation
        self.home = Path(home) if home else settings.home()
        self.manifest = (read_manifest(generation) if generation else None) or {}
        self._names = None

    @classmethod
    def from_store(cls, store, home: Path | None = None) -> "KnowledgeGraph":
        """A graph over a pyoxigraph store laid out as a build lays it out (asserted and
        inferred named graphs)."""
        kg = cls.__new__(cls)
        kg._setup(store, home, None)
        return kg

    @classmethod
    def from_turtle(cls, *texts: str, home: Path | None = None) -> "KnowledgeGraph":
        """A graph in memory from Turtle text, reasoned like a build and never written.

        The predeclared prefixes need no `@prefix` lines; `home` is where saved queries are
        found (default: the project folder).
        """
        from .pipeline import in_memory
        from .pipeline.parse import parse_text

        triples = (t for i, text in enumerate(texts) for t in parse_text(text, i))
        return cls.from_store(in_memory(triples)[0], home)

    @classmethod
    def from_folder(cls, home: Path | str) -> "KnowledgeGraph":
        """The ontology and data of a project folder, in memory (no store is written)."""
        from .inputs import Inputs
        from .pipeline import in_memory
        from .pipeline.parse import parse_files

        home = Path(home)
        return cls.from_store(in_memory(parse_files(Inputs.find(home).graph_files))[0], home)

    # -- SPARQL ----------------------------------------------------------------------------
    def raw(self, sparql: str, asserted: bool = False, substitutions: dict | None = None, source: str = "query"):
        """The pyoxigraph answer object; syntax errors become QuerySyntaxError with a position."""
        options = {"default_graph": ox.NamedNode(ASSERTED_GRAPH)} if asserted else {"use_default_graph_as_union": True}
        guard_by_settings(sparql)
        try:
            return self.store.query(sparql, prefixes=PREFIXES, substitutions=substitutions, **options)
        except SyntaxError as exc:
            raise syntax_error(exc, source) from None
        except OSError as exc:  # evaluation errors (e.g. a SERVICE call) surface as OSError
            raise AugustError(f"{source}: the query failed: {exc}") from None

    def query(self, sparql: str, asserted: bool = False, substitutions: dict | None = None,
              source: str = "query"):
        """Run SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE): a `results.Result` of Python values.

        `asserted=True` leaves out what reasoning added; `substitutions` binds variables to
        pyoxigraph terms.
        """
        from .results import Result

        answer = self.raw(sparql, asserted, substitutions, source)
        try:  # answers are computed while they are read: a SERVICE call can fail here too
            return Result.from_pyoxigraph(answer)
        except OSError as exc:
            raise AugustError(f"{source}: the query failed: {exc}") from None

    def serialize(self, sparql: str, fmt: str, asserted: bool = False, substitutions: dict | None = None,
                  source: str = "query") -> bytes:
        """Run SPARQL and write the answer straight in a W3C format (json, xml, csv, tsv, ttl, ...)."""
        from .formats import graph_format, result_format

        answer = self.raw(sparql, asserted, substitutions, source)
        try:  # answers are computed while they are written: a SERVICE call can fail here too
            if isinstance(answer, ox.QueryTriples):
                return ox.serialize(answer, format=graph_format(fmt), prefixes=PREFIXES)
            if isinstance(answer, ox.QueryBoolean):
                from .results import Result

                return Result("ask", boolean=bool(answer)).serialize(fmt)
            return answer.serialize(format=result_format(fmt))
        except OSError as exc:
            raise AugustError(f"{source}: the query failed: {exc}") from None

    # -- names -----------------------------------------------------------------------------
    @property
    def names(self):
        """The name index: the build's names.json when there is one, else computed here."""
        if self._names is None:
            from .names import NAMES, NameIndex

            path = self.generation / NAMES if self.generation else None
            self._names = NameIndex.load(path) if path and path.is_file() else NameIndex.from_engine(self)
        return self._names

    def describe(self, name: str) -> dict:
        """Everything about one resource: types, names, facts (asserted vs inferred), links, sources."""
        from .describe import describe

        return describe(self, self.resolve(name))


def syntax_error(exc: SyntaxError, source: str) -> QuerySyntaxError:
    """pyoxigraph's SyntaxError as a QuerySyntaxError naming the source, line and column."""
    from .sparql import error_position

    line, column, message = error_position(str(exc.msg if hasattr(exc, "msg") else exc))
    return QuerySyntaxError(message, line, column, source)


def open(home: str | Path | None = None, store_dir: str | Path | None = None, quiet: bool = False,  # noqa: A001
         memory: bool = False) -> KnowledgeGraph:
    """Open the knowledge graph, building the store first if it is missing or stale.

    With `memory=True` the project's ontology and data are parsed and reasoned in memory and
    nothing is written (a second or so for the shipped graph).

    >>> kg = open(memory=True)
    >>> kg.run("who-commanded", unit="Transbaikal Front").values()[0]["commanderLabel"]
    'Rodion Malinovsky'
    """
    home = Path(home) if home else settings.home()
    if memory:
        return KnowledgeGraph.from_folder(home)
    return KnowledgeGraph(ensure_built(home, store_dir, quiet), home)
