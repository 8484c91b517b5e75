"""Load: many concurrent ``gradio_client`` sessions against a real server on 127.0.0.1.

Each session pastes its own generated article (a made-up town, unique names and numbers) into the
chat and asks follow-up questions. Checked: zero errors, zero cross-talk (every reply names its own
town and no other), the server's memory stays bounded across waves of new sessions, and the app
keeps at most ``Settings.max_sessions`` sessions, releasing the oldest. Latency percentiles are
printed (run with ``-s`` to see them).

Sizes come from the environment, modest by default so the test runs in CI:

    HEADLINE_BOT_LOAD_SESSIONS=50 HEADLINE_BOT_LOAD_QUESTIONS=2 HEADLINE_BOT_LOAD_WAVES=2 \
        pytest -m load tests/test_load.py -s

``scripts/bench_load.py`` is the same driver as a command, for bigger runs and the figures in the docs.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.load, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.strip() else default


SESSIONS = _env_int("HEADLINE_BOT_LOAD_SESSIONS", 50)
QUESTIONS = _env_int("HEADLINE_BOT_LOAD_QUESTIONS", 2)
WAVES = max(_env_int("HEADLINE_BOT_LOAD_WAVES", 2), 1)
RSS_SLACK_MB = _env_int("HEADLINE_BOT_LOAD_RSS_SLACK_MB", 32)


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "scripts" / "bench_load.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = module
    spec.loader.exec_module(module)
    return module


bench = _bench()


@pytest.fixture(scope="module")
def server() -> Any:
    """``python -m bot serve`` in its own process (so its memory can be measured on its own).

    The session cap is one wave plus a margin: a wave's sessions all stay alive while they chat, and
    each new wave pushes the previous wave's sessions out.
    """
    env = {"HEADLINE_BOT_MAX_SESSIONS": str(SESSIONS + 5)}
    with bench.serve(env) as (url, pid):
        bench.warm_up(url, "chat")
        yield url, pid


def test_concurrent_sessions_no_errors_no_crosstalk_bounded_memory(server: Any) -> None:
    url, pid = server
    rss = [bench.rss_mb(pid)]
    reports = []
    for wave in range(WAVES):
        report = bench.run_load(url, SESSIONS, QUESTIONS, first=wave * SESSIONS)
        rss.append(bench.rss_mb(pid))
        report.rss_mb = list(rss)
        print(f"\nwave {wave + 1}/{WAVES}:\n" + "\n".join("  " + line for line in report.lines()))
        reports.append(report)
    for report in reports:
        assert report.errors == []
        assert report.crosstalk == []
        assert report.requests == SESSIONS * (QUESTIONS + 1)
        # the answers come from the right article: most questions find their session's own fact
        assert report.facts_found >= 0.8 * report.facts_asked
    if WAVES >= 2:
        # Later waves replace earlier sessions (the cap), so each grows the server no more than the
        # first did (which also paid for warm caches and thread pools), give or take allocator noise.
        first, later = rss[1] - rss[0], rss[-1] - rss[1]
        per_wave = later / (WAVES - 1)
        assert per_wave <= max(first, 16) + RSS_SLACK_MB, f"RSS MB per wave {rss}"


def test_old_sessions_are_released_beyond_the_cap(headline_bot: Any) -> None:
    """With ``max_sessions=3``, a fourth and fifth session push the oldest out of memory."""
    from app_server import running_app
    from gradio_client import Client

    from bot.config import Settings
    from bot.engine import HeadlineBot

    bot = HeadlineBot(Settings(max_sessions=3), embedder=headline_bot.embedder)
    with running_app(bot, stream_delay=0) as app:
        clients = []
        for i in range(5):
            art = bench.make_article(20_000 + i)
            client = Client(app.url, verbose=False)
            client.predict(art.text, "short", api_name="/chat")
            clients.append((client, art))
        # Gradio's per-session store: at most the cap of sessions are kept.
        assert len(app.demo.state_holder.session_data) <= 3
        newest, art = clients[-1]
        out = newest.predict(art.questions[0][0], "short", api_name="/chat")
        assert art.town in bench.reply_text(out)
        oldest, _ = clients[0]
        out = oldest.predict("How much will the footbridge cost?", "short", api_name="/chat")
        assert "no article yet" in bench.reply_text(out).lower(), "the oldest session's state was released"
