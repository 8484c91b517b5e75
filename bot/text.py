"""Small pure text helpers shared by every stage: word counts, control-character stripping, the
person-name pattern and a follow-up's own words. Each exists here once."""

from __future__ import annotations

import re
import unicodedata

_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_NO_LETTER_TOKEN = re.compile(r"(?<!\S)(?:[^\w\s]|_)+(?!\S)")
"""A whole space-separated token without a letter or digit ("--", "|", "___")."""


def word_count(text: str) -> int:
    """Words: space-separated tokens with a letter or digit; Chinese, Japanese and Korean count one
    word per two characters.

    >>> word_count("The mayor, 54, said: 'No.' -- 14-5"), word_count("商標法違反の疑いで男性が逮捕された")
    (6, 9)
    """
    wide = len(_WIDE.findall(text))
    plain = _WIDE.sub(" ", text) if wide else text
    return len(plain.split()) - len(_NO_LETTER_TOKEN.findall(plain)) + (wide + 1) // 2


_CONTROLS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
    r"|[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
"""Terminal escape sequences, control characters (not tab or newline) and every invisible format
character (Unicode category Cf: zero-width spaces and joiners, direction marks and overrides, soft
hyphens, tags)."""
_ZWJ, _ZWNJ, _VS16, _BLACK_FLAG = "\u200d", "\u200c", "\ufe0f", "\U0001f3f4"


def _is_emoji(ch: str) -> bool:
    return ch == _VS16 or 0x1F000 <= ord(ch) <= 0x1FAFF or unicodedata.category(ch) == "So"


def _keep(text: str, match: re.Match[str]) -> bool:
    """Whether a format character is part of an emoji sequence (or a joiner inside a word of a
    script that needs it, such as Persian or Hindi), and so must stay."""
    ch, start, end = match.group(), match.start(), match.end()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if ch == _ZWJ and before and after and _is_emoji(before) and _is_emoji(after):
        return True
    if ch in (_ZWJ, _ZWNJ) and before.isalpha() and after.isalpha():
        return ord(before) >= 0x0590 and ord(after) >= 0x0590
    if "\U000e0020" <= ch <= "\U000e007f":  # emoji tag sequences: subdivision flags
        j = start
        while j > 0 and "\U000e0020" <= text[j - 1] <= "\U000e007f":
            j -= 1
        return j > 0 and text[j - 1] == _BLACK_FLAG
    return False


def strip_controls(text: str) -> str:
    """Remove escape sequences, control characters and invisible format characters, except inside
    emoji sequences (a family emoji keeps its joiners) and words of scripts that need joiners.

    >>> strip_controls("How many votes \\x00\\x1b[2Jdid it get?\\u202e")
    'How many votes did it get?'
    >>> strip_controls("The council\\u200d said\\u200f \\u2066no\\u2069.")
    'The council said no.'
    >>> strip_controls("\\U0001f468\\u200d\\U0001f469")
    '👨\\u200d👩'
    """
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: m.group() if _keep(text, m) else "", text)


TITLES = r"(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Lord|Lady)"
"""Honorifics that may stand before a name."""

CAPITALISED = r"[A-Z][a-z]+"
"""A capital letter and lower-case letters ("Cardiff"): the core of a name word."""

NAME_WORD = rf"{CAPITALISED}(?:[-’'][A-Za-z]+)?"
"""One capitalised word of a name ("Okafor", "O'Neill", "Smith-Jones")."""

PERSON_NAME = re.compile(rf"\b(?:{TITLES}\.?\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+|de\s+|van\s+)?[A-Z][\w'’-]*)*")
"""A run of capitalised words, with an optional title: the person-name pattern.

>>> PERSON_NAME.findall("Mayor Lin met Dr. Ada Okafor.")
['Mayor Lin', 'Dr. Ada Okafor']
"""


