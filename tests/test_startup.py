"""The cyclic collector is paused only for one-shot CLI commands, and always restored."""

from __future__ import annotations

import gc

import pytest

from bot import cli
from bot.startup import collector_paused


@pytest.mark.parametrize(
    ("argv", "one_shot"),
    [
        (["clean", "a.txt"], True),
        (["ask", "a.txt", "Who?"], True),
        (["summarize", "a.txt"], True),
        (["summarize", "--batch", "in.jsonl", "-o", "out.jsonl"], False),
        (["chat", "a.txt"], False),
        (["serve"], False),
    ],
)
def test_which_commands_pause_the_collector(argv, one_shot):
    assert cli._one_shot(cli.build_parser().parse_args(argv)) is one_shot


def test_a_one_shot_command_runs_paused_and_leaves_the_collector_on(tmp_path, capsys, monkeypatch):
    seen = []
    real = cli.cmd_clean

    def spy(args):
        seen.append(gc.isenabled())
        return real(args)

    monkeypatch.setattr(cli, "cmd_clean", spy)
    page = tmp_path / "a.txt"
    page.write_text(
        "Council approves bridge\n\nThe council approved the bridge on Tuesday after a debate that lasted "
        "four hours.\n"
    )
    assert gc.isenabled()
    assert cli.main(["clean", str(page)]) == 0
    assert seen == [False] and gc.isenabled()
    assert "approved the bridge" in capsys.readouterr().out


def test_the_collector_comes_back_after_an_error_and_frozen_objects_stay():
    before = gc.get_freeze_count()
    with pytest.raises(RuntimeError), collector_paused(freeze=True):
        kept = [object() for _ in range(10)]
        raise RuntimeError("boom")
    assert gc.isenabled() and gc.get_freeze_count() >= before + len(kept)
    gc.unfreeze()
