"""The ``headline-bot`` command. Errors: exit code 2 and one line on stderr, never a traceback."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from bot.errors import HeadlineBotError, InputError
from bot.prompts import render
from bot.startup import collector_paused
from bot.summarize.base import STYLES

if TYPE_CHECKING:
    from bot.engine import HeadlineBot


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="headline-bot",
        description="Headline, summary and grounded answers for a scraped news article.",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("clean", help="print the cleaned article")
    p.add_argument("source", help="file path, URL, or - for stdin")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_clean)

    p = sub.add_parser("summarize", help="headline and summary", aliases=["summarise"])
    p.add_argument("source", nargs="?", help="file path, URL, or - for stdin")
    p.add_argument("--batch", metavar="JSONL", help="summarise every record (id, text|html|url) of a file")
    p.add_argument("-o", "--output", metavar="JSONL", help="with --batch: where the summaries go (resumable)")
    p.add_argument("--style", choices=STYLES, default="short")
    p.add_argument("--sentences", type=_positive, metavar="N", help="exactly N sentences")
    p.add_argument("--words", type=_positive, metavar="N", help="at most about N words")
    p.add_argument("--model", help="opt-in seq2seq model: hub id or local folder")
    _llm_arguments(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_summarize)

    p = sub.add_parser("ask", help="answer one question from the article")
    p.add_argument("source", help="file path, URL, or - for stdin")
    p.add_argument("question")
    p.add_argument("--model", help="opt-in seq2seq model: hub id or local folder")
    _llm_arguments(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_ask)

    p = sub.add_parser("chat", help="interactive chat over one article")
    p.add_argument("source", help="file path, URL, or - for stdin")
    p.add_argument("--model", help="opt-in seq2seq model: hub id or local folder")
    _llm_arguments(p)
    p.set_defaults(handler=cmd_chat)

    p = sub.add_parser("serve", help="start the web app")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--root-path", default=None, help="path prefix behind a proxy")
    p.add_argument("--model", help="opt-in seq2seq model: hub id or local folder")
    _llm_arguments(p)
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser("prepare", help="build the fast encoder's cached ONNX graph now")
    p.add_argument("--force", action="store_true", help="rebuild even if the cached graph is fine")
    p.set_defaults(handler=cmd_prepare)

    ev = sub.add_parser("eval", help="measure quality and speed on evaluation data")
    evsub = ev.add_subparsers(dest="task", required=True, metavar="TASK")
    for task, helptext in [
        ("clean", "extraction F1 vs no cleaning and trafilatura"),
        ("summarize", "ROUGE vs Lead-3, LexRank, TextRank"),
        ("headline", "generated headlines vs the real ones"),
        ("qa", "retrieval, answers and abstention vs BM25 and dense"),
        ("chat", "a news-chat test set through the chat's Conversation"),
    ]:
        e = evsub.add_parser(task, help=helptext)
        e.add_argument("--data", required=True, help="path to the .jsonl or .jsonl.gz file")
        e.add_argument("--limit", type=_positive, help="only the first N records")
        e.add_argument("--json", action="store_true", help="print one JSON object")
        e.add_argument(
            "--predictions", metavar="PATH", help="write one JSON line per record (id, prediction, reference)"
        )
        e.set_defaults(handler=cmd_eval)
    return parser


def _llm_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--llm-url", help="OpenAI-compatible model server, e.g. http://127.0.0.1:8000/v1")
    p.add_argument("--llm-model", help="model name on that server (default: the first it serves)")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse, run, turn ``HeadlineBotError`` into one line and exit code 2."""
    args = build_parser().parse_args(argv)
    try:
        with collector_paused() if _one_shot(args) else contextlib.nullcontext():
            return int(args.handler(args) or 0)
    except HeadlineBotError as exc:
        print(f"headline-bot: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("headline-bot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _one_shot(args: argparse.Namespace) -> bool:
    """One article in, one result out: the process ends right after, so the cyclic collector is
    paused for it (``bot.startup``); batches, chats and servers keep it running."""
    if args.handler is cmd_summarize:
        return not (args.batch or args.output)
    return args.handler in (cmd_ask, cmd_clean)


def _bot(args: argparse.Namespace) -> HeadlineBot:
    from bot.config import Settings
    from bot.engine import HeadlineBot

    return HeadlineBot(
        Settings.from_env(
            model=getattr(args, "model", None),
            llm_url=getattr(args, "llm_url", None),
            llm_model=getattr(args, "llm_model", None),
        )
    )


def _emit(args: argparse.Namespace, payload: Mapping[str, object], text: str, notes: Sequence[str]) -> int:
    """Print ``payload`` plus ``notes`` as JSON under ``--json``, else ``text``; then the notes on stderr."""
    if args.json:
        print(json.dumps({**payload, "notes": list(notes)}, ensure_ascii=False, indent=2))
    else:
        print(text)
    _print_notes(notes)
    return 0


def cmd_clean(args: argparse.Namespace) -> int:
    article = _bot(args).load_path(args.source)
    payload = {
        "headline": article.headline,
        "paragraphs": [p.text for p in article.paragraphs],
        "removed": list(article.removed),
    }
    text = "\n".join(([article.headline, ""] if article.headline else []) + [article.text])
    return _emit(args, payload, text, article.notes)


def cmd_summarize(args: argparse.Namespace) -> int:
    from bot.summarize.base import Length

    if args.batch or args.output:
        from bot.batch import run_batch_cli

        return run_batch_cli(args, _bot(args), Length(args.style, args.sentences, args.words))
    if args.source is None:
        raise InputError(render("cli_no_source"))
    bot = _bot(args)
    article = bot.load_path(args.source)
    length = Length(args.style, args.sentences, args.words)
    if bot.settings.llm_url and not args.json:  # the model server's tokens as they arrive
        from bot.cli_stream import print_summary, unsupported_notes

        summary = print_summary(bot, article, length, sys.stdout)
        _print_notes([*article.notes, *unsupported_notes(summary.sentences), *summary.notes])
        return 0
    summary = bot.summarize(article, length)
    payload = summary.to_dict()
    # summary.notes: e.g. the opt-in model could not be loaded, or ran out of time
    return _emit(args, payload, f"{summary.headline}\n\n{summary.text}", [*article.notes, *summary.notes])


def cmd_ask(args: argparse.Namespace) -> int:
    bot = _bot(args)
    article = bot.load_path(args.source)
    if bot.settings.llm_url and not args.json:  # the model server's tokens as they arrive
        from bot.cli_stream import print_answer, unsupported_notes

        answer = print_answer(bot, article, args.question, sys.stdout)
        _print_notes([*article.notes, *unsupported_notes(answer.sentences), *answer.notes])
        return 0
    answer = bot.ask(article, args.question)
    _print_notes([bot.notice] if bot.notice else [])  # the opt-in model could not be loaded
    return _emit(args, answer.to_dict(), answer.text, [*article.notes, *answer.notes])


def _print_notes(notes: Sequence[str]) -> None:
    """Limits applied (article truncated, question cut) go to stderr, one line each."""
    for note in notes:
        print(f"headline-bot: note: {note}", file=sys.stderr)


def cmd_prepare(args: argparse.Namespace) -> int:
    from bot.config import Settings
    from bot.models.onnx_embed import prepare

    settings = Settings.from_env()
    for precision, path in prepare(settings.embedder_path, force=args.force).items():
        print(f"{precision}: {path}")
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.chat.terminal import run_terminal_chat

    return int(run_terminal_chat(_bot(args), args.source) or 0)


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.ui import serve

    return int(serve(_bot(args), host=args.host, port=args.port, root_path=args.root_path) or 0)


def cmd_eval(args: argparse.Namespace) -> int:
    import importlib

    module = importlib.import_module(f"bot.evaluate.{args.task}")
    return int(module.main(args) or 0)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(render("cli_not_whole_number", value=repr(value))) from None
    if number < 1:
        raise argparse.ArgumentTypeError(render("cli_not_positive", value=value))
    return number


def _version() -> str:
    from bot.config import VERSION as __version__

    return f"headline-bot {__version__}"


if __name__ == "__main__":
    raise SystemExit(main())
