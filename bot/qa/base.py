"""The ``Answerer`` interface and the default, extractive one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

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
    positions already quoted (for "tell me more"); ``focus``: 0-based paragraphs under discussion
    (those the previous answer quoted, for a follow-up).
    """

    def answer(
        self,
        index: ArticleIndex,
        question: str,
        *,
        max_chars: int = 1_000,
        exclude: Sequence[int] = (),
        focus: Sequence[int] = (),
    ) -> Answer: ...


class ExtractiveAnswerer:
    """Answers that quote the article's own sentences (``bot.qa.answer.answer_question``)."""

    def answer(
        self,
        index: ArticleIndex,
        question: str,
        *,
        max_chars: int = 1_000,
        exclude: Sequence[int] = (),
        focus: Sequence[int] = (),
    ) -> Answer:
        """The cited extractive answer, or a refusal when the evidence is weak."""
        return answer_question(index, question, max_chars=max_chars, exclude=exclude, focus=focus)


@runtime_checkable
class StreamingAnswerer(Answerer, Protocol):
    """An answerer that can hand out the text as a model writes it: text pieces, then the checked
    ``Answer`` (always last; it may differ from the pieces when the model's text failed the checks)."""

    def stream_answer(self, index: ArticleIndex, question: str, **options: Any) -> Iterator[str | Answer]: ...


def stream_answer(
    answerer: Answerer,
    index: ArticleIndex,
    question: str,
    *,
    max_chars: int = 1_000,
    exclude: Sequence[int] = (),
    focus: Sequence[int] = (),
) -> Iterator[str | Answer]:
    """An answer from any answerer: streaming ones stream their pieces, others give the ``Answer`` at once.

    >>> class Fixed:
    ...     def answer(self, index, question, *, max_chars=1_000, exclude=(), focus=()):
    ...         return f"Answer to {question!r}"
    >>> list(stream_answer(Fixed(), None, "Why?"))
    ["Answer to 'Why?'"]
    """
    if isinstance(answerer, StreamingAnswerer):
        yield from answerer.stream_answer(index, question, max_chars=max_chars, exclude=exclude, focus=focus)
        return
    yield answerer.answer(index, question, max_chars=max_chars, exclude=exclude, focus=focus)
