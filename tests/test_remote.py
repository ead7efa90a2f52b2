"""Remote engines: publish the shipped graph to a real Oxigraph server on loopback, run every saved
query there and locally through the one engine interface, and fail cleanly on unreachable,
failing and slow servers."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from processes import free_port, oxigraph

from augustkg.cli import cli
from augustkg.saved import SavedQueries
from augustkg.sparql import is_graph_query


@pytest.fixture(scope="session")
def cli_run(store_dir, root):
    def invoke(*args, env=None):
        runner = CliRunner()
        return runner.invoke(cli, [*args], env={"AUGUSTKG_HOME": str(root), "AUGUSTKG_STORE_DIR": str(store_dir),
                                                **(env or {})})

    return invoke


@pytest.fixture(scope="session")
def server(tmp_path_factory, cli_run):
    """A real Oxigraph server holding the shipped closure (default graph) and the asserted graph,
    published in small chunks so the chunking and blank-node handling are exercised."""
    with oxigraph(tmp_path_factory.mktemp("oxigraph")) as base:
        result = cli_run("publish", "--to", f"{base}/store", "--asserted", env={"AUGUSTKG_PUBLISH_CHUNK": "1500"})
        assert result.exit_code == 0, result.output
        assert "count checked" in result.stderr
        yield base


def normalised(data: bytes, fmt: str):
    """A result as a comparable multiset: rows (or triples) with blank-node labels erased."""
    if fmt == "nt":
        lines = data.decode().splitlines()
        return sorted(" ".join("_:b" if t.startswith("_:") else t for t in line.split(" ", 2)) for line in lines)
    answer = json.loads(data)
    if "boolean" in answer:
        return answer["boolean"]
    rows = []
    for binding in answer["results"]["bindings"]:
        rows.append(sorted((k, "_:b" if v["type"] == "bnode" else json.dumps(v, sort_keys=True))
                           for k, v in binding.items()))
    return sorted(rows)


def test_every_saved_query_gives_the_same_results_remotely(server, cli_run, root):
    queries = list(SavedQueries.load(root / "queries"))
    assert queries
    nonempty = 0
    for q in queries:
        fmt = "nt" if is_graph_query(q.text) else "json"
        local = cli_run("run", q.name, "--format", fmt)
        remote = cli_run("run", q.name, "--format", fmt, "--endpoint", f"{server}/query")
        assert local.exit_code == 0, (q.name, local.output)
        assert remote.exit_code == 0, (q.name, remote.output)
        assert normalised(remote.stdout_bytes, fmt) == normalised(local.stdout_bytes, fmt), q.name
        nonempty += bool(normalised(local.stdout_bytes, fmt))
    assert nonempty >= len(queries) // 2  # the comparison is not between empty answers


def test_the_python_api_runs_the_same_on_the_endpoint(server, kg, root):
    from augustkg import Endpoint

    remote = Endpoint(f"{server}/query", home=root)
    assert remote.run("who-commanded", unit="Kwangtung Army").values() == \
        kg.run("who-commanded", unit="Kwangtung Army").values()
    assert remote.resolve("Shenyang") == kg.resolve("Shenyang")


def test_a_drawing_is_the_same_from_the_endpoint(server, cli_run, tmp_path):
    """Drawings need only the engine interface, so they work remotely, byte for byte."""
    local, remote = tmp_path / "local.svg", tmp_path / "remote.svg"
    assert cli_run("draw", "timeline", "-o", str(local)).exit_code == 0
    result = cli_run("draw", "timeline", "--endpoint", f"{server}/query", "-o", str(remote))
    assert result.exit_code == 0, result.output
    assert remote.read_bytes() == local.read_bytes()


def test_outputs_are_byte_identical_for_an_ordered_query(server, cli_run):
    sparql = ("SELECT ?u ?label WHERE { ?u ako:subordinateTo akr:KwantungArmy ; rdfs:label ?label } "
              "ORDER BY ?label")
    for fmt in ("json", "csv", "tsv", "xml"):
        local = cli_run("query", sparql, "--format", fmt)
        remote = cli_run("query", sparql, "--format", fmt, "--endpoint", f"{server}/query")
        assert remote.exit_code == 0 and remote.stdout_bytes == local.stdout_bytes and len(local.stdout_bytes) > 100


def test_parameters_are_bound_by_name_on_the_endpoint(server, cli_run):
    local = cli_run("run", "who-commanded", "-p", "unit=Kwangtung Army", "--format", "csv")
    remote = cli_run("run", "who-commanded", "-p", "unit=Kwangtung Army", "--format", "csv",
                     "--endpoint", f"{server}/query")
    assert remote.exit_code == 0, remote.output
    assert remote.stdout_bytes == local.stdout_bytes and b"Yamada" in remote.stdout_bytes
    unknown = cli_run("run", "who-commanded", "-p", "unit=Kwangtung Armee", "--endpoint", f"{server}/query")
    assert unknown.exit_code == 2 and "Kwantung Army" in unknown.stderr and "Traceback" not in unknown.output


def test_asserted_queries_use_the_published_asserted_graph(server, cli_run, kg):
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?s ako:subordinateTo ?o }"
    remote = cli_run("query", sparql, "--asserted", "--format", "csv", "--endpoint", f"{server}/query")
    assert remote.exit_code == 0, remote.output
    assert remote.stdout_bytes == cli_run("query", sparql, "--asserted", "--format", "csv").stdout_bytes
    assert remote.stdout_bytes.split()[1] == b"0"  # subordinateTo is only ever inferred


def test_asserted_queries_are_refused_where_no_asserted_graph_is_published(cli_run, oxigraph_url):
    result = cli_run("query", "ASK { ?s ?p ?o }", "--asserted", "--endpoint", f"{oxigraph_url}/query")
    assert result.exit_code == 3 and "does not hold the asserted graph" in result.stderr


def test_bad_sparql_is_reported_with_its_position_before_anything_is_sent(cli_run):
    result = cli_run("query", "SELECT ?x WHERE { ?x ?y }", "--endpoint", "http://127.0.0.1:9/query")
    assert result.exit_code == 2 and "line 1, column" in result.stderr


def test_an_unreachable_endpoint_is_a_clear_error(cli_run):
    port = free_port()  # nothing listens there
    result = cli_run("query", "ASK { ?s ?p ?o }", "--endpoint", f"http://127.0.0.1:{port}/query")
    assert result.exit_code == 3
    assert f"cannot reach http://127.0.0.1:{port}/query" in result.stderr and "Traceback" not in result.output


class _Handler(BaseHTTPRequestHandler):
    """A tiny server: answers 500 with a message, or never until the test ends, or fails after
    a number of requests."""

    mode = "error"
    served = 0
    released = threading.Event()  # set when the test is over: a "slow" request may then end

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.respond()

    do_PUT = do_POST

    def respond(self):
        cls = type(self)
        cls.served += 1
        if cls.mode == "slow":
            cls.released.wait(30)
        if cls.mode == "flaky" and cls.served <= 2:
            self.send_response(204)
            self.end_headers()
            return
        body = b"storage exploded: disk full"
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def tiny_server():
    servers = []

    def start(mode):
        handler = type("Handler", (_Handler,), {"mode": mode, "served": 0, "released": threading.Event()})
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}", handler

    yield start
    for httpd in servers:
        httpd.RequestHandlerClass.released.set()
        httpd.shutdown()
        httpd.server_close()


def test_an_endpoint_answering_errors_is_a_clear_error(cli_run, tiny_server):
    base, _ = tiny_server("error")
    result = cli_run("query", "ASK { ?s ?p ?o }", "--endpoint", f"{base}/query")
    assert result.exit_code == 3
    assert "answered 500" in result.stderr and "storage exploded: disk full" in result.stderr
    assert "Traceback" not in result.output


def test_a_slow_endpoint_times_out_with_a_clear_error(cli_run, tiny_server):
    """The server never answers; the client's own limit ends the wait and says which setting it is."""
    base, _ = tiny_server("slow")
    result = cli_run("query", "ASK { ?s ?p ?o }", "--endpoint", f"{base}/query",
                     env={"AUGUSTKG_ENDPOINT_TIMEOUT": "0.5"})
    assert result.exit_code == 3
    assert "did not answer within 0.5 s" in result.stderr and "AUGUSTKG_ENDPOINT_TIMEOUT" in result.stderr


def test_publishing_to_a_failing_server_says_the_graph_is_partial(cli_run, tiny_server, kg):
    base, handler = tiny_server("flaky")  # accepts two requests, then fails
    result = cli_run("publish", "--to", f"{base}/store", env={"AUGUSTKG_PUBLISH_CHUNK": "1000"})
    assert result.exit_code == 3, result.output
    total = kg.manifest["closure_triples"]
    assert f"publishing stopped after 2000 of {total} triples" in result.stderr
    assert "is now partial" in result.stderr and "answered 500" in result.stderr
    assert handler.served == 3


def test_publishing_checks_the_count_and_fails_on_a_mismatch(cli_run, kg, oxigraph_url):
    with oxigraph() as other_url:  # an empty server answers the count check: 0 triples
        result = cli_run("publish", "--to", f"{oxigraph_url}/store", "--graph", "http://example.org/g",
                         "--endpoint", f"{other_url}/query")
    assert result.exit_code == 3, result.output
    assert f"reports 0 triples in <http://example.org/g> after the upload, but {kg.manifest['closure_triples']} were sent" \
        in result.stderr
