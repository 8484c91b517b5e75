"""ArticleIndex: terms, vectors, BM25, fusion and retrieval on articles we wrote."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from bot.ingest.segment import build_article
from bot.retrieval.index import ArticleIndex, terms, words
from bot.retrieval.retrieve import coverage, ranks, retrieve, rrf

PARAGRAPHS = [
    "The council voted on Tuesday to ban cruise ships from the harbour.",
    "Traders warned that shops could lose money. They will ask for a review.",
    "A visitor levy of three pounds per night starts in January.",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Who chaired the councils' meetings?", ["chair", "council", "meet"]),
        ("The ship's crew", ["ship", "crew"]),
        ("What is it?", []),
        ("Voted, voting, votes", ["vote", "vote", "vote"]),
        ("In 2024 costs rose 3.5%", ["2024", "cost", "rose", "3.5"]),
    ],
)
def test_terms(text, expected):
    assert terms(text) == expected


def test_words_keep_apostrophes_and_decimals():
    assert words("Okafor’s 2.5 million") == ["okafor's", "2.5", "million"]


@pytest.fixture(scope="module")
def small_index(headline_bot):
    return ArticleIndex(build_article(PARAGRAPHS), headline_bot.embedder)


def test_vectors_are_normalised_and_paragraph_vectors_derive_from_sentences(small_index):
    sv = small_index.sentence_vectors
    assert sv.shape == (4, 384)
    assert np.allclose(np.linalg.norm(sv, axis=1), 1, atol=1e-4)
    pv = small_index.paragraph_vectors
    assert pv.shape == (3, 384)
    mean = sv[1] + sv[2]
    assert np.allclose(pv[1], mean / np.linalg.norm(mean), atol=1e-5)
    assert np.allclose(pv[0], sv[0], atol=1e-5)


def test_bm25_scores_the_paragraph_with_the_terms(small_index):
    scores = small_index.paragraph_bm25.scores(terms("visitor levy"))
    assert int(np.argmax(scores)) == 2 and scores[0] == 0
    assert small_index.paragraph_bm25.scores(terms("zebra")).tolist() == [0, 0, 0]
    assert small_index.sentence_bm25.scores(terms("review")).argmax() == 2


class CountingEmbedder:
    """The real embedder, counting how often it is called."""

    def __init__(self, inner):
        self.inner = inner
        self.calls = 0
        self.lock = threading.Lock()

    def encode(self, texts):
        with self.lock:
            self.calls += 1
        return self.inner.encode(texts)


def test_parts_are_built_once_even_under_concurrent_use(headline_bot):
    counting = CountingEmbedder(headline_bot.embedder)
    index = ArticleIndex(build_article(PARAGRAPHS), counting)
    results = []
    threads = [threading.Thread(target=lambda: results.append(index.paragraph_vectors)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert counting.calls == 1
    assert all(r is results[0] for r in results)
    index.build()
    assert counting.calls == 1


def test_engine_caches_one_index_per_article(headline_bot, harbour_text):
    article = headline_bot.load(harbour_text)
    assert headline_bot.index(article) is headline_bot.index(article)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [([0.1, 0.5, 0.3], [2, 0, 1]), ([1.0, 1.0], [0, 1]), ([], [])],
)
def test_ranks(scores, expected):
    assert ranks(np.array(scores)).tolist() == expected


def test_rrf_rewards_agreement():
    fused = rrf({"a": np.array([0, 1, 2]), "b": np.array([0, 2, 1])}, {"a": 1.0, "b": 1.0}, k=60)
    assert fused[0] == pytest.approx(2 / 61)
    assert fused[1] == pytest.approx(fused[2])


def test_coverage():
    assert coverage(["a", "b"], frozenset({"a"})) == 0.5


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("Which shops might lose money?", "Traders warned"),
        ("How much is the nightly levy for visitors?", "visitor levy"),
        ("When did the council vote on the cruise ban?", "voted on Tuesday"),
    ],
)
def test_each_mode_ranks_the_right_paragraph_first(small_index, mode, question, phrase):
    found = retrieve(small_index, question, mode)
    assert phrase in small_index.article.paragraphs[found.ranking[0]].text
    assert sorted(found.ranking) == [0, 1, 2]
    best = found.best_sentences(1)[0]
    assert small_index.article.sentences[best].paragraph == found.ranking[0] + 1
