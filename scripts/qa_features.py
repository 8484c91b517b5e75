"""Dump the answerability features of the visible QA data (for ``scripts/calibrate_qa.py``).

    python scripts/qa_features.py --out /work/cache/r2-13/features.npz \
        --data /work/shared/eval/qa/squad2.jsonl /work/shared/eval/qa/xquad.jsonl

Rows: every question asked against its own document (label 1 when it has an answer there,
0 for SQuAD 2.0's ``is_impossible``), and every question of a file *without* ``is_impossible``
asked against the next document too (label 0: a wrong-document question). Each row keeps its
document's title (the cross-validation group), its file, and whether the answer the bot would
quote contains a gold answer. Sentence vectors are cached on disk (``--cache``) between runs.

``--removed`` adds rows of the kind people meet in a chat: an answerable question asked against
its own document *without the paragraph that answers it* (label 0), kept only when no gold answer
is left anywhere in the rest of the document. The question stays on the article's subject, its
names are still there, and only the fact asked for is missing ("How many nurses work at the
hospital?" on a story about the hospital that never mentions nurses).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.evaluate.qa import build_corpus, contains_answer, normalize_answer, read_qa, wrong_doc
from bot.ingest.segment import build_article
from bot.qa.answer import choose_sentences
from bot.qa.answerability import evidence
from bot.retrieval.index import ArticleIndex
from bot.retrieval.retrieve import retrieve


class DiskCachingEmbedder:
    """Encodes each text once across runs: vectors kept in an ``.npz`` file."""

    def __init__(self, inner: object, path: Path) -> None:
        self.inner = inner
        self.path = path
        self.cache: dict[str, np.ndarray] = {}
        if path.exists():
            stored = np.load(path, allow_pickle=False)
            self.cache = dict(zip(stored["texts"].tolist(), stored["vectors"], strict=True))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.inner.encode(missing), strict=True))  # type: ignore[attr-defined]
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts])

    def save(self) -> None:
        texts = list(self.cache)
        np.savez(self.path, texts=np.array(texts), vectors=np.stack([self.cache[t] for t in texts]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", nargs="+", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--cache", default="/work/cache/r2-13/vectors.npz")
    parser.add_argument("--removed", action="store_true", help="add answer-paragraph-removed rows")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    from bot.engine import HeadlineBot

    embedder = DiskCachingEmbedder(HeadlineBot().embedder, Path(args.cache))
    keys = ("x", "y", "group", "source", "correct", "qid", "away", "quoted", "removed")
    rows: dict[str, list] = {k: [] for k in keys}
    for path in args.data:
        records = read_qa(path)
        corpus = build_corpus(records, embedder)
        embedder.save()
        impossible = [bool(q.get("is_impossible", False)) for r in records for q in r["qas"]]
        ids = [str(q.get("id", "")) for r in records for q in r["qas"]]
        has_flag = any("is_impossible" in q for r in records for q in r["qas"])
        n_docs = len(corpus.indexes)
        for i, q in enumerate(corpus.questions):
            qv = corpus.query_vectors[i]
            targets = [(q.doc, False)] + ([] if has_flag else [(wrong_doc(q.doc, n_docs), True)])
            for doc, away in targets:
                index = corpus.indexes[doc]
                found = retrieve(index, q.text, "hybrid", query_vector=qv)
                chosen = choose_sentences(index, found, q.text)
                ev = evidence(index, found, q.text, chosen)
                said = " ".join(index.article.sentences[j].text for j in chosen)
                rows["x"].append(ev.values)
                rows["y"].append(int(not away and not impossible[i]))
                rows["group"].append(str(records[q.doc].get("title", q.doc)))
                rows["source"].append(Path(path).stem)
                rows["correct"].append(
                    int(not away and not impossible[i] and contains_answer(said, q.answers))
                )
                rows["qid"].append(ids[i])
                rows["away"].append(int(away))
                rows["quoted"].append(len(chosen))
                rows["removed"].append(0)
        print(f"{path}: {len(corpus.questions)} questions", flush=True)
        if args.removed:
            added = removed_rows(records, corpus, embedder, impossible, ids, Path(path).stem, rows)
            embedder.save()
            print(f"{path}: {added} answer-removed rows", flush=True)
    np.savez(
        args.out,
        x=np.stack(rows["x"]),
        **{k: np.array(v) for k, v in rows.items() if k != "x"},
    )
    return 0


def removed_rows(records, corpus, embedder, impossible, ids, stem, rows) -> int:  # type: ignore[no-untyped-def]
    """Append one label-0 row per answerable question asked without its answering paragraph."""
    indexes: dict[tuple[int, int], ArticleIndex] = {}
    added = 0
    for i, q in enumerate(corpus.questions):
        if impossible[i] or not q.answers:
            continue
        rest = [str(p) for k, p in enumerate(records[q.doc]["paragraphs"]) if k != q.paragraph]
        padded = f" {normalize_answer(' '.join(rest))} "
        if not rest or any(f" {normalize_answer(a)} " in padded for a in q.answers if normalize_answer(a)):
            continue  # the answer is still there (or nothing is left): not an unanswerable row
        key = (q.doc, q.paragraph)
        if key not in indexes:
            indexes[key] = ArticleIndex(build_article(rest), embedder).build()
        index = indexes[key]
        found = retrieve(index, q.text, "hybrid", query_vector=corpus.query_vectors[i])
        chosen = choose_sentences(index, found, q.text)
        rows["x"].append(evidence(index, found, q.text, chosen).values)
        rows["y"].append(0)
        rows["group"].append(str(records[q.doc].get("title", q.doc)))
        rows["source"].append(f"{stem}-removed")
        rows["correct"].append(0)
        rows["qid"].append(ids[i])
        rows["away"].append(0)
        rows["quoted"].append(len(chosen))
        rows["removed"].append(1)
        added += 1
    return added


if __name__ == "__main__":
    raise SystemExit(main())
