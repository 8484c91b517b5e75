"""What a sentence must hold to answer a question: the kind of answer its wording asks for.

``answer_holder`` combines the checks that apply to a question. Some are *required* of what is
quoted (``required_missing``): an age for "how old", a sum beside its word for "what was the
firm's profit?", a distance, a speed, a colour, and a count for "how many" (not a year or a
date). The others only say which of two sentences to prefer: a number right before the
counted word ("how many passengers" → "284 passengers"), a naming word for "what is it called"
("named C/2025 K3"). A preference never refuses: a sentence that words the answer otherwise
("about 400 residents protested") may still be the answer. Pure functions, no models.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.qa.advice import advice_missing
from bot.qa.answerability import SOFT_MATCH, counted_term, soft_alignment
from bot.qa.deaths import asks_deaths, deaths_missing
from bot.qa.naming import asked_name, kind_unnamed, names_thing
from bot.qa.prices import price_missing
from bot.qa.relations import relation_missing
from bot.retrieval.answer_type import Measure, expected_measure, expected_type, has_measure, has_type
from bot.retrieval.index import terms
from bot.retrieval.synonyms import named_otherwise

_MONEY_NOUNS: dict[str, frozenset[str]] = {
    "profit": frozenset({"profit", "earn"}),
    "revenu": frozenset({"revenu", "sale", "turnov"}),
    "sale": frozenset({"revenu", "sale", "turnov"}),
    "turnov": frozenset({"revenu", "sale", "turnov"}),
    "debt": frozenset({"debt", "borrow"}),
    "salari": frozenset({"salari", "pay", "wage", "earn"}),
    "rent": frozenset({"rent"}),
    "tax": frozenset({"tax"}),
    "fund": frozenset({"fund", "grant"}),
    "compens": frozenset({"compens", "payout"}),
    "damag": frozenset({"damag", "compens", "payout"}),
}
"""Sums the question names by a word the answer must use (or a word of the same kind): "how much
profit" is not answered by "contracts worth £38m"."""
_MONEY_WORD = re.compile(
    r"\b(profits?|revenues?|sales|turnover|debts?|salary|salaries|rent|tax|funding|compensation|damages)\b",
    re.IGNORECASE,
)
_NUMBER_WORD = re.compile(
    r"^(?:\d[\d,.]*\d|\d|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|\d[\d,.]*(?:m|bn|k))$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[\w’'.,-]+")
_BETWEEN = frozenset(["each", "every", "per", "other", "more", "fewer", "than", "of", "to"])
_NOT_COUNTED = re.compile(
    r"(?:ed|ing)$|^(?:are|were|is|was|have|has|had|did|do|does|will|would|can|could)$", re.IGNORECASE
)
_CALLED_Q = re.compile(
    r"\bwhat\s+(?:is|was|are|were|'s|’s)\b.*\bcalled\b|\bwhat\s+name\b"
    r"|\bwhat\s+(?:is|was|'s|’s)\s+(?:the|its|their)\s+name\b",
    re.IGNORECASE,
)
_NAMING = re.compile(r"\b(?:named|called|known as|dubbed|nicknamed|titled|entitled|name is)\b", re.IGNORECASE)
_HOW_MANY = re.compile(r"\bhow many\b", re.IGNORECASE)
_HOW_MANY_WHAT = re.compile(r"\bhow many ([\w’'-]+)", re.IGNORECASE)
_NOT_A_COUNT = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d)s?\b(?!\s+[a-z])"
    r"|\b(?:in|since|until|during)\s+(?:1[5-9]\d\d|20\d\d)s?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}[:.]\d{2}\b"
    r"|\bin (?:his|her|their) (?:early |mid-?|late )?\d0s\b",
    re.IGNORECASE,
)
"""Numbers that count nothing: years ("in 2024", not "2000 guests"), days of a month, clock times,
an age by decade ("a man in his 70s").
(A share counts: "How many applicants got in?" is answered by "82% of applicants".)"""
_ONCE = re.compile(r"\b(?:once|twice|thrice|none)\b", re.IGNORECASE)
_MONEY_SUM = re.compile(
    r"[£$€¥]\s?\d[\d,.]*(?:\s?(?:m|bn|k|tn|million|billion|trillion|thousand)\b)?"
    r"|\b\d[\d,.]*\s?(?:pounds|dollars|euros|pence|cents|p)\b",
    re.IGNORECASE,
)
"""A sum of money, which counts no people or things ("€3 a month" does not say how many subscribers)."""
_VAGUE_COUNTED = frozenset(terms("people times of are were is was did do does have has had will would can"))
"""Words after "how many" that name nothing particular to count ("how many people", "how many times")."""
_COUNTED_NOUN = re.compile(
    r"\bhow many (?:(?:total|different|other|more|separate|individual|major|main|new|extra|additional|"
    r"full-time|part-time|local|british|american)\s+)*([\w’'-]+)",
    re.IGNORECASE,
)


