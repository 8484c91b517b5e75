"""Summarise: an indexed article to a headline and a short, cited ``Summary``.

``base`` declares the records and interfaces (``Length``, ``Style``, ``Summary``, ``Summarizer``),
``extractive`` the default ``NewsSummarizer`` with its sentence ``scorer``, ``headline`` the
headline generator, and ``abstractive`` the opt-in summariser that writes with a seq2seq model.
"""

from bot.summarize.base import STYLES, Length, Style, Summarizer, Summary
from bot.summarize.extractive import NewsSummarizer
from bot.summarize.headline import generate_headline

__all__ = ["STYLES", "Length", "NewsSummarizer", "Style", "Summarizer", "Summary", "generate_headline"]
