"""Who may touch the store folder: one build at a time, and no generation deleted while read.

Both are OS file locks (`fcntl.flock`), so a process that dies releases its locks with it and
nothing is left to clean up. The build lock is `<store>/.build.lock`: a second builder sees the
holder's pid in it, says it is waiting, and blocks until the first one is done (then usually
finds the store fresh). A *lease* is a shared lock on `<generation>/.lease`, held by every
reader of that generation (a `KnowledgeGraph`, a server's engine); a build deletes an old
generation only after taking the exclusive lock on it, which it cannot get while one is held.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

BUILD_LOCK = ".build.lock"
LEASE = ".lease"


@contextmanager
def build_lock(store_dir: Path, say: Callable[[str], None] = lambda message: None):
    """Hold the store folder's build lock for the block; wait for it, saying so, if it is taken."""
    store_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(store_dir / BUILD_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip()  # empty if it has only just started
            say(f"augustkg: waiting for the build in progress{f' (pid {holder})' if holder else ''} ...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


class Lease:
    """A shared lock on one generation: while any is held, no build deletes that generation.

    Released by `close()`, or when the object is collected, or when the process ends.
    """

    fd = None

    def __init__(self, generation: Path):
        self.generation = Path(generation)
        self.fd = os.open(self.generation / LEASE, os.O_RDONLY | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_SH)  # waits only while a build is deleting it

    def close(self, _close=os.close) -> None:  # bound now: at interpreter exit `os` may be gone
        if self.fd is not None:
            _close(self.fd)
            self.fd = None

    __del__ = close


def lease_current(store_dir: Path) -> tuple[Path | None, Lease | None]:
    """(the current generation, a lease on it); (None, None) before the first build.

    A build may publish another generation and delete this one between reading the `current`
    link and taking the lease; then the lease is on a folder that is gone, and the link is read
    again.
    """
    from .generations import current_generation

    while True:
        generation = current_generation(store_dir)
        if generation is None:
            return None, None
        try:
            lease = Lease(generation)
        except FileNotFoundError:
            continue  # deleted before the lease was taken
        except PermissionError:
            return generation, None  # a read-only store folder: no build can delete anything there
        if (generation / "store").is_dir():
            return generation, lease
        lease.close()


def delete_unless_leased(generation: Path) -> bool:
    """Delete a generation folder if no reader holds a lease on it; True if it was deleted.

    The folder is renamed away under the exclusive lock first, so a reader that opens the lease
    file a moment later finds the folder gone rather than a half-deleted store.
    """
    try:
        fd = os.open(generation / LEASE, os.O_RDONLY | os.O_CREAT, 0o644)
    except FileNotFoundError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # in use
        doomed = generation.with_name(".old-" + generation.name)
        os.rename(generation, doomed)
    finally:
        os.close(fd)
    import shutil  # only a build deletes: readers never pay for the import

    shutil.rmtree(doomed, ignore_errors=True)
    return True
