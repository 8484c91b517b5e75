"""What a question asks about that the article never mentions: the thing "how many" counts ("how
many children does she have?" in a story without children), the thing a name's possessive asks
for ("what is Daniel Osei's salary?"), a name ("how did students in Scotland do?" in a story
that never names Scotland), the weather in a story that never mentions it. Any of these refuses
a retrieved answer, however close it reads: the article cannot hold what it never mentions. Pure
functions on the question and the article's words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache
from itertools import pairwise

from bot.qa.answerability import SOFT_MATCH, counted_term, soft_alignment
from bot.qa.entities import spells_out
from bot.retrieval.index import terms, words
from bot.retrieval.synonyms import named_otherwise

_COUNTED_PHRASE = re.compile(r"\bhow (many|much) ([\w’'-]+)(?:\s+([\w’'-]+))?", re.IGNORECASE)
_BY_HOW_MUCH = re.compile(r"^(?:extra|[a-z]+er)$", re.IGNORECASE)
"""After "how much", a comparison ("how much extra / longer / higher"), not a thing counted."""
_GENERIC_COUNTED = frozenset(
    terms("people persons time times year years day days month months week weeks hours minutes money cash")
)
"""Units an article may count in other words ("4,200 residents" for "how many people")."""


def counted_absent(question: str, vocabulary: Collection[str]) -> bool:
    """Whether "how many / how much" counts a thing the article never mentions: none of the words
    that name it (the counted word and the one after it) is in the article's ``vocabulary`` (stems),
    even as a word sharing a long prefix. Generic units (people, times, years, money) are passed
    over.

    >>> vocabulary = {"nurs", "mortgag", "card", "resid"}
    >>> counted_absent("How many children does she have?", vocabulary)
    True
    >>> counted_absent("How many yellow cards were shown?", vocabulary)
    False
    >>> counted_absent("How many people were evacuated?", vocabulary), counted_absent("Who won?", vocabulary)
    (False, False)
    >>> counted_absent("How much extra will they pay?", vocabulary)
    False
    >>> counted_absent("How many Brits are stuck?", {"british"})
    False
    """
    match = _COUNTED_PHRASE.search(question)
    if not match or counted_term(question) is None:
        return False
    if match.group(1).lower() == "much" and _BY_HOW_MUCH.match(match.group(2)):
        return False
    stems = [t for word in match.groups()[1:] if word for t in terms(word)]
    if not stems or stems[0] in _GENERIC_COUNTED:
        return False
    return not any(_mentioned(t, vocabulary) for t in stems)


def _mentioned(stem: str, vocabulary: Collection[str]) -> bool:
    """Whether a stem is in the vocabulary, or a word sharing a long prefix with it, or its people's
    name ("brit" for "british": ``near``)."""
    present = set(vocabulary)
    return (
        soft_alignment(stem, present) >= SOFT_MATCH
        or any(near(stem, word) for word in present)
        or named_otherwise(stem, present)  # "branches" of an article that counts "stores"
    )


_POSSESSED = re.compile(r"\b(?-i:[A-Z])[\w’'-]*['’]s\s+([a-z][\w-]+)")
_CONTRACTED = re.compile(r"(?:who|what|where|when|why|how|that|it|there|here|he|she|let)['’]s\b", re.I)
""""Who's footing the bill?": "who is", not a possessive."""
_SAID = frozenset(
    terms(
        "view views opinion reaction response take position thoughts stance verdict comment words reply "
        "argument point criticism objection concern complaint explanation message answer defence defense "
        "justification warning plea"
    )
)
"""What someone's words are called ("the MP's view"): the quotes answer it, not a word of the article."""


def possessed_absent(question: str, vocabulary: Collection[str]) -> bool:
    """Whether the question asks for something of a named one's that the article never mentions:
    the word after "<Name>'s" ("What is Daniel Osei's salary?", "How old is Katarina Holm's
    daughter?") is nowhere in the article's ``vocabulary`` (stems), not even sharing a long prefix.

    >>> possessed_absent("How old is Katarina Holm's daughter?", {"nurs", "mortgag"})
    True
    >>> possessed_absent("What is Malcolm Dewhurst's wife's name?", {"wife"})
    False
    >>> possessed_absent("Who's footing the bill?", {"cost"})
    False
    >>> possessed_absent("What's the MP's view?", {"mp"}), possessed_absent("Reyes's argument?", {"ban"})
    (False, False)
    """
    match = next((m for m in _POSSESSED.finditer(question) if not _CONTRACTED.match(m.group(0))), None)
    stems = terms(match.group(1)) if match else []
    return bool(stems) and stems[0] not in _SAID and not _mentioned(stems[0], vocabulary)


_NAME = re.compile(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w’'.-]*[\w’']")
_NOT_NAMES = frozenset(["I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d"])
NAME_PREFIX = 0.75
"""A name shares this much of the longer word's letters as a prefix with an article word ("India"
and "Indian", "Maastrich" and "Maastricht") to count as used."""


def fold_name(word: str) -> str:
    """A word lower-cased, without accents, possessive or plural "s" ("Marić's" -> "maric").

    >>> fold_name("Marić's"), fold_name("Broncos"), fold_name("Boss")
    ('maric', 'bronco', 'boss')
    """
    plain = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = re.sub(r"'s?$", "", plain)
    return plain[:-1] if len(plain) > 3 and plain.endswith("s") and not plain.endswith("ss") else plain


