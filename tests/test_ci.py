"""The README's set-up commands and CI agree."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^    ((?:CMAKE_ARGS=\S+ )?pip install .*)$", readme, flags=re.M)
    assert any("python app.py" in c for c in commands), "README must say how to run the app"
    test_commands = [c for c in commands if "[test]" in c and "pytest" in c]
    assert test_commands, "README must say how to run the tests"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "README.md" in ci and 'bash -c "$test_command"' in ci
