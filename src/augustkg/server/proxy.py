"""/sparql: the SPARQL 1.1 Protocol in front of the engine, with the guards Oxigraph lacks.

Here, not in the engine: refusing updates with a clear message (the engine is read-only too),
the request-body limit, the project's predeclared prefixes, and a deadline that holds even for
a query the engine cannot cancel. Answers are buffered until complete (so an overrun still gets
an error status) and streamed once they outgrow the buffer.
"""

from __future__ import annotations

import asyncio
import re
from urllib.parse import parse_qsl

import httpx
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from ..namespaces import PREFIXES

#: One line, so an engine error position moves by exactly one line.
PREFIX_LINE = " ".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + "\n"
BUFFER = 4 * 1024 * 1024
GET_LIMIT = 2000  # characters of query sent in the URL; longer ones are POSTed
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_PROLOGUE = re.compile(r"(?is)(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*")
_POSITION = re.compile(r"error at (\d+):(\d+)(?:-(\d+):(\d+))?")
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 past `limit` whether it declares a length or streams."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Refused(413, f"the request body is {declared} bytes; the limit is {limit}")
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise Refused(413, f"the request body is over the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def is_update(sparql: str) -> bool:
    """Whether a text is a SPARQL update (its first keyword after the prologue)."""
    word = re.match(r"[A-Za-z]*", sparql[_PROLOGUE.match(sparql).end():]).group(0).upper()
    return word in UPDATE_WORDS


async def protocol_query(request: Request, limit: int) -> tuple[str, list[tuple[str, str]]]:
    """The query and its dataset parameters from a GET, a form POST or a direct POST."""
    if request.method == "GET":
        params = list(request.query_params.multi_items())
    else:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise Refused(403, READ_ONLY)
        body = await read_body(request, limit)
        params = list(request.query_params.multi_items())
        if media == "application/x-www-form-urlencoded":
            params += parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        elif media == "application/sparql-query":
            try:
                params.append(("query", body.decode("utf-8")))
            except UnicodeDecodeError:
                raise Refused(400, "the query is not valid UTF-8") from None
        else:
            raise Refused(415, "POST a query as application/sparql-query or as a form "
                               "(application/x-www-form-urlencoded) with a 'query' field")
    names = [k for k, _ in params]
    if "update" in names:
        raise Refused(403, READ_ONLY)
    queries = [v for k, v in params if k == "query"]
    if len(queries) != 1:
        raise Refused(400, "give exactly one 'query' parameter" if queries else "no query: give a 'query' parameter")
    if is_update(queries[0]):
        raise Refused(403, READ_ONLY)
    graphs = [(k, v) for k, v in params if k in ("default-graph-uri", "named-graph-uri")]
    return queries[0], graphs


async def sparql(request: Request) -> Response:
    state = request.app.state
    try:
        query, graphs = await protocol_query(request, state.config.max_body)
    except Refused as refused:
        return PlainTextResponse(refused.message, refused.status)
    return await forward(state, query, request.headers.get("accept"), graphs)


async def forward(state, query: str, accept: str | None, graphs=(), stream: bool = True) -> Response:
    """Run a query on the engine within the time limit; the engine's status and media type pass through.

    With `stream=False` (for pages, which need the whole answer) an answer over the buffer is refused.
    """
    engine, limit = state.engine, state.config.timeout
    backend = engine.acquire()
    upstream = None
    try:
        upstream, head, done = await asyncio.wait_for(_start(state.client, backend.url, query, accept, graphs), limit)
    except asyncio.TimeoutError:
        try:
            await engine.overran(backend)
        finally:
            engine.release(backend)
        return PlainTextResponse(f"the query was stopped: it ran past the {limit:g} s time limit", 503)
    except httpx.TransportError as exc:
        engine.release(backend)
        return PlainTextResponse(f"the SPARQL engine did not answer: {exc}", 502)
    media = upstream.headers.get("content-type", "text/plain")
    if done or not stream:
        if not done:
            await upstream.aclose()
        engine.release(backend)
        if not done:
            return PlainTextResponse(f"the answer is over {BUFFER // 2**20} MB: too large for a page", 413)
        return _finish(upstream.status_code, b"".join(head), media)

    async def rest():
        for chunk in head:
            yield chunk
        async for chunk in upstream.aiter_raw():
            yield chunk

    async def close():
        await upstream.aclose()
        engine.release(backend)

    return StreamingResponse(rest(), upstream.status_code, media_type=media, background=BackgroundTask(close))


async def _start(client: httpx.AsyncClient, url: str, query: str, accept, graphs):
    """Send the query; read the answer until it is complete or fills the buffer."""
    headers = {"accept-encoding": "identity"}
    if accept:
        headers["accept"] = accept
    text = PREFIX_LINE + query
    if len(text) <= GET_LIMIT:  # one write instead of headers + body: a loopback send is the dearest step
        request = client.build_request("GET", url + "/query", params=[("query", text), *graphs], headers=headers)
    else:
        headers["content-type"] = "application/sparql-query"
        request = client.build_request("POST", url + "/query", params=list(graphs), headers=headers, content=text.encode())
    response = await client.send(request, stream=True)
    head, size = [], 0
    try:
        async for chunk in response.aiter_raw():
            head.append(chunk)
            size += len(chunk)
            if size > BUFFER:
                return response, head, False
    except BaseException:
        await response.aclose()
        raise
    await response.aclose()
    return response, head, True


def _finish(status: int, body: bytes, media: str) -> Response:
    if status == 400:  # the parser's message, with positions in the caller's own lines
        text = _POSITION.sub(_shift, body.decode("utf-8", errors="replace"))
        return PlainTextResponse(f"malformed query: {text}", 400)
    if status >= 500 and b"cancelled" in body:
        return PlainTextResponse("the query was stopped: it ran past the time limit", 503)
    return Response(body, status, media_type=media)


def _shift(match: re.Match) -> str:
    line, col, line2, col2 = match.groups()
    text = f"error at {max(1, int(line) - 1)}:{col}"
    return text + (f"-{max(1, int(line2) - 1)}:{col2}" if line2 else "")
