"""The headline of copied page text, found by a learned scorer over the lines around the body.

Candidates are the lines of at most 40 words from 300 above the first body line to 80 below it
and from 40 above the start of the body's main block to 10 below it (``main_block``; or the first
300 lines when no body was found). Each gets language-light features (``HEADLINE_FEATURES``): where
it sits relative to the body's first line and to its main block, its length and case pattern, its
punctuation, whether the page repeats it, how many of its words the body's first paragraph and
the whole body use and how often the body uses them, debris, date and byline patterns (month
names of several languages), photo credits, the words of a site's own controls, whether the
hand-written rule (``bot.ingest.clean.find_headline``) would pick it, the same few features of
the two lines above and below it, and its values against the page's best. Gradient-boosted trees
(``bot/ingest/weights/headline.safetensors``, from ``scripts/train_headline.py``, evaluated with
numpy) give each candidate P(headline); a second stage re-scores each candidate from its own
features and the first stage's scores of its neighbours and of the page (``STACK_FEATURES``).
When no candidate clears the threshold there is no headline and the product shows a generated
one; otherwise LambdaRank trees, trained to rank each page's candidates against each other,
choose among those that clear it (``HeadlineScorer.choose``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.ingest.debris import debris_kind
from bot.ingest.lineclassifier import LineClassifier, read_weights
from bot.ingest.linefeatures import Line, debris_word_count, ends_sentence
from bot.text import word_count

WEIGHTS = "headline.safetensors"
ABOVE, BELOW, NO_BODY, MAX_WORDS = 300, 80, 300, 40
# Lines this far above and below the start of the body's main block (``main_block``) are
# candidates too: a page whose first body line is a teaser far above the article.
MAIN_ABOVE, MAIN_BELOW, BLOCK_GAP = 40, 10, 3

BASE_FEATURES: tuple[str, ...] = (
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
    "lines_to_date_below",
    "lead_bigram_overlap",
    "log_chars_per_token",
    "body_term_frequency",
    "caption_credit",
    "ui_words",
    "month_date",
    "main_offset",
    "above_main",
)
# Learned from the training pages (``Vocabulary``): how headline-like the line's words are, and
# how many pages carry the very same line (menus, share prompts, site names).
VOCAB_FEATURES: tuple[str, ...] = ("vocab_min", "vocab_mean", "vocab_max", "vocab_known", "common_line")
# Each of these minus its best value among the page's candidates: a ranking within the page.
RELATIVE_TO_PAGE: tuple[str, ...] = (
    "first_paragraph_overlap",
    "lead_bigram_overlap",
    "body_overlap",
    "log_tokens",
    "title_ratio",
    "inside_other_line",
    "repeated",
    "vocab_mean",
    "vocab_min",
    "body_term_frequency",
)
# The same few features of the lines one and two above and below each candidate (-1 where the
# page has no such line): a headline sits over a standfirst or byline, a standfirst under one.
NEIGHBOUR_OF: tuple[str, ...] = (
    "log_tokens",
    "ends_sentence",
    "title_ratio",
    "first_paragraph_overlap",
    "is_body",
    "date_or_byline",
    "lead_bigram_overlap",
    "ends_period",
    "upper_ratio",
    "blank_before",
    "debris_words",
    "nav_words",
)
NEIGHBOURS: tuple[tuple[str, int], ...] = (("prev", -1), ("next", 1), ("prev2", -2), ("next2", 2))
NEIGHBOUR_FEATURES: tuple[str, ...] = tuple(f"{name}_{tag}" for tag, _ in NEIGHBOURS for name in NEIGHBOUR_OF)
HEADLINE_FEATURES: tuple[str, ...] = (
    BASE_FEATURES
    + VOCAB_FEATURES
    + tuple(f"{name}_vs_page" for name in RELATIVE_TO_PAGE)
    + NEIGHBOUR_FEATURES
)
# The second stage sees the first stage's P(headline) of the line, of its neighbours and of the
# page's other candidates (``stack_features``).
STACK_FEATURES: tuple[str, ...] = (
    "p_first",
    "log_rank",
    "p_vs_page",
    "p_prev",
    "p_next",
    "p_max_above",
    "p_max_below",
)

_TOKEN = re.compile(r"\w+")
_SEPARATOR = re.compile(r"\s[|–—•·:-]\s|[|›»]")
_NAV = re.compile(
    r"\b(?:share|sharing|follow|watch|continue reading|caption\w*|policy|gallery|back to|zurück|"
    r"übersicht|sections|trending|sign|log ?in|menu|breaking news|print|copy|link|url|home|"
    r"newsletter|subscribe|search|comments?|advertisement|related|more)\b",
    re.I,
)
# Month names of the languages the training pages are in, beside a day number or a year.
_MONTHS = (
    r"jan(?:uary|uar|vier|\.)?|feb(?:ruary|ruar|rero|braio|\.)?|f[ée]vrier|m[aä]r(?:ch|z|s|\.)?|marzo|"
    r"apr(?:il|ile|\.)?|avril|abril|ma[iy]|mai|mayo|maggio|jun[ie]?|juin|junio|giugno|"
    r"jul[iy]?|juillet|julio|luglio|aug(?:ust|\.)?|ao[uû]t|agosto|sep(?:t|tember|tembre|tiembre)?\.?|settembre|"
    r"o[ck]t(?:ober|obre|ubre|\.)?|ottobre|nov(?:ember|embre|iembre|\.)?|de[cz](?:ember|embre|iembre|\.)?|dicembre"
)
_MONTH_DATE = re.compile(
    rf"\b\d{{1,2}}\.?\s+(?:{_MONTHS})\b|\b(?=[adfgjlmnos])(?:{_MONTHS})\s+(?:\d{{1,2}}|(?:19|20)\d{{2}})\b|"
    r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)?\d{2}\b|\b(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\b|\d{4}年\d{1,2}月",
    re.I,
)
# A photo's caption or credit: "(Foto: dpa)", "Photo: Getty Images", "(li.)", "(from left)".
_CAPTION = re.compile(
    r"\((?:foto|photo|bild|image|picture|credit|crédit|quelle|source)\b|"
    r"\b(?=[bcfip])(?:foto|photo|bild|picture|image|credit|crédit|photograph)s?\s*(?::|©|by\b|von\b)|"
    r"\((?:li|re|l|r|m|von links|v\.\s?l\.|left|right|from left|l-r|de gauche)\.?\)|"
    r"\b(?=[adgikrs])(?:getty images|reuters|afp|dpa|keystone|shutterstock|istock|imago)\b",
    re.I,
)
# Words and phrases of a site's own controls that the general debris list lacks.
_UI_WORD_LIST = """
click tap press join member account cookie cookies result results permalink email emails download
anmelden registrieren weiterlesen kontakt impressum datenschutz contact skip jump toggle open close
schließen suche recherche buscar jetzt now here hier today heute app podcast podcasts video videos
photo photos foto fotos bilder
"""
_UI_WORDS = frozenset(_UI_WORD_LIST.split())
_UI_PHRASES = re.compile(r"\b(?:view all|mehr lesen|zum artikel|about us|über uns)\b", re.I)
_DATE_OR_BYLINE = re.compile(
    r"^(?:by\s|von\s|por\s|par\s|updated|published|posted|last updated)|\b\d{1,2}:\d{2}\b|"
    r"\b(?:19|20)\d{2}\b.{0,12}$",
    re.I,
)


def ui_word_count(text: str) -> int:
    """How many words and phrases of a site's own controls the line holds.

    >>> [ui_word_count(t) for t in ("Press J to jump to the feed", "View all results", "Port bans ships")]
    [2, 2, 0]
    """
    return sum(map(_UI_WORDS.__contains__, _TOKEN.findall(text.lower()))) + len(_UI_PHRASES.findall(text))


def month_date(text: str) -> bool:
    """Whether the line holds a date: a month name beside a day or year, or a numeric date.

    >>> month_date("Veröffentlicht am 17. Dezember 2019"), month_date("Posted 2019-03-04"), month_date("Mai")
    (True, True, False)
    """
    return any(map(str.isdigit, text)) and bool(_MONTH_DATE.search(text))


def _token_list(text: str) -> list[str]:
    """The line's lower-case word tokens, in order: one-letter ASCII tokens left out."""
    return [t for t in _TOKEN.findall(text.lower()) if len(t) > 1 or not t.isascii()]


