"""Fit the abstention thresholds of ``bot/retrieve.py`` on visible QA data, and report how well they
hold up on documents they were not fitted on.

    python scripts/calibrate_qa.py --data ../shared/eval/qa/xquad.jsonl

Procedure (the same for every method):

1. Every question is asked against its own document (should be answered) and against the next
   document in the file (should be refused); the evidence score of each is recorded.
2. The threshold is the lowest one that still refuses ``--refuse`` (default 98 %, a margin over the
   97 % asked for) of the away questions: it answers as many home questions as that allows. It is
   placed midway between neighbouring scores. For the hybrid method the weight of term coverage in
   the evidence (``COVERAGE_WEIGHT``) is chosen from a small grid to answer the most.
3. Leave-one-document-out cross-validation: for each document, fit on all the others and decide
   its questions with that fit. The pooled decisions give the cross-validated figures printed,
   which are the honest estimate for unseen articles.
4. The final values are fitted on all documents; paste them into ``THRESHOLDS`` and
   ``COVERAGE_WEIGHT`` in ``bot/retrieve.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.evaluate.qa import Corpus, build_corpus, read_qa, wrong_doc
from bot.retrieval.retrieve import MODES, Mode, retrieve

COVERAGE_GRID = (0.0, 0.1, 0.2, 0.3, 0.5)


def fit_threshold(home: np.ndarray, away: np.ndarray, refuse: float = 0.98) -> tuple[float, float]:
    """The lowest threshold refusing at least ``refuse`` of ``away``, and the share of ``home``
    it answers (in-sample).

    >>> fit_threshold(np.array([0.8, 0.9, 0.3]), np.array([0.1, 0.2, 0.4]), refuse=0.6)
    (0.25, 1.0)
    """
    values = np.unique(np.concatenate([home, away]))
    candidates = (values[:-1] + values[1:]) / 2 if len(values) > 1 else values
    refused = np.searchsorted(np.sort(away), candidates, side="left") / len(away)
    ok = np.flatnonzero(refused >= refuse)
    threshold = float(candidates[ok[0]] if len(ok) else values[-1] + 1e-6)
    return threshold, float(np.mean(home >= threshold))


def evidence(corpus: Corpus, mode: Mode) -> dict[str, np.ndarray]:
    """Per question: evidence components at home and away, and the question's document."""
    rows: dict[str, list[float]] = {k: [] for k in ("doc", "home", "away", "home_cov", "away_cov")}
    n_docs = len(corpus.indexes)
    for i, q in enumerate(corpus.questions):
        qv = corpus.query_vectors[i]
        here = retrieve(corpus.indexes[q.doc], q.text, mode, query_vector=qv)
        there = retrieve(corpus.indexes[wrong_doc(q.doc, n_docs)], q.text, mode, query_vector=qv)
        base_home = here.best_cosine if mode == "hybrid" else here.evidence
        base_away = there.best_cosine if mode == "hybrid" else there.evidence
        rows["doc"].append(q.doc)
        rows["home"].append(base_home)
        rows["away"].append(base_away)
        rows["home_cov"].append(here.coverage)
        rows["away_cov"].append(there.coverage)
    return {k: np.asarray(v) for k, v in rows.items()}


def fit(
    ev: dict[str, np.ndarray], mask: np.ndarray, grid: tuple[float, ...], refuse: float
) -> tuple[float, float]:
    """(coverage weight, threshold) answering the most masked questions at the refusal target."""
    best = (grid[0], 0.0, -1.0)
    for weight in grid:
        home = ev["home"][mask] + weight * ev["home_cov"][mask]
        away = ev["away"][mask] + weight * ev["away_cov"][mask]
        threshold, score = fit_threshold(home, away, refuse)
        if score > best[2]:
            best = (weight, threshold, score)
    return best[0], best[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--refuse", type=float, default=0.98, help="share of away questions to refuse")
    args = parser.parse_args(argv)
    from bot.engine import HeadlineBot

    records = read_qa(args.data, args.limit)
    corpus = build_corpus(records, HeadlineBot().embedder)
    print(f"{len(records)} documents, {len(corpus.questions)} questions")
    for mode in MODES:
        ev = evidence(corpus, mode)
        grid = COVERAGE_GRID if mode == "hybrid" else (0.0,)
        docs = ev["doc"].astype(int)
        answered = refused = 0
        for d in np.unique(docs):
            weight, threshold = fit(ev, docs != d, grid, args.refuse)
            held = docs == d
            answered += int(np.sum(ev["home"][held] + weight * ev["home_cov"][held] >= threshold))
            refused += int(np.sum(ev["away"][held] + weight * ev["away_cov"][held] < threshold))
        n = len(docs)
        weight, threshold = fit(ev, np.ones(n, dtype=bool), grid, args.refuse)
        home = ev["home"] + weight * ev["home_cov"]
        away = ev["away"] + weight * ev["away_cov"]
        print(
            f"{mode:<7} leave-one-document-out CV: answered {answered / n:.3f}, refused {refused / n:.3f}"
            f" | fitted on all: threshold {threshold:.4f}, coverage weight {weight}"
            f" (in-sample answered {np.mean(home >= threshold):.3f}, refused {np.mean(away < threshold):.3f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
