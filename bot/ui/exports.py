"""Export files (Markdown and JSON) written for the download buttons, in a private temporary folder."""

from __future__ import annotations

import shutil
import tempfile
import time
import weakref
from pathlib import Path
from typing import Any

from bot.chat.export import to_json, to_markdown


class ExportFiles:
    """Writes export files into a private temporary folder, removing ones older than an hour; the
    folder is made on the first export and removed with this object (at the latest when the process
    ends), so an app that never exports leaves nothing behind."""

    def __init__(self, max_age_s: float = 3600.0) -> None:
        self._root: Path | None = None
        self.max_age_s = max_age_s

    @property
    def root(self) -> Path:
        """The private folder (made on first use)."""
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="headline-bot-export-"))
            weakref.finalize(self, shutil.rmtree, self._root, ignore_errors=True)
        return self._root

    def write(self, snapshot: dict[str, Any]) -> tuple[str, str]:
        """Write the Markdown and JSON exports of a snapshot; return their paths."""
        self._sweep()
        folder = Path(tempfile.mkdtemp(dir=self.root))
        md = folder / "headline-bot-conversation.md"
        js = folder / "headline-bot-conversation.json"
        md.write_text(to_markdown(snapshot), encoding="utf-8")
        js.write_text(to_json(snapshot), encoding="utf-8")
        return str(md), str(js)

    def _sweep(self) -> None:
        cutoff = time.time() - self.max_age_s
        for folder in self.root.iterdir():
            try:
                if folder.stat().st_mtime < cutoff:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                continue
