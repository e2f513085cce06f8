#!/usr/bin/env bash
# Runs wisp's fuzz targets for a fixed time each.
#
#   fuzz/run.sh TARGET|all SECONDS [JOBS]
#
# TARGET is parse, differential, instantiate, jit, wasi or component; `all`
# runs each, as many at once as there are cores. JOBS > 1 runs libFuzzer's
# fork mode with that many worker processes (and the targets one by one). The first run writes the seed corpora (the spec
# testsuite's modules, from $WISP_TESTSUITE or ../shared/testsuite, and the
# components of tests/components/) into fuzz/corpus/; jit's starts as a copy
# of differential's. Inputs in fuzz/regressions/TARGET/ are always run
# first. A crash, a divergence, a timeout (30 s per input) or an input using
# more than 4 GiB fails the run; libFuzzer keeps the input in
# fuzz/artifacts/TARGET/. The last line per target gives executions, seconds
# and executions per second.
set -euo pipefail
cd "$(dirname "$0")"

targets=(parse differential instantiate jit wasi component)
if [ $# -lt 2 ]; then
  echo "usage: fuzz/run.sh TARGET|all SECONDS [JOBS]   (targets: ${targets[*]})" >&2
  exit 2
fi
target=$1
seconds=$2
jobs=${3:-1}
if [ "$target" = all ]; then
  list=("${targets[@]}")
elif [[ " ${targets[*]} " == *" $target "* ]]; then
  list=("$target")
else
  echo "fuzz/run.sh: no target '$target' (targets: ${targets[*]})" >&2
  exit 2
fi

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz/run.sh: needs cargo-fuzz on nightly:" >&2
  echo "  rustup toolchain install nightly && cargo +nightly install cargo-fuzz --locked" >&2
  exit 2
fi

testsuite=${WISP_TESTSUITE:-$(cd ../.. && pwd)/shared/testsuite}
# The spec suite's seeds (and the components'), unless only the component
# target runs, which needs just its own.
if [ ! -d corpus/parse ] && [ "${list[*]}" != component ]; then
  cargo run -q --bin seed-corpus -- "$testsuite" corpus
fi
if [ ! -d corpus/component ] && [[ " ${list[*]} " == *" component "* ]]; then
  cargo run -q --bin seed-corpus -- --components corpus
fi

if [ ${#list[@]} -eq 1 ]; then
  cargo +nightly fuzz build "${list[0]}"
else
  cargo +nightly fuzz build
fi
mkdir -p logs
# Runs target $1 for the time given, writing its log to logs/$1.log; prints
# its summary line, or the log's end and a FAILED line and returns 1.
run_target() {
  local t=$1 status=0 runs rate
  mkdir -p "corpus/$t" "artifacts/$t" "regressions/$t"
  # jit runs the same kind of modules as differential: it starts from a copy
  # of that corpus (the spec suite's valid modules, and what it found since).
  if [ "$t" = jit ] && [ -z "$(ls corpus/jit)" ] && [ -d corpus/differential ]; then
    find corpus/differential -maxdepth 1 -type f -exec cp -t corpus/jit {} +
  fi
  local fork=()
  [ "$jobs" -gt 1 ] && fork=(-fork="$jobs")
  cargo +nightly fuzz run "$t" "corpus/$t" "regressions/$t" -- \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -max_len=65536 \
    -print_final_stats=1 "${fork[@]}" >"logs/$t.log" 2>&1 || status=$?
  # (Fork mode prints no final stats: `|| true` keeps `set -e` from ending
  # the script when the grep finds nothing.)
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "logs/$t.log" | grep -oE '[0-9]+$' | tail -n1 || true)
  if [ -z "$runs" ]; then
    runs=$(grep -oE '#[0-9]+' "logs/$t.log" | tail -n1 | tr -d '#' || true)
  fi
  if [ "$status" -ne 0 ]; then
    tail -n 40 "logs/$t.log"
    echo "fuzz $t: FAILED after ${runs:-0} executions (input kept in fuzz/artifacts/$t/, log in fuzz/logs/$t.log)"
    return 1
  fi
  rate=$(( ${runs:-0} / (seconds > 0 ? seconds : 1) ))
  echo "fuzz $t: ${runs:-0} executions in ${seconds}s, ${rate}/s, corpus $(ls "corpus/$t" | wc -l) inputs, no crash"
}

# With one job per target, as many targets run at once as there are cores
# (each fuzzes on one); their reports print in the targets' order.
at_once=1
[ "$jobs" -eq 1 ] && at_once=$(nproc 2>/dev/null || echo 1)
failed=0
for ((first = 0; first < ${#list[@]}; first += at_once)); do
  batch=("${list[@]:first:at_once}")
  pids=()
  for t in "${batch[@]}"; do
    echo "== fuzz $t for ${seconds}s (${jobs} job(s))"
    run_target "$t" >"logs/$t.report" 2>&1 &
    pids+=("$!")
  done
  for i in "${!batch[@]}"; do
    wait "${pids[$i]}" || failed=1
    cat "logs/${batch[$i]}.report"
  done
done
exit "$failed"
