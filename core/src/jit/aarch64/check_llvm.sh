#!/usr/bin/env bash
# Re-checks the golden encodings of the aarch64 assembler: every ("hex",
# "assembly text") pair of the CASES tables in tests.rs, tests_int.rs,
# tests_mem.rs and tests_fp.rs is assembled with
# `llvm-mc -triple=aarch64 -show-encoding` (several instructions in one
# text are separated by `;`), and the bytes it prints are compared with the
# hex. Prints each mismatch and fails if there is any, or if llvm-mc is
# missing (set LLVM_MC to use another binary).
#
#   core/src/jit/aarch64/check_llvm.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
mc=${LLVM_MC:-llvm-mc}

if ! command -v "$mc" >/dev/null 2>&1; then
    echo "check_llvm.sh: '$mc' not found; install LLVM (llvm-mc) or set LLVM_MC" >&2
    exit 2
fi

# The CASES tables, then their (hex, text) pairs, one per line,
# tab-separated; every case must yield one.
pairs=""
found=0
for tests in "$here"/tests.rs "$here"/tests_int.rs "$here"/tests_mem.rs "$here"/tests_fp.rs; do
    table=$(sed -n '/^const CASES/,/^];/p' "$tests")
    these=$(printf '%s\n' "$table" |
        perl -0777 -ne 'while (/"((?:[0-9a-f]{2} )*[0-9a-f]{2})",\s*"([^"]+)"/g) { print "$1\t$2\n" }')
    cases=$(printf '%s\n' "$table" | grep -o '|a|' | wc -l)
    read=$(printf '%s\n' "$these" | grep -c . || true)
    if [ "$cases" -eq 0 ] || [ "$cases" -ne "$read" ]; then
        echo "check_llvm.sh: $cases cases in $tests but $read (hex, text) pairs read" >&2
        exit 1
    fi
    pairs+="$these"$'\n'
    found=$((found + read))
done
pairs=${pairs%$'\n'}

bad=0
while IFS=$'\t' read -r hex text; do
    if ! out=$(printf '%s\n' "$text" | tr ';' '\n' |
        "$mc" -triple=aarch64 -show-encoding 2>&1); then
        printf 'MISMATCH %s: llvm-mc failed:\n%s\n' "$text" "$out"
        bad=$((bad + 1))
        continue
    fi
    if printf '%s\n' "$out" | grep -qiE 'error|warning'; then
        printf 'MISMATCH %s: llvm-mc complained:\n%s\n' "$text" "$out"
        bad=$((bad + 1))
        continue
    fi
    got=$(printf '%s\n' "$out" | grep -o 'encoding: \[[^]]*\]' |
        sed -e 's/encoding: \[//' -e 's/\]//' -e 's/0x//g' -e 's/,/ /g' |
        tr '\n' ' ' | sed 's/ $//')
    if [ "$got" != "$hex" ]; then
        printf 'MISMATCH %s: tests.rs has "%s", llvm-mc gives "%s"\n' "$text" "$hex" "$got"
        bad=$((bad + 1))
    fi
done <<<"$pairs"

if [ "$bad" -ne 0 ]; then
    echo "check_llvm.sh: $bad of $found cases differ from $("$mc" --version | grep -i version | head -1)" >&2
    exit 1
fi
echo "check_llvm.sh: all $found cases match llvm-mc"
