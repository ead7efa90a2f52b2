"""What every `augustkg` command shares, click or not: printing an answer, one line per error
or warning with its exit code, and leaving without the interpreter's teardown.

Why a module of its own: the console script's fast path (`entry`) answers a plain query without
importing click, and the click commands (`cli`) must behave the same; both import these.
"""

from __future__ import annotations

import os
import sys


def emit(engine, sparql: str, fmt: str | None, asserted: bool = False, source: str = "query"):
    """Print an answer: a labelled table on a terminal, a W3C format otherwise or on request."""
    from .formats import HUMAN

    if fmt is None:
        from .sparql import is_graph_query

        fmt = "ttl" if is_graph_query(sparql) else (HUMAN if sys.stdout.isatty() else "tsv")
    if fmt == HUMAN:
        from .terminal import print_table

        print_table(engine.query(sparql, asserted=asserted, source=source), engine)
        return
    data = engine.serialize(sparql, fmt, asserted=asserted, source=source)
    sys.stdout.buffer.write(data)
    if data and not data.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")


def guarded(command) -> int:
    """Run a command with the library's warnings shown as one line, and every AugustError or
    Ctrl-C turned into one line `augustkg: error: …` and its exit code; 0 on success."""
    import warnings

    from .errors import AugustError

    warnings.showwarning = show_warning
    try:
        command()
    except AugustError as exc:
        sys.stderr.write(f"augustkg: error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("augustkg: interrupted\n")
        return 130
    return 0


def show_warning(message, category, filename, lineno, file=None, line=None):
    """The library's warnings (a failed build, answers from the last good store) as one line
    `augustkg: warning: …`, like errors; Python's own format for any other warning."""
    from .errors import BuildFailedWarning

    if issubclass(category, BuildFailedWarning):
        sys.stderr.write(f"augustkg: warning: {message}\n")
    else:
        import warnings

        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def leave(code) -> None:
    """Leave without the interpreter's teardown.

    Why: tearing down modules and the store handle costs a cold `augustkg query` about 8 ms.
    Exit handlers still run and the output streams are flushed; everything a command writes
    (store generations, exports) is closed before the command returns.
    """
    import atexit

    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `augustkg query ... | head`: the reader left, nothing to report
        pass
    os._exit(code or 0)
