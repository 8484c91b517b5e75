"""Grounding: link each generated sentence to the paragraph that best supports it, or flag it.

For every sentence of a generated summary or answer, each candidate paragraph gets

* ``similarity``: the best MiniLM cosine between the sentence and the paragraph (its own vector or
  any one of its sentences, from the shared ``ArticleIndex``);
* ``overlap``: the share of the sentence's content terms (stemmed, stop words out) in the paragraph;

and the best paragraph by ``(similarity + overlap) / 2`` is cited. The sentence is *supported*
when that score reaches ``THRESHOLD`` and it states no number or name that appears nowhere in the
article (``unseen_facts``), the commonest way a generator makes things up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.article import CitedSentence
from bot.retrieval.index import ArticleIndex, terms, words
from bot.retrieval.retrieve import per_paragraph_max
from bot.text import CAPITALISED

THRESHOLD = 0.5
"""Least support score, ``(similarity + overlap) / 2``, for a sentence to count as supported."""

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(rf"\b{CAPITALISED}\b")


@dataclass(frozen=True)
class Support:
    """How well the article backs one sentence: best paragraph (1-based), the scores, unseen facts."""

    paragraph: int
    similarity: float
    overlap: float
    unseen: tuple[str, ...] = ()

    @property
    def score(self) -> float:
        """The combined support score: mean of similarity and term overlap."""
        return (self.similarity + self.overlap) / 2

    def supported(self, threshold: float = THRESHOLD) -> bool:
        """Enough support, and no number or name the article never mentions."""
        return self.score >= threshold and not self.unseen


def numbers(text: str) -> set[str]:
    """Numbers in a text, thousands separators and trailing full stops removed.

    >>> sorted(numbers("9,400 passengers, 3.5 pounds, in 2024."))
    ['2024', '3.5', '9400']
    """
    return {m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}


def unseen_facts(sentence: str, article_text: str) -> tuple[str, ...]:
    """Numbers and capitalised names (not the first word) in ``sentence`` that the article never uses.

    >>> article = "Councillors in Port Elwyn voted 14 to 5 on Tuesday to ban 9,400-passenger days."
    >>> unseen_facts("Port Elwyn's vote was 14 to 5.", article)
    ()
    >>> unseen_facts("Councillors in Cardiff voted 15 to 5.", article)
    ('15', 'Cardiff')
    """
    known_numbers = numbers(article_text)
    known_words = {w.removesuffix("'s") for w in words(article_text)}
    missing = [n for n in sorted(numbers(sentence), key=sentence.find) if n not in known_numbers]
    for match in _NAME.finditer(sentence):
        if match.start() == 0:
            continue
        name = match.group()
        if name.lower() not in known_words and name not in missing:
            missing.append(name)
    return tuple(missing)


def term_overlap(sentence_terms: Sequence[str], paragraph_terms: set[str]) -> float:
    """Share of a sentence's distinct terms found in a paragraph (0 when the sentence has none).

    >>> term_overlap(["ship", "ban", "vote"], {"ship", "vote", "council"})
    0.6666666666666666
    """
    distinct = set(sentence_terms)
    return len(distinct & paragraph_terms) / len(distinct) if distinct else 0.0


def support(
    sentences: Sequence[str], index: ArticleIndex, *, paragraphs: Sequence[int] | None = None
) -> list[Support]:
    """The best-supporting paragraph for each sentence, among ``paragraphs`` (1-based; default all)."""
    article = index.article
    if not sentences:
        return []
    if not article.paragraphs:
        return [Support(0, 0.0, 0.0, ()) for _ in sentences]
    everywhere = range(1, len(article.paragraphs) + 1)
    candidates = sorted({n for n in (paragraphs or everywhere) if n in everywhere}) or list(everywhere)
    vectors = np.asarray(index.embedder.encode(list(sentences)), dtype=np.float32)
    sentence_cos = vectors @ index.sentence_vectors.T  # (generated, article sentences)
    paragraph_cos = vectors @ index.paragraph_vectors.T  # (generated, paragraphs)
    para_terms = {n: set(terms(article.paragraph(n).text)) for n in candidates}
    text = article.text
    out = []
    for i, sentence in enumerate(sentences):
        own = terms(sentence)
        inside = per_paragraph_max(sentence_cos[i], index.sentence_paragraph, len(article.paragraphs), -1.0)
        best: Support | None = None
        for n in candidates:
            similarity = max(float(paragraph_cos[i][n - 1]), float(inside[n - 1]))
            found = Support(n, similarity, term_overlap(own, para_terms[n]))
            if best is None or found.score > best.score:
                best = found
        assert best is not None
        out.append(Support(best.paragraph, best.similarity, best.overlap, unseen_facts(sentence, text)))
    return out


def ground(
    sentences: Sequence[str],
    index: ArticleIndex,
    *,
    paragraphs: Sequence[int] | None = None,
    threshold: float = THRESHOLD,
) -> tuple[CitedSentence, ...]:
    """Cite each sentence's best paragraph and flag the ones the article does not support."""
    return tuple(
        CitedSentence(text, s.paragraph, s.supported(threshold))
        for text, s in zip(sentences, support(sentences, index, paragraphs=paragraphs), strict=True)
    )
