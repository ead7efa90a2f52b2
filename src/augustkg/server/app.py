"""The web application: the two hot paths as raw ASGI, then one routes table for the rest.

Everything the server knows is on the Starlette app's `state`: the config, the embedded store
(names, resource pages), the saved queries and their cached bindings, and the engine.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
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


class Front:
    """/sparql and /queries/{name} answered before Starlette's routing and Request/Response
    objects, which cost more CPU per request than the engine spends answering a small query."""

    def __init__(self, app: Starlette):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            path = scope["path"]
            if path == "/sparql":
                return await proxy.sparql(self.app.state, scope, receive, send)
            if path.startswith("/queries/") and path.count("/") == 2 and len(path) > len("/queries/"):
                return await api.run_saved(self.app.state, scope, receive, send)
        await self.app(scope, receive, send)


def create_app(config: Config):
    routes = [
        Route("/", pages.home),
        Route("/editor", pages.editor),
        Route("/gallery", pages.gallery),
        Route("/oob", pages.oob),
        Route("/timeline", pages.timeline),
        Route("/pictures/{name}", pages.picture),
        Route("/resource/{name:path}", pages.resource),
        Route("/update", refuse_update, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
        Route("/queries", api.catalogue),
        Route("/queries/{name}/page", pages.query_page),
        Route("/openapi.json", api.openapi),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Front(Starlette(routes=routes, lifespan=_lifespan(config)))
    if config.cors:
        origins = [o.strip() for o in config.cors.split(",") if o.strip()]
        return CORSMiddleware(app, allow_origins=origins, allow_methods=["GET", "POST"],
                              allow_headers=["Accept", "Content-Type"], expose_headers=["Content-Type"])
    return app


def _lifespan(config: Config):
    @asynccontextmanager
    async def lifespan(app: Starlette):
        from ..graph import KnowledgeGraph

        app.state.config = config
        app.state.kg = KnowledgeGraph(config.generation, config.home)
        app.state.kg.names  # the name index, built now rather than on the first request
        app.state.saved = config.saved
        app.state.catalogue = api.catalogue_body(config.saved)
        app.state.bind = api.binder(config.saved, app.state.kg)
        app.state.engine = Engine(config.generation / "store")
        try:
            await app.state.engine.start()
            yield
        finally:
            app.state.engine.stop()

    return lifespan
