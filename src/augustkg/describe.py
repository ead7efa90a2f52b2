"""The entity page: one resource with its names, types, facts, links and sources.

Facts come grouped the way a historian reads a record — command, events, the story (causes,
views, plans, terms), places, figures, bibliography — with the provenance last; every asserted
fact carries the places of the article that state it (its statement record's citations), and
every inferred fact the axiom that yields it, found by asking the store which rule's premises
hold, so explanations cost nothing at build time. Story nodes (a causal claim, a movement, a
position, an order…) get a one-line summary built from their relations, and a resource shows the
causal claims and figures that are about it.
"""

from __future__ import annotations

from .namespaces import AKO, ASSERTED_GRAPH, RDF, RDFS, SKOS, shorten

TYPE = RDF + "type"
NAME_PROPERTIES = {RDFS + "label", SKOS + "altLabel", SKOS + "prefLabel"}
SOURCE_PROPERTIES = {AKO + "section", AKO + "reference"}
#: Relations of the statement layer: shown as references of the facts, not as facts.
HIDDEN = {AKO + "subjectOf", AKO + "statementSubject", AKO + "statementProperty", AKO + "statementObject",
          AKO + "statedIn"}
ARTICLE_URL = "https://en.wikipedia.org/wiki/Soviet%E2%80%93Japanese_War"

#: (group key, heading, ako: local names) in reading order; anything else is "other", then
#: properties of other vocabularies ("mappings"), then provenance.
GROUPS = [
    ("about", "What it is", "skos:definition rdfs:comment skos:note skos:scopeNote"),
    ("command", "Command and allegiance", "commands commandedBy directlySubordinateTo subordinateTo hasSubordinate "
     "hasAuthorityOver armedForceOf branch holdsOffice officeOf rank memberOf onSide"),
    ("events", "Operations, events and movements", "conductedBy participant participatedIn opposedBy agent affected "
     "directlyPartOf partOf partOfTheatre belligerent victor objective outcome followedBy after before location "
     "date startDate endDate earliestDate latestDate datePrecision timeOfDay origin via destination towards "
     "recipient orders proposes conveys relays inResponseTo acceptedBy ignoredBy notUnderstoodBy unansweredBy "
     "delayed usedEquipment resultText awardOf"),
    ("story", "Causes, views, plans and terms", "cause effect explainedBy outweighs claimedBy onQuestion "
     "heldBy describedBy asserts opposes agreesWith expects aim aimToAvoid basedOn fulfilment windowStart windowEnd "
     "windowPrecision anticipates involves commitmentOf hasCommitment committedParty beneficiary undertakes "
     "relativeTo minMonths maxMonths deadline inReturnFor fulfilledBy positionOf hasPosition stationedIn "
     "responsibleFor jointly"),
    ("places", "Places and what became of them", "locatedIn occupiedBy annexedBy controlledBeforeWarBy "
     "plannedObjectiveOf dividedAt transferredTo administeredBy puppetStateOf successorStateOf"),
    ("figures", "Figures", "value minValue maxValue measure about qualifier asOf countedText includedIn relatedClaim"),
    ("bibliography", "Bibliography", "author authorOf citesWork referenceNumber noteLetter page isbn doi issn jstor "
     "publisher publishedBy publicationPlace inSeries year translator"),
    ("other", "Other facts", ""),
    ("mappings", "The same facts in other vocabularies", ""),
    ("provenance", "Provenance", "section reference inArticle inSection firstLine lastLine sha256 retrieved line "
     "accordingTo outsideArticle"),
]
_PREFIXES = {"skos": SKOS, "rdfs": RDFS}
_GROUP_OF = {(_PREFIXES[name.split(":")[0]] + name.split(":")[1] if ":" in name else AKO + name): key
             for key, _, names in GROUPS for name in names.split()}
GROUP_TITLES = {key: title for key, title, _ in GROUPS}
_ORDER = {key: i for i, (key, _, _) in enumerate(GROUPS)}
_OWN = (AKO, RDF, RDFS, SKOS, "http://purl.org/dc/terms/")

