"""Competency questions on "Background and buildup": agreement terms, expectations and intentions,
messages and their fate, causes, movements and imprecise dates, over owlrl's closure; and the
answers of the saved queries agreement-terms, expectations-and-intentions and
communications-and-fate.

Every expected set was written from the article (lines 92-102 of soviet-japanese-war.txt), not
from what the data returns. Questions that other sections may also answer are narrowed to what
the background section states (`ako:section akr:section-background`), so that the sets stay exact
when the other sections' data arrive.
"""

from __future__ import annotations

import pytest

from conftest import select_labels

BACKGROUND = "ako:section akr:section-background"


def rows(graph, sparql: str) -> set[tuple]:
    """Every row as a tuple: resources by their English label, literals by their value."""
    from augustkg.namespaces import sparql_prefixes
    import rdflib

    out = set()
    for row in graph.query(sparql_prefixes() + sparql):
        cells = []
        for value in row:
            if value is None:
                cells.append(None)
            elif isinstance(value, rdflib.Literal):
                cells.append(str(value))
            else:
                names = [str(l) for l in graph.objects(value, rdflib.RDFS.label) if getattr(l, "language", None) == "en"]
                cells.append(names[0] if names else str(value))
        out.add(tuple(cells))
    return out


# (question id, SPARQL, the answer the article gives: a set of labels, or of tuples for several columns)
QUESTIONS = [
    # --- terms of agreements
    ("what-each-party-undertook-at-yalta",
     f"SELECT ?party ?what WHERE {{ ?c ako:commitmentOf akr:YaltaAgreement ; ako:committedParty ?party ; "
     f"ako:undertakes ?what ; {BACKGROUND} }}",
     {("Joseph Stalin", "Soviet Declaration of War on Japan"), ("Franklin Roosevelt", "Far Eastern gains")}),
    ("who-was-promised-what-at-yalta",
     f"SELECT ?party ?beneficiary WHERE {{ ?c ako:commitmentOf akr:YaltaAgreement ; ako:committedParty ?party ; "
     f"ako:beneficiary ?beneficiary ; {BACKGROUND} }}",
     {("Joseph Stalin", "Franklin Roosevelt"), ("Franklin Roosevelt", "Joseph Stalin")}),
    ("what-the-soviet-entry-was-exchanged-for",
     "SELECT ?other WHERE { akr:commitment-yalta-soviet-entry-two-or-three-months ako:inReturnFor ?other }",
     {"promise of Stalin's Far Eastern territorial desires"}),
    ("exchange-is-symmetric",
     "SELECT ?other WHERE { akr:commitment-yalta-far-eastern-territorial-desires ako:inReturnFor ?other }",
     {"Soviet entry into the Pacific War within two or three months of Germany's defeat"}),
    ("months-after-what-the-soviets-were-to-enter",
     "SELECT ?min ?max ?from WHERE { akr:commitment-yalta-soviet-entry-two-or-three-months ako:minMonths ?min ; "
     "ako:maxMonths ?max ; ako:relativeTo ?from }",
     {("2", "3", "German surrender")}),
    ("deadline-for-honouring-yalta",
     f"SELECT ?d WHERE {{ ?c ako:commitmentOf akr:YaltaAgreement ; ako:deadline ?d ; {BACKGROUND} }}",
     {"1945-08-09"}),
    ("where-the-two-or-three-month-term-is-stated",
     "SELECT ?line WHERE { [] ako:statementSubject akr:commitment-yalta-soviet-entry-two-or-three-months ; "
     "ako:statementProperty ako:maxMonths ; ako:statedIn/ako:line ?line }",
     {"98"}),
    ("the-two-figures-for-the-yalta-term-conflict",
     "SELECT ?other WHERE { akr:claim-background-yalta-entry-months ako:relatedClaim ?other }",
     {"Months after the end of the war in Europe agreed at Yalta (lead)"}),
    ("tehran-term",
     "SELECT ?party ?what ?from WHERE { ?c ako:commitmentOf akr:TehranConference ; ako:committedParty ?party ; "
     "ako:undertakes ?what ; ako:relativeTo ?from }",
     {("Soviet Union", "Soviet Declaration of War on Japan", "German surrender")}),
    ("neutrality-pact-notice-term-and-its-fulfilment",
     "SELECT ?party ?beneficiary ?by WHERE { ?c ako:commitmentOf akr:SovietJapaneseNeutralityPact ; "
     "ako:committedParty ?party ; ako:beneficiary ?beneficiary ; ako:fulfilledBy ?by }",
     {("Soviet Union", "Japan", "Soviet Denunciation of the Pact with Japan")}),
    ("what-conferences-produced",
     f"SELECT ?conference ?product WHERE {{ ?conference a ako:Conference ; ako:outcome ?product ; {BACKGROUND} }}",
     {("Yalta Conference", "Yalta Agreement"), ("Potsdam Conference", "Potsdam Declaration")}),

    # --- expectations and intentions
    ("japanese-expectations-and-their-windows",
     f"SELECT ?x ?start WHERE {{ ?x a ako:Expectation ; ako:heldBy akr:Japan ; ako:windowStart ?start ; {BACKGROUND} }}",
     {("Japanese expectation of a Soviet invasion of Manchuria after Germany's defeat", "1945-05-09"),
      ("Japanese estimate of no Soviet invasion of east Manchuria before the end of August", "1945-08-21"),
      ("Japanese estimate of no attack in August 1945 or before spring 1946", "1946-03-01")}),
    ("japanese-expectations-proved-wrong",
     f"SELECT ?x WHERE {{ ?x ako:heldBy akr:Japan ; ako:fulfilment ako:NotFulfilled ; {BACKGROUND} }}",
     {"Japanese waiting for the Soviet response",
      "Japanese estimate of no Soviet invasion of east Manchuria before the end of August",
      "Japanese estimate of no attack in August 1945 or before spring 1946"}),
    ("what-the-east-manchuria-estimate-rested-on",
     "SELECT ?b WHERE { akr:expectation-japanese-no-invasion-of-east-manchuria-before-end-of-august ako:basedOn ?b }",
     {"Japanese monitoring of Trans-Siberian Railway traffic and Soviet activity", "Soviet delaying tactics"}),
    ("what-the-japanese-monitored",
     "SELECT ?what WHERE { akr:JapaneseMonitoringOfSovietActivity ako:affected ?what }",
     {"Trans-Siberian Railway", "Soviet delaying tactics"}),
    ("when-stavka-planned-the-offensive",
     "SELECT ?start ?end WHERE { ?i ako:heldBy akr:Stavka ; ako:aim akr:StartOfTheSovietInvasionOfManchuria ; "
     "ako:windowStart ?start ; ako:windowEnd ?end }",
     {("1945-08-11", "1945-08-20")}),
    ("attack-came-before-the-planned-window",
     "SELECT ?i WHERE { ?i ako:heldBy akr:Stavka ; ako:aim ?e ; ako:windowStart ?start . ?e ako:date ?d "
     "FILTER(?d < ?start) }",
     {"Stavka's plan for a mid-August 1945 offensive"}),
    ("what-stalin-wanted-and-wanted-to-avoid",
     "SELECT ?relation ?target WHERE { ?i a ako:Intention ; ako:heldBy akr:JosephStalin . "
     "{ ?i ako:aim ?target BIND('aim' AS ?relation) } UNION { ?i ako:aimToAvoid ?target BIND('avoid' AS ?relation) } }",
     {("aim", "Far Eastern gains"), ("aim", "Soviet gains in Europe"), ("avoid", "two-front war")}),
    ("who-wanted-to-avoid-what",
     f"SELECT ?who ?what WHERE {{ ?i ako:heldBy ?who ; ako:aimToAvoid ?what ; {BACKGROUND} }}",
     {("Joseph Stalin", "two-front war"), ("Soviet Union", "renewal of the Neutrality Pact"),
      ("Japan", "Soviet–Japanese War"), ("Soviet Union", "straining the rail link")}),
    ("what-japan-aimed-at",
     f"SELECT ?what WHERE {{ ?i a ako:Intention ; ako:heldBy akr:Japan ; ako:aim ?what ; {BACKGROUND} }}",
     {"time and place of a Soviet invasion", "extension of the Neutrality Pact", "end to the war"}),
    ("suzuki-cabinet-aim-and-since-when",
     "SELECT ?what ?since WHERE { ?i ako:heldBy akr:SuzukiCabinet ; ako:aim ?what ; ako:earliestDate ?since }",
     {("peace terms short of unconditional surrender", "1945-04-01")}),

    # --- messages and their fate
    ("what-japan-proposed-to-the-soviets",
     "SELECT ?what WHERE { ?m a ako:Proposal ; ako:agent akr:Japan ; ako:recipient akr:SovietUnion ; ako:proposes ?what }",
     {"extension of the Neutrality Pact", "Soviet mediation of peace with the Allies",
      "territorial concessions to the Soviets"}),
    ("messages-left-unanswered",
     f"SELECT ?m ?by WHERE {{ ?m ako:unansweredBy ?by ; {BACKGROUND} }}",
     {("Japanese approach to the Soviets of late June 1945", "Soviet Union"), ("Potsdam Declaration", "Japan")}),
    ("answers-to-the-japanese-approaches",
     f"SELECT ?answer ?to WHERE {{ ?answer ako:inResponseTo ?to ; {BACKGROUND} }}",
     {("Stalin's expression of interest in the Japanese approach", "Japanese approach to the Soviets of late June 1945"),
      ("Soviet delaying tactics", "Japanese approaches to the Soviets since Yalta")}),
    ("what-the-notice-of-5-april-told-japan",
     "SELECT ?to ?what WHERE { ?m a ako:Notice ; ako:date '1945-04-05'^^xsd:date ; ako:recipient ?to ; ako:conveys ?what }",
     {("Japan", "Soviet decision not to renew the Neutrality Pact")}),
    ("how-long-the-assurances-said-the-pact-would-last",
     "SELECT ?v WHERE { akr:SovietAssurancesOnTheNeutralityPact ako:conveys ?f . ?f ako:value ?v ; "
     "ako:measure akr:measure-duration-months }",
     {"12"}),
    ("what-the-potsdam-declaration-demanded-of-whom",
     "SELECT ?to ?what WHERE { akr:PotsdamDeclaration ako:recipient ?to ; ako:conveys ?what }",
     # the lead (line 69) adds the threat the ultimatum conveyed
     {("Japan", "Surrender of Japan"), ("Japan", "prompt and utter destruction")}),
    ("soviet-messages-of-the-background",
     f"SELECT ?m WHERE {{ ?m a ako:Communication ; ako:agent akr:SovietUnion ; {BACKGROUND} }}",
     {"Soviet Denunciation of the Pact with Japan", "Soviet assurance of another twelve months of the treaty",
      "Recall of Soviet embassy staff from Japan"}),

    # --- causes, in the article's own voice
    ("effects-of-the-neutrality-pact",
     "SELECT ?effect WHERE { ?c ako:cause akr:SovietJapaneseNeutralityPact ; ako:effect ?effect ; "
     # the article's own voice: attributed to no one, and cited in the article's voice
     "FILTER NOT EXISTS { ?c ako:claimedBy ?someone } ?c ako:subjectOf/ako:statedIn/ako:accordingTo akr:SovietJapaneseWarArticle }",
     {"forces freed up from the border incidents", "Soviets concentrating on their war with Germany",
      "Japanese southern expansion into Asia and the Pacific Ocean", "Soviet policy to intern Allied aircrews"}),
    ("causes-of-the-neutrality-pact-in-the-background",
     f"SELECT ?cause WHERE {{ ?c ako:effect akr:SovietJapaneseNeutralityPact ; ako:cause ?cause ; {BACKGROUND} }}",
     {"Battle of Lake Khasan", "Battle of Khalkhin Gol"}),
    ("the-only-way-to-far-eastern-gains",
     "SELECT ?cause WHERE { ?c a ako:NecessaryConditionClaim ; ako:cause ?cause ; "
     "ako:effect akr:FarEasternGainsWithoutATwoFrontWar }",
     {"Germany to surrender before Japan"}),
    ("what-changed-the-soviet-attitude",
     "SELECT ?cause WHERE { ?c ako:effect akr:ChangeInTheSovietAttitudeToJapan ; ako:cause ?cause }",
     {"Battle of Stalingrad", "increasingly certain defeat of Germany"}),
    ("how-the-changed-attitude-showed",
     "SELECT ?part WHERE { ?part ako:partOf akr:ChangeInTheSovietAttitudeToJapan }",
     {"Stalin's speeches denouncing Japan", "Soviet buildup in the Far East",
      "acceleration of the Soviet buildup in the Far East", "crossing of Siberia by Soviet divisions in their vehicles"}),
    ("references-behind-the-notice-concern",
     "SELECT ?n WHERE { akr:cause-japanese-concern-notice ako:reference ?r . ?r ako:referenceNumber ?n }",
     {"28", "29"}),

    # --- movements
    ("movements-of-the-buildup-period",
     f"SELECT ?m ?rel ?place WHERE {{ ?m a ako:Movement ; {BACKGROUND} . "
     "{ ?m ako:origin ?place BIND('from' AS ?rel) } UNION { ?m ako:via ?place BIND('via' AS ?rel) } "
     "UNION { ?m ako:towards ?place BIND('towards' AS ?rel) } }",
     {("Japanese withdrawal of elite troops from Manchuria", "from", "Manchuria"),
      ("Japanese withdrawal of elite troops from Manchuria", "towards", "Pacific Ocean"),
      ("crossing of Siberia by Soviet divisions in their vehicles", "via", "Siberia")}),

    # --- time: imprecise dates as ranges
    ("certainly-in-the-first-half-of-1945",
     f"SELECT ?e WHERE {{ ?e a ako:Event ; {BACKGROUND} . "
     "{ ?e ako:date ?from BIND(?from AS ?to) } UNION { ?e ako:earliestDate ?from ; ako:latestDate ?to } "
     "FILTER(?from >= '1945-01-01'^^xsd:date && ?to <= '1945-06-30'^^xsd:date) }",
     {"Yalta Conference", "Yalta Agreement", "Soviet Denunciation of the Pact with Japan", "Suzuki Cabinet takes office",
      "German surrender", "Japanese approach to the Soviets of late June 1945"}),
    ("possibly-in-the-first-half-of-1945",
     f"SELECT ?e WHERE {{ ?e a ako:Event ; {BACKGROUND} . "
     "{ ?e ako:date ?d BIND(?d AS ?from) BIND(?d AS ?to) } "
     "UNION { ?e ako:latestDate ?to FILTER NOT EXISTS { ?e ako:date ?x } OPTIONAL { ?e ako:earliestDate ?from } } "
     "UNION { ?e ako:earliestDate ?from FILTER NOT EXISTS { ?e ako:latestDate ?y } } "
     "FILTER((!BOUND(?from) || ?from <= '1945-06-30'^^xsd:date) && (!BOUND(?to) || ?to >= '1945-01-01'^^xsd:date)) }",
     {"Yalta Conference", "Yalta Agreement", "Soviet Denunciation of the Pact with Japan", "Suzuki Cabinet takes office",
      "German surrender", "Japanese approach to the Soviets of late June 1945",
      "Japanese withdrawal of elite troops from Manchuria", "Japanese approaches to the Soviets since Yalta"}),
    ("by-mid-march-1945",
     "SELECT ?e ?latest ?precision WHERE { akr:WithdrawalOfEliteTroopsFromManchuria ako:latestDate ?latest ; "
     "ako:datePrecision ?precision . BIND(akr:WithdrawalOfEliteTroopsFromManchuria AS ?e) "
     "FILTER NOT EXISTS { akr:WithdrawalOfEliteTroopsFromManchuria ako:earliestDate ?x } }",
     {("Japanese withdrawal of elite troops from Manchuria", "1945-03-20", "part of a month")}),
    ("early-twentieth-century",
     "SELECT ?from ?to WHERE { akr:RussoJapaneseWar ako:earliestDate ?from ; ako:latestDate ?to ; "
     "ako:datePrecision ako:PartOfCenturyPrecision }",
     {("1901-01-01", "1933-12-31")}),
]


