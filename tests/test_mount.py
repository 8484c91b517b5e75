"""The app mounted inside another FastAPI application, served by uvicorn on 127.0.0.1."""

from __future__ import annotations

import threading
import time
import urllib.request

import pytest
from gradio_client import Client


@pytest.fixture(scope="module")
def host_app(headline_bot):
    """A FastAPI site with its own route and the chat mounted at /chat, served in a thread."""
    import uvicorn
    from app_server import free_port, wait_for_http
    from fastapi import FastAPI

    from bot.ui import mount

    site = FastAPI()

    @site.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    mount(site, "/chat", bot=headline_bot, stream_delay=0)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(site, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    wait_for_http(f"{base}/health")
    yield base
    server.should_exit = True
    thread.join(10)


def test_host_routes_still_work(host_app):
    with urllib.request.urlopen(f"{host_app}/health") as response:
        assert response.read() == b'{"status":"ok"}'


def test_mounted_page_is_served(host_app):
    with urllib.request.urlopen(f"{host_app}/chat/") as response:
        assert response.status == 200
        assert "Headline Bot" in response.read().decode("utf-8")


def test_mounted_api_summarizes_and_answers(host_app, harbour_text):
    client = Client(f"{host_app}/chat/", verbose=False)
    assert {"/summarize", "/ask", "/chat"} <= set(
        client.view_api(return_format="dict", print_info=False)["named_endpoints"]
    )
    summary = client.predict(harbour_text, "one-line", api_name="/summarize")
    assert "cruise" in summary["headline"].lower() and len(summary["sentences"]) == 1
    answer = client.predict(harbour_text, "How much is the visitor levy?", api_name="/ask")
    assert answer["answerable"] and "3 pounds per night" in answer["answer"]


def test_mounted_chat_keeps_the_session(host_app, harbour_text):
    client = Client(f"{host_app}/chat/", verbose=False)
    client.predict(harbour_text, "short", api_name="/chat")
    started = time.monotonic()
    messages = client.predict("Who brought the motion?", "short", api_name="/chat")
    assert time.monotonic() - started < 60
    texts = [t["text"] for t in messages["history"]]
    assert any("Okafor" in t for t in texts[2:])
