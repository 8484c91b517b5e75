"""Shared fixtures: offline environment, one HeadlineBot (models loaded once), sample articles."""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import pytest

_MADE: list[str] = []
"""Temporary folders this test run made; removed when it ends (the ONNX cache alone is ~100 MB)."""


def _temporary(prefix: str) -> str:
    folder = tempfile.mkdtemp(prefix=prefix)
    _MADE.append(folder)
    return folder


os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
for _name, _prefix in (
    ("GRADIO_TEMP_DIR", "headline-bot-gradio-"),
    ("HEADLINE_BOT_DATA_DIR", "headline-bot-data-"),
):
    if _name not in os.environ:
        os.environ[_name] = _temporary(_prefix)
# The exported ONNX encoder and the remembered weight digests go to a folder of this test run, never
# to the user's own cache (bot.models.cache); CLI and app subprocesses inherit it and share it.
os.environ["XDG_CACHE_HOME"] = _temporary("headline-bot-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove this run's temporary folders (servers and subprocesses have stopped by now)."""
    for folder in _MADE:
        shutil.rmtree(folder, ignore_errors=True)


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
