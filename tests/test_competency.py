"""Competency questions: what a historian asks, answered by SPARQL over owlrl's closure.

Every expected set was written from the article (soviet-japanese-war.txt), not from what the
data returns: when the two disagree, the data is wrong. Each question compares the whole answer
set, so a missing and a spurious answer both fail. Hierarchy, command and part-of questions
rely on reasoning: the data asserts only the direct links.
"""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from conftest import select_labels

AKO = rdflib.Namespace("https://w3id.org/augustkg/ontology#")
AKR = rdflib.Namespace("https://w3id.org/augustkg/resource/")
ERRNS = rdflib.Namespace("http://www.daml.org/2002/03/agents/agent-ont#")

KWANTUNG_ALL = {"First Area Army", "Third Area Army", "3rd Army", "5th Army", "30th Army", "44th Army",
                "4th Army", "34th Army", "Seventeenth Area Army"}
FAR_EAST_COMMAND_ALL = {"Transbaikal Front", "1st Far East Front", "2nd Far East Front", "Soviet naval forces",
                        "Amur River flotilla"}
FRONTS = {"Transbaikal Front", "1st Far East Front", "2nd Far East Front"}
MONGOLIAN_UNITS = {"5th Cavalry Division", "6th Cavalry Division", "7th Cavalry Division", "8th Cavalry Division",
                   "Special Cavalry Committees", "7th Mechanized Armored Brigade",
                   "Tank, Artillery, Road Transport and Communications Special Committees", "Air Force Division",
                   "main unit of the special branch of chemical engineering", "border military detachments",
                   "outposts", "People's Self-Defense Voluntary Cavalry Detachment"}
COMMANDERS = {"Aleksandr Vasilevsky", "Rodion Malinovsky", "Kirill Meretskov", "Purkayev", "Otozō Yamada"}
#: The double pincer and its steps (data/movements.ttl), all part of the Manchurian operation.
CAMPAIGN_MOVEMENTS = {
    "double pincer movement", "western pincer", "Soviet pincer from the east",
    "Soviet attack along the rail line to Hailar", "Soviet attack into Solun from the eastern tip of Mongolia",
    "main Soviet attack from the west", "crossing of the Ussuri by the Soviet pincer from the east",
    "advance of the Soviet pincer from the east around Khanka Lake",
    "attack of the Soviet pincer from the east towards Suifenhe"}
MANCHURIAN_OPERATIONS = {"Khingan–Mukden Offensive Operation", "Harbin–Kirin Offensive Operation",
                         "Sungari Offensive Operation"}
LATER_OPERATIONS = {"South Sakhalin Operation", "Soviet assault on Maoka", "Seishin Landing Operation",
                    "Kuril Landing Operation"}
#: The three operation-front pairings from outside the article (reference 5's work), marked on their citation.
OUTSIDE_PAIRINGS = """
SELECT ?x WHERE {
  ?st ako:statementSubject ?operation ; ako:statementProperty ako:conductedBy ; ako:statementObject ?front ;
      ako:statedIn ?c .
  ?c ako:outsideArticle true .
  %s
}"""

