"""Summaries: the ``Summarizer`` interface, lengths and styles, and the default summariser.

(Placeholder owned by the summaries work: the real extractive summariser to be completed.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from bot.article import CitedSentence, Sentence
from bot.index import ArticleIndex

Style = Literal["one-line", "short", "bullets"]
STYLES: tuple[Style, ...] = ("one-line", "short", "bullets")


@dataclass(frozen=True)
class Length:
    """How long a summary should be: a style, optionally overridden by sentences or words."""

    style: Style = "short"
    sentences: int | None = None
    words: int | None = None


@dataclass(frozen=True)
class Summary:
    """A headline (the article's own, else generated), a generated headline and the sentences."""

    headline: str
    generated_headline: str
    sentences: tuple[CitedSentence, ...]
    style: Style = "short"

    @property
    def text(self) -> str:
        """The summary as shown: bullets for the bullets style, else one paragraph."""
        if self.style == "bullets":
            return "\n".join(f"• {s.text}" for s in self.sentences)
        return " ".join(s.text for s in self.sentences)


class Summarizer(Protocol):
    """Anything that turns an indexed article into a ``Summary`` of the requested length."""

    def summarize(self, index: ArticleIndex, length: Length) -> Summary: ...


class LeadSummarizer:
    """The first sentences of the article (placeholder default)."""

    def summarize(self, index: ArticleIndex, length: Length) -> Summary:
        n = length.sentences or {"one-line": 1, "short": 3, "bullets": 4}[length.style]
        chosen: list[Sentence] = list(index.article.sentences[:n])
        generated = " ".join(chosen[0].text.split()[:12]) if chosen else ""
        return Summary(
            headline=index.article.headline or generated,
            generated_headline=generated,
            sentences=tuple(CitedSentence(s.text, s.paragraph) for s in chosen),
            style=length.style,
        )
