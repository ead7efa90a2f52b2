"""Drawings: valid SVG holding every unit under the chosen root and every operation, PNG output,
and clean errors for names that are not units."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from conftest import requires

from augustkg.cli import cli

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def dot():
    requires(shutil.which("dot") is not None, "Graphviz (`dot`)")


def _invoke(kg, *args):
    return CliRunner().invoke(cli, ["draw", *args, "--store-dir", str(kg.generation.parent)],
                              env={"AUGUSTKG_HOME": str(kg.home)})


def _node_texts(svg_path) -> list[str]:
    """The text of each Graphviz node, its lines joined by spaces (long labels are wrapped)."""
    root = ET.parse(svg_path).getroot()
    return [" ".join(t.text or "" for t in g.iter(SVG + "text"))
            for g in root.iter(SVG + "g") if g.get("class") == "node"]


def _labels(kg, sparql):
    return {row["label"] for row in kg.query(sparql).values()}


def test_oob_under_a_root(kg, tmp_path, dot):
    out = tmp_path / "kwantung.svg"
    result = _invoke(kg, "oob", "--root", "Kwangtung Army", "-o", str(out))  # an alternative name
    assert result.exit_code == 0, result.output
    under = _labels(kg, 'SELECT ?label WHERE { ?u ako:subordinateTo akr:KwantungArmy ; rdfs:label ?label '
                        'FILTER(lang(?label) = "en") }')
    texts = _node_texts(out)
    assert len(under) >= 9 and len(texts) == len(under) + 1
    for label in under | {"Kwantung Army"}:
        assert any(t.startswith(label) for t in texts), label
    assert any("Otozō Yamada" in t for t in texts)  # the commander, in the unit's box
    assert not any("Transbaikal Front" in t for t in texts)


def test_oob_of_everything(kg, tmp_path, dot):
    out = tmp_path / "oob.svg"
    assert _invoke(kg, "oob", "-o", str(out)).exit_code == 0
    texts = _node_texts(out)
    units = _labels(kg, 'SELECT ?label WHERE { ?u a ako:MilitaryUnit ; rdfs:label ?label FILTER(lang(?label) = "en") }')
    assert len(texts) == len(units)
    for label in units:
        assert any(t.startswith(label) for t in texts), label
    commanders = _labels(kg, 'SELECT ?label WHERE { ?p ako:commands ?u ; rdfs:label ?label FILTER(lang(?label) = "en") }')
    for name in commanders:
        assert any(name in t for t in texts), name
    clusters = [g for g in ET.parse(out).getroot().iter(SVG + "g") if g.get("class") == "cluster"]
    assert {" ".join(t.text for t in c.iter(SVG + "text")) for c in clusters} == {"Allies", "Axis"}


def test_oob_png(kg, tmp_path, dot):
    out = tmp_path / "oob.png"
    assert _invoke(kg, "oob", "--root", "Far East Command", "--format", "png", "-o", str(out)).exit_code == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name, message", [("Kwantng Armi", "Did you mean"), ("Mukden", "not a military unit")])
def test_oob_bad_root(kg, tmp_path, name, message):
    out = tmp_path / "bad.svg"
    result = _invoke(kg, "oob", "--root", name, "-o", str(out))
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output and not out.exists()
    if message == "Did you mean":
        assert "Kwantung Army" in result.output


def test_timeline(kg, tmp_path):
    out = tmp_path / "timeline.svg"
    result = _invoke(kg, "timeline", "-o", str(out))
    assert result.exit_code == 0, result.output
    texts = [t.text or "" for t in ET.parse(out).getroot().iter(SVG + "text")]
    operations = _labels(kg, 'SELECT ?label WHERE { ?o a ako:Operation ; ako:startDate ?d ; rdfs:label ?label '
                             'FILTER(lang(?label) = "en") }')
    assert len(operations) >= 8
    for label in operations | {"Soviet–Japanese War"}:
        assert label in texts, label
    assert any("Gyokuon-hōsō" in t for t in texts)  # an event mark, with its macrons intact
    assert any("Atomic bombing of Hiroshima" in t for t in texts)
    png = tmp_path / "timeline.png"
    assert _invoke(kg, "timeline", "--format", "png", "-o", str(png)).exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
