"""``ArticleIndex``: per-article embeddings and BM25, built once, shared by summaries and answers.

(Placeholder owned by the questions work: BM25, paragraph vectors and fusion to be completed.)
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from bot.article import Article
from bot.embed import Embedder


class ArticleIndex:
    """Everything computed once per article: sentence and paragraph vectors (lazily)."""

    def __init__(self, article: Article, embedder: Embedder) -> None:
        self.article = article
        self.embedder = embedder

    @cached_property
    def sentence_vectors(self) -> np.ndarray:
        """One L2-normalised row per ``article.sentences`` entry."""
        return self.embedder.encode([s.text for s in self.article.sentences])
