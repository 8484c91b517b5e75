"""Quote questions ("what did Okafor say?", "how did the union react?"): the person's own words.

``quote_target`` finds who the question asks about; ``attributed`` walks the article and keeps the
sentences that quote or report that speaker: a sentence naming them beside a speech verb, or a
quote whose speaker is only "he"/"she" (or not named) right after one of theirs. Direct quotes
(in quotation marks) come first. Pure functions; no models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.article import Sentence
from bot.qa.markets import market_asked
from bot.retrieval.index import terms
from bot.text import TITLES

_ASK = (
    re.compile(
        r"\bwhat(?: (?:did|does|do|has|have|had|was|is|were)|['’]s) (?P<who>.+?) "
        r"(?:say|said|saying|tell|told|think|"
        r"add|added|claim|argue|state|write|announce|reply|answer|warn|mean|have to say|make of)\b",
        re.I,
    ),
    re.compile(
        r"\bhow (?:did|does|do|has|have|had) (?P<who>.+?) (?:react|respond|reply|answer|feel|see|"
        r"reacted|responded|replied|answered|felt|seen)\b",
        re.I,
    ),
    re.compile(r"\bhow (?:was|is) (?P<who>.+?) reacting\b", re.I),
    # "what is he worried about?": a worry is told in the speaker's own words
    re.compile(
        r"\bwhat (?:is|was|are|were) (?P<who>.+?) "
        r"(?:worried|concerned|afraid|scared|nervous|anxious) (?:about|of)\b",
        re.I,
    ),
    re.compile(
        r"\bwhat(?: (?:was|is|were|are)|['’]s) (?P<who>.+?)['’]s? (?:reaction|response|view|views|position|"
        r"statement|comment|comments|answer|reply|words|verdict|take|argument|arguments|opinion|stance|"
        r"criticism|objection|objections|complaint|explanation|message|defence|defense|justification|plea)\b",
        re.I,
    ),
    re.compile(r"\bwhat (?:was|is) the (?:reaction|response|reply) (?:of|from) (?P<who>.+?)[?.!]*$", re.I),
    re.compile(r"\bdid (?P<who>.+?) (?:say|comment|react|respond)\b", re.I),
    re.compile(
        r"^(?:(?:was|is) there )?(?:any|a) (?:comment|response|reaction|reply|statement|word) (?:from|by) "
        r"(?P<who>.+?)[?.!]*$",
        re.I,
    ),
    re.compile(r"^(?:has|have|had) (?P<who>.+?) (?:said|commented|spoken|responded|reacted)\b", re.I),
)
_SPEECH = re.compile(
    r"\b(said|says|say|told|tells|added|adds|stated|states|warned|warns|argued|argues|insisted|insists|"
    r"claimed|claims|according to|wrote|writes|explained|explains|asked|replied|responded|denied|"
    r"denies|announced|admitted|conceded|declared|urged|vowed|called|described|statement|"
    r"welcomed|criticised|criticized|condemned|praised|rejected|dismissed)\b"
)
_PHONED = re.compile(r"\bcalled(?=\s(?:\d|(?:the )?police\b|(?:an )?ambulance\b|emergency\b|for help\b))")
"""A telephone call ("called 911", "called the police"), which is not speech."""


def without_calls(text: str) -> str:
    """The text with a telephone call's "called" read as "phoned", so it is not taken for speech.

    >>> without_calls("His wife called 911, then called it a miracle.")
    'His wife phoned 911, then called it a miracle.'
    """
    return _PHONED.sub("phoned", text)


_QUOTE = re.compile(r"[“”\"]|(?:^|\s)['‘]\w")
_OPENS_QUOTE = re.compile(r"^\s*[“\"‘]")
"""A sentence that is a quote from its first word (not narration quoting a phrase)."""
_PRONOUN_SPEECH = re.compile(
    r"\b(he|she|they)\s+(said|says|added|adds|told|warned|argued|insisted|explained)\b", re.I
)


def pronoun_speech(sentence: str) -> bool:
    """Whether a sentence attributes its words to "he", "she" or "they".

    >>> pronoun_speech('"I sat by the phone," she said.'), pronoun_speech('"No," Rees said.')
    (True, False)
    """
    return bool(_PRONOUN_SPEECH.search(sentence))


_NAME_SPEECH = re.compile(
    r"\b([A-Z][\w'’-]+)\s+(?:said|says|added|adds|told|warned|argued|insisted|explained|stated|wrote)\b"
    r"|\b(?:said|says|added|told|according to)\s+(?:[a-z]+\s+){0,3}([A-Z][\w'’-]+)"
)
_DROP = frozenset(
    [
        "the",
        "a",
        "an",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "minister",
        "secretary",
        "of",
    ]
)


_ARTICLES = frozenset(["the", "a", "an", "of"])

SUBJECT_WORDS = 2
"""A speaker named among a sentence's first words is its subject, however far the speech verb."""


