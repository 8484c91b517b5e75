#!/usr/bin/env python
"""Train the headline scorer shipped in ``bot/ingest/weights/headline.safetensors``.

Usage (needs the ``dev`` extras for scikit-learn)::

    python scripts/train_headline.py          # Scrapinghub + titled pages, copied text

Every page with a title (``title``, or ``page_title`` on the Scrapinghub files) is used, with
or without a ground-truth body. A candidate line (``bot.ingest.title.candidates``) is labelled
"headline" when it matches the page's title by the rule of ``bot.evaluate.titles``.

Honest body lines: pages are split into folds by site (``site_of``: no site in two folds); for
each fold the line classifier (both passes, as ``scripts/train_line_classifier.py`` trains it)
is trained on the other folds' pages that have a body, and finds the body of this fold's pages.
The headline features are built on those out-of-fold bodies, so the scorer learns from (and is
measured on) bodies as the shipped cleaner finds them on pages it has not seen.

The scorer (``--objective pointwise``) is scikit-learn's histogram gradient boosting over
candidates, P(headline) per line, then a second stage of the same kind over each candidate's
features and the first stage's out-of-fold scores of the line, its neighbours and its page
(``bot.ingest.title.STACK_FEATURES``); the best wins if it reaches 0.1. ``--objective lambdarank``
(the default and the shipped one, round 19; needs LightGBM from the ``dev`` extras) adds a ranker:
LightGBM LambdaRank trees trained on the pages that have a matching line, each page a query,
exported to the same numpy trees. The two stages then only say whether the page has a headline
(its best P(headline) at least 0.05); the ranker chooses which candidate
(``HeadlineScorer.choose``). ``--objective listwise`` trains boosted regression trees on a softmax
over each page's candidates plus a "no headline" option of score 0 (the log-likelihood of the true
line, or of "no headline" when no candidate matches); it scored lower under cross-validation and
is kept for comparison. The vocabulary features (``bot.ingest.title.Vocabulary``: word log-odds,
common lines) are learned from training pages only, and the training pages' own vocabulary columns
are out-of-fold (by site) so the trees do not learn to trust words that the page itself taught.

On the same folds the scorer is trained on four and measured on the fifth: accuracy = the picked
line matches the title (no pick = a miss), for ``shipped`` (``bot.ingest.clean.pick_headline``),
the scorer alone, the old rule and the first line, with the misses split into: (a) no candidate
matches the title, (b) another line ranked first, (c) no headline returned. ``--predictions``
writes each page's title, the shipped pick, the scorer's own pick and the rule's;
``--shuffle-sites SEED`` deals the sites to the scorer's folds at random (a second draw of the
same kind of split). The run is deterministic: the same data and folds give the same picks.
Finally it is fitted on every page and written out. Settings: 300 trees of depth 4, learning
rate 0.1, for both stages (round 4: compared with round 2's 200 trees of depth 3 on the same folds, see
docs/benchmarks.md; listwise: each tree on 30 % of the pages, "no headline" under a softmax
probability of 0.3). The ranker has its own settings (``RANKER``: 300 trees of 15 leaves, learning
rate 0.05, row and column subsampling 0.8). ``--shuffle-sites`` also deals the final fit's folds,
so write the shipped weights from the default draw.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_line_classifier import (  # noqa: E402
    DEFAULT_DATA,
    dataset,
    export,
    read_pages,
    site_folds,
    site_of,
    train_cleaner,
)

from bot.evaluate.titles import headline_matches, record_title  # noqa: E402
from bot.ingest.clean import find_headline, keep_mask, pick_headline  # noqa: E402
from bot.ingest.lineclassifier import LineClassifier, save_weights  # noqa: E402
from bot.ingest.linefeatures import split_lines  # noqa: E402
from bot.ingest.title import (  # noqa: E402
    BASE_FEATURES,
    HEADLINE_FEATURES,
    NEIGHBOUR_FEATURES,
    STACK_FEATURES,
    HeadlineScorer,
    Vocabulary,
    assemble,
    base_and_neighbours,
    candidates,
    stack_features,
)

OUT = ROOT / "bot" / "ingest" / "weights" / "headline.safetensors"
THRESHOLD = 0.3
# The second stage learns that a page's best line is often the headline even when the first
# stage found nothing headline-like; a line the first stage gives under 1 % stays out (a menu
# item above a pasted article is not a headline).
FLOOR = 0.01
TREES, DEPTH, RATE, SUBSAMPLE = 300, 4, 0.1, 0.3
OBJECTIVE = "lambdarank"
RANKED_THRESHOLD = 0.05
# With the ranker choosing, the stages only say whether a page has a headline at all: P(headline)
# of the page's best candidate at least 0.05 (0.1 without a ranker). Chosen between 0.1 and 0.05 on
# this script's CV by site (two draws: titled pages 0.694 / 0.707 at 0.1, 0.704 / 0.710 at 0.05).
# The ranker (LightGBM LambdaRank over each page's candidates), set once before its first CV run
# and not tuned on it: 300 trees of at most 15 leaves, learning rate 0.05, 80 % of the rows and
# of the features for each tree.
RANKER = {
    "n_estimators": 300,
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_child_samples": 10,
    "subsample": 0.8,
    "subsample_freq": 1,
    "colsample_bytree": 0.8,
}

Page = tuple[list[str], int | None, np.ndarray, np.ndarray]


def out_of_fold_bodies(
    records: list[dict[str, Any]], fold: list[int], args: argparse.Namespace
) -> list[list[bool]]:
    """The body mask of each page from a line classifier that never saw the page's site."""
    masks: list[list[bool]] = [[] for _ in records]
    for k in range(args.folds):
        train = [r for r, f in zip(records, fold, strict=True) if f != k and isinstance(r.get("text"), str)]
        x, y, groups = dataset(train)
        clf = LineClassifier.from_dict(train_cleaner(train, x, y, groups, args))
        for i, r in enumerate(records):
            if fold[i] == k:
                lines = split_lines(r["scraped_text"])
                masks[i] = keep_mask(lines, clf) if lines else []
        print(f"line classifier for fold {k + 1}: trained on {len(train)} pages", flush=True)
    return masks


