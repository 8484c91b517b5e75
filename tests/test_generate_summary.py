"""Generated summaries, headlines and answers through ``HeadlineBot`` with tiny checkpoints on disk:
map-reduce over long articles, length control, streaming, grounding flags, time limit, fallback."""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path

import pytest
from tiny_models import tiny_bart_fixture, tiny_t5_fixture, tiny_t5_narrow_fixture  # noqa: F401  (fixtures)

from bot.config import Settings
from bot.engine import HeadlineBot
from bot.errors import ModelLoadError
from bot.models.seq2seq import Generation, GenerationStream, StopReason
from bot.qa.base import Answerer, ExtractiveAnswerer
from bot.qa.generated import GeneratedAnswerer
from bot.summarize.abstractive import GenerativeSummarizer, budget, fit_output
from bot.summarize.base import Length, SummaryProgress
from bot.summarize.extractive import NewsSummarizer

# Our own long article: eight paragraphs, far more than the narrow model's 192-token window.
LONG_ARTICLE = (Path(__file__).parent / "data" / "bridge-article.txt").read_text(encoding="utf-8")


class ScriptedGenerator:
    """A ``Generator`` whose every generation is the same scripted text (the model's output fixed),
    so that what the bot does with a given output can be checked; it records the prompts it gets."""

    name = "scripted"
    instructed = True
    window = 4096
    prefix = ""
    loaded = True

    def __init__(self, text: str, *, stop: StopReason = "end", seconds: float = 0.1) -> None:
        self.text, self.stop, self.seconds = text, stop, seconds
        self.prompts: list[str] = []

    def load(self) -> None:
        pass

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def generate(
        self, prompt: str, *, max_new_tokens: int, min_new_tokens: int = 0, time_limit_s: float | None = None
    ) -> Generation:
        self.prompts.append(prompt)
        return Generation(self.text, len(self.text.split()), self.stop, self.seconds)

    def stream(
        self, prompt: str, *, max_new_tokens: int, min_new_tokens: int = 0, time_limit_s: float | None = None
    ) -> GenerationStream:
        stream = GenerationStream(iter(self.text.split(" ")), threading.Event())
        stream.result = self.generate(prompt, max_new_tokens=max_new_tokens)
        return stream


@pytest.fixture(scope="module")
def t5_bot(tiny_t5: Path, headline_bot: HeadlineBot) -> HeadlineBot:
    return HeadlineBot(Settings(model=str(tiny_t5)), embedder=headline_bot.embedder)


@pytest.fixture(scope="module")
def narrow_bot(tiny_t5_narrow: Path, headline_bot: HeadlineBot) -> HeadlineBot:
    return HeadlineBot(Settings(model=str(tiny_t5_narrow)), embedder=headline_bot.embedder)


@pytest.fixture(scope="module")
def harbour(headline_bot: HeadlineBot, harbour_text: str):
    return headline_bot.load(harbour_text)


def test_a_configured_model_gives_a_generated_grounded_summary(t5_bot: HeadlineBot, harbour):
    assert isinstance(t5_bot.summarizer, GenerativeSummarizer)
    summary = t5_bot.summarize(harbour, Length("short"))
    assert 1 <= len(summary.sentences) <= 3
    # The random model writes gibberish: every sentence is linked to a paragraph and flagged.
    assert all(1 <= s.paragraph <= len(harbour.paragraphs) for s in summary.sentences)
    assert not any(s.supported for s in summary.sentences)
    # An instruction model writes its own headline with the headline prompt.
    assert summary.generated_headline
    extractive = HeadlineBot(Settings(), embedder=t5_bot.embedder).summarize(harbour, Length("short"))
    assert summary.generated_headline != extractive.generated_headline
    assert summary.notes == ()
    assert t5_bot.notice is None


@pytest.mark.parametrize(
    ("length", "most_sentences"),
    [(Length("one-line"), 1), (Length("short"), 3), (Length("bullets"), 4), (Length(sentences=2), 2)],
)
def test_length_control_cuts_at_sentence_ends(t5_bot: HeadlineBot, harbour, length, most_sentences):
    summary = t5_bot.summarize(harbour, length)
    assert 1 <= len(summary.sentences) <= most_sentences
    plan = budget(length)
    assert plan.sentences == most_sentences
    for sentence in summary.sentences[:-1]:
        assert sentence.text[-1] in ".!?…\"'”’)"


def test_a_word_budget_keeps_whole_sentences_under_it(t5_bot: HeadlineBot, harbour):
    summary = t5_bot.summarize(harbour, Length(words=15))
    words = [len(s.text.split()) for s in summary.sentences]
    assert len(words) == 1 or sum(words) <= 15


def test_a_long_article_is_summarised_in_parts_then_as_a_whole(narrow_bot: HeadlineBot):
    article = narrow_bot.load(LONG_ARTICLE)
    generator = narrow_bot.summarizer.generator  # type: ignore[attr-defined]
    assert generator.count_tokens(article.text) > 2 * generator.window
    stages = list(narrow_bot.stream_summary(article, Length("short")))
    reading = [p.detail for p in stages if p.stage == "reading"]
    assert len(reading) >= 2 and reading[0].startswith("Reading part 1 of ")
    done = stages[-1]
    assert done.stage == "done" and done.summary is not None
    assert any("summarised in" in note and "parts" in note for note in done.summary.notes)
    assert 1 <= len(done.summary.sentences) <= 3


