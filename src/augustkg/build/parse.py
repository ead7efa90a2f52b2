"""Turtle in, N-Triples-string triples out, with deterministic blank-node labels.

Triples are kept as tuples of N-Triples term strings: hashable, cheap, and already in the form
of the sorted dump. Blank nodes are relabelled by file and order of first appearance, because the
parser's own labels are random and the dump must be byte-identical from one build to the next.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import DataError

Triple = tuple[str, str, str]


def parse_file(path: Path, file_index: int) -> list[Triple]:
    """Parse one Turtle file; a syntax error becomes a DataError naming the file and line."""
    labels: dict[str, str] = {}

    def term(t) -> str:
        if isinstance(t, ox.BlankNode):
            label = labels.get(t.value)
            if label is None:
                label = labels[t.value] = f"_:f{file_index}b{len(labels)}"
            return label
        return str(t)

    try:
        with open(path, "rb") as fh:
            quads = list(ox.parse(fh, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()))
    except SyntaxError as exc:
        raise DataError(path, exc.lineno, f"malformed Turtle: {exc.msg}") from None
    except OSError as exc:
        raise DataError(path, None, f"cannot read: {exc}") from None
    return [(term(q.subject), str(q.predicate), term(q.object)) for q in quads]


def parse_files(paths) -> list[Triple]:
    triples: list[Triple] = []
    for i, path in enumerate(paths):
        triples.extend(parse_file(Path(path), i))
    return triples


def ntriples(triples) -> str:
    """Sorted, de-duplicated N-Triples text: the canonical dump of a graph."""
    return "".join(sorted({f"{s} {p} {o} .\n" for s, p, o in triples}))
