"""A running server follows the store: a newly published generation is served without a restart.

A task polls the `current` link of the store folder (a `readlink` twice a second). When a build
has published another generation, the server leases it, opens it (names, resource pages, saved
queries' bindings), starts an engine process on it and only then sends new requests there;
requests already running finish on the old engine, which stops afterwards (`Supervisor.switch`).
The old generation's lease is given back once no engine process of it is left, so the next build
may delete it, never before. A build that fails publishes nothing: the server keeps answering
and says once on stderr which error the build gave.
"""

from __future__ import annotations

import asyncio
import dataclasses
import sys
from pathlib import Path

from ..errors import AugustError
from ..generations import FAILED, current_generation
from ..locks import Lease

POLL = 0.5  # seconds between looks at the `current` link


class Follower:
    """The generation a server serves, and the leases that keep its generations on disk."""

    def __init__(self, state, generation: Path):
        self.state, self.generation = state, Path(generation)
        self.store_dir = self.generation.parent
        self.lease = Lease(self.generation)
        self.draining: list[tuple[Lease, list]] = []  # old generations' leases, with their processes
        self.failure_seen = self._failure_stamp()

    async def run(self) -> None:
        """Poll until cancelled (the server's shutdown)."""
        while True:
            await asyncio.sleep(POLL)
            try:
                await self.step()
            except Exception as exc:  # noqa: BLE001 — the server must outlive any one look
                print(f"augustkg: warning: could not move to the new generation: {exc}", file=sys.stderr, flush=True)

    async def step(self) -> None:
        self._release_drained()
        self._report_failure()
        target = current_generation(self.store_dir)
        if target is None or target == self.generation:
            return
        await self.switch(target)

    async def switch(self, target: Path) -> None:
        """Serve `target`: lease and open it, start its engine, then point new requests at it."""
        from ..graph import KnowledgeGraph
        from . import api

        try:
            lease = Lease(target)
        except FileNotFoundError:
            return  # deleted again already: the next look finds the newest
        state = self.state
        try:
            kg = KnowledgeGraph(target, state.config.home)
            kg.names  # noqa: B018 — the name index, loaded before the first request needs it
        except AugustError:
            lease.close()
            raise
        engine = state.engine
        old_processes = [p for p in (engine.current, *engine.retiring) if p is not None]
        try:
            await engine.switch(target / "store")
        except BaseException:
            lease.close()
            raise
        state.kg, state.bind = kg, api.binder(state.config.saved, kg)
        state.config = dataclasses.replace(state.config, generation=target)
        state.__dict__.pop("_pictures", None)  # pictures are drawn again from the new graph
        self.draining.append((self.lease, old_processes))
        self.lease, self.generation = lease, target
        print(f"augustkg: now serving {target.name} (published by a build)", file=sys.stderr, flush=True)

    def _release_drained(self) -> None:
        """Give back the lease of an old generation once none of its engine processes is running."""
        left = []
        for lease, processes in self.draining:
            if all(p.process.poll() is not None for p in processes):
                lease.close()
            else:
                left.append((lease, processes))
        self.draining = left

    def _failure_stamp(self):
        try:
            return (self.store_dir / FAILED).stat().st_mtime_ns
        except OSError:
            return None

    def _report_failure(self) -> None:
        stamp = self._failure_stamp()
        if stamp is not None and stamp != self.failure_seen:
            import json

            try:
                error = json.loads((self.store_dir / FAILED).read_text()).get("error", "")
            except (OSError, ValueError):
                error = ""
            print(f"augustkg: warning: a build failed, still serving {self.generation.name}: {error}",
                  file=sys.stderr, flush=True)
        self.failure_seen = stamp
