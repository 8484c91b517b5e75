"""A chat session with the real bot, without a server: streaming, errors, reload, export."""

from __future__ import annotations

import json

import pytest

from bot.chat import messages as cm
from bot.chat.export import to_json, to_markdown
from bot.chat.session import ChatSession, looks_like_article


def _run(steps) -> int:
    """Run a session step to the end; the number of times it yielded (streamed updates)."""
    return sum(1 for _ in steps)


def _contents(session: ChatSession) -> list[str]:
    return [m["content"] for m in session.messages]


@pytest.fixture()
def session(headline_bot, harbour_text) -> ChatSession:
    s = ChatSession(stream_delay=0)
    _run(s.open_article(headline_bot, harbour_text))
    return s


def test_new_article_streams_headline_summary_and_sources_in_one_bubble(headline_bot, harbour_text):
    s = ChatSession(stream_delay=0)
    assert _run(s.open_article(headline_bot, harbour_text)) > 3
    assert len(s.messages) == 2, "the article, then one reply bubble"
    first, reply = s.messages
    assert first["role"] == "user" and first["content"].startswith("New article \\(")
    assert reply["content"].startswith("**") and "cruise" in reply["content"].lower()
    assert cm.cite(1) in reply["content"], "citations are chips"
    assert '<details class="hb-sources"><summary>Sources · ¶' in reply["content"]
    assert not any("metadata" in m for m in s.messages)
    assert s.threads[-1]["summary"]["sentences"]


def test_question_is_answered_with_sources_and_recorded(session, headline_bot):
    shown = len(session.messages)
    _run(session.ask(headline_bot, "By how many votes did the motion pass?"))
    assert len(session.messages) == shown + 2, "the question, then one reply bubble"
    answer = session.messages[-1]["content"]
    assert "14 votes to 5" in answer and "hb-cite" in answer
    assert "<summary>Sources · ¶" in answer
    exchange = session.threads[-1]["exchanges"][-1]
    assert exchange["message"] == "By how many votes did the motion pass?"
    assert any("14 votes to 5" in s["text"] for s in exchange["sources"])


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("", "Type a question about the article"),
        ("   ", "Type a question about the article"),
    ],
)
def test_empty_messages_get_a_hint(session, headline_bot, message, expected):
    before = list(session.messages)
    _run(session.ask(headline_bot, message))
    assert session.messages[: len(before)] == before
    assert expected in session.messages[-1]["content"]


def test_question_without_article_gets_a_hint(headline_bot):
    s = ChatSession(stream_delay=0)
    _run(s.ask(headline_bot, "Who won?"))
    assert "There is no article yet" in s.messages[-1]["content"]


@pytest.mark.parametrize("bad", ["", "   \n ", b"\x00\x01\x02" * 10])
def test_a_bad_new_article_keeps_the_conversation(session, headline_bot, bad):
    before = list(session.messages)
    article = session.article
    _run(session.open_article(headline_bot, bad))
    assert session.messages[: len(before)] == before, "nothing already shown is lost"
    assert session.article == article, "questions still go to the previous article"
    last = session.messages[-1]["content"]
    assert "\n" not in last.strip() and "Traceback" not in last
    _run(session.ask(headline_bot, "How much is the visitor levy?"))
    assert any("3 pounds per night" in c for c in _contents(session)[len(before) :])


@pytest.mark.parametrize(
    ("url", "refusal"),
    [
        ("http://127.0.0.1:9/story", "Refused"),
        ("http://10.0.0.1/news", "Refused"),
        ("file:///etc/passwd", "Refused: only http:// and https:// URLs can be fetched, not file://."),
        (
            " ftp://files.example/news.txt ",
            "Refused: only http:// and https:// URLs can be fetched, not ftp://.",
        ),
    ],
)
def test_a_refused_url_is_one_line_and_keeps_the_conversation(session, headline_bot, url, refusal):
    before = list(session.messages)
    article = session.article
    _run(session.ask(headline_bot, url))
    assert session.messages[: len(before)] == before
    assert session.messages[len(before)]["content"] == url.strip().replace(":", "\\:")
    last = session.messages[-1]["content"]
    assert last and "\n" not in last.strip() and "Traceback" not in last and last != "…"
    assert refusal in last.replace("\\", "")
    assert session.article == article, "questions still go to the article in play"
    _run(session.ask(headline_bot, "How much is the visitor levy?"))
    assert "3 pounds per night" in session.messages[-1]["content"]


