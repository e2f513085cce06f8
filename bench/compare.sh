#!/usr/bin/env bash
# Runs ../shared/bench/run.py with wisp next to wasmi, wasmtime and node.
#   bench/compare.sh                      # every benchmark, wisp vs wasmi (baseline) vs wasmtime
#   bench/compare.sh -f '^micro/' --runs 5
# Extra arguments go to run.py. WISP overrides the binary under test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
export SHARED_BENCH="${SHARED_BENCH:-$(cd "$root/../shared/bench" && pwd)}"
if [ -z "${WISP:-}" ]; then
  cargo build --release -p wisp-cli --manifest-path "$root/Cargo.toml" >&2
  export WISP="$root/target/release/wisp"
fi
exec python3 "$SHARED_BENCH/run.py" -r "$here/runtimes.json" -o "${RUNTIMES:-wisp,wasmi,wasmtime}" -b wasmi "$@"
