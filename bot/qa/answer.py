"""Grounded answers with citations, or a plain refusal: the one answering path behind the chat,
``headline-bot ask``, the ``/ask`` endpoint and ``HeadlineBot.ask``.

Seven routes, tried in order:

1. a question about what happened at a time the article names ("what happened last summer?",
   "what happened in 2017?") gets the sentence that names that time (``bot.qa.events``);
2. an article-level question ("what is this about?", "what happens next?") is answered from the
   right part of the article (``bot.qa.article_level``), never refused when there is a lead;
3. a question about how a market moved ("how did the shares react?") gets the sentence where it
   rises or falls (``bot.qa.markets``);
4. a quote question ("what did Okafor say?") quotes that person's own words (``bot.qa.quotes``);
5. a question about a name the article uses ("who is Dominic Raab?", "what is the CCP?") gets the
   sentence that introduces it (``bot.qa.entities``);
6. a question whether anyone was hurt ("was anyone injured?") gets, of the sentences that tell of the
   injured, the dead or the unhurt, the one closest to the question (``bot.qa.harm``);
7. anything else is retrieved (``bot.retrieval.retrieve``): the best sentence, and a second one only
   when it adds to it (``choose_sentences``). It is answered only when the expected kind of answer
   (number, date, person, place; an age, a sum, a distance, a count...: ``bot.qa.holders``) is in
   what is quoted and the answerability model
   (``bot.qa.answerability``) scores it at or above its threshold; otherwise the reply says the
   article does not say, and points at a passage only when that passage is on the question's
   subject (``prompts/not_in_article.txt``, else ``prompts/not_in_article_plain.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from bot.article import CitedSentence, Sentence
from bot.errors import QuestionError
from bot.prompts import render
from bot.qa.absent import unknown_names, wording_refusal
from bot.qa.answerability import AnswerabilityModel, evidence, shipped_model
from bot.qa.article_level import article_kind, article_sentences
from bot.qa.entities import (
    age_sentence,
    as_who_question,
    described_holder,
    entity_target,
    holder_name,
    in_charge,
    introducing,
    possessed_role,
    role_holders,
    role_kind_holder,
    role_mentions,
    role_unmentioned,
    role_words,
    spelled_out,
    without_possessor,
)
from bot.qa.events import event_time, told_at
from bot.qa.harm import harm_asked, harm_sentences
from bot.qa.holders import answer_holder, kind_holder, required_missing
from bot.qa.markets import market_asked, market_moves
from bot.qa.quotes import (
    attributed,
    called_by,
    full_name,
    group,
    heard,
    mentioned,
    on_topic,
    pronoun_speech,
    quote_target,
    quote_topic,
    target_words,
)
from bot.qa.records import AnswerDict, SourceDict
from bot.qa.withheld import withheld
from bot.retrieval.index import ArticleIndex, terms
from bot.retrieval.retrieve import THRESHOLDS, TOP_PARAGRAPHS, Mode, Retrieval, retrieve
from bot.text import own_words, strip_controls, with_apostrophes

MAX_SENTENCES = 2
SECOND_SHARE = 0.8
"""The next best sentence is quoted too when it scores at least this share of the best: the evidence
is split between the two (chosen from 0.8, 0.85, 0.9, 0.95 on the visible SQuAD 2.0 and XQuAD;
``scripts/cv_second_share.py`` cross-validates that choice by document)."""
FOCUS_REACH = 1
"""How many paragraphs either side of the passage under discussion a follow-up's answer may come
from and still be given when only the answerability model would refuse it."""
POINTER_WORDS = 30
FOCUS_GATE = 0.33
"""A follow-up on the passage under discussion passes the wrong-document gate when one of that passage's
sentences is at least this close to it (cosine): questions asked of another document reach it with
their best sentence in 5 % of cases (XQuAD, each question at the next document: 95th percentile 0.331,
97th 0.355, median 0.193). "Who are the parents?" after the cubs' birth is about the birth (0.36);
"and who won the snooker?" is not (0.13)."""
POINTER_COVERAGE = 0.5
"""A refusal points at a passage only when it holds at least this share of the question's terms (and two)."""

Route = Literal["article", "market", "quote", "entity", "event", "harm", "retrieval", "none"]


@dataclass(frozen=True)
class SourceRef:
    """A cited paragraph: its 1-based number and its text."""

    paragraph: int
    text: str

    def to_dict(self) -> SourceDict:
        """The JSON form: ``{"paragraph", "text"}``."""
        return {"paragraph": self.paragraph, "text": self.text}


