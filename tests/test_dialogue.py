"""Intent routing, follow-up resolution and the Conversation, with the real bot."""

from __future__ import annotations

import pytest

from bot.chat.conversation import Conversation, Intent, Reply, Turn, is_more, resolve_followup, route
from bot.chat.followup import names, person, resolve
from bot.summarize.base import Length

SHORT = Length()
ONE_LINE = Length("one-line")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("summarise", Intent("summary", SHORT)),
        ("Summarize this", Intent("summary", SHORT)),
        ("Can you summarise the article for me please?", Intent("summary", SHORT)),
        ("summary?", Intent("summary", SHORT)),
        ("tl;dr", Intent("summary", ONE_LINE)),
        ("TL;DR?", Intent("summary", ONE_LINE)),
        ("tldr", Intent("summary", ONE_LINE)),
        ("in one sentence", Intent("summary", ONE_LINE)),
        ("Sum it up in a single sentence", Intent("summary", ONE_LINE)),
        ("in a nutshell?", Intent("summary", ONE_LINE)),
        ("give me 3 bullet points", Intent("summary", Length("bullets", 3))),
        ("Three bullets please", Intent("summary", Length("bullets", 3))),
        ("key points", Intent("summary", Length("bullets"))),
        ("bullet points", Intent("summary", Length("bullets"))),
        ("summarise in 2 sentences", Intent("summary", Length("short", 2))),
        ("Give me a summary in 50 words", Intent("summary", Length("short", None, 50))),
        ("a longer summary please", Intent("summary", Length("short", 5))),
        ("what's this about?", Intent("question")),
        ("what happened?", Intent("question")),
        ("What is the article about", Intent("question")),
        ("What happened?", Intent("question")),
        ("headline?", Intent("summary", ONE_LINE, headline=True)),
        ("What's the headline?", Intent("summary", ONE_LINE, headline=True)),
        ("Who made the call?", Intent("question")),
        ("What happened in August?", Intent("question")),
        ("What did the summary of the report say about fees?", Intent("question")),
        ("What did she say in one sentence to the council?", Intent("question")),
        ("How many sentences did the judge hand down?", Intent("question")),
        ("What did he say about the title race?", Intent("question")),
        ("What points did the traders make?", Intent("question")),
        ("Summarise what Okafor said about the ban", Intent("question")),
        ("When was that?", Intent("question")),
    ],
)
def test_route(message, expected):
    assert route(message) == expected


def answered(question: str, said: str) -> Turn:
    return Turn(question, question, Reply(said, "answer"))


