"""Input in, article out: size limits, decoding bytes, telling HTML from text, clean, segment.

URL fetching lives in ``bot.ingest.fetch``; this module starts from the text or bytes it returns.
"""

from __future__ import annotations

import codecs
import re

from bot.article import Article, Metadata
from bot.config import Settings
from bot.errors import EmptyInputError, NoArticleError, NotTextError
from bot.ingest.clean import Cleaned, clean_html, clean_text
from bot.ingest.debris import rule_debris
from bot.ingest.limits import too_large
from bot.ingest.linefeatures import split_lines
from bot.ingest.markup import flatten_deep_nesting, strip_tags
from bot.ingest.segment import build_article, split_sentences
from bot.prompts import render
from bot.text import reads_as_language, strip_controls

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
    (b"RIFF", "an audio or video file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w:.-]+)""", re.I)
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|script|style)\b",
    re.I | re.S,
)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|article|section|h[1-6]|script|style|meta|li|ul|table|img)\b[^>]*>", re.I
)
_CODE_BLOCK = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
TAGGED_LINES = 0.15
"""Share of a text's non-empty lines that must hold a tag for it to be HTML: copied page text that
carries a few tracking-pixel tags (a ``<noscript>`` image, 1-8 % of its lines on the 811 copied
extraction pages) stays text; HTML body fragments have a tag on most lines."""
_MD_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(?=\S)(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_MD_RULE = re.compile(r"^[ ]{0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$", re.M)
_MD_QUOTE = re.compile(r"^[ ]{0,3}>[ \t]?", re.M)
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\s]*(?:\s+\"[^\"\n]*\")?\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]*(?:\s+\"[^\"\n]*\")?\)")
_MD_STRONG = re.compile(r"(?<![\w*])\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*(?![\w*])")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_MD_CODE = re.compile(r"`([^`\n]+)`")
MIN_ARTICLE_WORDS = 15
"""Text input with fewer words than this, and nothing recognised as page debris, is "too short"."""


def decode_bytes(data: bytes) -> str:
    """Decode input bytes: BOMs, UTF-8, an HTML ``<meta charset>``, then charset detection.

    >>> decode_bytes("Café".encode("cp1252")), decode_bytes(codecs.BOM_UTF8 + "naïve".encode())
    ('Café', 'naïve')
    >>> decode_bytes(b"%PDF-1.7 ...")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bot.errors.NotTextError: This looks like a PDF file, not text or HTML. Paste the article's text, ...
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise NotTextError(render("input_not_text", kind=kind))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if not _looks_textual(data):
        raise NotTextError(render("input_binary"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = decode_lines(data)
    if mixed is not None:
        return mixed
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    if _mostly_latin(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            return str(best)
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    return data.decode("cp1252", errors="replace")


def decode_lines(data: bytes) -> str | None:
    """Text where one encoding does not fit: UTF-8 lines stay UTF-8, the others are read as
    Windows-1252 (Latin-1 where that has no character). None unless some line is non-ASCII UTF-8.

    >>> decode_lines("Le maire de Saint-Étienne\\n".encode() + "a déclaré mardi".encode("latin-1"))
    'Le maire de Saint-Étienne\\na déclaré mardi'
    >>> decode_lines("café".encode("cp1252")) is None
    True
    """
    lines = data.split(b"\n")
    if not any(_UTF8_SEQUENCE.search(line) and _is_utf8(line) for line in lines):
        return None  # no line is clean UTF-8 with accents: one encoding for the whole input
    if not all(_is_utf8(line) or _mostly_utf8(line) or _mostly_latin(line) for line in lines):
        return None  # some line is no Western text either (Shift JIS, GBK...): charset detection decides
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if _mostly_utf8(line):
            out.append(line.decode("utf-8", errors="replace"))
            continue
        try:
            out.append(line.decode("cp1252"))
        except UnicodeDecodeError:
            out.append(line.decode("latin-1"))
    return "\n".join(out)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few stray bytes: far more valid multi-byte sequences than invalid bytes.

    >>> _mostly_utf8("café “open” naïve".encode() + b"\\xff"), _mostly_utf8("café".encode("cp1252"))
    (True, False)
    """
    valid = len(_UTF8_SEQUENCE.findall(data))
    invalid = data.decode("utf-8", errors="replace").count("\ufffd")
    return valid >= 2 * invalid > 0


