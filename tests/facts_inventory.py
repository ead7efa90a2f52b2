"""Reading the fact inventory (tests/facts/*.yaml), shared by its test and scripts/coverage.py."""

from __future__ import annotations

from pathlib import Path

import yaml

FOLDER = Path(__file__).resolve().parent / "facts"
#: The article's sections in reading order, as the graph's akr:section-<name> resources name them.
SECTIONS = ["lead", "infobox", "background", "combatant-forces", "western-front", "eastern-front",
            "northern-front", "japanese-forces", "campaign", "awards", "surrender", "aftermath", "notes",
            "references", "further-reading", "japanese-monographs"]


def load_facts() -> list[dict]:
    """Every fact of every file, each with its `section`; a malformed file names itself."""
    facts = []
    for name in SECTIONS:
        path = FOLDER / f"{name}.yaml"
        if not path.exists():
            continue
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ValueError(f"{path}: {exc}") from None
        if doc.get("section") != name:
            raise ValueError(f"{path}: 'section' must be {name!r}")
        for fact in doc.get("facts") or []:
            facts.append({**fact, "section": name})
    return facts
