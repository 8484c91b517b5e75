"""The conversation: intent routing, follow-up resolution and per-conversation state.

The public names here are the contract the app and the CLI chat code against:

* ``route(message) -> Intent`` (``bot.chat.intent``): summary / headline requests vs questions;
* ``resolve_followup(question, history) -> str``: a follow-up made to stand alone (``bot.chat.followup``);
* ``Conversation(article).reply(bot, message) -> Reply``: one chat step, turns kept (bounded);
  ``stream_reply`` is the same step as a generator of the answer's text pieces (a model server
  writing it) that returns the ``Reply``;
  ``plan(message) -> Intent`` and ``record_summary(message, summary) -> Reply`` let the app write
  a requested summary itself (streamed) and still keep it as a turn for follow-ups;
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from bot.chat.followup import is_more, person, resolve, with_context
from bot.chat.intent import Intent, route
from bot.errors import HeadlineBotError
from bot.prompts import render
from bot.summarize.base import Length

if TYPE_CHECKING:
    from bot.article import Article
    from bot.engine import HeadlineBot
    from bot.qa.answer import Answer
    from bot.summarize.base import Summary

__all__ = [
    "MAX_TURNS",
    "Conversation",
    "Intent",
    "Reply",
    "Turn",
    "is_more",
    "resolve_followup",
    "route",
]

MAX_TURNS = 20
"""Turns a conversation keeps; older ones are dropped (follow-ups only need the last few)."""


@dataclass(frozen=True)
class Reply:
    """The bot's reply to one message: text to show, and the summary or answer behind it."""

    text: str
    kind: Literal["summary", "answer", "refusal", "notice"]
    summary: Summary | None = None
    answer: Answer | None = None
    notes: tuple[str, ...] = ()
    """Remarks to show with the reply (e.g. the question was cut)."""


@dataclass(frozen=True)
class Turn:
    """One finished exchange: the person's message, the question actually asked, and the reply."""

    message: str
    resolved: str
    reply: Reply


def resolve_followup(question: str, history: Sequence[Turn], article: Article | None = None) -> str:
    """Rewrite a question that leans on earlier turns into one that stands alone.

    Uses the latest question turn: its resolved question and the sentences of its answer (and
    their paragraphs, when the sentences name nobody); with the ``article``, "he" or "she" that the
    turn leaves open is the person its opening paragraphs name first (``story_person``).

    >>> resolve_followup("and the UK?", [Turn("Cases in France?", "How many cases in France?",
    ...                                       Reply("12 cases. [¶2]", "answer"))])
    'How many cases in the UK?'
    """
    for turn in reversed(history):
        if turn.reply.kind in ("answer", "refusal"):
            answer = turn.reply.answer
            said = " ".join(s.text for s in answer.sentences) if answer else turn.reply.text
            if answer and not person(said):
                # a quote's words may not hold the speaker's name ("The specialist said: ..."):
                # the cited paragraphs do
                said = " ".join([said, *(s.text for s in answer.sources)])
            return resolve(question, turn.resolved, said, story_person(article) if article else None)
    return resolve(question, None)


STORY_PARAGRAPHS = 2
"""Opening paragraphs that name the person a story is about."""


def story_person(article: Article) -> str | None:
    """The person the story is about: the first person its opening paragraphs name in full."""
    opening = " ".join(p.text for p in article.paragraphs[:STORY_PARAGRAPHS])
    return person(opening, single=False)


