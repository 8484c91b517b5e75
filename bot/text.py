"""Small pure text helpers shared by every stage: word counts, control-character stripping and the
person-name pattern. Each exists here once."""

from __future__ import annotations

import re

_ALNUM = re.compile(r"[^\W_]")
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words: space-separated tokens with a letter or digit; Chinese, Japanese and Korean count one
    word per two characters.

    >>> word_count("The mayor, 54, said: 'No.' -- 14-5"), word_count("商標法違反の疑いで男性が逮捕された")
    (6, 9)
    """
    wide = len(_WIDE.findall(text))
    return sum(1 for token in _WIDE.sub(" ", text).split() if _ALNUM.search(token)) + (wide + 1) // 2


_CONTROLS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    r"\u200b\u202a-\u202e\u2066-\u2069\ufeff]"
)
"""Terminal escape sequences, control characters (not tab or newline), zero-width space, bidi overrides."""


def strip_controls(text: str) -> str:
    """Remove escape sequences, control characters, zero-width spaces and bidi overrides.

    >>> strip_controls("How many votes \\x00\\x1b[2Jdid it get?\\u202e")
    'How many votes did it get?'
    """
    return _CONTROLS.sub("", text)


TITLES = r"(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Lord|Lady)"
"""Honorifics that may stand before a name."""

CAPITALISED = r"[A-Z][a-z]+"
"""A capital letter and lower-case letters ("Cardiff"): the core of a name word."""

NAME_WORD = rf"{CAPITALISED}(?:[-’'][A-Za-z]+)?"
"""One capitalised word of a name ("Okafor", "O'Neill", "Smith-Jones")."""

PERSON_NAME = re.compile(rf"\b(?:{TITLES}\.?\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+|de\s+|van\s+)?[A-Z][\w'’-]*)*")
"""A run of capitalised words, with an optional title: the person-name pattern.

>>> PERSON_NAME.findall("Mayor Lin met Dr. Ada Okafor.")
['Mayor Lin', 'Dr. Ada Okafor']
"""