def _counted_noun(question: str) -> str | None:
    """The stemmed noun "how many" counts, past a describing word ("how many total judges": judg)."""
    match = _COUNTED_NOUN.search(question)
    found = terms(match.group(1)) if match else []
    return found[0] if found else None


_CURRENCY_WORD = re.compile(r"\bhow many (?:pounds|dollars|euros|pence|cents|yen|rupees)\b", re.IGNORECASE)
REQUIRED: frozenset[Measure] = frozenset(
    {"age", "distance", "speed", "colour", "length", "weight", "temperature"}
)
"""Measures whose units a quoted answer must hold whatever else it says."""


def money_noun(question: str) -> str | None:
    """The stemmed word for a particular sum a question asks about ("profit", "revenue"), if any.

    >>> money_noun("What was Northline's profit last year?"), money_noun("How much did it cost?")
    ('profit', None)
    """
    match = _MONEY_WORD.search(question)
    if not match or expected_measure(question) != "money":
        return None
    found = terms(match.group(1))
    return found[0] if found and found[0] in _MONEY_NOUNS else None


def names_sum(noun: str, text: str) -> bool:
    """Whether a sentence states a sum and uses the word for that kind of sum.

    >>> names_sum("profit", "It made a profit of £42m."), names_sum("profit", "Contracts worth £38m.")
    (True, False)
    """
    return has_measure("money", text) and bool(_MONEY_NOUNS[noun] & set(terms(text)))


def quantifies(counted: str, text: str) -> bool:
    """Whether a number stands right before the counted word (at most two words between).

    >>> quantifies("passeng", "The plane, carrying 284 passengers and 13 crew, landed.")
    True
    >>> quantifies("passeng", "One passenger said the crew was calm."), quantifies("store", "about 60 stores")
    (False, True)
    >>> quantifies("passeng", "It paid €600 to each passenger.")
    False
    >>> quantifies("passeng", "12 British passengers")
    True
    """
    if counted not in terms(text):  # one stemming pass rules most sentences out
        return False
    tokens = [t.strip(".,") for t in _TOKEN.findall(text)]
    for i, token in enumerate(tokens):
        stem = terms(token)
        if not stem or stem[0] != counted or i == 0:
            continue
        before = tokens[i - 1]
        if _NUMBER_WORD.match(before):
            return True
        # one describing word between: "13 British passengers", not "€600 to each passenger"
        if i >= 2 and _NUMBER_WORD.match(tokens[i - 2]) and terms(before) and before.lower() not in _BETWEEN:
            return True
    return False


def counts(text: str) -> bool:
    """Whether a sentence holds a number that could count something (not only a year, a day of
    the month or a clock time).

    >>> counts("It is the first strike since 2024."), counts("28.3% got an A."), counts("It had 940 stores.")
    (False, True, True)
    >>> counts("The case began in 2021 after a complaint.")
    False
    >>> counts("The walkouts are on 11, 12 and 13 November."), counts("Three ships came on 4 May.")
    (True, True)
    >>> counts("A dinner attended by 2000 guests."), counts("They won the cup twice.")
    (True, True)
    >>> counts("A man in his 70s died after a tree fell on his car.")
    False
    """
    return has_type("number", _NOT_A_COUNT.sub(" ", text)) or bool(_ONCE.search(text))


_NOT_NOUNS = frozenset(
    re.findall(
        r"\w+",
        "did do does are were is was have has had will would can could should may might in of on at for to "
        "from with by there they he she it we you i",
    )
)


