"""The SPARQL 1.1 Protocol parser in front of the engine: each way of sending a query becomes the
right engine request, and every request the protocol or the guards refuse gets its status,
before anything reaches the engine. Plain ASGI messages in, no server needed."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import pytest

from augustkg.server.engine.request import PROLOGUE_ENCODED
from augustkg.server.protocol import Refused, engine_request


def scope(method: str = "GET", query: bytes = b"", headers: dict | None = None) -> dict:
    return {"type": "http", "method": method, "path": "/sparql", "query_string": query,
            "headers": [(k.encode(), v.encode()) for k, v in (headers or {}).items()]}


def parse(method="GET", query=b"", headers=None, body: list[bytes] = (b"",), limit: int = 1000):
    messages = [{"type": "http.request", "body": chunk, "more_body": i < len(body) - 1} for i, chunk in enumerate(body)]

    async def receive():
        return messages.pop(0)

    return asyncio.run(engine_request(scope(method, query, headers), receive, limit))


def test_a_get_goes_on_still_encoded_with_the_prologue():
    (first, fallback), is_update, _ = parse(query=b"query=" + quote("ASK {}").encode())
    assert first.startswith(b"GET /query?query=" + PROLOGUE_ENCODED + b"ASK%20%7B%7D HTTP/1.1")
    assert fallback is None and is_update() is False


def test_a_query_with_its_own_prefixes_is_tried_without_the_prologue_first():
    (first, fallback), _, _ = parse(query=b"query=" + quote("PREFIX x: <urn:x:> ASK {}").encode())
    assert PROLOGUE_ENCODED not in first and PROLOGUE_ENCODED in fallback


def test_a_form_post_and_a_direct_post():
    form = {"content-type": "application/x-www-form-urlencoded"}
    (first, _), _, _ = parse("POST", headers=form, body=[b"query=ASK+%7B%7D"])
    assert first.startswith(b"POST /query HTTP/1.1") and first.endswith(b"query=" + PROLOGUE_ENCODED + b"ASK+%7B%7D")
    direct = {"content-type": "application/sparql-query; charset=utf-8", "accept": "text/csv"}
    (first, _), _, _ = parse("POST", headers=direct, body=[b"ASK ", b"{}"])
    assert b"\r\naccept: text/csv\r\n" in first and first.endswith(b"ASK {}")


def test_the_dataset_parameters_go_along():
    (first, _), _, _ = parse(query=b"query=ASK%7B%7D&default-graph-uri=urn%3Ag&other=1")
    assert b"&default-graph-uri=urn%3Ag" in first and b"other" not in first


def test_a_query_that_may_call_out_is_marked_so_its_answer_is_checked_whole(monkeypatch):
    monkeypatch.setenv("AUGUSTKG_SERVICE_ALLOW", "http://e.org/sparql")
    *_, federated = parse(query=b"query=" + quote("SELECT * { SERVICE <http://e.org/sparql> { ?s ?p ?o } }").encode())
    *_, local = parse(query=b"query=" + quote("ASK { ?s ?p ?o }").encode())
    assert federated is True and local is False


def test_an_update_is_told_apart_only_when_asked():
    (_, _), is_update, _ = parse(query=b"query=" + quote("# x\nINSERT DATA { <a:b> <a:b> <a:b> }").encode())
    assert is_update() is True


@pytest.mark.parametrize("method, query, headers, body, status", [
    ("GET", b"update=INSERT", {}, [b""], 403),
    ("POST", b"", {"content-type": "application/sparql-update"}, [b"INSERT DATA {}"], 403),
    ("POST", b"", {"content-type": "text/plain"}, [b"ASK {}"], 415),
    ("GET", b"", {}, [b""], 400),
    ("GET", b"query=a&query=b", {}, [b""], 400),
    ("POST", b"query=ASK", {"content-type": "application/sparql-query"}, [b"ASK {}"], 400),
    ("POST", b"", {"content-type": "application/sparql-query"}, [b"\xff"], 400),
    ("POST", b"", {"content-type": "application/sparql-query", "content-length": "5000"}, [b""], 413),
    ("POST", b"", {"content-type": "application/sparql-query"}, [b" " * 600, b" " * 600], 413),
], ids=["update-param", "sparql-update", "media-type", "no-query", "two-queries", "body-and-param",
        "not-utf-8", "declared-too-long", "streamed-too-long"])
def test_refused_before_the_engine(method, query, headers, body, status):
    with pytest.raises(Refused) as refused:
        parse(method, query, headers, body)
    assert refused.value.status == status and refused.value.message
