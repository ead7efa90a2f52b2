"""SHACL validation as SPARQL queries over the built store: the fast path for big graphs.

Why: pyshacl walks an rdflib graph in Python and needs minutes at a million triples, while the
store answers one query per constraint in seconds. The shapes file is compiled, not copied: each
constraint of each shape becomes one SELECT that returns the focus nodes violating it, carrying
that shape's sh:message, path and severity — so editing shapes.ttl changes both paths alike.

Only the SHACL features the project's shapes use are compiled (targets by class, subjects and
objects of; IRI paths; min/max count, class, datatype, languageIn, in, lessThan(OrEquals),
qualified value shapes, and, or, xone, not); anything else is refused with a message that
points to the pyshacl path, so the two paths can never silently disagree.

The queries run on the closure, where rdf:type is already closed under rdfs:subClassOf, so
`?x a C` is exactly SHACL's `rdf:type/rdfs:subClassOf* C`. Results are rows of the same
`Violation` the pyshacl path reports (one per focus node, path and message).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from ..errors import AugustError
from ..namespaces import RDFS, SH, XSD, shorten
from .parse import parse_file
from .rules import TYPE, Graph, read_list
from .validate import Violation


def _sh(local: str) -> str:
    return f"<{SH}{local}>"


#: SHACL predicates this compiler understands; any other sh: predicate in a shape is refused.
KNOWN = {_sh(x) for x in [
    "targetClass", "targetSubjectsOf", "targetObjectsOf", "property", "path", "message", "severity",
    "minCount", "maxCount", "class", "datatype", "languageIn", "in", "lessThan", "lessThanOrEquals",
    "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "and", "or", "xone", "not",
    "deactivated", "name", "description", "order", "group"]}
#: The constraints on each value node, checked by `_Compiler.value_ok` wherever a shape may hold them.
VALUE_COMPONENTS = ("class", "datatype", "languageIn", "in", "and", "or", "xone", "not")
#: Datatypes whose lexical form SPARQL can check with a cast (an ill-formed literal is a violation).
CASTABLE = {f"<{XSD}{x}>" for x in ["date", "dateTime", "decimal", "integer", "boolean"]}
LABEL = f"<{RDFS}label>"


@dataclass(frozen=True)
class Check:
    """One constraint as a query: its rows are the focus nodes (?f) that violate it."""

    shape: str
    component: str
    path: str
    message: str
    severity: str
    sparql: str


def load_shapes(shapes_file: Path) -> Graph:
    g = Graph()
    for t in parse_file(Path(shapes_file), 0, skolemize=False):  # shapes keep their anonymous nodes
        g.add(*t)
    return g


def compile_shapes(g: Graph) -> list[Check]:
    """Every constraint of every node shape that has a target, as a Check."""
    checks = []
    shapes = sorted(set().union(*(set(s for s, _ in g.pairs(_sh(t)))
                                  for t in ("targetClass", "targetSubjectsOf", "targetObjectsOf"))))
    for shape in shapes:
        if _deactivated(g, shape):
            continue
        checks += _Compiler(g).node_shape(shape)
    return checks


def validate_store(store, shapes_file: Path) -> list[Violation]:
    """The SHACL results of the store's graph (the union of its named graphs), sorted."""
    import pyoxigraph as ox

    checks = compile_shapes(load_shapes(shapes_file))
    found = set()
    for check in checks:
        for row in store.query(check.sparql, use_default_graph_as_union=True):
            found.add((row["f"], check))
    labels = {}
    for focus in {f for f, _ in found}:
        rows = list(store.query(f"SELECT (MIN(?l) AS ?l) WHERE {{ {focus} {LABEL} ?l }}",
                                use_default_graph_as_union=True))
        label = rows[0]["l"] if rows and rows[0]["l"] is not None else None
        labels[focus] = label.value if label is not None else (
            focus.value if isinstance(focus, (ox.NamedNode, ox.BlankNode)) else str(focus))
    return sorted({Violation(focus=str(f), label=labels[f], path=c.path, message=c.message, severity=c.severity)
                   for f, c in found})


def _deactivated(g: Graph, shape: str) -> bool:
    return any(v.startswith('"true"') for v in g.objects(shape, _sh("deactivated")))


def _one(g: Graph, node: str, pred: str) -> str | None:
    values = sorted(g.objects(node, _sh(pred)))
    return values[0] if values else None


