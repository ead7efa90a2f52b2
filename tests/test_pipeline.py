"""The build pipeline: bad input fails with its place named, builds are atomic, deterministic and
incremental, and the store lives in <home>/store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from augustkg.errors import DataError, InconsistentGraph, ValidationFailed
from augustkg.generations import current_generation, freshness, read_manifest
from augustkg.inputs import Inputs
from augustkg.pipeline import build

AKR = "https://w3id.org/augustkg/resource/"


def test_malformed_turtle_names_file_and_line(project_copy, tmp_path_factory):
    path = project_copy / "data" / "units.ttl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if 'rdfs:label "Far East Command"@en' in line)
    lines[index] = lines[index].replace('Command"@en', "Command@en")  # an unterminated string
    path.write_text("".join(lines), encoding="utf-8")
    out = tmp_path_factory.mktemp("broken-build")

    with pytest.raises(DataError) as err:
        build(project_copy, out)
    assert err.value.line == index + 1
    assert f"units.ttl:{index + 1}:" in str(err.value)
    assert not (out / "current").exists(), "a failed build must not leave a store behind"


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


def test_build_writes_store_dump_and_manifest(store_dir, root):
    gen = current_generation(store_dir)
    manifest = read_manifest(gen)
    assert (gen / "store").is_dir() and (gen / "closure.nt").is_file()
    assert manifest["fingerprint"] == Inputs.find(root).fingerprint("fast")
    lines = (gen / "closure.nt").read_text().splitlines()
    assert lines == sorted(set(lines)) and len(lines) == manifest["closure_triples"]


def test_same_inputs_give_a_byte_identical_dump(root, tmp_path, store_dir):
    build(root, tmp_path / "again", force=True)
    first = (current_generation(store_dir) / "closure.nt").read_bytes()
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
    from augustkg.pipeline import store

    out = tmp_path / "b"
    build(project_copy, out)
    before = current_generation(out)
    (project_copy / "data" / "units.ttl").write_text((project_copy / "data" / "units.ttl").read_text() + "\n# edited\n")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "swap_current", crash)
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
    proc = subprocess.run([sys.executable, "-m", "augustkg.cli", "query", "--store-dir", str(out), "--format", "csv",
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


def test_the_store_goes_to_home_store_by_default(project_copy):
    """Not build/ (which packaging tools write to and clean): <home>/store, and nothing else."""
    import augustkg

    kg = augustkg.open(project_copy, quiet=True)
    assert kg.generation.parent == project_copy / "store"
    assert not (project_copy / "build").exists()


def test_an_old_build_folder_is_named_once_with_how_to_keep_it(project_copy):
    """A store left in <home>/build by an earlier version is not read; one line says how to keep it."""
    build(project_copy, project_copy / "build")
    first = subprocess.run([sys.executable, "-m", "augustkg.cli", "query", "--format", "csv", "ASK {}"],
                           capture_output=True, text=True, env=_env(project_copy))
    assert first.returncode == 0, first.stderr
    assert f"mv {project_copy / 'build'} {project_copy / 'store'}" in first.stderr
    second = subprocess.run([sys.executable, "-m", "augustkg.cli", "query", "--format", "csv", "ASK {}"],
                            capture_output=True, text=True, env=_env(project_copy))
    assert second.returncode == 0 and "no longer read" not in second.stderr


def test_the_old_store_variable_still_works_with_a_note(project_copy, tmp_path):
    env = {**_env(project_copy), "AUGUSTKG_BUILD_DIR": str(tmp_path / "elsewhere")}
    proc = subprocess.run([sys.executable, "-m", "augustkg.cli", "build"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "elsewhere" / "current").exists()
    assert "AUGUSTKG_BUILD_DIR is deprecated; set AUGUSTKG_STORE_DIR" in proc.stderr