def quote_target(question: str) -> str | None:
    """Who a quote question asks about (as written), or None when it is not a quote question.

    >>> quote_target("What did Pompeo say?"), quote_target("How did the traders' association react?")
    ('Pompeo', "the traders' association")
    >>> quote_target("What was Maria Okafor's response?"), quote_target("When did Pompeo speak?")
    ('Maria Okafor', None)
    >>> quote_target("How have the Nigerians reacted?"), quote_target("Has Daniel said anything since?")
    ('the Nigerians', 'Daniel')
    >>> quote_target("What's the owner's response?"), quote_target("What was Tom Reyes's argument?")
    ('the owner', 'Tom Reyes')
    >>> quote_target("any comment from Bramleys?"), quote_target("what's Quennell saying")
    ('Bramleys', 'Quennell')
    >>> quote_target("How did the shares react?"), quote_target("How did the pound react to the vote?")
    (None, None)
    """
    asked = _asked(question)
    if asked is None:
        return None
    text, match = asked
    who = match.group("who").strip(" ,?")
    if who.lower() in ("it", "this", "that", "the article", "the story", "they say", "you"):
        return None
    if market_asked(text) is not None:  # "how did the shares react?" asks how they moved
        return None
    return who


def _asked(question: str) -> tuple[str, re.Match[str]] | None:
    """The question with its spaces folded and the first quote-question wording (``_ASK``) it has."""
    text = " ".join(question.split())
    for pattern in _ASK:
        match = pattern.search(text)
        if match:
            return text, match
    return None


_TOPIC = re.compile(r"^\s*(?:about|on|over|regarding|concerning|to|of|at)\s+(?P<topic>.+?)[\s?.!]*$", re.I)


def quote_topic(question: str) -> str | None:
    """What a quote question asks the speaker's words about ("what did Lang say about the rise?" ->
    "the rise"), or None when it names no subject.

    >>> quote_topic("What did Lang say about the rise?"), quote_topic("How did Ames respond to being sued?")
    ('the rise', 'being sued')
    >>> quote_topic("What was the mayor's reaction to the ban?"), quote_topic("What did Lang say?")
    ('the ban', None)
    """
    asked = _asked(question)
    if asked is None:
        return None
    text, match = asked
    topic = _TOPIC.match(text[match.end() :])
    return topic.group("topic") if topic else None


def on_topic(topic: str, found: Sequence[Sentence], paragraphs: Sequence[str]) -> list[Sentence]:
    """A speaker's quotes (``found``, strongest first) with the one that speaks of ``topic`` first: most
    of its words in the sentence (twice) and in its paragraph (once); unchanged when none does.

    >>> quotes = [Sentence("“We could not reach them,” Lang said.", 1, 0),
    ...           Sentence("Lang said the rise reflected a surge in visitors.", 2, 1)]
    >>> [s.index for s in on_topic("the rise", quotes, ["...", "..."])]
    [1, 0]
    >>> [s.index for s in on_topic("that", quotes, ["...", "..."])], on_topic("it", [], [])
    ([0, 1], [])
    """
    wanted = set(terms(topic))
    if not wanted or len(found) < 2:
        return list(found)

    def score(s: Sentence) -> int:
        here = wanted & set(terms(s.text))
        inside = 0 < s.paragraph <= len(paragraphs)
        around = wanted & set(terms(paragraphs[s.paragraph - 1])) if inside else set()
        return 2 * len(here) + len(around)

    scores = [score(s) for s in found]
    best = scores.index(max(scores))  # the first of the best, strongest first
    if scores[best] == 0:
        return list(found)
    return [found[best], *found[:best], *found[best + 1 :]]


def fold(word: str) -> str:
    """A lower-case word with a plural "s" cut, so "passengers" finds "Passenger groups"; applied to
    the question's words and the sentence's alike, so a name ending in "s" still matches itself.

    >>> fold("passengers"), fold("rees"), fold("business"), fold("bus")
    ('passenger', 'ree', 'business', 'bus')
    """
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_POSSESSIVE = re.compile(r"(?<=\w)['’]s?\s+(?=\w)")


