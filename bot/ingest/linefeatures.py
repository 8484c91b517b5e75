"""Numeric features of the lines of copied page text, for the debris line classifier.

Each non-blank line gets one row: its own shape (length, punctuation, capitals, digits,
links, debris words), where it sits in the page, and what its neighbours look like. The
features are language-light on purpose, so the classifier carries over to other publishers
and, as far as possible, other languages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bot.text import word_count

FEATURE_NAMES: tuple[str, ...] = (
    "log_tokens",
    "log_chars",
    "ends_sentence",
    "ends_colon",
    "ends_bare",
    "starts_bullet",
    "upper_ratio",
    "title_ratio",
    "digit_ratio",
    "has_link",
    "debris_words",
    "is_credit",
    "next_is_credit",
    "position",
    "blank_before",
    "blank_after",
    "prev_log_tokens",
    "next_log_tokens",
    "prev_ends_sentence",
    "next_ends_sentence",
    "window3_log_tokens",
    "window3_ends_sentence",
    "window10_log_tokens",
    "repeated",
    "comma_rate",
    "has_separator",
    "mean_word_length",
    "inside_prose_span",
    "lines_to_prose_span",
    "tokens_before_share",
    "has_date",
    "lower_word_ratio",
    "starts_quote",
    "starts_lower",
    "prose_neighbours",
)

_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’»)\]]*$")
_BULLET = re.compile(r"^\s*(?:[•·◦▪►›»▸*–—-]|\d{1,2}[.)])\s+")
_DATE = re.compile(
    r"\b(?:\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|ET|GMT|BST|UTC)?|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b)",
    re.I,
)
_QUOTE_START = re.compile(r"^[\"“‘'«„]")
CREDIT = re.compile(
    r"^\(?\s*(?:image|images|photo|photograph|picture|pic|credit|credits|source|video|illustration|"
    r"foto|bild|crédit|fotografía|imagen)s?\s*(?:credit)?\s*:[^.]{0,80}\)?$"
    r"|^\(?[^()]{0,60}\b(?:via getty images|getty images|afp|reuters|associated press|ap photo|shutterstock|"
    r"alamy|pa images|pa wire|epa|istock|dpa)\b[^()]{0,40}\)?$"
    r"|^\(?\s*(?:©|\(c\)|copyright)\s*[^.]{0,80}\)?$",
    re.I,
)
_TERMS = (
    "subscribe subscription unsubscribe newsletter newsletters cookie cookies advertisement advertising "
    "sponsored comment comments menu navigation search trending whatsapp facebook twitter instagram "
    "linkedin pinterest email jobs careers home login signup recommended teilen abonnieren anmelden "
    "compartir suscríbete suscribete partager iscriviti condividi"
)
DEBRIS_TERMS = frozenset(_TERMS.split())
DEBRIS_PHRASES = (
    "read more",
    "related article",
    "related stor",
    "more stories",
    "sign up",
    "sign in",
    "log in",
    "log out",
    "privacy policy",
    "privacy notice",
    "terms of use",
    "terms of service",
    "all rights reserved",
    "share this",
    "share on",
    "follow us",
    "click here",
    "click to",
    "tap to",
    "play now",
    "video loading",
    "video unavailable",
    "auto-play",
    "skip to",
    "most read",
    "most popular",
    "most viewed",
    "top stories",
    "download the app",
    "download our app",
    "contact us",
    "about us",
    "back to top",
    "next article",
    "previous article",
    "s'abonner",
)
_CREDIT_KEYS = (
    "image",
    "photo",
    "picture",
    "pic",
    "credit",
    "source",
    "video",
    "illustration",
    "foto",
    "bild",
    "imagen",
    "getty",
    "afp",
    "reuters",
    "associated press",
    "shutterstock",
    "alamy",
    "pa ",
    "epa",
    "istock",
    "dpa",
    "©",
    "(c)",
    "copyright",
)
_WORD = re.compile(r"[\w'-]+")


def debris_word_count(line: str) -> int:
    """How many debris words and phrases ("subscribe", "read more", ...) a line holds, at most 3.

    >>> debris_word_count("Sign up to our newsletter"), debris_word_count("The council met.")
    (2, 0)
    """
    return _debris_word_count(line) if len(line) <= 400 else _count_debris_words(line)


def _count_debris_words(line: str) -> int:
    low = line.lower()
    found = sum(1 for w in _WORD.findall(low) if w in DEBRIS_TERMS)
    found += sum(1 for phrase in DEBRIS_PHRASES if phrase in low)
    return min(3, found)


# Cleaning asks for each line several times; short lines are remembered.
_debris_word_count = lru_cache(maxsize=8192)(_count_debris_words)


@dataclass(frozen=True)
class Line:
    """One non-blank line of the input, its position among all lines, and blank lines around it."""

    text: str
    number: int
    blank_before: bool
    blank_after: bool


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped, knowing whether a blank line is next to them.

    >>> [(ln.text, ln.blank_before, ln.blank_after) for ln in split_lines("A\\n\\nB\\nC")]
    [('A', False, True), ('B', True, False), ('C', False, False)]
    """
    raw = text.splitlines()
    out: list[Line] = []
    for i, line in enumerate(raw):
        stripped = line.strip()
        if not stripped:
            continue
        before = i > 0 and not raw[i - 1].strip()
        after = i + 1 < len(raw) and not raw[i + 1].strip()
        out.append(Line(stripped, i, before, after))
    return out


def ends_sentence(line: str) -> bool:
    """Whether a line ends like a sentence (final punctuation, maybe then a closing quote).

    >>> ends_sentence('He said "no."'), ends_sentence("Read More")
    (True, False)
    """
    return bool(_SENTENCE_END.search(line))


