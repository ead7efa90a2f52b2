"""SHACL: the real graph conforms, and every constraint catches the mistake it was written for.

Each case adds a small broken record to the asserted triples, recomputes the closure with the
fast materializer (the shapes see inferred types, as in a build) and expects that constraint's
message for the broken record. A guard test makes sure every sh:message in ontology/shapes.ttl
has a case, so a new constraint cannot go untested.
"""

from __future__ import annotations

import pytest

import pyoxigraph as ox

from augustkg.pipeline.parse import parse_files
from augustkg.pipeline.reason import materialize
from augustkg.pipeline.shacl_pyshacl import validate
from augustkg.pipeline.shacl_sparql import validate_store
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


def record_of(node: str, cls: str, *facts) -> list:
    """Another resource of the class, labelled and cited, for records that point at it."""
    return [(node, TYPE, ako(cls)), (node, LABEL, en("Other record")), (node, ako("section"), akr("section-lead"))] + \
        [(node, p, o) for p, o in facts]


def complete(cls: str, facts: dict[str, str], without: str | None, extra: tuple) -> list:
    """A record of the class with every required fact but one (`without`), plus `extra` facts."""
    return record(cls, *[(ako(k), v) for k, v in facts.items() if k != without], *extra)


def causal(*extra, without: str | None = None, kind: str = "SignificantFactorClaim") -> list:
    """A causal claim of the kind (its class says how strongly), attributed to a historian."""
    return complete(kind, {"cause": akr("SovietDeclarationOfWarOnJapan"), "effect": akr("SurrenderOfJapan"),
                           "claimedBy": akr("TsuyoshiHasegawa")}, without, extra)


def expectation(*extra) -> list:
    return record("Expectation", (ako("heldBy"), akr("Japan")), (ako("expects"), akr("SovietJapaneseWar")), *extra)


def commitment(*extra, without: str | None = None) -> list:
    return complete("Commitment", {"commitmentOf": akr("YaltaAgreement"), "committedParty": akr("JosephStalin"),
                                   "undertakes": akr("SovietJapaneseWar")}, without, extra)


def statement(*extra, without: str | None = None) -> list:
    facts = {"statementSubject": akr("KwantungArmy"), "statementProperty": ako("armedForceOf"),
             "statementObject": akr("Mengjiang"), "statedIn": akr("cite-L128-r5")}
    return [(X, TYPE, ako("Statement"))] + [(X, ako(k), v) for k, v in facts.items() if k != without] + \
        [(X, p, o) for p, o in extra]


def citation(*extra, without: str | None = None) -> list:
    return complete("Citation", {"line": typed("128", "integer"), "accordingTo": akr("SovietJapaneseWarArticle")},
                    without, extra)


X2 = akr("OtherRecord")
PRECISE = (ako("datePrecision"), ako("MonthPrecision"))
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
    ("earliest-after-latest",
     record("Event", (ako("earliestDate"), day("1945-03-20")), (ako("latestDate"), day("1945-03-11")), PRECISE),
     X, "An earliest date must be one xsd:date"),
    ("latest-date-as-text", record("Event", (ako("latestDate"), plain("mid-March 1945")), PRECISE),
     X, "A latest date must be one xsd:date"),
    ("rough-date-without-precision", record("Event", (ako("latestDate"), day("1945-03-20"))),
     X, "Earliest and latest dates need one precision"),
    ("window-upside-down", expectation((ako("windowStart"), day("1946-05-31")), (ako("windowEnd"), day("1945-09-01")),
                                       (ako("windowPrecision"), ako("SeasonPrecision"))),
     X, "A window start must be one xsd:date"),
    ("window-end-as-text", expectation((ako("windowEnd"), plain("spring 1946")), (ako("windowPrecision"), ako("SeasonPrecision"))),
     X, "A window end must be one xsd:date"),
    ("window-without-precision", expectation((ako("windowEnd"), day("1946-05-31"))), X, "needs one precision (ako:windowPrecision)"),
    ("deadline-as-text", commitment((ako("deadline"), plain("9 August 1945"))), X, "A deadline must be an xsd:date"),
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
    ("causal-claim-without-cause", causal(without="cause"), X, "at least one cause"),
    ("causal-claim-without-effect", causal(without="effect"), X, "at least one effect"),
    ("causal-claim-of-no-kind", causal(kind="CausalClaim"), X, "exactly one kind"),
    ("causal-claim-of-two-kinds", causal((TYPE, ako("PrincipalCauseClaim"))), X, "exactly one kind"),
    ("causal-claim-without-claimant", causal(without="claimedBy"), X, "must say who makes it"),
    ("view-without-question", record("View", (ako("heldBy"), akr("TsuyoshiHasegawa"))), X, "exactly one question"),
    ("view-of-nobody", record("View", (ako("onQuestion"), X2)) + record_of(X2, "Question"), X, "must say whose it is"),
    ("movement-without-force", record("Advance", (ako("via"), akr("KhankaLake"))), X, "the force that moved"),
    ("movement-going-nowhere", record("Advance", (ako("agent"), akr("FirstFarEastFront"))), X, "at least one place"),
    ("position-of-no-unit", record("Position", (ako("stationedIn"), akr("Korea"))), X, "must name the unit"),
    ("position-without-place", record("Position", (ako("positionOf"), akr("ThirtyFourthArmy"))), X, "needs a place"),
    ("order-without-sender", record("Order", (ako("orders"), akr("SovietJapaneseWar"))), X, "needs its sender"),
    ("order-of-nothing", record("Order", (ako("agent"), akr("Hirohito"))), X, "must say what it commands"),
    ("expectation-of-nobody", record("Expectation", (ako("expects"), akr("SovietJapaneseWar"))), X, "must say whose it was"),
    ("expectation-of-nothing", record("Expectation", (ako("heldBy"), akr("Japan"))), X, "needs what was expected"),
    ("commitment-of-no-agreement", commitment(without="commitmentOf"), X, "the agreement or conference"),
    ("commitment-of-nobody", commitment(without="committedParty"), X, "who undertook it"),
    ("commitment-to-nothing", commitment(without="undertakes"), X, "what was to be done"),
    ("statement-without-subject", statement(without="statementSubject"), X, "exactly one subject"),
    ("statement-without-property", statement(without="statementProperty"), X, "exactly one property"),
    ("statement-with-two-objects", statement((ako("statementObject"), akr("Japan"))), X, "exactly one object"),
    ("statement-without-citation", statement(without="statedIn"), X, "at least one citation"),
    ("citation-in-two-sections", citation((ako("section"), akr("section-campaign"))), X, "exactly one section"),
    ("citation-without-line", citation(without="line"), X, "the line or lines"),
    ("citation-without-voice", citation(without="accordingTo"), X, "in whose voice"),
]


