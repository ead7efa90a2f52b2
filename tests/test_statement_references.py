"""Statement references: every asserted fact points at the lines of the article that state it.

Three promises are checked here: every asserted statement has a record with a citation (the
violation query); the citations file is exactly what `scripts/cite.py citations` writes from the
citation IRIs in use; and the cited lines of the project's copy of the article name what each
statement is about — its subject, or its object by a name or in a form the article writes a
number or a date. The last two need the copy (../shared/source/, or $AUGUSTKG_ARTICLE): they
skip in a user's clone without it, and fail in CI.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ARTICLE

ROOT = Path(__file__).resolve().parents[1]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def test_every_asserted_statement_has_a_reference(kg):
    rows = list(kg.raw((ROOT / "ontology" / "checks" / "statement-without-reference-violation.rq").read_text()))
    assert not rows, f"{len(rows)} statements without a reference, e.g. {[str(r) for r in rows[:5]]}"


def test_the_article_copy_is_the_one_the_lines_count(kg, article):
    import hashlib

    digest = hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    recorded = [r["h"].value for r in kg.raw("SELECT ?h WHERE { ?a a ako:SourceArticle ; ako:sha256 ?h }")]
    assert recorded == [digest], "the article resource must record the SHA-256 of the copy the lines count"


def test_the_citations_file_is_current(article):
    spec = importlib.util.spec_from_file_location("cite", ROOT / "scripts" / "cite.py")
    cite = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cite)
    assert (ROOT / "data" / "citations.ttl").read_text(encoding="utf-8") == cite.write_citations(article), \
        "data/citations.ttl is stale: run python scripts/cite.py citations"


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[\-‐-―/]", " ", text)
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def _ways_of_writing(value: str) -> list[str]:
    """A literal as the article may write it: dates in its three styles, numbers with or without commas."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        y, month, d = m[1], MONTHS[int(m[2]) - 1], int(m[3])
        return [f"{d} {month} {y}", f"{month} {d}, {y}", f"{d} {month}", f"{month} {d}", f"{month} {y}", y]
    if re.fullmatch(r"\d+(\.0+)?", value):
        whole = int(float(value))
        return [f"{whole:,}", str(whole)]
    return [value]


def _names(window: str, name: str) -> bool:
    plain = _plain(name)
    if not plain:
        return False
    if re.search(rf"(?<!\w){re.escape(plain)}(?!\w)", window):
        return True
    words = [w for w in plain.split() if w not in {"the", "of", "and", "in", "a", "an", "to", "on", "at", "by"}]
    have = set(window.split())
    return bool(words) and sum(w in have for w in words) / len(words) >= 0.6 and \
        any(len(w) >= 4 and w in have for w in words)


#: The share of references whose lines name both ends never falls below this (issue 11 asks 0.85).
BOTH_ENDS_FLOOR = 0.86


def test_cited_lines_name_what_each_statement_is_about(kg, article):
    names = defaultdict(list)
    for r in kg.raw("SELECT ?x ?n WHERE { ?x rdfs:label|skos:altLabel ?n }"):
        names[r["x"].value].append(r["n"].value)
    refs = kg.raw("""SELECT ?s ?p ?o ?c (GROUP_CONCAT(STR(?line); separator=" ") AS ?lines) WHERE {
        ?st ako:statementSubject ?s ; ako:statementProperty ?p ; ako:statementObject ?o ; ako:statedIn ?c .
        ?c ako:line ?line FILTER NOT EXISTS { ?c ako:outsideArticle true } } GROUP BY ?s ?p ?o ?c""")
    total = both = 0
    nameless = []
    for r in refs:
        lines = sorted({int(n) for n in r["lines"].value.split()})
        assert all(1 <= n <= len(article) for n in lines), f"{r['c'].value}: a line outside the article"
        window = _plain(" ".join(article[n - 1] for n in lines))
        subject = any(_names(window, n) for n in names[r["s"].value])
        o = r["o"]
        forms = names[o.value] if isinstance(o, ox.NamedNode) else _ways_of_writing(o.value)
        obj = any(_names(window, f) for f in forms)
        total += 1
        both += subject and obj
        if not (subject or obj):
            nameless.append(f"{r['s'].value} {r['p'].value} {o.value} @ {r['c'].value}")
    print(f"\n{total} statement references; {100 * both / total:.1f} % name both ends on the cited lines, "
          f"{100 * (1 - len(nameless) / total):.1f} % at least one")
    # Issue 11 asks for 85 % naming both ends and 98 % naming at least one. Both hold; the floor
    # sits just under the share reached, so that it cannot fall back unnoticed. (Most of what still
    # fails is a figure, a date precision or a node the article describes without naming it.)
    assert len(nameless) / total <= 0.02, f"{len(nameless)} references whose lines name neither end, e.g. {nameless[:10]}"
    assert both / total >= BOTH_ENDS_FLOOR, f"only {100 * both / total:.1f} % of references name both ends"
