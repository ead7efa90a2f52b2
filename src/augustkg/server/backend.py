"""The SPARQL engine: Oxigraph's own server (PyPI `oxigraph`), read-only, on a loopback port.

Oxigraph's `--timeout-s` is only checked between solutions, so a join that produces none (a
cross product under a filter that never matches) can run for minutes past it. A stuck process
is therefore retired: a fresh one takes new requests at once, and the old one is killed as soon
as the requests it still serves normally have finished. Killing is the only stop that always
works, and a read-only store makes it harmless.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from ..errors import AugustError


def oxigraph_binary() -> str:
    """The `oxigraph` command installed with the package (next to this Python), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise AugustError("the 'oxigraph' server is not installed; run: pip install 'augustkg[serve]'")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Oxigraph:
    """One `oxigraph serve-read-only` process; `live` counts the requests it is serving."""

    def __init__(self, store: Path, timeout: float):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.live = 0
        self.retired = False
        self.log = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would block the server
        self.process = subprocess.Popen(
            [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{self.port}",
             "--union-default-graph", "--timeout-s", str(max(1, round(timeout)))],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log)

    async def ready(self, client: httpx.AsyncClient, within: float = 20.0) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while loop.time() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                message = self.log.read().decode(errors="replace").strip()
                raise AugustError(f"the oxigraph server did not start: {message or 'exit ' + str(self.process.returncode)}")
            try:
                await client.get(self.url + "/query", params={"query": "ASK {}"}, timeout=1.0)
                return
            except httpx.TransportError:
                await asyncio.sleep(0.05)
        self.stop()
        raise AugustError(f"the oxigraph server did not answer on port {self.port} within {within:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.log.close()


class Engine:
    """The current Oxigraph process, replaced when a query overruns the time limit."""

    def __init__(self, store: Path, timeout: float, client: httpx.AsyncClient):
        self.store, self.timeout, self.client = Path(store), timeout, client
        self.current: Oxigraph | None = None
        self.retiring: set[Oxigraph] = set()
        self.replaced = 0

    async def start(self) -> None:
        backend = Oxigraph(self.store, self.timeout)
        await backend.ready(self.client)
        self.current = backend

    def acquire(self) -> Oxigraph:
        backend = self.current
        backend.live += 1
        return backend

    def release(self, backend: Oxigraph) -> None:
        """Give a lease back; the last lease on a retired process kills it."""
        backend.live -= 1
        if backend.retired and backend.live == 0:
            backend.stop()
            self.retiring.discard(backend)

    async def overran(self, backend: Oxigraph) -> None:
        """A query on `backend` ran past the limit: send new work to a fresh process."""
        if backend.retired:
            return
        backend.retired = True
        self.retiring.add(backend)
        fresh = Oxigraph(self.store, self.timeout)
        try:
            await fresh.ready(self.client)
        except AugustError:
            backend.retired = False  # keep the old one rather than none
            self.retiring.discard(backend)
            raise
        self.current = fresh
        self.replaced += 1
        # the caller still holds a lease: its release() stops the old process once nothing else runs there

    def stop(self) -> None:
        for backend in [self.current, *self.retiring]:
            if backend is not None:
                backend.stop()
