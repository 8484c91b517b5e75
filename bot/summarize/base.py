"""What every summariser shares: styles, the requested ``Length``, the ``Summary`` record and the
``Summarizer`` interfaces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from bot.article import CitedSentence

if TYPE_CHECKING:
    from bot.retrieval.index import ArticleIndex

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
    notes: tuple[str, ...] = ()
    """One-line notes for the person (e.g. a generation stopped at its time limit)."""

    @property
    def text(self) -> str:
        """The summary as shown: bullets for the bullets style, else one paragraph."""
        if self.style == "bullets":
            return "\n".join(f"• {s.text}" for s in self.sentences)
        return " ".join(s.text for s in self.sentences)


class Summarizer(Protocol):
    """Anything that turns an indexed article into a ``Summary`` of the requested length."""

    def summarize(self, index: ArticleIndex, length: Length) -> Summary: ...
