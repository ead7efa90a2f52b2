"""Issue 13, point 8: the small faults. Each test reproduces one and checks the fixed behaviour:
a clean one-line error and an exit code instead of a traceback (a failing SERVICE, an endpoint
answering with the wrong kind of body), no live `javascript:` links, and pictures drawn once
however many first requests arrive together. Text that is not UTF-8, formats that do not fit
and Ctrl-C: tests/test_faults_cli.py."""

from __future__ import annotations

import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from augustkg import KnowledgeGraph
from augustkg.cli import cli

CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"


@pytest.fixture
def run(store_dir):
    runner = CliRunner()

    def invoke(*args, input=None, env=None):
        return runner.invoke(cli, [*args, "--store-dir", str(store_dir)], input=input, env=env)

    return invoke


def clean_failure(result, code: int, *words: str) -> None:
    """One `augustkg: error:` line naming `words`, the exit code, and no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("augustkg: error: ") and "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- 2. a SERVICE that fails -----------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "table"])
def test_an_allowed_service_that_fails_is_a_clean_error(run, fmt):
    target = f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there
    result = run("query", f"SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}", "--format", fmt,
                 env={"AUGUSTKG_SERVICE_ALLOW": target})
    clean_failure(result, 2, "the query failed", "Connection refused")


# --- 3. an endpoint answering with the wrong kind of body -----------------------------------------
@contextmanager
def endpoint_answering(media_type: str, body: bytes):
    """A local HTTP server that answers every POST with `body` as `media_type`."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server protocol
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


JSON_BODY = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": []}}).encode()
HTML_BODY = b"<!doctype html><html><body><h1>Welcome</h1></body></html>"


@pytest.mark.parametrize("media_type,body,query", [
    ("application/sparql-results+json", JSON_BODY, CONSTRUCT),
    ("text/html", HTML_BODY, CONSTRUCT),
    ("text/html", HTML_BODY, "SELECT * WHERE { ?s ?p ?o }"),
])
def test_an_endpoint_answering_the_wrong_kind_of_body_is_named(media_type, body, query):
    with endpoint_answering(media_type, body) as url:
        result = CliRunner().invoke(cli, ["query", query, "--endpoint", url, "--format", "json"
                                          if query.startswith("SELECT") else "ttl"])
    clean_failure(result, 3, url, media_type)


def test_an_endpoint_sending_ntriples_as_text_plain_still_works():
    with endpoint_answering("text/plain", b"<urn:x:a> <urn:x:b> <urn:x:c> .\n") as url:
        result = CliRunner().invoke(cli, ["query", CONSTRUCT, "--endpoint", url, "--format", "nt"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "<urn:x:a> <urn:x:b> <urn:x:c> ."


# --- 5. javascript: and data: IRIs are never live links ---------------------------------------------
HOSTILE = ["javascript://x/%0Aalert(1)", "JavaScript:alert(1)", "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
           "vbscript:msgbox(1)"]


@pytest.fixture(scope="module")
def hostile_kg():
    objects = " , ".join(f"<{iri}>" for iri in HOSTILE)
    return KnowledgeGraph.from_turtle(f'akr:Evil rdfs:label "Evil"@en ; rdfs:seeAlso {objects} , '
                                      '<https://en.wikipedia.org/wiki/Mukden> .')


def hrefs(html: str) -> list[str]:
    import re

    return re.findall(r'href="([^"]*)"', html)


def test_resource_pages_show_hostile_iris_as_text(hostile_kg):
    from augustkg.server.resource_page import resource_body

    html = resource_body(hostile_kg.describe("Evil"))
    assert "https://en.wikipedia.org/wiki/Mukden" in hrefs(html)  # web addresses are still links
    for href in hrefs(html):
        assert href.startswith(("/", "http://", "https://")), href
    assert "javascript://x/%0Aalert(1)" in html  # shown, as text


def test_answer_tables_show_hostile_iris_as_text(hostile_kg):
    from augustkg.server.pages import results_table

    answer = {"head": {"vars": ["x"]},
              "results": {"bindings": [{"x": {"type": "uri", "value": iri}} for iri in HOSTILE]}}
    html = results_table(answer, hostile_kg)
    assert hrefs(html) == []
    assert html.count('class="iri"') == len(HOSTILE)


# --- 6. pictures drawn once ------------------------------------------------------------------------
def test_concurrent_first_requests_for_a_picture_share_one_drawing(kg, monkeypatch):
    from importlib import import_module

    from starlette.testclient import TestClient

    from augustkg.draw import PICTURES
    from augustkg.saved import SavedQueries
    from augustkg.server.app import Config, create_app

    clients = 6
    module = import_module(PICTURES["timeline"])
    real_draw, calls, arrived = module.draw, [], threading.Condition()

    def counted_draw(graph):
        with arrived:
            calls.append(threading.get_ident())
            arrived.notify_all()
            # Hold the first drawing until every request could have started one of its own (or
            # a bounded while, when they wait for this one as they should).
            arrived.wait_for(lambda: len(calls) >= clients, timeout=2)
        return real_draw(graph) + f"<!-- drawing {len(calls)} -->".encode()

    monkeypatch.setattr(module, "draw", counted_draw)
    config = Config(home=kg.home, generation=kg.generation, saved=SavedQueries.load(kg.home / "queries"),
                    timeout=30.0, max_body=1000)
    with TestClient(create_app(config), base_url="http://127.0.0.1:7878") as client, ThreadPoolExecutor(clients) as pool:
        answers = list(pool.map(lambda _: client.get("/pictures/timeline.svg"), range(clients)))
        again = client.get("/pictures/timeline.svg")
    assert [a.status_code for a in answers] == [200] * clients
    assert len(calls) == 1
    assert len({a.content for a in answers} | {again.content}) == 1


# --- a SERVICE endpoint failing mid-answer ----------------------------------------------------------
def test_a_service_failing_mid_answer_is_a_502_not_a_broken_200(root, store_dir):
    """The remote endpoint promises 5,000 bytes and sends 88; Oxigraph has begun its 200 by then."""
    import httpx
    from processes import serving

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(30)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    partial = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://e.org/1"}},'

    def answer_half():
        with listener:
            connection, _ = listener.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/sparql-results+json\r\n"
                                   b"content-length: 5000\r\n\r\n" + partial)

    remote = threading.Thread(target=answer_half, daemon=True)
    remote.start()
    with serving(root, store_dir, env={"AUGUSTKG_SERVICE_ALLOW": url}) as base:
        reply = httpx.get(base + "/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"},
                          headers={"Accept": "application/sparql-results+json"}, timeout=60)
        assert reply.status_code == 502, reply.text[:200]
        assert reply.text.startswith("a SERVICE endpoint failed during the answer: ")
        fine = httpx.get(base + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
        assert fine.status_code == 200 and fine.json()["boolean"] is True
    remote.join(timeout=30)
