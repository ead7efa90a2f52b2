"""The saved queries as grlc itself reads them: grlc's own parser (`grlc.gquery.get_metadata`) on
every file in queries/, every parameter it derives documented in the header, and each IRI
parameter's by-name twin (`?__xName_literal`, for grlc users who can only paste text) answering,
through grlc's own substitution (`rewrite_query`), like the IRI does.

Restating grlc's rules (tests/test_saved.py) can drift from grlc; running grlc cannot.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from augustkg.saved import SavedQuery
from conftest import optional_module
from test_saved import ox_rows

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "queries").glob("*.rq"))
# grlc asks an endpoint only for `enumerate` entries without values; none of ours, so nothing listens here
NO_ENDPOINT = "http://127.0.0.1:9/sparql"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.fixture(scope="module")
def gquery():
    return optional_module("grlc.gquery", "grlc (pip install grlc; in the test extra)")


def grlc_metadata(gquery, path: Path) -> dict:
    metadata = gquery.get_metadata(path.read_text(encoding="utf-8"), NO_ENDPOINT)
    assert metadata["type"] == "SelectQuery", f"{path.name}: grlc could not parse it as a SELECT"
    return metadata


def twins(parameters: dict) -> dict:
    """IRI parameter name -> its by-name twin, among the parameters grlc derived."""
    return {name: name + "Name" for name, p in parameters.items()
            if p.get("format") == "iri" and name + "Name" in parameters}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_parameter_grlc_derives_is_documented(path, gquery):
    metadata = grlc_metadata(gquery, path)
    parameters = metadata["parameters"]
    description = str(metadata.get("description", ""))
    for name in parameters:
        assert re.search(rf"\b{re.escape(name)}\b", description), (
            f"{path.name}: grlc offers parameter '{name}' but the header does not describe it")
    for entry in metadata.get("defaults") or []:
        assert set(entry) <= set(parameters), f"{path.name}: a default names no parameter grlc sees"
    for entry in metadata.get("enumerate") or []:
        for name, values in entry.items():
            assert name in parameters and values, f"{path.name}: enumerate '{name}' without values"
    # augustkg offers the same parameters, less the twins it does not need (it resolves names itself)
    ours = {p.name for p in SavedQuery.read(path).params}
    assert ours == set(parameters) - set(twins(parameters).values())


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_iri_parameter_has_a_by_name_twin(path, gquery):
    metadata = grlc_metadata(gquery, path)
    parameters = metadata["parameters"]
    description = " ".join(str(metadata.get("description", "")).split())
    for name, p in parameters.items():
        if p.get("format") == "iri":
            twin = parameters.get(name + "Name")
            assert twin and twin["type"] == "literal" and not twin["required"], (
                f"{path.name}: IRI parameter '{name}' has no optional by-name twin ?__{name}Name_literal")
            assert re.search(rf"\b{name} takes an IRI .*\b{name}Name any name", description), (
                f"{path.name}: the header does not say what {name} and {name}Name accept from grlc")
            # IF, not ||: rdflib evaluates every operand of ||, so an EXISTS there would run on each row
            assert f'FILTER(IF(COALESCE(STR(?__{name}Name_literal), "") = "", true, EXISTS' in metadata["query"]


def _label(kg, iri: str) -> str:
    rows = kg.query(f'SELECT ?l WHERE {{ <{iri}> <{RDFS_LABEL}> ?l FILTER(LANG(?l) = "en") }}').rows
    assert rows, f"<{iri}> has no English label"
    return rows[0][0].value


WITH_IRI_PARAMETERS = [p for p in FILES if re.search(r"\?__\w+_iri\b", p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("path", WITH_IRI_PARAMETERS, ids=[p.stem for p in WITH_IRI_PARAMETERS])
def test_a_name_through_grlc_answers_like_the_iri(path, gquery, kg):
    metadata = grlc_metadata(gquery, path)
    parameters = metadata["parameters"]
    defaults = {k: str(v) for entry in metadata.get("defaults") or [] for k, v in entry.items()}
    pairs = twins(parameters)
    assert pairs, f"{path.name}: grlc finds no IRI parameter"
    query = metadata["query"]
    for iri_name, name_name in pairs.items():
        others = {k: v for k, v in defaults.items() if k != iri_name and parameters[k]["required"]}
        by_iri = gquery.rewrite_query(query, parameters, {**others, iri_name: defaults[iri_name]})
        label = _label(kg, defaults[iri_name])
        by_name = gquery.rewrite_query(query, parameters, {**others, name_name: label.upper()})
        expected = ox_rows(kg, by_iri)
        assert expected, f"{path.name}: no rows for {iri_name}={defaults[iri_name]}"
        assert ox_rows(kg, by_name) == expected, f"{path.name}: {name_name}={label.upper()!r} differs from the IRI"
        nobody = gquery.rewrite_query(query, parameters, {**others, name_name: "no such name at all"})
        assert not ox_rows(kg, nobody)
