#!/usr/bin/env python
"""Train the debris line classifier shipped in ``bot/ingest/weights/line_classifier.safetensors``.

Usage (needs the ``dev`` extras for scikit-learn)::

    python scripts/train_line_classifier.py    # Scrapinghub + titled pages that have a body

Pages come from every ``--data`` file; those without a ground-truth body (``text: null``) are
skipped.

Each non-blank line of a page's copied text is labelled "body" when it appears in the page's
ground-truth article text (or, for longer lines, when at least 80 % of its words do). The
features are ``bot.ingest.linefeatures``; the model is scikit-learn's histogram gradient
boosting, exported as trees (``bot.ingest.lineclassifier.save_weights``) that it evaluates with numpy.
Two passes (``--passes 2``, the default): the second pass sees each line's features plus the
first pass's scores of its neighbours (``bot.ingest.lineclassifier.context_features``); the
first-pass scores it learns from are out-of-fold (3 folds by site inside the training pages),
as they will be on a page the model has not seen. The script first reports token F1 from
cross-validation *by site* (``site_of``: the URL's host, so no site straddles train and test),
then fits on every page and writes the weights.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.evaluate.data import read_jsonl  # noqa: E402
from bot.evaluate.metrics import aggregate, token_prf  # noqa: E402
from bot.ingest.clean import clean_text  # noqa: E402
from bot.ingest.lineclassifier import (  # noqa: E402
    CONTEXT_FEATURES,
    LineClassifier,
    context_features,
    save_weights,
)
from bot.ingest.linefeatures import FEATURE_NAMES, line_features, split_lines  # noqa: E402

OUT = ROOT / "bot" / "ingest" / "weights" / "line_classifier.safetensors"
# ../shared/eval from the project root (a worktree one level deeper also finds it).
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent
)
DATA = SHARED / "eval" / "extraction"
DEFAULT_DATA = [str(DATA / "scrapinghub-text.jsonl.gz"), str(DATA / "titled-pages-text.jsonl.gz")]


def site_of(record: dict[str, Any]) -> str:
    """The site a page comes from: its URL's host (archive.org copies: the archived URL's host).

    Pages without a URL are each their own site.
    """
    url = str(record.get("url") or "")
    archived = re.match(r"https?://web\.archive\.org/web/[^/]+/(.+)", url)
    if archived:
        url = archived.group(1)
    host = (urlparse(url if "//" in url else f"http://{url}").hostname or "").removeprefix("www.")
    return host or f"page:{record.get('id')}"


def read_pages(paths: list[str], with_body: bool = True) -> list[dict[str, Any]]:
    """The records of every file; with ``with_body``, only those with a ground-truth ``text``."""
    out = []
    for path in paths:
        out += [r for r in read_jsonl(path) if not with_body or isinstance(r.get("text"), str)]
    return out


def site_folds(records: list[dict[str, Any]], folds: int, seed: int | None = None) -> list[int]:
    """Fold number of each record: GroupKFold over sites, so a site is in one fold only.

    With ``seed`` the sites are dealt to folds at random (another draw of the same kind of split).
    """
    from sklearn.model_selection import GroupKFold

    sites = [site_of(r) for r in records]
    fold = [0] * len(records)
    split = GroupKFold(n_splits=folds) if seed is None else GroupKFold(folds, shuffle=True, random_state=seed)
    for k, (_, te) in enumerate(split.split(sites, groups=sites)):
        for i in te:
            fold[i] = k
    return fold


def labels(scraped: str, truth: str) -> np.ndarray:
    """1 for lines that belong to the article body.

    A line of six words or more is body when the true text contains it, or 80 % of its words; a
    shorter line only when it is a whole line of the true text (a subheading), not when it merely
    occurs in it (a menu item "Health" in a page whose article says "health").
    """
    gt = " ".join(truth.split())
    gt_lines = {" ".join(line.split()) for line in truth.splitlines()}
    gt_words = Counter(gt.split())
    out = []
    for ln in split_lines(scraped):
        norm = " ".join(ln.text.split())
        words = norm.split()
        if len(words) < 6:
            out.append(int(norm in gt_lines))
            continue
        covered = sum((Counter(words) & gt_words).values()) / len(words)
        out.append(int(norm in gt or covered >= 0.8))
    return np.array(out)


def dataset(
    records: list[dict[str, Any]], crops: int = 0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and page number of every line.

    With ``crops``, each page also contributes that many copies cut to a few lines around its
    body, as when a person selects just the article rather than the whole page.
    """
    rng = np.random.default_rng(seed)
    xs, ys, groups = [], [], []
    for g, r in enumerate(records):
        lines = split_lines(r["scraped_text"])
        if not lines:
            continue
        y = labels(r["scraped_text"], r["text"])
        xs.append(line_features(lines))
        ys.append(y)
        groups.append(np.full(len(lines), g))
        body = np.flatnonzero(y)
        for _ in range(crops if body.size else 0):
            a = max(0, int(body[0]) - int(rng.integers(0, 8)))
            b = min(len(lines), int(body[-1]) + 1 + int(rng.integers(0, 8)))
            xs.append(line_features(lines[a:b]))
            ys.append(y[a:b])
            groups.append(np.full(b - a, g))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(groups)


