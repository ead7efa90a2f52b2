"""The bibliography and statement-level provenance: references, works, notes, and which facts rest on what.

Every expected set was written from the article's References, Further reading and Japanese
Monographs sections (lines 183–267 of the project's copy) and from the reference marks it prints
in the running text, not from what the data returns. Per-resource ako:section / ako:reference are
derived from the statement records, so the questions about provenance are asked statement by
statement: "which facts rest on reference 5?" lists single statements with the line that states
them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from conftest import select_labels

AKO = "https://w3id.org/augustkg/ontology#"
AKR = "https://w3id.org/augustkg/resource/"
ROOT = Path(__file__).resolve().parents[1]

WTC = "When Titans Clashed: How the Red Army Stopped Hitler"
AUGUST_STORM = "August Storm: The Soviet 1945 Strategic Offensive in Manchuria"
HAYASHI = "Study of Strategic and Tactical peculiarities of Far Eastern Russia and Soviet Far East Forces"
STUDIES_ON_MANCHURIA = {
    "Japanese Operational Planning against the USSR (1932–1945)",
    "Imperial Japanese Army in Manchuria (1894–1945) Historical Summary",
    "AIR OPERATIONS (1931–1945) Plans and Preparations",
    "Japanese Intelligence Planning against the USSR (1934–1941)",
    "Small Wars and Border Problems",
    "Anti-Bandit Operation (1931–1941)",
    HAYASHI,
}
#: The lines where the copy prints the mark [5] (counted in the copy), and line 187, reference 5
#: itself, for the three operation-front pairings taken from its work (outside the article).
LINES_MARKED_5 = {3, 86, 107, 109, 113, 117, 119, 123, 125, 128}


# (question id, SPARQL, the answer the article gives)
QUESTIONS = [
    # --- references and the works they cite (References, lines 183–234)
    ("references-citing-when-titans-clashed",
     "SELECT ?n WHERE { ?r ako:citesWork akr:work-glantz-1995-when-titans-clashed ; ako:referenceNumber ?n }",
     {"1", "6", "32"}),
    ("pages-of-when-titans-clashed-cited",
     "SELECT ?p WHERE { ?r ako:citesWork akr:work-glantz-1995-when-titans-clashed ; ako:page ?p }",
     {"378", "300", "278"}),
    ("references-citing-august-storm",
     "SELECT ?n WHERE { ?r ako:citesWork akr:work-glantz-1983-august-storm ; ako:referenceNumber ?n }",
     {"5", "36", "40"}),
    ("works-cited-by-more-than-one-reference",
     "SELECT DISTINCT ?w WHERE { ?a ako:citesWork ?w . ?b ako:citesWork ?w FILTER(?a != ?b) }",
     {WTC, AUGUST_STORM, "Nomonhan: Japan Against Russia, 1939", HAYASHI}),
    ("works-of-reference-8",
     "SELECT ?w WHERE { akr:ref-8 ako:citesWork ?w }", {"JM-154", "JM-155"}),
    # every reference is also named by a short citation; the article's own short forms give a page, no year
    ("references-printed-as-short-citations",
     "SELECT ?n WHERE { ?r a ako:Reference ; skos:altLabel ?n FILTER(CONTAINS(?n, 'p. ') && !REGEX(?n, '(19|20)[0-9]{2}')) }",
     {"Jowett, p. 53", "Coox p. 1064", "JSOM vol. XIII p. 199"}),
    ("references-retrieved-on-7-october-2022",
     "SELECT ?n WHERE { ?r ako:accessDate '2022-10-07'^^xsd:date ; ako:referenceNumber ?n }",
     {"36", "37", "38", "39"}),
    ("references-retrieved-on-23-april-2021",
     "SELECT ?n WHERE { ?r ako:accessDate '2021-04-23'^^xsd:date ; ako:referenceNumber ?n }",
     {"2", "3", "34"}),
    ("references-with-an-archived-copy",
     "SELECT ?n WHERE { ?r ako:archiveDate ?d ; ako:referenceNumber ?n }", {"11", "29", "40", "45"}),
    ("reference-archived-before-it-was-retrieved",
     "SELECT ?n WHERE { ?r ako:archiveDate ?a ; ako:accessDate ?d ; ako:referenceNumber ?n }", {"40"}),
    # --- who wrote, edited, translated
    ("works-by-glantz",
     "SELECT ?w WHERE { ?w ako:author akr:DavidGlantz }",
     {WTC, AUGUST_STORM, "August Storm: Soviet Tactical and Operational Combat in Manchuria, 1945",
      "The Soviet Invasion of Japan", "The Soviet Strategic Offensive in Manchuria, 1945"}),
    ("works-by-hasegawa-edited-included",
     "SELECT ?w WHERE { ?w ako:author akr:TsuyoshiHasegawa }",
     {"Racing the Enemy: Stalin, Truman, and the Surrender of Japan",
      "The Atomic Bombs and the Soviet Invasion: What Drove Japan's Decision to Surrender?",
      "The End of the Pacific War"}),
    ("works-edited-not-written",
     "SELECT ?w WHERE { ?w ako:editor ?e }",
     {"The End of the Pacific War", "Russia and the USSR in twentieth century wars: A statistical survey"}),
    ("editor-of-the-statistical-survey",
     "SELECT ?e WHERE { akr:work-krivosheev-2001-russia-and-the-ussr ako:editor ?e }", {"G. F. Krivosheev"}),
    ("translator-of-the-neutrality-pact-history",
     "SELECT ?t WHERE { akr:work-slavinskii-2004-japanese-soviet-neutrality-pact ako:translator ?t }",
     {"Geoffrey Jukes"}),
    ("authors-of-northern-territories-and-beyond",
     "SELECT ?a WHERE { akr:work-goodby-1995-northern-territories ako:author ?a }",
     {"Goodby, James E", "Ivanov, Vladimir I", "Shimotomai, Nobuo"}),
    ("authors-of-when-titans-clashed",
     "SELECT ?a WHERE { akr:work-glantz-1995-when-titans-clashed ako:author ?a }", {"David Glantz", "House, Jonathan"}),
    ("names-the-article-gives-glantz",
     "SELECT ?n WHERE { akr:DavidGlantz rdfs:label|skos:altLabel ?n }",
     {"David Glantz", "David M. Glantz", "Glantz, David M."}),
    ("names-the-article-gives-hasegawa",
     "SELECT ?n WHERE { akr:TsuyoshiHasegawa rdfs:label|skos:altLabel ?n }",
     {"Tsuyoshi Hasegawa", "Hasegawa, Tsuyoshi", "Hasegawa, T."}),
    # --- publication details, conflicts recorded as printed
    ("places-of-publication-of-when-titans-clashed",
     "SELECT ?p WHERE { akr:work-glantz-1995-when-titans-clashed ako:publicationPlace ?p }",
     {"Lawrence, Kansas", "Kansas, USA"}),
    ("publishers-of-august-storm",
     "SELECT ?p WHERE { akr:work-glantz-1983-august-storm ako:publisher ?p }",
     {"Combat Studies Institute", "Command and General Staff College"}),
    ("works-published-in-moscow",
     "SELECT ?w WHERE { ?w ako:publicationPlace ?p FILTER(STR(?p) = 'Moscow') }",
     {"Russia and the USSR in twentieth century wars: A statistical survey", "Hammer and Sickle vs Samurai Sword",
      "The Soviet Union and the Manchurian Revolutionary Base (1945–1949)"}),
    ("works-of-1945",
     "SELECT ?w WHERE { ?w ako:year '1945'^^xsd:gYear }",
     {"Soviet Declaration of War on Japan (text at the Avalon Project)",
      "Soviet Denunciation of the Pact with Japan (text at the Avalon Project)", "So sorry, Mr Sato", "Russia and Japan"}),
    ("documents-dated-13-april-1941",
     "SELECT ?w WHERE { ?w ako:publicationDate '1941-04-13'^^xsd:date }",
     {"Soviet-Japanese Neutrality Pact (text at the Avalon Project)",
      "Declaration Regarding Mongolia (text at the Avalon Project)"}),
    ("works-dated-february-1983",
     "SELECT ?w WHERE { ?w ako:publicationDate '1983-02'^^xsd:gYearMonth }", {AUGUST_STORM}),
    ("texts-at-the-avalon-project",
     "SELECT ?w WHERE { ?w ako:publishedBy akr:AvalonProject }",
     {"Soviet Declaration of War on Japan (text at the Avalon Project)",
      "Soviet-Japanese Neutrality Pact (text at the Avalon Project)",
      "Declaration Regarding Mongolia (text at the Avalon Project)",
      "Soviet Denunciation of the Pact with Japan (text at the Avalon Project)"}),
    ("first-edition-of-nomonhan",
     "SELECT ?y WHERE { akr:work-coox-1990-nomonhan ako:originalYear ?y }", {"1985"}),
    ("works-with-a-doi",
     "SELECT ?w WHERE { ?w ako:doi ?d }", {"Missing Intentions: Japanese Intelligence and the Soviet Invasion of Manchuria, 1945"}),
    ("works-readable-on-the-web",
     "SELECT ?w WHERE { ?w ako:onlineAvailability ?x }",
     {"Downfall: The End of the Imperial Japanese Empire",
      "The Japanese-Soviet Neutrality Pact: A Diplomatic History 1941–1945",
      "Timely Lessons of History : The Manchurian Model for Soviet Strategy",
      "Five Days in August: How World War II Became a Nuclear War",
      "Battlefield Operational Functions and the Soviet Campaign against Japan in 1945",
      "The End of the Pacific War",
      "The Sino-Japanese War, 1937–1945 : The Military Struggle – Research Guide and Bibliography",
      "The Soviet Army Offensive : Manchuria, 1945"}),
    # --- series (Japanese Monographs, lines 257–267; reference 13)
    ("volumes-of-the-studies-on-manchuria-listed",
     "SELECT ?w WHERE { ?w ako:partOfSeries akr:work-japanese-studies-on-manchuria }", STUDIES_ON_MANCHURIA),
    ("number-of-the-studies-on-manchuria",
     "SELECT ?v WHERE { ?c ako:about akr:work-japanese-studies-on-manchuria ; ako:measure akr:measure-works ; "
     "ako:value ?v }", {"13"}),
    ("number-of-the-japanese-monographs",
     "SELECT ?v WHERE { ?c ako:about akr:work-japanese-monographs ; ako:measure akr:measure-works ; ako:value ?v }",
     {"187"}),
    ("writers-of-the-japanese-monographs",
     "SELECT ?a WHERE { akr:work-japanese-monographs ako:author ?a }",
     {"former officers of the Japanese army and navy"}),
    ("under-whose-direction-the-monographs-were-written",
     "SELECT ?b WHERE { akr:work-japanese-monographs ako:commissionedBy ?b }", {"U.S. Far East Command"}),
    ("series-of-the-documentary-of-reference-13",
     "SELECT ?s WHERE { akr:ref-13 ako:citesWork/ako:partOfSeries ?s }", {"Battlefield"}),
    ("names-of-the-studies-on-manchuria",
     "SELECT ?n WHERE { akr:work-japanese-studies-on-manchuria skos:altLabel ?n }",
     {"JSOM", "Japanese Special Studies on Manchuria", "Studies on Manchuria"}),
    # --- the explanatory notes, numbered as the copy prints them
    ("numbers-of-the-notes",
     "SELECT ?n WHERE { ?x a ako:Note ; ako:noteNumber ?n }", {"1", "2", "3"}),
    ("note-numbered-3",
     "SELECT ?x WHERE { ?x ako:noteNumber 3 }", {"Note 3"}),
    # --- per-resource provenance, derived from the statement records
    ("sections-of-reference-5",
     "SELECT ?s WHERE { akr:ref-5 ako:section ?s }", {"References"}),
    ("sections-that-state-facts-of-august-storm",
     "SELECT ?s WHERE { akr:work-glantz-1983-august-storm ako:section ?s }", {"Lead", "References", "Further reading"}),
    ("sections-that-state-facts-of-hayashi-s-study",
     "SELECT ?s WHERE { akr:work-hayashi-1955-strategic-tactical-peculiarities ako:section ?s }",
     {"References", "Japanese Monographs"}),
    ("references-of-a-bibliographic-entry",
     "SELECT ?r WHERE { akr:work-glantz-1995-when-titans-clashed ako:reference ?r }", set()),
]


@pytest.mark.parametrize("sparql, expected", [pytest.param(q, e, id=i) for i, q, e in QUESTIONS])
def test_bibliography_question(closure, sparql, expected):
    assert select_labels(closure, sparql) == expected


def test_note_letters_are_not_asserted(asserted_triples):
    """The copy numbers the notes 1–3 and prints no letters: only the IRIs keep them."""
    assert not [t for t in asserted_triples if t[1] == f"<{AKO}noteLetter>"]


# --- the statement records of the bibliography ---------------------------------------------------

def test_each_reference_s_facts_cite_its_own_line_only(kg):
    """Reference N is line 182 + N of the copy; a work cited by several references is described
    once, but the reference's own facts (number, work, page, dates) cite its own line only."""
    rows = list(kg.raw("""SELECT ?n ?line WHERE {
        ?r a ako:Reference ; ako:referenceNumber ?n .
        ?st ako:statementSubject ?r ; ako:statedIn/ako:line ?line }"""))
    wrong = {(int(r["n"].value), int(r["line"].value)) for r in rows
             if int(r["line"].value) != 182 + int(r["n"].value)}
    assert wrong == set()
    numbered = {int(r["n"].value) for r in rows}
    assert numbered == set(range(1, 53))


