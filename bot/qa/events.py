"""Questions about what happened at a time the article names ("what happened last summer?", "what
happened on December 27?"): the sentence that says so.

Retrieval weighs such a question's few words against the whole article and the answerability
check then finds no answer term in it, so the sentence that opens "Last summer a drone video ..."
was refused. ``event_time`` recognises the question when its time is a date or time phrase;
``told_at`` finds the sentences that use the same words in a row. Pure functions; no models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.article import Sentence
from bot.retrieval.answer_type import has_type

_ASK = re.compile(
    r"^(?:and\s+|so\s+)?what (?:happened|has happened|went on|took place|was announced|was decided|changed)"
    r"\s+(?P<when>.+?)[\s?.!]*$",
    re.I,
)
_LEAD_PREPOSITION = re.compile(r"^(?:on|in|at|during|by|over)\s+(?:the\s+)?", re.I)
_WORD = re.compile(r"[\w’'-]+")


def event_time(question: str) -> str | None:
    """The time a "what happened <when>" question names, or None (also when what follows
    "happened" is not a time: "what happened to the ferry?").

    >>> event_time("What happened last summer?"), event_time("what happened on December 27")
    ('last summer', 'on December 27')
    >>> event_time("What happened to the ferry?"), event_time("What happened?")
    (None, None)
    """
    match = _ASK.match(" ".join(question.split()))
    if not match:
        return None
    when = match.group("when")
    return when if has_type("date", when) and len(when.split()) <= 5 else None


def told_at(when: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences that use the time's words in a row, in any order (its leading preposition may
    differ: "on 27 December" finds "on December 27").

    >>> from bot.article import Sentence
    >>> body = [Sentence("The bridge opened in 2019.", 1, 0),
    ...         Sentence("Last summer it shut for repairs.", 2, 1),
    ...         Sentence("In October 2023 the council met.", 3, 2)]
    >>> [s.index for s in told_at("last summer", body)], [s.index for s in told_at("in October", body)]
    ([1], [2])
    >>> told_at("last winter", body), [s.index for s in told_at("on 2023 October", body)]
    ([], [2])
    """
    wanted = [w.lower() for w in _WORD.findall(_LEAD_PREPOSITION.sub("", when))]
    if not wanted:
        return []
    found = []
    n = len(wanted)
    for s in sentences:
        words = [w.lower() for w in _WORD.findall(s.text)]
        # in a row, in any order: "27 December" is "December 27"
        if any(sorted(words[i : i + n]) == sorted(wanted) for i in range(len(words) - n + 1)):
            found.append(s)
    return found
