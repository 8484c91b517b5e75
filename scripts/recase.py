"""Make lower-cased, tokenised CNN/DailyMail training text look like the product's input.

The training file (abisee's processing) is lower-cased, with spaces inside quotes and brackets
(``the " forgotten floor, " where``, ``( cnn ) --``). The product's sentence splitter (nupunkt)
relies on capitals to find sentence starts, so this text must be cased again before it is split,
or several real sentences become one "sentence" and the position and length features are wrong.
``recase`` capitalises the first letter of the text and of every word after sentence-final
punctuation (not after a known abbreviation such as ``mr.`` or ``u.s.``), capitalises a few
always-capital words (``i``, ``cnn``) and tidies the quote and bracket spacing. MiniLM is uncased,
so the sentence vectors do not depend on any of this; only the segmentation does.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr prof gen col lt sgt capt cpl maj rep sen gov rev vs no fig jan feb "  # noqa: SIM905
    "mar apr jun jul aug sep sept oct nov dec inc corp co ltd ft mt pt".split()
)
"""Words whose trailing period does not end a sentence (besides dotted initials such as ``u.s.``)."""

ALWAYS_UPPER = {"i": "I", "cnn": "CNN", "i'm": "I'm", "i've": "I've", "i'll": "I'll", "i'd": "I'd"}
"""Lower-case tokens that are always written in capitals."""

_INITIALS = re.compile(r"^(?:[a-z]\.)+$")
_WORD = re.compile(r"\S+")


def tidy_spacing(text: str) -> str:
    """Close up the tokeniser's spaces inside double quotes and brackets.

    Quotes are paired left to right: an opening quote loses the space after it, a closing one
    the space before it.

    >>> tidy_spacing('the " forgotten floor, " where ( cnn ) -- it')
    'the "forgotten floor," where (cnn) -- it'
    """
    text = re.sub(r"([(\[{]) ", r"\1", text)
    text = re.sub(r" ([)\]}])", r"\1", text)
    parts = text.split('"')
    out = parts[0]
    for k, part in enumerate(parts[1:]):
        opening = k % 2 == 0
        out = out + '"' + part.lstrip() if opening else out.rstrip() + '"' + part
    return out


def recase(text: str) -> str:
    """Sentence-case a lower-cased article so that the sentence splitter sees sentence starts.

    >>> recase('( cnn ) -- the " forgotten floor. " here, mr. smith and i met. u.s. officials said no.')
    '(CNN) -- The "forgotten floor." Here, mr. smith and I met. U.s. officials said no.'
    """
    text = tidy_spacing(" ".join(text.split()))
    out: list[str] = []
    start = True
    for match in _WORD.finditer(text):
        word = match.group()
        core = word.strip("\"'()[]{}")
        lowered = core.lower()
        if lowered in ALWAYS_UPPER:
            word = word.replace(core, ALWAYS_UPPER[lowered], 1)
        elif start:
            lead = len(word) - len(word.lstrip("\"'([{"))
            word = word[:lead] + word[lead : lead + 1].upper() + word[lead + 1 :]
        out.append(word)
        bare = word.rstrip("\"')]}")
        start = bare.endswith(("?", "!")) or (
            bare.endswith(".")
            and bare[:-1].lower() not in ABBREVIATIONS
            and not _INITIALS.match(bare.lower())
        )
        if (lowered == "cnn" and len(out) <= 8) or (word in {"--", "-"} and len(out) <= 10):
            start = start or lowered == "cnn" or word in {"--", "-"}
    return " ".join(out)