def is_credit(line: str) -> bool:
    """Whether a line is a photo or video credit.

    >>> is_credit("(Image: AFP via Getty Images)"), is_credit("Photo: Jane Doe"), is_credit("He left.")
    (True, True, False)
    """
    if len(line) > 120:
        return False
    low = line.lower()
    return any(k in low for k in _CREDIT_KEYS) and bool(CREDIT.search(line))


def _shape(line: str) -> list[float]:
    words = line.split()
    n = word_count(line)
    low = line.lower()
    n_letters = sum(map(str.isalpha, line))
    upper = sum(map(str.isupper, line)) / n_letters if n_letters else 0.0
    initials = [w[0] for w in words if w[0].isalpha()]
    title = sum(map(str.isupper, initials)) / len(initials) if initials else 0.0
    lower_words = sum(map(str.islower, initials)) / len(initials) if initials else 0.0
    n_digits = sum(map(str.isdigit, line))
    link = "@" in line or "www." in low or "http" in low or ".com" in low or ".co.uk" in low
    separator = " | " in line or "|" in line or " • " in line or " · " in line or " / " in line or "›" in line
    return [
        float(np.log1p(n)),
        float(np.log1p(len(line))),
        float(ends_sentence(line)),
        float(line.endswith(":")),
        float(line[-1].isalnum()),
        float(bool(_BULLET.match(line))),
        upper,
        title,
        n_digits / len(line),
        float(link),
        debris_word_count(line) / (1.0 + float(np.log1p(n))),
        float(is_credit(line)),
        (line.count(",") + line.count("、") + line.count("，")) / max(1, n),
        float(separator),
        sum(map(len, words)) / len(words),
        float(n_digits > 0 and bool(_DATE.search(line))),
        lower_words,
        float(bool(_QUOTE_START.match(line))),
        float(line[0].islower()),
    ]


def line_features(lines: Sequence[Line]) -> np.ndarray:
    """A (lines x features) matrix, columns named by ``FEATURE_NAMES``.

    >>> line_features(split_lines("Home\\nNews\\n\\nThe council met on Tuesday and voted.")).shape
    (3, 35)
    """
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    shapes = np.array([_shape(ln.text) for ln in lines], dtype=float)
    log_tokens, ends, credit = shapes[:, 0], shapes[:, 2], shapes[:, 11]
    tokens = np.array([word_count(ln.text) for ln in lines], dtype=float)
    counts = Counter(ln.text for ln in lines)
    repeated = np.array([float(counts[ln.text] > 1) for ln in lines])

    def shift(a: np.ndarray, k: int, fill: float = 0.0) -> np.ndarray:
        out = np.full_like(a, fill)
        if k > 0:
            out[k:] = a[:-k]
        elif k < 0:
            out[:k] = a[-k:]
        return out

    def window(a: np.ndarray, k: int) -> np.ndarray:
        padded = np.concatenate([np.zeros(k), a, np.zeros(k)])
        csum = np.concatenate([[0.0], np.cumsum(padded)])
        mean: np.ndarray = (csum[2 * k + 1 :] - csum[: -(2 * k + 1)]) / (2 * k + 1)
        return mean

    prose = (tokens >= 12) & (ends > 0)
    idx = np.flatnonzero(prose)
    if idx.size:
        first, last = idx[0], idx[-1]
        inside = ((np.arange(n) >= first) & (np.arange(n) <= last)).astype(float)
        dist = np.where(np.arange(n) < first, first - np.arange(n), 0) + np.where(
            np.arange(n) > last, np.arange(n) - last, 0
        )
        dist_f = np.log1p(dist.astype(float))
    else:
        inside = np.zeros(n)
        dist_f = np.full(n, np.log1p(n))
    cum = np.cumsum(tokens) - tokens
    total = max(1.0, float(tokens.sum()))
    prose_f = prose.astype(float)
    prose_neighbours = window(prose_f, 2) * 5 - prose_f

    cols = {
        "log_tokens": log_tokens,
        "log_chars": shapes[:, 1],
        "ends_sentence": ends,
        "ends_colon": shapes[:, 3],
        "ends_bare": shapes[:, 4],
        "starts_bullet": shapes[:, 5],
        "upper_ratio": shapes[:, 6],
        "title_ratio": shapes[:, 7],
        "digit_ratio": shapes[:, 8],
        "has_link": shapes[:, 9],
        "debris_words": shapes[:, 10],
        "is_credit": credit,
        "next_is_credit": shift(credit, -1),
        "position": np.arange(n) / max(1, n - 1),
        "blank_before": np.array([float(ln.blank_before) for ln in lines]),
        "blank_after": np.array([float(ln.blank_after) for ln in lines]),
        "prev_log_tokens": shift(log_tokens, 1),
        "next_log_tokens": shift(log_tokens, -1),
        "prev_ends_sentence": shift(ends, 1),
        "next_ends_sentence": shift(ends, -1),
        "window3_log_tokens": window(log_tokens, 3),
        "window3_ends_sentence": window(ends, 3),
        "window10_log_tokens": window(log_tokens, 10),
        "repeated": repeated,
        "comma_rate": shapes[:, 12],
        "has_separator": shapes[:, 13],
        "mean_word_length": shapes[:, 14],
        "inside_prose_span": inside,
        "lines_to_prose_span": dist_f,
        "tokens_before_share": cum / total,
        "has_date": shapes[:, 15],
        "lower_word_ratio": shapes[:, 16],
        "starts_quote": shapes[:, 17],
        "starts_lower": shapes[:, 18],
        "prose_neighbours": prose_neighbours,
    }
    return np.column_stack([cols[name] for name in FEATURE_NAMES])
