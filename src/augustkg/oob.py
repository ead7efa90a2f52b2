"""The order of battle: every unit under its direct superior, with its commanders, state and side.

One reading of the graph for every picture of it — the Graphviz drawing (`draw/oob.py`) and
the web page's tree (`server/pages.py`) — so the two can never disagree about who was under whom.
The chain is the asserted `ako:directlySubordinateTo`, so each unit sits once, under its direct
superior. A unit's side follows its state: the state's `ako:onSide`, else that of the state it
is a puppet of, else — for a belligerent the article gives no side (Mengjiang) — the side
opposing the war's victor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .namespaces import shorten

UNITS = """
SELECT ?u ?label ?parent ?state WHERE {
  ?u a ako:MilitaryUnit .
  OPTIONAL { ?u rdfs:label ?label FILTER(lang(?label) = "en") }
  OPTIONAL { ?u ako:directlySubordinateTo ?parent }
  OPTIONAL { ?u ako:armedForceOf ?state }
}"""
COMMANDERS = """
SELECT ?u ?person ?name WHERE { ?person ako:commands ?u ; rdfs:label ?name FILTER(lang(?name) = "en") }"""
SIDES = """
SELECT DISTINCT ?u ?side WHERE {
  ?u a ako:MilitaryUnit ; ako:armedForceOf ?state .
  { ?state ako:onSide ?s }
  UNION { FILTER NOT EXISTS { ?state ako:onSide ?any } ?state ako:puppetStateOf/ako:onSide ?s }
  UNION { FILTER NOT EXISTS { ?state ako:onSide ?any } FILTER NOT EXISTS { ?state ako:puppetStateOf ?boss }
          ?war ako:belligerent ?state ; ako:victor ?winner . ?s a ako:Side FILTER(?s != ?winner) }
  ?s rdfs:label ?side FILTER(lang(?side) = "en")
}"""


@dataclass
class Unit:
    """One unit: its label, direct superior, commanders as (IRI, name), state, sides, children."""

    iri: str
    label: str
    parent: str | None = None
    state: str | None = None
    commanders: list = field(default_factory=list)
    sides: set = field(default_factory=set)
    children: list = field(default_factory=list)

    @property
    def side(self) -> str:
        return " / ".join(sorted(self.sides))


def units(kg) -> dict[str, Unit]:
    """Every military unit by IRI, children and commanders sorted by label, on any engine.

    >>> from augustkg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph.from_turtle('''
    ...     akr:Front a ako:MilitaryUnit ; rdfs:label "Front"@en .
    ...     akr:Army a ako:MilitaryUnit ; rdfs:label "Army"@en ; ako:directlySubordinateTo akr:Front .
    ...     akr:General ako:commands akr:Army ; rdfs:label "A General"@en .''')
    >>> every = units(kg)
    >>> [every[u].label for u in roots(every)], every[every[roots(every)[0]].children[0]].commanders
    (['Front'], [('https://w3id.org/augustkg/resource/General', 'A General')])
    """
    out: dict[str, Unit] = {}
    for row in kg.query(UNITS).values():
        unit = out.setdefault(row["u"], Unit(row["u"], row.get("label") or shorten(row["u"])))
        unit.parent = unit.parent or row.get("parent")
        unit.state = unit.state or row.get("state")
    for row in kg.query(COMMANDERS).values():
        if row["u"] in out:
            out[row["u"]].commanders.append((row["person"], row["name"]))
    for row in kg.query(SIDES).values():
        out[row["u"]].sides.add(row["side"])
    for unit in out.values():
        unit.commanders.sort(key=lambda c: (c[1], c[0]))
        if unit.parent in out:
            out[unit.parent].children.append(unit.iri)
    for unit in out.values():
        unit.children.sort(key=lambda c: (out[c].label, c))
    return out


def roots(every: dict[str, Unit]) -> list[str]:
    """The units with no superior among the units, by label."""
    return sorted((u for u in every if every[u].parent not in every), key=lambda u: (every[u].label, u))


def below(top: list[str], every: dict[str, Unit]) -> list[str]:
    """The units from `top` down, depth first, each once (a cycle in the data cannot loop)."""
    out, seen, stack = [], set(), list(reversed(top))
    while stack:
        iri = stack.pop()
        if iri in seen:
            continue
        seen.add(iri)
        out.append(iri)
        stack.extend(reversed(every[iri].children))
    return out
