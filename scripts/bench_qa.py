"""Speed of question answering: indexing a ~1,000-word article, and one answer once it is indexed.

    python scripts/bench_qa.py --data ../shared/eval/qa/xquad.jsonl [--articles 10] [--threads N]

Articles of about 1,000 words are made by joining the paragraphs of consecutive documents (read
at run time, never stored). Indexing = sentence embeddings + paragraph vectors + both BM25 indexes,
with a fresh ``ArticleIndex`` each time (the model is loaded and warmed up first). An answer =
``HeadlineBot.ask`` on an indexed article, the question's encoding included. Medians are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.evaluate.qa import read_qa
from bot.ingest.segment import build_article
from bot.retrieval.index import ArticleIndex


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", required=True)
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--threads", type=int, help="torch intra-op threads (default: torch's choice)")
    args = parser.parse_args(argv)
    from bot.engine import HeadlineBot

    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    records = read_qa(args.data)
    bot = HeadlineBot()
    bot.embedder.encode(["warm-up sentence"])
    articles, questions = [], []
    paragraphs: list[str] = []
    for record in records:
        paragraphs += record["paragraphs"]
        questions.append([q["question"] for q in record["qas"]][:10])
        if sum(len(p.split()) for p in paragraphs) >= 950:
            articles.append((build_article(paragraphs), [q for qs in questions for q in qs]))
            paragraphs, questions = [], []
        if len(articles) >= args.articles:
            break
    index_ms, per_1000, answer_ms = [], [], []
    for article, asked in articles:
        started = time.perf_counter()
        ArticleIndex(article, bot.embedder).build()
        elapsed = (time.perf_counter() - started) * 1000
        index_ms.append(elapsed)
        per_1000.append(elapsed * 1000 / article.word_count)
        bot.index(article).build()
        for question in asked:
            started = time.perf_counter()
            bot.ask(article, question)
            answer_ms.append((time.perf_counter() - started) * 1000)
    words = statistics.median(a.word_count for a, _ in articles)
    print(f"{len(articles)} articles (median {words:.0f} words), {len(answer_ms)} questions")
    print(
        f"indexing: median {statistics.median(index_ms):.0f} ms per article, "
        f"{statistics.median(per_1000):.0f} ms per 1,000 words"
    )
    print(
        f"answer once indexed: median {statistics.median(answer_ms):.1f} ms, "
        f"p90 {sorted(answer_ms)[int(0.9 * len(answer_ms))]:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
