"""One query to the engine under the time limit, its answer sent on over raw ASGI.

Shared by /sparql and the saved-query API (and, as a whole answer, by the pages). The answer
is buffered until complete, so an overrun still gets an error status (503); one that outgrows
the buffer is streamed, and if it runs past the limit while streaming the response is cut off
(it can no longer get an error status). Either way the engine process is retired, so the
runaway query stops using the machine (`engine.process`). An engine that fails under a request
(refused, dropped mid-answer) is handed to the supervisor to restart and the request gets 503
with Retry-After; a streamed answer cut by such a failure is left unfinished, so the client sees
a broken response and never a complete-looking 200. An answer that calls out (SERVICE) is
checked whole before it is sent: when the remote endpoint fails mid-answer, Oxigraph has
already begun a 200 and ends it with its complaint appended, so a JSON or XML answer that does
not parse becomes a 502 naming that complaint. The engine's status and media type
pass through; only its parse errors are reworded, with positions in the caller's own lines.
"""

from __future__ import annotations

import asyncio
import json
from typing import Callable

from ..sparql import shift_positions
from .engine.process import Supervisor, Unavailable
from .engine.request import Requests

BUFFER = 4 * 1024 * 1024
STREAM = 256 * 1024  # bytes per piece once an answer is streamed
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"
TEXT = b"text/plain; charset=utf-8"


async def relay(engine: Supervisor, limit: float, send, requests: Requests,
                is_update: Callable[[], bool] | None = None, federated: bool = False) -> None:
    """Run a query on the engine and send the answer; `is_update` tells a refused update from
    a malformed query, checked only when the engine has rejected the text (never on the hot path);
    a `federated` answer is checked whole (see above)."""
    deadline = asyncio.get_running_loop().time() + limit
    process, connection = await _fetch(engine, limit, requests, deadline)
    if connection is None:
        return await send_text(send, *process)
    if connection.done:
        status, media, body = connection.status, connection.media, connection.take()
        _release(engine, process, connection)
        if status == 400 and is_update is not None and is_update():
            return await send_text(send, 403, READ_ONLY)
        status, media, body = finish(status, media, body)
        broken = federated and status == 200 and unfinished(media, body)
        if broken:
            return await send_text(send, 502, f"a SERVICE endpoint failed during the answer: {broken}")
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
        await engine.overran(process)
    except OSError as exc:  # the engine went away mid-answer: unfinished too
        connection.close()
        engine.failed(process, f"the engine failed mid-answer ({exc})")
    finally:
        _release(engine, process, connection)


async def whole(engine: Supervisor, limit: float, requests: Requests) -> tuple[int, bytes, bytes]:
    """The complete answer (status, media type, body) for a page; refused past the buffer."""
    deadline = asyncio.get_running_loop().time() + limit
    process, connection = await _fetch(engine, limit, requests, deadline)
    if connection is None:
        status, message, _ = process
        return status, TEXT, message.encode()
    done, status, media, body = connection.done, connection.status, connection.media, connection.take()
    _release(engine, process, connection)
    if not done:
        return 413, TEXT, f"the answer is over {BUFFER // 2**20} MB: too large for a page".encode()
    return finish(status, media, body)


async def send_text(send, status: int, message: str, headers: tuple = ()) -> None:
    """A plain-text response over raw ASGI."""
    body = message.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", TEXT), (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


def finish(status: int, media: bytes, body: bytes) -> tuple[int, bytes, bytes]:
    """The engine's answer as the client gets it: a parse error says so, in the caller's lines
    (the prefix line the engine saw before them is one line).

    >>> finish(400, b"text/plain", b"error at 2:7: expected '}'")
    (400, b'text/plain; charset=utf-8', b"malformed query: error at 1:7: expected '}'")
    """
    if status == 400:
        text = shift_positions(body.decode("utf-8", errors="replace"), 1)
        return 400, TEXT, f"malformed query: {text}".encode()
    return status, media, body


def unfinished(media: bytes, body: bytes) -> str | None:
    """What the engine appended to a JSON or XML answer it could not finish, or None if the
    answer parses (other formats cannot tell, and pass).

    >>> unfinished(b"application/sparql-results+json", b'{"head":{}, "boolean":true}')
    >>> unfinished(b"application/sparql-results+json", b'{"head":{"vars":["s"]},"results":{"bindings":[Connection reset')
    'Connection reset'
    """
    kind = media.split(b";")[0].strip()
    try:
        if kind.endswith(b"json"):
            json.loads(body)
        elif kind.endswith(b"xml"):
            from xml.etree import ElementTree

            ElementTree.fromstring(body)
    except json.JSONDecodeError as exc:
        return body[exc.pos:].decode("utf-8", errors="replace").strip()[:500] or "the answer ends unfinished"
    except ValueError:
        return "the answer ends unfinished"
    except SyntaxError:  # ElementTree.ParseError
        return "the answer is not well-formed XML"
    return None


async def _fetch(engine: Supervisor, limit: float, requests: Requests, deadline: float):
    """(process, connection) with a lease on both, or ((status, message, headers), None) if no
    answer came.

    A 400 to the first request is retried with the fallback (with the prefix line), if any.
    """
    first, fallback = requests
    try:
        process = engine.acquire()
    except Unavailable as busy:
        return _unavailable(busy.retry_after), None
    try:
        async with asyncio.timeout_at(deadline):
            connection = await process.pool.fetch(first, BUFFER)
            if connection.status == 400 and fallback is not None:
                process.pool.release(connection)
                connection = await process.pool.fetch(fallback, BUFFER)
            return process, connection
    except TimeoutError:
        try:
            await engine.overran(process)
        finally:
            engine.release(process)
        return (503, f"the query was stopped: it ran past the {limit:g} s time limit", ()), None
    except OSError as exc:
        engine.failed(process, f"the engine did not answer ({exc})")
        engine.release(process)
        return _unavailable(Unavailable.retry_after), None


def _unavailable(seconds: int) -> tuple[int, str, tuple]:
    return (503, f"the SPARQL engine is restarting; try again in {seconds} s",
            ((b"retry-after", str(seconds).encode()),))


def _release(engine: Supervisor, process, connection) -> None:
    process.pool.release(connection)
    engine.release(process)
