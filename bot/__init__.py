"""Headline Bot: a clean headline, a short faithful summary and a grounded chat for news articles.

Quick start (Python)::

    from bot import HeadlineBot
    hb = HeadlineBot()
    article = hb.load(open("article.txt").read())
    summary = hb.summarize(article)
    answer = hb.ask(article, "Who made the call?")

Heavy libraries (torch, transformers, gradio) are imported only when a model or the UI is used,
so ``import bot`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.config import VERSION as __version__

__all__ = ["HeadlineBot", "__version__"]

if TYPE_CHECKING:
    from bot.engine import HeadlineBot


def __getattr__(name: str) -> Any:
    if name == "HeadlineBot":
        from bot.engine import HeadlineBot

        return HeadlineBot
    raise AttributeError(name)
