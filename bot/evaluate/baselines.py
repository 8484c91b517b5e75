"""Baseline summarisers for the evaluation: Lead-N and sumy's LexRank and TextRank.

sumy normally splits sentences with nltk's punkt, which is not available here, so it is given
``NupunktTokenizer``: nupunkt for sentences (the same splitter the product uses) and a regex for words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.article import Article
from bot.ingest.segment import split_sentences

_WORDS = re.compile(r"\w+(?:['’]\w+)*")


class NupunktTokenizer:
    """The tokenizer object sumy expects (``to_sentences``, ``to_words``), backed by nupunkt.

    >>> t = NupunktTokenizer()
    >>> t.to_sentences("Dr. Roe arrived. She left."), t.to_words("She didn't stay.")
    (('Dr. Roe arrived.', 'She left.'), ('She', "didn't", 'stay'))
    """

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """The sentences of a paragraph."""
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """The words of a sentence (punctuation dropped)."""
        return tuple(_WORDS.findall(sentence))


def lead(article: Article, n: int) -> list[str]:
    """The first ``n`` sentences, as they are.

    >>> from bot.ingest.segment import build_article
    >>> lead(build_article(["One is here. Two is here.", "Three is here."]), 2)
    ['One is here.', 'Two is here.']
    """
    return [s.text for s in article.sentences[:n]]


def sumy_summarizer(name: str) -> Callable[[Article, int], list[str]]:
    """sumy's ``lexrank`` or ``textrank`` with English stemming and stop words, over our sentences."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}
    summarizer = classes[name](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = NupunktTokenizer()

    def run(article: Article, n: int) -> list[str]:
        document = PlaintextParser.from_string(article.text, tokenizer).document
        return [str(s) for s in summarizer(document, n)]

    return run
