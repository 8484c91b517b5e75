"""``HeadlineBot``: the one object the CLI, the app and Python users talk to.

It owns the models (loaded lazily, once, shared by every session) and runs the pipeline:
source -> ``Article`` -> ``ArticleIndex`` -> ``Summary`` | ``Answer``.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from pathlib import Path

from bot.answer import Answer, answer_question
from bot.article import Article
from bot.config import Settings
from bot.embed import Embedder, MiniLMEmbedder
from bot.errors import InputError
from bot.index import ArticleIndex
from bot.summarize import LeadSummarizer, Length, Summarizer, Summary


class HeadlineBot:
    """Load articles, summarise them and answer questions about them.

    Models are passed in or built lazily from ``settings``; indexes are cached per article.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        summarizer: Summarizer | None = None,
        index_cache_size: int = 64,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self._embedder = embedder
        self._summarizer = summarizer
        self._indexes: OrderedDict[Article, ArticleIndex] = OrderedDict()
        self._cache_size = index_cache_size
        self._lock = threading.Lock()

    @property
    def embedder(self) -> Embedder:
        """The sentence encoder (the packaged MiniLM unless configured otherwise)."""
        with self._lock:
            if self._embedder is None:
                self._embedder = MiniLMEmbedder(self.settings.embedder_path)
            return self._embedder

    @property
    def summarizer(self) -> Summarizer:
        """The summariser in use."""
        with self._lock:
            if self._summarizer is None:
                self._summarizer = LeadSummarizer()
            return self._summarizer

    def load(self, source: str | bytes, *, url: str | None = None) -> Article:
        """Clean and segment pasted text, HTML or raw bytes."""
        from bot.sources import load_article

        return load_article(source, settings=self.settings, url=url)

    def load_path(self, path: str) -> Article:
        """Load from a file path, ``-`` for standard input."""
        if path == "-":
            return self.load(sys.stdin.buffer.read())
        file = Path(path)
        if not file.is_file():
            raise InputError(f"No such file: {path}. Give a path to a .txt or .html file, or - for stdin.")
        return self.load(file.read_bytes())

    def index(self, article: Article) -> ArticleIndex:
        """The article's index, built once and kept in a small LRU cache."""
        with self._lock:
            found = self._indexes.get(article)
            if found is not None:
                self._indexes.move_to_end(article)
                return found
        built = ArticleIndex(article, self.embedder)
        with self._lock:
            self._indexes[article] = built
            while len(self._indexes) > self._cache_size:
                self._indexes.popitem(last=False)
        return built

    def summarize(self, article: Article, length: Length | None = None) -> Summary:
        """Headline and summary of the requested length."""
        return self.summarizer.summarize(self.index(article), length or Length())

    def ask(self, article: Article, question: str) -> Answer:
        """A grounded, cited answer, or a refusal when the article does not say."""
        return answer_question(self.index(article), question)
