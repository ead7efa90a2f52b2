"""Competency questions on the lead, Japan's decision to surrender and the aftermath: causal claims
with their claimants and references, historians' views, the terms of the Yalta agreement as the
lead and the aftermath give them, post-war events and situations, and date ranges, over owlrl's
closure; the answers of the saved queries causes-of-event and views-on-question; and the rule
that every causal claim and view says whose it is and carries the reference marks the article
puts on it.

Every expected set was written from the article (lines 1-88 outside the infobox, 159-173 of
soviet-japanese-war.txt), not from what the data returns. Questions that other sections may also
answer are narrowed to these sections (`ako:section`), so that the sets stay exact when the other
sections' data arrive.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import select_labels

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = Path(os.environ.get("AUGUSTKG_ARTICLE", ROOT.parent / "shared" / "source" / "soviet-japanese-war.txt"))
ARTICLE_VOICE = "Soviet–Japanese War (English Wikipedia article)"
SURRENDER_CAUSES_IN_ARTICLE_VOICE = {
    "defeat of Japan's Kwantung Army", "Soviet Declaration of War on Japan", "Soviet unwillingness to act as a third party",
    "Manchurian Strategic Offensive Operation", "Atomic bombing of Hiroshima", "Atomic bombing of Nagasaki"}
FRANK_VIEWS = {"traditionalist view", "view of Japan as ready to surrender before the atomic bombs",
               "view of the Soviets' war against Japan as decisive"}
ALL_VIEWS = FRANK_VIEWS | {"Tsuyoshi Hasegawa's view", "view of the Battlefield series documentary",
                           "surrender caused by more than one factor or event"}
BATTLEFIELD = "Battlefield Manchuria – The Forgotten Victory"
#: Who makes causal claim ?c, as ?who: whoever the article attributes it to (ako:claimedBy), else the
#: voice its statements' citations record (ako:accordingTo: the article's own).
CLAIMANT = ("{ ?c ako:claimedBy ?who } UNION { FILTER NOT EXISTS { ?c ako:claimedBy ?someone } "
            "?c ako:subjectOf/ako:statedIn/ako:accordingTo ?who }")
#: Causal claim ?c is in the article's own voice: attributed to no one, cited in the article's voice.
OWN_VOICE = ("FILTER NOT EXISTS { ?c ako:claimedBy ?someone } "
             "?c ako:subjectOf/ako:statedIn/ako:accordingTo akr:SovietJapaneseWarArticle .")
#: The kind of causal claim ?c, as ?role: its class below ako:CausalClaim.
ROLE = "?c a ?role . ?role rdfs:subClassOf ako:CausalClaim FILTER(?role != ako:CausalClaim)"


def rows(graph, sparql: str) -> set[tuple]:
    """Every row as a tuple: resources by their English label, literals by their value."""
    import rdflib

    from augustkg.namespaces import sparql_prefixes

    out = set()
    for row in graph.query(sparql_prefixes() + sparql):
        cells = []
        for value in row:
            if value is None:
                cells.append(None)
            elif isinstance(value, rdflib.Literal):
                cells.append(str(value))
            else:
                names = [str(n) for n in graph.objects(value, rdflib.RDFS.label) if getattr(n, "language", None) == "en"]
                cells.append(names[0] if names else str(value))
        out.add(tuple(cells))
    return out


# (question id, SPARQL, the answer the article gives: a set of labels, or of tuples for several columns)
QUESTIONS = [
    # --- causes, and who says so
    ("causes-of-the-surrender-in-the-articles-own-voice",
     f"SELECT ?cause WHERE {{ {OWN_VOICE} ?c ako:cause ?cause ; ako:effect ?e . "
     "?e ako:partOf? akr:SurrenderOfJapan }",
     SURRENDER_CAUSES_IN_ARTICLE_VOICE),
    ("who-makes-claims-about-the-surrender",
     f"SELECT ?who WHERE {{ {CLAIMANT} ?c ako:effect ?e . ?e ako:partOf? akr:SurrenderOfJapan }}",
     {ARTICLE_VOICE, "Tsuyoshi Hasegawa", "traditionalist view",
      "view of Japan as ready to surrender before the atomic bombs", "view of the Soviets' war against Japan as decisive"}),
    ("what-was-a-significant-factor-in-what",
     f"SELECT ?cause ?effect ?who WHERE {{ ?c a ako:SignificantFactorClaim ; ako:cause ?cause ; "
     f"ako:effect ?effect . {CLAIMANT} }}",
     {("Soviet Declaration of War on Japan", "Japanese government's decision to surrender unconditionally", ARTICLE_VOICE)}),
    ("why-the-soviet-entry-weighed",
     "SELECT ?reason WHERE { ?c a ako:SignificantFactorClaim ; ako:explainedBy/ako:cause ?reason }",
     {"Soviet unwillingness to act as a third party"}),
    ("what-the-kwantung-armys-defeat-helped-bring-about",
     f"SELECT ?effect ?role WHERE {{ ?c ako:cause ?d ; ako:effect ?effect . {ROLE} "
     "?d ako:affected akr:KwantungArmy }",
     {("Surrender of Japan", "contributing cause claim"), ("termination of World War II", "contributing cause claim")}),
    ("what-was-not-the-principal-cause-and-says-who",
     "SELECT ?cause ?who WHERE { ?c a ako:NotPrincipalCauseClaim ; ako:cause ?cause ; ako:claimedBy ?who }",
     {("Atomic bombing of Hiroshima", "Tsuyoshi Hasegawa"), ("Atomic bombing of Nagasaki", "Tsuyoshi Hasegawa")}),
    ("what-weighed-more-than-the-bombs",
     "SELECT ?cause ?who WHERE { ?c ako:outweighs ?b ; ako:cause ?cause ; ako:claimedBy ?who . "
     "?b ako:cause akr:AtomicBombingOfHiroshima }",
     {("Soviet victories on the mainland", "Tsuyoshi Hasegawa")}),
    ("hasegawas-reason-for-the-weight-of-the-soviet-victories",
     "SELECT ?cause ?effect WHERE { ?c ako:claimedBy akr:TsuyoshiHasegawa ; ako:explainedBy ?w . "
     "?w ako:cause ?cause ; ako:effect ?effect }",
     {("Japanese strategy to protect the home islands", "shortage of spare troops against a Soviet threat from the north")}),
    ("what-amounted-to-strategic-bankruptcy",
     "SELECT ?cause WHERE { ?c ako:effect akr:StrategicBankruptcy ; ako:cause ?cause }",
     {"Soviet victories on the mainland", "lost hope of a negotiated peace through a Soviet mediator"}),
    ("what-broke-the-political-deadlock",
     f"SELECT ?cause ?who WHERE {{ ?c ako:effect ?b ; ako:cause ?cause . {CLAIMANT} "
     "?b ako:affected akr:JapanesePoliticalDeadlock }",
     {("Manchurian Strategic Offensive Operation", ARTICLE_VOICE), ("Atomic bombing of Hiroshima", ARTICLE_VOICE),
      ("Atomic bombing of Nagasaki", ARTICLE_VOICE)}),
    ("why-the-peace-initiatives-failed",
     f"SELECT ?cause ?role WHERE {{ ?c ako:effect akr:FailureOfTheJapanesePeaceInitiatives ; ako:cause ?cause . "
     f"{ROLE} }}",
     {("Soviet delaying tactics", "principal cause claim"), ("attitudes of the Big Six", "principal cause claim")}),
    ("what-foreshadowed-the-date-of-the-invasion",
     "SELECT ?cause WHERE { ?c a ako:ForeshadowingClaim ; ako:effect akr:StartOfTheSovietInvasionOfManchuria ; "
     "ako:cause ?cause }",
     {"Yalta Agreement", "German surrender", "Vasilevsky's report to Stalin"}),
    ("what-the-border-wars-led-to",
     "SELECT ?effect WHERE { ?c ako:cause akr:SovietJapaneseBorderWars ; ako:effect ?effect }",
     {"Soviet–Japanese Neutrality Pact"}),
    ("causal-claims-resting-on-reference-16",
     "SELECT ?c WHERE { ?c a ako:CausalClaim . ?st ako:statementSubject ?c ; ako:statedIn/ako:reference akr:ref-16 }",
     {"Soviet entry as a significant factor in the decision to surrender",
      "Soviet refusal to act as third party behind the decision to surrender",
      "lack of industrial capacity behind the unsustainable campaign",
      "civilian leaders' realisation behind the 1943 decision to surrender",
      "Soviet deception and the Big Six as major reasons for the failure of the initiatives"}),
    # --- views
    ("views-on-why-japan-surrendered",
     "SELECT ?v WHERE { ?v ako:onQuestion akr:question-why-japan-surrendered }", ALL_VIEWS),
    ("views-frank-describes",
     "SELECT ?v WHERE { ?v ako:describedBy akr:RichardFrank }", FRANK_VIEWS),
    ("views-in-conflict-with-the-traditionalist-view",
     "SELECT ?v WHERE { akr:view-traditionalist ako:opposes ?v }",
     {"view of Japan as ready to surrender before the atomic bombs", "view of the Soviets' war against Japan as decisive"}),
    ("who-holds-which-view",
     "SELECT ?v ?who WHERE { ?v ako:onQuestion akr:question-why-japan-surrendered ; ako:heldBy ?who }",
     {("Tsuyoshi Hasegawa's view", "Tsuyoshi Hasegawa"), ("view of the Battlefield series documentary", BATTLEFIELD),
      ("surrender caused by more than one factor or event", "Tsuyoshi Hasegawa"),
      ("surrender caused by more than one factor or event", BATTLEFIELD)}),
    ("views-like-hasegawas",
     "SELECT ?v WHERE { akr:view-hasegawa ako:agreesWith ?v }", {"view of the Battlefield series documentary"}),
    ("what-the-traditionalist-view-blames",
     "SELECT ?cause ?agent WHERE { akr:view-traditionalist ako:asserts/ako:cause ?cause . ?cause ako:agent ?agent }",
     {("Atomic bombing of Hiroshima", "United States"), ("Atomic bombing of Nagasaki", "United States")}),
    # --- the terms of the Yalta agreement, as the lead and the aftermath give them
    ("yalta-terms-of-soviet-entry-with-their-months",
     "SELECT ?t ?min ?max WHERE { ?t ako:commitmentOf akr:YaltaAgreement ; ako:undertakes akr:SovietDeclarationOfWarOnJapan ; "
     "ako:maxMonths ?max OPTIONAL { ?t ako:minMonths ?min } }",
     {("Soviet entry into the war within three months of the end of the war in Europe", None, "3"),
      ("Soviet entry into the Pacific War within two or three months of Germany's defeat", "2", "3")}),
    ("counted-from-what",
     "SELECT ?from WHERE { akr:commitment-yalta-soviet-entry ako:relativeTo ?from }",
     {"end of the war in Europe", "German surrender"}),
    ("what-the-soviet-union-got-in-return",
     "SELECT ?term ?what WHERE { akr:commitment-yalta-soviet-entry ako:inReturnFor ?term . ?term ako:undertakes ?what }",
     {("Soviet entitlement to annex South Sakhalin and the Kuril Islands", "annexation of South Sakhalin and the Kuril Islands"),
      ("Soviet entitlement to preeminent interests over Port Arthur and Dalian",
       "Soviet preeminent interests over Port Arthur and Dalian")}),
    ("yalta-terms-fulfilled-by-what",
     "SELECT ?t ?by WHERE { ?t ako:commitmentOf akr:YaltaAgreement ; ako:fulfilledBy ?by ; ako:beneficiary akr:SovietUnion }",
     {("Soviet entitlement to annex South Sakhalin and the Kuril Islands", "annexation of South Sakhalin and the Kuril Islands")}),
    ("what-the-western-allies-promised",
     "SELECT ?what ?to WHERE { ?t ako:committedParty akr:WesternAllies ; ako:undertakes ?what ; ako:beneficiary ?to }",
     {("Soviet bases in China", "Soviet Union")}),
    ("who-pleaded-with-stalin-at-yalta",
     "SELECT ?who ?accepted WHERE { ?p ako:recipient akr:JosephStalin ; ako:agent ?who ; ako:acceptedBy ?accepted ; "
     "ako:partOf akr:YaltaConference }",
     {("Allies", "Joseph Stalin")}),
    # --- after the war
    ("what-befell-the-japanese-of-manchukuo",
     "SELECT ?e WHERE { ?e ako:directlyPartOf akr:TraumaticPeriodForTheJapaneseOfManchukuo }",
     {"Japanese colonists left stateless and homeless", "killing of Japanese residents of Manchukuo",
      "imprisonment of Japanese residents in Siberian prisons", "return of Japanese residents to the home islands",
      "returnees treated as foreigners in Japan"}),
    ("where-the-japanese-residents-went",
     "SELECT ?place WHERE { { ?e ako:affected akr:JapaneseResidentsOfManchukuo ; ako:location ?place } UNION "
     "{ ?e ako:agent akr:JapaneseResidentsOfManchukuo ; ako:destination ?place } }",
     {"Manchukuo", "Siberia", "Japanese home islands"}),
    ("what-the-soviets-did-to-manchurian-industry-before-leaving",
     "SELECT ?e WHERE { ?e ako:directlyPartOf akr:SovietOccupationOfManchuriaAndInnerMongolia }",
     {"Soviet dismantling of Japanese-built industry in Manchuria", "destruction of the non-portable industry"}),
    ("why-the-soviets-destroyed-what-they-could-not-move",
     "SELECT ?avoided ?involving WHERE { ?c ako:effect akr:DestructionOfNonPortableManchurianIndustry ; ako:cause ?i . "
     "?i ako:aimToAvoid ?avoided . ?avoided ako:involves ?involving }",
     {("Manchuria as an economic rival", "Manchuria"), ("Manchuria as an economic rival", "Far Eastern Soviet Territories")}),
    ("why-the-soviets-gave-up-their-bases",
     "SELECT ?cause WHERE { ?c ako:effect akr:SovietRelinquishmentOfBaseRightsInChina ; ako:cause ?cause }",
     {"Communist Chinese military successes", "Transfer of the mainland territories to the People's Republic of China"}),
    ("the-1955-transfer",
     "SELECT ?place WHERE { akr:TransferOfMainlandTerritoriesToThePRC ako:location ?place }",
     {"Port Arthur", "Dalian", "Asia"}),
    ("what-the-annexation-brought",
     "SELECT ?first ?then WHERE { ?c ako:cause akr:SovietAnnexationOfSouthSakhalinAndTheKurilIslands ; ako:effect ?first . "
     "?d ako:cause ?first ; ako:effect ?then }",
     {("Sea of Okhotsk becoming a Soviet inland sea", "strategic benefit to Russia")}),
    ("states-born-of-the-division-of-korea",
     "SELECT ?state WHERE { ?c ako:cause akr:DivisionOfKorea ; ako:effect/ako:outcome ?state }",
     {"North Korea", "South Korea"}),
    ("what-foreshadowed-the-korean-war",
     f"SELECT ?cause ?role ?who WHERE {{ ?c ako:effect akr:KoreanWar ; ako:cause ?cause . {ROLE} {CLAIMANT} }}",
     {("creation of the separate states of North and South Korea", "foreshadowing claim", ARTICLE_VOICE)}),
    ("who-ended-japanese-control",
     "SELECT ?who WHERE { akr:EndOfJapaneseControl ako:agent ?who }", {"Soviet Union", "Mongolia"}),
    ("places-taken-out-of-japanese-hands",
     "SELECT ?p WHERE { akr:EndOfJapaneseControl ako:affected ?p . ?p ako:controlledBeforeWarBy akr:Japan }",
     {"Manchukuo", "Mengjiang", "northern Korea", "South Sakhalin", "Kuril Islands"}),
    # --- date ranges
    ("surrender-section-events-overlapping-9-to-15-august-1945",
     "SELECT ?e WHERE { ?e a ako:Event ; ako:section akr:section-surrender ; ako:earliestDate ?from ; ako:latestDate ?to "
     "FILTER(?from <= '1945-08-15'^^xsd:date && ?to >= '1945-08-09'^^xsd:date) }",
     {"Soviet victories on the mainland"}),
    ("surrender-section-events-of-1942-and-1943",
     "SELECT ?e ?from ?to ?precision WHERE { ?e a ako:Event ; ako:section akr:section-surrender ; ako:earliestDate ?from ; "
     "ako:latestDate ?to ; ako:datePrecision ?precision FILTER(?to < '1944-01-01'^^xsd:date) }",
     {("First major Japanese military defeats in the Pacific", "1942-06-01", "1942-08-31", "season"),
      ("Non-military Japanese leaders' first decision to surrender", "1943-01-01", "1943-12-31", "year")}),
    ("held-since-summer-1942",
     "SELECT ?x ?from WHERE { ?x ako:heldBy akr:JapaneseCivilianLeaders ; ako:earliestDate ?from "
     "FILTER NOT EXISTS { ?x ako:latestDate ?y } }",
     {("civilian leaders' realisation of an unsustainable campaign", "1942-06-01")}),
    ("lead-and-surrender-messages-of-august-1945",
     "SELECT ?m ?d WHERE { ?m a ako:Communication ; ako:date ?d ; ako:section ?s "
     "FILTER(?s IN (akr:section-lead, akr:section-surrender)) "
     "FILTER(?d >= '1945-08-01'^^xsd:date && ?d <= '1945-08-31'^^xsd:date) }",
     {("Vasilevsky's report to Stalin", "1945-08-03"), ("Soviet Declaration of War on Japan", "1945-08-08"),
      ("Japanese message of surrender", "1945-08-15")}),
    ("what-came-after-the-founding-of-the-prc",
     "SELECT ?e WHERE { ?e ako:after akr:EstablishmentOfThePeoplesRepublicOfChina }",
     {"Soviet economic assistance to Manchuria"}),
]


@pytest.mark.parametrize("qid,sparql,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_causes_question(closure, qid, sparql, expected):
    if all(isinstance(e, tuple) for e in expected):
        assert rows(closure, sparql) == expected
    else:
        assert select_labels(closure, sparql) == expected


def test_there_are_enough_questions():
    assert len(QUESTIONS) >= 25


def test_the_lead_and_aftermath_term_of_yalta_rests_on_lines_69_and_171(closure):
    """The lead's and the aftermath's "within three months" is its own term, never the background's
    "two or three months"; the lead's line carries no reference mark on that sentence."""
    lines = select_labels(closure, "SELECT ?line WHERE { [] ako:statementSubject akr:commitment-yalta-soviet-entry ; "
                          "ako:statementProperty ako:maxMonths ; ako:statedIn/ako:line ?line }")
    assert lines == {"69", "171"}


