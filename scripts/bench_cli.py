"""Cold CLI calls on the seed article: ``summarize``, ``ask`` and ``clean``, each a fresh process.

Each run is a new interpreter running ``headline-bot`` on the article, timed from outside (wall
clock, start to exit, and the CPU time it used, which a busy machine inflates far less). Inside,
the run reports where its time went:

- imports: interpreter start, ``bot.cli`` and ``bot.engine`` imported;
- model load: the sentence encoder made ready (its libraries imported, weights checked, graph or
  model loaded; 0 for ``clean``, which needs no model);
- work: the command itself (reading and cleaning the article, encoding, summarising or answering,
  printing).

The encoder backends are compared side by side in the same run, interleaved run by run: ``onnx``
(the default) and ``torch`` (the path before issue 15). The ONNX graph is built first if it is not
cached yet (``headline-bot prepare``), so no run pays for the one-time export.

    python scripts/bench_cli.py [--article ../shared/examples/scraped-article.txt] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT)
DEFAULT_ARTICLE = SHARED / "examples" / "scraped-article.txt"
QUESTION = "Who called it a genocide?"

CHILD = r"""
import json, os, sys, time
start = float(os.environ["BENCH_T0"])
import bot.cli, bot.engine
from bot.config import Settings
from bot.startup import collector_paused
imported = time.time()
with collector_paused():  # as the CLI itself runs a one-shot command (bot.cli.main)
    engine = bot.engine.HeadlineBot(Settings.from_env())
    argv = json.loads(sys.argv[1])
    if argv[0] != "clean":
        embedder = engine.embedder
        embedder._load()
    loaded = time.time()
    bot.cli._bot = lambda args: engine
    code = bot.cli.main(argv)
    done = time.time()
with open(os.environ["BENCH_OUT"], "w") as fh:
    json.dump({"code": code, "imports": imported - start, "load": loaded - imported, "work": done - loaded,
               "modules": [m for m in ("torch", "transformers", "onnxruntime") if m in sys.modules]}, fh)
"""


def run_once(argv: list[str], backend: str) -> dict:
    """One cold process; its wall time and its own breakdown."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "t.json"
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "HEADLINE_BOT_EMBEDDER_BACKEND": backend,
            "HF_HUB_OFFLINE": "1",
            "BENCH_OUT": str(out),
        }
        env["BENCH_T0"] = repr(time.time())
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", CHILD, json.dumps(argv)], env=env, capture_output=True, text=True
        )
        wall = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        if result.returncode != 0:
            raise SystemExit(f"{argv} failed: {result.stderr.strip()[-500:]}")
        info = json.loads(out.read_text())
        if info["code"] != 0:
            raise SystemExit(f"{argv} exited with {info['code']}: {result.stderr.strip()[-500:]}")
    return {"wall": wall, "cpu": cpu, **info}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--article", default=str(DEFAULT_ARTICLE))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--backends", default="onnx,torch")
    args = parser.parse_args()

    from bot.models.onnx_embed import prepare

    if not Path(args.article).is_file():
        raise SystemExit(f"No such article: {args.article}")
    prepare()  # built once here, so that no timed run pays for the export
    cases = [
        ("summarize", ["summarize", args.article]),
        ("ask", ["ask", args.article, QUESTION]),
        ("clean", ["clean", args.article]),
    ]
    backends = args.backends.split(",")
    plan = [(name, argv, b) for name, argv in cases for b in (backends if name != "clean" else backends[:1])]
    runs: dict[tuple[str, str], list[dict]] = {(n, b): [] for n, _, b in plan}
    for _ in range(args.repeat):
        for name, argv, backend in plan:  # interleaved, so slow moments hit every case alike
            runs[(name, backend)].append(run_once(argv, backend))

    print(f"cold CLI calls, median of {args.repeat} runs each; article {args.article}")
    print(
        "| command | encoder | wall (median) | min-max | CPU time | imports | model load | work "
        "| heavy modules loaded |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for (name, backend), rs in runs.items():
        med = {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu", "imports", "load", "work")}
        walls = [r["wall"] for r in rs]
        print(
            f"| {name} | {backend if name != 'clean' else '-'} | {med['wall']:.2f} s | "
            f"{min(walls):.2f}-{max(walls):.2f} s | {med['cpu']:.2f} s | {med['imports']:.2f} s | "
            f"{med['load']:.2f} s | "
            f"{med['work']:.2f} s | {', '.join(rs[0]['modules']) or 'none'} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