def _tokens(text: str) -> set[str]:
    return set(_token_list(text))


def _words(text: str) -> set[str]:
    """The line's lower-case words, cut to 20 characters (so a script without spaces still yields keys)."""
    return {t[:20] for t in _TOKEN.findall(text.lower())}


def _bigrams(text: str) -> set[str]:
    """Character pairs of the line without spaces: overlap that works for every script."""
    s = "".join(text.lower().split())
    return set(map(str.__add__, s, s[1:]))


def main_block(lines: Sequence[Line], keep: Sequence[bool]) -> int | None:
    """The first line of the body's main block: the run of body lines (gaps of up to 3 other lines)
    with the most words; None without a body.

    >>> from bot.ingest.linefeatures import split_lines
    >>> lines = split_lines("Get our app\\nMenu\\nA\\nB\\nC\\nD\\nPort bans ships\\nThe council voted on it.")
    >>> main_block(lines, [True, False, False, False, False, False, False, True])
    7
    """
    best, best_words, start, words, last = None, -1, 0, 0, None
    for i, k in enumerate(keep):
        if not k:
            continue
        if last is None or i - last > BLOCK_GAP + 1:
            start, words = i, 0
        words += word_count(lines[i].text)
        last = i
        if words > best_words:
            best, best_words = start, words
    return best


