"""The Gradio app: ``create_app()`` builds it, ``mount()`` embeds it in FastAPI, ``serve()`` runs it.

Only wiring lives here: what a session does is in ``bot.chat.session``, how replies look is in
``bot.chat.messages``, exports are in ``bot.chat.export``, canned texts are in ``prompts/ui_*.txt``.
One ``HeadlineBot`` (and so one copy of each model) serves every session; each browser tab or API
client has its own ``ChatSession`` in ``gr.State``, mirrored in the browser's local storage so a
reload keeps the conversation.

Public API endpoints (see ``view_api()``): ``/summarize``, ``/ask`` and ``/chat``.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.chat.export import to_json, to_markdown
from bot.chat.messages import canned, notice_message
from bot.chat.session import ChatSession
from bot.chat.storage_key import browser_secret
from bot.errors import HeadlineBotError, InputError
from bot.prompts import render
from bot.qa.answer import AnswerDict as AnswerResult
from bot.summarize.base import STYLES, Length, Style
from bot.summarize.base import SummaryDict as SummaryResult

# No request leaves the machine: Gradio's analytics are off unless the operator turns them on.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

if TYPE_CHECKING:
    import gradio as gr
    from fastapi import FastAPI

    from bot.config import Settings
    from bot.engine import HeadlineBot

log = logging.getLogger(__name__)

EXAMPLES_DIR = Path(__file__).parent / "examples"
UPLOAD_TYPES = (".txt", ".html", ".htm", ".md")
BROWSER_STORAGE_KEY = "headline-bot-conversation"
UPLOAD_HEADROOM = 5
"""Gradio accepts uploads up to this many times ``max_input_bytes`` (to disk); ours checks the size."""

CSS = """
.gradio-container { max-width: 1280px !important; margin: 0 auto; }
#hb-header h1 { margin-bottom: 0.1em; }
#hb-header p { margin-top: 0; opacity: 0.8; }
#hb-status { min-height: 1.5em; font-size: 0.9em; opacity: 0.85; }
#hb-chat .message-wrap { font-size: 15px; line-height: 1.5; }
footer { display: none !important; }
"""


@dataclass
class Warmup:
    """Loads the models in a background thread after the server starts, so startup never waits."""

    bot: HeadlineBot
    ready: threading.Event = field(default_factory=threading.Event)
    error: str | None = None
    _started: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        """Start warming once; later calls do nothing."""
        with self._lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._run, name="headline-bot-warmup", daemon=True).start()

    def _run(self) -> None:
        try:
            self.bot.embedder.encode(["Warming up the sentence encoder."])
            examples = load_examples()
            if examples:  # one pass through the whole pipeline, so the first reader does not wait
                article = self.bot.load(examples[0][1])
                self.bot.summarize(article)
                self.bot.ask(article, "What happened?")
        except HeadlineBotError as exc:
            self.error = exc.message
        except Exception as exc:  # a broken install must show in the UI, not kill the server
            log.exception("warm-up failed")
            self.error = str(exc) or type(exc).__name__
        finally:
            self.ready.set()

    @property
    def warming(self) -> bool:
        """True until the models are loaded (or failed to load)."""
        return not self.ready.is_set()

    def status(self) -> str:
        """The status line shown under the controls."""
        if self.warming:
            return render("ui_status_warming")
        if self.error:
            return canned("ui_status_failed", error=self.error)
        return render("ui_status_ready")


def load_examples() -> list[tuple[str, str]]:
    """The example articles shipped in ``bot/examples``: (label, text) pairs."""
    out = []
    for path in sorted(EXAMPLES_DIR.glob("*")):
        if path.suffix.lower() in UPLOAD_TYPES:
            text = path.read_text(encoding="utf-8")
            kind = {".html": "HTML", ".htm": "HTML", ".md": "Markdown"}.get(path.suffix.lower(), "text")
            label = path.stem.replace("-", " ").capitalize()
            out.append((f"{label} ({kind})", text))
    return out


def create_app(
    bot: HeadlineBot | None = None,
    *,
    settings: Settings | None = None,
    title: str = "Headline Bot",
    stream_delay: float = 0.012,
    warm: bool = True,
) -> gr.Blocks:
    """Build the chat app around one shared ``HeadlineBot`` (created from ``settings`` if not given).

    ``stream_delay`` spaces the streamed chunks of each reply (seconds); ``warm`` loads the models
    in the background once the server is up.
    """
    import gradio as gr

    from bot.config import Settings
    from bot.engine import HeadlineBot

    if bot is None:
        bot = HeadlineBot(settings or Settings.from_env())
    settings = bot.settings
    warmup = Warmup(bot)
    exports = _ExportFiles()
    examples = load_examples()

    def new_session() -> ChatSession:
        return ChatSession(stream_delay=stream_delay)

    def chat(message: str, style: str, session: ChatSession | None) -> Iterator[tuple[Any, ...]]:
        """Send one chat message: a question, a summary request, a pasted article or a URL."""
        session = session or new_session()
        for _ in session.ask(bot, message or "", style=style, warming=warmup.warming):
            yield session.messages, session

    def chat_in_page(message: str, style: str, session: ChatSession | None) -> Iterator[tuple[Any, ...]]:
        """The page's chat: as ``chat``, and the message box is emptied with the first update."""
        for i, (messages, state) in enumerate(chat(message, style, session)):
            yield messages, state, ("" if i == 0 else gr.skip())

    def open_article(article: str, style: str, session: ChatSession | None) -> Iterator[tuple[Any, ...]]:
        session = session or new_session()
        if not article.strip():
            session._append(notice_message("ui_need_article"))
            yield session.messages, session
            return
        for _ in session.open_article(bot, article, style=style, warming=warmup.warming):
            yield session.messages, session

    def open_file(path: str | None, style: str, session: ChatSession | None) -> Iterator[tuple[Any, ...]]:
        session = session or new_session()
        if not path:
            yield session.messages, session, None
            return
        name = Path(path).name
        if Path(name).suffix.lower() not in UPLOAD_TYPES:
            session._append(notice_message("ui_upload_type", file=name))
            yield session.messages, session, None
            return
        for _ in session.open_article(
            bot, Path(path), style=style, label=f"📄 {name}", warming=warmup.warming
        ):
            yield session.messages, session, gr.skip()

    def restyle(style: str, session: ChatSession | None) -> Iterator[tuple[Any, ...]]:
        session = session or new_session()
        for _ in session.restyle(bot, style):
            yield session.messages, session

    def persist(session: ChatSession) -> tuple[Any, ...]:
        """What the browser keeps (the snapshot) and the two export files."""
        snapshot = session.snapshot()
        saved = session.browser_snapshot(settings.max_browser_bytes)
        md_path, json_path = exports.write(snapshot) if session.threads else (None, None)
        return saved, _download(md_path), _download(json_path)

    def saving(step: Any) -> Any:
        """Wrap a page step so that, once it is done, the browser copy and the exports are updated."""

        def run(*inputs: Any) -> Iterator[tuple[Any, ...]]:
            last: tuple[Any, ...] | None = None
            for out in step(*inputs):
                last = out
                yield (*out, gr.skip(), gr.skip(), gr.skip())
            if last is not None:
                skips = tuple(gr.skip() for _ in last[2:])
                yield (last[0], last[1], *skips, *persist(last[1]))

        return run

    def restore(saved: Any, session: ChatSession | None) -> tuple[Any, ...]:
        if session is not None and session.messages:
            return session.messages, session, warmup.status()
        restored = ChatSession.from_snapshot(saved)
        restored.stream_delay = stream_delay
        if restored.messages:
            restored._append(notice_message("ui_restored"))
        return restored.messages, restored, warmup.status()

    def clear() -> tuple[Any, ...]:
        empty = new_session()
        return [], empty, empty.snapshot(), "", "", None, _download(None), _download(None)

    def tick() -> tuple[Any, ...]:
        return warmup.status(), gr.Timer(active=warmup.warming)

    def summarize_api(article: str, style: Style = "short") -> SummaryResult:
        """Headline and summary of an article given as text, HTML or a URL.

        style is one of "one-line", "short" or "bullets". Returns plain text (not HTML):
        {"headline", "generated_headline", "summary", "style", "sentences": [{"text", "paragraph",
        "supported"}], "notes"}; "supported" is false for a generated sentence the article does not
        back up.
        """
        if style not in STYLES:  # clients can send anything
            raise gr.Error(render("ui_unknown_style", style=repr(style), styles=", ".join(STYLES)))
        try:
            summary = bot.summarize(bot.load(article or ""), Length(style))
        except HeadlineBotError as exc:
            raise gr.Error(exc.message) from None
        return summary.to_dict()

    def ask_api(article: str, question: str) -> AnswerResult:
        """Answer a question from an article given as text, HTML or a URL, citing its paragraphs.

        Returns plain text (not HTML): {"answer", "answerable", "sources": [{"paragraph", "text"}],
        "notes"}; "answerable" is false when the article does not hold the answer.
        """
        try:
            if not (question or "").strip():
                raise InputError(render("ui_empty_question"))
            answer = bot.ask(bot.load(article or ""), question)
        except HeadlineBotError as exc:
            raise gr.Error(exc.message) from None
        return answer.to_dict()

    def too_busy() -> bool:
        waiting = len(demo._queue) if getattr(demo, "_queue", None) is not None else 0
        return waiting >= settings.queue_max_size

    def busy(*inputs: Any) -> Any:
        """API: refuse new work with the friendly "busy" line while too many requests wait."""
        ok = not too_busy()
        first = gr.validate(ok, "" if ok else render("ui_busy"))
        return (first, *(gr.validate(True, "") for _ in inputs[1:]))

    def admit() -> Any:
        """Page: the same check before the request is queued; when busy the step is not run."""
        if too_busy():
            raise gr.Error(render("ui_busy"), title="Busy", print_exception=False)
        return gr.skip()

    def busy_line(session: ChatSession | None) -> tuple[Any, ...]:
        """Page: when busy, say so in the chat (the typed message stays in its box)."""
        if not too_busy():
            return gr.skip(), gr.skip()
        session = session or new_session()
        session._append(notice_message("ui_busy"))
        return session.messages, session

    private: dict[str, Any] = {"api_visibility": "private"}
    guarded: dict[str, Any] = {"validator": busy}
    with _app_class()(title=title, analytics_enabled=False, delete_cache=(1800, 3600)) as demo:
        session_state = gr.State(None, time_to_live=6 * 3600)
        saved = gr.BrowserState(
            None,
            storage_key=BROWSER_STORAGE_KEY,
            secret=browser_secret(),  # kept in the data directory: survives restarts
        )
        with gr.Row(equal_height=False):
            with gr.Column(scale=2, min_width=320):
                gr.Markdown(render("ui_header"), elem_id="hb-header")
                article_box = gr.Textbox(
                    label="Article",
                    placeholder="Paste the article: plain text, HTML, or a link (https://…)",
                    lines=10,
                    max_lines=18,
                    elem_id="hb-article",
                )
                upload = gr.File(
                    label="…or upload a file (.txt, .html, .md)",
                    file_types=list(UPLOAD_TYPES),
                    type="filepath",
                    height=130,
                    elem_id="hb-upload",
                )
                style = gr.Radio(list(STYLES), value="short", label="Summary style", elem_id="hb-style")
                summarise = gr.Button("Summarise", variant="primary", elem_id="hb-summarise")
                example_set = gr.Examples(
                    examples=[[text] for _, text in examples],
                    inputs=[article_box],
                    example_labels=[label for label, _ in examples],
                    label="Examples (click one)",
                    api_visibility="private",
                )
                status = gr.Markdown(warmup.status(), elem_id="hb-status")
            with gr.Column(scale=3, min_width=420):
                chatbot = gr.Chatbot(
                    label="Chat",
                    elem_id="hb-chat",
                    height=600,
                    placeholder=render("ui_welcome"),
                    sanitize_html=True,
                    allow_tags=False,
                    latex_delimiters=[],
                    render_markdown=True,
                    feedback_options=None,
                    buttons=["copy_all"],
                    group_consecutive_messages=False,
                    allow_file_downloads=False,
                )
                message = gr.Textbox(
                    placeholder="Ask about the article, e.g. “Who decided?” or “bullets please”",
                    show_label=False,
                    submit_btn="Send",
                    lines=1,
                    max_lines=6,
                    elem_id="hb-message",
                )
                with gr.Row():
                    clear_button = gr.Button("Clear conversation", size="sm", elem_id="hb-clear")
                    md_button = gr.DownloadButton(
                        "Export Markdown", size="sm", interactive=False, elem_id="hb-export-md"
                    )
                    json_button = gr.DownloadButton(
                        "Export JSON", size="sm", interactive=False, elem_id="hb-export-json"
                    )
        timer = gr.Timer(1.0, active=True)

        kept = [saved, md_button, json_button]
        gate: dict[str, Any] = {"fn": admit, "inputs": None, "outputs": [status], "queue": False, **private}
        telling: dict[str, Any] = {
            "fn": busy_line,
            "inputs": [session_state],
            "outputs": [chatbot, session_state],
            "queue": False,
            **private,
        }
        for trigger in (message.submit, summarise.click, upload.upload, style.input):
            trigger(**telling)
        chat_event = message.submit(**gate).success(
            saving(chat_in_page),
            [message, style, session_state],
            [chatbot, session_state, message, *kept],
            **private,
        )
        # The API's chat endpoint: same session logic, without the page's message box as an output.
        api_chat = gr.Button(visible=False)
        api_chat.click(
            chat, [message, style, session_state], [chatbot, session_state], api_name="chat", **guarded
        )
        article_inputs = [article_box, style, session_state]
        summarise_event = summarise.click(**gate).success(
            saving(open_article), article_inputs, [chatbot, session_state, *kept], **private
        )
        example_event = example_set.load_input_event.then(**gate).success(
            saving(open_article), article_inputs, [chatbot, session_state, *kept], **private
        )
        upload_event = upload.upload(**gate).success(
            saving(open_file),
            [upload, style, session_state],
            [chatbot, session_state, upload, *kept],
            **private,
        )
        style_event = style.input(**gate).success(
            saving(restyle), [style, session_state], [chatbot, session_state, *kept], **private
        )
        resetting: dict[str, Any] = {
            "fn": clear,
            "inputs": None,
            "outputs": [chatbot, session_state, saved, article_box, message, upload, md_button, json_button],
            "cancels": [chat_event, summarise_event, example_event, upload_event, style_event],
            "queue": False,
        }
        clear_button.click(**resetting, **private)
        chatbot.clear(**resetting, **private)  # the chat's own bin icon clears everything too
        demo.load(restore, [saved, session_state], [chatbot, session_state, status], **private)
        timer.tick(tick, None, [status, timer], queue=False, show_progress="hidden", **private)

        gr.api(summarize_api, api_name="summarize")  # type: ignore[attr-defined]
        gr.api(ask_api, api_name="ask")  # type: ignore[attr-defined]

    # Past queue_max_size waiting requests the validator answers "busy" (our words, next to the
    # message box); Gradio's own hard limit sits a little above, as a last resort.
    demo.queue(
        default_concurrency_limit=settings.concurrency_limit,
        max_size=settings.queue_max_size + max(8, settings.concurrency_limit),
    )
    if warm:
        demo.extra_startup_events.append(_async_call(warmup.start))
    demo.launch_defaults = launch_options(settings)
    demo.warmup = warmup
    return demo  # type: ignore[no-any-return]


