"""Import Gradio without regenerating its type stubs: about half of ``import gradio`` on a slow CPU.

Gradio 6 builds every component class through ``gradio.component_meta.ComponentMeta``, whose
``__new__`` calls ``create_or_modify_pyi``: for each of ~80 components it reads the component's
source file, parses it with ``ast``, renders a Jinja template and compares (or rewrites) the
``.pyi`` stub next to it in site-packages. The stubs only serve type checkers and IDEs and ship
with the package already; at run time the work is pure start-up cost (4.5 s of a 6 s ``import
gradio`` on the 2-core development machine, see docs/benchmarks.md) and a write into
site-packages that a server has no business doing.

``skip_stub_regeneration()`` installs a one-shot import hook: when ``gradio.component_meta`` is
first loaded, its ``create_or_modify_pyi`` is replaced by a function that does nothing, before any
component class is built. Nothing else in Gradio changes. If Gradio is already imported, or a
future version no longer has the function, the hook does nothing.

``remember_missing("matplotlib")`` is the other per-request cost: Gradio runs every event inside
a context manager that tries ``import matplotlib`` on entry and again on exit, on the server's
event loop. Where matplotlib is not installed each try walks the whole import path and fails (4 %
of the server's CPU and a blocked event loop under load). Marking the module missing in
``sys.modules`` makes the same ``ImportError`` immediate; where it is installed nothing changes.

The third cost, the garbage collector walking Gradio's objects while they are built, is paused
by ``bot.startup.collector_paused`` around the imports in ``bot.ui``.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

TARGET = "gradio.component_meta"
STUB_WRITER = "create_or_modify_pyi"


def _no_stub(*_args: Any, **_kwargs: Any) -> None:
    """Stands in for Gradio's stub writer: component stubs ship with the package already."""


class _SkipStubs(importlib.abc.MetaPathFinder):
    """Finds ``gradio.component_meta`` once and patches its stub writer right after it executes."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != TARGET:
            return None
        _remove_hook()
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        run = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            if callable(getattr(module, STUB_WRITER, None)):
                setattr(module, STUB_WRITER, _no_stub)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _remove_hook() -> None:
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _SkipStubs)]


def skip_stub_regeneration() -> bool:
    """Install the hook unless Gradio's component machinery is already loaded; True if installed.

    >>> import sys
    >>> skip_stub_regeneration() == (TARGET not in sys.modules)
    True
    >>> sum(isinstance(f, _SkipStubs) for f in sys.meta_path) <= 1
    True
    """
    if TARGET in sys.modules:
        return False
    if not any(isinstance(f, _SkipStubs) for f in sys.meta_path):
        sys.meta_path.insert(0, _SkipStubs())
    return True


def remember_missing(name: str) -> bool:
    """If module ``name`` is not installed, make later imports of it fail at once; True if so.

    Python's import system treats ``sys.modules[name] = None`` as "known missing" and raises the
    usual ``ModuleNotFoundError`` without searching. An installed module is left alone.

    >>> remember_missing("no_such_module_here")
    True
    >>> import no_such_module_here
    Traceback (most recent call last):
    ...
    ModuleNotFoundError: import of no_such_module_here halted; None in sys.modules
    >>> remember_missing("json")
    False
    """
    import importlib.util

    if name in sys.modules:
        return sys.modules[name] is None
    try:
        missing = importlib.util.find_spec(name) is None
    except (ImportError, ValueError):
        missing = True
    if missing:
        sys.modules[name] = None  # type: ignore[assignment]
    return missing


def stubs_skipped() -> bool:
    """True when the loaded Gradio builds components without rewriting its stubs."""
    module = sys.modules.get(TARGET)
    return module is not None and getattr(module, STUB_WRITER, None) is _no_stub
