"""Sentences, and articles built from paragraphs (one block becomes passages)."""

from __future__ import annotations

import pytest

from bot.ingest.segment import build_article, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Mr. Smith went to Washington. He stayed a week.",
            ["Mr. Smith went to Washington.", "He stayed a week."],
        ),
        (
            "The U.S. Navy sent two ships. They arrived on Friday.",
            ["The U.S. Navy sent two ships.", "They arrived on Friday."],
        ),
        (
            "The vote is on Jan. 19 at the council offices. Everyone may attend.",
            ["The vote is on Jan. 19 at the council offices.", "Everyone may attend."],
        ),
        (
            "Shares rose 3.5 per cent to 12.75 pounds. Analysts were surprised.",
            ["Shares rose 3.5 per cent to 12.75 pounds.", "Analysts were surprised."],
        ),
        (
            '"We are not leaving," she said. "This is our home."',
            ['"We are not leaving," she said.', '"This is our home."'],
        ),
        (
            "Is it safe? Nobody knows! The report is due in May.",
            ["Is it safe?", "Nobody knows!", "The report is due in May."],
        ),
        (
            "Dr. Ann Price spoke first. Prof. Lee followed.",
            ["Dr. Ann Price spoke first.", "Prof. Lee followed."],
        ),
        ("The board met. Mr. Rees chaired it.", ["The board met.", "Mr. Rees chaired it."]),
        ("", []),
    ],
)
def test_split_sentences(text, sentences):
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(
    ("n", "sizes"),
    [(6, [6]), (7, [3, 4]), (9, [3, 3, 3]), (10, [3, 3, 4]), (11, [3, 3, 3, 2])],
)
def test_a_block_of_more_than_six_sentences_becomes_passages_of_about_three(n, sizes):
    article = build_article([" ".join(f"Sentence {i} ends here." for i in range(n))])
    assert [len(p.sentences) for p in article.paragraphs] == sizes


def test_one_block_article_becomes_passages(data_dir):
    text = (data_dir / "one-block.txt").read_text(encoding="utf-8")
    article = build_article([text])
    assert len(article.paragraphs) == 3
    assert all(3 <= len(p.sentences) <= 4 for p in article.paragraphs)
    assert " ".join(p.text for p in article.paragraphs) == " ".join(text.split())
    assert "Mr. Gareth Jones" in article.paragraphs[1].text  # not cut at "Mr."


def test_build_article_numbers_paragraphs_and_sentences():
    article = build_article(["First one. Second one.", "Third one."], headline="Head", notes=["n"])
    assert [p.number for p in article.paragraphs] == [1, 2]
    assert [(s.text, s.paragraph, s.index) for s in article.sentences] == [
        ("First one.", 1, 0),
        ("Second one.", 1, 1),
        ("Third one.", 2, 2),
    ]
    assert article.headline == "Head" and article.notes == ("n",)


def test_short_single_paragraph_is_not_split():
    article = build_article(["One. Two. Three. Four."])
    assert len(article.paragraphs) == 1
