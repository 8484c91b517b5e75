"""Where built artefacts (the exported ONNX encoder) are kept, and how they are written safely.

The folder is ``$XDG_CACHE_HOME/headline-bot`` (``~/.cache/headline-bot`` when the variable is
unset or not an absolute path, as the XDG spec says). Files are written atomically: into a
temporary file in the same folder, then renamed over the final name, so a reader never sees half
a file and an interrupted build leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

APP_DIR = "headline-bot"


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The cache folder (not created here).

    >>> cache_dir({"XDG_CACHE_HOME": "/var/cache/me"}).as_posix()
    '/var/cache/me/headline-bot'
    >>> cache_dir({"XDG_CACHE_HOME": "relative", "HOME": "/home/ann"}).as_posix()
    '/home/ann/.cache/headline-bot'
    """
    env = os.environ if environ is None else environ
    xdg = env.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / APP_DIR
    home = env.get("HOME") or str(Path.home())
    return Path(home) / ".cache" / APP_DIR


@contextlib.contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """A temporary path beside ``final``; renamed onto ``final`` when the block succeeds.

    On an error the temporary file is removed and ``final`` is left as it was.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a cache file is readable like any other
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
