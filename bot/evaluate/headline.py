"""``headline-bot eval headline``: generated headlines against the real ones (ROUGE-1/L F1).

Baseline: the article's first sentence cut to its first 10 words. The article's own headline is
hidden from the generator. Needs records with ``headline`` and ``article`` (e.g. ``bbc.jsonl.gz``).
``malformed`` counts the headlines that break a rule of ``bot.summarize.wellformed`` (over 12
words, an unbalanced quote or bracket, ending on a function word or mid-phrase).

``--predictions PATH`` writes one JSON line per record: ``id``, ``reference`` (the real headline),
``predictions`` (each method's headline) and ``problems`` (the rules each one breaks).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any, TypedDict

from bot.article import Article
from bot.errors import InputError
from bot.evaluate.news import read_jsonl, record_article
from bot.evaluate.rouge import RougeMeter
from bot.summarize.wellformed import headline_problems


def first_words(article: Article, n: int = 10) -> str:
    """The baseline: the first ``n`` words of the first sentence.

    >>> from bot.ingest.segment import build_article
    >>> first_words(build_article(["One two three. Four."]), 2)
    'One two'
    """
    sentences = article.sentences
    return " ".join(sentences[0].text.split()[:n]) if sentences else ""


class HeadlineReport(TypedDict):
    """Headline scores: how many records were used, and each method's ROUGE F1, words and speed."""

    records: int
    methods: dict[str, dict[str, float]]
    predictions: list[dict[str, Any]]
    """One row per record: id, reference, each method's headline and its problems."""


def evaluate(records: list[dict[str, Any]], methods: dict[str, Callable[[Article], str]]) -> HeadlineReport:
    """ROUGE-1/L F1 (percent), mean words and ms per article for each method, on the same records."""
    usable = [r for r in records if str(r.get("headline") or "").strip()]
    if not usable:
        raise InputError('No record has a "headline" field; use a file with real headlines (bbc.jsonl.gz).')
    articles = [record_article(r, with_headline=False) for r in usable]
    out: dict[str, dict[str, float]] = {}
    rows: list[dict[str, Any]] = [
        {"id": r.get("id", str(k)), "reference": r["headline"], "predictions": {}, "problems": {}}
        for k, r in enumerate(usable)
    ]
    for name, method in methods.items():
        meter = RougeMeter(("rouge1", "rougeL"))
        words = 0
        malformed = 0
        elapsed = 0.0
        for record, article, row in zip(usable, articles, rows, strict=True):
            start = time.perf_counter()
            predicted = method(article)
            elapsed += time.perf_counter() - start
            words += len(predicted.split())
            meter.add(record["headline"], predicted)
            problems = headline_problems(predicted)
            malformed += bool(problems)
            row["predictions"][name] = predicted
            row["problems"][name] = problems
        out[name] = {k: round(v, 2) for k, v in meter.means().items()} | {
            "words": round(words / len(usable), 2),
            "malformed": malformed,
            "ms_per_article": round(1000 * elapsed / len(usable), 3),
        }
    return {"records": len(usable), "methods": out, "predictions": rows}


def main(args: argparse.Namespace) -> int:
    from bot.summarize.headline import generate_headline

    result = evaluate(
        read_jsonl(args.data, args.limit),
        {"headline-bot": generate_headline, "first-10-words": first_words},
    )
    rows = result["predictions"]
    if getattr(args, "predictions", None):
        from bot.evaluate.summarize import write_predictions

        write_predictions(args.predictions, rows)
    if args.json:
        print(json.dumps({"records": result["records"], "methods": result["methods"]}, indent=2))
        return 0
    print(f"Headlines on {result['records']} records (ROUGE F1, %)")
    print(f"{'method':16s} {'R-1':>6s} {'R-L':>6s} {'words':>6s} {'malformed':>9s} {'ms/article':>11s}")
    for name, row in result["methods"].items():
        scores = f"{row['rouge1']:6.2f} {row['rougeL']:6.2f} {row['words']:6.1f} {row['malformed']:9d}"
        print(f"{name:16s} {scores} {row['ms_per_article']:11.3f}")
    return 0
