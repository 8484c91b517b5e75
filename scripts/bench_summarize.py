"""Speed of the default summariser: median ms per CNN/DailyMail article, and scaling with length.

Times ``HeadlineBot.summarize`` on a fresh index per article, so sentence encoding is included (as
for a new article in the app). Scaling: synthetic articles of about 1k, 10k and 50k words made by
repeating CNN/DailyMail articles' sentences in paragraphs (the article-length limit of the loader is
bypassed on purpose, the articles are built directly).

    python scripts/bench_summarize.py --data ../shared/eval/summarization/cnndm.jsonl
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.engine import HeadlineBot
from bot.evaluate.news import read_jsonl, record_article
from bot.ingest.segment import build_article, split_sentences
from bot.retrieval.index import ArticleIndex
from bot.summarize.base import Length


def time_summary(bot: HeadlineBot, article) -> tuple[float, float]:
    """(total ms, of which encoding ms) for one article, on a fresh index."""
    index = ArticleIndex(article, bot.embedder)
    start = time.perf_counter()
    index.sentence_vectors  # noqa: B018 - the encoding, timed on its own
    encoded = time.perf_counter()
    bot.summarizer.summarize(index, Length())
    done = time.perf_counter()
    return 1000 * (done - start), 1000 * (encoded - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="cnndm.jsonl")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--sizes", default="1000,10000,50000", help="word counts for the scaling run")
    args = parser.parse_args()

    bot = HeadlineBot()
    records = read_jsonl(args.data, args.limit)
    articles = [record_article(r) for r in records]
    bot.summarize(articles[0])  # load the model and the weights once
    totals, encodes = zip(*(time_summary(bot, a) for a in articles), strict=True)
    sentences = statistics.median(len(a.sentences) for a in articles)
    print(f"CNN/DailyMail, {len(articles)} articles (median {sentences:.0f} sentences):")
    print(
        f"  median {statistics.median(totals):.1f} ms per article "
        f"(encoding {statistics.median(encodes):.1f} ms), p90 {sorted(totals)[int(0.9 * len(totals))]:.1f} ms"
    )

    pool = [s for r in records for s in split_sentences(r["article"])]
    print("scaling (one article each):")
    for size in (int(s) for s in args.sizes.split(",")):
        paragraphs, words, i = [], 0, 0
        while words < size:
            chunk = pool[i % len(pool) : i % len(pool) + 4]
            i += 4
            paragraphs.append(" ".join(chunk))
            words += sum(len(s.split()) for s in chunk)
        article = build_article(paragraphs)
        total, encode = time_summary(bot, article)
        print(
            f"  {article.word_count:6d} words, {len(article.sentences):5d} sentences: {total:9.1f} ms "
            f"(encoding {encode:9.1f} ms, rest {total - encode:7.1f} ms, "
            f"{1000 * total / article.word_count:.2f} ms per 1k words)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
