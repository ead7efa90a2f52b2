"""Linked Data on the server (src/augustkg/server/linked.py): a resource and an ontology term
by Accept and by extension, /ontology's documentation, the SPARQL service description, VoID,
and the w3id redirect rules applied to sample IRIs against the in-process server.
"""

from __future__ import annotations

import re

import pytest
import rdflib
from starlette.testclient import TestClient

from augustkg.namespaces import AKO, AKR
from augustkg.saved import SavedQueries
from augustkg.server.app import Config, create_app
from augustkg.server.linked import FORMS, RDFLIB_FORMAT
from augustkg.w3id import htaccess

OWL, RDFS = rdflib.OWL, rdflib.RDFS
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
KWANTUNG = rdflib.URIRef(AKR + "KwantungArmy")


@pytest.fixture(scope="module")
def http(kg):
    config = Config(home=kg.home, generation=kg.generation, saved=SavedQueries.load(kg.home / "queries"),
                    timeout=10.0, max_body=1000)
    with TestClient(create_app(config), base_url="http://127.0.0.1:7878") as client:
        yield client


def parsed(response, ext: str) -> rdflib.Graph:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == FORMS[ext]
    return rdflib.Graph().parse(data=response.content, format=RDFLIB_FORMAT[ext])


@pytest.mark.parametrize("ext", list(FORMS))
def test_a_resource_by_accept_and_by_extension_gives_its_facts(http, ext):
    by_accept = http.get("/resource/KwantungArmy", headers={"accept": FORMS[ext]})
    by_ext = http.get(f"/resource/KwantungArmy.{ext}")
    for response in (by_accept, by_ext):
        graph = parsed(response, ext)
        assert (KWANTUNG, rdflib.RDF.type, rdflib.URIRef(AKO + "MilitaryUnit")) in graph
        assert (KWANTUNG, RDFS.label, rdflib.Literal("Kwantung Army", lang="en")) in graph
        linked = {o for o in graph.objects(KWANTUNG, None) if isinstance(o, rdflib.URIRef) and str(o).startswith(AKR)}
        assert linked and all(graph.value(o, RDFS.label) for o in linked)  # what it points at comes with labels
        assert "/resource/KwantungArmy.ttl" in response.headers["link"]
    assert by_accept.headers["vary"] == "Accept"
    assert by_accept.headers["content-location"] == f"/resource/KwantungArmy.{ext}"
    assert set(parsed(by_accept, ext)) == set(parsed(by_ext, ext))


