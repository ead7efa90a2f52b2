"""The entity page: one resource with its names, types, facts, links and sources.

Inferred facts are explained by the axiom that yields them (a subclass, a domain, an inverse, a
transitive property, a property chain, the Commander definition), found by asking the store
which rule's premises hold — so explanations cost nothing at build time.
"""

from __future__ import annotations

from .namespaces import AKO, ASSERTED_GRAPH, RDF, RDFS, SKOS, shorten

TYPE = RDF + "type"
NAME_PROPERTIES = {RDFS + "label", SKOS + "altLabel", SKOS + "prefLabel"}
SOURCE_PROPERTIES = {AKO + "section", AKO + "reference"}

# (rule, ASK template): $s $p $o are the triple, ?x ?y free. First match explains the triple.
_TYPE_RULES = [
    ("{x} rdfs:subClassOf {o}", "SELECT ?x ?s ?p ?o WHERE { $s a ?x . ?x rdfs:subClassOf $o FILTER(?x != $o) } LIMIT 1"),
    ("rdfs:domain of {x}", "SELECT ?x ?s ?p ?o WHERE { $s ?x ?y . ?x rdfs:domain $o } LIMIT 1"),
    ("rdfs:range of {x}", "SELECT ?x ?s ?p ?o WHERE { ?y ?x $s . ?x rdfs:range $o } LIMIT 1"),
    ("owl:equivalentClass definition of {o}", "SELECT ?x ?s ?p ?o WHERE { $o owl:equivalentClass ?x . ?x owl:intersectionOf ?l } LIMIT 1"),
]
_PROPERTY_RULES = [
    ("{x} rdfs:subPropertyOf {p}", "SELECT ?x ?s ?p ?o WHERE { $s ?x $o . ?x rdfs:subPropertyOf $p FILTER(?x != $p) } LIMIT 1"),
    ("{p} owl:inverseOf {x}", "SELECT ?x ?s ?p ?o WHERE { { $p owl:inverseOf ?x } UNION { ?x owl:inverseOf $p } $o ?x $s } LIMIT 1"),
    ("owl:TransitiveProperty {p}, via {x}", "SELECT ?x ?s ?p ?o WHERE { $p a owl:TransitiveProperty . $s $p ?x . ?x $p $o } LIMIT 1"),
    ("owl:propertyChainAxiom of {p}, via {x}", "SELECT ?x ?s ?p ?o WHERE { $p owl:propertyChainAxiom ?l . ?l rdf:first ?p1 ; rdf:rest/rdf:first ?p2 . $s ?p1 ?x . ?x ?p2 $o } LIMIT 1"),
    ("owl:SymmetricProperty {p}", "SELECT ?x ?s ?p ?o WHERE { $p a owl:SymmetricProperty . $o $p $s BIND($p AS ?x) } LIMIT 1"),
]


def explain(kg, s: str, p: str, o) -> str:
    """Why the store holds an inferred triple, in words naming the axiom."""
    import pyoxigraph as ox

    subs = {ox.Variable("s"): ox.NamedNode(s), ox.Variable("p"): ox.NamedNode(p), ox.Variable("o"): o}
    rules = _TYPE_RULES if p == TYPE else _PROPERTY_RULES
    for text, template in rules:
        query = template.replace("$s", "?s").replace("$p", "?p").replace("$o", "?o")
        for sol in kg.raw(query, substitutions=subs):
            x = sol["x"]
            return text.format(x=_short(x), o=_short(o), p=shorten(p))
    return "OWL 2 RL schema rules"


def describe(kg, iri: str) -> dict:
    import pyoxigraph as ox

    node = ox.NamedNode(iri)
    facts, types, names, sources = [], [], [], []
    rows = kg.raw("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?p ?o",
                  substitutions={ox.Variable("s"): node})
    for sol in rows:
        p, o, inferred = sol["p"].value, sol["o"], sol["g"].value != ASSERTED_GRAPH
        entry = {"property": p, "property_label": kg.label(p) or shorten(p), "value": _value(o),
                 "value_label": _value_label(kg, o), "inferred": inferred}
        if inferred:
            entry["why"] = explain(kg, iri, p, o)
        if p in NAME_PROPERTIES:
            names.append({"name": o.value, "language": o.language or "", "kind": shorten(p), "inferred": inferred})
        elif p == TYPE:
            types.append(entry)
        else:
            facts.append(entry)
            if p in SOURCE_PROPERTIES and not inferred:
                sources.append(entry)
    inbound = []
    for sol in kg.raw("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) } ORDER BY ?p ?s LIMIT 500",
                      substitutions={ox.Variable("o"): node}):
        s, p = sol["s"].value, sol["p"].value
        inbound.append({"subject": s, "subject_label": kg.label(s) or shorten(s), "property": p,
                        "property_label": kg.label(p) or shorten(p), "inferred": sol["g"].value != ASSERTED_GRAPH})
    return {"iri": iri, "label": kg.label(iri) or shorten(iri), "names": names, "types": types,
            "facts": facts, "inbound": inbound, "sources": sources}


def _value(term) -> str:
    import pyoxigraph as ox

    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def _value_label(kg, term) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return kg.label(term.value) or shorten(term.value)
    if isinstance(term, ox.Literal):
        return term.value + (f" @{term.language}" if term.language else "")
    return str(term)


def _short(term) -> str:
    import pyoxigraph as ox

    return shorten(term.value) if isinstance(term, ox.NamedNode) else str(term)

