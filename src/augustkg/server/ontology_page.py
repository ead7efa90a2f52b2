"""The ontology's documentation as HTML, generated from the ontology itself (own templates:
pyLODE would add a dependency and does not show property chains such as hasAuthorityOver's).

Every class and property gets an entry, anchored by its local name so that an ako: IRI's
fragment lands on it: label, definition, super-terms, domain and range, inverse, characteristics
and property chains.
"""

from __future__ import annotations

from html import escape

from ..namespaces import AKO, shorten

KINDS = [("Classes", "Class"), ("Object properties", "ObjectProperty"),
         ("Datatype properties", "DatatypeProperty"), ("Annotation properties", "AnnotationProperty")]


def ontology_body(graph) -> str:
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    def name(node) -> str:
        if isinstance(node, rdflib.BNode):
            members = list(graph.items(node)) if (node, RDF.first, None) in graph else []
            if members:
                return " ∘ ".join(name(m) for m in members)
            union = graph.value(node, OWL.unionOf)
            if union is not None:
                return " or ".join(name(m) for m in graph.items(union))
            prop, some = graph.value(node, OWL.onProperty), graph.value(node, OWL.someValuesFrom)
            if prop is not None and some is not None:
                return f"{name(prop)} some {name(some)}"
            return "(anonymous)"
        text = escape(shorten(str(node)))
        return f'<a href="#{escape(str(node)[len(AKO):])}">{text}</a>' if str(node).startswith(AKO) else text

    def terms(kind):
        return sorted({s for s in graph.subjects(RDF.type, OWL[kind]) if str(s).startswith(AKO)}, key=str)

    ontology = next(graph.subjects(RDF.type, OWL.Ontology), None)
    parts = []
    if ontology is not None:
        title = graph.value(ontology, rdflib.URIRef("http://purl.org/dc/terms/title")) or graph.value(ontology, RDFS.label)
        comment = graph.value(ontology, RDFS.comment) or graph.value(ontology, rdflib.URIRef("http://purl.org/dc/terms/description"))
        parts.append(f'<p class="iri"><code>{escape(str(ontology))}</code></p>'
                     + (f"<p><b>{escape(str(title))}</b></p>" if title else "")
                     + (f'<p class="summary">{escape(str(comment))}</p>' if comment else "")
                     + '<p>Also as <a href="/ontology.ttl">Turtle</a>, <a href="/ontology.nt">N-Triples</a>, '
                       '<a href="/ontology.jsonld">JSON-LD</a>, <a href="/ontology.rdf">RDF/XML</a>.</p>')
    toc = []
    for title, kind in KINDS:
        found = terms(kind)
        toc.append(f"<h2>{title} ({len(found)})</h2><p>" + ", ".join(name(t) for t in found) + "</p>")
    parts.append("".join(toc))
    rows = [("subclass of", RDFS.subClassOf), ("equivalent to", OWL.equivalentClass), ("disjoint with", OWL.disjointWith),
            ("subproperty of", RDFS.subPropertyOf), ("domain", RDFS.domain), ("range", RDFS.range),
            ("inverse of", OWL.inverseOf), ("property chain", OWL.propertyChainAxiom), ("type", RDF.type)]
    for title, kind in KINDS:
        parts.append(f"<h2>{title}: definitions</h2>")
        for t in terms(kind):
            local = str(t)[len(AKO):]
            label = graph.value(t, RDFS.label) or local
            comment = graph.value(t, RDFS.comment) or graph.value(t, SKOS.definition)
            facts = []
            for text, prop in rows:
                values = [v for v in graph.objects(t, prop) if not (prop == RDF.type and v == OWL[kind])]
                if values:
                    facts.append(f"<tr><th>{text}</th><td>{', '.join(name(v) for v in values)}</td></tr>")
            parts.append(f'<section class="term" id="{escape(local)}"><h3>{escape(str(label))} '
                         f'<small><code>ako:{escape(local)}</code></small></h3>'
                         + (f"<p>{escape(str(comment))}</p>" if comment else "")
                         + (f"<table>{''.join(facts)}</table>" if facts else "")
                         + f'<p><small>RDF: <a href="/ontology/{escape(local)}.ttl">Turtle</a></small></p></section>')
    return "\n".join(parts)
