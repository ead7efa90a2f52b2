"""SHACL: the real graph conforms, and every constraint catches the mistake it was written for.

Each case adds a small broken record to the asserted triples, recomputes the closure with the
fast materializer (the shapes see inferred types, as in a build) and expects that constraint's
message for the broken record. A guard test makes sure every sh:message in ontology/shapes.ttl
has a case, so a new constraint cannot go untested.
"""

from __future__ import annotations

import pytest

from augustkg.pipeline.reason import materialize
from augustkg.pipeline.shacl_pyshacl import validate
from augustkg.namespaces import AKO, AKR, RDF, RDFS, XSD

TYPE, LABEL = f"<{RDF}type>", f"<{RDFS}label>"


def ako(local: str) -> str:
    return f"<{AKO}{local}>"


def akr(local: str) -> str:
    return f"<{AKR}{local}>"


def en(text: str) -> str:
    return f'"{text}"@en'


def typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def day(value: str) -> str:
    return typed(value, "date")


def plain(value: str) -> str:
    return f'"{value}"'


X = akr("BrokenRecord")


def record(cls: str, *facts: tuple[str, str], label: bool = True, section: bool = True) -> list:
    """A new resource of the class with the given (predicate, object) facts, labelled and cited unless told."""
    triples = [(X, TYPE, ako(cls))]
    if label:
        triples.append((X, LABEL, en("Broken record")))
    if section:
        triples.append((X, ako("section"), akr("section-lead")))
    return triples + [(X, p, o) for p, o in facts]


def unit(*facts, top: bool = False) -> list:
    extra = [(TYPE, ako("TopLevelUnit"))] if top else []
    return record("Army", (ako("armedForceOf"), akr("Japan")), *extra, *facts)


def operation(*facts) -> list:
    return record("Operation", *facts)


def claim(*facts) -> list:
    return record("Claim", *facts)


WAR = (ako("directlyPartOf"), akr("SovietJapaneseWar"))
START = (ako("startDate"), day("1945-08-09"))
KILLED = (ako("measure"), akr("measure-killed"))

# (case id, triples to add, focus node, part of the expected message)
CASES = [
    ("no-label", record("Person", label=False), X, "exactly one English label"),
    ("two-english-labels", record("Person", (LABEL, en("Another name"))), X, "exactly one English label"),
    ("no-section", record("Person", section=False), X, "needs provenance"),
    ("claim-without-source", record("Claim", (ako("value"), typed("5", "decimal")), KILLED, section=False), X,
     "A figure needs a source"),
    ("reference-to-a-city", record("Person", (ako("reference"), akr("Mukden"))), X, "A reference must point"),
    ("unit-without-country", record("Army", (TYPE, ako("TopLevelUnit"))), X, "country whose armed forces"),
    ("unit-without-superior", unit(), X, "exactly one direct superior"),
    ("unit-with-two-superiors",
     unit((ako("directlySubordinateTo"), akr("KwantungArmy")), (ako("directlySubordinateTo"), akr("FirstAreaArmy"))),
     X, "exactly one direct superior"),
    ("top-level-unit-with-a-superior", unit((ako("directlySubordinateTo"), akr("KwantungArmy")), top=True),
     X, "exactly one direct superior"),
    ("superior-given-as-a-name", unit((ako("directlySubordinateTo"), en("Kwantung Army"))),
     en("Kwantung Army"), "must itself be a military unit"),
    ("two-start-dates", record("Event", START, (ako("startDate"), day("1945-08-10"))), X, "at most one start date"),
    ("ends-before-it-starts",
     record("Event", (ako("startDate"), day("1945-09-02")), (ako("endDate"), day("1945-08-09"))),
     X, "start date cannot be after its end date"),
    ("two-end-dates",
     record("Event", (ako("endDate"), day("1945-09-02")), (ako("endDate"), day("1945-09-03"))),
     X, "at most one end date"),
    ("two-dates", record("Event", (ako("date"), day("1945-08-09")), (ako("date"), day("1945-08-10"))),
     X, "one-day event has at most one date"),
    ("operation-without-start", operation(WAR), X, "Every operation needs a start date"),
    ("operation-part-of-nothing", operation(START), X, "must be part of the war or of a larger operation"),
    ("date-as-text", record("Event", (ako("date"), plain("9 August 1945"))), X, "A date must be an xsd:date"),
    ("start-date-as-month", operation(WAR, (ako("startDate"), typed("1945-08", "gYearMonth"))),
     X, "A start date must be an xsd:date"),
    ("end-date-as-text", operation(WAR, START, (ako("endDate"), plain("2 September 1945"))),
     X, "An end date must be an xsd:date"),
    ("as-of-as-text", claim(KILLED, (ako("value"), typed("1", "decimal")), (ako("asOf"), plain("19 August"))),
     X, "The day a figure refers to must be an xsd:date"),
    ("by-date-as-text", record("Event", (ako("notLaterThan"), plain("20 August"))), X, "A 'by' date must be"),
    ("following-date-as-text", record("Event", (ako("notEarlierThan"), plain("30 September"))),
     X, "A 'following' date must be"),
    ("claim-without-value", claim(KILLED), X, "A figure needs a value"),
    ("claim-with-half-a-range", claim(KILLED, (ako("minValue"), typed("700", "decimal"))), X, "A figure needs a value"),
    ("range-upside-down",
     claim(KILLED, (ako("minValue"), typed("2000", "decimal")), (ako("maxValue"), typed("700", "decimal"))),
     X, "low end of a range cannot be above"),
    ("claim-without-measure", claim((ako("value"), typed("9780", "decimal"))), X, "must say what it counts"),
    ("value-as-text", claim(KILLED, (ako("value"), plain("many"))), X, "must be an xsd:decimal number"),
    ("reference-without-number",
     record("Reference", (ako("citesWork"), akr("work-glantz-1983-august-storm"))), X, "exactly one number"),
    ("reference-number-as-text",
     record("Reference", (ako("referenceNumber"), plain("5")), (ako("citesWork"), akr("work-glantz-1983-august-storm"))),
     X, "exactly one number"),
    ("reference-without-work", record("Reference", (ako("referenceNumber"), typed("99", "integer"))),
     X, "must name the work it cites"),
    ("commands-a-name", record("Person", (ako("commands"), en("Kwantung Army"))),
     X, "can only command military units"),
]


def test_the_graph_conforms(root, fast_closure):
    assert validate(fast_closure, root / "ontology" / "shapes.ttl") == []


@pytest.mark.parametrize("broken, focus, message", [pytest.param(b, f, m, id=i) for i, b, f, m in CASES])
def test_a_broken_record_gets_the_message(root, asserted_triples, broken, focus, message):
    closure = materialize(set(asserted_triples) | set(broken))
    results = validate(closure, root / "ontology" / "shapes.ttl")
    assert any(v.focus == focus and message in v.message for v in results), results
    assert all(v.focus in {X, focus} for v in results), "a broken record must not disturb the rest of the graph"


def test_every_message_in_the_shapes_has_a_case(root):
    import rdflib
    from rdflib.namespace import SH

    shapes = rdflib.Graph().parse(root / "ontology" / "shapes.ttl")
    messages = {str(m) for m in shapes.objects(None, SH.message)}
    assert len(messages) >= 20
    for text in messages:
        assert any(m in text for _, _, _, m in CASES), f"no broken-record case for: {text}"
    for _, _, _, m in CASES:
        assert sum(m in text for text in messages) == 1, f"'{m}' must pick out exactly one message"