# (question id, SPARQL, the answer the article gives)
QUESTIONS = [
    # --- the chain of command, direct and transitive (infobox, Combatant forces, Japanese forces)
    ("armies-directly-under-kwantung",
     "SELECT ?u WHERE { ?u ako:directlySubordinateTo akr:KwantungArmy }",
     {"First Area Army", "Third Area Army", "4th Army", "34th Army", "Seventeenth Area Army"}),
    ("all-armies-under-kwantung",
     "SELECT ?u WHERE { ?u a ako:Army ; ako:subordinateTo akr:KwantungArmy }",
     KWANTUNG_ALL),
    ("kwantung-has-subordinate",
     "SELECT ?u WHERE { akr:KwantungArmy ako:hasSubordinate ?u }",
     KWANTUNG_ALL),
    ("first-area-army-armies",
     "SELECT ?u WHERE { ?u ako:directlySubordinateTo akr:FirstAreaArmy }",
     {"3rd Army", "5th Army"}),
    ("third-area-army-armies",
     "SELECT ?u WHERE { akr:ThirdAreaArmy ako:hasSubordinate ?u }",
     {"30th Army", "44th Army"}),
    ("independent-units-of-kwantung",
     "SELECT ?u WHERE { ?u a ako:IndependentUnit ; ako:subordinateTo akr:KwantungArmy }",
     {"4th Army", "34th Army", "Seventeenth Area Army"}),
    ("area-armies",
     "SELECT ?u WHERE { ?u a ako:AreaArmy }",
     {"First Area Army", "Third Area Army", "Seventeenth Area Army", "Fifth Area Army"}),
    ("all-under-far-east-command",
     "SELECT ?u WHERE { ?u ako:subordinateTo akr:FarEastCommand }",
     FAR_EAST_COMMAND_ALL),
    ("fronts-of-far-east-command",
     "SELECT ?u WHERE { ?u a ako:Front ; ako:directlySubordinateTo akr:FarEastCommand }",
     FRONTS),
    ("chain-upward-from-44th-army",
     "SELECT ?u WHERE { akr:FortyFourthArmy ako:subordinateTo ?u }",
     {"Third Area Army", "Kwantung Army"}),
    ("chain-upward-from-amur-flotilla",
     "SELECT ?u WHERE { akr:AmurRiverFlotilla ako:subordinateTo ?u }",
     {"Soviet naval forces", "Far East Command"}),
    ("direct-superior-of-3rd-army",
     "SELECT ?u WHERE { akr:ThirdArmy ako:directlySubordinateTo ?u }",
     {"First Area Army"}),
    ("mongolian-units-of-the-infobox",
     "SELECT ?u WHERE { akr:PeoplesRevolutionaryArmy ako:hasSubordinate ?u }",
     MONGOLIAN_UNITS),
    ("units-of-mongolia",
     "SELECT ?u WHERE { ?u ako:armedForceOf akr:Mongolia }",
     MONGOLIAN_UNITS | {"People's Revolutionary Army", "Soviet-Mongolian Cavalry-Mechanized Group"}),
    ("units-beside-the-kwantung-army",
     "SELECT ?u WHERE { ?u a ako:Army , ako:TopLevelUnit ; ako:armedForceOf akr:Japan }",
     {"Kwantung Army", "Fifth Area Army"}),
    ("armed-forces-of-the-puppet-states",
     "SELECT ?u WHERE { ?u ako:armedForceOf ?c . VALUES ?c { akr:Manchukuo akr:Mengjiang } }",
     {"Manchukuo Imperial Army", "Mengjiang National Army"}),
    ("service-of-the-kwantung-army",
     "SELECT ?b WHERE { akr:KwantungArmy ako:branch ?b }",
     {"Imperial Japanese Army"}),
    ("units-with-two-direct-superiors",
     "SELECT ?u WHERE { ?u ako:directlySubordinateTo ?a , ?b FILTER (?a != ?b) }",
     set()),
    ("naval-forces-of-far-east-command",
     "SELECT ?u WHERE { ?u a ako:NavalForce ; ako:subordinateTo akr:FarEastCommand }",
     {"Soviet naval forces", "Amur River flotilla"}),

    # --- who commanded what
    ("commander-of-transbaikal-front",
     "SELECT ?p WHERE { akr:TransbaikalFront ako:commandedBy ?p }", {"Rodion Malinovsky"}),
    ("commander-of-1st-far-east-front",
     "SELECT ?p WHERE { akr:FirstFarEastFront ako:commandedBy ?p }", {"Kirill Meretskov"}),
    ("commander-of-2nd-far-east-front",
     "SELECT ?p WHERE { akr:SecondFarEastFront ako:commandedBy ?p }", {"Purkayev"}),
    ("commander-of-far-east-command",
     "SELECT ?p WHERE { akr:FarEastCommand ako:commandedBy ?p }", {"Aleksandr Vasilevsky"}),
    ("commander-of-kwantung-army",
     "SELECT ?p WHERE { akr:KwantungArmy ako:commandedBy ?p }", {"Otozō Yamada"}),
    ("units-commanded-by-anyone",
     "SELECT ?u WHERE { ?p ako:commands ?u }",
     {"Far East Command", "Kwantung Army"} | FRONTS),
    ("commanders-of-japanese-units",
     "SELECT ?p WHERE { ?p ako:commands ?u . ?u ako:armedForceOf akr:Japan }", {"Otozō Yamada"}),
    ("commanders-of-fronts",
     "SELECT ?p WHERE { ?p ako:commands ?u . ?u a ako:Front }",
     {"Rodion Malinovsky", "Kirill Meretskov", "Purkayev"}),
    ("marshals",
     "SELECT ?p WHERE { ?p ako:rank ?r FILTER (STRSTARTS(STR(?r), 'Marshal')) }",
     {"Aleksandr Vasilevsky", "Rodion Malinovsky", "Kirill Meretskov"}),
    ("generals",
     "SELECT ?p WHERE { ?p ako:rank ?r FILTER (STR(?r) = 'General') }", {"Purkayev", "Otozō Yamada"}),

    # --- authority through the chain of command
    ("authority-over-44th-army",
     "SELECT ?p WHERE { ?p ako:hasAuthorityOver akr:FortyFourthArmy }", {"Otozō Yamada"}),
    ("authority-over-amur-flotilla",
     "SELECT ?p WHERE { ?p ako:hasAuthorityOver akr:AmurRiverFlotilla }", {"Aleksandr Vasilevsky"}),
    ("authority-over-transbaikal-front",
     "SELECT ?p WHERE { ?p ako:hasAuthorityOver akr:TransbaikalFront }",
     {"Aleksandr Vasilevsky", "Rodion Malinovsky"}),
    ("malinovsky-authority",
     "SELECT ?u WHERE { akr:RodionMalinovsky ako:hasAuthorityOver ?u }", {"Transbaikal Front"}),
    ("commanders",
     "SELECT ?p WHERE { ?p a ako:Commander }", COMMANDERS),

    # --- operations, their dates and their parts (lead)
    ("operations-directly-under-msoo",
     "SELECT ?o WHERE { ?o a ako:Operation ; ako:directlyPartOf akr:ManchurianStrategicOffensiveOperation }",
     MANCHURIAN_OPERATIONS),
    ("operations-under-msoo",
     "SELECT ?o WHERE { ?o a ako:Operation ; ako:partOf akr:ManchurianStrategicOffensiveOperation }",
     MANCHURIAN_OPERATIONS),
    ("operations-of-the-war",
     "SELECT ?o WHERE { ?o a ako:Operation ; ako:partOf akr:SovietJapaneseWar }",
     MANCHURIAN_OPERATIONS | LATER_OPERATIONS | {"Manchurian Strategic Offensive Operation"}),
    ("everything-part-of-the-war",
     "SELECT ?o WHERE { ?o ako:partOf akr:SovietJapaneseWar }",
     MANCHURIAN_OPERATIONS | LATER_OPERATIONS | {"Manchurian Strategic Offensive Operation", "Battle of Shumshu",
                                                  # events of the war the lead and Hasegawa name (lines 3, 73, 165)
                                                  "Start of the Soviet invasion of Manchuria", "defeat of Japan's Kwantung Army",
                                                  "end of Japanese control", "Soviet victories on the mainland"}
     | CAMPAIGN_MOVEMENTS | {"Kwantung Army resistance in the town of Hailar",
                           "entry of the Soviet-Mongolian Cavalry-Mechanized Group into Inner Mongolia"}),
    ("maoka-assault-is-part-of",
     "SELECT ?w WHERE { akr:SovietAssaultOnMaoka ako:partOf ?w }",
     {"South Sakhalin Operation", "Soviet–Japanese War", "Pacific Theater", "World War II"}),
    ("the-war-is-part-of",
     "SELECT ?w WHERE { akr:SovietJapaneseWar ako:partOf ?w }", {"Pacific Theater", "World War II"}),
    ("operations-starting-9-august",
     "SELECT ?o WHERE { ?o a ako:Operation ; ako:startDate '1945-08-09'^^xsd:date }",
     MANCHURIAN_OPERATIONS | {"Manchurian Strategic Offensive Operation"}),
    ("operations-ending-2-september",
     "SELECT ?o WHERE { ?o a ako:Operation ; ako:endDate '1945-09-02'^^xsd:date }",
     MANCHURIAN_OPERATIONS),
    ("operations-begun-after-the-first-day",
     "SELECT ?o WHERE { ?o a ako:Operation ; ako:startDate ?d FILTER (?d > '1945-08-09'^^xsd:date) }",
     LATER_OPERATIONS),
    ("south-sakhalin-operation-dates",
     "SELECT ?d WHERE { akr:SouthSakhalinOperation ako:startDate|ako:endDate ?d }",
     {"1945-08-11", "1945-08-25"}),
    ("seishin-landing-dates",
     "SELECT ?d WHERE { akr:SeishinLandingOperation ako:startDate|ako:endDate ?d }",
     {"1945-08-13", "1945-08-16"}),
    ("maoka-assault-dates",
     "SELECT ?d WHERE { akr:SovietAssaultOnMaoka ako:startDate|ako:endDate ?d }",
     {"1945-08-19", "1945-08-22"}),
    ("kuril-landing-end",
     "SELECT ?d WHERE { akr:KurilLandingOperation ako:endDate ?d }", {"1945-09-01"}),
    ("war-dates",
     "SELECT ?d WHERE { akr:SovietJapaneseWar ako:startDate|ako:endDate ?d }", {"1945-08-09", "1945-09-03"}),
    ("operations-of-the-transbaikal-front",
     "SELECT ?o WHERE { ?o ako:conductedBy akr:TransbaikalFront }",
     {"Manchurian Strategic Offensive Operation", "Khingan–Mukden Offensive Operation"}),
    ("front-of-harbin-kirin",
     "SELECT ?f WHERE { akr:HarbinKirinOffensiveOperation ako:conductedBy ?f }", {"1st Far East Front"}),
    ("pairings-from-outside-the-article",
     OUTSIDE_PAIRINGS % "BIND(?operation AS ?x)", MANCHURIAN_OPERATIONS),
    ("fronts-of-the-pairings-from-outside-the-article",
     OUTSIDE_PAIRINGS % "BIND(?front AS ?x)", FRONTS),
    ("reference-of-the-pairings",
     OUTSIDE_PAIRINGS % "?c ako:reference ?x", {"Reference 5"}),
    ("battles-of-the-border-wars",
     "SELECT ?b WHERE { ?b a ako:Battle ; ako:partOf akr:SovietJapaneseBorderWars }",
     {"Battle of Khalkhin Gol", "Battle of Lake Khasan"}),
    ("where-the-seishin-landing-was",
     "SELECT ?p WHERE { akr:SeishinLandingOperation ako:location ?p }", {"Seishin"}),
    ("where-the-kuril-landing-was",
     "SELECT ?p WHERE { akr:KurilLandingOperation ako:location ?p }", {"Kuril Islands"}),

    # --- objectives of each front and force (Combatant forces, Western/Eastern/Northern Front)
    ("objectives-of-transbaikal-front",
     "SELECT ?p WHERE { akr:TransbaikalFront ako:objective ?p }",
     # the desert and the mountains are the route, not objectives (the western pincer goes via them)
     {"Mukden", "Changchun"}),
    ("objectives-of-1st-far-east-front",
     "SELECT ?p WHERE { akr:FirstFarEastFront ako:objective ?p }",
     {"Mudanjiang", "Jilin", "Changchun", "Harbin", "northern Korea", "38th parallel north"}),
    ("objectives-of-2nd-far-east-front",
     "SELECT ?p WHERE { akr:SecondFarEastFront ako:objective ?p }",
     {"Harbin", "Tsitsihar", "Liaotung Peninsula", "Port Arthur"}),
    ("objective-of-far-east-command",
     "SELECT ?p WHERE { akr:FarEastCommand ako:objective ?p }", {"Manchuria"}),
    # the article says the group took them, not that they were its objectives
    ("places-the-cavalry-mechanized-group-took",
     "SELECT ?p WHERE { ?c ako:agent akr:SovietMongolianCavalryMechanizedGroup ; a ako:Capture ; ako:location ?p "
     "FILTER NOT EXISTS { ?p a ako:Country } }", {"Dolon Nur", "Kalgan"}),
    ("objectives-of-cavalry-mechanized-group",
     "SELECT ?p WHERE { akr:SovietMongolianCavalryMechanizedGroup ako:objective ?p }", set()),
    ("fronts-aiming-at-harbin",
     "SELECT ?f WHERE { ?f ako:objective akr:Harbin }", {"1st Far East Front", "2nd Far East Front"}),
    ("fronts-meeting-at-changchun",
     "SELECT ?f WHERE { ?f ako:objective akr:Changchun }", {"Transbaikal Front", "1st Far East Front"}),

    # --- territories and their fates (lead, infobox, campaign, aftermath)
    ("annexed-by-the-ussr",
     "SELECT ?p WHERE { ?p ako:annexedBy akr:SovietUnion }", {"South Sakhalin", "Kuril Islands"}),
    ("occupied-by-the-soviet-union",
     "SELECT ?p WHERE { ?p ako:occupiedBy akr:SovietUnion }",
     {"Manchuria", "Manchukuo", "Mengjiang", "northern Korea"}),
    ("occupied-by-the-united-states",
     "SELECT ?p WHERE { ?p ako:occupiedBy akr:UnitedStates }", {"southern Korea"}),
    ("planned-but-not-taken",
     "SELECT ?p WHERE { ?p ako:plannedObjectiveOf akr:SovietUnion }", {"Hokkaido"}),
    ("divided-at-the-38th-parallel",
     "SELECT ?p WHERE { ?p ako:dividedAt akr:Parallel38North }", {"Korea"}),
    ("under-japanese-control-before-the-war",
     "SELECT ?p WHERE { ?p ako:controlledBeforeWarBy akr:Japan }",
     {"Manchuria", "Manchukuo", "Mengjiang", "Korea", "northern Korea", "South Sakhalin", "Kuril Islands",
      "Hokkaido"}),  # a Japanese island (lead, line 71)
    ("transferred-to-the-prc",
     "SELECT ?p WHERE { ?p ako:transferredTo akr:PeoplesRepublicOfChina }", {"Port Arthur", "Dalian"}),
    ("administered-by-russia",
     "SELECT ?p WHERE { ?p ako:administeredBy akr:Russia }", {"South Sakhalin", "Kuril Islands"}),
    ("cities-in-manchuria",
     "SELECT ?p WHERE { ?p a ako:City ; ako:locatedIn akr:Manchuria }", {"Mukden", "Changchun", "Harbin", "Jilin"}),
    ("places-in-korea",
     "SELECT ?p WHERE { ?p ako:locatedIn akr:Korea }",
     {"northern Korea", "southern Korea", "Wonsan", "Pyongyang", "Incheon"}),
    ("places-in-inner-mongolia",
     "SELECT ?p WHERE { ?p ako:locatedIn akr:Mengjiang }", {"Dolon Nur", "Kalgan"}),
    ("places-in-south-sakhalin",
     "SELECT ?p WHERE { ?p ako:locatedIn akr:SouthSakhalin }", {"Maoka"}),
    ("maoka-lies-in",
     "SELECT ?p WHERE { akr:Maoka ako:locatedIn ?p }", {"South Sakhalin", "Sakhalin"}),
    ("south-sakhalin-lies-in",
     "SELECT ?p WHERE { akr:SouthSakhalin ako:locatedIn ?p }", {"Sakhalin"}),

    # --- sides and belligerents
    ("belligerents",
     "SELECT ?c WHERE { akr:SovietJapaneseWar ako:belligerent ?c }",
     {"Soviet Union", "Mongolia", "Japan", "Manchukuo", "Mengjiang"}),
    ("allies",
     "SELECT ?c WHERE { ?c ako:onSide akr:Allies }",
     {"Soviet Union", "Mongolia", "United States", "United Kingdom", "China"}),
    ("axis",
     "SELECT ?c WHERE { ?c ako:onSide akr:Axis }", {"Japan", "Germany"}),
    ("allied-belligerents",
     "SELECT ?c WHERE { akr:SovietJapaneseWar ako:belligerent ?c . ?c ako:onSide akr:Allies }",
     {"Soviet Union", "Mongolia"}),
    ("victor",
     "SELECT ?s WHERE { akr:SovietJapaneseWar ako:victor ?s }", {"Allies"}),
    ("puppet-state-of-japan",
     "SELECT ?c WHERE { ?c ako:puppetStateOf akr:Japan }", {"Manchukuo"}),

    # --- events by date
    ("one-day-events-of-9-august",
     "SELECT ?e WHERE { ?e ako:date '1945-08-09'^^xsd:date }",
     {"Start of the Soviet invasion of Manchuria", "Atomic bombing of Nagasaki"}),
    ("everything-that-began-on-9-august",
     "SELECT ?e WHERE { ?e ako:date|ako:startDate '1945-08-09'^^xsd:date }",
     {"Start of the Soviet invasion of Manchuria", "Atomic bombing of Nagasaki", "Soviet–Japanese War",
      "Manchurian Strategic Offensive Operation"} | MANCHURIAN_OPERATIONS),
    ("dated-events-8-to-15-august",
     "SELECT ?e WHERE { ?e ako:date ?d FILTER (?d >= '1945-08-08'^^xsd:date && ?d <= '1945-08-15'^^xsd:date) }",
     {"Soviet Declaration of War on Japan", "Start of the Soviet invasion of Manchuria", "Atomic bombing of Nagasaki",
      "US proposal to divide the occupation of Korea", "Gyokuon-hōsō", "Surrender of Japan",
      "Japanese message of surrender"}),
    ("dated-events-of-july-1945",
     "SELECT ?e WHERE { ?e ako:date|ako:startDate ?d "
     "FILTER (?d >= '1945-07-01'^^xsd:date && ?d <= '1945-07-31'^^xsd:date) }",
     {"Potsdam Conference", "Recall of Soviet embassy staff from Japan", "Potsdam Declaration"}),
    ("events-by-20-august",
     # "by" a day: only a latest date, between the start of the war and 20 August
     "SELECT ?e WHERE { ?e a ako:Event ; ako:latestDate ?d FILTER NOT EXISTS { ?e ako:earliestDate ?x } "
     "FILTER NOT EXISTS { ?e ako:date ?y } FILTER(?d >= '1945-08-09'^^xsd:date && ?d <= '1945-08-20'^^xsd:date) }",
     {"Soviet amphibious landings in northern Korea", "Soviet amphibious landings ahead of the land advance",
      "Soviet advance to Mukden, Changchun and Qiqihar"}),
    ("date-of-the-neutrality-pact",
     "SELECT ?d WHERE { akr:SovietJapaneseNeutralityPact ako:date ?d }", {"1941-04-13"}),
    ("date-of-the-german-surrender",
     "SELECT ?d WHERE { akr:SurrenderOfGermany ako:date ?d }", {"1945-05-09"}),
    ("date-of-the-kwantung-surrender",
     "SELECT ?d WHERE { akr:SurrenderOfTheKwantungArmy ako:date ?d }", {"1945-08-17"}),
    ("who-declared-war",
     "SELECT ?a WHERE { akr:SovietDeclarationOfWarOnJapan ako:agent ?a }",
     {"Soviet Union", "Vyacheslav Molotov", "Joseph Stalin", "Soviet Government"}),
    ("at-the-tehran-conference",
     "SELECT ?p WHERE { akr:TehranConference ako:participant ?p }",
     {"Joseph Stalin", "Winston Churchill", "Franklin Roosevelt"}),
    ("makers-of-the-potsdam-declaration",
     "SELECT ?a WHERE { akr:PotsdamDeclaration ako:agent ?a }",
     {"United States", "United Kingdom", "China", "Harry S. Truman", "Winston Churchill", "Chiang Kai-shek"}),
    ("landings",
     "SELECT ?e WHERE { ?e a ako:Landing }",
     {"Soviet amphibious landings in northern Korea", "Soviet landing at Wonsan",
      "Soviet amphibious landings ahead of the land advance", "American landing at Incheon"}),
    ("surrenders",
     "SELECT ?e WHERE { ?e a ako:Surrender }",
     {"German surrender", "Surrender of Japan", "Surrender of the Kwantung Army"}),
    ("who-captured-puyi",
     "SELECT ?a WHERE { akr:CaptureOfPuyi ako:agent ?a }", {"Red Army"}),
    ("who-took-dolon-nur-and-kalgan",
     "SELECT ?a WHERE { akr:CaptureOfDolonNurAndKalgan ako:agent ?a }",
     {"Soviet-Mongolian Cavalry-Mechanized Group"}),
    ("offices-of-puyi",
     "SELECT ?o WHERE { akr:Puyi ako:holdsOffice ?o }", {"Emperor of Manchukuo", "former Emperor of China"}),
    ("japanese-office-holders",
     "SELECT ?p WHERE { ?p ako:holdsOffice ?o . ?o ako:officeOf akr:Japan }", {"Hirohito", "Naotake Satō"}),

    # --- names of the war (lead)
    ("russian-name-of-the-war",
     "SELECT ?n WHERE { akr:SovietJapaneseWar skos:altLabel ?n FILTER (LANG(?n) = 'ru') }",
     {"Советско-японская война"}),
    ("mongolian-name-of-the-war",
     "SELECT ?n WHERE { akr:SovietJapaneseWar skos:altLabel ?n FILTER (LANG(?n) = 'mn') }",
     {"1945 оны чөлөөлөх дайн"}),
    ("japanese-name-of-the-war",
     "SELECT ?n WHERE { akr:SovietJapaneseWar skos:altLabel ?n FILTER (LANG(?n) = 'ja') }", {"ソ連対日参戦"}),

    # --- figures and their sources (infobox, Combatant forces, notes, reference 8)
    ("soviet-killed",
     "SELECT ?v WHERE { ?c ako:measure akr:measure-killed ; ako:about akr:SovietUnion ; ako:value ?v }", {"9780"}),
    # statement level: the copy prints [6][7] on the combat-losses row of the infobox's Soviet block
    ("references-for-soviet-combat-losses",
     "SELECT ?r WHERE { ?c ako:measure akr:measure-combat-losses ; ako:about akr:SovietUnion ; ako:value ?v . "
     "?st ako:statementSubject ?c ; ako:statementProperty ako:value ; ako:statementObject ?v ; "
     "ako:statedIn/ako:reference ?r }",
     {"Reference 6", "Reference 7"}),
    ("works-behind-soviet-combat-losses",
     "SELECT ?w WHERE { ?c ako:measure akr:measure-combat-losses ; ako:about akr:SovietUnion ; ako:value ?v . "
     "?st ako:statementSubject ?c ; ako:statementProperty ako:value ; ako:statementObject ?v ; "
     "ako:statedIn/ako:reference/ako:citesWork ?w }",
     {"When Titans Clashed: How the Red Army Stopped Hitler",
      "Russia and the USSR in twentieth century wars: A statistical survey"}),
    # the article states the Soviet figures in its own voice and only footnotes the works: no claimant
    ("who-claims-soviet-killed",
     "SELECT ?a WHERE { ?c ako:measure akr:measure-killed ; ako:about akr:SovietUnion ; ako:claimedBy ?a }",
     set()),
    ("japanese-killed-per-japanese-sources",
     "SELECT ?v WHERE { ?c ako:measure akr:measure-killed ; ako:claimedBy akr:JapaneseSources ; "
     "ako:minValue|ako:maxValue ?v }",
     {"22300", "23600"}),
    ("parts-of-soviet-losses-altogether",
     "SELECT ?c WHERE { ?c ako:includedIn akr:claim-soviet-mongolian-losses-total }",
     {"Soviet and Mongolian killed (infobox)", "Soviet and Mongolian missing (infobox)",
      "Soviet and Mongolian non-combat deaths (infobox)", "Soviet and Mongolian sanitary losses (infobox)",
      "Soviet and Mongolian combat losses (infobox)"}),
    ("parts-of-sanitary-losses",
     "SELECT ?v WHERE { ?c ako:includedIn akr:claim-soviet-mongolian-sanitary-losses ; ako:value ?v }",
     {"19562", "4863"}),
    ("soviet-strength-in-men",
     "SELECT ?v WHERE { ?c ako:measure akr:measure-men ; ako:about akr:SovietUnion ; ako:value ?v }", {"1577225"}),
    ("mongolian-strength-in-men",
     "SELECT ?v WHERE { ?c ako:measure akr:measure-men ; ako:about akr:Mongolia ; ako:value ?v }", {"16000"}),
    ("far-east-command-strength",
     "SELECT ?v WHERE { ?c ako:about akr:FarEastCommand ; ako:measure ?m ; ako:value ?v . "
     "VALUES ?m { akr:measure-men akr:measure-tanks akr:measure-self-propelled-guns akr:measure-vehicles "
     "akr:measure-aircraft akr:measure-divisions } }",
     {"1500000", "3704", "1852", "85819", "3721", "89"}),
    ("captured-and-custody-figures",
     "SELECT ?c WHERE { ?c ako:measure ?m ; ako:about akr:Japan . "
     "VALUES ?m { akr:measure-captured akr:measure-in-custody } }",
     {"Japanese captured and disarmed according to Soviet and Mongolian sources (infobox)",
      "Japanese soldiers in Soviet custody on 19 August", "Japanese soldiers in Soviet custody after the war"}),
    ("figures-conflicting-with-the-captured-figure",
     "SELECT ?o WHERE { akr:claim-soviet-mongolian-claim-captured ako:relatedClaim ?o }",
     {"Japanese soldiers in Soviet custody on 19 August", "Japanese soldiers in Soviet custody after the war"}),
    ("medal-awards",
     "SELECT ?v WHERE { ?c ako:about akr:MedalForTheVictoryOverJapan ; ako:value ?v }", {"1831000"}),
    ("figures-as-of-22-august",
     "SELECT ?v WHERE { ?c ako:asOf '1945-08-22'^^xsd:date ; ako:value ?v }", {"665500", "335900", "91000"}),
    ("japanese-wounded-figures",
     "SELECT ?v WHERE { ?c ako:measure akr:measure-wounded ; ako:about akr:Japan ; ako:value ?v "
     "FILTER NOT EXISTS { ?c ako:about akr:BattleOfShumshu } }",
     {"40000"}),

    # --- bibliography
    ("works-by-glantz",
     "SELECT ?w WHERE { ?w ako:author akr:DavidGlantz }",
     {"When Titans Clashed: How the Red Army Stopped Hitler",
      "August Storm: The Soviet 1945 Strategic Offensive in Manchuria",
      "August Storm: Soviet Tactical and Operational Combat in Manchuria, 1945",
      "The Soviet Invasion of Japan", "The Soviet Strategic Offensive in Manchuria, 1945"}),
    ("work-cited-by-reference-5",
     "SELECT ?w WHERE { akr:ref-5 ako:citesWork ?w }", {"August Storm: The Soviet 1945 Strategic Offensive in Manchuria"}),

    # --- the question from the issue: who commanded the front that took Mukden?
    ("commander-of-the-front-aiming-at-mukden",
     "SELECT ?p WHERE { ?f a ako:Front ; ako:objective akr:Mukden ; ako:commandedBy ?p }", {"Rodion Malinovsky"}),
    ("commander-of-the-front-of-the-mukden-operation",
     "SELECT ?p WHERE { akr:KhinganMukdenOffensiveOperation ako:conductedBy ?f . ?f ako:commandedBy ?p }",
     {"Rodion Malinovsky"}),
]


