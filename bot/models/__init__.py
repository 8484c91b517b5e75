"""Models: the neural networks behind small interfaces.

``Embedder`` (sentence vectors; the packaged all-MiniLM-L6-v2 by default, ``embed``, run by ONNX
Runtime, ``onnx_embed``, from a graph cached in ``cache``) and
``Generator`` (an opt-in seq2seq checkpoint, ``seq2seq``), with int8 quantisation and the chunking
of long inputs to fit a model (``chunking``). torch and transformers are imported only when a model
is loaded.
"""

from bot.models.embed import Embedder, MiniLMEmbedder
from bot.models.onnx_embed import OnnxEmbedder
from bot.models.seq2seq import Generator, Seq2SeqGenerator

__all__ = ["Embedder", "Generator", "MiniLMEmbedder", "OnnxEmbedder", "Seq2SeqGenerator"]