def _int(term: str) -> int:
    return int(term.split('"')[1])


def _text(term: str) -> str:
    return term.split('"')[1] if term.startswith('"') else term


class _Compiler:
    def __init__(self, g: Graph):
        self.g = g
        self.fresh = itertools.count()

    def var(self) -> str:
        return f"?v{next(self.fresh)}"

    def refuse_unknown(self, node: str) -> None:
        for p, by_s in self.g.spo.items():
            if p.startswith(f"<{SH}") and p not in KNOWN and node in by_s:
                raise AugustError(
                    f"the SPARQL validation path does not implement sh:{p[len(SH) + 1:-1]} (used in the shapes); "
                    "validate with pyshacl instead (AUGUSTKG_SHACL=pyshacl)")

    # -- top level: one query per constraint ---------------------------------------------
    def node_shape(self, shape: str) -> list[Check]:
        g = self.g
        self.refuse_unknown(shape)
        target = self.target(shape)
        message = self.message(shape)
        severity = self.severity(shape)
        checks = []

        def add(component: str, path: str, body: str, msg: str, sev: str, group: str = ""):
            sparql = f"SELECT DISTINCT ?f WHERE {{ {target} {body} }}{group}"
            checks.append(Check(shape, component, path, msg, sev, sparql))

        for component in VALUE_COMPONENTS:
            for value in sorted(g.objects(shape, _sh(component))):
                add(component, "", f"FILTER(!({self.value_ok(component, value, '?f')}))", message, severity)
        for prop in sorted(g.objects(shape, _sh("property"))):
            if _deactivated(g, prop):
                continue
            self.refuse_unknown(prop)
            path = self.path(prop)
            short = shorten(path[1:-1])
            msg, sev = self.message(prop), self.severity(prop)
            lo, hi = _one(g, prop, "minCount"), _one(g, prop, "maxCount")
            if lo is not None:
                add("minCount", short, f"OPTIONAL {{ ?f {path} ?v }}", msg, sev,
                    f" GROUP BY ?f HAVING(COUNT(DISTINCT ?v) < {_int(lo)})")
            if hi is not None:
                add("maxCount", short, f"?f {path} ?v .", msg, sev,
                    f" GROUP BY ?f HAVING(COUNT(DISTINCT ?v) > {_int(hi)})")
            for component in VALUE_COMPONENTS:
                for value in sorted(g.objects(prop, _sh(component))):
                    add(component, short, f"?f {path} ?v . FILTER(!({self.value_ok(component, value, '?v')}))",
                        msg, sev)
            for component, op in (("lessThan", "<"), ("lessThanOrEquals", "<=")):
                for other in sorted(g.objects(prop, _sh(component))):
                    add(component, short, f"?f {path} ?v . ?f {other} ?w . FILTER(!COALESCE(?v {op} ?w, false))",
                        msg, sev)
            qualified = _one(g, prop, "qualifiedValueShape")
            if qualified is not None:
                qmin, qmax = _one(g, prop, "qualifiedMinCount"), _one(g, prop, "qualifiedMaxCount")
                tests = ([f"COUNT(DISTINCT ?v) < {_int(qmin)}"] if qmin else []) + \
                        ([f"COUNT(DISTINCT ?v) > {_int(qmax)}"] if qmax else [])
                if tests:
                    add("qualifiedValueShape", short,
                        f"OPTIONAL {{ ?f {path} ?v . FILTER({self.conforms(qualified, '?v')}) }}", msg, sev,
                        f" GROUP BY ?f HAVING({' || '.join(tests)})")
        return checks

    def target(self, shape: str) -> str:
        g = self.g
        parts = [f"{{ ?f {TYPE} {c} }}" for c in sorted(g.objects(shape, _sh("targetClass")))]
        parts += [f"{{ ?f {p} ?t }}" for p in sorted(g.objects(shape, _sh("targetSubjectsOf")))]
        parts += [f"{{ ?t {p} ?f }}" for p in sorted(g.objects(shape, _sh("targetObjectsOf")))]
        return f"{{ SELECT DISTINCT ?f WHERE {{ {' UNION '.join(parts)} }} }}"

    def path(self, prop: str) -> str:
        path = _one(self.g, prop, "path")
        if path is None or not path.startswith("<"):
            raise AugustError("the SPARQL validation path only implements single-IRI sh:path values; "
                              "validate with pyshacl instead (AUGUSTKG_SHACL=pyshacl)")
        return path

    def message(self, shape: str) -> str:
        messages = sorted(self.g.objects(shape, _sh("message")), key=lambda m: (not m.endswith("@en"), m))
        if not messages:
            return "constraint not met"
        import pyoxigraph as ox

        return next(iter(ox.parse(f"<x:s> <x:p> {messages[0]} .", format=ox.RdfFormat.N_TRIPLES))).object.value

    def severity(self, shape: str) -> str:
        value = _one(self.g, shape, "severity")
        return value[1:-1].rsplit("#", 1)[-1] if value else "Violation"

    # -- conformance of a term to a shape, as a SPARQL boolean expression -------------------
    def value_ok(self, component: str, value: str, x: str) -> str:
        """Whether the term in variable x meets one node-level constraint."""
        if component == "class":
            return f"EXISTS {{ {x} {TYPE} {value} }}"
        if component == "datatype":
            test = f"isLiteral({x}) && datatype({x}) = {value}"
            if value in CASTABLE:
                test += f" && COALESCE({value}(STR({x})) = {value}(STR({x})), false)"
            return f"({test})"
        if component == "languageIn":
            tags = [_text(t) for t in read_list(self.g, value)]
            return "(isLiteral({x}) && ({alts}))".format(
                x=x, alts=" || ".join(f'langMatches(lang({x}), "{t}")' for t in tags) or "false")
        if component == "in":
            return "({x} IN ({terms}))".format(x=x, terms=", ".join(read_list(self.g, value)))
        if component == "not":
            return f"!({self.conforms(value, x)})"
        members = [self.conforms(m, x) for m in read_list(self.g, value)]
        if component == "and":
            return "(" + " && ".join(members or ["true"]) + ")"
        if component == "or":
            return "(" + " || ".join(members or ["false"]) + ")"
        return "(" + " + ".join(f"IF({m}, 1, 0)" for m in members) + " = 1)" if members else "false"

    def conforms(self, shape: str, x: str) -> str:
        """Whether the term in variable x conforms to a (nested) shape."""
        g = self.g
        self.refuse_unknown(shape)
        tests = []
        path = _one(g, shape, "path")
        if path is not None:  # a property shape: constraints on the values along its path
            path = self.path(shape)
            lo, hi = _one(g, shape, "minCount"), _one(g, shape, "maxCount")
            if lo is not None and _int(lo) > 0:
                tests.append(f"EXISTS {{ {self.distinct_values(x, path, _int(lo))} }}")
            if hi is not None:
                tests.append(f"NOT EXISTS {{ {self.distinct_values(x, path, _int(hi) + 1)} }}")
            for component in VALUE_COMPONENTS:
                for value in sorted(g.objects(shape, _sh(component))):
                    v = self.var()
                    tests.append(f"NOT EXISTS {{ {x} {path} {v} . FILTER(!({self.value_ok(component, value, v)})) }}")
            for component, op in (("lessThan", "<"), ("lessThanOrEquals", "<=")):
                for other in sorted(g.objects(shape, _sh(component))):
                    v, w = self.var(), self.var()
                    tests.append(f"NOT EXISTS {{ {x} {path} {v} . {x} {other} {w} . "
                                 f"FILTER(!COALESCE({v} {op} {w}, false)) }}")
            if _one(g, shape, "qualifiedValueShape") is not None:
                raise AugustError("the SPARQL validation path does not implement nested qualified value shapes; "
                                  "validate with pyshacl instead (AUGUSTKG_SHACL=pyshacl)")
        else:
            for component in VALUE_COMPONENTS:
                for value in sorted(g.objects(shape, _sh(component))):
                    tests.append(self.value_ok(component, value, x))
            for prop in sorted(g.objects(shape, _sh("property"))):
                tests.append(self.conforms(prop, x))
        return "(" + " && ".join(tests or ["true"]) + ")"

    def distinct_values(self, x: str, path: str, n: int) -> str:
        """A pattern matching n pairwise different values of x along path."""
        vs = [self.var() for _ in range(n)]
        pattern = " ".join(f"{x} {path} {v} ." for v in vs)
        different = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(vs, 2))
        return pattern + (f" FILTER({different})" if different else "")