def candidates(lines: Sequence[Line], keep: Sequence[bool]) -> list[int]:
    """Indexes of the lines that may be the headline, at most 40 words each: from 300 above the
    first body line to 80 below it, and from 40 above the start of the body's main block to 10
    below it (``main_block``).

    >>> from bot.ingest.linefeatures import split_lines
    >>> candidates(split_lines("Home\\nPort bans ships\\nThe council voted."), [False, False, True])
    [0, 1, 2]
    >>> body = "The council voted on Tuesday to ban large cruise ships."
    >>> lines = split_lines("\\n".join(["Read the app"] + ["Menu"] * 199 + ["Port bans ships", body]))
    >>> candidates(lines, [True] + [False] * 200 + [True])[78:82]
    [78, 79, 161, 162]
    """
    n = len(lines)
    if True in keep:
        first = list(keep).index(True)
        span = set(range(max(0, first - ABOVE), min(n, first + BELOW)))
        main = main_block(lines, keep)
        if main is not None:
            span |= set(range(max(0, main - MAIN_ABOVE), min(n, main + MAIN_BELOW)))
    else:
        span = set(range(min(n, NO_BODY)))
    return [i for i in sorted(span) if len(lines[i].text.split()) <= MAX_WORDS]


def headline_features(
    lines: Sequence[Line],
    keep: Sequence[bool],
    rows: Sequence[int],
    rule: int | None = None,
    longest: int | None = None,
) -> np.ndarray:
    """A (candidates x base features) matrix for the lines ``rows``, columns ``BASE_FEATURES``.

    ``rule`` is the line the hand-written rule picks (a feature, not the answer); ``longest``
    the word count that ``token_share`` divides by (default: the longest of ``rows``).

    >>> from bot.ingest.linefeatures import split_lines
    >>> lines = split_lines("Home\\nPort bans cruise ships\\nThe port council voted to ban cruise ships.")
    >>> x = headline_features(lines, [False, False, True], [0, 1], rule=1)
    >>> x.shape, float(x[1, BASE_FEATURES.index("first_paragraph_overlap")])
    ((2, 41), 0.75)
    """
    n = len(lines)
    first = list(keep).index(True) if True in keep else n
    main = main_block(lines, keep)
    main = n if main is None else main
    body = [ln.text for ln, k in zip(lines, keep, strict=True) if k]
    lead = next((t for t in body if word_count(t) >= 8), body[0] if body else "")
    lead_tokens, body_tokens = _tokens(lead), _tokens(" ".join(body))
    lead_bigrams = _bigrams(" ".join(body[:3]))
    counts = Counter(ln.text for ln in lines)
    body_counts = Counter(_token_list(" ".join(body)))
    body_scale = math.log1p(max(1, sum(body_counts.values())) / 100)
    body_logs = {t: math.log1p(c) for t, c in body_counts.items()}
    page = "\n".join(ln.text for ln in lines)
    dated = [bool(_DATE_OR_BYLINE.search(ln.text)) for ln in lines]
    if longest is None:
        longest = max((word_count(lines[i].text) for i in rows), default=1)
    longest = longest or 1
    out = []
    for i in rows:
        text = lines[i].text
        words = text.split()
        toks = _tokens(text)
        grams = _bigrams(text)
        n_words = word_count(text)
        letters = sum(map(str.isalpha, text)) or 1
        initials = [w[0] for w in words if w[0].isalpha()]
        others = page.count(text) - counts[text] if len(text) >= 12 else 0
        below = next((d for d in range(1, 7) if i + d < n and dated[i + d]), 7)
        row = {
            "offset": float(min(max(i - first, -ABOVE), BELOW)),
            "log_offset": math.copysign(math.log1p(abs(i - first)), i - first) if i != first else 0.0,
            "above_body": float(i < first),
            "page_position": i / max(1, n - 1),
            "log_tokens": math.log1p(n_words),
            "log_chars": math.log1p(len(text)),
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
            "repeated": math.log1p(counts[text] - 1),
            "inside_other_line": math.log1p(others),
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
            "lines_to_date_below": float(below),
            "lead_bigram_overlap": len(grams & lead_bigrams) / len(grams) if grams else 0.0,
            "log_chars_per_token": math.log1p(len(text) / max(1, len(words))),
            "body_term_frequency": (
                sum([body_logs.get(t, 0.0) for t in sorted(toks)]) / len(toks) - body_scale if toks else 0.0
            ),
            "caption_credit": float(bool(_CAPTION.search(text))),
            "ui_words": float(ui_word_count(text)),
            "month_date": float(month_date(text)),
            "main_offset": math.copysign(math.log1p(abs(i - main)), i - main) if i != main else 0.0,
            "above_main": float(i < main),
        }
        out.append([row[name] for name in BASE_FEATURES])
    return np.array(out, dtype=float).reshape(len(out), len(BASE_FEATURES))


