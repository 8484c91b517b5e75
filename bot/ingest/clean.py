"""Debris out, headline and metadata apart: for copied page text and for HTML.

Copied text: every non-blank line is scored by the learned line classifier
(``bot.ingest.lineclassifier``, features in ``bot.ingest.linefeatures``); the sure-fire rules of
``bot.ingest.debris`` (player strings, sign-up blurbs, "Read More" blocks, captions with their
credits, share prompts, cookie notices, bylines) then overrule it. HTML: trafilatura extracts
the main text and metadata, and the same rules drop the debris it keeps.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.article import Metadata
from bot.ingest.debris import BULLET, COPYRIGHT, debris_kind, ends_article, rule_debris, stamp_runs
from bot.ingest.lineclassifier import LineClassifier, best_block, packaged_classifier
from bot.ingest.linefeatures import (
    FEATURE_NAMES,
    Line,
    debris_word_count,
    ends_sentence,
    line_features,
    split_lines,
)
from bot.ingest.title import HeadlineScorer, html_headline, packaged_headline_scorer
from bot.text import word_count

_HEADLINE_MAX_WORDS = 30
_HEADLINE_WINDOW = 15
_NOT_HEADLINE = re.compile(
    r"\b(?:share|sharing|follow|watch|continue reading|caption\w*|policy|gallery|back to|zurück|"
    r"übersicht|sections|trending|sign|log ?in|menu|breaking news)\b|>",
    re.I,
)
_BYLINE_START = re.compile(r"(?:by|von|durch|par|por|di|door|de|posted|updated|published)\s", re.I)
_DATE_OR_BYLINE = re.compile(
    r"^(?:by\s|updated|published|posted|last updated)|\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b.{0,12}$", re.I
)


@dataclass(frozen=True)
class Cleaned:
    """The outcome of cleaning: headline (or None), body paragraphs, dropped lines, metadata."""

    headline: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[str, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)


def clean_text(
    text: str, *, classifier: LineClassifier | None = None, headline_scorer: HeadlineScorer | None = None
) -> Cleaned:
    """Clean text copied from a web page: keep the body paragraphs whole and in order.

    >>> page = ("Harbour town bans cruise ships\\n\\nVideo LoadingVideo UnavailableClick to play\\n\\n"
    ...         "Councillors voted on Tuesday to ban large cruise ships from the harbour next year.\\n\\n"
    ...         "The council leader said the town had reached a breaking point in August.\\n"
    ...         "Share this article")
    >>> c = clean_text(page)
    >>> c.headline
    'Harbour town bans cruise ships'
    >>> len(c.paragraphs), c.removed
    (2, ('Video LoadingVideo UnavailableClick to play', 'Share this article'))
    """
    lines = split_lines(text)
    if not lines:
        return Cleaned(None, ())
    clf = classifier or packaged_classifier()
    body = keep_mask(lines, clf)
    head = pick_headline(lines, body, headline_scorer or packaged_headline_scorer())
    if head is not None and body[head]:
        if sum(body) > 1:
            body[head] = False  # the headline was taken for body text: it heads the body instead
        else:
            head = None  # the only body line is the article, not its headline
    paragraphs = join_wrapped([ln for ln, k in zip(lines, body, strict=True) if k])
    if not reads_like_text(paragraphs):
        return Cleaned(None, (), tuple(ln.text for ln in lines))
    removed = tuple(ln.text for i, (ln, k) in enumerate(zip(lines, body, strict=True)) if not k and i != head)
    return Cleaned(lines[head].text if head is not None else None, tuple(paragraphs), removed)


def keep_mask(lines: Sequence[Line], classifier: LineClassifier) -> list[bool]:
    """Which lines are article body: the classifier's call, overruled by the debris rules, and none
    of its lines below the furniture that closes the article (``article_end``).

    Prose right under that furniture, with only rule-found debris between, is still bridged to
    the body (``bridge_gaps``): an article's last paragraphs under an inline "Read More" box.
    """
    features = line_features(lines)
    probs = classifier.predict(features)
    kinds = rule_debris(lines)
    threshold = classifier.threshold_body
    keep = [bool(p >= threshold) and kind is None for p, kind in zip(probs, kinds, strict=True)]
    if not any(keep):
        # Short or unusual input the classifier does not recognise: keep what no rule rejects
        # and that reads like prose.
        keep = [
            kind is None
            and ((ends_sentence(ln.text) and word_count(ln.text) >= 4) or word_count(ln.text) >= 15)
            for ln, kind in zip(lines, kinds, strict=True)
        ]
        return keep_wrapped(lines, kinds, keep)
    log_words = features[:, FEATURE_NAMES.index("log_tokens")]
    block = main_block(lines, kinds, probs, threshold, log_words)
    end = article_end(lines, kinds, probs, threshold, log_words, block)
    keep = drop_menu_lines(lines, [k and i < end for i, k in enumerate(keep)], block)
    keep = bridge_gaps(lines, kinds, keep)
    return keep_wrapped(lines, kinds, keep)


def article_end(
    lines: Sequence[Line],
    kinds: Sequence[str | None],
    probs: np.ndarray | Sequence[float],
    threshold: float,
    log_words: np.ndarray,
    block: tuple[int, int] | None = None,
) -> int:
    """Index of the first line below the article: the first line under the page's main block that
    the rules find to close an article (``bot.ingest.debris.ends_article``: a share bar, a
    newsletter box, a comments prompt); the number of lines when none.

    The main block is the run of lines whose scores, above or below ``threshold`` and weighted by
    their log word count (``log_words``: the line features' ``log_tokens``), add up to the most
    (``best_block``); lines the rules found count as 0. Comments, teasers and reader reviews under
    the furniture that closes the article read like prose line by line; nothing below it is the
    article's. (A long run of prose-like lines under
    one short heading can still join the main block, and then the heading closes nothing.)

    >>> lines = split_lines("The council met on Tuesday to vote on the ship ban after a summer of crowds."
    ...                     "\\nThe motion passed by 14 votes to 5.\\nShare this\\nComments\\nGreat news.")
    >>> kinds, words = rule_debris(lines), np.log1p([word_count(ln.text) for ln in lines])
    >>> article_end(lines, kinds, [0.9, 0.9, 0.1, 0.1, 0.5], 0.4, words)
    2
    >>> article_end(lines, [None] * 5, [0.9, 0.9, 0.1, 0.1, 0.5], 0.4, words)
    5
    """
    _, last = block or main_block(lines, kinds, probs, threshold, log_words)
    for i in range(last + 1, len(lines)):
        kind = kinds[i]
        if kind is not None and ends_article(lines[i].text, kind):
            return i
    return len(lines)


def main_block(
    lines: Sequence[Line],
    kinds: Sequence[str | None],
    probs: np.ndarray | Sequence[float],
    threshold: float,
    log_words: np.ndarray,
) -> tuple[int, int]:
    """The page's main block as (first, last) line: the run of lines whose scores, above or below
    ``threshold`` and weighted by their log word count, add up to the most; lines the rules found
    count as 0.

    The block never runs across a reader's comment, a copyright footer, or the date lines of a
    list (``bot.ingest.debris.stamp_runs``): a thread, or teasers with a timestamp each, can
    outweigh the article above them.

    >>> lines = split_lines("Menu\\nThe council met on Tuesday to vote on the ship ban.\\n"
    ...                     "The motion passed.\\n© 2024 Echo Ltd. All rights reserved.\\n"
    ...                     "A teaser that reads like a long sentence.")
    >>> words = np.log1p([word_count(ln.text) for ln in lines])
    >>> main_block(lines, rule_debris(lines), [0.1, 0.9, 0.9, 0.1, 0.9], 0.4, words)
    (1, 2)
    """
    scores = np.where([kind is not None for kind in kinds], 0.0, np.asarray(probs, dtype=float))
    gains = (scores - threshold) * log_words
    barrier = stamp_runs(lines)
    for i, (ln, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind == "comment" or (kind is not None and COPYRIGHT.search(ln.text)):
            barrier[i] = True
    gains[barrier] = -np.inf
    return best_block(gains.tolist())


MENU_REACH = 3
"""A short kept line above the page's first kept sentence is a menu item unless within this many
lines of a kept sentence."""


def drop_menu_lines(lines: Sequence[Line], keep: Sequence[bool], block: tuple[int, int]) -> list[bool]:
    """Drop the kept lines above the page's first kept sentence, outside the main block (``block``),
    that are not sentences themselves and have no kept sentence within ``MENU_REACH`` lines: menu
    items the classifier let through ("Conselhos Municipais", "Ortofotos de 2010"). A headline,
    a standfirst or a section heading sits next to the article's first sentence, and stays; below
    that sentence nothing changes (an article split by code or tables keeps its pieces).

    >>> lines = split_lines("Home\\nContacts\\nCouncil\\nHistory\\nSport\\nPort bans ships\\n"
    ...                     "The council met on Tuesday to vote on the ban.\\nNext steps\\n"
    ...                     "The ban takes effect in April next year.")
    >>> drop_menu_lines(lines, [True, True, True, False, False, True, True, True, True], (6, 8))
    [False, False, False, False, False, True, True, True, True]
    """
    first, last = block
    top = next((i for i, k in enumerate(keep) if k and _prose(lines[i].text)), None)
    out = list(keep)
    if top is None:
        return out
    # only the first sentence and those just under it can be within reach of a line above it
    near = [j for j in range(top, min(top + MENU_REACH + 1, len(lines))) if keep[j] and _prose(lines[j].text)]
    for i in range(top):
        if out[i] and not first <= i <= last and not _prose(lines[i].text):
            out[i] = any(j - i <= MENU_REACH for j in near)
    return out


def keep_wrapped(lines: Sequence[Line], kinds: Sequence[str | None], keep: Sequence[bool]) -> list[bool]:
    """A hard-wrapped paragraph is kept or dropped whole: its lines follow their neighbours.

    >>> lines = split_lines("The council voted on Tuesday to ban\\nlarge ships from the harbour.\\nHome")
    >>> keep_wrapped(lines, [None, None, None], [False, True, False])
    [True, True, False]
    """
    out = list(keep)
    for _ in range(2):  # forwards, then backwards through runs of wrapped lines
        for i in range(len(lines) - 1):
            if (
                _continues(lines[i], lines[i + 1])
                and kinds[i] is None
                and kinds[i + 1] is None
                and out[i] != out[i + 1]
            ):
                out[i] = out[i + 1] = True
    return out


def bridge_gaps(lines: Sequence[Line], kinds: Sequence[str | None], keep: Sequence[bool]) -> list[bool]:
    """Keep prose lines next to body lines, with only rule-found debris or other such prose between.

    Captions, credits and link blocks break an article into pieces; a sentence (four words or more)
    separated from a body line only by debris that the rules recognised, or by other such
    sentences, is body too. A gap that also holds a line neither prose nor rule-found debris (a
    teaser's headline, an author's name, a date) is not bridged: its sentences are teasers or
    comments between two stray body lines, not the article's.

    >>> lines = split_lines("The council met on Tuesday to vote on the ship ban.\\n(Image: Jo Bloggs)\\n"
    ...                     "Read More\\nThe ban takes effect next April for all large vessels.")
    >>> bridge_gaps(lines, ["x" if i in (1, 2) else None for i in range(4)], [True, False, False, False])
    [True, False, False, True]
    >>> lines = split_lines("The council met on Tuesday to vote on the ship ban.\\nJo Bloggs\\n"
    ...                     "Why the town bans cruise ships this year.\\nMay 2, 2024\\nThe mayor left.")
    >>> bridge_gaps(lines, [None] * 5, [True, False, False, False, True])
    [True, False, False, False, True]
    """
    out = list(keep)
    n = len(lines)

    def bridges(i: int) -> bool:
        return (kinds[i] is not None and kinds[i] != "comment") or _prose(lines[i].text)

    for start in [i for i, k in enumerate(keep) if k]:
        for step in (1, -1):  # down from each body line, then up
            i = start + step
            while 0 <= i < n and not keep[i] and bridges(i):
                if kinds[i] is None:
                    out[i] = True
                i += step
    return out


def _prose(line: str) -> bool:
    words = word_count(line)
    if words < 4 or not ends_sentence(line) or BULLET.match(line):
        return False
    return words >= 8 or (line[0].isupper() and not debris_word_count(line))


def find_headline(lines: Sequence[Line], keep: Sequence[bool]) -> int | None:
    """Index of the headline among the lines above the body, or None when none looks like one.

    Candidates are short lines without a final period, dates, bylines or debris words, at most
    15 lines above the first body line. A lone first line (blank line below it) wins; otherwise
    the score favours 5-20 words, a line the page repeats (title and page heading), and
    closeness to the body.

    >>> lines = split_lines("Home\\nNews\\nPort bans cruise ships\\nBy Ann Lee\\nThe council voted.")
    >>> find_headline(lines, [False, False, False, False, True])
    2
    """
    if True not in keep:
        return None
    first_body = list(keep).index(True)
    counts = Counter(ln.text for ln in lines[:first_body])
    best, best_score = None, 0.0
    for i in range(max(0, first_body - _HEADLINE_WINDOW), first_body):
        text = lines[i].text
        if not _headline_like(text):
            continue
        words = len(text.split())
        score = 2.0 if 5 <= words <= 20 else 0.5
        score += 1.5 if counts[text] > 1 else 0.0
        score -= 2.0 if ("@" in text or "|" in text or "/" in text or text[0].islower()) else 0.0
        score -= 1.0 if text.endswith("!") else 0.0
        score -= 0.1 * (first_body - i)
        score += 3.0 if i == 0 and lines[0].blank_after else 0.0
        if score > best_score:
            best, best_score = i, score
    return best


def pick_headline(lines: Sequence[Line], keep: Sequence[bool], scorer: HeadlineScorer) -> int | None:
    """The headline line: a pasted article's lone first line, else the learned scorer's pick, else the rule's.

    A headline-like first line with a blank line under it and the body right after it is the
    headline (an article pasted from its headline on, as the product is mostly used), unless the
    scorer finds the headline in the line under it (a section label above the headline). Otherwise
    the learned scorer decides (``bot.ingest.title``); when it finds nothing headline-like, the
    hand-written rule (``find_headline``) may still name a short line above the body. A line that
    a hard-wrapped paragraph continues, or a body line ending in a full stop, is never the headline.

    >>> from bot.ingest.title import packaged_headline_scorer
    >>> lines = split_lines("Port bans cruise ships\\n\\nThe council voted on Tuesday to ban them.")
    >>> pick_headline(lines, [False, True], packaged_headline_scorer())
    0
    """
    rule = find_headline(lines, keep)
    head = scorer.pick(lines, keep, rule)
    if rule == 0 and lines[0].blank_after and len(keep) > 1 and keep[1] and head != 1:
        return 0  # unless the line under it is the headline: "Politics | Local government" over it
    if head is not None and _wrapped_paragraph(lines, keep, head):
        head = None  # the first line of a hard-wrapped paragraph, not a headline
    if head is not None and _first_sentence(lines, keep, head):
        head = None  # the article's first sentence, not a headline
    return head if head is not None else rule


def _wrapped_paragraph(lines: Sequence[Line], keep: Sequence[bool], i: int) -> bool:
    """Whether line ``i`` starts a hard-wrapped paragraph: a body line of 6 words or more continues it.

    A byline or date under a headline ("by Julia Horowitz", "von Anna Weber", "posted ...") may
    start in lower case too; it does not make the headline a paragraph's first line.

    >>> lines = split_lines("Port bans ships\\nby Ann Lee\\nThe council voted on Tuesday to ban them.")
    >>> _wrapped_paragraph(lines, [False, True, True], 0)
    False
    >>> lines = split_lines("The council voted on Tuesday\\nto ban large cruise ships from the harbour.")
    >>> _wrapped_paragraph(lines, [True, True], 0)
    True
    """
    if i + 1 >= len(lines) or not keep[i + 1] or not _continues(lines[i], lines[i + 1]):
        return False
    below = lines[i + 1].text
    return word_count(below) >= 6 and not _BYLINE_START.match(below)


def _first_sentence(lines: Sequence[Line], keep: Sequence[bool], i: int) -> bool:
    """Whether line ``i`` is a body line that is a sentence (8 words or more ending in a full stop)
    and either the body's first line or under another body line (a paragraph of the article).

    A short line that ends in one ("Time to say goodbye.") may still be a headline.

    >>> lines = split_lines("The council met on Tuesday and voted to ban large ships.\\n\\nIt was close.\\n"
    ...                     "The motion passed by 14 votes to 5 after a long debate.")
    >>> [_first_sentence(lines, [True, True, True], i) for i in range(3)]
    [True, False, True]
    """
    if not keep[i] or (list(keep).index(True) != i and not (i > 0 and keep[i - 1])):
        return False
    text = lines[i].text
    return text.endswith("。") or (text.endswith(".") and word_count(text) >= 8)


def _headline_like(line: str) -> bool:
    words = line.split()
    if not 3 <= len(words) <= _HEADLINE_MAX_WORDS or line.endswith((".", ":", ",", ";")):
        return False
    if debris_kind(line) is not None or _DATE_OR_BYLINE.search(line) or _NOT_HEADLINE.search(line):
        return False
    if debris_word_count(line):
        return False
    letters = sum(map(str.isalpha, line))
    return letters >= 0.6 * len(line.replace(" ", ""))


def join_wrapped(lines: Sequence[Line]) -> list[str]:
    """Paragraphs from kept lines: a hard-wrapped line continues the one above it.

    A line continues the previous one when they are adjacent (no blank line between), the
    previous does not end a sentence and this one starts in lower case.

    >>> join_wrapped(split_lines("The council voted to ban\\nlarge ships on Tuesday.\\nShe left."))
    ['The council voted to ban large ships on Tuesday.', 'She left.']
    """
    out: list[str] = []
    for i, ln in enumerate(lines):
        if i and _continues(lines[i - 1], ln):
            out[-1] = f"{out[-1]} {ln.text}"
        else:
            out.append(ln.text)
    return out


def _continues(prev: Line, line: Line) -> bool:
    """Whether ``line`` continues hard-wrapped ``prev``: adjacent, no sentence end, lower-case start."""
    return line.number == prev.number + 1 and not ends_sentence(prev.text) and line.text[:1].islower()


def clean_html(html: str, *, url: str | None = None, classifier: LineClassifier | None = None) -> Cleaned:
    """Extract the article from HTML with trafilatura, then drop the debris it kept.

    >>> html = ("<html><head><title>Port bans ships</title></head><body><article><h1>Port bans ships</h1>"
    ...         "<p>Councillors in the harbour town voted on Tuesday to ban large cruise ships from "
    ...         "docking there from next April, after a crowded summer.</p><p>Read More</p>"
    ...         "<p>The motion passed by 14 votes to 5 after a debate that lasted four hours.</p>"
    ...         "</article></body></html>")
    >>> c = clean_html(html)
    >>> c.headline, len(c.paragraphs), c.removed
    ('Port bans ships', 2, ('Read More',))
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    meta = Metadata(
        title=_clean_title(getattr(doc, "title", None)),
        author=getattr(doc, "author", None) or None,
        date=getattr(doc, "date", None) or None,
        url=url or getattr(doc, "url", None) or None,
    )
    if not text.strip():
        # trafilatura found no main text: fall back to the page's visible text and the classifier.
        fallback = clean_text(html_to_text(html), classifier=classifier)
        headline = fallback.headline or html_headline(getattr(doc, "title", None), _headings(html), "")
        return Cleaned(headline, fallback.paragraphs, fallback.removed, meta)
    headline = html_headline(getattr(doc, "title", None), _headings(html), text)
    lines = split_lines(text)
    kinds = rule_debris(lines)
    kept = [ln for ln, kind in zip(lines, kinds, strict=True) if kind is None]
    removed = tuple(ln.text for ln, kind in zip(lines, kinds, strict=True) if kind is not None)
    paragraphs = [ln.text for ln in kept]
    if paragraphs and paragraphs[0] in {headline, meta.title}:
        paragraphs = paragraphs[1:]
    if not reads_like_text(paragraphs):
        return Cleaned(headline, (), tuple(ln.text for ln in lines), meta)
    return Cleaned(headline, tuple(paragraphs), removed, meta)


