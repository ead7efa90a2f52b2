"""The ontology keeps the contract: its key classes, properties and axioms, restated here as
plain assertions on the ontology file (the contract checker lives outside the project and must
not be needed at run time).

Rules about every resource and every term (labels, types, provenance, documentation, the
header) are quality checks in ontology/checks/, run by tests/test_checks.py.
"""

from __future__ import annotations

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDFS

AKO = rdflib.Namespace("https://w3id.org/augustkg/ontology#")
RDF = rdflib.RDF


@pytest.fixture(scope="module")
def ontology(root) -> rdflib.Graph:
    return rdflib.Graph().parse(root / "ontology" / "augustkg.ttl", format="turtle")


# --- the contract's key axioms ---------------------------------------------------------------

CONTRACT_CLASSES = ["MilitaryUnit", "Front", "Army", "Person", "Commander", "Event", "Conflict", "Operation",
                    "Place", "Territory", "City", "Country"]
CONTRACT_OBJECT_PROPERTIES = ["commands", "commandedBy", "directlySubordinateTo", "subordinateTo", "hasSubordinate",
                              "hasAuthorityOver", "directlyPartOf", "partOf", "conductedBy", "objective",
                              "locatedIn", "armedForceOf", "belligerent", "occupiedBy", "annexedBy"]


def test_contract_terms_exist(ontology):
    for name in CONTRACT_CLASSES:
        assert (AKO[name], RDF.type, OWL.Class) in ontology, name
    for name in CONTRACT_OBJECT_PROPERTIES:
        assert (AKO[name], RDF.type, OWL.ObjectProperty) in ontology, name
    for name in ["startDate", "endDate", "date"]:
        assert (AKO[name], RDF.type, OWL.DatatypeProperty) in ontology, name


@pytest.mark.parametrize("sub, sup", [("Front", "MilitaryUnit"), ("Army", "MilitaryUnit"), ("Territory", "Place"),
                                      ("City", "Place"), ("Conflict", "Event"), ("Operation", "Event")])
def test_contract_subclasses(ontology, sub, sup):
    assert (AKO[sub], RDFS.subClassOf, AKO[sup]) in ontology


@pytest.mark.parametrize("prop", ["subordinateTo", "partOf", "locatedIn"])
def test_contract_transitive_properties(ontology, prop):
    assert (AKO[prop], RDF.type, OWL.TransitiveProperty) in ontology


@pytest.mark.parametrize("sub, sup", [("directlySubordinateTo", "subordinateTo"), ("directlyPartOf", "partOf"),
                                      ("commands", "hasAuthorityOver")])
def test_contract_subproperties(ontology, sub, sup):
    assert (AKO[sub], RDFS.subPropertyOf, AKO[sup]) in ontology


@pytest.mark.parametrize("a, b", [("commands", "commandedBy"), ("subordinateTo", "hasSubordinate")])
def test_contract_inverses(ontology, a, b):
    assert (AKO[a], OWL.inverseOf, AKO[b]) in ontology or (AKO[b], OWL.inverseOf, AKO[a]) in ontology


@pytest.mark.parametrize("prop, domain, range_", [
    ("commands", "Person", "MilitaryUnit"), ("directlySubordinateTo", "MilitaryUnit", "MilitaryUnit"),
    ("subordinateTo", "MilitaryUnit", "MilitaryUnit"), ("hasAuthorityOver", "Person", "MilitaryUnit"),
    ("conductedBy", "Operation", "MilitaryUnit"), ("belligerent", "Conflict", "Country"),
    ("locatedIn", "Place", "Place"), ("armedForceOf", "MilitaryUnit", "Country"),
    ("occupiedBy", "Place", "Country"), ("annexedBy", "Territory", "Country"),
])
def test_contract_domains_and_ranges(ontology, prop, domain, range_):
    assert (AKO[prop], RDFS.domain, AKO[domain]) in ontology
    assert (AKO[prop], RDFS.range, AKO[range_]) in ontology


@pytest.mark.parametrize("prop", ["date", "startDate", "endDate"])
def test_contract_dates_are_days_on_events(ontology, prop):
    assert (AKO[prop], RDFS.domain, AKO.Event) in ontology
    assert (AKO[prop], RDFS.range, rdflib.XSD.date) in ontology


def test_contract_authority_chain(ontology):
    chains = [list(Collection(ontology, c)) for c in ontology.objects(AKO.hasAuthorityOver, OWL.propertyChainAxiom)]
    assert chains == [[AKO.commands, AKO.hasSubordinate]]


def test_contract_commander_definition(ontology):
    """Commander ≡ Person ⊓ ∃commands.MilitaryUnit, written as the equivalence OWL 2 RL can use."""
    definitions = []
    for eq in ontology.objects(AKO.Commander, OWL.equivalentClass):
        for members in ontology.objects(eq, OWL.intersectionOf):
            parts = list(Collection(ontology, members))
            named = {p for p in parts if isinstance(p, rdflib.URIRef)}
            restrictions = {(ontology.value(p, OWL.onProperty), ontology.value(p, OWL.someValuesFrom))
                            for p in parts if not isinstance(p, rdflib.URIRef)}
            definitions.append((named, restrictions))
    assert definitions == [({AKO.Person}, {(AKO.commands, AKO.MilitaryUnit)})]
