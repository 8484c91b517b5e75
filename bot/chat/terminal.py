"""The terminal chat behind ``headline-bot chat PATH|-``: prints the headline and summary, then
answers messages until ``/quit``, end of input or Ctrl-C. A failing message prints one line and
the chat goes on.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from bot.errors import HeadlineBotError
from bot.prompts import render

if TYPE_CHECKING:
    from bot.engine import HeadlineBot

QUIT = frozenset({"/quit", "/exit", "/q", ":q"})
PROMPT = "> "


def run_terminal_chat(
    bot: HeadlineBot, source: str, *, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """Chat over the article at ``source`` (a path, a URL, or ``-`` for standard input)."""
    from bot.chat.conversation import Conversation
    from bot.cli_stream import print_reply, unsupported_notes

    out = stdout or sys.stdout
    article = bot.load_path(source)
    summary = bot.summarize(article)
    print(summary.headline, file=out)
    print("", file=out)
    print(summary.text, file=out)
    print("", file=out)
    lines = stdin
    if lines is None:
        lines = sys.stdin
        if source == "-":
            try:
                lines = open("/dev/tty", encoding="utf-8")  # noqa: SIM115 - kept open for the loop
            except OSError:
                print(render("chat_no_terminal"), file=out)
                return 0
    print(render("chat_hint"), file=out)
    conversation = Conversation(article)
    while True:
        print(PROMPT, end="", file=out, flush=True)
        try:
            line = lines.readline()
        except KeyboardInterrupt:
            print("", file=out)
            return 0
        if not line:
            print("", file=out)
            return 0
        message = line.strip()
        if not message:
            continue
        if message.lower() in QUIT:
            return 0
        if message.lower() in {"/help", "/?"}:
            print(render("chat_hint"), file=out)
            continue
        try:  # a model server's answer is printed as it arrives
            reply = print_reply(bot, conversation, message, out)
        except KeyboardInterrupt:
            print("", file=out)
            return 0
        except HeadlineBotError as exc:
            print(f"error: {exc.message}", file=out)
            continue
        except Exception as exc:  # one line, and the chat goes on
            print(f"error: {type(exc).__name__}: {' '.join(str(exc).split())}", file=out)
            continue
        sentences = reply.answer.sentences if reply.answer is not None else ()
        for note in (*unsupported_notes(sentences), *reply.notes):
            print(f"({note})", file=out)
        print("", file=out)
