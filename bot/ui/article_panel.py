"""The article panel: the cleaned article as HTML, headline, numbered paragraphs ¶1…¶N, debris folded.

Every piece of article text is HTML-escaped here; the markup is ours. Paragraph N is the element
``#hb-p-N`` with ``data-paragraph="N"``, which a citation chip in the chat scrolls to and highlights.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from bot.prompts import render
from bot.text import shorten

if TYPE_CHECKING:
    from bot.article import Article

REMOVED_SHOWN = 60
"""At most this many removed lines are listed; the rest are counted."""


def article_html(article: Article | None) -> str:
    """The panel for an article, or the empty panel (how to load one) when there is none.

    >>> from bot.ingest.segment import build_article
    >>> html = article_html(build_article(["One <b>x</b>.", "Two."], headline="H", removed=["Ad"]))
    >>> 'data-paragraph="2"' in html, "One &lt;b&gt;x&lt;/b&gt;." in html, "Ad</li>" in html
    (True, True, True)
    """
    bar = (
        '<div class="hb-panel-bar"><span class="hb-panel-title">Article</span>'
        '<button type="button" class="hb-close" aria-label="Close the article">Close</button></div>'
    )
    if article is None:
        return f'<div class="hb-panel">{bar}<div class="hb-empty">{render("ui_article_empty")}</div></div>'
    words = article.word_count
    count = len(article.paragraphs)
    meta = f"{count} paragraph{'s' if count != 1 else ''} · {words:,} words"
    parts = [f'<div class="hb-panel">{bar}']
    if article.headline:
        parts.append(f'<h2 class="hb-headline">{escape(article.headline)}</h2>')
    parts.append(f'<p class="hb-meta">{meta}</p><ol class="hb-paras">')
    for p in article.paragraphs:
        parts.append(
            f'<li id="hb-p-{p.number}" data-paragraph="{p.number}">'
            f'<span class="hb-pn">¶{p.number}</span> {escape(p.text)}</li>'
        )
    parts.append("</ol>")
    removed = [line for line in article.removed if line.strip()]
    if removed:
        title = render("ui_removed_title", count=len(removed), lines="line" if len(removed) == 1 else "lines")
        items = "".join(f"<li>{escape(shorten(line, 300))}</li>" for line in removed[:REMOVED_SHOWN])
        more = len(removed) - REMOVED_SHOWN
        tail = render("ui_removed_more", count=more) if more > 0 else ""
        parts.append(
            f'<details class="hb-removed"><summary>{escape(title)}</summary><ul>{items}</ul>{tail}</details>'
        )
    parts.append("</div>")
    return "".join(parts)
