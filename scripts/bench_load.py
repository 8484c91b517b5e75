"""Load benchmark: many concurrent ``gradio_client`` sessions against a real Headline Bot server.

Each session opens its own generated article (a made-up town with its own names and numbers, so
every article is unique), gets its summary, then asks several questions in the same chat. Every
reply is checked: no error, and it cites its own article (it names the session's town and no other
session's town). Latency percentiles of every request, errors, cross-talk and the server's memory
(RSS before, between and after two waves of sessions) are printed.

    python scripts/bench_load.py                        # 50 sessions x 3 questions, own server
    python scripts/bench_load.py --sessions 200 --questions 5 --waves 2 --max-sessions 100
    python scripts/bench_load.py --url http://127.0.0.1:7860/   # a server that is already running
    python scripts/bench_load.py --sessions 30 --flood 6 --flood-mb 4   # issue 17: 4 MB messages mixed in

With ``--flood N``, N of the sessions (spread among the others) each send ``--flood-messages``
chat messages of ``--flood-mb`` MB on one line after opening their article, then one normal question;
the report gives the latency of the other sessions' questions on their own, and the server's peak
memory (sampled every 0.2 s) against its idle size.

The server is started as ``python -m bot serve --host 127.0.0.1 --port <free port>``. The load
generator shares the machine with it (30-50 gradio_client sessions take about a core here: each
in-flight request polls twice every 50 ms); ``--client-nice 10`` lowers the generator's CPU
priority after the server has started, so that the figures are the server's rather than the
generator's. Reports say which was used.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # app_server: helpers shared with the tests

from app_server import free_port, message_text  # noqa: E402

_PREFIXES = ["Ash", "Bel", "Cor", "Dun", "Elm", "Fen", "Gal", "Hol", "Ivel", "Kel", "Lun", "Mar", "Nor",
             "Orm", "Pel", "Quen", "Ros", "Sal", "Tor", "Ul", "Ven", "Wex", "Yar", "Zel"]  # fmt: skip
_MIDDLES = ["", "en", "ar", "ow", "il", "um", "ick", "as"]
_SUFFIXES = ["brook", "ford", "haven", "mere", "stead", "wick", "field", "combe", "thorpe", "moor",
             "bury", "ness", "dale", "gate", "holm", "ley"]  # fmt: skip
_FIRST = ["Aino", "Bram", "Cleo", "Dario", "Edda", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaia", "Luca"]
_LAST = ["Varga", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Brennan", "Castell", "Novak", "Haddad"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]  # fmt: skip


@dataclass(frozen=True)
class LoadArticle:
    """A generated article: its text, its unique town, and questions with the fact each should find."""

    text: str
    town: str
    questions: tuple[tuple[str, str], ...]


def town_name(i: int) -> str:
    """A unique town name for session ``i`` (3,072 distinct names).

    >>> town_name(0), town_name(1), town_name(24)
    ('Ashbrook', 'Belbrook', 'Ashenbrook')
    """
    prefix = _PREFIXES[i % len(_PREFIXES)]
    i //= len(_PREFIXES)
    middle = _MIDDLES[i % len(_MIDDLES)]
    i //= len(_MIDDLES)
    return prefix + middle + _SUFFIXES[i % len(_SUFFIXES)]


def make_article(i: int) -> LoadArticle:
    """Session ``i``'s article: every sentence names the town; cost, count and names are unique."""
    town = town_name(i)
    person = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i // len(_FIRST)) % len(_LAST)]}"
    cost = f"{1_000_000 + 7_919 * (i + 1):,}"
    signatures = f"{1_200 + 13 * i:,}"
    weeks = 20 + i % 30
    month = _MONTHS[i % 12]
    paragraphs = [
        f"{town} council approved a new footbridge over the river on Tuesday, ending a debate that "
        f"had divided {town} for six years.",
        f"The {town} footbridge will cost {cost} euros, the council's finance officer {person} "
        f"told the meeting.",
        f"Construction in {town} is due to start in {month} and should take {weeks} weeks, "
        f"according to the contractor chosen by {town} council.",
        f"Residents of {town} collected {signatures} signatures for the crossing last spring, "
        f"the largest petition in the history of {town}.",
        f"Shops near the {town} market square expect more visitors once the bridge opens, "
        f"the {town} traders' association said.",
    ]
    headline = f"{town} approves footbridge after six-year debate"
    questions = (
        ("How much will the footbridge cost?", cost),
        ("How many signatures did residents collect?", signatures),
        ("When will construction start?", month),
        ("Who is the finance officer?", person),
        ("What do the shops near the market square expect?", "visitors"),
    )
    return LoadArticle(headline + "\n\n" + "\n\n".join(paragraphs), town, questions)