# --- who makes each claim, and the references it carries ------------------------------------------

def test_every_causal_claim_and_view_names_who_makes_it(closure):
    """A claim names who makes it with ako:claimedBy; one without is the article's own, and then every
    citation of its statements must say so (ako:accordingTo the article), so that no claim is voiceless
    and none the article attributes to someone passes for its own."""
    claims = select_labels(closure, "SELECT ?c WHERE { ?c a ako:CausalClaim FILTER NOT EXISTS { ?c ako:claimedBy ?who } "
                           "FILTER NOT EXISTS { ?c ako:subjectOf/ako:statedIn/ako:accordingTo ?voice } }")
    borrowed = select_labels(closure, "SELECT ?c WHERE { ?c a ako:CausalClaim FILTER NOT EXISTS { ?c ako:claimedBy ?who } "
                             "?c ako:subjectOf/ako:statedIn/ako:accordingTo ?voice "
                             "FILTER(?voice != akr:SovietJapaneseWarArticle) }")
    assert borrowed == set(), "claims in another's voice without ako:claimedBy"
    views = select_labels(closure, "SELECT ?v WHERE { ?v a ako:View "
                          "FILTER NOT EXISTS { ?v ako:heldBy|ako:describedBy ?who } }")
    assert claims == set(), "causal claims that do not say who makes them"
    assert views == set(), "views that say neither who holds nor who describes them"
    assert select_labels(closure, "SELECT ?c WHERE { ?c a ako:CausalClaim }"), "no causal claims at all"


