"""Whether anyone was hurt: "was anyone injured?", "is anyone badly hurt?", "were there any
casualties?" asks for the sentence that tells of the injured, the dead or the unhurt.

Such questions share few words with the sentence that answers them ("Seventeen people were taken to
hospital"; "No one was hurt."), so retrieval alone scores them as off the article. The sentences
that speak of harm are found by their words; the question's own words (``badly``, ``killed``) then
choose among them. A story that tells of no harm is left to retrieval, which refuses. Pure
functions; no models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.article import Sentence

_HARM_WORDS = (
    r"hurt|unhurt|injur\w*|uninjured|wounded|harmed|unharmed|kill\w*|died|dead|deaths?|casualt\w*"
    r"|hospital\w*|critical condition|serious condition|stable condition|minor cuts|cuts and bruises"
)
_ASKS = re.compile(
    r"^(?:and\s+|so\s+)?(?:is|was|were|are|has|have|had|did|do|does)\s+(?:there\s+)?"
    r"(?:anyone|anybody|someone|somebody|any\s*one|any|people|many|no\s*one|nobody|the\s+\w+)\b"
    rf"[\w\s'’-]{{0,30}}?\b(?:{_HARM_WORDS}|die|get hurt)\b",
    re.IGNORECASE,
)
_HARM = re.compile(rf"\b(?:{_HARM_WORDS}|no one was|nobody was)\b", re.IGNORECASE)
_SEVERE = re.compile(
    r"\b(?:badly|seriously|severely|critically|gravely|serious|critical|severe"
    r"|life[- ](?:threatening|changing))\b",
    re.IGNORECASE,
)
"""How badly: "is anyone badly hurt?" asks for the sentence that tells of the seriously injured."""


def harm_asked(question: str) -> bool:
    """Whether a question asks if anyone was hurt or killed.

    >>> [harm_asked(q) for q in ("Was anyone injured?", "Is anyone badly hurt?", "Any casualties?")]
    [True, True, False]
    >>> harm_asked("Were there any casualties?")
    True
    >>> harm_asked("Did anyone die?"), harm_asked("How many people died?"), harm_asked("Who was hurt?")
    (True, False, False)
    >>> harm_asked("Was the driver hurt?"), harm_asked("Was the council hurt by the cuts?")
    (True, True)
    """
    return bool(_ASKS.search(" ".join(question.split())))


def harm_sentences(sentences: Sequence[Sentence], question: str = "") -> list[Sentence]:
    """The sentences that tell of people hurt, killed or unhurt, in article order; for a question
    about how badly (``question``), those that tell of serious harm when there are any.

    >>> body = [Sentence("A coach overturned on Saturday.", 1, 0),
    ...         Sentence("Seventeen people were taken to hospital.", 1, 1),
    ...         Sentence("Two are in a serious condition.", 2, 2),
    ...         Sentence("The driver was not hurt.", 3, 3)]
    >>> [s.index for s in harm_sentences(body)]
    [1, 2, 3]
    >>> [s.index for s in harm_sentences(body, "Is anyone badly hurt?")]
    [2]
    """
    told = [s for s in sentences if _HARM.search(s.text)]
    if _SEVERE.search(question):
        return [s for s in told if _SEVERE.search(s.text)] or told
    return told