@dataclass(frozen=True)
class Answer:
    """A reply to a question: text with ``[¶N]`` citations, whether answered, and the sources."""

    text: str
    answerable: bool
    sources: tuple[SourceRef, ...]
    sentences: tuple[CitedSentence, ...] = ()
    notes: tuple[str, ...] = ()
    question: str = ""
    """The question as answered (after trimming and cutting)."""
    evidence: float = 0.0
    """The evidence score that was compared with the abstention threshold."""
    sentence_indices: tuple[int, ...] = ()
    """Positions in ``article.sentences`` of the quoted sentences (for "tell me more")."""
    route: Route = "retrieval"
    """Which route answered: an article-level, market, quote, entity or time question, or retrieval."""

    def to_dict(self) -> AnswerDict:
        """The one JSON contract of an answer (CLI ``--json``, the ``/ask`` API):
        ``{"answer", "answerable", "sources": [{"paragraph", "text"}], "sentences": [{"text",
        "paragraph", "supported"}], "notes"}``; ``sentences`` lists generated sentences (empty for a
        quoted answer) with their grounding."""
        return {
            "answer": self.text,
            "answerable": self.answerable,
            "sources": [s.to_dict() for s in self.sources],
            "sentences": [s.to_dict() for s in self.sentences],
            "notes": list(self.notes),
        }


_WHO = re.compile(r"^\W*(?:(?:and|so|ok|okay|then)\W+)?who\b", re.I)
"""A question about a person ("who is the chief executive?"), for the role route."""
_WHO_THE = re.compile(
    r"^\W*(?i:(?:(?:and|so|ok|okay|then)\W+)?who\s+(?:is|was|are|were)\s+)"
    r"(?:(?i:the|its|their)|(?:[A-Z][\w’'-]*\s+){0,2}[A-Z][\w’'-]*['’]s)\s"
)
"""... about the holder of a role named as one ("who was the referee?", "who is Faircroft's chief
executive?"): the article may leave them unnamed."""


def prepare_question(question: str, max_chars: int) -> tuple[str, tuple[str, ...]]:
    """Trim a question; cut one that is too long at a word boundary, with a note.

    >>> prepare_question("  Who voted?  ", 100)
    ('Who voted?', ())
    >>> prepare_question("whos on trial", 100)  # typed without its apostrophe
    ("who's on trial", ())
    >>> prepare_question("Who voted for the ban?", 12)
    ('Who voted', ('Your question was cut to its first 12 characters.',))
    """
    text = with_apostrophes(" ".join(strip_controls(question).split()))
    if not text:
        raise QuestionError("The question is empty; type a question about the article.")
    if len(text) <= max_chars:
        return text, ()
    cut = text[:max_chars]
    if " " in cut and not text[max_chars].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(), (render("question_cut", limit=f"{max_chars:,}"),)


def compose(sentences: Sequence[Sentence], *, in_order: bool = True) -> str:
    """Quote sentences in article order (or as given); one ``[¶N]`` after each run from the same
    paragraph.

    >>> from bot.article import Sentence
    >>> compose([Sentence("It passed.", 2, 3), Sentence("Shops objected.", 5, 9), Sentence("Ok.", 2, 4)])
    'It passed. Ok. [¶2] Shops objected. [¶5]'
    >>> compose([Sentence("Shops objected.", 5, 9), Sentence("It passed.", 2, 3)], in_order=False)
    'Shops objected. [¶5] It passed. [¶2]'
    """
    ordered = sorted(sentences, key=lambda s: s.index) if in_order else list(sentences)
    parts: list[str] = []
    for i, s in enumerate(ordered):
        parts.append(s.text)
        if i + 1 == len(ordered) or ordered[i + 1].paragraph != s.paragraph:
            parts.append(f"[¶{s.paragraph}]")
    return " ".join(parts)


def pointer(text: str, max_words: int = POINTER_WORDS) -> str:
    """The start of a passage, at most ``max_words`` words, with an ellipsis when cut.

    >>> pointer("one two three four", 3)
    'one two three…'
    """
    words = text.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def best_holding(
    scores: np.ndarray,
    holds: Callable[[str], bool],
    sentences: Sequence[Sentence],
    exclude: Sequence[int],
    bears: Callable[[int], bool],
) -> int | None:
    """The best-scored sentence (scores ``-inf`` are out) that ``holds`` the kind of answer wanted
    and ``bears`` on the question; ``None`` when none does."""
    skip = set(exclude)
    for i in np.argsort(-scores, kind="stable"):
        if not np.isfinite(scores[i]):
            break
        if int(i) not in skip and holds(sentences[int(i)].text) and bears(int(i)):
            return int(i)
    return None