def launch_options(settings: Settings) -> dict[str, Any]:
    """What every launch of the app uses unless told otherwise: look, limits, local binding."""
    import gradio as gr

    return {
        "theme": gr.themes.Soft(primary_hue="blue", neutral_hue="slate"),
        "css": CSS,
        # above our own limit, so an oversized upload reaches us and gets our line in the chat
        "max_file_size": UPLOAD_HEADROOM * settings.max_input_bytes,
        "state_session_capacity": max(settings.max_sessions, 1),
        "show_error": False,
    }


def mount(app: FastAPI, path: str = "/chat", bot: HeadlineBot | None = None, **create_kwargs: Any) -> FastAPI:
    """Embed the chat app in a FastAPI application under ``path``; returns the FastAPI app."""
    import gradio as gr

    demo = create_app(bot, **create_kwargs)
    options = dict(getattr(demo, "launch_defaults", {}))
    options.pop("state_session_capacity", None)
    return gr.mount_gradio_app(app, demo, path=path, **options)  # type: ignore[no-any-return]


def serve(
    bot: HeadlineBot | None = None,
    host: str = "127.0.0.1",
    port: int = 7860,
    root_path: str | None = None,
) -> int:
    """Run the app until interrupted (``headline-bot serve``)."""
    demo = create_app(bot)
    demo.launch(server_name=host, server_port=port, root_path=root_path or None)
    return 0


