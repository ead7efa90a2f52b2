"""The release bundle: every export of the asserted graph and of the closure, the ontology, the
shapes, the JSON-LD context and a SHA256SUMS list (`sha256sum -c SHA256SUMS` checks it).

The bundle is assembled in a sibling folder and swapped in whole, so `dist/` always holds one
complete, self-consistent release; identical inputs give byte-identical files.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from .errors import AugustError
from .export import EXTENSIONS, RDF_FORMATS, Snapshot, render

SUMS = "SHA256SUMS"


def files(snap: Snapshot, home: Path) -> dict[str, bytes]:
    from .export_csv import tables
    from .export_jsonld import context_file
    from .export_network import Network

    out: dict[str, bytes] = {}
    for name, inferred in (("asserted", False), ("closure", True)):
        for fmt in (*RDF_FORMATS, "graphml"):
            out[f"augustkg-{name}.{EXTENSIONS[fmt]}"] = render(snap, fmt, inferred)
        nodes, rels = tables(Network.of(snap, inferred))
        out[f"augustkg-{name}-nodes.csv"] = nodes.encode("utf-8")
        out[f"augustkg-{name}-relationships.csv"] = rels.encode("utf-8")
    out["context.jsonld"] = context_file(snap.closure)
    for source, name in ((home / "ontology" / "augustkg.ttl", "augustkg-ontology.ttl"),
                         (home / "ontology" / "shapes.ttl", "augustkg-shapes.ttl")):
        try:
            out[name] = source.read_bytes()
        except OSError as exc:
            raise AugustError(f"cannot read {source}: {exc.strerror}") from None
    return out


def checksums(contents: dict[str, bytes]) -> bytes:
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n"
                   for name, data in sorted(contents.items())).encode("utf-8")


def write_bundle(snap: Snapshot, home: Path, dest: Path) -> list[Path]:
    dest = Path(dest)
    if dest.exists() and not (dest / SUMS).is_file() and any(dest.iterdir()):
        raise AugustError(f"{dest} exists and is not a release bundle (no {SUMS}); choose another folder with -o")
    contents = files(snap, home)
    contents[SUMS] = checksums(contents)
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
        raise AugustError(f"cannot write the bundle to {dest}: {exc.strerror}") from None
    shutil.rmtree(old, ignore_errors=True)
    return [dest / name for name in sorted(contents)]
