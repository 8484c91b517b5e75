"""Questions asking the bot for advice in the first person: "how do I become a mountain rescue
volunteer?", "how can we claim compensation?" (not "where can I get vaccinated?": a sentence saying
where vaccines are given answers that). A news article answers
them only where it gives readers directions itself ("Anyone interested can apply on the team's
website", "Customers should contact their bank"); a sentence that merely mentions volunteers or
tickets does not tell the reader what to do. Pure functions, no models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ADVICE_Q = re.compile(
    r"^\s*(?:(?:and|so|but|ok|okay)\s+)?how\s+(?:do|can|could|should|would|shall|must)"
    r"\s+(?:i|we)\b|^\s*(?:(?:and|so)\s+)?how\s+to\b",
    re.IGNORECASE,
)
_DIRECTIONS = re.compile(
    r"\b(?:can|could|should|must|may|need to|are (?:being )?(?:urged|advised|asked|encouraged|invited) to"
    r"|is (?:being )?(?:urged|advised|asked) to|visit|call|contact|apply|applications?|register"
    r"|sign up|email|e-mail|website|online|available|details|information|helpline|hotline|book"
    r"|www\.|https?://|\.(?:com|org|uk|gov)\b)",
    re.IGNORECASE,
)
"""What directions to readers look like: a modal, an appeal, a place to apply or call."""


def asks_advice(question: str) -> bool:
    """Whether the question asks what the reader should do.

    >>> asks_advice("how do I become a mountain rescue volunteer"), asks_advice("Where can I get vaccinated?")
    (True, False)
    >>> asks_advice("How did the volunteers find him?"), asks_advice("How can the council afford it?")
    (False, False)
    """
    return bool(_ADVICE_Q.search(question))


def advice_missing(question: str, texts: Sequence[str]) -> bool:
    """Whether an advice question gets quotes that give readers no directions.

    >>> advice_missing("how do I become a volunteer", ["Fourteen volunteers searched for eight hours."])
    True
    >>> advice_missing("how do I become a volunteer", ["Anyone interested can apply on the team's website."])
    False
    >>> advice_missing("How did they find him?", ["Volunteers found him."])
    False
    """
    return bool(texts) and asks_advice(question) and not any(_DIRECTIONS.search(t) for t in texts)