# (rule, ASK template): $s $p $o are the triple, ?x ?y free. First match explains the triple.
_TYPE_RULES = [
    ("{x} rdfs:subClassOf {o}", "SELECT ?x ?s ?p ?o WHERE { $s a ?x . ?x rdfs:subClassOf $o FILTER(?x != $o) } LIMIT 1"),
    ("rdfs:domain of {x}", "SELECT ?x ?s ?p ?o WHERE { $s ?x ?y . ?x rdfs:domain $o } LIMIT 1"),
    ("rdfs:range of {x}", "SELECT ?x ?s ?p ?o WHERE { ?y ?x $s . ?x rdfs:range $o } LIMIT 1"),
    ("owl:equivalentClass definition of {o}", "SELECT ?x ?s ?p ?o WHERE { $o owl:equivalentClass ?x . ?x owl:intersectionOf ?l } LIMIT 1"),
]
_PROPERTY_RULES = [
    ("{x} rdfs:subPropertyOf {p}", "SELECT ?x ?s ?p ?o WHERE { $s ?x $o . ?x rdfs:subPropertyOf $p FILTER(?x != $p) } LIMIT 1"),
    ("{p} owl:inverseOf {x}", "SELECT ?x ?s ?p ?o WHERE { { $p owl:inverseOf ?x } UNION { ?x owl:inverseOf $p } $o ?x $s } LIMIT 1"),
    ("owl:TransitiveProperty {p}, via {x}", "SELECT ?x ?s ?p ?o WHERE { $p a owl:TransitiveProperty . $s $p ?x . ?x $p $o } LIMIT 1"),
    ("owl:propertyChainAxiom of {p}, via {x}", "SELECT ?x ?s ?p ?o WHERE { $p owl:propertyChainAxiom ?l . ?l rdf:first ?p1 ; rdf:rest/rdf:first ?p2 . $s ?p1 ?x . ?x ?p2 $o } LIMIT 1"),
    ("owl:SymmetricProperty {p}", "SELECT ?x ?s ?p ?o WHERE { $p a owl:SymmetricProperty . $o $p $s BIND($p AS ?x) } LIMIT 1"),
]

#: One-line summaries of story nodes: (class, template) — `{prop}` is the labels of the values of
#: ako:prop (or of a value _DERIVED gives), `{prop?text}` shows `text` and the values only when there are any.
SUMMARIES = [
    ("CausalClaim", "{cause} → {effect} ({kind}), according to {claimant}"),
    ("View", "On {onQuestion}{heldBy? — held by }{describedBy? — described by }{opposes? — opposes }"),
    ("Movement", "{agent}{origin?: from }{via? via }{destination? to }{towards? towards }"),
    ("Position", "{positionOf}{stationedIn? stationed in }{responsibleFor? responsible for }{jointly? — jointly: }"),
    ("Communication", "{agent}{recipient? → }{orders?: orders }{proposes?: proposes }{conveys?: conveys }"
     "{ignoredBy? — ignored by }{notUnderstoodBy? — not understood by }{acceptedBy? — accepted by }"
     "{unansweredBy? — unanswered by }{delayed? — delayed: }"),
    ("Expectation", "{heldBy} expects {expects}{windowStart?, from }{windowEnd? to }{fulfilment? — }"),
    ("Intention", "{heldBy}{aim? aims at }{aimToAvoid? aims to avoid }{windowStart?, from }{windowEnd? to }"),
    ("Commitment", "{committedParty} undertakes {undertakes}{beneficiary? for }{maxMonths?, within months: }"
     "{relativeTo? of }{deadline?, by }"),
]


#: Values a summary shows that no single property holds, as graph patterns binding ?v for $s: a
#: causal claim's kind (its class below ako:CausalClaim, which says how strongly it ties cause to
#: effect), and who makes it (whoever the article attributes it to, else the voice its citations
#: record — the article's own).
_DERIVED = {
    "kind": "$s a ?v . ?v rdfs:subClassOf ako:CausalClaim FILTER(?v != ako:CausalClaim)",
    "claimant": "{ $s ako:claimedBy ?v } UNION { FILTER NOT EXISTS { $s ako:claimedBy ?who } "
                "?st ako:statementSubject $s ; ako:statedIn/ako:accordingTo ?v }",
}


def explain(kg, s: str, p: str, o) -> str:
    """Why the store holds an inferred triple, in words naming the axiom."""
    import pyoxigraph as ox

    subs = {ox.Variable("s"): ox.NamedNode(s), ox.Variable("p"): ox.NamedNode(p), ox.Variable("o"): o}
    rules = _TYPE_RULES if p == TYPE else _PROPERTY_RULES
    for text, template in rules:
        query = template.replace("$s", "?s").replace("$p", "?p").replace("$o", "?o")
        for sol in kg.raw(query, substitutions=subs):
            x = sol["x"]
            return text.format(x=_short(x), o=_short(o), p=shorten(p))
    return "OWL 2 RL schema rules"