def by_sparql(triples, shapes) -> list:
    """The build's validation: the shapes compiled to SPARQL, over a store holding the triples."""
    store = ox.Store()
    store.bulk_load("".join(f"{s} {p} {o} .\n" for s, p, o in triples), format=ox.RdfFormat.N_TRIPLES)
    return validate_store(store, shapes)


def test_the_graph_conforms(root, fast_closure):
    assert validate(fast_closure, root / "ontology" / "shapes.ttl") == []
    assert by_sparql(fast_closure, root / "ontology" / "shapes.ttl") == []


@pytest.mark.parametrize("broken, focus, message", [pytest.param(b, f, m, id=i) for i, b, f, m in CASES])
def test_a_broken_record_gets_the_message(root, asserted_triples, broken, focus, message):
    closure = materialize(set(asserted_triples) | set(broken))
    results = by_sparql(closure, root / "ontology" / "shapes.ttl")
    assert any(v.focus == focus and message in v.message for v in results), results
    assert all(v.focus in {X, X2, focus} for v in results), "a broken record must not disturb the rest of the graph"


def test_a_causal_claim_in_the_articles_own_voice_needs_no_claimant(root, asserted_triples):
    """Without ako:claimedBy a claim is the article's own: its statement records' citations say so."""
    record_node = akr("BrokenRecordStatement")
    own = causal(without="claimedBy") + [
        (record_node, TYPE, ako("Statement")), (record_node, ako("statementSubject"), X),
        (record_node, ako("statementProperty"), ako("cause")),
        (record_node, ako("statementObject"), akr("SovietDeclarationOfWarOnJapan")),
        (record_node, ako("statedIn"), akr("cite-L92"))]
    closure = materialize(set(asserted_triples) | set(own))
    assert [v for v in by_sparql(closure, root / "ontology" / "shapes.ttl") if v.focus == X] == []


@pytest.mark.parametrize("broken", [pytest.param(b, id=i) for i, b, _, _ in CASES])
def test_pyshacl_the_reference_reports_the_same(root, ontology_triples, broken):
    """pyshacl and the SPARQL path agree on each broken record (over the ontology and the record
    alone, which keeps pyshacl quick: what the record points at is then untyped, so both also
    report those class constraints — the same ones)."""
    closure = materialize(set(ontology_triples) | set(broken))
    shapes = root / "ontology" / "shapes.ttl"
    key = lambda v: (v.focus, v.path, v.message, v.severity)  # noqa: E731
    assert sorted(map(key, validate(closure, shapes))) == sorted(map(key, by_sparql(closure, shapes)))


@pytest.fixture(scope="module")
def ontology_triples(root):
    return parse_files(sorted((root / "ontology").glob("augustkg.ttl")))


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