#: The reference numbers the article puts on each claim or view of these sections (the marks on the
#: sentence that states it, or closing the passage of one author), read off the article.
ARTICLE_REFERENCES = {
    "cause-surrender-kwantung-army-defeat": {11, 12},
    "cause-surrender-soviet-entry": {5, 13, 14, 15, 16, 17, 18, 19},
    "cause-surrender-soviet-entry-no-mediator": {5, 13, 14, 15, 16, 17, 18, 19},
    "cause-invasion-date-yalta-german-surrender-vasilevsky": {20},
    "cause-soviet-entry-well-planned-timing": {20},
    "cause-neutrality-pact-border-wars": {24},
    "cause-campaign-unsustainable-lack-of-industrial-capacity": {16},
    "cause-decision-to-surrender-1943-realisation": {16},
    "cause-peace-initiatives-failed-soviet-deception-and-big-six": {16},
    "cause-deadlock-broken-manchurian-operation-and-atomic-bombings": set(),
    "cause-surrender-atomic-bombs-traditionalist": {45},
    "cause-surrender-hopeless-situation": {45},
    "cause-surrender-soviets-went-to-war": {45},
    "cause-surrender-atomic-bombings-not-principal": {19, 46},
    "cause-surrender-soviet-victories": {19, 46},
    "cause-no-spare-troops-home-islands-strategy": {19, 46},
    "cause-lost-hope-of-mediation-soviet-declaration-of-war": {19, 46},
    "cause-strategic-bankruptcy-soviet-victories-and-lost-hope": {19, 46},
    "cause-message-of-surrender-strategic-bankruptcy": {19, 46},
    "cause-traumatic-period-soviet-invasion-and-occupation": {31, 47, 48, 49},
    "cause-mao-base-in-manchuria-soviet-support": {50},
    "cause-base-rights-given-up-communist-successes": {50},
    "cause-base-rights-given-up-land-turned-over": {50},
    "cause-relocation-of-industry-restore-soviet-industry": {31},
    "cause-destruction-of-industry-no-economic-rival": {31},
    "cause-economic-assistance-rebuild-industry": {51},
    "cause-inland-sea-annexation": set(),
    "cause-strategic-benefit-inland-sea": set(),
    "cause-two-korean-states-division-of-korea": {52},
    "cause-korean-war-precursor": {52},
    "view-traditionalist": {45},
    "view-japan-ready-to-surrender": {45},
    "view-soviet-entry-caused-surrender": {45},
    "view-hasegawa": {19, 46},
    "view-battlefield-series": {13, 14},
    "view-surrender-not-caused-by-one-factor": set(),
}


