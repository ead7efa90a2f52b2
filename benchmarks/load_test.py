"""Load test for `augustkg serve`: our server against the bare Oxigraph server, same store, same run.

8 client processes (each one keep-alive connection) loop over a mix of saved
queries (/queries/NAME?param=...) and /sparql requests for a fixed time; then the same
queries, bound the same way, go to `oxigraph serve-read-only` on the same store. The two
alternate in short rounds, so background load on the machine falls on both alike. Prints
requests/s, p50/p99 latency and errors for both, and the throughput ratio (goal >= 0.5,
0 errors). Loopback only; every loop ends at its deadline.

The client is a few lines over a raw socket (requests encoded once, just enough parsing to find
the end of an answer), not http.client, whose header parsing cost more CPU than Oxigraph spent
answering: on 2 cores a heavy client steals CPU from both servers and so flatters the ratio.

    .venv/bin/python benchmarks/load_test.py --duration 30 --clients 8
"""

from __future__ import annotations

import argparse
import multiprocessing
import socket
import statistics
import struct
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from augustkg import settings
from augustkg.graph import KnowledgeGraph, ensure_built
from augustkg.namespaces import sparql_prefixes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from processes import oxigraph, serving  # noqa: E402  (the tests' server helpers: one way to start servers)

#: (saved query, parameters): run as /queries/NAME on ours, as the bound text on the bare server.
SAVED = [("who-commanded", {"unit": "Kwantung Army"}), ("who-commanded", {"unit": "Transbaikal Front"}),
         ("chain-of-command", {"unit": "5th Army"}), ("units-commanded-by-person", {"person": "Otozō Yamada"})]
#: Plain SPARQL, sent with full PREFIX declarations to both.
SPARQL = [
    "ASK { akr:KwantungArmy a ako:MilitaryUnit }",
    "SELECT ?unit WHERE { ?unit ako:subordinateTo akr:KwantungArmy }",
    "SELECT ?f ?l WHERE { ?f a ako:Front ; rdfs:label ?l FILTER(LANG(?l) = 'en') } ORDER BY ?l",
    "SELECT ?p ?o WHERE { akr:OtozoYamada ?p ?o }",
]
ACCEPT = "application/sparql-results+json"


def workloads(kg) -> tuple[list[str], list[str]]:
    """Request paths for our server and the equivalent ones for the bare server."""
    ours, bare = [], []
    saved = kg.queries()
    for name, params in SAVED:
        if name not in saved.queries:
            continue
        ours.append(f"/queries/{name}?{urlencode(params)}")
        bare.append("/query?" + urlencode({"query": saved.get(name).bind(params, kg)}))
    for text in SPARQL:
        full = quote(sparql_prefixes() + text)
        ours.append("/sparql?query=" + full)
        bare.append("/query?query=" + full)
    return ours, bare


def exchange(sock: socket.socket, request: bytes) -> int:
    """Send one request and read its whole answer (Content-Length or chunked); the status."""
    sock.sendall(request)
    data = b""
    while (end := data.find(b"\r\n\r\n")) < 0:
        data += _recv(sock)
    head, body = data[:end].lower(), data[end + 4:]
    if b"transfer-encoding: chunked" in head:
        pos = 0
        while True:
            while (eol := body.find(b"\r\n", pos)) < 0:
                body += _recv(sock)
            size = int(body[pos:eol].split(b";")[0], 16)
            pos = eol + 2 + size + 2
            while len(body) < pos:
                body += _recv(sock)
            if not size:
                break
    else:
        length = int(head[head.index(b"content-length:") + 15:].split(b"\r\n", 1)[0])
        while len(body) < length:
            body += _recv(sock)
    return int(head[9:12])


def _recv(sock: socket.socket) -> bytes:
    chunk = sock.recv(65536)
    if not chunk:
        raise ConnectionError("the server closed the connection")
    return chunk


def connect(port: int) -> socket.socket:
    """A blocking socket whose reads give up after 30 s in the kernel (SO_RCVTIMEO), so no loop
    can hang, without the extra poll() per read that a Python socket timeout costs."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.settimeout(None)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", 30, 0))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def client(args) -> tuple[list[float], int]:
    port, paths, seconds, offset = args
    requests = [f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: {ACCEPT}\r\n\r\n".encode()
                for path in paths]
    latencies, errors = [], 0
    sock = connect(port)
    clock = time.perf_counter
    deadline = clock() + seconds
    i = offset
    while (started := clock()) < deadline:
        request = requests[i % len(requests)]
        i += 1
        try:
            if exchange(sock, request) != 200:
                errors += 1
        except (OSError, ValueError):
            errors += 1
            sock.close()
            sock = connect(port)
        latencies.append(clock() - started)
    sock.close()
    return latencies, errors


def load(pool, port: int, paths: list[str], clients: int, seconds: float) -> tuple[list[float], int, float]:
    started = time.perf_counter()
    results = pool.map(client, [(port, paths, seconds, k) for k in range(clients)])
    elapsed = time.perf_counter() - started
    return [x for lat, _ in results for x in lat], sum(e for _, e in results), elapsed


def summary(latencies: list[float], errors: int, elapsed: float) -> dict:
    latencies = sorted(latencies)
    n = len(latencies)
    return {"requests": n, "rps": n / elapsed, "p50": statistics.median(latencies) * 1000,
            "p99": latencies[min(n - 1, int(n * 0.99))] * 1000, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load per server (default 30)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per server (default 3)")
    args = parser.parse_args()
    home, store_dir = settings.home(), settings.store_dir()
    generation = ensure_built(home, store_dir)
    kg = KnowledgeGraph(generation, home)
    ours_paths, bare_paths = workloads(kg)
    print(f"{args.clients} clients x {args.duration:g} s per server in {args.rounds} rounds, {len(ours_paths)} request kinds "
          f"({sum(p.startswith('/queries') for p in ours_paths)} saved queries, rest /sparql)", file=sys.stderr)
    totals = {"ours": [[], 0, 0.0], "bare": [[], 0, 0.0]}
    # Both servers run in sessions of their own: with the kernel's autogroup scheduling a
    # session shares the CPU as one group, so a server left in the clients' session would get
    # a larger share than the other and skew the ratio.
    with oxigraph(generation / "store", read_only=True) as bare, serving(home, store_dir) as url, \
            multiprocessing.Pool(args.clients) as pool:
        targets = {"ours": (int(url.rsplit(":", 1)[1]), ours_paths), "bare": (int(bare.rsplit(":", 1)[1]), bare_paths)}
        for port, paths in targets.values():
            client((port, paths, 0.5, 0))  # warm-up: connections, caches
        for _ in range(args.rounds):
            for name, (port, paths) in targets.items():
                latencies, errors, elapsed = load(pool, port, paths, args.clients, args.duration / args.rounds)
                totals[name][0] += latencies
                totals[name][1] += errors
                totals[name][2] += elapsed
    ours, bare = summary(*totals["ours"]), summary(*totals["bare"])
    print(f"{'server':<16}{'requests':>10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for name, r in (("augustkg serve", ours), ("bare oxigraph", bare)):
        print(f"{name:<16}{r['requests']:>10}{r['rps']:>10.0f}{r['p50']:>9.2f}{r['p99']:>9.2f}{r['errors']:>8}")
    ratio = ours["rps"] / bare["rps"]
    verdict = "meets" if ratio >= 0.5 and ours["errors"] == 0 else "misses"
    print(f"throughput ratio ours/bare: {ratio:.2f} ({verdict} the goal of >= 0.5 with 0 errors)")


if __name__ == "__main__":
    main()
