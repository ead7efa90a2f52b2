"""The layout keeps its promises: no import cycle, no folder named build or dist in the package,
every module on the map in docs/architecture.md, a running doctest for every public name, no
test that waits on a clock, test files named after what they test, no duplicated code."""

from __future__ import annotations

import ast
import doctest
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import requires

import augustkg

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "augustkg"
TESTS = ROOT / "tests"
#: Test files named after a feature rather than a module, and what the feature is.
FEATURES = {
    "architecture": "the layout itself (this file)",
    "browser": "the web pages in a real browser",
    "competency": "the competency questions the graph must answer",
    "faults_builds": "builds and readers under faults: build lock, failed builds, generation switch, cycles",
    "grlc": "the saved queries as grlc parses and fills them",
    "facts": "the fact inventory: every atomic fact of the article asked of the graph",
    "faults": "hostile input and faults: queries that would crash or call out, refused everywhere",
    "faults_http": "hostile HTTP against the server: oversized heads, heads that never end, other hosts and origins",
    "faults_engine": "the engine behind the server failing: killed, hung, dying mid-answer; restarts and /health",
    "faults_cli": "the command line under faults: text that is not UTF-8, formats that do not fit, Ctrl-C",
    "faults_small": "the small faults: a failing SERVICE, an endpoint answering the wrong body, hostile IRIs as links, pictures drawn once",
    "ontology": "the ontology file keeping the contract",
    "owl_tools": "the ontology and data in OWL tools: the OWL API's profile checker, HermiT, Pellet",
    "package": "the wheel installed in a fresh venv and used from an empty folder",
    "scale": "synthetic graphs of 10k-1M triples through the whole pipeline",
    "serve": "the `augustkg serve` command in a child process",
    "shapes": "the SHACL shapes in ontology/shapes.ttl",
    "statement_references": "statement records and citations: every fact points at the lines that state it",
    "story_causes": "competency questions on causes, views and the aftermath",
    "story_background": "competency questions on agreements, expectations and communications",
    "story_campaign": "competency questions on the forces and the campaign: positions, routes, resistance, the ceasefire order",
    "story_forces": "competency questions on positions, plans and the forces",
    "story_campaign": "competency questions on movements, orders and participation",
    "story_sources": "competency questions on the bibliography and statement-level sources",
}


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules one module imports, at the top or inside functions alike."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def test_no_import_cycle():
    found = modules()
    graph = {name: imports(name, path, set(found)) for name, path in found.items()}
    assert len(graph) > 40 and graph["augustkg.cli"]
    cycles, index, low, stack, on_stack = [], {}, {}, [], set()

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    assert cycles == []


def test_no_folder_is_named_like_build_output():
    assert [p for p in (ROOT / "src").rglob("*") if p.is_dir() and p.name in ("build", "dist")] == []


def test_every_module_is_on_the_map():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [str(path.relative_to(PACKAGE)) for path in modules().values()
               if f"`{path.relative_to(PACKAGE)}`" not in text]
    assert missing == [], "add these to the module map in docs/architecture.md"


@pytest.mark.parametrize("name", [n for n in augustkg.__all__ if not n.startswith("__")])
def test_every_public_name_has_a_running_example(name):
    obj = getattr(augustkg, name)
    examples = [e for test in doctest.DocTestFinder().find(obj, name) for e in test.examples]
    assert examples, f"augustkg.{name} has no >>> example in its docstring"


def test_no_example_is_skipped():
    skipped = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if "+SKIP" in p.read_text(encoding="utf-8")]
    assert skipped == []


def test_no_test_waits_on_a_clock():
    """Events or polling with a deadline, never `time.sleep`."""
    sleepers = [p.name for p in TESTS.glob("*.py")
                if re.search(r"\btime\.sleep\(|from time import .*\bsleep\b", p.read_text(encoding="utf-8"))]
    assert sleepers == []


def test_test_files_are_named_after_what_they_test():
    names = set()
    for name in modules():
        parts = name.split(".")[1:]
        for i in range(len(parts)):
            names.add("_".join(parts[i:]))
    unnamed = [p.name for p in TESTS.glob("test_*.py") if p.stem[5:] not in names | set(FEATURES)]
    assert unnamed == [], "name a test file after the module (or the feature, in FEATURES) it tests"


def test_no_duplicated_code_in_the_package():
    requires(shutil.which("duplicates") is not None, "the `duplicates` tool")
    report = subprocess.run(["duplicates", "--repo", str(ROOT / "src"), "--seconds", "120"],
                            capture_output=True, text=True, timeout=300).stdout
    assert report.startswith("no duplicates") and "incomplete" not in report, report


def test_a_missing_optional_tool_skips_locally_and_fails_in_ci(monkeypatch):
    """The one policy for optional tools (`conftest.requires`)."""
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        requires(False, "a tool")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run every test"):
        requires(False, "a tool")
    requires(True, "a tool")  # present: nothing happens
