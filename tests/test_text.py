"""``bot.text.word_count`` against its definition, on the spellings that trip word counters."""

from __future__ import annotations

import re

import pytest

from bot.text import word_count

WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def by_definition(text: str) -> int:
    """Space-separated tokens holding a letter or digit; CJK counts one word per two characters."""
    wide = len(WIDE.findall(text))
    tokens = WIDE.sub(" ", text).split()
    return sum(any(ch.isalnum() for ch in token) for token in tokens) + (wide + 1) // 2


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("The mayor, 54, said: 'No.' -- 14-5", 6),
        ("a -- b | c ___ d", 4),
        ("snake_case and _x_ and ___", 4),
        ("no\u00a0break\u2003em space", 4),
        ("unit\x1cseparator\x1fsplit", 3),
        ("«¿Qué?» —dijo— él", 3),
        ("商標法違反の疑いで男性が逮捕された", 9),
        ("Tokyo東京2020年 won", 5),
        ("١٢٣ ٤٥ arabic digits", 4),
        ("— • … ·", 0),
    ],
)
def test_word_count(text, words):
    assert word_count(text) == words == by_definition(text)
