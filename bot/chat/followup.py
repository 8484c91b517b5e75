"""Follow-up resolution: rewrite a question that leans on the previous turn into one that stands
alone, before retrieval. Pure functions on strings; no models.

* "tell me more", "go on", "what else?", "like what?" -> the previous question (the chat then skips
  the sentences already quoted);
* "and the UK?", "what about the traders?" -> the previous question with its last named thing
  swapped for the new one, or the new thing added to it;
* he / she / him / his / her -> the person named in the previous question, else in its answer,
  else the one the story is about (the previous question still goes along for its terms);
* a short question that still points back ("when did he say that?", "why?") gets the previous
  question attached in brackets, so retrieval sees its terms; one level deep (``context``).
"""

from __future__ import annotations

import re

from bot.qa.article_level import article_kind
from bot.qa.naming import MONTHS_DAYS
from bot.text import PERSON_NAME, TITLES, own_words


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MORE = re.compile(
    r"^(tell me more|more|more please|go on|continue|keep going|elaborate|say more|what else|"
    r"anything else|more details?|and then|then what|and\??|like what|such as|for example|for instance"
    r"|any examples?|examples?)[\s.!?]*$",
    re.IGNORECASE,
)
_ELLIPSIS = re.compile(
    r"^(?:and|and what about|what about|how about|what of|and how about)\s+(.+?)[\s?.!]*$", re.I
)
_TITLED = re.compile(rf"^{TITLES}\.?\s")
_QUESTION_WORD = re.compile(
    r"(?:what|who|whom|whose|when|where|why|how|which|is|are|was|were|did|do|does|can|could|will|would"
    r"|has|have|had|should)\b",
    re.IGNORECASE,
)
"""What a whole question opens with: "and how many ...?" asks anew, it names no thing to swap in."""
_NOT_NAMES = _wordset(
    """what who whom whose when where why how which is are was were did do does can could would should
    will and but the a an in on at he she it they we you i his her their its this that there then
    tell also and so if yes no ok okay read more related share follow"""
)
_CONTRACTION = re.compile(r"['’](?:s|re|ll|d|ve)$")
_POSSESSIVE = re.compile(r"['’]s?$")
_PERSONAL = re.compile(r"\b(he|she|him|his|her|hers)\b", re.IGNORECASE)
_POINTING = re.compile(r"\b(that|this|it|there|then|those|these|they|them|their|so|why)\b", re.IGNORECASE)
_WEATHER = r"(?:rain|snow|hail|pour|drizzl|sunny|cloudy|windy|foggy|stormy|cold|hot|warm|freezing|dark)\w*"
_IMPERSONAL = re.compile(
    rf"\b(?:is|was|will|does|did)\s+it\s+(?:be\s+|going\s+to\s+\w+\s+)?{_WEATHER}"
    rf"|\bit(?:'s|’s|\s+is|\s+was|\s+will\s+be)\s+{_WEATHER}|\bwhat\s+time\s+is\s+it\b",
    re.IGNORECASE,
)
_STOP = _wordset(
    """what who whom whose when where why how which is are was were did do does can could would should will
    and but the a an in on at to of for with by from about he she it they them their his her him this that
    there then those these so say said tell me happen happened mean has have had been going"""
)


def is_more(message: str) -> bool:
    """Whether a message only asks for more on the last topic.

    >>> is_more("Tell me more!"), is_more("tell me more about the levy"), is_more("like what?")
    (True, False, True)
    """
    return bool(_MORE.match(" ".join(message.split())))


def names(text: str) -> list[str]:
    """Capitalised name spans in order; a title-case word that opens the text or a quote is skipped
    unless it is part of a longer name.

    >>> names("Council leader Maria Okafor met Ms. Rees in Port Elwyn on Tuesday.")
    ['Maria Okafor', 'Ms. Rees', 'Port Elwyn', 'Tuesday']
    >>> names("Who brought the motion?"), names("When did the UK join?"), names("Who's Priya Nandakumar?")
    ([], ['UK'], ['Priya Nandakumar'])
    >>> names('"Outbreaks like this are a warning," Okafor said.')
    ['Okafor']
    """
    found = []
    for match in PERSON_NAME.finditer(text):
        span = match.group(0).strip()
        first = _CONTRACTION.sub("", span.split()[0].rstrip(".").lower())  # "Who's Priya Nandakumar?"
        if first in _NOT_NAMES:
            rest = span.split(maxsplit=1)
            if len(rest) < 2:
                continue
            span = rest[1]
        opens = match.start() == 0 or text[: match.start()].endswith(('"', "“", "‘"))  # a quote's first word
        if opens and " " not in span and not _TITLED.match(span):
            continue
        found.append(span)
    return found


_GROUPS = _wordset(
    """association council party club company ministry government university school port street
    town city county league union committee court police bank group agency office department
    house hall station bay river national forest ridge valley reserve library libraries museum
    hospital trust service services airport airways airlines railway road centre center zoo farm
    water energy institute foundation society charity network campaign coalition fund festival
    project team labs news times"""
)
"""Words of organisation and place names. Words that are also common surnames ("Park", "Lane",
"Lake") are left out, so that "Sarah Lane" stays a person."""