def typed_sentence(
    found: Retrieval,
    holds: Callable[[str], bool],
    sentences: Sequence[Sentence],
    exclude: Sequence[int],
    bears: Callable[[int], bool],
) -> int | None:
    """The best-scored sentence that ``holds`` the kind of answer wanted and ``bears`` on the
    question: in the top paragraphs, else in the next paragraph of the ranking
    (``Retrieval.spare_scores``); ``None`` when neither has one."""
    for scores in (found.sentence_scores, found.spare_scores):
        held = None if scores is None else best_holding(scores, holds, sentences, exclude, bears)
        if held is not None:
            return held
    return None


def runs_on(sentences: Sequence[Sentence], i: int, j: int) -> bool:
    """Whether sentences ``i`` and ``j`` follow each other in one paragraph.

    >>> from bot.article import Sentence
    >>> body = [Sentence("A.", 1, 0), Sentence("B.", 1, 1), Sentence("C.", 2, 2)]
    >>> runs_on(body, 0, 1), runs_on(body, 1, 2)
    (True, False)
    """
    return abs(i - j) == 1 and sentences[i].paragraph == sentences[j].paragraph


def leads_into(sentences: Sequence[Sentence], lead: int, i: int) -> bool:
    """Whether sentence ``i`` opens the second paragraph right after the lead paragraph's last
    sentence ``lead``: a news lead tells what happened, the next paragraph when and where.

    >>> from bot.article import Sentence
    >>> body = [Sentence("Two pandas escaped.", 1, 0), Sentence("They got out on Sunday.", 2, 1),
    ...         Sentence("Staff were told.", 3, 2)]
    >>> leads_into(body, 0, 1), leads_into(body, 1, 2)
    (True, False)
    """
    return (
        i == lead + 1
        and i < len(sentences)
        and sentences[lead].paragraph == 1
        and sentences[i].paragraph == 2
    )


def bears_on(index: ArticleIndex, question: str, first: int) -> Callable[[int], bool]:
    """Whether a sentence bears on the question beside the best one (``first``): it shares a question
    term, or runs on from the best sentence in its paragraph. A sentence that merely holds a name or
    a number ("Marrow Bridge" for "Who built the reading boat?") does not.

    >>> from bot.ingest.segment import build_article
    >>> art = build_article(["Students built the boat. It took a year.", "The town is Marrow Bridge."])
    >>> bears = bears_on(ArticleIndex(art, None), "Who built the reading boat?", 0)  # type: ignore[arg-type]
    >>> bears(1), bears(2)
    (True, False)
    """
    asked = asked_terms(question)
    doc_terms = index.sentence_bm25.doc_terms
    sentences = index.article.sentences

    def bears(i: int) -> bool:
        return runs_on(sentences, i, first) or bool(asked & set(doc_terms[i]))

    return bears


def kind_words(question: str) -> str:
    """The words that say what kind of answer is wanted: a follow-up's own words when they ask
    something of their own (two terms or more), else the words with the context they carry ("who
    said that?" asks what the carried question was about).

    >>> kind_words("when can people see them (how heavy are the cubs)"), kind_words("who said that (why?)")
    ('when can people see them', 'who said that (why?)')
    """
    own = own_words(question)
    return own if len(terms(own)) >= 2 else question


def bears_in_paragraph(
    index: ArticleIndex, question: str, bears: Callable[[int], bool]
) -> Callable[[int], bool]:
    """``bears``, or the sentence's paragraph shares a question term: a sentence that holds just the
    measure asked for bears on the question through its paragraph ("The cubs had their first health
    check. The male weighed 4.1kg." for "how heavy are the cubs?").

    >>> from bot.ingest.segment import build_article
    >>> art = build_article(["The cubs were checked. The male weighed 4kg.", "Tashi weighs 40kg."])
    >>> near = bears_in_paragraph(ArticleIndex(art, None), "How heavy are the cubs?", lambda i: False)
    >>> near(1), near(2)
    (True, False)
    """
    asked = asked_terms(question)
    doc_terms = index.sentence_bm25.doc_terms
    sentences = index.article.sentences
    by_paragraph: dict[int, set[str]] = {}
    for i, s in enumerate(sentences):
        by_paragraph.setdefault(s.paragraph, set()).update(doc_terms[i])

    def near(i: int) -> bool:
        return bears(i) or bool(asked & by_paragraph[sentences[i].paragraph])

    return near