def group_of(p: str) -> str:
    """The heading a property's facts go under.

    >>> group_of(AKO + "commandedBy"), group_of(SKOS + "definition"), group_of(AKO + "section")
    ('command', 'about', 'provenance')
    >>> group_of("http://www.cidoc-crm.org/cidoc-crm/P7_took_place_at")
    'mappings'
    """
    if p in _GROUP_OF:
        return _GROUP_OF[p]
    return "other" if p.startswith(_OWN) else "mappings"


def describe(kg, iri: str) -> dict:
    import pyoxigraph as ox

    node = ox.NamedNode(iri)
    cited = citations_of(kg, node)
    facts, types, names, sources = [], [], [], []
    rows = kg.raw("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?p ?o",
                  substitutions={ox.Variable("s"): node})
    for sol in rows:
        p, o, inferred = sol["p"].value, sol["o"], sol["g"].value != ASSERTED_GRAPH
        if p in HIDDEN:
            continue
        entry = {"property": p, "property_label": kg.label(p) or shorten(p), "value": _value(o),
                 "value_label": _value_label(kg, o), "inferred": inferred, "group": group_of(p),
                 "references": cited.get((p, _key(o)), [])}
        if inferred:
            entry["why"] = explain(kg, iri, p, o)
        if p in NAME_PROPERTIES:
            names.append({"name": o.value, "language": o.language or "", "kind": shorten(p), "inferred": inferred,
                          "references": entry["references"]})
        elif p == TYPE:
            if isinstance(o, ox.NamedNode):  # reasoning also types the anonymous class expressions
                types.append(entry)
        else:
            facts.append(entry)
            if p in SOURCE_PROPERTIES:
                sources.append(entry)
    facts.sort(key=lambda f: (_ORDER[f["group"]], f["inferred"], f["property_label"], f["value_label"]))
    inbound = []
    for sol in kg.raw("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) } ORDER BY ?p ?s LIMIT 500",
                      substitutions={ox.Variable("o"): node}):
        s, p = sol["s"].value, sol["p"].value
        if p in HIDDEN or p == AKO + "accordingTo" or s.startswith(_GENID):
            continue
        inbound.append({"subject": s, "subject_label": kg.label(s) or shorten(s), "property": p,
                        "property_label": kg.label(p) or shorten(p), "inferred": sol["g"].value != ASSERTED_GRAPH})
    return {"iri": iri, "label": kg.label(iri) or shorten(iri), "names": names, "types": types,
            "summary": summary(kg, iri, {t["value"] for t in types}), "facts": facts,
            "claims": claims_about(kg, node), "figures": figures_about(kg, node),
            "inbound": inbound, "sources": sources}


_GENID = "https://w3id.org/augustkg/.well-known/genid/"


def citations_of(kg, node) -> dict:
    """(property, object) → the citations of the statement records whose subject is the node."""
    import pyoxigraph as ox

    found: dict[tuple, dict] = {}
    query = """SELECT ?s ?p ?o ?c ?label ?sec ?secLabel ?heading ?line ?by ?out ?ref ?num ?letter ?work ?workLabel WHERE {
      ?st ako:statementSubject ?s ; ako:statementProperty ?p ; ako:statementObject ?o ; ako:statedIn ?c .
      ?c rdfs:label ?label ; ako:section ?sec ; ako:line ?line ; ako:accordingTo ?by .
      ?sec rdfs:label ?secLabel . OPTIONAL { ?sec dcterms:title ?heading }
      OPTIONAL { ?c ako:outsideArticle ?out }
      OPTIONAL { ?c ako:reference ?ref . OPTIONAL { ?ref ako:referenceNumber ?num } OPTIONAL { ?ref ako:noteLetter ?letter }
                 OPTIONAL { ?ref ako:citesWork ?work . ?work rdfs:label ?workLabel } }
    } ORDER BY ?c ?line ?num"""
    by_citation: dict[tuple, dict] = {}
    for r in kg.raw(query, substitutions={ox.Variable("s"): node}):
        key = (r["p"].value, _key(r["o"]))
        c = r["c"].value
        cite = by_citation.setdefault((key, c), {
            "iri": c, "label": r["label"].value, "section": r["sec"].value, "section_label": r["secLabel"].value,
            "lines": [], "references": [], "according_to": r["by"].value,
            "according_to_label": kg.label(r["by"].value) or shorten(r["by"].value),
            "outside": bool(r["out"] and r["out"].value == "true"),
            "url": ARTICLE_URL + ("#" + r["heading"].value.replace(" ", "_") if r["heading"] else "")})
        line = int(r["line"].value)
        if line not in cite["lines"]:
            cite["lines"].append(line)
        if r["ref"] is not None and all(x["iri"] != r["ref"].value for x in cite["references"]):
            mark = r["num"].value if r["num"] is not None else (r["letter"].value if r["letter"] is not None else "")
            cite["references"].append({"iri": r["ref"].value, "mark": mark,
                                       "work": r["work"].value if r["work"] is not None else None,
                                       "work_label": r["workLabel"].value if r["workLabel"] is not None else None})
        if cite not in found.setdefault(key, []):
            found[key].append(cite)
    return found


