"""Conversions between the build's N-Triples-string triples and rdflib graphs.

Only the reference reasoner (owlrl) and SHACL validation (pyshacl) need rdflib; everything else
works on strings or pyoxigraph, which is why this lives in its own module and is imported lazily.
"""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from .parse import ntriples


def _to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def to_rdflib(triples) -> rdflib.Graph:
    """An rdflib graph holding the triples, blank-node labels kept."""
    g = rdflib.Graph()
    text = ntriples(triples)
    add = g.add
    for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
        add((_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object)))
    return g


def term_string(term) -> str:
    """The N-Triples form of an rdflib term, written exactly as pyoxigraph writes it."""
    if isinstance(term, rdflib.URIRef):
        return str(ox.NamedNode(str(term)))
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    if term.language:
        return str(ox.Literal(str(term), language=term.language))
    datatype = term.datatype or rdflib.XSD.string
    return str(ox.Literal(str(term), datatype=ox.NamedNode(str(datatype))))


def from_rdflib(graph) -> set[tuple[str, str, str]]:
    return {(term_string(s), term_string(p), term_string(o)) for s, p, o in graph}
