"""Exports: every RDF format round-trips, the ontology passes a second OWL parser, GraphML and the
Neo4j CSV have the shape network tools expect, and a real Oxigraph server fed the N-Triples
export answers like the embedded store."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys

import httpx
import pytest
import rdflib
from click.testing import CliRunner
from conftest import optional_module, requires
from rdflib.compare import isomorphic

from augustkg.cli import cli
from augustkg.export import FORMATS, Snapshot, render
from augustkg.namespaces import AKO, AKR, ASSERTED_GRAPH, INFERRED_GRAPH

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own Dataset internals

RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}
RDF_FORMATS = list(RDFLIB_FORMATS)
QUAD_FORMATS = ("nq", "trig")


def test_the_registry_offers_every_format():
    assert set(FORMATS) == {*RDF_FORMATS, "graphml", "csv"}


@pytest.fixture(scope="module")
def snap(kg):
    return Snapshot.read(kg.generation)


@pytest.fixture(scope="module")
def reference(kg):
    """The graphs the exports come from, read independently from the generation's dumps."""
    return {False: rdflib.Graph().parse(kg.generation / "asserted.nt", format="nt"),
            True: rdflib.Graph().parse(kg.generation / "closure.nt", format="nt")}


def _parse(data: bytes, fmt: str) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(data=data, format=RDFLIB_FORMATS[fmt])
    return ds


def _merged(ds: rdflib.Dataset) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads():
        g.add((s, p, o))
    return g


def test_dumps_match_the_store(kg, reference):
    counts = kg.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").values()
    by_graph = {row["g"]: row["n"] for row in counts}
    assert by_graph[ASSERTED_GRAPH] == len(reference[False])
    assert by_graph[ASSERTED_GRAPH] + by_graph[INFERRED_GRAPH] == len(reference[True])


@pytest.mark.parametrize("inferred", [False, True], ids=["asserted", "inferred"])
@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_round_trip(snap, reference, fmt, inferred):
    back = _merged(_parse(render(snap, fmt, inferred), fmt))
    assert len(back) == len(reference[inferred])
    assert isomorphic(back, reference[inferred])


@pytest.mark.parametrize("fmt", QUAD_FORMATS)
def test_quad_formats_keep_the_named_graphs(snap, reference, fmt):
    ds = _parse(render(snap, fmt, inferred=True), fmt)
    asserted = ds.graph(rdflib.URIRef(ASSERTED_GRAPH))
    inferred = ds.graph(rdflib.URIRef(INFERRED_GRAPH))
    assert isomorphic(rdflib.Graph() + asserted, reference[False])
    assert len(asserted) + len(inferred) == len(reference[True])
    assert set(asserted).isdisjoint(set(inferred))


def test_exports_are_deterministic(kg, snap):
    """Another process (other hash seeds, other blank-node handling) writes the same bytes."""
    formats = (*RDF_FORMATS, "graphml")
    script = ("import hashlib, sys; from pathlib import Path; from augustkg.export import Snapshot, render; "
              "s = Snapshot.read(Path(sys.argv[1])); "
              "print(' '.join(hashlib.sha256(render(s, f)).hexdigest() for f in sys.argv[2:]))")
    other = subprocess.run([sys.executable, "-c", script, str(kg.generation), *formats],
                           capture_output=True, text=True, check=True).stdout.split()
    assert other == [hashlib.sha256(render(snap, fmt)).hexdigest() for fmt in formats]


def test_jsonld_reads_as_plain_json(snap):
    doc = json.loads(render(snap, "jsonld", inferred=True))
    nodes = {n["id"]: n for n in doc["@graph"]}
    kwantung = nodes["akr:KwantungArmy"]
    assert kwantung["label"] == "Kwantung Army"
    assert "Army" in kwantung["type"] and "MilitaryUnit" in kwantung["type"]
    assert "akr:FirstAreaArmy" in kwantung["hasSubordinate"]  # an inference, as a plain id string
    war = nodes["akr:SovietJapaneseWar"]
    assert (war["startDate"], war["endDate"]) == ("1945-08-09", "1945-09-03")
    assert doc["@context"]["startDate"] == {"@id": "ako:startDate", "@type": "xsd:date"}
    assert "Operation August Storm" in war["altLabel"]  # English is the default language of altLabel
    asserted = {n["id"]: n for n in json.loads(render(snap, "jsonld", inferred=False))["@graph"]}
    assert "hasSubordinate" not in asserted["akr:KwantungArmy"]


