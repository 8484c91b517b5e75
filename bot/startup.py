"""Start-up speed: pausing Python's cyclic garbage collector while a process builds what it keeps.

Importing a large stack (Gradio with FastAPI and pandas; numpy and ONNX Runtime for the CLI)
creates hundreds of thousands of long-lived objects, and the cyclic collector keeps walking all
of them while they are made, finding no garbage: 0.6-1 s of the app's 3.5 s import on the 2-core
development machine, about 0.15 s of a cold ``headline-bot ask`` (docs/benchmarks.md). Reference
counting still frees everything else at once; only reference cycles wait for the collector.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic collector for the block; restore it after (``freeze``: and freeze what exists).

    ``freeze`` moves every object alive at the end of the block to a permanent generation that
    later collections skip: right for imports, whose objects live as long as the process.

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()
