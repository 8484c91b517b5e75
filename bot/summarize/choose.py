"""Which summariser the settings ask for: a model server, a seq2seq model, or the default."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.summarize.base import Summarizer
    from bot.summarize.extractive import SentenceScorer

SCORERS = ("trained", "prior")
"""The summary sentence scorers a setting can name (``HEADLINE_BOT_SUMMARY_SCORER``)."""


def sentence_scorer(settings: Settings) -> SentenceScorer:
    """The extractive summariser's scorer that ``settings.summary_scorer`` names.

    >>> from bot.config import Settings
    >>> [type(sentence_scorer(Settings(summary_scorer=name))).__name__ for name in SCORERS]
    ['SentenceModel', 'FeatureScorer']
    """
    if settings.summary_scorer == "prior":
        from bot.summarize.scorer import hand_set_prior

        return hand_set_prior()
    if settings.summary_scorer != "trained":
        from bot.errors import HeadlineBotError
        from bot.prompts import render

        choices = ", ".join(SCORERS)
        raise HeadlineBotError(
            render("config_unknown_scorer", value=settings.summary_scorer, choices=choices)
        )
    from bot.summarize.model import SentenceModel

    return SentenceModel.load()


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