def test_a_resource_is_html_for_browsers_with_links_to_its_rdf(http):
    page = http.get("/resource/KwantungArmy", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["vary"] == "Accept"
    assert all(f"/resource/KwantungArmy.{ext}" in page.headers["link"] for ext in FORMS)
    assert http.get("/resource/NoSuchThing.ttl").status_code == 404


@pytest.mark.parametrize("ext", list(FORMS))
def test_an_ontology_term_by_accept_and_by_extension(http, ext):
    chain = rdflib.URIRef(AKO + "hasAuthorityOver")
    for response in (http.get("/ontology/hasAuthorityOver", headers={"accept": FORMS[ext]}),
                     http.get(f"/ontology/hasAuthorityOver.{ext}")):
        graph = parsed(response, ext)
        assert (chain, rdflib.RDF.type, OWL.ObjectProperty) in graph
        links = list(graph.items(graph.value(chain, OWL.propertyChainAxiom)))
        assert links == [rdflib.URIRef(AKO + "commands"), rdflib.URIRef(AKO + "hasSubordinate")]
        assert response.headers["vary"] == "Accept"
    html = http.get("/ontology/hasAuthorityOver", headers={"accept": "text/html"}, follow_redirects=False)
    assert html.status_code == 303 and html.headers["location"] == "/ontology#hasAuthorityOver"


def test_the_ontology_page_lists_every_class_and_property_and_its_rdf_forms(http, kg):
    onto = rdflib.Graph().parse(kg.home / "ontology" / "augustkg.ttl")
    html = http.get("/ontology", headers={"accept": "text/html"}).text
    terms = {s for kind in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty")
             for s in onto.subjects(rdflib.RDF.type, OWL[kind]) if str(s).startswith(AKO)}
    assert len(terms) > 40
    missing = [t for t in terms if f'id="{str(t)[len(AKO):]}"' not in html]
    assert missing == []
    section = html.split('id="hasAuthorityOver"')[1].split("</section>")[0]
    assert "property chain" in section and "ako:commands</a> ∘ <a" in section
    for ext in FORMS:
        graph = parsed(http.get("/ontology", headers={"accept": FORMS[ext]}), ext)
        assert len(graph) == len(onto)
        assert len(parsed(http.get(f"/ontology.{ext}"), ext)) == len(onto)


@pytest.mark.parametrize("accept,ext", [(None, "ttl"), ("application/ld+json", "jsonld"), ("application/rdf+xml", "rdf")])
def test_sparql_without_a_query_is_its_service_description(http, accept, ext):
    response = http.get("/sparql", headers={"accept": accept} if accept else {})
    graph = parsed(response, ext)
    endpoint = rdflib.URIRef("http://127.0.0.1:7878/sparql")
    assert (None, SD.endpoint, endpoint) in graph
    service = graph.value(None, SD.endpoint, endpoint)
    assert (service, rdflib.RDF.type, SD.Service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert graph.value(service, SD.defaultDataset) is not None
    assert len(list(graph.objects(service, SD.resultFormat))) >= 4


def test_void_counts_the_graph_and_names_the_endpoint(http, kg):
    graph = parsed(http.get("/.well-known/void"), "ttl")
    dataset = rdflib.URIRef("https://w3id.org/augustkg/void")
    assert (dataset, VOID.sparqlEndpoint, rdflib.URIRef("http://127.0.0.1:7878/sparql")) in graph
    assert (dataset, rdflib.DCTERMS.license, rdflib.URIRef("https://creativecommons.org/licenses/by-sa/4.0/")) in graph
    triples = int(graph.value(dataset, VOID.triples))
    stored = int(next(iter(kg.store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))[0].value)
    assert triples == stored
    assert (dataset, VOID.exampleResource, KWANTUNG) in graph
    assert (dataset, VOID.vocabulary, rdflib.URIRef(AKO)) in graph
    assert len(parsed(http.get("/.well-known/void.jsonld"), "jsonld")) == len(graph)


def apply_rules(text: str, path: str) -> tuple[str, str] | None:
    """(status, target) the first matching RewriteRule gives a path inside the namespace, as
    Apache's mod_rewrite does in a folder's .htaccess (the folder prefix stripped)."""
    for line in text.splitlines():
        match = re.match(r"RewriteRule\s+(\S+)\s+(\S+)\s+\[(.*)\]", line.strip())
        if match:
            pattern, target, flags = match.groups()
            found = re.search(pattern, path)
            if found:
                status = re.search(r"R=(\d+)", flags).group(1)
                return status, re.sub(r"\$(\d)", lambda m: found.group(int(m.group(1))), target)
    return None


@pytest.mark.parametrize("iri,accept", [
    ("https://w3id.org/augustkg/resource/KwantungArmy", "text/turtle"),
    ("https://w3id.org/augustkg/resource/KwantungArmy", "text/html"),
    ("https://w3id.org/augustkg/resource/KwantungArmy.nt", None),
    ("https://w3id.org/augustkg/ontology#Commander", "text/html"),
    ("https://w3id.org/augustkg/ontology#hasAuthorityOver", "application/ld+json"),
    ("https://w3id.org/augustkg/ontology.ttl", None),
    ("https://w3id.org/augustkg/void", None),
    ("https://w3id.org/augustkg/sparql", None),
])
def test_the_w3id_rules_send_sample_iris_to_urls_the_server_answers(http, iri, accept):
    local = "http://127.0.0.1:7878"
    path = iri.split("#")[0].removeprefix("https://w3id.org/augustkg/")  # browsers never send the fragment
    status, target = apply_rules(htaccess(local), path)
    assert status in ("303", "307") and target.startswith(local + "/")
    response = http.get(target.removeprefix(local), headers={"accept": accept} if accept else {})
    assert response.status_code == 200, (iri, target)


def test_the_committed_w3id_rules_are_the_generated_ones(kg):
    from augustkg.settings import SETTINGS

    assert (kg.home / "docs" / "w3id" / ".htaccess").read_text() == htaccess(SETTINGS["public_url"].default)


def test_the_release_bundle_carries_the_void_description(kg):
    from augustkg.export.bundle import files
    from augustkg.export.snapshot import Snapshot
    from augustkg.settings import SETTINGS

    graph = rdflib.Graph().parse(data=files(Snapshot.read(kg.generation), kg.home)["void.ttl"], format="turtle")
    dataset = rdflib.URIRef("https://w3id.org/augustkg/void")
    endpoint = rdflib.URIRef(SETTINGS["public_url"].default + "/sparql")
    assert (dataset, VOID.sparqlEndpoint, endpoint) in graph
    assert int(graph.value(dataset, VOID.triples)) > 1000
