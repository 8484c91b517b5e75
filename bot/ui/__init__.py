"""The Gradio app: ``create_app()`` builds it, ``mount()`` embeds it in FastAPI, ``serve()`` runs it.

Only wiring lives here: what a session does is in ``bot.chat.session``, how replies look is in
``bot.chat.messages``, exports are in ``bot.chat.export``, canned texts are in ``prompts/ui_*.txt``.

- ``layout``: the page's components (``create_app``); ``handlers``: what its events do (``Page``);
- ``api``: the public endpoints ``/summarize``, ``/ask``, ``/chat`` (plain text); ``article_panel``:
  the cleaned article as HTML; ``warmup``: background model loading and the examples;
- ``gradio_import``: imports Gradio without regenerating its type stubs (start-up time);
- ``mount``: launch options, FastAPI embedding, ``serve``; ``static/``: the page's CSS and script
  (citation chips → article paragraphs, the phone's article drawer).

One ``HeadlineBot`` (and so one copy of each model) serves every session; each browser tab or API
client has its own ``ChatSession`` in ``gr.State``, mirrored in the browser's local storage so a
reload keeps the conversation.
"""

from __future__ import annotations

import os

# No request leaves the machine: Gradio's analytics are off unless the operator turns them on.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from bot.startup import collector_paused
from bot.ui.gradio_import import remember_missing, skip_stub_regeneration

# Before the first ``import gradio``: halves its import time (see ``bot.ui.gradio_import``).
skip_stub_regeneration()
# Gradio tries ``import matplotlib`` twice per event; where it is absent, fail at once.
remember_missing("matplotlib")

# Gradio and its web stack, without the garbage collector walking them as they are built; what
# they built lives as long as the server, so later collections skip it (``gc.freeze``).
with collector_paused(freeze=True):
    from bot.ui.layout import create_app
    from bot.ui.mount import mount, serve
    from bot.ui.options import launch_options

__all__ = ["create_app", "launch_options", "mount", "serve"]
