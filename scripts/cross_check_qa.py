"""Tried, not shipped (round 7): a cross-encoder answerability check, cross-validated by title.

The packaged MiniLM reads the question and the sentences the bot would quote as one pair
(``[CLS] question [SEP] quoted [SEP]``, at most 160 tokens); its bottom four layers stay frozen
(their outputs are computed once), its top two layers and a linear head over the mean-pooled
tokens are fine-tuned to say whether the question has an answer there (3 epochs, AdamW, lr 4e-5,
batch 32, seed 0). Rows are those of ``scripts/qa_features.py`` (SQuAD 2.0 at its own document,
XQuAD at its own and at the next document). Five folds grouped by title give every row an
out-of-fold score; the script writes the answerability features with that score as one more
column, for ``scripts/calibrate_qa.py``:

    python scripts/cross_check_qa.py --data ../shared/eval/qa/squad2.jsonl ../shared/eval/qa/xquad.jsonl \\
        --out /work/cache/r7/feat_ce.npz --base /work/cache/r7/feat_base.npz
    python scripts/calibrate_qa.py --features /work/cache/r7/feat_base.npz
    python scripts/calibrate_qa.py --features /work/cache/r7/feat_ce.npz

About an hour on the 2-core CPU (3 min for the frozen layers, 11-12 min per fold).
"""

from __future__ import annotations

import argparse
import copy
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MAX_TOKENS = 160
TOP = 2


def rows(paths: list[str], cache: Path, every: int = 1) -> dict[str, list]:
    """Question, quoted text, features and labels of every row, as in ``qa_features.py``."""
    from qa_features import DiskCachingEmbedder

    from bot.engine import HeadlineBot
    from bot.evaluate.qa import build_corpus, contains_answer, read_qa, wrong_doc
    from bot.qa.answer import choose_sentences
    from bot.qa.answerability import evidence
    from bot.retrieval.retrieve import retrieve

    embedder = DiskCachingEmbedder(HeadlineBot().embedder, cache)
    out: dict[str, list] = {
        k: [] for k in ("q", "said", "x", "y", "group", "source", "correct", "away", "quoted")
    }
    for path in paths:
        records = read_qa(path)
        corpus = build_corpus(records, embedder)
        impossible = [bool(q.get("is_impossible", False)) for r in records for q in r["qas"]]
        has_flag = any("is_impossible" in q for r in records for q in r["qas"])
        for i, q in enumerate(corpus.questions):
            if i % every:
                continue
            targets = [(q.doc, False)] + ([] if has_flag else [(wrong_doc(q.doc, len(corpus.indexes)), True)])
            for doc, away in targets:
                index = corpus.indexes[doc]
                found = retrieve(index, q.text, "hybrid", query_vector=corpus.query_vectors[i])
                chosen = choose_sentences(index, found, q.text)
                if not chosen:
                    continue
                said = " ".join(index.article.sentences[j].text for j in chosen)
                y = int(not away and not impossible[i])
                for key, value in (
                    ("q", q.text),
                    ("said", said),
                    ("x", evidence(index, found, q.text, chosen).values),
                    ("y", y),
                    ("group", str(records[q.doc].get("title", q.doc))),
                    ("source", Path(path).stem),
                    ("correct", int(y and contains_answer(said, q.answers))),
                    ("away", int(away)),
                    ("quoted", len(chosen)),
                ):
                    out[key].append(value)
    embedder.save()
    return out


