"""The JSON shapes of an answer (``/ask``, ``--json``): light to import, so the app's API can name
them at start-up without loading the question-answering code."""

from __future__ import annotations

from typing import TypedDict

from bot.article import CitedSentenceDict


class SourceDict(TypedDict):
    """A cited paragraph as JSON: its 1-based number and its text."""

    paragraph: int
    text: str


class AnswerDict(TypedDict):
    """An ``Answer`` as JSON (plain text, not HTML); ``answerable`` is false for a refusal."""

    answer: str
    answerable: bool
    sources: list[SourceDict]
    sentences: list[CitedSentenceDict]
    notes: list[str]
