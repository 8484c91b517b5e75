"""What the page's events do: each handler calls the ``ChatSession``'s public steps and says which
components change. Streaming handlers yield ``(messages, session, composer)``; :meth:`Page.saving`
adds the article panel and, once the step is done, the browser copy and the two export files.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from bot.chat.session import ChatSession
from bot.prompts import render
from bot.ui.article_panel import article_html
from bot.ui.exports import ExportFiles
from bot.ui.warmup import UPLOAD_TYPES, Warmup

if TYPE_CHECKING:
    from bot.engine import HeadlineBot

EMPTY_COMPOSER: dict[str, Any] = {"text": "", "files": []}
STREAM_CHUNKS = ChatSession.stream_chunks
"""Pieces a reply is streamed in when nobody waits (``ChatSession.stream_chunks``)."""

Step = Iterator[tuple[Any, ...]]


class Page:
    """The page's event handlers around one shared bot; one ``ChatSession`` per tab in ``gr.State``."""

    def __init__(
        self,
        bot: HeadlineBot,
        warmup: Warmup,
        examples: list[tuple[str, str]],
        *,
        stream_delay: float,
        too_busy: Callable[[], bool],
        crowded: Callable[[], bool] = lambda: False,
    ) -> None:
        self.bot, self.warmup, self.examples = bot, warmup, examples
        self.stream_delay = stream_delay
        self.too_busy = too_busy
        self.crowded = crowded
        self.exports = ExportFiles()

    def new_session(self) -> ChatSession:
        """A fresh, empty conversation."""
        return ChatSession(stream_delay=self.stream_delay)

    def ready(self, session: ChatSession | None) -> ChatSession:
        """This tab's session (a new one if none), paced for the server's load right now.

        While requests wait in the queue a reply is sent whole, without pauses: every streamed
        piece costs the server a round of work on its event loop, and the people waiting need the
        worker more than this reply needs to be seen growing.
        """
        session = session or self.new_session()
        session.stream_chunks = 1 if self.crowded() else STREAM_CHUNKS  # one piece: no pauses either
        return session

    # ---- streaming steps (wrapped by ``saving``) ------------------------------------------------

    def send(self, composer: dict[str, Any] | None, style: str, session: ChatSession | None) -> Step:
        """The composer's message: a dropped file, a pasted article or link, or a question."""
        session = self.ready(session)
        text = str((composer or {}).get("text") or "")
        files = [_path(f) for f in (composer or {}).get("files") or []]
        steps: list[Iterator[None]] = []
        for path in files[:1]:
            name = Path(path).name
            if Path(name).suffix.lower() not in UPLOAD_TYPES:
                session.notify("ui_upload_type", file=name)
                continue
            steps.append(  # a Path: the session reads it bounded, after checking its size
                session.open_article(
                    self.bot, Path(path), style=style, label=f"File: {name}", warming=self.warming
                )
            )
        if text.strip() or not steps:
            steps.append(session.ask(self.bot, text, style=style, warming=self.warming))
        cleared = False
        for step in steps:
            for _ in step:
                yield session.messages, session, (_skip() if cleared else EMPTY_COMPOSER)
                cleared = True
        if not cleared:
            yield session.messages, session, EMPTY_COMPOSER

    def example(self, evt: gr.SelectData, style: str, session: ChatSession | None) -> Step:
        """One of the example articles, picked in the empty chat."""
        session = self.ready(session)
        if self.too_busy():
            session.notify("ui_busy")
            yield session.messages, session, _skip()
            return
        index = evt.index if isinstance(evt.index, int) else 0
        label, text = self.examples[index % len(self.examples)]
        for _ in session.open_article(
            self.bot, text, style=style, label=f"Example: {label}", warming=self.warming
        ):
            yield session.messages, session, _skip()

    def restyle(self, style: str, session: ChatSession | None) -> Step:
        """The current article's summary again, in the style just chosen."""
        session = self.ready(session)
        for _ in session.restyle(self.bot, style):
            yield session.messages, session, _skip()

    def saving(self, step: Callable[..., Step]) -> Callable[..., Step]:
        """Wrap a step: the article panel follows the article in play, and once the step is done the
        browser copy and the exports are updated. Outputs: chat, session, composer, panel, saved,
        Markdown export, JSON export."""

        @functools.wraps(step)
        def run(*inputs: Any) -> Step:
            before = inputs[-1]
            shown = before.article if isinstance(before, ChatSession) else None
            session = None
            for messages, session, composer in step(*inputs):
                panel: Any = _skip()
                if session.article is not shown:
                    shown = session.article
                    panel = article_html(shown)
                yield messages, session, composer, panel, _skip(), _skip(), _skip()
            if session is not None:
                yield (session.messages, session, _skip(), _skip(), *self.persist(session))

        return run

    # ---- one-shot handlers -----------------------------------------------------------------------

    def persist(self, session: ChatSession) -> tuple[Any, Any, Any]:
        """What the browser keeps (the snapshot) and the two export buttons."""
        snapshot = session.snapshot()
        saved = session.browser_snapshot(self.bot.settings.max_browser_bytes)
        md_path, json_path = self.exports.write(snapshot) if session.threads else (None, None)
        return saved, download(md_path), download(json_path)

    def restore(self, saved: Any, session: ChatSession | None) -> tuple[Any, ...]:
        """On page load: the conversation kept in this browser, its article panel and exports."""
        if session is None or not session.messages:
            session = ChatSession.from_snapshot(saved)
            session.stream_delay = self.stream_delay
            if session.messages:
                session.notify("ui_restored")
        _, md, js = self.persist(session)
        return session.messages, session, self.warmup.status(), article_html(session.article), md, js

    def clear(self) -> tuple[Any, ...]:
        """A fresh conversation, in the browser copy too."""
        empty = self.new_session()
        return [], empty, empty.snapshot(), EMPTY_COMPOSER, article_html(None), download(None), download(None)

    def tick(self) -> tuple[Any, ...]:
        """The status line, polled until the models are warm."""
        return self.warmup.status(), gr.Timer(active=self.warmup.warming)

    def admit(self) -> Any:
        """Before a step is queued: when too busy, the step is not run (and ``busy_line`` says so)."""
        if self.too_busy():
            raise gr.Error(render("ui_busy"), title="Busy", print_exception=False)
        return _skip()

    def busy_line(self, session: ChatSession | None) -> tuple[Any, ...]:
        """When busy, say so in the chat (what was typed stays in the composer)."""
        if not self.too_busy():
            return _skip(), _skip()
        session = session or self.new_session()
        session.notify("ui_busy")
        return session.messages, session

    @property
    def warming(self) -> bool:
        """Whether the models are still loading."""
        return self.warmup.warming


def download(path: str | None) -> Any:
    """An export button offering ``path`` (greyed out when there is nothing to export)."""
    return gr.DownloadButton(value=path, interactive=path is not None)


def _path(item: Any) -> str:
    """A file from the composer: Gradio gives a path, or a dict with one."""
    if isinstance(item, dict):
        return str(item.get("path") or item.get("name") or "")
    return str(getattr(item, "path", item))


def _skip() -> Any:
    return gr.skip()
