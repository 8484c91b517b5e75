"""Summarise: an indexed article to a headline and a short, cited ``Summary``.

``base`` declares the records and interfaces (``Length``, ``Style``, ``Summary``, ``SummaryProgress``,
``Summarizer``, ``StreamingSummarizer``, ``ReportsNotice``),
``extractive`` the default ``NewsSummarizer`` with its sentence ``scorer``, ``headline`` the
headline generator, and ``abstractive`` the opt-in summariser that writes with a seq2seq model.
The summarisers are imported on first use, so that the records stay light (the CLI's ``--help``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.lazy import lazy_exports
from bot.summarize.base import (
    STYLES,
    Length,
    ReportsNotice,
    StreamingSummarizer,
    Style,
    Summarizer,
    Summary,
    SummaryProgress,
    stream_summary,
)

if TYPE_CHECKING:
    from bot.summarize.extractive import NewsSummarizer
    from bot.summarize.headline import generate_headline

_LAZY = {"NewsSummarizer": "bot.summarize.extractive", "generate_headline": "bot.summarize.headline"}

__all__ = [
    "STYLES",
    "Length",
    "NewsSummarizer",
    "ReportsNotice",
    "StreamingSummarizer",
    "Style",
    "Summarizer",
    "Summary",
    "SummaryProgress",
    "generate_headline",
    "stream_summary",
]


__getattr__ = lazy_exports(__name__, _LAZY)
