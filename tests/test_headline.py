"""Generated headlines: deletion-only compression of the lead sentence, at most 12 words."""

from __future__ import annotations

import re

import pytest

from bot.ingest.segment import build_article
from bot.summarize.headline import MAX_WORDS, compress, generate_headline, headline_style

CASES = [
    # (lead sentence, expected headline)
    # a local paper's dateline goes, as the wires' "(CNN) --" does
    (
        "ALDER CREEK — A hillside above the town collapsed on Tuesday, killing at least four people.",
        "Hillside above town collapsed killing at least four people",
    ),
    (
        "The city council has approved a new bridge over the river on Monday, officials said.",
        "City council approved new bridge over river",
    ),
    (
        "On Tuesday, police said that a man was arrested after a chase through Leeds.",
        "Police said man was arrested",
    ),
    (
        "The Riverton Ferry Company said it would cut its winter timetable to two crossings a day.",
        "Riverton Ferry Company to cut winter timetable to two crossings a day",  # "said it would"; no "its"
    ),
    (
        "Harbour Holdings Ltd <HBR.L> said its profits rose 4 pct as freight volumes recovered.",
        # "said its": the subject's own; the suffix and the ticker go first
        "Harbour Holdings profits rose 4 pct as freight volumes recovered",
    ),
    (
        "Shares in the ferry operator are falling sharply after the strike was called.",
        "Shares in ferry operator falling sharply",  # "are" before an -ing form goes
    ),
    (
        "The harbour board approved a deal with the shipping firm Nordline Corp <AN> for two years.",
        "Harbour board approved deal with shipping firm Nordline for two years",  # no suffix, no ticker
    ),
    (
        "Police said they were called to the Quayside flats at 2am on Sunday.",
        "Police called to Quayside flats at 2am",
    ),
    (
        "A spokesman said it was too early to say what caused the fire at the depot.",
        "Spokesman said it was too early to say what caused fire",  # his "it" is not himself
    ),
    (
        "The ferry will run three crossings a day from May, the operator said.",
        "Ferry to run three crossings a day",  # "a day" is a rate, not an article
    ),
    (
        "LONDON, England (CNN) -- Heavy snow has closed three airports in Scotland (file photo).",
        "Heavy snow closed three airports in Scotland",
    ),
    (
        "Riverton's only cinema will close next month after 90 years, its owners announced.",
        "Riverton's only cinema to close",
    ),
    (
        "A 19-year-old sailor has become the youngest person to cross the Atlantic alone, "
        "organisers of the race said on Sunday.",
        "19-year-old sailor has become youngest person to cross Atlantic alone",
    ),
    (
        "Farmers in the valley, who lost most of their crops in the floods, will receive emergency grants.",
        "Farmers in valley",
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_compress_examples(sentence: str, expected: str) -> None:
    assert compress(sentence) == expected


SENTENCES = [s for s, _ in CASES] + [
    "Shares in the shipping group Nordline fell sharply yesterday when the firm warned that "
    "fuel costs and a weak harbour season would wipe out most of its expected annual profit.",
    "Scientists studying a colony of puffins on a remote island off the coast have recorded the "
    "highest number of chicks in two decades.",
    "Hello.",
]


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w'’-]+", text)}


@pytest.mark.parametrize("sentence", SENTENCES)
def test_headline_uses_only_the_sentences_words_and_is_short(sentence: str) -> None:
    headline = compress(sentence)
    assert 1 <= len(headline.split()) <= MAX_WORDS
    # only headline grammar's "to" for "will" is new
    assert _words(headline) <= _words(sentence) | ({"to"} if "will" in _words(sentence) else set())


def test_generate_headline_skips_debris_and_handles_empty() -> None:
    article = build_article(
        ["By . Jane Roe .", "The harbour authority has banned cruise ships from the old port."]
    )
    assert generate_headline(article) == "Harbour authority banned cruise ships from old port"
    assert generate_headline(build_article([])) == ""


WELLFORMED_CASES = [
    ("Chinese Communist Party accused of committing “genocide", ["unbalanced quote or bracket"]),
    ("Council approves new bridge over the", ["ends on a function word"]),
    ("Council approves new bridge and", ["ends on a function word"]),
    ("Council approves new bridge,", ["cut mid-phrase"]),
    ("Talks (in Paris end", ["unbalanced quote or bracket"]),
    ("One two three four five six seven eight nine ten eleven twelve thirteen", ["too long"]),
    ('Minister calls plan "a disgrace"', []),
    ("Pompeo says China committing genocide against Uighurs", []),
    ("Qtly div five cts vs N.A", []),
    ("", ["empty"]),
]


@pytest.mark.parametrize(("headline", "problems"), WELLFORMED_CASES)
def test_wellformed_rules(headline: str, problems: list[str]) -> None:
    from bot.summarize.wellformed import headline_problems

    assert headline_problems(headline) == problems


REPAIR_CASES = [
    (
        "The Chinese Communist Party has been accused of committing “genocide and crimes against "
        "humanity” in its repression of Uighur Muslims.",
        "Chinese Communist Party accused of committing “genocide and crimes against humanity”",
    ),
    ('The world\'s copper producers have reached "a degree of consensus" on a study group.', None),
    ("Officials said the talks, which began in (early) March, would end on the", None),
]


@pytest.mark.parametrize(("sentence", "expected"), REPAIR_CASES)
def test_generated_headlines_are_well_formed(sentence: str, expected: str | None) -> None:
    from bot.summarize.wellformed import headline_problems

    headline = compress(sentence)
    assert headline_problems(headline) == []
    if expected is not None:
        assert headline == expected


@pytest.mark.parametrize(
    ("text", "styled"),
    [
        ("Mobil will raise pump prices", "Mobil to raise pump prices"),
        ("Federal Reserve is expected to act", "Federal Reserve expected to act"),
        ("Man was arrested in Leeds", "Man arrested in Leeds"),
        ("Offerings were filed with regulator", "Offerings filed with regulator"),
        # a pronoun subject or a kept attribution keeps the sentence's own grammar
        ("It will rain in Leeds", "It will rain in Leeds"),
        ("Grumman said it was awarded contract", "Grumman said it was awarded contract"),
        ("Bank said its unit will sell shares", "Bank said its unit will sell shares"),
        # not a participle; not a future to be turned
        ("Council is short of money", "Council is short of money"),
        ("Ferry will not sail", "Ferry will not sail"),
        ("Mayor will be replaced", "Mayor will be replaced"),
    ],
)
def test_headline_style(text: str, styled: str) -> None:
    assert headline_style(text) == styled
