"""Pictures of the graph: the order of battle (Graphviz) and the timeline (matplotlib)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import AugustError

#: What `augustkg draw` can write; the CLI offers exactly these.
PICTURE_FORMATS = ("svg", "png")
#: The pictures by name, with the module that draws each (the CLI's `draw` commands, the web pages).
PICTURES = {"oob": "augustkg.draw.oob", "timeline": "augustkg.draw.timeline"}


def write_picture(data: bytes, out: Path | None, fmt: str) -> None:
    """Write to a file (atomically) or to stdout, refusing to dump PNG bytes on a terminal."""
    if out is None:
        if fmt == "png" and sys.stdout.isatty():
            raise AugustError("a PNG cannot be shown on a terminal; give -o FILE")
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from ..files import write_atomic

    write_atomic(Path(out), data)
