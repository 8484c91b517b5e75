"""Speed of the opt-in generator: time per generated token and per article, against input length.

By default it builds the tests' tiny T5 (random weights, sentencepiece vocabulary) in a temporary
folder and loads it through ``bot.models.seq2seq.Seq2SeqGenerator``, exactly as ``--model PATH`` does.
``--size t5-small`` builds a random model with t5-small's shape instead (6+6 layers, d_model 512),
and ``--model`` measures any real checkpoint you have (hub id or folder).

Two measurements:

1. **per token**: generation forced to exactly N1 and N2 new tokens for inputs of growing length;
   decode time per token = (t(N2) - t(N1)) / (N2 - N1), and the rest (encoder, set-up) is the
   time to the first token;
2. **per article**: ``HeadlineBot(model=...).summarize`` (prompting, map-reduce when the article is
   over the window, headline, grounding) on articles of growing length.

``--device cuda`` measures tokens per second on the GPU *and* on the CPU, side by side.

    python scripts/bench_generate.py                      # tiny T5, CPU
    python scripts/bench_generate.py --size t5-small      # t5-small-shaped random model
    python scripts/bench_generate.py --device cuda        # GPU vs CPU tokens/s
    python scripts/bench_generate.py --model sshleifer/distilbart-cnn-12-6 --articles-only
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

SIZES = {
    "tiny": {"d_model": 32, "layers": 2, "heads": 4},
    "t5-small": {"d_model": 512, "layers": 6, "heads": 8},
}


def build_model(size: str, window: int) -> str:
    from tiny_models import build_tiny_t5

    folder = Path(tempfile.mkdtemp(prefix=f"bench-{size}-"))
    build_tiny_t5(folder, window=window, **SIZES[size])
    return str(folder)


def text_of_tokens(generator, tokens: int) -> str:
    """Article-like text of about ``tokens`` input tokens (our own corpus, repeated)."""
    from tiny_models import CORPUS

    sentences = [s for s in CORPUS.splitlines() if s.strip()]
    words: list[str] = []
    i = 0
    while True:
        words.extend(sentences[i % len(sentences)].split())
        i += 1
        if generator.count_tokens(" ".join(words)) >= tokens:
            break
    while len(words) > 1 and generator.count_tokens(" ".join(words)) > tokens:
        words.pop()
    return " ".join(words)


def timed(fn, repeats: int) -> float:
    """Median wall time of ``repeats`` calls, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def per_token(model: str, device: str, lengths: list[int], n1: int, n2: int, repeats: int, quantize: bool):
    from bot.models.seq2seq import Seq2SeqGenerator

    generator = Seq2SeqGenerator(model, device=device, quantize=quantize)
    started = time.perf_counter()
    generator.load()
    load_s = time.perf_counter() - started
    rows = []
    for length in lengths:
        if length > generator.window:
            continue
        prompt = text_of_tokens(generator, length)

        def run(n: int, prompt: str = prompt) -> None:
            generator.generate(prompt, max_new_tokens=n, min_new_tokens=n)

        t1 = timed(lambda: run(n1), repeats)
        t2 = timed(lambda: run(n2), repeats)
        step = max(t2 - t1, 1e-9) / (n2 - n1)
        rows.append(
            {
                "input_tokens": generator.count_tokens(prompt),
                "ms_per_token": round(1000 * step, 2),
                "tokens_per_s": round(1 / step, 1),
                "first_token_ms": round(1000 * max(t1 - n1 * step, 0.0), 1),
                f"total_{n2}_tokens_s": round(t2, 3),
            }
        )
    dtype = generator.dtype + (", int8 linear layers" if quantize and generator.device == "cpu" else "")
    return {"device": generator.device, "dtype": dtype, "load_s": round(load_s, 2), "rows": rows}


def per_article(model: str, device: str, words: list[int], repeats: int, quantize: bool):
    from tiny_models import CORPUS

    from bot.config import Settings
    from bot.engine import HeadlineBot
    from bot.summarize.base import Length

    bot = HeadlineBot(Settings(model=model, device=device, quantize=quantize, generation_timeout_s=3600))
    sentences = [s for s in CORPUS.splitlines() if s.strip()]
    rows = []
    for count in words:
        paragraphs, current, total, i = [], [], 0, 0
        while total < count:
            sentence = sentences[i % len(sentences)]
            current.append(sentence)
            total += len(sentence.split())
            i += 1
            if len(current) == 3:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        article = bot.load("\n\n".join(paragraphs))
        _ = bot.index(article).sentence_vectors  # index once, outside the timing (shared with answers)
        generator = bot.summarizer.generator  # type: ignore[attr-defined]
        notes: tuple[str, ...] = ()

        def run(article=article) -> None:
            nonlocal notes
            notes = bot.summarize(article, Length("short")).notes

        seconds = timed(run, repeats)
        rows.append(
            {
                "words": article.word_count,
                "input_tokens": generator.count_tokens(article.text),
                "window": generator.window,
                "chunked": any("parts" in n for n in notes),
                "seconds": round(seconds, 3),
            }
        )
    return rows


def table(rows: list[dict]) -> str:
    if not rows:
        return "(no rows)"
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(r[k]) for k in keys) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="hub id or folder (default: build a random model, see --size)")
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny")
    parser.add_argument("--window", type=int, default=512, help="input window of the built model")
    parser.add_argument("--device", default="cpu", help="cpu, or cuda for GPU vs CPU tokens/s")
    parser.add_argument("--threads", type=int, help="torch intra-op threads on CPU (default: torch's)")
    parser.add_argument("--quantize", action="store_true", help="dynamic int8 on CPU")
    parser.add_argument("--lengths", default="32,128,256,512", help="input tokens for the per-token runs")
    parser.add_argument("--words", default="100,250,500,1000,2000", help="article words for per-article runs")
    parser.add_argument("--n1", type=int, default=8)
    parser.add_argument("--n2", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--articles-only", action="store_true")
    parser.add_argument("--tokens-only", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    model = args.model or build_model(args.size, args.window)
    lengths = [int(x) for x in args.lengths.split(",")]
    result: dict = {
        "model": args.model or f"random {args.size} T5 (window {args.window})",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    devices = [args.device] + (["cpu"] if args.device.startswith("cuda") else [])
    if not args.articles_only:
        result["per_token"] = [
            per_token(model, d, lengths, args.n1, args.n2, args.repeats, args.quantize) for d in devices
        ]
    if not args.tokens_only:
        words = [int(x) for x in args.words.split(",")]
        result["per_article"] = per_article(
            model, args.device, words, max(1, args.repeats // 2), args.quantize
        )
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"model: {result['model']} · torch {result['torch']} · {result['threads']} CPU threads")
    print(f"measured: {result['date']}")
    for run in result.get("per_token", []):
        print(f"\nper token on {run['device']} ({run['dtype']}), load {run['load_s']} s\n")
        print(table(run["rows"]))
    if "per_article" in result:
        print(f"\nper article ({args.device}, style short)\n")
        print(table(result["per_article"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
