"""GraphML for Gephi, yEd and NetworkX: one node per resource, one edge per link between two.

Written by hand rather than through networkx so the core package needs no drawing extras and
the bytes are fixed by the sorted network. Edges get ids because two resources may be linked by
several properties (NetworkX then reads a MultiDiGraph). Attribute names follow what Gephi
shows by default: `label` on nodes and on edges.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..namespaces import shorten

NODE_KEYS = [("label", "label"), ("type", "type"), ("types", "types"), ("iri", "iri")]
EDGE_KEYS = [("elabel", "label"), ("property", "property"), ("inferred", "inferred")]


def graphml(net) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n']
    for key, name in NODE_KEYS:
        out.append(f'  <key id="{key}" for="node" attr.name="{name}" attr.type="string"/>\n')
    for key, name in EDGE_KEYS:
        kind = "boolean" if name == "inferred" else "string"
        out.append(f'  <key id="{key}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n')
    out.append('  <graph id="augustkg" edgedefault="directed">\n')
    for node in net.nodes.values():
        out.append(f"    <node id={quoteattr(node.iri)}>\n")
        out.append(_data("label", node.label or node.key))
        out.append(_data("type", " ".join(shorten(c) for c in node.specific)))
        out.append(_data("types", " ".join(sorted(shorten(c) for c in node.classes))))
        out.append(_data("iri", node.iri))
        out.append("    </node>\n")
    for i, edge in enumerate(net.edges):
        out.append(f'    <edge id="e{i}" source={quoteattr(edge.source)} target={quoteattr(edge.target)}>\n')
        out.append(_data("elabel", net.property_labels[edge.property]))
        out.append(_data("property", shorten(edge.property)))
        out.append(_data("inferred", "true" if edge.inferred else "false"))
        out.append("    </edge>\n")
    out.append("  </graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")


def _data(key: str, value: str) -> str:
    return f'      <data key="{key}">{escape(value)}</data>\n'
