"""A conversation as data: articles to and from plain dicts, and exports as Markdown or JSON.

The snapshot is one JSON-ready dict, ``{"version", "threads": [...]}``; each thread holds an
article (headline, numbered paragraphs with their sentences, what cleaning removed), its first
summary and the exchanges about it (message, reply, cited paragraphs). The same snapshot is kept in
the browser so a conversation survives a page reload, and is what the export buttons write.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict
from typing import Any

from bot.article import Article, Metadata, Paragraph, Sentence

SNAPSHOT_VERSION = 1


def article_to_dict(article: Article) -> dict[str, Any]:
    """Every field of an ``Article`` as JSON-ready data (tuples become lists).

    >>> from bot.ingest.segment import build_article
    >>> d = article_to_dict(build_article(["One. Two."], headline="H"))
    >>> d["headline"], d["paragraphs"][0]["sentences"][1]["text"]
    ('H', 'Two.')
    """
    data: dict[str, Any] = json.loads(json.dumps(asdict(article)))
    return data


def article_from_dict(data: dict[str, Any]) -> Article:
    """Rebuild the exact ``Article`` that :func:`article_to_dict` wrote.

    >>> from bot.ingest.segment import build_article
    >>> a = build_article(["One. Two.", "Three."], headline="H", removed=["Read More"])
    >>> article_from_dict(article_to_dict(a)) == a
    True
    """
    paragraphs = tuple(
        Paragraph(
            number=int(p["number"]),
            text=str(p["text"]),
            sentences=tuple(
                Sentence(text=str(s["text"]), paragraph=int(s["paragraph"]), index=int(s["index"]))
                for s in p["sentences"]
            ),
        )
        for p in data["paragraphs"]
    )
    meta = data.get("metadata") or {}
    return Article(
        headline=data.get("headline"),
        paragraphs=paragraphs,
        metadata=Metadata(**{k: meta.get(k) for k in ("title", "author", "date", "url")}),
        removed=tuple(data.get("removed") or ()),
        notes=tuple(data.get("notes") or ()),
    )


def to_json(snapshot: dict[str, Any]) -> str:
    """The export as pretty JSON: for each article, its text, summary, questions, answers, sources."""
    export = {
        "format": "headline-bot-conversation",
        "version": snapshot.get("version", SNAPSHOT_VERSION),
        "articles": [_thread_export(t) for t in snapshot.get("threads", [])],
    }
    return json.dumps(export, ensure_ascii=False, indent=2)


def _thread_export(thread: dict[str, Any]) -> dict[str, Any]:
    article = thread["article"]
    return {
        "headline": article.get("headline"),
        "url": (article.get("metadata") or {}).get("url"),
        "paragraphs": [{"paragraph": p["number"], "text": p["text"]} for p in article["paragraphs"]],
        "removed": article.get("removed", []),
        "summary": thread.get("summary"),
        "exchanges": thread.get("exchanges", []),
    }


def to_markdown(snapshot: dict[str, Any]) -> str:
    """The export as a Markdown document a person can read, share or print.

    >>> from bot.ingest.segment import build_article
    >>> snap = {"threads": [{"article": article_to_dict(build_article(["It rained."], headline="Rain")),
    ...          "summary": {"headline": "Rain", "summary": "It rained.", "style": "short",
    ...                      "sentences": [{"text": "It rained.", "paragraph": 1}]},
    ...          "exchanges": [{"message": "When?", "kind": "refusal", "reply": "The article doesn't say.",
    ...                         "sources": []}]}]}
    >>> print(to_markdown(snap))  # doctest: +ELLIPSIS
    # Conversation with Headline Bot
    <BLANKLINE>
    ## Rain
    <BLANKLINE>
    ### Summary
    <BLANKLINE>
    It rained. \\[¶1\\]
    <BLANKLINE>
    ### Questions and answers
    <BLANKLINE>
    **Q:** When?
    <BLANKLINE>
    **A:** The article doesn't say.
    <BLANKLINE>
    ### Article
    <BLANKLINE>
    ¶1. It rained.
    <BLANKLINE>
    """
    out = ["# Conversation with Headline Bot", ""]
    for thread in snapshot.get("threads", []):
        article = thread["article"]
        out += [f"## {inline_text(article.get('headline') or 'Untitled article')}", ""]
        url = (article.get("metadata") or {}).get("url")
        if url:
            out += [f"Source: {inline_text(str(url))}", ""]
        summary = thread.get("summary")
        if summary:
            out += ["### Summary", ""]
            lines = [
                f"{inline_text(s['text'])} \\[¶{int(s['paragraph'])}\\]" for s in summary.get("sentences", [])
            ]
            if summary.get("style") == "bullets":
                out += [f"- {line}" for line in lines] + [""]
            else:
                out += [" ".join(lines), ""]
        exchanges = thread.get("exchanges", [])
        if exchanges:
            out += ["### Questions and answers", ""]
            for ex in exchanges:
                out += [f"**Q:** {inline_text(ex['message'])}", "", f"**A:** {inline_text(ex['reply'])}", ""]
                for src in ex.get("sources", []):
                    out += [f"> ¶{int(src['paragraph'])}: {inline_text(src['text'])}", ""]
        out += ["### Article", ""]
        out += [f"¶{int(p['number'])}. {inline_text(p['text'])}\n" for p in article["paragraphs"]]
        removed = article.get("removed") or []
        if removed:
            out += ["### Removed by cleaning", ""] + [f"- {inline_text(line)}" for line in removed] + [""]
    return "\n".join(out)


_PUNCTUATION = re.compile(r"([\\`*_\[\]{}()~|!:@#+=-])")


def inline_text(text: str) -> str:
    r"""Any text as Markdown that renders as exactly that text, on one line: no HTML, no link, no
    image, no emphasis, no heading or list, whatever renderer reads it (CommonMark, GFM).

    ``<``, ``>`` and ``&`` become entities; Markdown punctuation is backslash-escaped; line breaks
    become spaces (a field never starts a new block).

    >>> print(inline_text('<img src=x onerror="alert(1)"> [a](javascript:b) # x@y.test'))
    &lt;img src\=x onerror\="alert\(1\)"&gt; \[a\]\(javascript\:b\) \# x\@y.test
    """
    one_line = " ".join(text.split())
    return _PUNCTUATION.sub(r"\\\1", html.escape(one_line, quote=False))
