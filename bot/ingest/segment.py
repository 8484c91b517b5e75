"""Paragraphs and sentences: blank lines or single newlines make paragraphs; nupunkt makes sentences.

An article with no breaks at all (the CNN/DailyMail style: one block) is formed into passages of
about three sentences, so answers can still cite a paragraph-sized piece of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.article import Article, Metadata, Paragraph, Sentence

PASSAGE_SENTENCES = 3
"""Sentences per passage when an article has no paragraph breaks."""

_TITLES = r"(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|St|Lt|Lieut|Cmdr|Capt|Sgt|Det|Insp|Supt|Cllr|Col|Maj|Adm|Rev|Cpl|Pvt)"  # noqa: E501
"""Titles written with a full stop before a name ("Lt. Cmdr. Aaron Petrakis", "Det. Insp. Khan")."""
# nupunkt keeps "said so. Dr. Jones" and 'per cent. "Is it' together: a title or an opening quote
# after a sentence end starts a new sentence.
_TITLE_AFTER_END = re.compile(rf"(?<=[a-z0-9%)]{{2}}[.!?]) +(?=(?:{_TITLES})\. [A-Z]|[\"“‘«][A-Z])")
# and it ends a sentence after some titles ("Lt." / "Cmdr." / "Aaron Petrakis said"): a piece that
# ends with a title goes on into the next
_ENDS_WITH_TITLE = re.compile(rf"(?:^|\s)(?!St\.){_TITLES}\.$")  # "Main St." may end one


def split_sentences(text: str) -> list[str]:
    """Split text into sentences with nupunkt.

    >>> split_sentences('Mr. Smith went to the U.S. on Jan. 19. He left.')
    ['Mr. Smith went to the U.S. on Jan. 19.', 'He left.']
    >>> split_sentences('Prices rose 2.5 per cent. "Is it late?" she asked. It was.')
    ['Prices rose 2.5 per cent.', '"Is it late?" she asked.', 'It was.']
    >>> split_sentences('The army said so. Dr. Jones agreed.')
    ['The army said so.', 'Dr. Jones agreed.']

    A piece that opens in lower case after "?" or "!" goes on the sentence before: the mark was
    part of a name or a quoted question ("Consumer group Which? said ...").

    >>> split_sentences('Consumer group Which? said it was too slow. It agreed.')
    ['Consumer group Which? said it was too slow.', 'It agreed.']
    >>> split_sentences('An inquiry began. Lt. Cmdr. Aaron Petrakis leads it. Capt. Jo Bell agreed.')
    ['An inquiry began.', 'Lt. Cmdr. Aaron Petrakis leads it.', 'Capt. Jo Bell agreed.']
    """
    import nupunkt

    out: list[str] = []
    for found in nupunkt.sent_tokenize(text):
        s = found if isinstance(found, str) else str(found[0])
        for part in _TITLE_AFTER_END.split(s):
            part = part.strip()
            if not part:
                continue
            asked = part[0].islower() and out and out[-1].endswith(("?", "!", '?"', "?”", '!"', "!”"))
            if out and (asked or _ENDS_WITH_TITLE.search(out[-1])):
                out[-1] = f"{out[-1]} {part}"
            else:
                out.append(part)
    return out


def build_article(
    paragraphs: Sequence[str],
    *,
    headline: str | None = None,
    metadata: Metadata | None = None,
    removed: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> Article:
    """Number paragraphs from 1 and split each into sentences that know their paragraph.

    A single paragraph of more than two passages' worth of sentences (an article with no
    breaks) is first formed into passages of about three sentences.

    >>> a = build_article(["One. Two. Three. Four. Five. Six. Seven."], headline="H")
    >>> [(p.number, len(p.sentences)) for p in a.paragraphs]
    [(1, 3), (2, 4)]
    >>> a.sentences[4].paragraph, a.sentences[4].index
    (2, 4)
    """
    texts = [p.strip() for p in paragraphs if p and p.strip()]
    split = [split_sentences(t) or [t] for t in texts]
    if len(texts) == 1 and len(split[0]) > 2 * PASSAGE_SENTENCES:
        grouped = _group(split[0])
        texts = [" ".join(g) for g in grouped]
        split = grouped
    built: list[Paragraph] = []
    index = 0
    for number, (text, sents) in enumerate(zip(texts, split, strict=True), start=1):
        sentences = []
        for s in sents:
            sentences.append(Sentence(text=s, paragraph=number, index=index))
            index += 1
        built.append(Paragraph(number=number, text=text, sentences=tuple(sentences)))
    return Article(
        headline=headline,
        paragraphs=tuple(built),
        metadata=metadata or Metadata(),
        removed=tuple(removed),
        notes=tuple(notes),
    )


def _group(sentences: Sequence[str], size: int = PASSAGE_SENTENCES) -> list[list[str]]:
    groups = [list(sentences[i : i + size]) for i in range(0, len(sentences), size)]
    if len(groups) > 1 and len(groups[-1]) < 2:
        last = groups.pop()
        groups[-1] += last
    return groups