_IS_BODY, _ENDS_PERIOD, _RULE = (
    HEADLINE_FEATURES.index(name) for name in ("is_body", "ends_period", "rule_choice")
)


@dataclass(frozen=True)
class Vocabulary:
    """Word log-odds of "in a headline" against "in another candidate line", and common lines."""

    log_odds: dict[str, float]
    common_lines: dict[str, int]

    @classmethod
    def learn(cls, pages: Iterable[tuple[Sequence[str], Sequence[float]]], min_pages: int = 4) -> Vocabulary:
        """From (candidate texts, headline labels) per page; a word must occur on ``min_pages`` pages.

        >>> v = Vocabulary.learn([(["Share", "Port bans ships"], [0, 1]), (["Share", "Ferry late"], [0, 1])],
        ...                      min_pages=2)
        >>> v.log_odds["share"] < 0, v.common_lines
        (True, {'share': 2})
        """
        pos: Counter[str] = Counter()
        neg: Counter[str] = Counter()
        lines: Counter[str] = Counter()
        n_pos = n_neg = 0
        for texts, labels in pages:
            heads = {w for t, y in zip(texts, labels, strict=True) if y for w in _words(t)}
            rest = {w for t, y in zip(texts, labels, strict=True) if not y for w in _words(t)}
            n_pos += bool(heads)
            n_neg += 1
            pos.update(heads)
            neg.update(rest - heads)
            lines.update({" ".join(t.lower().split()) for t in texts})
        log_odds = {
            w: round(float(np.log((pos[w] + 0.5) / (n_pos + 1)) - np.log((neg[w] + 0.5) / (n_neg + 1))), 3)
            for w in pos.keys() | neg.keys()
            if pos[w] + neg[w] >= min_pages
        }
        common = {t: c for t, c in lines.items() if c >= 2 and len(t) <= 80}
        return cls(log_odds, common)

    def columns(self, texts: Sequence[str]) -> np.ndarray:
        """The ``VOCAB_FEATURES`` columns of candidate lines.

        >>> Vocabulary({"share": -2.0}, {"share": 9}).columns(["Share", "Port"]).tolist()
        [[-2.0, -2.0, -2.0, 1.0, 2.302585092994046], [0.0, 0.0, 0.0, 0.0, 0.0]]
        """
        out = []
        for text in texts:
            words = _words(text)
            # sorted: the same sum on every run (a set's order changes with the hash seed)
            known = [self.log_odds[w] for w in sorted(words) if w in self.log_odds]
            n = len(words) or 1
            common = self.common_lines.get(" ".join(text.lower().split()), 0)
            if known:
                mean = sum(known) / len(known)
                out.append([min(known), mean, max(known), len(known) / n, float(np.log1p(common))])
            else:
                out.append([0.0, 0.0, 0.0, 0.0, float(np.log1p(common))])
        return np.array(out, dtype=float).reshape(len(out), len(VOCAB_FEATURES))


