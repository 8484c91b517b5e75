"""``headline-bot summarize --batch``: every record gets a line, bad ones an error, and runs resume."""

from __future__ import annotations

import io
import json

import pytest

from bot.batch import finished_keys, parse_line, run_batch
from bot.cli import main
from bot.summarize.base import Length


@pytest.fixture()
def articles(tmp_path, data_dir):
    """Five good records (text and HTML) and four bad ones, mixed."""
    text = {
        n: (data_dir / f"{n}-article.txt").read_text(encoding="utf-8") for n in ("harbour", "ferry", "bridge")
    }
    rows = [
        json.dumps({"id": "harbour", "text": text["harbour"]}),
        "this is not json",
        json.dumps({"id": "ferry", "text": text["ferry"]}),
        json.dumps({"id": "no-source", "title": "nothing to read"}),
        json.dumps({"id": 17, "html": (data_dir / "library-article.html").read_text(encoding="utf-8")}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "too-short", "text": "Hi."}),
        "",
        json.dumps({"id": "bridge", "text": text["bridge"]}),
        json.dumps({"id": "orchard", "text": (data_dir / "orchard-article.txt").read_text(encoding="utf-8")}),
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_record_gets_a_line_in_order(headline_bot, articles, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run_batch(headline_bot, articles, out, Length(), chunk_size=3, progress=False)
    rows = read(out)
    assert [r["id"] for r in rows] == [
        "harbour",
        None,
        "ferry",
        "no-source",
        "17",
        "empty",
        "too-short",
        "bridge",
        "orchard",
    ]
    assert [r["line"] for r in rows] == [1, 2, 3, 4, 5, 6, 7, 9, 10]
    errors = {r["line"]: r["error"] for r in rows if "error" in r}
    assert set(errors) == {2, 4, 6, 7}
    assert errors[2] == "line 2 is not a JSON object"
    assert errors[4] == "the record has none of text, html or url"
    assert errors[6] == "the record's text is empty"
    assert "too short" in errors[7].lower() or "article" in errors[7].lower()
    assert (result.done, result.failed, result.skipped) == (5, 4, 0)
    good = {r["id"]: r for r in rows if "error" not in r}
    assert good["17"]["headline"] == "Valley library reopens after flood repairs"
    assert all(r["summary"] and r["sentences"] for r in good.values())


def test_batch_summaries_equal_one_at_a_time_ones(headline_bot, articles, tmp_path, data_dir):
    from bot.engine import HeadlineBot
    from bot.models.onnx_embed import OnnxEmbedder

    exact = HeadlineBot(headline_bot.settings, embedder=OnnxEmbedder(quantize=False))
    out = tmp_path / "out.jsonl"
    run_batch(exact, articles, out, Length(), chunk_size=4, progress=False)
    batch = {r["id"]: r["summary"] for r in read(out) if "error" not in r}
    for name in ("harbour", "bridge"):
        article = exact.load((data_dir / f"{name}-article.txt").read_text(encoding="utf-8"))
        assert batch[name] == exact.summarize(article).text


def test_an_interrupted_run_resumes_without_redoing_records(headline_bot, articles, tmp_path):
    out = tmp_path / "out.jsonl"
    run_batch(headline_bot, articles, out, Length(), progress=False)
    full = out.read_text(encoding="utf-8").splitlines(keepends=True)
    # as if killed while writing the fourth line
    out.write_text("".join(full[:3]) + full[3][:20], encoding="utf-8")
    assert finished_keys(out) == {"harbour", "line 2", "ferry"}
    result = run_batch(headline_bot, articles, out, Length(), progress=False)
    assert (result.done + result.failed, result.skipped) == (6, 3)
    assert out.read_text(encoding="utf-8").splitlines(keepends=True) == full


def test_progress_bar_shows_rate_and_eta(headline_bot, articles, tmp_path):
    stream = io.StringIO()
    run_batch(headline_bot, articles, tmp_path / "out.jsonl", Length(), progress=True, stream=stream)
    shown = stream.getvalue()
    assert "9/9" in shown and "article/s" in shown and "<" in shown


def test_cli(headline_bot, articles, tmp_path, capsys):
    out = tmp_path / "summaries.jsonl"
    assert main(["summarize", "--batch", str(articles), "-o", str(out), "--style", "one-line"]) == 0
    assert "5 summarised, 4 failed, 0 already done" in capsys.readouterr().err
    assert all(len(r["sentences"]) == 1 for r in read(out) if "error" not in r)
    assert main(["summarize", "--batch", str(articles), "-o", str(out)]) == 0
    assert "0 summarised, 0 failed, 9 already done" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["summarize", "--batch", "missing.jsonl", "-o", "x.jsonl"], "No such file: missing.jsonl"),
        (["summarize", "--batch", "in.jsonl"], "needs both --batch"),
        (["summarize", "-o", "out.jsonl"], "needs both --batch"),
    ],
)
def test_cli_errors_are_one_line(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"id": "a", "url": "https://example.org/x"}', ("a", "url", None)),
        ('{"id": "a", "text": "", "html": "<p>x</p>"}', ("a", "html", None)),
        ('{"text": "Body."}', (None, None, "the record has no id")),
        ("[1, 2]", (None, None, "line 1 is not a JSON object")),
    ],
)
def test_parse_line(line, expected):
    record = parse_line(line, 1)
    assert (record.id, record.field, record.error) == expected
