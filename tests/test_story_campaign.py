"""Competency questions on the forces and the campaign on the ground (lines 107-154 of the article):
where the Japanese units stood, the routes of the double pincer, who moved where, resistance, the
ceasefire order and its fate, the US proposal to divide Korea, and the places and things the graph
once left unconnected; and the answers of the saved queries movements-of-unit and positions-of-unit.

Every expected set was written from the article's lines (cited beside each question), not from
what the data returns.
"""

from __future__ import annotations

import pytest

from conftest import select_labels
from test_story_background import rows

QUESTIONS = [
    # --- positions (lines 128, 132, 178)
    ("where-was-the-34th-army",
     "SELECT ?p WHERE { ?pos ako:positionOf akr:ThirtyFourthArmy ; ako:stationedIn ?p }", {"Korea"}),
    ("areas-of-the-first-and-third-area-armies",
     "SELECT ?unit ?area WHERE { ?pos ako:positionOf ?unit ; ako:responsibleFor ?area }",
     {("First Area Army", "northeastern Manchukuo"), ("Third Area Army", "southwestern Manchukuo")}),
    ("japanese-units-stationed-in-korea",
     "SELECT ?u WHERE { ?pos ako:positionOf ?u ; ako:stationedIn akr:Korea }", {"34th Army", "Seventeenth Area Army"}),
    ("where-the-fleet-remnants-were",
     "SELECT ?p WHERE { ?pos ako:positionOf akr:ImperialJapaneseNavy ; ako:stationedIn ?p }", {"Japanese home islands"}),
    ("areas-in-manchukuo-under-an-area-army",
     "SELECT ?area WHERE { ?pos ako:responsibleFor ?area . ?area ako:locatedIn akr:Manchukuo }",
     {"northeastern Manchukuo", "southwestern Manchukuo"}),
    # --- participation: the infobox's units involved (rows 17-41, 48) took part in the war
    ("japanese-units-in-the-war",
     "SELECT ?u WHERE { ?u ako:participatedIn akr:SovietJapaneseWar ; ako:branch akr:ImperialJapaneseArmy }",
     {"Kwantung Army", "First Area Army", "3rd Army", "5th Army", "Third Area Army", "30th Army", "44th Army",
      "4th Army", "34th Army", "Seventeenth Area Army", "Fifth Area Army"}),
    ("manchukuo-and-mengjiang-units-in-the-war",
     "SELECT ?u WHERE { ?u ako:participatedIn akr:SovietJapaneseWar ; ako:armedForceOf ?c VALUES ?c { akr:Manchukuo akr:Mengjiang } }",
     {"Manchukuo Imperial Army", "Mengjiang National Army"}),
    ("mongolian-units-in-the-war",
     "SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE { ?u ako:participatedIn akr:SovietJapaneseWar ; ako:armedForceOf akr:Mongolia "
     "FILTER NOT EXISTS { ?u ako:armedForceOf akr:SovietUnion } }", {"13"}),
    ("operations-the-kwantung-army-took-part-in",
     "SELECT ?o WHERE { akr:KwantungArmy ako:participatedIn ?o . ?o a ako:Operation }",
     {"Manchurian Strategic Offensive Operation"}),
    # --- the eastern pincer (line 146; the 1st Far East Front forms it, line 117)
    ("route-of-the-eastern-pincer",
     "SELECT ?place WHERE { ?step ako:directlyPartOf akr:EasternPincer ; ako:via|ako:towards ?place }",
     {"Ussuri", "Khanka Lake", "Suifenhe"}),
    ("steps-of-the-eastern-pincer-in-order",
     "SELECT ?a ?b WHERE { ?a ako:directlyPartOf akr:EasternPincer ; ako:followedBy ?b }",
     {("crossing of the Ussuri by the Soviet pincer from the east",
       "advance of the Soviet pincer from the east around Khanka Lake"),
      ("advance of the Soviet pincer from the east around Khanka Lake",
       "attack of the Soviet pincer from the east towards Suifenhe")}),
    ("what-the-eastern-pincer-crossed",
     "SELECT ?river WHERE { ?c a ako:Crossing ; ako:directlyPartOf akr:EasternPincer ; ako:via ?river }", {"Ussuri"}),
    ("who-formed-the-eastern-pincer",
     "SELECT ?front WHERE { akr:EasternPincer ako:agent ?front }", {"1st Far East Front"}),
    ("the-ussuri-is-crossed-not-an-objective",
     "SELECT ?who WHERE { ?who ako:objective akr:Ussuri }", set()),
    ("suifenhe-is-headed-for-not-an-objective",
     "SELECT ?m WHERE { ?m ako:towards akr:Suifenhe }", {"attack of the Soviet pincer from the east towards Suifenhe"}),
    # --- the western pincer (lines 136 and 146)
    ("where-the-western-pincer-came-from",
     "SELECT ?p WHERE { akr:WesternPincer ako:origin ?p }", {"Mongolia"}),
    ("western-routes-the-soviets-attacked-along",
     "SELECT ?attack WHERE { ?attack a ako:Attack ; ako:directlyPartOf akr:WesternPincer }",
     {"Soviet attack along the rail line to Hailar", "Soviet attack into Solun from the eastern tip of Mongolia",
      "main Soviet attack from the west"}),
    ("what-the-main-western-attack-went-through",
     "SELECT ?p WHERE { akr:MainSovietAttackFromTheWest ako:via ?p }", {"Greater Khingan mountains"}),
    ("fronts-of-the-double-pincer",
     "SELECT ?f WHERE { akr:SovietDoublePincerMovement ako:agent ?f }", {"Transbaikal Front", "1st Far East Front"}),
    ("movements-part-of-the-manchurian-operation",
     "SELECT ?m WHERE { ?m a ako:Movement ; ako:partOf akr:ManchurianStrategicOffensiveOperation }",
     {"entry of the Soviet-Mongolian Cavalry-Mechanized Group into Inner Mongolia", "double pincer movement", "western pincer", "Soviet pincer from the east",
      "Soviet attack along the rail line to Hailar", "Soviet attack into Solun from the eastern tip of Mongolia",
      "main Soviet attack from the west", "crossing of the Ussuri by the Soviet pincer from the east",
      "advance of the Soviet pincer from the east around Khanka Lake",
      "attack of the Soviet pincer from the east towards Suifenhe"}),
    ("units-taking-part-through-a-movement",
     "SELECT ?u WHERE { ?u ako:participatedIn akr:SovietDoublePincerMovement }",
     {"Transbaikal Front", "1st Far East Front", "Red Army"}),
    ("who-advanced-in-the-western-pincer",
     "SELECT ?u WHERE { akr:WesternPincer ako:agent ?u }", {"Red Army", "Transbaikal Front"}),
    ("size-of-the-area-of-operations",
     "SELECT ?what ?compared WHERE { ?c ako:about akr:SovietDoublePincerMovement ; ako:measure ?what ; "
     "ako:comparedWith ?compared }", {("area", "Western Europe")}),
    # --- resistance and the right flank (lines 146, 150)
    ("where-the-kwantung-army-resisted-strongly",
     "SELECT ?p WHERE { ?e ako:agent akr:KwantungArmy ; ako:location ?p ; ako:partOf akr:ManchurianStrategicOffensiveOperation }",
     {"Hailar"}),
    ("what-the-cavalry-mechanized-group-did-after-entering-inner-mongolia",
     "SELECT ?next WHERE { ?m ako:agent akr:SovietMongolianCavalryMechanizedGroup ; a ako:Advance ; ako:followedBy ?next }",
     {"Capture of Dolon Nur and Kalgan"}),
    # --- the ceasefire order (line 150)
    ("fate-of-the-ceasefire-order",
     "SELECT ?sender ?recipient ?delayed WHERE { akr:CeasefireOrder ako:agent ?sender ; ako:recipient ?recipient ; "
     "ako:delayed ?delayed }", {("Imperial Japanese Army Headquarters", "Kwantung Army", "true")}),
    ("who-ignored-or-misunderstood-the-ceasefire-order",
     "SELECT ?who WHERE { akr:CeasefireOrder ako:ignoredBy|ako:notUnderstoodBy ?who }", {"Kwantung Army"}),
    ("what-came-before-the-ceasefire-order",
     "SELECT ?e WHERE { akr:CeasefireOrder ako:after ?e }", {"Gyokuon-hōsō"}),
    ("orders-of-the-war",
     "SELECT ?o WHERE { ?o a ako:Order ; ako:orders akr:CessationOfHostilities }", {"ceasefire order"}),
    # --- Korea (line 154)
    ("who-proposed-dividing-korea-to-whom",
     "SELECT ?from ?to ?accepted WHERE { akr:USProposalToDivideKorea ako:agent ?from ; ako:recipient ?to ; "
     "ako:acceptedBy ?accepted FILTER(?from != akr:UnitedStates) }",
     # the article writes both "Soviet Government" and "Soviet government"; the label is the first
     {("US government", "Soviet Government", "Soviet Government")}),
    ("what-the-us-proposed",
     "SELECT ?what WHERE { akr:USProposalToDivideKorea ako:proposes ?what }",
     {"division of Korea between Soviet and US occupation"}),
    # --- things once left unconnected (lines 8, 137, 178, 207)
    ("who-compiled-the-1964-statistics",
     "SELECT ?who WHERE { akr:ReliefBureauStatistics1964 ako:agent ?who }",
     {"Japanese Ministry of Health and Welfare's Relief Bureau"}),
    ("where-the-91000-were",
     "SELECT ?p WHERE { akr:claim-note-a-personnel-sakhalin-kurils-aleutians ako:countedIn ?p }",
     {"Sakhalin", "Kuril Islands", "Aleutian Islands"}),
    ("what-japanese-military-intelligence-failed-at",
     "SELECT ?e WHERE { ?e ako:agent akr:JapaneseMilitaryIntelligence }",
     {"failure of Japanese military intelligence to gauge the Soviet buildup"}),
    ("who-celebrated-on-vj-day",
     "SELECT ?who WHERE { ?e ako:partOf akr:VJDay ; ako:participant ?who }", {"United States", "Soviet Union"}),
    ("text-of-the-declaration-regarding-mongolia",
     "SELECT ?w WHERE { ?w ako:textOf akr:DeclarationRegardingMongolia }",
     {"Declaration Regarding Mongolia (text at the Avalon Project)"}),
]


