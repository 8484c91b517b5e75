"""The real page in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Paste an article, watch the headline and summary stream in, ask a follow-up, open the sources,
export, reload (the conversation is still there), and check that article or question text with
scripts, event handlers, ``javascript:`` links, SVG, iframes or remote images never runs or loads.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from app_server import CHROMIUM, CHROMIUM_FLAGS

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000

XSS_ARTICLE = "\n\n".join(
    [
        "Council hears complaint about hostile comments on its website",
        "The town council of Port Elwyn heard on Monday that its website had been flooded with hostile "
        'comments after the cruise ship vote, some containing code such as <script>window.__pwned = "script"'
        "</script> that tried to run in readers' browsers.",
        'One comment held an image tag, <img src="x" onerror="window.__pwned = \'img\'">, and another a '
        "link written as [claim your prize](javascript:window.__pwned='link') that pointed nowhere safe.",
        "Officials also found <svg onload=\"window.__pwned = 'svg'\"></svg> and "
        "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe> pasted into the comment box, and a "
        "picture ![tracker](http://tracker.invalid/pixel.png) loaded from another site.",
        "The council's digital officer, Gwen Hale, said the site now shows every comment as plain text and "
        "that no reader's computer had been harmed.",
        "She said the council would publish a report on the incident at its next meeting on the fourth "
        "of March.",
    ]
)

XSS_QUESTION = (
    "Who found <img src=x onerror=\"window.__pwned='question'\"> and "
    "[this](javascript:window.__pwned='qlink') <script>window.__pwned='qscript'</script>?"
)


@pytest.fixture(scope="module")
def browser_app(headline_bot):
    from app_server import running_app

    with running_app(headline_bot, stream_delay=0.03) as app:
        yield app


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (.ci/run does: apt-get install -y chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, browser_app):
    """A fresh browser context (own local storage) that records every request leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.outside_requests = []
    page.on(
        "request",
        lambda r: (
            urlparse(r.url).hostname not in {"127.0.0.1", None}
            and r.url.startswith("http")
            and page.outside_requests.append(r.url)
        ),
    )
    page.goto(browser_app.url, wait_until="load")
    page.wait_for_selector("#hb-article textarea")
    yield page
    context.close()


def _chat_text(page) -> str:
    return page.inner_text("#hb-chat")


def _watch_chat(page) -> None:
    """Record the chat's text length on every DOM change, to see replies grow as they stream."""
    page.evaluate(
        """() => {
            window.__lengths = [];
            const chat = document.querySelector('#hb-chat');
            new MutationObserver(() => window.__lengths.push(chat.innerText.length))
                .observe(chat, {subtree: true, childList: true, characterData: true});
        }"""
    )


def _download(page, button: str, expected: str, timeout: float = 30.0) -> str:
    """Click an export button until the file it gives holds ``expected`` (the export is written
    once the reply has finished streaming); return the file's text."""
    deadline = time.monotonic() + timeout
    while True:
        page.wait_for_selector(f"{button}:not([disabled])")
        with page.expect_download() as download:
            page.click(button)
        text = Path(download.value.path()).read_text(encoding="utf-8")
        if expected in text or time.monotonic() > deadline:
            return text
        page.wait_for_timeout(300)


def _summarise(page, text: str) -> None:
    page.fill("#hb-article textarea", text)
    page.click("#hb-summarise")


def _ask(page, question: str) -> None:
    page.fill("#hb-message textarea", question)
    page.press("#hb-message textarea", "Enter")


