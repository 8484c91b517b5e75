"""The sentence encoder paths side by side: parity, indexing speed and batch throughput.

1. Parity: cosine between the fast path's vectors and transformers' (float32 against float32,
   int8 against float32) on the seed article's sentences and the first 200 sentences of the
   CNN/DailyMail evaluation file.
2. Indexing one CNN/DailyMail article (sentence vectors, paragraph vectors, both BM25 indexes) on
   a fresh index, for each encoder in turn, article by article in one run: median and p90 ms.
3. Batch: ``summarize --batch`` throughput over the same articles (articles per second).

    python scripts/bench_encoder.py --data ../shared/eval/summarization/cnndm.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.config import Settings
from bot.engine import HeadlineBot
from bot.evaluate.news import read_jsonl, record_article
from bot.ingest.load import load_article
from bot.ingest.segment import split_sentences
from bot.models.embed import MiniLMEmbedder
from bot.models.onnx_embed import OnnxEmbedder, prepare
from bot.retrieval.index import ArticleIndex
from bot.summarize.base import Length

ROOT = Path(__file__).resolve().parent.parent
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT)
SEED = SHARED / "examples" / "scraped-article.txt"


def cosines(a: np.ndarray, b: np.ndarray) -> str:
    c = np.sum(a * b, axis=1)
    return f"min {c.min():.7f}, mean {c.mean():.7f}"


def parity(records: list[dict], seed: Path) -> None:
    seed_sentences = [s.text for s in load_article(seed.read_bytes().decode("utf-8")).sentences]
    eval_sentences = [s for r in records for s in split_sentences(r["article"]) if s.strip()][:200]
    reference = MiniLMEmbedder(quantize=False)
    paths = {
        "onnx float32": OnnxEmbedder(quantize=False),
        "onnx int8": OnnxEmbedder(quantize=True),
        "torch int8 (before)": MiniLMEmbedder(quantize=True),
    }
    print("## parity: cosine to transformers float32")
    for label, texts in (("seed", seed_sentences), ("200 CNN/DM sentences", eval_sentences)):
        ref = reference.encode(texts)
        for name, embedder in paths.items():
            print(f"  {label} ({len(texts)}): {name}: {cosines(embedder.encode(texts), ref)}")


def indexing(articles: list, encoders: dict) -> None:
    print(f"## indexing {len(articles)} CNN/DM articles, fresh index each, interleaved")
    for embedder in encoders.values():
        ArticleIndex(articles[0], embedder).build()  # load once
    times: dict[str, list[float]] = {name: [] for name in encoders}
    for article in articles:
        for name, embedder in encoders.items():
            start = time.perf_counter()
            ArticleIndex(article, embedder).build()
            times[name].append(1000 * (time.perf_counter() - start))
    for name, ts in times.items():
        p90 = sorted(ts)[int(0.9 * len(ts))]
        print(f"  {name}: median {statistics.median(ts):.1f} ms, p90 {p90:.1f} ms")


def batch(records: list[dict], encoders: dict) -> None:
    from bot.batch import run_batch

    print(f"## summarize --batch over {len(records)} CNN/DM articles")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        source.write_text(
            "".join(json.dumps({"id": i, "text": r["article"]}) + "\n" for i, r in enumerate(records)),
            encoding="utf-8",
        )
        for name, embedder in encoders.items():
            bot = HeadlineBot(Settings(), embedder=embedder)
            out = Path(tmp) / (re.sub(r"\W+", "-", name) + ".jsonl")  # one file each: a batch resumes
            start = time.perf_counter()
            result = run_batch(bot, source, out, Length(), progress=False)
            seconds = time.perf_counter() - start
            print(
                f"  {name}: {len(records) / seconds:.1f} articles/s "
                f"({result.done} done, {result.failed} failed)"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="cnndm.jsonl")
    parser.add_argument("--seed", default=str(SEED))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--only", choices=["parity", "index", "batch"], default=None)
    args = parser.parse_args()

    prepare()
    records = read_jsonl(args.data, args.limit)
    encoders = {
        "torch int8 (before)": MiniLMEmbedder(quantize=True),
        "onnx int8 (default)": OnnxEmbedder(quantize=True),
        # round 2's batching: texts in length order, 32 to a batch, however unequal their lengths
        "onnx int8 fixed-32": OnnxEmbedder(quantize=True, padding_slack=float("inf")),
        "onnx float32": OnnxEmbedder(quantize=False),
    }
    if args.only in (None, "parity"):
        parity(records, Path(args.seed))
    if args.only in (None, "index"):
        indexing([record_article(r) for r in records], encoders)
    if args.only in (None, "batch"):
        batch(records, {k: v for k, v in encoders.items() if "float32" not in k})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
