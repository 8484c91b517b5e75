"""Running the app: embedding it in FastAPI (``mount``) and ``headline-bot serve``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from bot.engine import HeadlineBot


def mount(app: FastAPI, path: str = "/chat", bot: HeadlineBot | None = None, **create_kwargs: Any) -> FastAPI:
    """Embed the chat app in a FastAPI application under ``path``; returns the FastAPI app."""
    import gradio as gr

    from bot.ui.layout import create_app

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
    from bot.ui.layout import create_app

    demo = create_app(bot)
    demo.launch(server_name=host, server_port=port, root_path=root_path or None)
    return 0