def _headings(html: str) -> list[str]:
    """The text of the page's <h1> headings, in order.

    >>> _headings("<body><h1>Port <b>bans</b> ships</h1><h2>x</h2></body>")
    ['Port bans ships']
    """
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except Exception:  # lxml raises several types on malformed input
        return []
    return [" ".join(h.text_content().split()) for h in root.iter("h1")][:3]


def reads_like_text(paragraphs: Sequence[str]) -> bool:
    """Whether what is left holds at least one sentence, or a run of words, rather than a label.

    >>> reads_like_text(["Home"]), reads_like_text(["The council voted."]), reads_like_text([])
    (False, True, False)
    """
    words = sum(word_count(p) for p in paragraphs)
    return words >= 8 or any(ends_sentence(p) and word_count(p) >= 2 for p in paragraphs)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block per line (scripts and styles dropped).

    >>> html_to_text("<p>One</p><script>x()</script><p>Two &amp; three</p>")
    'One\\nTwo & three'
    """
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except Exception:  # lxml raises several types on malformed input
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    blocks = {
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "br",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "blockquote",
        "figcaption",
        "ul",
        "ol",
        "table",
        "pre",
    }
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in blocks:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    text = root.text_content()
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _clean_title(title: str | None) -> str | None:
    """A page title without a trailing site name ("Story - Site", "Story | Site")."""
    if not title:
        return None
    parts = re.split(r"\s+[|–—-]\s+", title.strip())
    if len(parts) > 1 and len(parts[0].split()) >= 3:
        return parts[0]
    return title.strip()
