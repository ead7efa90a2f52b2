"""The command line: every command's output parses back, user mistakes are one clean line and an
exit code, and the query path stays light."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
import rdflib
from click.testing import CliRunner

from augustkg.cli import cli
UNDER_KWANTUNG = "SELECT ?u ?label WHERE { ?u ako:subordinateTo akr:KwantungArmy ; rdfs:label ?label } ORDER BY ?label"
GRAPH_QUERY = "CONSTRUCT { ?u ako:directlySubordinateTo ?s ; rdfs:label ?l } WHERE { ?u ako:directlySubordinateTo ?s ; rdfs:label ?l }"


@pytest.fixture
def run(store_dir):
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, [*args, "--store-dir", str(store_dir)], input=input)

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


def test_malformed_sparql_gives_line_and_column(run):
    result = run("query", "SELECT ?s\nWHERE { ?s ?p }", "--format", "csv")
    assert result.exit_code == 2
    assert "line 2, column" in result.stderr and "Traceback" not in result.output


def test_describe_command_prints_the_entity_page(run):
    result = run("describe", "Shenyang")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Mukden") and "Shenyang" in out  # the label, then every name
    # the definition comes first, the place before the provenance, and inferred facts say so
    assert out.index("What it is") < out.index("Places and what became of them") < out.index("Provenance")
    assert "(inferred)" in out and "Western Front of Manchuria, paragraph" in out


def test_describe_unknown_name_exits_2_with_suggestions(run):
    result = run("describe", "Vasilevski")
    assert result.exit_code == 2
    assert "Did you mean" in result.stderr and "Aleksandr Vasilevsky" in result.stderr


def test_validate_command_reports_no_violations_on_the_shipped_graph():
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert "0 violation(s)" in result.stderr


def test_the_query_path_imports_no_rdflib_owlrl_or_pyshacl(store_dir):
    """Nor the HTTP client of remote endpoints, nor dataclasses: each costs a cold start."""
    code = (
        "import sys\n"
        "from augustkg.cli import cli\n"
        f"try:\n    cli(['query', '--store-dir', {str(store_dir)!r}, '--format', 'csv', 'ASK {{}}'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('rdflib', 'owlrl', 'pyshacl', 'rich', 'urllib.request', 'dataclasses')"
        " if m in sys.modules))\n"
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
    # two shape violations (no superior, no country) and the isolated-resource check
    assert "isolated-resource: resource=akr:NewUnit" in result.stdout
    assert "3 violation(s)" in result.stderr


def test_construct_after_a_prefix_with_a_hash_defaults_to_turtle(run):
    """Regression: the CLI took the `#` of `<...ns#>` for a comment, so a CONSTRUCT after such a
    PREFIX was treated as SELECT and failed with "'tsv' is not a graph format"."""
    result = run("query", "PREFIX ex: <http://e.org/ns#>\n"
                 "CONSTRUCT { ?u ex:under ?s } WHERE { ?u ako:directlySubordinateTo ?s }")
    assert result.exit_code == 0, result.output
    assert len(rdflib.Graph().parse(data=result.stdout, format="turtle")) > 20


def test_validate_runs_the_checks_and_shows_their_rows(project_copy, monkeypatch):
    """A resource the files mention but never describe breaks three quality checks."""
    with open(project_copy / "data" / "people.ttl", "a") as fh:
        fh.write("\nakr:RodionMalinovsky ako:commands akr:NoSuchUnitDescribed .\n")
    monkeypatch.setenv("AUGUSTKG_HOME", str(project_copy))
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1, result.output
    for check in ("resource-label", "resource-type", "resource-provenance"):
        assert f"Violation: {check}: resource=akr:NoSuchUnitDescribed" in result.stdout
    as_json = CliRunner().invoke(cli, ["validate", "--format", "json"])
    assert {"severity": "Violation", "check": "resource-type",
            "row": "resource-type: resource=akr:NoSuchUnitDescribed"} in json.loads(as_json.stdout)


@pytest.mark.parametrize("args, message", [
    (("build", "--reasoner", "magic"), "'magic' is not one of 'fast', 'owlrl'"),
    (("export", "--format", "pdf"), "'pdf' is not one of"),
    (("draw", "timeline", "--format", "gif"), "'gif' is not one of 'svg', 'png'"),
])
def test_choices_come_from_the_registries(args, message):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 2 and message in result.output


def test_help_gives_each_settings_variable_and_default():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "[env AUGUSTKG_PORT; default 7878]" in " ".join(result.output.split())
