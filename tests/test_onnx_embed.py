"""The ONNX Runtime encoder: parity with transformers, the graph cache, the torch fallback, ``prepare``.

One module-scoped ``prepare`` (the real export, optimisation and quantisation into a temporary
cache) serves the tests; the corrupt-cache test rebuilds on a copy.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import sys

import numpy as np
import onnx
import pytest

from bot.config import Settings
from bot.errors import HeadlineBotError, ModelIntegrityError, ModelLoadError
from bot.ingest.segment import split_sentences
from bot.models.cache import atomic_path
from bot.models.embed import OFFICIAL_MINILM_SHA256, MiniLMEmbedder, packaged_minilm_path
from bot.models.onnx_embed import OnnxEmbedder, _root_logging_kept, default_embedder, graph_path
from bot.retrieval.index import BM25

# The real export and BERT optimiser take ~30 s on a quiet 2-core machine, over 10 min on a busy one.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A cache folder filled by the real ``headline-bot prepare`` (XDG_CACHE_HOME pointed at it)."""
    from bot.cli import main

    home = tmp_path_factory.mktemp("xdg")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(home)
    out = io.StringIO()
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    try:
        with contextlib.redirect_stdout(out):
            assert main(["prepare"]) == 0
        after = (list(root.handlers), root.level)
    finally:
        if old is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = old
    folder = home / "headline-bot"
    return folder, out.getvalue(), before, after


@pytest.fixture(scope="module")
def sentences(data_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted(data_dir.iterdir()) if p.suffix == ".txt"]
    found = [s for t in texts if not t.lstrip().startswith("<") for s in split_sentences(t)]
    return [s for s in found if s.strip()][:120]


@pytest.fixture(scope="module")
def reference(sentences):
    return MiniLMEmbedder(quantize=False).encode(sentences)


def test_prepare_writes_both_graphs_keyed_by_the_weights_hash(cache):
    folder, printed, _, _ = cache
    for precision in ("float32", "int8"):
        path = graph_path(OFFICIAL_MINILM_SHA256, precision, folder)
        assert path.is_file() and f"{precision}: {path}" in printed
        onnx.checker.check_model(str(path))
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_building_the_graphs_leaves_the_root_logger_as_it_was(cache):
    """ONNX Runtime's tools call logging.basicConfig; left behind, a server would print every
    library's debug records (bm25s's among them) for the rest of its life."""
    _, _, before, after = cache
    assert after == before
    root = logging.getLogger()
    with _root_logging_kept():
        root.addHandler(logging.StreamHandler())  # what logging.basicConfig(level=DEBUG) does
        root.setLevel(logging.DEBUG)
    assert (list(root.handlers), root.level) == before


def test_indexing_never_prints_debug_records():
    """bm25s sets its logger to DEBUG; under a user's handler it must not print its records."""
    seen = io.StringIO()
    handler = logging.StreamHandler(seen)
    handler.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        BM25(["a first text about rates", "a second about a volcano"])
    finally:
        root.removeHandler(handler)
    assert "DEBUG" not in seen.getvalue()


def test_float32_matches_transformers(cache, sentences, reference):
    fast = OnnxEmbedder(quantize=False, cache=cache[0])
    vectors = fast.encode(sentences)
    assert vectors.shape == reference.shape and vectors.dtype == np.float32
    assert len(sentences) > 60
    assert np.min(np.sum(vectors * reference, axis=1)) >= 0.999
    assert fast.graph == graph_path(OFFICIAL_MINILM_SHA256, "float32", cache[0])


def test_int8_stays_close_and_normalised(cache, sentences, reference):
    vectors = OnnxEmbedder(cache=cache[0]).encode(sentences)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert np.mean(np.sum(vectors * reference, axis=1)) > 0.93
    assert OnnxEmbedder(cache=cache[0]).encode([]).shape == (0, 384)


def test_order_and_batch_size_do_not_change_float32_vectors(cache, sentences):
    small = OnnxEmbedder(quantize=False, cache=cache[0], batch_size=3).encode(sentences[::-1])[::-1]
    large = OnnxEmbedder(quantize=False, cache=cache[0], batch_size=64).encode(sentences)
    np.testing.assert_allclose(small, large, atol=1e-4)


def test_a_corrupt_graph_is_rebuilt(cache, tmp_path, sentences):
    folder = tmp_path / "cache"
    shutil.copytree(cache[0], folder)
    graph = graph_path(OFFICIAL_MINILM_SHA256, "float32", folder)
    graph.write_bytes(graph.read_bytes()[:4096])  # a truncated file
    vectors = OnnxEmbedder(quantize=False, cache=folder).encode(sentences[:5])
    onnx.checker.check_model(str(graph))
    expected = OnnxEmbedder(quantize=False, cache=cache[0]).encode(sentences[:5])
    np.testing.assert_allclose(vectors, expected, atol=1e-5)