def test_ontology_parses_with_horned_owl(root):
    """py-horned-owl (Rust, OWL 2 structural model) stands in for Protégé's OWL API."""
    pyhornedowl = optional_module("pyhornedowl", "py-horned-owl (the `test` extra)")
    path = root / "ontology" / "augustkg.ttl"
    onto = pyhornedowl.open_ontology(str(path))
    g = rdflib.Graph().parse(path)
    OWL = rdflib.OWL

    def declared(kind):
        return {str(s) for s in g.subjects(rdflib.RDF.type, kind) if isinstance(s, rdflib.URIRef)}

    assert set(onto.get_classes()) == declared(OWL.Class)
    assert set(onto.get_object_properties()) == declared(OWL.ObjectProperty)
    assert set(onto.get_data_properties()) == declared(OWL.DatatypeProperty)
    kinds = {}
    for axiom in onto.get_axioms():
        name = type(axiom.component).__name__
        kinds[name] = kinds.get(name, 0) + 1
    named_subclass = sum(1 for _, o in g.subject_objects(rdflib.RDFS.subClassOf) if isinstance(o, rdflib.URIRef))
    assert kinds.get("SubClassOf", 0) >= named_subclass
    assert kinds.get("TransitiveObjectProperty") == len(declared(OWL.TransitiveProperty))
    assert kinds.get("InverseObjectProperties", 0) >= 1 and kinds.get("EquivalentClasses") == 1


def _count(kg, sparql: str, inferred: bool) -> int:
    return kg.query(sparql, asserted=not inferred).values()[0]["n"]


NODE_COUNT = f"""SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  {{ ?x ?p ?o FILTER(STRSTARTS(STR(?x), "{AKR}")) }}
  UNION {{ ?s ?p ?x FILTER(isIRI(?x) && STRSTARTS(STR(?s), "{AKR}") && STRSTARTS(STR(?x), "{AKR}")) }} }}"""
EDGE_COUNT = f"""SELECT (COUNT(*) AS ?n) WHERE {{
  ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?s), "{AKR}") && STRSTARTS(STR(?o), "{AKR}")) }}"""


@pytest.mark.parametrize("inferred", [False, True], ids=["asserted", "inferred"])
def test_graphml_in_networkx(kg, snap, inferred):
    nx = optional_module("networkx", "networkx (the `draw` extra)")
    g = nx.read_graphml(io.BytesIO(render(snap, "graphml", inferred)))
    assert g.number_of_nodes() == _count(kg, NODE_COUNT, inferred)
    assert g.number_of_edges() == _count(kg, EDGE_COUNT, inferred)
    kwantung = g.nodes[AKR + "KwantungArmy"]
    assert kwantung["label"] == "Kwantung Army" and "ako:Army" in kwantung["type"].split()
    chain = nx.DiGraph([(u, v) for u, v, d in g.edges(data=True) if d["property"] == "ako:directlySubordinateTo"])
    assert nx.is_forest(chain.to_undirected()) and all(chain.out_degree(n) <= 1 for n in chain)
    roots = {n for n in chain if chain.out_degree(n) == 0}
    top = {r["u"] for r in kg.query("SELECT DISTINCT ?u WHERE { ?u a ako:TopLevelUnit . "
                                     "?x ako:directlySubordinateTo ?u }").values()}
    assert roots == top and AKR + "KwantungArmy" in roots and AKR + "FarEastCommand" in roots
    if inferred:
        labels = {d["label"] for _, _, d in g.edges(data=True) if d["inferred"]}
        direct = [d for _, _, d in g.edges(data=True) if d["property"] == "ako:directlySubordinateTo"]
        assert "has subordinate" in {lbl.lower() for lbl in labels} and not any(d["inferred"] for d in direct)


def test_csv_for_neo4j(kg, snap, tmp_path):
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "-o", str(tmp_path / "kg"),
                                      "--store-dir", str(kg.generation.parent)],
                                env={"AUGUSTKG_HOME": str(kg.home)})
    assert result.exit_code == 0, result.output
    with open(tmp_path / "kg-nodes.csv", newline="", encoding="utf-8") as f:
        nodes = list(csv.reader(f))
    with open(tmp_path / "kg-relationships.csv", newline="", encoding="utf-8") as f:
        rels = list(csv.reader(f))
    assert nodes[0][:3] == ["id:ID", "label", ":LABEL"]
    assert rels[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert len(nodes) - 1 == _count(kg, NODE_COUNT, True)
    assert len(rels) - 1 == _count(kg, EDGE_COUNT, True)
    ids = {row[0] for row in nodes[1:]}
    assert len(ids) == len(nodes) - 1
    assert all(row[0] in ids and row[1] in ids for row in rels[1:])
    front = next(row for row in nodes if row[0] == "akr:TransbaikalFront")
    assert {"Resource", "Front", "MilitaryUnit"} <= set(front[2].split(";"))
    assert ["akr:TransbaikalFront", "akr:FarEastCommand", "directlySubordinateTo"] in [r[:3] for r in rels]


def test_csv_needs_an_output(kg):
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--store-dir", str(kg.generation.parent)],
                                env={"AUGUSTKG_HOME": str(kg.home)})
    assert result.exit_code == 2 and "give -o" in result.output