# --- driving one session ----------------------------------------------------------------------


@dataclass
class SessionResult:
    """What one session saw: request latencies, errors, replies that cited another article."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    crosstalk: list[str] = field(default_factory=list)
    facts_found: int = 0
    facts_asked: int = 0


def reply_text(result: Any) -> str:
    """The assistant messages' text from a chat endpoint's result (``/chat``'s plain-text history)."""
    if isinstance(result, dict) and "history" in result:
        return "\n".join(t["text"] for t in result["history"] if t.get("role") == "assistant")
    if isinstance(result, (list, tuple)):
        for item in result:
            if isinstance(item, list) and item and all(isinstance(m, dict) for m in item):
                result = item
                break
        messages = [m for m in result if isinstance(m, dict) and m.get("role") == "assistant"]
        if messages:
            return "\n".join(message_text(m) for m in messages)
        return json.dumps(result, ensure_ascii=False)
    if isinstance(result, dict):
        return json.dumps(result, ensure_ascii=False)
    return str(result)


def failure_markers() -> tuple[str, ...]:
    """The fixed start of the app's canned failure replies (server error, busy), from ``prompts/``."""
    from bot.prompts import load

    return tuple(load(name).split("{", 1)[0].strip()[:40] for name in ("ui_error", "ui_busy"))


def check_reply(text: str, own: LoadArticle, others: Sequence[str]) -> tuple[str, str] | None:
    """None if the reply cites its own article only; else ("crosstalk" | "error", what went wrong).

    >>> a = make_article(0)
    >>> check_reply("Ashbrook council approved [¶1]", a, ["Belbrook"]) is None
    True
    >>> check_reply("Belbrook council approved [¶1]", a, ["Belbrook"])
    ('crosstalk', 'cites Belbrook')
    >>> check_reply("There is no article yet.", a, ["Belbrook"])[0]
    'error'
    """
    plain = text.replace("\\", "")
    for town in others:
        if re.search(rf"\b{town}\b", plain):
            return "crosstalk", f"cites {town}"
    if not re.search(rf"\b{own.town}\b", plain):
        return "error", f"does not name {own.town}: {plain[:120]!r}"
    return None


def _record(result: SessionResult, label: str, problem: tuple[str, str] | None) -> None:
    if problem is None:
        return
    kind, what = problem
    (result.crosstalk if kind == "crosstalk" else result.errors).append(f"{label}: {what}")


Driver = Callable[[Any, LoadArticle, int, SessionResult, Sequence[str]], None]


def _timed(result: SessionResult, call: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    try:
        return call()
    finally:
        result.latencies.append(time.perf_counter() - started)


def _chat_messages(out: Any) -> list[dict[str, Any]]:
    """The chat endpoint's conversation so far, as messages (``/chat`` returns it as ``history``)."""
    if isinstance(out, dict) and "history" in out:
        return [{"role": t["role"], "content": t["text"]} for t in out["history"]]
    if isinstance(out, (list, tuple)) and out and isinstance(out[0], list):
        return [m for m in out[0] if isinstance(m, dict)]
    return [m for m in out if isinstance(m, dict)] if isinstance(out, (list, tuple)) else []


def chat_driver(
    client: Any, art: LoadArticle, questions: int, result: SessionResult, others: Sequence[str]
) -> None:
    """The chat as a person uses it: paste the article, then ask follow-ups in the same session."""
    markers = failure_markers()
    seen = 0
    steps = [("summary", art.text, "")] + [(q, q, fact) for q, fact in art.questions[:questions]]
    for label, message, fact in steps:
        out = _timed(result, partial(client.predict, message, "short", api_name="/chat"))
        messages = _chat_messages(out)
        if len(messages) <= seen:
            result.errors.append(f"{art.town} {label}: no new message (history lost?)")
            continue
        text = reply_text(messages[seen:])
        seen = len(messages)
        if any(marker in text for marker in markers):
            result.errors.append(f"{art.town} {label}: {text[:160]!r}")
            continue
        if fact:
            result.facts_asked += 1
            result.facts_found += fact.replace(",", "") in text.replace(",", "").replace("\\", "")
        _record(result, f"{art.town} {label}", check_reply(text, art, others))


def api_driver(
    client: Any, art: LoadArticle, questions: int, result: SessionResult, others: Sequence[str]
) -> None:
    """The named API endpoints: ``/summarize`` once, then ``/ask`` per question."""
    out = _timed(result, lambda: client.predict(art.text, "short", api_name="/summarize"))
    _record(result, f"{art.town} summary", check_reply(json.dumps(out, ensure_ascii=False), art, others))
    for question, fact in art.questions[:questions]:
        out = _timed(result, partial(client.predict, art.text, question, api_name="/ask"))
        text = json.dumps(out, ensure_ascii=False)
        result.facts_asked += 1
        result.facts_found += fact.replace(",", "") in text.replace(",", "")
        _record(result, f"{art.town} {question}", check_reply(text, art, others))


DRIVERS: dict[str, Driver] = {"chat": chat_driver, "api": api_driver}


@cache
def shared_tls() -> Any:
    """One TLS context for every client of this process.

    gradio_client hands ``ssl_verify`` to httpx as ``verify`` and opens a new httpx client for
    each request; with ``True`` each of them builds a TLS context from certifi's CA bundle (27 ms
    of CPU here, several per question), which on a 2-core machine shared with the server made the
    load generator, not the server, the bottleneck. An ``ssl.SSLContext`` is used as it is.
    """
    import ssl

    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def connect(url: str) -> Any:
    """A ``gradio_client.Client`` for ``url`` that reuses this process's TLS context."""
    from gradio_client import Client

    return Client(url, verbose=False, download_files=False, ssl_verify=shared_tls())


def run_session(url: str, index: int, questions: int, towns: Sequence[str], driver: Driver) -> SessionResult:
    """One client, one article, several questions; every failure is recorded, never raised."""
    result = SessionResult()
    art = make_article(index)
    others = [t for t in towns if t != art.town]
    try:
        client = _timed(result, lambda: connect(url))
        result.latencies.pop()  # connecting is not a request
        driver(client, art, questions, result, others)
    except Exception as exc:  # a load test counts failures instead of stopping at the first
        result.errors.append(f"session {index}: {type(exc).__name__}: {exc}"[:300])
    return result


# --- the whole run ----------------------------------------------------------------------------


@dataclass
class LoadReport:
    """Figures of one load run."""

    sessions: int
    questions: int
    requests: int
    errors: list[str]
    crosstalk: list[str]
    facts_found: int
    facts_asked: int
    p50: float
    p95: float
    p99: float
    mean: float
    max: float
    wall_s: float
    rss_mb: list[float] = field(default_factory=list)

    def lines(self) -> list[str]:
        """A short human-readable report."""
        out = [
            f"sessions={self.sessions} questions/session={self.questions} requests={self.requests} "
            f"wall={self.wall_s:.1f}s throughput={self.requests / max(self.wall_s, 1e-9):.1f} req/s",
            f"latency s: p50={self.p50:.3f} p95={self.p95:.3f} p99={self.p99:.3f} "
            f"mean={self.mean:.3f} max={self.max:.3f}",
            f"errors={len(self.errors)} crosstalk={len(self.crosstalk)} "
            f"facts found={self.facts_found}/{self.facts_asked}",
        ]
        if self.rss_mb:
            out.append("server RSS MB: " + " -> ".join(f"{r:.0f}" for r in self.rss_mb))
        out += [f"  error: {e}" for e in self.errors[:5]] + [f"  crosstalk: {c}" for c in self.crosstalk[:5]]
        return out


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.5
    >>> percentile([5.0], 99)
    5.0
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def run_load(
    url: str,
    sessions: int,
    questions: int,
    *,
    first: int = 0,
    concurrency: int | None = None,
    driver: str = "chat",
) -> LoadReport:
    """Run ``sessions`` concurrent sessions (numbered from ``first``) and gather the figures."""
    towns = [make_article(i).town for i in range(first, first + sessions)]
    drive = DRIVERS[driver]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency or sessions) as pool:
        results = list(
            pool.map(lambda i: run_session(url, i, questions, towns, drive), range(first, first + sessions))
        )
    wall = time.perf_counter() - started
    latencies = [t for r in results for t in r.latencies]
    return LoadReport(
        sessions=sessions,
        questions=questions,
        requests=len(latencies),
        errors=[e for r in results for e in r.errors],
        crosstalk=[c for r in results for c in r.crosstalk],
        facts_found=sum(r.facts_found for r in results),
        facts_asked=sum(r.facts_asked for r in results),
        p50=percentile(latencies, 50),
        p95=percentile(latencies, 95),
        p99=percentile(latencies, 99),
        mean=statistics.fmean(latencies) if latencies else 0.0,
        max=max(latencies, default=0.0),
        wall_s=wall,
    )


# --- 4 MB messages mixed in (issue 17) -------------------------------------------------------


@dataclass
class FloodReport:
    """Normal questions while some sessions send huge messages, and the server's memory meanwhile."""

    sessions: int
    flooding: int
    flood_mb: float
    normal_questions: int
    normal_p50: float
    normal_p95: float
    normal_max: float
    flood_p50: float
    flood_max: float
    errors: list[str]
    idle_rss_mb: float
    peak_rss_mb: float

    def lines(self) -> list[str]:
        """A short human-readable report."""
        return [
            f"sessions={self.sessions} flooding={self.flooding} x {self.flood_mb:g} MB messages",
            f"normal questions in other sessions: n={self.normal_questions} p50={self.normal_p50:.3f}s "
            f"p95={self.normal_p95:.3f}s max={self.normal_max:.3f}s",
            f"big messages: p50={self.flood_p50:.3f}s max={self.flood_max:.3f}s",
            f"server RSS MB: idle={self.idle_rss_mb:.0f} peak={self.peak_rss_mb:.0f} "
            f"(+{self.peak_rss_mb - self.idle_rss_mb:.0f})",
            f"errors={len(self.errors)}",
            *[f"  error: {e}" for e in self.errors[:5]],
        ]


def flood_session(url: str, index: int, messages: int, megabytes: float) -> tuple[list[float], list[str]]:
    """Open an article, send ``messages`` one-line messages of ``megabytes`` MB, then a normal question."""
    art = make_article(index)
    big = ("Why " + "x" * 60 + " ") * int(megabytes * 1e6 / 65)
    latencies: list[float] = []
    errors: list[str] = []
    try:
        client = connect(url)
        client.predict(art.text, "short", api_name="/chat")
        for _ in range(messages):
            started = time.perf_counter()
            out = client.predict(big, "short", api_name="/chat")
            latencies.append(time.perf_counter() - started)
            size = len(json.dumps(out, ensure_ascii=False))
            if size > 1_000_000:
                errors.append(f"flood {index}: a {size:,}-byte response (the big message came back)")
        question, fact = art.questions[0]
        text = reply_text(client.predict(question, "short", api_name="/chat"))
        if fact.replace(",", "") not in text.replace(",", "").replace("\\", ""):
            errors.append(f"flood {index}: the question after the big messages was not answered")
    except Exception as exc:
        errors.append(f"flood {index}: {type(exc).__name__}: {exc}"[:300])
    return latencies, errors


def run_flood(
    url: str, pid: int | None, sessions: int, flooding: int, messages: int, megabytes: float
) -> FloodReport:
    """``sessions`` concurrent sessions of which ``flooding`` send huge messages."""
    every = max(1, sessions // max(1, flooding))
    flooders = set(range(0, sessions, every)[:flooding])
    towns = [make_article(i).town for i in range(sessions)]
    idle = rss_mb(pid) if pid else 0.0
    peak = [idle]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            if pid:
                peak.append(rss_mb(pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()

    def one(i: int) -> Any:
        if i in flooders:
            return flood_session(url, i, messages, megabytes)
        return run_session(url, i, 3, towns, chat_driver)

    with ThreadPoolExecutor(max_workers=sessions) as pool:
        results = list(pool.map(one, range(sessions)))
    done.set()
    sampler.join()
    normal = [t for i, r in enumerate(results) if i not in flooders for t in r.latencies[1:]]
    flood = [t for i, r in enumerate(results) if i in flooders for t in r[0]]
    errors = [e for i, r in enumerate(results) for e in (r[1] if i in flooders else r.errors + r.crosstalk)]
    return FloodReport(
        sessions=sessions,
        flooding=len(flooders),
        flood_mb=megabytes,
        normal_questions=len(normal),
        normal_p50=percentile(normal, 50),
        normal_p95=percentile(normal, 95),
        normal_max=max(normal, default=0.0),
        flood_p50=percentile(flood, 50),
        flood_max=max(flood, default=0.0),
        errors=errors,
        idle_rss_mb=idle,
        peak_rss_mb=max(peak),
    )


# --- the server -------------------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MiB (Linux ``/proc``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def serve(env: dict[str, str] | None = None, *, ready_timeout: float = 180.0) -> Iterator[tuple[str, int]]:
    """Start ``python -m bot serve`` on 127.0.0.1 and yield (url, pid) once it answers HTTP 200."""
    port = free_port()
    temp = tempfile.mkdtemp(prefix="headline-bot-load-")
    full_env = {
        **os.environ,
        "GRADIO_ANALYTICS_ENABLED": "False",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "GRADIO_TEMP_DIR": temp,
        **(env or {}),
    }
    log = open(Path(temp) / "server.log", "w+b")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=full_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + ready_timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"server exited with {proc.returncode}: {log.read()[-2000:]!r}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not answer within the time limit")
            time.sleep(0.3)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(temp, ignore_errors=True)


def warm_up(url: str, driver: str) -> None:
    """One session first, so model loading is not counted as latency."""
    report = run_load(url, 1, 1, first=10_000, driver=driver)
    if report.errors:
        raise RuntimeError("warm-up failed: " + report.errors[0])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=50, help="concurrent sessions per wave")
    parser.add_argument("--questions", type=int, default=3, help="questions per session (at most 5)")
    parser.add_argument("--waves", type=int, default=2, help="waves of fresh sessions (memory check)")
    parser.add_argument("--driver", choices=sorted(DRIVERS), default="chat")
    parser.add_argument("--max-sessions", type=int, help="HEADLINE_BOT_MAX_SESSIONS for the server")
    parser.add_argument("--url", help="use a running server instead of starting one")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--flood", type=int, default=0, help="sessions that send huge messages (issue 17)")
    parser.add_argument("--flood-mb", type=float, default=4.0, help="size of each huge message, MB")
    parser.add_argument("--flood-messages", type=int, default=2, help="huge messages per flooding session")
    parser.add_argument(
        "--client-nice",
        type=int,
        default=0,
        help="lower this load generator's CPU priority by N once the server runs (0: same as the server)",
    )
    args = parser.parse_args(argv)

    def deprioritise() -> None:
        """On a machine shared with the server, let the server have the CPU first (never the server)."""
        if args.client_nice:
            os.nice(args.client_nice)

    if args.flood:
        with serve() as (url, pid):
            deprioritise()
            warm_up(url, "chat")
            flood = run_flood(url, pid, args.sessions, args.flood, args.flood_messages, args.flood_mb)
        print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  {' '.join(sys.argv)}")
        print(f"load generator nice: +{args.client_nice}")
        print("\n".join(flood.lines()))
        return 1 if flood.errors else 0

    def waves(url: str, pid: int | None) -> list[LoadReport]:
        warm_up(url, args.driver)
        reports: list[LoadReport] = []
        rss = [rss_mb(pid)] if pid else []
        for wave in range(args.waves):
            report = run_load(
                url, args.sessions, args.questions, first=wave * args.sessions, driver=args.driver
            )
            if pid:
                rss.append(rss_mb(pid))
                report.rss_mb = list(rss)
            reports.append(report)
        return reports

    if args.url:
        deprioritise()
        reports = waves(args.url, None)
    else:
        env = {"HEADLINE_BOT_MAX_SESSIONS": str(args.max_sessions)} if args.max_sessions else {}
        with serve(env) as (url, pid):
            deprioritise()
            reports = waves(url, pid)
    if args.json:
        print(json.dumps([r.__dict__ for r in reports], indent=2))
    else:
        print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  {' '.join(sys.argv)}")
        print(f"load generator nice: +{args.client_nice}")
        for n, report in enumerate(reports, 1):
            print(f"wave {n}:")
            print("\n".join("  " + line for line in report.lines()))
    failed = any(r.errors or r.crosstalk for r in reports)
    return 1 if failed else 0


if __name__ == "__main__":
    threading.current_thread().name = "bench_load"
    raise SystemExit(main())
