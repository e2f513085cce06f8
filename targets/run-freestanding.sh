#!/usr/bin/env bash
# Builds the freestanding example (no std, no libc, own _start) for
# x86_64-unknown-none, runs it on this x86_64 Linux machine, and checks its
# output and exit status. Needs `rustup target add x86_64-unknown-none`.
set -euo pipefail
here="$(cd "$(dirname "$0")/freestanding-x86_64" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
    echo "run-freestanding: needs x86_64 Linux to run the binary; skipped"
    exit 0
fi

(cd "$here" && cargo build --release)
bin="$root/target/freestanding/x86_64-unknown-none/release/wisp-freestanding-x86_64"

# No dynamic loader, no libc: a static executable with our own entry point.
if readelf -lW "$bin" | grep -q INTERP; then
    echo "run-freestanding: FAIL: $bin asks for a dynamic loader" >&2
    exit 1
fi
if readelf -dW "$bin" 2>/dev/null | grep -q NEEDED; then
    echo "run-freestanding: FAIL: $bin needs shared libraries" >&2
    exit 1
fi

set +e
out="$("$bin")"
status=$?
set -e
echo "$out"

expected_head="fib(20) = 6765
sum(1..=100) through linear memory = 5050
memory.grow(32) = -1 (refused by the arena hooks)
memory.grow(1) = 1"
if [[ "$(printf '%s\n' "$out" | head -n 4)" != "$expected_head" ]]; then
    echo "run-freestanding: FAIL: unexpected output; expected:" >&2
    echo "$expected_head" >&2
    exit 1
fi
if [[ $status -ne $((6765 % 256)) ]]; then
    echo "run-freestanding: FAIL: exit status $status, expected $((6765 % 256))" >&2
    exit 1
fi
echo "run-freestanding: ok (exit status $status = fib(20) mod 256)"
