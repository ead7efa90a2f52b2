"""A synthetic order of battle in the contract vocabulary, for scale tests and benchmarks.

The real graph is one campaign (a few thousand triples); users who extend it to whole theatres
need to know the build and the queries hold up at 10k–1M+ triples. This writes Turtle that the
real build parses, reasons over and validates like the shipped data: theatre commands
(`ako:TopLevelUnit`) with trees of units below them (about four children each, at most seven
echelons), a commander per unit, operations in part-of trees conducted by units, places in
`locatedIn` trees, one English label and an `ako:section` on every resource, and its own
article with its own sections (nothing is taken from the real article).

Size: about TRIPLES_PER_UNIT asserted triples per unit, and roughly three times as many in the
closure; `--units 830` gives ~10k asserted triples, 8 300 ~100k, 83 000 ~1M. Same seed, same
bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

#: Asserted triples per unit, measured on seeds 1–3 (the remaining few hundred triples are the
#: article, its sections, the countries and the war).
TRIPLES_PER_UNIT = 12

#: Echelon classes by depth below a theatre command (depth 0).
ECHELONS = ["TheatreCommand", "Front", "Army", "Division", "Brigade", "SupportUnit", "SupportUnit"]
MAX_DEPTH = len(ECHELONS) - 1
#: Units per theatre command: a full tree with four children per unit and seven echelons holds 5 461.
UNITS_PER_THEATRE = 4000
SECTIONS = 24
COUNTRIES = ["Aldoria", "Borvania", "Cestria", "Dunmark"]
FIRST = ["Ivan", "Pavel", "Kenji", "Hiro", "Oleg", "Taro", "Yuri", "Saburo", "Lev", "Ichiro", "Boris", "Goro"]
LAST = ["Korin", "Matsuda", "Petrov", "Okada", "Volkov", "Sato", "Orlov", "Kato", "Belov", "Ueda", "Zorin", "Mori"]
PLACE_KINDS = ["Territory", "Territory", "City", "City", "NaturalFeature", "City", "City"]
WAR_START, WAR_DAYS = 9, 24  # the synthetic war runs from August 9 for 24 days

HEADER = """@prefix ako: <https://w3id.org/augustkg/ontology#> .
@prefix akr: <https://w3id.org/augustkg/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

"""


def _date(day: int) -> str:
    """A day of the synthetic war as an xsd:date literal (day 0 = 1945-08-09)."""
    import datetime

    d = datetime.date(1945, 8, WAR_START) + datetime.timedelta(days=day)
    return f'"{d.isoformat()}"^^xsd:date'


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


class _Writer:
    """One Turtle file per kind of record, written as the tree is walked."""

    def __init__(self, out: Path):
        self.files = {name: open(out / f"{name}.ttl", "w", encoding="utf-8")
                      for name in ("sources", "countries", "units", "people", "operations", "places")}
        for fh in self.files.values():
            fh.write(HEADER)

    def record(self, file: str, subject: str, cls: str, label: str, section: int, facts: list[tuple[str, str]]):
        lines = [f"akr:{subject} a ako:{cls} ;", f"    rdfs:label {_literal(label)} ;"]
        lines += [f"    {p} {o} ;" for p, o in facts]
        lines.append(f"    ako:section akr:synth-section-{section} .\n\n")
        self.files[file].write("\n".join(lines))

    def close(self):
        for fh in self.files.values():
            fh.close()


def generate(units: int, out: Path, seed: int = 1) -> dict:
    """Write the Turtle files under `out`; returns counts of what was written."""
    if units < 1:
        raise ValueError("--units must be at least 1")
    rng = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    w = _Writer(out)

    def section() -> int:
        return rng.randrange(SECTIONS)

    w.record("sources", "synth-article", "SourceArticle", f"Synthetic order of battle (seed {seed})", 0, [])
    for k in range(SECTIONS):
        w.record("sources", f"synth-section-{k}", "ArticleSection", f"Synthetic section {k}", k,
                 [("ako:inArticle", "akr:synth-article")])
    for i, name in enumerate(COUNTRIES):
        w.record("countries", f"synth-country-{i}", "Country", name, section(), [])
    w.record("operations", "synth-war", "Conflict", "Synthetic war", 0,
             [("ako:startDate", _date(0)), ("ako:endDate", _date(WAR_DAYS))])

    theatres = max(1, -(-units // UNITS_PER_THEATRE))
    counts = {"units": 0, "theatres": 0, "operations": 0, "places": 0, "people": 0}
    remaining, t = units, 0
    while remaining > 0:
        budget = min(remaining, -(-units // theatres))
        made = _theatre(w, rng, t, budget, section, counts)
        remaining -= made
        t += 1
    w.close()
    return counts


def _theatre(w: _Writer, rng: random.Random, t: int, budget: int, section, counts: dict) -> int:
    """One theatre command and the tree below it, breadth first, at most `budget` units."""
    tree = [(t + 1,)]
    level = tree[:]
    while level and len(tree) < budget and len(level[0]) <= MAX_DEPTH:
        next_level = []
        for path in level:
            for c in range(rng.choice((3, 4, 4, 5))):
                next_level.append(path + (c + 1,))
        next_level = next_level[:budget - len(tree)]
        tree += next_level
        level = next_level
    parents = {path[:-1] for path in tree}
    windows = {}  # the dates of each operation, so that those below it lie inside them
    country = f"akr:synth-country-{t % len(COUNTRIES)}"
    for path in tree:
        depth = len(path) - 1
        key, number = _key(path), ".".join(map(str, path))
        echelon = ECHELONS[depth]
        facts = [("ako:armedForceOf", country)]
        if depth == 0:
            facts.insert(0, ("a", "ako:TopLevelUnit"))
            counts["theatres"] += 1
        else:
            facts.append(("ako:directlySubordinateTo", "akr:unit_" + _key(path[:-1])))
        w.record("units", f"unit_{key}", echelon, f"{_spaced(echelon)} {number}", section(), facts)
        w.record("people", f"cmd_{key}", "Person", f"{rng.choice(FIRST)} {rng.choice(LAST)} ({number})", section(),
                 [("ako:commands", f"akr:unit_{key}")])
        counts["units"] += 1
        counts["people"] += 1
        if path not in parents:
            continue
        # a unit with subordinates conducts an operation inside its superior's, aimed at a place
        # inside its superior's objective
        start, end = windows[path[:-1]] if depth else (0, WAR_DAYS)
        a = rng.randint(start, max(start, end - 1))
        b = rng.randint(a, end)
        windows[path] = (a, b)
        part_of = "akr:synth-war" if depth == 0 else "akr:op_" + _key(path[:-1])
        w.record("operations", f"op_{key}", "Operation", f"Operation {number}", section(),
                 [("ako:startDate", _date(a)), ("ako:endDate", _date(b)), ("ako:directlyPartOf", part_of),
                  ("ako:conductedBy", f"akr:unit_{key}"), ("ako:objective", f"akr:place_{key}")])
        place_facts = [] if depth == 0 else [("ako:locatedIn", "akr:place_" + _key(path[:-1]))]
        w.record("places", f"place_{key}", PLACE_KINDS[depth], f"Place {number}", section(), place_facts)
        counts["operations"] += 1
        counts["places"] += 1
    return len(tree)


def _key(path: tuple) -> str:
    return "_".join(map(str, path))


def _spaced(name: str) -> str:
    return "".join(" " + c if c.isupper() and i else c for i, c in enumerate(name))
