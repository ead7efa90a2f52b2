"""The engine process: Oxigraph's own server (PyPI `oxigraph`), read-only, on a loopback port.

The supervisor keeps one answering: a process that exits (a crash, `kill -9`), refuses or drops
connections, or fails the health probe is replaced by a fresh one on the same store, as
PostgreSQL's postmaster replaces a crashed backend. While the replacement starts, requests are
turned away at once with 503 and `Retry-After` (`Unavailable`) rather than left waiting, and
`/health` reports the restart.

The time limit is the front's (see `server/time_limit.py`), not Oxigraph's `--timeout-s`: that
one is checked only between solutions, so a join that produces none (a cross product under a
filter that never matches) runs for minutes past it, and it doubled the engine's CPU per small
query (measured: ~130 against ~65 µs). A process with a query past the limit is therefore retired: a fresh one
takes new requests at once, and the old one is killed as soon as the requests it still serves
normally have finished. Killing is the only stop that always works, and a read-only store makes
it harmless.

The engine runs at a lower CPU priority than the front (`NICE`). Every request passes through
the front's one thread, while the engine answers on a thread per connection; at equal priority
the scheduler shares a core among all of them alike, so under load the front waits behind the
engine's threads and the whole pipeline stalls with it. Measured with `benchmarks/load_test.py`
(8 clients, 2 cores): 0.46–0.52× bare Oxigraph's throughput at equal priority, 0.55–0.59× at
nice 10; nice 19 starved the engine (0.48×, p99 20 ms). The priority is lowered only once the
engine answers: a replacement started at nice 10 under full load took twice as long to come up,
and the soak's 503s went from 0.6 % to 1.4 % of requests.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ...errors import AugustError
from .client import Pool
from .request import PROBE


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
    """A loopback port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Oxigraph:
    """One `oxigraph serve-read-only` process and its connection pool; `live` counts the requests
    it is serving."""

    def __init__(self, store: Path):
        self.port = free_port()
        self.pool = Pool(self.port)
        self.live = 0
        self.retired = False
        self.log = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would block the server
        self.process = subprocess.Popen(
            [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{self.port}",
             "--union-default-graph"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log, preexec_fn=_prepare_child)

    async def ready(self, within: float = 20.0) -> None:
        """Wait until the process answers the probe, polling with a deadline."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while loop.time() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                message = self.log.read().decode(errors="replace").strip()
                raise AugustError(f"the oxigraph server did not start: {message or 'exit ' + str(self.process.returncode)}")
            try:
                async with asyncio.timeout(1.0):
                    self.pool.release(await self.pool.fetch(PROBE, 1024))
                _lower_priority(self.process.pid)
                return
            except OSError:  # refused while it starts (or the 1 s probe timed out): try again
                await asyncio.sleep(0.01)
        self.stop()
        raise AugustError(f"the oxigraph server did not answer on port {self.port} within {within:.0f} s")

    def stop(self) -> None:
        self.pool.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.log.close()


WATCH = 0.2  # seconds between looks at whether the engine process is still alive
PROBE_EVERY = 5.0  # seconds between health probes of a live engine
PROBE_WITHIN = 5.0  # seconds a probe may take before the engine counts as unresponsive
RETRY_AFTER = 1  # seconds a client is told to wait while the engine restarts


class Unavailable(Exception):
    """No engine can take the request now: it is being restarted (HTTP 503 with Retry-After)."""

    retry_after = RETRY_AFTER


class Supervisor:
    """The current Oxigraph process: replaced when a query overruns the time limit, when a build
    publishes a new generation, and when it dies or stops answering (`failed`)."""

    def __init__(self, store: Path):
        self.store = Path(store)
        self.current: Oxigraph | None = None
        self.retiring: set[Oxigraph] = set()
        self.replaced = 0  # after overruns
        self.restarts = 0  # after failures
        self.last_failure: tuple[str, float] | None = None  # (reason, Unix time)
        self.restarting: asyncio.Task | None = None
        self.watching: asyncio.Task | None = None

    async def start(self) -> None:
        process = Oxigraph(self.store)
        await process.ready()
        self.current = process
        self.watching = asyncio.get_running_loop().create_task(self._watch())

    @property
    def state(self) -> str:
        """'up', or 'restarting' while a replacement for a failed engine starts."""
        return "restarting" if self.restarting is not None else "up"

    def acquire(self) -> Oxigraph:
        """A lease on the current process, for one request; Unavailable while it is replaced."""
        if self.restarting is not None:
            raise Unavailable
        process = self.current  # a death is noticed by the watcher or by the request that meets it:
        process.live += 1  # no system call here, on every request's path
        return process

    def failed(self, process: Oxigraph, reason: str) -> None:
        """`process` died, dropped a connection or failed a probe: replace it (once, however many
        requests noticed). A retired process is on its way out already and is left alone."""
        if process is not self.current or process.retired or self.restarting is not None:
            return
        self.restarting = asyncio.get_running_loop().create_task(self._restart(process, reason))

    async def _restart(self, failed: Oxigraph, reason: str) -> None:
        print(f"augustkg: warning: {reason}; restarting the engine", file=sys.stderr, flush=True)
        failed.retired = True
        failed.process.kill()  # dead already, or unresponsive: either way it serves nothing more
        if failed.live == 0:
            failed.stop()
        else:
            self.retiring.add(failed)  # its last release() closes it
        try:
            while True:
                fresh = Oxigraph(self.store)
                try:
                    await fresh.ready()
                    break
                except AugustError as exc:  # keep trying: a server without an engine is no server
                    print(f"augustkg: warning: {exc}; trying again", file=sys.stderr, flush=True)
                    await asyncio.sleep(RETRY_AFTER)
            self.current = fresh
            self.restarts += 1
            self.last_failure = (reason, time.time())
            print(f"augustkg: the engine is answering again (pid {fresh.process.pid})", file=sys.stderr, flush=True)
        finally:
            self.restarting = None

    async def _watch(self) -> None:
        """Until cancelled: notice a dead engine within WATCH seconds, a hung one by the probe."""
        loop = asyncio.get_running_loop()
        next_probe = loop.time() + PROBE_EVERY
        while True:
            await asyncio.sleep(WATCH)
            process = self.current
            if self.restarting is not None or process.retired:
                continue
            if process.process.poll() is not None:
                self.failed(process, f"the engine process exited (status {process.process.returncode})")
            elif loop.time() >= next_probe:
                next_probe = loop.time() + PROBE_EVERY
                if not await self.probe(process):
                    self.failed(process, f"the engine did not answer the health probe within {PROBE_WITHIN:g} s")

    async def probe(self, process: Oxigraph | None = None) -> bool:
        """Whether the engine answers a trivial query within PROBE_WITHIN seconds, on a connection
        of its own (the pool's slots may all be taken by long queries, which is no fault)."""
        process = process or self.current
        pool = Pool(process.port, size=1)
        try:
            async with asyncio.timeout(PROBE_WITHIN):
                connection = await pool.fetch(PROBE, 1024)
            ok = connection.status == 200
            connection.close()
            return ok
        except (OSError, TimeoutError):
            return False
        finally:
            pool.close()

    def health(self) -> dict:
        """What /health reports about the engine."""
        process = self.current
        failure = self.last_failure
        return {"engine": self.state, "pid": process.process.pid if process else None,
                "restarts": self.restarts, "replaced_after_overrun": self.replaced,
                "last_restart": None if failure is None else
                {"reason": failure[0], "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(failure[1]))}}

    def release(self, process: Oxigraph) -> None:
        """Give a lease back; the last lease on a retired process kills it."""
        process.live -= 1
        if process.retired and process.live == 0:
            process.stop()
            self.retiring.discard(process)

    async def overran(self, process: Oxigraph) -> None:
        """A query on `process` ran past the limit: send new work to a fresh process."""
        if process.retired:
            return
        process.retired = True
        self.retiring.add(process)
        fresh = Oxigraph(self.store)
        try:
            await fresh.ready()
        except AugustError:
            process.retired = False  # keep the old one rather than none
            self.retiring.discard(process)
            raise
        self.current = fresh
        self.replaced += 1
        # the caller still holds a lease: its release() stops the old process once nothing else runs there

    async def switch(self, store: Path) -> None:
        """A build published a new generation: new requests go to a process on its store at once;
        the old process finishes the requests it is serving, then stops (as after an overrun).
        If the new process fails to start, the old one keeps serving (the error is raised)."""
        while self.restarting is not None:  # a restart in flight would put an engine on the old store
            await asyncio.wait({self.restarting})
        fresh = Oxigraph(store)
        await fresh.ready()
        old, self.current, self.store = self.current, fresh, Path(store)
        old.retired = True
        if old.live == 0:
            old.stop()
        else:
            self.retiring.add(old)

    def stop(self) -> None:
        for task in (self.watching, self.restarting):
            if task is not None:
                task.cancel()
        for process in [self.current, *self.retiring]:
            if process is not None:
                process.stop()


#: How much lower the engine's CPU priority is than the front's, once it answers (see the module's docstring).
NICE = 10


def _lower_priority(pid: int) -> None:
    """Every thread of the engine `NICE` below the front. Linux keeps a priority per thread, and a
    new thread takes its creator's, so the connection threads started later follow."""
    target = min(19, os.getpriority(os.PRIO_PROCESS, 0) + NICE)
    try:
        threads = [int(tid) for tid in os.listdir(f"/proc/{pid}/task")]
    except OSError:  # not Linux: the process's own priority is what there is
        threads = [pid]
    for tid in threads:
        try:
            os.setpriority(os.PRIO_PROCESS, tid, target)
        except OSError:  # the thread (or the engine) is gone: nothing to lower
            pass


def _prepare_child() -> None:
    """In the child, before exec: ask Linux to kill the engine when the front dies
    (PR_SET_PDEATHSIG), so a killed `augustkg serve` never leaves an engine behind."""
    import ctypes
    import signal

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
    except OSError:
        pass  # not Linux: the front's shutdown still stops the engine