def target_words(who: str) -> list[str]:
    """Lower-cased words that identify the speaker in a sentence (titles and articles dropped),
    plurals folded (``fold``). After a possessive only what is owned speaks: "Dewhurst's lawyer"
    is the lawyer, not Dewhurst.

    >>> target_words("Mr. Dafydd Rees"), target_words("the traders' association")
    (['dafydd', 'ree'], ['association'])
    >>> target_words("Malcolm Dewhurst's lawyer"), target_words("Rees'")
    (['lawyer'], ['ree'])
    >>> target_words("the environment secretary"), target_words("Secretary Pompeo")
    (['environment', 'secretary'], ['pompeo'])
    """
    owned = _POSSESSIVE.split(who, maxsplit=1)
    if len(owned) == 2 and owned[1].strip():
        who = owned[1]
    out = []
    found = re.findall(r"[\w'’-]+", who.lower())
    for k, w in enumerate(found):
        w = re.sub(r"['’]s?$", "", w)
        # a title before a name is dropped ("Secretary Pompeo"); one that ends the phrase is who
        # speaks ("the environment secretary")
        if w and (w not in _DROP or (k == len(found) - 1 and k > 0 and w not in _ARTICLES)):
            out.append(fold(w))
    return out


_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"|(?<!\w)['‘][^'‘’]*['’](?!\w)")
_OPEN_TO_END = re.compile(r"[“\"].*$")
_START_TO_CLOSE = re.compile(r"^.*[”\"]")


def outside_quotes(sentence: str) -> str:
    """The sentence without its quoted words: paired quotation marks and what they enclose, a quote
    opened and not closed (it runs on to the next sentence), or closed and not opened.

    >>> outside_quotes('“Leeds broke the rules,” Hart said, and Leeds council “will appeal”.')
    ' Hart said, and Leeds council .'
    >>> outside_quotes("“It has gone through a lot of process."), outside_quotes("It was, he said, 'awful'.")
    ('', 'It was, he said, .')
    >>> outside_quotes('we will go," Rees said.'), outside_quotes('Rees said: "We will go.')
    (' Rees said.', 'Rees said: ')
    """
    text = _QUOTED.sub("", sentence)
    lone = text.find('"')
    closes = lone >= 0 and (lone == len(text) - 1 or text[lone - 1 : lone] in (",", ".", "!", "?", "…"))
    if "“" in text or (lone >= 0 and not closes):
        text = _OPEN_TO_END.sub("", text)
    if "”" in text or (lone >= 0 and closes):
        text = _START_TO_CLOSE.sub("", text)
    return text


def _mentions(sentence: str, key: list[str], person: str | bool = False) -> bool:
    """Whether the sentence names the speaker outside quotation marks (a name inside somebody's
    quote does not make its bearer the one who speaks)."""
    return _names(outside_quotes(sentence), key, person)


def _names(sentence: str, key: list[str], person: str | bool = False) -> bool:
    """Whether the sentence names ``key``: all its words, or its last (a surname, a role), and for a
    ``person``'s name not with another first name right before it ("Laura Whitcombe" is not Marisol
    Whitcombe).

    >>> _names("Laura Whitcombe said the family waited.", ["marisol", "whitcombe"], person=True)
    False
    >>> _names("Mrs Whitcombe said so.", ["marisol", "whitcombe"], True)
    True
    >>> _names("Dr. Shah said so.", ["doctor"])
    True
    >>> _names("Tennis Ireland said so.", ["people", "in", "ireland"])
    True
    >>> _names("Chief executive Priya Ramsden said so.", ["boss"])
    True
    """
    if not key:
        return False
    lowered = [fold(w) for w in re.findall(r"[\w-]+", sentence.lower())]
    if all(k in lowered for k in key):
        return True
    if person == "full":
        return False
    surname = key[-1]
    wanted = {surname, *_ALIASES.get(surname, ())}
    if not wanted & set(lowered):
        return False
    if not person or len(key) < 2:
        return True
    found = list(re.finditer(r"[\w'’-]+", sentence))
    for i, match in enumerate(found):
        if fold(re.sub(r"['’]s?$", "", match.group().lower())) not in wanted:
            continue
        adjacent = i > 0 and not sentence[found[i - 1].end() : match.start()].strip()
        before = found[i - 1].group() if adjacent else ""
        folded = fold(before.lower())
        if not (before[:1].isupper() and folded not in _DROP and folded not in _TITLES and folded not in key):
            return True
    return False


