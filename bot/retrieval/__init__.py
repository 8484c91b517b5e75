"""Retrieval: what summaries and answers share.

The ``ArticleIndex`` holds an article's sentence vectors and its BM25 index, built once
(``index``); ``retrieve`` ranks sentences and paragraphs for a question by fusing both rankings,
and ``answer_type`` knows what kind of answer a question wants; ``grounding`` finds which paragraph
supports a sentence, and flags sentences the article does not support.
"""

from bot.retrieval.grounding import Support, ground, support
from bot.retrieval.index import ArticleIndex
from bot.retrieval.retrieve import Retrieval, retrieve

__all__ = ["ArticleIndex", "Retrieval", "Support", "ground", "retrieve", "support"]
