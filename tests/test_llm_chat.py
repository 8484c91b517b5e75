"""Answers from a model server stream into the chat: the session, the app's ``/chat`` endpoint
(gradio_client) and the page in headless Chromium; and the app's warm-up stays light.

The scripted server (tests/llm_servers.py) writes one word every 50 ms (``trickle``) or stops two
thirds of the way (``drop``); the real llama.cpp server (the test extra's gemma3-270m) shows the
same against a real model: the first tokens are on screen before the reply is complete.
"""

from __future__ import annotations

import io
import itertools
import time
from pathlib import Path

import pytest
from app_server import CHROMIUM, CHROMIUM_FLAGS, free_port, running_app
from llm_servers import MODEL_ALIAS, scripted_server

from bot.chat import messages as cm
from bot.chat.session import ChatSession
from bot.chat.terminal import run_terminal_chat
from bot.config import Settings
from bot.engine import HeadlineBot
from bot.models.llm_server import ServerConfig, ServerGenerator
from bot.prompts import render
from bot.qa.answer import answer_question
from bot.summarize.extractive import NewsSummarizer
from bot.summarize.served import ServedSummarizer
from bot.ui.warmup import Warmup

ANSWER = "The motion passed by 14 votes to 5 [¶2]. The mayor of Lisbon resigned in protest [¶2]."
QUESTION = "How many votes did the motion get?"
OFF_TOPIC = "What is the boiling point of mercury in kelvin?"
CURSOR = "▍"


def reply(prompt: str) -> str:
    """What the scripted model writes: a headline, an answer (one sentence the article does not
    support) or a one-sentence summary, with citations."""
    if prompt.startswith("Write a short, factual headline"):
        return "Port Elwyn bans large cruise ships"
    if "Question:" in prompt:
        return ANSWER
    return "Councillors in Port Elwyn voted to ban large cruise ships from next April [¶1]."


@pytest.fixture(scope="module")
def scripted():
    with scripted_server() as (url, state):
        state.reply = reply
        yield url, state


def served_bot(headline_bot: HeadlineBot, url: str) -> HeadlineBot:
    """A bot as the settings build it for a model server (``llm_url``), sharing the test encoder."""
    settings = Settings(llm_url=url, llm_model="tiny", llm_timeout_s=10)
    return HeadlineBot(settings, embedder=headline_bot.embedder)


def shown_while_asking(session: ChatSession, bot: HeadlineBot, question: str) -> list[str]:
    """The reply's bubble after every step of one chat message."""
    return [session.messages[-1]["content"] for _ in session.ask(bot, question)]


def opened(bot: HeadlineBot, text: str) -> ChatSession:
    session = ChatSession(stream_delay=0)
    for _ in session.open_article(bot, text):
        pass
    return session


def test_chat_answer_streams_token_by_token_then_is_checked(scripted, headline_bot, harbour_text):
    url, _ = scripted
    bot = served_bot(headline_bot, f"{url}/trickle")
    session = opened(bot, harbour_text)
    shown = shown_while_asking(session, bot, QUESTION)
    streaming = [cm.plain_text(m) for m in shown if m.endswith(CURSOR)]
    assert len(streaming) >= 8, "the answer's words appear as the server writes them"
    assert streaming[0] == "The" and streaming[-1].startswith("The motion passed by 14 votes to 5 [¶2].")
    assert all(b.startswith(a) for a, b in itertools.pairwise(streaming)), "it only grows"
    final = shown[-1]
    assert CURSOR not in final and 'class="hb-sources"' in final
    text = cm.plain_text(final)  # the checked answer: the unsupported sentence kept, and marked
    assert text.startswith("The motion passed by 14 votes to 5. [¶2]")
    assert "in protest. ⚠️ (not found in the article; closest: ¶2)" in text
    answer = session.conversation.turns[-1].reply.answer
    assert [s.supported for s in answer.sentences] == [True, False]
    assert session.threads[-1]["exchanges"][-1]["kind"] == "answer"


