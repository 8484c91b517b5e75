"""Summarise a JSON Lines file of articles: batched encoding, a progress bar, resumable.

Input: one JSON object per line with an ``id`` and one of ``text``, ``html`` or ``url``. Output:
one JSON object per input record, in input order, with the ``id``, the input ``line`` number and
either the summary (``headline``, ``summary``, ``sentences``) or an ``error`` (the one-line reason
the record could not be summarised; the run carries on). The output is appended to and flushed
record by record, so an interrupted run resumes where it stopped: records whose id is already in
the output are skipped (a half-written last line is dropped first).

The sentences of ``chunk_size`` articles at a time are encoded in one call, so the encoder sees
long, length-sorted batches instead of one short article at a time.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np

from bot.errors import HeadlineBotError, InputError

if TYPE_CHECKING:
    import argparse

    from bot.article import Article
    from bot.engine import HeadlineBot
    from bot.models.embed import Embedder
    from bot.summarize.base import Length, Summary

SOURCE_FIELDS = ("text", "html", "url")


@dataclass(frozen=True)
class BatchRecord:
    """One input line: its number, its id (None when unreadable) and its source, or why it is bad."""

    line: int
    id: str | None
    field: str | None = None
    value: str | None = None
    error: str | None = None

    @property
    def key(self) -> str:
        """What identifies the record in the output (its id, else its line number)."""
        return self.id if self.id is not None else f"line {self.line}"


@dataclass(frozen=True)
class BatchResult:
    """Counts of one run."""

    done: int
    failed: int
    skipped: int


def parse_line(line: str, number: int) -> BatchRecord:
    """Read one input line; a bad one becomes a record carrying its error.

    >>> parse_line('{"id": 7, "text": "Body."}', 1)
    BatchRecord(line=1, id='7', field='text', value='Body.', error=None)
    >>> parse_line('{"id": "a"}', 2).error
    'the record has none of text, html or url'
    >>> parse_line('{"id": "b", "text": "  "}', 2).error
    "the record's text is empty"
    >>> parse_line('not json', 3).error
    'line 3 is not a JSON object'
    """
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        obj = None
    if not isinstance(obj, dict):
        return BatchRecord(number, None, error=f"line {number} is not a JSON object")
    raw_id = obj.get("id")
    rid = None if raw_id is None or isinstance(raw_id, (dict, list)) else str(raw_id)
    if rid is None:
        return BatchRecord(number, None, error="the record has no id")
    fields = [f for f in SOURCE_FIELDS if isinstance(obj.get(f), str) and obj[f].strip()]
    if not fields:
        blank = next((f for f in SOURCE_FIELDS if isinstance(obj.get(f), str)), None)
        if blank is not None:  # {"id": "b", "text": ""}: say which field is empty
            return BatchRecord(number, rid, error=f"the record's {blank} is empty")
        return BatchRecord(number, rid, error="the record has none of text, html or url")
    return BatchRecord(number, rid, fields[0], obj[fields[0]])


def read_records(path: Path) -> Iterator[BatchRecord]:
    """The non-blank lines of ``path``, parsed."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip():
                yield parse_line(line, number)


def finished_keys(output: Path) -> set[str]:
    """Keys already in the output; a partial last line (an interrupted write) is cut off first."""
    if not output.is_file():
        return set()
    data = output.read_bytes()
    end = data.rfind(b"\n") + 1
    if end < len(data):
        with output.open("r+b") as fh:
            fh.truncate(end)
    keys = set()
    for line in data[:end].decode("utf-8", errors="replace").splitlines():
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            keys.add(str(obj["id"]) if obj.get("id") is not None else f"line {obj.get('line')}")
    return keys


