"""``headline-bot eval clean``: extraction quality and speed, side by side with the baselines.

For each record the cleaned body is compared with the ground-truth article text: precision,
recall and F1 over multisets of whitespace tokens (``bot.evaluate.metrics``). Methods, in one
run over the same records:

* ``headline-bot``: this product's cleaner as the app and the CLI run it
  (``bot.ingest.load.clean_source``: ``clean_html`` for HTML, ``clean_text`` for copied page text);
* ``no-cleaning``: the input as it is;
* ``trafilatura`` (HTML files only): ``trafilatura.extract(html, include_comments=False)``.

The kind of file is told from its records: an ``html`` field, or a ``scraped_text`` field.
Records whose ``text`` is null have no ground-truth body: they count for headline accuracy
only. When records carry the page's title (``title``, or ``page_title``), each method that
finds a headline also gets ``headline_accuracy``: the share of titled records whose found
headline matches the title (``bot.evaluate.titles``; no headline is a miss). Headline
baselines: ``no-cleaning`` offers the first line of copied text; ``trafilatura`` the title of
its metadata (``trafilatura.extract_metadata``). ``--predictions PATH`` writes one JSON line
per record with ``headline-bot``'s headline and text.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

from bot.errors import InputError
from bot.evaluate import data
from bot.evaluate.metrics import aggregate, token_prf
from bot.evaluate.titles import headline_matches, record_title

# A method gives the headline it found (None: none, or it does not look for one) and the body text.
Method = Callable[[dict[str, Any]], tuple[str | None, str]]


def input_field(records: list[dict[str, Any]]) -> str:
    """``html`` or ``scraped_text``: which input the records hold (with a ``text`` body or a title).

    >>> input_field([{"html": "<p>x</p>", "text": "x"}]), input_field([{"scraped_text": "x", "text": "x"}])
    ('html', 'scraped_text')
    >>> input_field([{"scraped_text": "x", "text": None, "title": "X"}])
    'scraped_text'
    """
    for name in ("html", "scraped_text"):
        if all(isinstance(r.get(name), str) for r in records) and any(
            isinstance(r.get("text"), str) or record_title(r) for r in records
        ):
            return name
    raise InputError(
        "Each record needs an 'html' or 'scraped_text' field, and a ground-truth 'text' or a "
        "'title' (e.g. ../shared/eval/extraction/scrapinghub.jsonl.gz)."
    )


def methods(field: str) -> dict[str, tuple[Method, bool]]:
    """The methods compared for this kind of input, by name, and whether each finds a headline."""
    from bot.ingest.load import clean_source

    def headline_bot(r: dict[str, Any]) -> tuple[str | None, str]:
        # the product's own routing (HTML, Markdown or copied text), as the app and the CLI clean
        cleaned = clean_source(r[field], url=r.get("url"))
        return cleaned.headline, "\n\n".join(cleaned.paragraphs)

    def no_cleaning(r: dict[str, Any]) -> tuple[str | None, str]:
        first = next((line.strip() for line in str(r[field]).splitlines() if line.strip()), None)
        return (first if field == "scraped_text" else None), str(r[field])

    found: dict[str, tuple[Method, bool]] = {
        "headline-bot": (headline_bot, True),
        "no-cleaning": (no_cleaning, field == "scraped_text"),
    }
    if field == "html":
        import trafilatura

        def trafilatura_alone(r: dict[str, Any]) -> tuple[str | None, str]:
            meta = trafilatura.extract_metadata(r["html"])
            title = getattr(meta, "title", None) if meta is not None else None
            return title or None, trafilatura.extract(r["html"], include_comments=False) or ""

        found["trafilatura"] = (trafilatura_alone, True)
    return found


def evaluate(
    records: list[dict[str, Any]], predictions: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Scores and ms per article of every method over the same records.

    Token scores over the records with a ground-truth ``text``; ``headline_accuracy`` over
    those with a title. ``predictions``, when given, receives ``headline-bot``'s output per record.
    """
    field = input_field(records)
    with_body = [isinstance(r.get("text"), str) for r in records]
    titles = [record_title(r) for r in records]
    results: dict[str, dict[str, float]] = {}
    for name, (method, finds_headline) in methods(field).items():
        method(records[0])  # warm-up: lazy imports and weights are not what we time
        pairs = []
        hits = []
        elapsed = 0.0
        for r, body, title in zip(records, with_body, titles, strict=True):
            start = time.perf_counter()
            headline, predicted = method(r)
            elapsed += time.perf_counter() - start
            if body:
                pairs.append(token_prf(predicted, r["text"]))
            if title:
                hits.append(headline_matches(headline, title))
            if predictions is not None and name == "headline-bot":
                predictions.append(
                    {"id": r.get("id"), "title": title, "headline": headline, "text": predicted}
                    | ({"headline_match": hits[-1]} if title else {})
                )
        scores = aggregate(pairs) if pairs else {}
        if finds_headline and hits:
            scores["headline_accuracy"] = sum(hits) / len(hits)
        scores["ms_per_article"] = 1000 * elapsed / len(records)
        results[name] = scores
    out: dict[str, Any] = {"records": len(records), "methods": results}
    if not all(with_body):
        out["records_with_body"] = sum(with_body)
    if any(titles):
        out["records_with_title"] = sum(1 for t in titles if t)
    return out


def format_table(result: dict[str, Any], data: str) -> str:
    """A readable table of the results.

    >>> print(format_table({"records": 2, "methods": {"no-cleaning": {"precision": 0.5, "recall": 1.0,
    ...     "f1": 0.667, "ms_per_article": 0.01}}}, "x.jsonl"))
    Extraction on x.jsonl (2 records): token precision / recall / F1
    method         precision  recall     F1  ms/article
    no-cleaning        0.500   1.000  0.667        0.01
    """
    with_body = result.get("records_with_body", result["records"])
    titled = result.get("records_with_title")
    lines = [
        f"Extraction on {data} ({result['records']} records): token precision / recall / F1",
        f"{'method':<14} {'precision':>9} {'recall':>7} {'F1':>6} {'ms/article':>11}"
        + (f" {'headline':>9}" if titled else ""),
    ]
    for name, m in result["methods"].items():
        scores = f"{m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f}" if "f1" in m else f"{'-':>24}"
        row = f"{name:<14} {scores} {m['ms_per_article']:>11.2f}"
        if titled:
            row += f" {m['headline_accuracy']:>9.3f}" if "headline_accuracy" in m else f" {'-':>9}"
        lines.append(row)
    if with_body != result["records"]:
        lines.append(f"token scores over the {with_body} records with a ground-truth body")
    if titled:
        lines.append(f"headline: share of the {titled} titled records whose found headline matches the title")
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    """Run the evaluation for ``headline-bot eval clean`` and print a table or one JSON object."""
    records = data.read_jsonl(args.data, args.limit)
    path = getattr(args, "predictions", None)
    predictions: list[dict[str, Any]] | None = [] if path else None
    result = evaluate(records, predictions)
    if path and predictions is not None:
        _write_predictions(path, predictions)
    if getattr(args, "json", False):
        print(json.dumps(result))
    else:
        print(format_table(result, args.data))
    return 0


def _write_predictions(path: str, predictions: list[dict[str, Any]]) -> None:
    """One JSON line per record: id, title, the headline and text that headline-bot found."""
    try:
        with open(path, "w", encoding="utf-8") as fh:
            for row in predictions:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise InputError(
            f"Cannot write the predictions to {path} ({exc.strerror}); check the path."
        ) from None
