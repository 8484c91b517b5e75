"""Benchmark the web app: startup, first streamed token, concurrent sessions.

    python scripts/bench_app.py                       # all three, 20 sessions x 3 questions
    python scripts/bench_app.py --only startup --repeat 5
    python scripts/bench_app.py --sessions 20 --questions 3 --json

1. startup: seconds from starting ``python app.py`` to the first HTTP 200 on ``/`` (median of runs).
2. first token: after an article is loaded (so indexed), seconds from sending a question in the
   chat to the first streamed piece of the answer, through ``gradio_client`` streaming and, when
   Debian's chromium is installed, in the real page (Playwright, from pressing Enter in the composer
   to the first reply text on screen), for the summary of a pasted article too; and the layout
   figures (composer on screen, the conversation's share of the height) at 1280x800 and 390x844.
3. load: N concurrent ``gradio_client`` sessions, each pasting its own made-up article into the
   chat and asking Q questions; errors, cross-talk (an answer that names another session's town or
   cites text not in its own article) and p50/p95/max latency per request.

The server is ``python app.py`` in its own process on a free port of 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # app_server: helpers shared with the tests

from app_server import CHROMIUM, CHROMIUM_FLAGS, free_port  # noqa: E402
from bench_load import make_article, run_load  # noqa: E402


def start_server(port: int) -> tuple[subprocess.Popen[bytes], float]:
    """Start ``python app.py``; return the process and the seconds until ``/`` answered 200."""
    env = {**os.environ, "GRADIO_SERVER_PORT": str(port), "GRADIO_SERVER_NAME": "127.0.0.1"}
    env.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    env.setdefault("HF_HUB_OFFLINE", "1")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/"
    while True:
        if proc.poll() is not None:
            raise RuntimeError("app.py exited before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return proc, time.perf_counter() - started
        except OSError:
            time.sleep(0.02)
        if time.perf_counter() - started > 120:
            proc.kill()
            raise RuntimeError("app.py did not answer within 120 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def bench_startup(repeat: int) -> dict[str, Any]:
    times = []
    for _ in range(repeat):
        proc, seconds = start_server(free_port())
        times.append(seconds)
        stop(proc)
    return {"runs": [round(t, 2) for t in times], "median_s": round(statistics.median(times), 2)}


def _answer_started(outputs: list[Any]) -> bool:
    """Whether the newest streamed ``/chat`` output holds reply text beyond the "…" placeholder."""
    if not outputs:
        return False
    reply = str(outputs[-1].get("reply") or "").strip()
    return bool(reply) and "Warming up" not in reply


def bench_first_token(url: str, repeat: int) -> dict[str, Any]:
    from gradio_client import Client

    article = make_article(0)
    client = Client(url, verbose=False)
    client.predict(article.text, "short", api_name="/chat")
    times = []
    for question, _ in article.questions[:3] * repeat:
        started = time.perf_counter()
        job = client.submit(question, "short", api_name="/chat")
        while not _answer_started(job.outputs()):
            if job.done():
                break
            time.sleep(0.002)
        times.append(time.perf_counter() - started)
        job.result()
    return {"runs": len(times), "median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}


_FIRST_TEXT = """(n) => {
    window.__first = null;
    const chat = document.querySelector('#chat');
    const obs = new MutationObserver(() => {
        const msgs = chat.querySelectorAll('.bot');
        if (msgs.length > n) {
            const t = msgs[msgs.length - 1].innerText.trim();
            if (t && t !== '…' && !t.includes('Warming up')) {
                window.__first = performance.now(); obs.disconnect();
            }
        }
    });
    obs.observe(chat, {subtree: true, childList: true, characterData: true});
    window.__sent = performance.now();
}"""


def _send_timed(page: Any, text: str) -> float:
    """Type ``text`` into the composer, press Enter; seconds until the reply's first text shows."""
    count = page.locator("#chat .bot").count()
    page.fill("#composer textarea", text)
    page.evaluate(_FIRST_TEXT, count)
    page.press("#composer textarea", "Enter")
    page.wait_for_function("window.__first !== null")
    seconds = float(page.evaluate("(window.__first - window.__sent) / 1000"))
    _settle(page)
    return seconds


