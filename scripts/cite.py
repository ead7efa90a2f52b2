#!/usr/bin/env python3
"""Editor's tool for statement references (see docs/modelling.md, "Statement references").

Every asserted statement in data/ needs a record in data/statements/<topic>.ttl naming the
places of the article that state it (citations such as akr:cite-L107-r13). Two chores are
mechanical, so this tool does them; judging whether a line really states a fact is not:

    python scripts/cite.py propose [TOPIC ...]   # draft records for uncited statements (stdout)
    python scripts/cite.py propose --write        # ... appended to data/statements/<topic>.ttl
    python scripts/cite.py citations              # rewrite data/citations.ttl from the IRIs used

A proposal cites the lines that name both ends of the triple (or, failing that, its object),
inside the sections the resources were already known from, with the reference numbers that
close the sentence; always read it against the article before you keep it.

Citation IRIs spell out what they point at, so that the citations file can be written from
them: akr:cite-L<line>[-L<line>…][-r<n>…][-n<letter>…][-by-<Local>][-outside]
(lines; references; explanatory notes; the voice the article attributes it to, when not its
own; a fact from outside the article).

Needs the project's copy of the article (--article, $AUGUSTKG_ARTICLE, or
../shared/source/soviet-japanese-war.txt beside the checkout); the package itself never does.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
AKO = "https://w3id.org/augustkg/ontology#"
AKR = "https://w3id.org/augustkg/resource/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ARTICLE = AKR + "SovietJapaneseWarArticle"

#: Properties whose triples need no statement record (types, names, prose, provenance itself).
EXEMPT = {RDF + "type", RDFS + "label", RDFS + "comment", SKOS + "definition", SKOS + "scopeNote",
          SKOS + "editorialNote", AKO + "section", AKO + "reference", AKO + "inArticle", AKO + "inSection",
          AKO + "firstLine", AKO + "lastLine", AKO + "sha256", AKO + "retrieved", AKO + "statementSubject",
          AKO + "statementProperty", AKO + "statementObject", AKO + "statedIn", AKO + "line",
          AKO + "accordingTo", AKO + "outsideArticle"}
#: Subjects that are provenance infrastructure, not facts of the article.
INFRA_TYPES = {AKO + "SourceArticle", AKO + "ArticleSection", AKO + "Citation"}

PREFIXES = """@prefix ako: <https://w3id.org/augustkg/ontology#> .
@prefix akr: <https://w3id.org/augustkg/resource/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
STOP = {"the", "of", "and", "in", "on", "a", "an", "to", "for", "by", "at", "de"}
CITE = re.compile(r"cite-(?P<lines>L\d+(?:-L\d+)*)(?P<refs>(?:-r\d+)*)(?P<notes>(?:-n[a-z])*)"
                  r"(?:-by-(?P<by>[A-Za-z0-9_]+))?(?P<outside>-outside)?$")


# ---------------------------------------------------------------- reading the graph and the copy

class Store:
    """A store whose queries see every file's graph (one per file) as the default graph."""

    def __init__(self):
        self.ox = ox.Store()

    def query(self, q):
        return self.ox.query(q, use_default_graph_as_union=True)

    def quads_for_pattern(self, *pattern):
        return self.ox.quads_for_pattern(*pattern)


def load(paths: list[Path]) -> Store:
    store = Store()
    for p in paths:
        store.ox.load(path=str(p), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("file://" + p.name))
    return store


def data_files() -> list[Path]:
    return sorted((ROOT / "data").glob("*.ttl"))


def statement_files() -> list[Path]:
    return sorted((ROOT / "data" / "statements").glob("*.ttl"))


def sections(store: Store) -> list[dict]:
    rows = store.query(f"""SELECT ?s ?label ?first ?last ?parent WHERE {{
        ?s a <{AKO}ArticleSection> ; <{RDFS}label> ?label ; <{AKO}firstLine> ?first ; <{AKO}lastLine> ?last .
        OPTIONAL {{ ?s <{AKO}inSection> ?parent }} }}""")
    return [{"iri": r["s"].value, "label": r["label"].value, "first": int(r["first"].value),
             "last": int(r["last"].value), "parent": r["parent"].value if r["parent"] else None} for r in rows]


def innermost(secs: list[dict], line: int) -> dict | None:
    """The smallest section whose lines hold the line (sections nest, as the infobox in the lead)."""
    hits = [s for s in secs if s["first"] <= line <= s["last"]]
    return min(hits, key=lambda s: s["last"] - s["first"]) if hits else None


