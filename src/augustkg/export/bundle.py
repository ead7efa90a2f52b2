"""The release bundle: every export of the asserted graph and of the closure, the ontology, the
shapes, the JSON-LD context and a SHA256SUMS list (`sha256sum -c SHA256SUMS` checks it).

The bundle is assembled in a sibling folder and swapped in whole, so the release folder
(`<home>/release/` unless told) always holds one complete, self-consistent release; identical
inputs give byte-identical files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import AugustError
from ..files import replace_folder
from .formats import FORMATS, SINGLE_FILE, render
from .snapshot import Snapshot

SUMS = "SHA256SUMS"
#: The default folder under the project: a name no packaging tool writes to (unlike dist/).
RELEASE_FOLDER = "release"


def files(snap: Snapshot, home: Path) -> dict[str, bytes]:
    """Every file of the bundle by name, in memory."""
    from .jsonld import context_file
    from .neo4j_csv import tables
    from .network import Network
    from .. import settings
    from ..void import void_turtle

    out: dict[str, bytes] = {}
    for name, inferred in (("asserted", False), ("closure", True)):
        for fmt in SINGLE_FILE:
            out[f"augustkg-{name}.{FORMATS[fmt].extension}"] = render(snap, fmt, inferred)
        nodes, rels = tables(Network.of(snap, inferred))
        out[f"augustkg-{name}-nodes.csv"] = nodes.encode("utf-8")
        out[f"augustkg-{name}-relationships.csv"] = rels.encode("utf-8")
    out["context.jsonld"] = context_file(snap.closure)
    out["void.ttl"] = void_turtle(snap.asserted, snap.inferred, settings.get("public_url").rstrip("/") + "/sparql").encode("utf-8")
    for source, name in ((home / "ontology" / "augustkg.ttl", "augustkg-ontology.ttl"),
                         (home / "ontology" / "shapes.ttl", "augustkg-shapes.ttl")):
        try:
            out[name] = source.read_bytes()
        except OSError as exc:
            raise AugustError(f"cannot read {source}: {exc.strerror}") from None
    return out


def checksums(contents: dict[str, bytes]) -> bytes:
    """`sha256sum` lines for the files, sorted by name."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n"
                   for name, data in sorted(contents.items())).encode("utf-8")


def write_bundle(snap: Snapshot, home: Path, dest: Path | None = None) -> list[Path]:
    """Write the bundle to `dest` (default `<home>/release`), replacing an earlier bundle whole;
    a folder that holds anything else is refused."""
    dest = Path(dest) if dest else Path(home) / RELEASE_FOLDER
    if dest.exists() and not (dest / SUMS).is_file() and any(dest.iterdir()):
        raise AugustError(f"{dest} exists and is not a release bundle (no {SUMS}); choose another folder with -o")
    contents = files(snap, home)
    contents[SUMS] = checksums(contents)
    return replace_folder(dest, contents)
