"""A server in a child process, ready when the context opens: for tests, benchmarks and notebooks.

It runs the real `augustkg serve` command, so what is checked is what users start.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from .backend import free_port


@contextmanager
def running(home: Path, build_dir: Path, timeout: float | None = None, env: dict | None = None, within: float = 60.0):
    """Yield the base URL of a fresh `augustkg serve` on a free loopback port; stop it afterwards."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "augustkg"), "serve", "--port", str(port), "--build-dir", str(build_dir)]
    if timeout is not None:
        command += ["--timeout", str(timeout)]
    environment = {**os.environ, "AUGUSTKG_HOME": str(home), **(env or {})}
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=log, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + within
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"augustkg serve exited {process.returncode}: {log.read().decode()}")
            try:
                if httpx.get(url + "/queries", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"augustkg serve did not answer on port {port} within {within:.0f} s")
            time.sleep(0.1)
        yield url
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
        log.close()
