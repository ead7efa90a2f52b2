"""The command line under faults (issue 13, point 8): a query text that is not UTF-8, a format
that does not fit the query form, and Ctrl-C during a long query each end in one line on
stderr and an exit code — never a traceback, never a wrong answer, never a wait for the engine.
The real console script in a child process; every wait has a deadline.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from augustkg.errors import QueryFileError
from augustkg.saved import SavedQuery

AUGUSTKG = str(Path(sys.executable).parent / "augustkg")
NOT_UTF8 = b"# Latin-1, not UTF-8\nSELECT * WHERE { ?s ?p \"Mukd\xe9n\" }\n"
CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # billions of rows: runs for minutes


def augustkg(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([AUGUSTKG, *args], cwd=cwd, input=stdin, capture_output=True, timeout=120)


def test_a_query_file_that_is_not_utf8_is_refused_naming_file_and_line(tmp_path, root, store_dir):
    bad = tmp_path / "latin1.rq"
    bad.write_bytes(NOT_UTF8)
    run = augustkg("query", "--store-dir", str(store_dir), "-f", str(bad), cwd=root)
    message = run.stderr.decode()
    assert run.returncode == 2 and "Traceback" not in message
    assert f"{bad}:2: the text is not UTF-8 (byte 0xe9" in message


@pytest.mark.parametrize("args", [["-f", "-"], []], ids=["-f -", "stdin"])
def test_stdin_that_is_not_utf8_is_refused(root, store_dir, args):
    run = augustkg("query", "--store-dir", str(store_dir), *args, cwd=root, stdin=NOT_UTF8)
    assert run.returncode == 2 and "stdin:2: the text is not UTF-8" in run.stderr.decode()


def test_a_saved_query_file_that_is_not_utf8_names_the_file(tmp_path):
    bad = tmp_path / "latin1.rq"
    bad.write_bytes(b"#+ summary: x\n" + NOT_UTF8)
    with pytest.raises(QueryFileError, match=r"latin1.rq:3: the text is not UTF-8"):
        SavedQuery.read(bad)


@pytest.mark.parametrize("fmt,query,wanted", [
    ("rdf", "ASK { ?s ?p ?o }", "'rdf' is not a result format for SELECT/ASK"),
    ("ttl", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "'ttl' is not a result format for SELECT/ASK"),
    ("csv", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "'csv' is not a graph format for CONSTRUCT/DESCRIBE"),
])
def test_a_format_that_does_not_fit_the_query_form_is_an_error(root, store_dir, fmt, query, wanted):
    run = augustkg("query", "--store-dir", str(store_dir), "--format", fmt, query, cwd=root)
    assert run.returncode == 2 and run.stdout == b"", run.stdout[:80]
    assert wanted in run.stderr.decode()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.parametrize("fmt", [["--format", "tsv"], ["--format", "json"], []], ids=["tsv", "json", "default"])
def test_ctrl_c_stops_a_long_query_at_once(root, store_dir, fmt):
    proc = subprocess.Popen([AUGUSTKG, "query", "--store-dir", str(store_dir), *fmt, CROSS], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while cpu_seconds(proc.pid) < 1.0:  # well past start-up: inside the engine's evaluation
            assert proc.poll() is None and time.monotonic() < deadline, "the query never got going"
        proc.send_signal(signal.SIGINT)
        stopped = time.monotonic()
        code = proc.wait(timeout=10)
        assert code == 130 and time.monotonic() - stopped < 5
        assert proc.stderr.read().decode() == "augustkg: interrupted\n"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
