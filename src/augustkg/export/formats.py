"""The export formats: one registry from which `augustkg export --format`, the release bundle
and the docs all take their list.

RDF formats are written by pyoxigraph; JSON-LD, GraphML and the Neo4j CSV pair by the modules
beside this one. Files are written beside their target and renamed into place, so a failure
leaves nothing half-written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from ..errors import AugustError
from ..files import write_atomic
from ..namespaces import PREFIXES
from .snapshot import Snapshot


class ExportFormat:
    """One format: its file extension, what it is, and how to render a snapshot to bytes
    (None for formats that write more than one file)."""

    __slots__ = ("name", "extension", "description", "render", "network")

    def __init__(self, name: str, extension: str | None, description: str,
                 render: Callable[..., bytes] | None, network: bool = False):
        self.name, self.extension, self.description, self.render = name, extension, description, render
        #: A network format (nodes and edges) takes the provenance switch: without provenance
        #: the sources' records (statements, citations, references, sections) and the links to
        #: them are left out, which is what network tools want to lay out.
        self.network = network


def _rdf(fmt: ox.RdfFormat, quads: bool, prefixed: bool):
    def render(snap: Snapshot, inferred: bool) -> bytes:
        data = snap.quads(inferred) if quads else snap.triples(inferred)
        try:
            return ox.serialize(data, format=fmt, prefixes=PREFIXES if prefixed else None)
        except (ValueError, OSError) as exc:  # e.g. an IRI RDF/XML cannot split into a qname
            raise AugustError(f"cannot write the graph as {fmt.name}: {exc}") from None

    return render


def _jsonld(snap: Snapshot, inferred: bool) -> bytes:
    from .jsonld import document

    return document(snap.triples(inferred), snap.closure)


def _graphml(snap: Snapshot, inferred: bool, provenance: bool = True) -> bytes:
    from .graphml import graphml
    from .network import Network

    return graphml(Network.of(snap, inferred, provenance))


FORMATS = {f.name: f for f in [
    ExportFormat("ttl", "ttl", "Turtle", _rdf(ox.RdfFormat.TURTLE, False, True)),
    ExportFormat("nt", "nt", "N-Triples", _rdf(ox.RdfFormat.N_TRIPLES, False, False)),
    ExportFormat("nq", "nq", "N-Quads, asserted and inferred in two named graphs", _rdf(ox.RdfFormat.N_QUADS, True, False)),
    ExportFormat("trig", "trig", "TriG, asserted and inferred in two named graphs", _rdf(ox.RdfFormat.TRIG, True, True)),
    ExportFormat("jsonld", "jsonld", "JSON-LD that reads as plain JSON", _jsonld),
    ExportFormat("xml", "rdf", "RDF/XML", _rdf(ox.RdfFormat.RDF_XML, False, True)),
    ExportFormat("graphml", "graphml", "GraphML for Gephi, yEd and NetworkX", _graphml, network=True),
    ExportFormat("csv", None, "nodes and relationships CSV files for Neo4j", None, network=True),
]}
#: The formats that write one file.
SINGLE_FILE = tuple(name for name, f in FORMATS.items() if f.render is not None)


#: The formats that take the provenance switch.
NETWORK = tuple(name for name, f in FORMATS.items() if f.network)


def render(snap: Snapshot, fmt: str, inferred: bool = True, provenance: bool = True) -> bytes:
    """One export as bytes, for every single-file format."""
    found = FORMATS.get(fmt)
    if found is None or found.render is None:
        raise AugustError(f"'{fmt}' is not a single-file export format; use one of: {', '.join(SINGLE_FILE)}")
    if not provenance and not found.network:
        raise AugustError(f"--no-provenance is for the network formats ({', '.join(NETWORK)}); "
                          f"the RDF formats keep every statement")
    return found.render(snap, inferred, provenance) if found.network else found.render(snap, inferred)


def export(snap: Snapshot, fmt: str, inferred: bool = True, out: str | Path | None = None,
           provenance: bool = True) -> list[Path]:
    """Write one export to `out` (stdout when None); returns the files written."""
    if fmt == "csv":
        if out is None:
            raise AugustError("csv writes two files (nodes and relationships); give -o FOLDER/ or -o PREFIX")
        from .neo4j_csv import write_csv
        from .network import Network

        return write_csv(Network.of(snap, inferred, provenance), out)
    data = render(snap, fmt, inferred, provenance)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return []
    write_atomic(Path(out), data)
    return [Path(out)]
