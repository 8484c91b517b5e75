"""Grounded answers, citations, sources and abstention, on articles we wrote."""

from __future__ import annotations

import re

import pytest

from bot.article import CitedSentence, Sentence
from bot.errors import QuestionError
from bot.qa.answer import Answer, answer_question, compose, pointer, prepare_question


@pytest.fixture(scope="module")
def harbour(headline_bot, harbour_text):
    return headline_bot.load(harbour_text)


@pytest.fixture(scope="module")
def orchard(headline_bot, data_dir):
    return headline_bot.load((data_dir / "orchard-article.txt").read_text(encoding="utf-8"))


def check_grounded(answer: Answer, article) -> None:
    """Every citation names a returned source, every source is the article's paragraph."""
    cited = {int(n) for n in re.findall(r"\[¶(\d+)\]", answer.text)}
    assert cited == {s.paragraph for s in answer.sources}
    for source in answer.sources:
        assert article.paragraph(source.paragraph).text == source.text
    for sentence in answer.sentences:
        assert isinstance(sentence, CitedSentence)
        assert sentence.text in article.paragraph(sentence.paragraph).text
        assert sentence.text in answer.text


HARBOUR_QUESTIONS = [
    ("Who brought the motion?", "Maria Okafor"),
    ("By how many votes did the motion pass?", "14 votes to 5"),
    ("How much could shops lose?", "2.5 million pounds"),
    ("How much is the visitor levy?", "3 pounds per night"),
    ("How many passengers arrived in August?", "9,400"),
    ("Who is the chairman of the traders' association?", "Dafydd Rees"),
    ("Can small ships still visit?", "fewer than 500 passengers"),
    ("What will the levy money pay for?", "lifeboat station"),
]


@pytest.mark.parametrize(("question", "expected"), HARBOUR_QUESTIONS)
def test_answers_quote_the_sentence_that_answers(headline_bot, harbour, question, expected):
    answer = headline_bot.ask(harbour, question)
    assert answer.answerable, answer.text
    assert expected in answer.text
    assert 1 <= len(answer.sentences) <= 2
    assert answer.question == question
    check_grounded(answer, harbour)


@pytest.mark.parametrize(
    "question",
    [
        "Who won the football match on Saturday?",
        "What is the capital of Peru?",
        "How many goals did the striker score?",
        "What did the prime minister say about interest rates?",
    ],
)
def test_questions_the_article_does_not_answer_are_refused(headline_bot, harbour, question):
    answer = headline_bot.ask(harbour, question)
    assert not answer.answerable
    assert answer.text.startswith("The article doesn't say.")
    assert len(answer.sources) <= 1 and answer.sentences == ()
    for source in answer.sources:  # a pointer only to a passage on the question's subject
        assert f"¶{source.paragraph}" in answer.text


def test_a_refusal_on_the_subject_points_at_the_passage(headline_bot, harbour):
    index = headline_bot.index(harbour)
    answer = answer_question(index, "How much is the visitor levy?", threshold=1.01)  # forced refusal
    assert not answer.answerable and answer.sentences == ()
    assert answer.text.startswith("The article doesn't say. The closest passage is ¶")
    assert len(answer.sources) == 1 and "visitor levy" in answer.sources[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When did the frost hit?", "14 April"),
        ("What temperature did it fall to?", "minus four degrees"),
        ("How big will the harvest be?", "18,000 tonnes"),
    ],
)
def test_questions_are_answered_at_home_and_refused_by_the_other_article(
    headline_bot, harbour, orchard, question, expected
):
    home = headline_bot.ask(orchard, question)
    assert home.answerable and expected in home.text
    assert not headline_bot.ask(harbour, question).answerable


@pytest.mark.parametrize("question", ["Who brought the motion?", "How much could shops lose?"])
def test_harbour_questions_are_refused_by_the_orchard_article(headline_bot, orchard, question):
    assert not headline_bot.ask(orchard, question).answerable


def test_evidence_threshold_decides(headline_bot, harbour):
    index = headline_bot.index(harbour)
    strong = answer_question(index, "Who brought the motion?")
    assert (
        answer_question(index, "Who brought the motion?", threshold=strong.evidence + 0.01).answerable
        is False
    )
    assert answer_question(index, "Who brought the motion?", threshold=strong.evidence).answerable is True


def test_exclude_gives_the_next_sentences(headline_bot, harbour):
    first = headline_bot.ask(harbour, "What did Okafor say?")
    more = headline_bot.ask(harbour, "What did Okafor say?", exclude=first.sentence_indices)
    assert more.answerable
    assert not set(more.sentence_indices) & set(first.sentence_indices)


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_empty_question_is_a_question_error(headline_bot, harbour, question):
    with pytest.raises(
        QuestionError, match=re.escape("The question is empty; type a question about the article.")
    ):
        headline_bot.ask(harbour, question)


def test_long_question_is_cut_with_a_note(headline_bot, harbour):
    limit = headline_bot.settings.max_question_chars
    question = "How much could shops lose " + "and why " * (limit // 4)
    answer = headline_bot.ask(harbour, question)
    assert len(answer.question) <= limit
    assert answer.notes == (f"Your question was cut to its first {limit:,} characters.",)


@pytest.mark.parametrize(
    ("question", "limit", "expected"),
    [
        ("  a  b ", 10, ("a b", ())),
        ("abcdef", 3, ("abc", ("Your question was cut to its first 3 characters.",))),
        ("ab cd ef", 4, ("ab", ("Your question was cut to its first 4 characters.",))),
        ("ab cd ef", 6, ("ab cd", ("Your question was cut to its first 6 characters.",))),
    ],
)
def test_prepare_question(question, limit, expected):
    assert prepare_question(question, limit) == expected


def test_compose_and_pointer():
    s = [Sentence("B.", 2, 5), Sentence("A.", 1, 0)]
    assert compose(s) == "A. [¶1] B. [¶2]"
    assert pointer("a b c", 5) == "a b c"
