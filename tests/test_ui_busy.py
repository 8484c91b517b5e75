"""A full queue gets a friendly "busy" line, and the refused person can go on chatting afterwards."""

from __future__ import annotations

import time

import pytest
from gradio_client import Client

from bot.prompts import render


@pytest.fixture(scope="module")
def tiny_server(headline_bot):
    """One request at a time, at most one waiting, and slow streaming so requests overlap."""
    from app_server import running_app

    from bot.config import Settings
    from bot.engine import HeadlineBot

    bot = HeadlineBot(Settings(concurrency_limit=1, queue_max_size=1), embedder=headline_bot.embedder)
    with running_app(bot, stream_delay=0.1) as app:
        yield app


def _wait_until(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_busy_queue_answers_with_the_busy_message(tiny_server, harbour_text):
    first, second = Client(tiny_server.url, verbose=False), Client(tiny_server.url, verbose=False)
    running = first.submit(harbour_text, "short", api_name="/chat")
    _wait_until(lambda: len(running.outputs()) > 0)
    waiting = second.submit(harbour_text, "short", api_name="/chat")
    _wait_until(lambda: len(tiny_server.demo._queue) >= 1)

    refused = Client(tiny_server.url, verbose=False)
    with pytest.raises(Exception) as info:
        refused.predict(harbour_text, "short", api_name="/chat")
    assert render("ui_busy") in str(info.value)

    running.result(timeout=120)
    waiting.result(timeout=120)
    messages = refused.predict(harbour_text, "short", api_name="/chat")
    assert "cruise" in messages["reply"].lower(), "the refused person carries on"


@pytest.fixture(scope="module")
def one_worker(headline_bot):
    """One request at a time, room to wait, and slow streaming so requests overlap."""
    from app_server import running_app

    from bot.config import Settings
    from bot.engine import HeadlineBot

    bot = HeadlineBot(Settings(concurrency_limit=1, queue_max_size=8), embedder=headline_bot.embedder)
    with running_app(bot, stream_delay=0.1) as app:
        yield app


def test_a_reply_is_sent_whole_while_others_wait_and_streams_again_after(one_worker, harbour_text):
    first, second, third = (Client(one_worker.url, verbose=False) for _ in range(3))
    running = first.submit(harbour_text, "short", api_name="/chat")
    _wait_until(lambda: len(running.outputs()) > 0)
    behind = second.submit(harbour_text, "short", api_name="/chat")
    _wait_until(lambda: len(one_worker.demo._queue) >= 1)
    last = third.submit(harbour_text, "short", api_name="/chat")
    _wait_until(lambda: len(one_worker.demo._queue) >= 2)
    replies = [job.result(timeout=120)["reply"] for job in (running, behind, last)]

    updates = [len(job.outputs()) for job in (running, behind, last)]
    assert updates[1] <= 4 < 10 <= min(updates[0], updates[2]), updates
    assert replies[0] == replies[1] == replies[2], "the same summary, however it was sent"
