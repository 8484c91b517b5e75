"""Sentence salience for news: position, length and embedding-graph features, and a linear scorer.

Features are cheap and computed once per article from ``ArticleIndex.sentence_vectors``:

* position (the lead carries most of a news story),
* length and shape (quotes, questions, numbers),
* PacSum-style directed centrality: how much a sentence is echoed by the sentences *after* it
  (forward) and *before* it (backward), over a sliding window so the cost stays linear in length,
* similarity to the article's centroid and to its first sentence.

The features also feed the trained default scorer (``bot.summarize.model``). Linear weights ship as
JSON in ``bot/summarize/weights/``: ``sentence_scorer.json`` is the former default, a hand-set
news prior (lead position, quotes and questions demoted), kept as the ``hand-set-prior``
baseline. ``scripts/train_sentence_scorer.py`` trains a logistic model over all features on the BBC
extractive references (better on BBC-style selection, worse than the prior on CNN/DM); it is not
shipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.text import word_count

FEATURES: tuple[str, ...] = (
    "lead",
    "first",
    "second",
    "third",
    "rel_pos",
    "log_words",
    "short",
    "long",
    "quote",
    "question",
    "number",
    "centrality_fwd",
    "centrality_bwd",
    "centroid_sim",
    "lead_sim",
)
"""Names of the columns of ``sentence_features``, in order."""

WINDOW = 40
"""Each sentence is compared with at most this many sentences on either side (linear scaling)."""

CENTRALITY_THRESHOLD = 0.3
"""Similarities below this do not count as an edge of the centrality graph (PacSum's beta)."""

WEIGHTS_PATH = Path(__file__).parent / "weights" / "sentence_scorer.json"
"""The default weights: a news prior (lead position; quotes and questions demoted), tuned on CNN/DM."""

_QUOTES = "\"“”‘’'"


def windowed_centrality(
    vectors: np.ndarray, window: int = WINDOW, threshold: float = CENTRALITY_THRESHOLD
) -> tuple[np.ndarray, np.ndarray]:
    """Directed degree centrality over cosine similarities within ``window`` sentences.

    Returns ``(forward, backward)``: for sentence ``i`` the sum of ``max(sim - threshold, 0)`` over
    the following (resp. preceding) sentences. Cost is O(n * window), not O(n^2).

    >>> v = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    >>> fwd, bwd = windowed_centrality(v, window=5, threshold=0.5)
    >>> fwd.tolist(), bwd.tolist()
    ([0.5, 0.0, 0.0], [0.0, 0.5, 0.0])
    """
    n = len(vectors)
    forward = np.zeros(n, dtype=np.float64)
    backward = np.zeros(n, dtype=np.float64)
    block = max(window, 64)
    for start in range(0, n, block):
        stop = min(n, start + block)
        lo, hi = max(0, start - window), min(n, stop + window)
        sims = vectors[start:stop] @ vectors[lo:hi].T
        rows = np.arange(start, stop)[:, None]
        cols = np.arange(lo, hi)[None, :]
        gap = cols - rows
        edge = np.clip(sims - threshold, 0.0, None)
        forward[start:stop] = np.where((gap > 0) & (gap <= window), edge, 0.0).sum(1)
        backward[start:stop] = np.where((gap < 0) & (gap >= -window), edge, 0.0).sum(1)
    return forward, backward


def _scaled(values: np.ndarray) -> np.ndarray:
    """Divide by the maximum so the values of one article lie in [0, 1]."""
    top = float(values.max()) if len(values) else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def sentence_features(texts: list[str], vectors: np.ndarray) -> np.ndarray:
    """One row of ``FEATURES`` per sentence; ``vectors`` are the L2-normalised sentence embeddings.

    >>> v = np.eye(3, dtype=np.float32)
    >>> f = sentence_features(["A b c d e f g h i j.", "K l m?", "\\"N o,\\" he said 42 times."], v)
    >>> f.shape, float(f[0, FEATURES.index("first")]), float(f[1, FEATURES.index("question")])
    ((3, 15), 1.0, 1.0)
    """
    n = len(texts)
    out = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0:
        return out
    pos = np.arange(n, dtype=np.float64)
    words = np.array([word_count(t) for t in texts], dtype=np.float64)
    vecs = np.asarray(vectors, dtype=np.float32)
    fwd, bwd = windowed_centrality(vecs)
    centroid = vecs.mean(0)
    norm = float(np.linalg.norm(centroid))
    centroid_sim = vecs @ (centroid / norm) if norm > 0 else np.zeros(n)
    lead_sim = vecs @ vecs[0]
    columns = {
        "lead": 1.0 / (1.0 + pos),
        "first": (pos == 0).astype(float),
        "second": (pos == 1).astype(float),
        "third": (pos == 2).astype(float),
        "rel_pos": pos / max(n - 1, 1),
        "log_words": np.log1p(words),
        "short": (words < 8).astype(float),
        "long": (words > 40).astype(float),
        "quote": np.array([float(t[:1] in _QUOTES or t.count('"') + t.count("“") >= 2) for t in texts]),
        "question": np.array([float(t.rstrip(_QUOTES + " ").endswith("?")) for t in texts]),
        "number": np.array([float(any(c.isdigit() for c in t)) for t in texts]),
        "centrality_fwd": _scaled(fwd),
        "centrality_bwd": _scaled(bwd),
        "centroid_sim": centroid_sim,
        "lead_sim": lead_sim,
    }
    for j, name in enumerate(FEATURES):
        out[:, j] = columns[name]
    return out


@dataclass(frozen=True)
class LinearScorer:
    """Logistic sentence scorer: standardise the features, dot with the weights, add the bias."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def score(self, features: np.ndarray) -> np.ndarray:
        """Log-odds that each sentence belongs in the summary.

        >>> s = LinearScorer(("a",), (0.0,), (1.0,), (2.0,), -1.0)
        >>> s.score(np.array([[0.0], [1.0]])).tolist()
        [-1.0, 1.0]
        """
        x = (features - np.array(self.mean)) / np.array(self.scale)
        return np.asarray(x @ np.array(self.weights) + self.bias, dtype=np.float64)

    def to_json(self) -> dict[str, object]:
        """The JSON object stored in ``bot/summarize/weights/``."""
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> LinearScorer:
        """Read the stored object; the feature names must be the ones this code computes."""
        features = tuple(str(f) for f in data["features"])  # type: ignore[attr-defined]
        if features != FEATURES:
            raise ValueError(f"scorer weights are for features {features}, expected {FEATURES}")

        def floats(key: str) -> tuple[float, ...]:
            return tuple(float(v) for v in data[key])  # type: ignore[attr-defined]

        return cls(features, floats("mean"), floats("scale"), floats("weights"), float(data["bias"]))  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> LinearScorer:
        """The shipped weights."""
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class FeatureScorer:
    """A ``LinearScorer`` over ``sentence_features`` behind the two-head interface of the trained model.

    Both heads are the same linear score (the hand-set prior has no separate one-line head).

    >>> FeatureScorer(lead_scorer()).score(["A b.", "C d."], np.eye(2)).argmax(0).tolist()
    [0, 0]
    """

    linear: LinearScorer

    def score(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        """Scores, shape ``(len(texts), 2)``."""
        column = self.linear.score(sentence_features(texts, vectors))
        return np.stack([column, column], axis=1)


def hand_set_prior() -> FeatureScorer:
    """The previous default: the news prior of ``sentence_scorer.json`` (a named baseline now)."""
    return FeatureScorer(LinearScorer.load(WEIGHTS_PATH) if WEIGHTS_PATH.is_file() else lead_scorer())


def lead_scorer() -> LinearScorer:
    """A scorer that only prefers earlier sentences (used when no weights are shipped).

    >>> lead_scorer().score(sentence_features(["A.", "B."], np.eye(2))).argmax()
    np.int64(0)
    """
    k = len(FEATURES)
    weights = [0.0] * k
    weights[FEATURES.index("lead")] = 1.0
    return LinearScorer(FEATURES, (0.0,) * k, (1.0,) * k, tuple(weights), 0.0)
