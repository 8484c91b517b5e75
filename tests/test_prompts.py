"""Every prompt and canned reply is a file, rendered strictly, and leaves no placeholder behind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import prompts
from bot.prompts import PromptError, render, variables

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted(p.stem for p in (ROOT / "prompts").glob("*.txt"))
NAMED_IN_CODE = re.compile(r"""(?:render|canned|notice_message|load)\(\s*["']([a-z0-9_]+)["']""")


def test_there_are_prompt_files():
    assert len(TEMPLATES) >= 20
    assert prompts.prompts_dir().is_dir()


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_renders_and_leaves_no_braces(name):
    template = prompts.load(name)
    values = {v: f"<{v.upper()}>" for v in variables(template)}
    text = render(name, **values)
    assert text.strip(), f"{name} renders to nothing"
    assert "{" not in text.replace("{{", "") and "}" not in text.replace("}}", ""), text
    for value in values.values():
        assert value in text


def test_every_template_named_in_code_exists():
    named = {m for path in (ROOT / "bot").rglob("*.py") for m in NAMED_IN_CODE.findall(path.read_text())}
    assert named, "the pattern found no prompt names in bot/"
    missing = named - set(TEMPLATES)
    assert not missing, f"prompt files missing for {sorted(missing)}"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, r"needs \['paragraph', 'passage'\]; missing \['paragraph', 'passage'\]"),
        ({"paragraph": 2}, r"missing \['passage'\], unexpected \[\]"),
        ({"paragraph": 2, "passage": "x", "extra": "y"}, r"missing \[\], unexpected \['extra'\]"),
    ],
)
def test_rendering_is_strict(values, message):
    assert variables(prompts.load("not_in_article")) == {"paragraph", "passage"}
    with pytest.raises(PromptError, match=message):
        render("not_in_article", **values)


def test_a_missing_prompt_file_is_a_clear_error():
    with pytest.raises(PromptError, match=r"missing; reinstall headline-bot"):
        render("no_such_prompt_file")


def test_a_prompt_may_have_a_variable_called_name():
    # ``render``'s own argument is positional-only, so ``name`` is free for the templates.
    assert render("model_no_folder", name="'./nowhere'").startswith("Cannot load the model './nowhere':")
