"""Train a logistic sentence scorer on the BBC references, written to ``--out`` (JSON).

Use it with ``NewsSummarizer(FeatureScorer(LinearScorer.load(path)))``. Not the default: on
CNN/DailyMail it loses to the news prior in ``sentence_scorer.json`` (figures in
docs/summaries.md), because the BBC references keep ~45 % of an article, not its gist.

Training data: the BBC News extractive summaries (``bbc.jsonl.gz``), where each article comes with
the set of its sentences a person picked as the summary (about 45 % of them). A sentence's label is
whether it is in that set. The model is a logistic regression over ``bot.summarize.scorer.FEATURES``
(standardised). Articles are split 80/20 by a hash of their id; the held-out 20 % gives the AUC and
precision figures printed (and stored in the JSON under ``"trained"``). The CNN/DailyMail and XSum
files are never read here: they are kept for evaluation.

    python scripts/train_sentence_scorer.py --data ../shared/eval/summarization/bbc.jsonl.gz --out bbc.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.evaluate.news import read_jsonl, record_article  # noqa: E402
from bot.models.embed import MiniLMEmbedder  # noqa: E402
from bot.summarize.scorer import FEATURES, LinearScorer, sentence_features  # noqa: E402


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def is_heldout(record_id: str, fraction: float) -> bool:
    """Stable split: the first bytes of the id's SHA-1 decide."""
    return int(hashlib.sha1(record_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < fraction


def build(
    records: list[dict], embedder: MiniLMEmbedder
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels, article ids (row -> article number) and positions for every sentence."""
    xs, ys, groups, pos = [], [], [], []
    for number, record in enumerate(records):
        article = record_article(record, with_headline=False)
        texts = [s.text for s in article.sentences]
        if len(texts) < 2:
            continue
        reference = _squash(record["reference"])
        xs.append(sentence_features(texts, embedder.encode(texts)))
        ys.append(np.array([float(_squash(t) in reference) for t in texts]))
        groups.append(np.full(len(texts), number))
        pos.append(np.arange(len(texts)))
        if number % 100 == 0:
            print(f"  {number}/{len(records)} articles encoded", file=sys.stderr, flush=True)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(groups), np.concatenate(pos)


def precision_at(scores: np.ndarray, y: np.ndarray, groups: np.ndarray, k: int) -> float:
    """Mean share of each article's top-k sentences that are in its reference."""
    hits = []
    for g in np.unique(groups):
        rows = np.flatnonzero(groups == g)
        top = rows[np.argsort(-scores[rows], kind="stable")[:k]]
        hits.append(float(y[top].mean()))
    return float(np.mean(hits))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="bbc.jsonl.gz")
    parser.add_argument("--out", required=True, help="where to write the weights (.json)")
    parser.add_argument("--heldout", type=float, default=0.2)
    parser.add_argument("--C", type=float, default=1.0, help="inverse L2 strength")
    parser.add_argument("--cache", help="optional .npz to keep the features between runs")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (1 on a busy machine)")
    args = parser.parse_args(argv)

    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    records = read_jsonl(args.data)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    cache = Path(args.cache) if args.cache else None
    if cache and cache.is_file():
        saved = np.load(cache)
        x, y, groups, pos = saved["x"], saved["y"], saved["groups"], saved["pos"]
    else:
        x, y, groups, pos = build(records, MiniLMEmbedder())
        if cache:
            np.savez(cache, x=x, y=y, groups=groups, pos=pos)
    held = np.array([is_heldout(str(records[g].get("id", g)), args.heldout) for g in groups])

    mean, scale = x[~held].mean(0), x[~held].std(0) + 1e-9
    model = LogisticRegression(C=args.C, max_iter=2000)
    model.fit((x[~held] - mean) / scale, y[~held])
    scorer = LinearScorer(
        FEATURES, tuple(mean), tuple(scale), tuple(model.coef_[0]), float(model.intercept_[0])
    )

    s = scorer.score(x[held])
    lead = -pos[held].astype(float)
    figures = {
        "heldout_articles": len(np.unique(groups[held])),
        "train_articles": len(np.unique(groups[~held])),
        "heldout_auc": round(float(roc_auc_score(y[held], s)), 4),
        "heldout_lead_auc": round(float(roc_auc_score(y[held], lead)), 4),
        "heldout_precision_at_3": round(precision_at(s, y[held], groups[held], 3), 4),
        "heldout_lead3_precision": round(precision_at(lead, y[held], groups[held], 3), 4),
    }
    for name, value in figures.items():
        print(f"{name}: {value}")
    for name, w in sorted(zip(FEATURES, scorer.weights, strict=True), key=lambda p: -abs(p[1])):
        print(f"  {name:16s} {w:+.3f}")
    data = scorer.to_json() | {
        "trained": {"data": Path(args.data).name, "date": dt.date.today().isoformat(), "C": args.C} | figures
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
