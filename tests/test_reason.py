"""The reasoner: the fast closure equals owlrl's (the reference) on the shipped graph, on random
graphs and on hand-made corner cases; unsupported constructs are refused; the consistency
check names the resource and the axiom."""

from __future__ import annotations

import random

import pytest

from augustkg.pipeline.check import violations
from augustkg.pipeline.parse import parse_files
from augustkg.pipeline.reason import UnsupportedConstruct, materialize
from augustkg.pipeline.reference_reasoner import owlrl_closure

AKO = "https://w3id.org/augustkg/ontology#"
AKR = "https://w3id.org/augustkg/resource/"


def test_fast_closure_equals_owlrl_on_the_shipped_graph(fast_closure, owlrl_triples):
    only_fast = sorted(fast_closure - owlrl_triples)[:10]
    only_owlrl = sorted(owlrl_triples - fast_closure)[:10]
    assert (only_fast, only_owlrl) == ([], [])


def test_the_closure_infers_what_the_contract_promises(fast_closure, asserted_triples):
    commander = (f"<{AKR}AleksandrVasilevsky>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{AKO}Commander>")
    assert commander in fast_closure and commander not in asserted_triples
    authority = (f"<{AKR}OtozoYamada>", f"<{AKO}hasAuthorityOver>", f"<{AKR}ThirtiethArmy>")
    assert authority in fast_closure and authority not in asserted_triples


def synthetic_graph(seed: int, ontology: list) -> list:
    """A random small graph in the contract vocabulary: units in a forest, commanders, operations,
    places, plus a few random schema-level facts, so rule interactions get exercised."""
    rng = random.Random(seed)
    r = lambda name: f"<{AKR}s{seed}-{name}>"  # noqa: E731
    p = lambda name: f"<{AKO}{name}>"  # noqa: E731
    t = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    triples = list(ontology)
    units = [r(f"u{i}") for i in range(rng.randint(15, 40))]
    for i, u in enumerate(units):
        triples.append((u, t, p(rng.choice(["Front", "Army", "AreaArmy", "FieldArmy", "Division", "MilitaryUnit"]))))
        if i and rng.random() < 0.9:
            triples.append((u, p("directlySubordinateTo"), units[rng.randrange(i)]))
    for j in range(rng.randint(3, 10)):
        person = r(f"p{j}")
        if rng.random() < 0.8:
            triples.append((person, t, p("Person")))
        triples.append((person, p("commands"), rng.choice(units)))
    ops = [r(f"o{i}") for i in range(rng.randint(3, 12))]
    for i, o in enumerate(ops):
        triples.append((o, t, p("Operation")))
        if i:
            triples.append((o, p("directlyPartOf"), ops[rng.randrange(i)]))
        triples.append((o, p("conductedBy"), rng.choice(units)))
    places = [r(f"pl{i}") for i in range(rng.randint(3, 10))]
    for i, pl in enumerate(places):
        if i:
            triples.append((pl, p("locatedIn"), places[rng.randrange(i)]))
        triples.append((rng.choice(units), p("objective"), pl))
    return triples


@pytest.mark.parametrize("seed", range(6))
def test_fast_closure_equals_owlrl_on_synthetic_graphs(seed, root):
    ontology = parse_files([root / "ontology" / "augustkg.ttl"])
    graph = synthetic_graph(seed, ontology)
    fast, reference = materialize(graph), owlrl_closure(graph)
    assert sorted(fast - reference)[:5] == [] and sorted(reference - fast)[:5] == []


def test_fast_closure_equals_owlrl_on_chains_and_defined_classes():
    """A hand-made graph with a three-step property chain, symmetric and equivalent properties."""
    ex = lambda x: f"<http://example.org/{x}>"  # noqa: E731
    owl = lambda x: f"<http://www.w3.org/2002/07/owl#{x}>"  # noqa: E731
    t = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    first, rest, nil = ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#first>",
                        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>",
                        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>")
    g = [
        (ex("q"), owl("propertyChainAxiom"), "_:l1"), ("_:l1", first, ex("a")), ("_:l1", rest, "_:l2"),
        ("_:l2", first, ex("b")), ("_:l2", rest, "_:l3"), ("_:l3", first, ex("c")), ("_:l3", rest, nil),
        (ex("s"), t, owl("SymmetricProperty")), (ex("e"), owl("equivalentProperty"), ex("s")),
        (ex("x"), ex("a"), ex("y")), (ex("y"), ex("b"), ex("z")), (ex("z"), ex("c"), ex("w")),
        (ex("x"), ex("e"), ex("z")), (ex("C"), owl("equivalentClass"), ex("D")), (ex("x"), t, ex("C")),
    ]
    fast, reference = materialize(g), owlrl_closure(g)
    assert (ex("x"), ex("q"), ex("w")) in fast
    assert fast == reference


def test_unsupported_constructs_are_refused():
    g = [("<http://e/p>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
          "<http://www.w3.org/2002/07/owl#FunctionalProperty>")]
    with pytest.raises(UnsupportedConstruct, match="FunctionalProperty.*--reasoner owlrl"):
        materialize(g)


def test_disjointness_violations_name_the_resource_and_the_axiom(asserted_triples):
    broken = set(asserted_triples) | {
        (f"<{AKR}TransbaikalFront>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{AKO}Person>")}
    found = violations(materialize(broken))
    assert any("akr:TransbaikalFront is both" in v and "AllDisjointClasses" in v for v in found), found


def test_owl_nothing_members_are_reported():
    g = [("<http://e/x>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://www.w3.org/2002/07/owl#Nothing>")]
    assert violations(materialize(g)) == ["<http://e/x> is a member of owl:Nothing"]