def test_an_unwritable_cache_is_a_clear_error_without_fallback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ModelLoadError, match=r"Cannot build the ONNX encoder in .*a-file"):
        OnnxEmbedder(cache=blocker / "cache").encode(["x"])


def test_an_unwritable_cache_falls_back_to_torch(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    embedder = OnnxEmbedder(cache=blocker / "cache", fallback=lambda: MiniLMEmbedder(quantize=False))
    vectors = embedder.encode(["The ferry was cancelled.", "High winds stopped the boat."])
    assert isinstance(embedder.fallback, MiniLMEmbedder)
    assert embedder.notice and "using torch instead" in embedder.notice
    np.testing.assert_allclose(
        vectors,
        MiniLMEmbedder(quantize=False).encode(["The ferry was cancelled.", "High winds stopped the boat."]),
        atol=1e-5,
    )


def test_a_missing_onnxruntime_falls_back_to_torch(cache, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # what `import onnxruntime` sees when absent
    embedder = OnnxEmbedder(cache=cache[0], fallback=lambda: MiniLMEmbedder(quantize=False))
    assert embedder.encode(["One sentence."]).shape == (1, 384)
    assert embedder.fallback is not None and "onnxruntime" in (embedder.notice or "")


def test_altered_weights_are_refused_not_worked_around(tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(packaged_minilm_path(), folder)
    weights = folder / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    embedder = OnnxEmbedder(
        folder, expected_sha256=OFFICIAL_MINILM_SHA256, cache=tmp_path / "c", fallback=MiniLMEmbedder
    )
    with pytest.raises(ModelIntegrityError):
        embedder.encode(["x"])
    assert embedder.fallback is None


@pytest.mark.parametrize(
    ("backend", "kind"), [("onnx", OnnxEmbedder), ("ONNX", OnnxEmbedder), ("torch", MiniLMEmbedder)]
)
def test_the_backend_setting_picks_the_encoder(backend, kind):
    settings = Settings.from_env({"HEADLINE_BOT_EMBEDDER_BACKEND": backend})
    assert isinstance(default_embedder(settings), kind)


def test_an_unknown_backend_is_a_clear_error():
    with pytest.raises(
        HeadlineBotError, match="EMBEDDER_BACKEND='tensorflow' is not valid; use onnx or torch"
    ):
        default_embedder(Settings(embedder_backend="tensorflow"))


def test_atomic_path_leaves_the_old_file_on_failure(tmp_path):
    final = tmp_path / "graph.onnx"
    final.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(final) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("export failed")
    assert final.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["graph.onnx"]
    with atomic_path(final) as tmp:
        tmp.write_bytes(b"new")
    assert final.read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == ["graph.onnx"]


@pytest.mark.parametrize(("command", "extra"), [("summarize", []), ("ask", ["Who voted?"])])
def test_summarize_and_ask_with_a_built_cache_never_import_torch(cache, data_dir, command, extra):
    import json
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    source = str(data_dir / "harbour-article.txt")
    argv = [command, source, *extra]
    probe = (
        "import json, sys; from bot.cli import main; code = main(json.loads(sys.argv[1])); "
        "print(json.dumps([code, [m for m in ('torch', 'transformers', 'gradio') if m in sys.modules]]))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache[0].parent), "PYTHONPATH": str(root)}
    env.pop("HEADLINE_BOT_EMBEDDER_BACKEND", None)
    result = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(argv)], capture_output=True, text=True, timeout=300, env=env
    )
    assert result.returncode == 0, result.stderr
    code, heavy = json.loads(result.stdout.strip().splitlines()[-1])
    assert code == 0 and heavy == []


def test_prepare_again_keeps_a_good_cache(cache, monkeypatch, capsys):
    from bot.cli import main

    folder = cache[0]
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder.parent))
    assert main(["prepare"]) == 0
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before
    assert capsys.readouterr().out == cache[1]


@pytest.mark.parametrize("max_size", [1, 4, 32])
@pytest.mark.parametrize("slack", [0.0, 0.1, 1.0])
def test_length_batches_cover_every_text_once_within_size_and_padding(max_size, slack):
    import random

    from bot.models.onnx_embed import length_batches

    rng = random.Random(max_size * 100 + int(slack * 10))
    for _ in range(50):
        lengths = [rng.randint(3, 120) for _ in range(rng.randint(0, 80))]
        batches = length_batches(lengths, max_size, slack)
        assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
        for batch in batches:
            assert 1 <= len(batch) <= max_size
            padded = max(lengths[i] for i in batch) * len(batch)
            assert len(batch) == 1 or padded <= (1 + slack) * sum(lengths[i] for i in batch) + 1e-9


def test_padding_slack_does_not_change_float32_vectors(cache, sentences):
    tight = OnnxEmbedder(quantize=False, cache=cache[0], padding_slack=0.0).encode(sentences)
    loose = OnnxEmbedder(quantize=False, cache=cache[0], padding_slack=10.0).encode(sentences)
    np.testing.assert_allclose(tight, loose, atol=1e-4)
