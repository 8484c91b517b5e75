"""Adapters from domain objects (``Summary``, ``Answer``, ``Reply``, ``Article``) to chat messages.

A chat message is the plain dict Gradio's ``Chatbot`` takes: ``{"role", "content", "metadata"?}``.
Every piece of text that comes from an article or a person goes through :func:`escape_markdown`
first, so the chat shows it as text: no HTML, no images, no links, no LaTeX is ever rendered from
it (the Chatbot's own sanitiser is a second line of defence, not the first). Only the markup these
functions write themselves (bold headlines, bullet lists) is rendered.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from bot.prompts import render
from bot.text import strip_controls

if TYPE_CHECKING:
    from bot.article import Article, CitedSentence
    from bot.qa.answer import Answer, SourceRef
    from bot.summarize.base import Summary

Message = dict[str, Any]

_INLINE = re.compile(r"([\\`*_\[\]{}()~|$:@])")
_LINE_START = re.compile(r"^([ \t]*)([#+\-=]|\d+(?=[.)]))", flags=re.M)
_WWW = re.compile(r"\b(www)\.", flags=re.I)


def escape_markdown(text: str) -> str:
    r"""Make any text render literally in Markdown: HTML is escaped, Markdown syntax backslashed.

    Angle brackets become entities (so ``<script>`` shows as text), and every character that could
    start emphasis, a link, an image, a list, a heading, a table or LaTeX is backslash-escaped.
    Line breaks are kept.

    >>> escape_markdown('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror="alert\\(1\\)"&gt;'
    >>> escape_markdown("![pic](http://x.test/a.png) *bold* www.x.test")
    '!\\[pic\\]\\(http\\://x.test/a.png\\) \\*bold\\* www\\.x.test'
    >>> print(escape_markdown("# Title\n1. first\n- item"))
    \# Title
    1\. first
    \- item
    """
    escaped = _INLINE.sub(r"\\\1", html.escape(text, quote=False))
    escaped = _WWW.sub(r"\1\\.", escaped)
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker.isdigit():  # "1." or "1)" starts an ordered list: escape the dot or bracket
        return indent + marker + "\\"
    return indent + "\\" + marker


def safe(text: str) -> str:
    """Text from an article or a person, ready to put inside a chat message.

    >>> safe("Tom & Jerry <b>")
    'Tom &amp; Jerry &lt;b&gt;'
    """
    return escape_markdown(strip_controls(text))


CITE_CLASS = "hb-cite"
"""The class of a citation chip; the page's script gives each one ``data-paragraph`` and a click."""
_CHIP = re.compile(r'<button type="button" class="hb-cite">¶(\d+)</button>')
_ESCAPED_CITE = re.compile(r"\\\[¶(\d+)\\\]")


def cite(paragraph: int) -> str:
    """The citation chip for a paragraph: a small button the page links to the article panel.

    (Gradio's sanitiser keeps the class but drops ``data-*`` attributes, so the page's script adds
    ``data-paragraph`` from the chip's text.)

    >>> cite(3)
    '<button type="button" class="hb-cite">¶3</button>'
    """
    return f'<button type="button" class="{CITE_CLASS}">¶{int(paragraph)}</button>'


def link_citations(markdown: str) -> str:
    r"""Turn every escaped ``\[¶N\]`` of escaped text into a citation chip.

    >>> link_citations(safe("It passed [¶2]."))
    'It passed <button type="button" class="hb-cite">¶2</button>.'
    """
    return _ESCAPED_CITE.sub(lambda m: cite(int(m.group(1))), markdown)


def user_message(text: str) -> Message:
    """The person's message as it appears in the chat.

    >>> user_message("Who <won>?")
    {'role': 'user', 'content': 'Who &lt;won&gt;?'}
    """
    return {"role": "user", "content": safe(text)}


def assistant_message(content: str, *, title: str | None = None, status: str | None = None) -> Message:
    """An assistant message; with a title it is a collapsible panel (closed when status is "done").

    >>> assistant_message("hi")
    {'role': 'assistant', 'content': 'hi'}
    >>> assistant_message("x", title="Sources", status="done")["metadata"]
    {'title': 'Sources', 'status': 'done'}
    """
    message: Message = {"role": "assistant", "content": content}
    if title is not None:
        metadata: dict[str, str] = {"title": title}
        if status is not None:
            metadata["status"] = status
        message["metadata"] = metadata
    return message


def canned(name: str, **values: object) -> str:
    """A canned reply from ``prompts/<name>.txt`` with its variables escaped.

    The template's own Markdown is kept; the values (which may come from the article) are not.
    """
    return render(name, **{k: safe(str(v)) for k, v in values.items()})


def notice_message(name: str, **values: object) -> Message:
    """A canned notice (warming up, busy, new article, errors) as an assistant message."""
    return assistant_message(canned(name, **values))


def _sentence_line(sentence: CitedSentence) -> str:
    """A summary sentence with its citation, or with a warning when the article does not support it.

    >>> from bot.article import CitedSentence
    >>> _sentence_line(CitedSentence("It rained.", 2))
    'It rained. <button type="button" class="hb-cite">¶2</button>'
    >>> _sentence_line(CitedSentence("It snowed.", 3, supported=False))
    'It snowed. ⚠️ _not found in the article (closest: ¶3)_'
    """
    if not sentence.supported:
        return f"{safe(sentence.text)} {render('ui_unsupported_mark', paragraph=sentence.paragraph)}"
    return f"{safe(sentence.text)} {cite(sentence.paragraph)}"


def summary_markdown(summary: Summary, *, hide_notes: Collection[str] = ()) -> str:
    """The headline in bold, then the summary sentences, each followed by its ``[¶N]`` citation.

    Bullets style gives a Markdown list; the other styles give one paragraph. Sentences the article
    does not support (a generated summary) are flagged, with one line saying what the flag means;
    the summary's notes (other than ``hide_notes``, shown elsewhere) follow in italics.
    """
    if summary.style == "bullets":
        body = "\n".join(f"- {_sentence_line(s)}" for s in summary.sentences)
    else:
        body = " ".join(_sentence_line(s) for s in summary.sentences)
    headline = summary.headline.strip()
    parts = [f"**{safe(headline)}**"] if headline else []
    if body:
        parts.append(body)
    if any(not s.supported for s in summary.sentences):
        parts.append(render("ui_unsupported_note"))
    notes = notes_markdown([n for n in summary.notes if n not in hide_notes])
    if notes:
        parts.append(notes)
    return "\n\n".join(parts)


def progress_markdown(headline: str, detail: str = "", text: str = "") -> str:
    """A summary being written: the headline (when known), then the text so far or what is happening.

    >>> progress_markdown("", "Reading part 2 of 4…")
    '_Reading part 2 of 4…_'
    >>> progress_markdown("Port bans ships", text="The council voted")
    '**Port bans ships**\\n\\nThe council voted ▍'
    """
    parts = [f"**{safe(headline.strip())}**"] if headline.strip() else []
    if text.strip():
        parts.append(f"{safe(text.strip())} ▍")
    elif detail.strip():
        parts.append(f"_{safe(detail.strip())}_")
    return "\n\n".join(parts) or "…"


def answer_markdown(answer: Answer) -> str:
    """The answer text (its own ``[¶N]`` citations become chips) and any notes, escaped."""
    parts = [link_citations(safe(answer.text))]
    parts.extend(f"_{safe(note)}_" for note in answer.notes)
    return "\n\n".join(parts)


def sources_markdown(sources: Iterable[SourceRef]) -> str:
    """A folded "Sources" block quoting each cited paragraph, to end a reply's bubble ("" if none).

    >>> from bot.qa.answer import SourceRef
    >>> print(sources_markdown([SourceRef(2, "It <passed>.")]))
    <details class="hb-sources"><summary>Sources · ¶2</summary>
    <BLANKLINE>
    <button type="button" class="hb-cite">¶2</button> It &lt;passed&gt;.
    <BLANKLINE>
    </details>
    """
    refs = _unique_sources(sources)
    if not refs:
        return ""
    numbers = ", ".join(f"¶{ref.paragraph}" for ref in refs)
    body = "\n\n".join(f"{cite(ref.paragraph)} {safe(ref.text)}" for ref in refs)
    title = render("ui_sources_title", numbers=numbers)
    return f'<details class="hb-sources"><summary>{title}</summary>\n\n{body}\n\n</details>'


def with_sources(markdown: str, sources: Iterable[SourceRef], notes: Sequence[str] = ()) -> str:
    """One reply bubble: the reply, its notes in italics, then its folded sources."""
    parts = [markdown, notes_markdown(notes), sources_markdown(sources)]
    return "\n\n".join(p for p in parts if p)


_DETAILS = re.compile(r"\n*<details.*?</details>", flags=re.S)
_TAG = re.compile(r"<[^>]+>")


def plain_text(markdown: str) -> str:
    r"""A chat message back to plain text: chips become ``[¶N]``, sources and markup are dropped.

    >>> plain_text("**Port bans ships**\n\nIt passed " + cite(2) + r" \(14\-5\) ▍")
    'Port bans ships\n\nIt passed [¶2] (14-5)'
    """
    text = _DETAILS.sub("", markdown)
    text = _CHIP.sub(lambda m: f"[¶{m.group(1)}]", text)
    text = _TAG.sub("", text).replace("▍", "")
    text = re.sub(r"(?<!\\)[*_]", "", text)  # our emphasis; a literal * or _ is escaped
    text = re.sub(r"\\(.)", r"\1", text)
    return html.unescape(text).strip()


def summary_sources(summary: Summary, article: Article) -> list[SourceRef]:
    """The paragraphs a summary cites, in article order, as ``SourceRef`` records."""
    from bot.qa.answer import SourceRef

    numbers = sorted({s.paragraph for s in summary.sentences if 1 <= s.paragraph <= len(article.paragraphs)})
    return [SourceRef(n, article.paragraph(n).text) for n in numbers]


def notes_markdown(notes: Sequence[str]) -> str:
    """Notes from loading or answering (truncation, cut questions), one italic line each."""
    return "\n\n".join(f"_{safe(note)}_" for note in notes if note.strip())


def _unique_sources(sources: Iterable[SourceRef]) -> list[SourceRef]:
    seen: set[int] = set()
    out = []
    for ref in sorted(sources, key=lambda r: r.paragraph):
        if ref.paragraph not in seen:
            seen.add(ref.paragraph)
            out.append(ref)
    return out


def stream_prefixes(markdown: str, *, chunks: int = 30) -> Iterator[str]:
    """Growing prefixes of a message, cut only at whitespace outside tags, ending with the whole message.

    The first prefix holds the whole first line (a headline is never shown half-bold), and no
    prefix ends inside a citation chip's tag.

    >>> list(stream_prefixes("**Head**\\n\\none two three four", chunks=1))
    ['**Head**\\n\\none two three', '**Head**\\n\\none two three four']
    >>> [p[-5:] for p in stream_prefixes("**H**\\n\\nIt " + cite(1) + " ok", chunks=9)]
    ['*\\n\\nIt', 'tton>', 'n> ok']
    """
    first_break = markdown.find("\n")
    head_end = len(markdown) if first_break < 0 else first_break
    cuts = [
        m.start()
        for m in re.finditer(r"\s+", markdown)
        if m.start() > head_end and markdown.count("<", 0, m.start()) == markdown.count(">", 0, m.start())
    ]
    if not cuts:
        yield markdown
        return
    step = max(1, len(cuts) // max(1, chunks))
    for i in range(step - 1, len(cuts), step):
        yield markdown[: cuts[i]]
    yield markdown
