"""The page: a full-height conversation with the composer at the bottom, the article beside it.

    ┌ header: title · status ─────── Article · Export .md · Export .json · Clear ┐┌ #article ────┐
    │ #chat (fills the height; one bubble per reply, citations as chips)         ││ headline     │
    │                                                                            ││ ¶1 …  ¶2 …   │
    └ #composer (Enter sends, Shift+Enter new line; paste, link or file) · style ┘│ removed ▸    │
                                                                                  └──────────────┘

On a phone the conversation fills the screen and the article panel is a drawer (the Article button
or a citation opens it). ``create_app`` builds the components and wires them to ``Page`` (page
events) and ``Api`` (the public endpoints).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import gradio as gr

from bot.chat.storage_key import browser_secret
from bot.prompts import render
from bot.summarize.base import STYLES
from bot.ui.api import Api
from bot.ui.article_panel import article_html
from bot.ui.handlers import Page
from bot.ui.options import app_class, async_call, launch_options
from bot.ui.warmup import UPLOAD_TYPES, Warmup, load_examples

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.engine import HeadlineBot

BROWSER_STORAGE_KEY = "headline-bot-conversation"
PRIVATE: dict[str, Any] = {"api_visibility": "private"}


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
    from bot.config import Settings
    from bot.engine import HeadlineBot

    if bot is None:
        bot = HeadlineBot(settings or Settings.from_env())
    warmup = Warmup(bot)
    examples = load_examples()
    queue = _QueueWatch(bot.settings.queue_max_size)
    page = Page(
        bot, warmup, examples, stream_delay=stream_delay, too_busy=queue.too_busy, crowded=queue.crowded
    )
    api = Api(bot, page.ready, lambda: warmup.warming)

    with app_class()(title=title, analytics_enabled=False, delete_cache=(1800, 3600)) as demo:
        ui = _components(warmup, examples, browser_secret(settings=bot.settings))
        _wire_page(demo, page, ui)
        _wire_api(api, ui, queue)
    queue.demo = demo

    # Past queue_max_size waiting requests the validator answers "busy" (our words, in the chat);
    # Gradio's own hard limit sits a little above, as a last resort.
    settings_ = bot.settings
    demo.queue(
        default_concurrency_limit=settings_.concurrency_limit,
        max_size=settings_.queue_max_size + max(8, settings_.concurrency_limit),
    )
    if warm:
        demo.extra_startup_events.append(async_call(warmup.start))
    demo.launch_defaults = launch_options(settings_)
    demo.warmup = warmup
    return demo  # type: ignore[no-any-return]


class _QueueWatch:
    """Whether too many requests wait in the app's queue (the app is set once built)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.demo: gr.Blocks | None = None

    def waiting(self) -> int:
        """Requests waiting in the queue for a worker (not those being worked on)."""
        queue = getattr(self.demo, "_queue", None)
        return len(queue) if queue is not None else 0

    def too_busy(self) -> bool:
        return self.waiting() >= self.limit

    def crowded(self) -> bool:
        """Somebody waits for a worker: replies are then sent whole (see ``Page.ready``)."""
        return self.waiting() > 0

    def validator(self, *inputs: Any) -> Any:
        """API: refuse new work with the friendly "busy" line while too many requests wait."""
        ok = not self.too_busy()
        first = gr.validate(ok, "" if ok else render("ui_busy"))
        return (first, *(gr.validate(True, "") for _ in inputs[1:]))


