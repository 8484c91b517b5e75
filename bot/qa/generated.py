"""Generated answers: an opt-in instruction model rewrites the answer from the retrieved paragraphs.

The extractive answer decides whether the article answers at all (its calibrated abstention) and
stays the reply when the model is plain, unavailable, out of time, or writes nothing the article
supports. Every generated sentence is grounded (``bot.retrieval.grounding``) and cited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.article import Sentence
from bot.errors import ModelError
from bot.models.seq2seq import load_notice
from bot.prompts import render
from bot.qa.answer import Answer, SourceRef, answer_question, compose
from bot.qa.base import ANSWER_TOKENS, CONTEXT_PARAGRAPHS, Answerer, ExtractiveAnswerer
from bot.retrieval.grounding import THRESHOLD, ground
from bot.retrieval.retrieve import retrieve
from bot.summarize.abstractive import GenerativeSummarizer, fit_output

if TYPE_CHECKING:
    from bot.models.seq2seq import Generator
    from bot.retrieval.index import ArticleIndex
    from bot.summarize.base import Summarizer

ANSWER_SENTENCES = 3


class GeneratedAnswerer:
    """Answers written by a seq2seq ``Generator`` from the retrieved paragraphs (instruction models only)."""

    def __init__(
        self, generator: Generator, *, timeout_s: float = 120.0, threshold: float = THRESHOLD
    ) -> None:
        self.generator = generator
        self.timeout_s = timeout_s
        self.threshold = threshold
        self.notice: str | None = None
        """Set (one line) once the model has failed to load; every answer is then extractive."""

    def _ready(self) -> bool:
        if self.notice is None:
            self.notice = load_notice(self.generator)
        return self.notice is None

    def answer(
        self,
        index: ArticleIndex,
        question: str,
        *,
        max_chars: int = 1_000,
        exclude: Sequence[int] = (),
        focus: Sequence[int] = (),
    ) -> Answer:
        """A generated, grounded answer; the extractive one when the model cannot give a supported one.

        A "tell me more" (``exclude`` given) keeps the extractive answer.
        """
        base = answer_question(index, question, max_chars=max_chars, exclude=exclude, focus=focus)
        if exclude or not base.answerable or not self._ready() or not self.generator.instructed:
            return base  # the load-failure notice is the app's and CLI's to show once (``notice``)
        article = index.article
        asked = base.question or question
        ranking = list(retrieve(index, asked).ranking[:CONTEXT_PARAGRAPHS])
        chosen = [s.paragraph - 1 for s in base.sources if s.paragraph - 1 not in ranking] + ranking
        prompt = ""
        while chosen:
            context = "\n\n".join(f"[¶{n + 1}] {article.paragraphs[n].text}" for n in sorted(chosen))
            prompt = render("generate_answer", context=context, question=asked)
            if self.generator.count_tokens(prompt) <= self.generator.window:
                break
            chosen.pop()
        if not chosen:
            return base
        try:
            written = self.generator.generate(
                prompt, max_new_tokens=ANSWER_TOKENS, min_new_tokens=2, time_limit_s=self.timeout_s
            )
        except ModelError:
            return base
        sentences = fit_output(
            written.text, sentences=ANSWER_SENTENCES, words=None, complete=written.stop == "end"
        )
        if not sentences or "not in the article" in written.text.lower():
            return base
        cited = ground(sentences, index, paragraphs=[n + 1 for n in chosen], threshold=self.threshold)
        if not any(c.supported for c in cited):
            return replace(base, notes=(*base.notes, render("generate_note_answer_unsupported")))
        text = compose([Sentence(c.text, c.paragraph, i) for i, c in enumerate(cited)])
        numbers = sorted({c.paragraph for c in cited if c.supported})
        return replace(
            base,
            text=text,
            sources=tuple(SourceRef(n, article.paragraph(n).text) for n in numbers),
            sentences=cited,
        )


def answerer_for(summarizer: Summarizer) -> Answerer:
    """Generated answers when the summariser writes with a model (sharing it), else extractive ones."""
    if isinstance(summarizer, GenerativeSummarizer):
        return GeneratedAnswerer(
            summarizer.generator, timeout_s=summarizer.timeout_s, threshold=summarizer.threshold
        )
    if isinstance(summarizer, Answerer):  # a summariser that answers too (the model-server one)
        return summarizer
    return ExtractiveAnswerer()
