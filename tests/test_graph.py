"""The graph as a whole: names, types and provenance on every resource, a documented ontology,
the contract's key axioms, and a clear error for malformed Turtle.

The contract checker lives outside the project (../shared) and must not be needed at run time,
so its key axioms are restated here as plain assertions on the ontology file.
"""

from __future__ import annotations

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from augustkg.errors import DataError

AKO = rdflib.Namespace("https://w3id.org/augustkg/ontology#")
AKR = "https://w3id.org/augustkg/resource/"
ONTOLOGY = rdflib.URIRef("https://w3id.org/augustkg/ontology")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def asserted(asserted_triples) -> rdflib.Graph:
    from augustkg.build.rdflib_bridge import to_rdflib

    return to_rdflib(asserted_triples)


@pytest.fixture(scope="module")
def ontology(root) -> rdflib.Graph:
    return rdflib.Graph().parse(root / "ontology" / "augustkg.ttl", format="turtle")


@pytest.fixture(scope="module")
def resources(asserted) -> set:
    nodes = set(asserted.subjects()) | set(asserted.objects())
    return {n for n in nodes if isinstance(n, rdflib.URIRef) and str(n).startswith(AKR)}


def test_there_are_resources(resources):
    assert len(resources) > 300


def test_every_resource_has_exactly_one_english_label(asserted, resources):
    wrong = sorted(str(r) for r in resources
                   if [lbl.language for lbl in asserted.objects(r, RDFS.label)] != ["en"])
    assert wrong == []


def test_every_resource_has_a_type(asserted, resources):
    assert sorted(str(r) for r in resources if (r, RDF.type, None) not in asserted) == []


@pytest.fixture(scope="module")
def derived(fast_closure) -> rdflib.Graph:
    from augustkg.build.rdflib_bridge import to_rdflib

    return to_rdflib(fast_closure)


def test_every_resource_has_provenance(derived, resources):
    """Per-resource provenance is derived from the statement records: ako:section follows
    ako:subjectOf / ako:statedIn / ako:section, so a resource has a section exactly when one of
    its statements (or its label record) is cited."""
    missing = sorted(str(r) for r in resources if (r, AKO.section, None) not in derived)
    assert missing == []


def test_per_resource_provenance_is_derived_never_asserted(asserted):
    """Only the provenance layer itself (the article, its sections, the citations) asserts
    ako:section or ako:reference; every other resource's provenance comes from its statements."""
    layer = {AKO.SourceArticle, AKO.ArticleSection, AKO.Citation}
    wrong = sorted(str(s) for p in (AKO.section, AKO.reference) for s in set(asserted.subjects(p, None))
                   if not any((s, RDF.type, c) in asserted for c in layer))
    assert wrong == []


def test_every_section_of_provenance_is_an_article_section(derived):
    sections = set(derived.objects(None, AKO.section))
    assert sections and all((s, RDF.type, AKO.ArticleSection) in derived for s in sections)


def _terms(ontology) -> set:
    return {s for t in TERM_TYPES for s in ontology.subjects(RDF.type, t)
            if isinstance(s, rdflib.URIRef) and str(s).startswith(str(AKO))}


def test_ontology_terms_are_labelled_defined_and_attributed(ontology):
    terms = _terms(ontology)
    assert len(terms) > 80
    problems = []
    for term in sorted(terms):
        if not any(lbl.language == "en" for lbl in ontology.objects(term, RDFS.label)):
            problems.append(f"{term}: no English label")
        if (term, SKOS.definition, None) not in ontology and (term, RDFS.comment, None) not in ontology:
            problems.append(f"{term}: no definition")
        if (term, RDFS.isDefinedBy, ONTOLOGY) not in ontology:
            problems.append(f"{term}: no rdfs:isDefinedBy")
    assert problems == []


@pytest.mark.parametrize("predicate", [OWL.versionIRI, OWL.versionInfo, DCTERMS.title, DCTERMS.description,
                                       DCTERMS.license, DCTERMS.created, DCTERMS.modified],
                         ids=lambda p: str(p).rsplit("/", 1)[-1].rsplit("#", 1)[-1])
def test_ontology_header(ontology, predicate):
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY, predicate) is not None


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


# --- malformed input ---------------------------------------------------------------------------

def test_malformed_turtle_names_file_and_line(project_copy, tmp_path_factory):
    from augustkg.build import build

    path = project_copy / "data" / "units.ttl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if 'rdfs:label "Far East Command"@en' in line)
    lines[index] = lines[index].replace('Command"@en', "Command@en")  # an unterminated string
    path.write_text("".join(lines), encoding="utf-8")
    out = tmp_path_factory.mktemp("broken-build")

    with pytest.raises(DataError) as err:
        build(project_copy, out)
    assert err.value.line == index + 1
    assert f"units.ttl:{index + 1}:" in str(err.value)
    assert not (out / "current").exists(), "a failed build must not leave a store behind"
