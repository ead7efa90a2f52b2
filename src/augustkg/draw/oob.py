"""The order of battle drawn as a tree by Graphviz: units, their commanders, coloured by side.

The DOT text is written here and rendered by Graphviz's own `dot` program (Debian `graphviz`),
so no Python binding is needed. What is drawn comes from `augustkg.oob`, the one reading of the
chain of command.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap

from ..errors import AugustError
from ..oob import Unit, below, roots, units

SIDE_COLOURS = {"Allies": ("#f4c7c3", "#b3261e"), "Axis": ("#f3e3b5", "#8a6d1d")}
UNKNOWN_COLOURS = ("#e0e0e0", "#616161")
FONT = "DejaVu Sans"


def tree(kg, root: str | None = None) -> tuple[list[str], dict[str, Unit]]:
    """The roots to draw and every unit; a root name is resolved like any other name."""
    every = units(kg)
    if root is None:
        return roots(every), every
    iri = kg.resolve(root)
    if iri not in every:
        raise AugustError(f"'{root}' ({kg.label(iri) or iri}) is not a military unit; give a unit as --root")
    return [iri], every


def dot_source(top: list[str], every: dict[str, Unit], clusters: bool) -> str:
    """The DOT text: one box per unit from `top` down, grouped by side when `clusters`."""
    drawn = below(top, every)
    ids = {iri: f"u{i}" for i, iri in enumerate(drawn)}
    lines = ["digraph oob {",
             f'  graph [rankdir=LR, fontname="{FONT}", nodesep=0.12, ranksep=0.5, bgcolor="white"];',
             f'  node [shape=box, style="rounded,filled", fontname="{FONT}", margin="0.12,0.05", penwidth=1.2];',
             '  edge [dir=back, arrowtail=none, color="#757575"];']
    groups: dict[str, list[str]] = {}
    for iri in drawn:
        groups.setdefault(every[iri].side, []).append(iri)
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


def _node_attributes(unit: Unit) -> str:
    fill, line = SIDE_COLOURS.get(unit.side, UNKNOWN_COLOURS)
    rows = [f'<FONT POINT-SIZE="12">{_html(part)}</FONT>' for part in textwrap.wrap(unit.label, 30, break_on_hyphens=False)]
    rows += [f'<FONT POINT-SIZE="10" COLOR="#424242"><I>{_html(name)}</I></FONT>' for _, name in unit.commanders]
    return f'label=<{"<BR/>".join(rows)}>, fillcolor="{fill}", color="{line}", tooltip="{unit.iri}"'


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render(dot: str, fmt: str) -> bytes:
    """Run Graphviz's `dot` on the text; a missing `dot` or a failure is one clear error."""
    exe = shutil.which("dot")
    if exe is None:
        raise AugustError("Graphviz is not installed (no `dot` on PATH); on Debian: apt-get install graphviz")
    args = [exe, f"-T{fmt}"] + (["-Gdpi=150"] if fmt == "png" else [])
    done = subprocess.run(args, input=dot.encode("utf-8"), capture_output=True, timeout=120)
    if done.returncode != 0:
        raise AugustError(f"dot failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout


def draw(kg, root: str | None = None, fmt: str = "svg") -> bytes:
    """The picture as bytes: every chain of command, or the one under `root` (any of its names)."""
    top, every = tree(kg, root)
    return render(dot_source(top, every, clusters=root is None), fmt)