_LAYOUT = """() => {
    const box = (s) => document.querySelector(s).getBoundingClientRect();
    const c = box('#composer'), chat = box('#chat');
    return {composer_in_view: c.top >= 0 && c.bottom <= innerHeight && c.right <= innerWidth,
            chat_height_share: Math.round(chat.height / innerHeight * 1000) / 1000,
            page_scrolls: document.documentElement.scrollHeight > innerHeight};
}"""


def bench_first_token_browser(url: str, repeat: int) -> dict[str, Any] | None:
    """In the page: the first streamed token of the summary (article pasted into the composer) and
    of each answer, and the layout figures at 1280x800 and 390x844 once an article is loaded."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        summary_times, answer_times = [], []
        for i in range(repeat):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(120_000)
            page.goto(url, wait_until="load")
            page.wait_for_selector("#composer textarea")
            article = make_article(1 + i)
            summary_times.append(_send_timed(page, article.text))
            if i == 0:
                out["layout_1280x800"] = page.evaluate(_LAYOUT)
            answer_times.extend(_send_timed(page, q) for q, _ in article.questions[:3])
            page.close()
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.set_default_timeout(120_000)
        phone.goto(url, wait_until="load")
        phone.wait_for_selector("#composer textarea")
        _send_timed(phone, make_article(50).text)
        out["layout_390x844"] = phone.evaluate(_LAYOUT)
        browser.close()
    for name, times in (("summary", summary_times), ("answer", answer_times)):
        out[f"first_token_{name}"] = {
            "runs": len(times),
            "median_s": round(statistics.median(times), 3),
            "max_s": round(max(times), 3),
        }
    return out


def _settle(page: Any, quiet_s: float = 1.0, timeout_s: float = 120.0) -> None:
    """Wait until the chat's text has not changed for ``quiet_s`` seconds (the reply is complete)."""
    deadline = time.monotonic() + timeout_s
    last = page.inner_text("#chat")
    while time.monotonic() < deadline:
        page.wait_for_timeout(int(quiet_s * 1000))
        now = page.inner_text("#chat")
        if now == last:
            return
        last = now


def bench_load(url: str, sessions: int, questions: int) -> dict[str, Any]:
    """``scripts/bench_load.py``'s chat sessions, all at once, one wave."""
    report = run_load(url, sessions, questions)
    return {
        "sessions": sessions,
        "questions_each": questions,
        "requests": report.requests,
        "errors": len(report.errors),
        "crosstalk": len(report.crosstalk),
        "answers_without_expected_fact": report.facts_asked - report.facts_found,
        "p50_s": round(report.p50, 2),
        "p95_s": round(report.p95, 2),
        "max_s": round(report.max, 2),
        "wall_s": round(report.wall_s, 1),
        "details": (report.errors + report.crosstalk)[:10],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=["startup", "first-token", "load"], action="append")
    parser.add_argument("--repeat", type=int, default=3, help="startup runs / first-token rounds")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--questions", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    wanted = set(args.only or ["startup", "first-token", "load"])
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}

    if "startup" in wanted:
        results["startup"] = bench_startup(args.repeat)
    if wanted & {"first-token", "load"}:
        proc, _ = start_server(port := free_port())
        url = f"http://127.0.0.1:{port}/"
        try:
            from gradio_client import Client

            Client(url, verbose=False).predict(make_article(99).text, "short", api_name="/summarize")
            if "first-token" in wanted:
                results["first_token_client"] = bench_first_token(url, args.repeat)
                results["first_token_browser"] = bench_first_token_browser(url, args.repeat)
            if "load" in wanted:
                results["load"] = bench_load(url, args.sessions, args.questions)
        finally:
            stop(proc)

    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, value in results.items():
            print(f"{key}: {json.dumps(value)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