@pytest.mark.parametrize("qid,sparql,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_campaign_question(closure, qid, sparql, expected):
    if expected and isinstance(next(iter(expected)), tuple):
        assert rows(closure, sparql) == expected
    else:
        assert select_labels(closure, sparql) == expected


def test_movements_of_the_first_far_east_front(kg):
    got = {(r["movementLabel"], r["kind"], r["relation"], r["placeLabel"], r.get("nextLabel"))
           for r in kg.run("movements-of-unit", force="1st Far East Front").values()}
    assert got == {
        ("double pincer movement", "movement", "at", "Manchuria", None),
        ("Soviet pincer from the east", "advance", "at", "Manchuria", None),
        ("crossing of the Ussuri by the Soviet pincer from the east", "crossing", "via", "Ussuri",
         "advance of the Soviet pincer from the east around Khanka Lake"),
        ("advance of the Soviet pincer from the east around Khanka Lake", "advance", "via", "Khanka Lake",
         "attack of the Soviet pincer from the east towards Suifenhe"),
        ("attack of the Soviet pincer from the east towards Suifenhe", "attack", "towards", "Suifenhe", None)}


def test_movements_of_the_red_army_follow_the_western_routes(kg):
    got = {(r["movementLabel"], r["relation"], r["placeLabel"]) for r in kg.run("movements-of-unit", force="Red Army").values()}
    assert got == {
        ("western pincer", "from", "Mongolia"),
        ("western pincer", "via", "Inner Mongolian desert"),
        ("western pincer", "via", "Greater Khingan mountains"),
        ("Soviet attack along the rail line to Hailar", "via", "rail line to Hailar"),
        ("Soviet attack into Solun from the eastern tip of Mongolia", "from", "Mongolia"),
        ("Soviet attack into Solun from the eastern tip of Mongolia", "towards", "Solun"),
        ("main Soviet attack from the west", "via", "Greater Khingan mountains"),
        ("main Soviet attack from the west", "to", "Manchuria")}


def test_the_ceasefire_order_is_among_the_messages_and_their_fate(kg):
    got = {(r["relation"], r.get("valueLabel") or str(r.get("value")))
           for r in kg.run("communications-and-fate", sender="Imperial Japanese Army Headquarters").values()}
    assert {("ignored by", "Kwantung Army"), ("not understood by", "Kwantung Army")} <= got


def test_positions_of_a_unit(kg):
    assert {(r["relation"], r["placeLabel"], r.get("withinLabel"))
            for r in kg.run("positions-of-unit", unit="First Area Army").values()} == {
        ("responsible for", "northeastern Manchukuo", "Manchukuo")}
    assert {(r["unitLabel"], r["relation"], r["placeLabel"]) for r in kg.run("positions-of-unit").values()} == {
        ("Kwantung Army", "stationed in", "Manchuria"),
        ("First Area Army", "responsible for", "northeastern Manchukuo"),
        ("Third Area Army", "responsible for", "southwestern Manchukuo"),
        ("Seventeenth Area Army", "stationed in", "Korea"),
        ("34th Army", "stationed in", "Korea"),
        ("Imperial Japanese Navy", "stationed in", "Japanese home islands")}