def test_a_failing_summariser_gives_one_friendly_line(harbour_text):
    from bot.config import Settings
    from bot.engine import HeadlineBot

    class BrokenSummarizer:
        def summarize(self, index, length):
            raise RuntimeError("boom")

    s = ChatSession(stream_delay=0)
    _run(s.open_article(HeadlineBot(Settings(), summarizer=BrokenSummarizer()), harbour_text))
    assert s.messages[-1]["content"].startswith("Something went wrong on our side while working on that")
    assert "boom" not in s.messages[-1]["content"]


def test_new_article_replaces_the_old_one_and_says_so(session, headline_bot):
    from pathlib import Path

    library = (Path(__file__).resolve().parent.parent / "bot/examples/library-reopens.txt").read_text()
    _run(session.ask(headline_bot, library))
    assert any("New article: it replaces" in c for c in _contents(session))
    assert len(session.threads) == 2
    _run(session.ask(headline_bot, "How much did the repairs cost?"))
    assert "1.9 million" in session.messages[-1]["content"]


def test_snapshot_round_trip_keeps_messages_and_article(session, headline_bot):
    _run(session.ask(headline_bot, "Who brought the motion?"))
    data = json.loads(json.dumps(session.snapshot()))
    restored = ChatSession.from_snapshot(data)
    assert restored.messages == session.messages
    assert restored.article == session.article
    _run(restored.ask(headline_bot, "How much is the visitor levy?"))
    assert "3 pounds per night" in restored.messages[-1]["content"]


@pytest.mark.parametrize(
    "garbage", [None, 3, "x", {}, {"version": 99}, {"version": 1, "threads": [{"article": {}}]}]
)
def test_unreadable_snapshot_gives_a_fresh_session(garbage):
    restored = ChatSession.from_snapshot(garbage)
    assert restored.messages == [] and restored.article is None


def test_exports_hold_article_summary_questions_answers_and_sources(session, headline_bot):
    _run(session.ask(headline_bot, "By how many votes did the motion pass?"))
    snapshot = session.snapshot()
    markdown = to_markdown(snapshot)
    assert "### Summary" in markdown and "[¶" in markdown
    assert "**Q:** By how many votes did the motion pass?" in markdown
    assert "> ¶" in markdown and "14 votes to 5" in markdown
    assert "Ships carrying fewer than 500 passengers" in markdown, "the article itself is included"
    exported = json.loads(to_json(snapshot))
    art = exported["articles"][0]
    assert art["summary"]["sentences"] and art["paragraphs"][0]["paragraph"] == 1
    assert art["exchanges"][0]["sources"][0]["text"]


@pytest.mark.parametrize(
    ("text", "has_article", "article"),
    [
        ("Who won?", False, False),
        ("word " * 24, False, False),
        ("word " * 25, False, True),
        ("word " * 300, True, False),
        (("word " * 70 + "\n\n") * 2, True, True),
    ],
)
def test_looks_like_article(text, has_article, article):
    assert looks_like_article(text, has_article=has_article) is article


def test_export_files_make_their_folder_on_first_use_and_remove_it(session, headline_bot):
    import gc
    from pathlib import Path

    from bot.ui.exports import ExportFiles

    exports = ExportFiles()
    assert exports._root is None, "an app that never exports makes no folder"
    _run(session.ask(headline_bot, "Who brought the motion?"))
    md, js = exports.write(session.snapshot())
    root = exports.root
    assert Path(md).read_text(encoding="utf-8").startswith("#") and Path(js).is_file()
    del exports
    gc.collect()
    assert not root.exists()
