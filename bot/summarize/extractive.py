"""The default news summariser, ``NewsSummarizer`` (the interfaces and records are ``bot.summarize.base``).

``NewsSummarizer`` is extractive, so it is faithful by construction: it scores every sentence with
position, length and embedding-graph features (``bot.summarize.scorer``), skips debris, then picks the best
sentences greedily while refusing near-duplicates of what it already chose, and returns them in
article order, each with its paragraph number. Sentence vectors come from the shared
``ArticleIndex`` (computed once per article, reused by question answering).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.article import CitedSentence, Sentence
from bot.ingest.debris import is_debris, strip_dateline
from bot.retrieval.index import ArticleIndex
from bot.summarize.base import Length, Summary
from bot.summarize.scorer import WEIGHTS_PATH, LinearScorer, lead_scorer, sentence_features
from bot.text import word_count

SHORT_SENTENCES = 3
"""Sentences in the ``short`` style when a fixed count is wanted (``target_sentences``)."""

SHORT_WORDS = 65
"""The default ``short`` style adds sentences (at most ``SHORT_MAX_SENTENCES``) until it has this many
words: three short sentences, or two long ones (news highlights average about 50 words)."""

SHORT_MAX_SENTENCES = 4

REDUNDANCY = 0.8
"""A candidate whose cosine similarity to a chosen sentence is above this is a near-duplicate."""


def target_sentences(length: Length, available: int) -> int:
    """How many sentences a style asks for, given how many usable sentences the article has.

    ``bullets`` gives 3 to 5 points, more for longer articles.

    >>> [target_sentences(Length(s), 30) for s in ("one-line", "short", "bullets")]
    [1, 3, 4]
    >>> target_sentences(Length("bullets"), 80), target_sentences(Length(sentences=7), 5)
    (5, 5)
    """
    if length.sentences is not None:
        wanted = length.sentences
    elif length.words is not None:
        wanted = available
    elif length.style == "one-line":
        wanted = 1
    elif length.style == "bullets":
        wanted = 3 if available < 20 else 4 if available < 50 else 5
    else:
        wanted = SHORT_SENTENCES
    return max(0, min(wanted, available))


def select_sentences(
    scores: Sequence[float],
    word_counts: Sequence[int],
    vectors: np.ndarray,
    *,
    count: int,
    max_words: int | None = None,
    enough_words: int | None = None,
    redundancy: float = REDUNDANCY,
) -> list[int]:
    """Greedy selection by score, skipping near-duplicates and sentences over the word budget.

    Returns indices in article order. With a word budget, a sentence that does not fit is skipped
    (never cut); if even the best sentence does not fit, the shortest of the top three is returned.
    With ``enough_words``, selection stops as soon as the chosen sentences reach that many words.

    >>> vecs = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    >>> select_sentences([0.9, 0.8, 0.1], [10, 10, 10], vecs, count=2)
    [0, 2]
    >>> select_sentences([0.9, 0.8, 0.7], [30, 12, 8], np.eye(3), count=3, max_words=20)
    [1, 2]
    >>> select_sentences([0.9, 0.8, 0.7], [30, 40, 8], np.eye(3), count=3, enough_words=60)
    [0, 1]
    """
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    chosen: list[int] = []
    used = 0
    for i in order:
        if len(chosen) >= count or (enough_words is not None and chosen and used >= enough_words):
            break
        if max_words is not None and used + word_counts[i] > max_words:
            continue
        if chosen and float(np.max(vectors[chosen] @ vectors[i])) > redundancy:
            continue
        chosen.append(i)
        used += word_counts[i]
    if not chosen and order and count > 0:
        chosen = [min(order[:3], key=lambda i: word_counts[i])]
    return sorted(chosen)


class NewsSummarizer:
    """Position-aware extractive summariser: learned sentence scores, redundancy control, no debris."""

    def __init__(self, scorer: LinearScorer | None = None, *, redundancy: float = REDUNDANCY) -> None:
        self.scorer = scorer or _default_scorer()
        self.redundancy = redundancy

    def scores(self, index: ArticleIndex) -> np.ndarray:
        """One salience score per ``index.article.sentences`` entry (debris gets ``-inf``)."""
        sentences = index.article.sentences
        texts = [s.text for s in sentences]
        if not texts:
            return np.zeros(0)
        scores = self.scorer.score(sentence_features(texts, index.sentence_vectors))
        debris = np.array([is_debris(t) for t in texts])
        return np.where(debris, -np.inf, scores)

    def choose(self, index: ArticleIndex, length: Length) -> list[Sentence]:
        """The chosen sentences, in article order."""
        sentences = index.article.sentences
        scores = self.scores(index)
        usable = [i for i in range(len(sentences)) if np.isfinite(scores[i])]
        count = target_sentences(length, len(usable))
        adaptive = length.style == "short" and length.sentences is None and length.words is None
        if adaptive:
            count = min(SHORT_MAX_SENTENCES, len(usable))
        picked = select_sentences(
            [float(scores[i]) for i in usable],
            [word_count(sentences[i].text) for i in usable],
            index.sentence_vectors[usable] if usable else np.zeros((0, 1)),
            count=count,
            max_words=length.words,
            enough_words=SHORT_WORDS if adaptive else None,
            redundancy=self.redundancy,
        )
        return [sentences[usable[j]] for j in picked]

    def summarize(self, index: ArticleIndex, length: Length) -> Summary:
        """Headline and summary of the requested length."""
        return extractive_summary(index, self.choose(index, length), length)


def extractive_summary(index: ArticleIndex, chosen: Sequence[Sentence], length: Length) -> Summary:
    """A ``Summary`` of article sentences as chosen: the article's headline (else a generated one)."""
    from bot.summarize.headline import generate_headline

    generated = generate_headline(index.article)
    return Summary(
        headline=index.article.headline or generated,
        generated_headline=generated,
        sentences=tuple(CitedSentence(strip_dateline(s.text), s.paragraph) for s in chosen),
        style=length.style,
    )


def _default_scorer() -> LinearScorer:
    return LinearScorer.load() if WEIGHTS_PATH.is_file() else lead_scorer()