_TITLES = frozenset(
    re.findall(
        r"\w+",
        "councillor cllr judge rev father officer sergeant detective inspector chief captain coach senator "
        "governor mayor rep sen gov st saint king queen prince princess general colonel major",
    )
)
"""Words that may stand before a surname without being another first name."""
_ALIASES = {
    "doctor": ("dr", "physician"),
    "professor": ("prof",),
    "boss": ("chief", "ceo", "chairman", "chairwoman", "chair", "manager", "director", "head"),
    "ceo": ("chief",),
    "scientist": ("researcher",),
    "researcher": ("scientist",),
    "spokesperson": ("spokesman", "spokeswoman"),
    "defence": ("barrister", "counsel", "lawyer", "solicitor", "kc", "qc", "attorney"),
    "defense": ("barrister", "counsel", "lawyer", "attorney"),
    "prosecution": ("prosecutor", "prosecuting"),
}
"""How an article may name a speaker the question calls by a role ("the doctor": "Dr. Shah"; "the
boss": "chief executive Priya Ramsden")."""


def _named_speaker(sentence: str) -> str | None:
    match = _NAME_SPEECH.search(sentence)
    if not match:
        return None
    return (match.group(1) or match.group(2) or "").lower()


def _subject_named(sentence: str) -> str | None:
    """The name right before the sentence's speech verb, lower-cased ("Okafor told ..."), if any."""
    match = _NAME_SPEECH.search(outside_quotes(sentence))
    return match.group(1).lower() if match and match.group(1) else None


def full_name_only(who: str, sentences: Sequence[Sentence]) -> bool:
    """Whether ``who`` is a person's full name whose surname the article first gives to someone
    else, so that the surname alone means them ("Whitcombe" is Daniel, not his wife Marisol).

    >>> from bot.article import Sentence
    >>> s = [Sentence("Daniel Whitcombe, 34, was found.", 1, 0), Sentence("His wife, Marisol, called.", 1, 1)]
    >>> full_name_only("Marisol Whitcombe", s), full_name_only("Daniel Whitcombe", s)
    (True, False)
    """
    if not is_person(who):
        return False
    first, surname = who.split()[0], who.split()[-1]
    for s in sentences:
        match = re.search(rf"\b([A-Z][\w'’-]+)\s+{re.escape(surname)}\b", s.text)
        if match and match.group(1).lower() not in _DROP and match.group(1).lower() not in _TITLES:
            return match.group(1) != first
    return False


def full_name(who: str, sentences: Sequence[Sentence]) -> str:
    """A person asked about by their first name alone ("What did Daniel say?") is looked for by the
    full name the article first gives them, whose surname it then uses.

    >>> from bot.article import Sentence
    >>> s = [Sentence("Daniel Whitcombe, 34, was found.", 1, 0), Sentence("Whitcombe was cold.", 2, 1)]
    >>> full_name("Daniel", s), full_name("Whitcombe", s), full_name("the ranger", s)
    ('Daniel Whitcombe', 'Whitcombe', 'the ranger')
    """
    if not re.fullmatch(r"[A-Z][\w'’-]+", who):
        return who
    # only where the article never uses it alone ("Calder boss Martin Hale": Calder is a club)
    pattern = re.compile(rf"\b{re.escape(who)}\b(?:\s+([A-Z][\w'’-]+))?")
    following = {m.group(1) for s in sentences for m in pattern.finditer(s.text)}
    return f"{who} {following.pop()}" if len(following) == 1 and None not in following else who


def called_by(who: str, sentences: Sequence[Sentence]) -> str:
    """The first name alone when that is how the article goes on to name a person it introduced in
    full (a tabloid's "Jodie told The Rattle" after "keeper Jodie Farrell"): the surname never stands
    without the first name, and the first name stands alone somewhere. Else ``who`` itself.

    >>> from bot.article import Sentence
    >>> s = [Sentence("Keeper Jodie Farrell, 27, found them.", 1, 0), Sentence("Jodie told us so.", 2, 1)]
    >>> called_by("Jodie Farrell", s), called_by("Jodie", s)
    ('Jodie', 'Jodie')
    >>> called_by("Jodie Farrell", [*s, Sentence("Farrell said so.", 3, 2)])
    'Jodie Farrell'

    A person the article never names in full, whose surname it gives to another of the family
    ("Dennis Harrow ... Mr Harrow ... His wife, Margaret, said"), goes by the first name:

    >>> family = [Sentence("Dennis Harrow won.", 1, 0), Sentence("Mr Harrow, 68, and Margaret spoke.", 2, 1)]
    >>> called_by("Margaret Harrow", family), called_by("Dennis Harrow", family)
    ('Margaret', 'Dennis Harrow')
    >>> called_by("Margaret Harrow", family[1:])
    'Margaret Harrow'

    """
    if not is_person(who):
        return who
    first, surname = who.split()[0], who.split()[-1]
    alone_surname = re.compile(rf"(?<!{re.escape(first)} )\b{re.escape(surname)}\b")
    alone_first = re.compile(rf"\b{re.escape(first)}\b(?!\s+[A-Z])")
    relative = re.compile(rf"\b(?!{re.escape(first)}\b|{TITLES}\b)[A-Z][a-z]+ {re.escape(surname)}\b")
    family = not any(who in s.text for s in sentences) and any(relative.search(s.text) for s in sentences)
    if not family and any(alone_surname.search(s.text) for s in sentences):
        return who
    return first if any(alone_first.search(s.text) for s in sentences) else who


