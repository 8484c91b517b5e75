"""One person's chat session: the article in play, the messages on screen, the record for export.

Everything here is plain Python (no Gradio): the app keeps one ``ChatSession`` per browser tab or
API client in ``gr.State`` and shows ``session.messages`` after every step of the generators below.
The generators yield whenever the messages change, so replies stream in; an error becomes one
friendly line in the chat and never loses what is already there.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Collection, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.chat import messages as cm
from bot.chat.export import SNAPSHOT_VERSION, article_from_dict, article_to_dict
from bot.errors import HeadlineBotError
from bot.ingest.limits import read_file, size_words
from bot.ingest.urls import looks_like_url

if TYPE_CHECKING:
    from bot.article import Article
    from bot.chat.conversation import Conversation, Reply
    from bot.engine import HeadlineBot
    from bot.qa.answer import SourceRef
    from bot.summarize.base import Length, Summary

log = logging.getLogger(__name__)

MAX_MESSAGES = 400
"""Oldest messages are dropped past this many, so a very long session stays bounded."""
MAX_THREADS = 5
"""Only the last few articles of a conversation are kept for export and reload."""


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
    stream_chunks: int = 30
    """About how many growing pieces a reply is streamed in; 1 sends it whole (the app does so
    while requests wait in its queue: each piece costs the server a round of work)."""
    notice_shown: bool = False
    """Whether the bot's one-line model notice (``HeadlineBot.notice``) is already in this chat."""
    max_bytes: int = 5_000_000
    """Most text the session keeps (``Settings.max_session_bytes``); oldest messages go first."""

    @property
    def article(self) -> Article | None:
        """The article questions currently go to."""
        return self.conversation.article if self.conversation else None

    # ---- persistence -------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """JSON-ready state: what the browser keeps across reloads and what the export writes."""
        return {"version": SNAPSHOT_VERSION, "messages": self.messages, "threads": self.threads}

    def browser_snapshot(self, limit: int) -> dict[str, Any]:
        """The snapshot cut to at most ``limit`` bytes of JSON for the browser's storage: older
        articles go first, then the article text, then the oldest messages (with a note saying so)."""
        snapshot = self.snapshot()
        for threads in (self.threads, self.threads[-1:], []):
            saved = {**snapshot, "threads": threads}
            if _json_size(saved) <= limit:
                return saved
        messages = list(self.messages)
        note = cm.assistant_message(cm.canned("ui_browser_cut", limit=_megabytes(limit)))
        budget = limit - _json_size({**snapshot, "threads": [], "messages": [note]})
        kept: list[cm.Message] = []
        for message in reversed(messages):
            budget -= _json_size(message) + 2
            if budget < 0:
                break
            kept.append(message)
        return {**snapshot, "threads": [], "messages": [note, *reversed(kept)]}

    @classmethod
    def from_snapshot(cls, data: Any) -> ChatSession:
        """Rebuild a session from :meth:`snapshot`; anything unreadable gives a fresh session."""
        from bot.chat.conversation import Conversation

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
        source: str | bytes | Path,
        *,
        style: str = "short",
        label: str | None = None,
        warming: bool = False,
    ) -> Iterator[None]:
        """Load a new article, stream its headline and summary, and make it the one in play.

        ``source``: pasted text, raw bytes, or the ``Path`` of an uploaded file (its size is checked
        before it is read, so an oversized upload gets the same line as an oversized paste)."""
        self.max_bytes = bot.settings.max_session_bytes
        shown = label or (f"📄 {source.name}" if isinstance(source, Path) else _article_label(source))
        self._append(cm.user_message(shown))
        slot = self._placeholder(warming)
        yield
        guard = self._guard(slot, "reading the article")
        with guard:
            if isinstance(source, Path):
                source = read_file(source, bot.settings.max_input_bytes)
            article = bot.load(source)
            previous = self.article
            replaces = None
            if previous is not None:
                replaces = cm.notice_message("ui_new_article", previous=_title(previous.headline))
            summary = yield from self._stream_summary(bot, article, _length(style), guard, above=replaces)
            from bot.chat.conversation import Conversation

            self.conversation = Conversation(article)
            self.threads.append(
                {"article": article_to_dict(article), "summary": summary.to_dict(), "exchanges": []}
            )
            del self.threads[:-MAX_THREADS]
            self._attach(guard.slot, cm.summary_sources(summary, article), article.notes)
            yield
        if guard.failed:
            yield

    def ask(
        self, bot: HeadlineBot, message: str, *, style: str = "short", warming: bool = False
    ) -> Iterator[None]:
        """Answer a chat message: a question, a summary request, or a new article (pasted or a URL)."""
        settings = bot.settings
        self.max_bytes = settings.max_session_bytes
        if not message.strip():
            self._append(cm.notice_message("ui_empty_message"))
            yield
            return
        size = len(message.encode("utf-8", errors="replace"))
        if size > settings.max_message_bytes:  # never echoed, never loaded: one line says why
            self._append(
                cm.notice_message("ui_message_too_large", size=size_words(size, settings.max_message_bytes))
            )
            yield
            return
        url = looks_like_url(message)
        has_article = self.conversation is not None
        if (
            url
            or looks_like_article(message, has_article=has_article)
            or (len(message) > settings.max_question_chars and reads_like_pasted_article(message))
        ):
            label = _echo(message.strip(), settings.max_echo_chars) if url else None
            yield from self.open_article(bot, message, style=style, label=label, warming=warming)
            return
        self._append(cm.user_message(message[: settings.max_echo_chars]))
        if len(message) > settings.max_echo_chars:
            cut = cm.canned("ui_echo_cut", count=f"{len(message) - settings.max_echo_chars:,}")
            self.messages[-1] = {**self.messages[-1], "content": self.messages[-1]["content"] + "\n\n" + cut}
        if self.conversation is None:
            self._append(cm.notice_message("ui_need_article"))
            yield
            return
        slot = self._placeholder(warming)
        yield
        guard = self._guard(slot, "answering")
        with guard:
            conversation = self.conversation
            intent = conversation.plan(message)
            if intent.kind == "summary" and not intent.headline:
                reply = yield from self._summary_reply(bot, conversation, message, intent.length, guard)
            else:
                reply = yield from self._answer_reply(bot, conversation, message, guard)
            sources = _reply_sources(reply, conversation.article)
            self._attach(guard.slot, sources)
            self._record(message, reply.kind, _reply_plain(reply), sources)
            yield
        if guard.failed:
            yield

    def restyle(self, bot: HeadlineBot, style: str) -> Iterator[None]:
        """Show the current article's summary again in another style (from the style selector)."""
        if self.conversation is None:
            return
        self.max_bytes = bot.settings.max_session_bytes
        slot = self._append(cm.assistant_message("…"))
        yield
        guard = self._guard(slot, "summarising")
        with guard:
            article = self.conversation.article
            summary = yield from self._stream_summary(bot, article, _length(style), guard)
            self._attach(guard.slot, cm.summary_sources(summary, article))
            self._record(
                f"({style} summary)", "summary", _summary_plain(summary), cm.summary_sources(summary, article)
            )
            yield
        if guard.failed:
            yield

    def notify(self, name: str, **values: object) -> None:
        """Add a canned notice (``prompts/<name>.txt``) to the chat, e.g. "paste an article first"."""
        self._append(cm.notice_message(name, **values))

    # ---- helpers -----------------------------------------------------------------------------

    def _attach(self, slot: int, sources: list[SourceRef], notes: tuple[str, ...] = ()) -> None:
        """End the reply in ``slot`` with its notes and folded sources: one bubble per reply."""
        content = self.messages[slot]["content"]
        self.messages[slot] = cm.assistant_message(cm.with_sources(content, sources, notes))

    def _append(self, message: cm.Message) -> int:
        self.messages.append(message)
        overflow = len(self.messages) - MAX_MESSAGES
        if overflow > 0:
            del self.messages[:overflow]
        self._trim_bytes()
        return len(self.messages) - 1

    def _trim_bytes(self) -> int:
        """Drop the oldest messages while the session holds more than ``max_bytes`` of text (the
        newest message always stays); a note at the top says so. Returns how many were dropped."""
        sizes = [_message_size(m) for m in self.messages]
        total = sum(sizes)
        if total <= self.max_bytes:
            return 0
        note = cm.assistant_message(cm.canned("ui_history_cut", limit=_megabytes(self.max_bytes)))
        start = 1 if self.messages and self.messages[0] == note else 0
        total -= sum(sizes[:start])
        drop = start
        while drop < len(self.messages) - 1 and total + _message_size(note) > self.max_bytes:
            total -= sizes[drop]
            drop += 1
        self.messages[:drop] = [note]
        return drop - 1

    def _summary_reply(
        self,
        bot: HeadlineBot,
        conversation: Conversation,
        message: str,
        length: Length | None,
        guard: _Guard,
    ) -> Generator[None, None, Reply]:
        """A summary asked for in the chat, streamed like the article's first one and kept as the
        conversation's turn (so "tell me more" follows on); a bad request gets the one-line notice
        ``Conversation.reply`` would give."""
        from bot.chat.conversation import Reply

        try:
            summary = yield from self._stream_summary(bot, conversation.article, length, guard)
        except HeadlineBotError as exc:
            reply = Reply(exc.message, "notice")
            self._show_notice(bot, guard)
            yield from self._stream(guard.slot, reply_markdown(reply))
            return reply
        return conversation.record_summary(message, summary)

    def _answer_reply(
        self, bot: HeadlineBot, conversation: Conversation, message: str, guard: _Guard
    ) -> Generator[None, None, Reply]:
        """A question (or headline request) answered in the guard's slot. A model server's text
        shows as it arrives (with a cursor); then the checked answer takes its place, unsupported
        sentences marked, with a closing note when the server stopped mid-stream (the whole
        sentences that arrived stay). An extractive answer, finished at once, is revealed in chunks."""
        steps = conversation.stream_reply(bot, message)
        so_far = ""
        try:
            while True:
                try:
                    piece = next(steps)
                except StopIteration as done:
                    reply: Reply = done.value
                    break
                so_far += piece
                if so_far.strip():
                    self.messages[guard.slot] = cm.assistant_message(cm.progress_markdown("", text=so_far))
                    yield
        finally:  # stops the model when the person stops or leaves mid-stream
            steps.close()
        self._show_notice(bot, guard)
        markdown = reply_markdown(reply, hide_notes=_hidden_notes(bot))
        if so_far.strip():
            self.messages[guard.slot] = cm.assistant_message(markdown)
            yield
        else:
            yield from self._stream(guard.slot, markdown)
        return reply

    def _placeholder(self, warming: bool) -> int:
        text = cm.canned("ui_warming_up") if warming else "…"
        return self._append(cm.assistant_message(text))

    def _stream_summary(
        self,
        bot: HeadlineBot,
        article: Article,
        length: Length | None,
        guard: _Guard,
        *,
        above: cm.Message | None = None,
    ) -> Generator[None, None, Summary]:
        """Stream a summary into the guard's slot as the model writes it, and return it.

        A generative summariser shows its progress (loading, reading part N of M, the headline,
        the text so far) and then the finished summary; the extractive one finishes in one step,
        so its message is revealed in growing chunks. Once done, ``above`` (e.g. "new article")
        and, the first time in this chat, the model's one-line notice (it could not be loaded) go
        above the summary.
        """
        headline = article.headline or ""
        streamed = False
        summary: Summary | None = None
        progress = bot.stream_summary(article, length)
        try:
            for step in progress:
                if step.stage == "done":
                    summary = step.summary
                    break
                streamed = streamed or bool(step.text)
                shown = cm.progress_markdown(headline or step.headline, step.detail, step.text)
                self.messages[guard.slot] = cm.assistant_message(shown)
                yield
        finally:  # stops the model when the person stops or leaves mid-stream
            close = getattr(progress, "close", None)
            if close is not None:
                close()
        if summary is None:
            raise RuntimeError("the summariser finished without a summary")
        if above is not None:
            self._insert_before(guard, above)
        self._show_notice(bot, guard)
        markdown = cm.summary_markdown(summary, hide_notes=_hidden_notes(bot))
        if streamed:
            self.messages[guard.slot] = cm.assistant_message(markdown)
            yield
        else:
            yield from self._stream(guard.slot, markdown)
        return summary

    def _show_notice(self, bot: HeadlineBot, guard: _Guard) -> None:
        """The bot's model notice, once per chat, just above the reply being written."""
        notice = bot.notice
        if notice and not self.notice_shown:
            self._insert_before(guard, cm.notice_message("ui_model_notice", notice=notice))
            self.notice_shown = True

    def _insert_before(self, guard: _Guard, message: cm.Message) -> None:
        """Put a message just above the one being written (whose slot moves down by one)."""
        self.messages.insert(guard.slot, message)
        guard.slot += 1
        overflow = len(self.messages) - MAX_MESSAGES
        if overflow > 0:
            del self.messages[:overflow]
            guard.slot -= overflow

    def _stream(self, slot: int, markdown: str) -> Iterator[None]:
        if self.stream_chunks <= 1:
            self.messages[slot] = cm.assistant_message(markdown)
            yield
            return
        for prefix in cm.stream_prefixes(markdown, chunks=self.stream_chunks):
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
                "sources": [s.to_dict() for s in sources],
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
        if isinstance(exc, HeadlineBotError):  # the person's input: one line in the log, no traceback
            log.warning("%s: %s", self.doing, exc.message)
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


