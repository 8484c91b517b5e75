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
from bot.summarize.base import Length

if TYPE_CHECKING:
    from bot.engine import HeadlineBot
    from bot.qa.base import Answerer
    from bot.summarize.base import Summarizer

log = logging.getLogger(__name__)

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
UPLOAD_TYPES = (".txt", ".html", ".htm", ".md")


@dataclass
class Warmup:
    """Loads the models in a background thread after the server starts, so startup never waits.

    With a model server (``llm_url``) the warm-up stays light: it reaches the server once (its
    model list, ``GET /v1/models``: the address and the model name are checked, nothing is
    generated) and warms only the extractive path (encoder, cleaning, extractive summary and
    answer). A local seq2seq model (``--model``) is loaded by one pass through the whole pipeline.
    """

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
            summarizer, answerer = _light(self.bot)
            if examples:  # one pass through the pipeline, so the first reader does not wait
                index = self.bot.index(self.bot.load(examples[0][1]))
                summarizer.summarize(index, Length())
                answerer.answer(index, "What happened?")
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


def _light(bot: HeadlineBot) -> tuple[Summarizer, Answerer]:
    """The summariser and answerer the warm-up runs. A model server is reached once (``warm``: its
    model list, nothing generated) and its extractive fallback runs in its place."""
    from bot.qa.base import ExtractiveAnswerer
    from bot.summarize.served import ServedSummarizer

    summarizer, answerer = bot.summarizer, bot.answerer
    if isinstance(summarizer, ServedSummarizer):
        summarizer.warm()
        summarizer = summarizer.fallback
    if isinstance(answerer, ServedSummarizer):
        if answerer is not bot.summarizer:
            answerer.warm()
        answerer = ExtractiveAnswerer()
    return summarizer, answerer


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
