#!/usr/bin/env bash
# Every figure of docs/benchmarks.md, in one go, on a quiet machine (nothing else running).
# Usage: bash scripts/run_benchmarks.sh [OUT_DIR]   (default out/bench; the shared eval data must be
# at ../shared/eval). Each command's output is kept in OUT_DIR/<name>.txt.
set -uo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/bench}"
# shellcheck source=scripts/run_lib.sh
source scripts/run_lib.sh

run clean-text      headline-bot eval clean --data "$eval_dir/extraction/scrapinghub-text.jsonl.gz"
run clean-html      headline-bot eval clean --data "$eval_dir/extraction/scrapinghub.jsonl.gz"
run clean-speed     python scripts/bench_clean.py
run summ-cnndm      headline-bot eval summarize --data "$eval_dir/summarization/cnndm.jsonl"
run summ-xsum       headline-bot eval summarize --data "$eval_dir/summarization/xsum.jsonl"
run summ-bbc        headline-bot eval summarize --data "$eval_dir/summarization/bbc.jsonl.gz"
run headline-bbc    headline-bot eval headline --data "$eval_dir/summarization/bbc.jsonl.gz"
run summ-speed      python scripts/bench_summarize.py --data "$eval_dir/summarization/cnndm.jsonl"
run qa              headline-bot eval qa --data "$eval_dir/qa/xquad.jsonl"
run qa-speed        python scripts/bench_qa.py --data "$eval_dir/qa/xquad.jsonl" --articles 10
run app-startup     python scripts/bench_app.py --only startup --repeat 3
run app-first-token python scripts/bench_app.py --only first-token
run app-load-20     python scripts/bench_app.py --only load --sessions 20 --questions 3
run load-50         python scripts/bench_load.py --sessions 50 --questions 3 --waves 4
run generate-tiny   python scripts/bench_generate.py
run generate-small  python scripts/bench_generate.py --size t5-small --tokens-only --lengths 64,512
run generate-int8   python scripts/bench_generate.py --size t5-small --tokens-only --lengths 64,512 --quantize
echo "done: $out"
