"""The SPARQL text layer: one reading of query form, prologue, comments, error positions and
VALUES binding for the CLI, the embedded store, remote endpoints and the server."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from augustkg import sparql
from augustkg.errors import QueryFileError


@pytest.mark.parametrize("text, form", [
    ("SELECT * {}", "SELECT"),
    ("  # a comment with CONSTRUCT in it\nask {}", "ASK"),
    ("PREFIX ex: <http://e.org/ns#>\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("BASE <http://e.org/#x> PREFIX : <http://e.org/a#> DESCRIBE :x", "DESCRIBE"),
    ("PREFIX x: <urn:x:>\n# note\nINSERT DATA { x:a x:b x:c }", "INSERT"),
    ("", ""),
])
def test_query_form(text, form):
    assert sparql.query_form(text) == form


def test_a_hash_inside_an_iri_or_a_string_is_not_a_comment():
    """Regression: a `#` in `<...ns#>` was once taken for a comment, which hid the query's form."""
    text = 'PREFIX ex: <http://e.org/ns#>\nSELECT ?s WHERE { ?s ex:p "a # b" } # really a comment'
    assert sparql.strip_comments(text) == 'PREFIX ex: <http://e.org/ns#>\nSELECT ?s WHERE { ?s ex:p "a # b" } '
    assert sparql.query_form(text) == "SELECT"


def test_with_prefixes_adds_only_what_is_missing_on_one_line():
    text = "PREFIX ako: <urn:mine:> SELECT * WHERE { ?s a ako:X ; rdfs:label ?l }"
    full = sparql.with_prefixes(text)
    assert full.count("PREFIX ako:") == 1 and full.endswith("\n" + text)
    assert full.count("\n") == 1  # positions in the caller's text move by exactly one line
    ox.Store().query(full)  # and it parses without a prefix map


def test_the_server_prologue_is_one_line_of_every_prefix():
    from augustkg.namespaces import PREFIXES

    assert sparql.PROLOGUE.count("\n") == 1 and all(f"PREFIX {p}:" in sparql.PROLOGUE for p in PREFIXES)


def test_error_positions_come_back_in_the_callers_lines():
    try:
        ox.Store().query(sparql.with_prefixes("SELECT ?x\nWHERE { ?x ?y }"))
    except SyntaxError as exc:
        message = str(exc)
    line, column, _ = sparql.error_position(sparql.shift_positions(message, 1))
    assert (line, column) == (2, 16)


def test_bind_values_skips_where_in_comments_and_strings():
    text = '# WHERE { in a comment\nSELECT * WHERE { ?s ?p "WHERE {" ; ?q ?_x_iri }'
    bound = sparql.bind_values(text, {"_x_iri": ox.NamedNode("http://e/x")})
    assert bound.startswith('# WHERE { in a comment\nSELECT * WHERE { VALUES (?_x_iri) { (<http://e/x>) }\n')
    ox.Store().query(bound)


def test_bind_values_needs_a_where():
    with pytest.raises(QueryFileError, match="no WHERE"):
        sparql.bind_values("ASK {}", {"x": ox.Literal("1")})