@dataclass
class Conversation:
    """One person's chat about one article: the article and the last ``max_turns`` turns."""

    article: Article
    turns: list[Turn] = field(default_factory=list)
    max_turns: int = MAX_TURNS

    def reply(self, bot: HeadlineBot, message: str) -> Reply:
        """Route the message, resolve follow-ups, and answer or summarise.

        A bad message (empty, unusable) gets a one-line ``notice`` reply; the turns are kept.
        """
        steps = self.stream_reply(bot, message)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]

    def stream_reply(self, bot: HeadlineBot, message: str) -> Generator[str, None, Reply]:
        """``reply``, streamed: yields the answer's text pieces as a model server writes them
        (nothing for extractive answers and summaries) and returns the finished, checked ``Reply``.

        The turn is kept only once the reply is finished, so a stream stopped half-way leaves the
        conversation as it was.
        """
        text = " ".join(message.split())
        if not text:
            return Reply(render("chat_empty"), "notice")
        try:
            out, resolved = yield from self._respond(bot, text)
        except HeadlineBotError as exc:
            return Reply(exc.message, "notice")
        self._keep(Turn(text, resolved, out))
        return out

    def plan(self, message: str) -> Intent:
        """What ``reply`` would do with a message: ``route``, except that "tell me more" right
        after a summary asks for a longer summary (three sentences more).

        The app uses it to write summary requests itself (streamed), then ``record_summary``.
        """
        text = " ".join(message.split())
        last = self.turns[-1] if self.turns else None
        intent = route(text)
        if intent.kind == "question" and is_more(text) and last and last.reply.summary is not None:
            shown = len(last.reply.summary.sentences)
            intent = Intent("summary", Length("short", sentences=shown + 3))
        return intent

    def record_summary(self, message: str, summary: Summary) -> Reply:
        """Keep a summary written outside ``reply`` (for a summary request) as the message's turn,
        so that follow-ups ("tell me more") see it; the ``Reply`` is the one ``reply`` gives."""
        text = " ".join(message.split())
        out = Reply(summary.text, "summary", summary=summary)
        self._keep(Turn(text, text, out))
        return out

    def _keep(self, turn: Turn) -> None:
        self.turns.append(turn)
        del self.turns[: -self.max_turns]

    def _respond(self, bot: HeadlineBot, text: str) -> Generator[str, None, tuple[Reply, str]]:
        intent = self.plan(text)
        if intent.kind == "summary":
            summary = bot.summarize(self.article, intent.length)
            if intent.headline:  # just the headline: no summary attached, so it shows as plain text
                return Reply(summary.headline, "summary"), text
            return Reply(summary.text, "summary", summary=summary), text
        resolved = resolve_followup(text, self.turns, self.article)
        exclude = self._already_quoted(resolved) if is_more(text) else ()
        focus = self._under_discussion() if resolved != text and not is_more(text) else ()
        answer: Answer | None = None
        streamed = False
        pieces = bot.stream_answer(self.article, resolved, exclude=exclude, focus=focus)
        try:
            for item in pieces:
                if isinstance(item, str):
                    streamed = True
                    yield item
                else:
                    answer = item
        finally:  # a person who stops or leaves mid-stream stops the model too
            close = getattr(pieces, "close", None)
            if close is not None:
                close()
        if answer is None:
            raise RuntimeError("the answerer finished without an answer")
        if not answer.answerable and not streamed and with_context(resolved, text):
            # the earlier question, added for context, led away: "How long do they have to appeal?"
            # after "Is her company going to sue?" is answered by the question alone
            alone = bot.ask(self.article, text, focus=focus)
            if alone.answerable:
                answer, resolved = alone, text
        kind: Literal["answer", "refusal"] = "answer" if answer.answerable else "refusal"
        return Reply(answer.text, kind, answer=answer, notes=answer.notes), resolved

    def _under_discussion(self) -> tuple[int, ...]:
        """The 0-based paragraphs the previous answer quoted: what a follow-up that leans on it
        (a pronoun, "why?", "and the UK?") is most likely about. Nothing after a refusal or a summary."""
        last = self.turns[-1].reply.answer if self.turns else None
        if last is None or not last.answerable:
            return ()
        return tuple(sorted({source.paragraph - 1 for source in last.sources}))

    def _already_quoted(self, resolved: str) -> tuple[int, ...]:
        """Sentences quoted by the latest run of turns that asked ``resolved``."""
        quoted: list[int] = []
        for turn in reversed(self.turns):
            if turn.resolved != resolved or turn.reply.answer is None:
                break
            quoted.extend(turn.reply.answer.sentence_indices)
        return tuple(quoted)
