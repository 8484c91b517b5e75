"""``import bot``, ``--help``, ``clean`` and argument errors never import torch, transformers, gradio
(nor onnxruntime, nor httpx when no URL is fetched).

Each case runs in a fresh interpreter (a real subprocess) and reports which heavy modules ended up
in ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("torch", "transformers", "gradio", "onnxruntime", "httpx")  # httpx: only to fetch a URL
ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
argv = json.loads(sys.argv[1])
code = None
if argv is None:
    import bot
else:
    from bot.cli import main
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
heavy = json.loads(sys.argv[2])
print(json.dumps({"code": code, "heavy": [m for m in heavy if m in sys.modules]}))
"""


def probe(argv: list[str] | None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (None, None),
        (["--help"], 0),
        (["summarize", "--help"], 0),
        (["clean", "tests/data/harbour-article.txt"], 0),
        (["clean", "tests/data/library-article.html", "--json"], 0),
        (["clean", "no/such/file.txt"], 2),
        (["summarize", "--sentences", "0", "x.txt"], 2),
        (["summarize"], 2),
        (["summarize", "--batch", "in.jsonl"], 2),
        (["ask", "tests/data/harbour-article.txt"], 2),
        (["nonsense"], 2),
        (["eval", "qa"], 2),
    ],
)
def test_no_heavy_import(argv, code, monkeypatch):
    monkeypatch.chdir(ROOT)
    seen = probe(argv)
    assert seen["code"] == code
    assert seen["heavy"] == []


def test_building_the_app_leaves_the_question_rules_for_later():
    # the app answers HTTP sooner when building its page does not compile the answering rules; they
    # load with the first question or the warm-up thread
    code = (
        "import json, sys; from bot.ui import create_app; create_app();"
        "print(json.dumps([m for m in ('bot.qa.answer', 'bot.chat.conversation') if m in sys.modules]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRADIO_ANALYTICS_ENABLED": "False"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