def choose_sentences(
    index: ArticleIndex,
    found: Retrieval,
    question: str,
    exclude: Sequence[int] = (),
    max_sentences: int = MAX_SENTENCES,
) -> list[int]:
    """The best sentence, and a second only when it adds: when the first lacks the kind of answer the
    question wants (a number, date, person, place; an age or a sum: ``answer_holder``), its
    neighbour in the paragraph when that holds one, else the best sentence that holds one and bears
    on the question (``bears_on``; from the top paragraphs, else the next paragraph); otherwise the
    next best when it covers a question term the first does not (``asked_terms``), is its neighbour
    in the same paragraph (the evidence runs across the two: a pronoun subject, a quote carried on),
    or scores nearly as well (``SECOND_SHARE``). Positions in ``article.sentences``, best first."""
    order = found.best_sentences(max(2, max_sentences), exclude)
    if not order:
        return []
    chosen = order[:1]
    if max_sentences < 2:
        return chosen
    first = order[0]
    sentences = index.article.sentences
    bears = bears_on(index, question, first)

    def typed(holds: Callable[[str], bool]) -> int | None:
        beside = [
            i
            for i in (first + 1, first - 1)
            if 0 <= i < len(sentences)
            and i not in exclude
            and (runs_on(sentences, i, first) or leads_into(sentences, first, i))
            and holds(sentences[i].text)
        ]  # the answer often runs on in the next sentence ("It cost £31m. Most came from the council.")
        return beside[0] if beside else typed_sentence(found, holds, sentences, [*exclude, first], bears)

    wanted = kind_words(question)
    holds = answer_holder(wanted)
    if holds is not None and not holds(sentences[first].text):
        added = typed(holds)
        specific = answer_holder(wanted, specific=True) if added is None else None
        if specific is not None:
            if found.cosines is not None:
                # "how many passengers?": the sentence nearest in meaning, anywhere in the article,
                # that puts a number before "passengers"; "how heavy are the cubs?": "The male
                # weighed 4.1kg" in the paragraph about the cubs
                near = bears_in_paragraph(index, question, bears)
                added = best_holding(found.cosines, specific, sentences, [*exclude, first], near)
            kind = kind_holder(wanted)
            if added is None and kind is not None and not kind(sentences[first].text):
                added = typed(kind)  # the kind alone: "passed by 14 votes to 5" for "how many councillors?"
        if added is not None:
            return [first, added]
    if len(order) < 2:
        return chosen
    second = order[1]
    doc_terms = index.sentence_bm25.doc_terms
    new_terms = asked_terms(question) & (set(doc_terms[second]) - set(doc_terms[first]))
    best, runner_up = found.sentence_scores[first], found.sentence_scores[second]
    if new_terms or runs_on(sentences, second, first) or (best > 0 and runner_up >= SECOND_SHARE * best):
        chosen.append(second)
    return chosen


_HOW = re.compile(r"\bhow\s+([\w'’-]+)", re.IGNORECASE)


def asked_terms(question: str) -> set[str]:
    """The question's BM25 terms without the word that only says what kind of answer is wanted
    ("how *old*", "how *long*"), which a sentence may use in another sense ("the old crossing").

    >>> sorted(asked_terms("How old is Edith Marlow?")), sorted(asked_terms("Who built the bridge?"))
    (['edith', 'marlow'], ['bridg', 'build'])
    """
    kind_words = {t for m in _HOW.finditer(question) for t in terms(m.group(1))}
    return set(terms(question)) - kind_words