def test_streaming_shows_the_text_as_it_is_written(t5_bot: HeadlineBot, harbour):
    stages: list[SummaryProgress] = list(t5_bot.stream_summary(harbour, Length("short")))
    kinds = [p.stage for p in stages]
    assert kinds[-1] == "done" and "headline" in kinds
    writing = [p.text for p in stages if p.stage == "writing" and p.text]
    assert len(writing) > 3
    assert all(later.startswith(earlier) for earlier, later in itertools.pairwise(writing))
    final = stages[-1].summary
    assert final is not None
    assert final.sentences[0].text.split()[0] in writing[-1]
    assert stages[-1].headline == final.headline


def test_the_first_stream_says_the_model_is_loading(tiny_t5: Path, headline_bot, harbour):
    bot = HeadlineBot(Settings(model=str(tiny_t5)), embedder=headline_bot.embedder)
    stages = list(bot.stream_summary(harbour, Length("one-line")))
    assert stages[0].stage == "loading" and stages[0].detail.startswith(f"Loading the model {tiny_t5}")
    assert stages[-1].stage == "done"
    assert next(iter(bot.stream_summary(harbour, Length("one-line")))).stage == "headline"  # loaded once


def test_streaming_can_be_abandoned(t5_bot: HeadlineBot, harbour):
    stream = t5_bot.stream_summary(harbour, Length("bullets"))
    for progress in stream:
        if progress.stage == "writing" and progress.text:
            break
    stream.close()  # the app does this when the person stops or leaves
    # The bot still works afterwards.
    assert t5_bot.summarize(harbour, Length("one-line")).sentences


def test_a_generation_past_the_time_limit_falls_back_with_a_note(tiny_t5: Path, headline_bot, harbour):
    bot = HeadlineBot(Settings(model=str(tiny_t5), generation_timeout_s=0.0), embedder=headline_bot.embedder)
    started = time.monotonic()
    summary = bot.summarize(harbour, Length("short"))
    assert time.monotonic() - started < 30
    assert summary.sentences and all(s.supported for s in summary.sentences)  # the extractive summary
    assert summary.notes == (
        "Generation stopped at the 0-second limit before a sentence was finished; "
        "showing the extractive summary instead.",
    )


@pytest.mark.parametrize(
    ("model", "reason"),
    [
        ("/no/such/model", "there is no such folder"),
        ("facebook/bart-large-cnn", "the Hub cannot be reached"),
    ],
)
def test_a_missing_model_falls_back_to_the_extractive_summary(model, reason, headline_bot, harbour):
    bot = HeadlineBot(Settings(model=model), embedder=headline_bot.embedder)
    summary = bot.summarize(harbour, Length("short"))
    # The failure is remembered: no later call tries to load (or download) the model again.
    summarizer = bot.summarizer
    assert isinstance(summarizer, GenerativeSummarizer)
    with pytest.raises(ModelLoadError) as first:
        summarizer.generator.load()
    with pytest.raises(ModelLoadError) as again:
        summarizer.generator.load()
    assert again.value is first.value
    expected = HeadlineBot(Settings(), embedder=headline_bot.embedder).summarize(harbour, Length("short"))
    assert summary.sentences == expected.sentences
    assert bot.notice is not None and reason in bot.notice
    assert bot.notice.endswith("Carrying on with the extractive summariser.")
    assert summary.notes == (bot.notice,)
    # Questions still work, and say the same.
    answer = bot.ask(harbour, "How many votes did the motion get?")
    assert answer == headline_bot.ask(harbour, "How many votes did the motion get?")
    # The app's streaming path falls back the same way.
    assert [p.stage for p in bot.stream_summary(harbour, Length("short"))] == ["done"]


def test_a_plain_model_keeps_the_extractive_headline(tiny_bart: Path, headline_bot, harbour):
    bot = HeadlineBot(Settings(model=str(tiny_bart)), embedder=headline_bot.embedder)
    summary = bot.summarize(harbour, Length("short"))
    extractive = HeadlineBot(Settings(), embedder=headline_bot.embedder).summarize(
        harbour, Length("one-line")
    )
    assert summary.generated_headline == extractive.generated_headline
    assert summary.sentences and summary.notes == ()


def test_generated_answers_must_be_supported_by_the_article(t5_bot: HeadlineBot, harbour, headline_bot):
    extractive = headline_bot.ask(harbour, "How many votes did the motion get?")
    answer = t5_bot.ask(harbour, "How many votes did the motion get?")
    # Gibberish has no support in the article: the reply quotes the article instead, and says so.
    assert answer.text == extractive.text and answer.sources == extractive.sources
    assert (
        answer.notes[-1]
        == "The generated answer had no support in the article, so the reply quotes the article instead."
    )