def _references_of(closure, local: str) -> dict:
    """For each statement about the resource, the reference numbers of its citations."""
    sparql = f"""SELECT ?p ?o ?n WHERE {{ ?st ako:statementSubject akr:{local} ; ako:statementProperty ?p ;
                 ako:statementObject ?o ; ako:statedIn ?cit . OPTIONAL {{ ?cit ako:reference/ako:referenceNumber ?n }} }}"""
    out: dict = {}
    for p, o, n in rows(closure, sparql):
        out.setdefault((p, o), set())
        if n is not None:
            out[(p, o)].add(int(n))
    return out


@pytest.mark.parametrize("local", sorted(ARTICLE_REFERENCES))
def test_each_claim_and_view_carries_the_references_the_article_puts_on_it(closure, local):
    by_statement = _references_of(closure, local)
    assert by_statement, f"{local}: no statement records"
    for statement, numbers in by_statement.items():
        assert numbers == ARTICLE_REFERENCES[local], f"{local} {statement}: references {sorted(numbers)}"


def _sentences(line: str) -> list[str]:
    """A paragraph cut into sentences; the reference marks after a full stop stay with its sentence."""
    return [s for s in re.split(r"(?<=[.!?\]])\s+(?=[A-Z\"“])", line) if s]


def _words(text: str) -> set[str]:
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return set(re.findall(r"[a-z0-9]+", text))


