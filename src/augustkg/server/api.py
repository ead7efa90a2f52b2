"""The saved-query API: the catalogue, one endpoint per query, and its OpenAPI description.

Parameters are bound exactly as `augustkg run` binds them (names resolved in this process),
and the bound query then runs on the engine like any /sparql request, under the same limit.
The store does not change while the server runs, so bound queries are cached (name resolution
is the dearest step), and a query's endpoint is a raw ASGI handler like /sparql.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qsl, quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import AugustError, UnknownQuery
from ..formats import GRAPH_FORMATS, RESULT_FORMATS
from .engine.request import url_query
from .protocol import header
from .time_limit import relay, send_text

#: A file-like suffix on the query name chooses the answer's format (and overrides Accept).
SUFFIXES = {name: media for name, (_, media) in RESULT_FORMATS.items()}
SUFFIXES.update({name: media for name, (_, media) in GRAPH_FORMATS.items() if name in ("ttl", "nt", "jsonld")})
SUFFIXES["xml"] = "application/sparql-results+xml, application/rdf+xml;q=0.9"


def describe_query(q) -> dict:
    """A saved query as the catalogue lists it."""
    return {"name": q.name, "summary": q.summary, "description": q.description, "tags": q.tags,
            "url": f"/queries/{q.name}",
            "parameters": [{"name": p.name, "variable": "?" + p.variable, "type": p.type_label,
                            "optional": p.optional, "default": p.default, "choices": list(p.choices)}
                           for p in q.params]}


def catalogue_body(saved) -> bytes:
    """The catalogue as JSON bytes, made once at start."""
    return JSONResponse([describe_query(q) for q in saved]).body


async def catalogue(request: Request) -> Response:
    """GET /queries: every saved query with its parameters."""
    return Response(request.app.state.catalogue, media_type="application/json")


async def openapi(request: Request) -> Response:
    """GET /openapi.json: the API's description, derived from the routes table at start."""
    return JSONResponse(request.app.state.openapi)


def split_suffix(name: str) -> tuple[str, str | None]:
    """(query name, media type) from `name.csv` and the like; no suffix, no media type.

    >>> split_suffix("who-commanded.csv"), split_suffix("who-commanded")
    (('who-commanded', 'text/csv'), ('who-commanded', None))
    """
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix in SUFFIXES:
        return stem, SUFFIXES[suffix]
    return name, None


def binder(saved, kg, size: int = 4096):
    """A cached `bind(name, params)`: the saved query with the parameters bound, as text and
    percent-encoded for the engine's URL. Raises AugustError on bad input (errors are not cached).
    """
    @lru_cache(maxsize=size)
    def bind(name: str, params: tuple) -> tuple[str, bytes]:
        query = saved.get(name)
        text = query.bind(query.values(params), kg)
        return text, quote(text, safe="").encode()

    return bind


def bound_query(state, name: str, params) -> str:
    """The saved query with the request's parameters bound; raises AugustError on bad input."""
    return state.bind(name, tuple(params))[0]


async def run_saved(state, scope, receive, send) -> None:
    """GET /queries/{name}: raw ASGI, like /sparql."""
    if scope["method"] not in ("GET", "HEAD"):
        return await send_text(send, 405, "use GET", ((b"allow", b"GET, HEAD"),))
    name, media = split_suffix(scope["path_params"]["name"])
    try:
        _, encoded = state.bind(name, tuple(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)))
    except UnknownQuery as exc:
        return await send_text(send, 404, str(exc))
    except AugustError as exc:
        return await send_text(send, 400, str(exc))
    await relay(state.engine, state.config.timeout, send,
                url_query(encoded, media.encode() if media else header(scope, b"accept")))
