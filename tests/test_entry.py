"""The console script's fast path: a plain `augustkg query` answers exactly as the click CLI
does (output, messages, exit code) and imports no click."""

from __future__ import annotations

import subprocess
import sys

import pytest

FAST = [sys.executable, "-c", "from augustkg.entry import main; main()"]
CLICK = [sys.executable, "-m", "augustkg.cli"]
SELECT = "SELECT ?c WHERE { akr:TransbaikalFront ako:commandedBy ?c }"


def outcome(command, args):
    proc = subprocess.run(command + args, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("args", [
    ["query", SELECT],
    ["query", "--format=csv", "--asserted", SELECT],
    ["query", SELECT, "--format", "json"],
    ["query", "--format", "nt", "CONSTRUCT { ?u ako:directlySubordinateTo ?s } WHERE { ?u ako:directlySubordinateTo ?s }"],
    ["query", "--format", "bogus", SELECT],       # an AugustError: one line, its exit code
    ["query", "SELEC ?x"],                        # a syntax error with its position
    ["query", SELECT, "extra"],                   # usage errors are click's own
    ["query", "--format"],
    ["query", "--unknown", SELECT],
], ids=lambda args: " ".join(args)[:40])
def test_fast_path_answers_as_the_click_cli(store_dir, args):
    args = args + ["--store-dir", str(store_dir)] if args[-1] != "--format" else args
    fast, slow = outcome(FAST, args), outcome(CLICK, args)
    assert fast == slow
    assert fast[0] != 0 or fast[1]


def test_a_store_dir_that_is_a_file_is_clicks_usage_error(tmp_path):
    afile = tmp_path / "store"
    afile.write_text("")
    args = ["query", "--store-dir", str(afile), "ASK {}"]
    fast = outcome(FAST, args)
    assert fast == outcome(CLICK, args)
    assert fast[0] == 2 and "is a file" in fast[2]


def test_the_fast_path_imports_no_click(store_dir):
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print(sorted(m for m in ('click', 'rich', 'rdflib', 'inspect')"
            " if m in sys.modules), file=sys.stderr))\n"
            "from augustkg.entry import main\nmain()\n")
    proc = subprocess.run([sys.executable, "-c", code, "query", "--store-dir", str(store_dir), "--format", "csv",
                           "ASK {}"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "true"
    assert proc.stderr.strip().splitlines()[-1] == "[]"
