"""The VoID description of the graph: what the server answers at /.well-known/void and what the
release bundle carries as void.ttl — counts, vocabularies, licence, example resources and the
SPARQL endpoint, so that dataset catalogues and crawlers can find and size the graph.
"""

from __future__ import annotations

from .namespaces import AKR, PREFIXES

VOID = "http://rdfs.org/ns/void#"
EXAMPLES = ("KwantungArmy", "OtozoYamada", "AleksandrVasilevsky")


def void_turtle(asserted, inferred, endpoint: str | None) -> str:
    """VoID in Turtle for the asserted and inferred triples (pyoxigraph triples) and an endpoint.

    >>> import pyoxigraph as ox
    >>> t = ox.Triple(ox.NamedNode(AKR + "X"), ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(PREFIXES["ako"] + "Unit"))
    >>> "void:triples 1 ;" in void_turtle([t], [], "http://127.0.0.1/sparql")
    True
    """
    rdf_type = PREFIXES["rdf"] + "type"
    everything = list(asserted) + list(inferred)
    entities = {t.subject.value for t in everything if t.subject.value.startswith(AKR)}
    classes = {t.object.value for t in everything if t.predicate.value == rdf_type}
    properties = {t.predicate.value for t in everything}
    vocabularies = " , ".join(f"<{ns}>" for name, ns in PREFIXES.items() if name != "akr")
    examples = " , ".join(f"<{AKR}{e}>" for e in EXAMPLES)
    endpoint_line = f"    void:sparqlEndpoint <{endpoint}> ;\n" if endpoint else ""
    return f"""@prefix void: <{VOID}> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/augustkg/void> a void:Dataset ;
    dcterms:title "The Soviet–Japanese War of 1945 (augustkg)"@en ;
    dcterms:description "A cited knowledge graph of the 1945 Soviet–Japanese War, from the English Wikipedia article."@en ;
    dcterms:license <https://creativecommons.org/licenses/by-sa/4.0/> ;
    dcterms:source <https://en.wikipedia.org/wiki/Soviet%E2%80%93Japanese_War> ;
{endpoint_line}    void:uriSpace "{AKR}" ;
    void:vocabulary {vocabularies} ;
    void:exampleResource {examples} ;
    void:triples {len(everything)} ;
    void:entities {len(entities)} ;
    void:classes {len(classes)} ;
    void:properties {len(properties)} ;
    void:subset [ a void:Dataset ; dcterms:title "asserted" ; void:triples {len(asserted)} ] ,
                [ a void:Dataset ; dcterms:title "inferred by reasoning" ; void:triples {len(inferred)} ] .
"""