def paragraph(secs: list[dict], sec: dict, line: int, text: list[str]) -> int:
    """The line's ordinal among the section's own non-empty lines, its heading not counted."""
    inner = [s for s in secs if s is not sec and sec["first"] <= s["first"] and s["last"] <= sec["last"]]
    n = 0
    for i in range(sec["first"], line + 1):
        if any(s["first"] <= i <= s["last"] for s in inner) or not text[i - 1].strip():
            continue
        if i == sec["first"] and is_heading(text[i - 1]):
            continue
        n += 1
    return n


def is_heading(line: str) -> bool:
    return len(line) < 60 and not line.lstrip().startswith(("•", "1", "2", "3", "4", "5", "6", "7", "8", "9"))


def labels(store: Store) -> dict[str, str]:
    return {r["x"].value: r["l"].value for r in store.query(
        f"SELECT ?x ?l WHERE {{ ?x <{RDFS}label> ?l FILTER(langMatches(lang(?l), 'en')) }}")}


# ---------------------------------------------------------------- citations

def parse_cite(local: str) -> dict | None:
    m = CITE.match(local)
    if not m:
        return None
    return {"lines": [int(x[1:]) for x in m["lines"].split("-")],
            "refs": [int(x) for x in re.findall(r"-r(\d+)", m["refs"] or "")],
            "notes": re.findall(r"-n([a-z])", m["notes"] or ""),
            "by": m["by"], "outside": bool(m["outside"])}


def cite_local(lines, refs=(), notes=(), by=None, outside=False) -> str:
    out = "cite-" + "-".join(f"L{n}" for n in sorted(set(lines)))
    out += "".join(f"-r{n}" for n in sorted(set(refs))) + "".join(f"-n{x}" for x in sorted(set(notes)))
    return out + (f"-by-{by}" if by else "") + ("-outside" if outside else "")


