"""The packaged MiniLM: real weights, normalised vectors, and a refusal when the weights are altered."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from bot.errors import ModelIntegrityError, ModelLoadError
from bot.models.digest import sha256_file
from bot.models.embed import OFFICIAL_MINILM_SHA256, MiniLMEmbedder, packaged_minilm_path


def test_packaged_weights_are_the_official_ones():
    assert sha256_file(packaged_minilm_path() / "model.safetensors") == OFFICIAL_MINILM_SHA256


def test_vectors_are_normalised_and_meaningful(headline_bot):
    texts = [
        "The ferry was cancelled because of the storm.",
        "High winds stopped the boat crossing.",
        "The recipe needs two eggs and some flour.",
    ]
    vecs = headline_bot.embedder.encode(texts)
    assert vecs.shape == (3, 384) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2
    assert headline_bot.embedder.encode([]).shape == (0, 384)


def test_order_and_batching_barely_change_the_vectors(headline_bot):
    # Dynamic int8 quantisation scales activations per batch, so batch-mates move a vector slightly.
    texts = [f"Sentence number {i} is {'long ' * (i % 7)}here." for i in range(40)]
    together = headline_bot.embedder.encode(texts)
    alone = np.vstack([headline_bot.embedder.encode([t]) for t in texts[:5]])
    assert np.all(np.sum(together[:5] * alone, axis=1) > 0.9)
    exact = MiniLMEmbedder(quantize=False)
    np.testing.assert_allclose(exact.encode(texts)[:5], exact.encode(texts[:5]), atol=1e-4)


def test_int8_model_agrees_with_the_full_precision_one(headline_bot):
    texts = ["The council approved the new bridge.", "Shares fell after the profit warning."]
    exact = MiniLMEmbedder(quantize=False).encode(texts)
    fast = headline_bot.embedder.encode(texts)
    assert np.all(np.sum(exact * fast, axis=1) > 0.85)


@pytest.fixture()
def corrupted_copy(tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(packaged_minilm_path(), folder)
    weights = folder / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    return folder


def test_corrupted_packaged_weights_are_refused(corrupted_copy, monkeypatch):
    monkeypatch.setattr("bot.models.embed.packaged_minilm_path", lambda: corrupted_copy)
    with pytest.raises(ModelIntegrityError, match=r"SHA-256 does not match the official all-MiniLM-L6-v2"):
        MiniLMEmbedder().encode(["anything"])


def test_an_expected_checksum_is_enforced_for_a_custom_path(corrupted_copy):
    with pytest.raises(ModelIntegrityError, match=r"Refusing .*model\.safetensors"):
        MiniLMEmbedder(corrupted_copy, expected_sha256=OFFICIAL_MINILM_SHA256).encode(["x"])


def test_a_folder_without_weights_is_a_clear_error(tmp_path):
    with pytest.raises(ModelLoadError, match=r"No model\.safetensors in"):
        MiniLMEmbedder(tmp_path).encode(["x"])
