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

        print_table(interruptible(engine.query, sparql, asserted=asserted, source=source), engine)
        return
    data = interruptible(engine.serialize, sparql, fmt, asserted=asserted, source=source)
    sys.stdout.buffer.write(data)
    if data and not data.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")


def interruptible(work, *args, **kwargs):
    """`work(...)` in a thread of its own, so that Ctrl-C stops a long query at once.

    Why: the engine evaluates in native code, where Python sees no signal until the whole answer
    is made (minutes for a cross product). The main thread waits on a lock instead, which a
    signal interrupts: the KeyboardInterrupt goes to `guarded` (exit 130), and `leave` ends the
    process without waiting for the worker. Reading writes nothing, so stopping is safe.
    `_thread`, not `threading`: it is built in, so the cold path pays no import.
    """
    import _thread

    outcome: list = []
    done = _thread.allocate_lock()
    done.acquire()

    def run():
        try:
            outcome.append((True, work(*args, **kwargs)))
        except BaseException as exc:  # handed to the main thread without its frames: they hold
            error = exc  # pyoxigraph iterators, which may only be dropped on this thread
            while error is not None:
                error.__traceback__ = None
                error = error.__cause__ or error.__context__
            outcome.append((False, exc))
        finally:
            done.release()

    _thread.start_new_thread(run, ())
    done.acquire()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


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