@pytest.mark.parametrize("sparql, expected", [pytest.param(q, e, id=i) for i, q, e in QUESTIONS])
def test_competency_question(closure, sparql, expected):
    assert select_labels(closure, sparql) == expected


ALTERNATE_NAMES = [
    ("Shenyang", "Mukden"), ("Kwangtung Army", "Kwantung Army"), ("Trans-Baikal Front", "Transbaikal Front"),
    ("1st Far Eastern Front", "1st Far East Front"), ("2nd Far Eastern Front", "2nd Far East Front"),
    ("Karafuto", "South Sakhalin"), ("Chishima Islands", "Kuril Islands"), ("Kirin", "Jilin"),
    ("Qiqihar", "Tsitsihar"), ("Mutanchiang", "Mudanjiang"), ("Lüshun", "Port Arthur"),
    ("Nomonhan Incident", "Battle of Khalkhin Gol"), ("Changkufeng Incident", "Battle of Lake Khasan"),
    ("Inner Mongolia", "Mengjiang"), ("Manchukuo Defense Force", "Manchukuo Imperial Army"),
    ("Operation August Storm", "Soviet–Japanese War"), ("Liberation War of 1945", "Soviet–Japanese War"),
    ("Battle of Manchuria", "Soviet–Japanese War"), ("Second World War", "World War II"),
    ("Korean Peninsula", "Korea"),
]


