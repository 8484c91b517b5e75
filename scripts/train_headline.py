#!/usr/bin/env python
"""Train the headline scorer shipped in ``bot/ingest/weights/headline.json``.

Usage (needs the ``dev`` extras for scikit-learn)::

    python scripts/train_headline.py          # Scrapinghub + titled pages, copied text

Every page with a title (``title``, or ``page_title`` on the Scrapinghub files) is used, with
or without a ground-truth body. A candidate line (``bot.ingest.title.candidates``) is labelled
"headline" when it matches the page's title by the rule of ``bot.evaluate.titles``.

Honest body lines: pages are split into folds by site (``site_of``: no site in two folds); for
each fold the line classifier is trained on the other folds' pages that have a body, and finds
the body of this fold's pages. The headline features are built on those out-of-fold bodies, so
the scorer learns from (and is measured on) bodies as the shipped cleaner finds them on pages
it has not seen. Then, on the same folds, the headline model is trained on four folds and
measured on the fifth: accuracy = the picked line matches the title (no pick = a miss), for
``shipped`` (``bot.ingest.clean.pick_headline``: a pasted article's lone first line, else the
scorer, else the old rule), the scorer alone, the old rule and the first line. Finally
it is fitted on every page and written out. The model and its settings are fixed up front
(scikit-learn gradient boosting, 150 trees of depth 3, threshold 0.1 for "no headline").
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
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
)

from bot.evaluate.titles import headline_matches, record_title  # noqa: E402
from bot.ingest.clean import find_headline, keep_mask, pick_headline  # noqa: E402
from bot.ingest.lineclassifier import LineClassifier  # noqa: E402
from bot.ingest.linefeatures import split_lines  # noqa: E402
from bot.ingest.title import HEADLINE_FEATURES, HeadlineScorer, candidates, headline_features  # noqa: E402

OUT = ROOT / "bot" / "ingest" / "weights" / "headline.json"
THRESHOLD = 0.1


def out_of_fold_bodies(
    records: list[dict[str, Any]], fold: list[int], args: argparse.Namespace
) -> list[list[bool]]:
    """The body mask of each page from a line classifier that never saw the page's site."""
    from sklearn.ensemble import GradientBoostingClassifier

    masks: list[list[bool]] = [[] for _ in records]
    for k in range(args.folds):
        train = [r for r, f in zip(records, fold, strict=True) if f != k and isinstance(r.get("text"), str)]
        x, y, _ = dataset(train)
        weight = np.sqrt(np.expm1(x[:, 0]))
        model = GradientBoostingClassifier(
            n_estimators=150,
            max_depth=3,
            learning_rate=0.1,
            subsample=0.8,
            min_samples_leaf=20,
            random_state=0,
        )
        model.fit(x, y, sample_weight=weight)
        clf = LineClassifier.from_dict(export(model, 0.4))
        for i, r in enumerate(records):
            if fold[i] == k:
                lines = split_lines(r["scraped_text"])
                masks[i] = keep_mask(lines, clf) if lines else []
        print(f"line classifier for fold {k + 1}: trained on {len(train)} pages", flush=True)
    return masks


def page_rows(
    record: dict[str, Any], mask: list[bool]
) -> tuple[list[str], int | None, np.ndarray, np.ndarray]:
    """Candidate texts, the rule's pick (as a text index), features and labels of one page."""
    lines = split_lines(record["scraped_text"])
    if not lines:
        return [], None, np.zeros((0, len(HEADLINE_FEATURES))), np.zeros(0)
    rule = find_headline(lines, mask)
    rows = candidates(lines, mask)
    title = record_title(record)
    x = headline_features(lines, mask, rows, rule)
    y = np.array([float(headline_matches(lines[i].text, title)) for i in rows])
    return [lines[i].text for i in rows], (rows.index(rule) if rule in rows else None), x, y


def fit(x: np.ndarray, y: np.ndarray) -> Any:
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(
        n_estimators=150, max_depth=3, learning_rate=0.1, subsample=0.8, min_samples_leaf=10, random_state=0
    )
    return model.fit(x, y)


def pick(scorer: HeadlineScorer, x: np.ndarray) -> int | None:
    if not len(x):
        return None
    probs = scorer.trees.predict(x)
    best = int(np.argmax(probs))
    return best if probs[best] >= scorer.threshold else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", nargs="+", default=DEFAULT_DATA, help="copied-text JSONL files")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", help="file to keep the out-of-fold body masks in between runs")
    parser.add_argument("--no-write", action="store_true", help="report the CV figure only")
    args = parser.parse_args()

    records = [r for r in read_pages(args.data, with_body=False) if record_title(r)]
    fold = site_folds(records, args.folds)
    print(f"{len(records)} titled pages from {len(set(map(site_of, records)))} sites")
    cache = Path(args.cache) if args.cache else None
    if cache and cache.is_file():
        masks = pickle.loads(cache.read_bytes())
    else:
        masks = out_of_fold_bodies(records, fold, args)
        if cache:
            cache.write_bytes(pickle.dumps(masks))

    pages = [page_rows(r, m) for r, m in zip(records, masks, strict=True)]
    sources = [str(r.get("source", "scrapinghub")) for r in records]
    hits: dict[str, dict[str, list[bool]]] = {"shipped": {}, "learned": {}, "rule": {}, "first line": {}}
    for k in range(args.folds):
        train = [p for p, f in zip(pages, fold, strict=True) if f != k and len(p[3])]
        model = fit(np.vstack([p[2] for p in train]), np.concatenate([p[3] for p in train]))
        scorer = HeadlineScorer.from_dict(
            export(model, 0.5, HEADLINE_FEATURES) | {"threshold_headline": THRESHOLD}
        )
        for i, (texts, rule, x, _) in enumerate(pages):
            if fold[i] != k:
                continue
            title = record_title(records[i])
            lines = split_lines(records[i]["scraped_text"])
            shipped = pick_headline(lines, masks[i], scorer) if lines else None
            found_by = {
                "shipped": lines[shipped].text if shipped is not None else None,
                "learned": texts[chosen] if (chosen := pick(scorer, x)) is not None else None,
                "rule": texts[rule] if rule is not None else None,
                "first line": lines[0].text if lines else None,
            }
            for name, found in found_by.items():
                hits[name].setdefault(sources[i], []).append(headline_matches(found, title))
    print("headline accuracy, cross-validated by site (line classifier and scorer never saw the site):")
    for name, by_source in hits.items():
        titled = [h for s, hs in by_source.items() if s != "scrapinghub" for h in hs]
        parts = [f"{s}={np.mean(hs):.3f} ({len(hs)})" for s, hs in sorted(by_source.items())]
        print(f"  {name:10s} titled pages={np.mean(titled):.3f} ({len(titled)})  " + "  ".join(parts))

    if not args.no_write:
        x = np.vstack([p[2] for p in pages if len(p[3])])
        y = np.concatenate([p[3] for p in pages if len(p[3])])
        data = export(fit(x, y), 0.5, HEADLINE_FEATURES)
        data.pop("threshold_body", None)
        data["kind"] = "gradient-boosted trees over headline candidates (scikit-learn, binary log-loss)"
        data["threshold_headline"] = THRESHOLD
        OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KiB) from {len(y)} candidates")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
