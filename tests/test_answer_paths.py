"""One question, one answer, whatever the door: ``HeadlineBot.ask``, the chat's ``Conversation``, the
``/ask`` endpoint's function and ``headline-bot ask --json`` (a subprocess, as a person runs it).

The table holds questions whose answer lies outside the two best paragraphs or in a second
sentence (the regression: "How many councillors voted for the ban?" was refused although the
article says "passed by 14 votes to 5"), and refusals that must stay refusals."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from bot.chat.conversation import Conversation
from bot.ui.api import Api

ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"}

CASES = [
    # question, answered?, words the answer must hold (or None for a refusal), paragraphs it cites
    ("How many councillors voted for the ban?", True, "14 votes to 5", {2}),
    ("By how many votes did the motion pass?", True, "14 votes to 5", {2}),
    ("How many passengers arrived on the same morning?", True, "9,400", {3}),
    ("How much could shops lose?", True, "2.5 million pounds", {5}),
    ("What is the capital of Peru?", False, None, set()),
    ("What is the weather in Paris tomorrow?", False, None, set()),
]


@pytest.fixture(scope="module")
def harbour(headline_bot, harbour_text):
    return headline_bot.load(harbour_text)


def cited(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[¶(\d+)\]", text)}


def check(text: str, answerable: bool, answered: bool, words: str | None, paragraphs: set[int]) -> None:
    assert answerable is answered, text
    if answered:
        assert words is not None and words in text, text
        assert paragraphs <= cited(text), text
    else:
        assert text.startswith("The article doesn't say."), text


@pytest.mark.parametrize(("question", "answered", "words", "paragraphs"), CASES)
def test_the_python_api_chat_and_ask_endpoint_agree(
    headline_bot, harbour, harbour_text, question, answered, words, paragraphs
):
    direct = headline_bot.ask(harbour, question)
    check(direct.text, direct.answerable, answered, words, paragraphs)
    reply = Conversation(harbour).reply(headline_bot, question)
    assert reply.text == direct.text
    endpoint = Api(headline_bot, ready=None, warming=None).ask(harbour_text, question)
    assert endpoint == direct.to_dict()


@pytest.mark.parametrize(("question", "answered", "words", "paragraphs"), CASES[:2] + CASES[4:5])
def test_the_command_line_gives_the_same_answer(
    headline_bot, harbour, data_dir, question, answered, words, paragraphs
):
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", str(data_dir / "harbour-article.txt"), question, "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    check(printed["answer"], printed["answerable"], answered, words, paragraphs)
    assert printed == headline_bot.ask(harbour, question).to_dict()