def person(text: str, *, single: bool = True) -> str | None:
    """The most person-like name in a text: a titled name, else a two-word name, else (``single``)
    any one-word name; names holding an organisation or place word ("Association", "Port") and days
    and months ("Thursday") are passed over.

    >>> person("Council leader Maria Okafor spoke in Port Elwyn.")
    'Maria Okafor'
    >>> person("A hiker lost in Alder Ridge National Park was found by a volunteer search team.")
    >>> person("Ms. Okafor said the town had reached a breaking point.")
    'Ms. Okafor'
    >>> person("A landlord was jailed at Wrexford Crown Court on Thursday."), person("It was Rees.")
    (None, 'Rees')
    >>> person("It was Rees.", single=False)
    >>> person("How big is Tom Beckwith's farm?"), person("Eastmere Water's chief, Graham Tolley, said so.")
    ('Tom Beckwith', 'Graham Tolley')
    """
    spans = [_POSSESSIVE.sub("", n) for n in names(text)]  # "Tom Beckwith's farm": Tom Beckwith
    found = [n for n in spans if not _GROUPS & set(n.lower().split()) and n.lower() not in MONTHS_DAYS]
    for span in found:
        if _TITLED.match(span):
            return span
    for span in found:
        if len(span.split()) >= 2:
            return span
    return found[0] if found and single else None


_WHO = re.compile(r"^\s*(?:and\s+)?who(?:['’]s|\s)", re.IGNORECASE)


def answered_who(question: str, answer: str) -> str | None:
    """The person a "who ...?" question was answered with, when the question itself named nobody
    but a company or a place ("Who runs Cobaltline?": "she" is then the chief executive named in the
    answer). A question that named a person keeps its own name for them ("Who is Rees?").

    >>> answered_who("Who runs Cobaltline?", "Dana Whitfield, Cobaltline's chief executive, said so.")
    'Dana Whitfield'
    >>> answered_who("Who is Rees?", "Dafydd Rees spoke."), answered_who("who is dana ray", "Dana Ray said.")
    (None, None)
    """
    if not _WHO.match(question):
        return None
    named = person(answer, single=False)
    asked = person(question)
    if named is None or (asked is not None and (len(asked.split()) > 1 or asked in named)):
        return None
    if asked is None and asked_about(question, answer):  # "who is maria lucero" typed in lower case
        return None
    return named


def asked_about(question: str, answer: str) -> str | None:
    """The name in ``answer`` that a question typed without capitals asked about: the longest run of
    a name's words that the question also uses ("who is maria lucero" of "said Alder Creek Fire
    Chief Maria Lucero" asked about "Maria Lucero").

    >>> asked_about("who is maria lucero", "Crews pulled back, said Alder Creek Fire Chief Maria Lucero.")
    'Maria Lucero'
    >>> asked_about("who is the fire chief", "It was Maria Lucero."), asked_about("who won", "Rees.")
    (None, None)
    >>> asked_about("what did the minister say", "Environment Minister Helen Marchetti said so.")
    >>> asked_about("who is lucero", "said Fire Chief Maria Lucero.")
    'Lucero'
    """
    asked = set(_content_words(question))
    best: list[str] = []
    for span in names(answer):
        words = span.split()
        run: list[str] = []
        for at, word in enumerate([*words, ""]):
            if word and word.lower().strip(".,") in asked:
                run.append(word)
                continue
            # two words of a name, or its last (a surname: "who is lucero"), not a title ("minister")
            if len(run) > len(best) and (len(run) >= 2 or (run and at == len(words))):
                best = run
            run = []
    return " ".join(best) if best else None


def _swap_person(question: str, who: str) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        following = question[match.end() :].lstrip()
        if word == "his" or (word == "her" and following[:1].isalpha() and _possessive(following)):
            return f"{who}'s"
        if word == "hers":
            return f"{who}'s"
        return who

    return _PERSONAL.sub(swap, question)


def _possessive(following: str) -> bool:
    nxt = re.match(r"[\w'’-]+", following)
    return nxt is not None and nxt.group(0).lower() not in _STOP | {"after", "before", "during", "again"}


def _named_before(text: str) -> bool:
    """Whether a capitalised word after the first one names somebody the pronoun can point back to
    in the same question ("Did Rees say he would object?"), so it is not the previous turn's person.

    >>> _named_before("Did Rees say "), _named_before("What did ")
    (True, False)
    """
    return any(w[:1].isupper() for w in text.split()[1:])


