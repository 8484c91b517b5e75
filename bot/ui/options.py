"""How the app launches: its look (theme, CSS, script) and limits, and the ``gr.Blocks`` that applies them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import gradio as gr

    from bot.config import Settings

STATIC = Path(__file__).parent / "static"
UPLOAD_HEADROOM = 5
"""Gradio accepts uploads up to this many times ``max_input_bytes`` (to disk); ours checks the size."""


def launch_options(settings: Settings) -> dict[str, Any]:
    """What every launch of the app uses unless told otherwise: look, script, limits."""
    import gradio as gr

    return {
        "theme": gr.themes.Soft(
            primary_hue="blue", neutral_hue="slate", font=("ui-sans-serif", "system-ui", "sans-serif")
        ),
        "css": (STATIC / "app.css").read_text(encoding="utf-8"),
        "js": (STATIC / "app.js").read_text(encoding="utf-8"),
        # above our own limit, so an oversized upload reaches us and gets our line in the chat
        "max_file_size": UPLOAD_HEADROOM * settings.max_input_bytes,
        "state_session_capacity": max(settings.max_sessions, 1),
        "show_error": False,
    }


def app_class() -> type[gr.Blocks]:
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


def async_call(fn: Any) -> Any:
    """An async function that calls ``fn`` (Gradio's startup events are coroutines)."""

    async def run() -> None:
        fn()

    return run
