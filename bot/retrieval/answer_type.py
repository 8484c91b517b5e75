"""A light answer-type heuristic: who / when / where / how many questions want a name, a date, a
place or a number, and whether a sentence holds one. Pure functions, no models.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.text import NAME_WORD

AnswerType = Literal["number", "date", "time", "person", "place"]

_NUMBER_Q = re.compile(
    r"\bhow (many|much|long|old|far|close|near|large|big|tall|high|often|fast|heavy|wide|deep)\b"
    r"|\bwhat (percentage|percent|proportion|number|amount|share|score|size|age|price|cost)\b"
    r"|\b(population|death toll|how much)\b"
)
_DATE_Q = re.compile(
    r"\bwhen\b|\bwhat (year|date|day|month|time|century|decade|season)\b"
    r"|\b(which|in what) (year|century|decade|month|day|season)\b"
)
_TIME_Q = re.compile(
    r"\b(?:what|which|at what) time\b(?!\s+(?:period|frame|span|scale|zone|of (?:the )?year))|\bwhat hour\b"
)
_PERSON_Q = re.compile(r"\bwho\b|\bwhom\b|\bwhose\b")
_MONEY_SOURCE_Q = re.compile(
    r"\bwhere (?:is|are|was|were|does|do|did|will|has|have) (?:the |all the |this |that |its |their )?"
    r"(?:money|cash|funding|funds|finance|financing|investment|budget|payments?|grants?|savings)"
    r" (?:(?:is|are|was|were|will be) )?(?:com(?:e|es|ing)|go(?:es|ing)?|went|gone)\b"
)
""""Where's the money coming from?" asks who pays or how, not for a place."""
_PLACE_Q = re.compile(
    r"\bwhere\b|\b(what|which|in what) (city|country|town|state|region|place|village|county)\b"
)

_TWELVE = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_NUMBER = re.compile(
    rf"\d|\b({_TWELVE}|twenty|thirty|forty|fifty"
    r"|hundred|thousand|million|billion|dozen|half|dozens|hundreds|thousands|millions)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow|tonight"
    r"|spring|summer|autumn|winter|century|centuries|decade|week|month|year"
    r"|\d{4}s?|\d{1,2}(st|nd|rd|th))\b"
    r"|\b\d{1,2}:\d{2}\b|\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?![a-z])"
    r"|\b(?:last|this|that|next|every|each|one|on|[A-Z][a-z]+day|in the|at|by)\s+"
    r"(?:morning|afternoon|evening|night)\b"
    r"|\b(?:noon|midday|midnight|o'clock)\b"
    # a time from now: "within two to three weeks", "in a few days", "over the next six months"
    r"|\b(?:within|in|over the next|in the next)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|a few|a couple of|several|\d{1,3})(?:\s+(?:to|or)\s+(?:two|three|four|five|six|seven|eight|nine|ten"
    r"|\d{1,3}))?\s+(?:days|weeks|months|years)\b",
)
"""Dates, days, seasons, and clock times ("7.30pm", "22:10", "noon", "on Tuesday night"; not the
"night" of "a night train")."""
_TIME_OF_DAY = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?![a-z])"
    r"|\b(?:morning|afternoon|evening|night|overnight|noon|midday|midnight|o'clock)\b",
    re.IGNORECASE,
)
"""What answers "what time": a clock time or a part of the day."""
_CLOCK = re.compile(
    rf"\bat (?:{_TWELVE}|\d{{1,2}})\b"
    r"(?!\s*(?:%|per|years?))"
    r"|\b(?:dawn|dusk|sunrise|sunset|lunchtime|daybreak)\b"
)
"""Times of day in words, an answer only to "what time" ("opened at nine", "at dawn"); "when" wants
more than that."""
_NAME = re.compile(rf"(?<=[\s(\"“'‘]){NAME_WORD}")
_AGENT = re.compile(
    r"\b(?:by|from)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|local\s+)?(?:[a-z]+\s+){0,2}?"
    r"(?:students|volunteers|residents|council|councillors|police|officers|officials|government|ministers?"
    r"|company|firm|staff|workers|teachers|doctors|nurses|scientists|researchers|engineers|fans|members"
    r"|voters|court|committee|board|charity|insurers?|donors|public|parliament|authorities|regulator"
    r"|army|troops|team|club|union|builders|architects|farmers|owners|parents|pupils|children|families)\b"
)
"""A "who" answer that is a group or a role, not a name: the agent of a passive ("built by students
at the town's college") or the source of money or help ("came from the council's fund")."""
_PLACE = re.compile(
    r"\b(in|at|from|near|to|into|across|outside|inside|between)\s+(the\s+)?"
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June"
    r"|July|August|September|October|November|December)\b)[A-Z][\w’'-]+"
    r"|\b(city|town|village|country|region|province|district|street|road|harbour|port|county)\b"
)


def expected_type(question: str) -> AnswerType | None:
    """What kind of answer a question wants, when its wording says so.

    >>> [expected_type(q) for q in ("How many ships came?", "When was the vote?", "Who spoke?", "Why?")]
    ['number', 'date', 'person', None]
    >>> expected_type("Where did the ferry sink?"), expected_type("What is the population of Leeds?")
    ('place', 'number')
    >>> expected_type("What time did the doors open?"), expected_type("What time period was it?")
    ('time', 'date')
    >>> expected_type("where's the money coming from"), expected_type("Where does the cash go?")
    (None, None)
    """
    lowered = question.lower()
    if _NUMBER_Q.search(lowered):
        return "number"
    if _TIME_Q.search(lowered):
        return "time"
    if _DATE_Q.search(lowered):
        return "date"
    if _PERSON_Q.search(lowered):
        return "person"
    if _PLACE_Q.search(lowered) and not _MONEY_SOURCE_Q.search(lowered.replace("'s ", " is ")):
        return "place"
    return None


def has_type(kind: AnswerType, sentence: str) -> bool:
    """Whether a sentence holds something of that kind (a number, a date, a name, a place).

    >>> has_type("number", "It passed by 14 votes to 5."), has_type("date", "It passed on Tuesday.")
    (True, True)
    >>> has_type("person", "the vote passed."), has_type("person", "The motion of Maria Okafor passed.")
    (False, True)
    >>> has_type("person", "a boat built by students."), has_type("person", "built by hand.")
    (True, False)
    >>> has_type("place", "The ferry sank off Port Elwyn."), has_type("place", "it sank.")
    (False, False)
    >>> has_type("place", "The ferry sank near Port Elwyn."), has_type("place", "It ran between Hull and Ely")
    (True, True)
    >>> has_type("place", "A premium of 38% to Tuesday's price."), has_type("place", "It opens in May.")
    (False, False)
    >>> has_type("time", "The doors opened at nine."), has_type("date", "The doors opened at nine.")
    (True, False)
    >>> has_type("date", "It opens at 7.30pm."), has_type("date", "It leaves at 22:10.")
    (True, True)
    >>> has_type("time", "It has given 1,100 doses since March 1."), has_type("time", "It shut at 8 p.m.")
    (False, True)
    >>> has_type("date", "It cost 1.25 million."), has_type("date", "They won at nine per cent.")
    (False, False)
    >>> has_type("date", "It is back within two to three weeks."), has_type("date", "It took 11 weeks.")
    (True, False)
    >>> has_type("date", "A night train gives them both."), has_type("date", "It sank late last night.")
    (False, True)
    """
    if kind == "number":
        return bool(_NUMBER.search(sentence))
    if kind == "date":
        return bool(_DATE.search(sentence))
    if kind == "time":  # a clock time or a part of the day: a month or a weekday alone is no time
        return bool(_TIME_OF_DAY.search(sentence) or _CLOCK.search(sentence))
    if kind == "place":
        return bool(_PLACE.search(sentence))
    return bool(_NAME.search(sentence) or _AGENT.search(sentence))


Measure = Literal["age", "money", "length", "distance", "speed", "colour", "weight", "temperature"]

_SPATIAL = (
    r"millimetres?|centimetres?|metres?|meters?|kilometres?|kilometers?|km|cm|mm|miles?|yards?|feet|"
    r"foot|ft|inches?|storeys?|stories|floors?|light[- ]years?"
)
_MEASURE_Q: tuple[tuple[Measure, re.Pattern[str]], ...] = (
    ("age", re.compile(r"\bhow old\b|\bwhat age\b|\bat what age\b|\w['’]s?\s+age\b", re.I)),
    (
        "money",
        re.compile(
            r"\bhow much (?:money|cash|profits?|revenues?|income|sales|turnover|funding|tax|debt|"
            r"compensation|salary|pay|rent|damages|rewards?|grants?|bonus(?:es)?|ransom|bills?)\b"
            r"|\bhow much (?:did|does|do|will|would|is|was|were|are|has|have|had|could|can)\b"
            r".*\b(?:cost|costs|pay|paid|spend|spent|worth|charge|charged|price|raise|raised|owe|owed|earn|"
            r"earned|fine|fined|sell|sold|invest|invested|lose|lost|save|saves|saved|steal|stole|stolen|"
            r"costing|paying|spending|charging|raising|earning|selling|investing|losing|saving|owing)\b"
            # "how much are the developer fees?", "how much is the fine?"
            r"|\bhow much (?:is|are|was|were|will) (?:the |its |their |his |her |[\w’'-]+['’]s )?"
            r"(?:[\w-]+ ){0,2}"
            r"(?:fees?|fines?|prices?|fares?|bills?|tickets?|rent|costs?|wages?|salar(?:y|ies)|tax(?:es)?"
            r"|penalt(?:y|ies)|bonus(?:es)?|funding|ransom|budget)\b"
            r"|\bwhat (?:is|was|are|were) (?:(?:the|its|their|his|her|[\w’'-]+['’]s)\s+){0,2}"
            r"(?:(?:annual|yearly|pre-tax|net|total|gross|operating|full-year|half-year)\s+)*"
            r"(?:share price|price|fare|fee|budget|wages?|salary|profits?|revenues?|turnover|debts?)\b"
            r"(?!\s+(?:warnings?|margins?|growth|rises?|increases?|cuts?|cap|war))",
            re.I,
        ),
    ),
    ("speed", re.compile(r"\bhow fast\b|\bwhat speed\b|\bat what speed\b", re.I)),
    (
        "distance",
        re.compile(
            r"\bhow (?:far|close|near|tall|high|deep|wide)\b"
            # "how close was the vote?" asks for a margin, not a distance
            r"(?!\s+(?:was|is|were|are|will be)\s+(?:the\s+)?(?:vote|votes|result|race|contest|election|"
            r"match|game|poll|polls|count|finish|call|ballot|fight|battle|final|decision)\b)",
            re.I,
        ),
    ),
    ("length", re.compile(r"\bhow long\b", re.I)),
    (
        "weight",
        re.compile(
            r"\bhow heavy\b|\bhow much (?:does|do|did|will|would) .{1,40}\bweigh\b"
            r"|\bwhat (?:is|was|are|were) (?:the |its |their |his |her |[\w’'-]+['’]s )?weights?\b",
            re.I,
        ),
    ),
    (
        "temperature",
        re.compile(
            r"\bhow (?:hot|cold|warm|chilly)\b"
            r"|\bwhat(?:['’]s| is| was| will be| were) the (?:top |highest |lowest )?temperatures?\b",
            re.I,
        ),
    ),
    ("colour", re.compile(r"\bwhat colou?rs?\b|\bwhich colou?rs?\b", re.I)),
)
_MEASURE: dict[Measure, re.Pattern[str]] = {
    "age": re.compile(
        r"\b\d{1,3}[- ]years?[- ]old\b|\baged?\s+(?:of\s+)?\d{1,3}\b|,\s*\d{1,3}\s*,|\(\d{1,3}\)"
        r"|\bat \d{1,3}\b"
        r"|\b(?:who (?:is|was|turns|turned)|turned|turns) \d{1,3}\b(?![\d,.]*\s*(?:%|per\b|[a-z]))"
        r"|\b\d{1,3}(?:st|nd|rd|th) birthday\b|\bin (?:his|her|their) (?:early |mid-?|late )?"
        r"(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|\d0s)\b",
        re.I,
    ),
    "money": re.compile(
        r"[£$€¥₹]|\b(?:pounds?|dollars?|euros?|cents?|pence|yen|francs?|rupees?|yuan|bn|mn|GBP|USD|EUR)\b"
        r"|\b\d+(?:\.\d+)?p\b",
        re.I,
    ),
    "length": re.compile(
        r"(?:\b|(?<=\d))(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|"
        rf"centur(?:y|ies)|{_SPATIAL})\b|\bm\b|\buntil\b|\bsince\b",
        re.I,
    ),
    "distance": re.compile(rf"(?:\b|(?<=\d))(?:{_SPATIAL})\b|\bm\b|%|\bper ?cent\b", re.I),
    "speed": re.compile(
        r"(?:\b|(?<=\d))(?:mph|km/h|kmh|kph|knots?|m/s|km/s)\b|\bmach\b|\bper (?:hour|second|minute)\b"
        r"|%|\bper ?cent\b"
        r"|\b(?:miles?|kilomet(?:re|er)s?|met(?:re|er)s?|km|feet)\s+(?:an|a|per)\s+(?:hour|second|minute)\b",
        re.I,
    ),
    "weight": re.compile(
        r"(?:\b|(?<=\d))(?:kg|kgs|kilos?|kilogram(?:me)?s?|grams?|g|tonnes?|tons?|pounds?|lbs?|ounces?|oz"
        r"|stones?|st)\b",
        re.I,
    ),
    "temperature": re.compile(r"°|\b-?\d+(?:\.\d+)?\s?(?:C|F|degrees?)\b|\bdegrees?\b", re.I),
    "colour": re.compile(
        r"\b(?:red|orange|yellow|green|blue|purple|violet|pink|brown|black|white|grey|gray|silver|gold|golden|"
        r"crimson|scarlet|turquoise|beige|cream|navy|maroon|reddish|bluish|greenish|colou?red|colou?rless)\b",
        re.I,
    ),
}


def expected_measure(question: str) -> Measure | None:
    """The measure a "how old / how much did it cost / how long" question asks for, if any.

    >>> expected_measure("How old is Gareth Pryce?"), expected_measure("How much did the bridge cost?")
    ('age', 'money')
    >>> expected_measure("How long will the ban last?"), expected_measure("How many ships came?")
    ('length', None)
    >>> expected_measure("How much profit did the firm make?"), expected_measure("How much rain fell?")
    ('money', None)
    >>> [expected_measure(q) for q in ("How close will it come?", "How fast was it?", "What colour is it?")]
    ['distance', 'speed', 'colour']
    >>> expected_measure("How close was the vote?") is None
    True
    >>> expected_measure("how much is the town paying for nurses"), expected_measure("How much are the fees?")
    ('money', 'money')
    >>> expected_measure("What was the firm's profit last year?")
    'money'
    >>> expected_measure("What was the reason for the profits fall?") is None
    True
    >>> expected_measure("How much will the tax cut save families?"), expected_measure("How much reward?")
    ('money', 'money')
    >>> expected_measure("What is Hannah Reynolds' age?"), expected_measure("What is the age limit?")
    ('age', None)
    >>> expected_measure("How heavy are the cubs?"), expected_measure("how hot is it going to get")
    ('weight', 'temperature')
    """
    for measure, pattern in _MEASURE_Q:
        if pattern.search(question):
            return measure
    return None


def has_measure(measure: Measure, sentence: str) -> bool:
    """Whether a sentence states a measure of that kind (an age, a sum of money, a duration or length).

    >>> has_measure("age", "Pryce, 54, runs the farm."), has_measure("age", "Pryce runs 54 farms.")
    (True, False)
    >>> has_measure("age", "Edith Marlow, who is 101."), has_measure("age", "a fund, which turned 50 million")
    (True, False)
    >>> has_measure("money", "It cost £45 million."), has_measure("length", "The ban lasts until October.")
    (True, True)
    >>> has_measure("money", "They get 185p a share."), has_measure("distance", "It passed 12,000 years ago.")
    (True, False)
    >>> has_measure("speed", "Gusts reached 90mph."), has_measure("speed", "It is 5 kilometres across.")
    (True, False)
    >>> has_measure("colour", "The tail glows green."), has_measure("distance", "It is 5km across.")
    (True, True)
    >>> has_measure("distance", "It cost £38m."), has_measure("distance", "It rose 40 m above the sea.")
    (False, True)
    >>> has_measure("weight", "The male weighed 4.1kg."), has_measure("temperature", "It could reach 36C.")
    (True, True)
    >>> has_measure("weight", "Both cubs doubled their weight."), has_measure("temperature", "A hot day.")
    (False, False)
    """
    return bool(_MEASURE[measure].search(sentence))
