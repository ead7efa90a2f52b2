"""Builds and readers under faults (issue 13, points 3-6): one build at a time, readers that
never crash because of a build, a failed build that leaves every reader answering from the last
good generation with a warning, a running server that moves to a new generation without
dropping requests, generations in use never deleted, and cycles that fail the build.

Every test works on a private copy of the project and of a store built once for the module.
Processes are real (`augustkg query`, `augustkg serve`); waits are events or polls with deadlines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from processes import serving

from augustkg.errors import BuildFailedWarning, DataError, InconsistentGraph
from augustkg.generations import current_generation
from augustkg.graph import KnowledgeGraph
from augustkg.pipeline import build

BIN = Path(sys.executable).parent
ASK = "ASK { akr:KwantungArmy ?p ?o }"
NEW_FACT = "ASK { akr:KwantungArmy skos:altLabel \"Guandong Army\"@en }"
ALT_LABEL = '\nakr:KwantungArmy skos:altLabel "Guandong Army"@en .\n'


@pytest.fixture(scope="module")
def template(tmp_path_factory, root):
    """The project and a store built from it, once; tests copy both."""
    home = tmp_path_factory.mktemp("template")
    for name in ("ontology", "data", "queries"):
        shutil.copytree(root / name, home / name)
    build(home, home / "store")
    return home


@pytest.fixture
def home(template, tmp_path):
    """A private project folder with a fresh store in `store/` (the `current` link is relative)."""
    shutil.copytree(template, tmp_path / "home", symlinks=True)
    return tmp_path / "home"


def augustkg(home: Path, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "AUGUSTKG_HOME": str(home), "AUGUSTKG_STORE_DIR": str(home / "store")}
    return subprocess.Popen([str(BIN / "augustkg"), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)


def finished(process: subprocess.Popen, within: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=within)
    return process.returncode, out, err


def break_units(home: Path) -> int:
    """A syntax error in data/units.ttl; returns its line number."""
    path = home / "data" / "units.ttl"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines) + "\nakr:Broken a ako:Army ; ;; . .\n")
    return len(lines) + 1


def test_four_queries_after_a_data_change_make_one_build(home):
    with open(home / "data" / "units.ttl", "a") as fh:
        fh.write(ALT_LABEL)
    runs = [augustkg(home, "query", NEW_FACT, "--format", "json") for _ in range(4)]
    results = [finished(p) for p in runs]
    assert [rc for rc, _, _ in results] == [0, 0, 0, 0], [err for _, _, err in results]
    assert all('"boolean":true' in out.replace(" ", "") for _, out, _ in results), results
    errors = "".join(err for _, _, err in results)
    assert errors.count("building the store") == 1, errors
    assert "Traceback" not in errors
    waited = [err for _, _, err in results if "waiting for the build in progress" in err]
    assert waited and all("building" not in err for err in waited), errors
    assert len(list((home / "store").glob("gen-*"))) <= 2 and not list((home / "store").glob(".gen-*"))


def test_a_failed_build_leaves_every_reader_answering_with_a_warning(home):
    line = break_units(home)
    where = f"units.ttl:{line}"
    rc, _, err = finished(augustkg(home, "build"))
    assert rc != 0 and where in err and "Traceback" not in err, err
    for args in (("query", ASK), ("run", "who-commanded", "--param", "unit=Transbaikal Front"), ("describe", "Kwantung Army")):
        rc, out, err = finished(augustkg(home, *args))
        assert rc == 0 and out.strip(), (args, err)
        assert "augustkg: warning: the build failed" in err and where in err, err
        assert "building the store" not in err, "the failure is remembered: no build is tried again"
    import augustkg as api

    with pytest.warns(BuildFailedWarning, match=where.replace(".", r"\.")):
        assert api.open(home, home / "store").query(ASK).boolean is True
    env = {"AUGUSTKG_STORE_DIR": str(home / "store")}
    with serving(home, home / "store", env=env) as url:  # a new server starts on the last good store
        assert httpx.get(f"{url}/sparql", params={"query": ASK}).json()["boolean"] is True
    # the inputs change again (and are fixed): the next reader builds, and the warning is gone
    (home / "data" / "units.ttl").write_text((home / "data" / "units.ttl").read_text().replace("akr:Broken a ako:Army ; ;; . .", ""))
    rc, out, err = finished(augustkg(home, "query", ASK))
    assert rc == 0 and "building the store" in err and "warning" not in err, err


def test_a_running_server_moves_to_a_new_generation_without_dropping_requests(home):
    statuses: list[int] = []
    stop = threading.Event()
    with serving(home, home / "store") as url:
        def client():
            with httpx.Client(timeout=10) as http:
                while not stop.is_set():
                    statuses.append(http.get(f"{url}/sparql", params={"query": ASK}).status_code)

        threads = [threading.Thread(target=client) for _ in range(2)]
        for t in threads:
            t.start()
        try:
            first = current_generation(home / "store")
            with open(home / "data" / "units.ttl", "a") as fh:
                fh.write(ALT_LABEL)
            rc, _, err = finished(augustkg(home, "build"))
            assert rc == 0, err
            deadline = time.monotonic() + 30
            while httpx.get(f"{url}/sparql", params={"query": NEW_FACT}).json()["boolean"] is not True:
                assert time.monotonic() < deadline, "the server did not move to the new generation"
            # the old generation stays while the server's old engine may still read it; another
            # build then deletes it, and the server keeps answering from the new one
            (home / "data" / "extra.ttl").write_text("# nothing\n")
            rc, _, err = finished(augustkg(home, "build"))
            assert rc == 0, err
            deadline = time.monotonic() + 30
            page = f"{url}/resource/{quote('KwantungArmy')}"
            while httpx.get(page).status_code != 200:
                assert time.monotonic() < deadline
        finally:
            stop.set()
            for t in threads:
                t.join(30)
    assert statuses and set(statuses) == {200}, {s: statuses.count(s) for s in set(statuses)}
    assert first.name != current_generation(home / "store").name


def test_a_generation_in_use_is_never_deleted(home):
    store = home / "store"
    reader = KnowledgeGraph(current_generation(store), home)  # holds a lease on its generation
    used = reader.generation
    for text in (ALT_LABEL, "\n# a second edit\n"):
        with open(home / "data" / "units.ttl", "a") as fh:
            fh.write(text)
        build(home, store)
    assert current_generation(store) != used and (used / "store").is_dir()
    assert reader.query(ASK).boolean is True
    reader.lease.close()
    with open(home / "data" / "units.ttl", "a") as fh:
        fh.write("\n# a third edit\n")
    build(home, store)
    assert not used.exists(), "a generation nobody leases is deleted by the next build"


@pytest.mark.parametrize("turtle, members", [
    ("akr:FirstAreaArmy ako:directlySubordinateTo akr:FirstAreaArmy .", ["akr:FirstAreaArmy"]),
    ("akr:KwantungArmy ako:directlySubordinateTo akr:FirstAreaArmy .", ["akr:FirstAreaArmy", "akr:KwantungArmy"]),
], ids=["self-subordination", "two-unit-cycle"])
def test_a_cycle_in_the_chain_of_command_fails_the_build(home, turtle, members):
    before = current_generation(home / "store")
    with open(home / "data" / "units.ttl", "a") as fh:
        fh.write("\n" + turtle + "\n")
    with pytest.raises(InconsistentGraph, match="chain-of-command-cycle") as caught:
        build(home, home / "store", validate=False)
    assert all(m in str(caught.value) for m in members), caught.value
    assert current_generation(home / "store") == before
    rc, out, err = finished(augustkg(home, "validate"))
    assert rc == 1 and "chain-of-command-cycle" in out + err and members[0] in out + err


def test_a_syntax_error_fails_the_build_naming_file_and_line(home):
    line = break_units(home)
    with pytest.raises(DataError, match=rf"units\.ttl:{line}"):
        build(home, home / "store")
