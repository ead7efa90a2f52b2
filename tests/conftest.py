"""Shared fixtures: the graph is built once per session into a temporary folder.

`closure` is owlrl's closure as an rdflib graph (the reference the graph issue asks tests to
use); `kg` is the built store opened through the public API.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def asserted_triples():
    from augustkg.inputs import Inputs
    from augustkg.build.parse import parse_files

    return set(parse_files(Inputs.find(ROOT).graph_files))


@pytest.fixture(scope="session")
def fast_closure(asserted_triples):
    from augustkg.build.reason import materialize

    return materialize(asserted_triples)


@pytest.fixture(scope="session")
def owlrl_triples(asserted_triples):
    from augustkg.build.reference import owlrl_closure

    return owlrl_closure(asserted_triples)


@pytest.fixture(scope="session")
def closure(owlrl_triples):
    """owlrl's closure of ontology + data as an rdflib Graph, with the project prefixes bound."""
    from augustkg.build.rdflib_bridge import to_rdflib
    from augustkg.namespaces import PREFIXES

    g = to_rdflib(owlrl_triples)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory) -> Path:
    from augustkg.build import build

    out = tmp_path_factory.mktemp("build")
    build(ROOT, out)
    return out


@pytest.fixture(scope="session")
def kg(build_dir):
    import augustkg

    return augustkg.open(ROOT, build_dir)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A private copy of ontology/, data/ and queries/ that a test may break."""
    for name in ("ontology", "data", "queries"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def select_labels(graph, sparql: str, var: str | None = None) -> set[str]:
    """Run SPARQL on an rdflib graph; return the English labels (or literal values) of one column."""
    from augustkg.namespaces import sparql_prefixes

    result = graph.query(sparql_prefixes() + sparql)
    column = var or str(result.vars[0])
    out = set()
    for row in result:
        value = row[column]
        if value is None:
            continue
        label = None
        if not hasattr(value, "language"):  # an IRI or blank node: use its English label
            for lbl in graph.objects(value, __import__("rdflib").RDFS.label):
                if getattr(lbl, "language", None) == "en":
                    label = str(lbl)
        out.add(label if label is not None else str(value))
    return out
