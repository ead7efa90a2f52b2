"""Answer formats, mapped once from names to pyoxigraph enums and media types.

The CLI's `--format` help, the server's file-like suffixes and every serialiser read these two
tables, so a format added here is offered everywhere.
"""

from __future__ import annotations

import pyoxigraph as ox

from .errors import AugustError

#: name -> (pyoxigraph format, media type). Result formats for SELECT/ASK, graph formats for
#: CONSTRUCT/DESCRIBE; `table` is the human format and is rendered by the CLI.
RESULT_FORMATS = {
    "json": (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    "xml": (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    "csv": (ox.QueryResultsFormat.CSV, "text/csv"),
    "tsv": (ox.QueryResultsFormat.TSV, "text/tab-separated-values"),
}
GRAPH_FORMATS = {
    "ttl": (ox.RdfFormat.TURTLE, "text/turtle"),
    "nt": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "nq": (ox.RdfFormat.N_QUADS, "application/n-quads"),
    "trig": (ox.RdfFormat.TRIG, "application/trig"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
    "xml": (ox.RdfFormat.RDF_XML, "application/rdf+xml"),
}
ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld", "rdfxml": "xml",
           "rdf": "xml", "nquads": "nq"}
HUMAN = "table"


def result_format(name: str):
    """The pyoxigraph results format of a name.

    >>> result_format("csv")
    <QueryResultsFormat SPARQL Results in CSV>
    """
    return _lookup(RESULT_FORMATS, name, "a result format for SELECT/ASK", (HUMAN,), {})


def graph_format(name: str):
    """The pyoxigraph RDF format of a name or alias.

    >>> graph_format("turtle")
    <RdfFormat Turtle>
    """
    return _lookup(GRAPH_FORMATS, name, "a graph format for CONSTRUCT/DESCRIBE", (), ALIASES)


def _lookup(table: dict, name: str, kind: str, also: tuple, aliases: dict):
    """The aliases are names of RDF formats only: `rdf` asked of an ASK is an error, not SPARQL XML."""
    name = aliases.get(name, name)
    if name not in table:
        raise AugustError(f"'{name}' is not {kind}; use one of: " + ", ".join((*also, *table)))
    return table[name][0]


def help_text() -> str:
    """The `--format` help of the query commands, from the tables.

    >>> help_text()
    'table|json|xml|csv|tsv for SELECT/ASK; ttl|nt|nq|trig|jsonld|xml for CONSTRUCT/DESCRIBE.'
    """
    return (f"{'|'.join((HUMAN, *RESULT_FORMATS))} for SELECT/ASK; "
            f"{'|'.join(GRAPH_FORMATS)} for CONSTRUCT/DESCRIBE.")
