"""Exports for tools outside the project: RDF files, JSON-LD, GraphML, Neo4j CSV, a release bundle.

Everything is read from one build generation's sorted dumps (`asserted.nt`, `closure.nt`), not
from a fresh reasoning run, so an export is exactly what the store answers from — the fast
closure, without the reference reasoner's noise — and identical inputs give identical bytes.
Files are written beside their target and renamed into place, so a failure leaves nothing
half-written.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import AugustError
from .namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, PREFIXES

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": None,  # our own compaction, see export_jsonld
    "xml": ox.RdfFormat.RDF_XML,
}
FORMATS = (*RDF_FORMATS, "graphml", "csv")
EXTENSIONS = {"ttl": "ttl", "nt": "nt", "nq": "nq", "trig": "trig", "jsonld": "jsonld", "xml": "rdf",
              "graphml": "graphml"}
QUAD_FORMATS = ("nq", "trig")


@dataclass(frozen=True)
class Snapshot:
    """The asserted and inferred triples of one generation, each sorted as in the dumps."""

    asserted: tuple
    inferred: tuple
    closure: tuple

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


def snapshot(home: Path | None = None, build_dir: Path | None = None) -> Snapshot:
    """The current generation (built or rebuilt first if stale), read from its dumps."""
    from .graph import ensure_built

    return Snapshot.read(ensure_built(home, build_dir))


def render(snap: Snapshot, fmt: str, inferred: bool = True) -> bytes:
    """One export as bytes, for every single-file format."""
    if fmt == "jsonld":
        from .export_jsonld import document

        return document(snap.triples(inferred), snap.closure)
    if fmt == "graphml":
        from .export_graphml import graphml
        from .export_network import Network

        return graphml(Network.of(snap, inferred))
    if fmt not in RDF_FORMATS:
        raise AugustError(f"'{fmt}' is not an export format; use one of: {', '.join(FORMATS)}")
    data = snap.quads(inferred) if fmt in QUAD_FORMATS else snap.triples(inferred)
    prefixes = None if fmt in ("nt", "nq") else PREFIXES
    try:
        return ox.serialize(data, format=RDF_FORMATS[fmt], prefixes=prefixes)
    except (ValueError, OSError) as exc:  # e.g. an IRI RDF/XML cannot split into a qname
        raise AugustError(f"cannot write the graph as {fmt}: {exc}") from None


def export(snap: Snapshot, fmt: str, inferred: bool = True, out: Path | None = None) -> list[Path]:
    """Write one export to `out` (stdout when None); returns the files written."""
    if fmt == "csv":
        if out is None:
            raise AugustError("csv writes two files (nodes and relationships); give -o FOLDER/ or -o PREFIX")
        from .export_csv import write_csv
        from .export_network import Network

        return write_csv(Network.of(snap, inferred), Path(out))
    data = render(snap, fmt, inferred)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return []
    write_atomic(Path(out), data)
    return [Path(out)]


def write_atomic(path: Path, data: bytes) -> None:
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