@pytest.mark.parametrize("name, label", ALTERNATE_NAMES, ids=[n for n, _ in ALTERNATE_NAMES])
def test_alternate_name_finds_the_resource(closure, name, label):
    sparql = f'SELECT ?x WHERE {{ ?x skos:altLabel ?n FILTER (STR(?n) = "{name}") }}'
    assert select_labels(closure, sparql) == {label}


def test_all_names_of_mukden(closure):
    sparql = "SELECT ?n WHERE { akr:Mukden rdfs:label|skos:altLabel ?n }"
    assert select_labels(closure, sparql) == {"Mukden", "Shenyang"}


# --- reasoning: what the closure must add to the direct links --------------------------------

def _direct_links(graph) -> dict:
    superiors: dict = {}
    for unit, superior in graph.subject_objects(AKO.directlySubordinateTo):
        superiors.setdefault(unit, set()).add(superior)
    return superiors


def _transitive(direct: dict) -> set:
    """All (below, above) pairs reachable through the direct links, computed without reasoning."""
    pairs = set()
    for start in direct:
        stack, seen = list(direct[start]), set()
        while stack:
            above = stack.pop()
            if above not in seen:
                seen.add(above)
                stack.extend(direct.get(above, ()))
        pairs |= {(start, above) for above in seen}
    return pairs


