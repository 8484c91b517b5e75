"""Markup that the HTML parser cannot take as it is, and markup left in text taken out of HTML.

* A page nested thousands of levels deep is cut by the parser (libxml2 stops at a few hundred
  levels) and its text is lost; :func:`flatten_deep_nesting` rewrites such a page as a flat list
  of paragraphs first.
* Text that came out of a page can still hold tags (a page that shows ``&lt;script&gt;`` as text,
  or markup escaped twice); :func:`strip_tags` removes them so the plain-text API returns plain text.
"""

from __future__ import annotations

import html
import re

MAX_DEPTH = 200
"""Pages nested deeper than this are flattened before parsing."""

_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)\b[^>]*?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track"}
    | {"wbr", "!doctype"}
)
_HIDDEN = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_BLOCK = re.compile(
    r"</?(?:p|div|section|article|main|header|footer|aside|nav|h[1-6]|li|ul|ol|blockquote|pre|table|tr|td|th"
    r"|br|hr|body|html|head|figure|figcaption|dd|dt|dl)\b[^>]*>",
    re.I,
)
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<![^<>]*>")


def nesting_depth(page: str) -> int:
    """The deepest element nesting of a page, counted from its tags (void elements do not nest).

    >>> nesting_depth("<html><body><div><p>Hi<br></p></div></body></html>")
    4

    Tags inside scripts, styles and comments are not elements (a script that writes ``"<div>"``
    strings opens nothing):

    >>> nesting_depth("<html><body><script>var t = '<div>' + '<div>';</script><!-- <div> --></body></html>")
    2
    """
    depth = deepest = 0
    for match in _TAG.finditer(_HIDDEN.sub(" ", _COMMENT.sub(" ", page))):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def flatten_deep_nesting(page: str, max_depth: int = MAX_DEPTH) -> str:
    """The page unchanged, or, when nested deeper than ``max_depth``, its title and text blocks as
    a flat page of paragraphs (scripts and styles dropped).

    >>> deep = "<html><head><title>T</title></head><body>" + "<div>" * 300 + "<p>Text &amp; more</p>"
    >>> flatten_deep_nesting(deep + "</div>" * 300 + "</body></html>")
    '<html><head><title>T</title></head><body>\\n<p>Text &amp; more</p>\\n</body></html>'
    """
    if page.count("<") <= max_depth or nesting_depth(page) <= max_depth:
        return page
    title = _TITLE.search(page)
    body = _HIDDEN.sub(" ", _COMMENT.sub(" ", page))
    body = _TITLE.sub(" ", body)
    blocks = []
    for block in _BLOCK.split(body):
        text = " ".join(html.unescape(_ANY_TAG.sub(" ", block)).split())
        if text:
            blocks.append(f"<p>{html.escape(text, quote=False)}</p>")
    head = f"<title>{title.group(1).strip()}</title>" if title else ""
    return f"<html><head>{head}</head><body>\n" + "\n".join(blocks) + "\n</body></html>"


def strip_tags(text: str) -> str:
    """Text with anything that looks like an HTML tag or comment removed, spaces tidied.

    >>> strip_tags('Visitors saw <script>alert(1)</script> and <img src=x onerror="y()"> on the page.')
    'Visitors saw alert(1) and on the page.'
    >>> strip_tags("Prices rose 5% (<3% was expected) and a > b.")
    'Prices rose 5% (<3% was expected) and a > b.'
    """
    if "<" not in text:
        return text
    stripped = _ANY_TAG.sub(" ", _COMMENT.sub(" ", text))
    return re.sub(r"[ \t]{2,}", " ", re.sub(r"[ \t]+([.,;:!?])", r"\1", stripped)).strip()