_COLLECTIVE = frozenset(["government", "council", "authority", "company", "firm", "public", "industry"])
_HEAD = re.compile(r"^(?:the |its |their |local )*([a-z-]+)(?: (?:of|in|at|from) .*)?$")


def group(who: str) -> bool:
    """Whether a quote question asks about a group in common nouns ("the rivals", "the owners of the
    gems", "the government"), which may have answered by acting rather than by speaking.

    >>> group("the rivals"), group("the owners of the gems"), group("the government")
    (True, True, True)
    >>> group("the environment secretary"), group("Rees"), group("the Greens"), group("the boss")
    (False, False, False, False)
    """
    head = _HEAD.match(who)
    if head is None:
        return False
    word = head.group(1)
    return word in _COLLECTIVE or (word.endswith("s") and not word.endswith("ss"))


def is_person(who: str) -> bool:
    """Whether ``who`` is a person's full name: two or more words, each capitalised.

    >>> is_person("Marisol Whitcombe"), is_person("the local MP"), is_person("Pompeo")
    (True, False, False)
    """
    parts = who.split()
    return len(parts) > 1 and all(p[:1].isupper() for p in parts)


def _person(who: str, sentences: Sequence[Sentence]) -> str:
    """How ``_names`` matches ``who``: "" (any way), "person" (a full name: the surname alone, but
    not after another first name) or "full" (only the full name: ``full_name_only``)."""
    return "full" if full_name_only(who, sentences) else "person" if is_person(who) else ""


def mentioned(who: str, sentences: Sequence[Sentence]) -> bool:
    """Whether any sentence names the speaker."""
    key, person = target_words(who), _person(who, sentences)
    return any(_names(s.text, key, person) for s in sentences)


def speech_near(sentence: Sentence, sentences: Sequence[Sentence]) -> bool:
    """Whether a sentence, or the next one in its paragraph, quotes or reports speech (a quotation
    mark, "said", "warned", "welcomed"...): someone it names may be speaking there.

    >>> from bot.article import Sentence
    >>> s = [Sentence("Calder boss Martin Hale was angry.", 1, 0),
    ...      Sentence('"We were robbed," he said.', 1, 1),
    ...      Sentence("Experts at the British Museum will study the coins.", 2, 2)]
    >>> speech_near(s[0], s), speech_near(s[2], s)
    (True, False)
    """
    following = [t for t in sentences if t.index == sentence.index + 1 and t.paragraph == sentence.paragraph]
    return any(bool(_QUOTE_MARK.search(t.text) or _SPEECH.search(t.text)) for t in [sentence, *following])


def heard(who: str, sentences: Sequence[Sentence]) -> bool:
    """Whether the article may give ``who``'s words: a sentence names them, not only as the one
    spoken to or about ("raise it with the environment secretary"), with speech in it or the next
    sentence of its paragraph (``speech_near``).

    >>> from bot.article import Sentence
    >>> s = [Sentence("She would raise it with the environment secretary.", 1, 0),
    ...      Sentence("The secretary said the fine was fair.", 2, 1)]
    >>> heard("the environment secretary", s[:1]), heard("the secretary", s)
    (False, True)
    """
    key, person = target_words(who), _person(who, sentences)
    written = re.sub(r"^the\s+", "", who.lower())
    named_in = [s for s in sentences if written in s.text.lower()]  # "the British Museum" as written
    named_in = named_in or [s for s in sentences if _names(s.text, key, person)]
    return any(speech_near(s, sentences) and not _bystander(s.text, key) for s in named_in)


_QUOTE_MARK = re.compile(r"[\"“”]")
_WORD = re.compile(r"[\w'’-]+")


