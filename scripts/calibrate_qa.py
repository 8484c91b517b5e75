"""Fit the answerability model (``bot/qa/weights/answerability.json``) on the visible QA data, and
report, cross-validated by document, how it trades refusing unanswerable questions against
answering answerable ones.

    python scripts/qa_features.py --out /work/cache/r2-13/features.npz \\
        --data ../shared/eval/qa/squad2.jsonl ../shared/eval/qa/xquad.jsonl
    python scripts/calibrate_qa.py --features /work/cache/r2-13/features.npz [--write]

Procedure, fixed before looking at any result:

1. Rows (``scripts/qa_features.py``): every SQuAD 2.0 question at its own document (answerable or
   not), every XQuAD question at its own document (answerable) and at the next document
   (unanswerable: a wrong-document question).
2. Model: standardised logistic regression (scikit-learn, C = 1) on ``bot.qa.answerability.FEATURES``.
3. Threshold rule (stated in advance): the highest threshold that still answers ``--keep``
   (default 92 %, a margin over the 90 % asked for) of the *training* rows that have an answer,
   counting the hard rules: a question whose expected answer type (number, date, person, place)
   is missing from the quoted sentences is refused anyway, and so is one whose retrieval evidence
   is under the wrong-document gate (``THRESHOLDS["hybrid"]``, fitted on XQuAD before).
4. Cross-validation grouped by document: leave one title out (SQuAD 2.0's 16 articles are XQuAD
   articles too, so a title's rows from both files are held out together). Every held-out row is
   decided by a model and threshold fitted without its title; the pooled decisions give the
   figures printed, and the pooled held-out scores give the trade-off curve.
5. ``--write``: fit on all rows with the same rule and write the JSON that the bot ships.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.qa.answerability import FEATURES, WEIGHTS
from bot.retrieval.retrieve import THRESHOLDS

TYPE_MISSING = FEATURES.index("type_missing")
EVIDENCE = FEATURES.index("evidence")


def hard_refusals(x: np.ndarray, wording: np.ndarray | None = None) -> np.ndarray:
    """Rows refused whatever the model says: the expected answer type is missing, the retrieval
    evidence is under the wrong-document gate (``THRESHOLDS["hybrid"]``), or (``wording``, the
    features file's ``hard`` column) the question's wording refuses it: a measure the quote lacks,
    something the article never mentions."""
    blocked = (x[:, TYPE_MISSING] > 0) | (x[:, EVIDENCE] < THRESHOLDS["hybrid"])
    return blocked if wording is None else blocked | (wording > 0)


def rule_threshold(scores: np.ndarray, blocked: np.ndarray, positive: np.ndarray, keep: float) -> float:
    """The highest threshold answering at least ``keep`` of the positive rows (blocked rows are
    refused whatever their score).

    >>> rule_threshold(np.array([0.9, 0.8, 0.7, 0.1]), np.zeros(4, bool), np.ones(4, bool), 0.75)
    0.7
    """
    needed = int(np.ceil(keep * positive.sum()))
    usable = np.sort(scores[positive & ~blocked])[::-1]
    if needed <= 0 or len(usable) == 0:
        return float("inf")
    return float(usable[min(needed, len(usable)) - 1])


def fit(x: np.ndarray, y: np.ndarray, keep: float, wording: np.ndarray | None = None) -> dict[str, object]:
    """Logistic regression on standardised features, threshold by the rule."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=1.0, max_iter=2000).fit((x - mean) / scale, y)
    model = {
        "features": list(FEATURES),
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "coef": clf.coef_[0].tolist(),
        "intercept": float(clf.intercept_[0]),
    }
    scores = predict(model, x)
    model["threshold"] = rule_threshold(scores, hard_refusals(x, wording), y == 1, keep)
    model["rule"] = f"highest threshold answering >= {keep:.0%} of the training rows that have an answer"
    return model


def predict(model: dict[str, object], x: np.ndarray) -> np.ndarray:
    z = ((x - np.asarray(model["mean"])) / np.asarray(model["scale"])) @ np.asarray(model["coef"])
    return 1.0 / (1.0 + np.exp(-(z + float(model["intercept"]))))  # type: ignore[arg-type]


def figures(answer: np.ndarray, y: np.ndarray, correct: np.ndarray, mask: np.ndarray) -> dict[str, float]:
    pos, neg = mask & (y == 1), mask & (y == 0)
    return {
        "answered_has_answer": round(float(answer[pos].mean()), 4) if pos.any() else float("nan"),
        "correct_has_answer": round(float((answer & (correct == 1))[pos].mean()), 4)
        if pos.any()
        else float("nan"),
        "refused_no_answer": round(float((~answer)[neg].mean()), 4) if neg.any() else float("nan"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--features", default="/work/cache/r2-13/features.npz")
    parser.add_argument("--keep", type=float, default=0.92)
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS}")
    parser.add_argument(
        "--without-removed", action="store_true", help="leave out the rows of qa_features --removed"
    )
    parser.add_argument(
        "--without-wording",
        action="store_true",
        help="leave the wording refusals (the features file's hard column) out of the hard rules",
    )
    parser.add_argument(
        "--compare", action="store_true", help="also cross-validate gradient-boosted trees (for comparison)"
    )
    args = parser.parse_args(argv)
    loaded = np.load(args.features)
    keep_rows = np.ones(len(loaded["y"]), dtype=bool)
    if args.without_removed and "removed" in loaded:
        keep_rows = loaded["removed"] == 0
    data = {k: loaded[k][keep_rows] for k in loaded.files}
    x, y, groups, files, correct = data["x"], data["y"], data["group"], data["source"], data["correct"]
    wording = None if args.without_wording or "hard" not in data else data["hard"]
    blocked = hard_refusals(x, wording)
    oof = np.zeros(len(y))
    answer = np.zeros(len(y), dtype=bool)
    for title in np.unique(groups):
        held = groups == title
        model = fit(x[~held], y[~held], args.keep, None if wording is None else wording[~held])
        oof[held] = predict(model, x[held])
        answer[held] = (oof[held] >= float(model["threshold"])) & ~blocked[held]  # type: ignore[arg-type]
    print(f"{len(y)} rows, {len(np.unique(groups))} titles; leave-one-title-out CV, rule keep={args.keep}")
    for name in np.unique(files):
        mask = files == name
        print(f"  {name:<14} home:", figures(answer, y, correct, mask & (data["away"] == 0)))
        if (mask & (data["away"] == 1)).any():
            away = mask & (data["away"] == 1)
            print(f"  {name:<14} wrong document: refused {float((~answer)[away].mean()):.4f}")
    squad = (files == "squad2") & (data["away"] == 0)
    home = (files == "xquad") & (data["away"] == 0)
    if "quoted" in data:
        print(
            f"  sentences chosen, whatever the decision: XQuAD answer accuracy {correct[home].mean():.4f}"
            f" ({(data['quoted'][home] > 1).mean():.1%} two sentences); SQuAD 2.0 answerable"
            f" {correct[squad & (y == 1)].mean():.4f}"
        )
    if args.compare:
        from sklearn.ensemble import HistGradientBoostingClassifier

        trees = np.zeros(len(y))
        for title in np.unique(groups):
            held = groups == title
            clf = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, random_state=0)
            trees[held] = clf.fit(x[~held], y[~held]).predict_proba(x[held])[:, 1]
        print("\nGradient-boosted trees, pooled out-of-fold, SQuAD 2.0 (comparison only):")
        for t in (0.1, 0.2, 0.3, 0.4, 0.5):
            print(f"  {t:.1f}", figures((trees >= t) & ~blocked, y, correct, squad))
    print("\nTrade-off (SQuAD 2.0, pooled out-of-fold scores; type rule applied):")
    print("| threshold | answerable answered | answerable answered and correct | unanswerable refused |")
    print("|---|---|---|---|")
    for t in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        a = (oof >= t) & ~blocked
        f = figures(a, y, correct, squad)
        row = (f["answered_has_answer"], f["correct_has_answer"], f["refused_no_answer"])
        print(f"| {t:.1f} | " + " | ".join(f"{v:.3f}" for v in row) + " |")
    print(
        "\nBy rule (keep share on training folds -> held-out figures, SQuAD 2.0 | XQuAD wrong doc refused):"
    )
    for keep in (0.80, 0.85, 0.90, 0.92, 0.95, 0.98):
        ans = np.zeros(len(y), dtype=bool)
        for title in np.unique(groups):
            held = groups == title
            model = fit(x[~held], y[~held], keep, None if wording is None else wording[~held])
            ans[held] = (predict(model, x[held]) >= float(model["threshold"])) & ~blocked[held]  # type: ignore[arg-type]
        away = (files == "xquad") & (data["away"] == 1)
        print(f"  keep {keep:.2f}: {figures(ans, y, correct, squad)} | {float((~ans)[away].mean()):.4f}")
    final = fit(x, y, args.keep, wording)
    print("\nfitted on all rows: threshold", round(float(final["threshold"]), 4))  # type: ignore[arg-type]
    print("coefficients:", dict(zip(FEATURES, np.round(final["coef"], 3), strict=True)))  # type: ignore[arg-type]
    if args.write:
        WEIGHTS.write_text(json.dumps(final, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
