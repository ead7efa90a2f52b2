"""The consistency check: no member of owl:Nothing, nobody in two disjoint classes.

Run on the closure before anything is stored, so an inconsistent graph is never published.
It reads the interned closure directly (no store yet), which keeps it fast at a million triples.
"""

from __future__ import annotations

import re

from ..namespaces import shorten
from .reason import Closure
from .rules import NOTHING, TYPE, Graph, Rules, Triple


def violations(closure: "set[Triple] | Graph | Closure") -> list[str]:
    """Members of owl:Nothing and of two disjoint classes, each named with its axiom.

    >>> violations({("<http://e/x>", TYPE, NOTHING)})
    ['<http://e/x> is a member of owl:Nothing']
    """
    if isinstance(closure, Closure):
        g = closure.consistency_graph()
    elif isinstance(closure, Graph):
        g = closure
    else:
        g = Graph()
        for t in closure:
            g.add(*t)
    rules = Rules(g)
    found = [f"{_short(x)} is a member of owl:Nothing" for x in sorted(g.subjects(TYPE, NOTHING))]
    for a, b, axiom in rules.disjoint_pairs:
        for x in sorted(g.subjects(TYPE, a) & g.subjects(TYPE, b)):
            found.append(f"{_short(x)} is both {_short(a)} and {_short(b)}, which {_short(axiom)} declares disjoint")
    return found


def _short(text: str) -> str:
    """Write the IRIs inside a message as prefixed names."""
    return re.sub(r"<([^>]*)>", lambda m: shorten(m.group(1)), text)
