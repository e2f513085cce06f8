#!/usr/bin/env bash
# Runs one of wisp's fuzz targets built for aarch64 under qemu-user, so that
# the `jit` target compares the aarch64 JIT with the interpreter on an
# x86_64 machine.
#
#   fuzz/qemu.sh [TARGET] [SECONDS]      (defaults: jit, 1800)
#
# Needs qemu-aarch64, the aarch64 cross gcc and g++ (libFuzzer is C++),
# /usr/bin/time, an aarch64 sysroot ($QEMU_LD_PREFIX, else
# /usr/aarch64-linux-gnu), and cargo-fuzz on nightly with the
# aarch64-unknown-linux-gnu target; it says what is missing and installs
# nothing. The build has no sanitizer (AddressSanitizer under qemu is
# impractical) but keeps libFuzzer's coverage instrumentation.
#
# qemu 7.2 keeps bookkeeping for every page a process has mapped and never
# frees it, and places each new mapping above the last, so the memories a
# run creates and releases by the thousand would exhaust the host's memory.
# Hence WISP_GUARD_REGIONS=0 (the `jit` target's stores then reserve no
# guard regions, and at most the store's 16 MiB memory limit per memory:
# compiled code checks memory bounds explicitly even in signal mode) and
# qemu's -R: a fixed guest address space, in which freed addresses are
# reused, which bounds the bookkeeping.
#
# The corpus is fuzz/corpus/TARGET-aarch64, first a copy of
# fuzz/corpus/TARGET (written as fuzz/run.sh writes it). Inputs in
# fuzz/regressions/TARGET/ run first and must pass (`.wat` ones are left to
# `cargo test`, which parses them). A crash, a divergence, a timeout (60 s
# per input: emulation is slow) or more than 4 GiB resident (qemu's own
# memory included) fails the run; libFuzzer keeps the input in
# fuzz/artifacts/TARGET-aarch64/. The last lines give executions, seconds,
# executions per second, the coverage and the peak resident memory.
set -euo pipefail
cd "$(dirname "$0")"

target=${1:-jit}
seconds=${2:-1800}
triple=aarch64-unknown-linux-gnu
sysroot=${QEMU_LD_PREFIX:-/usr/aarch64-linux-gnu}

missing=()
for tool in qemu-aarch64 aarch64-linux-gnu-gcc aarch64-linux-gnu-g++; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[ -d "$sysroot/lib" ] || missing+=("an aarch64 sysroot at $sysroot")
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (for the peak memory)")
cargo +nightly fuzz --version >/dev/null 2>&1 || missing+=("cargo-fuzz on nightly")
rustup +nightly target list --installed 2>/dev/null | grep -qx "$triple" ||
  missing+=("nightly's $triple target")
if [ ${#missing[@]} -gt 0 ]; then
  echo "fuzz/qemu.sh: missing: ${missing[*]}" >&2
  echo "  on Debian: apt-get install qemu-user gcc-aarch64-linux-gnu g++-aarch64-linux-gnu time" >&2
  echo "  rustup toolchain install nightly && rustup +nightly target add $triple" >&2
  echo "  cargo +nightly install cargo-fuzz --locked" >&2
  exit 2
fi

export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc
export CXX_aarch64_unknown_linux_gnu=aarch64-linux-gnu-g++
cargo +nightly fuzz build "$target" --target "$triple" -s none -O
binary=target/$triple/release/$target

corpus=corpus/$target-aarch64
artifacts=artifacts/$target-aarch64
mkdir -p "$corpus" "$artifacts" logs
if [ -z "$(ls "$corpus")" ]; then
  testsuite=${WISP_TESTSUITE:-$(cd ../.. && pwd)/shared/testsuite}
  [ -d corpus/parse ] || cargo run -q --bin seed-corpus -- "$testsuite" corpus
  mkdir -p "corpus/$target"
  if [ "$target" = jit ] && [ -z "$(ls corpus/jit)" ]; then
    find corpus/differential -maxdepth 1 -type f -exec cp -t corpus/jit {} +
  fi
  find "corpus/$target" -maxdepth 1 -type f -exec cp -t "$corpus" {} +
fi

export WISP_GUARD_REGIONS=0
run=(qemu-aarch64 -R 32G -L "$sysroot" "$binary")
mapfile -t kept < <(find "regressions/$target" -maxdepth 1 -type f ! -name '*.wat' 2>/dev/null | sort)
if [ ${#kept[@]} -gt 0 ]; then
  echo "== ${#kept[@]} kept input(s) of regressions/$target"
  if ! "${run[@]}" "${kept[@]}" >"logs/$target-aarch64-regressions.log" 2>&1; then
    tail -n 40 "logs/$target-aarch64-regressions.log"
    echo "fuzz $target (aarch64): a kept input FAILED (log in fuzz/logs/$target-aarch64-regressions.log)"
    exit 1
  fi
fi

before=$(ls "$corpus" | wc -l)
echo "== fuzz $target on aarch64 (qemu) for ${seconds}s, corpus $before inputs"
log=logs/$target-aarch64.log
status=0
/usr/bin/time -v -o "logs/$target-aarch64.time" "${run[@]}" "$corpus" \
  -artifact_prefix="$artifacts/" -max_total_time="$seconds" -timeout=60 \
  -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 >"$log" 2>&1 || status=$?
runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -n1 || true)
[ -n "$runs" ] || runs=$(grep -oE '#[0-9]+' "$log" | tail -n1 | tr -d '#' || true)
coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n1 || true)
peak=$(grep -oE 'Maximum resident set size \(kbytes\): [0-9]+' "logs/$target-aarch64.time" | grep -oE '[0-9]+$' || true)
if [ "$status" -ne 0 ]; then
  tail -n 40 "$log"
  echo "fuzz $target (aarch64): FAILED after ${runs:-0} executions (input kept in fuzz/$artifacts/, log in fuzz/$log)"
  exit 1
fi
rate=$(( ${runs:-0} / (seconds > 0 ? seconds : 1) ))
echo "fuzz $target (aarch64): ${runs:-0} executions in ${seconds}s, ${rate}/s, corpus $before -> $(ls "$corpus" | wc -l) inputs, ${coverage:-no coverage line}, peak RSS $(( ${peak:-0} / 1024 )) MiB, no crash"
