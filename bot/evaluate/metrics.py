"""Token-level extraction metrics: precision, recall and F1 over multisets of whitespace tokens.

The scheme of the Scrapinghub article-extraction benchmark: per article, precision and recall
of the predicted tokens against the true ones; over a file, the mean precision and mean
recall, and F1 as their harmonic mean.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable


def token_prf(predicted: str, truth: str) -> tuple[float, float]:
    """Precision and recall of ``predicted`` against ``truth`` over whitespace tokens (multisets).

    An empty prediction of an empty truth is perfect; an empty prediction of anything else
    has precision 0 (as in the benchmark).

    >>> token_prf("the cat sat", "the cat sat down")
    (1.0, 0.75)
    >>> token_prf("the the dog", "the cat")
    (0.3333333333333333, 0.5)
    >>> token_prf("", "")
    (1.0, 1.0)
    """
    pred, true = Counter(predicted.split()), Counter(truth.split())
    n_pred, n_true = sum(pred.values()), sum(true.values())
    if n_pred == 0 and n_true == 0:
        return 1.0, 1.0
    common = sum((pred & true).values())
    precision = common / n_pred if n_pred else 0.0
    recall = common / n_true if n_true else 1.0
    return precision, recall


def token_f1(predicted: str, truth: str) -> float:
    """F1 of one prediction.

    >>> round(token_f1("the cat sat", "the cat sat down"), 3)
    0.857
    """
    return f1(*token_prf(predicted, truth))


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0).

    >>> f1(0.5, 1.0), f1(0.0, 0.0)
    (0.6666666666666666, 0.0)
    """
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def aggregate(pairs: Iterable[tuple[float, float]]) -> dict[str, float]:
    """Mean precision, mean recall, and F1 of those means, over articles.

    >>> aggregate([(1.0, 0.5), (0.5, 1.0)])
    {'precision': 0.75, 'recall': 0.75, 'f1': 0.75}
    """
    items = list(pairs)
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    precision = statistics.fmean(p for p, _ in items)
    recall = statistics.fmean(r for _, r in items)
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall)}
