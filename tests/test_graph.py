"""The Python API (`augustkg.open`, `KnowledgeGraph`): rows of Python values, clean errors, and a
graph in memory that answers like the built store without writing one."""

from __future__ import annotations

import pytest

import augustkg
from augustkg.errors import DataError, InconsistentGraph, QuerySyntaxError
from augustkg.graph import KnowledgeGraph



def test_python_api_returns_rows_of_python_values(kg):
    import datetime

    rows = kg.query("SELECT ?start WHERE { akr:SouthSakhalinOperation ako:startDate ?start }").values()
    assert rows == [{"start": datetime.date(1945, 8, 11)}]
    assert kg.query("ASK { ?x a ako:Commander }").boolean is True


def test_python_api_raises_clean_syntax_errors(kg):
    with pytest.raises(QuerySyntaxError) as err:
        kg.query("SELECT * WHERE {")
    assert err.value.line == 1


def test_in_memory_equals_the_built_store(kg, root):
    """Same triples in the same two named graphs, and nothing written under the project."""
    before = sorted(p.name for p in root.iterdir())
    memory = augustkg.open(root, memory=True)
    assert memory.generation is None and sorted(p.name for p in root.iterdir()) == before
    by_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    assert memory.query(by_graph).values() == kg.query(by_graph).values()
    assert memory.run("who-commanded").values() == kg.run("who-commanded").values()


def test_turtle_text_names_its_own_line_when_malformed():
    with pytest.raises(DataError, match=r"turtle:2: malformed Turtle"):
        KnowledgeGraph.from_turtle('akr:A rdfs:label "A"@en .\nakr:B rdfs:label "B .')


def test_an_inconsistent_graph_in_memory_is_refused():
    with pytest.raises(InconsistentGraph, match="akr:X is both"):
        KnowledgeGraph.from_turtle("ako:A owl:disjointWith ako:B . akr:X a ako:A, ako:B .")


def test_both_engines_declare_the_one_interface(kg):
    from augustkg.remote import Endpoint

    assert isinstance(kg, augustkg.Engine)
    assert isinstance(Endpoint("http://127.0.0.1:9/query"), augustkg.Engine)
