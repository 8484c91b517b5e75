"""The app with an opt-in generator: the summary streams in as the tiny T5 writes it, progress shows
first, unsupported sentences are flagged, and a model that cannot be loaded is said once.

Real server on 127.0.0.1, real ``gradio_client``, a tiny T5 built and saved by the tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from app_server import running_app
from gradio_client import Client
from tiny_models import tiny_t5_fixture  # noqa: F401  (fixture)

from bot.chat.session import ChatSession
from bot.config import Settings
from bot.engine import HeadlineBot

NOT_FOUND = "not found in the article"


def _assistant(result: dict[str, Any]) -> list[str]:
    """The assistant's messages so far, as plain text, from a ``/chat`` result."""
    return [t["text"] for t in result["history"] if t["role"] == "assistant"]


def _growing(shown: list[str]) -> list[str]:
    """The longest run of distinct texts a reply showed while it grew (each extending the one before)."""
    runs: list[list[str]] = [[]]
    for text in shown:
        run = runs[-1]
        if run and text == run[-1]:
            continue
        if run and not text.startswith(run[-1]):
            runs.append(run := [])
        run.append(text)
    return max(runs, key=len)


def test_the_chat_streams_a_generated_summary_as_it_is_written(tiny_t5: Path, headline_bot, harbour_text):
    bot = HeadlineBot(Settings(model=str(tiny_t5)), embedder=headline_bot.embedder)
    # Not warmed: the first summary has to load the model, and says so while it does.
    with running_app(bot, stream_delay=0, warm=False, wait_warm=False) as app:
        client = Client(app.url, verbose=False)
        job = client.submit(harbour_text, "short", api_name="/chat")
        updates = [_assistant(result) for result in job]
        final = _assistant(job.result())
        result = client.predict(harbour_text, "one-line", api_name="/summarize")
    # The API says which generated sentences the article does not support (here: all of them).
    assert result["sentences"] and not any(s["supported"] for s in result["sentences"])

    last_shown = [texts[-1] for texts in updates if texts]
    assert any("Loading the model" in t for t in last_shown), last_shown[:5]
    growing = _growing(last_shown[:-1])
    assert len(growing) > 1, "the summary text arrives in several updates while the model writes"
    assert len({len(t) for t in growing}) > 1, "each update holds more of the text"

    summary = final[-1]
    headline = bot.load(harbour_text).headline
    assert headline and summary.startswith(f"{headline}\n\n"), summary
    assert "▍" not in summary and "Loading the model" not in summary
    # The random model writes gibberish: every sentence is flagged, and the flag is explained.
    assert NOT_FOUND in summary and "the article does not support" in summary
    first_words = growing[-1].split("\n\n")[-1].split()[:2]
    assert " ".join(first_words) in summary, (first_words, summary)
    assert not any("Something went wrong" in t for t in final)


def _stream_chat(client: Client, message: str) -> tuple[list[str], list[str]]:
    """Send one chat message: the text of the last reply at each streamed update, and the final replies."""
    job = client.submit(message, "short", api_name="/chat")
    shown = [texts[-1] for texts in (_assistant(result) for result in job) if texts]
    return shown, _assistant(job.result())


