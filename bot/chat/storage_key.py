"""The key that encrypts the conversation kept in the browser, stable across server restarts.

``Settings.browser_secret`` (``HEADLINE_BOT_BROWSER_SECRET``) wins when set (several servers behind
one address share it). Otherwise a random key is created once and kept in the user's data
directory: ``$XDG_DATA_HOME/headline-bot/browser-secret`` (``~/.local/share/headline-bot/...`` when
``XDG_DATA_HOME`` is not set; ``Settings.data_dir``, ``HEADLINE_BOT_DATA_DIR``, moves the folder),
readable by its owner only (0600, the folder 0700), written atomically so two servers starting at
once agree on one key. If the folder cannot be written, a key for this run only is used and a
warning is logged: saved conversations then do not survive a restart, as before.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from bot.config import Settings

log = logging.getLogger(__name__)

SECRET_ENV = "HEADLINE_BOT_BROWSER_SECRET"
FILE_NAME = "browser-secret"


def data_dir(environ: Mapping[str, str] | None = None, settings: Settings | None = None) -> Path:
    """Where the bot keeps its own files (``settings``, else read from ``environ``).

    >>> str(data_dir({"XDG_DATA_HOME": "/srv/data"}))
    '/srv/data/headline-bot'
    >>> str(data_dir({"HEADLINE_BOT_DATA_DIR": "/var/lib/hb", "XDG_DATA_HOME": "/srv/data"}))
    '/var/lib/hb'
    """
    env = os.environ if environ is None else environ
    configured = (settings or Settings.from_env(dict(env))).data_dir
    if configured:
        return Path(configured)
    base = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME") or Path.home()) / ".local" / "share")
    return Path(base) / "headline-bot"


def browser_secret(environ: Mapping[str, str] | None = None, settings: Settings | None = None) -> str:
    """The browser-storage key: the configured secret, else the kept one (created on first use)."""
    env = os.environ if environ is None else environ
    settings = settings or Settings.from_env(dict(env))
    if settings.browser_secret:
        return settings.browser_secret
    path = data_dir(env, settings) / FILE_NAME
    try:
        return _read_or_create(path)
    except OSError as exc:
        log.warning(
            "cannot keep the browser-storage key in %s (%s); conversations saved in browsers will not "
            "survive a restart (set %s)",
            path,
            exc,
            SECRET_ENV,
        )
        return secrets.token_urlsafe(32)


def _read_or_create(path: Path) -> str:
    existing = _read(path)
    if existing:
        return existing
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".browser-secret-", dir=path.parent)  # created 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_urlsafe(32) + "\n")
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileExistsError):  # atomic; never replaces a key written first
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
    key = _read(path)
    if not key:
        raise OSError(f"{path} is empty")
    return key


def _read(path: Path) -> str | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        os.chmod(path, 0o600)  # someone loosened it: owner only again
    return path.read_text(encoding="ascii").strip() or None
