"""Which summariser the settings ask for: a model server, a seq2seq model, or the default."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.summarize.base import Summarizer


def with_generator(settings: Settings, default: Summarizer) -> Summarizer:
    """The summariser to use: a model server when ``settings.llm_url`` is set, else generative when
    ``settings.model`` names a model, else ``default``."""
    if settings.llm_url:
        from bot.summarize.served import ServedSummarizer

        return ServedSummarizer.from_settings(settings, default)
    if not settings.model:
        return default
    from bot.summarize.abstractive import GenerativeSummarizer

    return GenerativeSummarizer.from_settings(settings, default)
