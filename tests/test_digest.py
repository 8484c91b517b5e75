"""Remembered weight digests: used while the file is unchanged, never after any change to it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil

import pytest

from bot.errors import ModelIntegrityError
from bot.models.digest import file_sha256, record_path
from bot.models.embed import OFFICIAL_MINILM_SHA256, MiniLMEmbedder, packaged_minilm_path
from bot.models.onnx_embed import checked_weights


def _write(path, data: bytes) -> str:
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def test_the_digest_is_remembered_and_the_record_is_what_answers(tmp_path):
    weights, cache = tmp_path / "w.bin", tmp_path / "cache"
    real = _write(weights, b"weights" * 1000)
    assert file_sha256(weights, cache) == real
    record = record_path(weights, cache)
    kept = json.loads(record.read_text())
    assert kept["sha256"] == real
    kept["sha256"] = "f" * 64  # the record, not the file, answers while the file is unchanged
    record.write_text(json.dumps(kept))
    assert file_sha256(weights, cache) == "f" * 64


def _same_size_same_mtime(path) -> None:
    st = os.stat(path)
    data = bytearray(path.read_bytes())
    data[0] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # size and mtime as before


def _replaced_by_a_copy(path) -> None:
    st = os.stat(path)
    other = path.with_suffix(".new")
    other.write_bytes(b"X" + path.read_bytes()[1:])
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(other, path)


@pytest.mark.parametrize("change", [_same_size_same_mtime, _replaced_by_a_copy])
def test_any_change_to_the_file_is_hashed_again(tmp_path, change):
    weights, cache = tmp_path / "w.bin", tmp_path / "cache"
    _write(weights, b"weights" * 1000)
    first = file_sha256(weights, cache)
    change(weights)
    now = hashlib.sha256(weights.read_bytes()).hexdigest()
    assert now != first
    assert file_sha256(weights, cache) == now


def test_a_cache_folder_that_cannot_be_written_still_gives_the_digest(tmp_path):
    weights, cache = tmp_path / "w.bin", tmp_path / "cache"
    real = _write(weights, b"abc" * 100)
    cache.write_text("a file where the folder should be")  # unwritable even for root
    assert file_sha256(weights, cache) == real
    assert not record_path(weights, cache).exists()


def test_weights_altered_after_a_good_check_are_still_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "model"
    shutil.copytree(packaged_minilm_path(), folder)
    assert checked_weights(folder, OFFICIAL_MINILM_SHA256)[1] == OFFICIAL_MINILM_SHA256
    _same_size_same_mtime(folder / "model.safetensors")
    with pytest.raises(ModelIntegrityError):
        checked_weights(folder, OFFICIAL_MINILM_SHA256)
    with pytest.raises(ModelIntegrityError):
        MiniLMEmbedder(folder, expected_sha256=OFFICIAL_MINILM_SHA256).encode(["a sentence"])