def counted_words(question: str) -> list[str]:
    """The stems of what "how many" counts: its noun, and the next word when the two make one name
    ("how many maths entries": math, entri).

    >>> counted_words("How many maths entries were there?"), counted_words("How many mice did they find?")
    (['math', 'entri'], ['mice'])
    """
    match = _COUNTED_NOUN.search(question)
    first = terms(match.group(1))[:1] if match else []
    if not match or not first:
        return []
    rest = question[match.end() :].split()
    second = rest[0].strip("?.!,").lower() if rest else ""
    if not second or second in _NOT_NOUNS:
        return first
    return [*first, *terms(second)[:1]]


_TOKEN = re.compile(r"[\w£$€][\w'’.,%*-]*")
_ORDINAL = re.compile(
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|\d*[02-9](?:st|nd|rd|th)|\d+1[1-3]th)",
    re.IGNORECASE,
)
COUNT_REACH = 4
"""Words before a counted thing that may hold its count ("14 more trained volunteers")."""
COUNT_AFTER = 3
"""Words after it that may hold its count ("the members, about 4,000 in all")."""


def count_beside(counted: str, text: str) -> bool:
    """Whether a number counts the thing (its stem ``counted``, or another of its names) within
    ``COUNT_REACH`` words before a mention of it or ``COUNT_AFTER`` words after it.

    >>> count_beside("volunt", "Lang said 14 volunteers spent eight hours.")
    True
    >>> count_beside("mice", "evidence of mice"), count_beside("share", "He bought shares in 2019.")
    (False, False)
    >>> count_beside("branch", "It will shut 37 of its 214 stores.")
    True

    A count in the same word ("a 22,000-seat venue"), an ordinal past the first ("the ninth named
    storm"; "the first strike since 2024" counts none), and "the number of" with its figure further
    on count too:

    >>> count_beside("seat", "a 22,000-seat venue"), count_beside("storm", "It is the ninth named storm.")
    (True, True)
    >>> count_beside("driver", "The first strike by drivers since 2024."), count_beside("call", "a 41st call")
    (False, True)
    >>> count_beside("student", "The number of students getting three A* grades fell, to 4,132.")
    True
    """
    tokens = _TOKEN.findall(_NOT_A_COUNT.sub(" ", text))
    for i, token in enumerate(tokens):
        stems = terms(token)
        if not stems or not (
            soft_alignment(counted, set(stems)) >= SOFT_MATCH or named_otherwise(counted, stems)
        ):
            continue
        before = tokens[max(0, i - COUNT_REACH) : i + 1]
        if any(counts(t) or _ORDINAL.fullmatch(t) for t in before):
            return True
        after = tokens[i + 1 : i + 1 + COUNT_AFTER]  # "members totalled 4,000", "staff: 220"
        if any(counts(t) for t in after):
            return True
        if [t.lower() for t in tokens[max(0, i - 2) : i]] == ["number", "of"] and counts(text):
            return True
    return False


_OWNED_Q = re.compile(r"\b([\w-]+)['’]s?\s+((?:[a-z-]+\s+){0,2}[a-z-]+)", re.IGNORECASE)
_NOT_OWNERS = frozenset(
    ["his", "her", "their", "its", "my", "your", "our", "who", "whose", "what", "it", "one"]
)


def other_owners(question: str, texts: list[str]) -> bool:
    """Whether the question asks for a name's role or thing ("who is Orbique's chief executive?") and
    every quoted mention of it is another name's ("Soundwell's chief executive, Henrik Aalto").

    >>> other_owners("who is orbique's chief executive", ["Soundwell's chief executive hit at Orbique."])
    True
    >>> other_owners("who is Orbique's chief executive", ["Orbique's chief executive, Ann Lee, spoke."])
    False
    >>> other_owners("who is Orbique's chief executive", ["Its chief executive, Ann Lee, spoke."])
    False
    """
    match = _OWNED_Q.search(question)
    if not match or match.group(1).lower() in _NOT_OWNERS:
        return False
    owner = match.group(1).lower()
    if not match.group(1)[0].isupper() and not any(
        re.search(rf"\b{re.escape(match.group(1))}", t, re.I)
        and re.search(rf"\b{match.group(1).capitalize()}", t)
        for t in texts
    ):
        return False  # a lower-case owner the quotes never write as a name ("the company's")
    words = match.group(2).lower().split()
    for size in range(len(words), 0, -1):
        role = r"\s+".join(map(re.escape, words[:size]))
        found = [m for t in texts for m in re.finditer(rf"(?:\b([\w-]+)['’]s?\s+)?\b{role}\b", t, re.I)]
        if found:
            return all(
                m.group(1) is not None
                and m.group(1)[0].isupper()
                and m.group(1).lower() != owner
                and m.group(1).lower() not in _NOT_OWNERS
                for m in found
            )
    return False