def test_claims_cited_where_the_sentence_has_reference_marks_carry_a_reference(closure):
    """Generic, for every causal claim in the graph: where the sentence of a cited line that names
    both the claim's cause and its effect carries reference marks, the citation carries at least
    one reference; and every reference a citation carries is a mark on its lines."""
    if not ARTICLE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the copy of the article is missing in CI: {ARTICLE}")
        pytest.skip(f"no copy of the article at {ARTICLE}")
    text = ARTICLE.read_text(encoding="utf-8").splitlines()
    sparql = """SELECT ?c ?cit ?line ?name ?effectName ?ref WHERE {
        ?c a ako:CausalClaim ; ako:cause ?cause ; ako:effect ?effect .
        ?st ako:statementSubject ?c ; ako:statementProperty ako:cause ; ako:statementObject ?cause ; ako:statedIn ?cit .
        ?cit ako:line ?line . ?cause rdfs:label|skos:altLabel ?name . ?effect rdfs:label|skos:altLabel ?effectName .
        OPTIONAL { ?cit ako:reference/ako:referenceNumber ?ref } }"""
    from augustkg.namespaces import sparql_prefixes

    cited: dict = {}
    for c, cit, line, name, effect_name, ref in closure.query(sparql_prefixes() + sparql):
        entry = cited.setdefault((str(c), str(cit)), {"lines": set(), "names": set(), "effects": set(), "refs": set()})
        entry["lines"].add(int(line))
        entry["names"].add(str(name))
        entry["effects"].add(str(effect_name))
        if ref is not None:
            entry["refs"].add(int(ref))
    assert cited
    checked = 0
    problems = []
    for (claim, cit), entry in cited.items():
        marks_on_lines = {int(m) for n in entry["lines"] for m in re.findall(r"\[(\d+)\]", text[n - 1])}
        stray = entry["refs"] - marks_on_lines
        if stray:
            problems.append(f"{claim} @ {cit}: references {sorted(stray)} are not marks on the cited lines")
        for n in entry["lines"]:
            for sentence in _sentences(text[n - 1]):
                have = _words(sentence)
                named = [any((w := _words(name)) and len(w & have) / len(w) >= 0.6 for name in entry[kind])
                         for kind in ("names", "effects")]
                if all(named) and re.search(r"\[\d+\]", sentence):
                    checked += 1
                    if not entry["refs"]:
                        problems.append(f"{claim} @ {cit}: the sentence naming cause and effect has reference marks, "
                                        "the citation none")
    assert checked > 10, "the check found too few sentences to be meaningful"
    assert not problems, "\n".join(problems)


