"""News summarisation records (JSON Lines, optionally gzipped) and the ``Article`` built from each."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.article import Article
from bot.errors import InputError
from bot.segment import build_article, split_sentences


def read_jsonl(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The records of a ``.jsonl`` or ``.jsonl.gz`` file (the first ``limit`` when given)."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"No such data file: {path}. Give the path to a .jsonl or .jsonl.gz file.")
    records: list[dict[str, Any]] = []
    for number, line in enumerate(_lines(file), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise InputError(
                f"{path}, line {number}: not valid JSON; expected one object per line."
            ) from None
        if not isinstance(record, dict) or not isinstance(record.get("article"), str):
            raise InputError(f'{path}, line {number}: each record needs an "article" text field.')
        records.append(record)
        if limit is not None and len(records) >= limit:
            break
    if not records:
        raise InputError(f"{path} holds no records.")
    return records


def _lines(file: Path) -> Iterator[str]:
    opener = gzip.open if file.name.endswith(".gz") else open
    try:
        with opener(file, "rt", encoding="utf-8") as fh:
            yield from fh
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"Cannot read {file}: {exc}") from None


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
