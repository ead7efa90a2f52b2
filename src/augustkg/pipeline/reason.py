"""The fast closure: exactly the OWL 2 RL rules the ontology uses, forward-chained semi-naively.

Why not owlrl: it rescans every triple on every cycle (about 19 s for 10k triples). Here the
schema is closed and compiled first (`rules.py`); instance triples are interned to integer
pairs per predicate and closed semi-naively a set at a time (each round joins only the new
pairs with what is known, and set difference in C drops the known ones), which closes a
million asserted triples in seconds. owlrl stays the
reference; tests check that both give the same closure after dropping owlrl's noise (see
`reference_reasoner.py`).

Supported (OWL 2 RL rule names): cax-sco, cax-eqc1/2, prp-spo1, prp-spo2 (property chains of
any length), prp-eqp1/2, prp-inv1/2, prp-symp, prp-trp, prp-dom, prp-rng, cls-int1, cls-int2,
cls-svf1, cls-svf2, and the schema rules scm-cls, scm-sco, scm-eqc1/2, scm-op, scm-dp, scm-spo,
scm-eqp1/2, scm-dom1/2, scm-rng1/2, scm-int, scm-svf1/2. Consistency (`check.py`): cax-dw,
cax-adc and cls-nothing2. Anything else that needs reasoning (owl:sameAs, functional or inverse-functional
properties, cardinalities, owl:hasValue, owl:allValuesFrom, owl:unionOf, owl:hasKey, ...) is
refused with UnsupportedConstruct, so the fast closure can never silently differ from owlrl.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product, repeat
from operator import itemgetter
from typing import Callable, Iterable

from .rules import (AXIOMATIC_NOTHING, NOTHING, SCHEMA_PREDICATES, SCHEMA_TYPES, SUBCLASS, SUBPROP, THING,
                    TRANSITIVE, TYPE, UNSUPPORTED_PREDICATES, UNSUPPORTED_TYPES, Graph, Rules, Triple,
                    UnsupportedConstruct, check_supported, close_schema)

__all__ = ["Closure", "UnsupportedConstruct", "materialize"]


def materialize(asserted: Iterable[Triple], progress: Callable[[int], None] | None = None) -> set[Triple]:
    """The closure of the asserted triples (asserted ones included).

    >>> ako = "<https://w3id.org/augustkg/ontology#"
    >>> facts = [(f"{ako}a>", f"{ako}directlySubordinateTo>", f"{ako}b>"),
    ...          (f"{ako}b>", f"{ako}directlySubordinateTo>", f"{ako}c>"),
    ...          (f"{ako}directlySubordinateTo>", SUBPROP, f"{ako}subordinateTo>"),
    ...          (f"{ako}subordinateTo>", TYPE, TRANSITIVE)]
    >>> (f"{ako}a>", f"{ako}subordinateTo>", f"{ako}c>") in materialize(facts)
    True
    """
    return Closure.compute(asserted, progress).triples()


class Closure:
    """A closure held as interned ids: pairs (subject, object) per predicate.

    Why ids: at a million asserted triples the closure holds several million, and tuples of
    strings cost both the memory and the hashing time. IRIs and blank nodes get ids >= 0,
    literals ids < 0, so "is the object a literal" is a comparison. The build writes its dumps
    and its store straight from here; `triples()` gives the plain string form.
    """

    def __init__(self):
        self.ids: dict[str, int] = {}
        self.nodes: list[str] = []  # id -> term, for ids >= 0
        self.literals: list[str] = []  # ~id -> term, for ids < 0
        self.pairs: dict[int, set[tuple[int, int]]] = defaultdict(set)  # the closure
        self.asserted: dict[int, set[tuple[int, int]]] = defaultdict(set)

    def id(self, term: str) -> int:
        i = self.ids.get(term)
        if i is None:
            if term.startswith('"'):
                i = ~len(self.literals)
                self.literals.append(term)
            else:
                i = len(self.nodes)
                self.nodes.append(term)
            self.ids[term] = i
        return i

    def term(self, i: int) -> str:
        return self.nodes[i] if i >= 0 else self.literals[~i]

    @classmethod
    def compute(cls, asserted: Iterable[Triple], progress: Callable[[int], None] | None = None) -> "Closure":
        c = cls()
        c.load(asserted)
        c.reason(progress)
        return c

    def load(self, asserted: Iterable[Triple]) -> None:
        """Intern asserted triples (an iterable, so a parser can stream into it)."""
        ids, ident, pairs = self.ids, self.id, self.asserted
        for s, p, o in asserted:  # the hot loop of a big build: interning inlined
            si, pi, oi = ids.get(s), ids.get(p), ids.get(o)
            pairs[ident(p) if pi is None else pi].add((ident(s) if si is None else si,
                                                       ident(o) if oi is None else oi))

    def reason(self, progress: Callable[[int], None] | None = None) -> None:
        """Close the loaded triples; `progress(n)` hears the closure's size after each round."""
        ident, term = self.id, self.term
        type_id = self.ids.get(TYPE)
        watched_types = {self.ids[t] for t in UNSUPPORTED_TYPES | SCHEMA_TYPES if t in self.ids}
        schema = Graph()
        for p, pairs in self.asserted.items():
            name = term(p)
            if name in UNSUPPORTED_PREDICATES:
                check_supported([(term(s), name, term(o)) for s, o in sorted(pairs)[:1]])
            if name in SCHEMA_PREDICATES:
                for s, o in pairs:
                    schema.add(term(s), name, term(o))
            elif p == type_id:
                for s, o in pairs:
                    if o in watched_types:
                        check_supported([(term(s), name, term(o))])
                        schema.add(term(s), name, term(o))
        close_schema(schema)
        closed_schema = defaultdict(set)
        for s, p, o in schema.triples():
            closed_schema[ident(p)].add((ident(s), ident(o)))
        start = dict(self.asserted)  # the engine reads these sets and never changes them
        for p, pairs in closed_schema.items():
            start[p] = start[p] | pairs if p in start else pairs
        self.pairs = _Engine(_IdRules(Rules(schema), ident)).run(start, progress)
        nothing = ident(AXIOMATIC_NOTHING[0]), ident(AXIOMATIC_NOTHING[2])
        self.pairs[ident(SUBCLASS)].discard(nothing)  # holds in every graph; owlrl counts it as an axiom

    @classmethod
    def of(cls, asserted: Iterable[Triple], closure: Iterable[Triple]) -> "Closure":
        """Wrap string triples computed elsewhere (the owlrl reference) for writing."""
        c = cls()
        for target, triples in ((c.asserted, asserted), (c.pairs, closure)):
            for s, p, o in triples:
                target[c.id(p)].add((c.id(s), c.id(o)))
        return c

    def __len__(self) -> int:
        return sum(map(len, self.pairs.values()))

    def asserted_count(self) -> int:
        return sum(map(len, self.asserted.values()))

    def triples(self) -> set[Triple]:
        term = self.term
        return {(term(s), term(p), term(o)) for p, pairs in self.pairs.items() for s, o in pairs}

    def lines(self, which: str):
        """N-Triples lines of the asserted triples or of what reasoning added ("inferred"), in
        batches, unsorted (for loading a store)."""
        term = self.term
        for p, pairs in (self.asserted if which == "asserted" else self.pairs).items():
            if which == "inferred":
                base = self.asserted.get(p)
                pairs = pairs - base if base else pairs
            name = term(p)
            yield from _batches(f"{term(s)} {name} {term(o)} .\n" for s, o in pairs)

    def consistency_graph(self) -> Graph:
        """The schema plus the rdf:type facts about classes a disjointness axiom or owl:Nothing names."""
        g, term = Graph(), self.term
        type_id = self.ids.get(TYPE)
        for p, pairs in self.pairs.items():
            if term(p) in SCHEMA_PREDICATES:
                for s, o in pairs:
                    g.add(term(s), term(p), term(o))
        types = self.pairs.get(type_id, set())
        schema_types = {self.ids[t] for t in SCHEMA_TYPES if t in self.ids}
        for s, o in types:
            if o in schema_types:
                g.add(term(s), TYPE, term(o))
        rules = Rules(g)
        watched = {NOTHING} | {a for a, _, _ in rules.disjoint_pairs} | {b for _, b, _ in rules.disjoint_pairs}
        watched_ids = {self.ids[c] for c in watched if c in self.ids}
        for s, o in types:
            if o in watched_ids:
                g.add(term(s), TYPE, term(o))
        return g

    def sorted_lines(self, which: str = "closure"):
        """N-Triples lines sorted as strings, in batches, never as one giant string.

        Sorting (rank of s, rank of p, rank of o) gives the same order as sorting the lines:
        a term that is a prefix of another is always followed by a character above the space
        that ends it in a line.
        """
        groups = self.asserted if which == "asserted" else self.pairs
        ranked = sorted(range(-len(self.literals), len(self.nodes)), key=self.term)
        rank = [0] * (len(self.literals) + len(self.nodes))
        for r, i in enumerate(ranked):
            rank[i] = r  # literals' negative ids index from the end
        n = len(rank)
        keys = []
        for p, pairs in groups.items():
            rp = rank[p]
            keys.extend((rank[s] * n + rp) * n + rank[o] for s, o in pairs)
        keys.sort()
        text = [self.term(i) for i in ranked]
        def line(key: int) -> str:
            rest, o = divmod(key, n)
            s, p = divmod(rest, n)
            return f"{text[s]} {text[p]} {text[o]} .\n"

        yield from _batches(map(line, keys))


