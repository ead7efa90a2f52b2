"""Output formats, mapped once from names, file extensions and media types to pyoxigraph enums."""

from __future__ import annotations

import re

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


def result_format(name: str):
    name = ALIASES.get(name, name)
    if name not in RESULT_FORMATS:
        raise AugustError(f"'{name}' is not a result format for SELECT/ASK; use one of: table, "
                          + ", ".join(RESULT_FORMATS))
    return RESULT_FORMATS[name][0]


def graph_format(name: str):
    name = ALIASES.get(name, name)
    if name not in GRAPH_FORMATS:
        raise AugustError(f"'{name}' is not a graph format for CONSTRUCT/DESCRIBE; use one of: "
                          + ", ".join(GRAPH_FORMATS))
    return GRAPH_FORMATS[name][0]


# The prologue: whitespace, comments, PREFIX and BASE declarations (a `#` inside an IRI is not
# a comment, which is why declarations are matched whole before comments are).
_PROLOGUE = re.compile(r"(?is)(?:\s+|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*)*")
GRAPH_FORMS = {"CONSTRUCT", "DESCRIBE"}


def query_form(sparql: str) -> str:
    r"""The first keyword after the prologue, upper-cased: SELECT, ASK, CONSTRUCT, INSERT, ...

    >>> query_form("PREFIX ex: <http://e.org/ns#>  # a comment\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    return re.match(r"[A-Za-z]*", sparql[_PROLOGUE.match(sparql).end():]).group(0).upper()
