"""``headline-bot clean`` run as a real subprocess: output formats, stdin, and errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEADLINE = "Harbour town votes to ban cruise ships after summer of crowding"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "clean", *args], input=stdin, capture_output=True, timeout=120, env=env
    )


def test_text_output_is_headline_blank_line_paragraphs(data_dir):
    result = run(str(data_dir / "harbour-article.txt"))
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("utf-8")
    blocks = out.rstrip("\n").split("\n\n")
    assert blocks[0] == HEADLINE
    assert len(blocks) == 1 + 8
    assert blocks[1].startswith("Councillors in the harbour town of Port Elwyn")
    assert "Read More" not in out and "(Image:" not in out and "Video Loading" not in out


def test_json_output(data_dir):
    result = run(str(data_dir / "harbour-article.txt"), "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert {"headline", "paragraphs", "removed"} <= set(data)
    assert data["headline"] == HEADLINE
    assert len(data["paragraphs"]) == 8 and all(isinstance(p, str) for p in data["paragraphs"])
    assert "(Image: Elwyn Gazette)" in data["removed"]
    assert "Share this article" in data["removed"]


def test_json_headline_is_null_when_there_is_none(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(
        "The council met on Tuesday and voted to ban large cruise ships from the harbour.\n\n"
        "The ban starts in April and covers ships carrying more than 500 passengers.\n",
        encoding="utf-8",
    )
    data = json.loads(run(str(path), "--json").stdout)
    assert data["headline"] is None
    assert len(data["paragraphs"]) == 2


def test_stdin_and_html(data_dir):
    result = run("-", "--json", stdin=(data_dir / "library-article.html").read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["headline"] == "Valley library reopens after flood repairs"
    assert data["paragraphs"][0].startswith("The Valley Library in Ashford Mill")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "headline-bot: error: No such file:"),
        (b"", "headline-bot: error: The input is empty."),
        (b"  \n\n  ", "headline-bot: error: The input is empty."),
        (b"%PDF-1.4 binary", "headline-bot: error: This looks like a PDF file, not text or HTML."),
        (bytes(range(256)), "headline-bot: error: This is binary data, not text or HTML."),
        (b"Home\nNews\nSport\nShare this article", "headline-bot: error: No article text was found"),
    ],
    ids=["missing", "empty", "whitespace", "pdf", "binary", "debris only"],
)
def test_errors_exit_2_with_one_line_and_no_traceback(tmp_path, content, message):
    path: Path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    result = run(str(path))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert err.startswith(message)
    assert err.count("\n") == 1 and "Traceback" not in err
    assert result.stdout == b""


def test_empty_stdin_is_an_error():
    result = run("-", stdin=b"")
    assert result.returncode == 2
    assert result.stderr.decode().startswith("headline-bot: error: The input is empty.")
