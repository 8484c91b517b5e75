"""``headline-bot eval summarize`` and ``eval headline`` on tiny data files written here."""

from __future__ import annotations

import gzip
import json

import pytest

from bot.cli import main as cli_main
from bot.ingest.segment import split_sentences

ARTICLES = [
    (
        "The town of Wexby has opened a new library in its old railway station. The building cost £2m "
        "and took two years to restore. Volunteers moved 40,000 books in a single weekend. The mayor "
        "said the library would open late on Thursdays. Local schools have already booked visits.",
        "Wexby library opens in station",
    ),
    (
        "A rare white stork has been seen nesting on a church roof in Marlow. Birdwatchers have "
        "travelled from across the country to see it. The bird was ringed in Poland three years ago. "
        "Church officials have closed the tower to visitors until the chicks hatch. Experts say it is "
        "the first nest in the county for a century.",
        "Rare stork nests on church roof",
    ),
    (
        "Heavy rain has flooded the main road into Alder for the second time this month. Drivers were "
        "told to use the hill route instead. The council said pumps had been sent to the area. Shops "
        "on the high street reported few customers. Forecasters expect more rain on Sunday.",
        "Floods close Alder road again",
    ),
]


def _first(text: str, n: int) -> str:
    """The first ``n`` sentences as the product splits them."""
    return " ".join(split_sentences(text)[:n])


def _write(path, records):
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record) + "\n")
    return path


def _run(argv, capsys):
    assert cli_main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module", autouse=True)
def _one_bot(headline_bot):
    """Load MiniLM once for the module (the eval builds its own bot; the model files are cached)."""


def test_eval_summarize_json_shape_and_lead_is_exact(tmp_path, capsys):
    # The reference is the first three sentences: Lead-3 must score exactly 100.
    records = [{"id": str(i), "article": a, "reference": _first(a, 3)} for i, (a, _) in enumerate(ARTICLES)]
    out = _run(
        ["eval", "summarize", "--data", str(_write(tmp_path / "news.jsonl", records)), "--json"], capsys
    )
    assert out["records"] == 3
    assert set(out["methods"]) == {"headline-bot", "hand-set-prior", "lead-3", "lexrank", "textrank"}
    for row in out["methods"].values():
        assert set(row) == {"rouge1", "rouge2", "rougeLsum", "ms_per_article"}
        assert all(0 <= row[k] <= 100 for k in ("rouge1", "rouge2", "rougeLsum"))
        assert row["ms_per_article"] > 0
    assert out["methods"]["lead-3"] == out["methods"]["lead-3"] | {
        "rouge1": 100.0,
        "rouge2": 100.0,
        "rougeLsum": 100.0,
    }
    assert out["methods"]["headline-bot"]["rouge1"] > 50


def test_eval_summarize_uses_lead_1_on_xsum_like_data(tmp_path, capsys):
    records = [
        {"id": str(i), "article": a, "reference": "A summary in one sentence."}
        for i, (a, _) in enumerate(ARTICLES)
    ]
    out = _run(
        ["eval", "summarize", "--data", str(_write(tmp_path / "xsum.jsonl", records)), "--json"], capsys
    )
    assert set(out["methods"]) == {"headline-bot", "hand-set-prior", "lead-1", "lexrank", "textrank"}
    # Detected by reference length too, whatever the file is called.
    out = _run(
        ["eval", "summarize", "--data", str(_write(tmp_path / "other.jsonl", records)), "--json"], capsys
    )
    assert "lead-1" in out["methods"]


def test_eval_summarize_reads_gzip_with_paragraphs_and_limit(tmp_path, capsys):
    records = [
        {"id": str(i), "article": a.replace(". ", ".\n\n", 1), "headline": h, "reference": _first(a, 2)}
        for i, (a, h) in enumerate(ARTICLES)
    ]
    path = _write(tmp_path / "bbc.jsonl.gz", records)
    out = _run(["eval", "summarize", "--data", str(path), "--limit", "2", "--json"], capsys)
    assert out["records"] == 2 and "lead-3" in out["methods"]


def test_eval_headline_against_first_ten_words(tmp_path, capsys):
    records = [
        {"id": str(i), "article": a, "headline": " ".join(a.split()[:10]), "reference": ""}
        for i, (a, _) in enumerate(ARTICLES)
    ]
    out = _run(
        ["eval", "headline", "--data", str(_write(tmp_path / "h.jsonl.gz", records)), "--json"], capsys
    )
    assert out["records"] == 3
    assert out["methods"]["first-10-words"]["rouge1"] == 100.0
    assert 0 < out["methods"]["headline-bot"]["rouge1"] < 100
    assert out["methods"]["headline-bot"]["words"] <= 12
    assert out["methods"]["headline-bot"]["malformed"] == 0
    # The baseline cuts mid-phrase: "... has opened a new library in its" ends on a function word.
    assert out["methods"]["first-10-words"]["malformed"] >= 1


def test_eval_predictions_files(tmp_path, capsys):
    records = [
        {"id": f"r{i}", "article": a, "headline": h, "reference": _first(a, 3)}
        for i, (a, h) in enumerate(ARTICLES)
    ]
    data = str(_write(tmp_path / "news.jsonl", records))
    summaries, headlines = tmp_path / "summaries.jsonl", tmp_path / "headlines.jsonl"
    _run(["eval", "summarize", "--data", data, "--json", "--predictions", str(summaries)], capsys)
    rows = [json.loads(line) for line in summaries.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["r0", "r1", "r2"]
    assert rows[1]["reference"] == records[1]["reference"]
    assert rows[0]["predictions"]["lead-3"] == split_sentences(ARTICLES[0][0])[:3]
    assert set(rows[0]["predictions"]) == {"headline-bot", "hand-set-prior", "lead-3", "lexrank", "textrank"}
    _run(["eval", "headline", "--data", data, "--json", "--predictions", str(headlines)], capsys)
    rows = [json.loads(line) for line in headlines.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["reference"]) for r in rows] == [(f"r{i}", h) for i, (_, h) in enumerate(ARTICLES)]
    assert all(r["predictions"]["headline-bot"] and r["problems"]["headline-bot"] == [] for r in rows)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No such data file"),
        ("not json\n", "not valid JSON"),
        ('{"id": 1}\n', 'line 1: each record needs "article" (a text).'),
        ("", "holds no records"),
    ],
)
def test_bad_data_is_one_clear_line(tmp_path, capsys, content, message):
    path = tmp_path / "data.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert cli_main(["eval", "summarize", "--data", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
