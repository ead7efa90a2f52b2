"""The graph an export is made from: one store generation's sorted dumps, read back as triples.

Exports read the dumps (`asserted.nt`, `closure.nt`) rather than reasoning again, so an export
is exactly what the store answers from — the fast closure, without the reference reasoner's
noise — and identical inputs give identical bytes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import AugustError
from ..namespaces import ASSERTED_GRAPH, INFERRED_GRAPH


class Snapshot:
    """The asserted and inferred triples of one generation, each sorted as in the dumps. A plain
    class: the CLI imports this package to list the formats, and dataclasses cost a cold start."""

    __slots__ = ("asserted", "inferred", "closure")

    def __init__(self, asserted: tuple, inferred: tuple, closure: tuple):
        self.asserted, self.inferred, self.closure = asserted, inferred, closure

    @classmethod
    def read(cls, generation: Path) -> "Snapshot":
        try:
            asserted_lines = (generation / "asserted.nt").read_text(encoding="utf-8").splitlines(keepends=True)
            closure_lines = (generation / "closure.nt").read_text(encoding="utf-8").splitlines(keepends=True)
        except OSError as exc:
            raise AugustError(f"cannot read the dumps of {generation}: {exc.strerror}; run `augustkg build --force`") from None
        seen = set(asserted_lines)
        inferred_lines = [line for line in closure_lines if line not in seen]
        return cls(_parse(asserted_lines), _parse(inferred_lines), _parse(closure_lines))

    def triples(self, inferred: bool) -> tuple:
        return self.closure if inferred else self.asserted

    def quads(self, inferred: bool) -> list:
        """The triples in their named graphs: what nq and trig keep apart."""
        out = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(ASSERTED_GRAPH)) for t in self.asserted]
        if inferred:
            out += [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(INFERRED_GRAPH)) for t in self.inferred]
        return out


def _parse(lines: list[str]) -> tuple:
    return tuple(ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))


def snapshot(home: Path | None = None, store_dir: Path | None = None) -> Snapshot:
    """The current generation (built or rebuilt first if stale), read from its dumps."""
    from ..graph import ensure_built

    return Snapshot.read(ensure_built(home, store_dir))
