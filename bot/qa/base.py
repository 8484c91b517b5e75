"""The ``Answerer`` interface and the default, extractive one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from bot.qa.answer import Answer, answer_question

if TYPE_CHECKING:
    from bot.retrieval.index import ArticleIndex

ANSWER_TOKENS = 120
"""Most tokens a model may write for an answer."""
CONTEXT_PARAGRAPHS = 3
"""Retrieved paragraphs given to a model as the context of an answer."""


@runtime_checkable
class Answerer(Protocol):
    """Anything that answers a question about an indexed article with a cited ``Answer`` (or refuses).

    ``max_chars``: longest question kept (a longer one is cut, with a note); ``exclude``: sentence
    positions already quoted (for "tell me more").
    """

    def answer(
        self, index: ArticleIndex, question: str, *, max_chars: int = 1_000, exclude: Sequence[int] = ()
    ) -> Answer: ...


class ExtractiveAnswerer:
    """Answers that quote the article's own sentences (``bot.qa.answer.answer_question``)."""

    def answer(
        self, index: ArticleIndex, question: str, *, max_chars: int = 1_000, exclude: Sequence[int] = ()
    ) -> Answer:
        """The cited extractive answer, or a refusal when the evidence is weak."""
        return answer_question(index, question, max_chars=max_chars, exclude=exclude)