def page_rows(record: dict[str, Any], mask: list[bool]) -> Page:
    """Candidate texts, the rule's pick (as a candidate index), base features and labels of one page."""
    lines = split_lines(record["scraped_text"])
    rows = candidates(lines, mask) if lines else []
    if not rows:
        return [], None, np.zeros((0, len(BASE_FEATURES) + len(NEIGHBOUR_FEATURES))), np.zeros(0)
    rule = find_headline(lines, mask)
    title = record_title(record)
    x = base_and_neighbours(lines, mask, rows, rule)
    y = np.array([float(headline_matches(lines[i].text, title)) for i in rows])
    return [lines[i].text for i in rows], (rows.index(rule) if rule in rows else None), x, y


def learn_vocab(pages: list[Page], which: list[int]) -> Vocabulary:
    return Vocabulary.learn((pages[i][0], pages[i][3].tolist()) for i in which if len(pages[i][3]))


def full(page: Page, vocab: Vocabulary) -> np.ndarray:
    return assemble(page[2], vocab.columns(page[0]))


def fit_listwise(x: np.ndarray, y: np.ndarray, page: np.ndarray) -> list[Any]:
    """Boosted trees for a per-page softmax over candidates plus a "no headline" option (score 0).

    Each tree is grown on the softmax's gradient over a random 30 % of the pages (stochastic
    boosting); its leaves get Newton values, sum of gradients over sum of curvatures plus 1.
    """
    from sklearn.tree import DecisionTreeRegressor

    order = np.argsort(page, kind="stable")
    x, y, page = x[order], y[order], page[order]
    starts = np.flatnonzero(np.r_[True, page[1:] != page[:-1]])
    size = np.diff(np.r_[starts, len(y)])
    target = y / np.repeat(np.maximum(np.add.reduceat(y, starts), 1), size)
    score = np.zeros(len(y))
    trees = []
    rng = np.random.default_rng(0)
    pages = np.unique(page)
    for t in range(TREES):
        e = np.exp(np.clip(score, -30, 30))
        p = e / (1.0 + np.repeat(np.add.reduceat(e, starts), size))
        g, h = target - p, p * (1 - p)
        rows = np.isin(page, rng.choice(pages, max(1, int(SUBSAMPLE * len(pages))), replace=False))
        tree = DecisionTreeRegressor(max_depth=DEPTH, min_samples_leaf=10, random_state=t)
        tree.fit(x[rows], g[rows])
        # Newton leaf values with an L2 term (as LightGBM / XGBoost): sum(g) / (sum(h) + 1)
        leaf = tree.apply(x[rows])
        values = tree.tree_.value
        for node in np.unique(leaf):
            values[node, 0, 0] = g[rows][leaf == node].sum() / (h[rows][leaf == node].sum() + 1.0)
        score += RATE * tree.predict(x)
        trees.append(tree)
    return trees


