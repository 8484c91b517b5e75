"""The seq2seq ``Generator`` on tiny T5 and BART checkpoints built by the tests, loaded from disk
exactly as users load theirs: prompt style, window, generation, streaming, time limit, failures."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from tiny_models import tiny_bart_fixture, tiny_t5_fixture, tiny_t5_narrow_fixture  # noqa: F401  (fixtures)

from bot.config import Settings
from bot.errors import ModelError, ModelLoadError
from bot.models.seq2seq import Seq2SeqGenerator, is_local_reference, load_failure_reason, resolve_dtype_name

PROMPT = "The city council met on Monday to discuss the new bridge over the river."


@pytest.fixture(scope="module")
def t5(tiny_t5: Path) -> Seq2SeqGenerator:
    generator = Seq2SeqGenerator.from_settings(Settings(model=str(tiny_t5)))
    generator.load()
    return generator


def test_t5_takes_instructions_and_reports_its_window(t5: Seq2SeqGenerator):
    assert t5.model_type == "t5"
    assert t5.instructed is True
    assert t5.window == 4096  # the tokenizer's model_max_length
    assert (t5.device, t5.dtype) == ("cpu", "float32")
    assert t5.count_tokens("The bridge") < t5.count_tokens("The bridge over the river")


def test_bart_gets_the_plain_article_unless_overridden(tiny_bart: Path):
    plain = Seq2SeqGenerator.from_settings(Settings(model=str(tiny_bart)))
    assert (plain.model_type, plain.instructed, plain.window) == ("bart", False, 2048)
    forced = Seq2SeqGenerator.from_settings(Settings(model=str(tiny_bart), model_input="instruction"))
    assert forced.instructed is True
    result = plain.generate(PROMPT, max_new_tokens=12, min_new_tokens=12)
    assert result.tokens >= 12 and result.text


def test_generate_respects_the_token_budget(t5: Seq2SeqGenerator):
    result = t5.generate(PROMPT, max_new_tokens=15, min_new_tokens=15)
    assert result.stop == "length"
    assert result.tokens == 15
    assert result.text.strip()


def test_stream_yields_pieces_that_add_up_to_the_generation(t5: Seq2SeqGenerator):
    whole = t5.generate(PROMPT, max_new_tokens=25, min_new_tokens=25)
    stream = t5.stream(PROMPT, max_new_tokens=25, min_new_tokens=25)
    pieces = list(stream)
    assert len(pieces) > 3
    assert "".join(pieces).strip() == whole.text
    assert stream.result is not None and stream.result.tokens == 25


def test_closing_a_stream_early_stops_the_model(t5: Seq2SeqGenerator):
    stream = t5.stream(PROMPT, max_new_tokens=5000, min_new_tokens=5000)
    first = next(stream)
    started = time.monotonic()
    stream.close()
    assert first
    assert time.monotonic() - started < 5
    assert not [t for t in threading.enumerate() if t.name == "headline-bot-generate"]


@pytest.mark.parametrize("streamed", [False, True])
def test_a_generation_past_its_time_limit_is_stopped_with_what_it_wrote(t5: Seq2SeqGenerator, streamed: bool):
    started = time.monotonic()
    if streamed:
        stream = t5.stream(PROMPT, max_new_tokens=100_000, min_new_tokens=100_000, time_limit_s=0.3)
        text = "".join(stream)
        result = stream.result
        assert result is not None and text.strip() == result.text
    else:
        result = t5.generate(PROMPT, max_new_tokens=100_000, min_new_tokens=100_000, time_limit_s=0.3)
    assert result.stop == "time"
    assert result.tokens > 0
    assert time.monotonic() - started < 10


def test_input_longer_than_the_window_is_refused_not_truncated(tiny_t5_narrow: Path):
    narrow = Seq2SeqGenerator(str(tiny_t5_narrow))
    long_text = " ".join([PROMPT] * 40)
    assert narrow.count_tokens(long_text) > narrow.window == 192
    with pytest.raises(ModelError, match="takes at most 192"):
        narrow.generate(long_text, max_new_tokens=5)


def test_quantised_model_runs_on_cpu(tiny_t5: Path):
    quantised = Seq2SeqGenerator.from_settings(Settings(model=str(tiny_t5), quantize=True))
    result = quantised.generate(PROMPT, max_new_tokens=10, min_new_tokens=10)
    assert result.tokens == 10
    assert "DynamicQuantizedLinear" in repr(quantised._model)


def test_concurrent_first_use_loads_once(tiny_t5: Path, monkeypatch: pytest.MonkeyPatch):
    generator = Seq2SeqGenerator(str(tiny_t5))
    loads = []
    real = generator._load

    def counting() -> None:
        loads.append(1)
        real()

    monkeypatch.setattr(generator, "_load", counting)
    threads = [threading.Thread(target=generator.load) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert loads == [1] and generator.loaded


@pytest.fixture(scope="module")
def decoder_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from transformers import GPT2Config

    folder = tmp_path_factory.mktemp("gpt2")
    GPT2Config(n_layer=1, n_embd=8, n_head=2, vocab_size=50).save_pretrained(folder)
    return folder


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("/no/such/model/folder", "there is no such folder"),
        ("./missing-model", "there is no such folder"),
        ("EMPTY", "the folder has no config.json"),
        ("facebook/bart-large-cnn", "not in the local Hugging Face cache and the Hub cannot be reached"),
        ("no-such-org/no-such-model", "not in the local Hugging Face cache and the Hub cannot be reached"),
        ("GPT2", "not an encoder-decoder (seq2seq) model"),
    ],
)
def test_a_model_that_cannot_be_loaded_gives_one_clear_line(name, expected, tmp_path, decoder_only):
    name = {"EMPTY": str(tmp_path), "GPT2": str(decoder_only)}.get(name, name)
    generator = Seq2SeqGenerator(name)
    started = time.monotonic()
    with pytest.raises(ModelLoadError) as caught:
        generator.load()
    message = caught.value.message
    assert expected in message and "\n" not in message
    assert message.startswith(f"Cannot load the model {name!r}")
    assert time.monotonic() - started < 30  # offline: fails fast, no download attempt
    with pytest.raises(ModelLoadError):  # remembered, not retried
        generator.load()


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (Settings(model="x", model_input="sometimes"), "use auto, instruction or plain"),
        (Settings(model=None), "No model configured"),
    ],
)
def test_bad_generator_settings(settings, expected):
    with pytest.raises(ModelLoadError, match=expected):
        Seq2SeqGenerator.from_settings(settings)


def test_an_unknown_dtype_is_a_load_error(tiny_t5: Path):
    with pytest.raises(ModelLoadError, match="Unknown dtype 'int3'"):
        Seq2SeqGenerator(str(tiny_t5), dtype="int3").load()


def test_asking_for_cuda_without_a_gpu_is_a_load_error(tiny_t5: Path):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    with pytest.raises(ModelLoadError, match="no CUDA GPU is available"):
        Seq2SeqGenerator(str(tiny_t5), device="cuda").load()


@pytest.mark.parametrize(
    ("name", "local"),
    [
        ("facebook/bart-large-cnn", False),
        ("google/flan-t5-base", False),
        ("t5-small", False),
        ("/srv/models/bart", True),
        ("./bart", True),
        ("~/models/bart", True),
        ("models/cnn/bart", True),
    ],
)
def test_local_folder_or_hub_id(name, local):
    assert is_local_reference(name) is local


@pytest.mark.parametrize(
    ("requested", "device", "bf16", "expected"),
    [
        (None, "cpu", False, "float32"),
        (None, "cuda", True, "bfloat16"),
        (None, "cuda", False, "float32"),
        ("bf16", "cpu", False, "bfloat16"),
        ("FP16", "cuda", True, "float16"),
    ],
)
def test_dtype_choice(requested, device, bf16, expected):
    assert resolve_dtype_name(requested, device, bf16) == expected


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OSError("We couldn't connect to 'https://huggingface.co' to load the files"), "cannot be reached"),
        (OSError("x is not a local folder and is not a valid model identifier listed on"), "no such model"),
        (
            ValueError("Unrecognized configuration class GPT2Config for AutoModelForSeq2SeqLM"),
            "not an encoder",
        ),
        (RuntimeError("Error(s) in loading state_dict\nsize mismatch"), "Error(s) in loading state_dict"),
    ],
)
def test_load_failure_reasons(error, expected):
    reason = load_failure_reason("m", error)
    assert expected in reason and "\n" not in reason
