"""Scale: the synthetic order of battle, the fast closure on it, the streamed dumps and
the SPARQL validation path. Sizes here are small; benchmarks/bench_scale.py runs the big ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from augustkg.errors import AugustError, ValidationFailed
from augustkg.generations import current_generation, read_manifest
from augustkg.pipeline import build
from augustkg.pipeline.parse import ntriples, parse_files
from augustkg.pipeline.reason import Closure, materialize
from augustkg.pipeline.reference_reasoner import owlrl_closure
from augustkg.pipeline.shacl_pyshacl import validate as pyshacl_validate
from augustkg.pipeline.shacl_sparql import validate_store
from augustkg.synth import TRIPLES_PER_UNIT, generate

BROKEN = Path(__file__).parent / "scale_broken.ttl"


def synthetic(tmp_path: Path, root: Path, units: int, seed: int) -> Path:
    """A project folder: the real ontology and shapes, and synthetic data."""
    home = tmp_path / f"home-{units}-{seed}"
    shutil.copytree(root / "ontology", home / "ontology")
    generate(units, home / "data", seed)
    return home


def graph_files(home: Path) -> list[Path]:
    return [home / "ontology" / "augustkg.ttl", *sorted((home / "data").glob("*.ttl"))]


@pytest.mark.parametrize("seed,units", [(1, 120), (2, 200), (3, 260)])
def test_fast_closure_equals_owlrl_on_synthetic_orders_of_battle(tmp_path, root, seed, units):
    asserted = parse_files(graph_files(synthetic(tmp_path, root, units, seed)))
    fast, reference = materialize(asserted), owlrl_closure(asserted)
    assert sorted(fast - reference)[:5] == [] and sorted(reference - fast)[:5] == []
    assert len(fast) > 2 * len(set(asserted))  # the tree gives reasoning real work


def test_the_generator_is_deterministic_and_sized_as_documented(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    counts = generate(830, a, seed=7)
    generate(830, b, seed=7)
    generate(830, c, seed=8)
    files = sorted(p.name for p in a.glob("*.ttl"))
    assert files == sorted(p.name for p in b.glob("*.ttl")) and len(files) == 6
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert any((a / f).read_bytes() != (c / f).read_bytes() for f in files)
    triples = len(parse_files(sorted(a.glob("*.ttl"))))
    assert abs(triples - TRIPLES_PER_UNIT * 830) < 0.1 * TRIPLES_PER_UNIT * 830, triples
    assert counts["units"] == 830 and counts["people"] == 830 and counts["theatres"] >= 1
    assert 0.15 < counts["operations"] / counts["units"] < 0.4  # the units that have subordinates


def test_synthetic_units_form_trees_of_at_most_seven_echelons(tmp_path, root):
    home = synthetic(tmp_path, root, 4100, 1)  # more than one theatre command
    ako = "https://w3id.org/augustkg/ontology#"
    triples = parse_files(sorted((home / "data").glob("*.ttl")))
    superior = {s: o for s, p, o in triples if p == f"<{ako}directlySubordinateTo>"}
    top = {s for s, p, o in triples if o == f"<{ako}TopLevelUnit>"}
    units = {s for s, p, o in triples if p == f"<{ako}armedForceOf>"}

    def depth(u):
        return 0 if u in top else 1 + depth(superior[u])

    depths = [depth(u) for u in units]
    assert len(top) == 2 and len(units) == 4100 and max(depths) == 6
    children = [sum(1 for o in superior.values() if o == u) for u in units]
    parents = [c for c in children if c]
    assert 3 <= sum(parents) / len(parents) <= 5  # branching about four


def test_the_real_build_runs_and_validates_on_synthetic_data_with_both_engines(tmp_path, root):
    home = synthetic(tmp_path, root, 300, 4)
    small = build(home, tmp_path / "b1", shacl="auto", progress=False)
    assert read_manifest(small.generation)["shacl_engine"] == "pyshacl"  # below the threshold
    big = build(home, tmp_path / "b2", shacl="sparql", progress=False)
    assert read_manifest(big.generation)["shacl_engine"] == "sparql"
    dumps = [(g / "closure.nt").read_bytes() for g in (small.generation, big.generation)]
    assert dumps[0] == dumps[1]
    assert dumps[0].decode() == ntriples(materialize(parse_files(graph_files(home))))
    assert (small.generation / "asserted.nt").read_text() == ntriples(parse_files(graph_files(home)))
    store = ox.Store.read_only(str(big.generation / "store"))
    inferred = len(list(store.query("SELECT * WHERE { GRAPH <https://w3id.org/augustkg/graph/inferred> { ?s ?p ?o } }")))
    assert inferred == big.counts["inferred"] > 0


def test_auto_switches_to_sparql_above_the_threshold(tmp_path, root, monkeypatch):
    monkeypatch.setenv("AUGUSTKG_SHACL_SPARQL_ABOVE", "1000")
    result = build(synthetic(tmp_path, root, 100, 5), tmp_path / "b", progress=False)
    assert read_manifest(result.generation)["shacl_engine"] == "sparql"


def both_paths(root: Path, files: list[Path]):
    closure = Closure.compute(parse_files(files))
    shapes = root / "ontology" / "shapes.ttl"
    by_pyshacl = pyshacl_validate(closure.triples(), shapes)
    store = ox.Store()
    store.bulk_load("".join(closure.sorted_lines()), format=ox.RdfFormat.N_TRIPLES)
    return by_pyshacl, validate_store(store, shapes)


def test_sparql_validation_reports_what_pyshacl_reports(tmp_path, root):
    home = synthetic(tmp_path, root, 60, 6)
    by_pyshacl, by_sparql = both_paths(root, graph_files(home) + [BROKEN])
    key = lambda v: (v.focus, v.path, v.message, v.severity)  # noqa: E731 - labels of two-label nodes vary
    assert sorted(map(key, by_sparql)) == sorted(map(key, by_pyshacl))
    single = {v.focus for v in by_pyshacl} - {"<https://w3id.org/augustkg/resource/bad-unit-2>"}
    assert {v for v in by_sparql if v.focus in single} == {v for v in by_pyshacl if v.focus in single}
    messages = {v.message.split(" (")[0] for v in by_sparql}
    assert len(by_sparql) >= 20 and len({v.focus for v in by_sparql}) == 12, by_sparql
    assert "Every operation needs a start date" in messages
    assert any(v.path == "" and "exactly one direct superior" in v.message for v in by_sparql)


def test_sparql_validation_is_clean_on_the_shipped_graph(root, store_dir):
    store = ox.Store.read_only(str(current_generation(store_dir) / "store"))
    assert validate_store(store, root / "ontology" / "shapes.ttl") == []


def test_a_sparql_validation_failure_publishes_nothing(tmp_path, root):
    home = synthetic(tmp_path, root, 80, 7)
    out = tmp_path / "b"
    before = build(home, out, shacl="sparql", progress=False).generation
    shutil.copy(BROKEN, home / "data" / "zz-broken.ttl")
    with pytest.raises(ValidationFailed, match=r"(?s)found 25 violation\(s\):.*Every operation needs a start date"):
        build(home, out, shacl="sparql", progress=False)
    assert current_generation(out) == before
    assert not list(out.glob(".gen-*")) and sorted(p.name for p in out.glob("gen-*")) == [before.name]


def test_shapes_the_sparql_path_cannot_check_are_refused(tmp_path, root):
    from augustkg.pipeline.shacl_sparql import compile_shapes, load_shapes

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text((root / "ontology" / "shapes.ttl").read_text()
                      + "\nako:X a sh:NodeShape ; sh:targetClass ako:Person ;"
                        " sh:property [ sh:path rdfs:label ; sh:pattern \"^A\" ] .\n")
    with pytest.raises(AugustError, match="does not implement sh:pattern.*pyshacl"):
        compile_shapes(load_shapes(shapes))
