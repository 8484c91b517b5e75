"""A light answer-type heuristic: who / when / where / how many questions want a name, a date, a
place or a number, and whether a sentence holds one. Pure functions, no models.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.text import NAME_WORD

AnswerType = Literal["number", "date", "person", "place"]

_NUMBER_Q = re.compile(
    r"\bhow (many|much|long|old|far|large|big|tall|high|often|fast|heavy|wide|deep)\b"
    r"|\bwhat (percentage|percent|proportion|number|amount|share|score|size|age|price|cost)\b"
    r"|\b(population|death toll|how much)\b"
)
_DATE_Q = re.compile(
    r"\bwhen\b|\bwhat (year|date|day|month|time|century|decade|season)\b"
    r"|\b(which|in what) (year|century|decade|month|day|season)\b"
)
_PERSON_Q = re.compile(r"\bwho\b|\bwhom\b|\bwhose\b")
_PLACE_Q = re.compile(
    r"\bwhere\b|\b(what|which|in what) (city|country|town|state|region|place|village|county)\b"
)

_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|hundred|thousand|million|billion|dozen|half|dozens|hundreds|thousands|millions)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow|tonight"
    r"|spring|summer|autumn|winter|century|centuries|decade|week|month|year|morning|evening|night"
    r"|\d{4}s?|\d{1,2}(st|nd|rd|th))\b",
)
_NAME = re.compile(rf"(?<=[\s(\"“'‘]){NAME_WORD}")
_PLACE = re.compile(
    r"\b(in|at|from|near|to|into|across|outside|inside)\s+(the\s+)?[A-Z][\w’'-]+"
    r"|\b(city|town|village|country|region|province|district|street|road|harbour|port|county)\b"
)


def expected_type(question: str) -> AnswerType | None:
    """What kind of answer a question wants, when its wording says so.

    >>> [expected_type(q) for q in ("How many ships came?", "When was the vote?", "Who spoke?", "Why?")]
    ['number', 'date', 'person', None]
    >>> expected_type("Where did the ferry sink?"), expected_type("What is the population of Leeds?")
    ('place', 'number')
    """
    lowered = question.lower()
    if _NUMBER_Q.search(lowered):
        return "number"
    if _DATE_Q.search(lowered):
        return "date"
    if _PERSON_Q.search(lowered):
        return "person"
    if _PLACE_Q.search(lowered):
        return "place"
    return None


def has_type(kind: AnswerType, sentence: str) -> bool:
    """Whether a sentence holds something of that kind (a number, a date, a name, a place).

    >>> has_type("number", "It passed by 14 votes to 5."), has_type("date", "It passed on Tuesday.")
    (True, True)
    >>> has_type("person", "the vote passed."), has_type("person", "The motion of Maria Okafor passed.")
    (False, True)
    >>> has_type("place", "The ferry sank off Port Elwyn."), has_type("place", "it sank.")
    (False, False)
    >>> has_type("place", "The ferry sank near Port Elwyn.")
    True
    """
    if kind == "number":
        return bool(_NUMBER.search(sentence))
    if kind == "date":
        return bool(_DATE.search(sentence))
    if kind == "place":
        return bool(_PLACE.search(sentence))
    return bool(_NAME.search(sentence))
