"""Servers in child processes for tests and benchmarks, ready when they say they are listening.

`serving` runs the real `augustkg serve` command, so what is checked is what users start;
`oxigraph` runs a bare Oxigraph server. Both are ready when their own "listening" line appears
on stderr — an event, waited for with a deadline, never a sleep — and on 127.0.0.1 only.
After that line, stderr keeps being read (so a chatty server never blocks on a full pipe) and
is kept for the error message should the process die.
"""

from __future__ import annotations

import os
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    """The `oxigraph` server installed beside this Python (PyPI `oxigraph`)."""
    return str(BIN / "oxigraph")


@contextmanager
def serving(home: Path, store_dir: Path, timeout: float | None = None, env: dict | None = None,
            within: float = 60.0):
    """Yield the base URL of a fresh `augustkg serve` on a free loopback port; stop it afterwards."""
    with serving_process(home, store_dir, timeout, env, within) as (url, _):
        yield url


@contextmanager
def serving_process(home: Path, store_dir: Path, timeout: float | None = None, env: dict | None = None,
                    within: float = 60.0):
    """`serving`, yielding the server's process too (to read its memory, say) with the URL."""
    port = free_port()
    command = [str(BIN / "augustkg"), "serve", "--port", str(port), "--store-dir", str(store_dir)]
    if timeout is not None:
        command += ["--timeout", str(timeout)]
    environment = {**os.environ, "AUGUSTKG_HOME": str(home), **(env or {})}
    with _child(command, environment, b"augustkg: serving", within) as process:
        yield f"http://127.0.0.1:{port}", process


@contextmanager
def oxigraph(location: Path | None = None, read_only: bool = False, within: float = 20.0):
    """Yield the base URL of a bare Oxigraph server (in memory without `location`)."""
    port = free_port()
    command = [oxigraph_binary(), "serve-read-only" if read_only else "serve", "--bind", f"127.0.0.1:{port}"]
    if location is not None:
        command += ["--location", str(location)]
    if read_only:
        command += ["--union-default-graph"]
    with _child(command, dict(os.environ), b"Listening for requests at", within):
        yield f"http://127.0.0.1:{port}"


@contextmanager
def _child(command: list[str], env: dict, ready: bytes, within: float):
    """A child in its own session (so its own children go with it), running until the block ends."""
    process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    log = bytearray()
    try:
        _wait_for(process, ready, within, log)
        threading.Thread(target=_drain, args=(process, log), daemon=True).start()
        yield process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        try:  # its own session: this also ends an engine process it left behind
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _wait_for(process: subprocess.Popen, marker: bytes, within: float, log: bytearray) -> None:
    """Read the child's stderr until `marker` appears; fail if it exits first or time runs out."""
    deadline = time.monotonic() + within
    with selectors.DefaultSelector() as selector:
        selector.register(process.stderr, selectors.EVENT_READ)
        while marker not in log:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"{process.args[0]} did not say it was listening within {within:.0f} s: "
                                   f"{log.decode(errors='replace')}")
            if selector.select(left):
                chunk = os.read(process.stderr.fileno(), 65536)
                if not chunk:
                    raise RuntimeError(f"{process.args[0]} exited {process.wait()}: {log.decode(errors='replace')}")
                log += chunk


def _drain(process: subprocess.Popen, log: bytearray) -> None:
    while chunk := os.read(process.stderr.fileno(), 65536):
        log += chunk
