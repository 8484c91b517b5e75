"""``headline-bot eval clean``: extraction quality and speed, side by side with the baselines.

For each record the cleaned body is compared with the ground-truth article text: precision,
recall and F1 over multisets of whitespace tokens (``bot.evaluate.metrics``). Methods, in one
run over the same records:

* ``headline-bot``: this product's cleaner (``clean_text`` for copied page text,
  ``clean_html`` for HTML);
* ``no-cleaning``: the input as it is;
* ``trafilatura`` (HTML files only): ``trafilatura.extract(html, include_comments=False)``.

The kind of file is told from its records: an ``html`` field, or a ``scraped_text`` field.
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

Method = Callable[[dict[str, Any]], str]


def input_field(records: list[dict[str, Any]]) -> str:
    """``html`` or ``scraped_text``: which input the records hold (they must also hold ``text``).

    >>> input_field([{"html": "<p>x</p>", "text": "x"}]), input_field([{"scraped_text": "x", "text": "x"}])
    ('html', 'scraped_text')
    """
    first = records[0]
    for name in ("html", "scraped_text"):
        if name in first and "text" in first:
            return name
    raise InputError(
        "The records need a ground-truth 'text' field and an 'html' or 'scraped_text' field "
        "(e.g. ../shared/eval/extraction/scrapinghub.jsonl.gz)."
    )


def methods(field: str) -> dict[str, Method]:
    """The methods compared for this kind of input, by name."""
    from bot.ingest.clean import clean_html, clean_text

    def headline_bot(r: dict[str, Any]) -> str:
        cleaned = clean_html(r["html"], url=r.get("url")) if field == "html" else clean_text(r[field])
        return "\n\n".join(cleaned.paragraphs)

    def no_cleaning(r: dict[str, Any]) -> str:
        return str(r[field])

    found: dict[str, Method] = {"headline-bot": headline_bot, "no-cleaning": no_cleaning}
    if field == "html":
        import trafilatura

        def trafilatura_alone(r: dict[str, Any]) -> str:
            return trafilatura.extract(r["html"], include_comments=False) or ""

        found["trafilatura"] = trafilatura_alone
    return found


def evaluate(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Scores and ms per article of every method over the same records."""
    field = input_field(records)
    results: dict[str, dict[str, float]] = {}
    for name, method in methods(field).items():
        method(records[0])  # warm-up: lazy imports and weights are not what we time
        pairs = []
        elapsed = 0.0
        for r in records:
            start = time.perf_counter()
            predicted = method(r)
            elapsed += time.perf_counter() - start
            pairs.append(token_prf(predicted, r["text"]))
        scores = aggregate(pairs)
        scores["ms_per_article"] = 1000 * elapsed / len(records)
        results[name] = scores
    return {"records": len(records), "methods": results}


def format_table(result: dict[str, Any], data: str) -> str:
    """A readable table of the results.

    >>> print(format_table({"records": 2, "methods": {"no-cleaning": {"precision": 0.5, "recall": 1.0,
    ...     "f1": 0.667, "ms_per_article": 0.01}}}, "x.jsonl"))
    Extraction on x.jsonl (2 records): token precision / recall / F1
    method         precision  recall     F1  ms/article
    no-cleaning        0.500   1.000  0.667        0.01
    """
    lines = [
        f"Extraction on {data} ({result['records']} records): token precision / recall / F1",
        f"{'method':<14} {'precision':>9} {'recall':>7} {'F1':>6} {'ms/article':>11}",
    ]
    for name, m in result["methods"].items():
        scores = f"{m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f}"
        lines.append(f"{name:<14} {scores} {m['ms_per_article']:>11.2f}")
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    """Run the evaluation for ``headline-bot eval clean`` and print a table or one JSON object."""
    records = data.read_jsonl(args.data, args.limit)
    result = evaluate(records)
    if getattr(args, "json", False):
        print(json.dumps(result))
    else:
        print(format_table(result, args.data))
    return 0
