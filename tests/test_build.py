"""The build: the fast closure equals owlrl's, builds are atomic, deterministic and incremental."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from augustkg.build import build
from augustkg.inputs import Inputs
from augustkg.build.parse import parse_files
from augustkg.build.reason import UnsupportedConstruct, materialize, violations
from augustkg.build.reference import owlrl_closure
from augustkg.errors import DataError, InconsistentGraph, ValidationFailed
from augustkg.manifest import current_generation, freshness, read_manifest

AKO = "https://w3id.org/augustkg/ontology#"
AKR = "https://w3id.org/augustkg/resource/"


def test_fast_closure_equals_owlrl_on_the_shipped_graph(fast_closure, owlrl_triples):
    only_fast = sorted(fast_closure - owlrl_triples)[:10]
    only_owlrl = sorted(owlrl_triples - fast_closure)[:10]
    assert (only_fast, only_owlrl) == ([], [])


def test_the_closure_infers_what_the_contract_promises(fast_closure, asserted_triples):
    commander = (f"<{AKR}AleksandrVasilevsky>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{AKO}Commander>")
    assert commander in fast_closure and commander not in asserted_triples
    authority = (f"<{AKR}OtozoYamada>", f"<{AKO}hasAuthorityOver>", f"<{AKR}ThirtiethArmy>")
    assert authority in fast_closure and authority not in asserted_triples


def synthetic_graph(seed: int, ontology: list) -> list:
    """A random small graph in the contract vocabulary: units in a forest, commanders, operations,
    places, plus a few random schema-level facts, so rule interactions get exercised."""
    rng = random.Random(seed)
    r = lambda name: f"<{AKR}s{seed}-{name}>"  # noqa: E731
    p = lambda name: f"<{AKO}{name}>"  # noqa: E731
    t = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    triples = list(ontology)
    units = [r(f"u{i}") for i in range(rng.randint(15, 40))]
    for i, u in enumerate(units):
        triples.append((u, t, p(rng.choice(["Front", "Army", "AreaArmy", "FieldArmy", "Division", "MilitaryUnit"]))))
        if i and rng.random() < 0.9:
            triples.append((u, p("directlySubordinateTo"), units[rng.randrange(i)]))
    for j in range(rng.randint(3, 10)):
        person = r(f"p{j}")
        if rng.random() < 0.8:
            triples.append((person, t, p("Person")))
        triples.append((person, p("commands"), rng.choice(units)))
    ops = [r(f"o{i}") for i in range(rng.randint(3, 12))]
    for i, o in enumerate(ops):
        triples.append((o, t, p("Operation")))
        if i:
            triples.append((o, p("directlyPartOf"), ops[rng.randrange(i)]))
        triples.append((o, p("conductedBy"), rng.choice(units)))
    places = [r(f"pl{i}") for i in range(rng.randint(3, 10))]
    for i, pl in enumerate(places):
        if i:
            triples.append((pl, p("locatedIn"), places[rng.randrange(i)]))
        triples.append((rng.choice(units), p("objective"), pl))
    return triples


@pytest.mark.parametrize("seed", range(6))
def test_fast_closure_equals_owlrl_on_synthetic_graphs(seed, root):
    ontology = parse_files([root / "ontology" / "augustkg.ttl"])
    graph = synthetic_graph(seed, ontology)
    fast, reference = materialize(graph), owlrl_closure(graph)
    assert sorted(fast - reference)[:5] == [] and sorted(reference - fast)[:5] == []


def test_fast_closure_equals_owlrl_on_chains_and_defined_classes():
    """A hand-made graph with a three-step property chain, symmetric and equivalent properties."""
    ex = lambda x: f"<http://example.org/{x}>"  # noqa: E731
    owl = lambda x: f"<http://www.w3.org/2002/07/owl#{x}>"  # noqa: E731
    t = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    first, rest, nil = ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#first>",
                        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>",
                        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>")
    g = [
        (ex("q"), owl("propertyChainAxiom"), "_:l1"), ("_:l1", first, ex("a")), ("_:l1", rest, "_:l2"),
        ("_:l2", first, ex("b")), ("_:l2", rest, "_:l3"), ("_:l3", first, ex("c")), ("_:l3", rest, nil),
        (ex("s"), t, owl("SymmetricProperty")), (ex("e"), owl("equivalentProperty"), ex("s")),
        (ex("x"), ex("a"), ex("y")), (ex("y"), ex("b"), ex("z")), (ex("z"), ex("c"), ex("w")),
        (ex("x"), ex("e"), ex("z")), (ex("C"), owl("equivalentClass"), ex("D")), (ex("x"), t, ex("C")),
    ]
    fast, reference = materialize(g), owlrl_closure(g)
    assert (ex("x"), ex("q"), ex("w")) in fast
    assert fast == reference


def test_unsupported_constructs_are_refused():
    g = [("<http://e/p>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
          "<http://www.w3.org/2002/07/owl#FunctionalProperty>")]
    with pytest.raises(UnsupportedConstruct, match="FunctionalProperty.*--reasoner owlrl"):
        materialize(g)


def test_disjointness_violations_name_the_resource_and_the_axiom(asserted_triples):
    broken = set(asserted_triples) | {
        (f"<{AKR}TransbaikalFront>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{AKO}Person>")}
    found = violations(materialize(broken))
    assert any("akr:TransbaikalFront is both" in v and "AllDisjointClasses" in v for v in found), found


def test_owl_nothing_members_are_reported():
    g = [("<http://e/x>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://www.w3.org/2002/07/owl#Nothing>")]
    assert violations(materialize(g)) == ["<http://e/x> is a member of owl:Nothing"]


def test_an_inconsistent_graph_fails_the_build(project_copy, tmp_path):
    with open(project_copy / "data" / "people.ttl", "a") as fh:
        fh.write("\nakr:RodionMalinovsky a ako:Front .\n")
    with pytest.raises(InconsistentGraph, match="akr:RodionMalinovsky is both"):
        build(project_copy, tmp_path / "b")


def test_shacl_violations_fail_the_build(project_copy, tmp_path):
    with open(project_copy / "data" / "units.ttl", "a") as fh:
        fh.write('\nakr:NewUnit a ako:Division ; rdfs:label "New unit"@en ; ako:section akr:section-campaign .\n')
    with pytest.raises(ValidationFailed, match="New unit.*armedForceOf"):
        build(project_copy, tmp_path / "b")


def test_build_writes_store_dump_and_manifest(build_dir, root):
    gen = current_generation(build_dir)
    manifest = read_manifest(gen)
    assert (gen / "store").is_dir() and (gen / "closure.nt").is_file()
    assert manifest["fingerprint"] == Inputs.find(root).fingerprint("fast")
    lines = (gen / "closure.nt").read_text().splitlines()
    assert lines == sorted(set(lines)) and len(lines) == manifest["closure_triples"]


def test_same_inputs_give_a_byte_identical_dump(root, tmp_path, build_dir):
    build(root, tmp_path / "again", force=True)
    first = (current_generation(build_dir) / "closure.nt").read_bytes()
    second = (current_generation(tmp_path / "again") / "closure.nt").read_bytes()
    assert first == second


def test_a_failed_build_leaves_the_previous_store_answering(project_copy, tmp_path):
    import augustkg

    out = tmp_path / "b"
    build(project_copy, out)
    before = current_generation(out)
    data = project_copy / "data" / "units.ttl"
    text = data.read_text()
    data.write_text(text[: len(text) // 2])  # a file cut off mid-way, as by a crashed editor
    with pytest.raises(DataError, match=r"units\.ttl:\d+"):
        build(project_copy, out)
    assert current_generation(out) == before
    kg = augustkg.KnowledgeGraph(before, project_copy)
    assert kg.query("ASK { akr:FirstAreaArmy ako:subordinateTo akr:KwantungArmy }").boolean is True


def test_an_interrupted_build_leaves_no_half_store(project_copy, tmp_path, monkeypatch):
    from augustkg.build import write

    out = tmp_path / "b"
    build(project_copy, out)
    before = current_generation(out)
    (project_copy / "data" / "units.ttl").write_text((project_copy / "data" / "units.ttl").read_text() + "\n# edited\n")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(write, "swap_current", crash)
    with pytest.raises(KeyboardInterrupt):
        build(project_copy, out)
    monkeypatch.undo()
    assert current_generation(out) == before
    assert read_manifest(before) is not None
    result = build(project_copy, out)  # the next build sweeps the leftovers and succeeds
    assert not result.noop and current_generation(out) != before


def test_a_second_build_without_changes_is_a_no_op(project_copy, tmp_path):
    out = tmp_path / "b"
    build(project_copy, out)
    again = build(project_copy, out)
    assert again.noop


def test_staleness_is_detected_and_reads_rebuild_first(project_copy, tmp_path):
    import augustkg

    out = tmp_path / "b"
    build(project_copy, out)
    inputs = Inputs.find(project_copy)
    assert freshness(out, inputs)[0]
    (project_copy / "data" / "units.ttl").touch()  # timestamps only: still fresh (hash decides)
    assert freshness(out, Inputs.find(project_copy))[0]
    with open(project_copy / "data" / "people.ttl", "a") as fh:
        fh.write('\nakr:RodionMalinovsky skos:altLabel "Malinovskii"@en .\n')
    fresh, why = freshness(out, Inputs.find(project_copy))
    assert not fresh and "people.ttl" in why
    kg = augustkg.open(project_copy, out, quiet=True)
    assert kg.resolve("Malinovskii") == AKR + "RodionMalinovsky"


def test_stale_store_message_goes_to_stderr(project_copy, tmp_path):
    out = tmp_path / "b"
    build(project_copy, out)
    with open(project_copy / "data" / "people.ttl", "a") as fh:
        fh.write('\nakr:Purkayev skos:altLabel "General Purkayev"@en .\n')
    proc = subprocess.run([sys.executable, "-m", "augustkg.cli", "query", "--build-dir", str(out), "--format", "csv",
                           "SELECT ?n WHERE { akr:Purkayev skos:altLabel ?n }"],
                          capture_output=True, text=True, env=_env(project_copy))
    assert proc.returncode == 0, proc.stderr
    assert "building the store" in proc.stderr and "General Purkayev" in proc.stdout


def test_owlrl_reasoner_builds_the_same_closure(root, tmp_path):
    build(root, tmp_path / "ref", reasoner="owlrl", validate=False)
    build(root, tmp_path / "fast", validate=False)
    ours = (current_generation(tmp_path / "fast") / "closure.nt").read_bytes()
    theirs = (current_generation(tmp_path / "ref") / "closure.nt").read_bytes()
    assert ours == theirs
    assert json.loads((current_generation(tmp_path / "ref") / "manifest.json").read_text())["reasoner"] == "owlrl"


def _env(home: Path) -> dict:
    import os

    env = dict(os.environ)
    env["AUGUSTKG_HOME"] = str(home)
    return env
