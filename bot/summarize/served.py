"""Summaries, headlines and answers written by a chat model on a server, cited and checked.

``ServedSummarizer`` works with any ``Generator`` that takes instruction prompts; in practice the
``ServerGenerator`` of ``bot.models.llm_server`` (vLLM, TGI, Ollama, llama.cpp). It is chosen when
``settings.llm_url`` is set (``bot.summarize.choose.with_generator``).

* **Prompts** (``prompts/llm_*.txt``): the cleaned article with numbered paragraphs ``[¶N]``; the
  model must cite ``[¶N]`` after each sentence; the answer prompt tells it to say "The article does
  not say" when the paragraphs do not answer.
* **Checks**: every sentence goes through ``bot.retrieval.grounding``. A sentence whose citation does
  not support it, or that nothing in the article supports, is kept but flagged
  (``supported=False``). A summary with fewer than ``MIN_SUPPORTED`` of its sentences supported, or
  a headline the article does not support, is replaced by the extractive one, with a one-line note.
* **Answers**: the extractive answer's calibrated abstention decides first whether the article
  answers at all; only then is the model asked, and only with the retrieved paragraphs.
* **Failure is never fatal**: a server that is down, a wrong model name, a timeout or a malformed
  or oversized reply give one note and the extractive result; a stream that breaks mid-reply keeps
  the whole sentences that arrived, with a note.
"""

from __future__ import annotations

import re
from collections.abc import Generator as Steps
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from bot.errors import ModelError
from bot.ingest.segment import split_sentences
from bot.models.llm_server import StreamInterruptedError
from bot.prompts import render
from bot.qa.base import ANSWER_TOKENS, CONTEXT_PARAGRAPHS
from bot.retrieval.grounding import THRESHOLD, support
from bot.summarize.abstractive import HEADLINE_TOKENS, budget, headline_text
from bot.summarize.base import Length, Summarizer, Summary, SummaryProgress

if TYPE_CHECKING:
    from bot.article import CitedSentence
    from bot.config import Settings
    from bot.models.seq2seq import Generator
    from bot.qa.answer import Answer
    from bot.retrieval.index import ArticleIndex

MIN_SUPPORTED = 0.5
"""Least share of supported sentences for a generated summary to be shown (fixed, not tuned)."""
ANSWER_SENTENCES = 2

_CITE = re.compile(r"\s*[\[(]\s*¶\s*\d+(?:\s*[,;&–-]\s*(?:and\s+)?¶?\s*\d+)*\s*[\])]")
_DIGITS = re.compile(r"\d+")
_MARKER = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_NOT_SAID = re.compile(r"\b(?:does|did)\s*(?:not|n't)\s+say\b|\bnot in the article\b", re.I)


@dataclass(frozen=True)
class Claim:
    """One generated sentence, without its citations, and the paragraphs it cited (1-based)."""

    text: str
    cited: tuple[int, ...] = ()


def numbered(paragraphs: Sequence[str], numbers: Sequence[int] | None = None) -> str:
    """Paragraphs as the model sees them, each after its 1-based number.

    >>> print(numbered(["The vote passed.", "Shops objected."]))
    [¶1] The vote passed.
    <BLANKLINE>
    [¶2] Shops objected.
    >>> numbered(["x", "y", "z"], [1, 3])
    '[¶1] x\\n\\n[¶3] z'
    """
    chosen = numbers or range(1, len(paragraphs) + 1)
    return "\n\n".join(f"[¶{n}] {paragraphs[n - 1]}" for n in chosen)