def _below(direct: dict, top) -> set:
    return {below for below, above in _transitive(direct) if above == top}


def _labels(graph, nodes) -> set:
    return {str(graph.value(n, RDFS.label)) for n in nodes}


def test_subordinate_to_is_the_transitive_closure_of_the_direct_links(closure):
    expected = _transitive(_direct_links(closure))
    got = set(closure.query("SELECT ?a ?b WHERE { ?a <%s> ?b }" % AKO.subordinateTo))
    assert {(a, b) for a, b in got} == expected
    assert (AKR.FortyFourthArmy, AKR.KwantungArmy) in expected


def test_has_subordinate_is_the_inverse_of_subordinate_to(closure):
    down = set(closure.subject_objects(AKO.hasSubordinate))
    up = set(closure.subject_objects(AKO.subordinateTo))
    assert down == {(b, a) for a, b in up} and down


@pytest.mark.parametrize("person, top, some", [
    ("AleksandrVasilevsky", "FarEastCommand", {"Far East Command", "Transbaikal Front", "Amur River flotilla"}),
    ("OtozoYamada", "KwantungArmy", {"Kwantung Army", "44th Army", "Seventeenth Area Army", "5th Army"}),
])
def test_authority_reaches_every_unit_below_the_command(closure, person, top, some):
    expected = _labels(closure, _below(_direct_links(closure), AKR[top]) | {AKR[top]})
    got = select_labels(closure, f"SELECT ?u WHERE {{ akr:{person} ako:hasAuthorityOver ?u }}")
    assert got == expected
    assert some <= got