# --- the saved queries -----------------------------------------------------------------------------

def table(kg, query: str, columns: tuple, **params) -> set:
    result = kg.run(query, **params)
    return {tuple(None if row.get(c) is None else str(row[c]) for c in columns) for row in result.values()}


def test_causes_of_the_surrender(kg):
    got = table(kg, "causes-of-event", ("effectLabel", "causeLabel", "roleLabel", "claimantLabel"), effect="Surrender of Japan")
    assert got == {
        ("Surrender of Japan", "defeat of Japan's Kwantung Army", "contributing cause claim", ARTICLE_VOICE),
        ("Japanese government's decision to surrender unconditionally", "Soviet Declaration of War on Japan",
         "significant factor claim", ARTICLE_VOICE),
        ("Japanese government's decision to surrender unconditionally", "Soviet unwillingness to act as a third party",
         "contributing cause claim", ARTICLE_VOICE),
        ("breaking of the Japanese political deadlock", "Manchurian Strategic Offensive Operation", "cause claim", ARTICLE_VOICE),
        ("breaking of the Japanese political deadlock", "Atomic bombing of Hiroshima", "cause claim", ARTICLE_VOICE),
        ("breaking of the Japanese political deadlock", "Atomic bombing of Nagasaki", "cause claim", ARTICLE_VOICE),
        ("Japanese leaders' acceptance of the Allied surrender terms", "Manchurian Strategic Offensive Operation", "cause claim",
         ARTICLE_VOICE),
        ("Japanese leaders' acceptance of the Allied surrender terms", "Atomic bombing of Hiroshima", "cause claim", ARTICLE_VOICE),
        ("Japanese leaders' acceptance of the Allied surrender terms", "Atomic bombing of Nagasaki", "cause claim", ARTICLE_VOICE),
        ("Surrender of Japan", "Atomic bombing of Hiroshima", "cause claim", "traditionalist view"),
        ("Surrender of Japan", "Atomic bombing of Nagasaki", "cause claim", "traditionalist view"),
        ("Surrender of Japan", "hopeless situation of the Japanese government", "cause claim",
         "view of Japan as ready to surrender before the atomic bombs"),
        ("Surrender of Japan", "Japanese readiness to surrender before the atomic bombs", "cause claim",
         "view of Japan as ready to surrender before the atomic bombs"),
        ("Surrender of Japan", "Soviet Declaration of War on Japan", "cause claim", "view of the Soviets' war against Japan as decisive"),
        ("Surrender of Japan", "Atomic bombing of Hiroshima", "not-the-principal-cause claim", "Tsuyoshi Hasegawa"),
        ("Surrender of Japan", "Atomic bombing of Nagasaki", "not-the-principal-cause claim", "Tsuyoshi Hasegawa"),
        ("Surrender of Japan", "Soviet victories on the mainland", "contributing cause claim", "Tsuyoshi Hasegawa"),
        ("Japanese message of surrender", "strategic bankruptcy", "cause claim", "Tsuyoshi Hasegawa"),
    }