def test_works_are_cited_on_bibliography_lines(kg):
    """A work's statements cite the entries that print it (lines 178–267), apart from the two places
    of the running text that state a bibliographic fact: Glantz's paper named on line 86, and the
    Battlefield series documentary on line 165."""
    rows = kg.raw("""SELECT ?w ?p ?line WHERE {
        ?w a ako:Work . ?st ako:statementSubject ?w ; ako:statementProperty ?p ; ako:statedIn/ako:line ?line }""")
    outside = {(r["w"].value[len(AKR):], r["p"].value[len(AKO):] if r["p"].value.startswith(AKO) else r["p"].value,
                int(r["line"].value)) for r in rows if int(r["line"].value) < 178}
    assert outside == {("work-glantz-1983-august-storm", "author", 86),
                       ("Battlefield", "http://www.w3.org/2004/02/skos/core#altLabel", 165),
                       ("work-battlefield-2001-battlefield-manchuria", "partOfSeries", 165)}


def test_reference_marks_of_citations_are_printed_on_their_lines(kg, article):
    """Every citation that carries reference N points at lines one of which prints [N] (an infobox
    row is cited with the row above it that names whom it is about; the outside-article pairings
    excepted: they cite reference 5's own line)."""
    rows = kg.raw("""SELECT DISTINCT ?c ?n ?line WHERE {
        ?c a ako:Citation ; ako:reference/ako:referenceNumber ?n ; ako:line ?line
        FILTER NOT EXISTS { ?c ako:outsideArticle true } }""")
    lines = {}
    for r in rows:
        lines.setdefault((r["c"].value[len(AKR):], r["n"].value), []).append(int(r["line"].value))
    wrong = sorted((c, n) for (c, n), at in lines.items() if not any(f"[{n}]" in article[i - 1] for i in at))
    assert wrong == []


