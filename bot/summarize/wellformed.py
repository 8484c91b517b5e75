"""Rules a generated headline must pass: short, whole phrases, balanced quotes and brackets.

``headline_problems`` names every rule a headline breaks (an empty list means well formed); the
headline evaluation counts the headlines with any problem as ``malformed``.
"""

from __future__ import annotations

import re

MAX_HEADLINE_WORDS = 12
"""A headline has at most this many words."""

FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "into",
        "onto",
        "about",
        "over",
        "under",
        "after",
        "before",
        "than",
        "as",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "if",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "because",
        "although",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "its",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
        "this",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "not",
        "very",
        "more",
        "most",
        "such",
        "no",
        "up",
        "out",
        "off",
        "per",
        "via",
        "amid",
        "among",
        "against",
        "between",
        "through",
        "during",
        "without",
        "says",
        "said",
    ]
)
"""Words a headline may not end on: articles, prepositions, conjunctions, auxiliaries, pronouns."""

_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("“", "”"), ("‘", "’"))
_DANGLING = re.compile(r"[,;:\-–—/&(\[{“‘]$")
_WORD = re.compile(r"[\w’'-]+")


def _unbalanced(text: str) -> bool:
    for left, right in _PAIRS:
        if left == "‘":
            # ’ is also the apostrophe: only an opening ‘ without any closing one is unbalanced.
            if text.count(left) > text.count(right):
                return True
            continue
        depth = 0
        for ch in text:
            depth += (ch == left) - (ch == right)
            if depth < 0:
                return True
        if depth:
            return True
    straight = len(re.findall(r'"', text))
    return straight % 2 == 1


def headline_problems(headline: str, max_words: int = MAX_HEADLINE_WORDS) -> list[str]:
    """The rules ``headline`` breaks, by name; ``[]`` when it is well formed.

    >>> headline_problems("Chinese Communist Party accused of committing “genocide")
    ['unbalanced quote or bracket']
    >>> headline_problems("Mayor of Riverton resigned over fees of the")
    ['ends on a function word']
    >>> headline_problems("Council approves new bridge,")
    ['cut mid-phrase']
    >>> headline_problems("Pompeo says China committing 'genocide' against Uighurs")
    []
    >>> headline_problems('Qtly div five cts vs N.A'), headline_problems('Copper talks reach "consensus"')
    ([], [])
    """
    text = " ".join(headline.split())
    words = _WORD.findall(text)
    problems = []
    if not words:
        return ["empty"]
    if len(text.split()) > max_words:
        problems.append("too long")
    if _unbalanced(text):
        problems.append("unbalanced quote or bracket")
    if text.split()[-1].strip(".,;:!?\"'“”‘’()[]<>").lower() in FUNCTION_WORDS:
        problems.append("ends on a function word")
    if _DANGLING.search(text.rstrip(".!?")) and not text.rstrip(".!?").endswith(("”", "’")):
        problems.append("cut mid-phrase")
    return problems


def repair_marks(words: list[str]) -> list[str]:
    """Drop quote marks and brackets that have no partner among ``words`` (never adds a word).

    >>> repair_marks(["Party", "accused", "of", "“genocide"])
    ['Party', 'accused', 'of', 'genocide']
    >>> repair_marks(["Talks", "(in", "Paris)", "end"])
    ['Talks', '(in', 'Paris)', 'end']
    >>> repair_marks(['"Not', 'guilty"', 'plea', '"'])
    ['"Not', 'guilty"', 'plea']
    >>> repair_marks(['reached', '"', 'degree', 'of', 'consensus"'])
    ['reached', 'degree', 'of', 'consensus']
    """
    text = " ".join(w for w in words if _WORD.search(w))
    for left, right in (*_PAIRS[:4], ('"', '"')):
        if left == right:
            if text.count(left) % 2:
                cut = text.rfind(left)
                text = text[:cut] + text[cut + 1 :]
            continue
        while text.count(left) != text.count(right):
            cut = text.rfind(left) if text.count(left) > text.count(right) else text.find(right)
            text = text[:cut] + text[cut + 1 :]
    if text.count("‘") > text.count("’"):
        text = text.replace("‘", "")
    return [w for w in text.split() if _WORD.search(w)]
