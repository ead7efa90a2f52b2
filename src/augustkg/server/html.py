"""HTML building blocks: one page layout, escaping, and links from IRIs to resource pages.

Plain f-strings with `escape` everywhere a value goes in: the pages are few and small, and a
template engine would be one more dependency for no gain.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from ..namespaces import AKR, shorten


def layout(title: str, body: str, nav: list[tuple[str, str]], script: str = "") -> str:
    """A whole page: head, the navigation bar (href, title), the body, the footer."""
    links = "".join(f'<a href="{href}">{escape(text)}</a>' for href, text in nav)
    js = f'<script src="/static/{script}" defer></script>' if script else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · augustkg</title><link rel="stylesheet" href="/static/app.css">{js}</head>
<body><header><a class="brand" href="/">augustkg</a><nav>{links}</nav></header>
<main><h1>{escape(title)}</h1>
{body}
</main><footer>The Soviet–Japanese War of 1945 as a cited knowledge graph · data CC BY-SA 4.0 from Wikipedia ·
<a href="/sparql">SPARQL endpoint</a> · <a href="/queries">API</a> · <a href="/openapi.json">OpenAPI</a></footer>
</body></html>"""


def resource_href(iri: str) -> str | None:
    """The page of a resource: `/resource/Local` for the project's own, a prefixed name for known vocabularies."""
    if iri.startswith(AKR):
        return "/resource/" + quote(iri[len(AKR):], safe="")
    short = shorten(iri)
    return None if short.startswith("<") else "/resource/" + quote(short, safe=":")


#: The schemes an IRI from the data may be linked with; any other (javascript:, data:,
#: vbscript:, ...) could run code in the page, so such an IRI is shown as text.
LINKABLE_SCHEMES = ("http://", "https://")


def external_href(iri: str) -> str | None:
    """The IRI as a link target when it is a web address, else None.

    >>> external_href("https://en.wikipedia.org/wiki/Mukden"), external_href(" JavaScript:alert(1)")
    ('https://en.wikipedia.org/wiki/Mukden', None)
    """
    return iri if iri.lower().startswith(LINKABLE_SCHEMES) else None


def iri_link(iri: str, label: str | None = None) -> str:
    text = escape(label or shorten(iri))
    href = resource_href(iri)
    if href:
        return f'<a href="{href}" title="{escape(iri)}">{text}</a>'
    if external_href(iri):
        return f'<a href="{escape(iri)}" rel="external">{text}</a>'
    return f'<span class="iri" title="{escape(iri)}">{text}</span>'


def paired_columns(names: list[str]) -> list[tuple[str, str | None]]:
    """The columns of an answer: each variable with its label variable (`?x` with `?xLabel`) as one
    column, so a name is not shown twice; a label without its variable stays a column.

    >>> paired_columns(["unit", "unitLabel", "commander", "commanderLabel", "note", "fooLabel"])
    [('unit', 'unitLabel'), ('commander', 'commanderLabel'), ('note', None), ('fooLabel', None)]
    """
    present = set(names)
    return [(n, n + "Label" if n + "Label" in present else None) for n in names
            if not (n.endswith("Label") and n[:-5] in present)]


def table(headers: list[str], rows: list[list[str]], empty: str = "No rows.") -> str:
    """An HTML table from cells that are already HTML."""
    if not rows:
        return f'<p class="empty">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def error_box(message: str) -> str:
    return f'<pre class="error">{escape(message)}</pre>'
