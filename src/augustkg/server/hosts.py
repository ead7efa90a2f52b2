"""Which sites may drive the server: a Host it answers for, and no cross-site Origin on a query.

A server bound to loopback is still within reach of every page the user's browser opens. A page
on another site can send it requests (a form POST, a fetch), and with DNS rebinding its own name
can resolve to 127.0.0.1, so that the browser treats the answers as the page's own. Two checks,
before anything else runs:

- **Host.** A request whose Host is not one this server answers for gets 421 Misdirected Request:
  RFC 9110 (15.5.20) gives that status to a request directed at a server unwilling to answer for
  its authority, which is exactly the case, and unlike 400 it does not call the request malformed.
  A rebinding page's name is never on the list. A request without Host, or with two, gets 400
  (RFC 9112, 3.2).
- **Origin.** A request that runs a query or changes state (any method but GET, HEAD and OPTIONS;
  a GET with a query string on a route that runs the caller's queries: `/sparql`) and carries the Origin of another site gets 403, unless the `cors`
  setting allows that origin. Browsers send Origin on exactly these requests, so a page elsewhere
  cannot drive the server, while same-origin pages, configured CORS clients and non-browser
  clients (which send no Origin) work as before.
"""

from __future__ import annotations

import re

from .time_limit import send_text

LOOPBACK = frozenset({"127.0.0.1", "localhost", "[::1]"})
_SAFE = ("GET", "HEAD", "OPTIONS")


def host_name(authority: str) -> str:
    """The host of a Host header or an allowed_hosts entry: lower case, without port or final dot.

    >>> host_name("LocalHost:7878"), host_name("[::1]:80"), host_name("::1"), host_name("example.org.")
    ('localhost', '[::1]', '[::1]', 'example.org')
    """
    authority = authority.strip().lower()
    if authority.startswith("["):
        return authority[: authority.find("]") + 1]
    if authority.count(":") > 1:  # a bare IPv6 address, as a bind address is written
        return f"[{authority}]"
    return authority.partition(":")[0].rstrip(".")


def allowed_hosts(bind: str, extra: str) -> frozenset[str] | None:
    """The host names a server bound to `bind` answers for: loopback, the bind address (unless
    it is a wildcard, which no client names) and the `allowed_hosts` setting (space-separated);
    None when the setting is "*" (any host).

    >>> sorted(allowed_hosts("192.168.1.5", "kg.example.org"))
    ['127.0.0.1', '192.168.1.5', '[::1]', 'kg.example.org', 'localhost']
    >>> allowed_hosts("0.0.0.0", "") == LOOPBACK, allowed_hosts("127.0.0.1", "*") is None
    (True, True)
    """
    names = extra.split()
    if "*" in names:
        return None
    if bind not in ("0.0.0.0", "::"):
        names.append(bind)
    return LOOPBACK | {host_name(name) for name in names}


def cors_origins(cors: str) -> frozenset[str] | None:
    """The origins the `cors` setting allows (comma-separated), None for "*" (any)."""
    origins = {o.strip().rstrip("/").lower() for o in cors.split(",") if o.strip()}
    return None if "*" in origins else frozenset(origins)


class HostGuard:
    """ASGI middleware: the Host and Origin checks in front of the whole app (CORS included)."""

    def __init__(self, app, hosts: frozenset[str] | None, cors: str, query_routes: list[re.Pattern]):
        self.app, self.hosts, self.origins, self.query_routes = app, hosts, cors_origins(cors), query_routes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        hosts, origin = [], None
        for key, value in scope["headers"]:
            if key == b"host":
                hosts.append(value.decode("latin-1"))
            elif key == b"origin":
                origin = value.decode("latin-1")
        if len(hosts) != 1:
            return await send_text(send, 400, "the request needs exactly one Host header")
        host = hosts[0]
        if self.hosts is not None and host_name(host) not in self.hosts:
            return await send_text(send, 421, (
                f"this server does not answer for the host '{host_name(host)}'; it answers for "
                f"{', '.join(sorted(self.hosts))} (any port). To serve it under another name, add the name "
                "to the allowed_hosts setting (AUGUSTKG_ALLOWED_HOSTS)."))
        if origin is not None and self._cross_site(origin, host) and self._drives(scope):
            return await send_text(send, 403, (
                f"a page on {origin} may not send queries or POST requests to this server; only its own "
                "pages and the origins of the cors setting (AUGUSTKG_CORS) may."))
        await self.app(scope, receive, send)

    def _cross_site(self, origin: str, host: str) -> bool:
        """Whether `origin` is neither this server's own (the authority the client asked for)
        nor allowed by the cors setting. The scheme is not compared: behind a TLS proxy a page
        of the server's own is https while the server itself speaks http."""
        origin = origin.strip().rstrip("/").lower()
        if origin.partition("://")[2] == host.strip().lower():
            return False
        return self.origins is not None and origin not in self.origins

    def _drives(self, scope) -> bool:
        """Whether the request is unsafe or runs the caller's query, rather than reading a page."""
        if scope["method"] not in _SAFE:
            return True
        return bool(scope["query_string"]) and any(p.match(scope["path"]) for p in self.query_routes)
