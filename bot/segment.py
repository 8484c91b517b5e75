"""Paragraphs and sentences. (Placeholder owned by the cleaning work: to be completed.)"""

from __future__ import annotations

from collections.abc import Sequence

from bot.article import Article, Metadata, Paragraph, Sentence


def split_sentences(text: str) -> list[str]:
    """Split text into sentences with nupunkt.

    >>> split_sentences('Mr. Smith went to the U.S. on Jan. 19. He left.')
    ['Mr. Smith went to the U.S. on Jan. 19.', 'He left.']
    """
    import nupunkt

    return [s.strip() for s in nupunkt.sent_tokenize(text) if s.strip()]


def build_article(
    paragraphs: Sequence[str],
    *,
    headline: str | None = None,
    metadata: Metadata | None = None,
    removed: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> Article:
    """Number paragraphs from 1 and split each into sentences that know their paragraph."""
    built: list[Paragraph] = []
    index = 0
    for number, text in enumerate(paragraphs, start=1):
        sentences = []
        for s in split_sentences(text) or [text]:
            sentences.append(Sentence(text=s, paragraph=number, index=index))
            index += 1
        built.append(Paragraph(number=number, text=text, sentences=tuple(sentences)))
    return Article(
        headline=headline,
        paragraphs=tuple(built),
        metadata=metadata or Metadata(),
        removed=tuple(removed),
        notes=tuple(notes),
    )
