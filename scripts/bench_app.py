"""Benchmark the web app: startup, first streamed token, concurrent sessions.

    python scripts/bench_app.py                       # all three, 20 sessions x 3 questions
    python scripts/bench_app.py --only startup --repeat 5
    python scripts/bench_app.py --sessions 20 --questions 3 --json

1. startup: seconds from starting ``python app.py`` to the first HTTP 200 on ``/`` (median of runs).
2. first token: after an article is loaded (so indexed), seconds from sending a question in the
   chat to the first streamed piece of the answer, through ``gradio_client`` streaming and, when
   Debian's chromium is installed, in the real page (Playwright, from pressing Enter to the first
   answer text on screen).
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

from app_server import CHROMIUM, CHROMIUM_FLAGS, free_port, message_text  # noqa: E402
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


def _answer_started(outputs: list[Any], shown_before: int) -> bool:
    """Whether the newest streamed output holds answer text beyond the "…" placeholder."""
    if not outputs:
        return False
    messages = outputs[-1]
    if len(messages) <= shown_before + 1:
        return False
    last = message_text(messages[shown_before + 1]).strip()
    return bool(last) and last != "…" and "Warming up" not in last


def bench_first_token(url: str, repeat: int) -> dict[str, Any]:
    from gradio_client import Client

    article = make_article(0)
    client = Client(url, verbose=False)
    shown = client.predict(article.text, "short", api_name="/chat")
    times = []
    for question, _ in article.questions[:3] * repeat:
        started = time.perf_counter()
        job = client.submit(question, "short", api_name="/chat")
        while not _answer_started(job.outputs(), len(shown)):
            if job.done() and not _answer_started(job.outputs(), len(shown)):
                break
            time.sleep(0.002)
        times.append(time.perf_counter() - started)
        shown = job.result()
    return {"runs": len(times), "median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}


def bench_first_token_browser(url: str, repeat: int) -> dict[str, Any] | None:
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    article = make_article(1)
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.set_default_timeout(120_000)
        page.goto(url, wait_until="load")
        page.fill("#hb-article textarea", article.text)
        page.click("#hb-summarise")
        page.wait_for_selector("#hb-chat >> text=/Sources · ¶/")
        for question, _ in article.questions[:3] * repeat:
            count = page.locator("#hb-chat .message").count()
            page.fill("#hb-message textarea", question)
            page.evaluate(
                """(n) => {
                    window.__first = null;
                    const chat = document.querySelector('#hb-chat');
                    const obs = new MutationObserver(() => {
                        const msgs = chat.querySelectorAll('.message');
                        if (msgs.length > n + 1) {
                            const t = msgs[n + 1].innerText.trim();
                            if (t && t !== '…' && !t.includes('Warming up')) {
                                window.__first = performance.now(); obs.disconnect();
                            }
                        }
                    });
                    obs.observe(chat, {subtree: true, childList: true, characterData: true});
                    window.__sent = performance.now();
                }""",
                count,
            )
            page.press("#hb-message textarea", "Enter")
            page.wait_for_function("window.__first !== null")
            times.append(page.evaluate("(window.__first - window.__sent) / 1000"))
            _settle(page)
        browser.close()
    return {"runs": len(times), "median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}


def _settle(page: Any, quiet_s: float = 1.0, timeout_s: float = 120.0) -> None:
    """Wait until the chat's text has not changed for ``quiet_s`` seconds (the reply is complete)."""
    deadline = time.monotonic() + timeout_s
    last = page.inner_text("#hb-chat")
    while time.monotonic() < deadline:
        page.wait_for_timeout(int(quiet_s * 1000))
        now = page.inner_text("#hb-chat")
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
