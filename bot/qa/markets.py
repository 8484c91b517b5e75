"""Questions about how a market moved ("how did the shares react?", "what happened to the pound?"):
the sentence that says it rose or fell.

A quote question's wording ("how did X react?") asks for someone's words; shares, a currency or an
index do not speak, they move. ``market_asked`` recognises the question and what it asks about;
``market_moves`` finds the sentences where that thing rises or falls: the noun (or, for a currency,
one moving "against the euro") a few words before a verb of movement. Pure functions; no models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.article import Sentence

_ASK = re.compile(
    r"\b(?:how\s+(?:did|have|has|do|does|are|were|is|was)|what\s+happened\s+to|what\s+did)\s+"
    r"(?:the\s+)?(?P<what>(?:[\w'’-]+\s+){0,2}?"
    r"(?:shares?|stocks?|markets?|currency|currencies|bonds?|pound|dollar|euro|yen|sterling|index|"
    r"ftse|dow|nasdaq|share\s+price|stock\s+price|oil\s+price))"
    r"(?:\s+(?:react|reacted|respond|responded|do|done|move|moved|doing|fare|fared|close|closed))?"
    r"\s*(?:[?.!]|$|\s(?:to|after|on|when|following|since|today|yesterday)\b)",
    re.I,
)
_CURRENCY = frozenset({"currency", "currencies", "pound", "dollar", "euro", "yen", "sterling"})
_MOVE = (
    r"(?:rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|jump(?:ed|s)?|climb(?:ed|s)?|gain(?:ed|s)?|"
    r"slump(?:ed|s)?|drop(?:ped|s)?|dipped|tumbled|plunged|surged|soared|slid|edged|rallied|"
    r"lost|added|closed\s+(?:up|down))\b"
)
_AGAINST = r"\bagainst\s+the\s+(?:dollar|euro|pound|yen|franc|yuan)\b"


def market_asked(question: str) -> str | None:
    """What a question about a market's move asks about (its last word, lower-cased), or None.

    >>> market_asked("How did the shares react?"), market_asked("what happened to the pound")
    ('shares', 'pound')
    >>> market_asked("How did Penrose shares do?"), market_asked("How did the union react?")
    ('shares', None)
    >>> market_asked("How did the pound react to the vote?"), market_asked("What did the markets body say?")
    ('pound', None)
    """
    match = _ASK.search(" ".join(question.split()))
    if match is None:
        return None
    return match.group("what").split()[-1].lower()


def market_moves(what: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences where ``what`` moves: its noun a few words before a verb of movement (a
    currency also when it moves "against the euro"), in article order.

    >>> from bot.article import Sentence
    >>> body = [Sentence("Penrose shareholders get 0.62 new shares each.", 1, 0),
    ...         Sentence("Penrose shares jumped 22% in morning trading.", 2, 1),
    ...         Sentence("That is 214p a share, a premium of 27%.", 2, 2),
    ...         Sentence("The Veldoran mark rose 0.9% against the euro.", 3, 3)]
    >>> [s.index for s in market_moves("shares", body)], [s.index for s in market_moves("currency", body)]
    ([1], [3])
    """
    noun = rf"\b{re.escape(what.rstrip('s'))}s?\b"
    if what in _CURRENCY:  # "The Veldoran mark rose 0.9% against the euro": named by its rate
        noun = rf"(?:{noun}|\b[A-Z][\w'’-]*\s+[a-z]+(?=\s+{_MOVE}.{{0,40}}?{_AGAINST}))"
    moves = re.compile(rf"{noun}(?:\s+[\w'’-]+){{0,3}}?\s+{_MOVE}", re.I)
    return [s for s in sentences if moves.search(s.text)]
