"""Things news stories count under more than one name: a question's "branches" are the article's
"stores", its "children" the "pupils", its "places" the "villages". Used where a question is
refused for counting something the article never mentions, so that a count under another name is
not taken for silence, and by BM25 retrieval, which looks for the other names beside the question's
own. Pure data and two lookups.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.retrieval.index import terms

_GROUPS = (
    "branches stores shops outlets",
    "children pupils kids students",
    "homes houses properties dwellings",
    "passengers travellers",
    "firms companies businesses",
    "cars vehicles",
    "workers staff employees",
    "products items goods",
)
"""Each line: words for one counted thing, any of them for any other."""
_NARROWER = {"places": "villages towns communities"}
"""A general word, and the particular ones it may be counted as (but not the other way: a question
about a town is not one about every place)."""


def _table() -> dict[str, frozenset[str]]:
    """Each stem of ``_GROUPS`` and ``_NARROWER`` with the stems it may be counted under.

    >>> sorted(_table()["place"]), "villag" in _table(), sorted(_table()["pupil"])
    (['communiti', 'town', 'villag'], False, ['children', 'kid', 'student'])
    """
    table: dict[str, frozenset[str]] = {}
    for group in _GROUPS:
        stems = frozenset(t for word in group.split() for t in terms(word))
        for stem in stems:
            table[stem] = table.get(stem, frozenset()) | (stems - {stem})
    for general, particular in _NARROWER.items():
        for stem in terms(general):
            table[stem] = frozenset(t for word in particular.split() for t in terms(word))
    return table


_OTHER_NAMES = _table()


def named_otherwise(stem: str, present: Collection[str]) -> bool:
    """Whether a counted thing's stem is in ``present`` (stems) under another of its names.

    >>> named_otherwise("branch", {"brickhous", "store"}), named_otherwise("children", {"pupil"})
    (True, True)
    >>> named_otherwise("branch", {"tree"}), named_otherwise("nurs", {"patient"})
    (False, False)
    """
    return bool(_OTHER_NAMES.get(stem, frozenset()) & set(present))


def other_names(stems: Collection[str]) -> list[str]:
    """The other names of the counted things among ``stems``, to look for beside them.

    >>> other_names(["children", "go"])
    ['kid', 'pupil', 'student']
    """
    return sorted({other for stem in stems for other in _OTHER_NAMES.get(stem, ())} - set(stems))