# --- saved queries at statement level ------------------------------------------------------------

def _rows(kg, name, columns, **params) -> set:
    out = set()
    for row in kg.run(name, **params).values():
        out.add(tuple(None if row.get(c) is None else str(row[c]) for c in columns))
    return out


STATEMENT = ("subject", "property", "object", "line")


def test_facts_resting_on_reference_5(kg):
    rows = _rows(kg, "facts-on-reference", STATEMENT + ("outsideArticle",), number=5)
    # checked by hand against the article: each line states the fact and prints [5]
    for s, p, o, line in (("work-glantz-1983-august-storm", "author", "DavidGlantz", 86),  # a paper titled so
                          ("TransbaikalFront", "objective", "Mukden", 113),               # to secure Mukden
                          ("FirstFarEastFront", "objective", "Mudanjiang", 117),          # striking towards it
                          ("OtozoYamada", "commands", "KwantungArmy", 128)):              # under General Yamada
        assert (AKR + s, AKO + p, AKR + o, str(line), "False") in rows
    # the three pairings of operations and fronts come from reference 5's work, not from the article
    outside = {(s, p, o, line) for s, p, o, line, out in rows if out == "True"}
    assert outside == {(AKR + op, AKO + "conductedBy", AKR + front, "187") for op, front in (
        ("KhinganMukdenOffensiveOperation", "TransbaikalFront"), ("HarbinKirinOffensiveOperation", "FirstFarEastFront"),
        ("SungariOffensiveOperation", "SecondFarEastFront"))}
    # reference 5 supports facts on exactly the lines that print [5], and on its own line for the pairings
    assert {int(r[3]) for r in rows} == LINES_MARKED_5 | {187}
    # by name or by number, the same statements
    assert _rows(kg, "facts-on-reference", STATEMENT, reference="Reference 5") == {r[:4] for r in rows}
    assert _rows(kg, "facts-on-reference", STATEMENT, reference="akr:ref-5", number=5) == {r[:4] for r in rows}


