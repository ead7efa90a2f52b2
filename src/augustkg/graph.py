"""The Python API: `augustkg.open()` gives a KnowledgeGraph over the built store.

Opening checks freshness first (stat calls, a hash only if timestamps moved) and rebuilds a
stale store with a note on stderr, so nobody ever queries an out-of-date graph. The query path
imports pyoxigraph and nothing heavier: no rdflib, owlrl or pyshacl.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pyoxigraph as ox

from . import settings
from .errors import AugustError, QuerySyntaxError
from .manifest import current_generation, freshness, read_manifest
from .namespaces import ASSERTED_GRAPH, PREFIXES

_POSITION = re.compile(r"error at (\d+):(\d+)")


def ensure_built(home: Path | None = None, build_dir: Path | None = None, quiet: bool = False) -> Path:
    """The current generation folder, building or rebuilding first when inputs changed."""
    from .inputs import Inputs

    home = Path(home) if home else settings.home()
    build_dir = Path(build_dir) if build_dir else settings.build_dir()
    generation = current_generation(build_dir)
    reasoner = (read_manifest(generation) or {}).get("reasoner") if generation else None
    inputs = Inputs.find(home)
    fresh, why = freshness(build_dir, inputs, reasoner)
    if not fresh:
        if not quiet:
            print(f"augustkg: building the store ({why}) ...", file=sys.stderr)
        from .build import build

        return build(home, build_dir, reasoner=reasoner, force=True).generation
    return generation


class KnowledgeGraph:
    """A read-only view of the built store.

    >>> kg = open()                                       # doctest: +SKIP
    >>> kg.query("SELECT ?f WHERE { ?f a ako:Front }").values()   # doctest: +SKIP
    """

    def __init__(self, generation: Path, home: Path | None = None):
        self.generation = Path(generation)
        self.home = Path(home) if home else settings.home()
        self.manifest = read_manifest(self.generation) or {}
        try:
            self.store = ox.Store.read_only(str(self.generation / "store"))
        except OSError as exc:
            raise AugustError(f"cannot open the store at {self.generation / 'store'}: {exc}") from None
        self._names = None

    # -- SPARQL ----------------------------------------------------------------------------
    def raw(self, sparql: str, asserted: bool = False, substitutions: dict | None = None, source: str = "query"):
        """The pyoxigraph answer object; syntax errors become QuerySyntaxError with a position."""
        options = {"default_graph": ox.NamedNode(ASSERTED_GRAPH)} if asserted else {"use_default_graph_as_union": True}
        try:
            return self.store.query(sparql, prefixes=PREFIXES, substitutions=substitutions, **options)
        except SyntaxError as exc:
            raise _syntax_error(exc, source) from None
        except OSError as exc:  # evaluation errors (e.g. a SERVICE call) surface as OSError
            raise AugustError(f"{source}: the query failed: {exc}") from None

    def query(self, sparql: str, asserted: bool = False, substitutions: dict | None = None,
              source: str = "query"):
        """Run SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE); `ako:`, `akr:` and friends need no PREFIX.

        Returns a `results.Result`, whose rows convert to Python values.
        """
        from .results import Result

        return Result.from_pyoxigraph(self.raw(sparql, asserted, substitutions, source))

    def serialize(self, sparql: str, fmt: str, asserted: bool = False, substitutions: dict | None = None,
                  source: str = "query") -> bytes:
        """Run SPARQL and write the answer straight in a W3C format (json, xml, csv, tsv, ttl, ...)."""
        from .formats import graph_format, result_format

        answer = self.raw(sparql, asserted, substitutions, source)
        if isinstance(answer, ox.QueryTriples):
            return ox.serialize(answer, format=graph_format(fmt), prefixes=PREFIXES)
        if isinstance(answer, ox.QueryBoolean):
            from .results import Result

            return Result("ask", boolean=bool(answer)).serialize(fmt)
        return answer.serialize(format=result_format(fmt))

    # -- names -----------------------------------------------------------------------------
    @property
    def names(self):
        if self._names is None:
            from .names import NAMES, NameIndex

            path = self.generation / NAMES
            self._names = NameIndex.load(path) if path.is_file() else NameIndex.from_graph(self)
        return self._names

    def resolve(self, name: str) -> str:
        """The IRI of a resource from any of its names, a prefixed name or an IRI."""
        return self.names.resolve(name)

    def label(self, iri: str) -> str | None:
        return self.names.label(iri)

    def describe(self, name: str) -> dict:
        """Everything about one resource: types, names, facts (asserted vs inferred), links, sources."""
        from .describe import describe

        return describe(self, self.resolve(name))

    # -- saved queries ---------------------------------------------------------------------
    def queries(self):
        from .saved import SavedQueries

        return SavedQueries.load(self.home / "queries")

    def run(self, name: str, /, fmt: str | None = None, **params):
        """Run a saved query by name with parameters given as Python keywords.

        Parameter names are those of the query file without the grlc decoration
        (`unit` for `?_unit_iri`); values may be names, prefixed names, IRIs or dates.
        `name` is positional-only so that a query may have a parameter called `name`.
        """
        query = self.queries().get(name)
        return query.run(self, params, fmt=fmt)


def _syntax_error(exc: SyntaxError, source: str) -> QuerySyntaxError:
    message = str(exc.msg if hasattr(exc, "msg") else exc)
    match = _POSITION.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[match.end():].lstrip(": ")
        return QuerySyntaxError(message, line, column, source)
    return QuerySyntaxError(message, source=source)


def open(home: str | Path | None = None, build_dir: str | Path | None = None, quiet: bool = False) -> KnowledgeGraph:  # noqa: A001
    """Open the knowledge graph, building the store first if it is missing or stale."""
    home = Path(home) if home else settings.home()
    return KnowledgeGraph(ensure_built(home, build_dir, quiet), home)
