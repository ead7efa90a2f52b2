"""Hostile HTTP against `augustkg serve` (issue 13): oversized request lines and headers are
answered 414 / 431 without being kept in memory, a head that never ends is closed, and only the
server's own hosts and origins may drive it — so a page on another site cannot, even by DNS
rebinding. The real command in a child process on 127.0.0.1, spoken to over raw sockets where
the point is the bytes on the wire; every wait has a deadline.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time

import httpx
import pytest
from processes import serving_process

TIMEOUT = 1.0  # the server's header_timeout here, so that the slow-head test waits about a second
FRIEND = "https://friend.example"  # the one origin the cors setting allows
NAME = "kg.example.org"  # a host name added by the allowed_hosts setting


@pytest.fixture(scope="module")
def server(root, store_dir):
    env = {"AUGUSTKG_HEADER_TIMEOUT": str(TIMEOUT), "AUGUSTKG_CORS": FRIEND, "AUGUSTKG_ALLOWED_HOSTS": NAME}
    with serving_process(root, store_dir, env=env) as (url, process):
        yield url, process.pid


@pytest.fixture
def url(server):
    return server[0]


def address(url: str) -> tuple[str, int]:
    host, port = url.rsplit("/", 1)[1].split(":")
    return host, int(port)


def exchange(url: str, *parts: bytes, within: float = 20.0) -> bytes:
    """Send `parts` on a fresh connection (stopping if the server hangs up), then read until the
    server closes; everything bounded by `within` seconds."""
    with socket.create_connection(address(url), timeout=within) as conn:
        deadline = time.monotonic() + within
        try:
            for part in parts:
                conn.sendall(part)
        except OSError:  # the server answered and closed while we were still sending
            pass
        answer = b""
        while time.monotonic() < deadline:
            try:
                chunk = conn.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            answer += chunk
        return answer


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


# --- limits on the request head ----------------------------------------------------------------

def test_a_2mb_query_string_gets_414(url):
    query = b"ASK%7B%7D" + b"%20" * 700_000  # 2.1 MB
    answer = exchange(url, b"GET /sparql?query=" + query + b" HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 414 ") and b"connection: close" in answer
    assert answer.endswith(b"the request line is over 65536 bytes; send a long query by POST")


def test_headers_over_the_limit_get_431_and_under_it_are_served(url):
    big = exchange(url, b"GET /queries HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: " + b"a" * 100_000 + b"\r\n\r\n")
    assert big.startswith(b"HTTP/1.1 431 ") and big.endswith(b"the request headers are over 65536 bytes")
    near = exchange(url, b"GET /queries HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\nx-big: "
                    + b"a" * 60_000 + b"\r\n\r\n")
    assert near.startswith(b"HTTP/1.1 200 ")
    body = b" " * 300_000 + b"ASK {}"  # a body is no part of the head: only max_body bounds it
    posted = httpx.post(url + "/sparql", content=body, headers={"content-type": "application/sparql-query"})
    assert posted.status_code == 200


def test_a_head_sent_a_byte_at_a_time_and_pipelined_requests_are_served(url):
    request = b"GET /queries HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n"
    last = b"GET /queries HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n"
    answer = exchange(url, *[bytes([b]) for b in request], request + last)
    assert answer.count(b"HTTP/1.1 200 ") == 3


def test_four_32mb_headers_leave_the_front_memory_flat(server):
    """Each socket sends a 32 MB header as fast as loopback takes it; the front's resident memory,
    sampled all along, grows by less than 5 MB, and each socket gets its 431."""
    url, pid = server
    assert httpx.get(url + "/queries").status_code == 200  # warm: the first answer's allocations are done
    before = peak = rss_kb(pid)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.wait(0.002):
            peak = max(peak, rss_kb(pid))

    answers = []
    head = b"GET /queries HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: "
    hogs = [threading.Thread(target=lambda: answers.append(exchange(url, head, *[b"a" * (1 << 20)] * 32)))
            for _ in range(4)]
    sampler = threading.Thread(target=sample)
    sampler.start()
    for hog in hogs:
        hog.start()
    for hog in hogs:
        hog.join(60)
    done.set()
    sampler.join(10)
    assert peak - before < 5 * 1024, f"the front grew from {before} kB to {peak} kB"
    assert len(answers) == 4 and all(a.startswith(b"HTTP/1.1 431 ") for a in answers)


def test_a_head_that_never_ends_is_closed_after_the_header_timeout(url):
    for opening in (b"GET /queries HTTP/1.1\r\nhost: 127.0.0.1\r\n", b""):  # half a head; nothing at all
        started = time.monotonic()
        answer = exchange(url, opening, within=10 * TIMEOUT)
        waited = time.monotonic() - started
        assert answer.startswith(b"HTTP/1.1 408 ") and b"did not arrive within 1 s" in answer
        assert TIMEOUT * 0.9 <= waited < 5 * TIMEOUT


def test_the_timeout_does_not_cut_a_kept_alive_connection(url):
    """A connection idle between requests for longer than the header timeout is still served:
    the clock runs from a head's first byte (idle connections are uvicorn's keep-alive's). The
    408 of a connection opened after the first answer shows that the timeout has passed."""
    kept = http.client.HTTPConnection(*address(url), timeout=10)
    try:
        kept.request("GET", "/queries")
        assert kept.getresponse().read() and kept.sock is not None
        first = kept.sock
        assert exchange(url, b"", within=10 * TIMEOUT).startswith(b"HTTP/1.1 408 ")
        kept.request("GET", "/queries")  # a closed connection would raise RemoteDisconnected here
        assert kept.getresponse().status == 200 and kept.sock is first
    finally:
        kept.close()


# --- the Host and Origin checks ----------------------------------------------------------------

def test_another_host_is_refused_and_the_servers_own_are_served(url):
    port = address(url)[1]
    refused = httpx.get(url + "/queries", headers={"host": f"evil.example:{port}"})
    assert refused.status_code == 421 and "'evil.example'" in refused.text and "AUGUSTKG_ALLOWED_HOSTS" in refused.text
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "[::1]", NAME, f"{NAME.upper()}:8443"):
        assert httpx.get(url + "/queries", headers={"host": host}).status_code == 200, host
    assert exchange(url, b"GET /queries HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.1 400 ")  # no Host at all
    two = b"GET /queries HTTP/1.1\r\nhost: 127.0.0.1\r\nhost: evil.example\r\nconnection: close\r\n\r\n"
    assert exchange(url, two).startswith(b"HTTP/1.1 400 ")


def test_a_page_on_another_site_cannot_send_queries(url):
    ask = {"query": "ASK { ?s ?p ?o }"}
    evil = {"origin": "http://evil.example"}
    for response in (httpx.get(url + "/sparql", params=ask, headers=evil),
                     httpx.post(url + "/sparql", data=ask, headers=evil),
                     httpx.post(url + "/sparql", content=ask["query"],
                                headers={**evil, "content-type": "application/sparql-query"})):
        assert response.status_code == 403 and "http://evil.example" in response.text
    assert httpx.get(url + "/", headers=evil).status_code == 200  # reading a page drives nothing


def test_same_origin_cors_origins_and_clients_without_origin_are_served(url):
    ask = {"query": "ASK { ?s ?p ?o }"}
    accept = {"accept": "application/sparql-results+json"}
    assert httpx.post(url + "/sparql", data=ask, headers={**accept, "origin": url}).json()["boolean"] is True
    friend = httpx.post(url + "/sparql", data=ask, headers={**accept, "origin": FRIEND})
    assert friend.status_code == 200 and friend.headers["access-control-allow-origin"] == FRIEND
    assert httpx.post(url + "/sparql", data=ask, headers=accept).status_code == 200