HARBOUR_ANSWER = "The motion, brought by council leader Maria Okafor, passed by 14 votes to 5."


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        ([], "When did he say that?", "When did he say that?"),
        ([answered("Who brought the motion?", HARBOUR_ANSWER)], "Tell me more", "Who brought the motion?"),
        ([answered("Who brought the motion?", HARBOUR_ANSWER)], "go on", "Who brought the motion?"),
        (
            [answered("Who brought the motion?", HARBOUR_ANSWER)],
            "What did she say about the ships?",
            "What did Maria Okafor say about the ships?",
        ),
        (
            [answered("Who brought the motion?", HARBOUR_ANSWER)],
            "When did she say that?",
            "When did Maria Okafor say that? (Who brought the motion?)",
        ),
        (
            [answered("What did Dafydd Rees say?", "He said members would object.")],
            "when did he say that?",
            "when did Dafydd Rees say that? (What did Dafydd Rees say?)",
        ),
        (
            [answered("Who chairs the Port Elwyn Traders Association?", "Its chairman, Dafydd Rees, spoke.")],
            "What did his members ask for?",
            "What did Dafydd Rees's members ask for?",
        ),
        (
            [answered("How many cases were reported in France?", "France reported 12 cases.")],
            "and the UK?",
            "How many cases were reported in the UK?",
        ),
        (
            [answered("What did Germany decide?", "Germany closed its border.")],
            "What about Italy?",
            "What did Italy decide?",
        ),
        (
            [answered("What did the council decide?", "It voted to ban cruise ships.")],
            "and the traders?",
            "What did the council decide: what about the traders?",
        ),
        (
            [answered("What is the visitor levy?", "A levy of 3 pounds per night.")],
            "When does it start?",
            "When does it start? (What is the visitor levy?)",
        ),
        (
            [answered("What did the council decide?", "It voted to ban cruise ships.")],
            "Why?",
            "Why? (What did the council decide?)",
        ),
        (
            [answered("Who brought the motion?", HARBOUR_ANSWER)],
            "Is it raining now?",
            "Is it raining now?",
        ),
        (
            [answered("Who brought the motion?", HARBOUR_ANSWER)],
            "What time is it?",
            "What time is it?",
        ),
        (
            [answered("What is the visitor levy?", "A levy of 3 pounds per night.")],
            "Is it going to be cold?",
            "Is it going to be cold?",
        ),
        (
            [answered("Who brought the motion?", HARBOUR_ANSWER)],
            "How much is the visitor levy?",
            "How much is the visitor levy?",
        ),
        (  # a day is nobody "he" can be: the question that asked who stays beside it
            [answered("Who's the landlord?", "A landlord was jailed at Wrexford Crown Court on Thursday.")],
            "How long will he be jailed?",
            "How long will he be jailed? (Who's the landlord?)",
        ),
        (  # a campaign or a park is nobody "she" can be either
            [
                answered(
                    "Who's behind the petition?",
                    "A coalition called Save Marlowe Libraries has collected 14,000 signatures.",
                )
            ],
            "How old is she?",
            "How old is she? (Who's behind the petition?)",
        ),
        (
            [answered("Who found him?", "A hiker lost in Alder Ridge National Park was found alive.")],
            "How old is he?",
            "How old is he? (Who found him?)",
        ),
        (  # "she" after "who runs <a company>?" is the person the answer named, not the company
            [answered("Who runs Cobaltline?", "Dana Whitfield, Cobaltline's chief executive, spoke.")],
            "What did she tell staff?",
            "What did Dana Whitfield tell staff?",
        ),
        (  # a possessive is not part of the name, and a company's chief is not the company
            [answered("Who runs Eastmere Water?", "Eastmere Water's chief executive, Graham Tolley, spoke.")],
            "How long does he think the ban will last?",
            "How long does Graham Tolley think the ban will last?",
        ),
        (
            [answered("How big is Tom Beckwith's farm?", "Tom Beckwith, 61, grows onions on 400 acres.")],
            "Why can't he water his crops?",
            "Why can't Tom Beckwith water Tom Beckwith's crops?",
        ),
        (  # "has it been" names nothing of its own: "it" is what the last question was about
            [answered("Tell me about the sailing club", "Ashcombe Sailing Club has cancelled its regatta.")],
            "How long has it been going?",
            "How long has it been going? (Tell me about the sailing club)",
        ),
        (  # "OK" is nobody's name
            [Turn("Is the driver going to be OK?", "Is the driver going to be OK?", Reply("No.", "refusal"))],
            "where's he from?",
            "where's he from? (Is the driver going to be OK?)",
        ),
        (
            [answered("Which items are cheaper?", "Bread and milk. [¶2]")],
            "like what?",
            "Which items are cheaper?",
        ),
        (  # an article-level question names no thing to swap: the new thing is asked about alone
            [answered("what's the background to all this", "Prices rose. [¶5]")],
            "what about the corner shops",
            "What about the corner shops?",
        ),
        (  # a run of follow-ups carries one level of context, not every question before it
            [
                Turn(
                    "How much will it cost?",
                    "How much will it cost? (Where does it start? (How long is the line?))",
                    Reply("£310m. [¶1]", "answer"),
                )
            ],
            "who's paying for it",
            "who's paying for it (How much will it cost?)",
        ),
        (  # "and how many ...?" is a question of its own, not a thing to swap into the last one
            [answered("How many branches does Brickhouse have?", "Brickhouse has 214 stores.")],
            "And how many of those are shutting?",
            "How many of those are shutting? (How many branches does Brickhouse have?)",
        ),
        (
            [
                answered("What did Dafydd Rees say?", "He said members would object."),
                Turn("tl;dr", "tl;dr", Reply("A summary.", "summary")),
            ],
            "Tell me more",
            "What did Dafydd Rees say?",
        ),
    ],
)
def test_resolve_followup(history, question, expected):
    assert resolve_followup(question, history) == expected


def test_names_and_person():
    assert names("Ms. Okafor met Dafydd Rees in Port Elwyn.") == ["Ms. Okafor", "Dafydd Rees", "Port Elwyn"]
    assert person("The Port Elwyn Traders Association and Dafydd Rees") == "Dafydd Rees"
    assert person("nothing here") is None
    assert resolve("Who?", None) == "Who?"


