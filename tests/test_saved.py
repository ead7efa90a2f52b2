"""Saved queries: every file in queries/ is valid, documented, grlc-compatible and portable, the key
ones give the article's answers, and bad parameters fail cleanly without touching the store.

Expected answers are read off the article (units, commanders, dates, figures), not off the data.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from click.testing import CliRunner

from augustkg.errors import AugustError, ParameterError, QueryFileError, UnknownQuery
from augustkg.generations import read_manifest
from augustkg.saved import PARAM, SavedQueries, SavedQuery, catalog_markdown
from augustkg.sparql import bind_values

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
FILES = sorted(QUERIES.glob("*.rq"))
AKR = "https://w3id.org/augustkg/resource/"
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("decimal", "integer", "int", "long", "double", "float", "nonNegativeInteger")}

# grlc's own rules (gquery.get_yaml_decorators / get_parameters), restated for the test.
GRLC_VARIABLE = re.compile(r"(?P<required>[_]{1,2})(?P<name>[^_]+)_?(?P<type>[a-zA-Z0-9]+)?_?(?P<userdefined>[a-zA-Z0-9]+)?.*$")
GRLC_HEADER_KEYS = {"summary", "description", "tags", "defaults", "enumerate", "endpoint", "method",
                    "pagination", "endpoint_in_url", "transform"}


def test_there_are_enough_queries():
    assert len(FILES) >= 22
    for path in FILES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", path.stem), f"{path.name}: name is not kebab-case"


# --- helpers ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def saved() -> SavedQueries:
    return SavedQueries.load(QUERIES)


@pytest.fixture(scope="module")
def rdflib_closure(store_dir):
    """rdflib's own engine over the very closure the store holds."""
    import rdflib

    g = rdflib.Graph()
    g.parse(str(store_dir / "current" / "closure.nt"), format="nt")
    return g


def defaults(query: SavedQuery) -> dict:
    return {p.name: p.default for p in query.params if p.default is not None}


def _lit(value: str, lang, datatype):
    if datatype in NUMERIC:
        try:
            return ("literal", str(Decimal(value).normalize()), None, "numeric")
        except InvalidOperation:
            pass
    if lang or datatype == XSD + "string":  # rdf:langString and xsd:string are implicit in N-Triples
        datatype = None
    return ("literal", value, lang or None, datatype)


def ox_term(term):
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _lit(term.value, term.language, term.datatype.value)
    return (type(term).__name__, term.value)


def rdflib_term(term):
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        return _lit(str(term), term.language, str(term.datatype) if term.datatype else None)
    return ({rdflib.URIRef: "NamedNode", rdflib.BNode: "BlankNode"}[type(term)], str(term))


def ox_rows(kg, sparql: str) -> set:
    return {tuple(ox_term(t) for t in row) for row in kg.query(sparql).rows}


def rdflib_rows(graph, sparql: str) -> set:
    result = graph.query(sparql)
    return {tuple(rdflib_term(row[v]) for v in result.vars) for row in result}


def labels(kg, query: str, columns: tuple, **params) -> set:
    """Rows of a saved query as tuples of plain values (labels, dates, numbers) of some columns."""
    result = kg.run(query, **params)
    out = set()
    for row in result.values():
        out.add(tuple(None if row.get(c) is None else str(row[c]) for c in columns))
    return out


