#!/usr/bin/env python
"""Time the cleaner on a 1,000-word scraped article (ours, from tests/data), median of many runs.

Usage::

    python scripts/bench_clean.py [--runs 200]

The article is ``tests/data/harbour-article.txt`` (debris and all) with its body paragraphs
repeated until the body reaches 1,000 words. Prints the median and 90th percentile in ms for
``clean_text`` alone and for the whole ``load_article`` (cleaning plus sentence splitting), and
the median CPU time (user + system of this process), which a busy machine disturbs far less.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.ingest.clean import clean_text  # noqa: E402
from bot.ingest.load import load_article  # noqa: E402


def thousand_word_article() -> str:
    """The harbour article with its body repeated to 1,000 words, debris kept in place."""
    page = (ROOT / "tests" / "data" / "harbour-article.txt").read_text(encoding="utf-8")
    body = list(clean_text(page).paragraphs)
    head, _, tail = page.partition(body[-1])
    extra: list[str] = []
    words = sum(len(p.split()) for p in body)
    i = 0
    while words < 1000:
        extra.append(body[i % len(body)])
        words += len(extra[-1].split())
        i += 1
    return head + body[-1] + "\n\n" + "\n\n".join(extra) + tail


def forget_lines() -> None:
    """Empty the per-line caches of the debris rules, so that every run sees the article anew."""
    from bot.ingest import debris, linefeatures

    debris._short_line_kind.cache_clear()
    linefeatures._debris_word_count.cache_clear()


def timed(fn: Callable[[str], object], text: str, runs: int) -> tuple[float, float, float]:
    """Median and 90th percentile wall-clock ms, and median CPU ms (line caches emptied each run)."""
    fn(text)
    times, cpu = [], []
    for _ in range(runs):
        forget_lines()
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(text)
        times.append(1000 * (time.perf_counter() - start))
        cpu.append(1000 * (time.process_time() - start_cpu))
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))], statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    text = thousand_word_article()
    words = sum(len(p.split()) for p in clean_text(text).paragraphs)
    print(
        f"article: {words} body words, {len(text.split())} words with debris, {len(text.splitlines())} lines"
    )
    functions: list[tuple[str, Callable[[str], object]]] = [
        ("clean_text", clean_text),
        ("load_article", load_article),
    ]
    for name, fn in functions:
        median, p90, cpu = timed(fn, text, args.runs)
        print(f"{name:<13} median {median:6.2f} ms   p90 {p90:6.2f} ms   CPU median {cpu:6.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
