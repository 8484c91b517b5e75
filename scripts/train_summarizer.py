"""Train the default extractive summariser (``bot/summarize/weights/summarizer.safetensors``).

Three stages, each cached on disk under ``--cache`` (default ``/work/cache/11``) so a rerun resumes:

1. ``embed``: read ``../shared/train/cnndm-train.jsonl.gz``, build each article exactly as the
   evaluation does (``bot.evaluate.news.record_article``: nupunkt sentences), keep the first
   ``--max-sentences`` sentences, and encode them with the product's own default embedder
   (``MiniLMEmbedder()``, int8, as ``ArticleIndex`` uses). Validation articles first, then train, in
   shards of ``--shard-size`` articles (``val-0000.npz`` / ``train-0000.npz``: float16 vectors, the
   sentence texts and the reference).
2. ``oracle``: greedy ROUGE-F oracle labels per article (rouge-score, ROUGE-1 + ROUGE-2 F1 of the
   growing selection against the highlights, at most 3 sentences, stop when no sentence improves it).
3. ``fit``: a small numpy MLP (``bot.summarize.model``) over the frozen sentence vectors and the
   document-context features, trained with Adam on the oracle labels, fixed seeds. After every epoch
   the validation split is summarised with the product's own selection rules and scored with ROUGE;
   the epoch with the best validation ROUGE-1 + ROUGE-2 + ROUGE-Lsum is kept (early stopping with
   patience). The log goes to ``--cache/train.log`` and the figures into the weights' metadata.

The evaluation files in ``../shared/eval/`` are never read here.

    OMP_NUM_THREADS=1 nice -n 10 python scripts/train_summarizer.py embed --train 6000 --val 1000
    python scripts/train_summarizer.py oracle
    python scripts/train_summarizer.py fit
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent.parent / "shared" / "train" / "cnndm-train.jsonl.gz"
if not DATA.is_file():
    DATA = Path("/work/shared/train/cnndm-train.jsonl.gz")
CACHE = Path("/work/cache/11")


def log(cache: Path, message: str) -> None:
    line = f"{time.strftime('%H:%M:%S')} {message}"
    print(line, flush=True)
    with (cache / "train.log").open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def iter_records(split: str):
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["split"] == split:
                yield record


def stage_embed(args: argparse.Namespace) -> None:
    import torch

    torch.set_num_threads(1)
    from bot.evaluate.news import record_article
    from bot.models.embed import MiniLMEmbedder

    cache: Path = args.cache
    embedder = MiniLMEmbedder()
    for split, total in (("validation", args.val), ("train", args.train)):
        prefix = "val" if split == "validation" else "train"
        shard: list[dict] = []
        number = 0
        done = 0
        start = time.perf_counter()
        for record in iter_records(split):
            if done >= total:
                break
            path = cache / f"{prefix}-{number:04d}.npz"
            article = record_article(record, with_headline=False)
            texts = [s.text for s in article.sentences][: args.max_sentences]
            if len(texts) < 3:
                continue
            done += 1
            shard.append({"id": record["id"], "sentences": texts, "reference": record["reference"]})
            if len(shard) < args.shard_size and done < total:
                continue
            if not path.is_file():
                flat = [t for item in shard for t in item["sentences"]]
                vectors = embedder.encode(flat).astype(np.float16)
                meta = json.dumps(shard)
                tmp = cache / f"{prefix}-{number:04d}.tmp.npz"
                np.savez(tmp, vectors=vectors, meta=np.array(meta))
                os.replace(tmp, path)
                rate = done / (time.perf_counter() - start)
                log(cache, f"embed {split}: {done} articles ({rate:.2f}/s), shard {path.name}")
            shard = []
            number += 1


def load_shards(cache: Path, prefix: str) -> list[tuple[Path, list[dict], np.ndarray]]:
    out = []
    for path in sorted(cache.glob(f"{prefix}-[0-9][0-9][0-9][0-9].npz")):
        with np.load(path) as data:
            out.append((path, json.loads(str(data["meta"])), data["vectors"].astype(np.float32)))
    return out


def greedy_oracle(sentences: list[str], reference: str, scorer, limit: int = 3) -> list[int]:
    """Greedy ROUGE-F oracle: add the sentence that most improves R1+R2 F1, stop when none does."""
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < limit:
        gain, pick = best, -1
        for i in range(len(sentences)):
            if i in chosen:
                continue
            candidate = "\n".join(sentences[j] for j in sorted([*chosen, i]))
            s = scorer.score(reference, candidate)
            value = s["rouge1"].fmeasure + s["rouge2"].fmeasure
            if value > gain:
                gain, pick = value, i
        if pick < 0:
            break
        chosen.append(pick)
        best = gain
    return sorted(chosen)


def stage_oracle(args: argparse.Namespace) -> None:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    cache: Path = args.cache
    for prefix in ("val", "train"):
        for path in sorted(cache.glob(f"{prefix}-[0-9][0-9][0-9][0-9].npz")):
            target = path.with_suffix(".oracle.json")
            if target.is_file():
                continue
            with np.load(path) as data:
                meta = json.loads(str(data["meta"]))
            labels = [greedy_oracle(m["sentences"], m["reference"], scorer) for m in meta]
            target.write_text(json.dumps(labels))
            log(cache, f"oracle {path.name}: {len(labels)} articles")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", choices=["embed", "oracle", "fit"])
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--train", type=int, default=6000, help="training articles to embed")
    parser.add_argument("--val", type=int, default=1000, help="validation articles to embed")
    parser.add_argument("--max-sentences", type=int, default=40)
    parser.add_argument("--shard-size", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.stage == "embed":
        stage_embed(args)
    elif args.stage == "oracle":
        stage_oracle(args)
    else:
        from scripts_fit import stage_fit  # type: ignore[import-not-found]

        stage_fit(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
