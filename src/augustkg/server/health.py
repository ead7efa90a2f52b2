"""GET /health: whether the server can answer queries — the engine behind it, not only the front.

A load balancer or `curl -f` takes the status (200 answering, 503 not) and a person the JSON:
the engine's state and pid, how often it was restarted and why last, and the generation served.
The engine is probed on each call, on a connection of its own; a failed probe starts a restart
as the supervisor's own probe would.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from .engine.process import RETRY_AFTER


async def health(request: Request) -> JSONResponse:
    state = request.app.state
    engine = state.engine
    answering = engine.state == "up" and await engine.probe()
    if not answering and engine.state == "up":
        engine.failed(engine.current, "the engine did not answer the health probe")
    report = engine.health()
    report["engine"] = "up" if answering else "restarting"
    report["generation"] = state.config.generation.name
    headers = {} if answering else {"Retry-After": str(RETRY_AFTER)}
    return JSONResponse(report, 200 if answering else 503, headers=headers)
