#!/usr/bin/env python3
"""Write docs/coverage.md: how much of the fact inventory (tests/facts/) the graph answers.

    python scripts/coverage.py          # builds the graph if needed, runs every ask, writes the page

tests/test_facts.py fails when the page is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from facts_inventory import SECTIONS, load_facts  # noqa: E402


def page(kg) -> str:
    facts = load_facts()
    rows, total, answered = [], 0, 0
    for name in SECTIONS:
        mine = [f for f in facts if f["section"] == name]
        ok = sum(1 for f in mine if f.get("status") != "missing" and bool(kg.raw(f["ask"])))
        total, answered = total + len(mine), answered + ok
        share = f"{100 * ok / len(mine):.0f} %" if mine else "—"
        rows.append(f"| `{name}` | {len(mine)} | {ok} | {len(mine) - ok} | {share} |")
    missing = [f for f in facts if f.get("status") == "missing"]
    out = ["# Coverage of the article", "",
           "How many of the article's atomic facts the graph states, section by section. The facts are",
           "listed in `tests/facts/<section>.yaml` with a SPARQL ASK each; this page is written by",
           "`python scripts/coverage.py` and a test fails when it is stale.", "",
           "| section | facts | answered | missing | share |", "|---|---|---|---|---|", *rows,
           f"| **all** | **{total}** | **{answered}** | **{total - answered}** | "
           f"**{100 * answered / total:.1f} %** |" if total else "| **all** | 0 | 0 | 0 | — |", ""]
    if missing:
        out += ["## Facts the graph cannot state yet", "", "| id | fact | why not |", "|---|---|---|"]
        out += [f"| `{f['id']}` | {f['fact']} | {f['reason']} |" for f in missing]
        out.append("")
    return "\n".join(out)


def main() -> None:
    import augustkg

    (ROOT / "docs" / "coverage.md").write_text(page(augustkg.open(ROOT)), encoding="utf-8")


if __name__ == "__main__":
    main()
