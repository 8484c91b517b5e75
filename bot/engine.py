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
from bot.prompts import render
from bot.summarize.base import Length, ReportsNotice, Summarizer, Summary, SummaryProgress, stream_summary

if TYPE_CHECKING:  # the models, the index and the answerers are imported when first used
    from bot.models.embed import Embedder
    from bot.qa.answer import Answer
    from bot.qa.base import Answerer
    from bot.retrieval.index import ArticleIndex


class HeadlineBot:
    """Load articles, summarise them and answer questions about them.

    Models are passed in or built lazily from ``settings``; indexes are cached per article. The
    ``answerer`` defaults to generated answers when the summariser writes with a model, else
    extractive ones.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        summarizer: Summarizer | None = None,
        answerer: Answerer | None = None,
        index_cache_size: int = 64,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self._embedder = embedder
        self._summarizer = summarizer
        self._answerer = answerer
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
                from bot.summarize.choose import sentence_scorer, with_generator
                from bot.summarize.extractive import NewsSummarizer

                scorer = sentence_scorer(self.settings)
                self._summarizer = with_generator(self.settings, NewsSummarizer(scorer))
            return self._summarizer

    @property
    def answerer(self) -> Answerer:
        """The answerer in use (shares the summariser's model, if it has one)."""
        summarizer = self.summarizer
        with self._lock:
            if self._answerer is None:
                from bot.qa.generated import answerer_for

                self._answerer = answerer_for(summarizer)
            return self._answerer

    @property
    def notice(self) -> str | None:
        """One line for the person when the opt-in model could not be loaded (the bot carries on)."""
        for part in (self._summarizer, self._answerer):
            if isinstance(part, ReportsNotice) and part.notice:
                return part.notice
        return None

    def load(self, source: str | bytes, *, url: str | None = None) -> Article:
        """Clean and segment pasted text, HTML or raw bytes; a paste that is only a URL is fetched."""
        from bot.ingest.load import load_article
        from bot.ingest.urls import looks_like_url

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
        from bot.ingest.urls import looks_like_url

        if looks_like_url(path):
            return self.load_url(path)
        from bot.ingest.limits import read_file, read_stream

        limit = self.settings.max_input_bytes
        if path == "-":  # at most limit + 1 bytes are read: the size check needs no more
            return self.load(read_stream(sys.stdin.buffer, limit))
        if not Path(path).exists():
            raise InputError(render("input_no_such_file", path=path))
        return self.load(read_file(path, limit))

    def index(self, article: Article) -> ArticleIndex:
        """The article's index, built once and kept in a small LRU cache."""
        with self._lock:
            found = self._indexes.get(article)
            if found is not None:
                self._indexes.move_to_end(article)
                return found
        from bot.retrieval.index import ArticleIndex

        built = ArticleIndex(article, self.embedder)
        with self._lock:
            self._indexes[article] = built
            while len(self._indexes) > self._cache_size:
                self._indexes.popitem(last=False)
        return built

    def summarize(self, article: Article, length: Length | None = None) -> Summary:
        """Headline and summary of the requested length."""
        return self.summarizer.summarize(self.index(article), length or Length())

    def ask(
        self, article: Article, question: str, *, exclude: Sequence[int] = (), focus: Sequence[int] = ()
    ) -> Answer:
        """A grounded, cited answer, or a refusal when the article does not say.

        Raises ``QuestionError`` for an empty question; a very long one is cut, with a note.
        ``exclude``: sentence positions already quoted (for "tell me more"); ``focus``: 0-based
        paragraphs under discussion (a chat follow-up's previous answer).
        """
        limit = self.settings.max_question_chars
        return self.answerer.answer(
            self.index(article), question, max_chars=limit, exclude=exclude, focus=focus
        )

    def stream_answer(
        self, article: Article, question: str, *, exclude: Sequence[int] = (), focus: Sequence[int] = ()
    ) -> Iterator[str | Answer]:
        """``ask``, streamed: the text pieces as a model server writes them, then the checked
        ``Answer`` (always last; the only item when the answer is extractive)."""
        from bot.qa.base import stream_answer

        index, limit = self.index(article), self.settings.max_question_chars
        return stream_answer(self.answerer, index, question, max_chars=limit, exclude=exclude, focus=focus)

    def stream_summary(self, article: Article, length: Length | None = None) -> Iterator[SummaryProgress]:
        """The summary as it is written (a generative model streams; others yield once, at the end)."""
        return stream_summary(self.summarizer, self.index(article), length or Length())