def test_commanders_are_inferred_never_asserted(closure, asserted_triples):
    commander = f"<{AKO.Commander}>"
    assert not [t for t in asserted_triples if t[2] == commander and t[1] == f"<{RDF.type}>"]
    assert select_labels(closure, "SELECT ?p WHERE { ?p a ako:Commander }") == COMMANDERS


def test_derived_links_are_never_asserted(asserted_triples):
    derived = {f"<{AKO[p]}>" for p in ("subordinateTo", "hasSubordinate", "partOf", "commandedBy", "hasAuthorityOver")}
    assert [t for t in asserted_triples if t[1] in derived] == []


# --- provenance: which facts rest on Glantz? ---------------------------------------------------
# Statement level: a statement rests on Glantz when one of its citations carries a reference that
# cites a work by him (ako:citesWork, ako:author). The per-resource ako:reference is derived from
# the same citations, so the resources it names are exactly the subjects of those statements.

GLANTZ_STATEMENTS = """
SELECT DISTINCT ?s ?p ?o ?line WHERE {
  ?w ako:author akr:DavidGlantz . ?r ako:citesWork ?w .
  ?c ako:reference ?r ; ako:line ?line .
  ?st ako:statedIn ?c ; ako:statementSubject ?s ; ako:statementProperty ?p ; ako:statementObject ?o .
}"""

