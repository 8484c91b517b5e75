"""Input in, article out: decode bytes, tell HTML from text, clean, segment.

(Placeholder owned by the cleaning work: detection and cleaning to be completed.)
"""

from __future__ import annotations

from bot.article import Article, Metadata
from bot.config import Settings
from bot.errors import EmptyInputError
from bot.segment import build_article


def load_article(source: str | bytes, *, settings: Settings | None = None, url: str | None = None) -> Article:
    """Turn pasted text, HTML or raw bytes into an ``Article``."""
    text = source.decode("utf-8") if isinstance(source, bytes) else source
    if not text.strip():
        raise EmptyInputError("The input is empty; paste an article, or give a file, HTML or a URL.")
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    return build_article(blocks, metadata=Metadata(url=url))
