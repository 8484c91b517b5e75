"""The trained summariser: shipped weights and their checksum, no torch at inference, selection
rules (trigram blocking, the one-line head, boilerplate), and summaries of articles we wrote."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.errors import ModelIntegrityError
from bot.ingest.segment import build_article
from bot.retrieval.index import ArticleIndex
from bot.summarize.base import Length
from bot.summarize.boilerplate import is_boilerplate
from bot.summarize.extractive import NewsSummarizer, choose_indices, select_sentences
from bot.summarize.model import MODEL_PATH, SUMMARIZER_SHA256, SentenceModel
from bot.summarize.scorer import hand_set_prior

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ["ferry-article.txt", "harbour-article.txt", "bridge-article.txt", "orchard-article.txt"]


@pytest.fixture(scope="module")
def model() -> SentenceModel:
    return SentenceModel.load()


def test_shipped_weights_are_small_and_checked(model, tmp_path):
    assert SUMMARIZER_SHA256 and MODEL_PATH.stat().st_size < 5_000_000
    assert int(model.metadata["train_articles"]) > 0
    tampered = tmp_path / "summarizer.safetensors"
    data = bytearray(MODEL_PATH.read_bytes())
    data[-1] ^= 0xFF
    tampered.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError):
        SentenceModel.load(tampered)


def test_inference_does_not_import_torch():
    code = (
        "import sys, numpy as np\n"
        "from bot.summarize.model import SentenceModel\n"
        "v = np.eye(3, 384, dtype=np.float32)\n"
        "s = SentenceModel.load().score(['One two three.', 'Four five six.', 'Seven eight nine.'], v)\n"
        "assert s.shape == (3, 2) and np.isfinite(s).all()\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
    )
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("name", ARTICLES)
def test_trained_scorer_on_our_articles(headline_bot, data_dir, model, name):
    article = headline_bot.load_path(str(data_dir / name))
    index = ArticleIndex(article, headline_bot.embedder)
    texts = [s.text for s in article.sentences]
    scores = model.score(texts, index.sentence_vectors)
    assert scores.shape == (len(texts), 2) and np.isfinite(scores).all()
    # News puts the gist first: the model's best sentence lies in the first third of the story.
    assert int(np.argmax(scores[:, 0])) < max(3, len(texts) // 3)
    assert int(np.argmax(scores[:, 1])) < max(3, len(texts) // 3)
    summary = NewsSummarizer(model).summarize(index, Length("short"))
    positions = [texts.index(s.text) for s in summary.sentences if s.text in texts]
    assert 1 <= len(summary.sentences) <= 4 and positions == sorted(positions)


def test_hand_set_prior_is_a_named_baseline(headline_bot, data_dir):
    article = headline_bot.load_path(str(data_dir / "ferry-article.txt"))
    summary = NewsSummarizer(hand_set_prior()).summarize(
        ArticleIndex(article, headline_bot.embedder), Length()
    )
    assert summary.sentences


@pytest.mark.parametrize(
    ("texts", "count", "expected"),
    [
        (["the cat sat on the mat", "the cat sat on a chair", "dogs bark"], 2, [0, 2]),
        (["one two three four", "five six seven eight", "nine ten eleven"], 2, [0, 1]),
        (["a b c", "a b c", "a b c"], 3, [0]),
    ],
)
def test_trigram_blocking(texts, count, expected):
    got = select_sentences([0.9, 0.8, 0.7], [5, 5, 5], np.eye(3), count=count, texts=texts)
    assert got == expected


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        (Length("one-line"), [2]),
        (Length("short", sentences=1), [0]),
        (Length("bullets", sentences=2), [0, 1]),
        (Length(words=9), [0, 1]),
        (Length(words=4), [0]),
    ],
)
def test_choose_indices_length_rules(length, expected):
    texts = ["Ships sail at dawn.", "Crews load the cargo.", "Gulls follow the boats.", "By ."]
    scores = np.array([[3.0, 0.0], [2.0, 0.0], [1.0, 5.0], [-np.inf, -np.inf]])
    assert choose_indices(scores, texts, np.eye(4), length) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("By .", True),
        ("By . Daily Mail Reporter .", True),
        ("PUBLISHED: .", True),
        ("| .", True),
        ("UPDATED: . 06:07 EST, 4 October 2013 .", True),
        ("12:01 GMT, 3 January 2014 .", True),
        ("by . jane roe . published : 10:01 est, 3 january 2014 .", True),
        ("Last updated at 5:12 PM on 12th March 2011 .", True),
        ("By the end of the day, the coast road had reopened.", False),
        ("The minister said the report was published in March.", False),
        ("Updates to the timetable will follow next week.", False),
    ],
)
def test_boilerplate_rules(sentence, expected):
    assert is_boilerplate(sentence) is expected


def test_daily_mail_byline_never_in_summary(headline_bot, model):
    article = build_article(
        [
            "By . Jane Roe . PUBLISHED: . 05:50 EST, 4 October 2013 . | . "
            "UPDATED: . 06:07 EST, 4 October 2013 .",
            "A ferry carrying 200 passengers ran aground off the coast of Wexby on Friday night. "
            "All passengers were taken off safely by lifeboat crews. The operator said the vessel "
            "would be towed to port once the tide turned. Investigators will examine the ship's "
            "navigation records.",
        ]
    )
    index = ArticleIndex(article, headline_bot.embedder)
    for length in (Length("one-line"), Length("short"), Length("bullets"), Length(sentences=5)):
        texts = [s.text for s in NewsSummarizer(model).summarize(index, length).sentences]
        assert texts and not any(is_boilerplate(t) or "PUBLISHED" in t or t.startswith("By") for t in texts)


def _seed_article() -> Path | None:
    for base in (ROOT.parent / "shared", ROOT.parent.parent / "shared", Path("/work/shared")):
        path = base / "examples" / "scraped-article.txt"
        if path.is_file():
            return path
    return None


def test_seed_article_summary_carries_the_finding_and_whom_it_concerns(headline_bot):
    """The product default (the trained scorer): the genocide finding, the Uighurs, no debris."""
    path = _seed_article()
    if path is None:
        pytest.skip("the seed article (../shared/examples/scraped-article.txt) is not on this machine")
    summary = headline_bot.summarize(headline_bot.load_path(str(path)))
    text = summary.text.lower()
    assert "genocide" in text and ("uighur" in text or "uyghur" in text)
    assert 2 <= len(summary.sentences) <= 4
    assert not any(is_boilerplate(s.text) for s in summary.sentences)
    assert not any(w in text for w in ("newsletter", "subscrib", "video loading", "click to play"))


def _recase_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("recase", ROOT / "scripts" / "recase.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("lowered", "expected"),
    [
        ('he said " no. " then he left.', 'He said "no." Then he left.'),
        (
            "( cnn ) -- the bridge fell. mr. lee and i saw it!",
            "(CNN) -- The bridge fell. Mr. lee and I saw it!",
        ),
        ("u.s. troops left. was it over? yes.", "U.s. troops left. Was it over? Yes."),
    ],
)
def test_recase_restores_sentence_starts(lowered, expected):
    assert _recase_module().recase(lowered) == expected


@pytest.mark.parametrize("name", ARTICLES)
def test_recased_training_text_segments_like_the_cased_article(data_dir, name):
    """Training text is lower-cased; re-cased, it splits into the cased article's sentences."""
    from bot.ingest.segment import split_sentences

    text = " ".join((data_dir / name).read_text(encoding="utf-8").split())
    cased = split_sentences(text)
    lowered = split_sentences(text.lower())
    recased = split_sentences(_recase_module().recase(text.lower()))
    assert len(recased) == len(cased) >= len(lowered)