@pytest.mark.parametrize("qid,sparql,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_background_question(closure, qid, sparql, expected):
    if all(isinstance(e, tuple) for e in expected):
        assert rows(closure, sparql) == expected
    else:
        assert select_labels(closure, sparql) == expected


def test_the_lead_and_background_terms_of_yalta_are_kept_apart(closure):
    """The background's "two or three months" is its own commitment, resting only on line 98 (and its
    deadline and fulfilment on lines 100 and 171), never merged into the lead's "within three months"."""
    lines = select_labels(closure, "SELECT ?line WHERE { [] ako:statementSubject "
                          "akr:commitment-yalta-soviet-entry-two-or-three-months ; ako:statedIn/ako:line ?line }")
    assert lines == {"98", "100", "171"}


# --- the saved queries ----------------------------------------------------------------------------

def table(kg, query: str, columns: tuple, **params) -> set:
    result = kg.run(query, **params)
    return {tuple(None if row.get(c) is None else str(row[c]) for c in columns) for row in result.values()}


def test_agreement_terms_of_yalta(kg):
    got = table(kg, "agreement-terms", ("commitmentLabel", "partyLabel", "beneficiaryLabel", "minMonths", "maxMonths",
                                        "deadline", "inReturnForLabel"), agreement="Yalta Agreement")
    background = {r for r in got if r[0] in {
        "Soviet entry into the Pacific War within two or three months of Germany's defeat",
        "promise of Stalin's Far Eastern territorial desires"}}
    assert background == {
        ("Soviet entry into the Pacific War within two or three months of Germany's defeat", "Joseph Stalin",
         "Franklin Roosevelt", "2", "3", "1945-08-09", "promise of Stalin's Far Eastern territorial desires"),
        ("promise of Stalin's Far Eastern territorial desires", "Franklin Roosevelt", "Joseph Stalin", None, None, None,
         "Soviet entry into the Pacific War within two or three months of Germany's defeat")}


def test_agreement_terms_of_a_conference_include_its_agreement(kg):
    by_conference = table(kg, "agreement-terms", ("agreementLabel", "commitmentLabel"), agreement="Yalta Conference")
    by_agreement = table(kg, "agreement-terms", ("agreementLabel", "commitmentLabel"), agreement="Yalta Agreement")
    assert by_agreement <= by_conference
    assert table(kg, "agreement-terms", ("commitmentLabel", "partyLabel", "relativeToLabel"), agreement="Tehran Conference") == {
        ("Soviet entry into the war against Japan once Germany was defeated", "Soviet Union", "German surrender")}


def test_agreement_terms_of_the_neutrality_pact(kg):
    assert table(kg, "agreement-terms", ("partyLabel", "beneficiaryLabel", "fulfilledByLabel"),
                 agreement="Soviet–Japanese Neutrality Pact") == {
        ("Soviet Union", "Japan", "Soviet Denunciation of the Pact with Japan")}


def test_agreement_terms_unbound_lists_every_background_term(kg):
    labels = {r[0] for r in table(kg, "agreement-terms", ("commitmentLabel",))}
    assert {"Soviet entry into the war against Japan once Germany was defeated",
            "Soviet entry into the Pacific War within two or three months of Germany's defeat",
            "promise of Stalin's Far Eastern territorial desires",
            "notice to Japan twelve months before the Neutrality Pact's expiry"} <= labels


def test_expectations_of_japan(kg):
    got = table(kg, "expectations-and-intentions", ("attitudeLabel", "kind", "relation", "targetLabel", "scenario",
                                                    "windowStart", "fulfilment"), party="Japan")
    expectations = {r for r in got if r[1] == "expectation" and r[0].startswith(("Japanese estimate", "Japanese expectation",
                                                                                  "Japanese waiting"))}
    assert expectations == {
        ("Japanese expectation of a Soviet invasion of Manchuria after Germany's defeat", "expectation", "expects",
         "Start of the Soviet invasion of Manchuria", "False", "1945-05-09", None),
        ("Japanese estimate of no Soviet invasion of east Manchuria before the end of August", "expectation", "expects",
         "Start of the Soviet invasion of Manchuria", "False", "1945-08-21", "not fulfilled"),
        ("Japanese estimate of no attack in August 1945 or before spring 1946", "expectation", "expects",
         "Start of the Soviet invasion of Manchuria", "False", "1946-03-01", "not fulfilled"),
        ("Japanese waiting for the Soviet response", "expectation", "expects", "Soviet response to the Japanese approach",
         "True", None, "not fulfilled"),
        # the Japanese forces section (lines 137 and 141)
        ("Japanese estimate of an attack most likely in autumn 1945 or spring 1946", "expectation", "expects",
         "Start of the Soviet invasion of Manchuria", "False", "1945-09-01", "not fulfilled"),
        ("Japanese expectation of an invasion from the east", "expectation", "expects", "Soviet invasion from the east",
         "True", None, None)}


def test_intentions_of_stalin_and_stavka(kg):
    assert table(kg, "expectations-and-intentions", ("relation", "targetLabel", "scenario"), party="Stalin") == {
        ("aims to avoid", "two-front war", "True"), ("aims at", "Far Eastern gains", "True"),
        ("aims at", "Soviet gains in Europe", "True")}
    assert table(kg, "expectations-and-intentions", ("kind", "targetLabel", "windowStart", "windowEnd"), party="Stavka") == {
        ("intention", "Start of the Soviet invasion of Manchuria", "1945-08-11", "1945-08-20")}


def test_expectations_unbound_cover_every_party_of_the_background(kg):
    parties = {r[0] for r in table(kg, "expectations-and-intentions", ("partyLabel",))}
    assert {"Japan", "Soviet Union", "Joseph Stalin", "Stavka", "Cabinet of Admiral Baron Suzuki"} <= parties


def test_communications_of_japan_and_their_fate(kg):
    got = table(kg, "communications-and-fate", ("messageLabel", "kind", "relation", "valueLabel"), sender="Japan")
    assert ("Japanese approach to the Soviets of late June 1945", "proposal", "unanswered by", "Soviet Union") in got
    assert ("Japanese approach to the Soviets of late June 1945", "proposal", "answered by",
            "Stalin's expression of interest in the Japanese approach") in got
    assert ("Japanese approaches to the Soviets since Yalta", "proposal", "answered by", "Soviet delaying tactics") in got
    assert {r[3] for r in got if r[2] == "proposes"} == {
        "extension of the Neutrality Pact", "Soviet mediation of peace with the Allies", "territorial concessions to the Soviets",
        # the peace initiatives from 1942 on (surrender section, line 159)
        "cessation of hostilities", "consolidation of Japanese territorial and economic gains"}


def test_communications_of_the_soviet_union(kg):
    got = table(kg, "communications-and-fate", ("messageLabel", "kind", "date", "relation", "valueLabel"), sender="USSR")
    notice = {r for r in got if r[0] == "Soviet Denunciation of the Pact with Japan"}
    assert notice == {
        ("Soviet Denunciation of the Pact with Japan", "notice", "1945-04-05", "recipient", "Japan"),
        ("Soviet Denunciation of the Pact with Japan", "notice", "1945-04-05", "conveys",
         "Soviet decision not to renew the Neutrality Pact"),
        ("Soviet Denunciation of the Pact with Japan", "notice", "1945-04-05", "concerns", "Japan"),
        ("Soviet Denunciation of the Pact with Japan", "notice", "1945-04-05", "concerns", "Soviet–Japanese Neutrality Pact")}
    assert ("Soviet assurance of another twelve months of the treaty", "communication", None, "after",
            "Soviet Denunciation of the Pact with Japan") in got
    assert ("Recall of Soviet embassy staff from Japan", "communication", "1945-07-24", "concerns", "Japan") in got


def test_communications_potsdam_declaration_by_churchill(kg):
    got = table(kg, "communications-and-fate", ("messageLabel", "kind", "date", "relation", "valueLabel"), sender="Churchill")
    assert {r for r in got if r[0] == "Potsdam Declaration"} >= {
        ("Potsdam Declaration", "declaration", "1945-07-26", "recipient", "Japan"),
        ("Potsdam Declaration", "declaration", "1945-07-26", "conveys", "Surrender of Japan"),
        ("Potsdam Declaration", "declaration", "1945-07-26", "unanswered by", "Japan")}


def test_communications_unbound_list_every_sender(kg):
    senders = {r[0] for r in table(kg, "communications-and-fate", ("senderLabel",))}
    assert {"Japan", "Soviet Union", "Joseph Stalin", "Winston Churchill"} <= senders
