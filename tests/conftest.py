"""Shared fixtures: the graph is built once per session into a temporary store folder.

`asserted_triples` and `fast_closure` are the shipped graph as the pipeline reads and reasons
it; `closure` is owlrl's closure as an rdflib graph (the reference competency questions are
checked against); `store_dir` is the session's build and `kg` that store opened through the
public API. `oxigraph_url` is a bare Oxigraph server; `requires` is the one policy for optional
tools: a test that needs one skips with the reason on a developer's machine, and fails in CI
(`CI` set), where everything must be installed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The project's copy of the article (../shared/source/, or $AUGUSTKG_ARTICLE); tests that read it
#: skip in a user's clone without it and fail in CI.
ARTICLE = Path(os.environ.get("AUGUSTKG_ARTICLE") or ROOT.parent / "shared" / "source" / "soviet-japanese-war.txt")


def requires(available: bool, what: str) -> None:
    """Skip (locally) or fail (with CI set) a test that needs a tool that is missing."""
    if available:
        return
    message = f"{what} is not installed (bash scripts/setup.sh installs it)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must run every test", pytrace=False)
    pytest.skip(message)


def optional_module(name: str, what: str):
    """The module if it is installed; otherwise as `requires` says (skip locally, fail in CI)."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        requires(False, what)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def asserted_triples():
    from augustkg.inputs import Inputs
    from augustkg.pipeline.parse import parse_files

    return set(parse_files(Inputs.find(ROOT).graph_files))


@pytest.fixture(scope="session")
def fast_closure(asserted_triples):
    from augustkg.pipeline.reason import materialize

    return materialize(asserted_triples)


@pytest.fixture(scope="session")
def owlrl_triples(asserted_triples):
    from augustkg.pipeline.reference_reasoner import owlrl_closure

    return owlrl_closure(asserted_triples)


@pytest.fixture(scope="session")
def closure(owlrl_triples):
    """owlrl's closure of ontology + data as an rdflib Graph, with the project prefixes bound."""
    from augustkg.namespaces import PREFIXES
    from augustkg.pipeline.rdflib_bridge import to_rdflib

    g = to_rdflib(owlrl_triples)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory) -> Path:
    from augustkg.pipeline import build

    out = tmp_path_factory.mktemp("store")
    build(ROOT, out)
    return out


@pytest.fixture(scope="session")
def kg(store_dir):
    import augustkg

    return augustkg.open(ROOT, store_dir)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A private copy of ontology/, data/ and queries/ that a test may break."""
    for name in ("ontology", "data", "queries"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def oxigraph_url():
    """A bare, empty Oxigraph server (read-write, in memory) on loopback."""
    from processes import oxigraph, oxigraph_binary

    requires(Path(oxigraph_binary()).exists(), "the oxigraph server (PyPI package `oxigraph`)")
    with oxigraph() as url:
        yield url


#: The units under the Kwantung Army: a query with a known, non-trivial answer, for the servers.
HIERARCHY = "SELECT ?unit WHERE { ?unit ako:subordinateTo akr:KwantungArmy } ORDER BY ?unit"


def expected_units(kg) -> list[str]:
    """HIERARCHY's answer on the embedded store: what every server must answer too."""
    return [row["unit"] for row in kg.query(HIERARCHY).values()]


def iris(answer: dict, var: str) -> list[str]:
    """One column of SPARQL JSON results."""
    return [b[var]["value"] for b in answer["results"]["bindings"]]


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


@pytest.fixture(scope="session")
def article() -> list[str]:
    """The lines of the project's copy of the article."""
    if not ARTICLE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the copy of the article is missing in CI: {ARTICLE}")
        pytest.skip(f"no copy of the article at {ARTICLE} (set AUGUSTKG_ARTICLE)")
    return ARTICLE.read_text(encoding="utf-8").splitlines()
