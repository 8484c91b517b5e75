"""Questions about the article as a whole ("what is this about?", "who is it about?", "when did it
happen?", "why does it matter?", "what happens next?", "what's the background?"): recognised by
their wording and answered from the right part of the article, not by retrieval.

* about / what happened / who: the lead (the first sentence), plus, for "who", the first sentence
  of the opening paragraphs that names a person when the lead names none;
* when / where: the first opening sentence holding a date / a place, else the lead;
* why it matters, what happens next, background, an earlier case ("has this happened before?"),
  criticism ("is anyone criticising it?"), the reaction ("how have people reacted?"): the sentence
  with the most cue words of that kind (consequence words; future words, later sentences first;
  past-time words, earlier first; "the latest in a string of", "similar", "previously", "earlier
  attempts"; "critics", "opposed", "not everyone"; "reacted", "welcomed", "social media");
* "what's happening with <the story's subject>?": as "what happened?" when the headline or lead
  names that subject.

Pure functions on the article's sentences; no models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from bot.article import Sentence
from bot.qa.quotes import outside_quotes
from bot.retrieval.answer_type import has_type

ArticleKind = Literal[
    "about",
    "who",
    "happened",
    "result",
    "when",
    "where",
    "why",
    "next",
    "background",
    "before",
    "criticism",
    "reaction",
]

_SUBJECT = r"(?:this|it|that|all this|all of this|this story|the (?:article|story|piece|news|report|text|event|case)|(?:this|that) [a-z]+)"  # noqa: E501
"""What an article-level question asks about: the story itself, or "this <thing>" (the story's event:
"why does this discovery matter?")."""
_PUBLIC = r"(?:people|everyone|everybody|the public|folks|locals|residents|readers|fans|others)"
"""Who a question about the reaction in general asks about ("how have people reacted?"); a named one
("how did the union react?") is a quote question."""
_CRITICISM_Q = (
    r"\b(?:is|are|has|have|did|does|do) (?:anyone|anybody|someone|somebody|people|any \w+) "
    r"(?:been )?(?:criticis|criticiz|oppos|object|complain|against)\w*"
    r"|\bwhat (?:do|did|are) (?:the )?(?:critics|opponents) (?:say|saying)\b"
    r"|\bwho (?:is|are|was|were) (?:against|opposed to|opposing|criticising|criticizing) (?:it|this|that)\b"
    r"|\b(?:is|was) there (?:any )?(?:criticism|opposition|backlash|pushback)\b"
)
_TABLE: tuple[tuple[ArticleKind, str], ...] = (
    ("who", rf"\bwho(?:'s| is| are| was| were)? (?:{_SUBJECT})(?: all)? (?:about|on)\b"),
    (
        "who",
        r"\bwho(?:'s| is| are| was| were) (?:involved|concerned|affected|behind (?:this|it)|the main (?:people|person|players?|figures?))\b",  # noqa: E501
    ),
    ("about", rf"\bwhat(?:'s| is| was)? (?:{_SUBJECT})(?: all)? about\b"),
    ("about", r"\bwhat(?:'s| is) (?:the )?(?:story|main point|point|topic|subject|news|gist|deal)\b"),
    ("about", r"\bwhat(?:'s| is) (?:this|going on)\b"),
    ("happened", r"\bwhat(?:'s| is) the latest\b"),
    (
        "about",
        r"\b(?:which|what) (?:company|firm|business|person|people|team|club|country|place|town|city|school"
        r"|organi[sz]ation|group|charity|event|product) (?:is|are|was|were) (?:this|it|the (?:story|article"
        r"|news|report|piece))(?: all)? about\b",
    ),
    (
        "happened",
        r"\bwhat(?: happened| has happened|'s happened| is happening|'s happening| went on| went wrong| is going on|'s going on)\b",  # noqa: E501
    ),
    ("happened", r"\bwhat (?:was|has been|were) (?:decided|agreed|announced|approved|found|ruled)\b"),
    ("result", r"\bwho (?:won|lost|has won|is winning|came out on top)\b"),
    ("result", r"\bwhat(?: was| is|'s) the (?:final )?(?:result|score|outcome)\b"),
    (
        "when",
        rf"\bwhen (?:did|does|was|is|will|were) (?:{_SUBJECT})(?: all)? (?:happen|happening|take place|taking place|occur)\b"  # noqa: E501
        rf"|\bwhen (?:did|was|is|were) (?:this|all this|the (?:story|news|event|article|report))\b",
    ),
    (
        "where",
        rf"\bwhere (?:did|does|was|is|will|were) (?:{_SUBJECT})(?: all)? (?:happen|happening|take place|taking place|occur)\b"  # noqa: E501
        r"|\bwhere (?:did|was|is|were) (?:(?:this|that) [a-z]+|this|all this"
        r"|the (?:story|news|event|article|report))\b",
    ),
    (
        "why",
        rf"\bwhy (?:does|did|is|would|should|do) (?:{_SUBJECT}|we|i|anyone|people) (?:matter|important|significant|relevant|care|news)\b",  # noqa: E501
    ),
    ("why", rf"\bwhy (?:does|did|is) (?:{_SUBJECT}) (?:a big deal|newsworthy|in the news)\b"),
    (
        "why",
        r"\bwhat(?: is| are|'s) the (?:significance|implications?|consequences?|impact|stakes|upshot)\b",
    ),
    ("why", rf"\bwhat does (?:{_SUBJECT}) mean\b|\bwhy it matters\b|\bso what\b|\bwhy should i care\b"),
    (
        "next",
        r"\bwhat (?:happens|will happen|comes|is going to happen|could happen|might happen)(?: now| next)?\b"
        r"|\bwhat happened (?:next|after that|afterwards|then)\b",
    ),
    (
        "next",
        r"\bwhat(?:'s| is| are) (?:next|the next steps?|coming next|the outlook)\b|\bwhat now\b|\bnext steps?\b",  # noqa: E501
    ),
    # "what's next for the firm?", "what's the next step for the researchers?": the story's own people
    ("next", r"\bwhat(?:'s| is| are) (?:next|the next steps?|the outlook) for (?:the \w+|them|him|her|it)\b"),
    ("background", r"\bwhat(?:'s| is| was) the (?:background|context|history|backstory)\b"),
    (
        "background",
        rf"\b(?:how did (?:{_SUBJECT}|we) (?:get here|come about|start|begin)|what led (?:up )?to (?:{_SUBJECT}))\b",  # noqa: E501
    ),
    ("background", r"\b(?:background|context|back ?story|(?:bigger|wider|broader) picture)\b"),
    (
        "before",
        rf"\b(?:has|had|did) (?:{_SUBJECT}|(?:this|that) (?:sort|kind|type) of (?:thing|\w+)"
        rf"|anything like (?:this|that)|something like (?:this|that))"
        rf" (?:ever )?(?:happened?|occurred?|been done) (?:before|in the past)\b"
        r"|\bis (?:this|it|that) the first (?:time|one|case)\b"
        r"|\b(?:has|had|did) (?:anyone|anybody|anywhere|any \w+) (?:ever )?(?:tried|done|attempted)"
        r" (?:this|that|it|something like (?:this|that)) (?:before|elsewhere)\b",
    ),
    ("criticism", _CRITICISM_Q),
    (
        "reaction",
        rf"\bhow (?:have|has|did|do|does|are|is|were|was) {_PUBLIC} (?:react|reacted|reacting|respond"
        r"|responded|responding|taken it|taking it|taken the news|taking the news)\b"
        r"|\bwhat(?:'s| is| was| has| has been| have| were) (?:the )?(?:reactions?|responses?)(?: been)?"
        r"(?: to (?:this|it|that|the news))?(?: been)?\b(?! (?:of|from) )"
        r"|\bhow (?:was|has|is) (?:it|this|the news|the decision) (?:been )?(?:received|going down)\b",
    ),
)
_PATTERNS: tuple[tuple[ArticleKind, re.Pattern[str]], ...] = tuple((k, re.compile(p)) for k, p in _TABLE)
_FILLER = frozenset(
    [
        "please",
        "pls",
        "can",
        "could",
        "would",
        "you",
        "me",
        "us",
        "tell",
        "explain",
        "give",
        "quick",
        "quickly",
        "briefly",
        "brief",
        "in",
        "short",
        "so",
        "and",
        "ok",
        "okay",
        "hey",
        "hi",
        "the",
        "a",
        "an",
        "this",
        "it",
        "that",
        "story",
        "article",
        "piece",
        "news",
        "report",
        "text",
        "event",
        "case",
        "here",
        "all",
        "about",
        "of",
        "on",
        "to",
        "what's",
        "whats",
        "what",
        "is",
        "was",
        "are",
        "were",
        "happened",
        "happen",
        "happening",
        "who",
        "why",
        "when",
        "where",
        "how",
        "does",
        "did",
        "do",
        "will",
        "be",
        "i",
        "we",
        "really",
        "again",
        "then",
        "now",
        "exactly",
        "main",
        "overall",
        "basically",
        "just",
        "going",
        "so",
        "anyway",
        "any",
        "there",
        "first",
        "area",
        "region",
        "idea",
        "know",
        "wider",
        "bigger",
        "broader",
    ]
)
_LEFTOVER = re.compile(r"[a-z][a-z']*")

_WHY_CUES = {
    3: re.compile(r"\b(matters?|mattered|why it matters)\b", re.I),  # the article says why it matters
    2: re.compile(
        r"\b(means?|meaning|implications?|consequences?|impact|significan\w*|importan\w*|until now"
        r"|for the first time|(?:is|are|was|were) likely to|renew\w* (?:the )?debate|debate over"
        r"|raises? (?:questions|concerns|fears))\b",
        re.I,
    ),
    1: re.compile(
        r"\b(because|could|would|penalt\w*|risk\w*|threat\w*|first time|rare|effect|affect\w*|so that|will have to)\b",  # noqa: E501
        re.I,
    ),
}
_WIDER_CUES = {
    2: re.compile(
        r"\b(comes? (?:as|amid|after|at a time)|(?:is|are|was|were) seen as|barometer|trend\w*|struggl\w*"
        r"|one of (?:dozens|many|several|hundreds|thousands|a (?:number|series|string)|the (?:few|latest))"
        r"|the (?:second|third|fourth|fifth|latest) [a-z ]{0,30}?(?:in|since|this)"
        r"|(?:rise|increase|fall|drop|surge|decline|growth) in"
        r"|(?:shows?|highlights?|underlines?) (?:that|how|the)"
        r"|strengthens? the case|across (?:the )?(?:country|county|region|sector|industry|nation|uk|world)"
        r"|nationwide|increasingly|more and more|wider)\b",
        re.I,
    ),
    1: re.compile(
        r"\b((?:each|every|a) year|in the (?:past|last) \w+ (?:years|decades|months)|since (?:1[89]|20)\d\d"
        r"|vital|crucial|key|fears?|warn\w*|campaign\w*|growing|beyond)\b",
        re.I,
    ),
}
"""Cue words of the wider picture a story belongs to (a trend, a count of such cases, what the case
shows): the usual answer to "why does it matter?" when the article does not say "matters"."""
_NEXT_CUES = {
    2: re.compile(
        r"\b(next(?! of kin| door)|plans?|planned|expected to|is due|are due|upcoming|will appear|will stand trial|to be sentenced|set to|going to|deadline|will be|will have)\b",  # noqa: E501
        re.I,
    ),
    1: re.compile(
        r"\b(will|would|later|soon|future|from now|within|coming (weeks|months|days|year)|tomorrow|by the end of|whether|decid\w*|review\w*|consider\w*|months?|weeks?)\b",  # noqa: E501
        re.I,
    ),
}
_BACKGROUND_CUES = {
    2: re.compile(
        r"\b(until now|so far|had to|previously|history|historic\w*|for years|in recent years|since|began|had been|has been|first (opened|began|built))\b",  # noqa: E501
        re.I,
    ),
    1: re.compile(
        r"\b(last (year|month|week|summer|winter|spring|autumn)|earlier|ago|in (1[89]|20)\d\d|years?|decades?|before|once)\b",  # noqa: E501
        re.I,
    ),
}
_BEFORE_CUES = {
    2: re.compile(
        r"\b(latest in|(?:a )?(?:string|series|spate|run) of|similar|not the first|first time|previous\w*"
        r"|in the past|last time|once before|repeat\w*"
        r"|(?:earlier|past|failed) (?:attempts?|plans?|bids?|efforts?|cases?|incidents?|schemes?|proposals?)"
        r"|the last (?:major|significant|serious|big|such|comparable)"
        # "the deadliest landslide in the county since January 1997, when ..."
        r"|(?:deadliest|worst|biggest|largest|strongest|heaviest|highest|lowest|most \w+)"
        r" [^.;]{0,60}?\bsince)\b",
        re.I,
    ),
    1: re.compile(
        r"\b(?:in|since|until) (?:(?:january|february|march|april|may|june|july|august|september|october"
        r"|november|december) )?(?:1[89]|20)\d\d\b|\b(ago|before|earlier|last (year|month|week))\b",
        re.I,
    ),
}
"""Cue words of an earlier case like this one ("has this happened before?")."""
_CRITICISM_CUES = {
    2: re.compile(
        r"\b(critic\w*|criticis\w*|criticiz\w*|opponents?|opposed|opposition|objected|objections?"
        r"|condemn\w*|backlash|not everyone|not all)\b",
        re.I,
    ),
    1: re.compile(r"\b(warned|concerns?|worried|complain\w*|attacked|questioned|doubts?|against)\b", re.I),
}
"""Cue words of criticism ("is anyone criticising it?"): critics, opponents, objections."""
_REACTION_CUES = {
    2: re.compile(
        r"\b(react\w*|respon\w*|welcom\w*|prais\w*|hail\w*|criticis\w*|criticiz\w*|condemn\w*|outrage\w*"
        r"|ang(?:er|ry|rily)|furious|fury|delight\w*|dismay\w*|shock\w*|surprise\w*|backlash|social media"
        r"|petition\w*|protest\w*|relie(?:f|ved)|disappoint\w*)\b",
        re.I,
    ),
    1: re.compile(r"\b(said|says|told|called|urged|warned|described)\b", re.I),
}
"""Cue words of how people took the news ("how have people reacted?"): reacting, welcoming,
criticising, surprise, social media."""
_WHY_AND_WIDER = {
    weight: re.compile(f"{_WHY_CUES[weight].pattern}|{_WIDER_CUES[weight].pattern}", re.I)
    for weight in (2, 1)
} | {3: _WHY_CUES[3]}
NEXT_LATE = 5.0
"""For "what happens next?", what a sentence at the article's end adds to its cue score (in
proportion to its place): chosen on our own question sets' 38 answerable "next" questions (29
answered from an expected paragraph with no such weight; 36 / 37 / 36 with 4 / 5 / 6)."""
_AHEAD = re.compile(
    r"\b(?:will|would|shall|could|may|might|expected|plans?|planned|due|set to|going to|upcoming|next"
    r"|deadline|until|hopes? to|aims? to|intends? to|to be)\b|\w'll\b",
    re.I,
)
"""A sentence that looks ahead: what comes next is told in the future, or as a plan or a deadline."""
_RESULT = re.compile(
    r"\b(?:won|wins|beat|beats|defeated|victory|lost|champions?|title|clinched|elected|winners?)\b|\b\d{1,3}\s?[-–]\s?\d{1,3}\b",
    re.I,
)
_PERSON = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Za-z]+)? [A-Z][a-z]+(?:[-'’][A-Za-z]+)?\b")
OPENING = 4
"""Paragraphs counted as the opening (the lead and what follows it)."""
SHORT_WORDS = 10
"""A criticism told in fewer words than this ("Not everyone welcomed the decision.") runs on."""


_STORY_EVENT = re.compile(
    r"^(when|where) (?:did|does|was|were) the ([a-z][a-z-]+) (?:happen|take place|occur)\b"
)
""""When did the landslide happen?": article-level when the lead names that event (``lead``)."""


def article_kind(question: str, lead: str | None = None) -> ArticleKind | None:
    """The kind of article-level question, or None for a question about something specific.

    >>> [article_kind(q) for q in ("Who is the story about?", "When did it happen?", "What happens next?")]
    ['who', 'when', 'next']
    >>> [article_kind(q) for q in ("Why does this matter?", "What's the background?", "What is this about?")]
    ['why', 'background', 'about']
    >>> article_kind("When did the ferry sink?"), article_kind("What happened to the ferry crew?")
    (None, None)
    >>> article_kind("When does it start?"), article_kind("When was this?")
    (None, 'when')
    >>> [article_kind(q) for q in ("where is this outbreak", "Where is the hospital?", "where is it")]
    ['where', None, None]
    >>> [article_kind(q) for q in ("Who won?", "What was the final score?", "Who won the prize?")]
    ['result', 'result', None]
    >>> article_kind("What was decided?"), article_kind("What was decided about the school?")
    ('happened', None)
    >>> article_kind("Why does this discovery matter?"), article_kind("Why does the coin matter?")
    ('why', None)
    >>> article_kind("Has this sort of thing happened before?"), article_kind("Is this the first time?")
    ('before', 'before')
    >>> article_kind("What's next for the firm?"), article_kind("What's next for the Rovers defence?")
    ('next', None)
    >>> article_kind("Which company is this about?"), article_kind("Which company bought it?")
    ('about', None)
    >>> article_kind("What's happened?"), article_kind("whats happening")
    ('happened', 'happened')
    >>> article_kind("is anyone criticising it"), article_kind("whats the background")
    ('criticism', 'background')
    >>> [article_kind(q) for q in ("Any background?", "what's the significance", "what's the outcome")]
    ['background', 'why', 'result']

    With the headline and lead sentence (``lead``), "the <event>" they name is the story's event:

    >>> lead = "A hillside collapsed on Tuesday in a landslide that buried a road."
    >>> article_kind("When did the landslide happen?", lead), article_kind("When did the fire start?", lead)
    ('when', None)
    >>> article_kind("what's happening with the landslide", lead), article_kind("what's new with the bus")
    ('happened', None)

    How people took it, and an earlier attempt:

    >>> article_kind("how have people reacted"), article_kind("has anyone tried this before")
    ('reaction', 'before')
    >>> article_kind("so what's the deal here"), article_kind("any idea what comes next")
    ('about', 'next')
    """
    text = re.sub(r"\bwhats\b", "what's", " ".join(question.lower().replace("’", "'").split()))
    event = _STORY_EVENT.match(text)
    if (
        event
        and lead is not None
        and re.search(rf"\b{re.escape(event.group(2))}", lead.lower())
        and _only_filler(text[event.end() :])
    ):
        return "when" if event.group(1) == "when" else "where"
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        before, after = text[: match.start()], text[match.end() :]
        if _only_filler(f"{before} {after}"):
            return kind
        if kind in ("about", "happened", "next") and _only_filler(before) and _with_the_story(after, lead):
            return kind
    return None


_WITH = re.compile(r"^\s*with\s+(.+)$")


def _with_the_story(rest: str, lead: str | None) -> bool:
    """Whether what a question adds is "with <the story's subject>", named in the headline or lead
    ("what's happening with the trams?" of a tram story).

    >>> _with_the_story(" with the trams?", "Plans to extend the tram network were approved.")
    True
    >>> _with_the_story(" with the buses?", "Plans to extend the tram network were approved.")
    False
    """
    found = _WITH.match(rest)
    if found is None or lead is None:
        return False
    said = lead.lower()
    words = [w for w in _LEFTOVER.findall(found.group(1)) if w not in _FILLER]
    return bool(words) and all(re.search(rf"\b{re.escape(w[:4])}", said) for w in words)


def _only_filler(rest: str) -> bool:
    """Whether what a question says beside its article-level wording is only filler ("please", "the
    story", "in the area"), so it asks nothing more particular."""
    return all(w in _FILLER for w in _LEFTOVER.findall(rest))


def _cue_score(text: str, cues: dict[int, re.Pattern[str]], *, once: bool = False) -> int:
    """Cue words outside quotation marks, weighted: what someone is quoted as saying is a reaction,
    not the article's own account of what comes next or why it matters.

    >>> _cue_score('"This was a planned theft," he said. The museum will be shut.', _NEXT_CUES)
    3
    >>> _cue_score('This was a planned theft. The museum will be shut.', _NEXT_CUES)
    5
    >>> _cue_score('It would hold a hearing and would hire a firm.', _WHY_CUES, once=True)
    1
    """
    plain = outside_quotes(text)
    if once:  # each cue word counts once: "would hold ... would hire" is no more a consequence
        return sum(
            weight * len({_cue_word(f) for f in pattern.findall(plain)}) for weight, pattern in cues.items()
        )
    return sum(weight * len(pattern.findall(plain)) for weight, pattern in cues.items())


def _cue_word(found: str | tuple[str, ...]) -> str:
    """A cue found, lower-cased: each cue word counts once in a sentence ("would ... would" is one);
    of a pattern's groups, the one that matched.

    >>> _cue_word("Would"), _cue_word(("", "barometer")), _cue_word(("means", ""))
    ('would', 'barometer', 'means')
    """
    return (found if isinstance(found, str) else next((f for f in found if f), "")).lower()


def _best_cued(
    sentences: Sequence[Sentence],
    cues: dict[int, re.Pattern[str]],
    *,
    latest: bool,
    skip_lead: bool,
    once: bool = False,
    late: float = 0.0,
    length: int = 0,
) -> Sentence | None:
    """The sentence with the most cue words (none: no sentence has one), the latest or the earliest
    of a tie; ``late`` adds that much for a sentence at the end of an article of ``length``
    sentences, in proportion to its place (what comes next is told near the end).

    >>> from bot.article import Sentence
    >>> body = [Sentence(t, i + 1, i) for i, t in enumerate(["A.", "Officials will meet next week.", "B.",
    ...         "C.", "D.", "The council will decide in May."])]
    >>> _best_cued(body, _NEXT_CUES, latest=True, skip_lead=True).index
    1
    >>> _best_cued(body, _NEXT_CUES, latest=True, skip_lead=True, late=NEXT_LATE, length=len(body)).index
    5
    """
    pool = [s for s in sentences if not (skip_lead and s.paragraph == 1)]
    spread = max(1, length - 1)
    cued = [(_cue_score(s.text, cues, once=once), s) for s in pool]
    scored = [(score + late * s.index / spread, s) for score, s in cued if score > 0]
    if not scored:
        return None
    top = max(score for score, _ in scored)
    best = [s for score, s in scored if score == top]
    return best[-1] if latest else best[0]


def _told(
    sentences: Sequence[Sentence], cues: dict[int, re.Pattern[str]], *, skip_lead: bool
) -> list[Sentence]:
    """The best-cued sentence among those with a strong cue outside quotes (an earlier case, a critic),
    or none: such questions are refused when nothing tells of it."""
    told = [s for s in sentences if cues[2].search(outside_quotes(s.text))]
    cued = _best_cued(told, cues, latest=False, skip_lead=skip_lead)
    return [cued] if cued is not None else []


def _with_short_follow_on(chosen: list[Sentence], sentences: Sequence[Sentence]) -> list[Sentence]:
    """A short sentence with the next one of its paragraph, which says more ("Not everyone welcomed
    the decision." is followed by who did not)."""
    if (
        len(chosen) != 1
        or len(chosen[0].text.split()) >= SHORT_WORDS
        or chosen[0].index + 1 >= len(sentences)
    ):
        return chosen
    after = sentences[chosen[0].index + 1]
    return [*chosen, after] if after.paragraph == chosen[0].paragraph else chosen


def article_sentences(kind: ArticleKind, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences that answer an article-level question, in article order (empty: no lead, for
    "who won?" no opening sentence that gives a result, for "has this happened before?" no sentence
    that tells of an earlier case).

    >>> from bot.article import Sentence
    >>> body = [Sentence("The ferry sank off Port Elwyn.", 1, 0), Sentence("It happened on Tuesday.", 2, 1),
    ...         Sentence("Divers will return next week.", 3, 2), Sentence("It was built in 1890.", 4, 3)]
    >>> [[s.index for s in article_sentences(k, body)] for k in ("when", "next", "about", "background")]
    [[1], [2], [0], [3]]
    >>> article_sentences("before", body), [s.index for s in article_sentences("before", [*body,
    ...     Sentence("It is the latest in a string of sinkings.", 5, 4)])]
    ([], [4])
    >>> [s.index for s in article_sentences("before", [*body,
    ...     Sentence("It is the deadliest slide in the county since 1997, when seven died.", 5, 4)])]
    [4]
    >>> article_sentences("result", body), [s.index for s in article_sentences("result", [
    ...     Sentence("Crowds gathered.", 1, 0), Sentence("Harwick beat Calder 3-2.", 2, 1)])]
    ([], [1])
    """
    if not sentences:
        return []
    lead = sentences[0]
    opening = [s for s in sentences if s.paragraph <= OPENING]
    chosen: list[Sentence] = [lead]
    if kind == "who" and not _PERSON.search(lead.text):
        named = next((s for s in opening[1:] if _PERSON.search(s.text)), None)
        if named is not None:
            chosen.append(named)
    elif kind in ("when", "where"):
        found = next((s for s in opening if has_type("date" if kind == "when" else "place", s.text)), None)
        chosen = [found or lead]
    elif kind == "result":  # "who won?": the opening sentence that gives the result, if any
        chosen = [s for s in opening if _RESULT.search(outside_quotes(s.text))][:1]
    elif kind == "why":
        chosen = [_best_cued(sentences, _WHY_AND_WIDER, latest=False, skip_lead=True, once=True) or lead]
    elif kind == "next":  # only sentences that look ahead: "ended within six weeks" does not
        ahead = [s for s in sentences if _AHEAD.search(outside_quotes(s.text))]
        cued = _best_cued(
            ahead, _NEXT_CUES, latest=True, skip_lead=True, late=NEXT_LATE, length=len(sentences)
        )
        chosen = [cued or sentences[-1]]
    elif kind == "background":
        chosen = [_best_cued(sentences, _BACKGROUND_CUES, latest=False, skip_lead=True) or lead]
    elif kind == "criticism":  # "is anyone criticising it?": the sentence telling of critics, if any
        chosen = _with_short_follow_on(_told(sentences, _CRITICISM_CUES, skip_lead=False), sentences)
    elif kind == "before":  # "has this happened before?": a sentence telling of an earlier case, if any
        chosen = _told(sentences, _BEFORE_CUES, skip_lead=True)
    elif kind == "reaction":  # "how have people reacted?": the sentence telling of reactions, if any
        chosen = _told(sentences, _REACTION_CUES, skip_lead=True)
    return sorted(chosen, key=lambda s: s.index)
