"""The trained sentence scorer: a small MLP over frozen MiniLM vectors and document context, in numpy.

Input per sentence (``model_inputs``): the sentence's MiniLM vector, the article's mean vector (the
document context), their element-wise product, and the standardised ``bot.summarize.scorer.FEATURES``
(position, length, shape, PacSum centrality, similarity to the centroid and to the lead) plus the
article's length. One hidden ReLU layer feeds two heads: ``summary`` (the sentence belongs in a
multi-sentence summary: trained on greedy ROUGE-F oracle labels) and ``one_line`` (the sentence is
the single best one: trained with a softmax over the article's sentences); the weights' metadata
says which head the ``one-line`` style uses (whichever scored better on the validation split). The
forward pass is plain numpy, so inference never imports torch.

Weights ship as ``bot/summarize/weights/summarizer.safetensors`` (trained by
``scripts/train_summarizer.py``) and are refused unless their SHA-256 is ``SUMMARIZER_SHA256``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.errors import ModelIntegrityError, ModelLoadError
from bot.summarize.scorer import FEATURES, sentence_features

MODEL_PATH = Path(__file__).parent / "weights" / "summarizer.safetensors"
"""The shipped weights of the default scorer."""

SUMMARIZER_SHA256 = "f59c9308759c3b6225be5be681e5b0dbc66f27f2b661c4c01b0d75bd74456fa6"
"""SHA-256 of the shipped ``summarizer.safetensors``; written by ``scripts/train_summarizer.py``."""

EXTRA_FEATURES: tuple[str, ...] = ("log_sentences",)
"""Article-level scalars appended to ``FEATURES``."""

HEADS: tuple[str, ...] = ("summary", "one_line")
"""The output columns of ``SentenceModel.score``."""


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


@dataclass(frozen=True)
class SentenceModel:
    """A one-hidden-layer MLP with two heads; ``mean``/``scale`` standardise the scalar features."""

    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    metadata: dict[str, str]
    one_line: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
    """A second snapshot ``(w1, b1, w2, b2)`` whose ``one_line`` head is used (its own best epoch)."""

    def score(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        """Logits, shape ``(len(texts), 2)``: column 0 the ``summary`` head, 1 the ``one_line`` head."""
        if not texts:
            return np.zeros((0, len(HEADS)))
        dense, scalars = model_inputs(texts, vectors)
        x = np.concatenate([dense, ((scalars - self.mean) / self.scale).astype(np.float32)], axis=1)
        hidden = np.maximum(x @ self.w1 + self.b1, 0.0)
        out = np.asarray(hidden @ self.w2 + self.b2, dtype=np.float64)
        if self.metadata.get("one_line_head") == "summary":
            out[:, 1] = out[:, 0]
        elif self.one_line is not None:
            w1, b1, w2, b2 = self.one_line
            out[:, 1] = (np.maximum(x @ w1 + b1, 0.0) @ w2 + b2)[:, 1]
        return out

    @classmethod
    def load(cls, path: Path = MODEL_PATH, expected_sha256: str | None = None) -> SentenceModel:
        """The shipped model, refused if its SHA-256 is not the expected one."""
        from safetensors import safe_open

        from bot.models.embed import sha256_file

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
        if features != FEATURES + EXTRA_FEATURES:
            raise ModelLoadError(f"{path} was trained for features {features}; retrain the summariser.")
        return cls(
            w1=tensors["w1"].astype(np.float32),
            b1=tensors["b1"].astype(np.float32),
            w2=tensors["w2"].astype(np.float32),
            b2=tensors["b2"].astype(np.float32),
            mean=tensors["mean"].astype(np.float64),
            scale=tensors["scale"].astype(np.float64),
            metadata=metadata,
            one_line=(
                tuple(tensors[f"{k}_one_line"].astype(np.float32) for k in ("w1", "b1", "w2", "b2"))
                if "w1_one_line" in tensors
                else None
            ),
        )

    def save(self, path: Path) -> None:
        """Write the weights (float16 matrices, to keep the package small) and the metadata."""
        from safetensors.numpy import save_file

        tensors: dict[str, np.ndarray] = {
            "w1": self.w1.astype(np.float16),
            "b1": self.b1.astype(np.float32),
            "w2": self.w2.astype(np.float32),
            "b2": self.b2.astype(np.float32),
            "mean": self.mean.astype(np.float64),
            "scale": self.scale.astype(np.float64),
        }
        if self.one_line is not None:
            w1, b1, w2, b2 = self.one_line
            tensors |= {
                "w1_one_line": w1.astype(np.float16),
                "b1_one_line": b1.astype(np.float32),
                "w2_one_line": w2.astype(np.float32),
                "b2_one_line": b2.astype(np.float32),
            }
        meta = {"features": json.dumps(list(FEATURES + EXTRA_FEATURES))} | self.metadata
        save_file(tensors, str(path), metadata=meta)