def test_paste_stream_ask_sources_export_reload(page, harbour_text, tmp_path):
    _watch_chat(page)
    _summarise(page, harbour_text)
    page.wait_for_selector("#hb-chat >> text=/cruise/i")
    page.wait_for_selector("#hb-chat >> text=/Sources · ¶/")
    lengths = page.evaluate("window.__lengths")
    assert len(set(lengths)) >= 4, f"the summary streams in (chat lengths seen: {sorted(set(lengths))})"

    _ask(page, "By how many votes did the motion pass?")
    page.wait_for_selector("#hb-chat >> text=/14 votes to 5/")
    page.wait_for_function("document.querySelector('#hb-message textarea').value === ''")

    # The sources of the answer are collapsed until opened.
    titles = page.locator("#hb-chat").get_by_text("Sources · ¶")
    last = titles.nth(titles.count() - 1)
    shown = _chat_text(page).count("passed by 14 votes to 5")
    last.click()
    page.wait_for_function(
        "(n) => document.querySelector('#hb-chat').innerText.split('passed by 14 votes to 5').length > n + 1",
        arg=shown,
    )

    markdown = _download(page, "#hb-export-md", "By how many votes did the motion pass?")
    assert "14 votes to 5" in markdown and "### Article" in markdown
    exported = json.loads(_download(page, "#hb-export-json", "By how many votes did the motion pass?"))
    exchange = exported["articles"][-1]["exchanges"][-1]
    assert "14 votes to 5" in exchange["reply"] and exchange["sources"]

    shot = tmp_path / "chat.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("HEADLINE_BOT_SCREENSHOT"):
        shutil.copy(shot, os.environ["HEADLINE_BOT_SCREENSHOT"])

    page.reload(wait_until="load")
    page.wait_for_selector("#hb-chat >> text=/14 votes to 5/")
    page.wait_for_selector("#hb-chat >> text=/Conversation restored/")
    _ask(page, "How much is the visitor levy?")
    page.wait_for_selector("#hb-chat >> text=/3 pounds per night/")
    assert not page.outside_requests, f"requests left the machine: {page.outside_requests}"


def test_article_and_question_content_never_executes(page):
    _summarise(page, XSS_ARTICLE)
    page.wait_for_selector("#hb-chat >> text=/Sources · ¶/")
    _ask(page, XSS_QUESTION)
    page.wait_for_selector("#hb-chat >> text=/Who found/")
    page.wait_for_function("document.querySelectorAll('#hb-chat .message').length >= 4")
    page.wait_for_timeout(1500)
    # Open every collapsed panel so all article text is on the page.
    for title in page.locator("#hb-chat").get_by_text("Sources · ¶").all():
        title.click()
    page.wait_for_timeout(500)

    assert page.evaluate("window.__pwned") is None
    chat = page.locator("#hb-chat")
    assert chat.locator("script, iframe, svg[onload], img[onerror], [onerror], [onload]").count() == 0
    hrefs = chat.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href') || '')")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript")]
    remote = chat.locator("img").evaluate_all(
        "imgs => imgs.map(i => i.src).filter(s => !s.includes('127.0.0.1'))"
    )
    assert remote == [], "no remote image is loaded by the chat"
    assert not page.outside_requests, f"requests left the machine: {page.outside_requests}"
    assert "<img src=x onerror=" in _chat_text(page), "the question is shown as plain text"


def test_clear_button_empties_the_conversation(page, harbour_text):
    _summarise(page, harbour_text)
    page.wait_for_selector("#hb-chat >> text=/Sources · ¶/")
    page.click("#hb-clear")
    page.wait_for_selector("#hb-chat >> text=/Paste a news article to start/")
    page.reload(wait_until="load")
    page.wait_for_selector("#hb-chat >> text=/Paste a news article to start/")
    assert "cruise" not in _chat_text(page).lower()


def test_example_upload_and_style_selector(page, tmp_path):
    page.get_by_text("Library reopens (text)").click()
    page.wait_for_selector("#hb-chat >> text=/boat-shaped/i")
    page.wait_for_selector("#hb-chat >> text=/Sources · ¶/")

    page.locator("#hb-style").get_by_text("bullets").click()
    page.wait_for_function("document.querySelectorAll('#hb-chat li').length >= 2")

    html = Path(__file__).resolve().parent.parent / "bot" / "examples" / "night-trains.html"
    copy = tmp_path / "trains.html"
    copy.write_text(html.read_text(encoding="utf-8"), encoding="utf-8")
    page.set_input_files("#hb-upload input[type=file]", str(copy))
    page.wait_for_selector("#hb-chat >> text=/trains.html/")
    page.wait_for_selector("#hb-chat >> text=/New article: it replaces/")
    page.wait_for_selector("#hb-chat >> text=/Night trains return/i")
    assert not page.outside_requests, f"requests left the machine: {page.outside_requests}"