def summary(kg, iri: str, types: set) -> str:
    """A story node in one line, from the first summary template its classes match."""
    for cls, template in SUMMARIES:
        if AKO + cls in types:
            return _fill(kg, iri, template)
    return ""


def _fill(kg, iri: str, template: str) -> str:
    import re

    def values(prop: str) -> str:
        pattern = _DERIVED[prop].replace("$s", f"<{iri}>") if prop in _DERIVED else f"<{iri}> ako:{prop} ?v"
        rows = kg.raw(f"SELECT DISTINCT ?v WHERE {{ {pattern} }} ORDER BY ?v")
        return ", ".join(_value_label(kg, r["v"]) for r in rows)

    def part(m) -> str:
        prop, _, text = m.group(1).partition("?")
        found = values(prop)
        if "?" in m.group(1):
            return f"{text}{found}" if found else ""
        return found or "—"

    return re.sub(r"\{([A-Za-z]+(?:\?[^}]*)?)\}", part, template).strip()


def claims_about(kg, node) -> list[dict]:
    """The causal claims in which the resource is a cause or an effect, each with who makes it."""
    import pyoxigraph as ox

    out = []
    rows = kg.raw("""SELECT DISTINCT ?r ?claim ?role WHERE { ?claim a ako:CausalClaim ; ?role ?r
                     VALUES ?role { ako:cause ako:effect } } ORDER BY ?claim""",
                  substitutions={ox.Variable("r"): node})
    for r in rows:
        claim = r["claim"].value
        out.append({"iri": claim, "label": kg.label(claim) or shorten(claim),
                    "as": "cause" if r["role"].value.endswith("cause") else "effect",
                    "summary": _fill(kg, claim, SUMMARIES[0][1])})
    return out


def figures_about(kg, node) -> list[dict]:
    """The figures (claims) about the resource, with their values, what they count, who gives them and
    where the article states the value."""
    import pyoxigraph as ox

    rows = kg.raw("""SELECT ?r ?claim ?value ?min ?max ?measure (GROUP_CONCAT(DISTINCT ?by; separator="|") AS ?bys) WHERE {
        ?claim a ako:Claim ; ako:about ?r . OPTIONAL { ?claim ako:value ?value }
        OPTIONAL { ?claim ako:minValue ?min ; ako:maxValue ?max } OPTIONAL { ?claim ako:measure ?measure }
        OPTIONAL { ?claim ako:claimedBy ?by } } GROUP BY ?r ?claim ?value ?min ?max ?measure ORDER BY ?measure ?claim""",
                  substitutions={ox.Variable("r"): node})
    out = []
    for r in rows:
        claim = r["claim"].value
        value = r["value"].value if r["value"] is not None else (
            f"{r['min'].value}–{r['max'].value}" if r["min"] is not None else "")
        bys = [b for b in (r["bys"].value.split("|") if r["bys"] is not None else []) if b]
        out.append({"iri": claim, "label": kg.label(claim) or shorten(claim), "value": value,
                    "measure": kg.label(r["measure"].value) if r["measure"] is not None else "",
                    "claimed_by": [kg.label(b) or shorten(b) for b in bys],
                    "references": _value_citations(citations_of(kg, r["claim"]))})
    return out


def _value_citations(cited: dict) -> list[dict]:
    """Where the article states a figure's value (its value, or minimum and maximum), once each."""
    out = []
    for (p, _), cites in sorted(cited.items()):
        if p in (AKO + "value", AKO + "minValue", AKO + "maxValue"):
            out += [c for c in cites if all(c["iri"] != o["iri"] for o in out)]
    return out


def _key(term) -> str:
    return str(term)


def _value(term) -> str:
    import pyoxigraph as ox

    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def _value_label(kg, term) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return kg.label(term.value) or shorten(term.value)
    if isinstance(term, ox.Literal):
        return term.value + (f" @{term.language}" if term.language else "")
    return str(term)


def _short(term) -> str:
    import pyoxigraph as ox

    return shorten(term.value) if isinstance(term, ox.NamedNode) else str(term)