@pytest.mark.parametrize(
    ("message", "expected"), [("more", True), ("Tell me more.", True), ("more fees?", False)]
)
def test_is_more(message, expected):
    assert is_more(message) is expected


@pytest.fixture()
def harbour_chat(headline_bot, harbour_text):
    return Conversation(headline_bot.load(harbour_text))


def test_conversation_answers_and_resolves_follow_ups(headline_bot, harbour_chat):
    first = harbour_chat.reply(headline_bot, "Who brought the motion?")
    assert first.kind == "answer" and "Maria Okafor" in first.text and first.answer is not None
    second = harbour_chat.reply(headline_bot, "How many people did she say live in the town?")
    resolved = harbour_chat.turns[-1].resolved
    assert resolved.startswith("How many people did ") and "Okafor say live in the town?" in resolved
    assert "6,000 people" in second.text
    more = harbour_chat.reply(headline_bot, "tell me more")
    assert more.answer is not None and second.answer is not None
    assert not set(more.answer.sentence_indices) & set(second.answer.sentence_indices)
    refusal = harbour_chat.reply(headline_bot, "What is the capital of Peru?")
    assert refusal.kind == "refusal" and refusal.text.startswith("The article doesn't say.")
    assert len(harbour_chat.turns) == 4


def test_conversation_routes_summary_requests(headline_bot, harbour_chat):
    reply = harbour_chat.reply(headline_bot, "give me 3 bullet points")
    assert reply.kind == "summary" and reply.summary is not None
    assert reply.summary.style == "bullets" and len(reply.summary.sentences) <= 3
    headline = harbour_chat.reply(headline_bot, "headline?")
    assert headline.kind == "summary" and headline.summary is None
    assert headline.text == "Harbour town votes to ban cruise ships after summer of crowding"


@pytest.mark.parametrize("message", ["", "   ", "\n"])
def test_empty_message_is_a_notice_and_keeps_the_conversation(headline_bot, harbour_chat, message):
    harbour_chat.reply(headline_bot, "Who brought the motion?")
    reply = harbour_chat.reply(headline_bot, message)
    assert reply == Reply(
        "Type a question about the article, or ask for a summary (for example “tl;dr” or “3 bullet points”).",
        "notice",
    )
    assert len(harbour_chat.turns) == 1


def test_long_question_note_reaches_the_reply(headline_bot, harbour_chat):
    limit = headline_bot.settings.max_question_chars
    reply = harbour_chat.reply(headline_bot, "How much could shops lose " + "x " * limit)
    assert reply.notes == (f"Your question was cut to its first {limit:,} characters.",)


def test_conversation_keeps_at_most_max_turns(headline_bot, harbour_text):
    chat = Conversation(headline_bot.load(harbour_text), max_turns=3)
    for question in [
        "Who brought the motion?",
        "How much is the levy?",
        "Who is Dafydd Rees?",
        "Why?",
        "more",
    ]:
        chat.reply(headline_bot, question)
    assert [t.message for t in chat.turns] == ["Who is Dafydd Rees?", "Why?", "more"]


def test_more_after_a_summary_gives_a_longer_summary(headline_bot, harbour_chat):
    first = harbour_chat.reply(headline_bot, "tl;dr")
    assert first.summary is not None and first.summary.style == "one-line"
    more = harbour_chat.reply(headline_bot, "tell me more")
    assert more.kind == "summary" and more.summary is not None
    assert len(more.summary.sentences) > len(first.summary.sentences)


def test_tell_me_more_walks_on_until_nothing_is_left(headline_bot, data_dir):
    chat = Conversation(headline_bot.load((data_dir / "orchard-article.txt").read_text(encoding="utf-8")))
    seen: set[int] = set()
    reply = chat.reply(headline_bot, "Who is Ruth Abernathy?")
    for _ in range(10):
        assert reply.answer is not None
        if not reply.answer.answerable:
            break
        assert not seen & set(reply.answer.sentence_indices)
        seen |= set(reply.answer.sentence_indices)
        reply = chat.reply(headline_bot, "more")
    assert reply.text == "There is nothing more on that in the article."
    assert len(seen) >= 4


