#!/usr/bin/env bash
# Counts the aarch64 instructions the wisp CLI executes for fib, sieve and
# mandel (../shared/bench/micro) under qemu-user, interpreted and with the
# aarch64 JIT, and prints the ratio.
#
#   bench/aarch64/icount.sh [WISP_AARCH64_BINARY]
#
# qemu-user has no instruction counter here (no plugins in Debian's 7.2),
# so each run is traced with one instruction per translation block
# (`-singlestep`), no block chaining (`-d nochain`) and a log line per
# block executed (`-d exec`): the number of "Trace" lines is the number of
# guest instructions executed. Each program runs at two sizes and the
# difference is reported, so process start-up, parsing, validation and
# compilation cancel out: what remains is the instructions the extra work
# costs in each engine. Default binary: the aarch64 release build of the
# default CLI (built first if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."

shared="${WISP_SHARED:-../shared}"
[[ -d "$shared" ]] || shared=/work/shared
micro="$shared/bench/micro"
wisp="${1:-target/aarch64/aarch64-unknown-linux-gnu/release/wisp}"
if [[ ! -x "$wisp" ]]; then
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
        cargo build -q --release -p wisp-cli --bin wisp \
        --target aarch64-unknown-linux-gnu --target-dir target/aarch64 >&2
fi

# The guest instructions `wisp run --engine $1 --invoke run $2 $3` executes.
count() {
    qemu-aarch64 -L /usr/aarch64-linux-gnu -singlestep -d exec,nochain -D /dev/fd/3 \
        "$wisp" run --engine "$1" --invoke run "$micro/$2.wasm" "$3" 3>&1 >/dev/null |
        grep -c '^Trace'
}

# program, small size, large size: sizes keep each traced run to seconds.
programs=("fib 15 20" "sieve 20000 40000" "mandel 20 40")
printf '%-8s %-14s %15s %15s %8s\n' program sizes interp jit ratio
for p in "${programs[@]}"; do
    read -r name small large <<<"$p"
    interp=$(( $(count interp "$name" "$large") - $(count interp "$name" "$small") ))
    jit=$(( $(count jit "$name" "$large") - $(count jit "$name" "$small") ))
    ratio=$(awk -v a="$interp" -v b="$jit" 'BEGIN { printf "%.2f", a / b }')
    printf '%-8s %-14s %15s %15s %7sx\n' "$name" "$small->$large" "$interp" "$jit" "$ratio"
done