def test_csv_into_a_new_folder_as_docs_loading_says(kg, tmp_path, monkeypatch):
    """`-o neo4j/` (docs/loading.md) creates the folder and writes nodes.csv and relationships.csv in it."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "-o", "neo4j/",
                                      "--store-dir", str(kg.generation.parent)], env={"AUGUSTKG_HOME": str(kg.home)})
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neo4j"]
    assert sorted(p.name for p in (tmp_path / "neo4j").iterdir()) == ["nodes.csv", "relationships.csv"]


def test_graphml_without_provenance_for_network_tools(snap):
    import networkx as nx

    full = nx.read_graphml(io.BytesIO(render(snap, "graphml")))
    lean = nx.read_graphml(io.BytesIO(render(snap, "graphml", provenance=False)))
    properties = {d["property"] for _, _, d in lean.edges(data=True)}
    assert not any(p.startswith("prov:") for p in properties) and not {"ako:section", "ako:reference"} & properties
    kinds = {t for _, d in lean.nodes(data=True) for t in d["types"].split()}
    assert not {"ako:Statement", "ako:Citation", "ako:Reference", "ako:ArticleSection"} & kinds
    assert lean.number_of_edges() < full.number_of_edges() / 2  # the hairball was mostly provenance
    assert lean.has_edge(AKR + "TransbaikalFront", AKR + "FarEastCommand")  # the war's network stays
    with pytest.raises(Exception, match="network formats"):
        render(snap, "ttl", provenance=False)


def test_bundle_goes_to_home_release_by_default(project_copy, store_dir):
    """Not dist/ (which `pip wheel` and `python -m build` write to): <home>/release."""
    result = CliRunner().invoke(cli, ["export", "--bundle", "--store-dir", str(store_dir)],
                                env={"AUGUSTKG_HOME": str(project_copy)})
    assert result.exit_code == 0, result.output
    assert (project_copy / "release" / "SHA256SUMS").is_file() and not (project_copy / "dist").exists()


def test_bundle(kg, tmp_path):
    dist = tmp_path / "bundle"
    args = ["export", "--bundle", "-o", str(dist), "--store-dir", str(kg.generation.parent)]
    for _ in range(2):  # a second run replaces the first, byte for byte
        result = CliRunner().invoke(cli, args, env={"AUGUSTKG_HOME": str(kg.home)})
        assert result.exit_code == 0, result.output
        sums = (dist / "SHA256SUMS").read_text()
        if _ == 0:
            first = sums
    assert sums == first
    listed = dict(reversed(line.split("  ")) for line in sums.splitlines())
    assert set(listed) == {p.name for p in dist.iterdir()} - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest
    assert {"augustkg-closure.nq", "augustkg-asserted.jsonld", "augustkg-closure.graphml", "context.jsonld",
            "augustkg-ontology.ttl", "augustkg-shapes.ttl", "augustkg-closure-nodes.csv"} <= set(listed)
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(cli, ["export", "--bundle", "-o", str(other), "--store-dir",
                                      str(kg.generation.parent)], env={"AUGUSTKG_HOME": str(kg.home)})
    assert result.exit_code == 2 and (other / "notes.txt").read_text() == "keep me"
    requires(shutil.which("sha256sum") is not None, "sha256sum (coreutils)")
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=dist).returncode == 0


# -- a real Oxigraph server, fed over the Graph Store Protocol -------------------------------

HIERARCHY = f"SELECT ?u WHERE {{ ?u <{AKO}subordinateTo> <{AKR}KwantungArmy> }} ORDER BY ?u"


def test_oxigraph_server_answers_like_the_store(kg, snap, oxigraph_url):
    oxigraph_server = oxigraph_url
    data = render(snap, "nt", inferred=True)
    put = httpx.put(oxigraph_server + "/store?default", content=data,
                    headers={"Content-Type": "application/n-triples"}, timeout=60)
    assert put.status_code in (200, 201, 204), put.text
    answer = httpx.get(oxigraph_server + "/query", params={"query": HIERARCHY},
                       headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert answer.status_code == 200, answer.text
    remote = [b["u"]["value"] for b in answer.json()["results"]["bindings"]]
    local = [row["u"] for row in kg.query(HIERARCHY).values()]
    assert remote == local and AKR + "ThirtiethArmy" in remote and len(remote) >= 9
    count = httpx.get(oxigraph_server + "/query", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"},
                      headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert int(count.json()["results"]["bindings"][0]["n"]["value"]) == len(snap.closure)