_MARKUP_OR_URL = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]{0,2000})?/?>|\b(?:https?|ftp)://\S+")
"""HTML tags and web addresses, which say nothing about the language of the text around them."""
_NO_SPACE_SCRIPTS = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u0f00-\u0fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uac00-\ud7af\uf900-\ufaff]"
)


def reads_as_language(text: str) -> bool:
    """Whether a text reads as written language rather than random characters or encoded data.

    Refused: mostly replacement characters or symbols; or, in scripts that put spaces between words,
    "words" that run on for dozens of characters (random bytes, base64). Short texts always pass.

    >>> reads_as_language("The council voted on Tuesday to ban cruise ships from the harbour.")
    True
    >>> import random
    >>> reads_as_language(random.Random(1).randbytes(3000).decode("latin-1"))
    False
    >>> reads_as_language("商標法違反の疑いで男性が逮捕された。" * 20)
    True

    Tags and web addresses are left out of the count: a Japanese page copied with its tracking
    pixels' long URLs is still Japanese.

    >>> reads_as_language('<img src="https://px.example/b?P=' + "oI9TLjE4Mi66RLpAorxEdAVu" * 20 + '">\\n'
    ...                   + "商標法違反の疑いで男性が逮捕された。" * 12)
    True
    """
    text = _MARKUP_OR_URL.sub(" ", text)
    chars = [ch for ch in text if not ch.isspace()]
    if len(chars) < 200:
        return True
    letters = sum(1 for ch in chars if ch.isalnum())
    if text.count("\ufffd") > 0.05 * len(chars) or letters < 0.5 * len(chars):
        return False
    if len(_NO_SPACE_SCRIPTS.findall(text)) > 0.3 * letters:
        return True
    tokens = text.split()
    return len(chars) / max(1, len(tokens)) <= 25


def shorten(text: str, limit: int) -> str:
    """Cut long text at a word boundary with an ellipsis (whitespace collapsed).

    >>> shorten("one two three", 8), shorten("one  two", 20)
    ('one two…', 'one two')
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


_CARRIED = re.compile(r"\s+\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)$")
"""The context a follow-up carries at its end, itself perhaps carrying its own (two levels deep)."""


def own_words(question: str) -> str:
    """The question without the previous question a follow-up carries in brackets at its end
    (``bot.chat.followup.resolve``: "is it raining now? (What did Rees say?)").

    >>> own_words("Is it raining now? (What did Rees say?)"), own_words("What did the PRC (China) say?")
    ('Is it raining now?', 'What did the PRC (China) say?')
    >>> own_words("which hospital was it (how did they keep warm (What did Isla Marsh say?))")
    'which hospital was it'
    """
    return _CARRIED.sub("", question)


_TYPED_CONTRACTIONS = {
    "whats": "what's",
    "whos": "who's",
    "wheres": "where's",
    "whens": "when's",
    "hows": "how's",
    "thats": "that's",
    "theres": "there's",
    "theyre": "they're",
    "itll": "it'll",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "hasnt": "hasn't",
    "havent": "haven't",
    "hadnt": "hadn't",
    "cant": "can't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
}
_TYPED = re.compile(r"\b(" + "|".join(_TYPED_CONTRACTIONS) + r")\b", re.IGNORECASE)


def with_apostrophes(question: str) -> str:
    """A question typed without apostrophes ("whos on trial", "why didnt they stop") with them put
    back, so that it reads as the same question; only words that are not English words without one.

    >>> with_apostrophes("whos on trial"), with_apostrophes("Wheres it happening and why didnt they stop")
    ("who's on trial", "Where's it happening and why didn't they stop")
    >>> with_apostrophes("What did the Thats Entertainment crew say?")  # a capitalised name too
    "What did the That's Entertainment crew say?"
    """

    def put_back(match: re.Match[str]) -> str:
        word = match.group(0)
        fixed = _TYPED_CONTRACTIONS[word.lower()]
        return fixed[0].upper() + fixed[1:] if word[0].isupper() else fixed

    return _TYPED.sub(put_back, question)