def base_and_neighbours(
    lines: Sequence[Line], keep: Sequence[bool], rows: Sequence[int], rule: int | None = None
) -> np.ndarray:
    """``BASE_FEATURES`` then ``NEIGHBOUR_FEATURES`` of the lines ``rows``, in one pass over them.

    >>> from bot.ingest.linefeatures import split_lines
    >>> lines = split_lines("Home\\nPort bans cruise ships\\nThe port council voted to ban cruise ships.")
    >>> x = base_and_neighbours(lines, [False, False, True], [0, 1])
    >>> x.shape, float(x[1, len(BASE_FEATURES) + NEIGHBOUR_FEATURES.index("is_body_next")])
    ((2, 89), 1.0)
    """
    near = sorted({j + d for j in rows for _, d in NEIGHBOURS if 0 <= j + d < len(lines)} | set(rows))
    longest = max((word_count(lines[i].text) for i in rows), default=1)
    every = headline_features(lines, keep, near, rule, longest)
    at = {j: k for k, j in enumerate(near)}
    cols = [BASE_FEATURES.index(name) for name in NEIGHBOUR_OF]
    missing = np.full(len(cols), -1.0)
    out = np.empty((len(rows), len(BASE_FEATURES) + len(NEIGHBOUR_FEATURES)))
    for r, j in enumerate(rows):
        parts = [every[at[j]]]
        parts += [every[at[j + d], cols] if j + d in at else missing for _, d in NEIGHBOURS]
        out[r] = np.concatenate(parts)
    return out


def assemble(x: np.ndarray, vocab_columns: np.ndarray) -> np.ndarray:
    """The ``HEADLINE_FEATURES`` matrix from ``base_and_neighbours`` and ``Vocabulary.columns``."""
    base, neighbours = x[:, : len(BASE_FEATURES)], x[:, len(BASE_FEATURES) :]
    return np.hstack([page_relative(np.hstack([base, vocab_columns])), neighbours])


def stack_features(p: np.ndarray) -> np.ndarray:
    """``STACK_FEATURES`` of a page's candidates (article order) from their first-stage P(headline).

    >>> stack_features(np.array([0.2, 0.8])).round(2).tolist()
    [[0.2, 0.69, -0.6, -1.0, 0.8, -1.0, 0.8], [0.8, 0.0, 0.0, 0.2, -1.0, 0.2, -1.0]]
    """
    n = len(p)
    if not n:
        return np.zeros((0, len(STACK_FEATURES)))
    rank = np.argsort(np.argsort(-p, kind="stable"), kind="stable")
    prev = np.r_[-1.0, p[:-1]]
    nxt = np.r_[p[1:], -1.0]
    above = np.array([p[max(0, k - 5) : k].max() if k else -1.0 for k in range(n)])
    below = np.array([p[k + 1 : k + 6].max() if k + 1 < n else -1.0 for k in range(n)])
    return np.column_stack([p, np.log1p(rank), p - p.max(), prev, nxt, above, below])


def page_relative(x: np.ndarray) -> np.ndarray:
    """Columns ``RELATIVE_TO_PAGE`` minus their page-best value, appended to base and vocabulary columns.

    >>> names = BASE_FEATURES + VOCAB_FEATURES
    >>> x = np.zeros((2, len(names))); x[0, names.index("log_tokens")] = 2.0
    >>> float(page_relative(x)[1, HEADLINE_FEATURES.index("log_tokens_vs_page")])
    -2.0
    """
    names = BASE_FEATURES + VOCAB_FEATURES
    cols = [names.index(name) for name in RELATIVE_TO_PAGE]
    rel = x[:, cols] - (x[:, cols].max(axis=0) if len(x) else 0.0)
    return np.hstack([x, rel])


def candidate_features(
    lines: Sequence[Line], keep: Sequence[bool], rows: Sequence[int], rule: int | None, vocab: Vocabulary
) -> np.ndarray:
    """The full ``HEADLINE_FEATURES`` matrix of the candidate lines ``rows``."""
    return assemble(
        base_and_neighbours(lines, keep, rows, rule), vocab.columns([lines[i].text for i in rows])
    )


