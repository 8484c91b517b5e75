"""What a named thing costs: "How much does a loaf of bread cost at Fairway?", "how much will a tram
ticket to the airport cost?". A sum elsewhere in the quote (a £90m investment, energy costs) is the
price of something else; the answer states a sum beside the thing priced ("A single journey costs
£2.80"). Pure functions, no models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.retrieval.index import terms

_PRICE_Q = re.compile(
    r"\bhow much (?:does|do|did|will|would|could|can|is|are|was|were) (?P<thing>[\w’'\- ]+?) "
    r"(?:cost|costs|sell for|go for|be sold for|set (?:you|buyers|people) back)\b",
    re.IGNORECASE,
)
_PRONOUNS = frozenset(
    ["it", "they", "this", "that", "these", "those", "he", "she", "we", "you", "i", "one", "each"]
)
_SUM = re.compile(
    r"[£$€¥]\s?\d|\b\d[\d,.]*\s?(?:pounds|dollars|euros|pence|cents|p)\b|\bfree\b|\bnothing\b",
    re.IGNORECASE,
)
_AFTER = re.compile(r"\s+(?:from|to|at|in|for|on|near|with|now|today|these days)\b", re.IGNORECASE)
"""Where the thing's phrase ends and what qualifies it begins ("a ticket | from the city to the
airport"): the thing priced is the phrase's last noun, and what a "packet of" holds."""
_FILLER = frozenset(["all", "going", "likely", "expected", "set", "ever", "actually", "really", "now"])
"""Words between "how much is" and "cost" that name nothing ("how much is it all going to cost?")."""
_PRICED_AS = (
    "ticket fare journey trip ride admission entry pass",
    "home house property flat apartment",
    "repair fix",
)
"""Things priced under more than one name: "a ticket" is "a single journey costs £2.80"."""
_OTHER_NAMES: dict[str, frozenset[str]] = {
    stem: frozenset(terms(group)) - {stem} for group in _PRICED_AS for stem in terms(group)
}
NEAR = 8
"""How many words from a word of the thing priced its sum may stand."""


def priced_thing(question: str) -> list[str]:
    """The stemmed content words of the thing whose price a question asks, or [] when it names none.

    >>> priced_thing("How much does a loaf of bread cost at Fairway now?")
    ['loaf', 'bread']
    >>> priced_thing("how much will a tram ticket from the city centre to the airport cost")
    ['ticket']
    >>> priced_thing("How much did it cost?"), priced_thing("How much is it all going to cost?")
    ([], [])
    >>> priced_thing("How much did the council spend?")
    []
    """
    match = _PRICE_Q.search(question)
    if not match:
        return []
    phrase = " ".join(w for w in _AFTER.split(match.group("thing"))[0].split() if w.lower() not in _FILLER)
    words = phrase.lower().split()
    if not words or all(w in _PRONOUNS for w in words):
        return []
    head, _, of = phrase.rpartition(" of ") if " of " in phrase else (phrase, "", "")
    return terms(" ".join([head.split()[-1], of]))


def prices(thing: Sequence[str], text: str) -> bool:
    """Whether ``text`` states a sum within ``NEAR`` words of a word of the thing priced.

    >>> prices(["journey"], "A single journey costs £2.80, the same as the bus.")
    True
    >>> prices(["ticket"], "A single journey costs £2.80, the same as the bus.")
    True
    >>> prices(["bread"], "The £90m investment will be paid for by cutting costs; bread is a staple.")
    False
    """
    wanted = set(thing) | {other for t in thing for other in _OTHER_NAMES.get(t, ())}
    at = [i for i, w in enumerate(text.split()) if wanted & set(terms(w))]
    sums = [len(text[: m.start()].split()) for m in _SUM.finditer(text)]
    return any(abs(i - j) <= NEAR for i in at for j in sums)


def price_missing(question: str, texts: Sequence[str]) -> bool:
    """Whether a question asks what a named thing costs and no quote states a sum beside it.

    >>> price_missing("How much does a packet of ginger snaps cost?", ["Energy costs rose by £2m."])
    True
    >>> price_missing("How much will the extension cost?", ["The extension will cost £420m."])
    False
    >>> price_missing("How much did it cost?", ["Energy costs rose."])
    False
    """
    thing = priced_thing(question)
    return bool(thing) and bool(texts) and not any(prices(thing, t) for t in texts)
