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
    """The entity page of `describe`: names, types, asserted and inferred facts, links, sources."""
    console = console or Console()
    console.print(f"[bold]{page['label']}[/bold]  <{page['iri']}>")
    types = ", ".join(t["value_label"] + (" (inferred)" if t["inferred"] else "") for t in page["types"])
    console.print(f"types: {types}", markup=False)
    if page["names"]:
        names = "; ".join(f"{n['name']}" + (f" @{n['language']}" if n["language"] else "") for n in page["names"])
        console.print(f"names: {names}", markup=False)
    for title, inferred in (("Asserted facts", False), ("Inferred facts", True)):
        rows = [f for f in page["facts"] if f["inferred"] == inferred]
        if not rows:
            continue
        table = Table("property", "value", *(["why"] if inferred else []), title=title, title_justify="left")
        for f in rows:
            table.add_row(f["property_label"], f["value_label"], *([f["why"]] if inferred else []))
        console.print(table)
    if page["inbound"]:
        table = Table("from", "property", title="Linked from", title_justify="left")
        for link in page["inbound"]:
            table.add_row(link["subject_label"], link["property_label"] + (" (inferred)" if link["inferred"] else ""))
        console.print(table)
    if page["sources"]:
        console.print("sources: " + "; ".join(s["value_label"] for s in page["sources"]), markup=False)


def print_catalogue(saved, console: Console | None = None) -> None:
    """The saved queries as a table: name, summary, parameters with types and defaults."""
    table = Table("name", "summary", "parameters", show_lines=True)
    for q in saved:
        params = "\n".join(
            f"{p.name} ({p.type_label}{', optional' if p.optional else ''}"
            f"{', default ' + p.shown_default if p.default else ''})" for p in q.params)
        table.add_row(q.name, q.summary, params)
    (console or Console()).print(table)
