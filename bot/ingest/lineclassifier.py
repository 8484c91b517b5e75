"""The debris line classifier: gradient-boosted trees evaluated with numpy.

Two passes: the first scores every line from its own features (``bot.ingest.linefeatures``); the
second (``context``, when the weights have one) sees the same features plus the first pass's
scores of the line's neighbours and where the line sits against the page's main block
(``context_features``, ``block_features``; nothing counts the page's body lines, so a short
pasted article looks like the middle of a page), so a short line inside a run of body lines can
be kept, and a prose-like line among menus or in a teaser list below the article dropped. The weights
(``bot/ingest/weights/line_classifier.safetensors``) come from ``scripts/train_line_classifier.py``;
scikit-learn is needed only to train them, never at run time.

Weight files (``save_weights``, ``read_weights``; the headline scorer's too): each stage's node
arrays as safetensors tensors, everything else (feature names, thresholds, vocabularies) as JSON
in the file's header. Reading them costs a few milliseconds where parsing the same trees as JSON
took 45 (a cold ``headline-bot clean`` reads both files). A ``.json`` path holds the training
scripts' plain layout (``from_dict``) and is read as such.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from bot.ingest.linefeatures import FEATURE_NAMES

WEIGHTS = "line_classifier.safetensors"
LOG_TOKENS = FEATURE_NAMES.index("log_tokens")
STAGES = ("context", "second_stage", "ranker")
"""Keys under which a weights layout nests a further stage of trees."""
NODE_ARRAYS = ("feature", "threshold", "left", "right", "value")
CONTEXT_FEATURES: tuple[str, ...] = (
    "p_self",
    "p_prev",
    "p_next",
    "p_prev2",
    "p_next2",
    "p_mean5",
    "p_mean11",
    "p_max_prev3",
    "p_max_next3",
    "in_block",
    "lines_to_block",
    "debris_to_block",
    "in_block_by_lines",
)


def best_block(gains: Sequence[float]) -> tuple[int, int]:
    """The run of consecutive lines with the largest total gain, as (first, last) inclusive; the
    single best line when every gain is negative (Kadane's maximum subarray).

    >>> best_block([-1.0, 2.0, -0.5, 1.0, -3.0, 1.5])
    (1, 3)
    >>> best_block([-2.0, -1.0])
    (1, 1)
    """
    best, best_span = -math.inf, (0, 0)
    total, start = 0.0, 0
    for i, g in enumerate(gains):
        if total <= 0.0:
            total, start = 0.0, i
        total += g
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def block_features(p: np.ndarray, tokens: np.ndarray) -> np.ndarray:
    """Where each line sits against the page's main block: the run of lines whose first-pass
    scores, above or below 0.5 and weighted by words, add up to the most. Columns: inside the
    block; log lines to it; log first-pass debris lines (P < 0.5) from the line (itself included)
    to it; inside the block found with every line weighted alike.

    Teasers and comments below an article look like prose line by line, but a run of timestamps,
    bylines and "says:" lines separates them from the article.

    >>> p, words = np.array([0.9, 0.9, 0.1, 0.1, 0.1, 0.9]), np.array([20, 20, 2, 2, 2, 5.0])
    >>> block_features(p, words)[:, 2].round(2).tolist()
    [0.0, 0.0, 0.69, 1.1, 1.39, 1.39]
    """
    n = len(p)
    out = np.zeros((n, 4))
    first, last = best_block(((p - 0.5) * np.log1p(tokens)).tolist())
    ix = np.arange(n)
    out[:, 0] = (ix >= first) & (ix <= last)
    out[:, 1] = np.log1p(np.where(ix < first, first - ix, np.where(ix > last, ix - last, 0)))
    debris = np.concatenate([[0], np.cumsum(p < 0.5)])  # debris[i]: debris lines before line i
    between = np.where(
        ix < first, debris[first] - debris[ix], np.where(ix > last, debris[ix + 1] - debris[last + 1], 0)
    )
    out[:, 2] = np.log1p(between)
    a, b = best_block((p - 0.5).tolist())
    out[:, 3] = (ix >= a) & (ix <= b)
    return out


def context_features(probs: np.ndarray, features: np.ndarray | None = None) -> np.ndarray:
    """A (lines x ``CONTEXT_FEATURES``) matrix from first-pass P(body) of each line of a page and
    the lines' own features (``line_features``: the main block weighs lines by their word count;
    every line alike when not given).

    >>> context_features(np.array([0.0, 1.0, 1.0, 0.0]))[1, :5].tolist()
    [1.0, 0.0, 1.0, 0.0, 0.0]
    """
    p = np.asarray(probs, dtype=float)
    n = len(p)
    if n == 0:
        return np.zeros((0, len(CONTEXT_FEATURES)))
    counts = np.ones(n) if features is None else np.expm1(features[:, LOG_TOKENS])

    def shift(k: int) -> np.ndarray:
        out = np.zeros(n)
        if k > 0:
            out[k:] = p[:-k]
        else:
            out[:k] = p[-k:]
        return out

    def mean(k: int) -> np.ndarray:
        # over the lines that exist: a short pasted article does not look like the edge of a page
        def total(a: np.ndarray) -> np.ndarray:
            csum = np.concatenate([[0.0], np.cumsum(np.concatenate([np.zeros(k), a, np.zeros(k)]))])
            out: np.ndarray = csum[2 * k + 1 :] - csum[: -(2 * k + 1)]
            return out

        share: np.ndarray = total(p) / total(np.ones(n))
        return share

    prev3 = np.max(np.stack([shift(1), shift(2), shift(3)]), axis=0)
    next3 = np.max(np.stack([shift(-1), shift(-2), shift(-3)]), axis=0)
    local = [p, shift(1), shift(-1), shift(2), shift(-2), mean(2), mean(5), prev3, next3]
    return np.column_stack([*local, block_features(p, counts)])


@dataclass(frozen=True)
class LineClassifier:
    """Boosted regression trees over line features; ``predict`` gives P(line is article body)."""

    feature_names: tuple[str, ...]
    base_score: float
    learning_rate: float
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int
    threshold_body: float = 0.5
    context: LineClassifier | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineClassifier:
        """Build from the JSON layout written by the training script.

        >>> tree = {"feature": [0, -1, -1], "threshold": [1.5, 0, 0], "left": [1, -1, -1],
        ...         "right": [2, -1, -1], "value": [0.0, -2.0, 2.0]}
        >>> clf = LineClassifier.from_dict({"feature_names": ["log_tokens"], "base_score": 0.0,
        ...     "learning_rate": 1.0, "trees": [tree]})
        >>> clf.predict(np.array([[1.0], [3.0]])).round(2).tolist()
        [0.12, 0.88]

        Instead of ``trees``, ``arrays`` may hold the padded node arrays themselves (as
        ``read_weights`` gives them).
        """
        if "arrays" in data:
            return cls._from_arrays(data, data["arrays"])
        trees = data["trees"]
        sizes = np.array([len(t["feature"]) for t in trees], dtype=np.int64)
        width, total = int(sizes.max()), int(sizes.sum())
        shape = (len(trees), width)
        # Every tree's node lists, flattened in one pass each, then placed into padded rows.
        tree_of = np.repeat(np.arange(len(trees)), sizes)
        local = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)

        def flat(key: str, dtype: type) -> np.ndarray:
            return np.fromiter(chain.from_iterable(t[key] for t in trees), dtype=dtype, count=total)

        lt, rt = flat("left", np.int64), flat("right", np.int64)
        leaf = lt < 0
        feature = np.zeros(shape, dtype=np.int64)
        threshold = np.zeros(shape)
        left = np.zeros(shape, dtype=np.int64)
        right = np.zeros(shape, dtype=np.int64)
        value = np.zeros(shape)
        at = (tree_of, local)
        feature[at] = np.where(leaf, 0, flat("feature", np.int64))
        threshold[at] = flat("threshold", np.float64)
        left[at] = np.where(leaf, local, lt)  # a leaf points at itself, so extra steps stay put
        right[at] = np.where(leaf, local, rt)
        value[at] = flat("value", np.float64)
        arrays = {"feature": feature, "threshold": threshold, "left": left, "right": right, "value": value}
        return cls._from_arrays(data, arrays)

    @classmethod
    def _from_arrays(cls, data: dict[str, Any], arrays: dict[str, np.ndarray]) -> LineClassifier:
        left, right = (
            arrays["left"].astype(np.int64, copy=False),
            arrays["right"].astype(np.int64, copy=False),
        )
        is_leaf = left == np.arange(left.shape[1])[None, :]  # a leaf points at itself
        return cls(
            feature_names=tuple(data["feature_names"]),
            base_score=float(data["base_score"]),
            learning_rate=float(data["learning_rate"]),
            feature=arrays["feature"].astype(np.int64, copy=False),
            threshold=arrays["threshold"].astype(np.float64, copy=False),
            left=left,
            right=right,
            value=arrays["value"].astype(np.float64, copy=False),
            depth=_depth(left, right, is_leaf),
            threshold_body=float(data.get("threshold_body", 0.5)),
            context=cls.from_dict(data["context"]) if data.get("context") else None,
        )

    @classmethod
    def load(cls, path: str | Path | None = None) -> LineClassifier:
        """Load the packaged weights, or those at ``path``."""
        if path is None:
            path = Path(__file__).parent / "weights" / WEIGHTS
        clf = cls.from_dict(read_weights(path))
        later = [stage.feature_names for stage in clf.later_passes()]
        if clf.feature_names != FEATURE_NAMES or any(n != FEATURE_NAMES + CONTEXT_FEATURES for n in later):
            raise ValueError("the line classifier does not match bot.ingest.linefeatures; retrain it")
        return clf

    def later_passes(self) -> list[LineClassifier]:
        """The passes after this one, in order (each one's ``context``)."""
        out, stage = [], self.context
        while stage is not None:
            out.append(stage)
            stage = stage.context
        return out

    def predict(self, features: np.ndarray) -> np.ndarray:
        """P(body) for each row of ``features`` (the lines of one page, in order, for the later passes):
        each pass after the first sees the lines' features and the previous pass's scores around them."""
        probs = self.predict_one_pass(features)
        for stage in self.later_passes():
            probs = stage.predict_one_pass(np.hstack([features, context_features(probs, features)]))
        return probs

    def predict_one_pass(self, features: np.ndarray) -> np.ndarray:
        """P(body) from these trees alone."""
        # the logistic 1 / (1 + exp(-raw)), exact for tiny probabilities and without overflow
        probability: np.ndarray = np.exp(-np.logaddexp(0.0, -self.raw(features)))
        return probability

    def raw(self, features: np.ndarray) -> np.ndarray:
        """The trees' summed score (log-odds) for each row of ``features``."""
        n = features.shape[0]
        if n == 0:
            return np.zeros(0)
        trees = np.arange(self.feature.shape[0])[None, :]
        rows = np.arange(n)[:, None]
        node = np.zeros((n, self.feature.shape[0]), dtype=np.int64)
        for _ in range(self.depth):
            x = features[rows, self.feature[trees, node]]
            node = np.where(x <= self.threshold[trees, node], self.left[trees, node], self.right[trees, node])
        raw: np.ndarray = self.base_score + self.learning_rate * self.value[trees, node].sum(axis=1)
        return raw


def _depth(left: np.ndarray, right: np.ndarray, is_leaf: np.ndarray) -> int:
    """The depth of the deepest tree: how many steps from the roots until every path is at a leaf.

    >>> left, right = np.array([[1, 1, 2]]), np.array([[2, 1, 2]])
    >>> _depth(left, right, np.array([[False, True, True]]))
    1
    """
    trees = np.arange(left.shape[0])
    nodes = np.zeros(len(trees), dtype=np.int64)
    depth = 0
    while True:
        inner = ~is_leaf[trees, nodes]
        if not inner.any():
            return depth
        parent_trees, parents = trees[inner], nodes[inner]
        trees = np.concatenate([parent_trees, parent_trees])
        nodes = np.concatenate([left[parent_trees, parents], right[parent_trees, parents]])
        depth += 1


def save_weights(path: str | Path, data: dict[str, Any]) -> None:
    """Write weights in the training scripts' layout (``from_dict``) to ``path`` as safetensors.

    Each stage's trees become its padded node arrays (tensors named ``feature``,
    ``context.feature``, ``second_stage.feature``...); the rest goes into the header as JSON.
    A ``.json`` path gets the layout itself as plain JSON.
    """
    if Path(path).suffix == ".json":
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        Path(path).write_text(text + "\n", encoding="utf-8")
        return
    from safetensors.numpy import save_file

    tensors: dict[str, np.ndarray] = {}

    def strip(stage: dict[str, Any], prefix: str) -> dict[str, Any]:
        clf = LineClassifier.from_dict({k: v for k, v in stage.items() if k not in STAGES})
        narrow = np.int16 if max(clf.feature.shape[1], len(clf.feature_names)) < 2**15 else np.int64
        for name in NODE_ARRAYS:
            array = getattr(clf, name)
            tensors[prefix + name] = array.astype(narrow) if array.dtype == np.int64 else array
        rest = {k: v for k, v in stage.items() if k not in ("trees", "arrays")}
        for key in STAGES:
            if stage.get(key):
                rest[key] = strip(stage[key], f"{prefix}{key}.")
        return rest

    header = strip(data, "")
    save_file(tensors, str(path), metadata={"layout": json.dumps(header, ensure_ascii=False)})


def read_weights(path: str | Path) -> dict[str, Any]:
    """The weights at ``path`` in the layout ``from_dict`` takes (node arrays ready as ``arrays``).

    >>> import tempfile
    >>> tree = {"feature": [0, -2, -2], "threshold": [1.5, 0, 0], "left": [1, -1, -1],
    ...         "right": [2, -1, -1], "value": [0.0, -2.0, 2.0]}
    >>> data = {"feature_names": ["log_tokens"], "base_score": 0.0, "learning_rate": 1.0,
    ...         "trees": [tree], "note": "kept"}
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     save_weights(f"{folder}/w.safetensors", data)
    ...     back = read_weights(f"{folder}/w.safetensors")
    >>> back["note"], LineClassifier.from_dict(back).predict(np.array([[1.0], [3.0]])).round(2).tolist()
    ('kept', [0.12, 0.88])
    """
    path = Path(path)
    if path.suffix == ".json":
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return loaded
    from safetensors import safe_open

    with safe_open(str(path), framework="np") as f:
        layout = (f.metadata() or {}).get("layout")
        if layout is None:
            raise ValueError(f"{path} holds no tree layout; write it with save_weights")
        header: dict[str, Any] = json.loads(layout)
        tensors = {name: f.get_tensor(name) for name in f.keys()}  # noqa: SIM118 (not a dict)

    def attach(stage: dict[str, Any], prefix: str) -> dict[str, Any]:
        stage["arrays"] = {name: tensors[prefix + name] for name in NODE_ARRAYS}
        for key in STAGES:
            if stage.get(key):
                attach(stage[key], f"{prefix}{key}.")
        return stage

    return attach(header, "")


@lru_cache(maxsize=1)
def packaged_classifier() -> LineClassifier:
    """The packaged classifier, read once on first use."""
    return LineClassifier.load()
