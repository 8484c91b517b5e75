"""ROUGE F1 in percent with rouge-score (Porter stemming on), averaged over records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.errors import HeadlineBotError


def rouge_scorer(metrics: Sequence[str]) -> Any:
    """A rouge-score ``RougeScorer`` with stemming, or a clear message if the extra is missing."""
    try:
        from rouge_score import rouge_scorer as rs
    except ImportError:
        raise HeadlineBotError("Evaluation needs rouge-score: pip install 'headline-bot[eval]'.") from None
    return rs.RougeScorer(list(metrics), use_stemmer=True)


class RougeMeter:
    """Accumulates ROUGE F1 over (reference, prediction) pairs; ``means()`` is in percent.

    For ``rougeLsum`` both texts must have one sentence per line.

    >>> m = RougeMeter(("rouge1",))
    >>> m.add("the cat sat", "the cat ran")
    >>> round(m.means()["rouge1"], 1)
    66.7
    """

    def __init__(self, metrics: Sequence[str] = ("rouge1", "rouge2", "rougeLsum")) -> None:
        self.metrics = tuple(metrics)
        self._scorer = rouge_scorer(self.metrics)
        self._sums = dict.fromkeys(self.metrics, 0.0)
        self.count = 0

    def add(self, reference: str, prediction: str) -> None:
        """Score one prediction against its reference."""
        scores = self._scorer.score(reference, prediction)
        for name in self.metrics:
            self._sums[name] += scores[name].fmeasure
        self.count += 1

    def means(self) -> dict[str, float]:
        """Mean F1 per metric, in percent (0-100)."""
        return {name: 100.0 * total / max(self.count, 1) for name, total in self._sums.items()}
