"""Every URL the server answers, in one table: dispatch, the OpenAPI paths, the navigation bar
and the routes list in the README are all derived from it.

A route is either raw (an ASGI handler called before Starlette's routing and Request/Response
objects, which cost more CPU per request than the engine spends answering a small query: the
two hot paths) or a Starlette endpoint (the pages, the catalogue). `nav` puts a route in the
navigation bar; `openapi` names the maker of its path items in the API description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from starlette.responses import PlainTextResponse
from starlette.routing import compile_path

from . import api, health, linked, openapi, pages, protocol
from .time_limit import READ_ONLY

STATIC = Path(__file__).parent / "static"
READ = ("GET", "HEAD")


async def refuse_update(request):
    """Any /update request: the graph is read-only."""
    return PlainTextResponse(READ_ONLY, 403)


@dataclass(frozen=True)
class Route:
    path: str
    handler: Callable | None  # None for the static files
    summary: str
    methods: tuple = READ
    raw: bool = False
    nav: str | None = None
    openapi: Callable | None = None
    queries: bool = False  # a GET with a query string runs the caller's query (refused cross-site: hosts.py)


ROUTES = [
    Route("/", pages.home, "Home: what the graph holds and where to start.", nav="Home"),
    Route("/editor", pages.editor, "A SPARQL editor with the saved queries as examples.", nav="SPARQL editor"),
    Route("/gallery", pages.gallery, "Every saved query as a form.", nav="Saved queries"),
    Route("/oob", pages.oob, "The order of battle as a tree, and drawn.", nav="Order of battle"),
    Route("/timeline", pages.timeline, "Operations and events on a dated axis.", nav="Timeline"),
    Route("/resource/{name:path}", pages.resource, "One resource, by any of its names: its page, or its RDF by Accept "
          "or by a .ttl/.nt/.jsonld/.rdf extension (Vary: Accept, Link to every form)."),
    Route("/ontology", pages.ontology, "The ontology: HTML documentation of every class and property, or the "
          "ontology in RDF by Accept."),
    Route("/ontology.{ext}", pages.ontology, "The ontology as .ttl, .nt, .jsonld or .rdf."),
    Route("/ontology/{term}", linked.term, "One ako: term: its triples by Accept or extension; HTML is a 303 to its "
          "entry in /ontology."),
    Route("/.well-known/void", linked.void, "The VoID description of the dataset (counts, vocabularies, licence, "
          "examples, SPARQL endpoint), by Accept."),
    Route("/.well-known/void.{ext}", linked.void, "The VoID description as .ttl, .nt, .jsonld or .rdf."),
    Route("/pictures/{name}", pages.picture, "The drawings `augustkg draw` makes, as SVG (oob.svg, timeline.svg)."),
    Route("/sparql", protocol.sparql, "SPARQL 1.1 Protocol endpoint, read-only (GET, form POST, direct POST); "
          "GET without a query gives the SPARQL 1.1 service description, by Accept.",
          methods=("GET", "HEAD", "POST"), raw=True, openapi=openapi.sparql, queries=True),
    Route("/update", refuse_update, "Refused with 403: the graph is read-only.",
          methods=("GET", "POST", "PUT", "DELETE", "PATCH")),
    Route("/queries", api.catalogue, "The saved queries and their parameters, as JSON.", openapi=openapi.catalogue),
    Route("/queries/{name}", api.run_saved, "One saved query's answer; parameters in the query string, the "
          "format by Accept or a .json/.csv/.tsv/.xml suffix.", raw=True, openapi=openapi.saved_queries),
    Route("/queries/{name}/page", pages.query_page, "One saved query's answer as a page with a shareable link."),
    Route("/health", health.health, "Whether queries are answered: 200 or 503 with the engine's state, pid, "
          "restarts and the generation served, as JSON."),
    Route("/openapi.json", api.openapi, "The OpenAPI description of the API."),
    Route("/static/{path:path}", None, "The pages' stylesheet and script."),
]


def navigation(routes=ROUTES) -> list[tuple[str, str]]:
    """(href, title) of the navigation bar, in table order.

    >>> navigation()[:2]
    [('/', 'Home'), ('/editor', 'SPARQL editor')]
    """
    return [(r.path, r.nav) for r in routes if r.nav]


def raw_routes(routes=ROUTES) -> list[tuple[re.Pattern, Callable]]:
    """(path pattern, handler) of the raw routes, for the dispatcher."""
    return [(compile_path(r.path)[0], r.handler) for r in routes if r.raw]


def query_routes(routes=ROUTES) -> list[re.Pattern]:
    """The path patterns of the routes whose GET runs a query the caller wrote."""
    return [compile_path(r.path)[0] for r in routes if r.queries]


def markdown_table(routes=ROUTES) -> str:
    """The routes list in the README, generated so that docs and server cannot drift apart."""
    rows = ["| route | methods | what |", "|---|---|---|"]
    rows += [f"| `{r.path}` | {', '.join(m for m in r.methods if m != 'HEAD')} | {r.summary} |" for r in routes]
    return "\n".join(rows)
