"""Hardening (issue 17): bounded reads, chat byte limits, the kept browser key, a safe Markdown export,
plain text from the API. URL parsing is in tests/test_fetch.py, text details in tests/test_bad_input.py,
the restart in the browser in tests/test_browser.py."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import threading
import tracemalloc
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from app_server import plain

from bot.config import Settings
from bot.errors import InputTooLargeError

ROOT = Path(__file__).resolve().parent.parent
SMALL = Settings(max_input_bytes=1_000_000)

HOSTILE = {
    "headline": '<img src=x onerror="alert(1)"> Council <script>alert(2)</script> fixes site',
    "url": 'https://news.example/a"><script>alert(3)</script>',
    "paragraph": (
        'Comments held <script>alert(4)</script>, <iframe src="javascript:alert(5)"></iframe>, '
        "[a prize](javascript:alert(6)), ![pixel](http://tracker.invalid/p.png), "
        "<a href='javascript:alert(7)'>click</a> and <http://autolink.invalid> and gwen@council.test."
    ),
    "question": "Who wrote <img src=x onerror=alert(8)> and [this](javascript:alert(9))?\n\n# <b>heading</b>",
    "removed": "<svg onload=alert(10)>Share</svg>",
}


# --- inputs are read bounded ------------------------------------------------------------------


def _peak_while(fn: Any) -> tuple[BaseException | None, int]:
    import bot.ingest.fetch
    import bot.ingest.limits
    import bot.ingest.load  # noqa: F401 - imported first, so only the reading is measured

    tracemalloc.start()
    error: BaseException | None = None
    try:
        fn()
    except BaseException as exc:
        error = exc
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return error, peak


def test_a_large_file_is_refused_before_it_is_read(tmp_path: Path, headline_bot: Any) -> None:
    from bot.engine import HeadlineBot

    big = tmp_path / "big.txt"
    with big.open("wb") as out:  # 50 MB, sparse: costs no disk
        out.truncate(50_000_000)
    bot = HeadlineBot(SMALL, embedder=headline_bot.embedder)
    error, peak = _peak_while(lambda: bot.load_path(str(big)))
    assert isinstance(error, InputTooLargeError), error
    assert "50.0 MB, over the 1.0 MB limit" in str(error)
    assert peak < 3_000_000, f"{peak:,} bytes allocated to refuse a 50 MB file"


def test_stdin_is_read_no_further_than_the_limit(monkeypatch: pytest.MonkeyPatch, headline_bot: Any) -> None:
    from bot.engine import HeadlineBot

    read_end, write_end = os.pipe()
    written = [0]

    def feed() -> None:  # a pipe: no size to check first, 30 MB on offer
        chunk = b"word " * 20_000
        try:
            with os.fdopen(write_end, "wb") as out:
                for _ in range(300):
                    out.write(chunk)
                    written[0] += len(chunk)
        except OSError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    stdin = io.TextIOWrapper(os.fdopen(read_end, "rb"))
    monkeypatch.setattr(sys, "stdin", stdin)
    bot = HeadlineBot(SMALL, embedder=headline_bot.embedder)
    error, peak = _peak_while(lambda: bot.load_path("-"))
    stdin.close()
    writer.join(10)
    assert isinstance(error, InputTooLargeError), error
    assert "over the 1.0 MB limit (1,000,000 bytes)" in str(error)
    assert peak < 4_000_000, f"{peak:,} bytes allocated to refuse 30 MB on stdin"
    assert written[0] < 10_000_000


def test_cli_refuses_a_large_stdin_in_one_line() -> None:
    env = {**os.environ, "HEADLINE_BOT_MAX_INPUT_BYTES": "100000"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "clean", "-"],
        input=b"The council voted. " * 200_000,
        capture_output=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )
    err = done.stderr.decode()
    assert done.returncode == 2 and len(err.strip().splitlines()) == 1, err
    assert "over the 0.1 MB limit (100,000 bytes)" in err


def test_an_oversized_upload_gets_the_same_line_as_an_oversized_paste(
    tmp_path: Path, headline_bot: Any
) -> None:
    from bot.chat.session import ChatSession
    from bot.engine import HeadlineBot
    from bot.ui import launch_options

    bot = HeadlineBot(SMALL, embedder=headline_bot.embedder)
    text = "The council voted on Tuesday. " * 40_000  # 1.2 MB
    upload = tmp_path / "long.txt"
    upload.write_text(text, encoding="utf-8")
    replies = []
    for source in (text, upload):
        session = ChatSession(stream_delay=0)
        list(session.open_article(bot, source))
        replies.append(session.messages[-1]["content"])
    assert replies[0] == replies[1]
    assert "1.2 MB, over the 1.0 MB limit" in plain(replies[0])
    # Gradio lets such a file through to us (it would otherwise show its own popup)
    assert launch_options(SMALL)["max_file_size"] > SMALL.max_input_bytes


# --- chat messages, history and the browser copy are bounded -----------------------------------


@pytest.fixture()
def chatting(headline_bot: Any, harbour_text: str) -> Any:
    from bot.chat.session import ChatSession

    session = ChatSession(stream_delay=0)
    list(session.open_article(headline_bot, harbour_text))
    return session


def _size(session: Any) -> int:
    return sum(len(str(m["content"]).encode()) for m in session.messages)


def test_a_4_mb_message_is_refused_without_echo(chatting: Any, headline_bot: Any) -> None:
    before = len(chatting.messages)
    list(chatting.ask(headline_bot, "x" * 4_000_000))
    new = chatting.messages[before:]
    assert len(new) == 1 and new[0]["role"] == "assistant"
    assert "4.0 MB, over the 1.0 MB limit" in plain(new[0]["content"])
    assert _size(chatting) < 100_000
    list(chatting.ask(headline_bot, "How many votes did the motion get?"))
    assert "[¶" in plain(chatting.messages[-2]["content"]) or "¶" in plain(chatting.messages[-1]["content"])


def test_a_long_question_is_echoed_cut_with_a_note(chatting: Any, headline_bot: Any) -> None:
    question = "How many votes did the motion get " + "and why " * 2_000 + "?"
    before = len(chatting.messages)
    list(chatting.ask(headline_bot, question))
    echo = chatting.messages[before]
    assert echo["role"] == "user" and len(echo["content"]) < 2_200
    assert f"{len(question) - 2_000:,} more characters not shown" in plain(echo["content"])


def test_a_long_single_line_article_is_opened_as_an_article(chatting: Any, headline_bot: Any) -> None:
    pasted = " ".join(
        f"The Wrenmouth ferry made trip number {i} on Tuesday, carrying {i * 3} passengers."
        for i in range(40)
    )
    assert "\n" not in pasted
    before = len(chatting.messages)
    list(chatting.ask(headline_bot, pasted))
    echo = chatting.messages[before]
    assert echo["role"] == "user" and plain(echo["content"]).startswith("New article")
    assert len(echo["content"]) < 300
    assert chatting.article is not None and "Wrenmouth ferry" in chatting.article.text


def test_session_history_stays_under_its_byte_limit(headline_bot: Any, harbour_text: str) -> None:
    from bot.chat.session import ChatSession
    from bot.engine import HeadlineBot

    bot = HeadlineBot(Settings(max_session_bytes=20_000), embedder=headline_bot.embedder)
    session = ChatSession(stream_delay=0)
    list(session.open_article(bot, harbour_text))
    for i in range(25):  # about 1 kB a question: well over the limit
        list(session.ask(bot, f"Question {i}: how many votes did the motion get " + "really " * 130 + "?"))
    assert _size(session) <= 20_000
    assert "Older messages were removed to keep this conversation under 20 kB" in plain(
        session.messages[0]["content"]
    )
    assert sum("Older messages were removed" in str(m["content"]) for m in session.messages) == 1
    assert any("Question 24" in plain(str(m["content"])) for m in session.messages[-3:])


def test_browser_copy_stays_under_its_limit_with_a_note(chatting: Any, headline_bot: Any) -> None:
    from bot.chat.session import ChatSession

    for i in range(30):
        list(chatting.ask(headline_bot, f"Question {i}: who brought the motion?"))
    full = chatting.snapshot()
    assert len(json.dumps(full)) > 20_000
    without_articles = {**full, "threads": []}
    limit = len(json.dumps(without_articles, ensure_ascii=False).encode()) // 2  # messages must go
    saved = chatting.browser_snapshot(limit)
    assert len(json.dumps(saved, ensure_ascii=False).encode()) <= limit
    assert "Older messages were not saved in this browser" in plain(saved["messages"][0]["content"])
    assert saved["messages"][-1] == chatting.messages[-1]
    restored = ChatSession.from_snapshot(saved)
    assert restored.messages[-1] == chatting.messages[-1]
    # a roomier limit keeps the article, so a follow-up works after a reload
    roomy = chatting.browser_snapshot(10_000_000)
    assert ChatSession.from_snapshot(roomy).article is not None


# --- the browser-storage key ------------------------------------------------------------------


def test_browser_key_is_created_once_owner_only_and_kept(tmp_path: Path) -> None:
    from bot.chat.storage_key import browser_secret

    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    first = browser_secret(env)
    path = tmp_path / "data" / "headline-bot" / "browser-secret"
    assert path.is_file() and len(first) >= 40
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert browser_secret(env) == first  # a restart reads the same key
    assert [p.name for p in path.parent.iterdir()] == ["browser-secret"]  # no temporary file left
    path.chmod(0o644)
    assert browser_secret(env) == first and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert browser_secret({**env, "HEADLINE_BOT_BROWSER_SECRET": "configured"}) == "configured"
    home = {"HOME": str(tmp_path / "home")}
    assert browser_secret(home) == browser_secret(home)
    assert (tmp_path / "home" / ".local" / "share" / "headline-bot" / "browser-secret").is_file()


def test_browser_key_when_many_servers_start_at_once(tmp_path: Path) -> None:
    from bot.chat.storage_key import browser_secret

    env = {"HEADLINE_BOT_DATA_DIR": str(tmp_path / "kept")}
    keys: list[str] = []
    threads = [threading.Thread(target=lambda: keys.append(browser_secret(env))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(keys)) == 1 and len(keys) == 8


def test_browser_key_falls_back_when_the_folder_cannot_be_written(tmp_path: Path) -> None:
    from bot.chat.storage_key import browser_secret

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    env = {"HEADLINE_BOT_DATA_DIR": str(blocker / "sub")}
    assert browser_secret(env) != browser_secret(env)  # a key per run, and no crash


# --- the Markdown export renders no live HTML; the JSON export stays raw ----------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _hostile_snapshot() -> dict[str, Any]:
    from bot.article import Metadata
    from bot.chat.export import article_to_dict
    from bot.ingest.segment import build_article

    article = build_article(
        [HOSTILE["paragraph"], "1. <b>Second</b> paragraph\n\n---\n\n<div>"],
        headline=HOSTILE["headline"],
        metadata=Metadata(url=HOSTILE["url"]),
        removed=[HOSTILE["removed"]],
    )
    return {
        "threads": [
            {
                "article": article_to_dict(article),
                "summary": {
                    "headline": HOSTILE["headline"],
                    "summary": HOSTILE["paragraph"],
                    "style": "bullets",
                    "sentences": [{"text": HOSTILE["paragraph"], "paragraph": 1}],
                },
                "exchanges": [
                    {
                        "message": HOSTILE["question"],
                        "kind": "answer",
                        "reply": HOSTILE["paragraph"],
                        "sources": [{"paragraph": 1, "text": HOSTILE["paragraph"]}],
                    }
                ],
            }
        ]
    }


@pytest.mark.parametrize("preset", ["commonmark", "default"])
def test_markdown_export_renders_no_live_html(preset: str) -> None:
    from markdown_it import MarkdownIt

    from bot.chat.export import to_markdown

    markdown = to_markdown(_hostile_snapshot())
    rendered = MarkdownIt(preset, {"html": True}).render(markdown)
    parser = _Tags()
    parser.feed(rendered)
    allowed = {"h1", "h2", "h3", "p", "strong", "em", "ul", "li", "blockquote"}
    assert {tag for tag, _ in parser.tags} <= allowed, rendered
    assert all(not attrs for _, attrs in parser.tags), rendered
    visible = plain(rendered)  # the hostile text is all there, shown as text
    for word in (
        "alert(4)",
        "javascript:alert(6)",
        "gwen@council.test",
        "onerror=alert(8)",
        "<b>heading</b>",
    ):
        assert word in visible


def test_json_export_keeps_the_raw_text() -> None:
    from bot.chat.export import to_json

    exported = json.loads(to_json(_hostile_snapshot()))["articles"][0]
    assert exported["headline"] == HOSTILE["headline"] and exported["url"] == HOSTILE["url"]
    assert exported["paragraphs"][0]["text"] == HOSTILE["paragraph"]
    assert exported["exchanges"][0]["message"] == HOSTILE["question"]


# --- the plain-text API returns no markup from HTML articles ----------------------------------

MARKUP_PAGE = (
    "<!doctype html><html><head><title>Council &lt;b&gt;fixes&lt;/b&gt; its website</title></head><body>"
    "<article><h1>Council &lt;b&gt;fixes&lt;/b&gt; its website</h1>"
    "<p>The council of Port Elwyn said on Monday that hostile comments such as "
    "&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(2)&gt; had been removed "
    "from its website by the digital officer, Gwen Hale.</p>"
    "<p>Officials said readers' computers had not been harmed and that every comment is now shown as "
    "plain text on the site.</p></article></body></html>"
)


def test_summarize_and_ask_return_no_tags_from_html(app_server: Any) -> None:
    from gradio_client import Client

    client = Client(app_server.url, verbose=False)
    summary = client.predict(MARKUP_PAGE, "short", api_name="/summarize")
    answer = client.predict(MARKUP_PAGE, "What did the council remove?", api_name="/ask")
    texts = [summary["headline"], summary["summary"], *(s["text"] for s in summary["sentences"])]
    texts += [answer["answer"], *(s["text"] for s in answer["sources"])]
    assert "hostile comments" in " ".join(texts)
    for text in texts:
        assert "<" not in text and ">" not in text, text