@pytest.mark.parametrize("number", [2, 3, 9, 10])
def test_references_the_copy_never_marks_support_no_fact(kg, number):
    """The copy prints no [2], [3], [9] or [10] anywhere (their marks stood in the infobox's lost rows)."""
    assert _rows(kg, "facts-on-reference", STATEMENT, number=number) == set()


def test_facts_on_reference_rest_on_the_lines_that_print_it(kg, article):
    places = {}
    for subject, prop, obj, number, line in _rows(kg, "facts-on-reference", ("subject", "property", "object", "number", "line")):
        places.setdefault((subject, prop, obj, number), []).append(int(line))
    for (subject, prop, obj, number), lines in places.items():
        if 187 not in lines:  # reference 5's own line: the pairings from outside the article
            assert number is not None and any(f"[{number}]" in article[i - 1] for i in lines), (subject, prop, number, lines)


def test_facts_on_a_note_and_by_number_on_a_small_graph():
    """Notes carry no reference number: a note's facts answer its IRI, and never a number."""
    from augustkg.saved import SavedQuery
    from augustkg.namespaces import sparql_prefixes

    g = rdflib.Graph().parse(data=sparql_prefixes().replace("PREFIX ", "@prefix ").replace(">\n", "> .\n") + """
        akr:ref-5 a ako:Reference ; rdfs:label "Reference 5"@en ; ako:referenceNumber 5 .
        akr:note-c a ako:Note ; rdfs:label "Note 3"@en ; ako:noteNumber 3 .
        akr:cite-L66-r5-nc a ako:Citation ; ako:section akr:section-infobox ; ako:line 66 ;
            ako:reference akr:ref-5, akr:note-c .
        akr:cite-L113-r5 a ako:Citation ; ako:section akr:section-western-front ; ako:line 113 ; ako:reference akr:ref-5 .
        [] ako:statementSubject akr:a ; ako:statementProperty ako:p ; ako:statementObject akr:b ;
           ako:statedIn akr:cite-L66-r5-nc .
        [] ako:statementSubject akr:c ; ako:statementProperty ako:p ; ako:statementObject akr:d ;
           ako:statedIn akr:cite-L113-r5 .
    """, format="turtle")
    query = SavedQuery.read(ROOT / "queries" / "facts-on-reference.rq")

    def run(**values):
        return {(str(r.referenceLabel), str(r.subject)[len(AKR):], int(r.line))
                for r in g.query(query.bind(values))}

    assert run(number=5) == {("Reference 5", "a", 66), ("Reference 5", "c", 113)}
    assert run(reference="akr:note-c") == {("Note 3", "a", 66)}
    assert run(reference="akr:note-c", number=3) == set()
    assert run() == {("Reference 5", "a", 66), ("Reference 5", "c", 113), ("Note 3", "a", 66)}
    references = {str(r.reference) for r in g.query(SavedQuery.read(ROOT / "queries" / "statement-references.rq")
                                                     .bind({"subject": "akr:a"}))}
    assert references == {"5", "note 3"}


