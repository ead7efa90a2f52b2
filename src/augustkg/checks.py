"""Quality rules as data: every `ontology/checks/*-violation.rq` is a query whose rows break a rule.

Rules that SHACL states badly (about the files rather than one class: every resource the files
mention is labelled, typed and cited; every ontology term is documented) are SPARQL SELECTs
that must return no rows, each opening with a comment that says the rule and why it matters.
A new file in the folder is a new rule: `augustkg validate` runs it and so does the test suite,
with nothing to register.

A check whose opening comment has the line `# Severity: error` guards the graph's integrity
(no cycles in the chain of command, part-of or located-in): every build runs it on the new
store before publishing it, and a row fails the build (`fail_build`). The others are reported by
`augustkg validate` and the tests.

They run on the store's layout: the default graph is the closure, and the asserted triples are
in the named graph `<https://w3id.org/augustkg/graph/asserted>` for rules about what the files say.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import QueryFileError
from .namespaces import shorten
from .sparql import query_form

FOLDER = Path("ontology") / "checks"
SUFFIX = "-violation.rq"
ERROR = "Severity: error"  # the comment line of a check that fails the build


@dataclass(frozen=True)
class Check:
    """One rule: its name (the file name without `-violation.rq`), file, rule text and query."""

    name: str
    path: Path
    rule: str
    sparql: str
    fails_build: bool = False

    @classmethod
    def read(cls, path: Path) -> "Check":
        """Read a check file; one without its opening comment or that is no SELECT is refused.

        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "untyped-violation.rq"
        >>> _ = path.write_text("# Rule: every resource has a type.\\n# Why: shapes find things by type.\\n"
        ...                     "SELECT ?r WHERE { ?r ?p ?o FILTER NOT EXISTS { ?r a ?t } }\\n")
        >>> check = Check.read(path)
        >>> check.name, check.rule
        ('untyped', 'Rule: every resource has a type. Why: shapes find things by type.')
        """
        text = path.read_text(encoding="utf-8")
        comment = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comment.append(line.lstrip("#").strip())
        if not " ".join(comment).strip():
            raise QueryFileError(path, 1, "a check opens with a comment saying its rule and why")
        if query_form(text) != "SELECT":
            raise QueryFileError(path, None, "a check is a SELECT whose rows are the violations")
        return cls(path.name[:-len(SUFFIX)], path, " ".join(c for c in comment if c), text, ERROR in comment)

    def run(self, engine) -> "Found":
        """The rows that break the rule, on any `engine.Engine`."""
        result = engine.query(self.sparql, source=str(self.path))
        return Found(self, result.variables, result.rows)


@dataclass(frozen=True)
class Found:
    """What one check found: its rows of pyoxigraph terms (none when the rule holds)."""

    check: Check
    variables: list
    rows: list

    def lines(self) -> list[str]:
        """One line per row, IRIs as prefixed names: `name: var=value, ...`."""
        return [f"{self.check.name}: " + ", ".join(f"{v}={_text(t)}" for v, t in zip(self.variables, row))
                for row in self.rows]


def _text(term) -> str:
    if term is None:
        return "-"
    value = getattr(term, "value", str(term))
    return shorten(value) if type(term).__name__ == "NamedNode" else value


class Checks:
    """Every check of a project, read from `<home>/ontology/checks/`, in file-name order."""

    def __init__(self, checks: list[Check]):
        self.checks = checks

    @classmethod
    def load(cls, home: Path) -> "Checks":
        return cls([Check.read(p) for p in sorted((Path(home) / FOLDER).glob("*" + SUFFIX))])

    def __iter__(self):
        return iter(self.checks)

    def __len__(self) -> int:
        return len(self.checks)

    def run(self, engine) -> list[Found]:
        """Each check's findings, clean ones included."""
        return [check.run(engine) for check in self.checks]


def fail_build(home: Path, store) -> None:
    """Raise InconsistentGraph naming every row of the checks that fail the build (a pyoxigraph
    store in the build's layout); nothing when they all hold."""
    from .errors import InconsistentGraph
    from .graph import KnowledgeGraph

    checks = Checks([c for c in Checks.load(home) if c.fails_build])
    if not checks:
        return
    kg = KnowledgeGraph.from_store(store, home)
    broken = [(found.check, line) for found in checks.run(kg) for line in found.lines()]
    if broken:
        lines = [f"{check.path}: {line}" for check, line in broken]
        raise InconsistentGraph("the graph breaks a rule that fails the build:\n  " + "\n  ".join(lines))


def validate_project(home: Path | None = None, shacl: str | None = None):
    """(SHACL results, check findings) for a project's inputs, without a build: what `augustkg
    validate` shows. The graph is built in memory, so this works on a graph whose build fails;
    SHACL uses the same engine choice as the build."""
    from . import settings
    from .graph import KnowledgeGraph
    from .inputs import Inputs
    from .pipeline import in_memory
    from .pipeline.parse import parse_files
    from .pipeline.run import shacl_results
    from .pipeline.validate import shacl_engine

    home = Path(home) if home else settings.home()
    inputs = Inputs.find(home)
    store, closure = in_memory(parse_files(inputs.graph_files))
    found = []
    if inputs.shapes:
        engine = shacl_engine(settings.choose("shacl", shacl), len(closure))
        found = shacl_results(engine, inputs.shapes, closure=closure, store=store)
    return found, Checks.load(home).run(KnowledgeGraph.from_store(store, home))
