"""Questions that ask for a person's name ("What is the name of the woman arrested?", "What was
the driver's name?", "What is her husband called?"): who was named, and whether a sentence names them.

A sentence names the thing when it says so ("named", "called", "known as") or when a proper name
stands right beside the thing's noun ("the deckhand, Tom Reilly, ...", "Mayor Teresa Dunleavy",
"Wembley Stadium"). A sentence that only mentions the thing ("a 27-year-old woman was held at
Terminal 2") does not name it: the article does not say. Pure functions, no models.
"""

from __future__ import annotations

import re

_ASKED = (
    # "what is the name of the woman arrested ...", "the names of the grandmother and grandson who ..."
    re.compile(
        r"\bwhat(?:'s|’s| is| was| are| were) the names? of "
        r"(?:the |a |an |his |her |their |its |(?:[\w-]+ ){0,2}[\w-]+['’]s? )?"
        r"(?P<thing>[\w -]+?)(?= who\b| whose\b| that\b| which\b| in\b| at\b| on\b| from\b| near\b| with\b"
        r"| of\b| to\b| for\b| by\b|[?,.!]|$)",
        re.I,
    ),
    # "what was the man's name?", "what is Malcolm Dewhurst's wife's name?"
    re.compile(
        r"\bwhat(?:'s|’s| is| was| are| were) (?:the |his |her |their |its )?"
        r"(?:[\w-]+['’]s )*(?P<thing>[\w-]+)['’]s? names?\b",
        re.I,
    ),
    # "what is the conductor called?", "what's her husband called?"
    re.compile(
        r"\bwhat(?:'s|’s| is| was| are| were) (?:the |his |her |their |its |this |that )?"
        r"(?P<thing>[\w -]+?) called\b",
        re.I,
    ),
)
_NAMING = re.compile(r"\b(?:named|called|known as|dubbed|nicknamed|titled|entitled)\b", re.I)
_NAME_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:of\s+|de\s+|van\s+)?[A-Z][\w’'-]*)*")
_PLACE_BEFORE = re.compile(r"\b(?:at|in|on|to|from|near|into|of|for|across|outside|inside|via)\s+$", re.I)
MONTHS_DAYS = frozenset(
    re.findall(
        r"\w+",
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday",
    )
)
"""Capitalised words that name a time, not a person or a place."""
_PERSON_NOUN = re.compile(
    r"^(?:\d+-year-old|(?:wo)?man|men|women|boy|girl|child|children|baby|toddler|teen(?:ager)?|person|people"
    r"|victim|suspect|driver|passenger|pilot|engineer|firefighter|officer|worker|employee|contractor"
    r"|teacher|pupil|student|nurse|doctor|patient|wife|husband|son|daughter|mother|father|brother|sister"
    r"|grand(?:mother|father|son|daughter|child)|partner|friend|neighbou?r|resident|owner|deckhand|sailor"
    r"|soldier|journalist|reporter|spokes(?:man|woman|person)|witness|customer|guard|cyclist|pedestrian"
    r"|motorist|hiker|climber|swimmer|fisherman|farmer|landlord|tenant|lawyer|judge|coach|player|referee"
    r"|conductor|rescuer|volunteer|gunman|attacker|thief|robber|killer|shooter|caller|donor|buyer|seller)s?$"
)
"""Nouns for people: a question asking their name wants a person's name, which an article gives
beside the noun or not at all ("the woman arrested" of "a 27-year-old woman was held")."""
NEAR = 5
"""How many words away from the thing's noun a proper name may stand and still be its name."""


def asked_name(question: str) -> list[str] | None:
    """The nouns for the people whose names a question asks for, or None when it asks for no
    person's name (the name of a church, a term, a company: what a thing is called is often a common
    noun or sits apart from it, so it is left to the other checks).

    >>> asked_name("What is the name of the woman arrested at the airport?")
    ['woman']
    >>> asked_name("What are the names of the grandmother and grandson who were rescued?")
    ['grandmother', 'grandson']
    >>> asked_name("What was the man's name?"), asked_name("What is the comet called?")
    (['man'], None)
    >>> asked_name("What's the name of Martin Keyes's security company?"), asked_name("Who won?")
    (None, None)
    """
    for pattern in _ASKED:
        match = pattern.search(question)
        if match:
            thing = match.group("thing").lower().replace("’", "'")
            parts = [_head(p.split()) for p in re.split(r"\s+(?:and|or)\s+", thing) if p.split()]
            nouns = [p for p in parts if p not in ("the", "a", "an")]
            return nouns if nouns and all(_PERSON_NOUN.match(n) for n in nouns) else None
    return None


def _head(words: list[str]) -> str:
    """The noun of a phrase: its last word before any participle ("woman arrested" -> "woman")."""
    while len(words) > 1 and re.search(r"(?:ed|ing)$", words[-1]):
        words = words[:-1]
    return words[-1]


def _stem(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s").rstrip("s")


def names_thing(nouns: list[str], sentence: str, question: str = "") -> bool:
    """Whether the sentence gives the name of the thing (one of ``nouns``): a naming word, or a
    proper name (not one the question already uses, not a month or weekday) within ``NEAR`` words of
    the noun, not as the place after "at", "in", "to" unless the name holds the noun itself.

    >>> names_thing(["woman"], "A 27-year-old woman was held at Terminal 2 of the airport on Thursday.")
    False
    >>> names_thing(["deckhand"], "The deckhand, Tom Reilly, 24, hit his head.")
    True
    >>> names_thing(["stadium"], "The club plays at Wembley Stadium.")
    True
    >>> names_thing(["comet"], "The comet, named C/2025 K3, was seen.")
    True
    >>> names_thing(["wife"], "Martin Keyes's wife was there.", "What is Martin Keyes's wife's name?")
    False
    """
    stems = {_stem(n) for n in nouns}
    words = sentence.split()
    at = [i for i, w in enumerate(words) if _stem(re.sub(r"^\W+|\W+$", "", w)) in stems]
    if not at:
        return False
    if _NAMING.search(sentence):
        return True
    asked = {re.sub(r"['’]s$", "", w.lower()) for w in re.findall(r"[\w’'-]+", question)}
    for match in _NAME_RUN.finditer(sentence):
        run = match.group(0).split()
        holds = any(_stem(w) in stems for w in run)
        if not holds and _PLACE_BEFORE.search(sentence[: match.start()]):
            continue
        own = [
            w for w in run if re.sub(r"['’]s$", "", w).lower() not in asked and w.lower() not in MONTHS_DAYS
        ]
        if not own or (match.start() == 0 and len(run) == 1 and not holds):
            continue  # a sentence's first word is capitalised whatever it is
        first = len(sentence[: match.start()].split())
        last = first + len(run) - 1
        if holds or any(first - NEAR <= i <= last + NEAR for i in at):
            return True
    return False