@dataclass(frozen=True)
class HeadlineScorer:
    """Two stages of boosted trees over the candidates and a ranker; ``pick`` gives the headline
    line or None."""

    trees: LineClassifier
    threshold: float = 0.1
    vocab: Vocabulary = field(default_factory=lambda: Vocabulary({}, {}))
    listwise: bool = False
    second: LineClassifier | None = None
    floor: float = 0.0
    """A candidate the first stage gives under this P(headline) is never picked by the second."""
    ranker: LineClassifier | None = None
    """Trees trained to rank a page's candidates against each other (LambdaRank): when present they
    choose which candidate is the headline, while the stages above decide whether there is one."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HeadlineScorer:
        """Build from the JSON layout of ``scripts/train_headline.py`` (that of the line classifier)."""
        if tuple(data["feature_names"]) != HEADLINE_FEATURES:
            raise ValueError("the headline weights do not match bot.ingest.title; retrain them")
        vocab = Vocabulary(dict(data.get("log_odds", {})), dict(data.get("common_lines", {})))
        listwise = data.get("objective") == "softmax-with-none"
        threshold = float(data.get("threshold_headline", 0.1))
        second = data.get("second_stage")
        if second and tuple(second["feature_names"]) != HEADLINE_FEATURES + STACK_FEATURES:
            raise ValueError(
                "the headline weights' second stage does not match bot.ingest.title; retrain them"
            )
        stage = LineClassifier.from_dict(second) if second else None
        floor = float(data.get("floor_first_stage", 0.0))
        ranking = data.get("ranker")
        if ranking and tuple(ranking["feature_names"]) != HEADLINE_FEATURES:
            raise ValueError("the headline weights' ranker does not match bot.ingest.title; retrain them")
        ranker = LineClassifier.from_dict(ranking) if ranking else None
        return cls(LineClassifier.from_dict(data), threshold, vocab, listwise, stage, floor, ranker)

    @classmethod
    def load(cls, path: str | Path | None = None) -> HeadlineScorer:
        """Load the packaged weights, or those at ``path``."""
        path = Path(__file__).parent / "weights" / WEIGHTS if path is None else Path(path)
        return cls.from_dict(read_weights(path))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """P(headline) of each row of a page's ``HEADLINE_FEATURES`` matrix.

        Listwise weights score the page's candidates together: a softmax over their scores and a
        "no headline" option of score 0, so the probabilities of a page sum to at most 1.
        """
        if not len(x):
            return np.zeros(0)
        if self.listwise:
            raw = self.trees.raw(x)
            top = max(0.0, float(raw.max()))
            e = np.exp(raw - top)
            out: np.ndarray = e / (np.exp(-top) + e.sum())
            return out
        first = self.trees.predict(x)
        if self.second is None:
            return first
        second = self.second.predict_one_pass(np.hstack([x, stack_features(first)]))
        return np.where(first >= self.floor, second, 0.0)

    def choose(self, x: np.ndarray) -> int | None:
        """The row of a page's ``HEADLINE_FEATURES`` matrix that is its headline, or None when no
        candidate's P(headline) clears the threshold. With a ``ranker``, the ranker's best among
        the candidates that clear it, leaving out a lede (a body line ending in a full stop, where the
        hand-written rule found the headline in another line); else the most probable.

        >>> import dataclasses
        >>> tree = {"feature": [0, -2, -2], "threshold": [0.5, 0, 0], "left": [1, -1, -1],
        ...         "right": [2, -1, -1], "value": [0.0, -2.0, 2.0]}
        >>> stage = {"feature_names": list(HEADLINE_FEATURES), "base_score": 0.0, "learning_rate": 1.0}
        >>> flip = {**stage, "trees": [{**tree, "value": [0.0, 2.0, -2.0]}]}
        >>> plain = HeadlineScorer.from_dict({**stage, "trees": [tree]})
        >>> ranked = HeadlineScorer.from_dict({**stage, "trees": [tree], "ranker": flip})
        >>> x = np.zeros((2, len(HEADLINE_FEATURES))); x[1, 0] = 1.0
        >>> plain.choose(x), ranked.choose(x), dataclasses.replace(ranked, threshold=0.5).choose(x)
        (1, 0, 1)
        """
        probs = self.probabilities(x)
        if not len(probs) or probs.max() < self.threshold:
            return None
        if self.ranker is None:
            return int(np.argmax(probs))
        # a body line ending in a full stop, where the hand-written rule found a headline elsewhere:
        # the lede under a headline ("Storm closes harbour" / "High winds closed the harbour.")
        rule = x[:, _RULE] > 0
        lede = (x[:, _IS_BODY] > 0) & (x[:, _ENDS_PERIOD] > 0) & ~rule & rule.any()
        allowed = (probs >= self.threshold) & ~lede
        if not allowed.any():
            return None
        return int(np.argmax(np.where(allowed, self.ranker.raw(x), -np.inf)))

    def pick(self, lines: Sequence[Line], keep: Sequence[bool], rule: int | None = None) -> int | None:
        """Index of the headline line among the candidates, or None when none clears the threshold."""
        rows = candidates(lines, keep)
        if not rows:
            return None
        best = self.choose(candidate_features(lines, keep, rows, rule, self.vocab))
        return rows[best] if best is not None else None


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