def claims(text: str) -> list[Claim]:
    """Sentences of generated text with the ``[¶N]`` citations that follow them.

    A citation placed after the full stop belongs to the sentence before it; bullet markers go;
    exact repeats are dropped.

    >>> claims("The vote passed [¶2]. It was close. [¶3]\\n- Ships left [¶1, ¶4].\\nThe vote passed.")
    [Claim(text='The vote passed.', cited=(2,)), Claim(text='It was close.', cited=(3,)), \
Claim(text='Ships left.', cited=(1, 4))]
    >>> claims("[¶1] A frost struck.\\n\\n[¶2] Temperatures fell.")
    [Claim(text='A frost struck.', cited=(1,)), Claim(text='Temperatures fell.', cited=(2,))]
    """
    out: list[Claim] = []
    seen: set[str] = set()
    for line in text.splitlines():
        line = _MARKER.sub("", line).strip()
        for number, piece in enumerate(split_sentences(line) if line else []):
            lead = re.match(r"(?:\s*[\[(]\s*¶[^\])]*[\])])+", piece)
            if lead and out and number > 0:  # at a line start, a citation labels what follows
                out[-1] = Claim(out[-1].text, _merge(out[-1].cited, _numbers(lead.group())))
                piece = piece[lead.end() :]
            cited = _numbers(" ".join(m.group() for m in _CITE.finditer(piece)))
            sentence = " ".join(_CITE.sub("", piece).split())
            sentence = re.sub(r"\s+([.!?,;:])", r"\1", sentence).strip()
            if not re.search(r"\w", sentence):
                continue
            key = sentence.lower()
            if key not in seen:
                seen.add(key)
                out.append(Claim(sentence, cited))
    return out


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(d) for d in _DIGITS.findall(text))


def _merge(first: tuple[int, ...], more: tuple[int, ...]) -> tuple[int, ...]:
    return first + tuple(n for n in more if n not in first)


def fit_claims(found: Sequence[Claim], *, sentences: int, words: int | None, complete: bool) -> list[Claim]:
    """Whole sentences within the budget; an unfinished last sentence goes unless it is all there is.

    >>> fit_claims([Claim("One two."), Claim("Three")], sentences=3, words=None, complete=False)
    [Claim(text='One two.', cited=())]
    >>> fit_claims([Claim("A b c."), Claim("D e.")], sentences=3, words=3, complete=True)
    [Claim(text='A b c.', cited=())]
    """
    kept = list(found)
    if not complete and kept and not _END.search(kept[-1].text):
        kept = kept[:-1] if len(kept) > 1 else [Claim(kept[0].text.rstrip(",;: ") + "…", kept[0].cited)]
    kept = kept[: max(1, sentences)]
    if words is not None:
        while len(kept) > 1 and sum(len(c.text.split()) for c in kept) > words:
            kept.pop()
    return kept


def check(
    found: Sequence[Claim],
    index: ArticleIndex,
    *,
    paragraphs: Sequence[int] | None = None,
    threshold: float = THRESHOLD,
) -> tuple[CitedSentence, ...]:
    """Ground each claim: supported when its cited paragraph backs it (or, uncited, when the best
    paragraph among ``paragraphs`` does); otherwise flagged, citing the closest paragraph."""
    from bot.article import CitedSentence

    if not found:
        return ()
    count = len(index.article.paragraphs)
    best = support([c.text for c in found], index, paragraphs=paragraphs)
    out = []
    for claim, top in zip(found, best, strict=True):
        if not claim.cited:
            out.append(CitedSentence(claim.text, top.paragraph, top.supported(threshold)))
            continue
        valid = [n for n in claim.cited if 1 <= n <= count]
        own = support([claim.text], index, paragraphs=valid)[0] if valid else None
        if own is not None and own.supported(threshold):
            out.append(CitedSentence(claim.text, own.paragraph, True))
        else:
            out.append(CitedSentence(claim.text, top.paragraph, False))
    return tuple(out)


