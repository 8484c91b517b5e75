"""``headline-bot eval qa``: retrieval, answers and abstention, the product beside BM25 and dense.

Data: JSON Lines (optionally gzipped), one document a line: ``paragraphs`` (list of str) and
``qas`` (``question``, ``answers``, ``paragraph_index``), as in ``../shared/eval/qa/xquad.jsonl``.

For every question and every method (``headline-bot`` = hybrid, ``bm25``, ``dense``), in one run:

* recall@1 / @3 of the gold paragraph within its document, and pooled over all paragraphs of all
  documents (one index over everything);
* answer accuracy: the reply's quoted sentences (at most two) contain a gold answer, both normalised
  SQuAD-style (lower case, no punctuation or articles); scored on the sentences chosen, whatever
  the abstention decision, which is scored apart:
* abstention: the question is also asked against another document (the next one in the file);
  ``refused_wrong_doc`` is the share refused there, ``answered_right_doc`` the share answered at home;
* same-document abstention, for files whose questions carry ``is_impossible`` (SQuAD 2.0):
  ``answered_has_answer`` (share of answerable questions answered), ``correct_has_answer``
  (answered, and the quoted sentences contain a gold answer) and ``refused_no_answer`` (share of
  unanswerable questions refused); recall, accuracy and the wrong-document figures are then over
  the answerable questions only;
* ``--predictions PATH``: one JSON line per question for the product method (``id``,
  ``prediction``: the reply, ``reference``: the gold answers, ``answerable``: whether it answered);
* ms per question: an end-to-end ``answer_question`` (question encoding included) on an indexed
  article, timed on the first ``TIMED_QUESTIONS`` questions.
"""

from __future__ import annotations

import argparse
import json
import re
import string
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.article import Article
from bot.errors import InputError
from bot.evaluate import data
from bot.ingest.segment import build_article
from bot.models.embed import Embedder
from bot.qa.answer import answer_question
from bot.retrieval.index import ArticleIndex
from bot.retrieval.retrieve import MODES, Mode, retrieve

METHOD_NAMES: dict[Mode, str] = {"hybrid": "headline-bot", "bm25": "bm25", "dense": "dense"}
TIMED_QUESTIONS = 100


@dataclass(frozen=True)
class Question:
    """One question: its document, the gold paragraph (0-based) and the gold answers."""

    doc: int
    text: str
    answers: tuple[str, ...]
    paragraph: int
    impossible: bool = False
    """SQuAD 2.0: the document does not answer it."""
    id: str = ""


def read_qa(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The documents of a QA ``.jsonl`` / ``.jsonl.gz`` file, checked, the first ``limit`` when given."""
    records = data.read_jsonl(path, limit, required={"paragraphs": list, "qas": list})
    if len(records) < 2:
        raise InputError(f"{path}: QA evaluation needs at least two documents (to ask across them).")
    return records


def normalize_answer(text: str) -> str:
    """SQuAD normalisation: lower case, punctuation and articles out, spaces collapsed.

    >>> normalize_answer("The  Denver Broncos!")
    'denver broncos'
    """
    text = "".join(" " if ch in string.punctuation or ch in "“”‘’–—" else ch for ch in text.lower())
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def contains_answer(reply: str, answers: Sequence[str]) -> bool:
    """Whether the normalised reply contains any normalised gold answer.

    >>> contains_answer("They won 24–10 in Santa Clara.", ["Santa Clara, California", "Santa Clara"])
    True
    """
    padded = f" {normalize_answer(reply)} "
    return any(f" {normalize_answer(a)} " in padded for a in answers if normalize_answer(a))


class CachingEmbedder:
    """Wraps an embedder so a text is encoded once in a run (the pooled index reuses vectors)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.inner.encode(missing), strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts])


@dataclass
class Corpus:
    """The evaluation set indexed: one index per document, one pooled index, the questions."""

    indexes: list[ArticleIndex]
    pooled: ArticleIndex
    offsets: list[int]
    questions: list[Question]
    query_vectors: np.ndarray
    index_ms_per_1000_words: float
    embedder: Embedder
    """The embedder itself, without the run's cache (for timing)."""


def build_corpus(records: Sequence[dict[str, Any]], embedder: Embedder) -> Corpus:
    """Index every document (timed), the pooled index, and encode every question once."""
    cached = CachingEmbedder(embedder)
    cached.encode(["warm-up"])
    articles: list[Article] = [build_article([str(p) for p in r["paragraphs"]]) for r in records]
    indexes = []
    started = time.perf_counter()
    for article in articles:
        indexes.append(ArticleIndex(article, cached).build())
    elapsed_ms = (time.perf_counter() - started) * 1000
    words = sum(a.word_count for a in articles) or 1
    pooled = ArticleIndex(build_article([p.text for a in articles for p in a.paragraphs]), cached).build()
    offsets = list(np.cumsum([0] + [len(a.paragraphs) for a in articles[:-1]]))
    questions = [
        Question(
            d,
            str(q["question"]),
            tuple(q.get("answers") or ()),
            int(q["paragraph_index"]),
            bool(q.get("is_impossible", False)),
            str(q.get("id", "")),
        )
        for d, r in enumerate(records)
        for q in r["qas"]
    ]
    if not questions:
        raise InputError("The data holds no questions.")
    vectors = embedder.encode([q.text for q in questions])
    return Corpus(
        indexes, pooled, [int(o) for o in offsets], questions, vectors, elapsed_ms * 1000 / words, embedder
    )


