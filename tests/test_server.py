"""`augustkg serve` over real HTTP: the SPARQL 1.1 Protocol, the guards, the saved-query API and the pages.

The server is the real command in a child process (Oxigraph's server behind it) on a free
loopback port, over the session's build.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import xml.etree.ElementTree as ET

import httpx
import pytest
import rdflib

from augustkg.namespaces import sparql_prefixes
from augustkg.server.launch import running

HIERARCHY = "SELECT ?unit WHERE { ?unit ako:subordinateTo akr:KwantungArmy } ORDER BY ?unit"
FRONTS_GRAPH = "CONSTRUCT { ?f a ako:Front ; rdfs:label ?l } WHERE { ?f a ako:Front ; rdfs:label ?l }"
# Three cross products of every triple under a filter that never holds: many minutes on this
# store, and the engine's own timeout does not stop it (it checks only between solutions).
SLOW = """SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i .
  FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), "never")) }"""
UPDATE = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"


@pytest.fixture(scope="module")
def server(root, build_dir):
    with running(root, build_dir, timeout=2) as url:
        yield url


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


def iris(answer: dict, var: str) -> list[str]:
    return [b[var]["value"] for b in answer["results"]["bindings"]]


def expected_units(kg) -> list[str]:
    return [row["unit"] for row in kg.query(HIERARCHY).values()]


# --- the protocol ----------------------------------------------------------------------------

def test_get_form_post_and_direct_post_give_the_same_answer(http, kg):
    want = expected_units(kg)
    assert len(want) > 5
    accept = {"accept": "application/sparql-results+json"}
    answers = [
        http.get("/sparql", params={"query": HIERARCHY}, headers=accept),
        http.post("/sparql", data={"query": HIERARCHY}, headers=accept),
        http.post("/sparql", content=HIERARCHY, headers={**accept, "content-type": "application/sparql-query"}),
    ]
    for response in answers:
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert iris(response.json(), "unit") == want


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_select_results_in_every_format(http, kg, accept, media):
    response = http.get("/sparql", params={"query": HIERARCHY}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    want = set(expected_units(kg))
    if media.endswith("json"):
        got = set(iris(response.json(), "unit"))
    elif media.endswith("xml"):
        ns = "{http://www.w3.org/2005/sparql-results#}"
        got = {e.text for e in ET.fromstring(response.content).iter(ns + "uri")}
    elif media == "text/csv":
        got = {row["unit"] for row in csv.DictReader(io.StringIO(response.text))}
    else:
        got = {line.strip("<>") for line in response.text.splitlines()[1:]}
    assert got == want


@pytest.mark.parametrize("accept, rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")])
def test_graph_results_in_every_format(http, kg, accept, rdflib_format):
    response = http.get("/sparql", params={"query": FRONTS_GRAPH}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    graph = rdflib.Graph().parse(data=response.text, format=rdflib_format)
    assert len(graph) == len(kg.query(FRONTS_GRAPH)) > 0


def test_sparqlwrapper_and_rdflib_sparqlstore_agree_with_the_api(server, kg):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    from SPARQLWrapper import JSON, SPARQLWrapper

    want = expected_units(kg)
    wrapper = SPARQLWrapper(server + "/sparql")
    wrapper.setQuery(sparql_prefixes() + HIERARCHY)
    wrapper.setReturnFormat(JSON)
    assert iris(wrapper.queryAndConvert(), "unit") == want

    store = SPARQLStore(server + "/sparql")
    rows = rdflib.Graph(store=store).query(sparql_prefixes() + HIERARCHY)
    assert [str(row.unit) for row in rows] == want


def test_malformed_query_is_400_with_the_parsers_message(http):
    response = http.get("/sparql", params={"query": "SELECT ?x\nWHERE { ?x ?y }"})
    assert response.status_code == 400
    # the position is in the caller's own lines: the predeclared prefixes do not shift it
    assert "error at 2:" in response.text and "expected" in response.text


def test_missing_query_is_400(http):
    assert http.get("/sparql").status_code == 400


@pytest.mark.parametrize("send", [
    lambda h: h.post("/sparql", data={"update": UPDATE}),
    lambda h: h.get("/sparql", params={"update": UPDATE}),
    lambda h: h.post("/sparql", content=UPDATE, headers={"content-type": "application/sparql-update"}),
    lambda h: h.post("/sparql", content=UPDATE, headers={"content-type": "application/sparql-query"}),
    lambda h: h.get("/sparql", params={"query": "PREFIX x: <urn:x:>\n# a comment\n" + UPDATE}),
    lambda h: h.post("/update", data={"update": UPDATE}),
], ids=["form-update", "get-update", "sparql-update", "update-as-query", "update-after-prologue", "/update"])
def test_every_update_is_refused_and_the_store_is_unchanged(http, build_dir, send):
    manifest = build_dir / "current" / "manifest.json"
    before = json.loads(manifest.read_text())["closure_sha256"]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    n_before = http.get("/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"]
    response = send(http)
    assert 400 <= response.status_code < 500
    assert "read-only" in response.text
    assert json.loads(manifest.read_text())["closure_sha256"] == before
    assert http.get("/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"] == n_before
    asked = http.get("/sparql", params={"query": "ASK { <urn:x:a> ?p ?o }"}).json()
    assert asked["boolean"] is False


def test_a_runaway_query_is_stopped_while_others_are_served(server):
    outcome = {}

    def slow():
        started = time.monotonic()
        with httpx.Client(timeout=60) as client:
            outcome["slow"] = client.get(server + "/sparql", params={"query": SLOW})
        outcome["slow_seconds"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)
    with httpx.Client(timeout=10) as other:
        quick = other.get(server + "/sparql", params={"query": "ASK { akr:KwantungArmy a ako:MilitaryUnit }"})
        assert thread.is_alive(), "the slow query should still be running"
        assert quick.status_code == 200 and quick.json()["boolean"] is True
    thread.join(30)
    assert outcome["slow"].status_code == 503
    assert "time limit" in outcome["slow"].text
    assert outcome["slow_seconds"] < 2 + 2
    # and the server goes on answering afterwards
    after = httpx.get(server + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    assert after.status_code == 200


def test_bodies_over_the_limit_are_413(server, root, build_dir):
    with running(root, build_dir, env={"AUGUSTKG_MAX_BODY": "1000"}) as url, httpx.Client(base_url=url) as client:
        small = client.post("/sparql", content="ASK {}", headers={"content-type": "application/sparql-query"})
        assert small.status_code == 200
        big = "ASK {}" + " " * 2000
        declared = client.post("/sparql", content=big, headers={"content-type": "application/sparql-query"})
        assert declared.status_code == 413

        def chunks():  # no Content-Length: counted as it streams
            for _ in range(10):
                yield b" " * 200

        streamed = client.post("/sparql", content=chunks(), headers={"content-type": "application/sparql-query"})
        assert "content-length" not in streamed.request.headers
        assert streamed.status_code == 413
        form = client.post("/sparql", data={"query": big})
        assert form.status_code == 413


def test_cors_is_off_by_default(http):
    response = http.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://example.org"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_cors_when_configured(root, build_dir):
    with running(root, build_dir, env={"AUGUSTKG_CORS": "https://example.org"}) as url:
        response = httpx.get(url + "/sparql", params={"query": "ASK {}"}, headers={"origin": "https://example.org"})
        assert response.headers["access-control-allow-origin"] == "https://example.org"
        preflight = httpx.options(url + "/sparql", headers={
            "origin": "https://example.org", "access-control-request-method": "POST"})
        assert preflight.status_code == 200
        other = httpx.get(url + "/sparql", params={"query": "ASK {}"}, headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_binds_loopback_by_default(server):
    port = int(server.rsplit(":", 1)[1])
    listening = set()
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hexport = local.split(":")
        if state == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
            listening.add(address)
    assert listening == {"0100007F"}  # 127.0.0.1 only


# --- saved queries -------------------------------------------------------------------------

def test_catalogue_lists_the_saved_queries_with_parameters(http, root):
    catalogue = {q["name"]: q for q in http.get("/queries").json()}
    assert set(catalogue) == {p.stem for p in (root / "queries").glob("*.rq") if not p.stem.endswith("-violation")}
    who = catalogue["who-commanded"]
    assert who["summary"] and "description" in who and "command" in who["tags"]
    assert [p["name"] for p in who["parameters"]] == ["unit"]
    assert who["parameters"][0]["optional"] is True


def test_saved_query_with_a_parameter_bound_like_the_cli(http, kg):
    want = kg.run("who-commanded", unit="Kwangtung Army").values()
    response = http.get("/queries/who-commanded", params={"unit": "Kwangtung Army"},
                        headers={"accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert iris(response.json(), "commander") == [row["commander"] for row in want]
    assert want and want[0]["commanderLabel"] == "Otozō Yamada"


@pytest.mark.parametrize("suffix, media", [(".json", "application/sparql-results+json"), (".csv", "text/csv"),
                                           (".tsv", "text/tab-separated-values"), (".xml", "application/sparql-results+xml")])
def test_suffix_chooses_the_format(http, suffix, media):
    response = http.get(f"/queries/who-commanded{suffix}", params={"unit": "Kwantung Army"},
                        headers={"accept": "text/csv" if suffix != ".csv" else "application/json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert "OtozoYamada" in response.text


def test_accept_chooses_the_format(http):
    response = http.get("/queries/who-commanded", params={"unit": "Kwantung Army"}, headers={"accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines()[0] == "unit,unitLabel,commander,commanderLabel"


def test_unknown_query_is_404_with_close_matches(http):
    response = http.get("/queries/who-comanded")
    assert response.status_code == 404
    assert "who-commanded" in response.text


@pytest.mark.parametrize("params, words", [
    ({"unit": "Nobody Whatsoever"}, ["Nobody Whatsoever"]),
    ({"colour": "red"}, ["colour", "unit"]),
])
def test_bad_parameter_is_400_naming_it(http, params, words):
    response = http.get("/queries/who-commanded", params=params)
    assert response.status_code == 400
    for word in words:
        assert word in response.text


def test_openapi_has_one_path_per_saved_query(http):
    document = http.get("/openapi.json").json()
    assert document["openapi"].startswith("3.")
    catalogue = http.get("/queries").json()
    for q in catalogue:
        operation = document["paths"][f"/queries/{q['name']}"]["get"]
        assert [p["name"] for p in operation["parameters"]] == [p["name"] for p in q["parameters"]]
        assert all(p["in"] == "query" for p in operation["parameters"])


# --- pages ---------------------------------------------------------------------------------

def test_home_page_links_everything(http):
    html = http.get("/").text
    for href in ('href="/editor"', 'href="/gallery"', 'href="/oob"', 'href="/sparql"', 'href="/openapi.json"'):
        assert href in html
    assert "cdn" not in html.lower() and "https://" not in html.split("<body>")[0]


def test_editor_page_has_examples_from_the_saved_queries(http):
    html = http.get("/editor").text
    assert '<textarea id="query"' in html and "/static/editor.js" in html
    assert "Who commanded a unit" in html
    assert http.get("/static/editor.js").status_code == 200


def test_gallery_has_a_form_per_saved_query(http):
    html = http.get("/gallery").text
    for q in http.get("/queries").json():
        assert f'action="/queries/{q["name"]}/page"' in html


def test_query_page_renders_a_table_linking_to_resources(http):
    response = http.get("/queries/who-commanded/page", params={"unit": "Kwangtung Army"})
    assert response.status_code == 200
    assert '<a href="/resource/OtozoYamada"' in response.text
    assert "/queries/who-commanded/page?unit=Kwangtung+Army" in response.text  # the shareable link
    bad = http.get("/queries/who-commanded/page", params={"unit": "Nobody Whatsoever"})
    assert bad.status_code == 400 and "Nobody Whatsoever" in bad.text


def test_resource_page(http):
    response = http.get("/resource/OtozoYamada")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Otozō Yamada</h1>" in html
    assert '<a href="/resource/KwantungArmy"' in html  # commands the Kwantung Army
    assert "Inferred facts" in html and "propertyChainAxiom" in html  # with the axiom behind it
    assert "Reference 5" in html  # its sources
    assert http.get("/resource/NoSuchThingAtAll").status_code == 404


def test_resource_page_shows_labels_in_every_language(http, kg):
    rows = kg.query('SELECT ?s (COUNT(DISTINCT LANG(?l)) AS ?n) WHERE { ?s rdfs:label|skos:altLabel ?l '
                    'FILTER(STRSTARTS(STR(?s), STR(akr:))) } GROUP BY ?s ORDER BY DESC(?n) LIMIT 1').values()
    iri = rows[0]["s"]
    languages = {r["lang"] for r in kg.query(
        f"SELECT DISTINCT (LANG(?l) AS ?lang) WHERE {{ <{iri}> rdfs:label|skos:altLabel ?l }}").values()}
    html = http.get("/resource/" + iri.rsplit("/", 1)[1]).text
    for language in languages - {""}:
        assert f"<td>{language}</td>" in html


def test_order_of_battle_is_a_tree_from_the_top(http):
    html = http.get("/oob").text
    start = html.index('<a href="/resource/KwantungArmy"')
    below = html[start:html.index("</details>", start)]
    assert '<a href="/resource/FirstAreaArmy"' in below
    assert '<a href="/resource/OtozoYamada"' in below[:400]  # the commander beside the unit
    assert html.index('href="/resource/FarEastCommand"') < html.index('href="/resource/TransbaikalFront"')


def test_the_drawings_are_on_the_pages(http):
    """The `augustkg draw` pictures appear on the order-of-battle and timeline pages."""
    import xml.etree.ElementTree as ET

    assert '<img src="/pictures/oob.svg"' in http.get("/oob").text
    assert '<img src="/pictures/timeline.svg"' in http.get("/timeline").text
    for name, label in [("oob.svg", "Kwantung Army"), ("timeline.svg", "Kuril Landing Operation")]:
        response = http.get(f"/pictures/{name}")
        assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
        ET.fromstring(response.content)  # well-formed SVG
        assert label in response.text
    assert http.get("/pictures/nothing.svg").status_code == 404
