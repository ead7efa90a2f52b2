"""The HTML of a resource page: what `describe` knows, laid out for a reader.

Facts come in the groups `describe` gives them (command first, provenance last), each asserted
fact with the places of the article that state it — section and paragraph linked to the article
online, reference numbers with the works they cite — and each inferred fact with its axiom.
"""

from __future__ import annotations

from html import escape

from ..describe import GROUP_TITLES
from .html import iri_link, table


def resource_body(info: dict) -> str:
    names = table(["name", "language", "kind", "stated in the article"],
                  [[escape(n["name"]), escape(n["language"] or "—"), escape(n["kind"]), citations(n["references"])]
                   for n in info["names"]])
    types = ", ".join(_value(t) + (' <small class="inferred">inferred</small>' if t["inferred"] else "")
                      for t in info["types"])
    summary = f'<p class="summary">{escape(info["summary"])}</p>' if info.get("summary") else ""
    groups = []
    for group, title in GROUP_TITLES.items():
        rows = [f for f in info["facts"] if f["group"] == group]
        if rows:
            groups.append(f"<h2>{escape(title)}</h2>" + table(
                ["property", "value", "stated in the article, or why inferred"],
                [[_property(f), _value(f), _where(f)] for f in rows]))
    claims = table(["as", "causal claim"], [[escape(c["as"]), iri_link(c["iri"], c["summary"])]
                                            for c in info.get("claims", [])], "None.")
    figures = table(["figure", "value", "counts", "given by", "stated in the article"],
                    [[iri_link(f["iri"], f["label"]), escape(f["value"]), escape(f["measure"]),
                      escape(", ".join(f["claimed_by"])), citations(f.get("references", []))]
                     for f in info.get("figures", [])], "None.")
    inbound = table(["resource", "property"], [[iri_link(i["subject"], i["subject_label"]),
                                                escape(i["property_label"]) + (" (inferred)" if i["inferred"] else "")]
                                               for i in info["inbound"]], "Nothing links here.")
    return f"""<p class="iri"><code>{escape(info["iri"])}</code></p>
<p class="types">Types: {types or "—"}</p>{summary}
<h2>Names</h2>{names}
{"".join(groups) or '<p class="empty">No facts.</p>'}
{"<h2>Causal claims about it</h2>" + claims if info.get("claims") else ""}
{"<h2>Figures about it</h2>" + figures if info.get("figures") else ""}
<h2>What links here</h2>{inbound}"""


def citations(cites: list[dict]) -> str:
    """Each citation as a link to its section of the article online, its lines, and its references."""
    out = []
    for c in cites:
        refs = ", ".join(iri_link(r["iri"], r["mark"]) + (f' <small>({escape(r["work_label"])})</small>'
                                                          if r.get("work_label") else "") for r in c["references"])
        voice = "" if c["according_to"].endswith("/SovietJapaneseWarArticle") else \
            f' — according to {iri_link(c["according_to"], c["according_to_label"])}'
        lines = ", ".join(str(n) for n in c["lines"])
        text = c["label"].split(" — ")[0]
        out.append(f'<a href="{escape(c["url"])}" rel="external" title="line {lines} of the project\'s copy">'
                   f'{escape(text)}</a>' + (f" — ref {refs}" if refs else "") + voice
                   + (' <small class="inferred">outside the article</small>' if c["outside"] else ""))
    return "<br>".join(out) or "—"


def _where(fact: dict) -> str:
    if fact["inferred"]:
        return f'<small class="inferred">inferred</small> {escape(fact.get("why", ""))}'
    return citations(fact["references"])


def _property(fact: dict) -> str:
    return iri_link(fact["property"], fact["property_label"])


def _value(fact: dict) -> str:
    """A fact's value: a link for an IRI, text for a literal.

    describe() gives both as strings; an IRI's label is its label or prefixed name, never the
    IRI itself, while a literal's label is its text (with ` @lang` when tagged).
    """
    value, label = fact["value"], fact["value_label"]
    looks_like_iri = "://" in value or value.startswith("urn:")
    if looks_like_iri and label != value and not label.startswith(value + " @"):
        return iri_link(value, label)
    return escape(label)
