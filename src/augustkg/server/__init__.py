"""`augustkg serve`: a SPARQL 1.1 endpoint, the saved-query API and offline web pages on one port.

Oxigraph's own server does the SPARQL work (read-only, on a private loopback port: `engine/`);
a Starlette app in front (`app.py`, every URL in `routes.py`) adds the project's pages
(`pages.py`), the API (`api.py`, `openapi.py`) and the guards: the limits on a request's head
(`limits.py`), the Host and Origin checks (`hosts.py`), the protocol's checks (`protocol.py`)
and the time limit (`time_limit.py`). See README, "Serving".
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

from .. import settings
from ..errors import AugustError


def serve(host: str | None = None, port: int | None = None, timeout: float | None = None,
          home: Path | None = None, store_dir: Path | None = None) -> None:
    """Build if stale, then serve until interrupted; one line on stderr says where, once listening."""
    from functools import partial

    import uvicorn

    from ..graph import ensure_built
    from ..saved import SavedQueries
    from .app import Config, create_app
    from .engine.process import oxigraph_binary
    from .hosts import allowed_hosts
    from .limits import LimitedProtocol, Limits

    home = Path(home) if home else settings.home()
    host = host or settings.get("host")
    port = settings.get("port") if port is None else port
    oxigraph_binary()  # fail now, with a clear message, if the engine is missing
    _check_free(host, port)
    config = Config(home=home, generation=ensure_built(home, store_dir), saved=SavedQueries.load(home / "queries"),
                    timeout=timeout or settings.get("timeout"), max_body=settings.get("max_body"),
                    cors=settings.get("cors"), hosts=allowed_hosts(host, settings.get("allowed_hosts")))
    limits = Limits(settings.get("max_request_line"), settings.get("max_header_bytes"), settings.get("header_timeout"))
    shown = f"[{host}]" if ":" in host else host
    listening = (f"augustkg: serving {config.generation.name} at http://{shown}:{port}/ "
                 f"(SPARQL at /sparql; time limit {config.timeout:g} s) — Ctrl-C stops")
    server = _announcing(uvicorn.Config(
        create_app(config), host=host, port=port, http=partial(LimitedProtocol, limits=limits),
        log_level="warning", access_log=False, proxy_headers=False, server_header=False), listening)  # no X-Forwarded-*: nothing here uses client addresses
    try:
        server.run()
    except KeyboardInterrupt:  # Ctrl-C: uvicorn has shut down cleanly already
        return
    if not server.started:
        raise AugustError(f"the server did not start on {host}:{port}")


def _announcing(config, message: str):
    """A uvicorn server that prints `message` once it is listening, not before: whoever starts
    it (a person, a test, a benchmark) may connect as soon as the line appears."""
    import uvicorn

    class AnnouncingServer(uvicorn.Server):
        async def startup(self, sockets=None):
            await super().startup(sockets)
            if self.started:
                print(message, file=sys.stderr, flush=True)

    return AnnouncingServer(config)


def _check_free(host: str, port: int) -> None:
    """One clear line for a port already taken, before anything starts."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise AugustError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another with --port") from None
