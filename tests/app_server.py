"""Run the real Gradio app on a free port of 127.0.0.1 for tests (UI, API, load, bad input) and benchmarks.

    with running_app(bot) as app:
        Client(app.url).predict(text, "short", api_name="/summarize")

``message_text`` and ``plain`` read the chat messages the app sends back.

The ``app_server`` fixture in ``conftest.py`` keeps one such server for the whole test session.
"""

from __future__ import annotations

import html
import re
import socket
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

# Debian's chromium and its flags, for Playwright in tests/test_browser.py and scripts/bench_app.py.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def message_text(message: dict[str, Any]) -> str:
    """A chat message's text (Gradio 6 sends content as a list of typed parts).

    >>> message_text({"content": [{"type": "text", "text": "Hi"}, {"type": "text", "text": "all"}]})
    'Hi all'
    >>> message_text({"role": "user", "content": "Hello"})
    'Hello'
    """
    content = message["content"]
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


def plain(markdown: str) -> str:
    r"""Chat Markdown back to plain text: HTML entities decoded, escaping backslashes dropped.

    >>> plain(r"&lt;b&gt; costs 1\.9 million \(pounds\)")
    '<b> costs 1.9 million (pounds)'
    """
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(url: str, timeout: float = 60.0) -> None:
    """Wait until ``url`` answers 200, or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError as exc:
            last = exc
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s: {last}")


@dataclass
class RunningApp:
    """A launched app: its base URL (ending in /), the Blocks object and the shared bot."""

    url: str
    demo: Any
    bot: Any


@contextmanager
def running_app(
    bot: Any = None, *, wait_warm: bool = True, port: int | None = None, **create_kwargs: Any
) -> Iterator[RunningApp]:
    """Launch ``create_app(bot, **create_kwargs)`` on 127.0.0.1 in this process; close it after.

    ``port``: a fixed port (a restart on the same address keeps the browser's local storage)."""
    from bot.ui import create_app

    demo = create_app(bot, **create_kwargs)
    port = port or free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url)
        if wait_warm:
            demo.warmup.start()
            demo.warmup.ready.wait(120)
        yield RunningApp(url=url, demo=demo, bot=demo.warmup.bot)
    finally:
        demo.close()
