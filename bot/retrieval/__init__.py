"""Retrieval: what summaries and answers share.

The ``ArticleIndex`` holds an article's sentence vectors and its BM25 index, built once
(``index``); ``retrieve`` ranks sentences and paragraphs for a question by fusing both rankings,
and ``answer_type`` knows what kind of answer a question wants; ``grounding`` finds which paragraph
supports a sentence, and flags sentences the article does not support.
The modules are imported on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    """Import the stage's modules on first use (``import bot`` and the CLI's ``clean`` stay light)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'bot.retrieval' has no attribute {name!r}")
    return getattr(import_module(module), name)
