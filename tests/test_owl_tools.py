"""OWL tools load ontology and data cleanly (issue 14, point 4).

Four checks, from cheap to expensive:

* Declarations, in Python: every property used in `ontology/` and `data/` is declared as exactly
  one of owl:ObjectProperty, owl:DatatypeProperty or owl:AnnotationProperty and used as that
  kind; every class used is declared; every datatype is in the OWL 2 datatype map or one of the
  documented exceptions; every literal fits the range of its property.
* The profile, with the OWL API's own profile checker (Debian's `libowlapi-java`, driven through
  JPype): the README's sentence on the ontology's profile is derived from its report, and
  ontology plus data leave OWL 2 DL only in the documented ways.
* HermiT (the copy owlready2 bundles), on Debian's Java: without being told to ignore the
  datatypes outside the OWL 2 datatype map it refuses the ontology (the documented reason); told
  to, it finds ontology and data consistent, and its class memberships, object and data property
  assertions and class and property hierarchies equal the project's closure on the named
  individuals and terms.
* Pellet (owlready2's copy, with the Jena loader that used to choke on `rdf:langString`) finds
  ontology and data consistent, honouring `xsd:date`, `xsd:gYear` and `xsd:gYearMonth`.

The Java parts need `java` (Debian's `default-jre-headless`), `libowlapi-java`, and the Python
packages `jpype1` and `owlready2`; `scripts/setup.sh` installs them all. Without them these tests
skip with the reason, except in CI (`CI` set), where they fail. Each Java run is a subprocess that
runs this file as a script, because one process holds one JVM and HermiT's OWL API 3 and Debian's
OWL API 5 cannot share one. About 30 s in all (35 s on a busy two-core machine), most of it
HermiT's realization.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RESERVED = (RDF, RDFS, OWL, XSD)  # the reserved vocabulary of OWL 2 (Structural Specification §2.4)

TYPE = f"<{RDF}type>"
KINDS = {f"<{OWL}ObjectProperty>": "object", f"<{OWL}DatatypeProperty>": "datatype",
         f"<{OWL}AnnotationProperty>": "annotation"}

# Annotation properties OWL 2 has built in (Structural Specification §5.5): no declaration needed.
BUILTIN_ANNOTATION = {f"<{RDFS}{x}>" for x in ("label", "comment", "seeAlso", "isDefinedBy")} | {
    f"<{OWL}{x}>" for x in ("deprecated", "versionInfo", "priorVersion", "backwardCompatibleWith",
                            "incompatibleWith")}

# RDF and RDFS terms the OWL 2 mapping to RDF uses as predicates (every owl: predicate is the
# mapping's too); any other reserved predicate, such as rdf:value, is no OWL 2 term.
MAPPING = {f"<{RDF}{x}>" for x in ("type", "first", "rest")} | {
    f"<{RDFS}{x}>" for x in ("subClassOf", "subPropertyOf", "domain", "range")}

# The OWL 2 datatype map (Structural Specification §4) plus rdfs:Literal.
OWL2_DATATYPES = {f"<{RDF}{x}>" for x in ("PlainLiteral", "XMLLiteral")} | {f"<{RDFS}Literal>"} | {
    f"<{OWL}{x}>" for x in ("real", "rational")} | {f"<{XSD}{x}>" for x in (
        "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long "
        "int short byte unsignedLong unsignedInt unsignedShort unsignedByte double float string "
        "normalizedString token language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI "
        "dateTime dateTimeStamp").split()}

# Outside the datatype map, used on purpose: the vocabulary contract fixes xsd:date for
# ako:startDate, ako:endDate and ako:date; works carry their year as xsd:gYear; deprecated event
# properties keep their xsd:gYearMonth and xsd:gYear ranges. docs/loading.md says what a
# HermiT, Pellet or Protégé user does about them.
DATATYPE_EXCEPTIONS = {f"<{XSD}date>", f"<{XSD}gYear>", f"<{XSD}gYearMonth>"}

# Which literal datatypes a range admits, beyond the range itself (XSD derivation; OWL 2's
# rdf:PlainLiteral holds strings with and without a language tag).
LANG_STRING = f"<{RDF}langString>"
SKOLEM = "/.well-known/genid/"  # RDF 1.1 skolem IRIs: blank nodes given a name
ADMITS = {
    f"<{XSD}decimal>": {f"<{XSD}integer>"},
    f"<{RDF}PlainLiteral>": {f"<{XSD}string>", LANG_STRING},
}

README = ROOT / "README.md"
LOADING = ROOT / "docs" / "loading.md"
PROFILES = ("OWL2_DL", "OWL2_EL", "OWL2_QL", "OWL2_RL")


# --------------------------------------------------------------------------- graph helpers

def _is_iri(term: str) -> bool:
    return term.startswith("<")


def _is_literal(term: str) -> bool:
    return term.startswith('"')


def _reserved(term: str) -> bool:
    return _is_iri(term) and term[1:].startswith(RESERVED)


def _datatype(literal: str) -> str:
    """The datatype of an N-Triples literal term, as an N-Triples IRI term."""
    closing = literal.rindex('"')
    tail = literal[closing + 1:]
    if tail.startswith("^^"):
        return tail[2:]
    return LANG_STRING if tail.startswith("@") else f"<{XSD}string>"


def _kinds(triples) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = defaultdict(set)
    for s, p, o in triples:
        if p == TYPE and o in KINDS:
            kinds[s].add(KINDS[o])
    return kinds


# --------------------------------------------------------------------------- declarations

def test_every_property_used_is_declared_as_exactly_one_kind(asserted_triples):
    """Walks every predicate of ontology and data. Shapes are not part of the graph (the build
    validates against them but never loads them), so they are not walked."""
    kinds = _kinds(asserted_triples)
    punned = {p: sorted(k) for p, k in kinds.items() if len(k) > 1}
    assert punned == {}, "declared as more than one kind of property (illegal punning in OWL 2 DL)"
    used = {p for _, p, _ in asserted_triples}
    undeclared = sorted(p for p in used if not _reserved(p) and p not in kinds)
    assert undeclared == [], "used but not declared: add each to the declarations at the top of the ontology"
    foreign = sorted(p for p in used if _reserved(p) and not p.startswith(f"<{OWL}")
                     and p not in MAPPING | BUILTIN_ANNOTATION)
    assert foreign == [], "RDF or RDFS predicates that OWL 2 does not know"
    redeclared = sorted(p for p in BUILTIN_ANNOTATION if kinds.get(p, {"annotation"}) != {"annotation"})
    assert redeclared == [], "OWL 2's built-in annotation properties must stay annotation properties"
    misused = sorted({(p, kind) for s, p, o in asserted_triples for kind in kinds.get(p, ())
                      if (kind == "object" and _is_literal(o)) or (kind == "datatype" and not _is_literal(o))})
    assert misused == [], "an object property with a literal value or a datatype property with a resource"


def test_every_class_used_is_declared(asserted_triples):
    """Types, superclasses, fillers, domains and object-property ranges name declared classes."""
    kinds = _kinds(asserted_triples)
    classes = {s for s, p, o in asserted_triples if p == TYPE and o == f"<{OWL}Class>"}
    slots = {TYPE, f"<{RDFS}subClassOf>", f"<{OWL}equivalentClass>", f"<{OWL}disjointWith>",
             f"<{OWL}someValuesFrom>", f"<{RDFS}domain>"}
    used = {o for s, p, o in asserted_triples if p in slots and o not in KINDS} | {
        o for s, p, o in asserted_triples if p == f"<{RDFS}range>" and kinds.get(s) == {"object"}}
    undeclared = sorted(c for c in used if _is_iri(c) and not _reserved(c) and c not in classes)
    assert undeclared == []


def test_datatypes_are_in_the_owl2_datatype_map_or_documented(asserted_triples):
    """Every range and every literal's datatype is one OWL 2 knows, or one of the three the
    contract and the data need; each of those is explained in docs/loading.md. rdf:langString
    (RDF 1.1's datatype of tagged strings) is no OWL 2 range: Pellet then calls every tagged value
    inconsistent; the ontology uses rdf:PlainLiteral."""
    kinds = _kinds(asserted_triples)
    ranges = {o for s, p, o in asserted_triples if p == f"<{RDFS}range>" and kinds.get(s) == {"datatype"}}
    assert LANG_STRING not in ranges
    assert ranges - OWL2_DATATYPES - DATATYPE_EXCEPTIONS == set()
    literal_types = {_datatype(o) for _, _, o in asserted_triples if _is_literal(o)}
    assert literal_types - OWL2_DATATYPES - DATATYPE_EXCEPTIONS - {LANG_STRING} == set()
    loading = LOADING.read_text(encoding="utf-8")
    for dt in DATATYPE_EXCEPTIONS:
        assert f"`xsd:{dt[len(XSD) + 1:-1]}`" in loading, f"docs/loading.md does not explain {dt}"


def test_every_literal_fits_the_range_of_its_property(asserted_triples, fast_closure):
    """What Pellet checks: a value whose datatype is not (derived from) its property's range, or
    whose text is not a valid value of its datatype, makes the graph inconsistent. Walks the
    closure, so the ranges of super-properties apply too."""
    import rdflib

    kinds = _kinds(asserted_triples)
    ranges = defaultdict(set)
    for s, p, o in asserted_triples:
        if p == f"<{RDFS}range>" and kinds.get(s) == {"datatype"}:
            ranges[s].add(o)
    wrong = []
    for s, p, o in fast_closure:
        if not _is_literal(o) or kinds.get(p) != {"datatype"}:
            continue
        dt = _datatype(o)
        for rng in ranges.get(p, ()):
            if dt != rng and dt not in ADMITS.get(rng, ()) and rng != f"<{RDFS}Literal>":
                wrong.append((s, p, o, f"range {rng}"))
        if dt not in (LANG_STRING, f"<{XSD}string>"):
            lexical = o[1:o.rindex('"')]
            if rdflib.Literal(lexical, datatype=dt[1:-1]).ill_typed:
                wrong.append((s, p, o, "not a valid value of its datatype"))
    assert wrong == []


# --------------------------------------------------------------------------- Java: availability

def _need(ok: bool, what: str) -> None:
    """The suite's one policy (conftest.requires): skip with the reason locally, fail in CI."""
    from conftest import requires

    requires(ok, what)


def _owlready2_dir() -> Path | None:
    spec = importlib.util.find_spec("owlready2")
    return Path(spec.submodule_search_locations[0]) if spec and spec.submodule_search_locations else None


# Debian's OWL API 5 and the jars it needs to parse Turtle and check profiles (the package
# libowlapi-java and its dependencies put them in /usr/share/java).
OWLAPI_JARS = [Path("/usr/share/java") / f"{name}.jar" for name in (
    "owlapi-distribution guava caffeine commons-io commons-codec commons-rdf-api slf4j-api slf4j-nop "
    "jsr305 atinject-jsr330-api hppcrt xz rdf4j-model-api rdf4j-model rdf4j-rio-api rdf4j-util").split()]


def _java_ready() -> None:
    _need(shutil.which("java") is not None, "Java (Debian package default-jre-headless)")
    _need(importlib.util.find_spec("jpype") is not None, "JPype (pip package jpype1, test extra)")


def _run_java_helper(command: str, path: Path) -> dict:
    """Run this file as a script in a fresh process (one JVM) and return its JSON answer."""
    done = subprocess.run([sys.executable, __file__, command, str(path)], capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, f"{command} failed:\n{done.stderr[-4000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def graph_file(asserted_triples, tmp_path_factory) -> Path:
    """Ontology and data as one N-Triples file (also valid Turtle), as the build parses them."""
    path = tmp_path_factory.mktemp("owl") / "augustkg.nt"
    path.write_text("".join(sorted(f"{s} {p} {o} .\n" for s, p, o in asserted_triples)), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- profile (OWL API)

def _owlapi_ready() -> None:
    _java_ready()
    missing = [str(j) for j in OWLAPI_JARS if not j.exists()]
    _need(not missing, f"the OWL API (Debian package libowlapi-java: {', '.join(missing)})")


def _outside_map(violation: dict) -> bool:
    return f"<{violation['datatype']}>" in DATATYPE_EXCEPTIONS if violation["datatype"] else False


def _curie(iri: str) -> str:
    return "xsd:" + iri[len(XSD):] if iri.startswith(XSD) else iri


def _join(words: list[str], last: str) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def profile_sentence(report: dict) -> str:
    """The README's sentence on the profile, derived from the OWL API's report on the ontology.

    >>> profile_sentence({"OWL2_DL": [{"datatype": XSD + "date"}], "OWL2_EL": [{"datatype": None}],
    ...                   "OWL2_QL": [{"datatype": None}], "OWL2_RL": [{"datatype": XSD + "date"}]})
    '**Profile:** OWL 2 DL, except that `xsd:date` is outside the OWL 2 datatype map; leaving that aside, in OWL 2 RL; not in OWL 2 EL or QL (checked with the OWL API profile checker by `tests/test_owl_tools.py`).'
    """
    dts = sorted({_curie(v["datatype"]) for v in report["OWL2_DL"] if v["datatype"] and _outside_map(v)})
    others = {name: [v for v in report[name] if not _outside_map(v)] for name in PROFILES}
    if others["OWL2_DL"]:
        head = "not OWL 2 DL"
    elif not dts:
        head = "OWL 2 DL"
    else:
        names = _join([f"`{d}`" for d in dts], "and")
        head = f"OWL 2 DL, except that {names} {'is' if len(dts) == 1 else 'are'} outside the OWL 2 datatype map"
    inside = [n[5:] for n in ("OWL2_EL", "OWL2_QL", "OWL2_RL") if not others[n]]
    outside = [n[5:] for n in ("OWL2_EL", "OWL2_QL", "OWL2_RL") if others[n]]
    parts = [head]
    if inside:
        parts.append(f"{'leaving that aside, ' if dts else ''}in OWL 2 {_join(inside, 'and')}")
    if outside:
        parts.append(f"not in OWL 2 {_join(outside, 'or')}")
    return (f"**Profile:** {'; '.join(parts)} "
            "(checked with the OWL API profile checker by `tests/test_owl_tools.py`).")


@pytest.fixture(scope="module")
def ontology_profiles() -> dict:
    _owlapi_ready()
    return _run_java_helper("owlapi-profiles", ROOT / "ontology" / "augustkg.ttl")


def test_readme_states_the_ontology_profile(ontology_profiles):
    """The README's sentence is the one derived from the OWL API's report: paste the sentence
    from the failure message into README.md (section "OWL profile") when the ontology changes."""
    sentence = profile_sentence(ontology_profiles)
    assert sentence in README.read_text(encoding="utf-8"), f"README.md should say:\n{sentence}"
    assert not re.search(r"hand-written, OWL 2 RL", README.read_text(encoding="utf-8"))


def test_the_ontology_leaves_owl2_dl_and_rl_only_where_documented(ontology_profiles):
    """DL: only the three datatypes. RL: those, and ako:Commander's equivalence with an
    intersection holding an existential (allowed in OWL 2 RL only as a subclass)."""
    dl = [v for v in ontology_profiles["OWL2_DL"] if not _outside_map(v)]
    assert dl == []
    rl = [v for v in ontology_profiles["OWL2_RL"] if not _outside_map(v)]
    assert [v["kind"] for v in rl] == ["UseOfNonEquivalentClassExpression"], rl
    assert "https://w3id.org/augustkg/ontology#Commander" in rl[0]["classes"]


def test_ontology_and_data_stay_in_owl2_dl(graph_file):
    """With the data too, nothing leaves OWL 2 DL but the three datatypes: a statement record
    names the property of its triple with ako:statementProperty, an annotation property, so even
    rdfs:label may be its value. Every other violation is a failure: an undeclared class or
    property, an unknown datatype, illegal punning."""
    _owlapi_ready()
    report = _run_java_helper("owlapi-profiles", graph_file)
    assert [v for v in report["OWL2_DL"] if not _outside_map(v)] == []


# --------------------------------------------------------------------------- HermiT

def _hermit_ready() -> Path:
    _java_ready()
    home = _owlready2_dir()
    _need(home is not None and (home / "hermit" / "HermiT.jar").exists(), "owlready2 (pip, test extra) with HermiT")
    return home


@pytest.fixture(scope="module")
def hermit(graph_file) -> dict:
    _hermit_ready()
    return _run_java_helper("hermit", graph_file)


def test_hermit_refuses_the_datatypes_unless_told_to_ignore_them(hermit):
    """The documented reason HermiT needs "ignore unsupported datatypes": it implements exactly
    the OWL 2 datatype map, and the contract's xsd:date is not in it."""
    refusal = hermit["strict"]
    assert refusal["error"] == "UnsupportedDatatypeException"
    named = re.search(r"The datatype '([^']+)'", refusal["message"]).group(1)
    assert f"<{named}>" in DATATYPE_EXCEPTIONS


def _closure_view(closure, asserted) -> dict:
    """The closure, seen as an OWL 2 DL reasoner reports it. The filters, each the minimum:
    named terms only (a reasoner answers for named individuals; statement records are blank
    nodes, which the build skolemizes to `/.well-known/genid/` IRIs and the OWL API reads back as
    blank nodes, as RDF 1.1 §3.5 means them); class memberships only in classes outside the reserved vocabulary (rdf:type
    owl:NamedIndividual and the like are declarations, owl:Thing is trivial); object and data
    property assertions only for declared object and datatype properties (annotations have no
    meaning under OWL's direct semantics, and no DL reasoner infers any); and values of the
    datatypes HermiT ignores compared by their text alone, which is how HermiT keeps them."""
    import pyoxigraph as ox

    kinds = _kinds(asserted)
    named = lambda t: _is_iri(t) and not _reserved(t) and SKOLEM not in t  # noqa: E731
    view = {"types": set(), "objects": set(), "data": set(), "subclasses": set(), "subproperties": set()}
    for s, p, o in closure:
        if p == TYPE and named(s) and named(o):
            view["types"].add((s[1:-1], o[1:-1]))
        elif kinds.get(p) == {"object"} and named(s) and named(o):
            view["objects"].add((s[1:-1], p[1:-1], o[1:-1]))
        elif kinds.get(p) == {"datatype"} and named(s) and _is_literal(o):
            lit = next(iter(ox.parse(f"<x:s> <x:p> {o} .".encode(), format=ox.RdfFormat.N_TRIPLES))).object
            view["data"].add((s[1:-1], p[1:-1], lit.value, lit.language or "",
                              _plain(f"<{lit.datatype.value}>")))
        elif p == f"<{RDFS}subClassOf>" and named(s) and named(o) and s != o:
            view["subclasses"].add((s[1:-1], o[1:-1]))
        elif p == f"<{RDFS}subPropertyOf>" and named(s) and named(o) and s != o and kinds.get(s) in (
                {"object"}, {"datatype"}):
            view["subproperties"].add((s[1:-1], o[1:-1]))
    return view


def _plain(datatype: str) -> str:
    """One name for the string datatypes (RDF 1.1's xsd:string and rdf:langString are OWL 2's
    rdf:PlainLiteral) and one for the datatypes HermiT keeps as opaque constants."""
    if datatype in (f"<{XSD}string>", LANG_STRING, f"<{RDF}PlainLiteral>"):
        return "plain"
    if datatype in DATATYPE_EXCEPTIONS or datatype == "<internal:anonymous-constants>":
        return "ignored"
    return datatype[1:-1]


def _hermit_view(answer: dict) -> dict:
    return {
        "types": {tuple(x) for x in answer["types"]},
        "objects": {tuple(x) for x in answer["objects"]},
        "data": {(s, p, text, lang, _plain(f"<{dt}>")) for s, p, text, dt, lang in answer["data"]},
        "subclasses": {tuple(x) for x in answer["subclasses"]},
        "subproperties": {tuple(x) for x in answer["subproperties"]},
    }


def test_hermit_finds_ontology_and_data_consistent(hermit):
    assert hermit["lenient"]["consistent"] is True


@pytest.mark.parametrize("part", ["types", "objects", "data", "subclasses", "subproperties"])
def test_hermit_inferences_equal_the_closure(hermit, fast_closure, asserted_triples, part):
    """Class memberships (every superclass, and the defined class ako:Commander), object
    property assertions (inverses, transitivity, sub-properties, the chains of
    ako:hasAuthorityOver and of the derived provenance), data property assertions, and the
    class and property hierarchies: HermiT and the project's closure agree exactly."""
    ours = _closure_view(fast_closure, asserted_triples)[part]
    theirs = _hermit_view(hermit["lenient"])[part]
    assert ours, f"nothing to compare in {part}"
    assert (sorted(theirs - ours)[:20], sorted(ours - theirs)[:20]) == ([], []), \
        f"{part}: (HermiT only, closure only)"
    # The agreement covers the inferences that matter, not only what the data asserts:
    if part == "types":
        commanders = {s for s, c in ours if c.endswith("ontology#Commander")}
        assert len(commanders) >= 5, "the defined class should have members"
    if part == "objects":
        pairs = defaultdict(set)
        for s, p, o in ours:
            pairs[p.rsplit("#", 1)[-1]].add((s, o))
        assert pairs["hasAuthorityOver"] - pairs["commands"], "the chain commands ∘ hasSubordinate"
        assert pairs["subordinateTo"] - pairs["directlySubordinateTo"], "transitivity"
        assert pairs["hasSubordinate"] == {(o, s) for s, o in pairs["subordinateTo"]}, "the inverse"


# --------------------------------------------------------------------------- Pellet

def test_pellet_with_the_jena_loader_finds_ontology_and_data_consistent(graph_file):
    """Pellet supports xsd:date, xsd:gYear and xsd:gYearMonth, so this also checks every date.
    With `rdfs:range rdf:langString` it answered "Literal value "men"@en does not belong to
    datatype langString"."""
    _java_ready()
    home = _owlready2_dir()
    pellet = home / "pellet" if home else None
    _need(pellet is not None and (pellet / "pellet-2.3.1.jar").exists(), "owlready2 (pip, test extra) with Pellet")
    classpath = os.pathsep.join([*(str(j) for j in sorted(pellet.glob("*.jar"))), str(pellet)])
    done = subprocess.run(["java", "-Xmx2g", "-cp", classpath, "pellet.Pellet", "consistency", "--loader", "Jena",
                           "--input-format", "N-Triples", str(graph_file)],
                          capture_output=True, text=True, timeout=600)
    assert "Consistent: Yes" in done.stdout, done.stdout[-2000:] + done.stderr[-4000:]


# --------------------------------------------------------------------------- the Java side

def _start_jvm(classpath: list[str]):
    import jpype
    import jpype.imports  # noqa: F401  (enables `from org... import ...`)

    jpype.startJVM("-Xmx2g", classpath=classpath, convertStrings=True)


def _owlapi_profiles(path: str) -> dict:
    """Load a file with Debian's OWL API 5 and list each profile's violations."""
    _start_jvm([str(j) for j in OWLAPI_JARS])
    from java.io import File
    from org.semanticweb.owlapi.apibinding import OWLManager
    from org.semanticweb.owlapi.model import OWLDatatype, OWLLiteral, OWLPropertyAssertionAxiom
    from org.semanticweb.owlapi.profiles import Profiles

    ontology = OWLManager.createOWLOntologyManager().loadOntologyFromOntologyDocument(File(path))
    out = {}
    for name in PROFILES:
        violations = []
        for v in getattr(Profiles, name).checkOntology(ontology).getViolations():
            what, axiom = v.getExpression(), v.getAxiom()
            datatype = (what.getIRI().toString() if isinstance(what, OWLDatatype)
                        else what.getDatatype().getIRI().toString() if isinstance(what, OWLLiteral) else None)
            prop = (axiom.getProperty().asOWLObjectProperty().getIRI().toString()
                    if isinstance(axiom, OWLPropertyAssertionAxiom) and axiom.getProperty().isOWLObjectProperty()
                    else None)
            classes = sorted(str(c.getIRI().toString()) for c in axiom.getClassesInSignature()) if axiom else []
            violations.append({"kind": v.getClass().getSimpleName(), "datatype": datatype,
                               "property": prop, "classes": classes, "text": str(v)[:300]})
        out[name] = violations
    return out


def _hermit(path: str) -> dict:
    """Load a file into HermiT twice: as is (it refuses datatypes outside the OWL 2 datatype
    map) and told to ignore them; report the second one's inferences on named terms through the
    standard OWLReasoner calls a tool like Protégé makes."""
    home = _owlready2_dir() / "hermit"
    _start_jvm([str(home), str(home / "HermiT.jar")])  # the directory first: owlready2's patched classes
    from java.io import File
    from org.semanticweb.HermiT import Configuration, Reasoner
    from org.semanticweb.owlapi.apibinding import OWLManager
    from org.semanticweb.owlapi.reasoner import InferenceType

    ontology = OWLManager.createOWLOntologyManager().loadOntologyFromOntologyDocument(File(path))
    out: dict = {}
    try:
        Reasoner(Configuration(), ontology).isConsistent()
        out["strict"] = {"error": None, "message": ""}
    except Exception as exc:  # a Java exception, as JPype raises it
        out["strict"] = {"error": type(exc).__name__.rsplit(".", 1)[-1], "message": str(exc)}
    config = Configuration()
    config.ignoreUnsupportedDatatypes = True
    reasoner = Reasoner(config, ontology)
    result: dict = {"consistent": bool(reasoner.isConsistent())}
    out["lenient"] = result
    if not result["consistent"]:
        return out
    reasoner.precomputeInferences(InferenceType.CLASS_HIERARCHY, InferenceType.CLASS_ASSERTIONS,
                                  InferenceType.OBJECT_PROPERTY_HIERARCHY, InferenceType.DATA_PROPERTY_HIERARCHY,
                                  InferenceType.OBJECT_PROPERTY_ASSERTIONS)
    iri = lambda entity: str(entity.getIRI().toString())  # noqa: E731
    individuals = list(ontology.getIndividualsInSignature())
    classes = [c for c in ontology.getClassesInSignature() if not (c.isOWLThing() or c.isOWLNothing())]
    objects = [p for p in ontology.getObjectPropertiesInSignature()
               if not (p.isOWLTopObjectProperty() or p.isOWLBottomObjectProperty())]
    data = [p for p in ontology.getDataPropertiesInSignature()
            if not (p.isOWLTopDataProperty() or p.isOWLBottomDataProperty())]
    result["types"] = [(iri(i), iri(c)) for i in individuals for c in reasoner.getTypes(i, False).getFlattened()
                       if not c.isOWLThing()]
    result["objects"] = [(iri(i), iri(p), iri(v)) for p in objects for i in individuals
                         for v in reasoner.getObjectPropertyValues(i, p).getFlattened()]
    result["data"] = [(iri(i), iri(p), str(v.getLiteral()), str(v.getDatatype().getIRI().toString()), str(v.getLang()))
                      for p in data for i in individuals for v in reasoner.getDataPropertyValues(i, p)]
    subclasses = set()
    for c in classes:
        supers = list(reasoner.getSuperClasses(c, False).getFlattened()) + list(reasoner.getEquivalentClasses(c))
        subclasses |= {(iri(c), iri(d)) for d in supers if not d.isOWLThing() and not d.equals(c)}
    result["subclasses"] = sorted(subclasses)
    subproperties = set()
    for p in objects:
        supers = list(reasoner.getSuperObjectProperties(p, False).getFlattened()) + list(reasoner.getEquivalentObjectProperties(p))
        subproperties |= {(iri(p), iri(q)) for q in supers
                          if not q.isAnonymous() and not q.isOWLTopObjectProperty() and not q.equals(p)}
    for p in data:
        supers = list(reasoner.getSuperDataProperties(p, False).getFlattened()) + list(reasoner.getEquivalentDataProperties(p))
        subproperties |= {(iri(p), iri(q)) for q in supers if not q.isOWLTopDataProperty() and not q.equals(p)}
    result["subproperties"] = sorted(subproperties)
    return out


if __name__ == "__main__":
    command, target = sys.argv[1], sys.argv[2]
    answer = {"owlapi-profiles": _owlapi_profiles, "hermit": _hermit}[command](target)
    print(json.dumps(answer))