def cross_scores(
    questions: list[str], quoted: list[str], y: np.ndarray, groups: np.ndarray, epochs: int
) -> np.ndarray:
    """Out-of-fold logits of the fine-tuned pair classifier (5 folds grouped by title)."""
    import torch
    from sklearn.model_selection import GroupKFold
    from transformers import AutoTokenizer, BertModel

    from bot.models.embed import packaged_minilm_path

    torch.manual_seed(0)
    path = str(packaged_minilm_path())
    enc = AutoTokenizer.from_pretrained(path)(
        questions,
        quoted,
        truncation="only_second",
        max_length=MAX_TOKENS,
        padding="max_length",
        return_tensors="pt",
    )
    base = BertModel.from_pretrained(path).eval()
    layers = base.encoder.layer
    mask = enc["attention_mask"]

    def extended(am: torch.Tensor) -> torch.Tensor:
        return (1.0 - am[:, None, None, :].float()) * -1e9

    def run(stack: object, h: torch.Tensor, am: torch.Tensor) -> torch.Tensor:
        for layer in stack:  # type: ignore[attr-defined]
            out = layer(h, attention_mask=extended(am))
            h = out[0] if isinstance(out, tuple) else out
        return h

    frozen = []
    with torch.no_grad():
        for s in range(0, len(questions), 64):
            part = slice(s, s + 64)
            h = base.embeddings(input_ids=enc["input_ids"][part], token_type_ids=enc["token_type_ids"][part])
            frozen.append(run(layers[: len(layers) - TOP], h, mask[part]).half())
    hidden = torch.cat(frozen)

    class Head(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = copy.deepcopy(layers[len(layers) - TOP :])
            self.out = torch.nn.Linear(base.config.hidden_size, 1)

        def forward(self, h: torch.Tensor, am: torch.Tensor) -> torch.Tensor:
            h = run(self.layers, h, am)
            m = am.unsqueeze(-1).float()
            return self.out((h * m).sum(1) / m.sum(1)).squeeze(-1)

    def batch(rows: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
        width = int(mask[rows].sum(1).max())
        return hidden[rows, :width].float(), mask[rows, :width]

    target = torch.tensor(y, dtype=torch.float32)
    scores = np.zeros(len(y))
    for fold, (train, test) in enumerate(GroupKFold(5).split(y, y, groups)):
        torch.manual_seed(0)
        head = Head()
        opt = torch.optim.AdamW(head.parameters(), lr=4e-5, weight_decay=0.01)
        steps = epochs * math.ceil(len(train) / 32)
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s, n=steps: min(1.0, (s + 1) / (0.1 * n)) * max(0.0, 1 - s / n)
        )
        for epoch in range(epochs):
            head.train()
            order = np.random.RandomState(epoch).permutation(train)
            for s in range(0, len(order), 32):
                rows_ = order[s : s + 32]
                loss = torch.nn.functional.binary_cross_entropy_with_logits(
                    head(*batch(rows_)), target[rows_]
                )
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
        head.eval()
        with torch.no_grad():
            for s in range(0, len(test), 64):
                rows_ = test[s : s + 64]
                scores[rows_] = head(*batch(rows_)).numpy()
        print(f"fold {fold}: {len(train)} training rows, {len(test)} held out", flush=True)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", nargs="+", required=True)
    parser.add_argument("--out", required=True, help="features with the cross-encoder column")
    parser.add_argument("--base", required=True, help="the same rows' features without it")
    parser.add_argument("--cache", default="/work/cache/r2-13/vectors.npz")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--every", type=int, default=1, help="every Nth question only (a quick check)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import torch

    torch.set_num_threads(2)
    data = rows(args.data, Path(args.cache), args.every)
    y, groups = np.array(data["y"]), np.array(data["group"])
    scores = cross_scores(data["q"], data["said"], y, groups, args.epochs)
    from sklearn.metrics import roc_auc_score

    squad = np.array(data["source"]) == "squad2"
    if squad.any():
        print(
            f"cross-encoder alone, SQuAD 2.0 ROC AUC, out of fold: "
            f"{roc_auc_score(y[squad], scores[squad]):.4f}"
        )
    columns = {k: np.array(v) for k, v in data.items() if k not in ("q", "said", "x")}
    x = np.stack(data["x"])
    np.savez(args.base, x=x, **columns)
    np.savez(args.out, x=np.column_stack([x, scores]), **columns)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
