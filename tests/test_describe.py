"""The entity page: one resource's names, types, facts asserted and inferred (each inference with
the axiom behind it), what links to it and its sources."""

from __future__ import annotations


def test_describe_page_groups_asserted_and_inferred_facts(kg):
    page = kg.describe("Kwangtung Army")
    assert page["label"] == "Kwantung Army"
    inferred = [f for f in page["facts"] if f["inferred"]]
    asserted = [f for f in page["facts"] if not f["inferred"]]
    assert any(f["property"].endswith("#commandedBy") and f["value"].endswith("OtozoYamada") for f in inferred)
    why = next(f["why"] for f in inferred if f["property"].endswith("#commandedBy"))
    assert "owl:inverseOf" in why
    assert any(f["property"].endswith("#hasSubordinate") for f in inferred)
    assert any(f["property"].endswith("#armedForceOf") for f in asserted)
    assert any(link["subject"].endswith("FirstAreaArmy") for link in page["inbound"])
    assert page["sources"]
    assert {"Kwangtung Army"} <= {n["name"] for n in page["names"]}


def test_every_inferred_fact_names_an_axiom(kg):
    page = kg.describe("Otozō Yamada")
    inferred = [f for f in page["facts"] + page["types"] if f["inferred"]]
    assert inferred and all(f["why"] for f in inferred)
    assert any("propertyChainAxiom" in f["why"] for f in inferred)
