"""A remote SPARQL 1.1 endpoint behind the same interface as the embedded store.

When one machine's store is not enough, the graph lives on a server (Oxigraph, Fuseki,
GraphDB, Virtuoso, QLever). `Endpoint` is an `engine.Engine` like `KnowledgeGraph`, so
`augustkg query --endpoint` and `augustkg run --endpoint` reuse every code path of the embedded
store: answers come back as SPARQL JSON results (or N-Triples for graphs)
and are written out by the same pyoxigraph serialisers, so they print exactly as locally.

The SPARQL 1.1 Protocol is spoken with the standard library (POST, form-encoded), which keeps the
query path free of extra dependencies. Queries are checked for syntax locally first, so a typo
gives the same line-and-column message as on the embedded store instead of a server's dialect.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from . import settings
from .engine import EngineBase
from .errors import EndpointError
from .namespaces import ASSERTED_GRAPH, PREFIXES
from .results import Result
from .sparql import query_form

JSON_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
#: The media types accepted for each kind of answer: older servers send N-Triples as text/plain
#: and JSON results as application/json.
ANSWER_TYPES = {"graph": (N_TRIPLES, "text/plain"), "select": (JSON_RESULTS, "application/json")}


class Endpoint(EngineBase):
    """A SPARQL endpoint URL (e.g. http://localhost:7878/query); `home` holds the saved queries.

    A bad URL, an unreachable server and a malformed query are each one clear error; the last
    is found locally, before anything is sent:

    >>> Endpoint("http://127.0.0.1:9/query").query("SELECT ?x WHERE { ?x }")
    Traceback (most recent call last):
    augustkg.errors.QuerySyntaxError: query, line 1, column 23: expected ...
    >>> Endpoint("http://127.0.0.1:9/query").query("ASK { ?s ?p ?o }")
    Traceback (most recent call last):
    augustkg.errors.EndpointError: cannot reach http://127.0.0.1:9/query: Connection refused
    """

    def __init__(self, url: str, timeout: float | None = None, home: Path | None = None):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise EndpointError(f"'{url}' is not an http(s) URL of a SPARQL endpoint")
        self.url = url
        self.home = Path(home) if home else settings.home()
        self.timeout = float(timeout if timeout is not None else settings.get("endpoint_timeout"))
        self._names = None
        self._has_asserted = None

    # -- SPARQL ----------------------------------------------------------------------------
    def query(self, sparql: str, asserted: bool = False, substitutions: dict | None = None,
              source: str = "query") -> Result:
        """Run SPARQL on the endpoint; the answer as a `Result` of pyoxigraph terms."""
        kind, (data, media_type) = self._ask_endpoint(sparql, asserted, substitutions, source)
        expected = "N-Triples" if kind == "graph" else "SPARQL JSON results"
        if media_type not in ANSWER_TYPES[kind]:
            raise EndpointError(f"{self.url} answered the {query_form(sparql)} with {media_type or 'no content type'}, "
                                f"not {expected}; is it a SPARQL endpoint?")
        try:
            if kind == "graph":
                return Result("graph", triples=[ox.Triple(q.subject, q.predicate, q.object)
                                                for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)])
            return Result.from_pyoxigraph(ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON))
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(f"{self.url} answered with malformed {expected} ({media_type}): {exc}") from None

    def serialize(self, sparql: str, fmt: str, asserted: bool = False, substitutions: dict | None = None,
                  source: str = "query") -> bytes:
        """The answer written by the same serialisers as on the embedded store."""
        return self.query(sparql, asserted, substitutions, source).serialize(fmt)

    def _ask_endpoint(self, sparql, asserted, substitutions, source) -> tuple[str, tuple[bytes, str]]:
        from .sparql import bind_values, is_graph_query, with_prefixes

        _check_syntax(sparql, source)
        if substitutions:
            sparql = bind_values(sparql, {getattr(k, "value", str(k)).lstrip("?$"): v
                                          for k, v in substitutions.items()})
        text = with_prefixes(sparql)
        form = {"query": text}
        if asserted:
            if not self.has_asserted_graph():
                raise EndpointError(
                    f"{self.url} does not hold the asserted graph <{ASSERTED_GRAPH}>, so --asserted cannot be "
                    "answered there; publish it with `augustkg publish --to URL --asserted`")
            form["default-graph-uri"] = ASSERTED_GRAPH
        kind = "graph" if is_graph_query(sparql) else "select"
        accept = N_TRIPLES if kind == "graph" else JSON_RESULTS
        return kind, self.fetch(form, accept)

    def has_asserted_graph(self) -> bool:
        if self._has_asserted is None:
            data = self.post({"query": f"ASK {{ GRAPH <{ASSERTED_GRAPH}> {{ ?s ?p ?o }} }}"}, JSON_RESULTS)
            self._has_asserted = bool(ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON))
        return self._has_asserted

    def post(self, form: dict, accept: str) -> bytes:
        return self.fetch(form, accept)[0]

    def fetch(self, form: dict, accept: str) -> tuple[bytes, str]:
        """POST a form; the body and its media type (without parameters such as charset)."""
        body = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        return exchange(request, self.url, self.timeout)

    # -- names -----------------------------------------------------------------------------
    @property
    def names(self):
        """The endpoint's own names, matched as locally (one query, on first use)."""
        if self._names is None:
            from .names import NameIndex

            self._names = NameIndex.from_engine(self)
        return self._names


def send(request: urllib.request.Request, url: str, timeout: float) -> bytes:
    """Send one HTTP request; every way it can fail becomes one EndpointError sentence."""
    return exchange(request, url, timeout)[0]


def exchange(request: urllib.request.Request, url: str, timeout: float) -> tuple[bytes, str]:
    """`send`, also giving the answer's media type, so a body of the wrong kind can be named."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read(), response.headers.get_content_type() if "content-type" in response.headers else ""
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()
        detail = " ".join(detail.split())[:500]
        raise EndpointError(f"{url} answered {exc.code} {exc.reason}" + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (socket.timeout, TimeoutError)):
            raise _timeout(url, timeout) from None
        reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
        raise EndpointError(f"cannot reach {url}: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise _timeout(url, timeout) from None
    except (ConnectionError, OSError) as exc:  # a connection dropped mid-answer
        raise EndpointError(f"the connection to {url} failed: {exc}") from None


def _timeout(url: str, timeout: float) -> EndpointError:
    return EndpointError(f"{url} did not answer within {timeout:g} s "
                         f"(set {settings.SETTINGS['endpoint_timeout'].env} to wait longer)")


def _check_syntax(sparql: str, source: str) -> None:
    """Parse the query locally (on an empty store), to report errors as the embedded store does."""
    from .graph import syntax_error

    try:
        ox.Store().query(sparql, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise syntax_error(exc, source) from None
    except OSError:
        pass  # evaluation on the empty store failed (e.g. SERVICE); the syntax was fine
