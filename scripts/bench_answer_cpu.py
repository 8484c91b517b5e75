"""CPU time of one answer on an indexed article, split into retrieval, the rest of answering
(routes, answerability features, sentence choice) and question encoding. CPU time, not wall time,
so that the figure means something on a shared, loaded machine.

    python scripts/bench_answer_cpu.py --article ../shared/examples/scraped-article.txt
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUESTIONS = (
    "Who is the story about?",
    "What did Pompeo say?",
    "How many people have died in the camps?",
    "What is the population of Beijing?",
    "What is the US banning?",
    "How many Muslims are thought to be locked up?",
    "What is the weather in Paris tomorrow?",
    "When did Congress pass the legislation?",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--article", required=True)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    from bot.engine import HeadlineBot
    from bot.qa.answer import answer_question
    from bot.retrieval.retrieve import retrieve

    hb = HeadlineBot()
    index = hb.index(hb.load(Path(args.article).read_bytes())).build()
    vectors = {q: index.encode_query(q) for q in QUESTIONS}

    def cpu_ms(step: Callable[[str], object], rounds: int) -> float:
        started = time.process_time()
        for _ in range(rounds):
            for q in QUESTIONS:
                step(q)
        return (time.process_time() - started) * 1000 / (rounds * len(QUESTIONS))

    print(
        f"retrieval: {cpu_ms(lambda q: retrieve(index, q, query_vector=vectors[q]), args.rounds):.2f} ms CPU"
    )
    print(
        "answer without question encoding: "
        f"{cpu_ms(lambda q: answer_question(index, q, query_vector=vectors[q]), args.rounds):.2f} ms CPU"
    )
    print(f"full answer (question encoded): {cpu_ms(lambda q: answer_question(index, q), 3):.2f} ms CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
