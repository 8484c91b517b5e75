"""The real page in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright), at
1280×800 and at 390×844 (a phone).

Paste an article into the composer, watch the headline and summary stream in, click a citation and
find its paragraph shown and highlighted in the article panel, ask a follow-up, export, reload (the
conversation, the article panel and the exports are back); both themes pass WCAG AA contrast; and
article or question text with scripts, event handlers, ``javascript:`` links, SVG, iframes or remote
images never runs or loads.

``HEADLINE_BOT_SCREENSHOTS=docs`` keeps the screenshots of both sizes (docs/app-wide.png, app-phone.png).
"""

from __future__ import annotations

import json
import os
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


SIZES = {"wide": (1280, 800), "phone": (390, 844)}


def _open(browser, url: str, size: str = "wide", scheme: str = "light"):
    """A fresh browser context (own local storage) that records every request leaving 127.0.0.1."""
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme, accept_downloads=True
    )
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
    page.goto(url, wait_until="load")
    page.wait_for_selector("#composer textarea")
    return page


@pytest.fixture()
def page(browser, browser_app):
    page = _open(browser, browser_app.url)
    yield page
    page.context.close()


def _chat_text(page) -> str:
    return page.inner_text("#chat")


def _watch_chat(page) -> None:
    """Record the chat's text length on every DOM change, to see replies grow as they stream."""
    page.evaluate(
        """() => {
            window.__lengths = [];
            const chat = document.querySelector('#chat');
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


def _send(page, text: str) -> None:
    page.fill("#composer textarea", text)
    page.press("#composer textarea", "Enter")


def _bot_count(page) -> int:
    return page.locator("#chat .bot").count()


def _wait_reply(page, count: int, expected: str) -> None:
    """Wait until there are more than ``count`` bot messages and the last one holds ``expected``."""
    page.wait_for_function(
        """([n, text]) => { const m = document.querySelectorAll('#chat .bot');
            return m.length > n && m[m.length - 1].innerText.includes(text)
                && m[m.length - 1].querySelector('details.hb-sources') !== null; }""",
        arg=[count, expected],
    )


def _in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
            return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight
                && r.left >= 0 && r.right <= window.innerWidth; }""",
        selector,
    )


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("size", list(SIZES))
def test_paste_stream_cite_follow_up_export_reload(browser, browser_app, harbour_text, size):
    article = browser_app.bot.load(harbour_text)
    page = _open(browser, browser_app.url, size)
    _watch_chat(page)
    _send(page, harbour_text)
    _wait_reply(page, 0, "cruise")
    assert len(set(page.evaluate("window.__lengths"))) >= 4, "the summary streams in"
    assert page.input_value("#composer textarea") == "", "the composer is emptied"
    assert _in_viewport(page, "#composer"), "the composer is on screen without scrolling"
    if size == "wide":
        height = page.evaluate("document.querySelector('#chat').getBoundingClientRect().height")
        assert height >= 0.6 * SIZES[size][1], f"the conversation takes {height} px of {SIZES[size][1]}"
        assert page.is_visible("#article .hb-headline"), "the article panel sits beside the chat"
    else:
        assert not _in_viewport(page, "#hb-article-col"), "on a phone the article is a closed drawer"
    assert _norm(article.headline or "") in _norm(page.inner_text("#article .hb-headline"))
    shown = page.locator("#article [data-paragraph]").count()
    assert shown == len(article.paragraphs)

    # Click the last citation of the summary: its paragraph is shown and highlighted.
    chip = page.locator("#chat .bot").last.locator("button.hb-cite[data-paragraph]:visible").last
    number = int(chip.get_attribute("data-paragraph"))
    chip.click()
    target = f'#article [data-paragraph="{number}"]'
    page.wait_for_selector(f"{target}.hb-hl")
    page.wait_for_function(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight
                && r.left >= 0 && r.right <= window.innerWidth; }""",
        arg=target,
    )
    assert _norm(article.paragraph(number).text) in _norm(page.inner_text(target))
    assert page.locator("#article .hb-hl").count() == 1
    if size == "phone":
        page.click("#article .hb-close")
        page.wait_for_function("!document.querySelector('#hb-shell').dataset.article")

    # Shift+Enter adds a line; Enter sends.
    count = _bot_count(page)
    page.fill("#composer textarea", "")
    page.type("#composer textarea", "By how many votes")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("did the motion pass?")
    assert page.input_value("#composer textarea") == "By how many votes\ndid the motion pass?"
    assert _bot_count(page) == count
    page.press("#composer textarea", "Enter")
    _wait_reply(page, count, "14 votes to 5")
    assert _in_viewport(page, "#composer")

    markdown = _download(page, "#hb-export-md", "did the motion pass?")
    assert "14 votes to 5" in markdown and "### Article" in markdown
    exported = json.loads(_download(page, "#hb-export-json", "did the motion pass?"))
    exchange = exported["articles"][-1]["exchanges"][-1]
    assert "14 votes to 5" in exchange["reply"] and exchange["sources"]

    shots = os.environ.get("HEADLINE_BOT_SCREENSHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / f"app-{size}.png"))
        if size == "phone":  # and a citation opened in the phone's article drawer
            page.locator("#chat .bot").last.locator("button.hb-cite:visible").first.click()
            page.wait_for_timeout(800)
            page.screenshot(path=str(Path(shots) / "app-phone-article.png"))
            page.click("#article .hb-close")

    page.reload(wait_until="load")
    page.wait_for_selector("#chat >> text=/Conversation restored/")
    assert "14 votes to 5" in _chat_text(page)
    page.wait_for_selector("#article .hb-headline")
    assert page.locator("#article [data-paragraph]").count() == len(article.paragraphs)
    assert "did the motion pass?" in _download(page, "#hb-export-md", "did the motion pass?")
    count = _bot_count(page)
    _send(page, "How much is the visitor levy?")
    _wait_reply(page, count, "3 pounds per night")
    assert not page.outside_requests, f"requests left the machine: {page.outside_requests}"
    page.context.close()


CONTRAST = """() => {
    const rgb = (c) => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        return c.startsWith('color(') ? v.map((x) => x * 255) : v; };  // color(srgb r g b) is 0..1
    const lum = (c) => { const v = rgb(c).map((x) => {
        x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
    const alpha = (c) => { const v = c.match(/[\\d.]+/g); return v.length > 3 ? Number(v[3]) : 1; };
    const back = (el) => { for (; el; el = el.parentElement) {
        const b = getComputedStyle(el).backgroundColor; if (alpha(b) > 0.5) return b; }
        return 'rgb(255, 255, 255)'; };
    const out = [];
    const sel = ['#chat .bot .md p', '#chat .user .md p', '#chat button.hb-cite',
        '#chat details.hb-sources summary',
        '#article .hb-paras li', '#article .hb-pn', '#article .hb-meta', '#article .hb-headline',
        '#article .hb-hl', '#article .hb-removed summary', '#hb-status p', '#composer textarea',
        '#hb-top button', '#hb-style input'];
    for (const s of sel) for (const el of document.querySelectorAll(s)) {
        if (!el.getClientRects().length) continue;
        const fg = getComputedStyle(el).color, bg = back(el);
        const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
        out.push([s, fg, bg, Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100]);
    }
    return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_passes_wcag_aa_in_both_themes(browser, browser_app, harbour_text, scheme):
    page = _open(browser, browser_app.url, "wide", scheme)
    assert page.evaluate("document.body.classList.contains('dark')") == (scheme == "dark")
    _send(page, harbour_text)
    _wait_reply(page, 0, "cruise")
    page.locator("#chat button.hb-cite:visible").first.click()
    page.wait_for_selector("#article .hb-hl")
    # colours are read once the buttons the reply enabled have finished their transition
    page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
    measured = page.evaluate(CONTRAST)
    assert {m[0] for m in measured} >= {"#chat .bot .md p", "#chat button.hb-cite", "#article .hb-paras li"}
    low = [m for m in measured if m[3] < 4.5]
    assert not low, f"text below WCAG AA (4.5:1) in the {scheme} theme: {low}"
    page.context.close()


def test_article_and_question_content_never_executes(page):
    _send(page, XSS_ARTICLE)
    _wait_reply(page, 0, "")
    count = _bot_count(page)
    _send(page, XSS_QUESTION)
    page.wait_for_selector("#chat >> text=/Who found/")
    page.wait_for_function(f"document.querySelectorAll('#chat .bot').length > {count}")
    page.wait_for_timeout(1500)
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    page.wait_for_timeout(500)

    assert page.evaluate("window.__pwned") is None
    for where in (page.locator("#chat"), page.locator("#article")):
        assert where.locator("script, iframe, svg[onload], img[onerror], [onerror], [onload]").count() == 0
        hrefs = where.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href') || '')")
        assert not [h for h in hrefs if h.strip().lower().startswith("javascript")]
        remote = where.locator("img").evaluate_all(
            "imgs => imgs.map(i => i.src).filter(s => !s.includes('127.0.0.1'))"
        )
        assert remote == [], "no remote image is loaded"
    assert not page.outside_requests, f"requests left the machine: {page.outside_requests}"
    assert "<img src=x onerror=" in _chat_text(page), "the question is shown as plain text"
    assert page.locator("#article [data-paragraph]").count() >= 3, "the article panel shows the article"


def test_clear_button_empties_the_conversation(page, harbour_text):
    _send(page, harbour_text)
    _wait_reply(page, 0, "cruise")
    page.click("#hb-clear")
    page.wait_for_selector("#chat >> text=/Paste a news article to start/")
    page.wait_for_selector("#article >> text=/No article yet/")
    page.reload(wait_until="load")
    page.wait_for_selector("#chat >> text=/Paste a news article to start/")
    assert "cruise" not in _chat_text(page).lower()


def test_example_style_and_file_drop(page, tmp_path):
    page.locator("#chat").get_by_text("Library reopens (text)").click()
    _wait_reply(page, 0, "")
    assert "boat-shaped" in _chat_text(page).lower()

    count = _bot_count(page)
    page.click("#hb-style input")
    page.get_by_role("option", name="bullets").click()
    page.wait_for_function(
        f"""() => {{ const m = document.querySelectorAll('#chat .bot');
            return m.length > {count} && m[m.length - 1].querySelectorAll('li').length >= 2; }}"""
    )

    html = Path(__file__).resolve().parent.parent / "bot" / "examples" / "night-trains.html"
    copy = tmp_path / "trains.html"
    copy.write_text(html.read_text(encoding="utf-8"), encoding="utf-8")
    page.set_input_files("#composer input[type=file]", str(copy))
    page.wait_for_selector("#composer .thumbnail-item")  # dropped files show as thumbnails
    page.click("#composer [data-testid=submit-button]")
    page.wait_for_selector("#chat >> text=/File: trains.html/")
    page.wait_for_selector("#chat >> text=/New article: it replaces/")
    page.wait_for_selector("#article .hb-headline >> text=/Night trains/i")
    assert not page.outside_requests, f"requests left the machine: {page.outside_requests}"


def test_busy_server_says_so_in_the_chat_and_keeps_the_message(browser, headline_bot):
    """With no room in the queue (queue_max_size=0) the page says "busy" instead of queueing."""
    from app_server import running_app

    from bot.config import Settings
    from bot.engine import HeadlineBot
    from bot.prompts import render

    busy_bot = HeadlineBot(Settings(queue_max_size=0), embedder=headline_bot.embedder)
    with running_app(busy_bot, stream_delay=0) as app:
        page = _open(browser, app.url)
        _send(page, "Who decided?")
        page.wait_for_selector(f"#chat >> text={render('ui_busy')[:40]}")
        assert page.input_value("#composer textarea") == "Who decided?", "what was typed is kept"
        page.context.close()


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
    saved = "() => window.localStorage.getItem('headline-bot-conversation') || ''"
    with running_app(HeadlineBot(settings, embedder=headline_bot.embedder), stream_delay=0, port=port) as app:
        page = _open(browser, app.url)
        _send(page, harbour_text)
        _wait_reply(page, 0, "")
        page.wait_for_function(f"({saved})().length > 0")
        first = page.evaluate(saved)
        count = _bot_count(page)
        _send(page, "How many votes did the motion get?")
        _wait_reply(page, count, "14 votes to 5")
        page.wait_for_function(f"(first) => ({saved})() !== first", arg=first)
        count = _bot_count(page)
        _send(page, "Did gwen@council.test, www.council.test or https://council.test say more?")
        page.wait_for_function(
            f"""() => document.querySelectorAll('#chat .bot').length > {count}
                && document.querySelector('#chat').innerText.includes('gwen@council.test')"""
        )
        links = page.locator("#chat a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert not [h for h in links if h and ("mailto:" in h or "council.test" in h)], links
        assert "gwen@council.test" in _chat_text(page)

        big = tmp_path / "big.txt"
        big.write_text("The council voted on Tuesday. " * 10_000, encoding="utf-8")  # 300 kB
        page.set_input_files("#composer input[type=file]", str(big))
        page.wait_for_selector("#composer .thumbnail-item")
        page.click("#composer [data-testid=submit-button]")
        page.wait_for_selector("#chat >> text=/over the 200,000-byte limit|over the 0.2 MB limit/")
    page.wait_for_timeout(500)
    with running_app(HeadlineBot(settings, embedder=headline_bot.embedder), stream_delay=0, port=port):
        page.reload(wait_until="load")
        page.wait_for_selector("#chat >> text=/14 votes to 5/")
        count = _bot_count(page)
        _send(page, "How much is the visitor levy?")
        _wait_reply(page, count, "3 pounds per night")
        assert "There is no article yet" not in _chat_text(page)
    page.context.close()
