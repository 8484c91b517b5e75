"""Strip what must never reach a terminal, a model or the page: control codes and invisible marks."""

from __future__ import annotations

import re

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