_DEMONYM = ("ish", "ian", "an", "ese", "ic", "i")
"""Endings of a people's or a faith's name made from a place's ("British", "Catholic")."""


def near(a: str, b: str) -> bool:
    """Whether two folded words are the same name, give or take a shared-prefix ending or one
    slip of the keyboard (a letter added, dropped, changed or two swapped) in a word of five or more.

    >>> near("india", "indian"), near("bedigo", "bendigo"), near("maric", "mairc"), near("scotland", "scott")
    (True, True, True, False)
    >>> near("british", "britain"), near("catholic", "catholicism"), near("wales", "welsh")
    (True, True, False)
    """
    if a == b:
        return True
    n = min(len(a), len(b)) if a.startswith(b) or b.startswith(a) else 0
    if n >= 4 and n / max(len(a), len(b)) >= NAME_PREFIX:
        return True
    shared = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if shared >= 4 and (a.endswith(_DEMONYM) or b.endswith(_DEMONYM)):  # "British" for "Britain"
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return (
        a[i + 1 :] == b[i + 1 :]  # changed
        or a[i + 1 :] == b[i:]  # added in a
        or a[i:] == b[i + 1 :]  # added in b
        or (a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1])  # swapped
    )


@lru_cache(maxsize=32)
def _used_names(article: str) -> frozenset[str]:
    """The article's words folded (``fold_name``), and each two neighbours written as one."""
    tokens = [fold_name(w) for w in words(article)]
    return frozenset(tokens) | {a + b for a, b in pairwise(tokens)}


_WHOLE = {
    fold_name(part): whole
    for part, whole in {
        "England": ("britain", "british", "uk"),
        "Scotland": ("britain", "british", "uk"),
        "Wales": ("britain", "british", "uk"),
        "US": ("america", "american", "usa"),
        "USA": ("america", "american"),
        # roles and places named by their initials, and the words an article writes instead
        "ER": ("emergency",),
        "ICU": ("intensive",),
        "CEO": ("chief", "executive"),
        "GP": ("doctor", "physician"),
        "PM": ("premier", "prime"),
        "DA": ("prosecutor", "district"),
        "EMT": ("paramedic", "medic"),
    }.items()
}
"""A country's part or short name, and what an article may call the whole ("back to England" in
a story of "British soldiers"); a role's or a place's initials and the words it is written with
("the ER doctor" of "director of emergency medicine")."""


def unknown_names(question: str, article: str) -> list[str]:
    """Capitalised words of the question (not its first) that the article never uses in any form:
    accents, a possessive or plural "s" and a typing slip aside (``near``), two words written as one
    ("Superbowl"), an acronym the article spells out ("ICO" for the Information Commissioner's
    Office).

    >>> article = "The Information Commissioner's Office fined Brightpower. A-level results rose in Wales."
    >>> unknown_names("How much can the ICO fine Brightpower's rivals?", article)
    []
    >>> unknown_names("How did students in Scotland do?", article)
    ['Scotland']
    >>> unknown_names("How many took A-levels?", article), unknown_names("Did Brightpowr fine them?", article)
    ([], [])
    >>> unknown_names("Who brought them back to England?", "British troops took them.")
    []
    >>> unknown_names("What did the ER doctor say?", "Dr. Amari, director of emergency medicine, said so.")
    []
    """
    used = _used_names(article)
    missing = []
    for name in _NAME.findall(question.strip()):
        if name in _NOT_NAMES:
            continue
        parts = [fold_name(w) for w in words(name)]
        if all(p in used or any(near(p, u) for u in used) for p in parts if p):
            continue
        if len(parts) == 1 and any(w in used for w in _WHOLE.get(parts[0], ())):
            continue
        if re.fullmatch(r"[A-Z]{2,6}", name) and spells_out(name, article):
            continue
        missing.append(name)
    return missing


_WEATHER_Q = re.compile(
    r"\b(?:weather|forecast)\b"
    r"|\b(?:will|is|does|did|was) it (?:going to )?(?:be )?"
    r"(?:rain|snow|sunny|windy|freezing|stormy|hot|cold|warm|wet|dry|raining|snowing)\b",
    re.IGNORECASE,
)
_WEATHER = re.compile(
    r"\b(?:weather|forecast\w*|rain\w*|snow\w*|temperatures?|storms?|winds?|sunny|sunshine|cloud\w*|"
    r"showers|heatwave|frost|fog|hail|drought)\b",
    re.IGNORECASE,
)


def weather_absent(question: str, article: str) -> bool:
    """Whether the question asks about the weather (the commonest question off any news story's
    subject) and the article says nothing of the weather.

    >>> weather_absent("What's the weather like in Redmere?", "The council voted to close libraries.")
    True
    >>> weather_absent("What is the forecast?", "Heavy rain is expected on Monday.")
    False
    >>> weather_absent("will it snow in calder bay this weekend", "Calder Bay council capped rents.")
    True
    """
    return bool(_WEATHER_Q.search(question)) and not _WEATHER.search(article)


def wording_refusal(question: str, article: str, vocabulary: Collection[str]) -> bool:
    """Whether the question asks about something the article never mentions (``counted_absent``,
    ``possessed_absent``, ``unknown_names``, ``weather_absent``), given the article's text and its
    stems."""
    return (
        counted_absent(question, vocabulary)
        or possessed_absent(question, vocabulary)
        or bool(unknown_names(question, article))
        or weather_absent(question, article)
    )
