"""Query results as Python values, and their serialisations.

`Result` wraps what pyoxigraph (or a remote endpoint) returned, so the CLI, the API and the
server handle SELECT, ASK, CONSTRUCT and DESCRIBE the same way.
"""

from __future__ import annotations

import datetime
import decimal

import pyoxigraph as ox

from .formats import graph_format, result_format
from .namespaces import PREFIXES, XSD

_CASTS = {
    XSD + "integer": int, XSD + "int": int, XSD + "long": int, XSD + "nonNegativeInteger": int,
    XSD + "decimal": decimal.Decimal, XSD + "double": float, XSD + "float": float,
    XSD + "boolean": lambda v: v in ("true", "1"),
    XSD + "date": datetime.date.fromisoformat,
}


def py_value(term):
    """A Python value for an RDF term: IRIs as str, typed literals cast, others as str.

    >>> py_value(ox.Literal("1945-08-09", datatype=ox.NamedNode(XSD + "date")))
    datetime.date(1945, 8, 9)
    >>> py_value(ox.NamedNode("https://w3id.org/augustkg/resource/Mukden"))
    'https://w3id.org/augustkg/resource/Mukden'
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        cast = _CASTS.get(term.datatype.value)
        if cast:
            try:
                return cast(term.value)
            except (ValueError, decimal.InvalidOperation):
                return term.value
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value


class Result:
    """An answer: rows of pyoxigraph terms (None where unbound) under variables, a boolean, or
    triples. A plain class, not a dataclass: it is on every cold query's path.

    >>> Result("select", ["n"], [(ox.Literal("1", datatype=ox.NamedNode(XSD + "integer")),)]).values()
    [{'n': 1}]
    """

    __slots__ = ("kind", "variables", "rows", "boolean", "triples")

    def __init__(self, kind: str, variables: list | None = None, rows: list | None = None,
                 boolean: bool | None = None, triples: list | None = None):
        self.kind = kind  # "select", "ask" or "graph"
        self.variables, self.rows = variables or [], rows or []
        self.boolean, self.triples = boolean, triples or []

    @classmethod
    def from_pyoxigraph(cls, answer) -> "Result":
        """Wrap what pyoxigraph answered (solutions, a boolean or triples)."""
        if isinstance(answer, ox.QueryBoolean):
            return cls("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            return cls("select", names, [tuple(sol[n] for n in names) for sol in answer])
        return cls("graph", triples=list(answer))

    def __iter__(self):
        return iter(self.values())

    def __len__(self):
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def values(self) -> list[dict]:
        """Rows as dicts of Python values (SELECT), or triples as tuples of values (graphs)."""
        if self.kind == "select":
            return [dict(zip(self.variables, map(py_value, row))) for row in self.rows]
        if self.kind == "ask":
            return [{"boolean": self.boolean}]
        return [(py_value(t.subject), py_value(t.predicate), py_value(t.object)) for t in self.triples]

    def serialize(self, fmt: str) -> bytes:
        """The answer in a W3C format by name (json, xml, csv, tsv; ttl, nt, ... for graphs)."""
        if self.kind == "graph":
            return ox.serialize(self.triples, format=graph_format(fmt), prefixes=PREFIXES)
        target = result_format(fmt)
        if self.kind == "ask":
            return _ask(self.boolean, fmt)
        return _solutions(self.variables, self.rows).serialize(format=target)


def _ask(value: bool, fmt: str) -> bytes:
    word = "true" if value else "false"
    if fmt == "json":
        return ('{"head":{},"boolean":%s}' % word).encode()
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{word}</boolean></sparql>").encode()
    return f"{word}\n".encode()  # CSV/TSV have no boolean form; a bare word is the common convention


def _solutions(variables, rows):
    """Re-create a pyoxigraph solution sequence so its W3C serialisers can be reused."""
    store = ox.Store()
    values = " ".join(
        "(" + " ".join(str(t) if t is not None else "UNDEF" for t in row) + ")" for row in rows)
    header = " ".join("?" + v for v in variables)
    if not variables:
        return store.query("SELECT * WHERE {}")
    return store.query(f"SELECT {header} WHERE {{ VALUES ({header}) {{ {values} }} }}")
