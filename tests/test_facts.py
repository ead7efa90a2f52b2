"""The fact inventory: every atomic fact of the article, section by section, asked of the graph.

The inventory (tests/facts/<section>.yaml) is written from the article, not from the data: a
fact whose `ask` is false is a gap or an error in the graph. Facts the graph cannot state yet
are listed as `status: missing` with a reason, so gaps stay visible; they count against the
share answered, which must stay at 95 % or more.
"""

from __future__ import annotations

import re

import pytest

from facts_inventory import SECTIONS, load_facts

FACTS = load_facts()


def test_every_section_of_the_article_has_facts(kg):
    sections = {row["s"].value.rsplit("section-", 1)[1]
                for row in kg.raw("SELECT ?s WHERE { ?s a ako:ArticleSection }")}
    assert sections == set(SECTIONS), "tests/facts/ must have one file per article section"
    for name in sections:
        assert any(f["section"] == name for f in FACTS), f"no facts listed for section {name}"


def test_the_inventory_is_large_and_well_formed():
    assert len(FACTS) >= 400
    ids = [f["id"] for f in FACTS]
    assert len(ids) == len(set(ids)), "fact ids must be unique"
    for f in FACTS:
        assert f.get("fact"), f"{f['id']}: no fact text"
        if f.get("status") == "missing":
            assert f.get("reason"), f"{f['id']}: a missing fact needs a reason"
        else:
            assert f.get("ask"), f"{f['id']}: an answered fact needs an ask"


@pytest.mark.parametrize("fact", [f for f in FACTS if f.get("ask")], ids=lambda f: f["id"])
def test_each_ask_tests_a_relation_not_an_existence(fact):
    """An ask must use a property of the graph other than the type and the label."""
    ask = fact["ask"]
    assert re.match(r"\s*ASK\b", ask, re.I), f"{fact['id']}: not an ASK query"
    props = set(re.findall(r"\b(?:ako|skos|dcterms|prov):[A-Za-z]+", ask)) - {"ako:Statement"}
    assert props, f"{fact['id']}: the ask tests no relation, only that something exists"


@pytest.mark.parametrize("fact", [f for f in FACTS if f.get("ask")], ids=lambda f: f["id"])
def test_each_fact_is_answered(kg, fact):
    answered = bool(kg.raw(fact["ask"]))
    if fact.get("status") == "missing":
        assert not answered, f"{fact['id']} is answered now: drop its `status: missing`"
    else:
        assert answered, f"{fact['id']}: the graph does not state: {fact['fact']}"


def test_at_least_95_percent_of_the_facts_are_answered():
    missing = [f for f in FACTS if f.get("status") == "missing"]
    share = 1 - len(missing) / len(FACTS)
    assert share >= 0.95, f"only {share:.1%} of {len(FACTS)} facts answered"


def test_the_coverage_page_is_current(kg, root):
    import importlib.util

    spec = importlib.util.spec_from_file_location("coverage_page", root / "scripts" / "coverage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (root / "docs" / "coverage.md").read_text(encoding="utf-8") == module.page(kg), \
        "docs/coverage.md is stale: run python scripts/coverage.py"
