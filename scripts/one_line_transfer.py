"""Does a one-line head that learned to work without the lead transfer beyond CNN/DM?

XSum's articles come without their first sentence (it is the reference summary). ``train_summarizer.py
fit --drop-lead P --drop-lead-target lead`` teaches the one-line head that setting on CNN/DM
training articles; its validation figure (``xsum_proxy_one_line_*``: CNN/DM validation articles
without their first sentence, scored against it) may reward something particular to CNN/DM. This
script measures the same thing on other training data, Reuters stories
(``../shared/train/reuters-headlines.jsonl.gz``, no photo captions): for each model, the sentence
its one-line style picks from a story without its first sentence, scored with ROUGE against that
first sentence and against the real headline, and the pick from the whole story against the
headline. The evaluation files in ``../shared/eval/`` are never read.

    python scripts/one_line_transfer.py --stories 1500 MODEL.safetensors [MODEL.safetensors ...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

DATA = ROOT.parent.parent / "shared" / "train" / "reuters-headlines.jsonl.gz"
if not DATA.is_file():
    DATA = Path("/work/shared/train/reuters-headlines.jsonl.gz")


def stories(count: int, seed: int) -> list[dict]:
    """A seeded sample of Reuters stories with at least five sentences, segmented as the product does."""
    from bot.evaluate.news import record_article

    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    order = np.random.default_rng(seed).permutation(len(records))
    out = []
    for i in order:
        article = record_article(records[i], with_headline=False)
        texts = [s.text for s in article.sentences][:41]
        if len(texts) >= 5:
            out.append({"headline": records[i]["headline"].title(), "sentences": texts})
        if len(out) >= count:
            break
    return out


def one_line(scorer):
    """The index the product's one-line style picks with ``scorer`` (0 when every sentence is junk)."""
    from bot.summarize.base import Length
    from bot.summarize.extractive import choose_indices, not_summary_material

    def pick(texts: list[str], vectors: np.ndarray) -> int:
        scores = np.asarray(scorer(texts, vectors), dtype=np.float64)
        junk = np.array([not_summary_material(t) for t in texts])
        scores = np.where(junk[:, None], -np.inf, scores)
        chosen = choose_indices(scores, texts, vectors, Length("one-line"))
        return chosen[0] if chosen else 0

    return pick


def main(argv: list[str] | None = None) -> int:
    from bot.evaluate.rouge import RougeMeter
    from bot.summarize.model import SentenceModel

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--stories", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/work/cache/r24/reuters.pkl"))
    args = parser.parse_args(argv)
    if args.cache.is_file():
        docs = pickle.loads(args.cache.read_bytes())
    else:
        from train_summarizer import product_embedder

        docs = stories(args.stories, args.seed)
        vectors = product_embedder().encode([t for d in docs for t in d["sentences"]]).astype(np.float32)
        offset = 0
        for d in docs:
            n = len(d["sentences"])
            d["vectors"], offset = vectors[offset : offset + n], offset + n
        args.cache.parent.mkdir(parents=True, exist_ok=True)
        args.cache.write_bytes(pickle.dumps(docs))
    methods = {
        "first sentence left": lambda texts, vectors: 0,
        "nearest the centroid": lambda texts, vectors: int(np.argmax(vectors @ vectors.mean(0))),
    }
    for path in args.models:
        methods[path.name] = one_line(SentenceModel.load(path, expected_sha256="").score)
    print(f"{len(docs)} Reuters stories (R-1 / R-2)")
    print(
        "| method | no lead, vs the removed lead | no lead, vs the headline | whole story, vs the headline |"
    )
    print("|---|---|---|---|")
    for name, pick in methods.items():
        meters = [RougeMeter(("rouge1", "rouge2")) for _ in range(3)]
        for d in docs:
            texts, vectors = d["sentences"][1:], d["vectors"][1:]
            chosen = texts[pick(texts, vectors)]
            meters[0].add(d["sentences"][0], chosen)
            meters[1].add(d["headline"], chosen)
            meters[2].add(d["headline"], d["sentences"][pick(d["sentences"], d["vectors"])])
        cells = [" / ".join(f"{v:.2f}" for v in m.means().values()) for m in meters]
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
