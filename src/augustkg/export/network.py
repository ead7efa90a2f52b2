"""The graph as a network of described things, shared by the GraphML and Neo4j CSV exports.

Network tools want nodes and edges, not triples: a node is every `akr:` resource, carrying its
English label and its `ako:` classes as attributes; an edge is every triple that links two
`akr:` resources. Literals, classes and ontology axioms stay out — they are attributes or schema,
not part of the network.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..namespaces import AKO, AKR, PREFIXES, RDF, RDFS, shorten

TYPE = RDF + "type"
DATES = {AKO + "date": "date", AKO + "startDate": "startDate", AKO + "endDate": "endDate"}
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
LABEL = RDFS + "label"
SUBCLASS = RDFS + "subClassOf"
#: Provenance, left out by `provenance=False`: the records of the sources (a statement, its
#: citations, the article's references and sections) as nodes, and every PROV link or shortcut
#: to them (`prov:wasDerivedFrom`, `ako:section`, `ako:reference`). Without them the GraphML of
#: the shipped graph is the war's network, not a hairball around the article's sections.
SOURCE_CLASSES = {AKO + c for c in ("Statement", "Citation", "Reference", "ArticleSection")}
SOURCE_PROPERTIES = {AKO + "section", AKO + "reference", AKO + "statedIn", AKO + "subjectOf"}


@dataclass
class Node:
    iri: str
    label: str = ""
    classes: set = field(default_factory=set)  # every ako: class, superclasses included in a closure
    specific: list = field(default_factory=list)  # the most specific of them
    dates: dict = field(default_factory=dict)  # date / startDate / endDate, for Cypher's date()

    @property
    def key(self) -> str:
        return shorten(self.iri)


@dataclass(frozen=True)
class Edge:
    source: str
    property: str
    target: str
    inferred: bool


@dataclass
class Network:
    nodes: dict  # iri -> Node, sorted by IRI
    edges: list  # sorted (source, property, target)
    property_labels: dict  # property IRI -> its English label, or its local name

    @classmethod
    def of(cls, snap, inferred: bool = True, provenance: bool = True) -> "Network":
        triples = snap.triples(inferred)
        asserted = set(snap.asserted) if inferred else None
        labels, classes, parents, dates = {}, defaultdict(set), defaultdict(set), defaultdict(dict)
        nodes, edges = set(), []
        for t in triples:
            s, p, o = t.subject, t.predicate.value, t.object
            if p == LABEL and isinstance(o, ox.Literal) and o.language == "en" and isinstance(s, ox.NamedNode):
                labels.setdefault(s.value, o.value)
            elif p == TYPE and isinstance(o, ox.NamedNode) and o.value.startswith(AKO):
                classes[s.value].add(o.value)
            elif p == SUBCLASS and isinstance(o, ox.NamedNode):
                parents[s.value].add(o.value)
            elif p in DATES and isinstance(o, ox.Literal) and o.datatype.value == XSD_DATE:
                dates[s.value].setdefault(DATES[p], o.value)
            if isinstance(s, ox.NamedNode) and s.value.startswith(AKR):
                nodes.add(s.value)
                if isinstance(o, ox.NamedNode) and o.value.startswith(AKR):
                    nodes.add(o.value)
                    edges.append(Edge(s.value, p, o.value, asserted is not None and t not in asserted))
        ancestors = _ancestors(parents)
        if not provenance:
            sources = {n for n in nodes if classes.get(n, set()) & SOURCE_CLASSES}
            nodes -= sources
            edges = [e for e in edges if e.source not in sources and e.target not in sources
                     and not e.property.startswith(PREFIXES["prov"]) and e.property not in SOURCE_PROPERTIES]
        out = {}
        for iri in sorted(nodes):
            kinds = classes.get(iri, set())
            implied = set().union(*(ancestors.get(c, set()) - {c} for c in kinds)) if kinds else set()
            out[iri] = Node(iri, labels.get(iri, ""), kinds, sorted(kinds - implied), dates.get(iri, {}))
        props = {e.property for e in edges}
        edges.sort(key=lambda e: (e.source, e.property, e.target))
        return cls(out, edges, {p: labels.get(p) or local_name(p) for p in sorted(props)})


def _ancestors(parents: dict) -> dict:
    """Every superclass of each class, itself included (the asserted graph has only direct links)."""
    memo: dict = {}

    def up(c, trail=()):
        if c in memo:
            return memo[c]
        found = {c}
        for p in parents.get(c, ()):
            if p not in trail and p != c:
                found |= up(p, trail + (c,))
        memo[c] = found
        return found

    return {c: up(c) for c in list(parents)}


def local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1] or iri
    return iri
