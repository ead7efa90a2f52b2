"""The order of battle as nested HTML lists: each top command, its subordinates, their commanders.

Read from `augustkg.oob` (the same reading the drawing uses); top commands are grouped by the
state they serve, and every level opens and closes (`<details>`), with no script.
"""

from __future__ import annotations

from html import escape

from ..oob import roots, units
from .html import iri_link


def order_of_battle(kg) -> str:
    """The tree as HTML sections, one per state, for the /oob page."""
    every = units(kg)
    by_state: dict[str, list[str]] = {}
    for iri in roots(every):
        by_state.setdefault(every[iri].state or "", []).append(iri)

    def node(iri: str, path: frozenset) -> str:
        unit = every[iri]
        people = ", ".join(iri_link(person, name) for person, name in unit.commanders)
        head = iri_link(iri, unit.label) + (f' <span class="commander">— {people}</span>' if people else "")
        children = [c for c in unit.children if c not in path]
        if not children:
            return f"<li>{head}</li>"
        inner = "".join(node(c, path | {c}) for c in children)
        return f'<li><details open><summary>{head} <small>({len(children)})</small></summary><ul>{inner}</ul></details></li>'

    parts = []
    for state in sorted(by_state, key=lambda s: kg.label(s) or "~"):
        title = iri_link(state, kg.label(state)) if state else "Other"
        tops = "".join(node(u, frozenset([u])) for u in by_state[state])
        parts.append(f'<section class="oob"><h2>{title}</h2><ul class="tree">{tops}</ul></section>')
    return "".join(parts) or f"<p>{escape('No units in the graph.')}</p>"
