"""Summaries and answers from an OpenAI-compatible model server: cited, checked, never fatal.

Two real servers: the llama.cpp server with the small GGUF model the test extra ships (protocol,
streaming, checks and fallbacks; not the prose of a 270M base model), and a scripted stdlib HTTP
server that misbehaves on purpose (down, wrong model, malformed, 10 MB, slow, 429/503, mid-stream
drop).
"""

from __future__ import annotations

import json

import pytest
from app_server import free_port
from llm_servers import MODEL_ALIAS, scripted_server

from bot.chat.messages import summary_markdown
from bot.cli import main
from bot.config import Settings
from bot.models.llm_server import ServerConfig, ServerGenerator
from bot.prompts import render
from bot.qa.answer import answer_question
from bot.summarize.base import Length
from bot.summarize.extractive import NewsSummarizer
from bot.summarize.served import ServedSummarizer

SUMMARY = (
    "Councillors in Port Elwyn voted to ban large cruise ships from next April [¶1]. "
    "The motion passed by 14 votes to 5 after a long debate [¶2]. "
    "The motion passed by 14 votes to 5 after a debate of four hours [¶3]. "
    "The mayor of Lisbon resigned over 200 ships [¶2]."
)
ANSWER = "The motion passed by 14 votes to 5 [¶2]. The mayor of Lisbon resigned in protest [¶2]."


def reply(prompt: str) -> str:
    """What the scripted model writes: a headline, an answer or a summary, with citations."""
    if prompt.startswith("Write a short, factual headline"):
        return "Port Elwyn bans large cruise ships"
    if "Question:" in prompt:
        return "The article does not say." if "Okafor's age" in prompt else ANSWER
    return SUMMARY


@pytest.fixture(scope="module")
def scripted():
    with scripted_server() as (url, state):
        state.reply = reply
        yield url, state


@pytest.fixture(scope="module")
def harbour(headline_bot, harbour_text):
    return headline_bot.index(headline_bot.load(harbour_text))


def served(url: str, *, model: str = "tiny", read_timeout_s: float = 10.0) -> ServedSummarizer:
    config = ServerConfig(url, model=model, read_timeout_s=read_timeout_s, retries=2, window=2048)
    return ServedSummarizer(ServerGenerator(config), NewsSummarizer(), timeout_s=60)


def test_generated_summary_is_cited_and_flagged(scripted, harbour):
    url, _ = scripted
    steps = list(served(f"{url}/good").stream(harbour, Length("short", sentences=4)))
    writing = [s.text for s in steps if s.stage == "writing" and s.text]
    assert len(writing) > 3 and writing[-1].startswith(writing[0])  # streamed piece by piece
    summary = steps[-1].summary
    assert steps[-1].stage == "done" and summary is not None
    assert summary.generated_headline == "Port Elwyn bans large cruise ships"
    assert [(s.paragraph, s.supported) for s in summary.sentences][:2] == [(1, True), (2, True)]
    assert [s.supported for s in summary.sentences][2:] == [False, False]  # wrong citation; invented
    assert summary.sentences[2].paragraph == 2  # flagged, pointing at the paragraph that does say it
    assert summary.notes == ()
    markdown = summary_markdown(summary)
    assert render("ui_unsupported_note") in markdown and markdown.count("⚠️") >= 3


def test_cli_json_flags_unsupported_sentences(scripted, data_dir, capsys):
    url, _ = scripted
    code = main(["summarize", str(data_dir / "harbour-article.txt"), "--sentences", "4", "--json",
                 "--llm-url", f"{url}/good", "--llm-model", "tiny"])  # fmt: skip
    payload = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [s["supported"] for s in payload["sentences"]] == [True, True, False, False]


def test_answer_is_checked_and_abstention_comes_first(scripted, harbour):
    url, state = scripted
    bot = served(f"{url}/answers")
    answer = bot.answer(harbour, "How many votes did the motion get?")
    assert answer.answerable and answer.text.startswith("The motion passed by 14 votes to 5. [¶2]")
    assert [s.supported for s in answer.sentences] == [True, False]
    assert answer.text.endswith("in protest. ⚠️ (not found in the article; closest: ¶2)")  # marked in the chat
    assert [s.paragraph for s in answer.sources] == [2]
    asked = state.requests.count("answers")
    refusal = bot.answer(harbour, "What is the boiling point of mercury in kelvin?")
    assert not refusal.answerable and state.requests.count("answers") == asked  # the model was not asked


def test_model_saying_the_article_does_not_say_keeps_the_extractive_answer(scripted, harbour):
    url, _ = scripted
    question = "What was Maria Okafor's age when she was elected leader?"
    base = answer_question(harbour, question)
    assert served(f"{url}/answers").answer(harbour, question).text == base.text