# --- every file ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_query_file(path, kg, rdflib_closure):
    from rdflib.plugins.sparql import prepareQuery

    query = SavedQuery.read(path)  # raises QueryFileError on a bad header
    header = yaml.safe_load("\n".join(line[2:] for line in query.text.splitlines() if line.startswith("#+")))
    assert isinstance(header, dict) and header.get("summary"), "header is not YAML with a summary"
    assert str(header.get("description", "")).strip(), "header has no description"
    assert header.get("tags"), "header has no tags"

    # parses as it is, without predeclared prefixes, in both engines
    prepareQuery(query.text)
    ox.Store().query(query.text)

    # every ?_ variable follows the convention and is documented by name; every default is used
    description = query.description
    for p in query.params:
        assert re.fullmatch(r"[A-Za-z0-9]+", p.name)
        assert re.search(rf"\b{re.escape(p.name)}\b", description), f"parameter '{p.name}' is not described"
        assert p.default is not None, f"parameter '{p.name}' has no default"
    names = {p.name for p in query.params}
    for key in defaults(query):
        assert key in names
    for entry in header.get("enumerate") or []:
        assert set(entry) <= names

    # with its defaults it returns rows, and the same rows on rdflib's engine
    sparql = query.bind(defaults(query), kg)
    rows = ox_rows(kg, sparql)
    assert rows, f"{path.name} returns no rows with its defaults"
    assert rdflib_rows(rdflib_closure, sparql) == rows


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_unbound_file_runs_for_all_on_both_engines(path, kg, rdflib_closure):
    """Pasted as it is into any engine, a file means "for all": at least the rows of its defaults."""
    query = SavedQuery.read(path)
    everything = ox_rows(kg, query.text)
    assert rdflib_rows(rdflib_closure, query.text) == everything
    if all(p.optional for p in query.params):
        assert ox_rows(kg, query.bind(defaults(query), kg)) <= everything


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_grlc_compatibility(path, kg, rdflib_closure):
    """The header parses with grlc's decorator rules and grlc's text substitution gives our rows."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    text = path.read_text(encoding="utf-8")
    metadata = yaml.safe_load("\n".join(row.lstrip("#+") for row in text.split("\n") if row.startswith("#+")))
    assert isinstance(metadata, dict) and metadata["summary"]
    assert set(metadata) <= GRLC_HEADER_KEYS
    body = "\n".join(row for row in text.split("\n") if not row.startswith("#+"))

    query = SavedQuery.read(path)
    variables = {str(v) for v in translateQuery(parseQuery(body)).algebra["_vars"]}
    grlc_params = {}
    for v in sorted(variables):
        if not v.startswith("_") or re.fullmatch(r"__agg_\d+__", v):  # grlc skips rdflib's aggregates too
            continue
        m = GRLC_VARIABLE.match(v)
        assert m and re.fullmatch(r"[A-Za-z0-9]+", m["name"]), f"?{v} breaks grlc's naming limits"
        assert m["type"] in (None, "iri", "string", "xsd", "en"), f"?{v}: unexpected grlc type"
        grlc_params[m["name"]] = (v, m["type"], m["userdefined"])
    # augustkg hides the by-name twin `?__xName_literal` of an IRI parameter x (it resolves names itself)
    twins = {n for n, (_, kind, _) in grlc_params.items() if kind == "literal" and grlc_params.get(n[:-4], ("", ""))[1] == "iri"}
    assert set(grlc_params) - twins == {p.name for p in query.params}
    for key in [k for d in metadata.get("defaults") or [] for k in d]:
        assert key in grlc_params, f"default '{key}' names no parameter grlc sees"

    # grlc's rewrite_query: textual substitution of the defaults, xsd prefix added when needed
    rewritten = body
    for name, (variable, kind, datatype) in grlc_params.items():
        if name in twins:  # no name given: the twin stays a variable, "no name" to the query
            continue
        value = defaults(query)[name]
        if kind == "iri":
            term = f"<{value}>"
        elif kind == "xsd":
            term = f'"{value}"^^xsd:{datatype}'
            if "PREFIX xsd:" not in rewritten:
                rewritten = rewritten.replace("SELECT", "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n\nSELECT", 1)
        else:
            term = f'"{value}"'
        rewritten = rewritten.replace("?" + variable, term)
    assert rdflib_rows(rdflib_closure, rewritten) == ox_rows(kg, query.bind(defaults(query), kg))


# --- the catalogue ----------------------------------------------------------------------------

def test_readme_is_up_to_date():
    expected = catalog_markdown(QUERIES)
    assert (QUERIES / "README.md").read_text(encoding="utf-8") == expected, (
        "queries/README.md is out of date: run `augustkg queries --format markdown > queries/README.md`")
    for path in FILES:
        assert f"| `{path.stem}` |" in expected


def test_catalogue_lists_parameters_with_types_and_defaults():
    text = catalog_markdown(QUERIES)
    assert "`from` (xsd:date, required, default `1945-08-06`)" in text
    assert "`unit` (IRI or name, optional, default `akr:TransbaikalFront`)" in text
    assert "`name` (text, optional, default `Kwangtung`)" in text


# --- answers from the article -------------------------------------------------------------------

def test_who_commanded_python_api(kg):
    assert labels(kg, "who-commanded", ("unitLabel", "commanderLabel"), unit="Transbaikal Front") == {
        ("Transbaikal Front", "Rodion Malinovsky")}
    assert labels(kg, "who-commanded", ("commanderLabel",), unit="Kwangtung Army") == {("Otozō Yamada",)}
    assert labels(kg, "who-commanded", ("unitLabel", "commanderLabel")) == {
        ("Far East Command", "Aleksandr Vasilevsky"), ("Transbaikal Front", "Rodion Malinovsky"),
        ("1st Far East Front", "Kirill Meretskov"), ("2nd Far East Front", "Purkayev"),
        ("Kwantung Army", "Otozō Yamada")}


def test_units_commanded_by_person(kg):
    assert labels(kg, "units-commanded-by-person", ("unitLabel", "rank"), person="Aleksandr Vasilevsky") == {
        ("Far East Command", "Marshal of the Soviet Union")}


def test_commanders_are_inferred(kg):
    soviet = {("Aleksandr Vasilevsky",), ("Rodion Malinovsky",), ("Kirill Meretskov",), ("Purkayev",)}
    assert labels(kg, "commanders-all", ("commanderLabel",), country="USSR") == soviet
    assert labels(kg, "commanders-all", ("commanderLabel",), country="Japan") == {("Otozō Yamada",)}
    assert labels(kg, "commanders-all", ("commanderLabel",)) == soviet | {("Otozō Yamada",)}


def test_chain_of_command_in_order(kg):
    result = kg.run("chain-of-command", unit="5th Army").values()
    assert [(r["superiorLabel"], r["depth"]) for r in result] == [("First Area Army", 1), ("Kwantung Army", 2)]
    assert labels(kg, "chain-of-command", ("superiorLabel", "depth", "commanderLabel"), unit="Amur River flotilla") == {
        ("Soviet naval forces", "1", None), ("Far East Command", "2", "Aleksandr Vasilevsky")}


def test_order_of_battle(kg):
    assert labels(kg, "order-of-battle", ("unitLabel", "depth", "parentLabel"), unit="Kwantung Army") == {
        ("First Area Army", "1", "Kwantung Army"), ("Third Area Army", "1", "Kwantung Army"),
        ("4th Army", "1", "Kwantung Army"), ("34th Army", "1", "Kwantung Army"),
        ("Seventeenth Area Army", "1", "Kwantung Army"),
        ("3rd Army", "2", "First Area Army"), ("5th Army", "2", "First Area Army"),
        ("30th Army", "2", "Third Area Army"), ("44th Army", "2", "Third Area Army")}
    assert labels(kg, "order-of-battle", ("unitLabel", "depth", "commanderLabel"), unit="Far East Command") == {
        ("Transbaikal Front", "1", "Rodion Malinovsky"), ("1st Far East Front", "1", "Kirill Meretskov"),
        ("2nd Far East Front", "1", "Purkayev"), ("Soviet naval forces", "1", None),
        ("Amur River flotilla", "2", None)}


def test_units_under_authority(kg):
    assert labels(kg, "units-under-authority", ("unitLabel", "direct"), person="Otozo Yamada") == {
        ("Kwantung Army", "True"), ("First Area Army", "False"), ("Third Area Army", "False"),
        ("4th Army", "False"), ("34th Army", "False"), ("Seventeenth Area Army", "False"),
        ("3rd Army", "False"), ("5th Army", "False"), ("30th Army", "False"), ("44th Army", "False")}


def test_operations_timeline(kg):
    assert labels(kg, "operations-timeline", ("operationLabel", "startDate", "endDate"), within="Soviet–Japanese War") == {
        ("Manchurian Strategic Offensive Operation", "1945-08-09", None),
        ("Khingan–Mukden Offensive Operation", "1945-08-09", "1945-09-02"),
        ("Harbin–Kirin Offensive Operation", "1945-08-09", "1945-09-02"),
        ("Sungari Offensive Operation", "1945-08-09", "1945-09-02"),
        ("South Sakhalin Operation", "1945-08-11", "1945-08-25"),
        ("Soviet assault on Maoka", "1945-08-19", "1945-08-22"),
        ("Seishin Landing Operation", "1945-08-13", "1945-08-16"),
        ("Kuril Landing Operation", "1945-08-18", "1945-09-01"),
        ("Battle of Shumshu", None, None)}


def test_operation_parts_with_depth(kg):
    assert labels(kg, "operation-parts", ("partLabel", "depth", "parentLabel"), operation="Operation August Storm") == {
        ("Manchurian Strategic Offensive Operation", "1", "Soviet–Japanese War"),
        ("South Sakhalin Operation", "1", "Soviet–Japanese War"),
        ("Seishin Landing Operation", "1", "Soviet–Japanese War"),
        ("Kuril Landing Operation", "1", "Soviet–Japanese War"),
        ("Battle of Shumshu", "1", "Soviet–Japanese War"),
        ("Khingan–Mukden Offensive Operation", "2", "Manchurian Strategic Offensive Operation"),
        ("Harbin–Kirin Offensive Operation", "2", "Manchurian Strategic Offensive Operation"),
        ("Sungari Offensive Operation", "2", "Manchurian Strategic Offensive Operation"),
        ("Soviet assault on Maoka", "2", "South Sakhalin Operation"),
        # the lead's and Hasegawa's events of the war (lines 3 and 165) and the start of the invasion (line 73)
        ("defeat of Japan's Kwantung Army", "1", "Soviet–Japanese War"),
        ("end of Japanese control", "1", "Soviet–Japanese War"),
        ("Soviet victories on the mainland", "1", "Soviet–Japanese War"),
        ("Start of the Soviet invasion of Manchuria", "2", "Manchurian Strategic Offensive Operation"),
        # the campaign on the ground (line 146, with 107, 117 and 136): the double pincer and its steps
        ("Kwantung Army resistance in the town of Hailar", "2", "Manchurian Strategic Offensive Operation"),
        ("double pincer movement", "2", "Manchurian Strategic Offensive Operation"),
        ("entry of the Soviet-Mongolian Cavalry-Mechanized Group into Inner Mongolia", "2",
         "Manchurian Strategic Offensive Operation"),
        ("Soviet pincer from the east", "3", "double pincer movement"),
        ("western pincer", "3", "double pincer movement"),
        ("Soviet attack along the rail line to Hailar", "4", "western pincer"),
        ("Soviet attack into Solun from the eastern tip of Mongolia", "4", "western pincer"),
        ("main Soviet attack from the west", "4", "western pincer"),
        ("crossing of the Ussuri by the Soviet pincer from the east", "4", "Soviet pincer from the east"),
        ("advance of the Soviet pincer from the east around Khanka Lake", "4", "Soviet pincer from the east"),
        ("attack of the Soviet pincer from the east towards Suifenhe", "4", "Soviet pincer from the east")}


def test_operations_of_a_front_mark_pairings_from_outside_the_article(kg):
    assert labels(kg, "operations-of-unit", ("operationLabel", "commanderLabel", "outsideArticle", "factReference"),
                  unit="Trans-Baikal Front") == {
        ("Manchurian Strategic Offensive Operation", "Rodion Malinovsky", "False", None),
        ("Khingan–Mukden Offensive Operation", "Rodion Malinovsky", "True", AKR + "ref-5")}
    outside = {r for r in labels(kg, "operations-of-unit", ("operationLabel", "unitLabel", "outsideArticle")) if r[2] == "True"}
    assert outside == {("Khingan–Mukden Offensive Operation", "Transbaikal Front", "True"),
                       ("Harbin–Kirin Offensive Operation", "1st Far East Front", "True"),
                       ("Sungari Offensive Operation", "2nd Far East Front", "True")}


def test_operations_on_date(kg):
    on_20 = {r[0] for r in labels(kg, "operations-on-date", ("operationLabel",), date="1945-08-20")}
    assert on_20 == {"Soviet–Japanese War", "Manchurian Strategic Offensive Operation",
                     "Khingan–Mukden Offensive Operation", "Harbin–Kirin Offensive Operation",
                     "Sungari Offensive Operation", "South Sakhalin Operation", "Soviet assault on Maoka",
                     "Kuril Landing Operation"}
    on_14 = {r[0] for r in labels(kg, "operations-on-date", ("operationLabel",), date="1945-08-14")}
    assert "Seishin Landing Operation" in on_14 and "Soviet assault on Maoka" not in on_14
    assert kg.run("operations-on-date", date="1945-08-08").rows == []


def test_events_between_dates(kg):
    assert labels(kg, "events-between-dates", ("eventLabel", "date"), **{"from": "1945-08-06", "to": "1945-08-09"}) == {
        ("Atomic bombing of Hiroshima", "1945-08-06"), ("Soviet Declaration of War on Japan", "1945-08-08"),
        ("Atomic bombing of Nagasaki", "1945-08-09"), ("Start of the Soviet invasion of Manchuria", "1945-08-09"),
        ("Soviet–Japanese War", "1945-08-09"), ("Manchurian Strategic Offensive Operation", "1945-08-09"),
        ("Khingan–Mukden Offensive Operation", "1945-08-09"), ("Harbin–Kirin Offensive Operation", "1945-08-09"),
        ("Sungari Offensive Operation", "1945-08-09")}
    assert ("Surrender of Japan", "1945-08-15") in labels(kg, "events-between-dates", ("eventLabel", "date"))


def test_front_objectives(kg):
    assert labels(kg, "front-objectives", ("objectiveLabel",), unit="Transbaikal Front") == {
        ("Mukden",), ("Changchun",)}
    assert labels(kg, "front-objectives", ("objectiveLabel",), unit="2nd Far Eastern Front") == {
        ("Harbin",), ("Tsitsihar",), ("Liaotung Peninsula",), ("Port Arthur",)}


def test_territory_fates(kg):
    assert labels(kg, "territory-fates", ("placeLabel", "fateLabel", "partyLabel"), place="Chishima Islands") == {
        ("Kuril Islands", "controlled before the war by", "Japan"), ("Kuril Islands", "annexed by", "Soviet Union"),
        ("Kuril Islands", "administered by", "Russia")}
    annexed = labels(kg, "territory-fates", ("placeLabel", "partyLabel"), fate="ako:annexedBy")
    assert annexed == {("Kuril Islands", "Soviet Union"), ("South Sakhalin", "Soviet Union")}
    assert labels(kg, "territory-fates", ("placeLabel", "partyLabel"), fate="ako:plannedObjectiveOf") == {
        ("Hokkaido", "Soviet Union")}
    assert ("Korea", "divided at", "38th parallel north") in labels(
        kg, "territory-fates", ("placeLabel", "fateLabel", "partyLabel"), place="Korea")


def test_units_by_side_and_country(kg):
    axis = {r[0] for r in labels(kg, "units-by-side", ("unitLabel",), side="Axis")}
    assert axis == {"Imperial Japanese Army", "Imperial Japanese Navy", "Japanese Air Forces",
                    "Japanese Army aviation", "Kwantung Army", "First Area Army", "3rd Army", "5th Army",
                    "Third Area Army", "30th Army", "44th Army", "4th Army", "34th Army",
                    "Seventeenth Area Army", "Fifth Area Army"}
    manchukuo = labels(kg, "units-by-country", ("unitLabel", "sideLabel"), country="Manchukuo")
    assert manchukuo == {("Manchukuo Imperial Army", None)}
    mongolian = labels(kg, "units-by-country", ("unitLabel",), country="Mongolia")
    assert ("Soviet-Mongolian Cavalry-Mechanized Group",) in mongolian and ("People's Revolutionary Army",) in mongolian
    assert len(mongolian) == 14


def test_names_in_every_language(kg):
    # LANG() returns the tag in lower case in both engines (tags are case-insensitive)
    names = labels(kg, "names-of-thing", ("name", "language"), thing="Operation August Storm")
    assert names == {
        ("Soviet–Japanese War", "en"), ("Soviet-Japanese War", "en"), ("Liberation War of 1945", "en"),
        ("Battle of Manchuria", "en"), ("Operation August Storm", "en"), ("Советско-японская война", "ru"),
        ("ソ連対日参戦", "ja"), ("soren tai nichi sansen", "ja-latn"), ("1945 оны чөлөөлөх дайн", "mn"),
        ("1945 ony chölöölökh dain", "mn-latn")}


def test_lookup_by_any_name(kg):
    assert labels(kg, "lookup-by-name", ("label",), name="kwangTUNG") == {("Kwantung Army",)}
    assert labels(kg, "lookup-by-name", ("label", "matchedName"), name="karafuto") == {("South Sakhalin", "Karafuto")}
    assert ("Mukden",) in labels(kg, "lookup-by-name", ("label",), name="Shenyang")
    assert ("Soviet–Japanese War",) in labels(kg, "lookup-by-name", ("label",), name="ЯПОНСКАЯ")


def test_figures_with_claimant_and_source(kg):
    # the infobox states the figure in the article's own voice, footnoting Glantz and House: a reference, no claimant
    assert labels(kg, "figures-by-force", ("value", "claimantLabel", "reference"), about="Soviet Union", measure="men") == {
        ("1577225", None, AKR + "ref-1")}
    killed = labels(kg, "losses-by-force", ("claim", "minValue", "maxValue", "claimantLabel"), about="Japan")
    assert (AKR + "claim-japanese-sources-killed", "22300", "23600", "Japanese sources") in killed
    soviet = {(r[0], r[1]) for r in labels(kg, "losses-by-force", ("measureLabel", "value", "claimantLabel"), about="Soviet Union")}
    assert soviet == {("killed", "9780"), ("missing", "911"), ("non-combat deaths", "1340"),
                      ("sanitary losses", "24425"), ("wounded", "19562"), ("sick", "4863"),
                      ("losses", "36456"), ("combat losses", "30253")}


def test_conflicting_figures_side_by_side(kg):
    pairs = labels(kg, "figures-in-conflict", ("claim", "value", "otherClaim", "otherValue"), measure="men")
    assert (AKR + "claim-far-east-command-men", "1500000", AKR + "claim-soviet-strength-men", "1577225") in pairs
    tanks = labels(kg, "figures-in-conflict", ("claim", "value", "otherClaim", "otherValue"), measure="akr:measure-tanks")
    assert tanks == {(AKR + "claim-far-east-command-tanks", "3704", AKR + "claim-soviet-strength-tanks", "5556")}


def test_facts_resting_on_glantz(kg):
    """Statement level: each row is one statement whose citation carries a reference to a Glantz work."""
    rows = labels(kg, "facts-from-source", ("subject", "property", "object", "line", "number"), author="David Glantz")
    ako = "https://w3id.org/augustkg/ontology#"
    for row in ((AKR + "work-glantz-1983-august-storm", ako + "author", AKR + "DavidGlantz", "86", "5"),
                (AKR + "TransbaikalFront", ako + "objective", AKR + "Mukden", "113", "5"),
                (AKR + "claim-soviet-strength-men", ako + "value", "1577225", "43", "1"),
                (AKR + "KhinganMukdenOffensiveOperation", ako + "conductedBy", AKR + "TransbaikalFront", "187", "5")):
        assert row in rows
    assert {r[4] for r in rows} <= {"1", "5", "6", "32", "36", "40"}  # the references citing Glantz's works
    works = {r[0] for r in labels(kg, "facts-from-source", ("workLabel",), author="David Glantz")}
    assert "August Storm: The Soviet 1945 Strategic Offensive in Manchuria" in works
    assert all(r[0] == AKR + "DavidGlantz" for r in labels(kg, "facts-from-source", ("author",), work="akr:work-glantz-1983-august-storm"))


def test_people_belligerents_places_and_events(kg):
    assert labels(kg, "people-and-offices", ("roleLabel",), person="Puyi") == {
        ("Emperor of Manchukuo",), ("former Emperor of China",)}
    assert labels(kg, "war-belligerents", ("stateLabel", "sideLabel"), conflict="Soviet–Japanese War") == {
        ("Soviet Union", "Allies"), ("Mongolia", "Allies"), ("Japan", "Axis"), ("Manchukuo", None), ("Mengjiang", None)}
    assert labels(kg, "places-within", ("placeLabel",), territory="Manchuria") == {
        ("Mukden",), ("Changchun",), ("Harbin",), ("Jilin",)}
    assert labels(kg, "events-of-agent", ("eventLabel", "role"), agent="Joseph Stalin") == {
        ("Tehran Conference", "participant"), ("Yalta Conference", "participant"), ("Yalta Agreement", "participant"),
        ("Soviet Declaration of War on Japan", "agent"), ("Vasilevsky's report to Stalin", "participant"),
        ("Stalin's speeches denouncing Japan", "agent"), ("Stalin's expression of interest in the Japanese approach", "agent"),
        # the speeches are part of the change in attitude, so he took part in it (participatedIn ∘ partOf)
        ("change in the Soviet attitude to Japan", "participant")}


def test_sources_and_bibliography(kg):
    sources = labels(kg, "sources-of-thing", ("kind", "source"), thing="Kwangtung Army")
    assert ("reference", AKR + "ref-5") in sources and ("section", AKR + "section-japanese-forces") in sources
    works = {r[0] for r in labels(kg, "works-cited", ("workLabel",))}
    assert "August Storm: The Soviet 1945 Strategic Offensive in Manchuria" in works


# --- bad input ------------------------------------------------------------------------------------

def test_unknown_query_suggests_close_names(saved, kg):
    with pytest.raises(UnknownQuery, match="who-commanded"):
        saved.get("who-comanded")
    with pytest.raises(UnknownQuery, match="augustkg queries"):
        kg.run("zzzz")


def test_unknown_parameter(kg):
    with pytest.raises(ParameterError, match=r"'units'.*Did you mean 'unit'"):
        kg.run("who-commanded", units="Kwantung Army")


def test_missing_required_parameter(tmp_path, kg):
    (tmp_path / "needs-unit.rq").write_text(
        "#+ summary: needs a unit\n#+ description: unit (required) is the unit.\n#+ tags: [test]\n"
        "PREFIX ako: <https://w3id.org/augustkg/ontology#>\n"
        "SELECT ?c WHERE { ?_unit_iri ako:commandedBy ?c }\n", encoding="utf-8")
    query = SavedQueries.load(tmp_path).get("needs-unit")
    with pytest.raises(ParameterError, match=r"parameter 'unit': is required by 'needs-unit'"):
        query.bind({}, kg)
    assert [r["c"] for r in query.run(kg, {"unit": "Kwantung Army"}).values()] == [AKR + "OtozoYamada"]


def test_required_parameter_falls_back_to_its_default(kg):
    assert kg.run("operations-on-date").rows == kg.run("operations-on-date", date="1945-08-20").rows


@pytest.mark.parametrize("name, params, message", [
    ("operations-on-date", {"date": "20 August 1945"}, r"parameter 'date'.*not a valid xsd:date"),
    ("operations-on-date", {"date": "1945-02-30"}, r"not a valid xsd:date"),
    ("events-between-dates", {"from": "yesterday"}, r"parameter 'from'"),
    ("who-commanded", {"unit": "Napoleon's Grande Armée"}, r"parameter 'unit': no resource is called"),
    ("who-commanded", {"unit": "akr:NoSuchUnit"}, r"parameter 'unit'"),
    ("who-commanded", {"unit": "  "}, None),  # optional and empty: means "for all"
])
def test_wrong_types(kg, name, params, message):
    if message is None:
        assert len(kg.run(name, **params).rows) == 5
        return
    with pytest.raises(ParameterError, match=message):
        kg.run(name, **params)


INJECTIONS = [
    'akr:TransbaikalFront> } UNION { ?s ?p ?o',
    'Transbaikal Front" } UNION { ?s ?p ?o } #',
    "Transbaikal Front\n} UNION { ?s ?p ?o }",
    "Transbaikal Front # comment",
    "} UNION { ?s ?p ?o",
    "UNION",
    '<https://w3id.org/augustkg/resource/TransbaikalFront> } UNION { ?__unit_iri ?p ?commander',
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_into_an_iri_parameter_is_refused(kg, value):
    before = (read_manifest(kg.generation)["closure_sha256"], len(kg.store))
    with pytest.raises(AugustError) as info:
        kg.run("who-commanded", unit=value)
    assert "parameter 'unit'" in str(info.value)
    assert (read_manifest(kg.generation)["closure_sha256"], len(kg.store)) == before


@pytest.mark.parametrize("value", INJECTIONS + ['") } UNION { ?thing ?p ?o } #', "x'\"\\ \t\r\n}"])
def test_injection_into_a_text_parameter_is_bound_as_data(kg, value):
    before = (read_manifest(kg.generation)["closure_sha256"], len(kg.store))
    query = kg.queries().get("lookup-by-name")
    sparql = query.bind({"name": value}, kg)
    # one VALUES row holding exactly the value, and nothing else changed in the query
    assert sparql.replace(f' VALUES (?__name) {{ ({ox.Literal(value)}) }}\n', "", 1) == query.text
    rows = kg.run("lookup-by-name", name=value).values()
    # no extra rows: only names that really contain the text (e.g. "Soviet Union" for "UNION")
    assert all(value.lower() in row["matchedName"].lower() for row in rows)
    if "{" in value or "}" in value:
        assert rows == []
    assert (read_manifest(kg.generation)["closure_sha256"], len(kg.store)) == before


def test_injection_into_a_date_parameter_is_refused(kg):
    with pytest.raises(ParameterError, match="parameter 'date'"):
        kg.run("operations-on-date", date='1945-08-20"^^xsd:date) || true) } UNION { ?s ?p ?o } #')


def test_values_block_escapes_terms():
    text = bind_values("SELECT * WHERE { ?s ?p ?__x }", {"__x": ox.Literal('a"} UNION {\n#')})
    assert text == 'SELECT * WHERE { VALUES (?__x) { ("a\\"} UNION {\\n#") }\n ?s ?p ?__x }'


def test_malformed_header_names_file_and_line(tmp_path):
    bad = tmp_path / "bad-header.rq"
    bad.write_text("#+ summary: x\n#+ tags: [a\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryFileError, match=r"bad-header.rq:\d+: the #\+ header is not valid YAML"):
        SavedQuery.read(bad)
    unknown = tmp_path / "unknown-default.rq"
    unknown.write_text("#+ summary: x\n#+ defaults:\n#+   - unit: akr:X\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryFileError, match=r"which no \?_unit"):
        SavedQuery.read(unknown)


def test_param_regex_matches_grlc():
    for variable in ("_unit_iri", "__name", "_from_xsd_date", "__label_en"):
        ours = PARAM.fullmatch("?" + variable)
        grlc = GRLC_VARIABLE.match(variable)
        assert ours and grlc and ours.group(2) == grlc["name"]


# --- the command line ---------------------------------------------------------------------------

@pytest.fixture
def invoke(store_dir):
    from augustkg.cli import cli

    runner = CliRunner()

    def run(*args, home=ROOT):
        return runner.invoke(cli, list(args), env={"AUGUSTKG_HOME": str(home), "AUGUSTKG_STORE_DIR": str(store_dir)})

    return run


def test_cli_lists_queries(invoke):
    result = invoke("queries", "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    listed = {q["name"]: q for q in json.loads(result.stdout)}
    assert set(listed) == {p.stem for p in FILES}
    assert listed["events-between-dates"]["parameters"][0]["type"] == "xsd:date"
    table = invoke("queries")
    assert table.exit_code == 0, table.output
    assert "who-commanded" in table.stdout and "akr:TransbaikalFront" in table.stdout
    markdown = invoke("queries", "--format", "markdown")
    assert markdown.exit_code == 0, markdown.output
    assert markdown.stdout == (QUERIES / "README.md").read_text(encoding="utf-8")


def test_cli_runs_a_query_as_csv(invoke):
    result = invoke("run", "who-commanded", "--param", "unit=Kwangtung Army", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "unit,unitLabel,commander,commanderLabel",
        f"{AKR}KwantungArmy,Kwantung Army,{AKR}OtozoYamada,Otozō Yamada"]


def test_cli_show_prints_the_bound_query(invoke):
    result = invoke("run", "operations-on-date", "-p", "date=1945-08-14", "--show")
    assert result.exit_code == 0, result.output
    assert 'VALUES (?_date_xsd_date) { ("1945-08-14"^^<http://www.w3.org/2001/XMLSchema#date>) }' in result.stdout
    ox.Store().query(result.stdout)  # still valid SPARQL


@pytest.mark.parametrize("args, message", [
    (("run", "who-comanded"), "Did you mean: who-commanded"),
    (("run", "who-commanded", "-p", "units=x"), "has no such parameter"),
    (("run", "who-commanded", "-p", "unit"), "write parameters as NAME=VALUE"),
    (("run", "who-commanded", "-p", "unit=Nowhere Army"), "parameter 'unit': no resource is called 'Nowhere Army'"),
    (("run", "operations-on-date", "-p", "date=August"), "parameter 'date': 'August' is not a valid xsd:date"),
    (("run", "who-commanded", "-p", 'unit=akr:X> } UNION { ?s ?p ?o'), "parameter 'unit'"),
])
def test_cli_bad_input_exits_2(invoke, args, message):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def test_cli_missing_required_parameter(invoke, project_copy):
    (project_copy / "queries" / "needs-unit.rq").write_text(
        "#+ summary: needs a unit\n#+ description: unit (required) is the unit.\n"
        "PREFIX ako: <https://w3id.org/augustkg/ontology#>\n"
        "SELECT ?c WHERE { ?_unit_iri ako:commandedBy ?c }\n", encoding="utf-8")
    result = invoke("run", "needs-unit", home=project_copy)
    assert result.exit_code == 2, result.output
    assert "parameter 'unit': is required by 'needs-unit'" in result.stderr
