"""owlrl, the reference reasoner, and the noise to drop before comparing closures with it.

owlrl's output holds triples that say nothing about the graph: reflexive owl:sameAs on every
term, triples with literal subjects, and the axiomatic triples it adds to any graph (found by
closing an empty graph, plus the disjointness it declares between the XSD datatypes a graph
happens to use). Those are dropped; what remains must equal the fast closure.
"""

from __future__ import annotations

from functools import lru_cache

from .rdflib_bridge import from_rdflib, to_rdflib

SAME_AS = "<http://www.w3.org/2002/07/owl#sameAs>"
XSD = "<http://www.w3.org/2001/XMLSchema#"


def _owlrl_expand(graph):
    import owlrl

    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


@lru_cache(maxsize=1)
def axiomatic() -> frozenset:
    """What owlrl derives from nothing at all."""
    import rdflib

    return frozenset(from_rdflib(_owlrl_expand(rdflib.Graph())))


def drop_noise(triples) -> set:
    axioms = axiomatic()
    return {
        (s, p, o) for s, p, o in triples
        if not s.startswith('"') and not (p == SAME_AS and s == o) and (s, p, o) not in axioms
        and not (s.startswith(XSD) and o.startswith(XSD))
    }


def owlrl_closure(asserted) -> set:
    """owlrl's closure of the asserted triples, without its noise (asserted triples kept)."""
    asserted = set(asserted)
    closed = from_rdflib(_owlrl_expand(to_rdflib(asserted)))
    return drop_noise(closed) | asserted