def _unquoted_matches(sentence: str) -> tuple[str, list[re.Match[str]], list[str]]:
    """The sentence outside quotation marks, its words' matches, and the words lower-cased with
    possessives cut ("Biden’s" -> "biden")."""
    text = outside_quotes(sentence)
    matches = list(_WORD.finditer(text))
    return text, matches, [re.sub(r"['’]s?$", "", m.group().lower()) for m in matches]


def _unquoted_words(sentence: str) -> list[str]:
    """Lower-cased words outside quotation marks, possessives cut.

    >>> _unquoted_words("“Go,” Biden’s campaign said.")
    ['biden', 'campaign', 'said']
    """
    return _unquoted_matches(sentence)[2]


_APPOSITIVE = re.compile(
    r"\s*(?:,[^,“”\"]{1,80}){1,2},\s*(?:(?:has|had|also|later|then)\s+)?"
    r"(?:said|says|told|tells|added|warned|argued|insisted|explained|stated|wrote|claimed)\b"
)
"""A name, then who they are between commas, then the speech verb ("Vos, chief economist at X, said";
"Margaret, 66, a former dinner lady, said")."""


def _speaks(sentence: str, key: list[str]) -> bool:
    """Whether a word of ``key`` is within four words of a speech verb, outside quotation marks:
    before it ("Rees said", "the union warned"), or after it where the name ends the clause
    ("said Rees.", "said its chairman, Rees,"), not where it opens what was said ("said the UK
    had poisoned relations").

    >>> _speaks("“No,” said Rees.", target_words("Rees")), _speaks("Liu said the UK had erred.", ["uk"])
    (True, False)
    >>> _speaks("The ambassador to the UK, Liu, said “no”.", ["uk"])
    False
    >>> _speaks("Pieter Vos, chief economist at Nordhaven Bank, said rates would rise.", ["pieter", "vos"])
    True
    >>> _speaks("His wife, Margaret, 66, a retired dinner lady, said they would stay.", ["margaret"])
    True
    >>> _speaks("Dev Patel told the committee: “No.”", ["chair", "committee"])
    False
    """
    sentence = without_calls(sentence)
    if _titled_speaker(sentence, key):  # "said Raj Mehta of the consultancy Greyfield Insight."
        return True
    text, matches, tokens = _unquoted_matches(sentence)
    verbs = [i for i, t in enumerate(tokens) if _SPEECH.fullmatch(t) or t == "according"]
    for i, t in enumerate(tokens):
        if fold(t) not in key:
            continue
        before = not _addressed(tokens, i)
        if before and _APPOSITIVE.match(text[matches[i].end() :]):  # "Vos, chief economist at X, said"
            return True
        ends_clause = not re.match(r"\s*[\w'’-]", text[matches[i].end() :])
        # after the verb, the one who speaks ("said Rees."), not the one spoken to ("told the committee:")
        after = [j for j in verbs if tokens[j] not in _TO_LISTENER]
        if any(0 < j - i <= 4 and before for j in verbs) or any(
            0 < i - j <= 4 and ends_clause for j in after
        ):
            return True
    return False


def _bystander(sentence: str, key: list[str]) -> bool:
    """Whether every mention of ``key`` outside quotation marks is one spoken to or about, not one
    speaking: the object of "to", "against"... ("the ambassador to the UK"), or what opens the
    reported clause ("said the UK had poisoned relations").

    >>> _bystander("The ambassador to the UK said the UK had “poisoned” ties.", ["uk"])
    True
    >>> _bystander("She will raise it with the environment secretary.", ["environment", "secretary"])
    True
    >>> _bystander("“We will fight,” said its chairman, Dafydd Rees, on Monday.", target_words("Rees"))
    False
    """
    if _titled_speaker(sentence, key):
        return False
    tokens = _unquoted_words(sentence)
    places = [i for i, t in enumerate(tokens) if fold(t) in key]
    firsts = [i for i in places if i - 1 not in places]  # "the environment secretary" is one mention
    return bool(places) and all(_addressed(tokens, i) or _reported(tokens, i) for i in firsts)


