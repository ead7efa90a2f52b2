"""Human output for a terminal: result tables with labels beside IRIs, entity pages, the catalogue.

rich is imported here only, so machine formats never pay for it.
"""

from __future__ import annotations

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from . import settings
from .namespaces import shorten


def cell(term, kg) -> str:
    """A term as a person reads it: `label (akr:Name)` for an IRI the graph labels."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        label = kg.label(term.value) if kg is not None else None
        short = shorten(term.value)
        return f"{label} ({short})" if label else short
    if isinstance(term, ox.Literal):
        return term.value + (f"@{term.language}" if term.language else "")
    return str(term)


def print_table(result, kg, console: Console | None = None) -> None:
    """A `Result` as a table (rows), `yes`/`no` (ASK) or lines of triples (graphs)."""
    console = console or Console()
    if result.kind == "ask":
        console.print("yes" if result.boolean else "no")
        return
    if result.kind == "graph":
        for t in result.triples:
            console.print(" ".join(cell(x, kg) for x in (t.subject, t.predicate, t.object)), markup=False)
        return
    table = Table(*result.variables, show_lines=False, header_style="bold")
    limit = settings.get("row_limit")
    for row in result.rows[:limit]:
        table.add_row(*(cell(t, kg) for t in row))
    console.print(table)
    more = f" (showing {limit})" if len(result.rows) > limit else ""
    Console(stderr=True).print(f"{len(result.rows)} row(s){more}", style="dim")


def print_description(page: dict, console: Console | None = None) -> None:
    """The entity page of `describe`: names, types, a summary, the facts by group — each asserted
    fact with the places of the article that state it, each inferred one with its axiom — the
    causal claims and figures about the resource, links to it, and its sources."""
    from .describe import GROUP_TITLES

    console = console or Console()
    console.print(f"[bold]{page['label']}[/bold]  <{page['iri']}>")
    types = ", ".join(t["value_label"] + (" (inferred)" if t["inferred"] else "") for t in page["types"])
    console.print(f"types: {types}", markup=False)
    if page.get("summary"):
        console.print(page["summary"], markup=False)
    if page["names"]:
        names = "; ".join(f"{n['name']}" + (f" @{n['language']}" if n["language"] else "") for n in page["names"])
        console.print(f"names: {names}", markup=False)
    for group, title in GROUP_TITLES.items():
        rows = [f for f in page["facts"] if f["group"] == group]
        if not rows:
            continue
        table = Table("property", "value", "stated in the article / why inferred", title=title, title_justify="left")
        for f in rows:
            where = f["why"] if f["inferred"] else "\n".join(citation_text(c) for c in f["references"]) or "—"
            table.add_row(f["property_label"] + (" (inferred)" if f["inferred"] else ""), f["value_label"], where)
        console.print(table)
    if page.get("claims"):
        table = Table("as", "claim", title="Causal claims about it", title_justify="left")
        for c in page["claims"]:
            table.add_row(c["as"], c["summary"])
        console.print(table)
    if page.get("figures"):
        table = Table("figure", "value", "measure", "given by", title="Figures about it", title_justify="left")
        for f in page["figures"]:
            table.add_row(f["label"], f["value"], f["measure"], ", ".join(f["claimed_by"]))
        console.print(table)
    if page["inbound"]:
        table = Table("from", "property", title="Linked from", title_justify="left")
        for link in page["inbound"]:
            table.add_row(link["subject_label"], link["property_label"] + (" (inferred)" if link["inferred"] else ""))
        console.print(table)
    if page["sources"]:
        console.print("sources: " + "; ".join(dict.fromkeys(s["value_label"] for s in page["sources"])), markup=False)


def citation_text(cite: dict) -> str:
    """A citation in words: 'Western Front of Manchuria, paragraph 1 — ref 13 (Battlefield Manchuria…)'.

    >>> citation_text({"label": "Lead, paragraph 2 — ref 5", "references": [{"mark": "5", "work_label": "August Storm"}]})
    'Lead, paragraph 2 — ref 5 (5: August Storm)'
    """
    works = "; ".join(f"{r['mark']}: {r['work_label']}" for r in cite["references"] if r.get("work_label"))
    return cite["label"] + (f" ({works})" if works else "")


def print_catalogue(saved, console: Console | None = None) -> None:
    """The saved queries as a table: name, summary, parameters with types and defaults."""
    table = Table("name", "summary", "parameters", show_lines=True)
    for q in saved:
        params = "\n".join(
            f"{p.name} ({p.type_label}{', optional' if p.optional else ''}"
            f"{', default ' + p.shown_default if p.default else ''})" for p in q.params)
        table.add_row(q.name, q.summary, params)
    (console or Console()).print(table)