def impersonal(text: str) -> bool:
    """Whether the question's "it" is the weather's or the clock's, which points back to nothing.

    >>> impersonal("Is it raining now?"), impersonal("What time is it?"), impersonal("When does it start?")
    (True, True, False)
    """
    return bool(_IMPERSONAL.search(text))


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9][a-z0-9'’-]*", text.lower()) if w not in _STOP]


def with_context(resolved: str, question: str) -> bool:
    """Whether ``resolve`` only added the previous question in brackets to a question that names
    enough of its own (two content words or more), so that it may also be asked alone.

    >>> asked = "How long do they have to appeal?"
    >>> with_context(f"{asked} (Is Zipline going to sue?)", asked)
    True
    >>> with_context("Why? (Who brought the motion?)", "Why?"), with_context("Who is Rees?", "Who is Rees?")
    (False, False)
    """
    return resolved.startswith(f"{question} (") and len(_content_words(question)) >= 2


def context(resolved: str) -> str:
    """What a resolved question lends the next one as context: its own words when they name enough
    (two content words or more), else its own words with only their own context's own words, so
    that a run of follow-ups never nests brackets deeper than one.

    >>> context("How cold should it be? (What did the inspectors find?)")
    'How cold should it be?'
    >>> context("where was it (How much went on the villa? (Who is Pell?))")
    'where was it (How much went on the villa?)'
    """
    own = own_words(resolved)
    if own == resolved or len(_content_words(own)) >= 2:
        return own
    return f"{own} ({own_words(resolved[len(own) :].strip()[1:-1])})"


def resolve(
    question: str, last_question: str | None, last_answer: str | None = None, story_person: str | None = None
) -> str:
    """The question made to stand alone, given the previous question and its answer, and the person
    the story is about (``story_person``), whom "he" or "she" means when neither names anybody.

    >>> resolve("Tell me more", "Who brought the motion?")
    'Who brought the motion?'
    >>> resolve("and the UK?", "How many cases were reported in France?")
    'How many cases were reported in the UK?'
    >>> resolve("When did he say that?", "What did Dafydd Rees say?", "He said members would object.")
    'When did Dafydd Rees say that? (What did Dafydd Rees say?)'
    >>> resolve("What is the levy?", "Who brought the motion?")
    'What is the levy?'
    >>> resolve("Why does this matter?", "Who brought the motion?")
    'Why does this matter?'
    >>> resolve("What did he say about the UK?", "Who is Liu Xiaoming?")
    'What did Liu Xiaoming say about the UK?'
    >>> resolve("Did Rees say he would object?", "Who is Maria Okafor?")
    'Did Rees say he would object?'
    >>> resolve("what did she say about it?", "who is maria lucero", "It shut, said Chief Maria Lucero.")
    'what did Maria Lucero say about it? (who is maria lucero)'
    >>> resolve("Is it raining now?", "Who brought the motion?")
    'Is it raining now?'
    >>> resolve("And how many of those are shutting?", "How many branches does Brickhouse have?")
    'How many of those are shutting? (How many branches does Brickhouse have?)'
    >>> resolve("How long will he be jailed?", "Who's the landlord?", "He was jailed on Thursday.")
    "How long will he be jailed? (Who's the landlord?)"
    >>> resolve("how old is he?", "who won it", "A retired postman has won £4.2m.", "Dennis Harrow")
    'how old is Dennis Harrow? (who won it)'
    >>> resolve("who's paying for it", "How much will it cost? (Where does it start? (How long is it?))")
    "who's paying for it (How much will it cost?)"
    """
    text = " ".join(question.split())
    if not last_question or article_kind(text):  # "why does this matter?": "this" is the article
        return text
    if is_more(text):
        return last_question
    ellipsis = _ELLIPSIS.match(text)
    if ellipsis and _QUESTION_WORD.match(ellipsis.group(1)):  # "and how many of those are shutting?"
        text, ellipsis = ellipsis.group(1)[:1].upper() + ellipsis.group(1)[1:] + "?", None
    if ellipsis:
        fragment = ellipsis.group(1)
        before = names(last_question)
        if before:
            target = before[-1]
            at = last_question.rfind(target)
            start = at
            if last_question[:at].endswith("the ") and fragment.lower().startswith("the "):
                start = at - 4
            return last_question[:start] + fragment + last_question[at + len(target) :]
        if article_kind(own_words(last_question)):  # "what's the background?" names no thing to swap
            return f"What about {fragment}?"
        return f"{context(last_question).rstrip(' ?.!')}: what about {fragment}?"
    resolved = text
    unresolved = False  # "he" with nobody named before: the previous question says who
    pronoun = _PERSONAL.search(text)
    if pronoun and not _named_before(text[: pronoun.start()]):
        who = (
            answered_who(last_question, last_answer or "")
            or person(last_question)
            or asked_about(last_question, last_answer or "")  # "who is maria lucero" typed in lower case
            or person(last_answer or "", single=False)  # one capitalised word there is as often a place
        )
        unresolved = who is None  # the last turn still lends its question, for the terms it asked
        who = who or story_person  # nobody named in the last turn: the one the story is about
        if who:
            resolved = _swap_person(text, who)
    dangling = _POINTING.search(resolved) and len(_content_words(resolved)) <= 3 and not impersonal(text)
    if dangling or unresolved or not _content_words(text):
        resolved = f"{resolved} ({context(last_question)})"
    return resolved
