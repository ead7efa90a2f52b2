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


def test_each_asserted_fact_shows_where_the_article_states_it(kg):
    """Statement references: 'Western Front of Manchuria, paragraph 1 — ref 13' beside the fact."""
    page = kg.describe("Transbaikal Front")
    boss = next(f for f in page["facts"] if f["property"].endswith("#directlySubordinateTo"))
    assert boss["group"] == "command" and not boss["inferred"]
    cite = boss["references"][0]
    assert cite["section_label"] and cite["lines"] and cite["label"].startswith(cite["section_label"])
    assert cite["url"].startswith("https://en.wikipedia.org/wiki/Soviet%E2%80%93Japanese_War")
    asserted = [f for f in page["facts"] if not f["inferred"] and f["group"] != "provenance"]
    assert asserted and all(f["references"] for f in asserted), "every asserted fact has a reference"


def test_facts_come_in_reading_order_and_no_anonymous_types(kg):
    from augustkg.describe import GROUPS

    page = kg.describe("Kwantung Army")
    order = [key for key, _, _ in GROUPS]
    ranks = [order.index(f["group"]) for f in page["facts"]]
    assert ranks == sorted(ranks)
    assert all(not t["value"].startswith("_:") for t in page["types"])


def test_the_cli_prints_the_references(root, store_dir):
    from click.testing import CliRunner

    from augustkg.cli import cli

    result = CliRunner().invoke(cli, ["describe", "Transbaikal Front", "--store-dir", str(store_dir)],
                                env={"COLUMNS": "200", "AUGUSTKG_HOME": str(root)})
    assert result.exit_code == 0, result.output
    assert "paragraph" in result.output and "Command and allegiance" in result.output


def test_figures_come_with_where_the_article_states_their_value(kg):
    """A figure about a resource shows its value and sources: the paragraph and the references' works."""
    figures = kg.describe("Kwantung Army")["figures"]
    assert figures and all(f["value"] and f["references"] for f in figures)
    independent = next(f for f in figures if f["label"] == "Independent armies of the Kwantung Army")
    works = {r["work_label"] for c in independent["references"] for r in c["references"]}
    assert "August Storm: The Soviet 1945 Strategic Offensive in Manchuria" in works  # ref 5, Glantz
    assert any(c["label"].startswith("Japanese forces, paragraph 1") for c in independent["references"])