def fit(x: np.ndarray, y: np.ndarray, args: argparse.Namespace) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    # Weight lines by length so the model cares about words, which is what the metric counts.
    weight = np.sqrt(np.expm1(x[:, FEATURE_NAMES.index("log_tokens")]))
    model = HistGradientBoostingClassifier(
        max_iter=args.trees,
        max_depth=args.depth,
        learning_rate=args.learning_rate,
        min_samples_leaf=20,
        early_stopping=False,
        random_state=0,
    )
    model.fit(x, y, sample_weight=weight)
    return model


def export(model: Any, threshold: float, names: tuple[str, ...] = FEATURE_NAMES) -> dict[str, Any]:
    """Plain JSON trees of a fitted scikit-learn (histogram) gradient-boosting classifier."""
    if hasattr(model, "_predictors"):  # HistGradientBoostingClassifier: leaf values carry the rate
        trees = []
        for (pred,) in model._predictors:
            nd = pred.nodes
            leaf = nd["is_leaf"].astype(bool)
            trees.append(
                {
                    "feature": np.where(leaf, -2, nd["feature_idx"].astype(np.int64)).tolist(),
                    "threshold": [float(v) for v in nd["num_threshold"]],
                    "left": np.where(leaf, -1, nd["left"].astype(np.int64)).tolist(),
                    "right": np.where(leaf, -1, nd["right"].astype(np.int64)).tolist(),
                    "value": [round(float(v), 6) for v in nd["value"]],
                }
            )
        return {
            "kind": "gradient-boosted trees (scikit-learn HistGradientBoostingClassifier, binary log-loss)",
            "feature_names": list(names),
            "base_score": float(np.ravel(model._baseline_prediction)[0]),
            "learning_rate": 1.0,
            "threshold_body": threshold,
            "trees": trees,
        }
    trees = []
    for est in model.estimators_[:, 0]:
        t = est.tree_
        trees.append(
            {
                "feature": t.feature.tolist(),
                "threshold": [round(float(v), 6) for v in t.threshold],
                "left": t.children_left.tolist(),
                "right": t.children_right.tolist(),
                "value": [round(float(v), 6) for v in t.value[:, 0, 0]],
            }
        )
    base = float(model._raw_predict_init(np.zeros((1, len(names))))[0, 0])
    return {
        "kind": "gradient-boosted trees (scikit-learn GradientBoostingClassifier, binary log-loss)",
        "feature_names": list(names),
        "base_score": base,
        "learning_rate": model.learning_rate,
        "threshold_body": threshold,
        "trees": trees,
    }


def with_context(x: np.ndarray, groups: np.ndarray, first: np.ndarray) -> np.ndarray:
    """The line features with the context columns of each page's first-pass scores appended."""
    ctx = np.zeros((len(x), len(CONTEXT_FEATURES)))
    for g in np.unique(groups):
        rows = np.flatnonzero(groups == g)
        ctx[rows] = context_features(first[rows], x[rows])
    return np.hstack([x, ctx])


def train_cleaner(
    records: list[dict[str, Any]], x: np.ndarray, y: np.ndarray, groups: np.ndarray, args: argparse.Namespace
) -> dict[str, Any]:
    """The exported line classifier (with ``args.passes - 1`` later passes) for these lines.

    ``groups`` holds each line's index into ``records``; the second pass learns from first-pass
    scores that are out-of-fold by site (3 folds), as on pages the model has not seen, and a third
    (``--passes 3``, tried in round 6 and not shipped: 0.896 against 0.898) from second-pass scores
    out-of-fold the same way.
    """
    first = export(fit(x, y, args), args.threshold)
    if args.passes < 2:
        return first
    pages = sorted(set(groups.tolist()))
    inner = dict(zip(pages, site_folds([records[g] for g in pages], 3), strict=True))
    line_fold = np.array([inner[g] for g in groups])
    names = FEATURE_NAMES + CONTEXT_FEATURES

    def out_of_fold(rows: np.ndarray, columns: tuple[str, ...]) -> np.ndarray:
        # each page's scores from a pass trained without its site (pages never straddle folds)
        scores = np.zeros(len(y))
        for k in range(3):
            tr, te = line_fold != k, line_fold == k
            clf = LineClassifier.from_dict(export(fit(rows[tr], y[tr], args), args.threshold, columns))
            scores[te] = clf.predict_one_pass(rows[te])
        return scores

    oof = out_of_fold(x, FEATURE_NAMES)
    stages = [first]
    for n in range(2, args.passes + 1):
        rows = with_context(x, groups, oof)
        stages.append(export(fit(rows, y, args), args.threshold, names))
        if n < args.passes:
            oof = out_of_fold(rows, names)  # a later pass learns from this pass's honest scores
    nested = stages[-1]
    for stage in reversed(stages[:-1]):
        nested = stage | {"context": nested}
    return nested


