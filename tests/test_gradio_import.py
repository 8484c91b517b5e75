"""The app imports Gradio without regenerating its type stubs, and Gradio still builds components.

Each case runs in a fresh interpreter, since the hook only acts on Gradio's first import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CASES = {
    # bot.ui first (app.py, headline-bot serve): the stub writer is replaced before components exist
    "bot.ui before gradio": ("import bot.ui\nimport gradio", True),
    # the user imported Gradio first: the hook leaves it alone and says so
    "gradio before bot.ui": ("import gradio\nimport bot.ui", False),
}

PROBE = """
{imports}
import gradio as gr
from bot.ui.gradio_import import skip_stub_regeneration, stubs_skipped
with gr.Blocks() as demo:
    box = gr.Textbox(elem_id="probe")
print(json.dumps({{
    "skipped": stubs_skipped(),
    "again": skip_stub_regeneration(),
    "textbox": type(box).__name__,
    "events": hasattr(box, "submit"),
}}))
"""


@pytest.mark.parametrize("name", list(CASES))
def test_stub_writer_is_skipped_only_when_bot_ui_comes_first(name: str, tmp_path: Path) -> None:
    imports, skipped = CASES[name]
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "GRADIO_ANALYTICS_ENABLED": "False",
        "GRADIO_TEMP_DIR": str(tmp_path),
    }
    code = "import json\n" + PROBE.format(imports=imports)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"skipped": skipped, "again": False, "textbox": "Textbox", "events": True}
