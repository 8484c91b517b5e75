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


_NAMED_KINDS = (
    "school|store|shop|band|member|firm|company|companies|club|team|country|countries|town|city|cities"
    "|village|university|universities|college|charity|charities|bank|supermarket|restaurant|pub|hotel"
    "|airport|newspaper|channel|station|street|road|county|counties|region|nation|organi[sz]ation|union"
    "|agency|agencies|council|brand|artist|singer|player|candidate|councillor|politician|minister"
)
_NOT_MODIFIERS = (
    r"(?!(?:do|does|did|is|are|was|were|has|have|had|will|would|can|could|should|the|a|an|type|types|kind"
    r"|kinds|sort|sorts|of|other)\b)"
)
"""Words that cannot stand between "which" and the kind ("What tactic did companies ...", "what type
of city"): the kind must be the noun asked about."""
_WHICH_KIND = re.compile(
    rf"^\s*(?:(?:and|so|but)\s+)?(?:which|what)\s+(?:{_NOT_MODIFIERS}[\w’'-]+\s+){{0,2}}?"
    rf"(?P<kind>{_NAMED_KINDS})s?\b",
    re.I,
)
"""A question asking which named thing of a kind: "Which Brickhouse stores are going to close?",
"which running club is she a member of?", "What country did he move to?"."""


def asked_kind(question: str) -> str | None:
    """The kind of named thing a "which / what N" question asks for, if it is one of those that
    articles name with a proper name (stores, clubs, countries, players; not "what dishes").

    >>> asked_kind("Which Brickhouse stores are going to close?"), asked_kind("which running club is it")
    ('store', 'club')
    >>> asked_kind("What dishes is it known for?"), asked_kind("Which two members voted against?")
    (None, 'member')
    >>> asked_kind("What does the City Council divide into?"), asked_kind("What type of city is it?")
    (None, None)
    """
    match = _WHICH_KIND.search(question)
    return match.group("kind").lower() if match else None


_PLACE_KINDS = frozenset(["country", "countries", "town", "city", "cities", "village", "county", "counties"])
_PLACE_KINDS |= {"region", "nation", "street", "road", "station", "airport"}


def new_name(sentence: str, question: str, places: bool = True) -> bool:
    """Whether the sentence holds a proper name the question does not already use (not a month or
    a weekday, not a sentence's capitalised first word; with ``places`` false, not a name after "in",
    "at", "to" and the like either: "schools in Lowbury" names a town, not a school).

    >>> new_name("Stores in Leeds and York will close.", "Which Brickhouse stores will close?")
    True
    >>> new_name("Stores in Leeds will close.", "Which Brickhouse stores?", places=False)
    False
    >>> new_name("Brickhouse will name the stores in May.", "Which Brickhouse stores will close?")
    False
    """
    asked = {re.sub(r"['’]s$", "", w.lower()) for w in re.findall(r"[\w’'-]+", question)}
    for match in _NAME_RUN.finditer(sentence):
        if not places and _PLACE_BEFORE.search(sentence[: match.start()]):
            continue
        run = match.group(0).split()
        own = [
            w for w in run if re.sub(r"['’]s$", "", w).lower() not in asked and w.lower() not in MONTHS_DAYS
        ]
        if own and not (match.start() == 0 and len(run) == 1):
            return True
    return False


def kind_unnamed(question: str, texts: list[str]) -> bool:
    """Whether a "which N" question (``asked_kind``) gets quotes that name nothing new: "Which
    Brickhouse stores will close?" is not answered by "Brickhouse will name the stores in May."

    >>> kind_unnamed("Which schools are closing early?", ["Several schools in Lowbury will close early."])
    True
    >>> kind_unnamed("Which schools are closing early?", ["Ash Grove and Elm Primary will close early."])
    False
    >>> kind_unnamed("Which country did he move to?", ["He moved to France in 2001."])
    False
    """
    kind = asked_kind(question)
    if not texts or kind is None:
        return False
    return not any(new_name(t, question, places=kind in _PLACE_KINDS) for t in texts)
