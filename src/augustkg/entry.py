"""The `augustkg` console script: a plain `augustkg query` is answered without importing click.

Why: click and what only it imports (inspect, ast, dis, datetime, uuid, platform, gettext) are
the largest cost of a cold `augustkg query` that the package controls. A query invocation
that only uses the argument, `--format`, `--asserted` and `--store-dir` is read here and run
exactly as `cli.query` runs it; anything else (help, `-f`, stdin, `--endpoint`, a malformed
option, another command) goes to the click CLI unchanged, which also gives every usage error.
Printing the answer, errors, warnings and the fast exit are the same code on both paths
(`console`).
"""

from __future__ import annotations

import errno
import os
import sys

from .console import emit, guarded, leave

#: Options a plain query may have, and whether each takes a value.
_QUERY_OPTIONS = {"--format": True, "--store-dir": True, "--asserted": False}


def plain_query(argv: list[str]) -> dict | None:
    """The options of a `query` invocation the fast path answers the same as click, else None.

    >>> plain_query(["query", "--format=tsv", "ASK {}", "--asserted"])
    {'--format': 'tsv', 'sparql': 'ASK {}', '--asserted': True}
    >>> plain_query(["query", "-f", "q.rq"]) is None, plain_query(["query", "--help"]) is None
    (True, True)
    """
    if not argv or argv[0] != "query":
        return None
    found: dict = {}
    args = iter(argv[1:])
    for arg in args:
        if not arg.startswith("-"):
            if "sparql" in found:
                return None  # click reports the extra argument
            found["sparql"] = arg
            continue
        name, eq, value = arg.partition("=")
        if name not in _QUERY_OPTIONS or (eq and not _QUERY_OPTIONS[name]):
            return None
        if _QUERY_OPTIONS[name]:
            value = value if eq else next(args, None)
            if value is None:
                return None
            found[name] = value
        else:
            found[name] = True
    if "sparql" not in found:
        return None  # stdin or a usage error: click's path
    store = found.get("--store-dir")
    if store is not None and os.path.exists(store) and not (os.path.isdir(store) and os.access(store, os.R_OK)):
        return None  # click.Path reports it
    return found


def main():
    """The console script: the fast path for a plain query, the click CLI for everything else."""
    plan = plain_query(sys.argv[1:])
    if plan is None:
        from .cli import main as cli_main

        return cli_main()  # never returns: it leaves the process itself
    try:
        code = guarded(lambda: _query(plan))
    except OSError as exc:  # as click does: a reader that left (`| head`) ends the command with 1
        if exc.errno != errno.EPIPE:
            raise
        code = 1
    leave(code)


def _query(plan: dict) -> None:
    from pathlib import Path

    from .graph import open as open_graph

    store = plan.get("--store-dir")
    engine = open_graph(store_dir=Path(store) if store is not None else None)
    emit(engine, plan["sparql"], plan.get("--format"), asserted=plan.get("--asserted", False))
