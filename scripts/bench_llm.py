"""Summaries and answers from a local llama.cpp server, side by side with the extractive path.

Starts its own ``llama_cpp.server`` (the test extra's gemma3-270m GGUF, ``--n_threads 1``) on
127.0.0.1, or uses ``--llm-url``, and measures:

* ``timing`` (every timing figure, one command): in the chat (``ChatSession``, the code behind the
  app's chat), the time to the first streamed token and the tokens per second of a new article's
  summary and of an answer, the extractive chat's whole replies side by side; then ``--sessions``
  gradio_client sessions at once on the real app's ``/chat`` (article, then a question; both written
  by the model) through the one server: errors, cross-talk (a reply citing, or a history showing,
  another session's article), and the latency of the extractive app's ``/ask`` asked every 0.5 s
  from the same process meanwhile;
* ``flags``: share of generated summary sentences flagged unsupported on the first N CNN/DailyMail
  articles, and the same check on the extractive summary side by side (results cached per article
  under --cache, so a run can be resumed; ``--start`` lets a second process take the far end).

    nice -n 10 python scripts/bench_llm.py timing --sessions 20 --articles 4
    nice -n 10 python scripts/bench_llm.py timing --sessions 2 --articles 1   # a quick check
    nice -n 10 python scripts/bench_llm.py flags --data ../shared/eval/summarization/cnndm.jsonl --limit 50
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # one copy of the server launcher: tests/llm_servers.py

from llm_servers import MODEL_ALIAS, llama_server  # noqa: E402

from bot.chat.session import ChatSession  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.engine import HeadlineBot  # noqa: E402
from bot.models.llm_server import ServerConfig, ServerGenerator  # noqa: E402
from bot.prompts import render  # noqa: E402
from bot.summarize.base import Length  # noqa: E402
from bot.summarize.extractive import NewsSummarizer  # noqa: E402
from bot.summarize.served import Claim, ServedSummarizer, budget, check, claims, fit_claims  # noqa: E402

OWN = ["quay-brief.txt", "orchard-article.txt", "bridge-article.txt", "ferry-article.txt"]
QUESTIONS = [
    "Where will the Saturday market move for the winter?",
    "How much of the blossom did the frost destroy?",
    "When did the new bridge open?",
    "Why were the ferry crossings suspended?",
]


CURSOR = "▍"
"""The chat shows it after text a model is still writing: one new piece per message update."""


def served(url: str, concurrency: int = 4) -> ServedSummarizer:
    config = ServerConfig(
        url, model=MODEL_ALIAS, window=2048, read_timeout_s=600, max_concurrency=concurrency
    )
    return ServedSummarizer(ServerGenerator(config), NewsSummarizer(), timeout_s=900)


def served_bot(url: str, encoder: HeadlineBot, sessions: int) -> HeadlineBot:
    """The bot the app builds for ``--llm-url`` (the settings a deployment would give), sharing the
    extractive bot's encoder; the app works on all sessions at once (``concurrency_limit``)."""
    settings = Settings(
        llm_url=url,
        llm_model=MODEL_ALIAS,
        llm_context_tokens=2048,
        llm_timeout_s=600,
        generation_timeout_s=900,
        concurrency_limit=max(4, sessions),
    )
    return HeadlineBot(settings, embedder=encoder.embedder)


