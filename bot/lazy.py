"""Package attributes imported on first use, so ``import bot`` and the CLI's ``clean`` stay light.

A package lists which of its public names live in which module and sets its module-level
``__getattr__`` (PEP 562) to ``lazy_exports(__name__, names)``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(package: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``names[name]`` on first use and keeps the value.

    >>> getattr_ = lazy_exports("bot", {"dedent": "textwrap"})
    >>> getattr_("dedent")("  x")
    'x'
    >>> getattr_("missing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'bot' has no attribute 'missing'
    """
    table = dict(names)

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        setattr(sys.modules[package], name, value)  # the next lookup is a plain attribute
        return value

    return __getattr__
