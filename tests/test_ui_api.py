"""The app over its API: a real server on 127.0.0.1 driven by the real ``gradio_client``."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

EXAMPLES = Path(__file__).resolve().parent.parent / "bot" / "examples"


@pytest.fixture(scope="module")
def library_text() -> str:
    return (EXAMPLES / "library-reopens.txt").read_text(encoding="utf-8")


@pytest.fixture()
def client(app_server) -> Client:
    """A fresh client: its own session on the shared server."""
    return Client(app_server.url, verbose=False)


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_api_lists_exactly_the_public_endpoints(client):
    api = client.view_api(return_format="dict", print_info=False)
    assert set(api["named_endpoints"]) == {"/summarize", "/ask", "/chat"}
    assert not api["unnamed_endpoints"]
    summarize = [p["parameter_name"] for p in api["named_endpoints"]["/summarize"]["parameters"]]
    ask = [p["parameter_name"] for p in api["named_endpoints"]["/ask"]["parameters"]]
    assert summarize == ["article", "style"]
    assert ask == ["article", "question"]


@pytest.mark.parametrize("style", ["one-line", "short", "bullets"])
def test_summarize_returns_headline_summary_and_cited_sentences(client, harbour_text, style):
    result = client.predict(harbour_text, style, api_name="/summarize")
    assert set(result) == {"headline", "generated_headline", "summary", "style", "sentences", "notes"}
    assert result["style"] == style and result["notes"] == []
    assert "cruise" in result["headline"].lower()
    assert result["sentences"], "a summary has at least one sentence"
    body = _norm(harbour_text)
    for sentence in result["sentences"]:
        assert isinstance(sentence["paragraph"], int) and sentence["paragraph"] >= 1
        assert _norm(sentence["text"]) in body, "summary sentences come from the article"
        assert sentence["supported"] is True
    if style == "one-line":
        assert len(result["sentences"]) == 1


def test_ask_answers_with_the_paragraph_it_cites(client, harbour_text):
    result = client.predict(harbour_text, "By how many votes did the motion pass?", api_name="/ask")
    assert set(result) == {"answer", "answerable", "sources", "sentences", "notes"}
    assert result["answerable"] is True
    assert "14 votes to 5" in result["answer"]
    assert re.search(r"\[¶\d+\]", result["answer"]), "answers carry [¶N] citations"
    assert any("14 votes to 5" in s["text"] for s in result["sources"])
    for source in result["sources"]:
        assert _norm(source["text"]) in _norm(harbour_text)


@pytest.mark.parametrize(
    ("endpoint", "args", "expected"),
    [
        ("/summarize", ("", "short"), "empty"),
        ("/summarize", ("   \n\t ", "short"), "empty"),
        ("/summarize", ("VALID", "long"), "Unknown style 'long'; use one of: one-line, short, bullets."),
        ("/ask", ("", "Who?"), "empty"),
        ("/ask", ("VALID", "   "), "The question is empty; ask something about the article."),
    ],
)
def test_bad_api_input_gets_one_clear_line(client, harbour_text, endpoint, args, expected):
    args = tuple(harbour_text if a == "VALID" else a for a in args)
    with pytest.raises(AppError) as info:
        client.predict(*args, api_name=endpoint)
    message = str(info.value)
    assert expected in message
    assert "\n" not in message.strip() and "Traceback" not in message


def test_chat_streams_summary_then_answers_follow_ups_in_plain_text(client, harbour_text):
    job = client.submit(harbour_text, "short", api_name="/chat")
    updates = list(job)
    assert len(updates) > 2, "the headline and summary arrive in several streamed updates"
    assert not updates[0]["done"] and job.result()["done"]
    summary = job.result()
    assert summary["kind"] == "summary" and "cruise" in summary["headline"].lower()
    assert summary["history"][0]["text"].startswith("New article (")
    assert re.search(r"(?<!\\)\[¶\d+\]", summary["reply"]), "plain [¶N] citations, not escaped"
    assert "\\" not in summary["reply"] and "<" not in summary["reply"] and "**" not in summary["reply"]
    assert summary["sources"] and all(_norm(s["text"]) in _norm(harbour_text) for s in summary["sources"])

    result = client.predict("By how many votes did the motion pass?", "short", api_name="/chat")
    assert set(result) == {"reply", "kind", "headline", "sources", "done", "history"}
    assert result["kind"] == "answer" and "14 votes to 5" in result["reply"]
    assert any("14 votes to 5" in s["text"] for s in result["sources"])
    cited = {int(n) for n in re.findall(r"\[¶(\d+)\]", result["reply"])}
    assert cited <= {s["paragraph"] for s in result["sources"]}
    assert [t["role"] for t in result["history"][-2:]] == ["user", "assistant"]

    follow = client.predict("One sentence please", "short", api_name="/chat")
    assert follow["kind"] == "summary" and follow["reply"] != result["reply"]
    assert len(follow["history"]) == len(result["history"]) + 2, "the same conversation goes on"


def test_new_article_in_the_same_chat_replaces_the_old_one(client, harbour_text, library_text):
    client.predict(harbour_text, "short", api_name="/chat")
    result = client.predict(library_text, "short", api_name="/chat")
    assert any("New article: it replaces" in t["text"] for t in result["history"])
    result = client.predict("How much did the repairs cost?", "short", api_name="/chat")
    assert "1.9 million" in result["reply"]


def test_question_before_any_article_gets_a_hint_not_an_error(client):
    result = client.predict("Who won?", "short", api_name="/chat")
    assert result["kind"] == "notice" and "There is no article yet" in result["reply"]
    assert result["sources"] == []


@pytest.mark.parametrize(
    ("endpoint", "args", "expected"),
    [
        ("/summarize", ("", "short"), "The input is empty"),
        ("/summarize", ("VALID", "long"), "Unknown style 'long'"),
        ("/ask", ("VALID", " "), "The question is empty"),
        ("/chat", ("Who?", "long"), "Unknown style 'long'"),
        ("/summarize", ("file:///etc/passwd", "short"), "Refused"),
    ],
)
def test_expected_user_errors_are_one_warning_line_without_traceback(
    client, harbour_text, caplog, capfd, endpoint, args, expected
):
    args = tuple(harbour_text if a == "VALID" else a for a in args)
    capfd.readouterr()
    with caplog.at_level("WARNING", logger="bot"), pytest.raises(AppError):
        client.predict(*args, api_name=endpoint)
    warnings = [r for r in caplog.records if r.name.startswith("bot") and expected in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelname == "WARNING"
    assert warnings[0].exc_info is None and "\n" not in warnings[0].getMessage()
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err


def test_unexpected_errors_keep_their_traceback(caplog):
    from bot.chat.session import ChatSession
    from bot.config import Settings
    from bot.engine import HeadlineBot

    class BrokenSummarizer:
        def summarize(self, index, length):
            raise RuntimeError("boom")

    session = ChatSession(stream_delay=0)
    with caplog.at_level("WARNING", logger="bot"):
        list(session.open_article(HeadlineBot(Settings(), summarizer=BrokenSummarizer()), "One. " * 40))
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert errors and errors[0].exc_info is not None, "an unexpected error is logged with its traceback"


def test_two_clients_at_once_never_see_each_other(app_server, harbour_text, library_text):
    cases = {
        "harbour": (harbour_text, "How many votes did the motion get?", "14 votes to 5"),
        "library": (library_text, "How much did the repairs cost?", "1.9 million"),
    }
    results: dict[str, list] = {}
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            text, question, _ = cases[name]
            client = Client(app_server.url, verbose=False)
            client.predict(text, "short", api_name="/chat")
            results[name] = client.predict(question, "short", api_name="/chat")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(name,)) for name in cases]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    for name, (_text, _, fact) in cases.items():
        other = next(v[0] for k, v in cases.items() if k != name)
        joined = " ".join(t["text"] for t in results[name]["history"])
        assert fact in joined
        assert _norm(other.splitlines()[0]) not in joined, f"{name} saw the other article"
