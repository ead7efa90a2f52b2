"""The time limit, in process on a real Oxigraph engine: a query past the limit gets 503 and its
engine process is replaced (and killed once free), while other queries go on being answered."""

from __future__ import annotations

import asyncio

import pytest

from augustkg.server.engine.process import Supervisor
from augustkg.server.engine.request import direct_post
from augustkg.server.time_limit import relay, whole

SLOW = """SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i .
  FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), "never")) }"""
QUICK = "ASK { akr:KwantungArmy a ako:MilitaryUnit }"


class Collected:
    """An ASGI `send` that keeps what it is sent."""

    def __init__(self):
        self.messages = []

    async def __call__(self, message):
        self.messages.append(message)

    @property
    def status(self) -> int:
        return self.messages[0]["status"]

    @property
    def body(self) -> bytes:
        return b"".join(m.get("body", b"") for m in self.messages[1:])


@pytest.fixture
def supervised(kg):
    """Run a coroutine function with a started Supervisor on the session's store."""
    def run(scenario):
        async def main():
            engine = Supervisor(kg.generation / "store")
            await engine.start()
            try:
                return await scenario(engine)
            finally:
                engine.stop()

        return asyncio.run(main())

    return run


def test_a_query_past_the_limit_is_stopped_while_another_is_answered(supervised):
    async def scenario(engine):
        first = engine.current
        slow_sent = Collected()
        slow = asyncio.create_task(relay(engine, 1.0, slow_sent, direct_post(SLOW.encode(), None)))
        for _ in range(100):  # a bounded wait: the slow query takes its lease on its first step
            if first.live:
                break
            await asyncio.sleep(0)  # a turn of the event loop, no wall-clock wait
        assert first.live == 1, "the slow query is on its way to the engine"
        quick_sent = Collected()
        await relay(engine, 1.0, quick_sent, direct_post(QUICK.encode(), b"application/sparql-results+json"))
        assert not slow.done(), "the quick query was answered while the slow one ran"
        await slow
        return first, slow_sent, quick_sent, engine

    first, slow_sent, quick_sent, engine = supervised(scenario)
    assert quick_sent.status == 200 and b'"boolean":true' in quick_sent.body.replace(b" ", b"")
    assert slow_sent.status == 503 and b"1 s time limit" in slow_sent.body
    assert engine.replaced == 1 and engine.current is not first
    assert first.process.poll() is not None, "the overrun process is killed once nothing runs there"


def test_a_whole_answer_for_a_page_and_a_malformed_query(supervised):
    async def scenario(engine):
        good = await whole(engine, 5.0, direct_post(QUICK.encode(), b"application/sparql-results+json"))
        bad = await whole(engine, 5.0, direct_post(b"SELECT ?x\nWHERE { ?x }", None))
        return good, bad

    (status, media, body), (bad_status, _, bad_body) = supervised(scenario)
    assert status == 200 and media.startswith(b"application/sparql-results+json")
    assert bad_status == 400 and bad_body.startswith(b"malformed query: error at 2:")