def wrong_doc(doc: int, n_docs: int) -> int:
    """The document a question is asked against to test refusal: the next one, wrapping.

    >>> wrong_doc(0, 3), wrong_doc(2, 3)
    (1, 0)
    """
    return (doc + 1) % n_docs


def evaluate_method(
    corpus: Corpus, mode: Mode, predictions: list[dict[str, Any]] | None = None
) -> dict[str, float]:
    """All figures for one method on an indexed corpus; ``predictions`` collects one row a question."""
    n_docs = len(corpus.indexes)
    r1 = r3 = p1 = p3 = correct = refused = answered = 0
    has_flag = any(q.impossible for q in corpus.questions)
    with_answer = without = answered_ok = correct_ok = refused_none = 0
    for i, q in enumerate(corpus.questions):
        qv = corpus.query_vectors[i]
        home = corpus.indexes[q.doc]
        reply = answer_question(home, q.text, mode=mode, query_vector=qv)
        if predictions is not None:
            predictions.append(
                {"id": q.id or str(i), "prediction": reply.text, "reference": list(q.answers),
                 "answerable": reply.answerable}
            )  # fmt: skip
        if q.impossible:
            without += 1
            refused_none += not reply.answerable
            continue
        with_answer += 1
        found = retrieve(home, q.text, mode, query_vector=qv)
        r1 += q.paragraph in found.ranking[:1]
        r3 += q.paragraph in found.ranking[:3]
        gold = corpus.offsets[q.doc] + q.paragraph
        ranking = retrieve(corpus.pooled, q.text, mode, query_vector=qv).ranking
        p1 += gold in ranking[:1]
        p3 += gold in ranking[:3]
        forced = answer_question(home, q.text, mode=mode, query_vector=qv, threshold=float("-inf"))
        correct += contains_answer(" ".join(s.text for s in forced.sentences), q.answers)
        answered += reply.answerable
        answered_ok += reply.answerable
        correct_ok += reply.answerable and contains_answer(
            " ".join(s.text for s in reply.sentences), q.answers
        )
        away = corpus.indexes[wrong_doc(q.doc, n_docs)]
        refused += not answer_question(away, q.text, mode=mode, query_vector=qv).answerable
    timed = corpus.questions[:TIMED_QUESTIONS]
    encoder = corpus.embedder
    started = time.perf_counter()
    for q in timed:  # the question is encoded afresh (not from the run's cache), as in the product
        vector = None if mode == "bm25" else encoder.encode([q.text])[0]
        answer_question(corpus.indexes[q.doc], q.text, mode=mode, query_vector=vector)
    ms = (time.perf_counter() - started) * 1000 / len(timed)
    n = max(with_answer, 1)
    out = {
        "recall_at_1": round(r1 / n, 4),
        "recall_at_3": round(r3 / n, 4),
        "pooled_recall_at_1": round(p1 / n, 4),
        "pooled_recall_at_3": round(p3 / n, 4),
        "answer_accuracy": round(correct / n, 4),
        "refused_wrong_doc": round(refused / n, 4),
        "answered_right_doc": round(answered / n, 4),
    }
    if has_flag:
        out["answered_has_answer"] = round(answered_ok / n, 4)
        out["correct_has_answer"] = round(correct_ok / n, 4)
        out["refused_no_answer"] = round(refused_none / max(without, 1), 4)
    out["ms_per_question"] = round(ms, 2)
    return out


def evaluate(
    records: Sequence[dict[str, Any]], embedder: Embedder, predictions: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The ``--json`` object: every method on the same records, in one run (``predictions``: the
    product method's reply to every question)."""
    corpus = build_corpus(records, embedder)
    methods = {
        METHOD_NAMES[m]: evaluate_method(corpus, m, predictions if m == "hybrid" else None) for m in MODES
    }
    return {
        "records": len(records),
        "methods": methods,
        "_questions": len(corpus.questions),
        "_index_ms_per_1000_words": round(corpus.index_ms_per_1000_words, 1),
    }


def main(args: argparse.Namespace) -> int:
    """Run the evaluation; print a table, or one JSON object with ``--json``."""
    from bot.config import Settings
    from bot.engine import HeadlineBot

    records = read_qa(args.data, args.limit)
    rows: list[dict[str, Any]] | None = [] if getattr(args, "predictions", None) else None
    if rows is not None and not Path(args.predictions).resolve().parent.is_dir():
        raise InputError(f"--predictions {args.predictions}: its folder does not exist.")
    result = evaluate(records, HeadlineBot(Settings.from_env()).embedder, rows)
    if rows is not None:
        with Path(args.predictions).open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    questions = result.pop("_questions")
    index_ms = result.pop("_index_ms_per_1000_words")
    if getattr(args, "json", False):
        print(json.dumps(result, indent=2))
        return 0
    keys = list(next(iter(result["methods"].values())))
    print(f"{result['records']} documents, {questions} questions; indexing {index_ms} ms per 1,000 words")
    print(f"{'method':<14}" + "".join(f"{k:>20}" for k in keys))
    for name, figures in result["methods"].items():
        print(f"{name:<14}" + "".join(f"{figures[k]:>20}" for k in keys))
    return 0