def page_scores(records: list[dict[str, Any]], clf: LineClassifier) -> list[tuple[float, float]]:
    """Token precision and recall of the full cleaner (classifier and rules) on each page."""
    pairs = []
    for r in records:
        cleaned = clean_text(r["scraped_text"], classifier=clf)
        pairs.append(token_prf("\n".join(cleaned.paragraphs), r["text"]))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", nargs="+", default=DEFAULT_DATA, help="copied-text JSONL files")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--trees", type=int, default=150)
    parser.add_argument(
        "--passes", type=int, default=2, choices=(1, 2, 3), help="2: the shipped context pass; 3: a third"
    )
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--threshold", type=float, default=0.4)
    parser.add_argument("--crops", type=int, default=0, help="cropped copies of each page to add")
    parser.add_argument("--no-write", action="store_true", help="report the CV figure only")
    parser.add_argument(
        "--shuffle-sites",
        type=int,
        metavar="SEED",
        help="deal the sites to the cross-validation folds at random with this seed (a second draw)",
    )
    parser.add_argument(
        "--pages", type=Path, help="write each page's out-of-fold token precision and recall here (JSONL)"
    )
    args = parser.parse_args()

    records = read_pages(args.data)
    x, y, groups = dataset(records, crops=args.crops)
    print(
        f"{len(records)} pages from {len(set(map(site_of, records)))} sites, "
        f"{len(y)} lines, {y.mean():.1%} body lines"
    )

    if args.folds > 1:
        page_fold = np.array(site_folds(records, args.folds, seed=args.shuffle_sites))
        per_fold = []
        pooled: list[tuple[float, float]] = []
        by_language: dict[str, list[tuple[float, float]]] = {}
        by_source: dict[str, list[tuple[float, float]]] = {}
        listing = []
        for k in range(args.folds):
            tr, te = np.flatnonzero(page_fold[groups] != k), np.flatnonzero(page_fold[groups] == k)
            clf = LineClassifier.from_dict(train_cleaner(records, x[tr], y[tr], groups[tr], args))
            test_pages = [records[g] for g in sorted(set(groups[te].tolist()))]
            pairs = page_scores(test_pages, clf)
            pooled += pairs
            for page, pair in zip(test_pages, pairs, strict=True):
                listing.append(
                    {
                        "id": page.get("id"),
                        "site": site_of(page),
                        "source": page.get("source", "scrapinghub"),
                        "lang_guess": page.get("lang_guess"),
                        "fold": k + 1,
                        "precision": round(pair[0], 4),
                        "recall": round(pair[1], 4),
                    }
                )
                by_language.setdefault(str(page.get("lang_guess", "?")), []).append(pair)
                by_source.setdefault(str(page.get("source", "scrapinghub")), []).append(pair)
            result = aggregate(pairs)
            per_fold.append(result["f1"])
            print(
                f"fold {k + 1}: pages={len(test_pages)} P={result['precision']:.3f} "
                f"R={result['recall']:.3f} F1={result['f1']:.3f}"
            )
        cv = aggregate(pooled)
        print(
            f"cross-validated by site, all pages pooled: P={cv['precision']:.3f} R={cv['recall']:.3f} "
            f"F1={cv['f1']:.3f} (folds {min(per_fold):.3f}-{max(per_fold):.3f}, "
            f"mean {statistics.mean(per_fold):.3f})"
        )
        for language, lang_pairs in sorted(by_language.items()):
            scores = aggregate(lang_pairs)
            print(f"  lang_guess={language}: {len(lang_pairs)} pages, F1={scores['f1']:.3f}")
        for source, source_pairs in sorted(by_source.items()):
            scores = aggregate(source_pairs)
            print(f"  source={source}: {len(source_pairs)} pages, F1={scores['f1']:.3f}")
        non_en = [pair for lang, ps in by_language.items() if lang != "en" for pair in ps]
        print(f"  not English: {len(non_en)} pages, F1={aggregate(non_en)['f1']:.3f}")
        if args.pages:
            args.pages.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in listing))
            print(f"wrote {len(listing)} pages' out-of-fold scores to {args.pages}")

    if not args.no_write:
        model = fit(x, y, args)
        data = export(model, args.threshold)
        proba = model.predict_proba(x)[:, 1]
        clf = LineClassifier.from_dict(data)
        assert np.allclose(clf.predict(x), proba, atol=1e-4), "numpy trees disagree with scikit-learn"
        data = train_cleaner(records, x, y, groups, args)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        save_weights(OUT, data)
        clf = LineClassifier.load(OUT)
        result = aggregate(page_scores(records, clf))
        print(f"fit on all pages (optimistic, seen data): F1 {result['f1']:.3f}")
        print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
