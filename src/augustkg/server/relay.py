"""One query to the engine under the time limit, and its answer sent on over raw ASGI.

Shared by /sparql and the saved-query API (and, as a whole answer, by the pages). The answer
is buffered until complete, so an overrun still gets an error status (503); one that outgrows
the buffer is streamed, and if it runs past the limit while streaming the response is cut off
(it can no longer get an error status). Either way the engine process is retired (`backend`).
The engine's status and media type pass through; only its parse errors are reworded.

The predeclared prefixes cost the engine more than answering a small query (it parses and
checks every IRI), so a query that declares prefixes of its own is first sent as it is, and
again with the prefix line only if the engine cannot parse it. That is exact: a query that
parses without the line uses only its own prefixes, which would override the line's anyway.
"""

from __future__ import annotations

import asyncio
import re
from typing import Callable
from urllib.parse import quote

from ..namespaces import PREFIXES

#: One line, so an engine error position moves by exactly one line.
PREFIX_LINE = " ".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + "\n"
PREFIX_BYTES = PREFIX_LINE.encode()
PREFIX_ENCODED = quote(PREFIX_LINE, safe="").encode()  # for form bodies, quoted once
URL_LIMIT = 4096  # bytes of encoded query sent in a GET; longer ones are POSTed
BUFFER = 4 * 1024 * 1024
STREAM = 256 * 1024  # bytes per piece once an answer is streamed
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"
_POSITION = re.compile(r"error at (\d+):(\d+)(?:-(\d+):(\d+))?")
_TEXT = b"text/plain; charset=utf-8"


def direct_post(text: bytes, accept: bytes | None, graphs: bytes = b"") -> tuple[bytes, bytes | None]:
    """The engine requests for a query text: (first try, fallback with the prefix line or None)."""
    target = b"/query?" + graphs if graphs else b"/query"
    full = _post(target, b"application/sparql-query", PREFIX_BYTES + text, accept)
    if b"PREFIX" not in text:
        return full, None
    return _post(target, b"application/sparql-query", text, accept), full


def url_query(encoded: bytes, accept: bytes | None, graphs: bytes = b"") -> tuple[bytes, bytes | None]:
    """The same for a query percent-encoded as in a URL: a GET, which costs the engine least."""
    if len(encoded) > URL_LIMIT or not encoded.isascii():
        return form_post(encoded, accept, graphs)
    tail = encoded + (b"&" + graphs if graphs else b"")
    full = _get(b"/query?query=" + PREFIX_ENCODED + tail, accept)
    if b"PREFIX" not in encoded:
        return full, None
    return _get(b"/query?query=" + tail, accept), full


def form_post(encoded: bytes, accept: bytes | None, graphs: bytes = b"") -> tuple[bytes, bytes | None]:
    """The same for a query still percent-encoded as the caller sent it: never decoded here."""
    tail = encoded + (b"&" + graphs if graphs else b"")
    full = _post(b"/query", b"application/x-www-form-urlencoded", b"query=" + PREFIX_ENCODED + tail, accept)
    if b"PREFIX" not in encoded:
        return full, None
    return _post(b"/query", b"application/x-www-form-urlencoded", b"query=" + tail, accept), full


def _get(target: bytes, accept: bytes | None) -> bytes:
    return b"".join((b"GET ", target, b" HTTP/1.1\r\nhost: engine", b"\r\naccept: " + accept if accept else b"", b"\r\n\r\n"))


def _post(target: bytes, media: bytes, body: bytes, accept: bytes | None) -> bytes:
    """One buffer, so one write: headers and body never wait on each other (Nagle, delayed ACK)."""
    return b"".join((b"POST ", target, b" HTTP/1.1\r\nhost: engine\r\ncontent-type: ", media,
                     b"\r\ncontent-length: ", str(len(body)).encode(),
                     b"\r\naccept: " + accept if accept else b"", b"\r\n\r\n", body))


async def relay(state, send, requests: tuple[bytes, bytes | None], is_update: Callable[[], bool] | None = None) -> None:
    """Run a query on the engine and send the answer; `is_update` tells a refused update from
    a malformed query, checked only when the engine has rejected the text (never on the hot path)."""
    deadline = asyncio.get_running_loop().time() + state.config.timeout
    backend, connection = await _fetch(state, requests, deadline)
    if connection is None:
        return await send_text(send, *backend)
    if connection.done:
        status, media, body = connection.status, connection.media, connection.take()
        _release(state, backend, connection)
        if status == 400 and is_update is not None and is_update():
            return await send_text(send, 403, READ_ONLY)
        status, media, body = finish(status, media, body)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", media), (b"content-length", str(len(body)).encode())]})
        return await send({"type": "http.response.body", "body": body})
    try:
        await send({"type": "http.response.start", "status": connection.status,
                    "headers": [(b"content-type", connection.media)]})
        async with asyncio.timeout_at(deadline):
            while not connection.done:
                await send({"type": "http.response.body", "body": connection.take(), "more_body": True})
                await connection.answer(STREAM)
        await send({"type": "http.response.body", "body": connection.take()})
    except TimeoutError:  # returning unfinished makes the server drop the connection: the cut is visible
        connection.close()
        await state.engine.overran(backend)
    finally:
        _release(state, backend, connection)


async def whole(state, requests: tuple[bytes, bytes | None]) -> tuple[int, bytes, bytes]:
    """The complete answer (status, media type, body) for a page; refused past the buffer."""
    deadline = asyncio.get_running_loop().time() + state.config.timeout
    backend, connection = await _fetch(state, requests, deadline)
    if connection is None:
        status, message = backend
        return status, _TEXT, message.encode()
    done, status, media, body = connection.done, connection.status, connection.media, connection.take()
    _release(state, backend, connection)
    if not done:
        return 413, _TEXT, f"the answer is over {BUFFER // 2**20} MB: too large for a page".encode()
    return finish(status, media, body)


async def send_text(send, status: int, message: str, headers: tuple = ()) -> None:
    body = message.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", _TEXT), (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


def finish(status: int, media: bytes, body: bytes) -> tuple[int, bytes, bytes]:
    if status == 400:  # the parser's message, with positions in the caller's own lines
        text = _POSITION.sub(_shift, body.decode("utf-8", errors="replace"))
        return 400, _TEXT, f"malformed query: {text}".encode()
    return status, media, body


async def _fetch(state, requests: tuple[bytes, bytes | None], deadline: float):
    """(backend, connection) with a lease on both, or ((status, message), None) if no answer came.

    A 400 to the first request is retried with the fallback (with the prefix line), if any.
    """
    engine, limit = state.engine, state.config.timeout
    first, fallback = requests
    backend = engine.acquire()
    try:
        async with asyncio.timeout_at(deadline):
            connection = await backend.pool.fetch(first, BUFFER)
            if connection.status == 400 and fallback is not None:
                backend.pool.release(connection)
                connection = await backend.pool.fetch(fallback, BUFFER)
            return backend, connection
    except TimeoutError:
        try:
            await engine.overran(backend)
        finally:
            engine.release(backend)
        return (503, f"the query was stopped: it ran past the {limit:g} s time limit"), None
    except OSError as exc:
        engine.release(backend)
        return (502, f"the SPARQL engine did not answer: {exc}"), None


def _release(state, backend, connection) -> None:
    backend.pool.release(connection)
    state.engine.release(backend)


def _shift(match: re.Match) -> str:
    line, col, line2, col2 = match.groups()
    text = f"error at {max(1, int(line) - 1)}:{col}"
    return text + (f"-{max(1, int(line2) - 1)}:{col2}" if line2 else "")
