"""Same-article abstention on an article we wrote: the features that catch a changed detail (a counted
thing, a number, a negation the quoted sentence does not hold), measured through the real index
and retrieval, and the shipped model's decision on questions that only look answerable."""

from __future__ import annotations

import pytest

from bot.qa.answer import choose_sentences
from bot.qa.answerability import FEATURES, evidence, shipped_model
from bot.retrieval.retrieve import retrieve


@pytest.fixture(scope="module")
def harbour_index(headline_bot, harbour_text):
    return headline_bot.index(headline_bot.load(harbour_text))


def features(index, question: str) -> dict[str, float]:
    found = retrieve(index, question, "hybrid")
    ev = evidence(index, found, question, choose_sentences(index, found, question))
    return dict(zip(FEATURES, ev.values.tolist(), strict=True))


@pytest.mark.parametrize(
    ("question", "feature", "value"),
    [
        ("How many councillors voted for the ban?", "counted_missing", 0.0),
        ("How many nurses voted for the ban?", "counted_missing", 1.0),
        ("How many councillors voted for the ban?", "type_missing", 0.0),
        ("How many councillors voted for the ban in 1999?", "numbers_missing", 1.0),
        ("How many councillors voted for the ban?", "numbers_missing", 0.0),
        ("Which councillors did not vote for the ban?", "negation_mismatch", 1.0),
        ("Which councillors voted for the ban?", "negation_mismatch", 0.0),
        ("How many councillors voted for the ban?", "wants_number", 1.0),
        ("Who brought the motion?", "wants_person", 1.0),
    ],
)
def test_changed_details_show_in_the_features(harbour_index, question, feature, value):
    assert features(harbour_index, question)[feature] == value


def test_every_feature_is_finite_and_in_the_shipped_weights(harbour_index):
    model = shipped_model()
    values = features(harbour_index, "Who brought the motion?")
    assert len(values) == len(FEATURES) == len(model.coef)
    assert all(v == v and abs(v) < 1e6 for v in values.values())


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("How many councillors voted for the ban?", True),
        ("Who brought the motion?", True),
        ("How much will the visitor levy be per night?", True),
        # the model forgives a term the article never uses (common in answerable SQuAD questions);
        # what "how many" counts, when the article never mentions it, is refused by rule
        ("How many nurses work in Port Elwyn?", False),
        ("What is the weather in Paris tomorrow?", False),
    ],
)
def test_the_shipped_model_separates_answered_from_look_alikes(
    headline_bot, harbour_index, question, answered
):
    assert headline_bot.ask(harbour_index.article, question).answerable is answered