class PrecomputedEmbedder:
    """Answers ``encode`` from vectors computed ahead for known texts; asks ``inner`` for the rest."""

    def __init__(self, inner: Embedder, texts: Sequence[str]) -> None:
        self.inner = inner
        unique = list(dict.fromkeys(texts))
        vectors = inner.encode(unique) if unique else np.zeros((0, 384), dtype=np.float32)
        self._vectors = dict(zip(unique, vectors, strict=True))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Rows for ``texts``, from the precomputed ones where possible."""
        missing = [t for t in texts if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self.inner.encode(missing), strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack([self._vectors[t] for t in texts]).astype(np.float32)


def summary_payload(summary: Summary) -> dict[str, Any]:
    """The JSON fields of a summary (as ``headline-bot summarize --json`` prints them)."""
    return {
        "headline": summary.headline,
        "generated_headline": summary.generated_headline,
        "summary": summary.text,
        "sentences": [
            {"text": s.text, "paragraph": s.paragraph, "supported": s.supported} for s in summary.sentences
        ],
    }


def _load(bot: HeadlineBot, record: BatchRecord) -> Article:
    from bot.ingest.load import load_article

    assert record.value is not None
    if record.field == "url":
        return bot.load_url(record.value)
    return load_article(record.value, settings=bot.settings)


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, HeadlineBotError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def summarize_chunk(
    bot: HeadlineBot, records: Sequence[BatchRecord], length: Length
) -> Iterator[dict[str, Any]]:
    """One output object per record, the sentences of all the chunk's articles encoded together."""
    from bot.retrieval.index import ArticleIndex

    articles: dict[int, Article | BaseException] = {}
    for i, record in enumerate(records):
        if record.error is None:
            try:
                articles[i] = _load(bot, record)
            except Exception as exc:  # one bad record must not stop the run
                articles[i] = exc
    texts = [s.text for a in articles.values() if not isinstance(a, BaseException) for s in a.sentences]
    shared = PrecomputedEmbedder(bot.embedder, texts)
    for i, record in enumerate(records):
        head: dict[str, Any] = {"id": record.id, "line": record.line}
        found = articles.get(i)
        if record.error is not None or found is None:
            yield {**head, "error": record.error}
            continue
        if isinstance(found, BaseException):
            yield {**head, "error": _error_text(found)}
            continue
        try:
            summary = bot.summarizer.summarize(ArticleIndex(found, shared), length)
        except Exception as exc:  # one bad record must not stop the run
            yield {**head, "error": _error_text(exc)}
            continue
        yield {**head, **summary_payload(summary), "notes": [*found.notes, *summary.notes]}


def _chunks(records: Iterable[BatchRecord], size: int) -> Iterator[list[BatchRecord]]:
    chunk: list[BatchRecord] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(
    bot: HeadlineBot,
    source: Path,
    output: Path,
    length: Length,
    *,
    chunk_size: int = 16,
    progress: bool | None = None,
    stream: TextIO | None = None,
) -> BatchResult:
    """Summarise every record of ``source`` not yet in ``output``, appending to ``output``.

    ``progress``: show a tqdm bar (rate and ETA) on ``stream`` (standard error); None = only
    when that is a terminal.
    """
    if not source.is_file():
        raise InputError(f"No such file: {source}. Give a JSON Lines file with id and text|html|url.")
    done_keys = finished_keys(output)
    todo = [r for r in read_records(source) if r.key not in done_keys]
    skipped = len(done_keys)
    stream = stream or sys.stderr
    show = stream.isatty() if progress is None else progress
    from tqdm import tqdm

    done = failed = 0
    output.parent.mkdir(parents=True, exist_ok=True)
    with (
        output.open("a", encoding="utf-8") as out,
        tqdm(total=len(todo), unit="article", disable=not show, file=stream, smoothing=0.1) as bar,
    ):
        for chunk in _chunks(todo, chunk_size):
            for row in summarize_chunk(bot, chunk, length):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                out.flush()
                failed += "error" in row
                done += "error" not in row
                bar.update(1)
    return BatchResult(done=done, failed=failed, skipped=skipped)


def run_batch_cli(args: argparse.Namespace, bot: HeadlineBot, length: Length) -> int:
    """``headline-bot summarize --batch IN -o OUT``: run, then one summary line on standard error."""
    if not args.batch or not args.output:
        raise InputError("Batch mode needs both --batch INPUT.jsonl and -o OUTPUT.jsonl.")
    if args.source is not None:
        raise InputError("Give either a source or --batch, not both.")
    result = run_batch(bot, Path(args.batch), Path(args.output), length)
    from bot.prompts import render

    message = render(
        "batch_done", done=result.done, failed=result.failed, skipped=result.skipped, output=args.output
    )
    print(f"headline-bot: {message}", file=sys.stderr)
    return 0
