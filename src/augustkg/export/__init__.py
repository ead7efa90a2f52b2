"""Exports for tools outside the project: RDF files, JSON-LD, GraphML, Neo4j CSV, a release
bundle, and publishing to a SPARQL server.

`formats` is the registry and writes one export; `snapshot` reads a generation's dumps;
`jsonld`, `network` + `graphml` and `neo4j_csv` are the non-RDF writers; `bundle` writes them
all with checksums; `publish` uploads the graph over the Graph Store Protocol.
"""

from .formats import FORMATS, export, render
from .snapshot import Snapshot, snapshot

__all__ = ["FORMATS", "export", "render", "Snapshot", "snapshot"]
