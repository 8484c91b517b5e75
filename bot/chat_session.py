"""One person's chat session: the article in play, the messages on screen, the record for export.

Everything here is plain Python (no Gradio): the app keeps one ``ChatSession`` per browser tab or
API client in ``gr.State`` and shows ``session.messages`` after every step of the generators below.
The generators yield whenever the messages change, so replies stream in; an error becomes one
friendly line in the chat and never loses what is already there.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from bot import chat_messages as cm
from bot.errors import HeadlineBotError
from bot.export import SNAPSHOT_VERSION, article_from_dict, article_to_dict

if TYPE_CHECKING:
    from bot.answer import SourceRef
    from bot.article import Article
    from bot.dialogue import Conversation, Reply
    from bot.engine import HeadlineBot
    from bot.summarize import Style, Summary

log = logging.getLogger(__name__)

MAX_MESSAGES = 400
"""Oldest messages are dropped past this many, so a very long session stays bounded."""
MAX_THREADS = 5
"""Only the last few articles of a conversation are kept for export and reload."""

_URL = re.compile(r"^\s*https?://\S+\s*$", flags=re.I)


def is_url(text: str) -> bool:
    """Whether a message is a single http(s) URL.

    >>> is_url(" https://news.example/story?id=1 "), is_url("see https://x.test now")
    (True, False)
    """
    return bool(_URL.match(text))


def looks_like_article(text: str, *, has_article: bool) -> bool:
    """Whether a chat message is a pasted article rather than a question.

    Without an article yet, any message of 25 words or more is taken as one; with an article in
    play, only long multi-paragraph pastes are (so long questions stay questions).

    >>> looks_like_article("Who won?", has_article=False)
    False
    >>> thirty = "word " * 30
    >>> looks_like_article(thirty, has_article=False), looks_like_article(thirty, has_article=True)
    (True, False)
    >>> looks_like_article(("word " * 70 + "\\n\\n") * 2, has_article=True)
    True
    """
    words = len(text.split())
    if not has_article:
        return words >= 25
    return words >= 120 and ("\n\n" in text.strip() or text.strip().count("\n") >= 3)


@dataclass
class ChatSession:
    """The state of one chat: messages shown, articles with their exchanges, the live conversation."""

    messages: list[cm.Message] = field(default_factory=list)
    threads: list[dict[str, Any]] = field(default_factory=list)
    conversation: Conversation | None = None
    stream_delay: float = 0.012
    """Seconds between streamed chunks of a reply (0 streams as fast as the connection allows)."""

    @property
    def article(self) -> Article | None:
        """The article questions currently go to."""
        return self.conversation.article if self.conversation else None

    # ---- persistence -------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """JSON-ready state: what the browser keeps across reloads and what the export writes."""
        return {"version": SNAPSHOT_VERSION, "messages": self.messages, "threads": self.threads}

    @classmethod
    def from_snapshot(cls, data: Any) -> ChatSession:
        """Rebuild a session from :meth:`snapshot`; anything unreadable gives a fresh session."""
        from bot.dialogue import Conversation

        session = cls()
        if not isinstance(data, dict) or data.get("version") != SNAPSHOT_VERSION:
            return session
        try:
            messages = [m for m in data.get("messages", []) if _is_message(m)]
            threads = [t for t in data.get("threads", []) if isinstance(t, dict) and "article" in t]
            article = article_from_dict(threads[-1]["article"]) if threads else None
        except (KeyError, TypeError, ValueError):
            log.warning("ignoring an unreadable saved conversation")
            return session
        session.messages = messages[-MAX_MESSAGES:]
        session.threads = threads[-MAX_THREADS:]
        session.conversation = Conversation(article) if article is not None else None
        return session

    # ---- steps -------------------------------------------------------------------------------

    def open_article(
        self,
        bot: HeadlineBot,
        source: str | bytes,
        *,
        style: str = "short",
        label: str | None = None,
        warming: bool = False,
    ) -> Iterator[None]:
        """Load a new article, stream its headline and summary, and make it the one in play."""
        self._append(cm.user_message(label or _article_label(source)))
        slot = self._placeholder(warming)
        yield
        guard = self._guard(slot, "reading the article")
        with guard:
            article = _load(bot, source)
            summary = bot.summarize(article, _length(style))
            previous = self.article
            if previous is not None:
                self.messages[slot] = cm.notice_message("ui_new_article", previous=_title(previous.headline))
                slot = self._append(cm.assistant_message(""))
            yield from self._stream(slot, cm.summary_markdown(summary))
            from bot.dialogue import Conversation

            self.conversation = Conversation(article)
            self.threads.append(
                {"article": article_to_dict(article), "summary": _summary_record(summary), "exchanges": []}
            )
            del self.threads[:-MAX_THREADS]
            notes = cm.notes_markdown(article.notes)
            extras = [
                cm.assistant_message(notes) if notes else None,
                cm.sources_message(cm.summary_sources(summary, article)),
                cm.removed_message(article),
            ]
            for extra in extras:
                if extra is not None:
                    self._append(extra)
            yield
        if guard.failed:
            yield

    def ask(
        self, bot: HeadlineBot, message: str, *, style: str = "short", warming: bool = False
    ) -> Iterator[None]:
        """Answer a chat message: a question, a summary request, or a new article (pasted or a URL)."""
        if not message.strip():
            self._append(cm.notice_message("ui_empty_message"))
            yield
            return
        if is_url(message) or looks_like_article(message, has_article=self.conversation is not None):
            label = message.strip() if is_url(message) else None
            yield from self.open_article(bot, message, style=style, label=label, warming=warming)
            return
        self._append(cm.user_message(message))
        if self.conversation is None:
            self._append(cm.notice_message("ui_need_article"))
            yield
            return
        slot = self._placeholder(warming)
        yield
        guard = self._guard(slot, "answering")
        with guard:
            reply = self.conversation.reply(bot, message)
            yield from self._stream(slot, reply_markdown(reply))
            sources = _reply_sources(reply, self.conversation.article)
            panel = cm.sources_message(sources)
            if panel:
                self._append(panel)
            self._record(message, reply.kind, _reply_plain(reply), sources)
            yield
        if guard.failed:
            yield

    def restyle(self, bot: HeadlineBot, style: str) -> Iterator[None]:
        """Show the current article's summary again in another style (from the style selector)."""
        if self.conversation is None:
            return
        slot = self._append(cm.assistant_message("…"))
        yield
        guard = self._guard(slot, "summarising")
        with guard:
            article = self.conversation.article
            summary = bot.summarize(article, _length(style))
            yield from self._stream(slot, cm.summary_markdown(summary))
            panel = cm.sources_message(cm.summary_sources(summary, article))
            if panel:
                self._append(panel)
            self._record(
                f"({style} summary)", "summary", _summary_plain(summary), cm.summary_sources(summary, article)
            )
            yield
        if guard.failed:
            yield

    # ---- helpers -----------------------------------------------------------------------------

    def _append(self, message: cm.Message) -> int:
        self.messages.append(message)
        overflow = len(self.messages) - MAX_MESSAGES
        if overflow > 0:
            del self.messages[:overflow]
        return len(self.messages) - 1

    def _placeholder(self, warming: bool) -> int:
        text = cm.canned("ui_warming_up") if warming else "…"
        return self._append(cm.assistant_message(text))

    def _stream(self, slot: int, markdown: str) -> Iterator[None]:
        for prefix in cm.stream_prefixes(markdown):
            self.messages[slot] = cm.assistant_message(prefix)
            yield
            if self.stream_delay:
                time.sleep(self.stream_delay)

    def _record(self, message: str, kind: str, reply: str, sources: list[SourceRef]) -> None:
        if not self.threads:
            return
        self.threads[-1]["exchanges"].append(
            {
                "message": message,
                "kind": kind,
                "reply": reply,
                "sources": [{"paragraph": s.paragraph, "text": s.text} for s in sources],
            }
        )

    def _guard(self, slot: int, doing: str) -> _Guard:
        return _Guard(self, slot, doing)


