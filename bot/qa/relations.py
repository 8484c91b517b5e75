"""Who-questions about a relation: "who owns the club?", "who built the trams?", "who is the head
teacher at St Aldric's?". A quote that never speaks of that relation (ownership, building, heading a
school) does not answer them, however many people it names: "Kingsport United have signed the
striker Teo Marchetti" names a person but says nothing of who owns the club.

Each relation has a family of words an article would use for it (the verb's forms, the role's
nouns, common near-synonyms: "sold to" for ownership, "boss" for a manager); ``relation_missing``
asks that some quoted sentence holds one. Pure functions, no models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_OWN = (
    "own owns owned owning owner owners ownership co-owner co-owners proprietor proprietors bought buy "
    "buys buying purchased purchase acquired acquisition sold selling takeover belongs belonged "
    "belonging property"
)
_BUILD = (
    "built build builds building builder builders constructed construct construction contractor "
    "contractors made makes maker makers manufactured manufacturer manufacturers supplied supplier "
    "suppliers assembled erected"
)
_DESIGN = "designed design designs designer designers architect architects drew drawn planned"
_MANAGE = (
    "manager managers manages managed managing management boss bosses head heads headed coach "
    "coached runs run ran running director chief charge operator operators operated operates "
    "operating owner owners owned owns"
)
_FOUND = (
    "founded founding foundation founder founders co-founded co-founder established establish set "
    "started start formed created launched"
)
_LEAD = (
    "leads led leader leaders leading leadership head heads headed chair chairs chaired chairman "
    "chairwoman captain captained commanded commander command charge"
)
_COACH = "coach coaches coached coaching trainer trains trained training manager manages managed boss"
_HEAD_TEACHER = "head headteacher headmaster headmistress principal"

_FAMILIES: dict[str, str] = {
    "own": _OWN,
    "owner": _OWN,
    "build": _BUILD,
    "builder": _BUILD,
    "maker": _BUILD,
    "design": _DESIGN,
    "designer": _DESIGN,
    "architect": _DESIGN,
    "run": _MANAGE,
    "manage": _MANAGE,
    "manager": _MANAGE,
    "found": _FOUND,
    "founder": _FOUND,
    "leader": _LEAD,
    "head": _LEAD,
    "chair": _LEAD,
    "chairman": _LEAD,
    "chairwoman": _LEAD,
    "captain": _LEAD + " skipper",
    "coach": _COACH,
    "head teacher": _HEAD_TEACHER,
    "headteacher": _HEAD_TEACHER,
    "headmaster": _HEAD_TEACHER,
    "headmistress": _HEAD_TEACHER,
    "principal": _HEAD_TEACHER,
}
"""Each relation a question may ask about, with the words that speak of it."""

_VERBS: dict[str, str] = {
    # Not "made" ("who made the discovery / the decision?") nor "led" (an attack or an expansion is
    # led by whoever "ordered" or "commanded" it, or under whom it happened).
    "owns": "own",
    "owned": "own",
    "built": "build",
    "builds": "build",
    "designed": "design",
    "designs": "design",
    "runs": "run",
    "ran": "run",
    "manages": "manage",
    "managed": "manage",
    "founded": "found",
    "heads": "head",
    "headed": "head",
    "chairs": "chair",
    "chaired": "chair",
    "captains": "captain",
    "captained": "captain",
    "coaches": "coach",
    "coached": "coach",
}
_ALSO_ROLES = ("head", "chair", "captain", "coach")
"""Verbs that are also role nouns ("who is the captain?"). Not "principal": "the principal suspect"."""
_ASKED_VERB = re.compile(
    r"^\s*(?:(?:and|so|but)\s+)?who\s+(?:now\s+|currently\s+|actually\s+)?(" + "|".join(_VERBS) + r")\b",
    re.IGNORECASE,
)
_ROLES = sorted(
    (k for k in _FAMILIES if k != "principal" and (k not in _VERBS.values() or k in _ALSO_ROLES)), key=len
)
_ASKED_ROLE = re.compile(
    r"^\s*(?:(?:and|so|but)\s+)?who(?:['’]s|\s+is|\s+was|\s+are|\s+were|\s+will\s+be)\s+"
    r"(?:the\s+|[\w’'-]+['’]s?\s+)?(?:(?:current|new|former|club|school|company|firm)['’]?s?\s+)?("
    + "|".join(re.escape(r) for r in reversed(_ROLES))
    + r")\b",
    re.IGNORECASE,
)


def asked_relation(question: str) -> str | None:
    """The relation a who-question asks about, if it asks about one of ``_FAMILIES``.

    >>> asked_relation("Who owns Kingsport United?"), asked_relation("who built the trams")
    ('own', 'build')
    >>> asked_relation("Who is the head teacher at St Aldric's?"), asked_relation("Who's the club's manager?")
    ('head teacher', 'manager')
    >>> asked_relation("Who won the race?"), asked_relation("Who is the story about?")
    (None, None)
    """
    verb = _ASKED_VERB.search(question)
    if verb:
        return _VERBS[verb.group(1).lower()]
    role = _ASKED_ROLE.search(question)
    return role.group(1).lower() if role else None


def speaks_of(relation: str, text: str) -> bool:
    """Whether ``text`` uses a word of the relation's family.

    >>> speaks_of("own", "The club was sold to Bluewater Sports."), speaks_of("own", "He signed on Monday.")
    (True, False)
    >>> speaks_of("head teacher", "Its headteacher, Jo Lamb, said the school would close.")
    True
    """
    words = set(re.findall(r"[\w-]+", text.lower()))
    return any(w in words for w in _FAMILIES[relation].split())


def relation_missing(question: str, texts: Sequence[str]) -> bool:
    """Whether a who-question asks about a relation that none of ``texts`` speaks of.

    >>> relation_missing("Who owns Kingsport United?", ["Kingsport United have signed Teo Marchetti."])
    True
    >>> relation_missing("Who owns the club?", ["The club is owned by the Lane family."])
    False
    >>> relation_missing("Who won?", ["Lane won."]), relation_missing("Who owns it?", [])
    (False, False)
    """
    relation = asked_relation(question)
    return bool(texts) and relation is not None and not any(speaks_of(relation, t) for t in texts)
