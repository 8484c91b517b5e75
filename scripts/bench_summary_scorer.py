"""Speed of the trained sentence scorer alone (no encoding): median ms per article.

Times ``SentenceModel.score`` plus the selection (``choose_indices``, short style) on the cached
MiniLM vectors of the training script's validation articles (``/work/cache/r2-11``; run
``scripts/train_summarizer.py embed`` first), against the hand-set prior on the same inputs.
Wall-clock and CPU time (``time.process_time``, single thread) are both printed: on an
oversubscribed machine only the CPU time means much.

    OMP_NUM_THREADS=1 python scripts/bench_summary_scorer.py --cache /work/cache/r2-11 --limit 300
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.summarize.base import Length
from bot.summarize.extractive import choose_indices
from bot.summarize.model import SentenceModel
from bot.summarize.scorer import hand_set_prior


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=Path("/work/cache/r2-11"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=int, default=0, help="at most this many validation articles")
    args = parser.parse_args()
    docs = []
    for path in sorted(args.cache.glob("shard-[0-9][0-9][0-9][0-9].npz")):
        with np.load(path) as data:
            meta, vectors = json.loads(str(data["meta"])), data["vectors"].astype(np.float32)
        offset = 0
        for item in meta:
            n = len(item["sentences"])
            if item["split"] == "validation":
                docs.append((item["sentences"], vectors[offset : offset + n]))
            offset += n
    docs = docs[: args.limit] if args.limit else docs
    for name, scorer in (("trained", SentenceModel.load()), ("hand-set-prior", hand_set_prior())):
        times, cpu = [], []
        for _ in range(args.repeat):
            for texts, vectors in docs:
                start, start_cpu = time.perf_counter(), time.process_time()
                choose_indices(scorer.score(texts, vectors), texts, vectors, Length())
                times.append(1000 * (time.perf_counter() - start))
                cpu.append(1000 * (time.process_time() - start_cpu))
        print(
            f"{name:15s} {len(docs)} articles: median {statistics.median(times):.2f} ms, "
            f"p90 {np.percentile(times, 90):.2f} ms per article (score + select); "
            f"CPU time median {statistics.median(cpu):.2f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
