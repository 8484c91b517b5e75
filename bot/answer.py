"""Grounded answers with citations, or a plain refusal.

(Placeholder owned by the questions work: retrieval, answer selection and abstention to be completed.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.article import CitedSentence
from bot.index import ArticleIndex


@dataclass(frozen=True)
class SourceRef:
    """A cited paragraph: its 1-based number and its text."""

    paragraph: int
    text: str


@dataclass(frozen=True)
class Answer:
    """A reply to a question: text with ``[¶N]`` citations, whether answered, and the sources."""

    text: str
    answerable: bool
    sources: tuple[SourceRef, ...]
    sentences: tuple[CitedSentence, ...] = ()
    notes: tuple[str, ...] = ()


def answer_question(index: ArticleIndex, question: str) -> Answer:
    """The best-matching sentence by cosine similarity (placeholder)."""
    q = index.embedder.encode([question])[0]
    sims = index.sentence_vectors @ q
    best = index.article.sentences[int(np.argmax(sims))]
    para = index.article.paragraph(best.paragraph)
    return Answer(
        text=f"{best.text} [¶{best.paragraph}]",
        answerable=True,
        sources=(SourceRef(para.number, para.text),),
        sentences=(CitedSentence(best.text, best.paragraph),),
    )
