"""``headline-bot eval chat``: a news-chat test set scored through the app's own ``Conversation``.

Data: JSON Lines, one conversation a line: ``article`` (a path relative to the data file) and
``turns`` [{``message``, ``expect`` (a list of acceptable paragraph numbers, or ``"refuse"``),
``kind``}]. The turns of a line are sent in order to one ``Conversation``, so follow-ups ("what did
she say?", "tell me more") lean on the earlier turns as in the app.

A turn is right when ``expect`` is ``"refuse"`` and the reply is a refusal, or when the reply is an
answer citing at least one of the expected paragraphs. Figures: the share right overall and per
``kind``; refusals that point at a passage are counted apart.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import InputError
from bot.evaluate import data


@dataclass(frozen=True)
class TurnResult:
    """One scored turn: the message, what was expected, what came back, and whether it is right."""

    conversation: str
    message: str
    kind: str
    expect: list[int] | str
    reply: str
    cited: tuple[int, ...]
    refused: bool
    right: bool


def score_turn(expect: list[int] | str, refused: bool, cited: Sequence[int]) -> bool:
    """Whether a reply meets the expectation.

    >>> score_turn("refuse", True, ()), score_turn([3], False, (2, 3)), score_turn([3], True, (3,))
    (True, True, False)
    """
    if expect == "refuse":
        return refused
    return not refused and bool(set(expect) & set(cited))


def reply_cites(reply: Any) -> tuple[bool, tuple[int, ...]]:
    """Whether a chat reply refused, and the paragraphs it cites: an answer's sources, or the paragraphs
    of a summary's sentences ("give me the gist" is answered with a summary, which opens with the lead).

    >>> from bot.chat.conversation import Reply
    >>> reply_cites(Reply("The article doesn't say.", "refusal")), reply_cites(Reply("Say more.", "notice"))
    ((True, ()), (True, ()))
    """
    if reply.summary is not None:
        return False, tuple(s.paragraph for s in reply.summary.sentences)
    answer = reply.answer
    if reply.kind != "answer" or answer is None or not answer.answerable:
        return True, ()
    return False, tuple(s.paragraph for s in answer.sources)


def run(records: Sequence[dict[str, Any]], base: Path, bot: Any) -> list[TurnResult]:
    """Send every conversation's turns through a fresh ``Conversation``."""
    from bot.chat.conversation import Conversation

    results = []
    for record in records:
        path = base / str(record["article"])
        if not path.is_file():
            raise InputError(f"{path}: no such article file (paths are relative to the data file).")
        chat = Conversation(bot.load(path.read_bytes()))
        for turn in record["turns"]:
            reply = chat.reply(bot, str(turn["message"]))
            refused, cited = reply_cites(reply)
            expect = turn["expect"]
            results.append(
                TurnResult(
                    str(record.get("id", path.stem)),
                    str(turn["message"]),
                    str(turn.get("kind", "")),
                    expect,
                    reply.text,
                    cited,
                    refused,
                    score_turn(expect, refused, cited),
                )
            )
    return results


def summarize(results: Sequence[TurnResult]) -> dict[str, Any]:
    """Share right overall and per kind, and how many refusals pointed at a passage."""
    kinds = sorted({r.kind for r in results})
    by_kind = {}
    for kind in kinds:
        rows = [r for r in results if r.kind == kind]
        by_kind[kind] = {"questions": len(rows), "right": round(sum(r.right for r in rows) / len(rows), 4)}
    refusals = [r for r in results if r.refused]
    return {
        "questions": len(results),
        "right": round(sum(r.right for r in results) / len(results), 4) if results else 0.0,
        "by_kind": by_kind,
        "refusals_with_pointer": sum("¶" in r.reply for r in refusals),
        "wrong": [
            {"conversation": r.conversation, "message": r.message, "expect": r.expect, "reply": r.reply}
            for r in results
            if not r.right
        ],
    }


def main(args: argparse.Namespace) -> int:
    """Run the set; print a table, or one JSON object with ``--json``."""
    from bot.config import Settings
    from bot.engine import HeadlineBot

    records = data.read_jsonl(args.data, args.limit, required={"article": str, "turns": list})
    result = summarize(run(records, Path(args.data).parent, HeadlineBot(Settings.from_env())))
    if getattr(args, "json", False):
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"{result['questions']} questions, right {result['right']:.3f}")
    for kind, figures in result["by_kind"].items():
        print(f"  {kind:<14}{figures['questions']:>5}{figures['right']:>8.3f}")
    print(f"refusals pointing at a passage: {result['refusals_with_pointer']}")
    for wrong in result["wrong"]:
        where = f"[{wrong['conversation']}] {wrong['message']!r} expected {wrong['expect']}"
        print(f"wrong: {where}: {wrong['reply'][:100]}")
    return 0
