"""Answerability: does the best retrieved sentence actually answer the question, or is it only on
topic? A logistic regression over evidence features; weights shipped as JSON
(``bot/qa/weights/answerability.json``, fitted by ``scripts/calibrate_qa.py``), numpy at run time.

Features (``FEATURES``, in order): how close the question is to the best sentences (cosines,
retrieval score, margin); how much of the question's *key terms* the best sentence, its
neighbours, its paragraph and the quoted sentences cover (plain and weighted by rarity in the
article, so a rare missing term counts more); what a changed detail leaves behind: terms the
article lacks altogether or has only elsewhere, the weakest alignment of a question term to the
sentence's words (same stem, else a shared prefix), names used elsewhere in the article, numbers
of the question the sentence lacks, a negation on one side only, the counted thing of "how many"
missing; whether the expected answer type (number, date, person, place) is in the quoted
sentences beyond the question's own words; and the question's kind.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from bot.retrieval.answer_type import expected_type, has_type
from bot.retrieval.index import ArticleIndex, terms, words
from bot.retrieval.retrieve import Retrieval

WEIGHTS = Path(__file__).parent / "weights" / "answerability.json"

FEATURES: tuple[str, ...] = (
    "best_cosine",
    "top_cosine",
    "top_score",
    "article_coverage",
    "sentence_coverage",
    "window_coverage",
    "paragraph_coverage",
    "weighted_sentence_coverage",
    "weighted_window_coverage",
    "missing_terms",
    "missing_names",
    "type_expected",
    "type_missing",
    "question_terms",
    "negation",
    "margin",
    "window_missing_rarest",
    "paragraph_missing",
    "window_bigrams",
    "evidence",
    "quoted_coverage",
    "weighted_quoted_coverage",
    "quoted_missing_rarest",
    "moved_terms",
    "soft_alignment_min",
    "soft_alignment_mean",
    "names_elsewhere",
    "numbers_missing",
    "negation_mismatch",
    "type_new",
    "wants_number",
    "wants_date",
    "wants_person",
    "wants_place",
    "asks_why",
    "asks_how",
    "asks_which",
    "counted_missing",
)

_NEGATION = re.compile(r"\b(not|never|no|n't|without|none|neither|nor|fail|failed)\b|n't\b", re.IGNORECASE)
_CAPITAL = re.compile(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w’'-]+")
_DIGITS = re.compile(r"\d[\d,.]*\d|\d")
_WHY = re.compile(r"\bwhy\b", re.IGNORECASE)
_HOW = re.compile(r"\bhow\b", re.IGNORECASE)
_WHICH = re.compile(r"\b(which|what)\b", re.IGNORECASE)
_COUNTED = re.compile(r"\bhow (?:many|much) ([\w’'-]+)", re.IGNORECASE)
SOFT_PREFIX = 4
"""Two different terms align softly when they share a prefix this long (a lemma the stemmer missed)."""
SOFT_MATCH = 0.75
"""A soft alignment at least this good counts as the word being there (``counted_missing``)."""


def share(needed: list[str], present: set[str], weight: dict[str, float] | None = None) -> float:
    """Share of ``needed`` terms found in ``present``, optionally weighted.

    >>> share(["a", "b"], {"a"}), share(["a", "b"], {"a"}, {"a": 1.0, "b": 3.0}), share([], {"a"})
    (0.5, 0.25, 0.0)
    """
    if not needed:
        return 0.0
    if weight is None:
        return sum(t in present for t in needed) / len(needed)
    total = sum(weight[t] for t in needed)
    return sum(weight[t] for t in needed if t in present) / total if total else 0.0


def bigram_share(q_terms: list[str], docs: list[list[str]]) -> float:
    """Share of the question's consecutive term pairs that also stand side by side in ``docs``.

    >>> bigram_share(["ferri", "sank", "port"], [["ferri", "sank", "near", "port"]])
    0.5
    """
    pairs = list(pairwise(q_terms))
    if not pairs:
        return 0.0
    seen = {pair for doc in docs for pair in pairwise(doc)}
    return sum(pair in seen for pair in pairs) / len(pairs)


def missing_names(question: str, article_words: set[str]) -> int:
    """Capitalised words of the question (not its first word) that the article never uses.

    >>> missing_names("When did Maria Okafor visit Leeds?", {"maria", "okafor"})
    1
    """
    return sum(w.lower().replace("’", "'") not in article_words for w in _CAPITAL.findall(question))


def soft_alignment(term: str, present: set[str]) -> float:
    """How well a question term is matched in ``present`` terms: 1 for the same stem, else the longest
    shared prefix (at least ``SOFT_PREFIX`` letters) over the longer of the two words, else 0.

    >>> soft_alignment("govern", {"govern"}), soft_alignment("norman", {"normandi"})
    (1.0, 0.75)
    >>> soft_alignment("ship", {"boat"})
    0.0
    """
    if term in present:
        return 1.0
    best = 0.0
    for other in present:
        n = 0
        for a, b in zip(term, other, strict=False):
            if a != b:
                break
            n += 1
        if n >= SOFT_PREFIX:
            best = max(best, n / max(len(term), len(other)))
    return best


def counted_term(question: str) -> str | None:
    """The stemmed word a "how many / how much" question counts, when it names one.

    >>> counted_term("How many nurses work at Linford General?"), counted_term("How much is the levy?")
    ('nurs', None)
    """
    match = _COUNTED.search(question)
    if not match:
        return None
    found = terms(match.group(1))
    return found[0] if found else None


def numbers_missing(question: str, text: str) -> int:
    """Numbers written in digits in the question that the text does not hold.

    >>> numbers_missing("What happened in 1066 and 1215?", "In 1066 the Normans came.")
    1
    """
    return sum(n not in text for n in _DIGITS.findall(question))


def without_words(text: str, question: str) -> str:
    """The text with the question's own words blanked out (case-insensitive), so what is left can
    show whether it adds something of the kind asked for.

    >>> without_words("Okafor met Rees in 2024.", "When did Okafor meet Rees?")
    '_ met _ in 2024.'
    """
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    return re.sub(r"[\w’'-]+", lambda m: "_" if m.group(0).lower() in asked else m.group(0), text)


@dataclass(frozen=True)
class Evidence:
    """The answerability features of one question against one article, and the sentence scored."""

    values: np.ndarray
    top: int
    """Position in ``article.sentences`` of the best sentence (-1 when there is none)."""
    sentence_coverage: float
    paragraph_coverage: float
    type_missing: bool = False
    """The question wants a number, date, person or place and no chosen sentence holds one."""


def evidence(
    index: ArticleIndex, found: Retrieval, question: str, chosen: Sequence[int] | None = None
) -> Evidence:
    """The features of ``FEATURES`` for a question, from its ``Retrieval`` and the sentences to be
    quoted (``chosen``, best first; the best sentence when not given)."""
    sentences = index.article.sentences
    q_terms = list(dict.fromkeys(terms(question)))
    doc_terms = index.sentence_bm25.doc_terms
    n = len(doc_terms)
    order = found.best_sentences(2)
    top = order[0] if order else -1
    cos = found.cosines if found.cosines is not None else np.zeros(n)
    df = {t: 0 for t in q_terms}
    for doc in doc_terms:
        for t in set(doc) & df.keys():
            df[t] += 1
    weight = {t: math.log((n + 1) / (df[t] + 0.5)) for t in q_terms}
    vocabulary = index.paragraph_bm25.vocabulary
    if top >= 0:
        paragraph = sentences[top].paragraph
        here = set(doc_terms[top])
        window = set(here)
        window_ix = {top}
        for j in (top - 1, top + 1):
            if 0 <= j < n and sentences[j].paragraph == paragraph:
                window |= set(doc_terms[j])
                window_ix.add(j)
        in_paragraph = set(index.paragraph_bm25.doc_terms[paragraph - 1])
        top_cos = float(cos[top])
        top_score = float(found.sentence_scores[top])
        margin = top_score - float(found.sentence_scores[order[1]]) if len(order) > 1 else 0.0
        kind = expected_type(question)
        quoted = list(chosen) if chosen else [top]
        type_missing = float(kind is not None and not any(has_type(kind, sentences[j].text) for j in quoted))
    else:
        here = window = in_paragraph = set()
        window_ix = set()
        top_cos = top_score = margin = 0.0
        kind, type_missing = expected_type(question), 0.0
    article_words = {w.replace("’", "'") for w in words(index.article.text)}
    if top >= 0:
        quoted_ix = list(chosen) if chosen else [top]
        quoted_terms = {t for j in quoted_ix for t in doc_terms[j]}
        quoted_text = " ".join(sentences[j].text for j in quoted_ix)
        window_text = " ".join(sentences[j].text for j in sorted(window_ix))
    else:
        quoted_terms, quoted_text, window_text = set(), "", ""
    soft = [soft_alignment(t, window) for t in q_terms]
    window_words = {w.replace("’", "'") for w in words(window_text)}
    names = [w.lower().replace("’", "'") for w in _CAPITAL.findall(question)]
    q_negated = bool(_NEGATION.search(question))
    counted = counted_term(question)
    sentence_cov = share(q_terms, here)
    paragraph_cov = share(q_terms, in_paragraph)
    values = np.array(
        [
            found.best_cosine,
            top_cos,
            top_score,
            found.coverage,
            sentence_cov,
            share(q_terms, window),
            paragraph_cov,
            share(q_terms, here, weight),
            share(q_terms, window, weight),
            float(sum(t not in vocabulary for t in q_terms)),
            float(missing_names(question, article_words)),
            float(kind is not None),
            type_missing,
            math.log1p(len(q_terms)),
            float(q_negated),
            margin,
            max((weight[t] for t in q_terms if t not in window), default=0.0),
            float(sum(t not in in_paragraph for t in q_terms)),
            bigram_share(q_terms, [doc_terms[j] for j in sorted(window_ix)]),
            found.evidence,
            share(q_terms, quoted_terms),
            share(q_terms, quoted_terms, weight),
            max((weight[t] for t in q_terms if t not in quoted_terms), default=0.0),
            float(sum(t in vocabulary and t not in window for t in q_terms)),
            min(soft, default=0.0),
            sum(soft) / len(soft) if soft else 0.0,
            float(sum(w in article_words and w not in window_words for w in names)),
            float(numbers_missing(question, window_text)),
            float(top >= 0 and q_negated != bool(_NEGATION.search(quoted_text))),
            float(kind is not None and top >= 0 and has_type(kind, without_words(quoted_text, question))),
            float(kind == "number"),
            float(kind in ("date", "time")),  # "what time" was a date question when the model was fitted
            float(kind == "person"),
            float(kind == "place"),
            float(bool(_WHY.search(question))),
            float(bool(_HOW.search(question))),
            float(bool(_WHICH.search(question))),
            float(counted is not None and soft_alignment(counted, quoted_terms) < SOFT_MATCH),
        ],
        dtype=np.float64,
    )
    return Evidence(values, top, sentence_cov, paragraph_cov, bool(type_missing))


@dataclass(frozen=True)
class AnswerabilityModel:
    """Standardised logistic regression: ``score(x) = sigmoid(w · (x - mean) / scale + b)``."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float
    """Scores below this are refused (chosen on training folds by the rule in the JSON)."""

    def score(self, values: np.ndarray) -> float:
        """Probability-like score that the sentence answers the question.

        >>> m = AnswerabilityModel(np.zeros(2), np.ones(2), np.array([1.0, -1.0]), 0.0, 0.5)
        >>> round(m.score(np.array([2.0, 0.0])), 3)
        0.881
        """
        z = float(((values - self.mean) / self.scale) @ self.coef + self.intercept)
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AnswerabilityModel:
        """Read the fitted weights (the layout ``scripts/calibrate_qa.py`` writes)."""
        names = tuple(str(n) for n in data["features"])
        if names != FEATURES:
            raise ValueError(f"answerability weights are for features {names}, not {FEATURES}")
        return cls(
            np.asarray(data["mean"], dtype=np.float64),
            np.asarray(data["scale"], dtype=np.float64),
            np.asarray(data["coef"], dtype=np.float64),
            float(data["intercept"]),
            float(data["threshold"]),
        )


@cache
def shipped_model() -> AnswerabilityModel:
    """The model fitted on the visible QA data, read once."""
    return AnswerabilityModel.from_json(json.loads(WEIGHTS.read_text(encoding="utf-8")))