_STAFF_Q = re.compile(
    r"\bhow many\b.*\b(?:work|works|worked|working|employ|employs|employed|employing)\b", re.IGNORECASE
)
_STAFFED = re.compile(
    r"(?:\d[\d,.]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|hundred|thousand|dozen))\s+(?:[a-z-]+\s+)?(?:people|staff|employees|workers|jobs)\b"
    r"|\b(?:employs|employing|employ|workforce of|staff of|headcount of)\s+(?:about |around |some |nearly |"
    r"almost |more than |over |roughly )?\d",
    re.IGNORECASE,
)


def staff_missing(question: str, texts: list[str]) -> bool:
    """Whether a question asks how many people work somewhere ("How many people work at Pallas?")
    and no text gives such a count: a number before the counted word or before "people", "staff",
    "employees", "workers", or after "employs".

    >>> staff_missing("How many people work at Pallas?", ["Four men loaded the van."])
    True
    >>> staff_missing("How many people work there?", ["Its office, where about 220 people work, will shut."])
    False
    >>> staff_missing("How many does the chain employ?", ["Foxley's employs around 38,000 staff."])
    False
    >>> staff_missing("How many firefighters are working on it?", ["More than 350 firefighters were there."])
    False
    """
    if not _STAFF_Q.search(question) or not texts:
        return False
    counted = counted_term(question)
    return not any(_STAFFED.search(t) or (counted is not None and quantifies(counted, t)) for t in texts)


_KIND_OF_BODY: dict[str, str] = {
    "party": r"\bpart(?:y|ies)\b|\b(?:Labour|Conservatives?|Tory|Tories|Lib(?:eral)? Dems?|Liberal|Greens?"
    r"|SNP|Plaid"
    r"|Reform|Democrats?|Democratic|Republicans?|GOP|NDP|Bloc|Independent|Lab|Con)\b",
    "hospital": r"\bhospitals?\b|\binfirmary\b|\bclinic\b|\bmedical cent(?:re|er)\b",
    "airline": r"\bairlines?\b|\bairways\b|\bAir\b|\bcarrier\b",
    "insurer": r"\binsur\w*|\bunderwrit\w*",
    "zoo": r"\bzoos?\b|\bwildlife park\b|\bsafari park\b|\bsanctuary\b|\baquarium\b",
}
"""What a quote must mention to say which party, hospital, airline, insurer or zoo: the word or a
name of that kind ("which party is she in?" is not answered by a sentence that names none)."""
_WHICH_BODY = re.compile(
    r"\b(?:which|what) (?:political )?"
    r"(party|hospital|airline|insurer|insurance company|insurance firm|zoo)\b",
    re.IGNORECASE,
)


def body_missing(question: str, texts: list[str]) -> bool:
    """Whether a "which party / hospital / airline / insurer / zoo" question gets quotes that name
    none of that kind.

    >>> body_missing("Which party is Claire Tennant in?", ["Claire Tennant chairs the committee."])
    True
    >>> body_missing("Which party is she in?", ["The Labour councillor Claire Tennant spoke."])
    False
    >>> body_missing("Which airline flew the jewels?", ["They landed on a flight from Dubai."])
    True
    """
    match = _WHICH_BODY.search(question)
    if not match or not texts:
        return False
    kind = match.group(1).lower()
    kind = "insurer" if kind.startswith("insur") else kind
    return not any(
        re.search(_KIND_OF_BODY[kind], t, flags=re.IGNORECASE if kind != "party" else 0) for t in texts
    )


