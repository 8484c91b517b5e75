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
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.evaluate.qa import build_corpus, contains_answer, read_qa, wrong_doc
from bot.ingest.segment import build_article
from bot.qa.answer import choose_sentences, refused_by_wording
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
    keys = ("x", "y", "group", "source", "correct", "qid", "away", "quoted", "removed", "hard")
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
                said = " ".join(index.article.sentences[j].text for j in chosen)
                answerable = not away and not impossible[i]
                add_row(
                    rows,
                    x=evidence(index, found, q.text, chosen).values,
                    y=int(answerable),
                    group=str(records[q.doc].get("title", q.doc)),
                    source=Path(path).stem,
                    correct=int(answerable and contains_answer(said, q.answers)),
                    qid=ids[i],
                    away=int(away),
                    quoted=len(chosen),
                    removed=0,
                    hard=int(refused_by_wording(index, q.text, chosen)),
                )
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


def add_row(rows: dict[str, list[Any]], **values: Any) -> None:
    """Append one row: a value for every column of ``rows``."""
    assert values.keys() == rows.keys(), sorted(values.keys() ^ rows.keys())
    for key, value in values.items():
        rows[key].append(value)


def removed_rows(
    records: list[dict[str, Any]],
    corpus: Any,
    embedder: Any,
    impossible: list[bool],
    ids: list[str],
    stem: str,
    rows: dict[str, list[Any]],
) -> int:
    """Append one label-0 row per answerable question asked without its answering paragraph."""
    indexes: dict[tuple[int, int], ArticleIndex] = {}
    added = 0
    for i, q in enumerate(corpus.questions):
        if impossible[i] or not q.answers:
            continue
        rest = [str(p) for k, p in enumerate(records[q.doc]["paragraphs"]) if k != q.paragraph]
        if not rest or contains_answer(" ".join(rest), q.answers):
            continue  # the answer is still there (or nothing is left): not an unanswerable row
        key = (q.doc, q.paragraph)
        if key not in indexes:
            indexes[key] = ArticleIndex(build_article(rest), embedder).build()
        index = indexes[key]
        found = retrieve(index, q.text, "hybrid", query_vector=corpus.query_vectors[i])
        chosen = choose_sentences(index, found, q.text)
        add_row(
            rows,
            x=evidence(index, found, q.text, chosen).values,
            y=0,
            group=str(records[q.doc].get("title", q.doc)),
            source=f"{stem}-removed",
            correct=0,
            qid=ids[i],
            away=0,
            quoted=len(chosen),
            removed=1,
            hard=int(refused_by_wording(index, q.text, chosen)),
        )
        added += 1
    return added


if __name__ == "__main__":
    raise SystemExit(main())
