"""Evaluation records: JSON Lines, optionally gzipped, read and checked with one-line errors."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any


def read_jsonl(
    path: str | Path, limit: int | None = None, *, required: Mapping[str, type] | None = None
) -> list[dict[str, Any]]:
    """The records of a ``.jsonl`` or ``.jsonl.gz`` file, the first ``limit`` when given.

    Each record must be an object holding the ``required`` fields with the given types.

    >>> import tempfile, os
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = os.path.join(folder.name, "two.jsonl")
    >>> _ = open(path, "w").write('{"article": "One."}\\n\\n{"article": "Two."}\\n')
    >>> [r["article"] for r in read_jsonl(path, required={"article": str})]
    ['One.', 'Two.']
    >>> read_jsonl(path, required={"qas": list})
    Traceback (most recent call last):
    ...
    bot.errors.InputError: ...two.jsonl, line 1: each record needs "qas" (a list).
    >>> folder.cleanup()
    """
    from bot.errors import InputError

    file = Path(path)
    if not file.is_file():
        raise InputError(f"No such data file: {path}. Give the path to a .jsonl or .jsonl.gz file.")
    needs = dict(required or {})
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
        missing = [
            name
            for name, kind in needs.items()
            if not isinstance(record, dict) or not isinstance(record.get(name), kind)
        ]
        if missing:
            wanted = ", ".join(f'"{name}" (a {_kind_name(needs[name])})' for name in missing)
            raise InputError(f"{path}, line {number}: each record needs {wanted}.")
        records.append(record)
        if limit is not None and len(records) >= limit:
            break
    if not records:
        raise InputError(f"{path} holds no records.")
    return records


def _kind_name(kind: type) -> str:
    names: dict[type, str] = {str: "text", list: "list", dict: "object"}
    return names.get(kind, kind.__name__)


def _lines(file: Path) -> Iterator[str]:
    from bot.errors import InputError

    opener: Any = gzip.open if file.name.endswith(".gz") else open
    try:
        with opener(file, "rt", encoding="utf-8") as fh:
            yield from fh
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise InputError(
            f"Cannot read {file} as JSON Lines ({exc.__class__.__name__}); check the path."
        ) from None
