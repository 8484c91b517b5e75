"""Questions about a name in the article ("who is Dominic Raab?", "what is the CCP?"): the sentence
that introduces it.

An article introduces a person, place or body where it first names it, usually with what it is
("Foreign Secretary Dominic Raab told MPs ...", "the Chinese Communist Party ... (CCP)"). Such a
question is a definition the article holds, although no sentence answers it word for word, so
retrieval's answerability check would refuse it. ``entity_target`` recognises the question when
what it asks about is a proper name (capitalised where the article uses it) or an acronym;
``introducing`` finds the sentences, the one that spells an acronym out first.

The same holds the other way round for a role ("who is the chief executive?"): the article names
the holder beside it ("Chief executive Daniel Osei said ..."). ``role_words`` recognises the role,
``role_holders`` finds the sentences that name its holder, and ``role_mentions`` those that only
mention it, so that "who was the referee?" can be refused when the referee is never named. Pure
functions; no models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.article import Sentence
from bot.qa.quotes import outside_quotes

_ASK = re.compile(
    r"^(?:(?:and|so|ok|okay|then)\s*,?\s+)?(?:who|what)(?:'s|’s|\s+(?:is|was|are|were))\s+(?P<what>.+?)[\s?.!]*$",
    re.I,
)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_WORD = re.compile(r"[\w’'.-]+")
_SKIP_IN_NAME = frozenset(["of", "the", "and", "for", "de", "la", "von", "van", "du", "der"])
MAX_NAME_WORDS = 5
"""A longer phrase is a description, not a name ("who is the man who ...")."""


def entity_target(question: str) -> str | None:
    """The name a "who is X" / "what is X" question asks about (without a leading article), or None.

    >>> entity_target("Who is Dominic Raab?"), entity_target("what's the CCP")
    ('Dominic Raab', 'CCP')
    >>> entity_target("Who's behind it?"), entity_target("What did Pompeo say?")
    ('behind it', None)
    >>> entity_target("Who is the man who found the body on the beach?") is None
    True
    """
    match = _ASK.match(" ".join(question.split()))
    if not match:
        return None
    what = _ARTICLE.sub("", match.group("what")).strip(" ,")
    return what if what and len(what.split()) <= MAX_NAME_WORDS else None


def _key(word: str) -> str:
    return re.sub(r"(?:['’]s|s)$", "", word.lower().strip(".’'"))


def _is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,6}", name.replace(".", "")))


def spells_out(acronym: str, text: str) -> bool:
    """Whether the text holds capitalised words whose initials make the acronym ("of", "the" and
    the like may stand between them).

    >>> spells_out("PRC", "the People's Republic of China said"), spells_out("CCP", "the Communist Party")
    (True, False)
    """
    return spelled_out(acronym, text) is not None


def spelled_out(acronym: str, text: str) -> str | None:
    """The first run of capitalised words in the text whose initials make the acronym, or None.

    >>> spelled_out("ICO", "The Information Commissioner's Office said it was making inquiries.")
    "Information Commissioner's Office"
    """
    letters = acronym.replace(".", "").upper()
    words = _WORD.findall(text)
    for start, first in enumerate(words):
        if first[:1] != letters[0]:
            continue
        i, j = start, 0
        while i < len(words) and j < len(letters):
            word = words[i]
            if word[:1] == letters[j]:
                j += 1
            elif j == 0 or word.lower() not in _SKIP_IN_NAME:
                break
            i += 1
        if j == len(letters):
            return " ".join(words[start:i])
    return None


def names(name: str, text: str) -> bool:
    """Whether the text names ``name`` as a proper name, outside quotation marks: its words in a
    row, each capitalised there (plurals and possessives alike).

    >>> names("dominic raab", "Foreign Secretary Dominic Raab told MPs.")
    True
    >>> names("Raab", "“Raab lied,” he said."), names("leading the inquiry", "She is leading the inquiry.")
    (False, False)
    >>> names("Uighurs", "the repression of Uighur Muslims")
    True
    """
    for here in _uses(name, outside_quotes(text)):
        if all(w[:1].isupper() or w.lower() in _SKIP_IN_NAME for w in here):
            return here[0][:1].isupper()
    return False


def _uses(name: str, text: str) -> list[list[str]]:
    """Every run of the text's words that spells ``name`` (articles dropped; any case, plurals and
    possessives alike), as written there."""
    wanted = [_key(w) for w in _WORD.findall(name) if w.lower() not in ("the", "a", "an")]
    words = _WORD.findall(text)
    keys = [_key(w) for w in words]
    n = len(wanted)
    return [words[i : i + n] for i in range(len(words) - n + 1) if n and keys[i : i + n] == wanted]


def _lower_case_use(name: str, text: str) -> bool:
    return any(here[0][:1].islower() for here in _uses(name, text))


_PERSON = (
    r"(?P<who>(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof(?:essor)?)\.?\s+)?"
    r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}?)"
)
_AGE_OF = (
    re.compile(rf"^\W*(?i:how old (?:is|was|'s|’s)) {_PERSON}\s*\??$"),
    re.compile(rf"^\W*(?i:what (?:age )?(?:is|was|'s|’s)) {_PERSON}(?:['’]s?)? (?i:age)\s*\??$"),
    re.compile(rf"^\W*(?i:what age (?:is|was)) {_PERSON}\s*\??$"),
)


def age_asked(question: str) -> str | None:
    """Whose age a question asks, when it asks it of a named person ("how old is Elena Marić?",
    "what is Hannah Reynolds' age?"); None for anything else (the age of someone's son, of a thing).

    >>> age_asked("How old is Elena Marić?"), age_asked("What is Hannah Reynolds' age?")
    ('Elena Marić', 'Hannah Reynolds')
    >>> age_asked("How old is Marić's son?"), age_asked("How old is the silver?")
    (None, None)
    """
    for pattern in _AGE_OF:
        match = pattern.match(question.strip())
        if match:
            return re.sub(r"['’]s?$", "", match.group("who"))
    return None


_AGE_OF_THEIRS = re.compile(
    rf"^\W*(?i:how old (?:is|are|was|were)) {_PERSON}['’]s? (?P<what>[a-z][\w-]*)\s*\??$"
)


def theirs_age_asked(question: str) -> str | None:
    """What of a named person's a "how old" question asks the age of ("How old are Sarah
    Whitfield's children?" -> "children"), or None.

    >>> theirs_age_asked("How old are Sarah Whitfield's children?"), theirs_age_asked("How old is she?")
    ('children', None)
    """
    match = _AGE_OF_THEIRS.match(question.strip())
    return match.group("what") if match else None


_SAME_PHRASE = r"(?!(?:and|or|with|to|of|by|from|as|nor|but)\s)"
"""The words between "7-year-old" and a name stay in one noun phrase ("the 7-year-old mother Tashi"):
no "and" or preposition, which would start another ("7-year-old mother Tashi and father Orlov")."""


def stated_age_of(word: str, sentences: Sequence[Sentence]) -> Sentence | None:
    """The first sentence giving an age right beside ``word`` ("her son, 12,", "two children, aged 4
    and 7", "their 12-year-old son"), not someone else's age elsewhere in it.

    >>> s = [Sentence("Sarah Whitfield, 34, flew with her two children.", 1, 0)]
    >>> stated_age_of("children", s) is None
    True
    >>> stated_age_of("son", [Sentence("Her son, 12, was with her.", 1, 0)]).index
    0
    """
    w = re.escape(word)
    beside = re.compile(
        rf"\b{w}\s*(?:,\s*(?:aged\s+)?\d{{1,3}}(?:\s+and\s+\d{{1,3}})?\s*[,.;]|\(\d{{1,3}}\)|,?\s*aged\s+\d{{1,3}})"
        rf"|\b\d{{1,3}}-year-old\s+(?:{_SAME_PHRASE}[\w’'-]+\s+){{0,2}}{w}\b",
        re.IGNORECASE,
    )
    return next((s for s in sentences if beside.search(s.text)), None)


_AGE_NUMBER = (
    r"(?:\d{1,3}|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?))"
)
"""An age as news writes it: in figures, or in words ("Mabel, four, and Kiran, six")."""


def stated_age(who: str, sentences: Sequence[Sentence]) -> Sentence | None:
    """The first sentence that gives a named person's age the way news does, beside the name:
    "Marić, 61, said", "Holm (34)", "Reid, a 19-year-old student", "the 19-year-old Callum Reid",
    "Edith Marlow, who is 101", or "The 24-year-old ..." opening one of the two sentences after one
    that names them; None when none does ("78 adults aged 60" is no one's own age).

    >>> s = [Sentence("The governor, Elena Marić, spoke.", 1, 0), Sentence("Marić, 61, said so.", 2, 1)]
    >>> stated_age("Elena Marić", s).index, stated_age("Hannah Reynolds", s)
    (1, None)
    >>> stated_age("Mabel", [Sentence("Mabel, four, and Kiran, six, slipped out.", 1, 0)]).index
    0
    >>> stated_age("Orlov", [Sentence("Born to seven-year-old mother Tashi and father Orlov.", 1, 0)]) is None
    True
    >>> stated_age("Kenji Moreno", [Sentence("Ashford signed Kenji Moreno.", 1, 0),
    ...                             Sentence("The 24-year-old striker cost £48m.", 1, 1)]).index
    1
    """
    surname = re.escape(re.sub(r"['’]s?$", "", who.split()[-1]))
    n = _AGE_NUMBER
    beside = re.compile(
        rf"\b{surname}\s*(?:,\s*(?:aged\s+)?{n}\s*[,.;]|\({n}\)|,\s*an?\s+{n}-year-old\b"
        rf"|,\s*who (?:is|was|turned|turns) {n}\b)"
        rf"|\b{n}-year-old\s+(?:{_SAME_PHRASE}[\w’'-]+\s+){{0,4}}{surname}\b"
    )
    named = re.compile(rf"\b{surname}\b")
    for i, sentence in enumerate(sentences):
        if beside.search(sentence.text):
            return sentence
        if named.search(sentence.text):
            after = [t for t in sentences[i + 1 : i + 3] if _THE_AGED.match(t.text)]
            if after:
                return after[0]
    return None


_THE_AGED = re.compile(rf"^(?:The|the)\s+{_AGE_NUMBER}-year-old\b")
"""A sentence that names someone by their age ("The 24-year-old Japan international ...")."""


def age_sentence(question: str, sentences: Sequence[Sentence]) -> tuple[bool, Sentence | None]:
    """Whether the question asks a named person's age, or the age of something of theirs ("how old
    are Sarah Whitfield's children?"), and the sentence that states it beside them (None: refuse).

    >>> s = [Sentence("Marić, 61, said so.", 1, 0)]
    >>> age_sentence("How old is Marić?", s)[1].index, age_sentence("How old is Marić's son?", s)
    (0, (True, None))
    >>> age_sentence("Who is Marić?", s)
    (False, None)
    """
    their = theirs_age_asked(question)
    if their is not None:
        return True, stated_age_of(their, sentences)
    whose = age_asked(question)
    return (True, stated_age(whose, sentences)) if whose is not None else (False, None)


def introducing(name: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences that name ``name``, the one that introduces it first: for an acronym, the first
    that spells it out, else the first that names it. None when the article also writes the name in
    lower case (then it is a word, capitalised only where it opens a sentence).

    >>> from bot.article import Sentence
    >>> body = [Sentence("The Chinese Communist Party was accused.", 1, 0),
    ...         Sentence("The CCP denies it, Foreign Secretary Dominic Raab said.", 2, 1),
    ...         Sentence("Raab spoke in London.", 3, 2)]
    >>> [s.index for s in introducing("CCP", body)], [s.index for s in introducing("Raab", body)]
    ([0, 1], [1, 2])
    >>> introducing("the population of Beijing", body)
    []
    >>> introducing("huihui", [Sentence("Called huihui.", 1, 0), Sentence("Huihui doctors came.", 1, 1)])
    []
    """
    found = [s for s in sentences if names(name, s.text)]
    if found and not _is_acronym(name) and any(_lower_case_use(name, s.text) for s in sentences):
        return []  # "labelled as huihui": a word the article writes in lower case is no name
    if _is_acronym(name):
        spelled = [s for s in sentences if spells_out(name, s.text)]
        if spelled:
            found = [spelled[0], *[s for s in found if s.index != spelled[0].index]]
    return found


_NAME = r"(?:(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame)\.?\s+)?[A-Z][\w’'-]+"
"""A capitalised word, perhaps after a title: where a name starts."""
_DETERMINER = r"(?:(?:the|its|their|a|an)\s+)?"
_QUALIFIERS = r"(?:[\w’'-]+\s+){0,3}"
_ROLE_WORD = re.compile(r"[a-z][a-z-]{2,}")
_NOT_ROLE = frozenset(
    [
        "story",
        "article",
        "report",
        "piece",
        "one",
        "ones",
        "person",
        "people",
        "man",
        "woman",
        "it",
        "this",
        "that",
    ]
)
MAX_ROLE_WORDS = 4
"""A longer description is a question for retrieval ("who is the man who found the body")."""


def _role_head(words: Sequence[str]) -> str:
    """The word that names the role: the last, or the one before "of" ("head of the council")."""
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def role_words(what: str) -> list[str] | None:
    """The words of a role a "who is the X" question asks about ("the chief executive"), or None
    when ``what`` is a name, a pronoun or a longer description.

    >>> role_words("chief executive"), role_words("Calder captain"), role_words("Dominic Raab")
    (['chief', 'executive'], ['calder', 'captain'], None)
    >>> role_words("behind it"), role_words("the story about"), role_words("head of the council")
    (None, None, ['head', 'of', 'the', 'council'])
    """
    words = _ARTICLE.sub("", what).split()
    if not words or len(words) > MAX_ROLE_WORDS:
        return None
    head = _role_head(words)
    if not _ROLE_WORD.fullmatch(head) or head in _NOT_ROLE or any(w in _NOT_ROLE for w in words):
        return None
    return [w.lower().strip(",.") for w in words]


def role_holders(role: Sequence[str], sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences that name who holds a role, in article order: the role's last word right before a
    name ("Chief executive Daniel Osei said", "a penalty from captain Dean Archer", "the victim, Jo
    Bell,") or after one ("Daniel Osei, the chief executive, said", "Bell became chief executive"),
    outside quotation marks, in a sentence that holds every word of the role ("the Calder captain"
    is not "Harwick captain Joe Kay").

    >>> from bot.article import Sentence
    >>> body = [Sentence("Profits fell, the chief executive said.", 1, 0),
    ...         Sentence("Chief executive Daniel Osei said costs rose.", 2, 1),
    ...         Sentence("Jo Bell, the finance director, left.", 3, 2)]
    >>> [s.index for s in role_holders(["chief", "executive"], body)]
    [1]
    >>> [s.index for s in role_holders(["director"], body)]
    [2]
    >>> role_holders(["referee"], [Sentence("He argued with the referee.", 1, 0)])
    []
    >>> role_holders(["harwick", "captain"], [Sentence("Calder's captain Dean Archer scored.", 1, 0)])
    []
    >>> role_holders(["executive"], [Sentence("In London, the chief executive said so.", 1, 0)])
    []
    >>> len(role_holders(["head", "of", "council"], [Sentence("Jo Bell, head of the council, left.", 1, 0)]))
    1
    >>> owned = [Sentence("Simon Achter, chief executive of the Hallowdale Park Authority, said so.", 1, 0)]
    >>> len(role_holders(["park", "authority's", "chief", "executive"], owned))
    1
    >>> texts = ("The victim, Jo Bell, was 34.", "Bo was a victim.")
    >>> [len(role_holders(["victim"], [Sentence(t, 1, 0)])) for t in texts]
    [1, 1]
    """
    head = re.escape(_role_head(role))
    role_re = rf"(?i:{_DETERMINER}{_QUALIFIERS}{head})\b"
    holder = (
        re.compile(rf"(?i:\b{head}),?\s+{_NAME}"),  # "chief executive Daniel Osei", "the victim, Jo Bell"
        # "Daniel Osei, the chief executive," / "Jo Bell, head of the council."
        re.compile(
            rf"\b[A-Z][\w’'-]+,\s+{role_re}(?:\s+(?:of|with|at|for)\s+[\w\s’'-]{{1,40}}?)?(?=\s*(?:[,.;]|$))"
        ),
        # "Osei became chief executive", "Jo Bell was named as the club's captain"
        re.compile(
            rf"\b[A-Z][\w’'-]+\s+(?i:(?:is|was|has been|had been|became|becomes|remains)\s+"
            rf"(?:(?:named|appointed|elected)\s+)?(?:as\s+)?){role_re}"
        ),
    )
    wanted = [w for w in role if w not in _SKIP_IN_NAME]
    owner = [i for i, w in enumerate(role) if w.endswith(("'s", "’s"))]
    # whose role it is may come after it: "the park authority's chief executive" is the "chief
    # executive of the Hallowdale National Park Authority" (the owner's last word within five)
    of_owner = (
        re.compile(
            rf"(?i:\b{head}\s+(?:of|at|for|with)\s+(?:[\w’'-]+\s+){{0,4}}{re.escape(role[owner[-1]][:-2])})\b"
        )
        if owner
        else None
    )
    found = []
    for s in sentences:
        text = outside_quotes(s.text)
        if not any(p.search(text) for p in holder):
            continue
        # every word of the role in the sentence: "the Perrington captain" is not Calder's captain
        if all(w in text.lower() for w in wanted) or (
            of_owner is not None
            and of_owner.search(text)
            and all(w in text.lower() for w in wanted if not w.endswith(("'s", "’s")))
        ):
            found.append(s)
    return found


_HOLDER_TITLE = r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof|Professor|Sir|Dame|Councillor|Cllr|Judge|Rev)\.?\s+)?"
_HOLDER_NAME = r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"


def holder_name(role: Sequence[str], sentences: Sequence[Sentence]) -> str | None:
    """The name of whoever holds a role, from the first sentence that names them beside it
    (``role_holders``), without a title: "keeper Jodie Farrell, 27," → "Jodie Farrell"; "Daniel
    Osei, the chief executive," → "Daniel Osei"; None when no sentence names them.

    >>> from bot.article import Sentence
    >>> body = [Sentence("The pair were found by keeper Jodie Farrell, 27, at 7am.", 1, 0),
    ...         Sentence("Daniel Osei, the chief executive, said so.", 2, 1)]
    >>> holder_name(["keeper"], body), holder_name(["chief", "executive"], body)
    ('Jodie Farrell', 'Daniel Osei')
    >>> holder_name(["referee"], [Sentence("He argued with the referee.", 1, 0)]) is None
    True
    """
    head = re.escape(_role_head(role))
    after = re.compile(rf"(?i:\b{head}),?\s+{_HOLDER_TITLE}{_HOLDER_NAME}")
    before = re.compile(
        rf"(?<![\w’'-]){_HOLDER_NAME},\s+(?i:{_DETERMINER}{_QUALIFIERS}{head})\b"
        rf"(?:\s+(?:of|with|at|for)\s+[\w\s’'-]{{1,40}}?)?(?=\s*(?:[,.;]|$))"
    )
    for sentence in role_holders(role, sentences):
        text = outside_quotes(sentence.text)
        match = after.search(text) or before.search(text)
        if match:
            return match.group("name")
    return None


_DOES = {
    "owner": "own",
    "manager": "manag",
    "founder": "found",
    "leader": "lead|led",
    "head": "head",
    "chair": "chair",
    "organiser": "organis",
    "organizer": "organiz",
    "runner": "run|ran",
    "expert": r"\w+",
    "specialist": r"\w+",
    "analyst": r"\w+",
}
"""What the holder of a role does, as the start of a verb: the owner owns, the chair chairs; an
expert in security does anything with security ("who now runs a security consultancy")."""


_KINDS_OF: dict[str, re.Pattern[str]] = {
    "scientist": re.compile(
        r"\b(?:[a-z]+olog|[a-z]+onom|chem|physic|geneti|botan|zoolog|ecolog)ists?\b|\b[a-z]*ographers?\b|\bresearchers?\b",
        re.I,
    ),
    "doctor": re.compile(r"\b(?:physicians?|surgeons?|paediatricians?|pediatricians?|GPs?|consultants?)\b"),
    "lawyer": re.compile(r"\b(?:solicitors?|barristers?|attorneys?|counsel|advocates?)\b", re.I),
    "advocate": re.compile(
        r"\b(?:organi[sz]ers?|campaigners?|activists?|spokes(?:wo)?m[ae]n|spokespersons?)\b", re.I
    ),
}
"""The words an article may use for one of a role's kinds: "the marine scientist" may be "a
marine ecologist", "the doctor" "a consultant surgeon"."""


def role_kind_holder(role: Sequence[str], sentences: Sequence[Sentence]) -> str | None:
    """The name of whoever holds one of a role's kinds (``_KINDS_OF``) with the role's other words:
    "the marine scientist" for "Marine ecologist Leah Okoro"; None when no sentence names one.

    >>> from bot.article import Sentence
    >>> body = [Sentence("Marine ecologist Leah Okoro, from the university, said so.", 1, 0)]
    >>> role_kind_holder(["marine", "scientist"], body), role_kind_holder(["lawyer"], body)
    ('Leah Okoro', None)
    """
    head = _role_head(role)
    kinds = _KINDS_OF.get(head)
    if kinds is None:
        return None
    others = [w for w in role if w != head]
    seen = {m.group(0).lower().rstrip("s") for s in sentences for m in kinds.finditer(s.text)}
    for kind in sorted(seen):
        name = holder_name([*others, kind], sentences) or (holder_name([kind], sentences) if others else None)
        if name:
            return name
    return None


def described_holder(role: Sequence[str], sentences: Sequence[Sentence]) -> str | None:
    """The name of someone the article describes by what they do rather than by the role's word:
    "the bakery owner" for "Dale Hutchins, 62, who owns the Gull Rock Bakery"; None when no
    sentence does, or the role names nothing anyone does.

    >>> from bot.article import Sentence
    >>> body = [Sentence('"We shut," said Dale Hutchins, 62, who owns the Gull Rock Bakery in town.', 1, 0)]
    >>> described_holder(["bakery", "owner"], body), described_holder(["hotel", "owner"], body)
    ('Dale Hutchins', None)
    >>> keyes = Sentence("Martin Keyes, 62, a former detective who now runs a security firm, said so.", 1, 0)
    >>> described_holder(["security", "expert"], [keyes]), described_holder(["fraud", "expert"], [keyes])
    ('Martin Keyes', None)
    >>> nurse = Sentence("Priya Raman, 37, a nurse who chairs the ferry committee.", 1, 0)
    >>> described_holder(["committee", "chair"], [nurse])
    'Priya Raman'
    """
    head = _role_head(role)
    verb = _DOES.get(head)
    if verb is None:
        return None
    wanted = [w for w in role if w != head and w not in _SKIP_IN_NAME]
    clause = re.compile(
        rf"(?<![\w’'-]){_HOLDER_NAME}(?:,\s+\d{{1,3}})?(?:,\s+[^,.;]{{1,60}}?)?,?\s+who\s+(?:now\s+|also\s+)?"
        rf"(?i:(?:{verb})\w*)\s+(?P<what>[^,.;]{{1,80}})"
    )
    for sentence in sentences:
        for match in clause.finditer(sentence.text):
            what = match.group("what").lower()
            if all(re.search(rf"\b{re.escape(w)}", what) for w in wanted):
                return match.group("name")
    return None


def role_mentions(
    role: Sequence[str], sentences: Sequence[Sentence], *, in_quotes: bool = False
) -> list[Sentence]:
    """Sentences that hold every word of a role outside quotation marks (whether or not they name
    who holds it: "sent off for arguing with the referee"); with ``in_quotes``, inside them too
    ("The captain came on and told us", a passenger said).

    >>> from bot.article import Sentence
    >>> [s.index for s in role_mentions(["referee"], [Sentence("He argued with the referee.", 1, 0)])]
    [0]
    >>> told = [Sentence('"The captain told us," he said.', 1, 0)]
    >>> role_mentions(["captain"], told), [s.index for s in role_mentions(["captain"], told, in_quotes=True)]
    ([], [0])
    """
    wanted = [re.compile(rf"\b{re.escape(w)}", re.I) for w in role if w not in _SKIP_IN_NAME]
    plain = [(s, s.text if in_quotes else outside_quotes(s.text)) for s in sentences]
    return [s for s, text in plain if all(w.search(text) for w in wanted)]


def without_possessor(role: Sequence[str]) -> list[str]:
    """A role's words without whose it is ("Faircroft's chief executive" → "chief executive"), to
    find where the article mentions the role at all.

    >>> without_possessor(["faircroft's", "chief", "executive"])
    ['chief', 'executive']
    >>> without_possessor(["janet", "armstrong's", "husband"])
    ['husband']
    """
    owner = [i for i, w in enumerate(role) if w.endswith(("'s", "’s"))]
    return list(role[owner[-1] + 1 :]) if owner and owner[-1] + 1 < len(role) else list(role)


_PERSON_ROLES = frozenset(
    [
        "minister",
        "president",
        "secretary",
        "captain",
        "pilot",
        "chief",
        "executive",
        "director",
        "manager",
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "leader",
        "mayor",
        "governor",
        "judge",
        "referee",
        "coach",
        "head",
        "officer",
        "victim",
        "suspect",
        "driver",
        "owner",
        "founder",
        "teacher",
        "doctor",
        "player",
        "winner",
        "candidate",
        "boss",
        "editor",
        "author",
        "king",
        "queen",
        "prince",
        "princess",
        "premier",
        "chancellor",
        "commissioner",
        "councillor",
        "inspector",
        "detective",
        "sheriff",
        "wife",
        "husband",
        "partner",
        "son",
        "daughter",
        "mother",
        "father",
        "brother",
        "sister",
        "principal",
        "headteacher",
        "headmaster",
        "ambassador",
        "general",
        "commander",
        "bishop",
        "archbishop",
        "pope",
        "presenter",
        "host",
        "singer",
        "actor",
        "actress",
        "artist",
        "architect",
        "designer",
        "scientist",
        "researcher",
        "professor",
        "killer",
        "gunman",
        "attacker",
        "rider",
        "goalkeeper",
        "striker",
    ]
)
"""Words naming a person's role: "what is the prime minister's name?" asks who holds it."""
_NAME_OF = re.compile(
    r"^\W*what(?:'s|’s|\s+is|\s+was)\s+(?:the\s+)?(?:full\s+)?name\s+of\s+(?P<what>(?:the|its|their)\s+[^?]+?)\s*\??$",
    re.I,
)
_OWNER = r"(?:the|its|their|his|her|(?-i:[A-Z][\w’'-]*)(?:\s+(?-i:[A-Z][\w’'-]*)){0,2}['’]s)"
"""Whose role a name question asks about: "the", "its", "her", or a name's ("Janet Armstrong's")."""
_NAME_POSSESSIVE = re.compile(
    rf"^\W*what(?:'s|’s|\s+is|\s+was)\s+(?P<what>{_OWNER}\s+[^?]+?)['’]s?\s+(?:full\s+)?name\s*\??$",
    re.I,
)
_CALLED = re.compile(rf"^\W*what(?:'s|’s|\s+is|\s+was)\s+(?P<what>{_OWNER}\s+[^?]+?)\s+called\s*\??$", re.I)


_ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "captain": ("skipper",),
    "skipper": ("captain",),
    "chief": ("ceo", "boss", "head"),
    "executive": ("ceo", "boss"),
    "ceo": ("chief executive", "boss"),
    "boss": ("chief executive", "ceo", "manager", "head", "director", "chair"),
    "manager": ("boss", "coach", "head coach"),
    "coach": ("manager", "boss"),
    "chair": ("chairman", "chairwoman", "chairperson"),
    "chairman": ("chair", "chairwoman", "chairperson"),
    "chairwoman": ("chair", "chairman", "chairperson"),
    "spokesperson": ("spokesman", "spokeswoman"),
    "spokesman": ("spokesperson", "spokeswoman"),
    "spokeswoman": ("spokesperson", "spokesman"),
    "premier": ("prime minister",),
    "headteacher": ("head teacher", "headmaster", "headmistress", "principal"),
    "principal": ("headteacher", "head teacher"),
}
"""Other words an article may use for a role ("skipper" for the captain)."""


def role_unmentioned(role: Sequence[str], sentences: Sequence[Sentence]) -> bool:
    """Whether a person's role that a "who is the X" question asks about appears nowhere in the
    article, under its own word or a common other one (then no sentence can say who holds it).

    >>> from bot.article import Sentence
    >>> body = [Sentence("Ashford signed Kenji Moreno.", 1, 0), Sentence("The skipper said so.", 1, 1)]
    >>> role_unmentioned(["ashford's", "manager"], body), role_unmentioned(["captain"], body)
    (True, False)
    >>> role_unmentioned(["comet"], body)  # not a person's role: retrieval decides
    False
    """
    head = _role_head(list(role))
    if head not in _PERSON_ROLES:
        return False
    words = (head, *_ROLE_SYNONYMS.get(head, ()))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")(?:s|es)?\b", re.I)
    return not any(pattern.search(s.text) for s in sentences)


def possessed_role(name: str) -> bool:
    """Whether a "who is X" target is someone's role ("Janet Armstrong's husband"), which asks for
    another person than the one named, so the named person's introduction does not answer it.

    >>> possessed_role("Janet Armstrong's husband"), possessed_role("Faircroft's chief executive")
    (True, True)
    >>> possessed_role("Janet Armstrong"), possessed_role("Dewhurst's fraud")
    (False, False)
    """
    head, sep, role = re.sub(r"['’]s\s", "'s ", name).rpartition("'s ")
    return bool(sep and head and role.split() and role.split()[-1].lower() in _PERSON_ROLES)


def as_who_question(question: str) -> str | None:
    """A question for a person's name in a role, asked as "who" ("what is the prime minister's
    name?" → "Who is the prime minister?"); None for anything else (the comet's name).

    >>> as_who_question("What is the prime minister's name?")
    'Who is the prime minister?'
    >>> as_who_question("What was the name of the pilot?")
    'Who is the pilot?'
    >>> as_who_question("What is the comet's name?") is None, as_who_question("Who won?") is None
    (True, True)
    >>> as_who_question("What's Janet Armstrong's husband called?")
    "Who is Janet Armstrong's husband?"
    >>> as_who_question("What is the comet called?") is None
    True
    """
    text = question.strip()
    match = _NAME_POSSESSIVE.match(text) or _NAME_OF.match(text) or _CALLED.match(text)
    if not match:
        return None
    what = match.group("what")
    return f"Who is {what}?" if what.split()[-1].lower() in _PERSON_ROLES else None


_IN_CHARGE = re.compile(
    r"^\W*who(?:'s|’s|\s+is|\s+was)?\s+(?:in\s+charge\s+of|(?:runs|ran|leads|led|heads|headed)|running|leading|heading"
    r"|the\s+(?:head|boss|leader)\s+of)\s+(?P<org>(?:the\s+)?[^?]+?)\s*\??$",
    re.I,
)
_HEADS = (
    "head",
    "chief",
    "boss",
    "leader",
    "director",
    "executive",
    "chair",
    "president",
    "commissioner",
    "owner",
)
"""Words for the one in charge, tried in this order with the organisation's name beside them."""


def in_charge(question: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """For "who's in charge of X?" ("who runs X?", "who heads X?"), the sentences that name the
    head, chief, boss, director... of X, in article order; empty for any other question.

    >>> from bot.article import Sentence
    >>> body = [Sentence("Ferries ran late.", 1, 0),
    ...         Sentence("Lydia Okafor, the head of Northsound Ferries, said so.", 2, 1)]
    >>> [s.index for s in in_charge("Who's in charge of Northsound Ferries?", body)]
    [1]
    >>> in_charge("Who's in charge of the inquiry?", body), in_charge("Who is Lydia Okafor?", body)
    ([], [])
    """
    match = _IN_CHARGE.match(question.strip())
    if not match:
        return []
    words = _WORD.findall(_ARTICLE.sub("", match.group("org")))
    org = [w.lower() for w in words if w.lower() not in _SKIP_IN_NAME]
    for head in _HEADS:
        found = role_holders([head, "of", *org], sentences)
        if found:
            return found
    return []
