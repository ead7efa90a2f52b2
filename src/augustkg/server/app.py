"""The web application: one routes table, the engine started and stopped with the app.

Everything the server knows is on `app.state`: the config, the embedded store (names, resource
pages), the saved queries, the HTTP client pool and the engine.
"""

from __future__ import annotations

import socket
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import api, pages, proxy
from .backend import Engine

STATIC = Path(__file__).parent / "static"


@dataclass(frozen=True)
class Config:
    home: Path
    generation: Path  # the store generation to serve (built and fresh)
    saved: object  # the SavedQueries, loaded (and so checked) before the server starts
    timeout: float
    max_body: int
    cors: str = ""


async def refuse_update(request):
    return PlainTextResponse(proxy.READ_ONLY, 403)


def create_app(config: Config) -> Starlette:
    routes = [
        Route("/", pages.home),
        Route("/editor", pages.editor),
        Route("/gallery", pages.gallery),
        Route("/oob", pages.oob),
        Route("/resource/{name:path}", pages.resource),
        Route("/sparql", proxy.sparql, methods=["GET", "POST"]),
        Route("/update", refuse_update, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
        Route("/queries", api.catalogue),
        Route("/queries/{name}/page", pages.query_page),
        Route("/queries/{name}", api.run_saved),
        Route("/openapi.json", api.openapi),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = []
    if config.cors:
        origins = [o.strip() for o in config.cors.split(",") if o.strip()]
        middleware.append(Middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"], expose_headers=["Content-Type"]))
    return Starlette(routes=routes, middleware=middleware, lifespan=_lifespan(config))


def _lifespan(config: Config):
    @asynccontextmanager
    async def lifespan(app: Starlette):
        from ..graph import KnowledgeGraph

        app.state.config = config
        app.state.kg = KnowledgeGraph(config.generation, config.home)
        app.state.kg.names  # the name index, built now rather than on the first request
        app.state.saved = config.saved
        # TCP_NODELAY: the request's headers and body go out as two writes; without it, Nagle
        # holds the body until the engine's delayed ACK, 40 ms per query under load.
        transport = httpx.AsyncHTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
                                             limits=httpx.Limits(max_connections=64, max_keepalive_connections=32))
        client = httpx.AsyncClient(transport=transport, timeout=None)
        app.state.client = client
        app.state.engine = Engine(config.generation / "store", config.timeout, client)
        try:
            await app.state.engine.start()
            yield
        finally:
            app.state.engine.stop()
            await client.aclose()

    return lifespan