def _mostly_latin(data: bytes) -> bool:
    """Few non-ASCII bytes among the letters: Western text with accents (cp1252, latin-1)."""
    high = sum(1 for b in data if b >= 0x80)
    letters = sum(1 for b in data if 65 <= b <= 90 or 97 <= b <= 122)
    return high <= 0.3 * (high + letters)


def _looks_textual(data: bytes) -> bool:
    sample = data[:8192]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control <= max(1, len(sample) // 100)


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML document (or a fragment with several tags) rather than plain text.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("<p>One</p><p>Two</p><p>Three</p>")
    True
    >>> looks_like_html("Prices rose 5% (<3% was expected) as a <b> shows.")
    False

    Copied page text that carries a few tags (a tracking pixel's ``<img>``) is still text:

    >>> looks_like_html('<div><img src="p.gif"></div>\\n' + "Port bans ships.\\n" * 9)
    False
    """
    head = text[:5000]
    if _HTML_START.match(head):
        return True
    if len(_HTML_TAG.findall(head)) < 3:
        return False
    # a script or style block counts as one tagged line, however long its code
    lines = [line for line in _CODE_BLOCK.sub("<script>", head).split("\n") if line.strip()]
    return sum(1 for line in lines if _HTML_TAG.search(line)) >= TAGGED_LINES * len(lines)


def looks_like_markdown(text: str) -> bool:
    """Whether a text is written in Markdown: a ``#`` heading, a ``[link](url)`` or ``**bold**`` text.

    >>> looks_like_markdown("# Port bans ships\\n\\nThe council voted.")
    True
    >>> looks_like_markdown("Read [the report](https://example.com/r) here.")
    True
    >>> looks_like_markdown("#MeToo trended as 5 * 3 * 2 people voted.")
    False
    """
    head = text[:20000]
    return bool(_MD_HEADING.search(head) or _MD_LINK.search(head) or _MD_STRONG.search(head))


def strip_markdown(text: str) -> str:
    """Markdown to plain text, line by line: heading markers, rules, quote markers, emphasis, code
    marks and link or image syntax go; the words stay (a link keeps its text, an image its alt text).

    >>> print(strip_markdown("# Port bans *cruise* ships #\\n---\\n"
    ...                      "> **Related:** [Ten clubs](https://x.test/c \\"t\\")\\n"
    ...                      "Costs rose 5 * 3 times; `snake_case` and ![a map](m.png) stay readable."))
    Port bans cruise ships
    <BLANKLINE>
    Related: Ten clubs
    Costs rose 5 * 3 times; snake_case and a map stay readable.
    """
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_RULE.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\1", text)
    return _MD_CODE.sub(r"\1", text)


def too_short(text: str) -> str | None:
    """The message for a text input that is too short to be an article, else None.

    A short input made of recognised page debris (menus, "Read More", credits) is not "too short":
    the caller says that no article text was found in it.

    >>> too_short("Hello")
    'That is too short to be an article (1 word); paste the whole article text, HTML, or a URL.'
    >>> too_short("Read More\\nRelated Articles") is None, too_short("word " * 15) is None
    (True, True)
    """
    words = len(text.split())
    if words >= MIN_ARTICLE_WORDS or any(kind is not None for kind in rule_debris(split_lines(text))):
        return None
    counted = "1 word" if words == 1 else f"{words} words"
    return render("input_too_short", counted=counted)


def truncate(paragraphs: list[str], max_words: int) -> tuple[list[str], int]:
    """At most ``max_words`` words, cut at a paragraph end, else a sentence end, else a word.

    Returns the kept paragraphs and the word count of the whole input.

    >>> truncate(["One two three.", "Four five. Six seven."], 4)
    (['One two three.'], 7)
    >>> truncate(["One two three. Four five six."], 4)
    (['One two three.'], 6)
    """
    total = sum(len(p.split()) for p in paragraphs)
    if total <= max_words:
        return paragraphs, total
    kept: list[str] = []
    used = 0
    for p in paragraphs:
        n = len(p.split())
        if used + n <= max_words:
            kept.append(p)
            used += n
            continue
        if not kept:
            sentences: list[str] = []
            for s in split_sentences(p):
                if used + len(s.split()) > max_words:
                    break
                sentences.append(s)
                used += len(s.split())
            kept.append(" ".join(sentences) if sentences else " ".join(p.split()[:max_words]))
        break
    return kept, total


def _not_language() -> NotTextError:
    return NotTextError(render("input_not_language"))


def clean_source(text: str, *, url: str | None = None) -> Cleaned:
    """The cleaning step of ``load_article``: HTML, Markdown and copied page text told apart and each
    cleaned its way (``headline-bot eval clean`` measures this, so it scores what people get).

    >>> page = ("<html><body><article><h1>Port bans cruise ships</h1><p>The harbour council voted on "
    ...         "Tuesday to ban large cruise ships from next April.</p></article></body></html>")
    >>> clean_source(page).headline
    'Port bans cruise ships'
    >>> clean_source("# Port bans ships\\n\\nThe council voted on Tuesday to ban large ships.").headline
    'Port bans ships'
    """
    if looks_like_html(text):
        cleaned = clean_html(flatten_deep_nesting(text), url=url)
        return Cleaned(
            strip_tags(cleaned.headline) if cleaned.headline else cleaned.headline,
            tuple(t for t in (strip_tags(p) for p in cleaned.paragraphs) if t.strip()),
            cleaned.removed,
            cleaned.metadata,
        )
    if looks_like_markdown(text):
        text = strip_markdown(text)
    return clean_text(text)


def load_article(source: str | bytes, *, settings: Settings | None = None, url: str | None = None) -> Article:
    """Turn pasted text, HTML or raw bytes into an ``Article``.

    >>> a = load_article("Port bans cruise ships\\n\\nThe council voted on Tuesday to ban large ships.\\n"
    ...                  "Share this article")
    >>> a.headline, [p.text for p in a.paragraphs], a.removed
    ('Port bans cruise ships', ['The council voted on Tuesday to ban large ships.'], ('Share this article',))
    """
    settings = settings or Settings()
    size = len(source) if isinstance(source, bytes) else len(source.encode("utf-8", errors="replace"))
    if size > settings.max_input_bytes:
        raise too_large(size, settings.max_input_bytes)
    text = decode_bytes(source) if isinstance(source, bytes) else source
    if not text.strip():
        raise EmptyInputError(render("input_empty"))
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not looks_like_html(text):
        if not reads_as_language(text[:200_000]):
            raise _not_language()
        short = too_short(strip_markdown(text) if looks_like_markdown(text) else text)
        if short:  # a greeting is never an article, whatever the cleaner keeps of it
            raise NoArticleError(short)
    cleaned = clean_source(text, url=url)
    if not cleaned.paragraphs:
        raise NoArticleError(render("input_no_article"))
    if not reads_as_language("\n".join(cleaned.paragraphs)[:200_000]):
        raise _not_language()
    limit = settings.max_article_words
    paragraphs, total = truncate(list(cleaned.paragraphs), limit)
    notes = []
    if total > limit:
        notes.append(render("article_truncated", total=f"{total:,}", limit=f"{limit:,}"))
    metadata = cleaned.metadata
    if url and not metadata.url:
        metadata = Metadata(metadata.title, metadata.author, metadata.date, url)
    return build_article(
        paragraphs, headline=cleaned.headline, metadata=metadata, removed=cleaned.removed, notes=notes
    )


__all__ = [
    "Cleaned",
    "clean_source",
    "decode_bytes",
    "load_article",
    "looks_like_html",
    "looks_like_markdown",
    "strip_markdown",
    "too_short",
    "truncate",
]