def test_facts_stated_in_the_japanese_monographs_section(kg):
    """Exactly the bibliographic statements of lines 257–267 (the figures and the units named there aside)."""
    rows = {(s[len(AKR):], p.rsplit("#", 1)[-1].rsplit("/", 1)[-1], o[len(AKR):] if o.startswith(AKR) else o, int(line))
            for s, p, o, line in _rows(kg, "facts-in-section", STATEMENT, section="Japanese Monographs")
            if s.startswith(AKR + "work-") or s == AKR + "FormerOfficersOfTheJapaneseArmyAndNavy"}
    volumes = [("work-jsom-vol-01-operational-planning", "I", "Japanese Operational Planning against the USSR (1932–1945)"),
               ("work-jsom-vol-02-imperial-japanese-army-in-manchuria", "II",
                "Imperial Japanese Army in Manchuria (1894–1945) Historical Summary"),
               ("work-jsom-vol-04-air-operations", "IV", "AIR OPERATIONS (1931–1945) Plans and Preparations"),
               ("work-jsom-vol-10-japanese-intelligence-planning", "X", "Japanese Intelligence Planning against the USSR (1934–1941)"),
               ("work-jsom-vol-11-small-wars-and-border-problems", "XI", "Small Wars and Border Problems"),
               ("work-jsom-vol-12-anti-bandit-operation", "XII", "Anti-Bandit Operation (1931–1941)")]
    expected = {
        ("work-japanese-monographs", "title", "Japanese Monographs", 257),
        ("work-japanese-monographs", "altLabel", "Japan Monographs", 257),
        ("work-japanese-monographs", "author", "FormerOfficersOfTheJapaneseArmyAndNavy", 257),
        ("work-japanese-monographs", "commissionedBy", "USFarEastCommand", 257),
        ("FormerOfficersOfTheJapaneseArmyAndNavy", "label", "former officers of the Japanese army and navy", 257),
        ("work-japanese-studies-on-manchuria", "title", "Japanese Studies on Manchuria", 257),
        ("work-japanese-studies-on-manchuria", "altLabel", "Studies on Manchuria", 260),
        ("work-hayashi-1955-strategic-tactical-peculiarities", "partOfSeries", "work-japanese-studies-on-manchuria", 260),
        ("work-hayashi-1955-strategic-tactical-peculiarities", "partOfSeries", "work-japanese-studies-on-manchuria", 267),
        ("work-hayashi-1955-strategic-tactical-peculiarities", "altLabel",
         "Study of Strategic and Tactical peculiarities of Far Eastern Russia and Soviet Eastern Forces (1931–1945)", 267),
    }
    for i, (w, vol, title) in enumerate(volumes):
        line = 261 + i
        expected |= {(w, "title", title, line),
                     (w, "partOfSeries", "work-japanese-studies-on-manchuria", 260),
                     (w, "partOfSeries", "work-japanese-studies-on-manchuria", line),
                     (w, "inSeries", f"Japanese Studies on Manchuria, Vol. {vol}", 260),
                     (w, "inSeries", f"Japanese Studies on Manchuria, Vol. {vol}", line)}
    assert rows == expected


