"""Abstractive summaries and headlines from an opt-in seq2seq ``Generator`` (answers: ``bot.qa.generated``).

``GenerativeSummarizer`` implements the ``StreamingSummarizer`` and ``ReportsNotice`` protocols of
``bot.summarize.base`` (generated answers, sharing its generator, are ``bot.qa.generated``):

* **Prompts**: instruction models (Flan-T5) get ``prompts/generate_*.txt``; plain news summarisers
  (BART, PEGASUS) get the bare article (after the checkpoint's own prefix, if it declares one).
* **Long articles** (map-reduce): when the prompt would not fit the model's input window, the
  article is split along paragraph boundaries (``bot.models.chunking``), each part is summarised, and the
  part summaries are summarised in turn, as many rounds as needed. Nothing is truncated; a note
  says it happened.
* **Length control**: each style maps to a ``Budget`` (sentences, words, tokens to generate); the
  output is cut only at a sentence end (``fit_output``).
* **Headline**: written with the headline prompt by instruction models; plain models, which cannot
  follow that instruction, keep the extractive headline of the fallback summariser.
* **Grounding**: every sentence is linked to its best-supporting paragraph; unsupported ones are
  flagged ``supported=False`` (``bot.retrieval.grounding``).
* **Failure**: a model that cannot be loaded sets ``notice`` (one line) and every call falls back to
  the extractive summariser; a generation stopped at the time limit keeps its finished sentences
  (with a note), or falls back when it finished none.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.errors import GenerationTimeoutError, ModelError
from bot.ingest.segment import split_sentences
from bot.models.seq2seq import load_notice
from bot.prompts import render
from bot.retrieval.grounding import THRESHOLD, ground
from bot.summarize.base import Length, Summarizer, Summary, SummaryProgress

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.models.seq2seq import Generation, Generator
    from bot.retrieval.index import ArticleIndex

WORDS_PER_SENTENCE = 25
"""A typical news sentence, for turning sentence counts into token budgets."""
TOKENS_PER_WORD = 1.4
"""Sub-word tokens per English word for BPE and sentencepiece vocabularies (roughly)."""
SLACK = 1.5
"""Headroom so that the model can finish its last sentence before the token budget runs out."""
PART_SENTENCES = 3
"""Sentences asked of each part in the map step."""
HEADLINE_TOKENS = 32
MAX_ROUNDS = 6
"""Map-reduce rounds before giving up (each round shrinks the text by at least half)."""

_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_MARKER = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
_CITATION = re.compile(r"\s*\[¶\s*\d+\]")


@dataclass(frozen=True)
class Budget:
    """How much to write: most sentences, most words (None: no word limit), tokens to generate."""

    sentences: int
    words: int | None
    max_new_tokens: int
    min_new_tokens: int
    limit: str
    """The length as the prompts phrase it: "one sentence", "3 sentences", "at most 40 words"."""


def budget(length: Length) -> Budget:
    """Map a requested length to a generation budget.

    >>> budget(Length("one-line"))
    Budget(sentences=1, words=None, max_new_tokens=61, min_new_tokens=8, limit='one sentence')
    >>> budget(Length("short")).max_new_tokens, budget(Length("bullets")).limit
    (166, '4 short sentences')
    >>> budget(Length(words=40))
    Budget(sentences=40, words=40, max_new_tokens=92, min_new_tokens=20, limit='at most 40 words')
    """
    if length.words is not None:
        words = length.words
        sentences = length.sentences or max(1, words)
        max_tokens = math.ceil(words * TOKENS_PER_WORD * SLACK) + 8
        return Budget(sentences, words, max_tokens, max(1, words // 2), f"at most {words} words")
    default = {"one-line": 1, "short": 3, "bullets": 4}[length.style]
    sentences = length.sentences or default
    max_tokens = math.ceil(sentences * WORDS_PER_SENTENCE * TOKENS_PER_WORD * SLACK) + 8
    min_tokens = 8 if sentences == 1 else sentences * 10
    if length.style == "bullets":
        limit = f"{sentences} short sentences"
    else:
        limit = "one sentence" if sentences == 1 else f"{sentences} sentences"
    return Budget(sentences, None, max_tokens, min_tokens, limit)


def output_sentences(text: str) -> list[str]:
    """Sentences of generated text: line by line (bullets), markers and copied citations removed,
    exact repeats dropped.

    >>> output_sentences("- The vote passed. It was close [¶2].\\n- The vote passed.")
    ['The vote passed.', 'It was close.']
    """
    seen: set[str] = set()
    out: list[str] = []
    for line in text.splitlines():
        line = _CITATION.sub("", _MARKER.sub("", line)).strip()
        for sentence in split_sentences(line) if line else []:
            key = " ".join(sentence.lower().split())
            if key not in seen:
                seen.add(key)
                out.append(sentence)
    return out


def fit_output(text: str, *, sentences: int, words: int | None, complete: bool) -> list[str]:
    """Whole sentences of generated text within the budget: the text is cut only at sentence ends.

    ``complete`` says the model stopped by itself; otherwise an unfinished last sentence is dropped
    (or, when it is all there is, kept with an ellipsis so the cut shows).

    >>> fit_output("One two. Three four five. Six", sentences=5, words=None, complete=False)
    ['One two.', 'Three four five.']
    >>> fit_output("One two. Three four five.", sentences=1, words=None, complete=True)
    ['One two.']
    >>> fit_output("One two three. Four five. Six.", sentences=3, words=4, complete=True)
    ['One two three.']
    >>> fit_output("No end in sight", sentences=2, words=None, complete=False)
    ['No end in sight…']
    """
    found = output_sentences(text)
    if not complete and found and not _END.search(found[-1]):
        found = found[:-1] if len(found) > 1 else [found[0].rstrip(",;: ") + "…"]
    kept = found[: max(1, sentences)]
    if words is not None:
        while len(kept) > 1 and sum(len(s.split()) for s in kept) > words:
            kept.pop()
    return kept


def headline_text(text: str) -> str:
    """The first line of a generated headline, without quotes, a label or a final full stop.

    >>> headline_text('Headline: "Harbour town bans cruise ships."\\nMore text')
    'Harbour town bans cruise ships'
    """
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    first = re.sub(r"^(?:headline|title)\s*:\s*", "", lines[0], flags=re.I) if lines else ""
    return first.strip("\"'“”‘’ ").rstrip(".").strip()


class GenerativeSummarizer:
    """Summaries and headlines written by a seq2seq ``Generator``, grounded in the article.

    ``fallback`` (the extractive summariser) serves when the model cannot be loaded or produces
    nothing usable in time, and gives plain models their headline.
    """

    def __init__(
        self,
        generator: Generator,
        fallback: Summarizer,
        *,
        timeout_s: float = 120.0,
        threshold: float = THRESHOLD,
    ) -> None:
        self.generator = generator
        self.fallback = fallback
        self.timeout_s = timeout_s
        self.threshold = threshold
        self.notice: str | None = None
        """Set (one line) once the model has failed to load; every call then uses the fallback."""

    @classmethod
    def from_settings(cls, settings: Settings, fallback: Summarizer) -> GenerativeSummarizer:
        """The generative summariser for ``settings.model`` (loaded on first use)."""
        from bot.models.seq2seq import Seq2SeqGenerator

        return cls(
            Seq2SeqGenerator.from_settings(settings), fallback, timeout_s=settings.generation_timeout_s
        )

    # -- summaries -------------------------------------------------------------------------------

    def summarize(self, index: ArticleIndex, length: Length) -> Summary:
        """Headline and summary of the requested length (the checkpoint's beam settings apply)."""
        *_, last = self._run(index, length, live=False)
        assert last.summary is not None
        return last.summary

    def stream(self, index: ArticleIndex, length: Length) -> Iterator[SummaryProgress]:
        """The summary as it is written: loading, reading parts, headline, text so far, then done."""
        return self._run(index, length, live=True)

    def _ready(self) -> bool:
        if self.notice is None:
            self.notice = load_notice(self.generator)
        return self.notice is None

    def _fallback(self, index: ArticleIndex, length: Length, *notes: str) -> SummaryProgress:
        summary = self.fallback.summarize(index, length)
        summary = replace(summary, notes=(*summary.notes, *notes))
        return SummaryProgress("done", text=summary.text, headline=summary.headline, summary=summary)

    def _run(self, index: ArticleIndex, length: Length, *, live: bool) -> Iterator[SummaryProgress]:
        if not self.generator.loaded and self.notice is None:
            yield SummaryProgress("loading", render("generate_progress_loading", model=self.generator.name))
        if not self._ready() or not index.article.paragraphs:
            yield self._fallback(index, length, *([self.notice] if self.notice else []))
            return
        deadline = time.monotonic() + self.timeout_s
        try:
            yield from self._write(index, length, deadline, live=live)
        except GenerationTimeoutError:
            yield self._fallback(
                index, length, render("generate_note_timeout_fallback", seconds=self._secs())
            )
        except ModelError as exc:
            note = render("generate_note_failed", model=self.generator.name, error=exc.message)
            yield self._fallback(index, length, note)

    def _secs(self) -> str:
        return f"{self.timeout_s:g}"

    def _write(
        self, index: ArticleIndex, length: Length, deadline: float, *, live: bool
    ) -> Iterator[SummaryProgress]:
        article = index.article
        plan = budget(length)
        notes: list[str] = []
        source = [p.text for p in article.paragraphs]
        final_prompt = self._summary_prompt(length)
        rounds = 0
        while not self._fits(final_prompt("\n\n".join(source))):
            rounds += 1
            if rounds > MAX_ROUNDS:
                raise ModelError("the article could not be shortened enough to fit the model")
            from bot.models.chunking import chunk_paragraphs

            chunks = chunk_paragraphs(source, lambda text: self._fits(self._part_prompt(text)))
            if rounds == 1:
                notes.append(render("generate_note_chunked", window=self.generator.window, parts=len(chunks)))
            parts: list[str] = []
            for number, chunk in enumerate(chunks, start=1):
                yield SummaryProgress(
                    "reading", render("generate_progress_part", part=number, parts=len(chunks))
                )
                written = self._generate(self._part_prompt(chunk), self._part_budget(), deadline)
                if written.stop == "time":
                    raise GenerationTimeoutError("stopped while reading the article")
                kept = " ".join(
                    fit_output(written.text, sentences=99, words=None, complete=written.stop == "end")
                )
                if kept:
                    parts.append(kept)
            if not parts:
                raise ModelError("the model wrote nothing for any part of the article")
            source = parts

        headline = self._headline(index, "\n\n".join(source), deadline)
        yield SummaryProgress("headline", render("generate_progress_headline"), headline=headline)

        prompt = final_prompt("\n\n".join(source))
        yield SummaryProgress("writing", render("generate_progress_summary"), headline=headline)
        if live:
            stream = self.generator.stream(
                prompt,
                max_new_tokens=plan.max_new_tokens,
                min_new_tokens=plan.min_new_tokens,
                time_limit_s=self._left(deadline),
            )
            so_far = ""
            try:
                for piece in stream:
                    so_far += piece
                    yield SummaryProgress("writing", text=so_far, headline=headline)
            finally:
                stream.close()
            assert stream.result is not None
            written = stream.result
        else:
            written = self._generate(prompt, plan, deadline)

        sentences = fit_output(
            written.text, sentences=plan.sentences, words=plan.words, complete=written.stop == "end"
        )
        if written.stop == "time":
            if not sentences or not _END.search(sentences[-1]):
                raise GenerationTimeoutError("no sentence finished in time")
            notes.append(render("generate_note_timeout", seconds=self._secs()))
        if not sentences:
            raise ModelError("the model wrote no summary")
        cited = ground(sentences, index, threshold=self.threshold)
        summary = Summary(
            headline=article.headline or headline,
            generated_headline=headline,
            sentences=cited,
            style=length.style,
            notes=tuple(notes),
        )
        yield SummaryProgress("done", text=summary.text, headline=summary.headline, summary=summary)

    def _summary_prompt(self, length: Length) -> Callable[[str], str]:
        generator = self.generator
        if not generator.instructed:
            prefix = generator.prefix
            return lambda text: prefix + text
        name = {"one-line": "generate_summary_one_line", "short": "generate_summary_short"}.get(
            length.style, "generate_summary_bullets"
        )
        limit = budget(length).limit
        return lambda text: render(name, article=text, limit=limit)

    def _part_prompt(self, text: str) -> str:
        if not self.generator.instructed:
            return self.generator.prefix + text
        return render("generate_summary_part", article=text, limit=f"{PART_SENTENCES} sentences")

    def _part_budget(self) -> Budget:
        plan = budget(Length(sentences=PART_SENTENCES))
        # Each part summary is at most a quarter of the window, so every round at least halves the text.
        cap = max(16, self.generator.window // 4)
        return replace(
            plan,
            max_new_tokens=min(plan.max_new_tokens, cap),
            min_new_tokens=min(plan.min_new_tokens, cap // 2),
        )

    def _fits(self, prompt: str) -> bool:
        return self.generator.count_tokens(prompt) <= self.generator.window

    @staticmethod
    def _left(deadline: float) -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise GenerationTimeoutError("no time left")
        return left

    def _generate(self, prompt: str, plan: Budget, deadline: float) -> Generation:
        return self.generator.generate(
            prompt,
            max_new_tokens=plan.max_new_tokens,
            min_new_tokens=plan.min_new_tokens,
            time_limit_s=self._left(deadline),
        )

    def _headline(self, index: ArticleIndex, text: str, deadline: float) -> str:
        """The headline prompt for instruction models; the extractive headline otherwise or on failure."""
        if self.generator.instructed:
            prompt = render("generate_headline", article=text)
            if self._fits(prompt):
                plan = Budget(1, None, HEADLINE_TOKENS, 2, "")
                written = self._generate(prompt, plan, deadline)
                if written.stop != "time" and headline_text(written.text):
                    return headline_text(written.text)
        return self.fallback.summarize(index, Length("one-line")).generated_headline
