"""Scoring a question against an ``ArticleIndex``: paragraphs by reciprocal rank fusion, then
sentences inside the best paragraphs, plus one evidence score for abstention.

Three modes share the code so the evaluation can compare them in one run:

* ``hybrid`` (the product): RRF over four paragraph rankings — paragraph BM25, the best sentence's
  BM25, the best sentence's cosine, and the paragraph vector's cosine (half weight) — then each
  sentence of the top paragraphs is scored by cosine + 0.6 × normalised sentence BM25, a small
  penalty for the second paragraph, and a bonus when it holds the kind of answer the question
  wants (``bot.retrieval.answer_type``);
* ``bm25``: paragraphs and sentences by BM25 alone;
* ``dense``: paragraphs by their best sentence's cosine, sentences by cosine alone.

The settings were chosen on the visible XQuAD data; ``scripts/calibrate_qa.py`` fits the abstention
thresholds below with leave-one-document-out cross-validation (see docs/questions.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from bot.retrieval.answer_type import expected_type, has_type
from bot.retrieval.index import ArticleIndex, terms
from bot.retrieval.synonyms import other_names

Mode = Literal["hybrid", "bm25", "dense"]
MODES: tuple[Mode, ...] = ("hybrid", "bm25", "dense")

RRF_K = 2
"""Small, because an article has few paragraphs: the first places should weigh most."""
RRF_WEIGHTS: Mapping[str, float] = {"bm25": 1.0, "sentence_bm25": 1.0, "sentence_cosine": 1.0, "cosine": 0.5}
TOP_PARAGRAPHS = 2
"""Sentences are chosen from this many of the best paragraphs."""
LEXICAL_WEIGHT = 0.6
PARAGRAPH_PENALTY = 0.05
TYPE_BONUS = 0.1
COVERAGE_WEIGHT = 0.3
"""Evidence = best sentence cosine + COVERAGE_WEIGHT × share of the question's terms in the article."""

FOCUS_WEIGHT = 1.0
"""A follow-up's passage under discussion (the paragraphs the previous answer quoted) counts as one
more ranking, of the weight of the others, that puts those paragraphs first."""

THRESHOLDS: Mapping[Mode, float] = {"hybrid": 0.4859, "bm25": 1.2440, "dense": 0.3701}
"""Evidence below the threshold means the article does not answer (``scripts/calibrate_qa.py``)."""


@dataclass(frozen=True)
class Retrieval:
    """A question scored against one article: paragraphs best first, sentence scores, evidence."""

    mode: Mode
    ranking: tuple[int, ...]
    """0-based paragraph positions, best first."""
    paragraph_scores: np.ndarray
    sentence_scores: np.ndarray
    """One per ``article.sentences`` entry; ``-inf`` outside the top paragraphs."""
    evidence: float
    """How strongly the article supports an answer; compared with ``THRESHOLDS[mode]``."""
    best_cosine: float = 0.0
    coverage: float = 0.0
    """Share of the question's terms found in the article."""
    cosines: np.ndarray | None = None
    """Cosine of every sentence with the question (``None`` in ``bm25`` mode)."""
    spare_scores: np.ndarray | None = None
    """Scores of the sentences of the next paragraph in the ranking (``-inf`` elsewhere): where an
    answer of the expected kind is looked for when the top paragraphs lack one."""

    def best_sentences(self, n: int, exclude: Sequence[int] = ()) -> list[int]:
        """Indices of the ``n`` best-scored sentences (skipping ``exclude``), best first."""
        order = np.argsort(-self.sentence_scores, kind="stable")
        skip = set(exclude)
        chosen = [int(i) for i in order if np.isfinite(self.sentence_scores[i]) and int(i) not in skip]
        return chosen[:n]


def ranks(scores: np.ndarray) -> np.ndarray:
    """0-based rank of each entry, highest score first, ties by position.

    >>> ranks(np.array([0.2, 0.9, 0.2])).tolist()
    [1, 0, 2]
    """
    out = np.empty(len(scores), dtype=np.int64)
    out[np.argsort(-np.asarray(scores), kind="stable")] = np.arange(len(scores))
    return out


def rrf(rankings: Mapping[str, np.ndarray], weights: Mapping[str, float], k: float = 60.0) -> np.ndarray:
    """Reciprocal rank fusion: sum of ``weight / (k + rank + 1)`` over the rankings (0-based ranks).

    >>> rrf({"a": np.array([0, 1]), "b": np.array([1, 0])}, {"a": 1.0, "b": 0.5}, k=1).round(3).tolist()
    [0.667, 0.583]
    """
    total = np.zeros(len(next(iter(rankings.values()))), dtype=np.float64)
    for name, weight in weights.items():
        total += weight / (k + rankings[name] + 1.0)
    return total