class _IdRules:
    """The compiled rules of `Rules`, with every term replaced by its id."""

    def __init__(self, rules: Rules, ident: Callable[[str], int]):
        ids = lambda terms: {ident(t) for t in terms}  # noqa: E731
        self.type, self.thing = ident(TYPE), ident(THING)
        self.sup_classes = {ident(c): ids(ds) - {ident(c)} for c, ds in rules.sup_classes.items()}
        self.sup_props = {ident(p): ids(qs) for p, qs in rules.sup_props.items() if qs}
        self.inverses = {ident(p): ids(qs) for p, qs in rules.inverses.items()}
        self.transitive, self.symmetric = ids(rules.transitive), ids(rules.symmetric)
        self.domains = {ident(p): ids(cs) for p, cs in rules.domains.items()}
        self.ranges = {ident(p): ids(cs) for p, cs in rules.ranges.items()}
        self.chains = defaultdict(list)
        for p, uses in rules.chains.items():
            for i, chain, q in uses:
                self.chains[ident(p)].append((i, [ident(x) for x in chain], ident(q)))
        self.svf_by_prop = {ident(p): [(ident(r), ident(f)) for r, f in v] for p, v in rules.svf_by_prop.items()}
        self.svf_by_filler = {ident(f): [(ident(p), ident(r)) for p, r in v] for f, v in rules.svf_by_filler.items()}
        self.intersections = {ident(c): [ident(m) for m in ms] for c, ms in rules.intersections.items()}
        self.int_by_member = {ident(m): [ident(c) for c in cs] for m, cs in rules.int_by_member.items()}
        # which predicates need a subject -> objects or an object -> subjects index for the joins
        self.forward = self.transitive | {p for _, ch, _ in sum(self.chains.values(), []) for p in ch[1:]}
        self.backward = self.transitive | {p for _, ch, _ in sum(self.chains.values(), []) for p in ch[:-1]}
        self.backward |= {p for uses in self.svf_by_filler.values() for p, _ in uses}