def reply_markdown(reply: Reply, *, hide_notes: Collection[str] = ()) -> str:
    """A dialogue ``Reply`` as chat Markdown: a summary with citations, an answer, or a notice.

    ``hide_notes``: notes shown elsewhere in the chat (the model notice), left out of summaries.
    """
    if reply.summary is not None:
        return cm.summary_markdown(reply.summary, hide_notes=hide_notes)
    if reply.answer is not None:
        return cm.answer_markdown(reply.answer)
    return cm.safe(reply.text)


def _hidden_notes(bot: HeadlineBot) -> tuple[str, ...]:
    """Notes shown once per chat on their own line (the model notice), not under every summary."""
    notice = bot.notice
    return (notice,) if notice else ()


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


def _length(style: str) -> Length:
    from bot.summarize.base import STYLES, Length

    return Length(next((known for known in STYLES if known == style), "short"))


def _article_label(source: str | bytes) -> str:
    """The user message shown for a pasted article: its size and first words.

    >>> _article_label("Port Elwyn votes to ban cruise ships. " * 3)
    'New article (21 words): Port Elwyn votes to ban cruise ships. Port Elwyn votes…'
    """
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    words = text.split()
    start = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
    return f"New article ({len(words):,} words): {start}"


def reads_like_pasted_article(text: str) -> bool:
    """Whether a long chat message on one line is an article pasted without its line breaks: many
    words and several sentences (a long question is one or two sentences).

    >>> reads_like_pasted_article("The council voted. " * 40), reads_like_pasted_article("Why " * 300 + "?")
    (True, False)
    """
    words = len(text.split())
    sentences = len(re.findall(r"[.!?][\"'”’)\]]*(?:\s|$)", text))
    return words >= 120 and sentences >= 5


def _echo(text: str, limit: int) -> str:
    """At most ``limit`` characters of a message, for showing it back.

    >>> _echo("abcdef", 4)
    'abcd…'
    """
    return text if len(text) <= limit else text[:limit] + "…"


def _message_size(message: cm.Message) -> int:
    content = message.get("content")
    return len(content.encode("utf-8", errors="replace")) if isinstance(content, str) else 0


def _json_size(data: Any) -> int:
    return len(json.dumps(data, ensure_ascii=False).encode("utf-8", errors="replace"))


def _megabytes(limit: int) -> str:
    """A byte limit in words.

    >>> _megabytes(2_000_000), _megabytes(30_000)
    ('2.0 MB', '30 kB')
    """
    return f"{limit / 1e6:.1f} MB" if limit >= 1_000_000 else f"{limit // 1000:,} kB"


def _title(headline: str | None) -> str:
    return (headline or "the previous article").strip()[:120]


def _is_message(m: Any) -> bool:
    return (
        isinstance(m, dict) and m.get("role") in {"user", "assistant"} and isinstance(m.get("content"), str)
    )