def test_questions_the_article_does_not_answer_are_refused_without_generating(t5_bot, harbour, headline_bot):
    question = "What is the capital of Peru?"
    assert t5_bot.ask(harbour, question) == headline_bot.ask(harbour, question)


def test_an_answer_from_a_model_that_quotes_the_article_is_cited(headline_bot: HeadlineBot, harbour):
    """The grounding and citation path, with the generator scripted to a faithful paraphrase."""
    written = "The motion passed by 14 votes to 5. The mayor of Cardiff was against it."
    generator = ScriptedGenerator(written)
    bot = HeadlineBot(Settings(), embedder=headline_bot.embedder, answerer=GeneratedAnswerer(generator))
    answer = bot.ask(harbour, "How many votes did the motion get?")
    first, second = answer.sentences
    assert first.supported and harbour.paragraph(first.paragraph).text.startswith("The motion")
    assert not second.supported  # "Cardiff" and "mayor" appear nowhere in the article
    assert answer.text.startswith(f"The motion passed by 14 votes to 5. [¶{first.paragraph}]")
    assert [s.paragraph for s in answer.sources] == [first.paragraph]
    (prompt,) = generator.prompts
    assert "How many votes did the motion get?" in prompt and f"[¶{first.paragraph}]" in prompt


def test_a_generating_summariser_shares_its_model_with_the_answerer(t5_bot: HeadlineBot):
    answerer = t5_bot.answerer
    assert isinstance(answerer, GeneratedAnswerer) and isinstance(answerer, Answerer)
    summarizer = t5_bot.summarizer
    assert isinstance(summarizer, GenerativeSummarizer) and answerer.generator is summarizer.generator
    assert isinstance(HeadlineBot(Settings(), embedder=t5_bot.embedder).answerer, ExtractiveAnswerer)


@pytest.mark.parametrize(
    ("text", "sentences", "words", "complete", "expected"),
    [
        ("One two. Three four five. Six", 5, None, False, ["One two.", "Three four five."]),
        ("One two. Three four five. Six", 5, None, True, ["One two.", "Three four five.", "Six"]),
        ("One two. Three four five.", 1, None, True, ["One two."]),
        ("One two three. Four five. Six.", 3, 4, True, ["One two three."]),
        ("One two three four five six.", 3, 4, True, ["One two three four five six."]),
        ("No end in sight,", 2, None, False, ["No end in sight…"]),
        (
            "- First point.\n- Second point [¶3].\n- First point.",
            4,
            None,
            True,
            ["First point.", "Second point."],
        ),
        ("", 3, None, True, []),
    ],
)
def test_fit_output(text, sentences, words, complete, expected):
    assert fit_output(text, sentences=sentences, words=words, complete=complete) == expected


def test_budgets_grow_with_the_requested_length():
    sizes = [budget(Length(s)).max_new_tokens for s in ("one-line", "short", "bullets")]
    assert sizes == sorted(sizes) and len(set(sizes)) == 3
    assert budget(Length(words=100)).max_new_tokens > budget(Length(words=20)).max_new_tokens
    assert budget(Length(sentences=6)).max_new_tokens > budget(Length(sentences=2)).max_new_tokens


def test_a_generation_that_fails_falls_back_with_one_line(t5_bot: HeadlineBot, harbour, monkeypatch):
    summarizer = t5_bot.summarizer
    assert isinstance(summarizer, GenerativeSummarizer)

    def broken(**kwargs):
        raise RuntimeError("CUDA out of memory.\nTried to allocate 2.00 GiB")

    summarizer.generator.load()
    monkeypatch.setattr(summarizer.generator._model, "generate", broken)  # type: ignore[attr-defined]
    summary = t5_bot.summarize(harbour, Length("short"))
    assert summary.sentences and all(s.supported for s in summary.sentences)  # the extractive summary
    (note,) = summary.notes
    assert note.startswith(f"The model {summarizer.generator.name} failed while writing (Generation with")
    assert "CUDA out of memory." in note and "\n" not in note
    assert note.endswith("showing the extractive summary instead.")
    stages = list(t5_bot.stream_summary(harbour, Length("short")))
    assert stages[-1].summary is not None and stages[-1].summary.notes == (note,)


def test_a_summary_cut_by_the_time_limit_keeps_its_finished_sentences(headline_bot: HeadlineBot, harbour):
    """The decided time-limit behaviour, with the generator scripted: whole sentences and a note."""
    written = "Port Elwyn councillors voted to ban large cruise ships. The traders"
    summarizer = GenerativeSummarizer(
        ScriptedGenerator(written, stop="time", seconds=120.0), NewsSummarizer()
    )
    t5_bot = HeadlineBot(Settings(), embedder=headline_bot.embedder, summarizer=summarizer)
    summary = t5_bot.summarize(harbour, Length("short"))
    assert [s.text for s in summary.sentences] == ["Port Elwyn councillors voted to ban large cruise ships."]
    assert summary.sentences[0].supported
    assert summary.notes == (
        "Generation stopped at the 120-second limit; the summary keeps only the sentences finished by then.",
    )
