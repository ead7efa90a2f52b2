"""JSON-LD that reads as plain JSON: short keys, plain strings, one object per resource.

The context is generated from the graph itself rather than kept as a hand-made file, so it can
never fall behind the ontology: every `ako:` class and property (and the other vocabularies'
terms, where the local name is free) gets its local name as key; a property whose values are
all resources is coerced to `@id`, all English strings to `@language: en`, all of one datatype
(dates, decimals, gYears) to that `@type`; a property some resource has several values of is a
`@set`, so its key always holds an array and the others never do.

The compaction is our own, not a JSON-LD processor's (pyld is not a dependency): with the
context above the compact form is fixed term by term, and writing it directly keeps the output
byte-for-byte deterministic. A value that does not fit its key's coercion (a Russian label, a
string among dates) is written as an explicit `{"@value": …}` object, which JSON-LD leaves
alone, so nothing is lost — the round-trip test parses every export back with rdflib.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pyoxigraph as ox

from ..namespaces import AKO, PREFIXES, RDF, XSD, shorten

TYPE = RDF + "type"
STRING = XSD + "string"
LANG_STRING = RDF + "langString"
NATIVE = {XSD + "integer", XSD + "boolean"}  # written as JSON numbers and booleans
RESERVED = {"id", "type", *PREFIXES}


def compact(iri: str) -> str:
    short = shorten(iri)
    return iri if short.startswith("<") else short


def context(closure) -> dict:
    """The context for the exports, from the closure (a superset of what the asserted graph uses)."""
    classes, values, counts = set(), defaultdict(set), defaultdict(lambda: defaultdict(int))
    for t in closure:
        p, o = t.predicate.value, t.object
        counts[p][t.subject] += 1
        if p == TYPE:
            if isinstance(o, ox.NamedNode):
                classes.add(o.value)
            continue
        if isinstance(o, ox.Literal):
            values[p].add(("lang", o.language) if o.language else ("type", o.datatype.value))
        else:
            values[p].add(("id", None))
    ctx: dict = {"id": "@id", "type": "@type", **PREFIXES}
    names: dict[str, str] = {}
    for iri in sorted(classes | set(values), key=_term_order):
        name = _local(iri)
        if name and name not in RESERVED and name not in names and name.replace("_", "a").isalnum():
            names[name] = iri
    for name, iri in names.items():
        if iri in classes and iri not in values:
            ctx[name] = compact(iri)
            continue
        definition = {"@id": compact(iri)}
        kinds = values[iri]
        languages = [arg for kind, arg in kinds if kind == "lang"]
        if languages and len(languages) == len(kinds):  # all tagged: English (or the first) as default
            definition["@language"] = "en" if "en" in languages else sorted(languages)[0]
        elif len(kinds) == 1:
            kind, arg = next(iter(kinds))
            if kind == "id":
                definition["@type"] = "@id"
            elif arg not in (STRING, LANG_STRING) and arg not in NATIVE:
                definition["@type"] = compact(arg)
        if any(n > 1 for n in counts[iri].values()):
            definition["@container"] = "@set"
        ctx[name] = definition if len(definition) > 1 else definition["@id"]
    return ctx


def _term_order(iri: str):
    """ako: terms claim their local names first, then the vocabularies in PREFIXES order."""
    ranks = {ns: i for i, ns in enumerate(PREFIXES.values())}
    for ns, rank in sorted(ranks.items(), key=lambda kv: -len(kv[0])):
        if iri.startswith(ns):
            return (0 if ns == AKO else 1 + rank, iri)
    return (len(ranks) + 1, iri)


def _local(iri: str) -> str:
    for ns in sorted(PREFIXES.values(), key=len, reverse=True):
        if iri.startswith(ns):
            return iri[len(ns):]
    return ""


def document(triples, closure) -> bytes:
    """The graph as one JSON-LD document with the context inline (self-contained)."""
    ctx = context(closure)
    terms = {}
    for name, definition in ctx.items():
        if isinstance(definition, dict):
            terms[definition["@id"]] = (name, definition)
        elif name not in RESERVED:
            terms[definition] = (name, {"@id": definition})
    by_subject: dict = defaultdict(lambda: defaultdict(list))
    for t in triples:
        by_subject[_node_id(t.subject)][t.predicate.value].append(t.object)
    nodes = []
    for subject in sorted(by_subject, key=lambda s: (s.startswith("_:"), s)):
        node = {"id": subject}
        props = by_subject[subject]
        types = sorted(o.value for o in props.get(TYPE, []) if isinstance(o, ox.NamedNode))
        if types:
            node["type"] = sorted(_type_name(c, terms) for c in types)
        entries = {}
        for p, objects in props.items():
            if p == TYPE:
                objects = [o for o in objects if not isinstance(o, ox.NamedNode)]
                if not objects:
                    continue
                name, definition = compact(p), {}
            else:
                name, definition = terms.get(compact(p), (compact(p), {}))
            encoded = sorted((_value(o, definition) for o in objects), key=_sort_key)
            as_set = definition.get("@container") == "@set" or len(encoded) > 1
            entries[name] = encoded if as_set else encoded[0]
        node.update(sorted(entries.items()))
        nodes.append(node)
    text = json.dumps({"@context": ctx, "@graph": nodes}, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def context_file(closure) -> bytes:
    """The context alone, for web code that wants to reuse it (`"@context": "context.jsonld"`)."""
    return (json.dumps({"@context": context(closure)}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _type_name(iri: str, terms: dict) -> str:
    found = terms.get(compact(iri))
    return found[0] if found and isinstance(found[1], dict) and len(found[1]) == 1 else compact(iri)


def _node_id(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else compact(term.value)


def _value(o, definition: dict):
    if not isinstance(o, ox.Literal):
        ref = _node_id(o)
        return ref if definition.get("@type") == "@id" else {"@id": ref}
    coerced_type, coerced_lang = definition.get("@type"), definition.get("@language")
    if o.language:
        return o.value if coerced_lang == o.language else {"@value": o.value, "@language": o.language}
    dt = o.datatype.value
    if dt == STRING:
        return o.value if not (coerced_type or coerced_lang) else {"@value": o.value}
    if dt in NATIVE and not coerced_type:
        native = _native(o.value, dt)
        if native is not None:
            return native
    if coerced_type == compact(dt):
        return o.value
    return {"@value": o.value, "@type": compact(dt)}


def _native(lexical: str, dt: str):
    """A JSON number or boolean when it maps back to the very same lexical form, else None."""
    if dt == XSD + "boolean":
        return {"true": True, "false": False}.get(lexical)
    try:
        number = int(lexical)
    except ValueError:
        return None
    return number if str(number) == lexical else None


def _sort_key(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
