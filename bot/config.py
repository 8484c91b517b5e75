"""One settings object: defaults, overridden by ``HEADLINE_BOT_*`` environment variables, then flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

from bot.errors import HeadlineBotError
from bot.prompts import render

ENV_PREFIX = "HEADLINE_BOT_"

VERSION = "0.1.0"
"""The package version (``bot.__version__``)."""


@dataclass(frozen=True)
class Settings:
    """Every knob of the bot, with its default. Environment: ``HEADLINE_BOT_<FIELD NAME>``."""

    model: str | None = None
    """Opt-in seq2seq generator: a Hugging Face hub id or a local folder. None = extractive."""
    embedder_path: str | None = None
    """Folder of a sentence-transformers model to use instead of the packaged MiniLM."""
    embedder_quantize: bool = True
    """Dynamic int8 quantisation of the sentence encoder on CPU (about 2x faster; cosine ~0.93 to fp32)."""
    device: str | None = None
    """torch device for the generator ("cpu", "cuda"); None picks CUDA when present."""
    quantize: bool = False
    """Dynamic int8 quantisation of the generator's linear layers on CPU."""
    dtype: str | None = None
    """Generator weights: float32, bfloat16 or float16; None = bfloat16 on a GPU that has it, else float32."""
    model_input: str = "auto"
    """Generator input: "instruction" (prompts, Flan-T5), "plain" (bare article, BART/PEGASUS) or "auto"."""
    generation_timeout_s: float = 120.0
    """A generation that runs longer than this is stopped."""
    max_input_bytes: int = 10_000_000
    """Largest input (paste, file or download) accepted at all."""
    max_article_words: int = 20_000
    """Longer articles are truncated at this many words, with a note in the reply."""
    max_question_chars: int = 1_000
    """Longer questions are cut to this many characters, with a note in the reply."""
    allow_private_urls: bool = False
    """Allow URLs that resolve to loopback, private, link-local or reserved addresses."""
    fetch_max_bytes: int = 5_000_000
    """Size cap for a fetched page, enforced while streaming."""
    fetch_timeout_s: float = 10.0
    """Connect and read timeout for fetching a URL."""
    fetch_max_redirects: int = 5
    """Most redirects followed when fetching a URL."""
    max_sessions: int = 200
    """Most chat sessions whose state the server keeps at once."""
    concurrency_limit: int = 16
    """Web app: how many requests are worked on at once (the rest wait in the queue). Most of a
    chat request is waiting (streaming to the browser, the network), not CPU, so this is well above
    the core count; see docs/robustness.md for the load figures behind it."""
    queue_max_size: int = 256
    """Web app: most requests waiting in the queue; past this, people see a "busy" message."""
    max_message_bytes: int = 1_000_000
    """Largest chat message; a longer paste is refused with a line saying to use the Article box or a file."""
    max_echo_chars: int = 2_000
    """A chat message is shown back at most this long, with a note saying how much was left out."""
    max_session_bytes: int = 5_000_000
    """Most text one chat session keeps on the server; the oldest messages go first, with a note."""
    max_browser_bytes: int = 2_000_000
    """Most JSON the browser keeps of a conversation; older messages are left out first, with a note."""
    llm_url: str | None = None
    """OpenAI-compatible model server (vLLM, TGI, Ollama, llama.cpp), e.g. http://gpu:8000/v1. None = off."""
    llm_model: str | None = None
    """Model name on that server; None = the first one it serves."""
    llm_api_key: str | None = field(default=None, repr=False)
    """Bearer token for the server; read from the environment, never printed."""
    llm_timeout_s: float = 60.0
    """Model server: longest wait for the next piece of a reply (the connect timeout is 5 s)."""
    llm_concurrency: int = 4
    """Model server: most requests in flight from this app process; the rest wait their turn."""
    llm_context_tokens: int = 4096
    """Model server: the model's context in tokens (prompt plus reply); longer articles are shortened."""
    summary_scorer: str = "trained"
    """Summary sentence scorer: "trained" (the learned model; 4,205 CNN/DM articles, see
    docs/summaries.md) or "prior" (the former hand-set news prior, a baseline)."""
    browser_secret: str | None = field(default=None, repr=False)
    """Web app: key that encrypts the conversation kept in each browser; None = one kept in data_dir."""
    data_dir: str | None = None
    """Where the bot keeps its own files; None = $XDG_DATA_HOME/headline-bot (~/.local/share/...)."""
    embedder_backend: str = "onnx"
    """Sentence encoder runtime: "onnx" (ONNX Runtime, fast start; falls back to torch) or "torch"."""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``HEADLINE_BOT_*`` variables, then keyword overrides that are not None.

        >>> Settings.from_env({"HEADLINE_BOT_MAX_ARTICLE_WORDS": "500"}).max_article_words
        500
        >>> Settings.from_env({"HEADLINE_BOT_MAX_ARTICLE_WORDS": "lots"})
        Traceback (most recent call last):
        bot.errors.HeadlineBotError: HEADLINE_BOT_MAX_ARTICLE_WORDS='lots' is not valid; expected a whole...
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None or raw == "":
                continue
            values[f.name] = _parse(f.name, raw, cls.__dataclass_fields__[f.name].default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


_KINDS = {bool: "true or false", int: "a whole number", float: "a number"}


def _parse(name: str, raw: str, default: object) -> bool | int | float | str:
    try:
        if isinstance(default, bool):
            if raw.strip().lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.strip().lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        setting, kind = f"{ENV_PREFIX}{name.upper()}", _KINDS[type(default)]
        message = render("settings_invalid", setting=setting, value=repr(raw), kind=kind)
        raise HeadlineBotError(message) from None
    return raw
