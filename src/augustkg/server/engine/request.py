"""The engine's HTTP requests, each built in one piece: a query as GET, form POST or direct POST.

The predeclared prefixes cost the engine more than answering a small query (it parses and
checks every IRI), so a query that declares prefixes of its own is first sent as it is, and
again with the prefix line only if the engine cannot parse it (the "fallback"). That is exact:
a query that parses without the line uses only its own prefixes, which would override the
line's anyway. A query that declares none goes with the line at once.

A query the client sent percent-encoded (a GET or a form) goes on still encoded: decoding it is
left to the engine, and done here only if the engine refuses it (see `protocol.py`).
"""

from __future__ import annotations

from urllib.parse import quote

from ...sparql import PROLOGUE

#: The requests for one query: (first try, fallback with the prefix line or None).
Requests = tuple[bytes, "bytes | None"]

PROLOGUE_BYTES = PROLOGUE.encode()
PROLOGUE_ENCODED = quote(PROLOGUE, safe="").encode()  # for URLs and form bodies, quoted once
URL_LIMIT = 4096  # bytes of encoded query sent in a GET; longer ones are POSTed
#: The readiness probe, as the engine receives it.
PROBE = b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nhost: engine\r\n\r\n"


def direct_post(text: bytes, accept: bytes | None, graphs: bytes = b"") -> Requests:
    """The requests for a query text (UTF-8), POSTed as application/sparql-query.

    >>> first, fallback = direct_post(b"ASK {}", None)
    >>> first.startswith(b"POST /query HTTP/1.1") and first.endswith(PROLOGUE_BYTES + b"ASK {}"), fallback
    (True, None)
    """
    target = b"/query?" + graphs if graphs else b"/query"
    full = _post(target, b"application/sparql-query", PROLOGUE_BYTES + text, accept)
    if b"PREFIX" not in text:
        return full, None
    return _post(target, b"application/sparql-query", text, accept), full


def url_query(encoded: bytes, accept: bytes | None, graphs: bytes = b"") -> Requests:
    """The requests for a query percent-encoded as in a URL: a GET, which costs the engine least."""
    if len(encoded) > URL_LIMIT or not encoded.isascii():
        return form_post(encoded, accept, graphs)
    tail = encoded + (b"&" + graphs if graphs else b"")
    full = _get(b"/query?query=" + PROLOGUE_ENCODED + tail, accept)
    if b"PREFIX" not in encoded:
        return full, None
    return _get(b"/query?query=" + tail, accept), full


def form_post(encoded: bytes, accept: bytes | None, graphs: bytes = b"") -> Requests:
    """The requests for a query still percent-encoded as the caller sent it: never decoded here."""
    tail = encoded + (b"&" + graphs if graphs else b"")
    full = _post(b"/query", b"application/x-www-form-urlencoded", b"query=" + PROLOGUE_ENCODED + tail, accept)
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