def _titled_speaker(sentence: str, key: list[str]) -> bool:
    """Whether ``key`` speaks, named right after the speech verb with an "of" phrase that a comma or
    a full stop closes ("..., said the mayor of Kelsbridge, Councillor Okonjo"; "said Raj Mehta of
    the consultancy Greyfield Insight."), which ``_reported`` would otherwise read as the start of
    what is said. An "of" phrase with a verb in it is what is said ("said the head of the council
    had resigned").

    >>> _titled_speaker('"It is a disaster," said the mayor of Kelsbridge, Denise Okonjo.', ["mayor"])
    True
    >>> _titled_speaker('"Yes," said Raj Mehta of the consultancy Greyfield Insight.', ["raj", "mehta"])
    True
    >>> _titled_speaker("He said the head of the council had resigned.", ["head"])
    False
    >>> _titled_speaker("He said the head of the council resigned.", ["head"])
    False
    """
    if not key:
        return False
    role = r"\s+".join(re.escape(k) + "s?" for k in key)
    match = re.search(
        rf"\b(?:said|says|added|adds)\s+(?:the\s+)?{role}\s+of\s+([^,.;:]+)[,.]",
        outside_quotes(sentence),
        re.I,
    )
    if match is None:
        return False
    words = match.group(1).split()
    return len(words) <= 6 and not any(w[:1].islower() and _VERB_LIKE.fullmatch(w) for w in words)


_VERB_LIKE = re.compile(
    r"\w+ed|had|has|have|was|were|is|are|would|will|could|should|can|may|might|did|does|do"
)
"""A lower-case word that makes an "of" phrase a clause ("of the council had resigned")."""


def _reported(tokens: list[str], i: int) -> bool:
    """Whether word ``i`` opens what a speech verb reports ("said the UK had ...", "said that X").

    >>> _reported(["liu", "said", "the", "uk", "had", "erred"], 3), _reported(["said", "rees"], 1)
    (True, False)
    >>> _reported(["said", "the", "embassy", "in", "a", "reply"], 2)
    False
    """
    j = _word_before(tokens, i, ("the", "a", "an", "that"))
    return (
        j >= 0
        and bool(_SPEECH.fullmatch(tokens[j]))
        and i + 1 < len(tokens)
        and tokens[i + 1] not in _AFTER_SPEAKER
    )


_TO_LISTENER = frozenset(["told", "tells", "tell", "asked", "asks", "urged", "urges", "called"])
"""Speech verbs whose object is the one spoken to ("told the committee")."""
_AFTER_SPEAKER = frozenset(
    [
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "via",
        "through",
        "from",
        "to",
        "yesterday",
        "today",
        "tonight",
        "last",
        "this",
        "when",
        "while",
    ]
)
"""Words that close a speaker's name after the verb ("said the embassy in a reply")."""


_TOWARD = frozenset(["to", "toward", "towards", "against", "about", "at", "with", "into", "on"])


def _addressed(tokens: list[str], i: int) -> bool:
    """Whether word ``i`` is the object of a preposition such as "to" or "against" ("the ambassador
    to the UK"), so it is not the one speaking though it stands before the speech verb.

    >>> _addressed(["ambassador", "to", "the", "uk", "liu", "said"], 3)
    True
    >>> _addressed(["the", "uk", "government", "said"], 1)
    False
    >>> _addressed(["minister", "of", "the", "uk", "said"], 3)
    False
    >>> _addressed(["according", "to", "the", "association"], 3)
    False
    """
    j = _word_before(tokens, i, ("the", "a", "an"))
    return (
        j >= 0 and tokens[j] in _TOWARD and not (tokens[j] == "to" and j > 0 and tokens[j - 1] == "according")
    )


def _word_before(tokens: list[str], i: int, skip: tuple[str, ...]) -> int:
    """The position of the last word before ``i`` that is not in ``skip`` (-1 when none).

    >>> _word_before(["to", "the", "uk"], 2, ("the",)), _word_before(["the", "uk"], 1, ("the",))
    (0, -1)
    """
    j = i - 1
    while j >= 0 and tokens[j] in skip:
        j -= 1
    return j


def _speaker_first(sentence: str, key: list[str]) -> bool:
    """Whether the speaker's name comes before the first speech verb (the subject: "Rees said the
    ban was unfair"), not after it (the object: "the charity called on Rees to act").

    >>> _speaker_first("The regulator, Ofwat, said it was watching.", ["regulator"])
    True
    >>> _speaker_first("The charity called on the regulator to act.", ["regulator"])
    False
    """
    tokens = _unquoted_words(sentence)
    verbs = [i for i, t in enumerate(tokens) if _SPEECH.fullmatch(t) or t == "according"]
    return bool(verbs) and any(fold(t) in key for t in tokens[: verbs[0]])


