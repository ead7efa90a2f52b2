"""A supervised engine (issue 13): when the Oxigraph process behind `augustkg serve` dies, hangs
or drops an answer, the front starts a new one on the same store; meanwhile requests get 503
with Retry-After, never a hang or a 502, a cut answer never looks complete, and `/health`
reports the engine and its restarts. The real command in a child process on 127.0.0.1; the
engine is killed or stopped through the pid `/health` gives; every wait has a deadline.
"""

from __future__ import annotations

import os
import signal
import time

import httpx
import pytest
from processes import serving

ASK = "ASK { ?s ?p ?o }"
ENDLESS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # a cross product: streamed until the time limit


@pytest.fixture(scope="module")
def url(root, store_dir):
    with serving(root, store_dir, timeout=30) as url:
        yield url


def health(url: str) -> tuple[int, dict]:
    answer = httpx.get(url + "/health", timeout=15)
    return answer.status_code, answer.json()


def answers_again(url: str, within: float = 5.0) -> list[int]:
    """Ask until a 200 comes (at most `within` seconds); the statuses seen on the way. Every
    refusal meanwhile must be a 503 that says when to come back."""
    statuses = []
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        answer = httpx.get(url + "/sparql", params={"query": ASK}, headers={"Accept": "application/json"}, timeout=5)
        statuses.append(answer.status_code)
        if answer.status_code == 200:
            assert answer.json()["boolean"] is True
            return statuses
        assert answer.status_code == 503, (answer.status_code, answer.text)
        assert answer.headers["retry-after"].isdigit()
    raise AssertionError(f"no answer within {within} s after the engine failed: {statuses[-5:]}")


def test_health_reports_the_engine(url):
    status, report = health(url)
    assert status == 200 and report["engine"] == "up"
    assert report["pid"] > 0 and report["generation"]
    os.kill(report["pid"], 0)  # a live process


def test_the_engine_yields_the_cpu_to_the_front(url):
    """Every request goes through the front's one thread: the engine runs at a lower priority,
    so its threads never make the front wait (see `engine/process.py`)."""
    from augustkg.server.engine.process import NICE

    _, report = health(url)
    front = os.getpriority(os.PRIO_PROCESS, 0)  # the server inherits the test's priority
    assert os.getpriority(os.PRIO_PROCESS, report["pid"]) == min(19, front + NICE) > front


def test_a_killed_engine_is_restarted_and_health_says_so(url):
    _, before = health(url)
    os.kill(before["pid"], signal.SIGKILL)
    statuses = answers_again(url)
    assert set(statuses) <= {200, 503}
    for _ in range(20):  # and keeps answering
        assert httpx.get(url + "/sparql", params={"query": ASK}, timeout=5).status_code == 200
    status, after = health(url)
    assert status == 200 and after["engine"] == "up"
    assert after["pid"] != before["pid"] and after["restarts"] == before["restarts"] + 1
    assert "exited" in after["last_restart"]["reason"] or "did not answer" in after["last_restart"]["reason"]


def test_a_hung_engine_fails_the_probe_and_is_replaced(url):
    _, before = health(url)
    os.kill(before["pid"], signal.SIGSTOP)  # alive but answering nothing
    try:
        status, report = health(url)  # the probe waits its 5 s, then the restart starts
        assert status == 503 and report["engine"] == "restarting"
        answers_again(url)
    finally:
        try:
            os.kill(before["pid"], signal.SIGKILL)
        except ProcessLookupError:
            pass
    status, after = health(url)
    assert status == 200 and after["pid"] != before["pid"] and after["restarts"] == before["restarts"] + 1
    assert "probe" in after["last_restart"]["reason"]


def test_an_answer_cut_by_the_engine_dying_is_not_a_complete_200(url):
    _, before = health(url)
    with httpx.stream("GET", url + "/sparql", params={"query": ENDLESS},
                      headers={"Accept": "application/sparql-results+json"}, timeout=20) as answer:
        assert answer.status_code == 200  # streamed: the status went out before the failure
        pieces = answer.iter_bytes()
        assert next(pieces)
        os.kill(before["pid"], signal.SIGKILL)
        with pytest.raises(httpx.HTTPError):  # the body ends unfinished: the client knows it is broken
            for _ in pieces:
                pass
    answers_again(url)
