"""News summarisation records (JSON Lines, optionally gzipped) and the ``Article`` built from each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.article import Article
from bot.evaluate import data
from bot.ingest.segment import build_article, split_sentences


def read_jsonl(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The records of a ``.jsonl`` or ``.jsonl.gz`` file, each with an ``article`` text field."""
    return data.read_jsonl(path, limit, required={"article": str})


def record_article(record: dict[str, Any], *, with_headline: bool = True) -> Article:
    """The record's article, paragraphs split at blank lines, segmented like any input.

    >>> a = record_article({"article": "One. Two.\\n\\nThree.", "headline": "H"})
    >>> a.headline, [s.paragraph for s in a.sentences]
    ('H', [1, 1, 2])
    """
    paragraphs = [" ".join(p.split()) for p in record["article"].split("\n\n") if p.strip()]
    headline = record.get("headline") if with_headline else None
    return build_article(paragraphs, headline=headline or None)


def reference_lines(reference: str) -> str:
    """A reference summary with one sentence per line, as ROUGE-Lsum expects.

    >>> reference_lines("It rained. The match was off.")
    'It rained.\\nThe match was off.'
    """
    return "\n".join(split_sentences(reference))
