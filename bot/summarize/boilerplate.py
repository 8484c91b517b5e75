"""Publishing boilerplate that reads like a sentence once split: bylines and time stamps of news sites.

Daily Mail pages, as kept in CNN/DailyMail, open with ``By . Jane Roe . PUBLISHED: . 05:50 EST, 4
October 2013 . | . UPDATED: . 06:07 EST, 4 October 2013 .``; the sentence splitter turns that into
short "sentences" that must never be chosen for a summary. Case-insensitive, so lower-cased training
text is caught as well.
"""

from __future__ import annotations

import re

_STAMP = re.compile(
    r"(?:^\W*|\.\s+)(?:published|updated|last updated|last modified)\s*:|"
    r"\b(?:published|updated)\s*:\s*\.?\s*\d|"
    r"\blast updated (?:at|on)\s+\d|"
    r"^\W*(?:by\s*\.|by\s+[\w .'’-]{1,60}\s\.\s)|"
    r"^\W*\d{1,2}:\d{2}\s*(?:est|edt|gmt|bst|utc|am|pm)\b|"
    r"^\W*(?:\|\W*)+$|"
    r"^\W*(?:scroll down for (?:video|more)|click here\b)",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]{2,}")

MIN_WORDS = 3
"""A sentence with fewer words (of two or more letters) is not summary material."""


def is_boilerplate(sentence: str) -> bool:
    """True for bylines, time stamps, lone separators and fragments of under ``MIN_WORDS`` words.

    >>> [is_boilerplate(s) for s in ("By .", "PUBLISHED: .", "06:07 EST, 4 October 2013 .", "| .")]
    [True, True, True, True]
    >>> is_boilerplate("By . Daily Mail Reporter . PUBLISHED: . 05:50 EST, 4 October 2013 .")
    True
    >>> is_boilerplate("by . jane roe . last updated at 5:12 pm on 12th march 2011 .")
    True
    >>> is_boilerplate("By the end of the day, the road had reopened.")
    False
    >>> is_boilerplate("The report was published: officials said it was accurate.")
    False
    """
    return bool(_STAMP.search(sentence)) or len(_WORD.findall(sentence)) < MIN_WORDS