class _Guard:
    """Turns an exception inside a step into one friendly line in the reply's slot."""

    def __init__(self, session: ChatSession, slot: int, doing: str) -> None:
        self.session, self.slot, self.doing = session, slot, doing
        self.failed = False
        """Whether the step failed; the caller then yields once more so the error line is shown."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any) -> bool:
        if exc is None or not isinstance(exc, Exception):
            return False
        if isinstance(exc, HeadlineBotError):
            text = cm.safe(exc.message)
        else:
            log.exception("error while %s", self.doing)
            text = cm.canned("ui_error", kind=self.doing)
        message = cm.assistant_message(text)
        if 0 <= self.slot < len(self.session.messages):
            self.session.messages[self.slot] = message
        else:
            self.session._append(message)
        self.failed = True
        return True


def reply_markdown(reply: Reply) -> str:
    """A dialogue ``Reply`` as chat Markdown: a summary with citations, an answer, or a notice."""
    if reply.summary is not None:
        return cm.summary_markdown(reply.summary)
    if reply.answer is not None:
        return cm.answer_markdown(reply.answer)
    return cm.safe(reply.text)


def _reply_sources(reply: Reply, article: Article) -> list[SourceRef]:
    if reply.answer is not None:
        return list(reply.answer.sources)
    if reply.summary is not None:
        return cm.summary_sources(reply.summary, article)
    return []


def _reply_plain(reply: Reply) -> str:
    if reply.summary is not None:
        return _summary_plain(reply.summary)
    return reply.text


def _summary_plain(summary: Summary) -> str:
    return " ".join(f"{s.text} [¶{s.paragraph}]" for s in summary.sentences)


def _summary_record(summary: Summary) -> dict[str, Any]:
    return {
        "headline": summary.headline,
        "summary": summary.text,
        "style": summary.style,
        "sentences": [{"text": s.text, "paragraph": s.paragraph} for s in summary.sentences],
    }


def _length(style: str) -> Any:
    from bot.summarize import STYLES, Length

    return Length(cast("Style", style) if style in STYLES else "short")


def _load(bot: HeadlineBot, source: str | bytes) -> Article:
    """A URL goes to the bot's URL loader when it has one; everything else to ``bot.load``."""
    if isinstance(source, str) and is_url(source):
        load_url: Callable[[str], Article] | None = getattr(bot, "load_url", None)
        if load_url is not None:
            return load_url(source.strip())
    return bot.load(source)


def _article_label(source: str | bytes) -> str:
    """The user message shown for a pasted article: its size and first words.

    >>> _article_label("Port Elwyn votes to ban cruise ships. " * 3)
    '📄 New article (21 words): Port Elwyn votes to ban cruise ships. Port Elwyn votes…'
    """
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    words = text.split()
    start = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
    return f"📄 New article ({len(words):,} words): {start}"


def _title(headline: str | None) -> str:
    return (headline or "the previous article").strip()[:120]


def _is_message(m: Any) -> bool:
    return (
        isinstance(m, dict) and m.get("role") in {"user", "assistant"} and isinstance(m.get("content"), str)
    )