def test_facts_in_a_section_include_its_subsections(kg):
    western = _rows(kg, "facts-in-section", ("section", "subject", "property", "object", "line"),
                    section="Western Front of Manchuria")
    assert {r[0] for r in western} == {AKR + "section-western-front"}
    assert {int(r[4]) for r in western} <= {111, 112, 113}
    combatant = _rows(kg, "facts-in-section", ("section", "subject", "property", "object", "line"),
                      section="akr:section-combatant-forces")
    assert western <= combatant
    assert (AKR + "TransbaikalFront", AKO + "objective", AKR + "Mukden", "113") in {r[1:] for r in combatant}


def test_facts_in_the_references_section_are_the_references_own(kg):
    rows = _rows(kg, "facts-in-section", STATEMENT + ("reference",), section="References")
    assert (AKR + "ref-33", AKO + "citesWork", AKR + "work-coox-1990-nomonhan", "215", None) in rows
    assert (AKR + "work-glantz-1995-when-titans-clashed", AKO + "publicationPlace", "Kansas, USA", "214", None) in rows
    assert {int(r[3]) for r in rows} <= set(range(183, 235))


def test_facts_resting_on_hasegawa_and_on_a_work_never_cited(kg, article):
    rows = _rows(kg, "facts-from-source", ("number", "line"), author="Tsuyoshi Hasegawa")
    assert {r[0] for r in rows} <= {"19", "46"}
    assert all(f"[{n}]" in article[int(line) - 1] for n, line in rows)
    # Further reading is cited by no reference: nothing rests on Hasegawa's edited volume
    assert _rows(kg, "facts-from-source", ("subject",), work="akr:work-hasegawa-2007-end-of-the-pacific-war") == set()


def test_sources_of_a_reference_and_of_a_work(kg):
    assert _rows(kg, "sources-of-thing", ("kind", "source"), thing="Reference 5") == {
        ("section", AKR + "section-references")}
    # the paper's facts are stated in three sections; its author rests on reference 5 (line 86)
    assert _rows(kg, "sources-of-thing", ("kind", "source"), thing="akr:work-glantz-1983-august-storm") == {
        ("section", AKR + "section-lead"), ("section", AKR + "section-references"),
        ("section", AKR + "section-further-reading"), ("reference", AKR + "ref-5")}


def test_works_cited_lists_editors_with_authors(kg):
    rows = _rows(kg, "works-cited", ("workLabel", "authorLabel", "referenceNumber"))
    assert ("Russia and the USSR in twentieth century wars: A statistical survey", "G. F. Krivosheev", "7") in rows
    assert {r[2] for r in rows if r[0] == WTC} == {"1", "6", "32"}
