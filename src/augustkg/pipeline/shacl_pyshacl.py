"""SHACL with pyshacl, the reference engine: the closure's results as `Violation` rows.

Used below `shacl_sparql_above` closure triples; above it pyshacl's Python walk of an rdflib
graph takes minutes, and `shacl_sparql.py` checks the same shapes as queries.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from .rdflib_bridge import term_string, to_rdflib
from .validate import Violation


def validate(closure, shapes_file: Path) -> list[Violation]:
    """Every SHACL result for the closure against the shapes file, sorted."""
    import pyshacl
    import rdflib
    from rdflib.namespace import RDFS, SH

    data = to_rdflib(closure)
    try:
        shapes = rdflib.Graph().parse(shapes_file, format="turtle")
    except Exception as exc:  # rdflib raises several types; all mean "bad shapes file"
        raise DataError(shapes_file, getattr(exc, "lines", None), f"malformed shapes: {exc}") from None
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False,
                                           allow_warnings=True)
    if conforms:
        return []
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        label = data.value(focus, RDFS.label) or focus
        out.append(Violation(
            focus=term_string(focus),
            label=str(label),
            path=_short(path) if path is not None else "",
            message=str(message) if message else "constraint not met",
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        ))
    return sorted(set(out))


def _short(term) -> str:
    from ..namespaces import shorten

    return shorten(str(term)) if not hasattr(term, "n3") or term.__class__.__name__ == "URIRef" else str(term)
