"""Retrieval: what summaries and answers share.

The ``ArticleIndex`` holds an article's sentence vectors and its BM25 index, built once
(``index``); ``retrieve`` ranks sentences and paragraphs for a question by fusing both rankings,
and ``answer_type`` knows what kind of answer a question wants; ``grounding`` finds which paragraph
supports a sentence, and flags sentences the article does not support.
The modules are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.lazy import lazy_exports

if TYPE_CHECKING:
    from bot.retrieval.grounding import Support, ground, support
    from bot.retrieval.index import ArticleIndex
    from bot.retrieval.retrieve import Retrieval, retrieve

_LAZY = {
    "ArticleIndex": "bot.retrieval.index",
    "Retrieval": "bot.retrieval.retrieve",
    "Support": "bot.retrieval.grounding",
    "ground": "bot.retrieval.grounding",
    "retrieve": "bot.retrieval.retrieve",
    "support": "bot.retrieval.grounding",
}

__all__ = ["ArticleIndex", "Retrieval", "Support", "ground", "retrieve", "support"]


__getattr__ = lazy_exports(__name__, _LAZY)
