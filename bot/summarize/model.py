"""The trained sentence scorer: frozen MiniLM vectors and document context, scored in numpy.

Input per sentence (``model_inputs``): the sentence's MiniLM vector, the article's mean vector, their
element-wise product, and the standardised ``bot.summarize.scorer.FEATURES`` (position, length,
shape, PacSum centrality, similarity to the centroid and to the lead) plus the article's length.
Two architectures share that input (the weights' ``arch`` metadata says which one was trained):

* ``mlp``: one hidden ReLU layer per sentence (document context only through the mean vector and
  the scalar features);
* ``transformer``: a linear projection plus a learned position embedding, then pre-norm
  transformer encoder layers over the article's sentence sequence (each sentence attends to the
  others, as BertSumExt's inter-sentence encoder does over BERT vectors), then a final layer norm.

Both end in two heads: ``summary`` (the sentence belongs in a multi-sentence summary: trained on
greedy ROUGE-F oracle labels) and ``one_line`` (the single best sentence: a softmax over the
article's sentences). The weights' metadata says which head the ``one-line`` style uses (whichever
scored better on the validation split). Only the first ``max_sentences`` sentences (as in
training) are scored by the network; later ones rank below all of them, in article order. The
forward pass is plain numpy, so inference never imports torch.

Weights ship as ``bot/summarize/weights/summarizer.safetensors`` (trained by
``scripts/train_summarizer.py``) and are refused unless their SHA-256 is ``SUMMARIZER_SHA256``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.errors import ModelIntegrityError, ModelLoadError
from bot.summarize.scorer import FEATURES, sentence_features

MODEL_PATH = Path(__file__).parent / "weights" / "summarizer.safetensors"
"""The shipped weights of the default scorer."""

SUMMARIZER_SHA256 = "1b9421a0c1cf203a9de51ac0a5626e3d221c79bde749ac72e12d619bf8fd65cf"
"""SHA-256 of the shipped ``summarizer.safetensors``; written by ``scripts/train_summarizer.py``."""

EXTRA_FEATURES: tuple[str, ...] = ("log_sentences",)
"""Article-level scalars appended to ``FEATURES``."""

HEADS: tuple[str, ...] = ("summary", "one_line")
"""The output columns of ``SentenceModel.score``."""

ARCHITECTURES: tuple[str, ...] = ("mlp", "transformer")
"""The networks ``SentenceModel`` can run."""

MAX_SENTENCES = 40
"""Sentences of an article the network sees (training used the same first 40)."""


def model_inputs(texts: list[str], vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(dense, scalars)``: ``[vector, centroid, vector * centroid]`` rows and the raw scalar features.

    >>> dense, scalars = model_inputs(["One two.", "Three four five."], np.eye(2, dtype=np.float32))
    >>> dense.shape, scalars.shape
    ((2, 6), (2, 16))
    """
    vecs = np.asarray(vectors, dtype=np.float32)
    n = len(texts)
    centroid = vecs.mean(0, keepdims=True) if n else np.zeros((1, vecs.shape[1]), np.float32)
    dense = np.concatenate([vecs, np.repeat(centroid, n, 0), vecs * centroid], axis=1)
    extra = np.full((n, 1), np.log1p(n), dtype=np.float64)
    scalars = np.concatenate([sentence_features(texts, vecs), extra], axis=1)
    return dense, scalars


def layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """Layer normalisation over the last axis (as ``torch.nn.LayerNorm``).

    >>> layer_norm(np.array([[1.0, 3.0]]), np.ones(2), np.zeros(2)).round(3).tolist()
    [[-1.0, 1.0]]
    """
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return np.asarray((x - mean) / np.sqrt(var + eps) * gain + bias)


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Numerically stable softmax.

    >>> softmax(np.array([0.0, np.log(3.0)])).round(2).tolist()
    [0.25, 0.75]
    """
    e = np.exp(x - x.max(axis, keepdims=True))
    return np.asarray(e / e.sum(axis, keepdims=True))


def mlp_forward(p: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """``(n, 2)`` logits of the one-hidden-layer MLP.

    >>> p = {"w1": np.eye(2), "b1": np.zeros(2), "w2": np.eye(2), "b2": np.zeros(2)}
    >>> mlp_forward(p, np.array([[1.0, -1.0]])).tolist()
    [[1.0, 0.0]]
    """
    hidden = np.maximum(x @ p["w1"] + p["b1"], 0.0)
    return np.asarray(hidden @ p["w2"] + p["b2"], dtype=np.float64)


def transformer_forward(p: dict[str, np.ndarray], x: np.ndarray, layers: int, heads: int) -> np.ndarray:
    """``(n, 2)`` logits of the sentence-sequence encoder (pre-norm layers, ReLU feed-forward).

    >>> rng = np.random.default_rng(0)
    >>> d, f = 4, 3
    >>> p = {"proj_w": rng.normal(size=(f, d)), "proj_b": np.zeros(d), "pos": np.zeros((5, d)),
    ...      "norm_g": np.ones(d), "norm_b": np.zeros(d), "head_w": np.ones((d, 2)), "head_b": np.zeros(2)}
    >>> for k, shape in (("ln1_g", d), ("ln2_g", d)):
    ...     p["l0." + k] = np.ones(shape)
    >>> for k, shape in (("ln1_b", (d,)), ("ln2_b", (d,)), ("qkv_w", (d, 3 * d)), ("qkv_b", (3 * d,)),
    ...                  ("out_w", (d, d)), ("out_b", (d,)), ("ff1_w", (d, 8)), ("ff1_b", (8,)),
    ...                  ("ff2_w", (8, d)), ("ff2_b", (d,))):
    ...     p["l0." + k] = np.zeros(shape)
    >>> transformer_forward(p, rng.normal(size=(3, f)), layers=1, heads=2).shape
    (3, 2)
    """
    n = len(x)
    h = x @ p["proj_w"] + p["proj_b"] + p["pos"][np.minimum(np.arange(n), len(p["pos"]) - 1)]
    d = h.shape[1]
    size = d // heads
    for layer in range(layers):
        q = f"l{layer}."
        y = layer_norm(h, p[q + "ln1_g"], p[q + "ln1_b"])
        qkv = (y @ p[q + "qkv_w"] + p[q + "qkv_b"]).reshape(n, 3, heads, size).transpose(1, 2, 0, 3)
        attn = softmax(qkv[0] @ qkv[1].transpose(0, 2, 1) / np.sqrt(size))
        mixed = (attn @ qkv[2]).transpose(1, 0, 2).reshape(n, d)
        h = h + mixed @ p[q + "out_w"] + p[q + "out_b"]
        y = layer_norm(h, p[q + "ln2_g"], p[q + "ln2_b"])
        h = h + np.maximum(y @ p[q + "ff1_w"] + p[q + "ff1_b"], 0.0) @ p[q + "ff2_w"] + p[q + "ff2_b"]
    h = layer_norm(h, p["norm_g"], p["norm_b"])
    return np.asarray(h @ p["head_w"] + p["head_b"], dtype=np.float64)


@dataclass(frozen=True)
class SentenceModel:
    """A trained two-head scorer: ``arch`` names the network, ``params`` its weights (numpy)."""

    arch: str
    params: dict[str, np.ndarray]
    mean: np.ndarray
    scale: np.ndarray
    metadata: dict[str, str] = field(default_factory=dict)
    one_line: dict[str, np.ndarray] | None = None
    """A second snapshot of ``params`` whose ``one_line`` head is used (its own best epoch)."""

    def _forward(self, params: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
        if self.arch == "mlp":
            return mlp_forward(params, x)
        layers, heads = int(self.metadata["layers"]), int(self.metadata["heads"])
        return transformer_forward(params, x, layers, heads)

    def score(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        """Logits, shape ``(len(texts), 2)``: column 0 the ``summary`` head, 1 the ``one_line`` head.

        Sentences after the first ``MAX_SENTENCES`` rank below every earlier one, in article order.
        """
        n = len(texts)
        if not n:
            return np.zeros((0, len(HEADS)))
        k = min(n, int(self.metadata.get("max_sentences", MAX_SENTENCES)))
        dense, scalars = model_inputs(list(texts[:k]), np.asarray(vectors)[:k])
        x = np.concatenate([dense, ((scalars - self.mean) / self.scale).astype(np.float32)], axis=1)
        out = self._forward(self.params, x)
        if self.metadata.get("one_line_head") == "summary":
            out[:, 1] = out[:, 0]
        elif self.one_line is not None:
            out[:, 1] = self._forward(self.one_line, x)[:, 1]
        if n > k:
            tail = out.min(0, keepdims=True) - 1.0 - np.arange(1, n - k + 1)[:, None] * 1e-3
            out = np.concatenate([out, tail], axis=0)
        return out

    @classmethod
    def load(cls, path: Path = MODEL_PATH, expected_sha256: str | None = None) -> SentenceModel:
        """The shipped model, refused if its SHA-256 is not the expected one."""
        from safetensors import safe_open

        from bot.models.digest import sha256_file

        if not path.is_file():
            raise ModelLoadError(f"No summariser weights at {path}; reinstall headline-bot.")
        expected = SUMMARIZER_SHA256 if expected_sha256 is None else expected_sha256
        if expected and sha256_file(path) != expected:
            raise ModelIntegrityError(
                f"Refusing {path}: its SHA-256 does not match the trained summariser; reinstall headline-bot."
            )
        with safe_open(str(path), framework="numpy") as fh:
            tensors = {name: fh.get_tensor(name) for name in fh.keys()}  # noqa: SIM118
            metadata = dict(fh.metadata() or {})
        features = tuple(json.loads(metadata.get("features", "[]")))
        arch = metadata.get("arch", "mlp")
        if features != FEATURES + EXTRA_FEATURES or arch not in ARCHITECTURES:
            raise ModelLoadError(f"{path} was trained for another scorer ({arch}, {features}); retrain it.")
        params = {k: v.astype(np.float32) for k, v in tensors.items() if "/" not in k}
        second = {
            k.split("/", 1)[1]: v.astype(np.float32) for k, v in tensors.items() if k.startswith("one_line/")
        }
        return cls(
            arch=arch,
            params={k: v for k, v in params.items() if k not in ("mean", "scale")},
            mean=tensors["mean"].astype(np.float64),
            scale=tensors["scale"].astype(np.float64),
            metadata=metadata,
            one_line=second or None,
        )

    def save(self, path: Path) -> None:
        """Write the weights (float16 matrices, to keep the package small) and the metadata."""
        from safetensors.numpy import save_file

        def stored(value: np.ndarray) -> np.ndarray:
            # C order: safetensors writes the raw buffer, so a transposed view would be scrambled.
            kind = np.float16 if value.ndim == 2 and value.size > 4096 else np.float32
            return np.ascontiguousarray(value, dtype=kind)

        tensors = {k: stored(v) for k, v in self.params.items()}
        tensors |= {"mean": self.mean.astype(np.float64), "scale": self.scale.astype(np.float64)}
        if self.one_line is not None:
            tensors |= {f"one_line/{k}": stored(v) for k, v in self.one_line.items()}
        meta = {"features": json.dumps(list(FEATURES + EXTRA_FEATURES)), "arch": self.arch}
        save_file(tensors, str(path), metadata=meta | self.metadata)
