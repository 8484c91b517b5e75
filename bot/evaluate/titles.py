"""Does a found headline match the page's own title? The rule of ``headline_accuracy``.

A found headline counts when its lower-cased word tokens have F1 >= 0.7 with the title's, or
when one token sequence contains the other and both have at least 3 tokens (a title with a
site suffix, "Story | Site", still matches the headline "Story" when the story has 3+ words).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

_TOKEN = re.compile(r"\w+")


def title_tokens(text: str | None) -> list[str]:
    """Lower-cased word tokens.

    >>> title_tokens("Port Bans Cruise-Ships!")
    ['port', 'bans', 'cruise', 'ships']
    """
    return _TOKEN.findall((text or "").lower())


def _contains(longer: list[str], shorter: list[str]) -> bool:
    k = len(shorter)
    return any(longer[i : i + k] == shorter for i in range(len(longer) - k + 1))


def headline_matches(found: str | None, title: str | None) -> bool:
    """Whether ``found`` matches ``title`` by token F1 >= 0.7 or containment (both >= 3 tokens).

    >>> headline_matches("Port bans cruise ships", "Port bans cruise ships | The Harbour Times")
    True
    >>> headline_matches("Share this article", "Port bans cruise ships"), headline_matches(None, "X")
    (False, False)
    """
    a, b = title_tokens(found), title_tokens(title)
    if not a or not b:
        return False
    common = sum((Counter(a) & Counter(b)).values())
    if common:
        precision, recall = common / len(a), common / len(b)
        if 2 * precision * recall / (precision + recall) >= 0.7:
            return True
    if len(a) >= 3 and len(b) >= 3:
        return _contains(a, b) if len(a) >= len(b) else _contains(b, a)
    return False


def record_title(record: dict[str, Any]) -> str | None:
    """The page's own title in an evaluation record: ``title``, else ``page_title``, or None.

    >>> record_title({"page_title": "Port bans ships"}), record_title({"title": None, "text": "x"})
    ('Port bans ships', None)
    """
    for name in ("title", "page_title"):
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
