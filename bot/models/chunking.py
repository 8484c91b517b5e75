"""Fitting text into a model's input window: split along paragraphs, then sentences, then words.

Nothing is ever dropped: every word of the input lands in exactly one chunk, in order. ``fits`` is
any predicate on a candidate chunk (for the generator: "the rendered prompt has at most as many
tokens as the window"), so these functions stay pure and model-free.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.ingest.segment import split_sentences

Fits = Callable[[str], bool]
PARAGRAPH_BREAK = "\n\n"


def split_to_fit(text: str, fits: Fits) -> list[str]:
    """Pieces of one paragraph that each fit: whole sentences where possible, else runs of words.

    >>> few_words = lambda s: len(s.split()) <= 6
    >>> split_to_fit("One two three. Four five six seven. Eight.", few_words)
    ['One two three.', 'Four five six seven. Eight.']
    >>> split_to_fit("a b c d e f g h i j", lambda s: len(s.split()) <= 4)
    ['a b c d', 'e f g h', 'i j']
    """
    if fits(text):
        return [text]
    sentences = split_sentences(text)
    if len(sentences) > 1:
        return pack([piece for s in sentences for piece in split_to_fit(s, fits)], fits, sep=" ")
    words = text.split()
    if len(words) <= 1:
        return [text]  # a single unbreakable token: let the caller's check report it
    pieces: list[str] = []
    current: list[str] = []
    for word in words:
        if current and not fits(" ".join([*current, word])):
            pieces.append(" ".join(current))
            current = []
        current.append(word)
    if current:
        pieces.append(" ".join(current))
    return pieces


def pack(pieces: Sequence[str], fits: Fits, *, sep: str = PARAGRAPH_BREAK) -> list[str]:
    """Greedily join consecutive pieces while the joined text still fits.

    >>> pack(["a b", "c d", "e f g", "h"], lambda s: len(s.split()) <= 4, sep=" ")
    ['a b c d', 'e f g h']
    """
    chunks: list[str] = []
    current: list[str] = []
    for piece in pieces:
        if current and fits(sep.join([*current, piece])):
            current.append(piece)
            continue
        if current:
            chunks.append(sep.join(current))
        current = [piece]
    if current:
        chunks.append(sep.join(current))
    return chunks


def chunk_paragraphs(paragraphs: Sequence[str], fits: Fits) -> list[str]:
    """Chunks of whole paragraphs that fit; a paragraph too long on its own is split by sentences.

    >>> paras = ["One two three.", "Four five.", "Six seven eight nine ten eleven. Twelve."]
    >>> chunk_paragraphs(paras, lambda s: len(s.split()) <= 6)
    ['One two three.\\n\\nFour five.', 'Six seven eight nine ten eleven.', 'Twelve.']
    """
    pieces = [piece for p in paragraphs if p.strip() for piece in split_to_fit(p.strip(), fits)]
    return pack(pieces, fits)
