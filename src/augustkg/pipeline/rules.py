"""The OWL 2 RL schema rules: the ontology's axioms closed and compiled into lookup tables.

The schema (a few hundred triples) is closed first with the `scm-*` rules, naively (it is
small), then compiled into `Rules`: superclasses, superproperties, inverses, chains, domains,
ranges, restrictions, intersections and disjointness pairs. `reason.py` reasons over instances
with these tables; `check.py` reads the disjointness pairs. Constructs the fast reasoner does
not implement are refused here, before any reasoning.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..errors import AugustError
from ..namespaces import OWL, RDF, RDFS

Triple = tuple[str, str, str]


def _iri(ns: str, local: str) -> str:
    return f"<{ns}{local}>"


TYPE = _iri(RDF, "type")
FIRST, REST, NIL = _iri(RDF, "first"), _iri(RDF, "rest"), _iri(RDF, "nil")
SUBCLASS, SUBPROP = _iri(RDFS, "subClassOf"), _iri(RDFS, "subPropertyOf")
DOMAIN, RANGE = _iri(RDFS, "domain"), _iri(RDFS, "range")
EQCLASS, EQPROP = _iri(OWL, "equivalentClass"), _iri(OWL, "equivalentProperty")
INVERSE, CHAIN = _iri(OWL, "inverseOf"), _iri(OWL, "propertyChainAxiom")
TRANSITIVE, SYMMETRIC = _iri(OWL, "TransitiveProperty"), _iri(OWL, "SymmetricProperty")
OBJPROP, DATAPROP, CLASS = _iri(OWL, "ObjectProperty"), _iri(OWL, "DatatypeProperty"), _iri(OWL, "Class")
THING, NOTHING = _iri(OWL, "Thing"), _iri(OWL, "Nothing")
INTERSECTION, SVF, ON_PROPERTY = _iri(OWL, "intersectionOf"), _iri(OWL, "someValuesFrom"), _iri(OWL, "onProperty")
DISJOINT_WITH, ALL_DISJOINT, MEMBERS = _iri(OWL, "disjointWith"), _iri(OWL, "AllDisjointClasses"), _iri(OWL, "members")

AXIOMATIC_NOTHING = (NOTHING, SUBCLASS, THING)

UNSUPPORTED_PREDICATES = {
    _iri(OWL, x)
    for x in ["sameAs", "differentFrom", "hasValue", "allValuesFrom", "unionOf", "complementOf", "oneOf",
              "hasKey", "maxCardinality", "maxQualifiedCardinality", "cardinality", "qualifiedCardinality",
              "propertyDisjointWith", "sourceIndividual", "hasSelf", "minCardinality"]
}
UNSUPPORTED_TYPES = {
    _iri(OWL, x)
    for x in ["FunctionalProperty", "InverseFunctionalProperty", "IrreflexiveProperty", "AsymmetricProperty",
              "AllDifferent", "AllDisjointProperties", "NegativePropertyAssertion"]
}
SCHEMA_PREDICATES = {SUBCLASS, SUBPROP, DOMAIN, RANGE, EQCLASS, EQPROP, INVERSE, CHAIN, INTERSECTION, SVF,
                     ON_PROPERTY, DISJOINT_WITH, MEMBERS, FIRST, REST}
SCHEMA_TYPES = {TRANSITIVE, SYMMETRIC, OBJPROP, DATAPROP, CLASS, ALL_DISJOINT}


class UnsupportedConstruct(AugustError):
    """The ontology uses an OWL construct the fast reasoner does not implement."""


class Graph:
    """Triples indexed both ways by predicate: spo[p][s] -> {o}, pos[p][o] -> {s}."""

    def __init__(self):
        self.spo: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.pos: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.size = 0

    def add(self, s: str, p: str, o: str) -> bool:
        objects = self.spo[p][s]
        if o in objects:
            return False
        objects.add(o)
        self.pos[p][o].add(s)
        self.size += 1
        return True

    def has(self, s: str, p: str, o: str) -> bool:
        by_s = self.spo.get(p)
        return bool(by_s) and o in by_s.get(s, ())

    def objects(self, s: str, p: str) -> set[str]:
        by_s = self.spo.get(p)
        return by_s.get(s, set()) if by_s else set()

    def subjects(self, p: str, o: str) -> set[str]:
        by_o = self.pos.get(p)
        return by_o.get(o, set()) if by_o else set()

    def pairs(self, p: str):
        for s, objects in list(self.spo.get(p, {}).items()):
            for o in list(objects):
                yield s, o

    def triples(self):
        for p, by_s in self.spo.items():
            for s, objects in by_s.items():
                for o in objects:
                    yield s, p, o


def read_list(g: Graph, head: str) -> list[str]:
    items, seen = [], set()
    while head != NIL:
        if head in seen:
            raise UnsupportedConstruct(f"cyclic RDF list at {head}")
        seen.add(head)
        first = g.objects(head, FIRST)
        rest = g.objects(head, REST)
        if len(first) != 1 or len(rest) != 1:
            raise UnsupportedConstruct(f"malformed RDF list at {head}")
        items.append(next(iter(first)))
        head = next(iter(rest))
    return items


def close_schema(g: Graph) -> None:
    """The scm-* rules, run naively to a fixpoint: the schema is small, so simple wins."""
    changed = True
    while changed:
        n = g.size
        for c in list(g.subjects(TYPE, CLASS)):  # scm-cls
            g.add(c, SUBCLASS, c), g.add(c, EQCLASS, c), g.add(c, SUBCLASS, THING), g.add(NOTHING, SUBCLASS, c)
        for kind in (OBJPROP, DATAPROP):  # scm-op, scm-dp
            for p in list(g.subjects(TYPE, kind)):
                g.add(p, SUBPROP, p), g.add(p, EQPROP, p)
        _close_hierarchy(g, SUBCLASS, EQCLASS)  # scm-eqc1, scm-eqc2, scm-sco
        _close_hierarchy(g, SUBPROP, EQPROP)  # scm-eqp1, scm-eqp2, scm-spo
        for rel in (DOMAIN, RANGE):  # scm-dom1/2, scm-rng1/2
            for p, c in list(g.pairs(rel)):
                for d in list(g.objects(c, SUBCLASS)):
                    g.add(p, rel, d)
                for q in list(g.subjects(SUBPROP, p)):
                    g.add(q, rel, c)
        for c, head in list(g.pairs(INTERSECTION)):  # scm-int
            for member in read_list(g, head):
                g.add(c, SUBCLASS, member)
        restrictions = list(g.pairs(SVF))
        for r1, y1 in restrictions:  # scm-svf1, scm-svf2
            for r2, y2 in restrictions:
                for p1 in g.objects(r1, ON_PROPERTY):
                    for p2 in g.objects(r2, ON_PROPERTY):
                        if (p1 == p2 and g.has(y1, SUBCLASS, y2)) or (y1 == y2 and g.has(p1, SUBPROP, p2)):
                            g.add(r1, SUBCLASS, r2)
        changed = g.size != n


def _close_hierarchy(g: Graph, sub: str, equivalent: str) -> None:
    """Equivalence as two-way subsumption, subsumption both ways as equivalence, transitivity.

    Like owlrl, transitivity never concludes a reflexive triple: those come from the
    declarations (scm-cls, scm-op, scm-dp) and the restriction rules (scm-svf1/2).
    """
    for a, b in list(g.pairs(equivalent)):
        g.add(a, sub, b), g.add(b, sub, a)
    for a, b in list(g.pairs(sub)):
        if g.has(b, sub, a):
            g.add(a, equivalent, b)
        for c in list(g.objects(b, sub)):
            if c != a:
                g.add(a, sub, c)


class Rules:
    """The closed schema compiled into lookup tables for instance reasoning."""

    def __init__(self, g: Graph):
        self.sup_classes = {c: set(ds) for c, ds in g.spo.get(SUBCLASS, {}).items()}
        self.sup_props = {p: qs - {p} for p, qs in g.spo.get(SUBPROP, {}).items()}
        self.inverses: dict[str, set[str]] = defaultdict(set)
        for a, b in g.pairs(INVERSE):
            self.inverses[a].add(b)
            self.inverses[b].add(a)
        self.transitive = set(g.subjects(TYPE, TRANSITIVE))
        self.symmetric = set(g.subjects(TYPE, SYMMETRIC))
        self.domains = {p: set(cs) for p, cs in g.spo.get(DOMAIN, {}).items()}
        self.ranges = {p: set(cs) for p, cs in g.spo.get(RANGE, {}).items()}
        self.chains: dict[str, list[tuple[int, list[str], str]]] = defaultdict(list)
        for q, head in g.pairs(CHAIN):
            chain = read_list(g, head)
            for i, p in enumerate(chain):
                self.chains[p].append((i, chain, q))
        self.svf_by_prop: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.svf_by_filler: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for r, filler in g.pairs(SVF):
            for p in g.objects(r, ON_PROPERTY):
                self.svf_by_prop[p].append((r, filler))
                self.svf_by_filler[filler].append((p, r))
        self.intersections = {c: read_list(g, head) for c, head in g.pairs(INTERSECTION)}
        self.int_by_member: dict[str, list[str]] = defaultdict(list)
        for c, members in self.intersections.items():
            for m in set(members):
                self.int_by_member[m].append(c)
        self.disjoint_pairs: list[tuple[str, str, str]] = []
        for a, b in g.pairs(DISJOINT_WITH):
            self.disjoint_pairs.append((a, b, f"{a} owl:disjointWith {b}"))
        for axiom in g.subjects(TYPE, ALL_DISJOINT):
            for head in g.objects(axiom, MEMBERS):
                members = read_list(g, head)
                for i, a in enumerate(members):
                    for b in members[i + 1:]:
                        self.disjoint_pairs.append((a, b, f"owl:AllDisjointClasses ({' '.join(members)})"))


def check_supported(triples: Iterable[Triple]) -> None:
    for s, p, o in triples:
        if p in UNSUPPORTED_PREDICATES or (p == TYPE and o in UNSUPPORTED_TYPES):
            construct = o if p == TYPE else p
            raise UnsupportedConstruct(
                f"the fast reasoner does not implement {construct} (used by {s}); "
                "build with --reasoner owlrl instead")
