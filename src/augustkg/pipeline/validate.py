"""The SHACL step: which engine checks the shapes, and the results as rows a person can read.

The closure is validated, not the asserted graph: shapes that target a class then reach its
subclasses and inferred members, and the build has already paid for reasoning. Two engines
give the same rows: pyshacl (`shacl_pyshacl.py`, the reference) on small graphs, the shapes
compiled to SPARQL over the store (`shacl_sparql.py`) on big ones; `run.shacl_results` calls
the chosen one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..errors import ValidationFailed


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the focus node (N-Triples), its label, the path and the message."""

    focus: str
    label: str
    path: str
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        path = f" [{self.path}]" if self.path else ""
        return f"{self.label} ({self.focus}){path}: {self.message}"


def shacl_engine(choice: str, closure_size: int) -> str:
    """pyshacl for small graphs (the reference), SPARQL over the store above the threshold.

    >>> shacl_engine("auto", 7_000), shacl_engine("auto", 3_000_000), shacl_engine("sparql", 10)
    ('pyshacl', 'sparql', 'sparql')
    """
    if choice != "auto":
        return choice
    return "sparql" if closure_size > settings.get("shacl_sparql_above") else "pyshacl"


def fail_on(found: list[Violation]) -> None:
    """Raise ValidationFailed naming the first 50 violations, if there are any."""
    violations = [v for v in found if v.severity == "Violation"]
    if violations:
        raise ValidationFailed(f"SHACL validation found {len(violations)} violation(s):\n  "
                               + "\n  ".join(str(v) for v in violations[:50]))
