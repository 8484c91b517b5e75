"""Models: the neural networks behind small interfaces.

``Embedder`` (sentence vectors; the packaged all-MiniLM-L6-v2 by default, ``embed``, run by ONNX
Runtime, ``onnx_embed``, from a graph cached in ``cache``) and
``Generator`` (an opt-in seq2seq checkpoint, ``seq2seq``), with int8 quantisation and the chunking
of long inputs to fit a model (``chunking``). torch and transformers are imported only when a model
is loaded.
The modules themselves are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.lazy import lazy_exports

if TYPE_CHECKING:
    from bot.models.embed import Embedder, MiniLMEmbedder
    from bot.models.onnx_embed import OnnxEmbedder
    from bot.models.seq2seq import Generator, Seq2SeqGenerator

_LAZY = {
    "Embedder": "bot.models.embed",
    "Generator": "bot.models.seq2seq",
    "MiniLMEmbedder": "bot.models.embed",
    "OnnxEmbedder": "bot.models.onnx_embed",
    "Seq2SeqGenerator": "bot.models.seq2seq",
}

__all__ = ["Embedder", "Generator", "MiniLMEmbedder", "OnnxEmbedder", "Seq2SeqGenerator"]


__getattr__ = lazy_exports(__name__, _LAZY)
