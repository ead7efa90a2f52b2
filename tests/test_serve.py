"""`augustkg serve` as users start it: the real command in a child process on a free loopback
port, over the session's store, with real HTTP clients — the settings it reads, the address it
binds, and a runaway query stopped while others are served.
"""

from __future__ import annotations

import os
import selectors
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
import rdflib
from conftest import HIERARCHY, expected_units, iris
from processes import serving

from augustkg.namespaces import sparql_prefixes

# Three cross products of every triple under a filter that never holds: many minutes on this
# store, and the engine's own timeout does not stop it (it checks only between solutions).
SLOW = """SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i .
  FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), "never")) }"""


@pytest.fixture(scope="module")
def server(root, store_dir):
    with serving(root, store_dir, timeout=2) as url:
        yield url


def test_sparqlwrapper_and_rdflib_sparqlstore_agree_with_the_api(server, kg):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    from SPARQLWrapper import JSON, SPARQLWrapper

    want = expected_units(kg)
    wrapper = SPARQLWrapper(server + "/sparql")
    wrapper.setQuery(sparql_prefixes() + HIERARCHY)
    wrapper.setReturnFormat(JSON)
    assert iris(wrapper.queryAndConvert(), "unit") == want

    store = SPARQLStore(server + "/sparql")
    rows = rdflib.Graph(store=store).query(sparql_prefixes() + HIERARCHY)
    assert [str(row.unit) for row in rows] == want


def test_a_runaway_query_is_stopped_while_others_are_served(server):
    """The slow request is on the wire before the quick one is sent; the quick one is answered
    while the slow one has no answer yet, and the slow one then gets 503 at the limit."""
    host, port = server.rsplit("/", 1)[1].split(":")
    slow = socket.create_connection((host, int(port)))
    slow.sendall(f"GET /sparql?query={quote(SLOW)} HTTP/1.1\r\nhost: {host}\r\n"
                 "accept: application/sparql-results+json\r\nconnection: close\r\n\r\n".encode())
    with httpx.Client(timeout=10) as other:
        quick = other.get(server + "/sparql", params={"query": "ASK { akr:KwantungArmy a ako:MilitaryUnit }"})
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    with selectors.DefaultSelector() as selector:
        selector.register(slow, selectors.EVENT_READ)
        assert selector.select(0) == [], "the slow query should still be running"
    slow.settimeout(30)
    answer = b""
    while chunk := slow.recv(65536):
        answer += chunk
    slow.close()
    assert answer.startswith(b"HTTP/1.1 503") and b"time limit" in answer
    after = httpx.get(server + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    assert after.status_code == 200  # and the server goes on answering, on a fresh engine


def test_the_body_limit_setting_counts_streamed_bodies(root, store_dir):
    """AUGUSTKG_MAX_BODY reaches the command; a body without Content-Length is counted as it comes."""
    with serving(root, store_dir, env={"AUGUSTKG_MAX_BODY": "1000"}) as url, httpx.Client(base_url=url) as client:
        small = client.post("/sparql", content="ASK {}", headers={"content-type": "application/sparql-query"})
        assert small.status_code == 200

        def chunks():  # no Content-Length: counted as it streams
            for _ in range(10):
                yield b" " * 200

        streamed = client.post("/sparql", content=chunks(), headers={"content-type": "application/sparql-query"})
        assert "content-length" not in streamed.request.headers
        assert streamed.status_code == 413


def test_the_cors_setting_reaches_the_command(root, store_dir):
    with serving(root, store_dir, env={"AUGUSTKG_CORS": "https://example.org"}) as url:
        response = httpx.get(url + "/sparql", params={"query": "ASK {}"}, headers={"origin": "https://example.org"})
        assert response.headers["access-control-allow-origin"] == "https://example.org"


def test_binds_loopback_by_default(server):
    port = int(server.rsplit(":", 1)[1])
    listening = set()
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hexport = local.split(":")
        if state == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
            listening.add(address)
    assert listening == {"0100007F"}  # 127.0.0.1 only


def test_a_taken_port_is_one_clear_line(server, root, store_dir):
    port = server.rsplit(":", 1)[1]
    proc = subprocess.run([str(Path(sys.executable).parent / "augustkg"), "serve", "--port", port,
                           "--store-dir", str(store_dir)], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "AUGUSTKG_HOME": str(root)})
    assert proc.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in proc.stderr
    assert "Traceback" not in proc.stderr
