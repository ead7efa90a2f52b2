"""The web pages: home, SPARQL editor, saved-query gallery and answers, resources, order of battle.

Resource pages and the order of battle read the embedded store in this process (bounded
lookups); a saved query's answer page goes through the engine like the API, so the time limit
applies to it as well.
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from .. import settings
from ..draw import PICTURES
from ..errors import AugustError, UnknownName, UnknownQuery
from ..namespaces import PREFIXES, shorten
from .api import bound_query
from .engine.request import direct_post
from .html import error_box, iri_link, layout, paired_columns, table
from .oob_tree import order_of_battle
from .resource_page import resource_body
from .ontology_page import ontology_body
from . import linked
from ..namespaces import AKR
from .time_limit import whole


def page(request: Request, title: str, body: str, status: int = 200, script: str = "") -> HTMLResponse:
    """A page in the common layout, with the navigation bar the routes table gives."""
    return HTMLResponse(layout(title, body, request.app.state.nav, script), status)


async def home(request: Request):
    saved = request.app.state.saved
    items = "".join(f'<li><a href="/gallery#{escape(q.name)}">{escape(q.summary)}</a></li>' for q in saved)
    return page(request, "The Soviet–Japanese War, 1945", f"""
<p class="lead">Units and the chain of command, commanders, operations, places and every figure of
the war in Manchuria, Korea, Sakhalin and the Kurils — each fact with its source.</p>
<ul class="cards">
<li><a href="/gallery"><b>Saved queries</b><span>Pick a question, fill in a name, read the answer.</span></a></li>
<li><a href="/oob"><b>Order of battle</b><span>The chain of command from the top commands down.</span></a></li>
<li><a href="/editor"><b>SPARQL editor</b><span>Write your own query, with examples.</span></a></li>
<li><a href="/resource/KwantungArmy"><b>A resource</b><span>The Kwantung Army: names, facts and sources.</span></a></li>
</ul>
<h2>Questions you can ask</h2><ul>{items}</ul>
<h2>For programs</h2>
<p>SPARQL 1.1 Protocol endpoint at <code>/sparql</code> (read-only); saved queries as JSON, CSV, TSV or XML at
<code>/queries/<i>name</i></code>; the catalogue at <a href="/queries">/queries</a> and an
<a href="/openapi.json">OpenAPI description</a>.</p>""")


async def editor(request: Request):
    """YASGUI (vendored under /static/yasgui, no CDN) on /sparql: the predeclared prefixes written
    into new tabs and known to its result views, the saved queries as examples, and a results view
    ("Names") that shows labels and links `akr:` IRIs to their resource pages."""
    examples = [{"name": q.name, "summary": q.summary, "text": q.text} for q in request.app.state.saved]
    options = "".join(f'<option value="{i}">{escape(e["summary"])}</option>' for i, e in enumerate(examples))
    start = next((e["text"] for e in examples if e["name"] == "who-commanded"),
                 "SELECT ?front ?label WHERE { ?front a ako:Front ; rdfs:label ?label }")
    data = escape(json.dumps(examples, ensure_ascii=False))
    prefixes = escape(json.dumps(PREFIXES))
    listed = ", ".join(f"<code>{escape(p)}:</code>" for p in PREFIXES)
    return page(request, "SPARQL editor", f"""
<link rel="stylesheet" href="/static/yasgui/yasgui.min.css"><script src="/static/yasgui/yasgui.min.js" defer></script>
<p>The prefixes {listed} are predeclared (written into new tabs too). The graph is read-only. Results show names
linked to their pages in the <b>Names</b> view; the table, the raw response and downloads are in the others.</p>
<p><label>Saved query <select id="examples" data-examples="{data}"><option value="">—</option>{options}</select></label>
<span id="status" role="status"></span></p>
<div id="yasgui" data-prefixes="{prefixes}" data-start="{escape(start)}"></div>""", script="editor.js")


async def gallery(request: Request):
    sections = [_query_card(q, {}, request.app.state.kg) for q in request.app.state.saved]
    return page(request, "Saved queries", "".join(sections) or "<p>No saved queries.</p>")


def _query_card(q, values: dict, kg) -> str:
    fields = "".join(
        f'<label>{escape(p.name)} <small>({escape(p.type_label)}{", optional" if p.optional else ""})</small>'
        f'{_field(p, values.get(p.name, ""), kg)}</label>' for p in q.params)
    return f"""<section class="query" id="{escape(q.name)}"><h2>{escape(q.summary)}</h2>
