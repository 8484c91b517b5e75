"""``HeadlineBot``: the one object the CLI, the app and Python users talk to.

It owns the models (loaded lazily, once, shared by every session) and runs the pipeline:
source -> ``Article`` -> ``ArticleIndex`` -> ``Summary`` | ``Answer``.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.article import Article
from bot.config import Settings
from bot.errors import InputError
from bot.models.embed import Embedder
from bot.qa.answer import Answer, answer_question
from bot.retrieval.index import ArticleIndex
from bot.summarize.base import Length, Summarizer, Summary
from bot.summarize.extractive import NewsSummarizer

if TYPE_CHECKING:
    from bot.summarize.abstractive import SummaryProgress


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
                from bot.models.onnx_embed import default_embedder

                self._embedder = default_embedder(self.settings)
            return self._embedder

    @property
    def summarizer(self) -> Summarizer:
        """The summariser in use."""
        with self._lock:
            if self._summarizer is None:
                from bot.summarize.abstractive import with_generator

                self._summarizer = with_generator(self.settings, NewsSummarizer())
            return self._summarizer

    @property
    def notice(self) -> str | None:
        """One line for the person when the opt-in model could not be loaded (the bot carries on)."""
        return getattr(self._summarizer, "notice", None)

    def load(self, source: str | bytes, *, url: str | None = None) -> Article:
        """Clean and segment pasted text, HTML or raw bytes; a paste that is only a URL is fetched."""
        from bot.ingest.fetch import looks_like_url
        from bot.ingest.load import load_article

        if url is None and isinstance(source, str) and len(source) < 5000 and looks_like_url(source):
            return self.load_url(source)
        return load_article(source, settings=self.settings, url=url)

    def load_url(self, url: str) -> Article:
        """Fetch a page under the URL safety rules of ``bot.ingest.fetch`` and clean it."""
        from bot.ingest.fetch import fetch_url
        from bot.ingest.load import load_article

        page = fetch_url(url, self.settings)
        body: str | bytes = page.text if page.charset else page.body
        return load_article(body, settings=self.settings, url=page.url)

    def load_path(self, path: str) -> Article:
        """Load from a file path or a URL (``scheme://...``), ``-`` for standard input."""
        from bot.ingest.fetch import looks_like_url

        if looks_like_url(path):
            return self.load_url(path)
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

    def ask(self, article: Article, question: str, *, exclude: Sequence[int] = ()) -> Answer:
        """A grounded, cited answer, or a refusal when the article does not say.

        Raises ``QuestionError`` for an empty question; a very long one is cut, with a note.
        ``exclude``: sentence positions already quoted (for "tell me more").
        """
        answer = getattr(self.summarizer, "answer", answer_question)  # generated when a model is set
        return answer(
            self.index(article), question, max_chars=self.settings.max_question_chars, exclude=exclude
        )

    def stream_summary(self, article: Article, length: Length | None = None) -> Iterator[SummaryProgress]:
        """The summary as it is written (a generative model streams; others yield once, at the end)."""
        from bot.summarize.abstractive import stream_summary

        return stream_summary(self.summarizer, self.index(article), length or Length())