class _Engine:
    """Semi-naive forward chaining a set at a time: each round joins only the new pairs of each
    predicate with what is known, and set difference (in C) drops what was already there.
    Joins group the new pairs by their shared term first, so one C-level `product` replaces a
    Python loop per pair."""

    def __init__(self, rules: _IdRules):
        self.r = rules
        self.known: dict[int, set] = defaultdict(set)
        self.fw = {p: defaultdict(set) for p in rules.forward}
        self.bw = {p: defaultdict(set) for p in rules.backward}

    def run(self, delta: dict[int, set], progress) -> dict[int, set]:
        known, fw, bw = self.known, self.fw, self.bw
        size = 0
        while delta:
            fresh = {}
            for p, cand in delta.items():
                have = known[p]
                new = cand - have if have else cand
                if not new:
                    continue
                have |= new
                size += len(new)
                fresh[p] = new = _New(new)
                if p in fw:
                    index = fw[p]
                    for s, objects in new.by_s().items():
                        index[s].update(objects)
                if p in bw:
                    index = bw[p]
                    for o, subjects in new.by_o().items():
                        index[o].update(subjects)
            if progress:
                progress(size)
            delta = defaultdict(set)
            for p, new in fresh.items():
                self.apply(p, new, delta)
        return known

    def apply(self, p: int, new: "_New", out: dict) -> None:
        """Every consequence of the new pairs of predicate p, joined with all that is known."""
        r = self.r
        type_ = r.type
        pairs = new.pairs
        for q in r.sup_props.get(p, ()):
            out[q] |= pairs
        if p == type_:
            self.types(new, out[type_])
        if p in r.domains:
            sources = set(map(itemgetter(0), pairs))
            for c in r.domains[p]:
                out[type_].update(zip(sources, repeat(c)))
        for restriction, filler in r.svf_by_prop.get(p, ()):
            if filler == r.thing:
                out[type_].update(zip(set(map(itemgetter(0), pairs)), repeat(restriction)))
            else:
                types = self.known[type_]
                out[type_].update((s, restriction) for s, o in pairs if (o, filler) in types)
        for i, chain, q in r.chains.get(p, ()):
            self.chain(chain, i, new, out[q])
        if not (p in r.transitive or p in r.symmetric or p in r.inverses or p in r.ranges):
            return
        if min(map(itemgetter(1), pairs)) < 0:  # these rules skip literal objects
            new = _New({(s, o) for s, o in pairs if o >= 0})
            pairs = new.pairs
        swapped = set(zip(map(itemgetter(1), pairs), map(itemgetter(0), pairs)))
        for q in r.inverses.get(p, ()):
            out[q] |= swapped
        if p in r.symmetric:
            out[p] |= swapped
        if p in r.transitive:
            found, objects, subjects = out[p], self.fw[p], self.bw[p]
            for o, ss in new.by_o().items():
                further = objects.get(o)
                if further:
                    found.update(product(ss, further))
            for s, os_ in new.by_s().items():
                below = subjects.get(s)
                if below:
                    found.update(product(below, os_))
        if p in r.ranges:
            targets = set(map(itemgetter(1), pairs))
            for c in r.ranges[p]:
                out[type_].update(zip(targets, repeat(c)))

    def types(self, new: "_New", found: set) -> None:
        """cax-sco, cls-int1/2 and cls-svf2 for new rdf:type pairs, a class at a time."""
        r = self.r
        known = self.known[r.type]
        for c, xs in new.by_o().items():
            for d in r.sup_classes.get(c, ()):
                found.update(zip(xs, repeat(d)))
            for m in r.intersections.get(c, ()):
                found.update(zip(xs, repeat(m)))
            for defined in r.int_by_member.get(c, ()):
                members = r.intersections[defined]
                found.update((x, defined) for x in xs if all((x, m) in known for m in members))
            for prop, restriction in r.svf_by_filler.get(c, ()):
                subjects = self.bw[prop]
                for x in xs:
                    below = subjects.get(x)
                    if below:
                        found.update(zip(below, repeat(restriction)))

    def chain(self, chain: list[int], i: int, new: "_New", found: set) -> None:
        """prp-spo2: every path along `chain` that uses a new edge at position i, as (start, end).

        The starts of a path depend only on the edge's subject and the ends only on its object,
        so edges are grouped by subject and the ends of each object are walked once."""
        ends_of: dict[int, set] = {}
        for s, objects in new.by_s().items():
            starts = {s}
            for p in reversed(chain[:i]):
                index = self.bw[p]
                starts = {x for y in starts for x in index.get(y, ())}
            if not starts:
                continue
            ends = set()
            for o in objects:
                reached = ends_of.get(o)
                if reached is None:
                    reached = {o}
                    for p in chain[i + 1:]:
                        index = self.fw[p]
                        reached = {z for y in reached for z in index.get(y, ())}
                    ends_of[o] = reached
                ends |= reached
            found.update(product(starts, ends))


class _New:
    """The new pairs of one predicate in one round, grouped by subject or object on demand and
    at most once (the indexes and the joins share the groups)."""

    __slots__ = ("pairs", "_by_s", "_by_o")

    def __init__(self, pairs: set):
        self.pairs, self._by_s, self._by_o = pairs, None, None

    def by_s(self) -> dict[int, list[int]]:
        if self._by_s is None:
            self._by_s = _group(self.pairs, 0, 1)
        return self._by_s

    def by_o(self) -> dict[int, list[int]]:
        if self._by_o is None:
            self._by_o = _group(self.pairs, 1, 0)
        return self._by_o


def _batches(lines, size: int = 50_000):
    """Join lines into strings of `size` lines: few, large writes without one giant string."""
    batch = []
    for text in lines:
        batch.append(text)
        if len(batch) == size:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def _group(pairs: set, key: int, value: int) -> dict[int, list[int]]:
    """The pairs grouped by one position: {pair[key]: [pair[value], ...]}."""
    groups = defaultdict(list)
    for pair in pairs:
        groups[pair[key]].append(pair[value])
    return groups
