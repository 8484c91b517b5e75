"""The public API endpoints: ``/summarize``, ``/ask`` and ``/chat``, all returning plain text.

Bad input from a client is an expected error: it is logged as one warning line and raised as a
one-line ``gr.Error`` (no traceback anywhere). Anything else keeps its traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypedDict

from bot.chat import messages as cm
from bot.errors import HeadlineBotError, InputError
from bot.prompts import render
from bot.qa.records import AnswerDict, SourceDict
from bot.summarize.base import STYLES, Length, Style, SummaryDict

if TYPE_CHECKING:
    import gradio as gr

    from bot.chat.session import ChatSession
    from bot.engine import HeadlineBot

log = logging.getLogger(__name__)


class ChatTurn(TypedDict):
    """One message of the conversation as plain text."""

    role: str
    text: str


class ChatResult(TypedDict):
    """What ``/chat`` streams: the reply so far as plain text; kind, headline and sources once done;
    the whole conversation so far (``history``) as plain text."""

    reply: str
    kind: str
    headline: str | None
    sources: list[SourceDict]
    done: bool
    history: list[ChatTurn]


def user_error(endpoint: str, message: str) -> gr.Error:
    """An expected error from a client's input: one warning line in the log, one line for the client."""
    import gradio as gr

    log.warning("%s refused: %s", endpoint, message)
    return gr.Error(message, print_exception=False)


def check_style(endpoint: str, style: str) -> None:
    """Refuse a style the summariser does not know, in one line."""
    if style not in STYLES:  # clients can send anything
        raise user_error(endpoint, render("ui_unknown_style", style=repr(style), styles=", ".join(STYLES)))


class Api:
    """The endpoint functions around one shared bot (their docstrings are what ``view_api`` shows)."""

    def __init__(self, bot: HeadlineBot, ready: Any, warming: Any) -> None:
        self.bot = bot
        self.ready = ready
        """``Page.ready``: the client's session (new if none), paced for the server's load."""
        self.warming = warming

    def summarize(self, article: str, style: Style = "short") -> SummaryDict:
        """Headline and summary of an article given as text, HTML or a URL.

        style is one of "one-line", "short" or "bullets". Returns plain text (not HTML):
        {"headline", "generated_headline", "summary", "style", "sentences": [{"text", "paragraph",
        "supported"}], "notes"}; "supported" is false for a generated sentence the article does not
        back up.
        """
        check_style("/summarize", style)
        try:
            summary = self.bot.summarize(self.bot.load(article or ""), Length(style))
        except HeadlineBotError as exc:
            raise user_error("/summarize", exc.message) from None
        return summary.to_dict()

    def ask(self, article: str, question: str) -> AnswerDict:
        """Answer a question from an article given as text, HTML or a URL, citing its paragraphs.

        Returns plain text (not HTML): {"answer", "answerable", "sources": [{"paragraph", "text"}],
        "sentences", "notes"}; "answerable" is false when the article does not hold the answer.
        """
        try:
            if not (question or "").strip():
                raise InputError(render("ui_empty_question"))
            answer = self.bot.ask(self.bot.load(article or ""), question)
        except HeadlineBotError as exc:
            raise user_error("/ask", exc.message) from None
        return answer.to_dict()

    def chat(
        self, message: str, style: str, session: ChatSession | None
    ) -> Iterator[tuple[ChatResult, ChatSession]]:
        """One chat message (an article, a link, a question or a summary request) in this client's
        conversation. Streams plain text (not HTML): {"reply", "kind", "headline", "sources":
        [{"paragraph", "text"}], "done", "history": [{"role", "text"}]}; "kind" is "summary",
        "answer", "refusal" (the article does not say) or "notice" once "done" is true."""
        check_style("/chat", style)
        session = self.ready(session)
        thread = session.threads[-1] if session.threads else None
        asked = len(thread["exchanges"]) if thread else 0
        for _ in session.ask(self.bot, message or "", style=style, warming=self.warming()):
            yield _partial(session), session
        yield _final(session, thread, asked), session


def _reply_text(session: ChatSession) -> str:
    last = session.messages[-1] if session.messages else None
    if not last or last.get("role") != "assistant":
        return ""
    text = cm.plain_text(str(last["content"]))
    return "" if text == "…" else text


def _history(session: ChatSession) -> list[ChatTurn]:
    return [{"role": str(m["role"]), "text": cm.plain_text(str(m["content"]))} for m in session.messages]


def _partial(session: ChatSession) -> ChatResult:
    return {
        "reply": _reply_text(session),
        "kind": "",
        "headline": None,
        "sources": [],
        "done": False,
        "history": _history(session),
    }


def _final(session: ChatSession, thread: dict[str, Any] | None, asked: int) -> ChatResult:
    """The finished reply, its kind and sources taken from the conversation's record."""
    result = _partial(session)
    result["kind"], result["done"] = "notice", True
    latest = session.threads[-1] if session.threads else None
    if latest is not None and latest is not thread:  # a new article: its summary
        paragraphs = latest["article"]["paragraphs"]
        numbers = sorted({s["paragraph"] for s in latest["summary"]["sentences"]})
        result["kind"] = "summary"
        result["headline"] = latest["summary"]["headline"]
        result["sources"] = [
            {"paragraph": n, "text": paragraphs[n - 1]["text"]} for n in numbers if 1 <= n <= len(paragraphs)
        ]
    elif latest is not None and len(latest["exchanges"]) > asked:
        exchange = latest["exchanges"][-1]
        result["kind"] = exchange["kind"]
        result["sources"] = [{"paragraph": s["paragraph"], "text": s["text"]} for s in exchange["sources"]]
    return result