def _app_class() -> type[gr.Blocks]:
    """``gr.Blocks`` whose ``launch()`` applies :func:`launch_options` (so ``python app.py``,
    ``gradio app.py`` and ``create_app().launch()`` all get the same look and limits)."""
    import gradio as gr

    class HeadlineBotApp(gr.Blocks):
        launch_defaults: dict[str, Any] = {}  # noqa: RUF012

        def launch(self, *args: Any, **kwargs: Any) -> Any:
            for key, value in self.launch_defaults.items():
                kwargs.setdefault(key, value)
            return super().launch(*args, **kwargs)

    return HeadlineBotApp


def _async_call(fn: Any) -> Any:
    async def run() -> None:
        fn()

    return run


def _download(path: str | None) -> Any:
    import gradio as gr

    return gr.DownloadButton(value=path, interactive=path is not None)


class _ExportFiles:
    """Writes export files into a private temporary folder, removing ones older than an hour."""

    def __init__(self, max_age_s: float = 3600.0) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="headline-bot-export-"))
        self.max_age_s = max_age_s

    def write(self, snapshot: dict[str, Any]) -> tuple[str, str]:
        self._sweep()
        folder = Path(tempfile.mkdtemp(dir=self.root))
        md = folder / "headline-bot-conversation.md"
        js = folder / "headline-bot-conversation.json"
        md.write_text(to_markdown(snapshot), encoding="utf-8")
        js.write_text(to_json(snapshot), encoding="utf-8")
        return str(md), str(js)

    def _sweep(self) -> None:
        cutoff = time.time() - self.max_age_s
        for folder in self.root.iterdir():
            try:
                if folder.stat().st_mtime < cutoff:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                continue
