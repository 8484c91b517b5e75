"""What every summariser shares: styles, the requested ``Length``, the ``Summary`` record, the
``SummaryProgress`` of one being written and the ``Summarizer`` interfaces.

The interfaces are declared, not probed: ``Summarizer`` is the contract, ``StreamingSummarizer``
adds ``stream`` (the app shows the text as it is written) and ``ReportsNotice`` a one-line
``notice`` for the person when an opt-in model could not be loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, TypedDict, runtime_checkable

from bot.article import CitedSentence, CitedSentenceDict

if TYPE_CHECKING:
    from bot.retrieval.index import ArticleIndex

Style = Literal["one-line", "short", "bullets"]
STYLES: tuple[Style, ...] = ("one-line", "short", "bullets")
Stage = Literal["loading", "reading", "headline", "writing", "done"]


@dataclass(frozen=True)
class Length:
    """How long a summary should be: a style, optionally overridden by sentences or words."""

    style: Style = "short"
    sentences: int | None = None
    words: int | None = None


class SummaryDict(TypedDict):
    """A ``Summary`` as JSON (plain text, not HTML): the one contract of the CLI, the API and the export."""

    headline: str
    generated_headline: str
    summary: str
    style: Style
    sentences: list[CitedSentenceDict]
    notes: list[str]


@dataclass(frozen=True)
class Summary:
    """A headline (the article's own, else generated), a generated headline and the sentences."""

    headline: str
    generated_headline: str
    sentences: tuple[CitedSentence, ...]
    style: Style = "short"
    notes: tuple[str, ...] = ()
    """One-line notes for the person (e.g. a generation stopped at its time limit)."""

    @property
    def text(self) -> str:
        """The summary as shown: bullets for the bullets style, else one paragraph."""
        if self.style == "bullets":
            return "\n".join(f"• {s.text}" for s in self.sentences)
        return " ".join(s.text for s in self.sentences)

    def to_dict(self) -> SummaryDict:
        """The one JSON contract of a summary (CLI ``--json``, the ``/summarize`` API, the export).

        >>> from bot.article import CitedSentence
        >>> summary = Summary("Rain", "It rains", (CitedSentence("It rained.", 1),))
        >>> summary.to_dict()  # doctest: +NORMALIZE_WHITESPACE
        {'headline': 'Rain', 'generated_headline': 'It rains', 'summary': 'It rained.', 'style': 'short',
         'sentences': [{'text': 'It rained.', 'paragraph': 1, 'supported': True}], 'notes': []}
        """
        return {
            "headline": self.headline,
            "generated_headline": self.generated_headline,
            "summary": self.text,
            "style": self.style,
            "sentences": [s.to_dict() for s in self.sentences],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class SummaryProgress:
    """One step of a summary being written: what to show now, and the finished ``Summary`` at the end.

    ``text`` is the summary as written so far (raw model text while ``stage == "writing"``); at
    ``"done"`` use ``summary`` (cut to whole sentences, grounded, with its notes).
    """

    stage: Stage
    detail: str = ""
    text: str = ""
    headline: str = ""
    summary: Summary | None = None


@runtime_checkable
class Summarizer(Protocol):
    """Anything that turns an indexed article into a ``Summary`` of the requested length."""

    def summarize(self, index: ArticleIndex, length: Length) -> Summary: ...


@runtime_checkable
class StreamingSummarizer(Summarizer, Protocol):
    """A summariser that can also report its progress as it writes (the last step is ``"done"``)."""

    def stream(self, index: ArticleIndex, length: Length) -> Iterator[SummaryProgress]: ...


@runtime_checkable
class ReportsNotice(Protocol):
    """Something backed by an opt-in model that can fail to load and carry on without it."""

    @property
    def notice(self) -> str | None:
        """One line for the person once the model failed to load, else None."""
        ...


def stream_summary(summarizer: Summarizer, index: ArticleIndex, length: Length) -> Iterator[SummaryProgress]:
    """Progress of a summary from any summariser: streaming ones stream, others finish in one step."""
    if isinstance(summarizer, StreamingSummarizer):
        yield from summarizer.stream(index, length)
        return
    summary = summarizer.summarize(index, length)
    yield SummaryProgress("done", text=summary.text, headline=summary.headline, summary=summary)
