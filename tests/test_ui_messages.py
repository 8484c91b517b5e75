"""Chat message adapters: article and question text is shown as text, never as markup."""

from __future__ import annotations

import itertools
import re

import pytest

from bot.article import CitedSentence
from bot.chat import messages as cm
from bot.ingest.segment import build_article
from bot.qa.answer import Answer, SourceRef
from bot.summarize.base import Summary

# Each payload, and a pattern that must not match after escaping (a raw tag, a live link, markup).
PAYLOADS = [
    ("<script>alert(1)</script>", r"<script"),
    ('<img src="x" onerror="alert(1)">', r"<img"),
    ("<svg onload=alert(1)>", r"<svg"),
    ('<iframe src="javascript:alert(1)"></iframe>', r"<iframe"),
    ("[click](javascript:alert(1))", r"(?<!\\)\]\("),
    ("![x](http://tracker.invalid/p.png)", r"(?<!\\)\["),
    ("<https://tracker.invalid/>", r"https://"),
    ("www.tracker.invalid", r"www\."),
    ("$$\\frac{1}{2}$$", r"(?<!\\)\$"),
    ("**bold** _it_ `code`", r"(?<!\\)[*_`]"),
    ("| a | b |\n|---|---|", r"(?<!\\)\|"),
    ("# Heading", r"^#"),
    ("1. first", r"^1\."),
    ("- item\n+ item\n===", r"^[-+=]"),
]


@pytest.mark.parametrize(("payload", "forbidden"), PAYLOADS)
def test_escape_markdown_neutralises(payload, forbidden):
    escaped = cm.escape_markdown(payload)
    assert not re.search(forbidden, escaped, flags=re.M), escaped
    assert "<" not in escaped and ">" not in escaped


@pytest.mark.parametrize(("payload", "_"), PAYLOADS)
def test_escaping_keeps_the_visible_text(payload, _):
    escaped = cm.escape_markdown(payload)
    unescaped = (
        re.sub(r"\\(.)", r"\1", escaped).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    )
    assert unescaped == payload


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x00b\x07c\nd\te", "abc\nd\te"),  # control characters out, newlines and tabs kept
        ("red \x1b[31mtext\x1b[0m", "red text"),  # a terminal escape sequence goes as a whole
        ("left\u202eright\u200b", "leftright"),  # bidi overrides and zero-width spaces too
    ],
)
def test_control_characters_are_dropped_but_newlines_kept(text, shown):
    assert cm.safe(text) == shown


def test_summary_markdown_bolds_the_headline_and_cites_each_sentence():
    summary = Summary(
        headline="Town <b>bans</b> ships",
        generated_headline="",
        sentences=(CitedSentence("First *fact*.", 1), CitedSentence("Second fact.", 3)),
        style="bullets",
    )
    text = cm.summary_markdown(summary)
    assert text.startswith("**Town &lt;b&gt;bans&lt;/b&gt; ships**")
    assert f"- First \\*fact\\*. {cm.cite(1)}" in text and f"- Second fact. {cm.cite(3)}" in text


def test_sources_fold_into_the_reply_and_list_each_paragraph_once():
    block = cm.sources_markdown([SourceRef(3, "Three <i>x</i>"), SourceRef(1, "One"), SourceRef(3, "Three")])
    assert block.startswith('<details class="hb-sources"><summary>Sources · ¶1, ¶3</summary>')
    assert block.index(cm.cite(1)) < block.index(cm.cite(3))
    assert block.count(cm.cite(3)) == 1
    assert "&lt;i&gt;" in block and "<i>" not in block
    assert cm.sources_markdown([]) == ""
    bubble = cm.with_sources(
        "**H**\n\nIt passed " + cm.cite(1), [SourceRef(1, "One")], ["Cut at 2,000 words."]
    )
    assert bubble.index("It passed") < bubble.index("_Cut at 2,000 words._") < bubble.index("<details")


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**Port bans ships**\n\nIt passed " + cm.cite(2) + ".", "Port bans ships\n\nIt passed [¶2]."),
        (cm.safe("Costs \\(1.9m\\) & <more> [¶3]"), "Costs \\(1.9m\\) & <more> [¶3]"),
        ("Yes " + cm.cite(1) + "\n\n" + cm.sources_markdown([SourceRef(1, "One")]), "Yes [¶1]"),
        ("The council voted ▍", "The council voted"),
    ],
)
def test_plain_text_undoes_the_chat_markup(markdown, plain):
    assert cm.plain_text(markdown) == plain


def test_answer_markdown_escapes_text_and_shows_notes():
    answer = Answer(
        "It was <b>14</b> [¶2]", True, (SourceRef(2, "p"),), notes=("Question cut at 1000 characters.",)
    )
    text = cm.answer_markdown(answer)
    assert "&lt;b&gt;14" in text and cm.cite(2) in text
    assert text.endswith("_Question cut at 1000 characters._")


@pytest.mark.parametrize("chunks", [1, 5, 50])
def test_stream_prefixes_grow_and_end_with_the_whole_text(chunks):
    text = "**Headline here**\n\n" + " ".join(f"word{i}" for i in range(40))
    prefixes = list(cm.stream_prefixes(text, chunks=chunks))
    assert prefixes[-1] == text
    assert all(a != b and b.startswith(a) for a, b in itertools.pairwise(prefixes))
    assert all(p.startswith("**Headline here**") for p in prefixes)


@pytest.mark.parametrize(
    ("paragraphs", "removed", "present", "absent"),
    [
        (
            ["One <b>x</b>.", "Two."],
            [],
            ['data-paragraph="1"', 'id="hb-p-2"', "¶2", "One &lt;b&gt;x"],
            ["<b>x", "<details"],
        ),
        (
            ["Body."],
            ["Read More", "<img src=x onerror=alert(1)>"],
            ["Cleaning removed 2 lines", "&lt;img"],
            ["<img"],
        ),
        (["Body."], ["Share this"], ["Cleaning removed 1 line of page debris"], []),
    ],
)
def test_article_panel_numbers_paragraphs_and_folds_debris(paragraphs, removed, present, absent):
    from bot.ui.article_panel import article_html

    html = article_html(build_article(paragraphs, headline="Port <bans> ships", removed=removed))
    assert '<h2 class="hb-headline">Port &lt;bans&gt; ships</h2>' in html
    assert html.count('<li id="hb-p-') == len(paragraphs)
    assert all(p in html for p in present), html
    assert not any(a in html for a in absent), html


def test_article_panel_without_an_article_says_how_to_load_one():
    from bot.ui.article_panel import article_html

    assert "No article yet" in article_html(None) and "data-paragraph" not in article_html(None)
