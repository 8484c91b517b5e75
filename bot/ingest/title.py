"""The headline of copied page text, found by a learned scorer over the lines around the body.

Candidates are the lines from 100 above the first body line to 25 below it (or the first 100
lines when no body was found). Each gets language-light features (``HEADLINE_FEATURES``):
where it sits relative to the body, its length and case pattern, its punctuation, whether the
page repeats it, how many of its words the body's first paragraph and the whole body use,
debris, date and byline patterns on it and its neighbours, and whether the hand-written rule
(``bot.ingest.clean.find_headline``) would pick it. Gradient-boosted trees
(``bot/ingest/weights/headline.json``, from ``scripts/train_headline.py``, evaluated with
numpy) give each candidate P(headline); the best one wins if it clears the threshold, else
there is no headline and the product shows a generated one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.ingest.debris import debris_kind
from bot.ingest.lineclassifier import LineClassifier
from bot.ingest.linefeatures import Line, debris_word_count, ends_sentence
from bot.text import word_count

WEIGHTS = "headline.json"
ABOVE, BELOW, NO_BODY = 100, 25, 100

HEADLINE_FEATURES: tuple[str, ...] = (
    "offset",
    "log_offset",
    "above_body",
    "page_position",
    "log_tokens",
    "log_chars",
    "token_share",
    "ends_period",
    "ends_question",
    "ends_colon",
    "ends_sentence",
    "title_ratio",
    "upper_ratio",
    "starts_lower",
    "digit_ratio",
    "has_separator",
    "repeated",
    "inside_other_line",
    "first_paragraph_overlap",
    "body_overlap",
    "debris_words",
    "debris_rule",
    "nav_words",
    "date_or_byline",
    "prev_date_or_byline",
    "next_date_or_byline",
    "blank_before",
    "blank_after",
    "is_body",
    "next_is_body",
    "is_first_line",
    "rule_choice",
)

_TOKEN = re.compile(r"\w+")
_SEPARATOR = re.compile(r"\s[|–—•·:-]\s|[|›»]")
_NAV = re.compile(
    r"\b(?:share|sharing|follow|watch|continue reading|caption\w*|policy|gallery|back to|zurück|"
    r"übersicht|sections|trending|sign|log ?in|menu|breaking news|print|copy|link|url|home|"
    r"newsletter|subscribe|search|comments?|advertisement|related|more)\b",
    re.I,
)
_DATE_OR_BYLINE = re.compile(
    r"^(?:by\s|von\s|por\s|par\s|updated|published|posted|last updated)|\b\d{1,2}:\d{2}\b|"
    r"\b(?:19|20)\d{2}\b.{0,12}$",
    re.I,
)


def _tokens(text: str) -> set[str]:
    return {t for t in _TOKEN.findall(text.lower()) if len(t) > 1 or not t.isascii()}


def candidates(lines: Sequence[Line], keep: Sequence[bool]) -> list[int]:
    """Indexes of the lines that may be the headline: around the first body line.

    >>> from bot.ingest.linefeatures import split_lines
    >>> candidates(split_lines("Home\\nPort bans ships\\nThe council voted."), [False, False, True])
    [0, 1, 2]
    """
    if True in keep:
        first = list(keep).index(True)
        return list(range(max(0, first - ABOVE), min(len(lines), first + BELOW)))
    return list(range(min(len(lines), NO_BODY)))


def headline_features(
    lines: Sequence[Line], keep: Sequence[bool], rows: Sequence[int], rule: int | None = None
) -> np.ndarray:
    """A (candidates x features) matrix for the lines ``rows``, columns named by ``HEADLINE_FEATURES``.

    ``rule`` is the line the hand-written rule picks (a feature, not the answer).

    >>> from bot.ingest.linefeatures import split_lines
    >>> lines = split_lines("Home\\nPort bans cruise ships\\nThe port council voted to ban cruise ships.")
    >>> x = headline_features(lines, [False, False, True], [0, 1], rule=1)
    >>> x.shape, float(x[1, HEADLINE_FEATURES.index("first_paragraph_overlap")])
    ((2, 32), 0.75)
    """
    n = len(lines)
    first = list(keep).index(True) if True in keep else n
    body = [ln.text for ln, k in zip(lines, keep, strict=True) if k]
    lead = next((t for t in body if word_count(t) >= 8), body[0] if body else "")
    lead_tokens, body_tokens = _tokens(lead), _tokens(" ".join(body))
    counts = Counter(ln.text for ln in lines)
    page = "\n".join(ln.text for ln in lines)
    dated = [bool(_DATE_OR_BYLINE.search(ln.text)) for ln in lines]
    longest = max((word_count(lines[i].text) for i in rows), default=1) or 1
    out = []
    for i in rows:
        text = lines[i].text
        words = text.split()
        toks = _tokens(text)
        n_words = word_count(text)
        letters = sum(map(str.isalpha, text)) or 1
        initials = [w[0] for w in words if w[0].isalpha()]
        others = page.count(text) - counts[text] if len(text) >= 12 else 0
        row = {
            "offset": float(np.clip(i - first, -ABOVE, BELOW)),
            "log_offset": float(np.sign(i - first) * np.log1p(abs(i - first))),
            "above_body": float(i < first),
            "page_position": i / max(1, n - 1),
            "log_tokens": float(np.log1p(n_words)),
            "log_chars": float(np.log1p(len(text))),
            "token_share": n_words / longest,
            "ends_period": float(text.endswith((".", ",", ";"))),
            "ends_question": float(text.endswith(("?", "!"))),
            "ends_colon": float(text.endswith(":")),
            "ends_sentence": float(ends_sentence(text)),
            "title_ratio": sum(map(str.isupper, initials)) / len(initials) if initials else 0.0,
            "upper_ratio": sum(map(str.isupper, text)) / letters,
            "starts_lower": float(text[0].islower()),
            "digit_ratio": sum(map(str.isdigit, text)) / len(text),
            "has_separator": float(bool(_SEPARATOR.search(text))),
            "repeated": float(np.log1p(counts[text] - 1)),
            "inside_other_line": float(np.log1p(others)),
            "first_paragraph_overlap": len(toks & lead_tokens) / len(toks) if toks else 0.0,
            "body_overlap": len(toks & body_tokens) / len(toks) if toks else 0.0,
            "debris_words": float(debris_word_count(text)),
            "debris_rule": float(debris_kind(text) is not None),
            "nav_words": float(len(_NAV.findall(text))),
            "date_or_byline": float(dated[i]),
            "prev_date_or_byline": float(i > 0 and dated[i - 1]),
            "next_date_or_byline": float(i + 1 < n and dated[i + 1]),
            "blank_before": float(lines[i].blank_before),
            "blank_after": float(lines[i].blank_after),
            "is_body": float(bool(keep[i])),
            "next_is_body": float(i + 1 < n and bool(keep[i + 1])),
            "is_first_line": float(i == 0),
            "rule_choice": float(i == rule),
        }
        out.append([row[name] for name in HEADLINE_FEATURES])
    return np.array(out, dtype=float).reshape(len(out), len(HEADLINE_FEATURES))


@dataclass(frozen=True)
class HeadlineScorer:
    """Boosted trees over ``HEADLINE_FEATURES``; ``pick`` returns the headline line or None."""

    trees: LineClassifier
    threshold: float = 0.1

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HeadlineScorer:
        """Build from the JSON layout of ``scripts/train_headline.py`` (that of the line classifier)."""
        if tuple(data["feature_names"]) != HEADLINE_FEATURES:
            raise ValueError("the headline weights do not match bot.ingest.title; retrain them")
        return cls(LineClassifier.from_dict(data), float(data.get("threshold_headline", 0.1)))

    @classmethod
    def load(cls, path: str | Path | None = None) -> HeadlineScorer:
        """Load the packaged weights, or those at ``path``."""
        path = Path(__file__).parent / "weights" / WEIGHTS if path is None else Path(path)
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def scores(
        self, lines: Sequence[Line], keep: Sequence[bool], rule: int | None
    ) -> tuple[list[int], np.ndarray]:
        """The candidate lines and their P(headline)."""
        rows = candidates(lines, keep)
        if not rows:
            return rows, np.zeros(0)
        return rows, self.trees.predict(headline_features(lines, keep, rows, rule))

    def pick(self, lines: Sequence[Line], keep: Sequence[bool], rule: int | None = None) -> int | None:
        """Index of the most headline-like candidate, or None when none clears the threshold."""
        rows, probs = self.scores(lines, keep, rule)
        if not rows:
            return None
        best = int(np.argmax(probs))
        return rows[best] if probs[best] >= self.threshold else None


@lru_cache(maxsize=1)
def packaged_headline_scorer() -> HeadlineScorer:
    """The packaged headline scorer, read once on first use."""
    return HeadlineScorer.load()


_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s+[:·•»]\s+(?=\S)|\s*\|\s*")


def agreement(candidate: str, body: str) -> float:
    """The share of the candidate's words that the body uses.

    >>> agreement("Port bans cruise ships", "The port council voted to ban cruise ships.")
    0.75
    """
    toks = _tokens(candidate)
    return len(toks & _tokens(body)) / len(toks) if toks else 0.0


def html_headline(title: str | None, headings: Sequence[str], body: str) -> str | None:
    """The headline of an HTML page: its metadata title without the site name, or its <h1>.

    The title is split at separators (" | ", " - ", " — "); the part of 3+ words that the body
    agrees with best (then the longest) is the headline. A page heading (<h1>) of 3+ words
    replaces it when the title does not agree with the body (under half its words in it) and
    the heading does; a title is kept when there is no body to agree with.

    >>> body = "Councillors voted on Tuesday to ban large cruise ships from the harbour."
    >>> html_headline("The Harbour Times | Harbour bans cruise ships", [], body)
    'Harbour bans cruise ships'
    >>> html_headline("Daily Gazette Online - News", ["Councillors ban cruise ships"], body)
    'Councillors ban cruise ships'
    """
    options = []
    if title and title.strip():
        full = " ".join(title.split())
        parts = [p.strip() for p in _TITLE_SEPARATOR.split(full) if len(p.split()) >= 3]
        options = sorted(parts, key=lambda p: (-agreement(p, body), -len(p.split()))) if len(parts) else []
        options = options[:1] or [full]
    best = options[0] if options else None
    if best is None or (body.strip() and agreement(best, body) < 0.5):
        for heading in headings:
            heading = " ".join(heading.split())
            if 3 <= len(heading.split()) <= 40 and agreement(heading, body) >= 0.5:
                return heading
    return best
