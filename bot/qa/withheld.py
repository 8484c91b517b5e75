"""What the article says is not known: "The cause of the fire is not yet known", "a driver, who has
not been named", "for an undisclosed fee", "police declined to say how much was taken". A sentence
that says so is no answer to the question about that very thing; the reply is that the article
does not say, pointing at the sentence that says it is not known. Pure functions.
"""

from __future__ import annotations

import re

from bot.retrieval.index import terms, words

_MADE_KNOWN = r"(?:named|identified|disclosed|released|revealed|confirmed|established|determined)"
_WITHHELD = re.compile(
    r"\b(?:(?:is|are|was|were|remains?|remained) (?:still |as yet |yet )?"
    r"(?:not (?:yet )?known|unknown|unclear|not (?:yet )?clear)"
    rf"|(?:has|have|had) (?:not|yet to) (?:yet )?(?:been |be )?{_MADE_KNOWN}"
    r"|(?:who|which|that) (?:was|were|has|have) not (?:been )?(?:named|identified)"
    r"|undisclosed|unnamed|unidentified"
    r"|(?:declined|refused|would not|did not|could not|will not|wouldn['’]t|didn['’]t|won['’]t) (?:to )?"
    r"(?:say|disclose|reveal|comment|confirm|give|name|identify|specify|put a figure on)"
    r"|no (?:details|figure|reason|cause|name) (?:has|have|was|were) (?:yet )?been"
    r" (?:given|released|disclosed))\b",
    re.IGNORECASE,
)
WINDOW = 4
"""Words between a question's term and the words saying it is not known, in the same clause, for the
two to go together ("the cause of the fire is not yet known": fire, just before "is not yet known")."""
_CLAUSE = re.compile(r"[.;:!?]\s+")
PREFIX = 4
"""Letters two stems share as a prefix, the shorter whole, to count as one word ("drive", "driver")."""


def withheld(question: str, text: str) -> bool:
    """Whether ``text`` says that the thing the question asks about is not known: words saying so
    (not yet known, has not been named, undisclosed, declined to say) within ``WINDOW`` words of the
    question's focus, its first term that is not a name ("caused" in "What caused the fire at
    Brookfield?"; "sell" in "How much did Rovers sell for?"). The story's subject alone ("fire") is
    not enough: "the cause of the fire is not known" does not keep its size from the reader.

    >>> withheld("What caused the fire?", "The cause of the fire is not yet known.")
    True
    >>> withheld("Who was driving the coach?", "The driver, who has not been named, was unhurt.")
    True
    >>> withheld("How much did Rovers sell for?", "Rovers was sold for an undisclosed fee.")
    True
    >>> withheld("When did the fire start?", "It started at 6.40pm. Its cause is not yet known.")
    False
    >>> withheld("How big is the fire now?", "The cause of the fire is not yet known.")
    False
    >>> withheld("What caused the fire?", "Firefighters said the blaze started in a kitchen.")
    False
    """
    focus = focus_term(question)
    if focus is None:
        return False
    for clause in _CLAUSE.split(text):
        stems = [terms(w) for w in words(clause)]
        for match in _WITHHELD.finditer(clause):
            at = len(words(clause[: match.start()]))
            end = at + len(words(match.group(0)))
            near = {t for s in stems[max(0, at - WINDOW) : end + WINDOW] for t in s}
            if any(_same(focus, t) for t in near):
                return True
    return False


_NAME = re.compile(r"(?<!^)\b[A-Z][\w’'-]*")


def focus_term(question: str) -> str | None:
    """The question's first term outside the names it uses: what it asks about.

    >>> focus_term("How much did Ashby Rovers sell for?"), focus_term("What caused the fire?")
    ('sell', 'caus')
    >>> focus_term("Who is Dominic Raab?")
    """
    found = terms(_NAME.sub(" ", question.strip()))
    return found[0] if found else None


def _same(a: str, b: str) -> bool:
    """Whether two stems are one word, or one the other's prefix of ``PREFIX`` letters or more.

    >>> _same("drive", "driver"), _same("fire", "fire"), _same("cat", "cause")
    (True, True, False)
    """
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= PREFIX and long.startswith(short))
