# Shared by run_benchmarks.sh and run_timings.sh (sourced, not run): the environment and `run`.
# Expects $out (the output folder) to be set; sets $eval_dir.
eval_dir="${HEADLINE_BOT_EVAL_DIR:-../shared/eval}"
mkdir -p "$out"
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONUNBUFFERED=1

# run NAME COMMAND...: COMMAND's output (with the command line, the time and the load average)
# goes to $out/NAME.txt; a failure is reported and the script goes on.
run() {
    local name="$1"; shift
    echo "== $(date -u +%T) $name: $*  (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    { echo "\$ $*"; date -u +%FT%TZ; cat /proc/loadavg; "$@"; } >"$out/$name.txt" 2>&1 || echo "   (exit $?; see $out/$name.txt)"
}
