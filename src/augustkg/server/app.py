"""The web application: the routes table made into an ASGI app, and what it knows at start.

Everything the server knows is on the Starlette app's `state`: the config, the embedded store
(names, resource pages), the saved queries and their cached bindings, the OpenAPI document,
the navigation bar, and the engine supervisor; `follow.Follower` swaps the store-dependent ones
when a build publishes a new generation.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import api, openapi, routes
from .engine.process import Supervisor
from .follow import Follower
from .hosts import LOOPBACK, HostGuard


@dataclass(frozen=True)
class Config:
    home: Path
    generation: Path  # the store generation to serve (built and fresh)
    saved: object  # the SavedQueries, loaded (and so checked) before the server starts
    timeout: float
    max_body: int
    cors: str = ""
    hosts: frozenset[str] | None = LOOPBACK  # the Host names answered (None: any); `hosts.allowed_hosts`


class Dispatch:
    """The raw routes answered first, by path pattern (its parameters in `scope["path_params"]`,
    as Starlette puts them); everything else goes to Starlette."""

    def __init__(self, app: Starlette, raw: list):
        self.app, self.raw = app, raw

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            path = scope["path"]
            for pattern, handler in self.raw:
                match = pattern.match(path)
                if match:
                    scope["path_params"] = match.groupdict()
                    return await handler(self.app.state, scope, receive, send)
        await self.app(scope, receive, send)


def create_app(config: Config, table=routes.ROUTES):
    """The ASGI app for a config: every route from the table, CORS when configured, and the
    Host and Origin checks in front of both."""
    starlette_routes = []
    for route in table:
        if route.raw:
            continue
        if route.handler is None:
            starlette_routes.append(Mount(route.path.split("/{")[0], StaticFiles(directory=routes.STATIC), name="static"))
        else:
            starlette_routes.append(Route(route.path, route.handler, methods=list(route.methods)))
    app = Dispatch(Starlette(routes=starlette_routes, lifespan=_lifespan(config, table)), routes.raw_routes(table))
    if config.cors:
        origins = [o.strip() for o in config.cors.split(",") if o.strip()]
        app = CORSMiddleware(app, allow_origins=origins, allow_methods=["GET", "POST"],
                             allow_headers=["Accept", "Content-Type"], expose_headers=["Content-Type"])
    return HostGuard(app, config.hosts, config.cors, routes.query_routes(table))


def _lifespan(config: Config, table):
    @asynccontextmanager
    async def lifespan(app: Starlette):
        from ..graph import KnowledgeGraph

        app.state.config = config
        app.state.kg = KnowledgeGraph(config.generation, config.home)
        app.state.kg.names  # the name index, built now rather than on the first request
        app.state.saved = config.saved
        app.state.catalogue = api.catalogue_body(config.saved)
        app.state.openapi = openapi.document(table, config.saved)
        app.state.nav = routes.navigation(table)
        app.state.bind = api.binder(config.saved, app.state.kg)
        app.state.engine = Supervisor(config.generation / "store")
        follower = Follower(app.state, config.generation)  # leases the generation, follows new ones
        try:
            await app.state.engine.start()
            following = asyncio.get_running_loop().create_task(follower.run())
            yield
            following.cancel()
        finally:
            app.state.engine.stop()

    return lifespan
