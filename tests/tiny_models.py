"""Tiny seq2seq checkpoints built inside the tests: a T5 with a sentencepiece vocabulary and a BART
with a byte-level BPE vocabulary, both trained on a few KB of text written here, saved with
``save_pretrained`` and loaded back by the very code users run.

The weights are random (seeded), so the output is gibberish; what the tests check is the plumbing:
loading, prompting, streaming, chunking, length control, time limits and the fallback.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

# Our own news-like prose, enough for a few hundred sentencepiece pieces.
CORPUS = """\
The city council met on Monday evening to discuss the new bridge over the river.
Engineers said the old bridge was built in 1931 and can no longer carry heavy lorries.
The mayor told reporters that work would start in the spring and last about two years.
Residents asked whether the ferry would run again while the bridge is closed.
A spokesperson for the transport board said a temporary ferry service was being planned.
The cost of the project is estimated at 48 million pounds, most of it from the national government.
Shop owners on the quay worried that fewer visitors would come during the works.
The council promised a weekly market on the square to keep trade moving.
Scientists at the university have found a new species of beetle in the old forest.
The beetle is about two millimetres long and lives under the bark of fallen oak trees.
Researchers said the discovery shows how little is known about life in ancient woodland.
The forest has been protected since 1972, but parts of it were damaged by a storm last winter.
Volunteers will count insects in the forest every month for the next three years.
The national weather service warned of heavy rain across the north on Friday.
Rivers could rise quickly, and people living near the banks were told to prepare.
Trains between the two largest cities may be delayed because of flooding on the line.
Schools will stay open, but outdoor sports matches have been cancelled for the weekend.
The football club announced that its stadium will be rebuilt with seven thousand more seats.
Supporters welcomed the plan, although some neighbours fear more traffic on match days.
The club said it would pay for a new bus route and a larger car park.
A local bakery won a national prize for its rye bread, baked in a wood-fired oven.
The owner, who opened the shop twenty years ago, thanked her staff and her customers.
Prices at the bakery will not change, she said, because the prize is about quality, not profit.
The hospital opened a new children's ward after a fundraising campaign that lasted three years.
Doctors said the ward has twenty beds, a play room and a garden on the roof.
Parents raised more than two million pounds with concerts, runs and a charity auction.
The police asked drivers to slow down near schools after two accidents this month.
New speed cameras will be installed on the main road before the end of the year.
Officers will also visit schools to teach children how to cross the road safely.
The airport reported record numbers of passengers over the summer holidays.
Airlines added new routes to the south, and the terminal stayed open through the night.
Environmental groups said the growth in flights makes the region's climate targets harder to meet.
The museum will show a collection of maps that have never been seen in public.
Some of the maps are more than four hundred years old and were drawn by hand on animal skin.
Visitors can book tickets online, and entry will be free for children under twelve.
Farmers said the dry spring had cut the wheat harvest by nearly a third.
Prices for bread and flour could rise later in the year, according to the farmers' union.
The government said it would review support for farms hit by drought.
Who said what, when and where? Why did it happen, and how much did it cost?
Numbers: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 20, 100, 1931, 2024. Words: "quote", it's, don't.
"""


def _sentencepiece_vocab(text: str, vocab_size: int) -> list[tuple[str, float]]:
    """Train a unigram sentencepiece model in memory: pieces with their scores, T5's special ids."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(text.splitlines()),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        hard_vocab_limit=False,
        character_coverage=1.0,
        minloglevel=2,
    )
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())]


def build_tiny_t5(
    folder: Path, *, window: int = 256, seed: int = 0, d_model: int = 32, layers: int = 2, heads: int = 4
) -> Path:
    """A 2-layer T5 (instruction-style model type) with a sentencepiece vocabulary, saved in ``folder``.

    ``window`` becomes the tokenizer's ``model_max_length``: the input window the bot must respect.
    ``d_model``, ``layers`` and ``heads`` make bigger random models for benchmarks
    (``d_model=512, layers=6, heads=8`` has the shape of t5-small).
    """
    import torch
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    vocab = _sentencepiece_vocab(CORPUS, vocab_size=400)
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=0, model_max_length=window)
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=d_model,
        d_kv=d_model // heads,
        d_ff=2 * d_model if d_model <= 64 else 4 * d_model,
        num_layers=layers,
        num_decoder_layers=layers,
        num_heads=heads,
        relative_attention_num_buckets=8,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
        initializer_factor=5.0,
    )
    torch.manual_seed(seed)
    model = T5ForConditionalGeneration(config)
    _favour_full_stops(model, tokenizer.convert_tokens_to_ids("."), seed)
    _finish(model, tokenizer, folder)
    return folder


def build_tiny_bart(folder: Path, *, window: int = 256, seed: int = 0) -> Path:
    """A 2-layer BART (a plain news-summariser model type) with a byte-level BPE vocabulary."""
    import json

    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(CORPUS.splitlines(), vocab_size=500, min_frequency=2, special_tokens=specials)
    state = json.loads(bpe.to_str())["model"]
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in state["merges"]]
    tokenizer = BartTokenizer(vocab=state["vocab"], merges=merges, model_max_length=window)
    config = BartConfig(
        vocab_size=len(tokenizer),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=4,
        decoder_attention_heads=4,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=window,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        forced_bos_token_id=tokenizer.bos_token_id,
        init_std=0.5,
    )
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config)
    model.generation_config.forced_bos_token_id = tokenizer.bos_token_id
    _favour_full_stops(model, tokenizer.convert_tokens_to_ids("."), seed)
    _finish(model, tokenizer, folder)
    return folder


def _favour_full_stops(model, stop_id: int, seed: int) -> None:
    """Nudge the output row of "." so that the random model ends a "sentence" now and then."""
    import torch

    with torch.no_grad():
        weight = model.get_output_embeddings().weight
        noise = torch.randn(weight.shape[1], generator=torch.Generator().manual_seed(seed + 1))
        weight[stop_id] += 3.0 * weight.std() * noise


def _finish(model, tokenizer, folder: Path) -> None:
    """Keep a random model from emitting only padding or repeating itself, then save it with its tokenizer."""
    model.generation_config.suppress_tokens = [tokenizer.pad_token_id, tokenizer.unk_token_id]
    model.generation_config.no_repeat_ngram_size = 3
    model.generation_config.num_beams = 1
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)


# -- fixtures (import them into a test module to use them) --------------------------------------


@pytest.fixture(scope="session", name="tiny_t5")
def tiny_t5_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny T5 folder with a wide window: the test articles fit in one pass."""
    _one_thread()
    return build_tiny_t5(tmp_path_factory.mktemp("tiny-t5"), window=4096)


@pytest.fixture(scope="session", name="tiny_t5_narrow")
def tiny_t5_narrow_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same kind of T5 with a 192-token window, so that a long article must be chunked."""
    _one_thread()
    return build_tiny_t5(tmp_path_factory.mktemp("tiny-t5-narrow"), window=192)


@pytest.fixture(scope="session", name="tiny_bart")
def tiny_bart_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny BART folder (a plain summariser model type: no instruction prompts)."""
    _one_thread()
    return build_tiny_bart(tmp_path_factory.mktemp("tiny-bart"), window=2048)


def _one_thread() -> None:
    """One intra-op thread: on a busy 2-core machine OpenMP spin-waiting makes tiny models 10x slower."""
    import torch

    torch.set_num_threads(1)
