"""The consistency check: no member of owl:Nothing, nobody in two disjoint classes, no cycles.

A unit subordinate to itself, an event part of itself or a place inside itself is consistent
in OWL but nonsense in history, and it takes the unit and its subtree out of every
order-of-battle tree; the transitive properties make any such cycle a self-loop in the closure,
so the cycles are found there and named resource by resource.

Run on the closure before anything is stored, so an inconsistent graph is never published.
It reads the interned closure directly (no store yet), which keeps it fast at a million triples.
"""

from __future__ import annotations

import re

from ..namespaces import AKO, shorten
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
    return found + cycles(closure if isinstance(closure, Closure) else g if isinstance(closure, Graph) else closure)


#: Transitive properties whose cycles the build refuses (their direct sub-properties are what
#: the files state: directlySubordinateTo, directlyPartOf, locatedIn).
ACYCLIC = tuple(f"<{AKO}{local}>" for local in ("subordinateTo", "partOf", "locatedIn"))


def cycles(closure) -> list[str]:
    """Each cycle of a property in ACYCLIC, named by its members.

    >>> s = "<https://w3id.org/augustkg/ontology#subordinateTo>"
    >>> cycles({("<http://e/a>", s, "<http://e/b>"), ("<http://e/b>", s, "<http://e/a>"),
    ...         ("<http://e/a>", s, "<http://e/a>"), ("<http://e/b>", s, "<http://e/b>")})
    ['a cycle of ako:subordinateTo: <http://e/a>, <http://e/b>']
    """
    found = []
    for p in ACYCLIC:
        if isinstance(closure, Closure):  # a million-triple closure: look for loops among the ids first
            pid = closure.ids.get(p)
            ids = closure.pairs.get(pid, set()) if pid is not None else set()
            loop_ids = {s for s, o in ids if s == o}
            pairs = {(closure.term(s), closure.term(o)) for s, o in ids if s in loop_ids and o in loop_ids}
        elif isinstance(closure, Graph):
            pairs = set(closure.pairs(p))
        else:
            pairs = {(s, o) for s, q, o in closure if q == p}
        looped = sorted(s for s, o in pairs if s == o)
        seen: set[str] = set()
        for x in looped:
            if x in seen:
                continue
            members = sorted({x} | {y for y in looped if (x, y) in pairs and (y, x) in pairs})
            seen.update(members)
            found.append(f"a cycle of {_short(p)}: {', '.join(_short(m) for m in members)}")
    return found


def _short(text: str) -> str:
    """Write the IRIs inside a message as prefixed names."""
    return re.sub(r"<([^>]*)>", lambda m: shorten(m.group(1)), text)