def coverage(query_terms: Sequence[str], vocabulary: frozenset[str]) -> float:
    """Share of the question's terms that occur anywhere in the article.

    >>> coverage(["ship", "ban", "mayor"], frozenset({"ship", "ban", "vote"}))
    0.6666666666666666
    >>> coverage([], frozenset({"ship"}))
    0.0
    """
    if not query_terms:
        return 0.0
    return sum(t in vocabulary for t in query_terms) / len(query_terms)


def per_paragraph_max(values: np.ndarray, paragraph_of: np.ndarray, n: int, floor: float) -> np.ndarray:
    out = np.full(n, floor, dtype=np.float64)
    if len(values):
        np.maximum.at(out, paragraph_of, values)
    return out


def retrieve(
    index: ArticleIndex,
    question: str,
    mode: Mode = "hybrid",
    *,
    query_vector: np.ndarray | None = None,
    top_paragraphs: int = TOP_PARAGRAPHS,
    focus: Sequence[int] = (),
) -> Retrieval:
    """Score the article's paragraphs and sentences for a question.

    ``focus``: 0-based paragraphs under discussion (a follow-up's previous answer); in ``hybrid``
    mode they rank as if one more ranking put them first (``FOCUS_WEIGHT``).
    """
    if mode == "hybrid":
        index.build()  # cold index: BM25 is built while the encoder runs
    n_par = len(index.article.paragraphs)
    para_of = index.sentence_paragraph
    q_terms = terms(question)
    covered = coverage(q_terms, index.paragraph_bm25.vocabulary)
    best = 0.0
    cos: np.ndarray | None = None
    searched = [*q_terms, *other_names(q_terms)]  # "children" of a school that counts "pupils"
    bm25 = index.paragraph_bm25.scores(searched).astype(np.float64)
    sent_bm25 = index.sentence_bm25.scores(searched).astype(np.float64)
    if mode == "bm25":
        paragraph_scores = bm25
        sentence_base = sent_bm25
        evidence = float(bm25.max()) if n_par else 0.0
    else:
        qv = index.encode_query(question) if query_vector is None else query_vector
        cos = (index.sentence_vectors @ qv).astype(np.float64)
        best_cos = per_paragraph_max(cos, para_of, n_par, -1.0)
        best = evidence = float(cos.max()) if len(cos) else 0.0
        if mode == "dense":
            paragraph_scores = best_cos
            sentence_base = cos
        else:
            rankings = {
                "bm25": ranks(bm25),
                "sentence_bm25": ranks(per_paragraph_max(sent_bm25, para_of, n_par, 0.0)),
                "sentence_cosine": ranks(best_cos),
                "cosine": ranks(index.paragraph_vectors @ qv),
            }
            paragraph_scores = rrf(rankings, RRF_WEIGHTS, RRF_K)
            in_focus = [p for p in set(focus) if 0 <= p < n_par]
            paragraph_scores[in_focus] += FOCUS_WEIGHT / (RRF_K + 1.0)
            top = sent_bm25.max() if len(sent_bm25) else 0.0
            sentence_base = cos + LEXICAL_WEIGHT * (sent_bm25 / top if top > 0 else sent_bm25)
            kind = expected_type(question)
            if kind is not None:
                bonus = [TYPE_BONUS if has_type(kind, s.text) else 0.0 for s in index.article.sentences]
                sentence_base = sentence_base + np.asarray(bonus)
            evidence += COVERAGE_WEIGHT * covered
    ranking = tuple(int(i) for i in np.argsort(-paragraph_scores, kind="stable"))
    place = np.full(n_par, -1, dtype=np.int64)
    for position, paragraph in enumerate(ranking[:top_paragraphs]):
        place[paragraph] = position
    sentence_place = place[para_of] if len(para_of) else np.zeros(0, dtype=np.int64)
    penalty = PARAGRAPH_PENALTY * sentence_place if mode == "hybrid" else 0.0
    sentence_scores = np.where(sentence_place >= 0, sentence_base - penalty, -np.inf)
    spare = np.full(len(para_of), -np.inf)
    if len(ranking) > top_paragraphs and len(para_of):
        spare = np.where(para_of == ranking[top_paragraphs], sentence_base, -np.inf)
        if mode == "hybrid":
            spare = spare - PARAGRAPH_PENALTY * top_paragraphs
    return Retrieval(mode, ranking, paragraph_scores, sentence_scores, evidence, best, covered, cos, spare)
