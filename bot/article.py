"""Typed records for a cleaned, segmented article. Records only: no behaviour beyond views."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict


@dataclass(frozen=True)
class Sentence:
    """One sentence of the body, knowing its paragraph (1-based) and its position in the article."""

    text: str
    paragraph: int
    index: int


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph (or passage) with its 1-based number and its sentences."""

    number: int
    text: str
    sentences: tuple[Sentence, ...]


class CitedSentenceDict(TypedDict):
    """A cited sentence as JSON: the text, the 1-based paragraph supporting it, and whether it does."""

    text: str
    paragraph: int
    supported: bool


@dataclass(frozen=True)
class CitedSentence:
    """A sentence of a summary or an answer, the paragraph that supports it, and whether it does."""

    text: str
    paragraph: int
    supported: bool = True

    def to_dict(self) -> CitedSentenceDict:
        """The JSON form: ``{"text", "paragraph", "supported"}``."""
        return {"text": self.text, "paragraph": self.paragraph, "supported": self.supported}


@dataclass(frozen=True)
class Metadata:
    """What is known about the article's origin; every field may be unknown."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned article: headline apart from the body, numbered paragraphs, what cleaning dropped."""

    headline: str | None
    paragraphs: tuple[Paragraph, ...]
    metadata: Metadata = field(default_factory=Metadata)
    removed: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """All body sentences in article order."""
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @property
    def text(self) -> str:
        """The body as paragraphs separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def word_count(self) -> int:
        """Number of whitespace-separated words in the body."""
        return sum(len(p.text.split()) for p in self.paragraphs)

    def paragraph(self, number: int) -> Paragraph:
        """The paragraph with this 1-based number."""
        return self.paragraphs[number - 1]
