"""The default news summariser: a trained sentence scorer, then greedy selection with length rules.

``NewsSummarizer`` is extractive, so it is faithful by construction: it scores every sentence with
the trained model of ``bot.summarize.model`` (MiniLM vectors, position, length and document context;
``bot.summarize.scorer.hand_set_prior()`` is the former hand-set scorer, kept as a baseline), skips
debris and publishing boilerplate, then picks the best sentences greedily while refusing
near-duplicates (embedding similarity) and sentences that repeat a trigram of what it already chose,
and returns them in article order, each with its paragraph number. The ``one-line`` style takes the
best sentence of the model's one-line head. Sentence vectors come from the shared ``ArticleIndex``
(computed once per article, reused by question answering).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from bot.article import CitedSentence, Sentence
from bot.ingest.debris import is_debris, strip_dateline
from bot.retrieval.index import ArticleIndex
from bot.summarize.base import Length, Summary
from bot.summarize.boilerplate import is_boilerplate
from bot.text import word_count

SHORT_SENTENCES = 3
"""Sentences in the ``short`` style when a fixed count is wanted (``target_sentences``)."""

SHORT_WORDS = 55
"""The default ``short`` style adds sentences (at most ``SHORT_MAX_SENTENCES``) until it has this many
words. Chosen with ``SHORT_MAX_SENTENCES`` on the CNN/DM validation split by
``scripts/train_summarizer.py fit``, which rewrites both lines."""

SHORT_MAX_SENTENCES = 3
"""At most this many sentences in the default ``short`` style."""

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


class SentenceScorer(Protocol):
    """Scores, shape ``(n, 2)``: column 0 for multi-sentence summaries, column 1 for ``one-line``."""

    def score(self, texts: list[str], vectors: np.ndarray) -> np.ndarray: ...


_TOKEN = re.compile(r"\w+")


def trigrams(text: str) -> set[tuple[str, ...]]:
    """The lower-cased word trigrams of a sentence.

    >>> sorted(trigrams("The cat sat, the CAT sat."))
    [('cat', 'sat', 'the'), ('sat', 'the', 'cat'), ('the', 'cat', 'sat')]
    """
    words = _TOKEN.findall(text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def select_sentences(
    scores: Sequence[float],
    word_counts: Sequence[int],
    vectors: np.ndarray,
    *,
    count: int,
    max_words: int | None = None,
    enough_words: int | None = None,
    redundancy: float = REDUNDANCY,
    texts: Sequence[str] | None = None,
) -> list[int]:
    """Greedy selection by score, skipping near-duplicates and sentences over the word budget.

    With ``texts``, a candidate sharing a word trigram with a chosen sentence is skipped too
    (trigram blocking, as in BertSumExt).

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
    >>> select_sentences([0.9, 0.8, 0.7], [5, 5, 5], np.eye(3), count=2, texts=["a b c d", "b c d e", "x y"])
    [0, 2]
    """
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    chosen: list[int] = []
    seen: set[tuple[str, ...]] = set()
    used = 0
    for i in order:
        if len(chosen) >= count or (enough_words is not None and chosen and used >= enough_words):
            break
        if max_words is not None and used + word_counts[i] > max_words:
            continue
        if chosen and float(np.max(vectors[chosen] @ vectors[i])) > redundancy:
            continue
        grams = trigrams(texts[i]) if texts is not None else set()
        if grams & seen:
            continue
        seen |= grams
        chosen.append(i)
        used += word_counts[i]
    if not chosen and order and count > 0:
        chosen = [min(order[:3], key=lambda i: word_counts[i])]
    return sorted(chosen)


def choose_indices(
    scores: np.ndarray, texts: Sequence[str], vectors: np.ndarray, length: Length
) -> list[int]:
    """Indices of the sentences to keep, in article order, by the rules of ``length``.

    ``scores`` has the two columns of ``SentenceScorer``; rows scored ``-inf`` are never chosen.
    ``one-line`` takes the best sentence of column 1; other styles select greedily on column 0.

    >>> s = np.array([[0.1, 0.9], [0.8, 0.2], [-np.inf, -np.inf]])
    >>> choose_indices(s, ["a b c.", "d e f.", "g h i."], np.eye(3), Length("one-line"))
    [0]
    >>> choose_indices(s, ["a b c.", "d e f.", "g h i."], np.eye(3), Length("short"))
    [0, 1]
    """
    usable = [i for i in range(len(texts)) if np.isfinite(scores[i, 0])]
    if not usable:
        return []
    one_line = length.style == "one-line" and length.sentences is None and length.words is None
    column = 1 if one_line else 0
    count = target_sentences(length, len(usable))
    adaptive = length.style == "short" and length.sentences is None and length.words is None
    if adaptive:
        count = min(SHORT_MAX_SENTENCES, len(usable))
    picked = select_sentences(
        [float(scores[i, column]) for i in usable],
        [word_count(texts[i]) for i in usable],
        vectors[usable],
        count=count,
        max_words=length.words,
        enough_words=SHORT_WORDS if adaptive else None,
        redundancy=REDUNDANCY,
        texts=[texts[i] for i in usable],
    )
    return [usable[j] for j in picked]


def not_summary_material(text: str) -> bool:
    """Debris lines and publishing boilerplate (bylines, time stamps) are never chosen.

    >>> not_summary_material("By ."), not_summary_material("The bridge reopened on Monday.")
    (True, False)
    """
    return is_debris(text) or is_boilerplate(text)


class NewsSummarizer:
    """Extractive summariser: trained sentence scores, redundancy control, no debris."""

    def __init__(self, scorer: SentenceScorer | None = None) -> None:
        self._scorer = scorer

    @property
    def scorer(self) -> SentenceScorer:
        """The scorer given, else the shipped trained model (loaded on first use)."""
        if self._scorer is None:
            from bot.summarize.model import SentenceModel

            self._scorer = SentenceModel.load()
        return self._scorer

    def scores(self, index: ArticleIndex) -> np.ndarray:
        """Two scores per ``index.article.sentences`` entry (debris and boilerplate get ``-inf``)."""
        texts = [s.text for s in index.article.sentences]
        if not texts:
            return np.zeros((0, 2))
        scores = np.asarray(self.scorer.score(texts, index.sentence_vectors), dtype=np.float64)
        junk = np.array([not_summary_material(t) for t in texts])
        return np.where(junk[:, None], -np.inf, scores)

    def choose(self, index: ArticleIndex, length: Length) -> list[Sentence]:
        """The chosen sentences, in article order."""
        sentences = index.article.sentences
        if not sentences:
            return []
        texts = [s.text for s in sentences]
        picked = choose_indices(self.scores(index), texts, index.sentence_vectors, length)
        return [sentences[i] for i in picked]

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
