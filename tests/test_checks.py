"""The quality checks in ontology/checks/: every `*-violation.rq` returns no rows on the shipped
graph (a failure prints the rows), opens with its rule, and catches the mistake it is written for.

New checks need no registration here: the parametrised tests pick up every file. A new check
does need a broken-record case below (a guard test says so), so that it is seen to fire.
"""

from __future__ import annotations

import pytest

from augustkg.checks import FOLDER, SUFFIX, Check, Checks
from augustkg.graph import KnowledgeGraph

ROOT_FILES = sorted((__import__("pathlib").Path(__file__).resolve().parents[1] / FOLDER).glob("*" + SUFFIX))
IDS = [p.name[:-len(SUFFIX)] for p in ROOT_FILES]

#: check name -> Turtle for a small graph that breaks the rule, and a word the rows must show.
CASES = {
    "resource-label": ('akr:A a ako:Army ; ako:section akr:s . akr:s a ako:ArticleSection ; rdfs:label "s"@en ; '
                       'ako:section akr:s .', "akr:A"),
    "resource-type": ('akr:A rdfs:label "A"@en ; ako:section akr:s . akr:s a ako:ArticleSection ; '
                      'rdfs:label "s"@en ; ako:section akr:s .', "akr:A"),
    "resource-provenance": ('akr:A a ako:Army ; rdfs:label "A"@en .', "akr:A"),
    "provenance-section": ('akr:A a ako:Army ; rdfs:label "A"@en ; ako:section akr:Typo .', "akr:Typo"),
    "ontology-term": ('ako:Brigade a owl:Class ; rdfs:label "Brigade"@en .', "rdfs:isDefinedBy"),
    "statement-without-reference": ('akr:A a ako:Army ; rdfs:label "A"@en ; ako:armedForceOf akr:B .', "akr:A"),
    "citation-outside-its-section": ('akr:s a ako:ArticleSection ; ako:firstLine 10 ; ako:lastLine 20 . '
                                     'akr:c a ako:Citation ; ako:section akr:s ; ako:line 30 .', "akr:c"),
    "isolated-resource": ('akr:A a ako:Army ; rdfs:label "A"@en ; ako:section akr:s .', "akr:A"),
    "chain-of-command-cycle": ('ako:directlySubordinateTo rdfs:subPropertyOf ako:subordinateTo . '
                               'ako:subordinateTo a owl:TransitiveProperty . akr:A ako:directlySubordinateTo akr:B . '
                               'akr:B ako:directlySubordinateTo akr:A . akr:C ako:directlySubordinateTo akr:C .',
                               "cycle=akr:A akr:B"),
    "part-of-cycle": ('ako:directlyPartOf rdfs:subPropertyOf ako:partOf . ako:partOf a owl:TransitiveProperty . '
                      'akr:Op ako:directlyPartOf akr:Op .', "resource=akr:Op"),
    "located-in-cycle": ('ako:locatedIn a owl:TransitiveProperty . akr:Harbin ako:locatedIn akr:Manchuria . '
                         'akr:Manchuria ako:locatedIn akr:China . akr:China ako:locatedIn akr:Harbin .',
                         "akr:China akr:Harbin akr:Manchuria"),
    "ontology-header": ('<https://w3id.org/augustkg/ontology> a owl:Ontology ; owl:versionInfo "1" .',
                        "dcterms:license"),
}


@pytest.mark.parametrize("path", ROOT_FILES, ids=IDS)
def test_the_shipped_graph_keeps_the_rule(path, kg):
    found = Check.read(path).run(kg)
    assert found.rows == [], "\n".join([found.check.rule, *found.lines()])


@pytest.mark.parametrize("path", ROOT_FILES, ids=IDS)
def test_a_broken_record_breaks_the_rule(path):
    check = Check.read(path)
    assert check.name in CASES, f"add a broken-record case for {path.name} to CASES in {__file__}"
    turtle, shown = CASES[check.name]
    lines = check.run(KnowledgeGraph.from_turtle(turtle)).lines()
    assert any(shown in line for line in lines), lines


def test_every_check_opens_with_its_rule_and_why():
    for path in ROOT_FILES:
        rule = Check.read(path).rule
        assert rule.startswith("Rule:") and "Why:" in rule, path.name


def test_there_are_checks_and_a_big_enough_graph_to_check(kg, root):
    assert len(Checks.load(root)) == len(ROOT_FILES) >= 6
    resources = kg.query("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r ?p ?o FILTER(STRSTARTS(STR(?r), STR(akr:))) }")
    assert resources.values()[0]["n"] > 300


def test_the_integrity_checks_fail_the_build_and_the_others_do_not():
    failing = sorted(p.name for p in ROOT_FILES if Check.read(p).fails_build)
    assert failing == ["chain-of-command-cycle-violation.rq", "located-in-cycle-violation.rq",
                       "part-of-cycle-violation.rq"]


def test_a_check_without_its_rule_is_refused(tmp_path):
    from augustkg.errors import QueryFileError

    (tmp_path / "bare-violation.rq").write_text("SELECT ?x WHERE { ?x ?p ?o }\n")
    with pytest.raises(QueryFileError, match="bare-violation.rq:1: a check opens with a comment"):
        Check.read(tmp_path / "bare-violation.rq")