def _components(warmup: Warmup, examples: list[tuple[str, str]], secret: str) -> dict[str, Any]:
    """Lay out the page; returns its components by name."""
    ui: dict[str, Any] = {}
    ui["session"] = gr.State(None, time_to_live=6 * 3600)
    ui["saved"] = gr.BrowserState(
        None,
        storage_key=BROWSER_STORAGE_KEY,
        secret=secret,  # kept on disk: survives restarts
    )
    with gr.Row(elem_id="hb-shell", equal_height=False):
        with gr.Column(elem_id="hb-convo", scale=3, min_width=320):
            with gr.Row(elem_id="hb-top"):
                gr.Markdown(render("ui_header"), elem_id="hb-title", container=False)
                ui["status"] = gr.Markdown(warmup.status(), elem_id="hb-status", container=False)
                ui["toggle"] = gr.Button("Article", size="sm", elem_id="hb-article-toggle", scale=0)
                ui["md"] = gr.DownloadButton(
                    "Export .md", size="sm", interactive=False, elem_id="hb-export-md", scale=0
                )
                ui["json"] = gr.DownloadButton(
                    "Export .json", size="sm", interactive=False, elem_id="hb-export-json", scale=0
                )
                ui["clear"] = gr.Button("Clear", size="sm", elem_id="hb-clear", scale=0)
            ui["chat"] = gr.Chatbot(
                elem_id="chat",
                show_label=False,
                height="100%",
                placeholder=render("ui_welcome"),
                examples=[{"text": label, "display_text": label} for label, _ in examples],
                sanitize_html=True,
                allow_tags=False,
                latex_delimiters=[],
                render_markdown=True,
                feedback_options=None,
                buttons=["copy_all"],
                group_consecutive_messages=False,
                allow_file_downloads=False,
                layout="bubble",
            )
            with gr.Row(elem_id="hb-composer-row", equal_height=True):
                ui["composer"] = gr.MultimodalTextbox(
                    elem_id="composer",
                    show_label=False,
                    placeholder="Paste an article or link, or ask…",
                    file_types=list(UPLOAD_TYPES),
                    sources=["upload"],
                    lines=1,
                    max_lines=8,
                    submit_btn=True,
                    autofocus=True,
                    scale=1,
                    container=False,
                )
                ui["style"] = gr.Dropdown(
                    STYLES,
                    value="short",
                    show_label=False,
                    elem_id="hb-style",
                    scale=0,
                    min_width=116,
                    container=False,
                    filterable=False,
                )
        with gr.Column(elem_id="hb-article-col", scale=2, min_width=300):
            ui["article"] = gr.HTML(article_html(None), elem_id="article", js_on_load=None, padding=False)
    ui["timer"] = gr.Timer(1.0, active=True)
    return ui


def _wire_page(demo: gr.Blocks, page: Page, ui: dict[str, Any]) -> None:
    """The page's own (private) events."""
    chat, session, composer, style = ui["chat"], ui["session"], ui["composer"], ui["style"]
    outputs = [chat, session, composer, ui["article"], ui["saved"], ui["md"], ui["json"]]
    gate: dict[str, Any] = {
        "fn": page.admit,
        "inputs": None,
        "outputs": [ui["status"]],
        "queue": False,
        **PRIVATE,
    }
    telling: dict[str, Any] = {"fn": page.busy_line, "inputs": [session], "outputs": [chat, session]}
    events = []
    for trigger, step, inputs in (
        (composer.submit, page.send, [composer, style, session]),
        (style.input, page.restyle, [style, session]),
    ):
        trigger(**telling, queue=False, **PRIVATE)
        events.append(trigger(**gate).success(page.saving(step), inputs, outputs, **PRIVATE))
    # An example's event data only reaches the event's own handler, so this one checks "busy" itself.
    events.append(chat.example_select(page.saving(page.example), [style, session], outputs, **PRIVATE))
    resetting: dict[str, Any] = {
        "fn": page.clear,
        "inputs": None,
        "outputs": [chat, session, ui["saved"], composer, ui["article"], ui["md"], ui["json"]],
        "cancels": events,
        "queue": False,
        **PRIVATE,
    }
    ui["clear"].click(**resetting)
    chat.clear(**resetting)  # the chat's own bin icon clears everything too
    restored = [chat, session, ui["status"], ui["article"], ui["md"], ui["json"]]
    ui["timer"].tick(
        page.tick, None, [ui["status"], ui["timer"]], queue=False, show_progress="hidden", **PRIVATE
    )
    demo.load(page.restore, [ui["saved"], session], restored, **PRIVATE)


def _wire_api(api: Api, ui: dict[str, Any], queue: _QueueWatch) -> None:
    """The public endpoints: ``/chat`` (with this client's session), ``/summarize`` and ``/ask``."""
    message = gr.Textbox(visible=False, label="message")
    style = gr.Textbox(visible=False, label="style", value="short")
    result = gr.JSON(visible=False, label="reply")
    trigger = gr.Button(visible=False)
    trigger.click(
        api.chat,
        [message, style, ui["session"]],
        [result, ui["session"]],
        api_name="chat",
        validator=queue.validator,
    )
    gr.api(api.summarize, api_name="summarize")  # type: ignore[attr-defined]
    gr.api(api.ask, api_name="ask")  # type: ignore[attr-defined]