def streamed(session: ChatSession, steps: Iterable[None]) -> dict:
    """Time one chat step: the first model token on screen, pieces per second, the whole reply."""
    stamps: list[float] = []
    started = time.perf_counter()
    for _ in steps:
        if str(session.messages[-1]["content"]).endswith(CURSOR):
            stamps.append(time.perf_counter() - started)
    total = time.perf_counter() - started
    return {
        "first_token_s": stamps[0] if stamps else None,
        "tokens_per_s": (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else None,
        "total_s": total,
        "pieces": len(stamps),
    }


def speed(bot: HeadlineBot, extractive: HeadlineBot, names: list[str]) -> dict:
    """Time to the first streamed token and tokens per second in the chat (``ChatSession``, the code
    behind the app's chat), for the summary of a new article and for an answer; the extractive chat
    side by side (its whole reply)."""
    rows = []
    for name in names:
        text = (ROOT / "tests" / "data" / name).read_text(encoding="utf-8")
        question = QUESTIONS[OWN.index(name)]
        warm = ChatSession(stream_delay=0)  # the encodings, loaded once (not timed)
        for _ in warm.open_article(extractive, text):
            pass
        plain = ChatSession(stream_delay=0)
        plain_summary = streamed(plain, plain.open_article(extractive, text))["total_s"]
        plain_answer = streamed(plain, plain.ask(extractive, question))["total_s"]
        chat = ChatSession(stream_delay=0)
        summary = streamed(chat, chat.open_article(bot, text))
        answer = streamed(chat, chat.ask(bot, question))
        rows.append(
            {
                "article": name,
                "summary_first_token_s": summary["first_token_s"],
                "summary_tokens_per_s": summary["tokens_per_s"],
                "summary_total_s": summary["total_s"],
                "answer_first_token_s": answer["first_token_s"],
                "answer_tokens_per_s": answer["tokens_per_s"],
                "answer_total_s": answer["total_s"],
                "extractive_summary_s": plain_summary,
                "extractive_answer_s": plain_answer,
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    keys = [k for k in rows[0] if k != "article"]
    return {
        "articles": len(rows),
        **{
            f"median_{k}": statistics.median([r[k] for r in rows if r[k] is not None] or [float("nan")])
            for k in keys
        },
    }


def load(bot: HeadlineBot, extractive: HeadlineBot, sessions: int, names: list[str]) -> dict:
    """``sessions`` gradio_client sessions at once on the app's ``/chat`` (a new article, its summary
    streamed by the model, then a question answered by it), all through one model server; meanwhile
    the extractive app's ``/ask`` (a second app in the same process) is asked every 0.5 s."""
    from app_server import running_app
    from gradio_client import Client

    texts = [(ROOT / "tests" / "data" / name).read_text(encoding="utf-8") for name in names]
    failed = render("llm_note_failed", error="", what="")[:25]
    errors: list[str] = []
    crosstalk: list[str] = []
    outcomes: list[str] = []
    lock = threading.Lock()

    def own(text: str, i: int) -> bool:
        return _norm(text) in _norm(texts[i % len(texts)])

    def session(url: str, i: int) -> None:
        text, question = texts[i % len(texts)], QUESTIONS[OWN.index(names[i % len(names)])]
        try:
            client = Client(url, verbose=False)
            summary = client.predict(text, "short", api_name="/chat")
            answer = client.predict(question, "short", api_name="/chat")
        except Exception as exc:  # counted, not raised: the figure is the error count
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}"[:300])
            return
        others = [" ".join(t.split()[:6]) for t in texts if t != text]
        with lock:
            mine = all(own(s["text"], i) for s in [*summary["sources"], *answer["sources"]])
            if not mine or any(o in t["text"] for o in others for t in answer["history"]):
                crosstalk.append(f"session {i}: {answer['reply'][:200]}")
            if any(t["text"] and failed in t["text"] for t in answer["history"]):
                errors.append(f"session {i}: {answer['reply'][:300]}")
            outcomes.append(outcome(answer["reply"], answer["kind"]))

    with (
        running_app(bot, stream_delay=0) as app,
        running_app(extractive, stream_delay=0) as plain,
    ):
        asker = Client(plain.url, verbose=False)
        asker.predict(texts[0], QUESTIONS[OWN.index(names[0])], api_name="/ask")  # warm (not timed)
        threads = [threading.Thread(target=session, args=(app.url, i)) for i in range(sessions)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        latencies: list[float] = []
        while any(t.is_alive() for t in threads):
            k = len(latencies) % len(texts)
            asked = time.perf_counter()
            asker.predict(texts[k], QUESTIONS[OWN.index(names[k])], api_name="/ask")
            latencies.append(time.perf_counter() - asked)
            time.sleep(0.5)
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    return {
        "sessions": sessions,
        "errors": len(errors),
        "error_samples": errors[:3],
        "crosstalk": len(crosstalk),
        "crosstalk_samples": crosstalk[:3],
        "outcomes": {o: outcomes.count(o) for o in sorted(set(outcomes))},
        "wall_s": wall,
        "extractive_ask_during_load": len(latencies),
        "extractive_ask_share_under_1s": sum(x < 1 for x in latencies) / max(1, len(latencies)),
        "extractive_ask_median_s": statistics.median(latencies) if latencies else None,
        "extractive_ask_p90_s": statistics.quantiles(latencies, n=10)[-1] if len(latencies) > 1 else None,
        "extractive_ask_max_s": max(latencies) if latencies else None,
    }


def outcome(reply: str, kind: str) -> str:
    """What became of the model's answer, from the reply's notes."""
    for name, said in (
        ("generate_note_answer_unsupported", "the model's answer failed the checks: extractive shown"),
        ("llm_note_interrupted", "the server stopped mid-answer: what arrived kept"),
    ):
        if render(name) in reply:
            return said
    if kind == "answer" and "⚠️" in reply:
        return "the model's answer, with sentences flagged unsupported"
    return f"{kind} without a note (the model's checked answer, or the extractive one when it said so)"


def _norm(text: str) -> str:
    return " ".join(text.split())


def flags(bot: HeadlineBot, url: str, data: str, limit: int, cache: Path, start: int = 0) -> dict:
    from bot.evaluate.news import read_jsonl, record_article

    summarizer = served(url)
    cache.mkdir(parents=True, exist_ok=True)
    out = cache / "flags.jsonl"
    done = {json.loads(line)["id"] for line in out.read_text().splitlines()} if out.exists() else set()
    plan = budget(Length())
    records, seen = [], set()
    for record in read_jsonl(data):
        if record["article"] not in seen:  # one row per article
            seen.add(record["article"])
            records.append(record)
    for record in records[start:limit]:  # a second process can take the far end (--start)
        if record["id"] in done:
            continue
        index = bot.index(record_article(record, with_headline=False))
        article = summarizer.numbered_article(index, summarizer.room(plan.max_new_tokens), [])
        prompt = render("llm_summary_short", article=article, limit=plan.limit)
        written = summarizer.generator.generate(prompt, max_new_tokens=plan.max_new_tokens, time_limit_s=900)
        found = fit_claims(
            claims(written.text), sentences=plan.sentences, words=None, complete=written.stop == "end"
        )
        checked = check(found, index)
        extractive = bot.summarizer.summarize(index, Length()).sentences  # the app's extractive path
        same = check([Claim(s.text, (s.paragraph,)) for s in extractive], index)  # the same check
        row = {
            "id": record["id"],
            "sentences": len(checked),
            "unsupported": sum(not c.supported for c in checked),
            "cited": sum(bool(c.cited) for c in found),
            "extractive_sentences": len(same),
            "extractive_unsupported": sum(not c.supported for c in same),
        }
        with out.open("a") as f:
            f.write(json.dumps(row) + "\n")
        print(json.dumps(row), flush=True)
    wanted = {r["id"] for r in records[:limit]}
    found = (json.loads(line) for line in out.read_text().splitlines())
    rows = list({r["id"]: r for r in found if r["id"] in wanted}.values())  # two processes may overlap
    sentences = sum(r["sentences"] for r in rows)
    extractive = sum(r.get("extractive_sentences", 0) for r in rows)
    return {
        "articles": len(rows),
        "sentences": sentences,
        "extractive_sentences": extractive,
        "extractive_unsupported": sum(r.get("extractive_unsupported", 0) for r in rows),
        "extractive_unsupported_share": sum(r.get("extractive_unsupported", 0) for r in rows) / extractive
        if extractive
        else None,
        "unsupported": sum(r["unsupported"] for r in rows),
        "unsupported_share": sum(r["unsupported"] for r in rows) / sentences if sentences else None,
        "with_citation_share": sum(r["cited"] for r in rows) / sentences if sentences else None,
        "articles_with_no_sentence": sum(r["sentences"] == 0 for r in rows),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=["timing", "flags"])
    parser.add_argument("--sessions", type=int, default=20, help="timing: concurrent chat sessions")
    parser.add_argument("--articles", type=int, default=4, help="timing: our test articles used (1-4)")
    parser.add_argument("--data", default=str(ROOT.parent / "shared/eval/summarization/cnndm.jsonl"))
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--start", type=int, default=0, help="flags: first article to run (0-based)")
    parser.add_argument("--cache", default="/work/cache/i16")
    parser.add_argument("--llm-url", help="use this server instead of starting one")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    bot = HeadlineBot(Settings())
    with llama_server() if not args.llm_url else _given(args.llm_url) as url:
        if args.what == "timing":
            names = OWN[: max(1, min(args.articles, len(OWN)))]
            model_bot = served_bot(url, bot, args.sessions)
            result = {
                "speed": speed(model_bot, bot, names),
                "load": load(model_bot, bot, args.sessions, names),
            }
        else:
            result = flags(bot, url, args.data, args.limit, Path(args.cache), args.start)
    print(json.dumps({args.what: result}, indent=2))
    return 0


class _given:
    def __init__(self, url: str) -> None:
        self.url = url

    def __enter__(self) -> str:
        return self.url

    def __exit__(self, *exc: object) -> None:
        return None


if __name__ == "__main__":
    raise SystemExit(main())
