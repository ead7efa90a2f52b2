"""The web app in process, through Starlette's test client, with the real Oxigraph engine behind
it: the SPARQL 1.1 Protocol and its guards, the saved-query API, the pages, and the routes
table as the one place a URL is declared (dispatch, OpenAPI, navigation and links derive from it).
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
import rdflib
from conftest import HIERARCHY, expected_units, iris
from starlette.routing import compile_path
from starlette.testclient import TestClient

from augustkg.saved import SavedQueries
from augustkg.server.app import Config, create_app
from augustkg.server.routes import ROUTES, navigation

FRONTS_GRAPH = "CONSTRUCT { ?f a ako:Front ; rdfs:label ?l } WHERE { ?f a ako:Front ; rdfs:label ?l }"
UPDATE = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
BASE = "http://127.0.0.1:7878"  # a host the server answers for (the test client's own "testserver" is not)


def config(kg, **changes) -> Config:
    settings = {"home": kg.home, "generation": kg.generation, "saved": SavedQueries.load(kg.home / "queries"),
                "timeout": 10.0, "max_body": 1000, **changes}
    return Config(**settings)


@pytest.fixture(scope="module")
def http(kg):
    with TestClient(create_app(config(kg)), base_url=BASE) as client:
        yield client


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


def test_malformed_query_is_400_with_the_parsers_message(http):
    response = http.get("/sparql", params={"query": "SELECT ?x\nWHERE { ?x ?y }"})
    assert response.status_code == 400
    # the position is in the caller's own lines: the predeclared prefixes do not shift it
    assert "error at 2:" in response.text and "expected" in response.text


def test_missing_query_is_400(http):
    """A protocol request without its query (a bare GET /sparql is the service description:
    tests/test_linked.py)."""
    assert http.get("/sparql", params={"default-graph-uri": "urn:x:g"}).status_code == 400
    assert http.post("/sparql", data={"default-graph-uri": "urn:x:g"}).status_code == 400


@pytest.mark.parametrize("send", [
    lambda h: h.post("/sparql", data={"update": UPDATE}),
    lambda h: h.get("/sparql", params={"update": UPDATE}),
    lambda h: h.post("/sparql", content=UPDATE, headers={"content-type": "application/sparql-update"}),
    lambda h: h.post("/sparql", content=UPDATE, headers={"content-type": "application/sparql-query"}),
    lambda h: h.get("/sparql", params={"query": "PREFIX x: <urn:x:>\n# a comment\n" + UPDATE}),
    lambda h: h.post("/update", data={"update": UPDATE}),
], ids=["form-update", "get-update", "sparql-update", "update-as-query", "update-after-prologue", "/update"])
def test_every_update_is_refused_and_the_store_is_unchanged(http, kg, send):
    manifest = kg.generation / "manifest.json"
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


def test_cors_is_off_by_default_so_a_cross_site_query_is_refused(http):
    response = http.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://example.org"})
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers


def test_bodies_over_the_limit_are_413(http):
    small = http.post("/sparql", content="ASK {}", headers={"content-type": "application/sparql-query"})
    assert small.status_code == 200
    big = "ASK {}" + " " * 2000
    declared = http.post("/sparql", content=big, headers={"content-type": "application/sparql-query"})
    assert declared.status_code == 413
    form = http.post("/sparql", data={"query": big})
    assert form.status_code == 413


def test_cors_when_configured(kg):
    with TestClient(create_app(config(kg, cors="https://example.org")), base_url=BASE) as client:
        response = client.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://example.org"})
        assert response.headers["access-control-allow-origin"] == "https://example.org"
        preflight = client.options("/sparql", headers={
            "origin": "https://example.org", "access-control-request-method": "POST"})
        assert preflight.status_code == 200
        other = client.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


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
    assert "/static/yasgui/yasgui.min.js" in html and "/static/editor.js" in html  # YASGUI, vendored
    assert "Who commanded a unit" in html
    assert http.get("/static/editor.js").status_code == 200
    assert http.get("/static/yasgui/yasgui.min.js").status_code == 200
    assert "MIT" in http.get("/static/yasgui/LICENSE").text


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


def test_answer_table_has_one_column_per_entity(http):
    """?unit and ?unitLabel are one column: the name as the link, the IRI on hover."""
    html = http.get("/queries/who-commanded/page", params={"unit": "Kwangtung Army"}).text
    head = re.search(r"<thead>(.*?)</thead>", html).group(1)
    assert re.findall(r"<th>(.*?)</th>", head) == ["unit", "commander"]
    assert ('<a href="/resource/KwantungArmy" title="https://w3id.org/augustkg/resource/KwantungArmy">'
            "Kwantung Army</a>") in html


def test_gallery_forms_show_short_names_and_drop_downs(http):
    html = http.get("/gallery").text
    assert 'placeholder="https://' not in html and 'placeholder="e.g. https://' not in html
    who = re.search(r'<section class="query" id="who-commanded">.*?</section>', html, re.S).group(0)
    assert 'placeholder="e.g. Transbaikal Front; empty for all"' in who
    commanders = re.search(r'<section class="query" id="commanders-all">.*?</section>', html, re.S).group(0)
    select = re.search(r'<select name="country">(.*?)</select>', commanders).group(1)
    assert re.findall(r"<option[^>]*>(.*?)</option>", select) == ["all", "Soviet Union", "Japan", "Mongolia"]
    assert '<option value="https://w3id.org/augustkg/resource/Japan">' in select
    # a value chosen in the drop-down runs the query and stays chosen on the answer page
    answer = http.get("/queries/commanders-all/page", params={"country": "https://w3id.org/augustkg/resource/Japan"})
    assert answer.status_code == 200
    assert '<option value="https://w3id.org/augustkg/resource/Japan" selected>' in answer.text


def test_resource_page(http):
    response = http.get("/resource/OtozoYamada")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Otozō Yamada</h1>" in html
    assert '<a href="/resource/KwantungArmy"' in html  # commands the Kwantung Army
    # facts under their headings, each inferred one with the axiom behind it
    assert "Command and allegiance" in html and 'class="inferred">inferred</small>' in html
    assert "propertyChainAxiom" in html
    assert "Reference 5" in html  # its sources
    assert http.get("/resource/NoSuchThingAtAll").status_code == 404


def test_resource_page_figures_show_their_sources(http):
    html = http.get("/resource/KwantungArmy").text
    figures = html[html.index("<h2>Figures about it</h2>"):]
    figures = figures[:figures.index("</table>")]
    assert "<th>stated in the article</th>" in figures
    assert "Nomonhan: Japan Against Russia, 1939" in figures and "Japanese forces, paragraph 3" in figures


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
    assert '<img src="/pictures/oob.svg"' in http.get("/oob").text
    assert '<img src="/pictures/timeline.svg"' in http.get("/timeline").text
    for name, label in [("oob.svg", "Kwantung Army"), ("timeline.svg", "Kuril Landing Operation")]:
        response = http.get(f"/pictures/{name}")
        assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
        ET.fromstring(response.content)  # well-formed SVG
        assert label in response.text
    assert http.get("/pictures/nothing.svg").status_code == 404


# --- the routes table -------------------------------------------------------------------------

PAGES = ["/", "/editor", "/gallery", "/oob", "/timeline", "/resource/KwantungArmy",
         "/queries/who-commanded/page?unit=Kwangtung+Army"]
PATTERNS = [compile_path(r.path)[0] for r in ROUTES]


def is_route(path: str) -> bool:
    return any(p.match(path.split("?")[0].split("#")[0]) for p in PATTERNS)


def test_every_route_in_the_table_answers(http):
    samples = {"{name:path}": "KwantungArmy", "{name}": "who-commanded", "{path:path}": "app.css", "{ext}": "ttl", "{term}": "Commander.ttl"}
    for route in ROUTES:
        path = route.path
        for placeholder, value in samples.items():
            path = path.replace(placeholder, value)
        if path == "/pictures/who-commanded":
            path = "/pictures/timeline.svg"
        response = http.request(route.methods[0], path, params={"query": "ASK {}"} if path == "/sparql" else None)
        assert response.status_code in (200, 403), (route.path, response.status_code, response.text[:200])


def test_what_is_not_in_the_table_is_not_found(http):
    for path in ("/nothing", "/sparql/more", "/static", "/pictures/oob.png"):
        assert http.get(path).status_code in (404, 405), path


def test_every_link_on_the_pages_is_a_route(http):
    for page in PAGES:
        html = http.get(page).text
        links = re.findall(r'(?:href|src|action)="(/[^"]*)"', html)
        assert links, page
        for link in links:
            assert is_route(link), f"{page} links to {link}, which no route in the table answers"


def test_the_navigation_bar_is_the_tables(http):
    html = http.get("/").text
    bar = re.search(r"<nav>(.*?)</nav>", html).group(1)
    assert re.findall(r'<a href="([^"]*)">([^<]*)</a>', bar) == navigation()


def test_openapi_lists_only_routes_of_the_table(http):
    paths = http.get("/openapi.json").json()["paths"]
    assert "/sparql" in paths and "/queries" in paths
    assert all(is_route(path) for path in paths)
    api = {r.path for r in ROUTES if r.openapi}
    assert api == {"/sparql", "/queries", "/queries/{name}"}


def test_no_route_is_declared_outside_the_table():
    """Only app.py turns table rows into Starlette routes; no module matches paths of its own."""
    from pathlib import Path

    import augustkg.server as server

    for path in Path(server.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name not in ("app.py", "routes.py"):
            assert not re.search(r"\b(Route|Mount)\(", text), path.name
            assert not re.search(r'scope\["path"\] ==|path\.startswith\("/', text), path.name