def test_causes_of_an_event_give_the_reference_numbers_and_the_voice(kg):
    soviet_entry = table(kg, "causes-of-event", ("causeLabel", "reference", "voiceLabel"),
                         effect="Japanese government's decision to surrender unconditionally")
    assert {r[1] for r in soviet_entry if r[0] == "Soviet Declaration of War on Japan"} == {
        "5", "13", "14", "15", "16", "17", "18", "19"}
    assert {r[2] for r in soviet_entry} == {ARTICLE_VOICE}
    hasegawa = table(kg, "causes-of-event", ("causeLabel", "reference", "voiceLabel"), effect="Japanese message of surrender")
    assert hasegawa == {("strategic bankruptcy", "19", "Tsuyoshi Hasegawa"), ("strategic bankruptcy", "46", "Tsuyoshi Hasegawa")}
    assert table(kg, "causes-of-event", ("causeLabel", "roleLabel", "reference"), effect="Korean War") == {
        ("creation of the separate states of North and South Korea", "foreshadowing claim", "52")}
    deadlock = table(kg, "causes-of-event", ("causeLabel", "reference"), effect="akr:BreakingOfTheJapanesePoliticalDeadlock")
    assert deadlock == {("Manchurian Strategic Offensive Operation", None), ("Atomic bombing of Hiroshima", None),
                        ("Atomic bombing of Nagasaki", None)}