def export_listwise(trees: list[Any], vocab: Vocabulary) -> dict[str, Any]:
    out = []
    for est in trees:
        t = est.tree_
        out.append(
            {
                "feature": t.feature.tolist(),
                "threshold": [float(v) for v in t.threshold],
                "left": t.children_left.tolist(),
                "right": t.children_right.tolist(),
                "value": [round(float(v), 6) for v in t.value[:, 0, 0]],
            }
        )
    return {
        "kind": "boosted regression trees (scikit-learn), listwise softmax over a page's candidates",
        "objective": "softmax-with-none",
        "feature_names": list(HEADLINE_FEATURES),
        "base_score": 0.0,
        "learning_rate": RATE,
        "threshold_headline": THRESHOLD,
        "trees": out,
        "log_odds": vocab.log_odds,
        "common_lines": vocab.common_lines,
    }


def fit_trees(x: np.ndarray, y: np.ndarray) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=TREES,
        max_depth=DEPTH,
        learning_rate=RATE,
        min_samples_leaf=10,
        early_stopping=False,
        random_state=0,
    ).fit(x, y)


def fit_pointwise(
    x: np.ndarray, y: np.ndarray, page: np.ndarray, fold: np.ndarray, vocab: Vocabulary
) -> dict[str, Any]:
    """Binary gradient boosting over candidates, then a second stage over the first one's scores.

    The second stage learns from first-stage scores that are out-of-fold (``fold``: by site, the
    same folds as the vocabulary columns), as the scores of pages the first stage has not seen.
    """
    first = fit_trees(x, y)
    oof = np.zeros(len(y))
    for k in np.unique(fold):
        held = fold == k
        oof[held] = fit_trees(x[~held], y[~held]).predict_proba(x[held])[:, 1]
    stacked = np.zeros((len(y), len(STACK_FEATURES)))
    for g in np.unique(page):
        rows = np.flatnonzero(page == g)
        stacked[rows] = stack_features(oof[rows])
    second = export(fit_trees(np.hstack([x, stacked]), y), 0.5, HEADLINE_FEATURES + STACK_FEATURES)
    data = export(first, 0.5, HEADLINE_FEATURES)
    data.pop("threshold_body", None)
    second.pop("threshold_body", None)
    return data | {
        "threshold_headline": 0.1,
        "second_stage": second,
        "floor_first_stage": FLOOR,
        "log_odds": vocab.log_odds,
        "common_lines": vocab.common_lines,
    }


