"""The store step: write one generation (the pyoxigraph store, sorted N-Triples dumps, the manifest).

Everything goes into a fresh folder first; `generations.swap_current` makes it visible only once
complete. An interrupted build leaves a stray `.gen-…` folder that the next build removes and
the previous store keeps answering. Old generations are deleted once no reader leases them.

Nothing here holds a whole dump in memory: at a million asserted triples the closure's
N-Triples text is over half a gigabyte, so dumps are written and hashed in batches and the
store is bulk-loaded from a stream.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import time
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from ..files import write_json_atomic
from ..generations import MANIFEST, swap_current
from ..locks import LEASE, delete_unless_leased
from ..names import NAMES, NameIndex
from ..namespaces import ASSERTED_GRAPH, INFERRED_GRAPH
from .reason import Closure


def fill(store: ox.Store, closure: Closure, asserted=None, advance: Callable[[int], None] = lambda n: None) -> None:
    """Load a closure into a store as a build lays it out: what the files say in the asserted
    named graph, what reasoning added in the inferred one (the default graph is their union).
    `asserted` is a binary file of the asserted triples when one was written already."""
    # lenient: the text was written by pyoxigraph's own serializer from checked terms
    store.bulk_load(_Counting(asserted, advance) if asserted is not None else _Stream(closure.lines("asserted"), advance),
                    format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(ASSERTED_GRAPH), lenient=True)
    store.bulk_load(_Stream(closure.lines("inferred"), advance), format=ox.RdfFormat.N_TRIPLES,
                    to_graph=ox.NamedNode(INFERRED_GRAPH), lenient=True)


def write_generation(store_dir: Path, closure: Closure, manifest: dict,
                     check: Callable[[ox.Store], None] | None = None,
                     progress: Callable[[int, int], None] | None = None) -> Path:
    """Write and publish a generation. `check` runs on the finished store before it is published
    (the SPARQL validation path); if it raises, nothing is published. `progress(done, total)`
    counts triples written."""
    store_dir.mkdir(parents=True, exist_ok=True)
    _sweep(store_dir)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{time.time_ns() % 1_000_000_000:09d}"
    work = store_dir / f".gen-{stamp}"
    work.mkdir()
    (work / LEASE).touch()  # readers lease the generation through this file (`locks`)
    asserted_count, closure_count = closure.asserted_count(), len(closure)
    total = asserted_count + closure_count * 2  # two dumps, then asserted + inferred into the store
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    try:
        _write_lines(work / "asserted.nt", closure.sorted_lines("asserted"), advance)
        closure_sha256 = _write_lines(work / "closure.nt", closure.sorted_lines("closure"), advance)
        store = ox.Store(str(work / "store"))
        with open(work / "asserted.nt", "rb") as fh:
            fill(store, closure, fh, advance)
        store.flush()
        if check:
            check(store)
        NameIndex.from_store(store).save(work / NAMES)
        del store
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    manifest = dict(manifest)
    manifest.update(
        asserted_triples=asserted_count,
        inferred_triples=closure_count - asserted_count,
        closure_triples=closure_count,
        closure_sha256=closure_sha256,
    )
    write_json_atomic(work / MANIFEST, manifest)
    final = store_dir / f"gen-{stamp}"
    os.rename(work, final)
    swap_current(store_dir, final)
    _prune(store_dir, keep=final)
    return final


def _write_lines(path: Path, batches, advance) -> str:
    """Write batches of N-Triples lines; returns the SHA-256 of the file."""
    digest = hashlib.sha256()
    with open(path, "wb") as fh:
        for batch in batches:
            data = batch.encode("utf-8")
            digest.update(data)
            fh.write(data)
            advance(batch.count("\n"))
    return digest.hexdigest()


class _Counting(io.RawIOBase):
    """A binary file that reports the lines read through it (the store load's progress)."""

    def __init__(self, fh, advance):
        self.fh, self.advance = fh, advance

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.fh.readinto(buffer)
        if n:
            self.advance(bytes(buffer[:n]).count(b"\n"))
        return n


class _Stream(io.RawIOBase):
    """A binary file over batches of N-Triples text, so the store loads without a giant string."""

    def __init__(self, batches, advance):
        self.batches, self.advance = iter(batches), advance
        self.pending, self.offset = memoryview(b""), 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.offset == len(self.pending):
            batch = next(self.batches, None)
            if batch is None:
                return 0
            self.pending, self.offset = memoryview(batch.encode("utf-8")), 0
            self.advance(batch.count("\n"))
        n = min(len(buffer), len(self.pending) - self.offset)
        buffer[:n] = self.pending[self.offset:self.offset + n]
        self.offset += n
        return n


def _sweep(store_dir: Path) -> None:
    """Remove folders of builds that never finished, and of deletions that never finished.
    Only the holder of the build lock calls this, so no other build is writing there."""
    for leftover in [*store_dir.glob(".gen-*"), *store_dir.glob(".old-gen-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _prune(store_dir: Path, keep: Path) -> None:
    """Delete every generation but the new one, except those a reader holds a lease on (a
    running server, an open `KnowledgeGraph`): they go in a later build, once released."""
    for gen in store_dir.glob("gen-*"):
        if gen.resolve() != keep.resolve():
            delete_unless_leased(gen)
