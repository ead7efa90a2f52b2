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

    def run_on_store(self, store) -> "Found":
        """The rows that break the rule, on a pyoxigraph store laid out as a build lays it out
        (what the build has before anything is published)."""
        from .namespaces import PREFIXES

        solutions = store.query(self.sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        variables = [v.value for v in solutions.variables]
        return Found(self, variables, [tuple(row[v] for v in variables) for row in solutions])


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
    """Raise InconsistentGraph naming every row of the checks that fail the build, run on a
    pyoxigraph store in the build's layout; nothing when they all hold."""
    from .errors import InconsistentGraph

    lines = [f"{check.path}: {line}" for check in Checks.load(home) if check.fails_build
             for line in check.run_on_store(store).lines()]
    if lines:
        raise InconsistentGraph("the graph breaks a rule that fails the build:\n  " + "\n  ".join(lines))
