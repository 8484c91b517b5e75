"""Grounded answers with citations, or a plain refusal.

The answer is the one or two article sentences that score best inside the best paragraphs
(``bot.retrieval.retrieve``), quoted in article order with ``[¶N]`` citations; the cited paragraphs come back
as sources. When the evidence is below the calibrated threshold, the reply says the article does
not say, and points at the closest passage instead (``prompts/not_in_article.txt``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict

import numpy as np

from bot.article import CitedSentence, Sentence
from bot.errors import QuestionError
from bot.prompts import render
from bot.retrieval.index import ArticleIndex
from bot.retrieval.retrieve import THRESHOLDS, TOP_PARAGRAPHS, Mode, retrieve
from bot.text import strip_controls

MAX_SENTENCES = 2
POINTER_WORDS = 30


class SourceDict(TypedDict):
    """A cited paragraph as JSON: its 1-based number and its text."""

    paragraph: int
    text: str


class AnswerDict(TypedDict):
    """An ``Answer`` as JSON (plain text, not HTML); ``answerable`` is false for a refusal."""

    answer: str
    answerable: bool
    sources: list[SourceDict]
    notes: list[str]


@dataclass(frozen=True)
class SourceRef:
    """A cited paragraph: its 1-based number and its text."""

    paragraph: int
    text: str

    def to_dict(self) -> SourceDict:
        """The JSON form: ``{"paragraph", "text"}``."""
        return {"paragraph": self.paragraph, "text": self.text}


@dataclass(frozen=True)
class Answer:
    """A reply to a question: text with ``[¶N]`` citations, whether answered, and the sources."""

    text: str
    answerable: bool
    sources: tuple[SourceRef, ...]
    sentences: tuple[CitedSentence, ...] = ()
    notes: tuple[str, ...] = ()
    question: str = ""
    """The question as answered (after trimming and cutting)."""
    evidence: float = 0.0
    """The evidence score that was compared with the abstention threshold."""
    sentence_indices: tuple[int, ...] = ()
    """Positions in ``article.sentences`` of the quoted sentences (for "tell me more")."""

    def to_dict(self) -> AnswerDict:
        """The one JSON contract of an answer (CLI ``--json``, the ``/ask`` API):
        ``{"answer", "answerable", "sources": [{"paragraph", "text"}], "notes"}``."""
        return {
            "answer": self.text,
            "answerable": self.answerable,
            "sources": [s.to_dict() for s in self.sources],
            "notes": list(self.notes),
        }


def prepare_question(question: str, max_chars: int) -> tuple[str, tuple[str, ...]]:
    """Trim a question; cut one that is too long at a word boundary, with a note.

    >>> prepare_question("  Who voted?  ", 100)
    ('Who voted?', ())
    >>> prepare_question("Who voted for the ban?", 12)
    ('Who voted', ('Your question was cut to its first 12 characters.',))
    """
    text = " ".join(strip_controls(question).split())
    if not text:
        raise QuestionError("The question is empty; type a question about the article.")
    if len(text) <= max_chars:
        return text, ()
    cut = text[:max_chars]
    if " " in cut and not text[max_chars].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(), (render("question_cut", limit=f"{max_chars:,}"),)


def compose(sentences: Sequence[Sentence]) -> str:
    """Quote sentences in article order; one ``[¶N]`` after each run from the same paragraph.

    >>> from bot.article import Sentence
    >>> compose([Sentence("It passed.", 2, 3), Sentence("Shops objected.", 5, 9), Sentence("Ok.", 2, 4)])
    'It passed. Ok. [¶2] Shops objected. [¶5]'
    """
    ordered = sorted(sentences, key=lambda s: s.index)
    parts: list[str] = []
    for i, s in enumerate(ordered):
        parts.append(s.text)
        if i + 1 == len(ordered) or ordered[i + 1].paragraph != s.paragraph:
            parts.append(f"[¶{s.paragraph}]")
    return " ".join(parts)


def pointer(text: str, max_words: int = POINTER_WORDS) -> str:
    """The start of a passage, at most ``max_words`` words, with an ellipsis when cut.

    >>> pointer("one two three four", 3)
    'one two three…'
    """
    words = text.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def answer_question(
    index: ArticleIndex,
    question: str,
    *,
    mode: Mode = "hybrid",
    max_chars: int = 1_000,
    max_sentences: int = MAX_SENTENCES,
    threshold: float | None = None,
    exclude: Sequence[int] = (),
    query_vector: np.ndarray | None = None,
) -> Answer:
    """Answer from the article with citations, or refuse when the evidence is weak.

    ``exclude`` lists sentence positions already given (a "tell me more" follow-up).
    """
    asked, notes = prepare_question(question, max_chars)
    article = index.article
    if not article.paragraphs:
        return Answer(render("nothing_more"), False, (), notes=notes, question=asked)
    # "Tell me more" reaches one paragraph further each time something was already quoted.
    wider = TOP_PARAGRAPHS + (1 + len(exclude)) // 2 if exclude else TOP_PARAGRAPHS
    found = retrieve(index, asked, mode, query_vector=query_vector, top_paragraphs=wider)
    limit = THRESHOLDS[mode] if threshold is None else threshold
    if found.evidence < limit:
        closest = article.paragraphs[found.ranking[0]]
        text = render("not_in_article", paragraph=closest.number, passage=pointer(closest.text))
        return Answer(
            text,
            False,
            (SourceRef(closest.number, closest.text),),
            notes=notes,
            question=asked,
            evidence=found.evidence,
        )
    chosen = found.best_sentences(max_sentences, exclude)
    if not chosen:
        return Answer(render("nothing_more"), False, (), notes=notes, question=asked, evidence=found.evidence)
    sentences = sorted((article.sentences[i] for i in chosen), key=lambda s: s.index)
    numbers = sorted({s.paragraph for s in sentences})
    return Answer(
        text=compose(sentences),
        answerable=True,
        sources=tuple(SourceRef(n, article.paragraph(n).text) for n in numbers),
        sentences=tuple(CitedSentence(s.text, s.paragraph) for s in sentences),
        notes=notes,
        question=asked,
        evidence=found.evidence,
        sentence_indices=tuple(sorted(chosen)),
    )