<p>{escape(q.description)}</p>
<form method="get" action="/queries/{escape(q.name)}/page">{fields}<button type="submit">Run</button>
<a href="/queries/{escape(q.name)}.json">JSON</a> <a href="/queries/{escape(q.name)}.csv">CSV</a></form></section>"""


def _field(p, value: str, kg) -> str:
    """A parameter's input: a drop-down of its `enumerate` values by name, else a text box whose
    placeholder gives the default by its short name ("Kwantung Army"), which the box also accepts.
    Left empty, an optional parameter means "for all" and a required one its default."""
    def shown(v) -> str:
        return (kg.label(str(v)) or shorten(str(v))) if p.type == "iri" else str(v)

    example = shown(p.default) if p.default else ""
    blank = "all" if p.optional else f"{example} (default)"
    if p.choices:
        options = "".join(f'<option value="{escape(str(c))}"{" selected" if str(c) == value else ""}>{escape(shown(c))}</option>'
                          for c in p.choices)
        return f'<select name="{escape(p.name)}"><option value="">{escape(blank)}</option>{options}</select>'
    placeholder = (f"e.g. {example}; empty for all" if example else "all") if p.optional else example
    return f'<input name="{escape(p.name)}" value="{escape(value)}" placeholder="{escape(placeholder)}">'


async def query_page(request: Request):
    state, name = request.app.state, request.path_params["name"]
    values = {k: v for k, v in request.query_params.items() if v.strip()}
    try:
        query = state.saved.get(name)
        sparql = bound_query(state, name, values.items())
    except UnknownQuery as exc:
        return page(request, "No such query", error_box(str(exc)), 404)
    except AugustError as exc:
        return page(request, query.summary, _query_card(query, values, state.kg) + error_box(str(exc)), 400)
    status, _, body = await whole(state.engine, state.config.timeout,
                                  direct_post(sparql.encode(), b"application/sparql-results+json"))
    card = _query_card(query, values, state.kg)
    if status != 200:
        return page(request, query.summary, card + error_box(body.decode()), status)
    share = f"/queries/{name}/page?{urlencode(values)}" if values else f"/queries/{name}/page"
    return page(request, query.summary, card + f'<p class="share">Link to this answer: <a href="{escape(share)}">{escape(share)}</a>'
                f' · <a href="/queries/{escape(name)}.csv?{escape(urlencode(values))}">CSV</a></p>'
                + results_table(json.loads(body), state.kg))


def results_table(answer: dict, kg) -> str:
    """SPARQL JSON results as a table, one column per entity: a variable ?x with its ?xLabel is one
    column whose cells are the name linking to the resource page, the IRI on hover."""
    if "boolean" in answer:
        return f'<p class="boolean">{"yes" if answer["boolean"] else "no"}</p>'
    names = answer["head"]["vars"]
    columns = paired_columns(names)
    limit = settings.get("row_limit")
    bindings = answer["results"]["bindings"]
    rows = [[_cell(b.get(v), kg, b.get(label) if label else None) for v, label in columns] for b in bindings[:limit]]
    note = f'<p class="note">Showing {limit} of {len(bindings)} rows.</p>' if len(bindings) > limit else ""
    return f'<p class="count">{len(bindings)} row(s)</p>' + table([v for v, _ in columns], rows) + note


def _cell(term: dict | None, kg, label: dict | None = None) -> str:
    if term is None:
        return _cell(label, kg) if label else ""
    if term["type"] == "uri":
        return iri_link(term["value"], label["value"] if label else kg.label(term["value"]))
    lang = term.get("xml:lang")
    return escape(term["value"]) + (f' <small class="lang">@{escape(lang)}</small>' if lang else "")


async def resource(request: Request):
    """A resource's page, or its RDF by Accept or extension (`linked`), with the conneg headers."""
    kg = request.app.state.kg
    name, ext = linked.choose(request, request.path_params["name"])
    if ext:
        return await linked.resource_rdf(request, name, ext)
    try:
        info = await run_in_threadpool(kg.describe, name)
    except UnknownName as exc:
        return page(request, "Not found", error_box(str(exc)), 404)
    response = page(request, info["label"], resource_body(info))
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = linked.links("/resource/" + info["iri"].removeprefix(AKR))
    return response


async def ontology(request: Request):
    """/ontology: its documentation, generated from the ontology, or the ontology in RDF."""
    ext = request.path_params.get("ext") or linked.negotiate(request.headers.get("accept"))
    if ext:
        return await linked.ontology_rdf(request, ext)
    graph = await run_in_threadpool(linked.ontology_graph, request.app.state)
    response = page(request, "The augustkg ontology", ontology_body(graph))
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = linked.links("/ontology")
    return response


async def oob(request: Request):
    tree = await run_in_threadpool(order_of_battle, request.app.state.kg)
    return page(request, "Order of battle", '<p>Every unit under its superior, from the top commands down, with its commanders. '
                'Open a level to see what it commanded, or see it <a href="#drawing">drawn as a tree</a>.</p>' + tree
                + '<h2 id="drawing">As a drawing</h2><p class="picture">'
                  '<img src="/pictures/oob.svg" alt="The order of battle drawn as a tree, coloured by side"></p>')


async def timeline(request: Request):
    return page(request, "Timeline", '<p>The operations as start–end bars and the dated events as marks.</p>'
                '<p class="picture"><img src="/pictures/timeline.svg" alt="Timeline of the operations and events"></p>')


async def picture(request: Request):
    """The `augustkg draw` pictures as SVG, drawn once per server (the graph is read-only) and cached."""
    name = request.path_params["name"]
    stem, _, suffix = name.partition(".")
    if stem not in PICTURES or suffix != "svg":
        known = ", ".join(f"{p}.svg" for p in PICTURES)
        return PlainTextResponse(f"no picture called {name}; there are: {known}", status_code=404)
    return Response(await _drawn(request.app.state, stem), media_type="image/svg+xml")


async def _drawn(state, stem: str) -> bytes:
    """The picture, drawn once: the cache holds one task per picture, which the first request
    starts and every request awaits, so concurrent first requests share one drawing (before,
    each drew its own and the last one written won). A failed drawing is not kept."""
    import asyncio
    from importlib import import_module

    cache = state.__dict__.setdefault("_pictures", {})
    task = cache.get(stem)
    if task is None:  # no await between the look-up and the store: one task per picture
        task = cache[stem] = asyncio.ensure_future(run_in_threadpool(import_module(PICTURES[stem]).draw, state.kg))
    try:
        return await asyncio.shield(task)
    except Exception:
        if cache.get(stem) is task:
            del cache[stem]
        raise
