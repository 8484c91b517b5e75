"""Intent routing for the chat, in one place: summary requests (any usual wording) go to the
summariser with the right ``Length``; a headline request gets the headline; everything else is
a question. Pure functions, no models.

A message counts as a summary request when it holds a summary cue ("summarise", "tl;dr",
"bullet points", "headline"...) and nothing else of substance: "summarise
the article in 3 sentences please" is a summary request, "what did the summary of the report
say about fees?" is a question. Article-level questions ("what's this about?", "what happened?",
"what happens next?") are questions too: they get the same cited answer as ``headline-bot ask``
(``bot.qa.article_level``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.summarize.base import Length

_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a couple of": 2, "a few": 3, "single": 1,
}  # fmt: skip
_COUNT = r"(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|single)"

_SUMMARY_CUE = re.compile(
    r"\b(summar\w*|sum (it |this |that )?up|recap|overview|gist|synopsis|tl;? ?dr|too long|"
    r"in a nutshell|nutshell|key points|main points|bullets?|bullet points?|one[- ]liner|"
    r"brief me|short version|explain briefly|"
    rf"(in|into|as) (a |an )?({_COUNT} )?(sentences?|lines?|words?|paragraph)|{_COUNT} sentences?)\b"
)
_HEADLINE_CUE = re.compile(r"\b(headlines?|title)\b")
_FILLER = frozenset(
    str.split(
        """please pls plz can could would will you me us give show tell make write i i'd want need like
    a an the this that it its it's article story piece text news for of in into as with about what
    whats what's is are be do just quick quickly short shorter brief briefly longer long detailed
    more less sentence sentences line lines word words point points bullet bullets key main style
    format version again now ok okay hey hi so and or get let up sum to on at most max maximum under
    than no only exactly all happened really then summary summarise summarize summarised summarized
    summarising summarizing summarisation summarization recap overview gist synopsis tl dr tldr
    too nutshell one liner headline headlines title whole form list list? here there some mind
    couple few single paragraph explain one two three four five six seven eight nine ten"""
    )
)


@dataclass(frozen=True)
class Intent:
    """What a chat message asks for: a summary (of some length) or an answer to a question."""

    kind: Literal["summary", "question"]
    length: Length | None = None
    headline: bool = False
    """A summary request that asks only for the headline."""


def _count(text: str, unit: str) -> int | None:
    match = re.search(rf"\b{_COUNT}[- ]?(?:{unit})", text)
    if not match:
        return None
    raw = match.group(1)
    return int(raw) if raw.isdigit() else _NUMBERS[raw]


def summary_length(text: str) -> Length:
    """The ``Length`` a summary request asks for (``text`` lower-cased).

    >>> summary_length("give me 3 bullet points")
    Length(style='bullets', sentences=3, words=None)
    >>> summary_length("in one sentence")
    Length(style='one-line', sentences=None, words=None)
    >>> summary_length("summarise in two sentences"), summary_length("tl;dr in 40 words")
    (Length(style='short', sentences=2, words=None), Length(style='short', sentences=None, words=40))
    """
    words = _count(text, r"words?")
    if re.search(r"\b(bullets?|bullet points?|key points|main points|points|list)\b", text):
        return Length(
            "bullets", _count(text, r"(?:bullet points?|bullets?|key points|main points|points)"), words
        )
    sentences = _count(text, r"sentences?|lines?")
    if words:
        return Length("short", None, words)
    if sentences == 1 or re.search(r"\b(one[- ]liner|in a nutshell|tl;? ?dr|too long|headline)\b", text):
        return Length("one-line")
    if sentences:
        return Length("short", sentences)
    if re.search(r"\b(longer|detailed|more detail|in detail|full)\b", text):
        return Length("short", 5)
    return Length()


def route(message: str) -> Intent:
    """Summary and headline requests go to the summariser; everything else is a question.

    >>> route("tl;dr").length, route("headline?").headline, route("Who made the call?").kind
    (Length(style='one-line', sentences=None, words=None), True, 'question')
    >>> route("What's this about?").kind, route("summarise").kind
    ('question', 'summary')
    """
    text = " ".join(message.lower().replace("’", "'").split())
    summary_cue = _SUMMARY_CUE.search(text)
    headline_cue = _HEADLINE_CUE.search(text)
    if not (summary_cue or headline_cue):
        return Intent("question")
    leftover = [
        w
        for w in re.findall(r"[a-z][a-z']*", re.sub(r"tl;? ?dr", " ", text))
        if w not in _FILLER and not w.isdigit()
    ]
    if leftover:
        return Intent("question")
    if headline_cue and not summary_cue:
        return Intent("summary", Length("one-line"), headline=True)
    return Intent("summary", summary_length(text))
