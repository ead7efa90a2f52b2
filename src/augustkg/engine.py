"""One interface to run SPARQL, whether the graph is the embedded store or a remote endpoint.

`Engine` is the interface every command and page is written against: `augustkg query` and
`augustkg run` take either the built store (`KnowledgeGraph`) or `--endpoint URL`
(`remote.Endpoint`) and go on the same way. `EngineBase` holds what both do alike once they can
answer a query and index names: resolving names, labels, and running saved queries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable


@runtime_checkable
class Engine(Protocol):
    """What a SPARQL engine offers: answers as `Result`s or W3C bytes, names, saved queries.

    Code written against it runs on the embedded store and on a remote endpoint alike:

    >>> from augustkg import Endpoint, KnowledgeGraph
    >>> def labels(engine: Engine) -> list:
    ...     return [row["l"] for row in engine.query("SELECT ?l WHERE { ?s rdfs:label ?l }").values()]
    >>> kg = KnowledgeGraph.from_turtle('akr:Mukden rdfs:label "Mukden"@en .')
    >>> labels(kg), isinstance(kg, Engine), isinstance(Endpoint("http://127.0.0.1:9/query"), Engine)
    (['Mukden'], True, True)
    """

    home: Path

    def query(self, sparql: str, asserted: bool = False, substitutions: dict | None = None,
              source: str = "query"): ...

    def serialize(self, sparql: str, fmt: str, asserted: bool = False, substitutions: dict | None = None,
                  source: str = "query") -> bytes: ...

    def resolve(self, name: str) -> str: ...

    def label(self, iri: str) -> str | None: ...

    def queries(self): ...

    def run(self, name: str, /, fmt: str | None = None, **params): ...


class EngineBase:
    """The part of `Engine` that is the same on every engine: subclasses give `home`, `query`
    and a `names` index."""

    home: Path
    names: object

    def resolve(self, name: str) -> str:
        """The IRI of a resource from any of its names, a prefixed name or an IRI."""
        return self.names.resolve(name)

    def label(self, iri: str) -> str | None:
        """The English label of a resource, or None."""
        return self.names.label(iri)

    def queries(self):
        """The saved queries of the project (`<home>/queries`)."""
        from .saved import SavedQueries

        return SavedQueries.load(self.home / "queries")

    def run(self, name: str, /, fmt: str | None = None, **params):
        """Run a saved query by name with parameters given as Python keywords.

        Parameter names are those of the query file without the grlc decoration
        (`unit` for `?_unit_iri`); values may be names, prefixed names, IRIs or dates.
        `name` is positional-only so that a query may have a parameter called `name`.
        """
        return self.queries().get(name).run(self, params, fmt=fmt)