def test_abstention_decides_before_the_model_is_asked(scripted, headline_bot, harbour_text):
    url, state = scripted
    bot = served_bot(headline_bot, f"{url}/trickle")
    session = opened(bot, harbour_text)
    asked = state.requests.count("trickle")
    shown = shown_while_asking(session, bot, OFF_TOPIC)
    assert state.requests.count("trickle") == asked, "the model was not asked"
    assert not any(m.endswith(CURSOR) for m in shown)
    refusal = answer_question(bot.index(session.article), OFF_TOPIC)
    assert not refusal.answerable and cm.plain_text(shown[-1]).startswith(cm.plain_text(refusal.text))


def test_server_stopping_mid_answer_keeps_what_arrived_and_says_so(scripted, headline_bot, harbour_text):
    url, _ = scripted
    bot = served_bot(headline_bot, f"{url}/drop")
    session = opened(bot, harbour_text)
    shown = shown_while_asking(session, bot, QUESTION)
    streaming = [cm.plain_text(m) for m in shown if m.endswith(CURSOR)]
    assert streaming and streaming[-1].endswith("[¶2]. The mayor")  # cut two thirds of the way
    text = cm.plain_text(shown[-1])
    assert text.startswith("The motion passed by 14 votes to 5. [¶2]")  # the whole sentence stays
    assert (
        "The mayor of" not in text and render("llm_note_interrupted") in text
    )  # the reply ends with a notice
    follow = shown_while_asking(session, bot, "Who proposed the motion?")  # the conversation goes on
    assert len(session.conversation.turns) == 2 and follow[-1].strip()


def test_chat_endpoint_streams_the_answer_to_gradio_client(scripted, headline_bot, harbour_text):
    from gradio_client import Client

    url, _ = scripted
    with running_app(served_bot(headline_bot, f"{url}/trickle"), stream_delay=0) as app:
        client = Client(app.url, verbose=False)
        client.predict(harbour_text, "short", api_name="/chat")
        updates = list(client.submit(QUESTION, "short", api_name="/chat"))
    partial = [u["reply"] for u in updates if not u["done"] and u["reply"].startswith("The")]
    assert len(set(partial)) >= 5, "the answer arrives in pieces"
    assert any(p.startswith("The motion passed by 14 votes to 5 [¶2]. The mayor") for p in partial)  # raw
    final = updates[-1]
    assert final["done"] and final["kind"] == "answer" and [s["paragraph"] for s in final["sources"]] == [2]
    assert "⚠️ (not found in the article; closest: ¶2)" in final["reply"]


class Writes:
    """A terminal that keeps every write apart (to see the answer arrive piece by piece)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        if text:
            self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_terminal_chat_prints_the_answer_as_it_arrives(scripted, headline_bot, data_dir):
    url, _ = scripted
    out = Writes()
    typed = io.StringIO(f"{QUESTION}\n/quit\n")
    bot = served_bot(headline_bot, f"{url}/trickle")
    assert run_terminal_chat(bot, str(data_dir / "harbour-article.txt"), stdin=typed, stdout=out) == 0
    start = out.parts.index("The")
    assert out.parts[start + 1 : start + 3] == [" motion", " passed"], "one write per piece, as it came"
    text = "".join(out.parts[start:])
    assert text.startswith(ANSWER + "\n")  # the model's own text, kept: it passed the checks
    assert "(not supported by the article (closest: ¶2): The mayor of Lisbon resigned in protest.)" in text


@pytest.mark.parametrize("mode", ["warm", "down"])
def test_warmup_reaches_the_server_once_and_generates_nothing(scripted, headline_bot, mode):
    url, state = scripted
    address = f"{url}/warm" if mode == "warm" else f"http://127.0.0.1:{free_port()}"
    bot = served_bot(headline_bot, address)
    warmup = Warmup(bot)
    warmup.start()
    assert warmup.ready.wait(120) and warmup.error is None
    assert "warm" not in state.requests, "no text was generated at start-up"
    if mode == "warm":
        assert state.listed.count("warm") == 1 and bot.notice is None
    else:
        assert bot.notice is not None and "Cannot reach the model server" in bot.notice
    assert len(bot._indexes) == 1, "the extractive path is warm: the example article is indexed"


# -- the real llama.cpp server ----------------------------------------------------------------------

REAL_QUESTION = "Where will the Saturday market move for the winter?"


class Clocked(ServerGenerator):
    """The real server's generator, noting when each reply finished streaming (to compare with
    when the first tokens were on screen)."""

    def __init__(self, config: ServerConfig) -> None:
        super().__init__(config)
        self.finished: list[float] = []

    def _pieces(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        yield from super()._pieces(*args, **kwargs)
        self.finished.append(time.time())


@pytest.fixture(scope="module")
def llama_app(llama_url, headline_bot):
    """The app with extractive summaries and the real model's answers (one model call per question)."""
    config = ServerConfig(llama_url, model=MODEL_ALIAS, window=2048, read_timeout_s=600)
    generator = Clocked(config)
    answerer = ServedSummarizer(generator, NewsSummarizer(), timeout_s=600)
    bot = HeadlineBot(Settings(), embedder=headline_bot.embedder, answerer=answerer)
    with running_app(bot, stream_delay=0) as app:
        app.generator = generator
        yield app


