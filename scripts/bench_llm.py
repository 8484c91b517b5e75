"""Summaries and answers from a local llama.cpp server, side by side with the extractive path.

Starts its own ``llama_cpp.server`` (the test extra's gemma3-270m GGUF, ``--n_threads 1``, niced) on
127.0.0.1 and measures, in one process:

* ``speed``: time to the first streamed token of the summary (after the headline round trip) and
  of the answer, and tokens per second while streaming, vs the extractive summary and answer;
* ``load``: N concurrent sessions through the one server (generated answers): errors, cross-talk
  (an answer citing text that is not in its own article), and the latency of extractive answers
  asked from the same process while the server is busy;
* ``flags``: share of generated summary sentences flagged unsupported on the first N CNN/DailyMail
  articles (results cached per article under --cache, so a run can be resumed).

    nice -n 10 python scripts/bench_llm.py speed
    nice -n 10 python scripts/bench_llm.py load --sessions 20
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # one copy of the server launcher: tests/llm_servers.py

from llm_servers import MODEL_ALIAS, llama_server  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.engine import HeadlineBot  # noqa: E402
from bot.models.llm_server import ServerConfig, ServerGenerator  # noqa: E402
from bot.prompts import render  # noqa: E402
from bot.qa.answer import answer_question  # noqa: E402
from bot.summarize.base import Length  # noqa: E402
from bot.summarize.extractive import NewsSummarizer  # noqa: E402
from bot.summarize.served import Claim, ServedSummarizer, budget, check, claims, fit_claims  # noqa: E402

OWN = ["quay-brief.txt", "orchard-article.txt", "bridge-article.txt", "ferry-article.txt"]
SPEED = OWN[:1]
QUESTIONS = [
    "Where will the Saturday market move for the winter?",
    "How much of the blossom did the frost destroy?",
    "When did the new bridge open?",
    "Why were the ferry crossings suspended?",
]


def served(url: str, concurrency: int = 4) -> ServedSummarizer:
    config = ServerConfig(
        url, model=MODEL_ALIAS, window=2048, read_timeout_s=600, max_concurrency=concurrency
    )
    return ServedSummarizer(ServerGenerator(config), NewsSummarizer(), timeout_s=900)


def speed(bot: HeadlineBot, url: str) -> dict:
    summarizer = served(url)
    rows = []
    for name in SPEED:
        index = bot.index(bot.load_path(str(ROOT / "tests" / "data" / name)))
        question = QUESTIONS[OWN.index(name)]
        NewsSummarizer().summarize(index, Length())  # the encodings and weights, loaded once
        started = time.perf_counter()
        NewsSummarizer().summarize(index, Length())
        extractive_summary = time.perf_counter() - started
        started = time.perf_counter()
        answer_question(index, question)
        extractive_answer = time.perf_counter() - started
        stamps, started = [], time.perf_counter()
        for step in summarizer.stream(index, Length()):
            if step.stage == "writing" and step.text:
                stamps.append(time.perf_counter() - started)
        total = time.perf_counter() - started
        pieces, started = [], time.perf_counter()
        for piece in summarizer.stream_answer(index, question):
            if isinstance(piece, str):
                pieces.append(time.perf_counter() - started)
        rows.append(
            {
                "article": name,
                "extractive_summary_s": extractive_summary,
                "extractive_answer_s": extractive_answer,
                "summary_first_token_s": stamps[0] if stamps else None,
                "summary_total_s": total,
                "summary_tokens_per_s": (len(stamps) - 1) / (stamps[-1] - stamps[0])
                if len(stamps) > 1
                else None,
                "answer_first_token_s": pieces[0] if pieces else None,
                "answer_tokens_per_s": (len(pieces) - 1) / (pieces[-1] - pieces[0])
                if len(pieces) > 1
                else None,
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    keys = [k for k in rows[0] if k != "article"]
    return {k: statistics.median([r[k] for r in rows if r[k] is not None] or [float("nan")]) for k in keys}


def load(bot: HeadlineBot, url: str, sessions: int) -> dict:
    summarizer = served(url)
    indexes = [bot.index(bot.load_path(str(ROOT / "tests" / "data" / name))) for name in OWN]
    errors: list[str] = []
    crosstalk: list[str] = []
    generated = 0
    outcomes: list[str] = []
    lock = threading.Lock()

    def session(i: int) -> None:
        nonlocal generated
        index = indexes[i % len(indexes)]
        question = QUESTIONS[i % len(indexes)]
        try:
            answer = summarizer.answer(index, question)
        except Exception as exc:  # counted, not raised: the figure is the error count
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}")
            return
        with lock:
            generated += bool(answer.sentences) and answer.text != answer_question(index, question).text
            outcomes.append(answer.notes[-1][:60] if answer.notes else "generated")
            if any(s.text not in index.article.text for s in answer.sources) or any(
                s.paragraph > len(index.article.paragraphs) for s in answer.sentences
            ):
                crosstalk.append(answer.text)
            if any(
                n.startswith(render("llm_note_failed", error="", what="answer")[:20]) for n in answer.notes
            ):
                errors.append(answer.notes[-1])

    threads = [threading.Thread(target=session, args=(i,)) for i in range(sessions)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    latencies: list[float] = []
    stamps: list[float] = []
    while any(t.is_alive() for t in threads):
        index = indexes[len(latencies) % len(indexes)]
        asked = time.perf_counter()
        answer_question(index, QUESTIONS[len(latencies) % len(indexes)])
        latencies.append(time.perf_counter() - asked)
        stamps.append(asked - started)
        time.sleep(0.5)
    for t in threads:
        t.join()
    return {
        "sessions": sessions,
        "errors": len(errors),
        "error_samples": errors[:3],
        "crosstalk": len(crosstalk),
        "generated_answers": generated,
        "wall_s": time.perf_counter() - started,
        "extractive_answers_during_load": len(latencies),
        "extractive_answer_max_s": max(latencies) if latencies else None,
        "extractive_answer_p90_s": statistics.quantiles(latencies, n=10)[-1] if len(latencies) > 1 else None,
        "extractive_answer_share_under_1s": sum(x < 1 for x in latencies) / max(1, len(latencies)),
        "extractive_answer_max_after_30s_s": max(
            (x for x, t in zip(latencies, stamps, strict=True) if t > 30), default=None
        ),
        "first_latencies_s": [round(x, 2) for x in latencies[:5]],
        "outcomes": {o: outcomes.count(o) for o in set(outcomes)},
        "extractive_answer_median_s": statistics.median(latencies) if latencies else None,
    }


def flags(bot: HeadlineBot, url: str, data: str, limit: int, cache: Path) -> dict:
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
    for record in records[:limit]:
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
    rows = [json.loads(line) for line in out.read_text().splitlines()][:limit]
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
    parser.add_argument("what", choices=["speed", "load", "flags"])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--data", default=str(ROOT.parent / "shared/eval/summarization/cnndm.jsonl"))
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--cache", default="/work/cache/i16")
    parser.add_argument("--llm-url", help="use this server instead of starting one")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    bot = HeadlineBot(Settings())
    with llama_server() if not args.llm_url else _given(args.llm_url) as url:
        if args.what == "speed":
            result = speed(bot, url)
        elif args.what == "load":
            result = load(bot, url, args.sessions)
        else:
            result = flags(bot, url, args.data, args.limit, Path(args.cache))
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
