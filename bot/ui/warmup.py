"""Loading the models in the background after the server starts, and the example articles."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.chat.messages import canned
from bot.errors import HeadlineBotError
from bot.prompts import render

if TYPE_CHECKING:
    from bot.engine import HeadlineBot

log = logging.getLogger(__name__)

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
UPLOAD_TYPES = (".txt", ".html", ".htm", ".md")


@dataclass
class Warmup:
    """Loads the models in a background thread after the server starts, so startup never waits."""

    bot: HeadlineBot
    ready: threading.Event = field(default_factory=threading.Event)
    error: str | None = None
    _started: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        """Start warming once; later calls do nothing."""
        with self._lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._run, name="headline-bot-warmup", daemon=True).start()

    def _run(self) -> None:
        try:
            self.bot.embedder.encode(["Warming up the sentence encoder."])
            examples = load_examples()
            if examples:  # one pass through the whole pipeline, so the first reader does not wait
                article = self.bot.load(examples[0][1])
                self.bot.summarize(article)
                self.bot.ask(article, "What happened?")
        except HeadlineBotError as exc:
            self.error = exc.message
        except Exception as exc:  # a broken install must show in the UI, not kill the server
            log.exception("warm-up failed")
            self.error = str(exc) or type(exc).__name__
        finally:
            self.ready.set()

    @property
    def warming(self) -> bool:
        """True until the models are loaded (or failed to load)."""
        return not self.ready.is_set()

    def status(self) -> str:
        """The status line shown next to the title."""
        if self.warming:
            return render("ui_status_warming")
        if self.error:
            return canned("ui_status_failed", error=self.error)
        return render("ui_status_ready")


def load_examples() -> list[tuple[str, str]]:
    """The example articles shipped in ``bot/examples``: (label, text) pairs."""
    out = []
    for path in sorted(EXAMPLES_DIR.glob("*")):
        if path.suffix.lower() in UPLOAD_TYPES:
            text = path.read_text(encoding="utf-8")
            kind = {".html": "HTML", ".htm": "HTML", ".md": "Markdown"}.get(path.suffix.lower(), "text")
            label = path.stem.replace("-", " ").capitalize()
            out.append((f"{label} ({kind})", text))
    return out
