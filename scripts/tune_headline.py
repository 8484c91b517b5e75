"""Tune the headline compressor's preferred length on Reuters stories with their real headlines.

Reads ``../shared/train/reuters-headlines.jsonl.gz`` (training data, never the BBC evaluation file),
keeps stories whose first paragraph is a sentence of 12+ words (not a results table), takes a seeded
sample, and prints ROUGE-1/L F1 and the share of malformed headlines for each ``target`` length of
``bot.summarize.headline.compress``. The best ``target`` by ROUGE-1 is the shipped ``TARGET_WORDS``.

    python scripts/tune_headline.py --sample 3000
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.evaluate.news import record_article  # noqa: E402
from bot.evaluate.rouge import RougeMeter  # noqa: E402
from bot.ingest.debris import is_debris  # noqa: E402
from bot.summarize.headline import MAX_WORDS, compress  # noqa: E402
from bot.summarize.wellformed import headline_problems  # noqa: E402

DATA = Path("/work/shared/train/reuters-headlines.jsonl.gz")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sample", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    with gzip.open(args.data, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    usable = [r for r in records if len(r["article"].split("\n\n")[0].split()) >= 12]
    rng = np.random.default_rng(args.seed)
    picked = [usable[i] for i in rng.choice(len(usable), size=min(args.sample, len(usable)), replace=False)]
    leads = []
    for record in picked:
        article = record_article(record, with_headline=False)
        lead = next((s.text for s in article.sentences if not is_debris(s.text)), "")
        leads.append((record["headline"].lower(), lead))
    print(f"{len(leads)} Reuters stories (of {len(usable)} with a sentence lead)")
    print(f"{'target':>6s} {'R-1':>6s} {'R-L':>6s} {'words':>6s} {'malformed':>9s}")
    for target in range(5, MAX_WORDS + 1):
        meter = RougeMeter(("rouge1", "rougeL"))
        words = malformed = 0
        for reference, lead in leads:
            headline = compress(lead, target=target)
            meter.add(reference, headline)
            words += len(headline.split())
            malformed += bool(headline_problems(headline))
        m = meter.means()
        print(f"{target:6d} {m['rouge1']:6.2f} {m['rougeL']:6.2f} {words / len(leads):6.1f} {malformed:9d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