def test_busy_server_says_so_in_the_chat_and_keeps_the_message(browser, headline_bot):
    """With no room in the queue (queue_max_size=0) the page says "busy" instead of queueing."""
    from app_server import running_app

    from bot.config import Settings
    from bot.engine import HeadlineBot
    from bot.prompts import render

    busy_bot = HeadlineBot(Settings(queue_max_size=0), embedder=headline_bot.embedder)
    with running_app(busy_bot, stream_delay=0) as app:
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(app.url, wait_until="load")
        page.wait_for_selector("#hb-message textarea")
        _ask(page, "Who decided?")
        page.wait_for_selector(f"#hb-chat >> text={render('ui_busy')[:40]}")
        assert page.input_value("#hb-message textarea") == "Who decided?", "what was typed is kept"
        context.close()


def test_conversation_survives_a_server_restart(browser, headline_bot, harbour_text, tmp_path, monkeypatch):
    """Default settings (no HEADLINE_BOT_BROWSER_SECRET): the server stops, a new one starts on the
    same address, the page is reloaded, and the conversation is back and answers the next question.
    Also: an e-mail address or a web address in the chat is not turned into a link, and a file over
    the size limit gets our one line in the chat (not Gradio's popup)."""
    from app_server import free_port, running_app

    from bot.config import Settings
    from bot.engine import HeadlineBot

    monkeypatch.delenv("HEADLINE_BOT_BROWSER_SECRET", raising=False)
    monkeypatch.setenv("HEADLINE_BOT_DATA_DIR", str(tmp_path / "data"))
    settings = Settings(max_input_bytes=200_000)
    port = free_port()
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    saved = "() => window.localStorage.getItem('headline-bot-conversation') || ''"
    with running_app(HeadlineBot(settings, embedder=headline_bot.embedder), stream_delay=0, port=port) as app:
        page.goto(app.url, wait_until="load")
        page.wait_for_selector("#hb-article textarea")
        _summarise(page, harbour_text)
        page.wait_for_selector("#hb-chat >> text=/Sources · ¶/")
        page.wait_for_function(f"({saved})().length > 0")
        first = page.evaluate(saved)
        _ask(page, "Did gwen@council.test or www.council.test or https://council.test say how many votes?")
        page.wait_for_selector("#hb-chat >> text=/14 votes to 5/")
        page.wait_for_function(f"(first) => ({saved})() !== first", arg=first)
        links = page.locator("#hb-chat a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert not [h for h in links if h and ("mailto:" in h or "council.test" in h)], links
        assert "gwen@council.test" in _chat_text(page)

        big = tmp_path / "big.txt"
        big.write_text("The council voted on Tuesday. " * 10_000, encoding="utf-8")  # 300 kB
        page.set_input_files("#hb-upload input[type=file]", str(big))
        page.wait_for_selector("#hb-chat >> text=/0.3 MB, over the 0.2 MB limit/")
        page.wait_for_function(f"(first) => ({saved})() !== first", arg=first)
    page.wait_for_timeout(500)
    with running_app(HeadlineBot(settings, embedder=headline_bot.embedder), stream_delay=0, port=port):
        page.reload(wait_until="load")
        page.wait_for_selector("#hb-chat >> text=/Conversation restored/")
        assert "14 votes to 5" in _chat_text(page)
        _ask(page, "How much is the visitor levy?")
        page.wait_for_selector("#hb-chat >> text=/3 pounds per night/")
        assert "There is no article yet" not in _chat_text(page)
    context.close()
