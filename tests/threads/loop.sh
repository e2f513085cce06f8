#!/usr/bin/env bash
# Runs the threads guest programs COUNT times each under `wisp run
# --wasi-threads` and checks every run: exit status 0 and the expected line
# (README.md, "Expected output"), within 60 s. Stops at the first failure.
#
# Usage: bash tests/threads/loop.sh [COUNT [WISP]]
#   COUNT  runs of each program (default 100)
#   WISP   the wisp binary (default: target/release/wisp under
#          $CARGO_TARGET_DIR if set, else under the repository root)
#
# Builds the guests first (build.sh, into target/threads-guests). Each of
# the COUNT rounds runs, with two worker threads:
#   threads-sum 2 7   two std::threads sharing the chunks
#   pthreads          one producer, 3 consumers, 20000 items
#   pthreads 20000 8  one producer, 8 consumers
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
count=${1:-100}
wisp=${2:-${CARGO_TARGET_DIR:-$root/target}/release/wisp}

die() {
    echo "loop.sh: $*" >&2
    exit 1
}

case $count in
'' | *[!0-9]*) die "COUNT must be a number, not '$count'" ;;
esac
[ -x "$wisp" ] || die "no wisp binary at $wisp (build it: cargo build --release -p wisp-cli)"
command -v timeout >/dev/null 2>&1 || die "timeout (coreutils) is missing"

guests=$root/target/threads-guests
# build.sh builds with its own Cargo target directory under OUTDIR.
env -u CARGO_TARGET_DIR bash "$here/build.sh" "$guests" >/dev/null

# name | arguments | expected stdout
checks=(
    "threads-sum.wasm|2 7|checksum 5061634199187407723 items 56"
    "pthreads.wasm||sum 3065281129166063780 items 20000"
    "pthreads.wasm|20000 8|sum 3065281129166063780 items 20000"
)

err=$(mktemp)
trap 'rm -f "$err"' EXIT
start=$(date +%s.%N)
runs=0
for ((i = 1; i <= count; i++)); do
    for check in "${checks[@]}"; do
        IFS='|' read -r wasm args expected <<<"$check"
        # shellcheck disable=SC2086 # $args is a word list
        set -- "$wisp" run --wasi-threads "$guests/$wasm" $args
        status=0
        out=$(timeout 60 "$@" 2>"$err") || status=$?
        runs=$((runs + 1))
        if [ "$status" -ne 0 ] || [ "$out" != "$expected" ]; then
            what="exit status $status"
            [ "$status" -eq 124 ] && what="timed out after 60 s (exit status 124)"
            {
                echo "loop.sh: FAILED on round $i of $count (run $runs): ${*#"$root/"}"
                echo "  $what"
                echo "  expected: $expected"
                echo "  stdout:   $out"
                sed 's/^/  stderr:   /' "$err"
            } >&2
            exit 1
        fi
    done
done
awk -v runs="$runs" -v count="$count" -v start="$start" -v end="$(date +%s.%N)" 'BEGIN {
    printf "loop.sh: %d runs ok (%d rounds of threads-sum 2 7, pthreads, pthreads 20000 8) in %.1f s\n",
        runs, count, end - start
}'
