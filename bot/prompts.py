"""Prompts and canned replies live as files in ``prompts/``; rendering is strict.

A template uses ``{name}`` placeholders (``{{`` and ``}}`` for literal braces). A missing or an
unexpected variable is an error, so a prompt can never go out half-filled.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

from bot.errors import PromptError

__all__ = ["PromptError", "load", "prompts_dir", "render", "variables"]


def prompts_dir() -> Path:
    """Where the prompt files are: inside the installed package, else the repository's ``prompts/``."""
    packaged = Path(__file__).parent / "_prompts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "prompts"


@cache
def load(name: str) -> str:
    """The raw template ``prompts/<name>.txt`` (trailing newline stripped)."""
    path = prompts_dir() / f"{name}.txt"
    try:
        return path.read_text(encoding="utf-8").rstrip("\n")
    except FileNotFoundError:
        raise PromptError(f"Prompt file {path} is missing; reinstall headline-bot.") from None


def variables(template: str) -> set[str]:
    """The placeholder names in a template.

    >>> sorted(variables("Q: {question} A: {answer} {{literal}}"))
    ['answer', 'question']
    """
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def render(name: str, /, **values: object) -> str:
    """Render ``prompts/<name>.txt`` with exactly its variables.

    >>> render("not_in_article", paragraph=2, passage="Ships may anchor in the bay.")
    "The article doesn't say. The closest passage is ¶2: “Ships may anchor in the bay.”"
    """
    template = load(name)
    wanted = variables(template)
    missing = wanted - values.keys()
    extra = values.keys() - wanted
    if missing or extra:
        raise PromptError(
            f"Prompt {name!r} needs {sorted(wanted)}; missing {sorted(missing)}, unexpected {sorted(extra)}."
        )
    return template.format(**values)