def quoted_sentences(index: ArticleIndex, question: str, chosen: Sequence[int]) -> tuple[list[int], bool]:
    """Which of the chosen sentences (best first) the answer quotes, and whether in article order.

    The answer opens with a sentence that bears on the question: of two, one whose question terms
    the other also covers (and at least twice as many) is left out, unless it alone holds the kind
    of answer asked for (``answer_holder``) or the two run on in one paragraph; when only the second
    holds that kind, it opens the answer and the first follows as context.
    """
    if len(chosen) < 2:
        return list(chosen), True
    sentences = index.article.sentences
    a, b = chosen[0], chosen[1]
    wanted = kind_words(question)
    holds = answer_holder(wanted)
    if holds is not None and not (holds(sentences[a].text) or holds(sentences[b].text)):
        holds = kind_holder(wanted)  # neither holds the particular kind: which holds the kind at all
    holds_a, holds_b = (holds is None or holds(sentences[i].text) for i in (a, b))
    if runs_on(sentences, a, b):
        return [a, b], True
    asked = set(terms(question))
    doc_terms = index.sentence_bm25.doc_terms
    cover_a, cover_b = asked & set(doc_terms[a]), asked & set(doc_terms[b])
    if cover_a < cover_b and 2 * len(cover_a) <= len(cover_b) and holds_b:
        return [b], True
    if cover_b < cover_a and 2 * len(cover_b) <= len(cover_a) and holds_a:
        return [a], True
    if holds_b and not holds_a:
        return [b, a], False
    return [a, b], True


def _answer(
    article_sentences_: Sequence[Sentence],
    index: ArticleIndex,
    *,
    notes: tuple[str, ...],
    asked: str,
    score: float,
    route: Route,
    prefix: str = "",
    in_order: bool = True,
) -> Answer:
    """The answer quoting these sentences, in article order (``in_order``) or in the order given."""
    sentences = sorted(article_sentences_, key=lambda s: s.index) if in_order else list(article_sentences_)
    numbers = sorted({s.paragraph for s in sentences})
    text = compose(sentences, in_order=in_order)
    return Answer(
        text=f"{prefix} {text}" if prefix else text,
        answerable=True,
        sources=tuple(SourceRef(n, index.article.paragraph(n).text) for n in numbers),
        sentences=tuple(CitedSentence(s.text, s.paragraph) for s in sentences),
        notes=notes,
        question=asked,
        evidence=score,
        sentence_indices=tuple(s.index for s in sentences),
        route=route,
    )


def _refusal(
    index: ArticleIndex, notes: tuple[str, ...], asked: str, score: float, paragraph: int | None
) -> Answer:
    if paragraph is None:
        return Answer(render("not_in_article_plain"), False, (), notes=notes, question=asked, evidence=score)
    closest = index.article.paragraph(paragraph)
    text = render("not_in_article", paragraph=closest.number, passage=pointer(closest.text))
    return Answer(
        text, False, (SourceRef(closest.number, closest.text),), notes=notes, question=asked, evidence=score
    )


def on_subject_passage(question: str, coverage: float) -> bool:
    """Whether a passage holding ``coverage`` of the question's terms is on its subject: at least
    ``POINTER_COVERAGE`` of them, and at least two unless the question has only one.

    >>> on_subject_passage("What is the population of Beijing?", 0.5)
    False
    >>> on_subject_passage("How many people have died in the camps?", 2 / 3)
    True
    """
    n = len(set(terms(question)))
    return coverage >= POINTER_COVERAGE and round(coverage * n) >= min(2, n)


