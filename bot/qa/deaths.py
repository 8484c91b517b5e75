"""Death tolls: "how many died?" wants a sentence that speaks of deaths.

"Six people remain missing" or "the trial followed people for two winters" holds a number, but says
nothing of how many died. (A count of people in general is left alone: articles count them by
other words, "a crowd of 12,000", "23 names on the list", "3 million illnesses".) Pure functions.
"""

from __future__ import annotations

import re

_DEATH_Q = re.compile(
    r"\bhow many\b.*\b(?:die|died|dead|killed|deaths?|fatalities|perished|lost their lives)\b", re.IGNORECASE
)
_DEATH = re.compile(
    r"\b(?:die[sd]?|dying|dead|deaths?|killed|killing|kills|fatal\w*|fatalities|lives|bodies|perished"
    r"|toll)\b",
    re.IGNORECASE,
)


def asks_deaths(question: str) -> bool:
    """Whether a question asks how many died.

    >>> asks_deaths("how many people died"), asks_deaths("How many were killed?"), asks_deaths("Who died?")
    (True, True, False)
    """
    return bool(_DEATH_Q.search(question))


def deaths_missing(question: str, texts: list[str]) -> bool:
    """Whether "how many died?" gets no sentence that speaks of deaths.

    >>> deaths_missing("how many people died", ["Six people remain missing, the sheriff said."])
    True
    >>> deaths_missing("how many people died", ["A slide hit the town, killing at least four people."])
    False
    >>> deaths_missing("How many people live there?", ["About 1,400 people live in Alder Creek."])
    False
    """
    return bool(texts) and asks_deaths(question) and not any(_DEATH.search(t) for t in texts)