_WHEN_Q = re.compile(r"^\s*(?:and\s+)?(?:when|(?:at\s+)?what\s+time)\b", re.IGNORECASE)
_EVENT_VERBS = frozenset(terms("build open close join launch sign elect appoint retire resign hire sack"))
"""Verbs of a dated event that news reports word the same way: "when was the branch built?" wants the
date of the building. (Not "born", "die", "found", "become": a life's dates in brackets, "formed in"
and the like say those otherwise.)"""


def event_missing(question: str, texts: list[str]) -> bool:
    """Whether a "when" question names a dated event ("built", "join", "become") that no quote
    speaks of: a date beside another event is no answer.

    >>> event_missing("When was the Eastgate branch built?", ["The Eastgate branch will shut in May."])
    True
    >>> event_missing("When was the library built?", ["The library was built in 1904."])
    False
    >>> event_missing("What time does the museum open?", ["Police appealed for witnesses after 3am."])
    True
    """
    if not texts or not _WHEN_Q.search(question):
        return False
    events = [t for t in terms(question) if t in _EVENT_VERBS]
    if not events:
        return False
    said = {t for text in texts for t in terms(text)}
    return not any(e in said for e in events)


_BY_HOW_MUCH = re.compile(
    r"\bhow much (?:did|does|do|will|would|has|have|had|could|can|is|are|was|were)\b.{0,60}?\b"
    r"(?:fall|falls|fell|fallen|rise|rises|rose|risen|drop|drops|dropped|increase|increased|decrease"
    r"|decreased|grow|grew|grown|climb|climbed|jump|jumped|slump|slumped|plunge|plunged|soar|soared"
    r"|sink|sank|slide|slid|tumble|tumbled|shrink|shrank|go up|gone up|went up|go down|gone down|went down"
    r"|be cut|been cut|was cut|were cut)\b",
    re.IGNORECASE,
)
"""A question about how far something moved ("by how much did the share price fall?"): a share
("fell by 28%") answers it as well as a sum."""
_SHARE = re.compile(r"%|\bper ?cent\b|\bpercentage points?\b", re.IGNORECASE)


def required_missing(question: str, texts: list[str]) -> bool:
    """Whether the question requires a measure (an age, a distance, a speed, a colour, a sum; a sum
    named by its word when the question names it) or a name (``bot.qa.naming``) that none of
    ``texts`` states.

    >>> required_missing("How much profit did Brightwell make?", ["Brightwell won contracts worth £38m."])
    True
    >>> required_missing("How fast is it travelling?", ["It is 5 km across."])
    True
    >>> required_missing("How much did it cost?", ["It cost £3m."]), required_missing("Who won?", [])
    (False, False)
    >>> required_missing("How many drivers will strike?", ["It is the first strike since 2024."])
    True
    >>> required_missing("What was the driver's name?", ["The driver was unhurt."])
    True
    >>> required_missing("How many subscribers does it have?", ["Subscribers could pay €3 a month less."])
    True
    >>> required_missing("By how much did the share price fall?", ["Shares fell by 28% on Tuesday."])
    False
    >>> required_missing("How much did the share price cost?", ["Shares fell by 28% on Tuesday."])
    True
    """
    nouns = asked_name(question)
    if nouns and texts and not any(names_thing(nouns, t, question) for t in texts):
        return True  # "what is the name of the woman arrested?" of "a woman was held"
    if event_missing(question, texts):
        return True  # "when was the branch built?" of a date for its closing
    if body_missing(question, texts):
        return True  # "which party is she in?" of a sentence that names no party
    if staff_missing(question, texts):
        return True  # "how many people work at Pallas?" of "four men loaded the van"
    if deaths_missing(question, texts):
        return True  # "how many people died?" of "six people remain missing"
    if texts and other_owners(question, texts):
        return True  # "who is Orbique's chief executive?" of "Soundwell's chief executive"
    if relation_missing(question, texts):
        return True  # "who owns the club?" of "the club signed Teo Marchetti"
    if kind_unnamed(question, texts):
        return True  # "which stores will close?" of "it will name the stores in May"
    if price_missing(question, texts):
        return True  # "how much does a loaf of bread cost?" of "a £90m investment"
    if advice_missing(question, texts):
        return True  # "how do I become a volunteer?" of "14 volunteers searched for him"
    measure = expected_measure(question)
    if measure is None:
        # "how many" wants a count: a year, a date or a sum of money is none ("How many drivers will
        # strike?")
        if not _HOW_MANY.search(question) or not texts:
            return False
        if not _CURRENCY_WORD.search(question):
            texts = [_MONEY_SUM.sub(" ", t) for t in texts]
        counted = _counted_noun(question)
        speaks_of = (
            counted is None
            or counted in _VAGUE_COUNTED
            or any(soft_alignment(counted, set(terms(t))) >= SOFT_MATCH for t in texts)
            or any(named_otherwise(counted, terms(t)) for t in texts)  # "how many branches": "214 stores"
        )
        if not speaks_of:
            return True  # "how many stores": a count in a quote that speaks of stores
        if counted is not None and counted not in _VAGUE_COUNTED:
            # "how many mice": "evidence of mice" counts none; "14 volunteers" counts them
            return not any(count_beside(c, t) for c in counted_words(question) for t in texts)
        return not any(counts(t) for t in texts)
    if measure == "money" and _BY_HOW_MUCH.search(question) and any(_SHARE.search(t) for t in texts):
        return False  # "by how much did the shares fall?": "fell by 28%"
    noun = money_noun(question)
    if noun is not None:
        return not any(names_sum(noun, t) for t in texts)
    return not any(has_measure(measure, t) for t in texts)


