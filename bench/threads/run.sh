#!/usr/bin/env bash
# Times tests/threads' threads-sum with 1 and 2 threads under wisp
# (--wasi-threads, default engine), and under wasmtime 46 if WASMTIME46 names
# its binary, in one hyperfine run; prints a table of means and the speedup
# of 2 threads over 1.
#   bench/threads/run.sh          # WORK 80, 10 runs each
#   bench/threads/run.sh 40       # WORK 40
#   RUNS=20 bench/threads/run.sh
# WISP overrides the wisp binary (default: cargo build --release of this
# checkout). WASMTIME46 is a wasmtime 46 binary (47 and later have no
# wasi-threads; tests/threads/README.md says how to get one). Each command's
# output is checked before timing (expected values: tests/threads/README.md).
# See bench/threads/README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="${1:-80}"
runs="${RUNS:-10}"
if [ -z "${WISP:-}" ]; then
  cargo build --release -p wisp-cli --manifest-path "$root/Cargo.toml" >&2
  WISP="${CARGO_TARGET_DIR:-$root/target}/release/wisp"
fi
guests="$root/target/threads-guests"
env -u CARGO_TARGET_DIR bash "$root/tests/threads/build.sh" "$guests" >/dev/null
sum="$guests/threads-sum.wasm"

# name | command (split on spaces by hyperfine -N)
cmds=(
  "wisp 1 thread|$WISP run --wasi-threads $sum 1 $work"
  "wisp 2 threads|$WISP run --wasi-threads $sum 2 $work"
)
if [ -n "${WASMTIME46:-}" ]; then
  wt="$WASMTIME46 run -W threads=y,shared-memory=y -S threads=y"
  cmds+=("wasmtime 46 1 thread|$wt $sum 1 $work" "wasmtime 46 2 threads|$wt $sum 2 $work")
fi

# The same line from every command (the checksum does not depend on the
# number of threads).
names=()
args=()
expected=""
for c in "${cmds[@]}"; do
  IFS='|' read -r name cmd <<<"$c"
  # shellcheck disable=SC2086 # $cmd is a word list
  out=$($cmd 2>/dev/null)
  if [ -z "$expected" ]; then
    expected="$out"
  elif [ "$out" != "$expected" ]; then
    echo "run.sh: $name printed '$out', ${names[0]} printed '$expected'" >&2
    exit 1
  fi
  names+=("$name")
  args+=("$cmd")
done
echo "threads-sum $work: $expected"

json=$(mktemp)
trap 'rm -f "$json"' EXIT
hyperfine -N -w 1 -r "$runs" --export-json "$json" "${args[@]}"
python3 - "$json" "$work" "${names[@]}" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
work, names = sys.argv[2], sys.argv[3:]
print()
print(f"| threads-sum, WORK {work} | mean (s) | σ (s) |")
print("|---|---:|---:|")
for name, r in zip(names, results):
    print(f"| {name} | {r['mean']:.3f} | {r['stddev']:.3f} |")
print()
for i in range(0, len(results), 2):
    one, two = results[i]["mean"], results[i + 1]["mean"]
    runtime = names[i].rsplit(" ", 2)[0]
    print(f"{runtime}: 2 threads {one / two:.2f}x faster than 1")
if len(results) == 4:
    for k, n in ((0, "1 thread"), (1, "2 threads")):
        print(f"wisp/wasmtime 46, {n}: {results[k]['mean'] / results[k + 2]['mean']:.2f}")
PY