def write_citations(article: list[str]) -> str:
    store = load(data_files() + statement_files())
    secs, names = sections(store), labels(store)
    used = sorted({r["c"].value for r in store.query(f"SELECT DISTINCT ?c WHERE {{ ?s <{AKO}statedIn> ?c }}")},
                  key=lambda iri: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", iri)])
    out = [
        "# augustkg data: the citations — places in the project's copy of the article that statement",
        "# records point at (ako:statedIn). Written by `python scripts/cite.py citations` from the",
        "# citation IRIs used in data/statements/; do not edit by hand (a test checks it is current).",
        "", PREFIXES]
    problems = []
    for iri in used:
        local = iri[len(AKR):]
        c = parse_cite(local) if iri.startswith(AKR) else None
        if c is None:
            problems.append(f"{iri}: not a citation IRI (akr:cite-L<line>[-r<n>…][-n<x>…][-by-<Local>][-outside])")
            continue
        secs_of = {innermost(secs, n)["iri"] if innermost(secs, n) else None for n in c["lines"]}
        if None in secs_of or len(secs_of) != 1:
            problems.append(f"{iri}: its lines must lie in one section of the article")
            continue
        sec = next(s for s in secs if s["iri"] in secs_of)
        paras = [paragraph(secs, sec, n, article) for n in c["lines"]]
        if paras == [0]:
            label = f"{sec['label']}, heading"
        else:
            label = f"{sec['label']}, paragraph{'s' if len(paras) > 1 else ''} {', '.join(map(str, paras))}"
        marks = []
        if c["refs"]:
            marks.append(f"ref{'s' if len(c['refs']) > 1 else ''} {', '.join(str(n) for n in c['refs'])}")
        # a note by the name the copy gives it ("Note 3"), not by the letter of its IRI
        marks += [names.get(f"{AKR}note-{x}", f"note {x}") for x in c["notes"]]
        if marks:
            label += " — " + "; ".join(marks)
        voice = AKR + c["by"] if c["by"] else ARTICLE
        if c["by"]:
            if voice not in names:
                problems.append(f"{iri}: no resource akr:{c['by']} to attribute it to")
                continue
            label += f" — according to {names[voice]}"
        if c["outside"]:
            label += " — outside the article"
        block = [f"akr:{local}", "    a ako:Citation ;", f'    rdfs:label "{label}"@en ;',
                 f"    ako:section <{sec['iri']}> ;".replace(f"<{AKR}", "akr:").replace(">", "")]
        block += [f"    ako:line {n} ;" for n in c["lines"]]
        block += [f"    ako:reference akr:ref-{n} ;" for n in c["refs"]]
        block += [f"    ako:reference akr:note-{x} ;" for x in c["notes"]]
        block.append(f"    ako:accordingTo akr:{c['by'] or 'SovietJapaneseWarArticle'} ;")
        if c["outside"]:
            block.append("    ako:outsideArticle true ;")
        out += block + [".", ""]
    if problems:
        sys.exit("cannot write data/citations.ttl:\n" + "\n".join(problems))
    return "\n".join(out)


# ---------------------------------------------------------------- proposing citations

def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[‐-―\-–—/]", " ", text)
    text = re.sub(r"[^\w\s.,]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def forms(term: ox.NamedNode | ox.Literal, names: dict[str, list[str]]) -> list[str]:
    if isinstance(term, ox.NamedNode):
        return names.get(term.value, [])
    v = term.value
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        return [f"{d} {MONTHS[mo - 1]}", f"{MONTHS[mo - 1]} {d}"]
    m = re.fullmatch(r"(\d{4})-(\d{2})", v)
    if m:
        return [f"{MONTHS[int(m[2]) - 1]} {m[1]}"]
    if re.fullmatch(r"-?\d+(\.\d+)?", v):
        whole = v.split(".")[0]
        return [f"{int(whole):,}", whole] if whole.lstrip("-").isdigit() else [v]
    return [v]


def named(form: str, text: str) -> int:
    """Position of the name in the normalised text, or -1."""
    n = norm(form)
    if not n:
        return -1
    m = re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text)
    return m.start() if m else -1


def fuzzy(form: str, text: str) -> bool:
    """Most of the name's words are on the line ('Weathersby, Catherine' names Catherine Weathersby)."""
    ws = [w for w in re.findall(r"\w+", norm(form)) if w not in STOP]
    have = set(re.findall(r"\w+", norm(text)))
    return bool(ws) and sum(w in have for w in ws) / len(ws) >= 0.6 and any(len(w) >= 4 and w in have for w in ws)


def sentences(line: str) -> list[tuple[str, list[str]]]:
    """The line split into sentences, each with the reference marks that close it."""
    out, start = [], 0
    for m in re.finditer(r"[.!?](?:\[\d+\])*(?=\s|$)|(?:\[\d+\])+(?=\s+[A-Z])", line):
        out.append(line[start:m.end()])
        start = m.end()
    if line[start:].strip():
        out.append(line[start:])
    return [(s, re.findall(r"\[(\d+)\]", s)) for s in out]


def propose(topics: list[str], article: list[str]) -> dict[str, list[str]]:
    files = [p for p in data_files() if not topics or p.stem in topics]
    store = load(data_files() + statement_files())
    secs = sections(store)
    names: dict[str, list[str]] = defaultdict(list)
    for r in store.query(f"SELECT ?x ?n WHERE {{ ?x <{RDFS}label>|<{SKOS}altLabel> ?n }}"):
        names[r["x"].value].append(r["n"].value)
    known = defaultdict(set)  # resource -> sections it was known from
    for r in store.query(f"SELECT ?x ?s WHERE {{ ?x <{AKO}section> ?s }}"):
        known[r["x"].value].add(r["s"].value)
    cited = {(r["s"].value, r["p"].value, str(r["o"])) for r in store.query(
        f"SELECT ?s ?p ?o WHERE {{ ?st <{AKO}statementSubject> ?s ; <{AKO}statementProperty> ?p ; <{AKO}statementObject> ?o }}")}
    infra = {r["x"].value for r in store.query(
        "SELECT ?x WHERE { ?x a ?t VALUES ?t { " + " ".join(f"<{t}>" for t in INFRA_TYPES) + " } }")}
    numbers = {int(r["n"].value) for r in store.query(f"SELECT ?n WHERE {{ ?r <{AKO}referenceNumber> ?n }}")}
    out: dict[str, list[str]] = defaultdict(list)
    home: dict[str, list[str]] = defaultdict(list)
    pending: list[tuple] = []
    for path in files:
        g = ox.NamedNode("file://" + path.name)
        for q in sorted(store.quads_for_pattern(None, None, None, g), key=lambda q: (q.subject.value, q.predicate.value, str(q.object))):
            s, p, o = q.subject, q.predicate, q.object
            if p.value in EXEMPT or not isinstance(s, ox.NamedNode) or s.value in infra:
                continue
            if (s.value, p.value, str(o)) in cited:
                continue
            where = known[s.value] | (known.get(o.value, set()) if isinstance(o, ox.NamedNode) else set())
            lines = [i for i, t in enumerate(article, 1)
                     if t.strip() and (not where or (innermost(secs, i) or {}).get("iri") in where)]
            found: list[tuple[int, set]] = []
            for want_subject in (True, False):
                for i in lines:
                    text = re.sub(r"\[\d+\]", "", article[i - 1])
                    if want_subject and not any(named(f, norm(text)) >= 0 for f in names.get(s.value, [])):
                        continue
                    hits = [marks for sent, marks in sentences(text)
                            if any(named(f, norm(sent)) >= 0 for f in forms(o, names))]
                    if hits:
                        found.append((i, {int(m) for marks in hits for m in marks} & numbers))
                if found:
                    break
            obj = o.value if isinstance(o, ox.NamedNode) else None
            subj_l = "akr:" + s.value[len(AKR):] if s.value.startswith(AKR) else f"<{s.value}>"
            prop_l = ("ako:" + p.value[len(AKO):]) if p.value.startswith(AKO) else f"<{p.value}>"
            obj_l = (f"akr:{obj[len(AKR):]}" if obj and obj.startswith(AKR) else
                     f"ako:{obj[len(AKO):]}" if obj and obj.startswith(AKO) else str(o))
            prop_l = prop_l.replace(f"<{SKOS}", "skos:").replace(f"<{RDFS}", "rdfs:").replace(">", "") if prop_l.startswith("<http://www.w3.org/") else prop_l
            obj_l = re.sub(r"\^\^<http://www.w3.org/2001/XMLSchema#(\w+)>", r"^^xsd:\1", obj_l)
            head = f"[] ako:statementSubject {subj_l} ; ako:statementProperty {prop_l} ; ako:statementObject {obj_l} ; ako:statedIn "
            if found:
                cites = [cite_local([i], refs) for i, refs in found[:3]]
                home[s.value].extend(cites)
                out[path.stem].append(head + ", ".join("akr:" + c for c in cites) + " .")
            else:
                pending.append((path.stem, len(out[path.stem]), s.value, head, f"{subj_l} {prop_l} {obj_l}"))
                out[path.stem].append("")
    # A resource that is the subject of no statement would have no provenance: cite where the
    # article names it (its label), so that every resource says where it comes from.
    subjects = {r["s"].value for r in store.query(f"SELECT DISTINCT ?s WHERE {{ ?st <{AKO}statementSubject> ?s }}")}
    subjects |= set(home) | {p[2] for p in pending}
    for path in files:
        g = ox.NamedNode("file://" + path.name)
        for q in store.quads_for_pattern(None, ox.NamedNode(RDFS + "label"), None, g):
            s = q.subject
            if not isinstance(s, ox.NamedNode) or s.value in subjects or s.value in infra:
                continue
            lines = [i for i, t in enumerate(article, 1)
                     if any(named(f, norm(t)) >= 0 for f in names.get(s.value, []))][:2] or \
                    [i for i, t in enumerate(article, 1) if any(fuzzy(f, t) for f in names.get(s.value, []))][:2]
            head = (f"[] ako:statementSubject akr:{s.value[len(AKR):]} ; ako:statementProperty rdfs:label ; "
                    f"ako:statementObject {q.object} ; ako:statedIn ")
            out[path.stem].append(head + ", ".join(f"akr:{cite_local([i])}" for i in lines) + " ." if lines
                                  else f"# TODO not named in the article: akr:{s.value[len(AKR):]}")
    # A statement whose ends the article does not name (a claim's measure, a relation between two
    # claims) is most likely stated where the subject's other statements are.
    for stem, index, subject, head, triple in pending:
        if home.get(subject):
            best = max(set(home[subject]), key=home[subject].count)
            out[stem][index] = head + f"akr:{best} .  # CHECK: from the subject's other statements"
        else:
            out[stem][index] = f"# TODO no line found: {triple}"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=["propose", "citations"])
    ap.add_argument("topics", nargs="*", help="data file stems to propose for (default: all)")
    ap.add_argument("--write", action="store_true", help="append proposals to data/statements/<topic>.ttl")
    ap.add_argument("--article", type=Path, default=Path(os.environ.get(
        "AUGUSTKG_ARTICLE", ROOT.parent / "shared" / "source" / "soviet-japanese-war.txt")),
        help="the project's copy of the article (default: $AUGUSTKG_ARTICLE or ../shared/source/…)")
    args = ap.parse_args()
    article = args.article.read_text(encoding="utf-8").splitlines()
    if args.command == "citations":
        (ROOT / "data" / "citations.ttl").write_text(write_citations(article), encoding="utf-8")
        return
    for topic, rows in propose(args.topics, article).items():
        if args.write:
            target = ROOT / "data" / "statements" / f"{topic}.ttl"
            target.parent.mkdir(exist_ok=True)
            head = "" if target.exists() else (
                f"# augustkg data: where the article states each fact of data/{topic}.ttl — one record per\n"
                "# asserted statement, naming its citations (see data/citations.ttl).\n\n" + PREFIXES + "\n")
            with target.open("a", encoding="utf-8") as f:
                f.write(head + "\n".join(rows) + "\n")
        else:
            print("\n".join(rows))


if __name__ == "__main__":
    main()