@pytest.mark.slow
def test_real_server_answer_streams_to_gradio_client(llama_app, data_dir):
    from gradio_client import Client

    client = Client(llama_app.url, verbose=False)
    client.predict((data_dir / "quay-brief.txt").read_text(encoding="utf-8"), "short", api_name="/chat")
    before = len(llama_app.generator.finished)
    seen: list[tuple[float, dict]] = []
    for update in client.submit(REAL_QUESTION, "short", api_name="/chat"):
        seen.append((time.time(), update))
    assert len(llama_app.generator.finished) == before + 1, "the model was asked once"
    finished = llama_app.generator.finished[-1]
    early = [u["reply"] for t, u in seen if t < finished and not u["done"] and u["reply"]]
    assert early, "the first tokens reached the client before the model had finished"
    final = seen[-1][1]
    assert final["done"] and final["kind"] == "answer" and final["sources"]


@pytest.mark.slow
@pytest.mark.browser
def test_real_server_answer_streams_into_the_page(llama_app, data_dir):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    article = (data_dir / "quay-brief.txt").read_text(encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(600_000)
            page.goto(llama_app.url, wait_until="load")
            page.fill("#composer textarea", article)
            page.press("#composer textarea", "Enter")
            page.wait_for_function(
                "() => document.querySelectorAll('#chat .bot details.hb-sources').length >= 1"
            )
            page.evaluate(
                """() => {
                    window.__seen = [];
                    const chat = document.querySelector('#chat');
                    new MutationObserver(() => {
                        const bots = chat.querySelectorAll('.bot');
                        const last = bots[bots.length - 1];
                        window.__seen.push([bots.length, last ? last.innerText : '', Date.now() / 1000]);
                    }).observe(chat, {subtree: true, childList: true, characterData: true});
                }"""
            )
            bots = page.locator("#chat .bot").count()
            page.fill("#composer textarea", REAL_QUESTION)
            page.press("#composer textarea", "Enter")
            before = len(llama_app.generator.finished)
            page.wait_for_function(
                f"""() => {{ const m = document.querySelectorAll('#chat .bot');
                    return m.length > {bots} && m[m.length - 1].querySelector('details.hb-sources') !== null
                        && !m[m.length - 1].innerText.includes('{CURSOR}'); }}"""
            )
            seen = page.evaluate("() => window.__seen")
        finally:
            browser.close()
    assert len(llama_app.generator.finished) == before + 1, "the model was asked once"
    finished = llama_app.generator.finished[-1]
    growing = [(t, at) for n, t, at in seen if n > bots and CURSOR in t]
    assert len({t for t, _ in growing}) >= 2, "the answer grew in the page, piece by piece"
    assert growing[0][1] < finished, "its first tokens were on screen before the model had finished"