def test_views_on_why_japan_surrendered(kg):
    got = table(kg, "views-on-question", ("viewLabel", "relation", "valueLabel"), question="causes of the Japanese surrender")
    assert got == {
        ("traditionalist view", "described by", "Richard B. Frank"),
        ("traditionalist view", "asserts", "atomic bombs as the cause of the Japanese surrender"),
        ("traditionalist view", "opposes", "view of Japan as ready to surrender before the atomic bombs"),
        ("traditionalist view", "opposes", "view of the Soviets' war against Japan as decisive"),
        ("view of Japan as ready to surrender before the atomic bombs", "described by", "Richard B. Frank"),
        ("view of Japan as ready to surrender before the atomic bombs", "asserts",
         "hopeless situation and readiness to surrender before the bombs"),
        ("view of Japan as ready to surrender before the atomic bombs", "opposes", "traditionalist view"),
        ("view of the Soviets' war against Japan as decisive", "described by", "Richard B. Frank"),
        ("view of the Soviets' war against Japan as decisive", "asserts", "Soviets' war against Japan as the cause of the surrender"),
        ("view of the Soviets' war against Japan as decisive", "opposes", "traditionalist view"),
        ("Tsuyoshi Hasegawa's view", "held by", "Tsuyoshi Hasegawa"),
        ("Tsuyoshi Hasegawa's view", "asserts", "atomic bombings as not the principal reason for the capitulation"),
        ("Tsuyoshi Hasegawa's view", "asserts", "Soviet victories on the mainland outweighing the atomic bombings"),
        ("Tsuyoshi Hasegawa's view", "asserts", "home islands strategy leaving no spare troops for the north"),
        ("Tsuyoshi Hasegawa's view", "asserts", "Soviet declaration of war ending the hope of a Soviet mediator"),
        ("Tsuyoshi Hasegawa's view", "asserts", "Soviet victories and lost hope of a mediator as strategic bankruptcy"),
        ("Tsuyoshi Hasegawa's view", "asserts", "strategic bankruptcy forcing the message of surrender"),
        ("Tsuyoshi Hasegawa's view", "agrees with", "view of the Battlefield series documentary"),
        ("view of the Battlefield series documentary", "held by", BATTLEFIELD),
        ("view of the Battlefield series documentary", "agrees with", "Tsuyoshi Hasegawa's view"),
        ("surrender caused by more than one factor or event", "held by", "Tsuyoshi Hasegawa"),
        ("surrender caused by more than one factor or event", "held by", BATTLEFIELD),
    }
    assert table(kg, "views-on-question", ("viewLabel", "relation", "valueLabel")) >= got
