"""Headline Bot: a clean headline, a short faithful summary and a grounded chat for news articles.

Quick start (Python)::

    from bot import HeadlineBot, Length
    hb = HeadlineBot()
    article = hb.load(open("article.txt", "rb").read())
    summary = hb.summarize(article, Length("bullets"))
    answer = hb.ask(article, "Who made the call?")

This module is the public API: the engine, its records, the chat, the settings, the error tree and
``mount`` (the app on a FastAPI server). Everything but the settings and the errors is imported on
first use, and heavy libraries (torch, transformers, gradio) only when a model or the UI is used,
so ``import bot`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.config import VERSION as __version__
from bot.config import Settings
from bot.errors import (
    EmptyInputError,
    FetchError,
    GenerationTimeoutError,
    HeadlineBotError,
    InputError,
    InputTooLargeError,
    ModelError,
    ModelIntegrityError,
    ModelLoadError,
    NoArticleError,
    NotTextError,
    PromptError,
    QuestionError,
    URLRefusedError,
)
from bot.lazy import lazy_exports

if TYPE_CHECKING:
    from bot.article import Article, CitedSentence
    from bot.chat.conversation import Conversation, Reply
    from bot.engine import HeadlineBot
    from bot.qa.answer import Answer, SourceRef
    from bot.summarize.base import STYLES, Length, Style, Summary
    from bot.ui import mount

_LAZY = {
    "Answer": "bot.qa.answer",
    "Article": "bot.article",
    "CitedSentence": "bot.article",
    "Conversation": "bot.chat.conversation",
    "HeadlineBot": "bot.engine",
    "Length": "bot.summarize.base",
    "Reply": "bot.chat.conversation",
    "STYLES": "bot.summarize.base",
    "SourceRef": "bot.qa.answer",
    "Style": "bot.summarize.base",
    "Summary": "bot.summarize.base",
    "mount": "bot.ui",
}

__all__ = [
    "STYLES",
    "Answer",
    "Article",
    "CitedSentence",
    "Conversation",
    "EmptyInputError",
    "FetchError",
    "GenerationTimeoutError",
    "HeadlineBot",
    "HeadlineBotError",
    "InputError",
    "InputTooLargeError",
    "Length",
    "ModelError",
    "ModelIntegrityError",
    "ModelLoadError",
    "NoArticleError",
    "NotTextError",
    "PromptError",
    "QuestionError",
    "Reply",
    "Settings",
    "SourceRef",
    "Style",
    "Summary",
    "URLRefusedError",
    "__version__",
    "mount",
]


__getattr__ = lazy_exports(__name__, _LAZY)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