def _subject_speaks(sentence: str, key: list[str]) -> bool:
    """Whether a word of ``key`` opens a sentence that has a speech verb further on (the speaker as
    the sentence's subject: "Hale, who led the council for eight years, ... said ...").

    >>> _subject_speaks("Hale, who had led the council for eight years, later said he would wait.", ["hale"])
    True
    >>> _subject_speaks("The council, which Hale had led for eight years, said it would wait.", ["hale"])
    False
    >>> _subject_speaks("“Hale must go,” the mayor said.", ["hale"])
    False

    Their possession is not them: "Brennan's head teacher, Sarah Lyle, said ..." is the teacher.

    >>> _subject_speaks("Brennan's head teacher, Sarah Lyle, later said she had watched.", ["brennan"])
    False
    """
    tokens = _unquoted_words(sentence)
    if not any(fold(t) in key for t in tokens[:SUBJECT_WORDS]):
        return False
    owner = re.match(r"\W*(?:[\w-]+\s+){0,3}?([\w-]+)['’]s?\s", outside_quotes(sentence))
    if owner and fold(owner.group(1).lower()) in key:
        return False
    return any(_SPEECH.fullmatch(t) or t == "according" for t in tokens[SUBJECT_WORDS:])


def attributed(who: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences quoting or reporting ``who``, strongest first, then in article order: a direct quote
    with them named beside the speech verb; a quote carried on by "he said" or no attribution
    right after one of theirs; a direct quote that names them elsewhere; reported speech.

    >>> from bot.article import Sentence
    >>> body = [Sentence("Rees runs the association.", 1, 0),
    ...         Sentence("“We will fight this,” Rees said.", 2, 1),
    ...         Sentence("“It is unfair,” he added.", 2, 2),
    ...         Sentence("“Nonsense,” said the mayor.", 3, 3),
    ...         Sentence("“Rubbish.”", 3, 4)]
    >>> [s.index for s in attributed("Dafydd Rees", body)]
    [1, 2]
    >>> told = [Sentence("Okafor told the court that Southmoor had “repeatedly deferred” repairs.", 1, 0),
    ...         Sentence("“This was not a freak event,” she said.", 1, 1)]
    >>> attributed("Southmoor", told)
    []
    >>> told = [Sentence("Gwen Ashcroft, 67, was due to start chemotherapy.", 1, 0),
    ...         Sentence("“I sat by the phone all day,” she said.", 2, 1)]
    >>> [s.index for s in attributed("Gwen Ashcroft", told)]
    [1]
    """
    key, person = target_words(who), _person(who, sentences)
    found: list[tuple[float, Sentence]] = []
    current = False  # whether the last speaker seen was ``who``
    reported = False  # ... in reported speech, carried on by a quote that opens its sentence
    introduced = -1  # the paragraph that last named ``who`` without speech ("Gwen Ashcroft, 67, was due ...")
    last_paragraph = 0
    for s in sentences:
        text = without_calls(s.text)
        speech = bool(_SPEECH.search(text))
        quoted = bool(_QUOTE.search(text))
        pronoun = pronoun_speech(text)
        if s.paragraph > last_paragraph + 1:
            current = reported = False
        strength = -1.0
        if _mentions(text, key, person) and _speaks(text, key):
            # reported speech: as the subject ("Rees said ...") before as the object ("called on Rees")
            strength = 3 if quoted else 0.75 if _speaker_first(text, key) else 0
            current = quoted  # their own quote is carried on by the next "he added"
            reported = not quoted and strength > 0
        elif quoted and (
            (current and (pronoun or not speech))
            or (reported and (pronoun or (not speech and bool(_OPENS_QUOTE.match(text)))))
            # the next paragraph's quote "..., she said." after one that named them
            or (pronoun and introduced in (s.paragraph, s.paragraph - 1) and _named_speaker(text) is None)
        ):
            strength = 2
            current, reported = True, False
        elif _mentions(text, key, person) and _subject_speaks(text, key):
            strength = 1 if quoted else 0.5  # their words, with the verb far from the name
            current = True
        elif (
            _mentions(text, key, person)
            and quoted
            and speech
            and not _bystander(text, key)
            and _subject_named(text) in (None, *key)  # not "Okafor told the court that Southmoor ..."
        ):
            strength = 1  # named in a quoting sentence, further from the verb ("said its chief, X")
            current = True
        elif speech and not pronoun:
            current = reported = False  # somebody else speaks
            introduced = -1
        elif person and not speech and _mentions(text, key, person):  # a person's name, not a role
            introduced = s.paragraph
        if strength >= 0:
            found.append((strength, s))
            last_paragraph = s.paragraph
    return [s for _, s in sorted(found, key=lambda pair: (-pair[0], pair[1].index))]
