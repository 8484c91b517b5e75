"""`headline-bot ask` and `headline-bot chat`, run as a person runs them (subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"}


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        timeout=300,
    )


@pytest.fixture(scope="module")
def harbour_path(data_dir):
    return str(data_dir / "harbour-article.txt")


def test_ask_json_contract(harbour_path):
    done = cli("ask", harbour_path, "How much could shops lose?", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert set(out) == {"answer", "answerable", "sources", "sentences", "notes"} and out["notes"] == []
    assert out["answerable"] is True and "2.5 million pounds" in out["answer"]
    assert out["sources"] and all(set(s) == {"paragraph", "text"} for s in out["sources"])
    for source in out["sources"]:
        assert isinstance(source["paragraph"], int) and f"[¶{source['paragraph']}]" in out["answer"]
        assert source["text"] in Path(harbour_path).read_text(encoding="utf-8")


def test_ask_refuses_in_json_and_plain_text(harbour_path):
    done = cli("ask", harbour_path, "What is the capital of Peru?", "--json")
    out = json.loads(done.stdout)
    assert done.returncode == 0 and out["answerable"] is False
    assert out["answer"].startswith("The article doesn't say.")
    plain = cli("ask", harbour_path, "What is the capital of Peru?")
    assert plain.stdout.startswith("The article doesn't say.")


def test_ask_reads_the_article_from_stdin(harbour_path):
    text = Path(harbour_path).read_text(encoding="utf-8")
    done = cli("ask", "-", "Who brought the motion?", stdin=text)
    assert done.returncode == 0 and "Maria Okafor" in done.stdout and "[¶" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["ask", "{path}", "   "],
            "headline-bot: error: The question is empty; type a question about the article.\n",
        ),
        (
            ["ask", "no-such-file.txt", "Who?"],
            "headline-bot: error: No such file: no-such-file.txt. Give a path to a .txt or .html file, "
            "or - for stdin.\n",
        ),
    ],
)
def test_ask_errors_are_one_line(harbour_path, args, message):
    done = cli(*[a.format(path=harbour_path) for a in args])
    assert done.returncode == 2 and done.stderr == message and "Traceback" not in done.stderr


def test_chat_through_stdin(harbour_path):
    done = cli(
        "chat",
        harbour_path,
        stdin="Who brought the motion?\nHow many people did she say live in the town?\n\n"
        "/help\nWhat is the capital of Peru?\n3 bullet points\n/quit\nnever asked\n",
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Harbour town votes to ban cruise ships after summer of crowding"
    assert "Maria Okafor" in done.stdout and "6,000 people" in done.stdout
    assert "The article doesn't say." in done.stdout
    assert "•" in done.stdout
    assert "/quit to leave" in done.stdout
    assert "never asked" not in done.stdout and done.stderr == ""


def test_chat_ends_at_end_of_input(harbour_path):
    done = cli("chat", harbour_path, stdin="How much is the visitor levy?\n")
    assert done.returncode == 0 and "3 pounds per night" in done.stdout