@pytest.mark.parametrize(
    ("mode", "fragment"),
    [
        ("down", "Cannot reach the model server"),
        ("wrongmodel", "has no model 'tiny'"),
        ("malformed", "malformed reply"),
        ("huge", "more than 1000000 bytes"),
        ("slow", "ReadTimeout"),
        ("unavailable", "HTTP 503"),
    ],
)
def test_failures_give_one_note_and_the_extractive_result(scripted, harbour, mode, fragment):
    url, _ = scripted
    if mode == "down":
        url = f"http://127.0.0.1:{free_port()}"
    bot = served(f"{url}/{mode}", read_timeout_s=1.0)
    length = Length("short")
    summary = bot.summarize(harbour, length)
    extractive = NewsSummarizer().summarize(harbour, length)
    assert summary.sentences == extractive.sentences
    assert len(summary.notes) == 1 and fragment in summary.notes[0]
    answer = bot.answer(harbour, "How many votes did the motion get?")
    assert answer.text == answer_question(harbour, "How many votes did the motion get?").text
    assert len(answer.notes) == 1 and fragment in answer.notes[0]


def test_429_is_retried(scripted, harbour):
    url, state = scripted
    summary = served(f"{url}/busy").summarize(harbour, Length("short", sentences=4))
    assert summary.generated_headline == "Port Elwyn bans large cruise ships" and summary.notes == ()
    assert state.requests.count("busy") == 3  # headline: 429 then 200; summary: 200


def test_stream_cut_mid_reply_keeps_what_arrived(scripted, harbour):
    url, _ = scripted
    steps = list(served(f"{url}/drop").stream(harbour, Length("short", sentences=4)))
    summary = steps[-1].summary
    assert summary is not None
    assert summary.notes == (render("llm_note_interrupted"),)
    assert [s.text for s in summary.sentences] == [
        "Councillors in Port Elwyn voted to ban large cruise ships from next April.",
        "The motion passed by 14 votes to 5 after a long debate.",
    ]


def test_api_key_is_never_shown():
    settings = Settings.from_env(
        {"HEADLINE_BOT_LLM_URL": "http://x", "HEADLINE_BOT_LLM_API_KEY": "sk-secret"}
    )
    generator = ServerGenerator.from_settings(settings)
    assert settings.llm_api_key == "sk-secret"
    assert "sk-secret" not in repr(settings) and "sk-secret" not in repr(generator)
    assert "sk-secret" not in repr(generator.config)


# -- the real llama.cpp server ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def quay(headline_bot, data_dir):
    return headline_bot.index(headline_bot.load_path(str(data_dir / "quay-brief.txt")))


@pytest.mark.slow
def test_real_server_streams_tokens(llama_url):
    generator = ServerGenerator(ServerConfig(llama_url, model=MODEL_ALIAS, window=2048, read_timeout_s=600))
    stream = generator.stream("The capital of France is", max_new_tokens=8)
    pieces = list(stream)
    assert len(pieces) >= 2 and stream.result is not None
    assert stream.result.stop in {"end", "length"} and stream.result.text == "".join(pieces).strip()


@pytest.mark.slow
def test_real_server_summary_is_checked(llama_url, quay):
    bot = served(llama_url, model=MODEL_ALIAS, read_timeout_s=600)  # a busy 2-core machine is slow
    steps = list(bot.stream(quay, Length("one-line")))
    summary = steps[-1].summary
    assert summary is not None and summary.sentences
    written = [s.text for s in steps if s.stage == "writing" and s.text]
    assert written, summary.notes  # tokens arrived as they were written
    fell_back = render("llm_note_unsupported_summary", supported=0, total=1).split("(")[0]
    if any(n.startswith(fell_back) for n in summary.notes):
        assert summary.sentences == NewsSummarizer().summarize(quay, Length("one-line")).sentences
    else:
        assert sum(s.supported for s in summary.sentences) * 2 >= len(summary.sentences)


@pytest.mark.slow
def test_real_server_wrong_model_name(llama_url, quay):
    summary = served(llama_url, model="no-such-model").summarize(quay, Length("one-line"))
    assert len(summary.notes) == 1 and "has no model 'no-such-model'" in summary.notes[0]
    assert MODEL_ALIAS in summary.notes[0]


def test_cli_streams_then_names_unsupported_sentences(scripted, data_dir, capsys):
    url, _ = scripted
    path = str(data_dir / "harbour-article.txt")
    assert (
        main(["summarize", path, "--sentences", "4", "--llm-url", f"{url}/good", "--llm-model", "tiny"]) == 0
    )
    captured = capsys.readouterr()
    assert captured.out.startswith("Port Elwyn bans large cruise ships\n\n" + SUMMARY[:40])
    assert "[¶1]" in captured.out  # the model's text as it streamed, its citations included
    assert captured.err.count("not supported by the article") == 2 and "Lisbon" in captured.err

    assert main(["ask", path, "How many votes did the motion get?", "--llm-url", f"{url}/answers"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ANSWER + "\n" and "Lisbon" in captured.err

    assert main(["summarize", path, "--llm-url", f"{url}/malformed"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Harbour town votes to ban cruise ships")
    assert captured.err.count("\n") == 1 and "malformed reply" in captured.err
