"""Turtle in, N-Triples-string triples out, with deterministic blank-node labels.

Triples are kept as tuples of N-Triples term strings: hashable, cheap, and already in the form
of the sorted dump. Blank nodes are relabelled by file and order of first appearance, because the
parser's own labels are random and the dump must be byte-identical from one build to the next.

Blank nodes of the data (the statement records) are skolemized instead: each becomes an IRI under
`…/.well-known/genid/` derived from what it says, as RDF 1.1 §3.5 suggests. Thousands of
look-alike blank nodes make every consumer slow or awkward (isomorphism checks, graph exports,
chunked uploads), and a content-derived IRI is stable from build to build. The ontology keeps its
blank nodes: OWL class expressions and lists must stay anonymous.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import DataError
from ..namespaces import PREFIXES

Triple = tuple[str, str, str]
GENID = "https://w3id.org/augustkg/.well-known/genid/"


def is_data_file(path: Path) -> bool:
    """Data files are the graph's Turtle files outside the ontology folder.

    >>> is_data_file(Path("data/statements/units.ttl")), is_data_file(Path("ontology/augustkg.ttl"))
    (True, False)
    """
    return Path(path).parent.name != "ontology"


def skolem_labels(quads) -> dict[str, str]:
    """A content-derived IRI for every blank node that is a subject: the hash of its triples.

    >>> q = list(ox.parse(b'[] <x:p> <x:o> . [] <x:p> <x:o> . [] <x:p> "1" .', format=ox.RdfFormat.TURTLE))
    >>> len(set(skolem_labels(q).values()))  # the first two say the same, so they are one node
    2
    """
    import hashlib

    facts: dict[str, list[str]] = {}
    for q in quads:
        if isinstance(q.subject, ox.BlankNode):
            facts.setdefault(q.subject.value, []).append(
                f"{q.predicate} {'[]' if isinstance(q.object, ox.BlankNode) else q.object}")
    return {b: f"<{GENID}{hashlib.sha256(chr(10).join(sorted(f)).encode()).hexdigest()[:20]}>"
            for b, f in facts.items()}


#: The predeclared prefixes as one Turtle line, for text that does not declare them.
TURTLE_PROLOGUE = " ".join(f"@prefix {p}: <{iri}> ." for p, iri in PREFIXES.items()) + "\n"


def parse_file(path: Path, file_index: int, skolemize: bool | None = None) -> list[Triple]:
    """Parse one Turtle file; a syntax error becomes a DataError naming the file and line.

    Blank nodes are skolemized in data files (`is_data_file`) unless `skolemize` says otherwise.
    """
    try:
        with open(path, "rb") as fh:
            return _triples(fh, file_index, path, path.resolve().as_uri(), 0,
                            is_data_file(path) if skolemize is None else skolemize)
    except OSError as exc:
        raise DataError(path, None, f"cannot read: {exc}") from None


def parse_text(text: str, file_index: int = 0, source: str = "turtle") -> list[Triple]:
    """Parse Turtle text with the project's prefixes predeclared; errors name `source` and the
    line of the text itself.

    >>> parse_text('akr:Mukden rdfs:label "Mukden"@en .')
    [('<https://w3id.org/augustkg/resource/Mukden>', '<http://www.w3.org/2000/01/rdf-schema#label>', '"Mukden"@en')]
    """
    return _triples(TURTLE_PROLOGUE + text, file_index, source, None, 1, True)


def _triples(data, file_index: int, source, base_iri: str | None, shift: int, skolemize: bool) -> list[Triple]:
    """Triples as N-Triples strings; `shift` lines of prologue come before the source's own."""
    labels: dict[str, str] = {}

    def term(t) -> str:
        if isinstance(t, ox.BlankNode):
            label = labels.get(t.value)
            if label is None:
                label = labels[t.value] = f"_:f{file_index}b{len(labels)}"
            return label
        return str(t)

    try:
        quads = list(ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=base_iri))
    except SyntaxError as exc:
        raise DataError(source, exc.lineno - shift if exc.lineno else None, f"malformed Turtle: {exc.msg}") from None
    if skolemize:
        labels.update(skolem_labels(quads))
    return [(term(q.subject), str(q.predicate), term(q.object)) for q in quads]


def parse_files(paths) -> list[Triple]:
    """Every file's triples, blank nodes labelled by file."""
    triples: list[Triple] = []
    for i, path in enumerate(paths):
        triples.extend(parse_file(Path(path), i))
    return triples


def ntriples(triples) -> str:
    """Sorted, de-duplicated N-Triples text: the canonical dump of a graph."""
    return "".join(sorted({f"{s} {p} {o} .\n" for s, p, o in triples}))
