"""The command line's live view of a model server's reply: tokens are printed as they arrive.

The model's own text (with the ``[¶N]`` citations it wrote) streams to standard output; once it is
checked, each sentence the article does not support is named on standard error, and when the
reply failed the checks or the server failed, the extractive result follows the notes. A reply cut
off mid-stream keeps what was printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from bot.prompts import render

if TYPE_CHECKING:
    from bot.article import Article, CitedSentence
    from bot.chat.conversation import Conversation, Reply
    from bot.engine import HeadlineBot
    from bot.qa.answer import Answer
    from bot.summarize.base import Length, Summary


def print_summary(bot: HeadlineBot, article: Article, length: Length, out: TextIO) -> Summary:
    """Stream a summary to ``out``; the checked ``Summary`` (notes included) comes back."""
    printed = ""
    headline_shown = False
    summary = None
    for step in bot.stream_summary(article, length):
        if step.stage == "writing" and step.text:
            if not headline_shown:
                print(step.headline, file=out, end="\n\n", flush=True)
                headline_shown = True
            print(step.text[len(printed) :], file=out, end="", flush=True)
            printed = step.text
        if step.summary is not None:
            summary = step.summary
    assert summary is not None
    if printed:
        print(file=out)
    if not printed or not _kept(summary.sentences, printed):
        if printed:
            print(file=out)
        print(f"{summary.headline}\n\n{summary.text}", file=out)
    return summary


def print_answer(bot: HeadlineBot, article: Article, question: str, out: TextIO) -> Answer:
    """Stream an answer to ``out`` (when the model is asked); the checked ``Answer`` comes back."""
    printed = ""
    final: Answer | None = None
    for item in bot.stream_answer(article, question):
        if isinstance(item, str):
            print(item, file=out, end="", flush=True)
            printed += item
        else:
            final = item
    if printed:
        print(file=out)
    assert final is not None
    if not printed or not _kept(final.sentences, printed):
        if printed:
            print(file=out)
        print(final.text, file=out)
    return final


def print_reply(bot: HeadlineBot, conversation: Conversation, message: str, out: TextIO) -> Reply:
    """One terminal-chat step: a model server's answer is printed as it arrives, then (when the
    checks changed it) the checked reply; the ``Reply`` comes back for its notes."""
    printed = ""
    steps = conversation.stream_reply(bot, message)
    try:
        while True:
            try:
                piece = next(steps)
            except StopIteration as done:
                reply: Reply = done.value
                break
            print(piece, file=out, end="", flush=True)
            printed += piece
    finally:
        steps.close()
    if printed:
        print(file=out)
    answer = reply.answer
    if not printed or answer is None or not _kept(answer.sentences, printed):
        if printed:
            print(file=out)
        print(reply.text, file=out)
    return reply


def unsupported_notes(sentences: tuple[CitedSentence, ...]) -> list[str]:
    """One note per sentence the article does not support.

    >>> from bot.article import CitedSentence
    >>> unsupported_notes((CitedSentence("It rained.", 2), CitedSentence("It snowed.", 3, False)))
    ['not supported by the article (closest: ¶3): It snowed.']
    """
    return [
        render("cli_unsupported", paragraph=s.paragraph, sentence=s.text)
        for s in sentences
        if not s.supported
    ]


def _kept(sentences: tuple[CitedSentence, ...], printed: str) -> bool:
    """Whether the checked sentences are the ones that were printed (not an extractive fallback)."""
    from bot.summarize.served import claims

    written = {c.text for c in claims(printed)}
    return bool(sentences) and all(s.text in written or s.text.endswith("…") for s in sentences)