def fit_ranker(x: np.ndarray, y: np.ndarray, sizes: list[int]) -> dict[str, Any]:
    """LightGBM LambdaRank trees over candidates grouped by page (``sizes``: rows per page, in
    order; pages without a matching line teach a ranker nothing and are left out), exported to
    the layout of ``LineClassifier`` (a raw score; no threshold of its own)."""
    import lightgbm

    assert np.isfinite(x).all(), "the ranker's export has no branch for missing values"
    model = lightgbm.LGBMRanker(
        objective="lambdarank", random_state=0, deterministic=True, force_row_wise=True, verbose=-1, **RANKER
    ).fit(x, y, group=sizes)
    trees = [flat_tree(info["tree_structure"]) for info in model.booster_.dump_model()["tree_info"]]
    data = {
        "kind": "LambdaRank trees (LightGBM) over a page's candidates; a raw score, higher ranks first",
        "feature_names": list(HEADLINE_FEATURES),
        "base_score": 0.0,
        "learning_rate": 1.0,
        "trees": trees,
    }
    check = x[: min(len(x), 500)]
    assert np.allclose(LineClassifier.from_dict(data).raw(check), model.predict(check), atol=1e-5)
    return data


def flat_tree(node: dict[str, Any]) -> dict[str, list[Any]]:
    """One LightGBM tree (``dump_model``'s nested nodes) as the node lists of ``LineClassifier``."""
    out: dict[str, list[Any]] = {"feature": [], "threshold": [], "left": [], "right": [], "value": []}

    def visit(n: dict[str, Any]) -> int:
        at = len(out["feature"])
        for key in out:
            out[key].append(-1 if key in ("left", "right") else 0)
        if "leaf_value" in n:
            out["feature"][at], out["value"][at] = -2, round(float(n["leaf_value"]), 8)
            return at
        assert n["decision_type"] == "<=", n["decision_type"]
        out["feature"][at], out["threshold"][at] = int(n["split_feature"]), float(n["threshold"])
        out["left"][at] = visit(n["left_child"])
        out["right"][at] = visit(n["right_child"])
        return at

    visit(node)
    return out


