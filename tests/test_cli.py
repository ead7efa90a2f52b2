"""The query and describe commands, the Python API, and clean errors for user mistakes."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
import rdflib
from click.testing import CliRunner

from augustkg.cli import cli
from augustkg.errors import QuerySyntaxError, UnknownName

AKR = "https://w3id.org/augustkg/resource/"
UNDER_KWANTUNG = "SELECT ?u ?label WHERE { ?u ako:subordinateTo akr:KwantungArmy ; rdfs:label ?label } ORDER BY ?label"
GRAPH_QUERY = "CONSTRUCT { ?u ako:directlySubordinateTo ?s ; rdfs:label ?l } WHERE { ?u ako:directlySubordinateTo ?s ; rdfs:label ?l }"


@pytest.fixture
def run(build_dir):
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, [*args, "--build-dir", str(build_dir)], input=input)

    return invoke


def expected_units(kg) -> set[str]:
    return {row["u"] for row in kg.query(UNDER_KWANTUNG).values()}


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_formats_parse_back_with_rdflib(run, kg, fmt):
    result = run("query", UNDER_KWANTUNG, "--format", fmt)
    assert result.exit_code == 0, result.output
    parsed = rdflib.query.Result.parse(io.BytesIO(result.stdout_bytes), format=fmt)
    units = {str(row[0]) for row in parsed}
    assert units == expected_units(kg) and len(units) >= 7


@pytest.mark.parametrize("fmt,rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml")])
def test_graph_formats_parse_back_with_rdflib(run, kg, fmt, rdflib_format):
    result = run("query", GRAPH_QUERY, "--format", fmt)
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(data=result.stdout_bytes, format=rdflib_format)
    expected = len(kg.query(GRAPH_QUERY).triples)
    assert len(graph) == expected > 20


def test_ask_answers(run):
    result = run("query", "ASK { akr:ThirdArmy ako:subordinateTo akr:KwantungArmy }", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["boolean"] is True


def test_query_from_file_and_stdin(run, tmp_path, kg):
    path = tmp_path / "q.rq"
    path.write_text(UNDER_KWANTUNG)
    from_file = run("query", "-f", str(path), "--format", "csv")
    from_stdin = run("query", "--format", "csv", input=UNDER_KWANTUNG)
    assert from_file.exit_code == 0 and from_stdin.exit_code == 0, from_file.output + from_stdin.output
    assert from_file.output == from_stdin.output
    assert "Third Area Army" in from_file.output


def test_asserted_leaves_out_inferences(run):
    q = "SELECT ?u WHERE { ?u ako:subordinateTo akr:KwantungArmy }"
    inferred = run("query", q, "--format", "csv").output.splitlines()
    asserted = run("query", q, "--format", "csv", "--asserted").output.splitlines()
    assert len(inferred) > 5 and asserted == ["u"]


def test_table_shows_labels_beside_iris(build_dir, kg):
    from rich.console import Console

    from augustkg.table import print_table

    console = Console(file=io.StringIO(), width=200)
    print_table(kg.query("SELECT ?c WHERE { ?c ako:commands akr:TransbaikalFront }"), kg, console)
    assert "Rodion Malinovsky (akr:RodionMalinovsky)" in console.file.getvalue()


def test_malformed_sparql_gives_line_and_column(run):
    result = run("query", "SELECT ?s\nWHERE { ?s ?p }", "--format", "csv")
    assert result.exit_code == 2
    assert "line 2, column" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("name", ["Mukden", "Shenyang", "mukden", "akr:Mukden", AKR + "Mukden"])
def test_describe_finds_mukden_by_any_name(kg, name):
    assert kg.resolve(name) == AKR + "Mukden"


@pytest.mark.parametrize("name", ["Kwantung Army", "Kwangtung Army", "KWANGTUNG ARMY"])
def test_describe_finds_the_kwantung_army_by_any_spelling(kg, name):
    assert kg.resolve(name) == AKR + "KwantungArmy"


def test_accents_and_dashes_are_ignored(kg):
    assert kg.resolve("Otozo Yamada") == AKR + "OtozoYamada"
    assert kg.resolve("Trans-Baikal Front") == kg.resolve("Transbaikal Front")
    assert kg.resolve("Khingan-Mukden Offensive Operation") == AKR + "KhinganMukdenOffensiveOperation"


def test_unknown_name_suggests_close_matches(kg):
    with pytest.raises(UnknownName) as err:
        kg.resolve("Malinovski")
    assert any(iri == AKR + "RodionMalinovsky" for iri, _ in err.value.candidates)


def test_ambiguous_name_lists_candidates():
    from augustkg.names import NameIndex

    index = NameIndex([(AKR + "a", "Korea", "label"), (AKR + "b", "Korea", "label")])
    with pytest.raises(UnknownName, match="ambiguous") as err:
        index.resolve("korea")
    assert {iri for iri, _ in err.value.candidates} == {AKR + "a", AKR + "b"}


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


def test_describe_command_prints_the_entity_page(run):
    result = run("describe", "Shenyang")
    assert result.exit_code == 0, result.output
    assert "Mukden" in result.output and "Inferred facts" in result.output


def test_describe_unknown_name_exits_2_with_suggestions(run):
    result = run("describe", "Vasilevski")
    assert result.exit_code == 2
    assert "Did you mean" in result.stderr and "Aleksandr Vasilevsky" in result.stderr


def test_python_api_returns_rows_of_python_values(kg):
    import datetime

    rows = kg.query("SELECT ?start WHERE { akr:SouthSakhalinOperation ako:startDate ?start }").values()
    assert rows == [{"start": datetime.date(1945, 8, 11)}]
    assert kg.query("ASK { ?x a ako:Commander }").boolean is True


def test_python_api_raises_clean_syntax_errors(kg):
    with pytest.raises(QuerySyntaxError) as err:
        kg.query("SELECT * WHERE {")
    assert err.value.line == 1


def test_validate_command_reports_no_violations_on_the_shipped_graph():
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert "0 violation(s)" in result.stderr


def test_the_query_path_imports_no_rdflib_owlrl_or_pyshacl(build_dir):
    code = (
        "import sys\n"
        "from augustkg.cli import cli\n"
        f"try:\n    cli(['query', '--build-dir', {str(build_dir)!r}, '--format', 'csv', 'ASK {{}}'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('rdflib', 'owlrl', 'pyshacl', 'rich') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("engine", ["pyshacl", "sparql"])
def test_validate_command_reports_a_broken_record_and_exits_1(project_copy, monkeypatch, engine):
    with open(project_copy / "data" / "units.ttl", "a") as fh:
        fh.write('\nakr:NewUnit a ako:Division ; rdfs:label "New unit"@en ; ako:section akr:section-campaign .\n')
    monkeypatch.setenv("AUGUSTKG_HOME", str(project_copy))
    monkeypatch.setenv("AUGUSTKG_SHACL", engine)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1, result.output
    assert "New unit" in result.stdout and "armedForceOf" in result.stdout
    assert "2 violation(s)" in result.stderr


def test_construct_after_a_prefix_with_a_hash_defaults_to_turtle(run):
    """Regression: the CLI took the `#` of `<...ns#>` for a comment, so a CONSTRUCT after such a
    PREFIX was treated as SELECT and failed with "'tsv' is not a graph format"."""
    result = run("query", "PREFIX ex: <http://e.org/ns#>\n"
                 "CONSTRUCT { ?u ex:under ?s } WHERE { ?u ako:directlySubordinateTo ?s }")
    assert result.exit_code == 0, result.output
    assert len(rdflib.Graph().parse(data=result.stdout, format="turtle")) > 20
