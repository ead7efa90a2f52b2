"""Faults and hostile input (issue 13): queries that would crash the engine's parser, and SERVICE
clauses that would make the engine call out, are refused before any engine sees them — in the
CLI, the Python API and the server alike; a refused query leaves everything answering.

Every listener and server here is on 127.0.0.1, and every wait has a deadline.
"""

from __future__ import annotations

from urllib.parse import quote

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from augustkg.errors import AugustError, QueryRefused
from augustkg.saved import SavedQueries
from augustkg.server.app import Config, create_app

NESTED = "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"  # 10 KB; crashes an unguarded parser


@pytest.fixture
def listener():
    """A local TCP listener that counts connections and hangs up on each at once, so that a
    caller it lets through fails fast instead of waiting for an answer."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.2)
    seen, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            seen.append(1)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    class Listener:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"

        @staticmethod
        def connections() -> int:
            return len(seen)

    yield Listener
    stop.set()
    thread.join(timeout=5)
    sock.close()


def service_query(url: str) -> str:
    return f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"


# --- the CLI and the Python API ----------------------------------------------------------------

def test_the_cli_refuses_a_deeply_nested_query_instead_of_crashing(tmp_path, root):
    query = tmp_path / "nested.rq"
    query.write_text(NESTED)
    command = str(Path(sys.executable).parent / "augustkg")
    proc = subprocess.run([command, "query", "-f", str(query)], cwd=root,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr  # not 139 (a segmentation fault)
    assert "nests brackets 5002 deep; the limit is 200" in proc.stderr and "Traceback" not in proc.stderr


def test_the_python_api_refuses_an_overlong_query(kg, monkeypatch):
    monkeypatch.setenv("AUGUSTKG_MAX_QUERY_LENGTH", "100")
    with pytest.raises(QueryRefused, match="characters long; the limit is 100"):
        kg.query("SELECT * WHERE { ?s ?p ?o } " + "#" * 200)
    monkeypatch.delenv("AUGUSTKG_MAX_QUERY_LENGTH")
    assert kg.query("ASK { ?s ?p ?o }").boolean is True


def test_brackets_inside_strings_and_comments_do_not_count(kg):
    text = 'ASK { ?s rdfs:label ?l FILTER(?l != "' + "(" * 500 + '") } # ' + "(" * 500
    assert kg.query(text).boolean is True


def test_service_is_refused_and_nothing_is_called(kg, listener):
    with pytest.raises(QueryRefused, match="federated queries are off"):
        kg.query(service_query(listener.url))
    with pytest.raises(QueryRefused):
        kg.query("SELECT * WHERE { BIND(<" + listener.url + "> AS ?e) SERVICE ?e { ?s ?p ?o } }")
    assert listener.connections() == 0


def test_an_allowed_endpoint_is_called(kg, listener, monkeypatch):
    """The allow-list opens exactly the endpoints it names: the query reaches the listener
    (which hangs up, so the query fails with a clear error rather than a traceback)."""
    monkeypatch.setenv("AUGUSTKG_SERVICE_ALLOW", listener.url)
    with pytest.raises(AugustError, match="the query failed"):
        kg.query(service_query(listener.url))
    assert listener.connections() >= 1


# --- the server --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def http(kg):
    config = Config(home=kg.home, generation=kg.generation, saved=SavedQueries.load(kg.home / "queries"),
                    timeout=10.0, max_body=100_000)
    with TestClient(create_app(config), base_url="http://127.0.0.1:7878") as client:
        yield client


def test_the_server_refuses_a_nested_query_and_keeps_answering(http):
    for response in (http.post("/sparql", content=NESTED, headers={"content-type": "application/sparql-query"}),
                     http.post("/sparql", data={"query": NESTED})):
        assert response.status_code == 400
        assert "nests brackets" in response.text
    answer = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"accept": "application/sparql-results+json"})
    assert answer.status_code == 200 and answer.json()["boolean"] is True


def test_the_server_makes_no_outbound_request_for_service(http, listener):
    response = http.get("/sparql", params={"query": service_query(listener.url)})
    assert response.status_code == 400 and "SERVICE" in response.text
    assert listener.connections() == 0


def test_service_spelled_with_encoded_letters_is_refused_too(http, listener):
    """The server checks a query before decoding it when it can: a SERVICE written %53%45RVICE
    must still be found."""
    spelled = "".join(f"%{ord(c):02X}" if c in "SE" else quote(c, safe="") for c in service_query(listener.url))
    assert "SERVICE" not in spelled
    response = http.get("/sparql?query=" + spelled)
    assert response.status_code == 400 and "SERVICE" in response.text
    assert listener.connections() == 0



def test_the_engine_dies_with_the_front(kg):
    """`kill -9` of the process that started the engine takes the engine down too (Linux)."""
    import os
    import select
    import signal

    code = ("import sys\n"
            "from pathlib import Path\n"
            "from augustkg.server.engine.process import Oxigraph\n"
            f"engine = Oxigraph(Path({str(kg.generation / 'store')!r}))\n"
            "print(engine.process.pid, flush=True)\n"
            "sys.stdin.read()\n")  # until killed
    front = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    engine_pid = int(front.stdout.readline())
    watch = os.pidfd_open(engine_pid)  # readable once the engine has exited
    try:
        os.kill(front.pid, signal.SIGKILL)
        front.wait(timeout=10)
        ended, _, _ = select.select([watch], [], [], 10)
        if not ended:
            os.kill(engine_pid, signal.SIGKILL)
        assert ended, "the engine outlived the front"
    finally:
        os.close(watch)
