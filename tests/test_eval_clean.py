"""``headline-bot eval clean`` on tiny evaluation files written in the test: JSON shape and real numbers."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bot.evaluate.metrics import aggregate, f1, token_prf

BODY = (
    "Councillors voted on Tuesday to ban large cruise ships from the harbour from next April.\n\n"
    "The motion passed by 14 votes to 5 after a debate that lasted more than four hours."
)
SCRAPED = (
    "Home\nNews\nSport\nSign in\n\nHarbour votes to ban cruise ships\n\n" + BODY + "\n\nShare this article\n"
)
HTML = (
    "<html><head><title>Harbour votes to ban cruise ships</title></head><body><nav><a href='/'>Home</a>"
    "<a href='/news'>News</a></nav><article><h1>Harbour votes to ban cruise ships</h1>"
    + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    + "<p>Read More</p></article><footer>Privacy Policy</footer></body></html>"
)


def write(path: Path, records: list[dict[str, str]]) -> Path:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as f:  # type: ignore[operator]
        for r in records:
            f.write(json.dumps(r) + "\n")
    return path


def run_eval(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "eval", "clean", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_scraped_text_file(tmp_path):
    other = {"id": "2", "scraped_text": "Menu\n\n" + BODY.upper() + "\n\nComments", "text": BODY}
    path = write(tmp_path / "text.jsonl", [{"id": "1", "scraped_text": SCRAPED, "text": BODY}, other])
    result = run_eval("--data", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["records"] == 2
    assert set(data["methods"]) == {"headline-bot", "no-cleaning"}
    for scores in data["methods"].values():
        assert set(scores) == {"precision", "recall", "f1", "ms_per_article"}
        assert all(0.0 <= scores[k] <= 1.0 for k in ("precision", "recall", "f1"))
        assert scores["ms_per_article"] >= 0
    # no-cleaning computed by hand: the whole scraped text against the body.
    expected = aggregate([token_prf(SCRAPED, BODY), token_prf(other["scraped_text"], BODY)])
    assert data["methods"]["no-cleaning"] == pytest.approx(
        {**expected, "ms_per_article": pytest.approx(0, abs=5)}
    )
    assert data["methods"]["headline-bot"]["precision"] > data["methods"]["no-cleaning"]["precision"]
    # On the first record alone the cleaner recovers the body exactly.
    first = json.loads(run_eval("--data", str(path), "--json", "--limit", "1").stdout)
    assert first["records"] == 1
    assert first["methods"]["headline-bot"]["f1"] == pytest.approx(1.0)
    assert first["methods"]["no-cleaning"]["f1"] == pytest.approx(f1(*token_prf(SCRAPED, BODY)))


def test_html_file_gz_with_limit_and_table(tmp_path):
    records = [{"id": str(i), "html": HTML, "text": BODY} for i in range(3)]
    path = write(tmp_path / "html.jsonl.gz", records)
    data = json.loads(run_eval("--data", str(path), "--json", "--limit", "2").stdout)
    assert data["records"] == 2
    assert set(data["methods"]) == {"headline-bot", "no-cleaning", "trafilatura"}
    assert data["methods"]["headline-bot"]["f1"] == pytest.approx(1.0)
    assert data["methods"]["headline-bot"]["f1"] >= data["methods"]["trafilatura"]["f1"]
    assert data["methods"]["no-cleaning"]["precision"] == pytest.approx(token_prf(HTML, BODY)[0])

    table = run_eval("--data", str(path))
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert lines[0].startswith("Extraction on") and "(3 records)" in lines[0]
    assert [ln.split()[0] for ln in lines[2:]] == ["headline-bot", "no-cleaning", "trafilatura"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No such data file"),
        ('{"id": 1, "body": "x"}\n', "needs an 'html' or 'scraped_text' field, and a ground-truth 'text'"),
        ('{"id": 1, "scraped_text": "x", "text": null}\n', "a ground-truth 'text' or a 'title'"),
        ("not json\n", "line 1: not valid JSON; expected one object per line."),
        ("", "holds no records"),
    ],
)
def test_bad_data_files(tmp_path, content, message):
    path = tmp_path / "data.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run_eval("--data", str(path))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("pred", "truth", "p", "r"),
    [
        ("a b c", "a b c", 1.0, 1.0),
        ("a a b", "a b b", 2 / 3, 2 / 3),
        ("a b c d", "a b", 0.5, 1.0),
        ("", "a b", 0.0, 0.0),
        ("x", "", 0.0, 1.0),
    ],
)
def test_token_prf_counts_multisets(pred, truth, p, r):
    assert token_prf(pred, truth) == pytest.approx((p, r))
    common = sum((Counter(pred.split()) & Counter(truth.split())).values())
    assert common <= min(len(pred.split()), len(truth.split()))


def test_f1_of_means():
    assert aggregate([(1.0, 1.0), (0.0, 0.0)]) == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert f1(1.0, 0.0) == 0.0


def test_records_without_body_count_for_headlines_only(tmp_path):
    titled = {"id": "1", "scraped_text": SCRAPED, "text": BODY, "title": "Harbour votes to ban cruise ships"}
    no_body = {
        "id": "2",
        "scraped_text": "Menu\nSearch\n\nCouncil shuts old pier\n\n"
        + BODY.replace("cruise ships", "visitors"),
        "text": None,
        "title": "Council shuts old pier | The Coast News",
    }
    wrong = {"id": "3", "scraped_text": SCRAPED, "text": None, "page_title": "A different story altogether"}
    path = write(tmp_path / "titled.jsonl", [titled, no_body, wrong])
    predictions = tmp_path / "out" / "pred.jsonl"
    predictions.parent.mkdir()
    result = run_eval("--data", str(path), "--json", "--predictions", str(predictions))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["records"] == 3 and data["records_with_body"] == 1 and data["records_with_title"] == 3
    bot, raw = data["methods"]["headline-bot"], data["methods"]["no-cleaning"]
    # Token scores from the one record with a body; headlines: 2 of 3 match their title.
    assert bot["f1"] == pytest.approx(1.0)
    assert bot["headline_accuracy"] == pytest.approx(2 / 3)
    assert raw["headline_accuracy"] == 0.0  # the first lines are "Home" and "Menu"
    assert raw["f1"] == pytest.approx(f1(*token_prf(SCRAPED, BODY)))
    rows = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert rows[1]["headline"] == "Council shuts old pier" and rows[1]["headline_match"] is True
    assert rows[0]["text"] == BODY and rows[2]["headline_match"] is False

    table = run_eval("--data", str(path))
    assert table.returncode == 0 and "Traceback" not in table.stderr
    assert "token scores over the 1 records with a ground-truth body" in table.stdout


def test_html_headline_baseline_is_trafilatura_metadata(tmp_path):
    record = {"id": "1", "html": HTML, "text": BODY, "title": "Harbour votes to ban cruise ships"}
    data = json.loads(run_eval("--data", str(write(tmp_path / "h.jsonl", [record])), "--json").stdout)
    assert data["methods"]["headline-bot"]["headline_accuracy"] == 1.0
    assert data["methods"]["trafilatura"]["headline_accuracy"] == 1.0
    assert "headline_accuracy" not in data["methods"]["no-cleaning"]


def test_predictions_path_that_cannot_be_written(tmp_path):
    path = write(tmp_path / "t.jsonl", [{"id": "1", "scraped_text": SCRAPED, "text": BODY}])
    result = run_eval("--data", str(path), "--predictions", str(tmp_path / "missing" / "p.jsonl"))
    assert result.returncode == 2
    assert "Cannot write the predictions" in result.stderr and "Traceback" not in result.stderr
