"""Tune the headline compressor's preferred length on Reuters stories with their real headlines.

Reads ``../shared/train/reuters-headlines.jsonl.gz`` (training data, never the BBC evaluation file),
keeps stories whose first paragraph is a sentence of 12+ words (not a results table), takes a seeded
sample, and prints ROUGE-1/L F1 and the share of malformed headlines for each ``target`` length of
``bot.summarize.headline.compress``, with the leading attribution ("X said that ...") deleted or
kept; the best pair by ROUGE-1 on the tuning stories is shipped (``TARGET_WORDS``,
``STRIP_LEADING_ATTRIBUTION``) and reported on a disjoint validation sample of the same size. Last,
both samples with and without ``headline_style`` (headline grammar: "to" for "will").

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


def score(
    leads: list[tuple[str, str]], target: int, strip: bool, style: bool = True
) -> tuple[dict[str, float], float, int]:
    """ROUGE-1/L, mean words and malformed count of ``compress`` on (reference, lead) pairs."""
    meter = RougeMeter(("rouge1", "rougeL"))
    words = malformed = 0
    for reference, lead in leads:
        headline = compress(lead, target=target, strip_attribution=strip, style=style)
        meter.add(reference, headline)
        words += len(headline.split())
        malformed += bool(headline_problems(headline))
    return meter.means(), words / max(len(leads), 1), malformed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sample", type=int, default=3000, help="tuning stories (as many again validate)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    with gzip.open(args.data, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    usable = [r for r in records if len(r["article"].split("\n\n")[0].split()) >= 12]
    rng = np.random.default_rng(args.seed)
    order = rng.permutation(len(usable))
    size = min(args.sample, len(usable) // 2)
    splits = {"tune": order[:size], "validation": order[size : 2 * size]}
    leads: dict[str, list[tuple[str, str]]] = {}
    for name, rows in splits.items():
        leads[name] = []
        for i in rows:
            article = record_article(usable[i], with_headline=False)
            lead = next((s.text for s in article.sentences if not is_debris(s.text)), "")
            leads[name].append((usable[i]["headline"].lower(), lead))
    print(f"{size} + {size} Reuters stories (of {len(usable)} with a sentence lead): tuning, validation")
    print(f"{'attribution':>11s} {'target':>6s} {'R-1':>6s} {'R-L':>6s} {'words':>6s} {'malformed':>9s}")
    best, chosen = -1.0, (MAX_WORDS, False)
    for strip in (True, False):
        for target in range(5, MAX_WORDS + 1):
            m, words, malformed = score(leads["tune"], target, strip)
            label = "strip" if strip else "keep"
            print(
                f"{label:>11s} {target:6d} {m['rouge1']:6.2f} {m['rougeL']:6.2f} {words:6.1f} {malformed:9d}"
            )
            if m["rouge1"] > best:
                best, chosen = m["rouge1"], (target, strip)
    target, strip = chosen
    print(f"chosen on the tuning stories: TARGET_WORDS = {target}, STRIP_LEADING_ATTRIBUTION = {strip}")
    for name, value in (("chosen", strip), ("other", not strip)):
        m, words, malformed = score(leads["validation"], target, value)
        print(
            f"validation ({name}: strip={value}): R-1 {m['rouge1']:.2f} R-L {m['rougeL']:.2f} "
            f"words {words:.1f} malformed {malformed}"
        )
    for name in ("tune", "validation"):  # headline grammar ("to" for "will"), with and without
        with_style, _, bad = score(leads[name], target, strip)
        without, _, _ = score(leads[name], target, strip, style=False)
        print(
            f"{name}: headline_style R-1 {with_style['rouge1']:.2f} against {without['rouge1']:.2f} "
            f"without it (malformed {bad})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
