"""Nodes and relationships as the CSV pair `neo4j-admin database import` and `LOAD CSV` read.

Header conventions are Neo4j's: `id:ID` and `:LABEL` (labels split on `;`) for nodes,
`:START_ID`, `:END_ID` and `:TYPE` for relationships, `name:type` for typed columns. Labels
and relationship types are the local names of the ontology terms (`Front`, `directlySubordinateTo`)
plus `Resource` on every node — the same names neosemantics gives, so one Cypher query works
whichever way the graph was loaded.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from ..errors import AugustError
from ..files import write_atomic
from ..namespaces import shorten
from .network import local_name

NODE_HEADER = ["id:ID", "label", ":LABEL", "iri", "date:date", "startDate:date", "endDate:date"]
EDGE_HEADER = [":START_ID", ":END_ID", ":TYPE", "property", "label", "inferred:boolean"]


def tables(net) -> tuple[str, str]:
    """(nodes CSV, relationships CSV) of a network, as text."""
    nodes = io.StringIO(newline="")
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(NODE_HEADER)
    for node in net.nodes.values():
        labels = ";".join(["Resource", *sorted(local_name(c) for c in node.classes)])
        w.writerow([node.key, node.label, labels, node.iri, node.dates.get("date", ""),
                    node.dates.get("startDate", ""), node.dates.get("endDate", "")])
    rels = io.StringIO(newline="")
    w = csv.writer(rels, lineterminator="\n")
    w.writerow(EDGE_HEADER)
    for e in net.edges:
        w.writerow([shorten(e.source), shorten(e.target), local_name(e.property), shorten(e.property),
                    net.property_labels[e.property], "true" if e.inferred else "false"])
    return nodes.getvalue(), rels.getvalue()


def targets(out: str | Path) -> tuple[Path, Path]:
    """`-o folder/` (created if missing) or an existing folder gives folder/nodes.csv and
    folder/relationships.csv; `-o dir/name` gives dir/name-nodes.csv. Takes the text as typed:
    `Path("neo4j/")` has already lost the slash that says "a folder".

    >>> [p.as_posix() for p in targets("neo4j/")]
    ['neo4j/nodes.csv', 'neo4j/relationships.csv']
    >>> [p.as_posix() for p in targets("out/augustkg")]
    ['out/augustkg-nodes.csv', 'out/augustkg-relationships.csv']
    """
    folder = str(out).endswith(("/", os.sep))
    out = Path(out)
    if folder or out.is_dir():
        return out / "nodes.csv", out / "relationships.csv"
    joint = "" if out.name.endswith(("-", "_", ".")) else "-"
    return out.with_name(f"{out.name}{joint}nodes.csv"), out.with_name(f"{out.name}{joint}relationships.csv")


def write_csv(net, out: str | Path) -> list[Path]:
    """Write the pair next to `out` (see `targets`); returns their paths. A folder named with a
    trailing slash is created, as `docs/loading.md` shows; a missing parent of a prefix is an error."""
    paths = targets(out)
    if str(out).endswith(("/", os.sep)):
        paths[0].parent.mkdir(parents=True, exist_ok=True)
    if not paths[0].parent.is_dir():
        raise AugustError(f"{paths[0].parent} does not exist; create it first")
    for path, text in zip(paths, tables(net)):
        write_atomic(path, text.encode("utf-8"))
    return list(paths)
