"""Finding a resource by any of its names: case, accents, dashes and apostrophes ignored.

"Mukden", "shenyang", "Kwangtung Army" and "akr:KwantungArmy" all lead to one IRI; a name
shared by several resources is reported with every candidate, an unknown one with close matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from .errors import UnknownName
from .namespaces import AKR, expand

_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_QUOTES = re.compile(r"[\u2018\u2019\u02bc`´]")


def normalize(name: str) -> str:
    """The matching key of a name.

    >>> normalize("Khingan–Mukden Offensive  Operation")
    'khingan-mukden offensive operation'
    >>> normalize("Otozō Yamada") == normalize("otozo yamada")
    True
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DASHES.sub("-", _QUOTES.sub("'", text)).casefold()
    return " ".join(text.split())


NAMES = "names.json"  # the index file in a build generation

NAMES_QUERY = """
SELECT ?s ?name ?kind WHERE {
  { ?s rdfs:label ?name BIND("label" AS ?kind) }
  UNION { ?s skos:altLabel ?name BIND("alt" AS ?kind) }
  FILTER(isIRI(?s))
}"""


class NameIndex:
    """Names to IRIs and IRIs to labels, from (iri, name, kind) rows.

    >>> index = NameIndex([(AKR + "Mukden", "Mukden", "label"), (AKR + "Mukden", "Shenyang", "alt")])
    >>> index.resolve("shenyang"), index.label(AKR + "Mukden")
    ('https://w3id.org/augustkg/resource/Mukden', 'Mukden')
    """

    def __init__(self, rows):
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, str] = {}
        for iri, name, kind in rows:
            if iri.startswith(AKR):  # only described things are looked up by name
                self.by_key[normalize(name)].add(iri)
            if kind == "label":
                self.labels[iri] = name
        for iri in [i for i in self.labels if i.startswith(AKR)]:
            self.by_key[normalize(iri[len(AKR):])].add(iri)

    @classmethod
    def from_engine(cls, engine) -> "NameIndex":
        """Index what any engine (the embedded store, a remote endpoint) answers to NAMES_QUERY."""
        return cls(_rows(engine.query(NAMES_QUERY).rows))

    @classmethod
    def from_store(cls, store) -> "NameIndex":
        """Index a pyoxigraph store (the build does this once, see `save`)."""
        from .namespaces import PREFIXES

        return cls(_rows(store.query(NAMES_QUERY, prefixes=PREFIXES, use_default_graph_as_union=True)))

    def save(self, path) -> None:
        """Write the index as JSON: the build stores it beside the store, so that resolving a
        name in a cold process is a file read instead of a query and thousands of normalisations."""
        import json

        data = {"labels": self.labels, "keys": {k: sorted(v) for k, v in sorted(self.by_key.items())}}
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, sort_keys=True)

    @classmethod
    def load(cls, path) -> "NameIndex":
        import json

        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        index = cls([])
        index.labels = data["labels"]
        index.by_key.update((k, set(v)) for k, v in data["keys"].items())
        return index

    def label(self, iri: str) -> str | None:
        return self.labels.get(iri)

    def resolve(self, name: str) -> str:
        iri = expand(name)
        if iri is not None:
            if iri in self.labels:
                return iri
            raise UnknownName(name, self.close(iri[len(AKR):] if iri.startswith(AKR) else name))
        key = normalize(name)
        found = self.by_key.get(key, set())
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            raise UnknownName(name, sorted((i, self.labels.get(i, i)) for i in found), ambiguous=True)
        raise UnknownName(name, self.close(name))

    def close(self, name: str, n: int = 5) -> list[tuple[str, str]]:
        import difflib

        key = normalize(name)
        keys = difflib.get_close_matches(key, list(self.by_key), n=n, cutoff=0.6)
        if not keys:  # a word the name contains, for names typed in part ("Malinovsky")
            keys = [k for k in self.by_key if key and key in k][:n]
        out, seen = [], set()
        for k in keys:
            for iri in sorted(self.by_key[k]):
                if iri not in seen:
                    seen.add(iri)
                    out.append((iri, self.labels.get(iri, iri)))
        return out[:n]


def _rows(solutions) -> list[tuple[str, str, str]]:
    """(iri, name, kind) strings from rows of terms in NAMES_QUERY's order."""
    rows = []
    for s, name, kind in solutions:
        kind = kind.value
        if kind == "label" and name.language not in (None, "en"):
            kind = "alt"  # a label in another language is just another name
        rows.append((s.value, name.value, kind))
    return rows
