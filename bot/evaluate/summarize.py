"""``headline-bot eval summarize``: ROUGE and speed of the summariser against baselines, one run.

Methods, all on the same records: ``headline-bot`` (the product's ``NewsSummarizer`` with the scorer
the settings name, the trained scorer by default, in its default ``short`` style, about three
sentences; its time includes encoding the sentences), the same summariser with the other named
scorer: ``hand-set-prior`` (the former hand-set news prior, a baseline) or, when the settings
pick the prior, ``trained-model`` (the learned scorer of ``bot.summarize.model``),
``lead-3`` and sumy's ``lexrank`` and ``textrank`` with 3 sentences.
XSum has one-sentence references, so on XSum every method gives one sentence (``one-line`` style)
and the Lead baseline is ``lead-1``. XSum is recognised by "xsum" in the file name, or else by
references averaging under 1.5 sentences.

ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (rouge-score, stemming on), in percent; for ROUGE-Lsum the
reference and the summary have one sentence per line. The article's paragraphs are the record's
blank-line-separated blocks (CNN/DailyMail and XSum records are one block).

``--predictions PATH`` writes one JSON line per record: ``id``, ``reference`` and ``predictions``
(each method's sentences), so errors can be read and methods compared.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.article import Article
from bot.evaluate.baselines import lead, sumy_summarizer
from bot.evaluate.news import read_jsonl, record_article, reference_lines
from bot.evaluate.rouge import RougeMeter
from bot.ingest.segment import split_sentences

Method = Callable[[Article, int], list[str]]


def is_single_sentence_data(path: str | Path, references: list[str]) -> bool:
    """XSum-like data: "xsum" in the file name, or references of under 1.5 sentences on average.

    >>> is_single_sentence_data("data/xsum.jsonl", [])
    True
    >>> is_single_sentence_data("news.jsonl", ["One. Two.", "Three. Four. Five."])
    False
    """
    if "xsum" in Path(path).name.lower():
        return True
    counts = [len(split_sentences(r)) for r in references[:200]]
    return bool(counts) and statistics.mean(counts) < 1.5


def headline_bot_method(scorer: str | None = None) -> Method:
    """The product's summariser, with a fresh index per article (encoding is timed).

    ``scorer``: "trained" or "hand-set-prior" swaps in that scorer; None keeps the settings' one.
    """
    from bot.engine import HeadlineBot
    from bot.retrieval.index import ArticleIndex
    from bot.summarize.base import Length
    from bot.summarize.extractive import NewsSummarizer
    from bot.summarize.scorer import hand_set_prior

    bot = HeadlineBot()
    summarizer, embedder = bot.summarizer, bot.embedder
    if scorer == "hand-set-prior":
        summarizer = NewsSummarizer(hand_set_prior())
    elif scorer == "trained":
        from bot.summarize.model import SentenceModel

        summarizer = NewsSummarizer(SentenceModel.load())
    embedder.encode(["warm up"])

    def run(article: Article, n: int) -> list[str]:
        length = Length("one-line") if n == 1 else Length("short")
        summary = summarizer.summarize(ArticleIndex(article, embedder), length)
        return [s.text for s in summary.sentences]

    return run


def evaluate(records: list[dict[str, Any]], methods: dict[str, Method], n: int) -> dict[str, Any]:
    """ROUGE F1 (percent) and ms per article for each method on the same records."""
    articles = [record_article(r) for r in records]
    references = [reference_lines(r.get("reference", "")) for r in records]
    results: dict[str, dict[str, float]] = {}
    predictions: list[dict[str, Any]] = [
        {"id": r.get("id", str(k)), "reference": r.get("reference", ""), "predictions": {}}
        for k, r in enumerate(records)
    ]
    for name, method in methods.items():
        meter = RougeMeter()
        elapsed = 0.0
        for article, reference, row in zip(articles, references, predictions, strict=True):
            start = time.perf_counter()
            sentences = method(article, n)
            elapsed += time.perf_counter() - start
            meter.add(reference, "\n".join(sentences))
            row["predictions"][name] = sentences
        results[name] = {k: round(v, 2) for k, v in meter.means().items()} | {
            "ms_per_article": round(1000 * elapsed / len(records), 4)
        }
    return {"records": len(records), "methods": results, "predictions": predictions}


def write_predictions(path: str | Path, rows: list[dict[str, Any]]) -> None:
    """One JSON object per line (UTF-8), for reading errors and comparing methods."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(args: argparse.Namespace) -> int:
    records = read_jsonl(args.data, args.limit)
    single = is_single_sentence_data(args.data, [r.get("reference", "") for r in records])
    n = 1 if single else 3
    from bot.config import Settings

    other = "trained" if Settings.from_env().summary_scorer == "prior" else "hand-set-prior"
    methods: dict[str, Method] = {
        "headline-bot": headline_bot_method(),
        "trained-model" if other == "trained" else other: headline_bot_method(other),
        f"lead-{n}": lead,
        "lexrank": sumy_summarizer("lexrank"),
        "textrank": sumy_summarizer("textrank"),
    }
    result = evaluate(records, methods, n)
    rows = result.pop("predictions")
    if getattr(args, "predictions", None):
        write_predictions(args.predictions, rows)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{Path(args.data).name}: {result['records']} records, {n} sentence(s) per summary (ROUGE F1, %)")
    print(f"{'method':15s} {'R-1':>6s} {'R-2':>6s} {'R-Lsum':>7s} {'ms/article':>11s}")
    for name, row in result["methods"].items():
        print(
            f"{name:15s} {row['rouge1']:6.2f} {row['rouge2']:6.2f} {row['rougeLsum']:7.2f} "
            f"{row['ms_per_article']:11.2f}"
        )
    return 0