def kind_holder(question: str) -> Callable[[str], bool] | None:
    """Whether a sentence holds the type of answer the question wants (a number, date, person,
    place), whatever else the question asks; None when it wants no particular type.

    >>> kind_holder("How many councillors voted?")("It passed by 14 votes to 5."), kind_holder("Why?")
    (True, None)
    """
    kind = expected_type(question)
    return None if kind is None else lambda text: has_type(kind, text)


def answer_holder(question: str, *, specific: bool = False) -> Callable[[str], bool] | None:
    """Whether a sentence holds the kind of answer the question wants: its type (a number, date,
    person, place) and, where the wording asks, a measure (``required_missing``), a number before
    the counted word, a naming word. None when the question wants no particular kind.
    (A sum with no word for it is checked on the quoted sentences only: a sentence that merely
    holds some sum is no answer to "how much did the club pay?".)

    >>> holds = answer_holder("How much profit did it make?")
    >>> holds("Profit fell by 31%."), holds("It made a profit of £42m."), holds("Its debt is £9m.")
    (False, True, False)
    >>> holds = answer_holder("How many passengers were on board?")
    >>> holds("It carried 284 passengers."), holds("Each passenger gets €600.")
    (True, False)
    >>> answer_holder("What is the comet called?")("The comet, named C/2025 K3, was seen.")
    True
    >>> answer_holder("What did she say?") is None
    True

    With ``specific``, None unless the question asks for more than a type: a sentence holding just
    some number is no sign of the answer, one with "284 passengers" for "how many passengers" is.

    >>> answer_holder("How many were there?", specific=True) is None
    True
    >>> answer_holder("How old is she?", specific=True) is None
    False
    """
    measure = expected_measure(question)
    more: list[Callable[[str], bool]] = []  # what the question asks for beyond a type
    noun = money_noun(question)
    if noun is not None:
        more.append(lambda text: names_sum(noun, text))
    elif measure in REQUIRED:
        wanted: Measure = measure
        more.append(lambda text: has_measure(wanted, text))
    many = _HOW_MANY_WHAT.search(question)
    counted = counted_term(question) if many and not _NOT_COUNTED.search(many.group(1)) else None
    if counted is not None:
        more.append(lambda text: quantifies(counted, text))
    if _CALLED_Q.search(question):
        more.append(lambda text: bool(_NAMING.search(text)))
    if asks_deaths(question):  # "how many died?": a sentence that speaks of deaths
        more.append(lambda text: not deaths_missing(question, [text]))
    if specific and not more:
        return None
    of_kind = kind_holder(question)
    checks = [of_kind, *more] if of_kind is not None else more
    if not checks:
        return None
    return lambda text: all(check(text) for check in checks)
