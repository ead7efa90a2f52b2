"""/sparql: the SPARQL 1.1 Protocol parsed in front of the engine, with the guards Oxigraph lacks.

Here, not in the engine: refusing updates with a clear message (the engine is read-only too),
the request-body limit and the project's predeclared prefixes; the deadline is in `time_limit`.
It is a raw ASGI handler, since it is the hottest path: a query sent by GET or as a form goes on
still percent-encoded, so the text is decoded only if the engine rejects it — an update cannot
parse as a query, so that is also the moment to tell an update from a malformed query.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, unquote_to_bytes

from .. import settings
from ..errors import QueryRefused
from ..sparql import guard_by_settings, is_update
from .engine.request import Requests, direct_post, form_post, url_query
from .time_limit import READ_ONLY, relay, send_text

_DATASET = ("default-graph-uri", "named-graph-uri")
FORM = b"application/x-www-form-urlencoded"
DIRECT = b"application/sparql-query"


class Refused(Exception):
    """A request refused before it reaches the engine, with its status and message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def header(scope, name: bytes) -> bytes | None:
    """One request header's raw value (names are lower-case in ASGI), or None."""
    for key, value in scope["headers"]:
        if key == name:
            return value
    return None


def form_fields(raw: bytes) -> list[tuple[str, bytes]]:
    """Form fields with decoded names and values left percent-encoded.

    >>> form_fields(b"query=ASK%20%7B%7D&default-graph-uri=urn%3Ag")
    [('query', b'ASK%20%7B%7D'), ('default-graph-uri', b'urn%3Ag')]
    """
    fields = []
    for part in raw.split(b"&"):
        if part:
            name, _, value = part.partition(b"=")
            fields.append((unquote_plus(name.decode("latin-1")), value))
    return fields


def decoded(value: bytes) -> str:
    """A form value as text: `+` is a space, then percent-decoding, then UTF-8."""
    return unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8", errors="replace")


async def read_body(scope, receive, limit: int) -> bytes:
    """The request body, refused with 413 past `limit` whether it declares a length or streams."""
    declared = (header(scope, b"content-length") or b"").decode("latin-1")
    if declared.isdigit() and int(declared) > limit:
        raise Refused(413, f"the request body is {declared} bytes; the limit is {limit}")
    chunks, total = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise Refused(400, "the client went away while sending the request")
        chunk = message.get("body", b"")
        total += len(chunk)
        if total > limit:
            raise Refused(413, f"the request body is over the {limit}-byte limit")
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


async def sparql(state, scope, receive, send) -> None:
    """GET or POST /sparql: a query by the protocol, answered by the engine under the time limit."""
    if scope["method"] not in ("GET", "HEAD", "POST"):
        return await send_text(send, 405, "use GET or POST", ((b"allow", b"GET, HEAD, POST"),))
    if scope["method"] in ("GET", "HEAD") and not form_fields(scope["query_string"]):
        from .linked import describe_service

        return await describe_service(state, scope, receive, send)
    try:
        requests, update, federated = await engine_request(scope, receive, state.config.max_body)
    except Refused as refused:
        return await send_text(send, refused.status, refused.message)
    await relay(state.engine, state.config.timeout, send, requests, update, federated)


async def engine_request(scope, receive, limit: int) -> tuple[Requests, object, bool]:
    """The engine requests for a GET, a form POST or a direct POST, a function that tells
    whether the text was an update (asked only if the engine refuses it), and whether it may
    call out (an allowed SERVICE); Refused otherwise."""
    accept = header(scope, b"accept")
    fields = form_fields(scope["query_string"])
    if scope["method"] == "POST":
        media = (header(scope, b"content-type") or b"").split(b";")[0].strip().lower()
        if media == b"application/sparql-update":
            raise Refused(403, READ_ONLY)
        if media not in (FORM, DIRECT):
            raise Refused(415, "POST a query as application/sparql-query or as a form "
                               "(application/x-www-form-urlencoded) with a 'query' field")
        body = await read_body(scope, receive, limit)
        if media == DIRECT:
            _check(fields, 0)
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise Refused(400, "the query is not valid UTF-8") from None
            return direct_post(body, accept, _dataset(fields)), lambda: is_update(text), _guard(text)
        fields += form_fields(body)
        encode = form_post
    else:
        encode = url_query  # the query came in a URL, so it is fit for one
    query = _check(fields, 1)[0]
    federated = _guard_encoded(query)
    return encode(query, accept, _dataset(fields)), lambda: is_update(decoded(query)), federated


def _guard(text: str) -> bool:
    """The query guard of the SPARQL layer, before the engine: a refusal is a 400, never a crash.
    True when the query may call out (an allowed SERVICE), so its answer must be checked whole."""
    try:
        guard_by_settings(text)
    except QueryRefused as refused:
        raise Refused(400, str(refused)) from None
    return "service" in text.lower()


#: What may open a bracket once decoded; and a percent-encoded letter of SERVICE, either case
#: (C E I R S V: %43 %45 %49 %52 %53 %56, lower case %63 … %76) — not any %4x–%7x, which would
#: also take the encoded brackets %5B and %7B that nearly every encoded query has.
_OPENERS = (b"(", b"[", b"{", b"%28", b"%5B", b"%5b", b"%7B", b"%7b")
_ENCODED_LETTER = re.compile(rb"%(?:[46][359]|[57][236])")


def _guard_encoded(query: bytes) -> bool:
    """`_guard` for a query still percent-encoded, decoding it only when the guard might refuse
    it: decoding was the dearest step of a small request. The decoded text is never longer than
    the encoded one, has no more opening brackets than it spells, and can spell SERVICE only if
    the encoded one does or encodes a letter.

    >>> _guard_encoded(b"ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D")
    False
    >>> _guard_encoded(b"SELECT%20*%20%7B%20%53ervice%20%3Chttp%3A%2F%2F127.0.0.1%3A9%2F%3E%20%7B%7D%20%7D")
    Traceback (most recent call last):
    ...
    augustkg.server.protocol.Refused: SERVICE <http://127.0.0.1:9/> is refused: federated queries are off; allow an endpoint with the setting service_allow
    """
    if (len(query) <= settings.get("max_query_length") and b"service" not in query.lower()
            and sum(map(query.count, _OPENERS)) <= settings.get("max_query_depth")
            and not _ENCODED_LETTER.search(query)):
        return False
    return _guard(decoded(query))


def _check(fields, wanted: int) -> list[bytes]:
    """The 'query' fields, refused unless there are `wanted` of them and no 'update'."""
    queries = []
    for name, value in fields:
        if name == "update":
            raise Refused(403, READ_ONLY)
        if name == "query":
            queries.append(value)
    if len(queries) != wanted:
        if wanted == 0:
            raise Refused(400, "give the query either in the body or as a 'query' parameter, not both")
        raise Refused(400, "give exactly one 'query' parameter" if queries else "no query: give a 'query' parameter")
    return queries


def _dataset(fields) -> bytes:
    return b"&".join(name.encode() + b"=" + value for name, value in fields if name in _DATASET)
