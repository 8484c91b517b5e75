"""Ingest: any input (pasted text, HTML, Markdown, bytes, a file, a URL) to an ``Article``.

Bytes are decoded (``load``), HTML goes through trafilatura and copied page text through the line
classifier and the debris rules (``clean``, ``lineclassifier``, ``linefeatures``, ``debris``), URLs
are fetched under the network guard (``fetch``, ``netguard``), and the clean text is split into
paragraphs and sentences (``segment``).
"""

from bot.ingest.clean import Cleaned, clean_html, clean_text
from bot.ingest.debris import is_debris
from bot.ingest.load import decode_bytes, load_article
from bot.ingest.segment import build_article, split_sentences

__all__ = [
    "Cleaned",
    "build_article",
    "clean_html",
    "clean_text",
    "decode_bytes",
    "is_debris",
    "load_article",
    "split_sentences",
]