def test_who_is_question_then_pronoun_then_question_that_stands_alone(headline_bot, data_dir):
    """ "Who's X?" names X (not "Who's X") for "her"; a follow-up that the earlier question, added
    for context, leads away from is answered alone ("How long do they have to appeal?")."""
    chat = Conversation(headline_bot.load((data_dir / "scooters-page.txt").read_bytes()))
    chat.reply(headline_bot, "Who's Priya Nandakumar?")
    sue = chat.reply(headline_bot, "Is her company going to sue?")
    assert chat.turns[-1].resolved == "Is Priya Nandakumar's company going to sue?"
    assert sue.answer is not None and 10 in [s.paragraph for s in sue.answer.sources]
    appeal = chat.reply(headline_bot, "How long do they have to appeal?")
    assert appeal.kind == "answer" and appeal.answer is not None
    assert [s.paragraph for s in appeal.answer.sources][:1] == [18]
    assert chat.turns[-1].resolved == "How long do they have to appeal?"


def test_he_is_the_story_s_person_when_the_last_turn_names_nobody(headline_bot, data_dir):
    """ "Who won it?" is answered by the lead, which names nobody ("A retired postman ..."): "he" is
    then the one the opening paragraphs name, Dennis Harrow, not whoever a later paragraph names."""
    chat = Conversation(headline_bot.load((data_dir / "news-chat-5" / "lottery-winner.txt").read_bytes()))
    chat.reply(headline_bot, "who won it")
    age = chat.reply(headline_bot, "how old is he?")
    assert chat.turns[-1].resolved == "how old is Dennis Harrow? (who won it)"
    assert age.kind == "answer" and age.answer is not None
    assert [s.paragraph for s in age.answer.sources] == [2] and "68" in age.text


@pytest.mark.parametrize(
    ("article", "messages", "expected"),
    [
        # "they" are the volunteers of the previous answer; the question's own words are few
        (
            "news-chat-5/mountain-rescue.txt",
            ["how many volunteers went out", "why couldn't they get to them"],
            {3},
        ),
        (
            "drought-page.txt",
            ["Who is Tom Beckwith?", "How big is his farm?", "Why can't he water his crops?"],
            {10, 11},
        ),
        (
            "tower-page.txt",
            ["Who's Dev Patel?", "How long has he lived there?", "Why is he unhappy?"],
            {6, 8},
        ),
        (
            "wildlife-page.txt",
            ["why are farmers unhappy", "what did Geoff Haldane say", "will he get paid for it"],
            {11},
        ),
        # the article never says "parents", and the question alone is too far from it for the
        # wrong-document gate; it is close to the passage under discussion (round 23)
        ("news-chat-5/zoo-birth.txt", ["when were the cubs born", "and who are the parents?"], {2}),
    ],
)
def test_a_follow_up_is_answered_from_the_passage_under_discussion(
    headline_bot, data_dir, article, messages, expected
):
    """A follow-up that leans on the previous answer ranks that answer's paragraphs higher, and an answer
    from them (or a neighbour) is not refused on the answerability score alone (round 22)."""
    chat = Conversation(headline_bot.load((data_dir / article).read_bytes()))
    for message in messages:
        reply = chat.reply(headline_bot, message)
    assert reply.kind == "answer" and reply.answer is not None, reply.text
    assert {s.paragraph for s in reply.answer.sources} & expected


@pytest.mark.parametrize(
    ("article", "messages"),
    [
        # the passage under discussion gives his age, not a date of birth, nor any dog: the answer
        # kind and the wording rules still refuse
        ("drought-page.txt", ["Who is Tom Beckwith?", "When was he born?"]),
        ("drought-page.txt", ["Who is Tom Beckwith?", "What is the name of his dog?"]),
        # after a refusal nothing is under discussion, and an off-topic question stays refused
        ("drought-page.txt", ["Who is Tom Beckwith?", "What is the capital of Peru?", "and of France?"]),
        # an off-topic question after an answer is far from the passage under discussion too
        ("news-chat-5/zoo-birth.txt", ["when were the cubs born", "and who won the snooker?"]),
    ],
)
def test_a_follow_up_the_passage_does_not_answer_is_still_refused(headline_bot, data_dir, article, messages):
    chat = Conversation(headline_bot.load((data_dir / article).read_bytes()))
    for message in messages:
        reply = chat.reply(headline_bot, message)
    assert reply.kind == "refusal", reply.text
