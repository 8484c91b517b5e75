"""The public API: `import bot` is light, every exported name resolves, the README imports from `bot`."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import bot

ROOT = Path(__file__).resolve().parent.parent


def test_import_bot_pulls_in_no_heavy_library():
    probe = (
        "import bot, sys; print(','.join(m for m in ('torch', 'transformers', 'gradio') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == ""


@pytest.mark.parametrize("name", bot.__all__)
def test_every_public_name_resolves(name: str):
    assert getattr(bot, name) is not None


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        _ = bot.Nope  # type: ignore[attr-defined]


def test_the_readme_python_example_imports_only_from_bot():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = readme.split("### From Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    imports = [n for n in ast.walk(ast.parse(code)) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert imports and all(isinstance(n, ast.ImportFrom) and n.module == "bot" for n in imports)
    assert all(hasattr(bot, a.name) for n in imports for a in n.names)  # type: ignore[union-attr]


def test_the_package_is_marked_typed():
    assert (ROOT / "bot" / "py.typed").is_file()