class ServedSummarizer:
    """Summaries, headlines and answers from an instruction ``Generator``, cited and checked.

    ``fallback`` (the extractive summariser) serves whenever the model cannot, or fails the checks.
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
        """The last failure to reach the server (one line), cleared when it answers again."""
        self._error: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings, fallback: Summarizer) -> ServedSummarizer:
        """The summariser for the model server ``settings.llm_url``."""
        from bot.models.llm_server import ServerGenerator

        return cls(ServerGenerator.from_settings(settings), fallback, timeout_s=settings.generation_timeout_s)

    def warm(self) -> str | None:
        """Reach the server now (the app calls this at start-up); the one-line notice if it failed."""
        self._ready()
        return self.notice

    def _ready(self) -> bool:
        try:
            self.generator.load()
        except ModelError as exc:
            self._error = exc.message
            self.notice = render("llm_note_failed", error=exc.message, what="text")
            return False
        self.notice = self._error = None
        return True

    # -- summaries ---------------------------------------------------------------------------------

    def summarize(self, index: ArticleIndex, length: Length) -> Summary:
        """Headline and summary of the requested length (checked; extractive when they fail)."""
        *_, last = self.stream(index, length)
        assert last.summary is not None
        return last.summary

    def stream(self, index: ArticleIndex, length: Length) -> Iterator[SummaryProgress]:
        """The summary as the server writes it, then the checked ``Summary`` (stage ``done``)."""
        if not index.article.paragraphs:
            yield self._fallback(index, length)
            return
        if not self._ready():
            assert self.notice is not None
            yield self._fallback(index, length, self.notice)
            return
        notes: list[str] = []
        try:
            headline = yield from self._headline(index, notes)
            yield from self._summary(index, length, headline, notes)
        except ModelError as exc:
            yield self._fallback(
                index, length, *notes, render("llm_note_failed", error=exc.message, what="summary")
            )

    def _fallback(self, index: ArticleIndex, length: Length, *notes: str) -> SummaryProgress:
        summary = self.fallback.summarize(index, length)
        summary = replace(summary, notes=(*summary.notes, *notes))
        return SummaryProgress("done", text=summary.text, headline=summary.headline, summary=summary)

    def numbered_article(self, index: ArticleIndex, room: int, notes: list[str] | None) -> str:
        """The numbered article, cut at a paragraph boundary to fit ``room`` tokens (with a note)."""
        texts = [p.text for p in index.article.paragraphs]
        used = len(texts)
        while used > 1 and self.generator.count_tokens(numbered(texts[:used])) > room:
            used -= 1
        if used < len(texts) and notes is not None:
            notes.append(
                render("llm_note_shortened", window=self.generator.window, used=used, total=len(texts))
            )
        return numbered(texts[:used])

    def room(self, reply_tokens: int) -> int:
        """Prompt tokens left once the reply and the instructions have their share of the window."""
        return max(64, self.generator.window - reply_tokens - 200)

    def _headline(self, index: ArticleIndex, notes: list[str]) -> Steps[SummaryProgress, None, str]:
        yield SummaryProgress("headline", render("generate_progress_headline"))
        extractive = self.fallback.summarize(index, Length("one-line")).generated_headline
        prompt = render(
            "llm_headline", article=self.numbered_article(index, self.room(HEADLINE_TOKENS), None)
        )
        try:
            written = self.generator.generate(
                prompt, max_new_tokens=HEADLINE_TOKENS, time_limit_s=self.timeout_s
            )
        except StreamInterruptedError:
            notes.append(render("llm_note_interrupted"))
            return extractive
        text = headline_text(_CITE.sub("", written.text))
        if (
            text
            and written.stop != "time"
            and check([Claim(text)], index, threshold=self.threshold)[0].supported
        ):
            return text
        notes.append(render("llm_note_unsupported_headline"))
        return extractive

    def _summary(
        self, index: ArticleIndex, length: Length, headline: str, notes: list[str]
    ) -> Iterator[SummaryProgress]:
        plan = budget(length)
        name = {"one-line": "llm_summary_one_line", "short": "llm_summary_short"}.get(
            length.style, "llm_summary_bullets"
        )
        article = self.numbered_article(index, self.room(plan.max_new_tokens), notes)
        prompt = render(name, article=article, limit=plan.limit)
        yield SummaryProgress("writing", render("generate_progress_summary"), headline=headline)
        stream = self.generator.stream(
            prompt, max_new_tokens=plan.max_new_tokens, time_limit_s=self.timeout_s
        )
        so_far = ""
        complete = False
        try:
            for piece in stream:
                so_far += piece
                yield SummaryProgress("writing", text=so_far, headline=headline)
            complete = stream.result is not None and stream.result.stop == "end"
        except StreamInterruptedError:
            if not so_far.strip():
                raise
            notes.append(render("llm_note_interrupted"))  # what arrived stays
        finally:
            stream.close()
        found = fit_claims(claims(so_far), sentences=plan.sentences, words=plan.words, complete=complete)
        checked = check(found, index, threshold=self.threshold)
        supported = sum(c.supported for c in checked)
        if not checked or supported < MIN_SUPPORTED * len(checked):
            note = render("llm_note_unsupported_summary", supported=supported, total=len(checked))
            fallback = self._fallback(index, length, *notes, note)
            assert fallback.summary is not None
            summary = replace(fallback.summary, generated_headline=headline)
            yield replace(fallback, summary=summary)
            return
        summary = Summary(
            headline=index.article.headline or headline,
            generated_headline=headline,
            sentences=checked,
            style=length.style,
            notes=tuple(notes),
        )
        yield SummaryProgress("done", text=summary.text, headline=summary.headline, summary=summary)

    # -- answers -----------------------------------------------------------------------------------

    def answer(self, index: ArticleIndex, question: str, **options: Any) -> Answer:
        """A generated, checked answer from the retrieved paragraphs, or the extractive one.

        The extractive answer decides first whether the article answers at all (its calibrated
        abstention); "tell me more" (``exclude``) keeps the extractive answer.
        """
        *_, last = self.stream_answer(index, question, **options)
        assert not isinstance(last, str)
        return last

    def stream_answer(self, index: ArticleIndex, question: str, **options: Any) -> Iterator[str | Answer]:
        """Text pieces as the server writes the answer, then the checked ``Answer`` (always last)."""
        from bot.qa.answer import SourceRef, answer_question
        from bot.retrieval.retrieve import retrieve

        base = answer_question(index, question, **options)
        if options.get("exclude") or not base.answerable:
            yield base
            return
        if not self._ready():
            yield replace(
                base, notes=(*base.notes, render("llm_note_failed", error=self._why(), what="answer"))
            )
            return
        article = index.article
        asked = base.question or question
        ranking = [n + 1 for n in retrieve(index, asked).ranking[:CONTEXT_PARAGRAPHS]]
        chosen = sorted({s.paragraph for s in base.sources} | set(ranking))
        texts = [p.text for p in article.paragraphs]
        prompt = render("llm_answer", context=numbered(texts, chosen), question=asked)
        while len(chosen) > 1 and self.generator.count_tokens(prompt) > self.room(ANSWER_TOKENS):
            chosen = [n for n in chosen if n != ranking[-1]] if ranking[-1] in chosen else chosen[:-1]
            ranking = ranking[:-1] or ranking
            prompt = render("llm_answer", context=numbered(texts, chosen), question=asked)
        notes = list(base.notes)
        so_far = ""
        complete = False
        stream = self.generator.stream(prompt, max_new_tokens=ANSWER_TOKENS, time_limit_s=self.timeout_s)
        try:
            for piece in stream:
                so_far += piece
                yield piece
            complete = stream.result is not None and stream.result.stop == "end"
        except ModelError as exc:
            if not so_far.strip() or not isinstance(exc, StreamInterruptedError):
                yield replace(
                    base, notes=(*notes, render("llm_note_failed", error=exc.message, what="answer"))
                )
                return
            notes.append(render("llm_note_interrupted"))  # what arrived stays
        finally:
            stream.close()
        if _NOT_SAID.search(so_far):
            yield replace(base, notes=tuple(notes))
            return
        found = fit_claims(claims(so_far), sentences=ANSWER_SENTENCES, words=None, complete=complete)
        checked = check(found, index, paragraphs=chosen, threshold=self.threshold)
        if not any(c.supported for c in checked):
            yield replace(base, notes=(*notes, render("generate_note_answer_unsupported")))
            return
        text = " ".join(
            f"{c.text} [¶{c.paragraph}]"
            if c.supported
            else render("llm_answer_unsupported_mark", sentence=c.text, paragraph=c.paragraph)
            for c in checked
        )  # the chat shows the text as is, so an unsupported sentence carries its mark here
        numbers = sorted({c.paragraph for c in checked if c.supported})
        yield replace(
            base,
            text=text,
            sources=tuple(SourceRef(n, article.paragraph(n).text) for n in numbers),
            sentences=checked,
            notes=tuple(notes),
        )

    def _why(self) -> str:
        """The reason of the last failure to reach the server."""
        return self._error or "unknown error"

    def rewrite_followup(self, question: str, history: Sequence[str]) -> str:
        """Follow-ups are resolved by the extractive rules (no extra round trip to the server)."""
        return question
