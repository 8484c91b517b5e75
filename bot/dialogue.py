"""The conversation: intent routing, follow-up resolution and per-conversation state.

(Placeholder owned by the questions work: real routing and follow-up resolution to be completed;
the public names and shapes below are the contract the app and the CLI chat code against.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from bot.summarize import Length

if TYPE_CHECKING:
    from bot.answer import Answer
    from bot.article import Article
    from bot.engine import HeadlineBot
    from bot.summarize import Summary


@dataclass(frozen=True)
class Intent:
    """What a chat message asks for: a summary (of some length) or an answer to a question."""

    kind: Literal["summary", "question"]
    length: Length | None = None


@dataclass(frozen=True)
class Turn:
    """One finished exchange: the person's message, the question actually asked, and the reply."""

    message: str
    resolved: str
    reply: Reply


@dataclass(frozen=True)
class Reply:
    """The bot's reply to one message: text to show, and the summary or answer behind it."""

    text: str
    kind: Literal["summary", "answer", "refusal", "notice"]
    summary: Summary | None = None
    answer: Answer | None = None


def route(message: str) -> Intent:
    """Summary requests go to the summariser; everything else is a question (placeholder)."""
    lowered = message.lower()
    if "summar" in lowered or "tl;dr" in lowered:
        return Intent("summary", Length())
    return Intent("question")


def resolve_followup(question: str, history: Sequence[Turn]) -> str:
    """Rewrite a question that leans on earlier turns into one that stands alone (placeholder)."""
    return question


@dataclass
class Conversation:
    """One person's chat about one article: the article and the turns so far."""

    article: Article
    turns: list[Turn] = field(default_factory=list)

    def reply(self, bot: HeadlineBot, message: str) -> Reply:
        """Route the message, resolve follow-ups, and answer or summarise."""
        intent = route(message)
        if intent.kind == "summary":
            summary = bot.summarize(self.article, intent.length)
            out = Reply(summary.text, "summary", summary=summary)
            resolved = message
        else:
            resolved = resolve_followup(message, self.turns)
            answer = bot.ask(self.article, resolved)
            out = Reply(answer.text, "answer" if answer.answerable else "refusal", answer=answer)
        self.turns.append(Turn(message, resolved, out))
        return out
