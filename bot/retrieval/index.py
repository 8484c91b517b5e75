"""``ArticleIndex``: per-article embeddings and BM25, built once, shared by summaries and answers.

One index per article holds everything that does not depend on the question:

* ``sentence_vectors``: one MiniLM vector per sentence (the summariser uses them too);
* ``paragraph_vectors``: derived from the sentence vectors (the normalised mean of each
  paragraph's sentences), so indexing encodes every sentence once and nothing twice;
* ``paragraph_bm25`` and ``sentence_bm25``: bm25s indexes over stemmed, stop-word-free terms.

Every part is computed lazily, once, under its own lock, so one index can serve several chat
sessions at the same time, and ``build()`` can make the BM25 indexes in a second thread while the
encoder runs (ONNX Runtime releases the GIL): on a cold start that hides the import of bm25s and
SciPy behind the encoder. Scoring a question against the index lives in ``bot.retrieval.retrieve``.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

import numpy as np

from bot.article import Article
from bot.models.embed import Embedder
from bot.retrieval.lemmas import BASE

T = TypeVar("T")

_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*", re.UNICODE)


@cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


_ANY = frozenset(
    [
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "everyone",
        "everybody",
        "anything",
        "something",
        "everything",
        "stuff",
    ]
)
"""Words that stand for anyone or anything: no topic to match."""


@cache
def stop_words() -> frozenset[str]:
    """English stop words (bm25s's extended list), question words included, and the words that stand
    for anyone or anything ("has anyone been charged?" is not about "anyone with information")."""
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    return frozenset(STOPWORDS_EN_PLUS) | {"whose", "many", "much", "would", "could", "also", "us"} | _ANY


def words(text: str) -> list[str]:
    """Lower-cased word tokens; apostrophes and inner dots stay inside a word.

    >>> words("Ms. Okafor's vote: 14-5, in 2024!")
    ['ms', "okafor's", 'vote', '14', '5', 'in', '2024']
    """
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def terms(text: str) -> list[str]:
    """The BM25 terms of a text: words, stop words dropped, possessives cut, irregular verb forms
    folded onto their base (``bot.retrieval.lemmas``), Snowball-stemmed.

    >>> terms("Who chaired the councils' meetings on the cruise ships?")
    ['chair', 'council', 'meet', 'cruis', 'ship']
    >>> terms("What was stolen?"), terms("Hackers stole the names.")
    (['steal'], ['hacker', 'steal', 'name'])
    """
    stop = stop_words()
    kept = []
    for w in words(text):
        if w.endswith("'s"):
            w = w[:-2]
        w = w.strip("'.")
        if w and w not in stop:
            kept.append(BASE.get(w, w))
    return list(_stemmer().stemWords(kept))


class BM25:
    """A bm25s index over a list of texts; ``scores(query)`` gives one score per text."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

        # bm25s sets its own logger to DEBUG on import; let the application's logging decide.
        logging.getLogger("bm25s").setLevel(logging.NOTSET)
        self.doc_terms = [terms(t) for t in texts]
        self.vocabulary = frozenset(t for doc in self.doc_terms for t in doc)
        self._bm25 = bm25s.BM25()
        # An empty text still needs a token so that rows line up with texts.
        self._bm25.index([doc or ["\x00"] for doc in self.doc_terms], show_progress=False)
        self.size = len(texts)

    def scores(self, query_terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every text for the query terms (zeros when none is known)."""
        known = [t for t in query_terms if t in self.vocabulary]
        if not known or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)


class ArticleIndex:
    """Everything computed once per article: vectors and BM25 indexes, each built on first use."""

    def __init__(self, article: Article, embedder: Embedder) -> None:
        self.article = article
        self.embedder = embedder
        self._lock = threading.Lock()
        self._part_locks: dict[str, threading.Lock] = {}
        self._built: dict[str, Any] = {}
        sentences = article.sentences
        self.sentence_paragraph = np.array([s.paragraph - 1 for s in sentences], dtype=np.int64)
        """0-based paragraph of each sentence, aligned with ``article.sentences``."""

    def _once(self, name: str, build: Callable[[], T]) -> T:
        with self._lock:
            lock = self._part_locks.setdefault(name, threading.Lock())
        with lock:  # one lock per part: the vectors and the BM25 indexes can be built side by side
            if name not in self._built:
                self._built[name] = build()
            value: T = self._built[name]
            return value

    def build(self) -> ArticleIndex:
        """Compute every part now: the BM25 indexes in a second thread while the encoder runs.

        Retrieval calls it before a hybrid search; benchmarks call it to time indexing.
        """
        if all(name in self._built for name in ("paragraph_vectors", "paragraph_bm25", "sentence_bm25")):
            return self
        lexical = threading.Thread(target=self._build_lexical, name="bm25-index", daemon=True)
        lexical.start()
        try:
            _ = self.paragraph_vectors
        finally:
            lexical.join()
        self._build_lexical()  # re-raises here if the thread failed (else already built: a no-op)
        return self

    def _build_lexical(self) -> None:
        _ = self.paragraph_bm25, self.sentence_bm25

    @property
    def sentence_vectors(self) -> np.ndarray:
        """One L2-normalised row per ``article.sentences`` entry."""
        return self._once("sentence_vectors", self._encode_sentences)

    def _encode_sentences(self) -> np.ndarray:
        return np.asarray(self.embedder.encode([s.text for s in self.article.sentences]), dtype=np.float32)

    @property
    def paragraph_vectors(self) -> np.ndarray:
        """One L2-normalised row per paragraph: the mean of its sentence vectors, renormalised."""
        return self._once("paragraph_vectors", self._paragraph_vectors)

    def _paragraph_vectors(self) -> np.ndarray:
        sv = self.sentence_vectors
        n = len(self.article.paragraphs)
        out = np.zeros((n, sv.shape[1] if sv.ndim == 2 else 384), dtype=np.float32)
        np.add.at(out, self.sentence_paragraph, sv)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.asarray(out / np.maximum(norms, 1e-9), dtype=np.float32)

    @property
    def paragraph_bm25(self) -> BM25:
        """BM25 over the paragraphs (article order)."""
        return self._once("paragraph_bm25", lambda: BM25([p.text for p in self.article.paragraphs]))

    @property
    def sentence_bm25(self) -> BM25:
        """BM25 over the sentences (article order), for scoring sentences inside paragraphs."""
        return self._once("sentence_bm25", lambda: BM25([s.text for s in self.article.sentences]))

    def encode_query(self, question: str) -> np.ndarray:
        """The question's vector (one row of the embedder's output)."""
        return np.asarray(self.embedder.encode([question])[0], dtype=np.float32)
