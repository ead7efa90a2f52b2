"""The order of battle as nested lists: each top command, its subordinates, and their commanders.

Built from the asserted chain (`ako:directlySubordinateTo`), so each unit sits once under its
direct superior; top commands are the units with no superior, grouped by the state they serve.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from .html import iri_link

UNITS = """
SELECT ?unit ?label ?parent ?commander ?country WHERE {
  ?unit a ako:MilitaryUnit .
  OPTIONAL { ?unit rdfs:label ?label FILTER(LANG(?label) = "en") }
  OPTIONAL { ?unit ako:directlySubordinateTo ?parent }
  OPTIONAL { ?unit ako:commandedBy ?commander }
  OPTIONAL { ?unit ako:armedForceOf ?country }
}"""


def order_of_battle(kg) -> str:
    labels, parents, commanders, country = {}, defaultdict(set), defaultdict(set), {}
    for sol in kg.raw(UNITS):
        unit = sol["unit"].value
        labels[unit] = sol["label"].value if sol["label"] else kg.label(unit) or unit
        if sol["parent"]:
            parents[unit].add(sol["parent"].value)
        if sol["commander"]:
            commanders[unit].add(sol["commander"].value)
        if sol["country"]:
            country.setdefault(unit, sol["country"].value)
    children = defaultdict(list)
    for unit, ups in parents.items():
        for up in ups:
            children[up].append(unit)
    by_label = lambda u: labels.get(u, u)  # noqa: E731
    roots = defaultdict(list)
    for unit in labels:
        if not parents.get(unit):
            roots[country.get(unit, "")].append(unit)

    def node(unit: str, path: frozenset) -> str:
        people = ", ".join(iri_link(c, kg.label(c)) for c in sorted(commanders[unit], key=lambda c: kg.label(c) or c))
        head = iri_link(unit, labels[unit]) + (f' <span class="commander">— {people}</span>' if people else "")
        below = [c for c in sorted(children[unit], key=by_label) if c not in path]
        if not below:
            return f"<li>{head}</li>"
        inner = "".join(node(c, path | {c}) for c in below)
        return f'<li><details open><summary>{head} <small>({len(below)})</small></summary><ul>{inner}</ul></details></li>'

    parts = []
    for state in sorted(roots, key=lambda s: kg.label(s) or "~"):
        title = iri_link(state, kg.label(state)) if state else "Other"
        units = "".join(node(u, frozenset([u])) for u in sorted(roots[state], key=by_label))
        parts.append(f'<section class="oob"><h2>{title}</h2><ul class="tree">{units}</ul></section>')
    return "".join(parts) or f"<p>{escape('No units in the graph.')}</p>"
