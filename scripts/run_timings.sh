#!/usr/bin/env bash
# Every wall-clock figure of issues 14-17 in one go, on a quiet machine (nothing else running).
# Usage: bash scripts/run_timings.sh [OUT_DIR]   (default out/timings; eval data at ../shared/eval).
# Quality figures (ROUGE, F1, accuracy) do not depend on load and are in scripts/run_benchmarks.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/timings}"
# shellcheck source=scripts/run_lib.sh
source scripts/run_lib.sh
cnndm="$eval_dir/summarization/cnndm.jsonl"

headline-bot prepare >/dev/null  # the ONNX encoder is built once, before anything is timed
run cli            python scripts/bench_cli.py --repeat 5
run clean-speed    python scripts/bench_clean.py
run qa-speed       python scripts/bench_qa.py --data "$eval_dir/qa/xquad.jsonl" --articles 10
run index          python scripts/bench_encoder.py --data "$cnndm" --only index --limit 100
run batch          python scripts/bench_encoder.py --data "$cnndm" --only batch --limit 162
run app-startup    python scripts/bench_app.py --only startup --repeat 5
run app-first-token python scripts/bench_app.py --only first-token --repeat 3
run load-50        python scripts/bench_load.py --sessions 50 --questions 3 --waves 4
for i in 1 2 3; do  # three runs: the figure is a tail latency on a machine shared with the load generator
    run load-flood-$i python scripts/bench_load.py --sessions 30 --flood 6 --flood-mb 4 --flood-messages 2
done
run llm-timing     python scripts/bench_llm.py timing --sessions 20 --articles 4
echo "done: $out"