GLANTZ_SPARQL = """
SELECT DISTINCT ?x WHERE {
  ?x ako:reference ?r . ?r ako:citesWork ?w . ?w ako:author akr:DavidGlantz .
  FILTER NOT EXISTS { ?x a ako:Citation }
}"""


def _local(term) -> str:
    text = str(term)
    return text.rsplit("/", 1)[-1].rsplit("#", 1)[-1] if isinstance(term, rdflib.URIRef) else text


def test_facts_resting_on_glantz(closure):
    rows = {(_local(s), _local(p), _local(o), int(line))
            for s, p, o, line in closure.query(sparql_with_prefixes(GLANTZ_STATEMENTS))}
    # checked by hand against the article: the line states the fact and prints [5], [1] or [6]
    assert {
        ("work-glantz-1983-august-storm", "author", "DavidGlantz", 86),   # Glantz used the title for a paper [5]
        ("TransbaikalFront", "objective", "Mukden", 113),                  # its objective: secure Mukden [5]
        ("OtozoYamada", "commands", "KwantungArmy", 128),                  # Kwantung Army under Yamada [5]
        ("FirstAreaArmy", "directlySubordinateTo", "KwantungArmy", 128),  # two Area Armies, the first [5]
        ("claim-soviet-strength-men", "value", "1577225", 43),            # 1,577,225 men [1]
        ("claim-soviet-mongolian-combat-losses", "value", "30253", 60),   # 30,253 combat losses [6][7]
        ("KhinganMukdenOffensiveOperation", "conductedBy", "TransbaikalFront", 187),  # outside, from ref 5's work
    } <= rows
    # the lines are those where the article prints a mark of a reference to a Glantz work ([1] on 43, [5] on
    # 3, 86, 107-128, [6] on 60, [32] on 102, [36] on 146, [40] on 148), and line 187 (reference 5 itself)
    # for the pairings from outside the article
    # (42 and 52 as the infobox rows above 43 and 60, cited with them for whom the figures are about;
    # 59 as the row of the total that row 60's combat losses are "of which")
    assert {line for *_, line in rows} <= {3, 42, 43, 52, 59, 60, 86, 102, 107, 109, 113, 117, 119, 123, 125, 128, 146,
                                           148, 187}
    # the bibliographic entries do not rest on themselves, and a figure from Japanese sources not on Glantz
    assert not {r for r in rows if r[0].startswith("ref-") or r[0] == "claim-japanese-sources-killed"}
    # the derived per-resource provenance names exactly the subjects of those statements
    subjects = {AKR[s] for s, *_ in rows}
    assert select_labels(closure, GLANTZ_SPARQL) == _labels(closure, subjects)
    assert PAIRING_OPERATIONS <= {s for s, p, *_ in rows if p == "conductedBy"}


