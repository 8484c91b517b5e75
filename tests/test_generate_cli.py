"""``headline-bot summarize FILE --model PATH`` as a user runs it: a real process, offline."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tiny_models import tiny_t5_fixture  # noqa: F401  (fixtures)

ARTICLE = Path(__file__).parent / "data" / "harbour-article.txt"


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    script = shutil.which("headline-bot", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "bot"]
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1", **env}
    environment.pop("HEADLINE_BOT_MODEL", None)
    environment.update(env)
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=240, env=environment, check=False
    )


def test_summarize_with_a_local_model_folder(tiny_t5: Path):
    done = run_cli("summarize", str(ARTICLE), "--model", str(tiny_t5), "--style", "one-line", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["generated_headline"]
    assert len(out["sentences"]) == 1
    sentence = out["sentences"][0]
    assert sentence["supported"] is False  # a random model's words are not in the article
    assert isinstance(sentence["paragraph"], int) and sentence["paragraph"] >= 1
    assert out["notes"] == []
    assert "Traceback" not in done.stderr


def test_the_model_can_come_from_the_environment(tiny_t5: Path):
    from bot.config import Settings
    from bot.engine import HeadlineBot
    from bot.summarize.abstractive import GenerativeSummarizer

    bot = HeadlineBot(Settings.from_env({"HEADLINE_BOT_MODEL": str(tiny_t5), "HEADLINE_BOT_QUANTIZE": "1"}))
    summarizer = bot.summarizer
    assert isinstance(summarizer, GenerativeSummarizer)
    assert summarizer.generator.name == str(tiny_t5) and summarizer.generator.quantize is True  # type: ignore[attr-defined]
    assert isinstance(HeadlineBot(Settings.from_env({})).summarizer, type(HeadlineBot(Settings()).summarizer))


@pytest.mark.parametrize(
    ("model", "reason"),
    # A missing folder goes the same way (tests/test_generate_summary.py); one process is enough here.
    [("facebook/bart-large-cnn", "the Hub cannot be reached")],
)
def test_a_missing_model_prints_one_line_and_summarises_anyway(model: str, reason: str):
    done = run_cli("summarize", str(ARTICLE), "--model", model)
    assert done.returncode == 0, done.stderr
    assert "Port Elwyn" in done.stdout  # the extractive summary
    notes = [line for line in done.stderr.splitlines() if line.startswith("headline-bot: note:")]
    assert len(notes) == 1
    assert (
        notes[0].startswith(f"headline-bot: note: Cannot load the model '{model}': ") and reason in notes[0]
    )
    assert notes[0].endswith("Carrying on with the extractive summariser.")
    assert "Traceback" not in done.stderr
