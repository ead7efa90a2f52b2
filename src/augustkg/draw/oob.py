"""The order of battle as a tree: who was under whom, who commanded, and on which side.

The DOT text is written here and rendered by Graphviz's own `dot` program (Debian `graphviz`),
so no Python binding is needed. A unit's side follows its state: the state's `ako:onSide`, else
that of the state it is a puppet of, else — for a belligerent the article gives no side
(Mengjiang) — the side opposing the war's victor.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field

from ..errors import AugustError

SIDE_COLOURS = {"Allies": ("#f4c7c3", "#b3261e"), "Axis": ("#f3e3b5", "#8a6d1d")}
UNKNOWN_COLOURS = ("#e0e0e0", "#616161")
FONT = "DejaVu Sans"

UNITS = """
SELECT ?u ?label ?parent WHERE {
  ?u a ako:MilitaryUnit ; rdfs:label ?label FILTER(lang(?label) = "en")
  OPTIONAL { ?u ako:directlySubordinateTo ?parent }
}"""
COMMANDERS = """
SELECT ?u ?name WHERE { ?p ako:commands ?u ; rdfs:label ?name FILTER(lang(?name) = "en") }"""
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
    iri: str
    label: str
    parent: str | None = None
    commanders: list = field(default_factory=list)
    sides: set = field(default_factory=set)
    children: list = field(default_factory=list)


def units(kg) -> dict[str, Unit]:
    out: dict[str, Unit] = {}
    for row in kg.query(UNITS).values():
        unit = out.setdefault(row["u"], Unit(row["u"], row["label"]))
        unit.parent = row.get("parent") or unit.parent
    for row in kg.query(COMMANDERS).values():
        if row["u"] in out:
            out[row["u"]].commanders.append(row["name"])
    for row in kg.query(SIDES).values():
        out[row["u"]].sides.add(row["side"])
    for unit in out.values():
        unit.commanders.sort()
        if unit.parent in out:
            out[unit.parent].children.append(unit.iri)
    for unit in out.values():
        unit.children.sort(key=lambda c: (out[c].label, c))
    return out


def tree(kg, root: str | None = None) -> tuple[list[str], dict[str, Unit]]:
    """The roots to draw and every unit; a root name is resolved like any other name."""
    every = units(kg)
    if root is None:
        return sorted((u for u in every if every[u].parent not in every), key=lambda u: (every[u].label, u)), every
    iri = kg.resolve(root)
    if iri not in every:
        raise AugustError(f"'{root}' ({kg.label(iri) or iri}) is not a military unit; give a unit as --root")
    return [iri], every


def below(roots: list[str], every: dict[str, Unit]) -> list[str]:
    out, stack = [], list(reversed(roots))
    while stack:
        iri = stack.pop()
        out.append(iri)
        stack.extend(reversed(every[iri].children))
    return out


def dot_source(roots: list[str], every: dict[str, Unit], clusters: bool) -> str:
    drawn = below(roots, every)
    ids = {iri: f"u{i}" for i, iri in enumerate(drawn)}
    lines = ["digraph oob {",
             f'  graph [rankdir=LR, fontname="{FONT}", nodesep=0.12, ranksep=0.5, bgcolor="white"];',
             f'  node [shape=box, style="rounded,filled", fontname="{FONT}", margin="0.12,0.05", penwidth=1.2];',
             '  edge [dir=back, arrowtail=none, color="#757575"];']
    groups: dict[str, list[str]] = {}
    for iri in drawn:
        groups.setdefault(_side(every[iri]), []).append(iri)
    for n, (side, members) in enumerate(sorted(groups.items(), reverse=True)):  # dot stacks LR clusters upwards
        indent = "    " if clusters else "  "
        if clusters:
            lines.append(f"  subgraph cluster_{n} {{")
            fill, line = SIDE_COLOURS.get(side, UNKNOWN_COLOURS)
            lines.append(f'    label=<<B>{_html(side or "side not stated")}</B>>; fontsize=16; '
                         f'color="{line}"; style="rounded"; margin=12;')
        for iri in members:
            lines.append(f"{indent}{ids[iri]} [{_node_attributes(every[iri])}];")
        if clusters:
            lines.append("  }")
    for iri in drawn:
        for child in every[iri].children:
            lines.append(f"  {ids[iri]} -> {ids[child]};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _side(unit: Unit) -> str:
    return " / ".join(sorted(unit.sides))


def _node_attributes(unit: Unit) -> str:
    fill, line = SIDE_COLOURS.get(_side(unit), UNKNOWN_COLOURS)
    rows = [f'<FONT POINT-SIZE="12">{_html(part)}</FONT>' for part in textwrap.wrap(unit.label, 30, break_on_hyphens=False)]
    rows += [f'<FONT POINT-SIZE="10" COLOR="#424242"><I>{_html(name)}</I></FONT>' for name in unit.commanders]
    return f'label=<{"<BR/>".join(rows)}>, fillcolor="{fill}", color="{line}", tooltip="{unit.iri}"'


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render(dot: str, fmt: str) -> bytes:
    exe = shutil.which("dot")
    if exe is None:
        raise AugustError("Graphviz is not installed (no `dot` on PATH); on Debian: apt-get install graphviz")
    args = [exe, f"-T{fmt}"] + (["-Gdpi=150"] if fmt == "png" else [])
    done = subprocess.run(args, input=dot.encode("utf-8"), capture_output=True, timeout=120)
    if done.returncode != 0:
        raise AugustError(f"dot failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout


def draw(kg, root: str | None = None, fmt: str = "svg") -> bytes:
    roots, every = tree(kg, root)
    return render(dot_source(roots, every, clusters=root is None), fmt)