_NAMED = re.compile(r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+|for\s+|de\s+)?[A-Z][\w'’.-]*)*")
"""A speaker named with capitals ("Pompeo", "the British Museum"), not by a role ("his lawyer")."""
_SPOKE = re.compile(
    r"\b(?:say|said|saying|tell|told|react|respond|reply|comment|statement|response|reaction)\b", re.I
)
"""A quote question about words spoken ("what did X say?"), not thoughts ("what did X think?")."""


def refused_by_wording(index: ArticleIndex, question: str, chosen: Sequence[int]) -> bool:
    """The refusals by the question's wording, whatever the answerability score: a measure the
    quoted sentences lack ("how old is she?" wants an age: ``required_missing``), something the
    article never mentions ("how many children does she have?": ``wording_refusal``), or a quoted
    sentence saying that what is asked is not known ("the cause is not yet known": ``withheld``)."""
    said = [index.article.sentences[i].text for i in chosen]
    return (
        required_missing(question, said)
        or wording_refusal(question, index.article.text, index.paragraph_bm25.vocabulary)
        or any(withheld(question, text) for text in said)
    )


_ACRONYM = re.compile(r"(?:the\s+)?(?P<letters>[A-Z]{2,6})")


def said_otherwise(who: str, text: str) -> bool:
    """Whether a quote question asks about a role, with no name the article lacks: the article may
    give that speaker's words under another description ("What did the senator say?" of "Sen. Maria
    Lopez said ..."; "the think tank economist" of "..., senior economist at an independent think
    tank, said ..."), so retrieval and the answerability model decide, not a literal match.

    >>> said_otherwise("the senator", "Sen. Maria Lopez said no.")
    True
    >>> said_otherwise("Senator Brown", "Sen. Lopez said no."), said_otherwise("the Ofwat boss", "It said.")
    (False, False)
    >>> said_otherwise("Pompeo", "Pompeo said no.")
    False
    """
    return role_words(who) is not None and not unknown_names(f"of {who}", text)


def spelled_speaker(who: str, sentences: Sequence[Sentence], text: str) -> str:
    """A speaker asked about by an acronym the article only spells out ("What did the ICO say?" of
    an article naming "the Information Commissioner's Office") is looked for by its full name.

    >>> s = [Sentence("The Information Commissioner's Office said it was making inquiries.", 1, 0)]
    >>> spelled_speaker("the ICO", s, s[0].text), spelled_speaker("Pompeo", s, s[0].text)
    ("Information Commissioner's Office", 'Pompeo')
    """
    match = _ACRONYM.fullmatch(who)
    if match is None or mentioned(who, sentences):
        return who
    return spelled_out(match.group("letters"), text) or who


def _speaker_forms(who: str, sentences: Sequence[Sentence]) -> list[str]:
    """The ways the article may name the one a quote question asks about, in the order to try:
    as asked, by the first name it uses alone ("Jodie told"), and for a role the holder's name
    ("What did the keeper say?" of "keeper Jodie Farrell") and first name, then the name of
    whoever is described as doing what the role does ("the bakery owner": "Dale Hutchins, who owns
    the Gull Rock Bakery").

    >>> s = [Sentence("They were found by keeper Jodie Farrell, 27.", 1, 0), Sentence("Jodie told us.", 2, 1)]
    >>> _speaker_forms("the keeper", s), _speaker_forms("Rees", s)
    (['the keeper', 'Jodie Farrell', 'Jodie'], ['Rees'])
    """
    role = role_words(who)
    holder = holder_name(role, sentences) if role else None
    described = described_holder(role, sentences) if role else None  # "Dale Hutchins, who owns the bakery"
    kin = role_kind_holder(role, sentences) if role and not holder else None  # "a marine ecologist"
    forms: list[str] = []
    for name in (who, holder, described, kin):
        if name:
            forms += [name, called_by(name, sentences)]
    return list(dict.fromkeys(forms))


def _quote_answer(
    index: ArticleIndex, who: str, exclude: Sequence[int], max_sentences: int, topic: str | None = None
) -> tuple[list[Sentence], str] | None:
    """The speaker's first quote, or the one on ``topic`` ("what did she say about the appeal?"),
    and the next when it follows straight on, with a lead-in naming them when the first quoted
    sentence does not."""
    skip = set(exclude)
    found = [s for s in attributed(who, index.article.sentences) if s.index not in skip]
    if not found:
        return None
    if topic:
        found = on_topic(topic, found, [p.text for p in index.article.paragraphs])
    chosen = [found[0]]
    following = [s for s in found[1:] if s.index == found[0].index + 1]
    if max_sentences >= 2 and following:  # a quote carried on in the next sentence
        chosen.append(following[0])
    key = target_words(who)
    named = any(k in chosen[0].text.lower() for k in key[-1:])
    if named:
        return chosen, ""
    role = role_words(who)
    speaker = (holder_name(role, index.article.sentences) if role else None) or who
    # '..., she said.' carries its own verb: the lead-in only names her ("Gwen Ashcroft: ...")
    template = "quote_speaker_attributed" if pronoun_speech(chosen[0].text) else "quote_speaker"
    return chosen, render(template, speaker=speaker[:1].upper() + speaker[1:])


def in_focus(paragraphs: Sequence[int], focus: Sequence[int]) -> bool:
    """Whether one of the (0-based) paragraphs lies among those under discussion or next to one
    (``FOCUS_REACH``).

    >>> in_focus([1], [0]), in_focus([1], [3]), in_focus([], [1]), in_focus([2], [])
    (True, False, False, False)
    """
    return any(abs(p - f) <= FOCUS_REACH for p in paragraphs for f in focus)


def answer_question(
    index: ArticleIndex,
    question: str,
    *,
    mode: Mode = "hybrid",
    max_chars: int = 1_000,
    max_sentences: int = MAX_SENTENCES,
    threshold: float | None = None,
    exclude: Sequence[int] = (),
    query_vector: np.ndarray | None = None,
    model: AnswerabilityModel | None = None,
    focus: Sequence[int] = (),
) -> Answer:
    """Answer from the article with citations, or refuse when it does not say.

    ``exclude`` lists sentence positions already given (a "tell me more" follow-up).
    ``focus`` lists the 0-based paragraphs under discussion, those the previous answer quoted, for a
    follow-up that leans on it ("why couldn't they get to them?"): retrieval ranks them higher, and
    an answer from them or their neighbours (``in_focus``) is not refused by the answerability
    model's score alone, since the question's own words are few; the answer kind, the wording
    rules and the wrong-document gate still apply.
    ``threshold`` overrides the answerability threshold (hybrid) or the evidence threshold
    (``bm25``/``dense``, which score by retrieval evidence alone, for comparison).
    """
    asked, notes = prepare_question(question, max_chars)
    article = index.article
    if not article.paragraphs:
        return Answer(render("nothing_more"), False, (), notes=notes, question=asked, route="none")
    sentences = article.sentences
    skip = set(exclude)  # sentences already given ("tell me more")
    own = own_words(asked)  # the routes read the question itself, not the context a follow-up carries
    when = event_time(own)
    if when is not None:  # "what happened last summer?": the sentence that names that time
        at = [s for s in told_at(when, sentences) if s.index not in skip]
        if at:
            return _answer(at[:1], index, notes=notes, asked=asked, score=1.0, route="event")
    kind = article_kind(own, f"{article.headline or ''} {sentences[0].text if sentences else ''}")
    # an article-level question the article has no part for ("who won?" in a profits story) is
    # asked as any other question
    part = article_sentences(kind, sentences) if kind is not None else []
    if part:
        chosen = [s for s in part if s.index not in skip]
        if exclude and not chosen:  # "tell me more": the next sentence after what was given
            after = [s for s in sentences if s.index > max(skip) and s.index not in skip]
            chosen = after[:1]
        if not chosen:
            return Answer(render("nothing_more"), False, (), notes=notes, question=asked, route="article")
        return _answer(chosen, index, notes=notes, asked=asked, score=1.0, route="article")
    market = market_asked(own)
    moved = [s for s in market_moves(market, sentences) if s.index not in skip] if market else []
    if moved:  # "how did the shares react?": they moved, they did not speak
        return _answer(moved[:1], index, notes=notes, asked=asked, score=1.0, route="market")
    who = quote_target(own)
    if who is not None:
        who = full_name(spelled_speaker(who, sentences, article.text), sentences)
        quoted = None
        for speaker in _speaker_forms(who, sentences):
            quoted = _quote_answer(index, speaker, exclude, max_sentences, quote_topic(own))
            if quoted is not None:
                break
        if quoted is not None:
            return _answer(
                quoted[0], index, notes=notes, asked=asked, score=1.0, route="quote", prefix=quoted[1]
            )
        if not exclude and not mentioned(who, sentences):
            # a name the article never uses ("Marisol Whitcombe" where only Daniel and Laura are
            # named) is refused; a role it never names as asked may be there in other words
            # ("the senator": "Sen. Margaret Lyle"), for retrieval to find
            if not said_otherwise(who, article.text):
                return _refusal(index, notes, asked, 0.0, None)
        elif not exclude:
            if unknown_names(f"of {who}", article.text):
                return _refusal(index, notes, asked, 0.0, None)
            # named, never heard; a group never quoted ("the rivals") may have acted, for retrieval to find
            if _SPOKE.search(own) and not heard(who, sentences) and not group(who):
                named_in = [s for s in sentences if mentioned(who, [s])]
                return _refusal(index, notes, asked, 0.0, named_in[0].paragraph if named_in else None)
    # "how old is Elena Marić?": "Marić, 61, said ..."; "78 adults aged 60" is not her age, nor is
    # hers her children's
    asks_age, aged = age_sentence(own, sentences)
    if asks_age and not exclude:
        if aged is None:
            return _refusal(index, notes, asked, 0.0, None)
        return _answer([aged], index, notes=notes, asked=asked, score=1.0, route="entity")
    heads = [s for s in in_charge(own, sentences) if s.index not in skip]
    if heads:  # "who's in charge of Northsound Ferries?": the sentence naming its head
        return _answer(heads[:1], index, notes=notes, asked=asked, score=1.0, route="entity")
    own = as_who_question(own) or own  # "what is the prime minister's name?" asks who holds the role
    name = entity_target(own)
    if name is not None:  # "who is Dominic Raab?": the sentence that introduces the name
        # then, for "tell me more", the sentences naming or quoting them, then retrieval as for any question
        named = [] if possessed_role(name) else introducing(name, sentences)
        intro = [s for s in [*named, *(attributed(name, sentences) if named else [])] if s.index not in skip]
        if intro:
            return _answer(intro[:1], index, notes=notes, asked=asked, score=1.0, route="entity")
        role = role_words(name) if not named and _WHO.match(own) else None
        held = [s for s in role_holders(role, sentences) if s.index not in skip] if role else []
        if held:  # "who is the chief executive?": the sentence that names who holds the role
            return _answer(held[:1], index, notes=notes, asked=asked, score=1.0, route="entity")
        told = []
        if role and _WHO_THE.match(own) and not exclude:  # mentioned, perhaps as another's, or in a quote
            if role_unmentioned(role, sentences):  # "who is Ashford's captain?": no captain, no skipper
                return _refusal(index, notes, asked, 0.0, None)
            core = without_possessor(role)
            # "Ayurbarwada's son and successor" mentions the role as theirs: retrieval reads it
            theirs = core != role and role_mentions(role, sentences, in_quotes=True)
            if not theirs:
                told = role_mentions(core, sentences) or role_mentions(core, sentences, in_quotes=True)
        if told:  # "who was the referee?" where the referee is mentioned but never named
            return _refusal(index, notes, asked, 0.0, told[0].paragraph)
    # "Tell me more" reaches one paragraph further each time something was already quoted.
    wider = TOP_PARAGRAPHS + (1 + len(exclude)) // 2 if exclude else TOP_PARAGRAPHS
    found = retrieve(index, asked, mode, query_vector=query_vector, top_paragraphs=wider, focus=focus)
    harmed = [s for s in harm_sentences(sentences, own) if s.index not in skip] if harm_asked(own) else []
    if harmed:  # "was anyone hurt?": of the sentences telling of harm, the one closest to the question
        closest = max(harmed, key=lambda s: found.cosines[s.index] if found.cosines is not None else -s.index)
        return _answer([closest], index, notes=notes, asked=asked, score=1.0, route="harm")
    chosen_ix = choose_sentences(index, found, asked, exclude, max_sentences)
    ev = evidence(index, found, asked, chosen_ix)
    gate = False
    if mode == "hybrid":
        fitted = model or shipped_model()
        score = fitted.score(ev.values)
        limit = fitted.threshold if threshold is None else threshold
        gate = found.evidence < THRESHOLDS["hybrid"]  # the wrong-document gate
        if gate and focus and found.cosines is not None:  # a follow-up close to the passage under discussion
            near = [found.cosines[s.index] for s in sentences if s.paragraph - 1 in focus]
            gate = not near or max(near) < FOCUS_GATE
    else:
        score, limit = found.evidence, THRESHOLDS[mode] if threshold is None else threshold
    abstain = limit != float("-inf")  # -inf: always answer (the evaluation scores sentences apart)
    if exclude:  # "tell me more" on a question already answered: only the evidence gate applies
        refuse = gate if mode == "hybrid" else score < limit
    else:
        # "how old is X?" wants an age, not any number: the quoted sentences must state one
        doubted = score < limit and not in_focus([sentences[i].paragraph - 1 for i in chosen_ix[:1]], focus)
        refuse = doubted or ev.type_missing or refused_by_wording(index, own, chosen_ix) or gate
    if abstain and refuse:
        on_subject = ev.top >= 0 and on_subject_passage(asked, ev.paragraph_coverage)
        return _refusal(index, notes, asked, score, sentences[ev.top].paragraph if on_subject else None)
    if not chosen_ix:
        return Answer(render("nothing_more"), False, (), notes=notes, question=asked, evidence=score)
    shown, in_order = quoted_sentences(index, asked, chosen_ix)
    return _answer(
        [sentences[i] for i in shown],
        index,
        notes=notes,
        asked=asked,
        score=score,
        route="retrieval",
        in_order=in_order,
    )
