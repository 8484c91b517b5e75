"""Irregular English verb forms folded onto their base form before stemming, so that "What was
stolen?" finds "hackers stole", and "Who won?" finds "they win".

The Snowball stemmer only cuts suffixes: it leaves "stole", "stolen" and "steal" as three terms.
Forms that are also common words of another sense ("left", "saw", "met", "rose", "lay", "found"
as in "founded", "felt", "lead") are left alone.
"""

from __future__ import annotations

_FORMS: dict[str, tuple[str, ...]] = {
    "arise": ("arose", "arisen"),
    "awake": ("awoke", "awoken"),
    "become": ("became",),
    "begin": ("began", "begun"),
    "bite": ("bit", "bitten"),
    "blow": ("blew", "blown"),
    "break": ("broke", "broken"),
    "bring": ("brought",),
    "build": ("built",),
    "buy": ("bought",),
    "catch": ("caught",),
    "choose": ("chose", "chosen"),
    "come": ("came",),
    "dig": ("dug",),
    "draw": ("drew", "drawn"),
    "drink": ("drank", "drunk"),
    "drive": ("drove", "driven"),
    "eat": ("ate", "eaten"),
    "fall": ("fell", "fallen"),
    "fight": ("fought",),
    "fly": ("flew", "flown"),
    "forbid": ("forbade", "forbidden"),
    "forget": ("forgot", "forgotten"),
    "forgive": ("forgave", "forgiven"),
    "freeze": ("froze", "frozen"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "grow": ("grew", "grown"),
    "hide": ("hid", "hidden"),
    "hold": ("held",),
    "keep": ("kept",),
    "know": ("knew", "known"),
    "lose": ("lost",),
    "pay": ("paid",),
    "ride": ("rode", "ridden"),
    "ring": ("rang", "rung"),
    "rise": ("risen",),
    "run": ("ran",),
    "say": ("said",),
    "see": ("seen",),
    "seek": ("sought",),
    "sell": ("sold",),
    "send": ("sent",),
    "shake": ("shook", "shaken"),
    "shoot": ("shot",),
    "shrink": ("shrank", "shrunk"),
    "sing": ("sang", "sung"),
    "sink": ("sank", "sunk"),
    "speak": ("spoke", "spoken"),
    "spend": ("spent",),
    "steal": ("stole", "stolen"),
    "strike": ("struck", "stricken"),
    "swim": ("swam", "swum"),
    "take": ("took", "taken"),
    "teach": ("taught",),
    "tear": ("tore", "torn"),
    "tell": ("told",),
    "think": ("thought",),
    "throw": ("threw", "thrown"),
    "understand": ("understood",),
    "wake": ("woke", "woken"),
    "wear": ("wore", "worn"),
    "win": ("won",),
    "withdraw": ("withdrew", "withdrawn"),
    "write": ("wrote", "written"),
}
BASE: dict[str, str] = {form: base for base, forms in _FORMS.items() for form in forms}
"""Each irregular past form and participle, mapped to its base form."""


def base_form(word: str) -> str:
    """The base form of an irregular verb form, or the word itself.

    >>> [base_form(w) for w in ("stole", "stolen", "won", "left", "bridge")]
    ['steal', 'steal', 'win', 'left', 'bridge']
    """
    return BASE.get(word, word)
