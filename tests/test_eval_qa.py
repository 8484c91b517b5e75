"""`headline-bot eval qa` on a tiny QA file we write here: the JSON shape and the numbers."""

from __future__ import annotations

import argparse
import gzip
import json

import pytest

from bot.errors import InputError
from bot.evaluate.qa import (
    build_corpus,
    contains_answer,
    evaluate,
    evaluate_method,
    main,
    normalize_answer,
    read_qa,
    wrong_doc,
)
from bot.qa.answer import answer_question
from bot.retrieval.retrieve import retrieve

DOCS = [
    {
        "id": "bakery",
        "paragraphs": [
            "The Millbrook bakery opened in 1962 on the corner of Station Road.",
            "Its sourdough loaf, baked every morning at four, sells out before nine.",
            "The owners, Tom and Ada Price, plan to retire next spring.",
        ],
        "qas": [
            {"question": "When did the bakery open?", "answers": ["1962"], "paragraph_index": 0},
            {"question": "At what time is the sourdough baked?", "answers": ["four"], "paragraph_index": 1},
            {"question": "Who owns the bakery?", "answers": ["Tom and Ada Price"], "paragraph_index": 2},
        ],
    },
    {
        "id": "marathon",
        "paragraphs": [
            "More than 12,000 runners finished the city marathon on Sunday despite heavy rain.",
            "The men's race was won by Kofi Mensah in two hours and nine minutes.",
            "Organisers said the course will change next year to avoid the river bridge.",
        ],
        "qas": [
            {
                "question": "How many runners finished the marathon?",
                "answers": ["12,000"],
                "paragraph_index": 0,
            },
            {"question": "Who won the men's race?", "answers": ["Kofi Mensah"], "paragraph_index": 1},
            {
                "question": "Why will the marathon course change?",
                "answers": ["river bridge"],
                "paragraph_index": 2,
            },
        ],
    },
    {
        "id": "library",
        "paragraphs": [
            "The town library will stay open until ten at night during exam season.",
            "A new reading room for children was paid for by a local charity.",
        ],
        "qas": [
            {
                "question": "How late does the library stay open?",
                "answers": ["ten at night"],
                "paragraph_index": 0,
            },
            {
                "question": "Who paid for the children's reading room?",
                "answers": ["a local charity"],
                "paragraph_index": 1,
            },
        ],
    },
]
KEYS = {
    "recall_at_1",
    "recall_at_3",
    "pooled_recall_at_1",
    "pooled_recall_at_3",
    "answer_accuracy",
    "refused_wrong_doc",
    "answered_right_doc",
    "ms_per_question",
}


@pytest.fixture()
def qa_file(tmp_path):
    path = tmp_path / "qa.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in DOCS) + "\n", encoding="utf-8")
    return path


def test_json_shape(qa_file, capsys):
    assert main(argparse.Namespace(data=str(qa_file), limit=None, json=True)) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"records", "methods"} and out["records"] == 3
    assert set(out["methods"]) == {"headline-bot", "bm25", "dense"}
    for figures in out["methods"].values():
        assert set(figures) == KEYS
        assert all(0 <= figures[k] <= 1 for k in KEYS - {"ms_per_question"})
        assert figures["recall_at_1"] <= figures["recall_at_3"]
        assert figures["ms_per_question"] > 0


def test_table_and_limit(qa_file, capsys):
    assert main(argparse.Namespace(data=str(qa_file), limit=2, json=False)) == 0
    text = capsys.readouterr().out
    assert text.startswith("2 documents, 6 questions;")
    assert "headline-bot" in text and "bm25" in text and "dense" in text


def test_numbers_match_a_direct_count(qa_file, headline_bot):
    records = read_qa(qa_file)
    corpus = build_corpus(records, headline_bot.embedder)
    assert corpus.offsets == [0, 3, 6]
    for mode in ("hybrid", "bm25", "dense"):
        figures = evaluate_method(corpus, mode)
        hits = refused = correct = 0
        for q in corpus.questions:
            home = corpus.indexes[q.doc]
            hits += retrieve(home, q.text, mode).ranking[0] == q.paragraph
            away = corpus.indexes[wrong_doc(q.doc, 3)]
            refused += not answer_question(away, q.text, mode=mode).answerable
            reply = answer_question(home, q.text, mode=mode, threshold=float("-inf"))
            correct += contains_answer(" ".join(s.text for s in reply.sentences), q.answers)
        n = len(corpus.questions)
        assert figures["recall_at_1"] == round(hits / n, 4)
        assert figures["refused_wrong_doc"] == round(refused / n, 4)
        assert figures["answer_accuracy"] == round(correct / n, 4)
    assert evaluate_method(corpus, "hybrid")["recall_at_1"] >= 0.75


def test_gzip_is_read(tmp_path, headline_bot):
    path = tmp_path / "qa.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(d) for d in DOCS))
    assert evaluate(read_qa(path, limit=2), headline_bot.embedder)["records"] == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No such data file: {path}. Give the path to a .jsonl or .jsonl.gz file."),
        ("{oops\n", "{path}, line 1: not valid JSON; expected one object per line."),
        ('{"paragraphs": "x"}\n', '{path}, line 1: each record needs "paragraphs" (a list), "qas" (a list).'),
        (
            json.dumps(DOCS[0]) + "\n",
            "{path}: QA evaluation needs at least two documents (to ask across them).",
        ),
    ],
)
def test_bad_data_files(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_qa(path)
    assert caught.value.message == message.format(path=path)


@pytest.mark.parametrize(
    ("reply", "answers", "expected"),
    [
        ("It opened in 1962.", ["1962"], True),
        ("The Denver Broncos won.", ["Denver Broncos"], True),
        ("Sold for £1,962.", ["1962"], False),
        ("Tom and Ada Price own it.", ["tom and ada price"], True),
        ("Nothing here.", ["", "x"], False),
    ],
)
def test_contains_answer(reply, answers, expected):
    assert contains_answer(reply, answers) is expected


def test_normalize_answer():
    assert normalize_answer("An “Apple”, the pie!") == "apple pie"