def train_scorer(pages: list[Page], which: list[int], fold: list[int]) -> dict[str, Any]:
    """Weights from the pages ``which``: vocabulary columns out-of-fold by site, then the trees."""
    folds = sorted({fold[i] for i in which})
    xs, ys, gs = [], [], []
    for j in folds:
        vocab = learn_vocab(pages, [i for i in which if fold[i] != j])
        for i in which:
            if fold[i] == j and len(pages[i][3]):
                xs.append(full(pages[i], vocab))
                ys.append(pages[i][3])
                gs.append(np.full(len(pages[i][3]), i))
    if OBJECTIVE in ("pointwise", "lambdarank"):
        pg = np.concatenate(gs)
        data = fit_pointwise(
            np.vstack(xs), np.concatenate(ys), pg, np.array([fold[i] for i in pg]), learn_vocab(pages, which)
        )
        if OBJECTIVE == "lambdarank":  # the stages decide whether there is a headline, the ranker which
            ranked = [k for k, y in enumerate(ys) if y.sum() > 0]
            data["threshold_headline"] = RANKED_THRESHOLD
            data["ranker"] = fit_ranker(
                np.vstack([xs[k] for k in ranked]),
                np.concatenate([ys[k] for k in ranked]),
                [len(ys[k]) for k in ranked],
            )
        return data
    trees = fit_listwise(np.vstack(xs), np.concatenate(ys), np.concatenate(gs))
    data = export_listwise(trees, learn_vocab(pages, which))
    scorer = HeadlineScorer.from_dict(data)
    check = np.vstack(xs[:20])
    assert np.allclose(scorer.trees.raw(check), RATE * sum(t.predict(check) for t in trees), atol=1e-4)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", nargs="+", default=DEFAULT_DATA, help="copied-text JSONL files")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", help="file to keep the out-of-fold body masks in between runs")
    parser.add_argument("--no-write", action="store_true", help="report the CV figure only")
    parser.add_argument("--objective", choices=("lambdarank", "listwise", "pointwise"), default="lambdarank")
    parser.add_argument("--out", default=str(OUT), help="where to write the weights")
    parser.add_argument("--predictions", help="one JSON line per page: title, picks, matching candidates")
    parser.add_argument(
        "--shuffle-sites",
        type=int,
        metavar="SEED",
        help="deal the sites to the scorer's folds at random (a second CV draw; bodies stay as cached)",
    )
    args = parser.parse_args()
    global OBJECTIVE
    OBJECTIVE = args.objective
    # the line classifier's settings (scripts/train_line_classifier.py defaults)
    args.trees, args.depth, args.learning_rate, args.threshold, args.passes = 150, 3, 0.1, 0.4, 2

    records = [r for r in read_pages(args.data, with_body=False) if record_title(r)]
    fold = site_folds(records, args.folds)
    print(f"{len(records)} titled pages from {len(set(map(site_of, records)))} sites", flush=True)
    cache = Path(args.cache) if args.cache else None
    if cache and cache.is_file():
        masks = pickle.loads(cache.read_bytes())
    else:
        masks = out_of_fold_bodies(records, fold, args)
        if cache:
            cache.write_bytes(pickle.dumps(masks))

    if args.shuffle_sites is not None:
        fold = site_folds(records, args.folds, seed=args.shuffle_sites)
    pages = [page_rows(r, m) for r, m in zip(records, masks, strict=True)]
    sources = [str(r.get("source", "scrapinghub")) for r in records]
    hits: dict[str, dict[str, list[bool]]] = {"shipped": {}, "learned": {}, "rule": {}, "first line": {}}
    misses: Counter[str] = Counter()
    predictions: list[dict[str, Any]] = []
    for k in range(args.folds):
        which = [i for i in range(len(pages)) if fold[i] != k]
        scorer = HeadlineScorer.from_dict(train_scorer(pages, which, fold))
        for i, (texts, rule, _, y) in enumerate(pages):
            if fold[i] != k:
                continue
            title = record_title(records[i])
            lines = split_lines(records[i]["scraped_text"])
            shipped = pick_headline(lines, masks[i], scorer) if lines else None
            chosen = scorer.choose(full(pages[i], scorer.vocab)) if len(y) else None
            found_by = {
                "shipped": lines[shipped].text if shipped is not None else None,
                "learned": texts[chosen] if chosen is not None else None,
                "rule": texts[rule] if rule is not None else None,
                "first line": lines[0].text if lines else None,
            }
            for name, found in found_by.items():
                hits[name].setdefault(sources[i], []).append(headline_matches(found, title))
            miss = None
            if not headline_matches(found_by["shipped"], title):
                miss = (
                    "(a) no candidate matches"
                    if not y.sum()
                    else "(c) none returned"
                    if shipped is None
                    else "(b) another line ranked first"
                )
                misses[miss] += 1
            predictions.append(
                {
                    "id": records[i].get("id") or records[i].get("url"),
                    "source": sources[i],
                    "title": title,
                    "headline": found_by["shipped"],
                    "learned": found_by["learned"],
                    "rule": found_by["rule"],
                    "miss": miss,
                    "matching": [t for t, label in zip(texts, y, strict=True) if label],
                }
            )
        print(f"scorer fold {k + 1} done", flush=True)
    print("headline accuracy, cross-validated by site (line classifier and scorer never saw the site):")
    for name, by_source in hits.items():
        titled = [h for s, hs in by_source.items() if s != "scrapinghub" for h in hs]
        parts = [f"{s}={np.mean(hs):.3f} ({len(hs)})" for s, hs in sorted(by_source.items())]
        print(f"  {name:10s} titled pages={np.mean(titled):.3f} ({len(titled)})  " + "  ".join(parts))
    print("misses of shipped:", ", ".join(f"{k} {v}" for k, v in sorted(misses.items())))
    if args.predictions:
        with open(args.predictions, "w", encoding="utf-8") as out_file:
            for row in predictions:
                out_file.write(json.dumps(row, ensure_ascii=False) + "\n")

    if not args.no_write:
        data = train_scorer(pages, list(range(len(pages))), fold)
        out = Path(args.out)
        save_weights(out, data)
        n = sum(len(p[3]) for p in pages)
        print(f"wrote {out} ({out.stat().st_size // 1024} KiB) from {n} candidates")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
