"""Shared fixtures: offline environment, one HeadlineBot (models loaded once), sample articles."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_TEMP_DIR", tempfile.mkdtemp(prefix="headline-bot-gradio-"))
os.environ.setdefault("HEADLINE_BOT_DATA_DIR", tempfile.mkdtemp(prefix="headline-bot-data-"))
# The exported ONNX encoder and the remembered weight digests go to a folder of this test run, never
# to the user's own cache (bot.models.cache); CLI and app subprocesses inherit it and share it.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="headline-bot-cache-")

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder of articles written for the tests."""
    return DATA


@pytest.fixture(scope="session")
def harbour_text() -> str:
    """A scraped-style article we wrote ourselves, with video, newsletter, caption and link debris."""
    return (DATA / "harbour-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def headline_bot():
    """One bot for the whole session, so MiniLM is loaded once."""
    from bot.config import Settings
    from bot.engine import HeadlineBot

    return HeadlineBot(Settings())


@pytest.fixture(scope="session")
def app_server(headline_bot):
    """The real Gradio app on a free port of 127.0.0.1 for the whole session (see tests/app_server.py).

    Replies stream without pauses (``stream_delay=0``); use ``running_app`` for other settings.
    """
    from app_server import running_app

    with running_app(headline_bot, stream_delay=0) as app:
        yield app


@pytest.fixture(scope="session")
def llama_url():
    """The ``.../v1`` address of a real llama.cpp server (tests/llm_servers.py), one for the session."""
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed: pip install '.[test]' (compiles llama.cpp)")
    from llm_servers import llama_server

    with llama_server() as url:
        yield url
