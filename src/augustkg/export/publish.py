"""Upload the built graph to a SPARQL server through the SPARQL 1.1 Graph Store Protocol.

Why chunks: a million-triple closure is hundreds of megabytes of N-Triples, more than many
servers accept in one request. The first request PUTs (replacing whatever the target graph held),
the rest POST (appending), and a COUNT query afterwards proves the server holds exactly what was
built. If anything fails mid-way the error says how much went up and that the graph is partial.

Blank nodes are scoped to one request by the protocol, so every triple that mentions one goes
into the first request together (the ontology's few restriction and list nodes).
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

from .. import settings
from ..errors import EndpointError
from ..namespaces import ASSERTED_GRAPH
from ..remote import Endpoint, send


def publish(generation: Path, to: str, graph: str | None = None, asserted: bool = False,
            endpoint: str | None = None, progress: bool | None = None,
            log: Callable[[str], None] = lambda m: None) -> list[tuple[str, int]]:
    """Upload the closure (to `graph`, else the default graph) and, with `asserted`, the asserted
    triples to their named graph; returns (graph, triples) for each upload, all checked."""
    import json

    from ..progress import BuildProgress

    manifest = json.loads((generation / "manifest.json").read_text())
    parts = urllib.parse.urlsplit(to)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"'{to}' is not an http(s) URL of a Graph Store endpoint")
    checker = Endpoint(endpoint or _query_url(to))
    uploads = [(generation / "closure.nt", graph, manifest["closure_triples"])]
    if asserted:
        uploads.append((generation / "asserted.nt", ASSERTED_GRAPH, manifest["asserted_triples"]))
    done = []
    with BuildProgress(progress) as bars:
        for path, target, expected in uploads:
            name = f"<{target}>" if target else "the default graph"
            tick = bars.stage("publish", expected)
            sent = _upload(path, to, target, expected, tick)
            found = _count(checker, target)
            if found != expected:
                raise EndpointError(f"{checker.url} reports {found} triples in {name} after the upload, "
                                    f"but {expected} were sent; the graph does not match the build")
            log(f"published {sent} triples to {name} at {to} (count checked)")
            done.append((target or "default", sent))
    return done


def _upload(path: Path, to: str, graph: str | None, expected: int, tick) -> int:
    timeout = settings.get("endpoint_timeout")
    chunk = max(1, settings.get("publish_chunk"))
    target = _store_url(to, graph)
    name = f"<{graph}>" if graph else "the default graph"
    sent = 0
    for i, lines in enumerate(_chunks(path, chunk)):
        request = urllib.request.Request(target, data="".join(lines).encode("utf-8"), method="PUT" if i == 0 else "POST",
                                         headers={"Content-Type": "application/n-triples"})
        try:
            send(request, to, timeout)
        except EndpointError as exc:
            where = f"{name[0].upper()}{name[1:]} on {to}"
            if sent == 0:
                raise EndpointError(f"publishing failed before any triple was confirmed: {exc}. "
                                    f"{where} may be partial; run publish again to replace it") from None
            raise EndpointError(f"publishing stopped after {sent} of {expected} triples: {exc}. "
                                f"{where} is now partial; run publish again to replace it") from None
        sent += len(lines)
        tick(sent)
    return sent


def _chunks(path: Path, size: int) -> Iterator[list[str]]:
    """Lists of N-Triples lines; the first holds every line with a blank node (and always comes)."""
    blank = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if _has_blank_node(line):
                blank.append(line)
    first, batch = True, list(blank)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if _has_blank_node(line):
                continue
            batch.append(line)
            if len(batch) >= size:
                yield batch
                first, batch = False, []
    if batch or first:
        yield batch


def _has_blank_node(line: str) -> bool:
    """Whether a line's subject or object is a blank node (a predicate never is).

    >>> _has_blank_node('<x:a> <x:p> "_:b in a literal" .\\n'), _has_blank_node('<x:a> <x:p> _:b1 .\\n')
    (False, True)
    """
    return line.startswith("_:") or line.split(" ", 2)[2].startswith("_:")


def _count(endpoint: Endpoint, graph: str | None) -> int:
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    result = endpoint.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(result.rows[0][0].value)


def _store_url(to: str, graph: str | None) -> str:
    """The Graph Store URL of one graph: ?default or ?graph=IRI (indirect identification)."""
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return f"{to}{'&' if '?' in to else '?'}{query}"


def _query_url(to: str) -> str:
    """The query endpoint beside a Graph Store endpoint, as Oxigraph and Fuseki lay them out.

    >>> _query_url("http://localhost:7878/store")
    'http://localhost:7878/query'
    """
    parts = urllib.parse.urlsplit(to)
    path = parts.path.rsplit("/", 1)[0] + "/query"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