PAIRING_OPERATIONS = {"KhinganMukdenOffensiveOperation", "HarbinKirinOffensiveOperation", "SungariOffensiveOperation"}


def sparql_with_prefixes(sparql: str) -> str:
    from augustkg.namespaces import sparql_prefixes

    return sparql_prefixes() + sparql


def test_conflicting_custody_figures_side_by_side_each_with_its_source(closure):
    # the source of a figure: who the article says gives it, and the section whose line states the value
    sparql = """
    SELECT ?c ?src ?v WHERE {
      ?c ako:about akr:Japan ; ako:measure ?m ; ?vp ?v .
      VALUES ?m { akr:measure-captured akr:measure-in-custody }
      VALUES ?vp { ako:value ako:minValue ako:maxValue }
      { ?c ako:claimedBy ?src }
      UNION
      { ?st ako:statementSubject ?c ; ako:statementProperty ?vp ; ako:statementObject ?v ;
            ako:statedIn/ako:section ?src }
    }"""
    rows = {(str(closure.value(c, RDFS.label)), str(closure.value(s, RDFS.label)), str(v))
            for c, s, v in closure.query(sparql_with_prefixes(sparql))}
    assert rows == {
        ("Japanese captured and disarmed according to Soviet and Mongolian sources (infobox)",
         "Soviet and Mongolian sources", "640000"),
        ("Japanese captured and disarmed according to Soviet and Mongolian sources (infobox)", "Infobox", "640000"),
        ("Japanese soldiers in Soviet custody on 19 August", "Notes", "41199"),
        ("Japanese soldiers in Soviet custody after the war", "Notes", "594000"),
        ("Japanese soldiers in Soviet custody after the war", "Notes", "609000"),
    }


# --- consistency ------------------------------------------------------------------------------

def test_nothing_is_a_member_of_owl_nothing(closure):
    assert select_labels(closure, "SELECT ?x WHERE { ?x a owl:Nothing }") == set()


def test_no_individual_is_in_two_disjoint_classes(closure):
    sparql = """
    SELECT DISTINCT ?x WHERE {
      { ?d a owl:AllDisjointClasses ; owl:members ?list .
        ?list rdf:rest*/rdf:first ?a . ?list rdf:rest*/rdf:first ?b FILTER (?a != ?b) }
      UNION { ?a owl:disjointWith ?b }
      ?x a ?a , ?b .
    }"""
    assert select_labels(closure, sparql) == set()


def test_disjointness_is_declared_where_the_article_needs_it(closure):
    sparql = """
    SELECT ?b WHERE { ?d a owl:AllDisjointClasses ; owl:members/rdf:rest*/rdf:first ako:Person , ?b
                      FILTER (?b != ako:Person) }"""
    assert {"military unit", "place", "event"} <= select_labels(closure, sparql)


def test_owlrl_reported_no_errors(closure):
    assert list(closure.subjects(RDF.type, ERRNS.ErrorMessage)) == []
    assert list(closure.triples((None, ERRNS.error, None))) == []
    assert list(closure.objects(OWL.Nothing, RDFS.comment)) == []
