"""The store folder: its generations, the `current` link, the manifest, and whether it is fresh.

A build writes a new *generation* folder (store, dumps, manifest) beside the old one and then
swaps the `current` symlink to it in one atomic rename, so readers see either the old complete
store or the new complete store, never a half-written one. The manifest records the hash of the
inputs; a cheap stat comparison answers "is it fresh?" on every command, and the hash settles it
when only timestamps moved.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .files import write_json_atomic

CURRENT = "current"
MANIFEST = "manifest.json"
FAILED = "failed-build.json"  # the inputs of the last failed build, and its error


def current_generation(store_dir: Path) -> Path | None:
    """The generation `current` points at, or None before the first build."""
    link = store_dir / CURRENT
    if not link.exists():
        return None
    return link.resolve()


def read_manifest(generation: Path) -> dict | None:
    try:
        return json.loads((generation / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def swap_current(store_dir: Path, generation: Path) -> None:
    """Point store_dir/current at the generation, atomically (rename over the old symlink)."""
    tmp = store_dir / f".{CURRENT}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(generation.name, tmp)
    os.replace(tmp, store_dir / CURRENT)


def freshness(store_dir: Path, inputs, reasoner: str | None = None) -> tuple[bool, str]:
    """(fresh?, reason) for the current generation against the inputs.

    Stat data (names, sizes, mtimes) decide when they match; otherwise the content hash does,
    so a `touch` or a fresh clone does not force a rebuild.
    """
    generation = current_generation(store_dir)
    if generation is None:
        return False, "no store has been built yet"
    manifest = read_manifest(generation)
    if manifest is None or not (generation / "store").is_dir():
        return False, "the store is incomplete"
    if reasoner and manifest.get("reasoner") != reasoner:
        return False, f"the store was built with the {manifest.get('reasoner')} reasoner"
    from .inputs import ENGINE_VERSION

    if manifest.get("engine_version") != ENGINE_VERSION:
        return False, "the store was built by another version of the build engine"
    if manifest.get("stat") == inputs.stat_key():
        return True, "inputs unchanged"
    if manifest.get("fingerprint") == inputs.fingerprint(manifest.get("reasoner", "fast")):
        manifest["stat"] = inputs.stat_key()
        try:
            write_json_atomic(generation / MANIFEST, manifest)
        except OSError:
            pass  # a read-only store folder: freshness is still right, only slower next time
        return True, "inputs unchanged (timestamps only)"
    old = {row[0] for row in manifest.get("stat", [])}
    new = {row[0] for row in inputs.stat_key()}
    changed = sorted((old ^ new) | {r[0] for r in inputs.stat_key() if r not in manifest.get("stat", [])})
    return False, "changed: " + ", ".join(changed[:5]) + (" ..." if len(changed) > 5 else "")


def remember_failure(store_dir: Path, inputs, reasoner: str, error: str) -> None:
    """Note that these inputs fail to build, and why: readers then answer from the current
    generation with a warning instead of failing the same build again on every call."""
    try:
        store_dir.mkdir(parents=True, exist_ok=True)
        write_json_atomic(store_dir / FAILED, {"stat": inputs.stat_key(), "reasoner": reasoner,
                                              "fingerprint": inputs.fingerprint(reasoner), "error": error})
    except OSError:
        pass  # a read-only store folder: readers will retry the build, no worse than before


def forget_failure(store_dir: Path) -> None:
    (store_dir / FAILED).unlink(missing_ok=True)


def remembered_failure(store_dir: Path, inputs, reasoner: str | None = None) -> str | None:
    """The error of the last failed build if the inputs are still the ones it failed on, else None.

    Same rule as freshness: equal stat data decide at once, else the content hash.
    """
    try:
        failed = json.loads((store_dir / FAILED).read_text())
    except (OSError, ValueError):
        return None
    if reasoner and failed.get("reasoner") != reasoner:
        return None
    if failed.get("stat") == inputs.stat_key() or failed.get("fingerprint") == inputs.fingerprint(failed.get("reasoner", "fast")):
        return failed.get("error") or "the last build failed"
    return None


def old_store_note(home: Path, store_dir: Path) -> str | None:
    """One line about a store left where stores used to go (<home>/build/), when the new place
    is still empty; None otherwise. The old store is not read: build/ is a folder packaging
    tools write to and clean away. The README says `mv build store` keeps it.
    """
    from .settings import OLD_STORE_FOLDER

    old = home / OLD_STORE_FOLDER
    if current_generation(store_dir) is None and (old / CURRENT).exists():
        return (f"augustkg: stores now live in {store_dir}; the old one in {old} is no longer read "
                f"(`mv {old} {store_dir}` keeps it, or delete it)")
    return None
