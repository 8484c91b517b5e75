"""The default summariser: styles and lengths, article order, paragraphs, no debris, no duplicates."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from bot.cli import main as cli_main
from bot.ingest.debris import is_debris
from bot.ingest.segment import build_article
from bot.summarize.base import Length, Summary, SummaryDict
from bot.summarize.extractive import NewsSummarizer, select_sentences, target_sentences


@pytest.fixture(scope="module")
def ferry_article(headline_bot, data_dir):
    return headline_bot.load_path(str(data_dir / "ferry-article.txt"))


@pytest.fixture(scope="module")
def plain_article():
    """Built directly (no cleaning), so the summariser's own debris guard is what is tested."""
    return build_article(
        [
            "A landslide has blocked the coast road between Wexby and Marlow after two days of heavy rain.",
            "By . Staff Reporter .",
            "Engineers said the road would stay shut for at least a week while the slope is made safe. "
            "Drivers face a diversion of 40 miles through the hills.",
            "Scroll down for video",
            "Engineers said the road would stay shut for at least a week while the slope is made safe.",
            "The county has spent £3m on cliff repairs since 2020. Residents have long called for a new "
            "inland route. A public meeting will be held in Wexby on Monday.",
        ]
    )


STYLE_CASES = [
    (Length("one-line"), 1, 1),
    (Length("short"), 2, 4),
    (Length("bullets"), 3, 5),
    (Length("short", sentences=2), 2, 2),
    (Length("bullets", sentences=4), 4, 4),
]


@pytest.mark.parametrize(("length", "low", "high"), STYLE_CASES)
def test_style_sets_the_number_of_sentences(headline_bot, ferry_article, length, low, high):
    summary = headline_bot.summarize(ferry_article, length)
    assert low <= len(summary.sentences) <= high


def test_short_style_stops_once_it_has_enough_words(headline_bot, ferry_article):
    from bot.summarize.extractive import SHORT_WORDS

    words = [len(s.text.split()) for s in headline_bot.summarize(ferry_article).sentences]
    assert sum(words[:-1]) < SHORT_WORDS


@pytest.mark.parametrize("words", [15, 40, 80])
def test_word_budget_is_respected_without_cutting_sentences(headline_bot, ferry_article, words):
    summary = headline_bot.summarize(ferry_article, Length(words=words))
    all_sentences = {s.text for s in ferry_article.sentences}
    assert summary.sentences
    assert all(s.text in all_sentences for s in summary.sentences)
    assert sum(len(s.text.split()) for s in summary.sentences) <= words


def test_sentences_come_in_article_order_with_their_paragraph(headline_bot, ferry_article):
    summary = headline_bot.summarize(ferry_article, Length("bullets", sentences=5))
    positions = [ferry_article.text.index(s.text) for s in summary.sentences]
    assert positions == sorted(positions)
    for s in summary.sentences:
        assert s.text in ferry_article.paragraph(s.paragraph).text


def test_never_debris_and_never_a_duplicate(headline_bot, plain_article):
    for n in (1, 3, 5, 7):
        summary = headline_bot.summarize(plain_article, Length(sentences=n))
        texts = [s.text for s in summary.sentences]
        assert not any(is_debris(t) for t in texts)
        assert not any("Scroll down" in t or "Staff Reporter" in t for t in texts)
        assert len({t for t in texts if t.startswith("Engineers said the road")}) <= 1


def test_bullets_text_and_headlines(headline_bot, ferry_article, plain_article):
    bullets = headline_bot.summarize(ferry_article, Length("bullets"))
    assert bullets.text.count("• ") == len(bullets.sentences)
    own = build_article(["The pier reopened today after a long repair."], headline="Pier reopens")
    assert headline_bot.summarize(own).headline == "Pier reopens"
    generated = headline_bot.summarize(plain_article)
    assert generated.headline == generated.generated_headline
    assert 1 <= len(generated.generated_headline.split()) <= 12


def test_the_lead_is_chosen_for_one_line(headline_bot, plain_article):
    summary = headline_bot.summarize(plain_article, Length("one-line"))
    assert summary.sentences[0].text.startswith("A landslide has blocked the coast road")


def test_engine_default_is_the_news_summarizer(headline_bot):
    assert isinstance(headline_bot.summarizer, NewsSummarizer)


def test_empty_article_gives_an_empty_summary(headline_bot):
    summary = headline_bot.summarize(build_article(["Scroll down for video"]))
    assert isinstance(summary, Summary)
    assert summary.sentences == ()


@pytest.mark.parametrize(
    ("length", "available", "expected"),
    [
        (Length("one-line"), 10, 1),
        (Length("short"), 2, 2),
        (Length("bullets"), 10, 3),
        (Length("bullets"), 60, 5),
        (Length(sentences=4), 10, 4),
        (Length(words=30), 9, 9),
    ],
)
def test_target_sentences(length, available, expected):
    assert target_sentences(length, available) == expected


def test_select_sentences_refuses_near_duplicates_and_keeps_order():
    vecs = np.array([[1.0, 0.0], [0.0, 1.0], [0.99, 0.141], [0.6, 0.8]])
    vecs = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    assert select_sentences([0.1, 0.5, 0.9, 0.3], [5, 5, 5, 5], vecs, count=3) == [1, 2, 3]


def test_cli_summarize_json_contract(data_dir, capsys, headline_bot):
    path = data_dir / "ferry-article.txt"
    assert cli_main(["summarize", str(path), "--style", "bullets", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == set(SummaryDict.__required_keys__)
    # The CLI prints the one JSON contract, ``Summary.to_dict()`` (with the article's notes added).
    summary = headline_bot.summarize(headline_bot.load(path.read_bytes()), Length("bullets"))
    assert out == summary.to_dict()
    assert out["headline"] in {"Ferry strike halts island crossings", out["generated_headline"]}
    assert len(out["generated_headline"].split()) <= 12
    assert all({"text", "paragraph"} <= set(s) and isinstance(s["paragraph"], int) for s in out["sentences"])
    assert out["summary"].count("• ") == len(out["sentences"])


def test_cli_summarize_text_and_words(data_dir, capsys):
    assert cli_main(["summarize", str(data_dir / "ferry-article.txt"), "--words", "30"]) == 0
    headline, body = capsys.readouterr().out.split("\n\n", 1)
    assert headline.strip()
    assert len(re.findall(r"\S+", body)) <= 30