@pytest.mark.parametrize("arch", ["mlp", "transformer"])
def test_save_load_round_trip_keeps_scores(tmp_path, arch):
    """Transposed (non-contiguous) weights, as torch exports them, survive safetensors unchanged."""
    rng = np.random.default_rng(0)
    size, d = 3 * 384 + 16, 8
    if arch == "mlp":
        params = {"w1": rng.normal(size=(d, size)).T, "b1": np.zeros(d), "w2": rng.normal(size=(2, d)).T}
        params |= {"b2": np.zeros(2)}
        meta = {}
    else:
        params = {"proj_w": rng.normal(size=(d, size)).T * 0.1, "proj_b": np.zeros(d)}
        params |= {"pos": rng.normal(size=(40, d)), "norm_g": np.ones(d), "norm_b": np.zeros(d)}
        params |= {"head_w": rng.normal(size=(2, d)).T, "head_b": np.zeros(2)}
        for name, shape in (("qkv_w", (3 * d, d)), ("out_w", (d, d)), ("ff1_w", (16, d)), ("ff2_w", (d, 16))):
            params[f"l0.{name}"] = rng.normal(size=shape).T
        for name, n in (("qkv_b", 3 * d), ("out_b", d), ("ff1_b", 16), ("ff2_b", d)):
            params[f"l0.{name}"] = np.zeros(n)
        params |= {
            "l0.ln1_g": np.ones(d),
            "l0.ln1_b": np.zeros(d),
            "l0.ln2_g": np.ones(d),
            "l0.ln2_b": np.zeros(d),
        }
        meta = {"layers": "1", "heads": "2"}
    params = {k: v.astype(np.float32) for k, v in params.items()}
    model = SentenceModel(arch, params, np.zeros(16), np.ones(16), meta)
    texts = [f"Sentence number {i} says something about the harbour." for i in range(45)]
    vectors = rng.normal(size=(45, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    path = tmp_path / "m.safetensors"
    model.save(path)
    loaded = SentenceModel.load(path, expected_sha256="")
    want, got = model.score(texts, vectors), loaded.score(texts, vectors)
    assert got.shape == (45, 2)
    np.testing.assert_allclose(got, want, atol=5e-2)
    # Sentences after the first 40 rank below every earlier one, in article order.
    assert got[40:, 0].max() < got[:40, 0].min() and list(np.argsort(-got[40:, 0])) == list(range(5))


def _train_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "train_summarizer", ROOT / "scripts" / "train_summarizer.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ARTICLES)
@pytest.mark.parametrize("reference_sentences", [(2, 4), (0, 3), (1,), (0,)])
def test_oracle_without_the_lead_is_the_oracle_of_the_article_without_it(data_dir, name, reference_sentences):
    """``--drop-lead`` labels: shifted picks when the lead was not picked, a rerun when it was; either
    way the greedy oracle's own answer for the article without its first sentence."""
    from rouge_score import tokenizers

    from bot.ingest.segment import split_sentences

    train = _train_module()
    tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)
    sentences = split_sentences(" ".join((data_dir / name).read_text(encoding="utf-8").split()))[:20]
    reference = " ".join(sentences[i] for i in reference_sentences)
    picks = train.greedy_oracle(sentences, reference, tokenizer)
    assert picks and picks[0] in reference_sentences
    bare = train.without_lead_picks(sentences, reference, picks, tokenizer)
    assert bare == train.greedy_oracle(sentences[1:], reference, tokenizer)