def test_a_summary_asked_for_in_the_chat_streams_and_follow_ups_still_work(
    tiny_t5: Path, headline_bot, harbour_text
):
    bot = HeadlineBot(Settings(model=str(tiny_t5)), embedder=headline_bot.embedder)
    headline = bot.load(harbour_text).headline
    with running_app(bot, stream_delay=0) as app:
        client = Client(app.url, verbose=False)
        client.predict(harbour_text, "short", api_name="/chat")
        bullets_shown, after_bullets = _stream_chat(client, "bullets please")
        more_shown, after_more = _stream_chat(client, "tell me more")
        _, after_question = _stream_chat(client, "By how many votes did the motion pass?")

    growing = _growing(bullets_shown[:-1])
    assert len(growing) > 2, "the requested summary arrives in several updates while the model writes"
    assert len({len(t) for t in growing}) > 2, "each update holds more of the text"
    bullets = after_bullets[-1]
    assert headline and bullets.startswith(f"{headline}\n\n- "), bullets
    assert "▍" not in bullets and NOT_FOUND in bullets
    assert bullets_shown.index(growing[0]) < len(bullets_shown) - 1, "progress comes before the summary"

    # "Tell me more" follows the streamed summary (the conversation kept it): a longer one, streamed.
    assert len(_growing(more_shown[:-1])) > 1
    more = after_more[-1]
    assert more.startswith(f"{headline}\n\n") and "\n- " not in more and more != bullets, more
    # And a question after that is answered from the article.
    assert "14 votes to 5" in after_question[-1], after_question[-1]
    assert not any("Something went wrong" in t for t in after_question)


def test_a_missing_model_is_said_once_and_the_extractive_summary_follows(headline_bot, harbour_text):
    library = (Path(__file__).resolve().parent.parent / "bot/examples/library-reopens.txt").read_text()
    bot = HeadlineBot(Settings(model="/no/such/model"), embedder=headline_bot.embedder)
    with running_app(bot, stream_delay=0) as app:
        client = Client(app.url, verbose=False)
        messages = client.predict(harbour_text, "short", api_name="/chat")
        messages = client.predict(library, "short", api_name="/chat")
        messages = client.predict("How much did the repairs cost?", "short", api_name="/chat")
    texts = _assistant(messages)
    assert bot.notice is not None
    notices = [t for t in texts if bot.notice in t]
    assert notices == [f"⚠️ {bot.notice}"], "one line, shown once in the conversation"
    assert "Carrying on with the extractive summariser." in notices[0]
    summaries = [t for t in texts if "[¶" in t and "cruise" in t.lower()]
    assert summaries and NOT_FOUND not in summaries[0], "the extractive summary cites the article"
    assert texts.index(notices[0]) < texts.index(summaries[0])
    assert "1.9 million" in texts[-1]


def test_a_session_shows_progress_then_the_flagged_summary(tiny_t5: Path, headline_bot, harbour_text):
    bot = HeadlineBot(Settings(model=str(tiny_t5)), embedder=headline_bot.embedder)
    session = ChatSession(stream_delay=0)
    shown: list[str] = []
    for _ in session.open_article(bot, harbour_text, style="bullets"):
        shown.append(session.messages[1]["content"])
    assert shown[0] == "…" and any("\n\n_Loading the model" in s for s in shown)
    assert any(s.startswith("**") and "_Writing the summary…_" in s for s in shown)
    reply = session.messages[1]["content"]
    assert reply.startswith("**") and reply.count("\n- ") >= 1 and NOT_FOUND in reply
    # The style selector streams again with the same model (now loaded: no "Loading" step).
    before = len(session.messages)
    steps = [session.messages[-1]["content"] for _ in session.restyle(bot, "one-line")]
    assert not any("Loading the model" in s for s in steps)
    assert any(s.endswith("▍") for s in steps)
    assert NOT_FOUND in session.messages[before]["content"]


@pytest.mark.parametrize(
    ("notes", "hidden", "expected"),
    [
        ((), (), None),
        (("Stopped at the 5-second limit.",), (), "\n\n_Stopped at the 5-second limit._"),
        (("The model failed.",), ("The model failed.",), None),
    ],
)
def test_summary_notes_are_shown_unless_shown_elsewhere(notes, hidden, expected):
    from bot.article import CitedSentence
    from bot.chat.messages import cite, summary_markdown
    from bot.summarize.base import Summary

    summary = Summary("Rain", "Rain", (CitedSentence("It rained.", 1),), notes=notes)
    markdown = summary_markdown(summary, hide_notes=hidden)
    assert markdown.startswith(f"**Rain**\n\nIt rained. {cite(1)}")
    if expected is None:
        assert markdown.count("\n\n") == 1
    else:
        assert markdown.endswith(expected)
