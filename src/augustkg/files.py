"""Atomic writes: a file or a folder appears whole, or not at all.

Every output the project writes (a store manifest, an export, a drawing, a release bundle) is
written beside its target and renamed into place, so a failure or an interrupt never leaves a
half-written file where a reader would take it for a whole one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import AugustError


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to `path` through a temporary sibling and a rename.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_atomic(folder / "a.txt", b"whole")
    >>> (folder / "a.txt").read_bytes(), sorted(p.name for p in folder.iterdir())
    (b'whole', ['a.txt'])
    """
    path = Path(path)
    if path.is_dir():
        raise AugustError(f"{path} is a folder; give a file name with -o")
    if not path.parent.is_dir():
        raise AugustError(f"{path.parent} does not exist; create it first")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise AugustError(f"cannot write {path}: {exc.strerror}") from None


def write_json_atomic(path: Path, data: dict) -> None:
    """JSON, sorted and indented, written atomically (OSError is left to the caller)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    os.replace(tmp, path)


def replace_folder(dest: Path, contents: dict[str, bytes]) -> list[Path]:
    """Make `dest` hold exactly these files: assembled in a sibling folder, then swapped in.

    >>> import tempfile
    >>> dest = Path(tempfile.mkdtemp()) / "release"
    >>> [p.name for p in replace_folder(dest, {"b.txt": b"2", "a.txt": b"1"})]
    ['a.txt', 'b.txt']
    """
    import shutil

    dest = Path(dest)
    work = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    old = dest.with_name(f".{dest.name}.{os.getpid()}.old")
    try:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        for name, data in contents.items():
            (work / name).write_bytes(data)
        if dest.exists():
            os.rename(dest, old)
        os.rename(work, dest)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        if old.exists() and not dest.exists():
            os.rename(old, dest)
        raise AugustError(f"cannot write {dest}: {exc.strerror}") from None
    shutil.rmtree(old, ignore_errors=True)
    return [dest / name for name in sorted(contents)]
