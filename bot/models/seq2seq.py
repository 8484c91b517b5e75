"""The opt-in seq2seq ``Generator``: any Hugging Face encoder-decoder checkpoint behind a small interface.

``Seq2SeqGenerator`` wraps ``AutoModelForSeq2SeqLM.generate`` (transformers 5.x has no summarization
pipeline). It is built cheaply and loads on first use, once, under a lock; it picks the device (CUDA
when present, else CPU) and dtype, can quantise its linear layers to int8 on CPU, decodes under
``torch.inference_mode``, streams text pieces with ``TextIteratorStreamer``, and stops a generation
that runs past its time limit.

Time limit (decided): a generation that reaches its limit is *stopped, not failed*: the text written
so far comes back with ``Generation.stop == "time"`` and the caller decides what to keep (the
summariser keeps whole sentences and adds a note; see ``bot.summarize.abstractive``). Only a generation that
produced nothing usable becomes a ``GenerationTimeoutError``, raised by the caller.

Input that does not fit the model's window is refused (``ModelError``), never truncated: callers
split long articles first (``bot.models.chunking``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from bot.errors import ModelError, ModelLoadError
from bot.prompts import render

if TYPE_CHECKING:
    from bot.config import Settings

StopReason = Literal["end", "length", "time", "cancelled"]

PLAIN_MODEL_TYPES = frozenset(
    {"bart", "mbart", "pegasus", "pegasus_x", "bigbird_pegasus", "led", "prophetnet"}
)
"""Model types trained to summarise the bare article (BART/PEGASUS news summarisers): no instruction."""

DEFAULT_WINDOW = 512
"""Input window assumed when neither the config nor the tokenizer states one."""

_DTYPES = {
    "float32": "float32",
    "fp32": "float32",
    "float16": "float16",
    "fp16": "float16",
    "half": "float16",
    "bfloat16": "bfloat16",
    "bf16": "bfloat16",
}


@dataclass(frozen=True)
class Generation:
    """What one generation produced: the text, how many tokens, why it stopped and how long it took."""

    text: str
    tokens: int
    stop: StopReason
    seconds: float


class GenerationStream:
    """Text pieces as the model writes them; ``result`` is the whole ``Generation`` once exhausted.

    Closing the stream early (``close()``, or dropping a consuming generator) stops the model.
    """

    def __init__(self, pieces: Iterator[str], cancel: threading.Event) -> None:
        self._pieces = pieces
        self._cancel = cancel
        self.result: Generation | None = None

    def __iter__(self) -> GenerationStream:
        return self

    def __next__(self) -> str:
        return next(self._pieces)

    def close(self) -> None:
        """Stop generating and release the worker thread."""
        self._cancel.set()
        close = getattr(self._pieces, "close", None)
        if close is not None:
            close()


class Generator(Protocol):
    """A text-to-text model: counts tokens, knows its input window, generates and streams."""

    name: str

    @property
    def instructed(self) -> bool:
        """True when the model takes an instruction prompt (Flan-T5), False for the bare article (BART)."""
        ...

    @property
    def window(self) -> int:
        """Most input tokens the model accepts."""
        ...

    @property
    def prefix(self) -> str:
        """Text the checkpoint expects before a bare article (``task_specific_params``), often empty."""
        ...

    @property
    def loaded(self) -> bool:
        """Whether the model is ready to generate (a remote or scripted one always is)."""
        ...

    def load(self) -> None:
        """Load now (raises ``ModelLoadError``); later calls do nothing (a failure is raised again)."""
        ...

    def count_tokens(self, text: str) -> int:
        """Input tokens of ``text``, special tokens included."""
        ...

    def generate(
        self, prompt: str, *, max_new_tokens: int, min_new_tokens: int = 0, time_limit_s: float | None = None
    ) -> Generation:
        """Generate a whole answer to ``prompt``."""
        ...

    def stream(
        self, prompt: str, *, max_new_tokens: int, min_new_tokens: int = 0, time_limit_s: float | None = None
    ) -> GenerationStream:
        """Generate, yielding text pieces as they are decoded."""
        ...


def is_local_reference(name: str) -> bool:
    """True when ``name`` means a folder on disk rather than a Hugging Face hub id.

    >>> [is_local_reference(n) for n in ["facebook/bart-large-cnn", "t5-small", "./models/bart", "/srv/m/x"]]
    [False, False, True, True]
    """
    if Path(name).expanduser().exists():
        return True
    return name.startswith(("/", ".", "~")) or name.count("/") > 1 or "\\" in name


def resolve_dtype_name(requested: str | None, device: str, bf16_ok: bool) -> str:
    """The dtype to load in: the requested one, else bfloat16 on a GPU that has it, else float32.

    >>> resolve_dtype_name(None, "cpu", False), resolve_dtype_name(None, "cuda", True)
    ('float32', 'bfloat16')
    >>> resolve_dtype_name("fp16", "cuda", True)
    'float16'
    """
    if requested:
        try:
            return _DTYPES[requested.strip().lower()]
        except KeyError:
            raise ModelLoadError(render("model_unknown_dtype", dtype=repr(requested))) from None
    if device.startswith("cuda") and bf16_ok:
        return "bfloat16"
    return "float32"


def load_failure_reason(name: str, exc: BaseException) -> str:
    """A short, human reason for a failed ``from_pretrained``.

    >>> load_failure_reason("x/y", OSError("We couldn't connect to 'https://huggingface.co' to load"))
    'it is not in the local Hugging Face cache and the Hub cannot be reached'
    """
    text = str(exc)
    if "couldn't connect" in text or "offline" in text.lower() or "Connection" in type(exc).__name__:
        return render("model_reason_offline")
    if "not a valid model identifier" in text or "RepositoryNotFound" in type(exc).__name__:
        return "there is no such model on the Hugging Face Hub"
    if "Unrecognized configuration class" in text:
        return "it is not an encoder-decoder (seq2seq) model such as BART, PEGASUS or T5"
    return _first_line(exc)


class Seq2SeqGenerator:
    """Any ``AutoModelForSeq2SeqLM`` checkpoint, by hub id or local folder, loaded on first use.

    ``instructed`` overrides the prompt style (None: detect, plain for BART/PEGASUS model types);
    ``window`` overrides the input window (None: from the config and tokenizer).
    """

    def __init__(
        self,
        name: str,
        *,
        device: str | None = None,
        dtype: str | None = None,
        quantize: bool = False,
        instructed: bool | None = None,
        window: int | None = None,
    ) -> None:
        if not name or not name.strip():
            raise ModelLoadError(render("model_none_given"))
        self.name = name.strip()
        self.requested_device = device
        self.requested_dtype = dtype
        self.quantize = quantize
        self._instructed = instructed
        self._window = window
        self._lock = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None
        self._failure: ModelLoadError | None = None
        self.device = "cpu"
        self.dtype = "float32"

    @classmethod
    def from_settings(cls, settings: Settings) -> Seq2SeqGenerator:
        """The generator ``settings.model`` names, with the device, dtype and quantisation settings."""
        if not settings.model:
            raise ModelLoadError(render("model_none_configured"))
        mode = (settings.model_input or "auto").strip().lower()
        if mode not in {"auto", "instruction", "plain"}:
            raise ModelLoadError(render("model_input_mode", mode=repr(mode)))
        return cls(
            settings.model,
            device=settings.device,
            dtype=settings.dtype,
            quantize=settings.quantize,
            instructed=None if mode == "auto" else mode == "instruction",
        )

    # -- loading -------------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """Whether the weights are in memory."""
        return self._model is not None

    def load(self) -> None:
        """Load tokenizer and model once; a failure is remembered and raised again without retrying."""
        if self._model is not None:
            return
        with self._lock:
            if self._model is not None:
                return
            if self._failure is not None:
                raise self._failure
            try:
                self._load()
            except ModelLoadError as exc:
                self._failure = exc
                raise

    def _load(self) -> None:
        name = self.name
        local = is_local_reference(name)
        path = Path(name).expanduser()
        if local and not path.is_dir():
            raise ModelLoadError(render("model_no_folder", name=repr(name)))
        if local and not (path / "config.json").is_file():
            raise ModelLoadError(render("model_no_config", name=repr(name)))
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        from transformers.utils import logging as hf_logging

        device = self._pick_device(torch)
        dtype = resolve_dtype_name(
            self.requested_dtype, device, bool(device.startswith("cuda") and torch.cuda.is_bf16_supported())
        )
        source = str(path) if local else name
        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        try:
            tokenizer = AutoTokenizer.from_pretrained(source)
            model = AutoModelForSeq2SeqLM.from_pretrained(source, dtype=getattr(torch, dtype))
        except (OSError, ValueError, KeyError, RuntimeError, ImportError, TypeError) as exc:
            reason = load_failure_reason(name, exc)
            raise ModelLoadError(render("model_load_failed", name=repr(name), reason=reason)) from exc
        finally:
            hf_logging.enable_progress_bar()  # type: ignore[no-untyped-call]
        if not getattr(model.config, "is_encoder_decoder", False):
            raise ModelLoadError(render("model_not_seq2seq", name=repr(name)))
        model.eval()
        if self.quantize and device == "cpu":  # int8 is for CPU inference only; a GPU runs unquantised
            from bot.models.embed import quantize_int8

            model = quantize_int8(model)
        model.to(device)
        # Length is the bot's business (style budgets): drop the checkpoint's fixed min/max lengths so
        # they neither fight the budgets nor trigger warnings on every call.
        gen_config = model.generation_config
        gen_config.min_length = None
        gen_config.max_length = None
        self.device, self.dtype = device, dtype
        self._tokenizer = tokenizer
        self._model = model

    def _pick_device(self, torch: Any) -> str:
        requested = (self.requested_device or "").strip().lower()
        if not requested or requested == "auto":
            return "cuda" if torch.cuda.is_available() else "cpu"
        if requested.startswith("cuda") and not torch.cuda.is_available():
            raise ModelLoadError(render("model_no_cuda", name=repr(self.name), device=requested))
        return requested

    # -- facts about the model -------------------------------------------------------------------

    @property
    def model_type(self) -> str:
        """The checkpoint's ``config.model_type`` (``bart``, ``t5``, ``pegasus``...)."""
        self.load()
        return str(self._model.config.model_type)

    @property
    def instructed(self) -> bool:
        """Instruction prompts, unless overridden: every model type except the plain news summarisers."""
        if self._instructed is not None:
            return self._instructed
        return self.model_type not in PLAIN_MODEL_TYPES

    @property
    def window(self) -> int:
        """The input window: the override, else the smaller of position embeddings and tokenizer limit."""
        if self._window:
            return self._window
        self.load()
        limits = [
            n
            for n in (
                getattr(self._model.config, "max_position_embeddings", None),
                getattr(self._tokenizer, "model_max_length", None),
            )
            if isinstance(n, int) and 0 < n < 1_000_000
        ]
        return min(limits) if limits else DEFAULT_WINDOW

    @property
    def prefix(self) -> str:
        """The checkpoint's summarisation prefix (``task_specific_params``), e.g. ``summarize: `` for T5."""
        self.load()
        params = getattr(self._model.config, "task_specific_params", None) or {}
        return str((params.get("summarization") or {}).get("prefix") or "")

    def count_tokens(self, text: str) -> int:
        """Input tokens of ``text``, special tokens included (no truncation)."""
        self.load()
        return len(self._tokenizer(text, add_special_tokens=True, verbose=False)["input_ids"])

    # -- generation ------------------------------------------------------------------------------

    def _inputs(self, prompt: str) -> Any:
        encoded = self._tokenizer(prompt, return_tensors="pt", verbose=False)
        size = int(encoded["input_ids"].shape[1])
        if size > self.window:
            raise ModelError(
                render("model_input_too_long", size=size, name=repr(self.name), window=self.window)
            )
        return encoded.to(self._model.device)

    def _kwargs(self, encoded: Any, max_new_tokens: int, min_new_tokens: int, stop: Any) -> dict[str, Any]:
        from transformers import StoppingCriteriaList

        return {
            **encoded,
            "max_new_tokens": max(1, max_new_tokens),
            "min_new_tokens": max(0, min(min_new_tokens, max_new_tokens - 1)),
            "stopping_criteria": StoppingCriteriaList([stop]),
        }

    def _result(self, sequence: Any, text: str, max_new_tokens: int, stop: Any, started: float) -> Generation:
        special = {self._tokenizer.pad_token_id, self._model.generation_config.decoder_start_token_id}
        ids = [int(t) for t in sequence.tolist()]
        while ids and ids[0] in special:
            ids = ids[1:]
        reason: StopReason
        if stop.cancelled:
            reason = "cancelled"
        elif stop.timed_out:
            reason = "time"
        elif len(ids) >= max_new_tokens:
            reason = "length"
        else:
            reason = "end"
        return Generation(text.strip(), len(ids), reason, time.monotonic() - started)

    def generate(
        self, prompt: str, *, max_new_tokens: int, min_new_tokens: int = 0, time_limit_s: float | None = None
    ) -> Generation:
        """Generate a whole answer (the checkpoint's own beam settings apply)."""
        self.load()
        import torch

        started = time.monotonic()
        stop = _stop_criteria(time_limit_s, threading.Event())
        encoded = self._inputs(prompt)
        try:
            with torch.inference_mode():
                out = self._model.generate(**self._kwargs(encoded, max_new_tokens, min_new_tokens, stop))
        except Exception as exc:  # out of memory, a broken checkpoint: one line, not a traceback
            raise ModelError(
                render("model_generation_failed", name=repr(self.name), reason=_first_line(exc))
            ) from exc
        text = self._tokenizer.decode(out[0], skip_special_tokens=True)
        return self._result(out[0], text, max_new_tokens, stop, started)

    def stream(
        self, prompt: str, *, max_new_tokens: int, min_new_tokens: int = 0, time_limit_s: float | None = None
    ) -> GenerationStream:
        """Generate in a worker thread, yielding text pieces as they are decoded (greedy: beams cannot
        stream). The worker stops when the time limit passes or the stream is closed."""
        self.load()
        from transformers import TextIteratorStreamer

        started = time.monotonic()
        cancel = threading.Event()
        stop = _stop_criteria(time_limit_s, cancel)
        encoded = self._inputs(prompt)
        streamer = TextIteratorStreamer(self._tokenizer, skip_prompt=True, skip_special_tokens=True)
        kwargs = self._kwargs(encoded, max_new_tokens, min_new_tokens, stop)
        kwargs.update(streamer=streamer, num_beams=1)
        outcome: dict[str, Any] = {}

        def work() -> None:
            import torch

            try:
                with torch.inference_mode():
                    outcome["sequences"] = self._model.generate(**kwargs)
            except BaseException as exc:  # handed to the consumer below
                outcome["error"] = exc
                streamer.end()  # type: ignore[no-untyped-call]

        worker = threading.Thread(target=work, name="headline-bot-generate", daemon=True)
        handle = GenerationStream(iter(()), cancel)

        def pieces() -> Iterator[str]:
            written: list[str] = []
            try:
                worker.start()
                for piece in streamer:
                    if piece:
                        written.append(piece)
                        yield piece
                worker.join()
            finally:
                cancel.set()
                worker.join(timeout=30)
            if "error" in outcome:
                error = outcome["error"]
                raise ModelError(
                    render("model_generation_failed", name=repr(self.name), reason=_first_line(error))
                ) from error
            handle.result = self._result(
                outcome["sequences"][0], "".join(written), max_new_tokens, stop, started
            )

        handle._pieces = pieces()
        return handle


def _stop_criteria(time_limit_s: float | None, cancel: threading.Event) -> Any:
    """A ``StoppingCriteria`` that ends generation at a deadline or on request, remembering which."""
    import torch
    from transformers import StoppingCriteria

    class Deadline(StoppingCriteria):
        def __init__(self) -> None:
            self.deadline = None if time_limit_s is None else time.monotonic() + max(0.0, time_limit_s)
            self.timed_out = False
            self.cancelled = False

        def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
            if cancel.is_set():
                self.cancelled = True
            elif self.deadline is not None and time.monotonic() >= self.deadline:
                self.timed_out = True
            done = self.cancelled or self.timed_out
            return torch.full((input_ids.shape[0],), done, device=input_ids.device, dtype=torch.bool)

    return Deadline()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]


def load_notice(generator: Generator) -> str | None:
    """Load the model; None when it is ready, else the one line telling the person that the bot
    carries on without it (``prompts/generate_note_fallback.txt``)."""
    from bot.errors import ModelLoadError
    from bot.prompts import render

    try:
        generator.load()
    except ModelLoadError as exc:
        return render("generate_note_fallback", error=exc.message)
    return None
