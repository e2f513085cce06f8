#!/usr/bin/env bash
# Prints the expectations of the golden lowering tests (golden_tests.rs in
# this directory) as the lowering produces them today: for each pattern,
# its machine code as expectation lines, ("hex bytes", "Intel syntax"),
# the text disassembled by llvm-mc from those bytes. After an intended
# change to the lowering, read them and paste them over the test's list.
#
# Usage: core/src/jit/x64/lower/golden.sh [test name]
#   (a test name, or part of one, selects those tests; none: all of them)
#
# Needs llvm-mc (LLVM's assembler). Jump-table entries, data among the
# code, print as 32-bit `.long` words instead.
set -euo pipefail

cd "$(dirname "$0")/../../../../.."
command -v llvm-mc >/dev/null || { echo "golden.sh: llvm-mc not found" >&2; exit 1; }

# The tests print "golden <code|data> <name>: <hex bytes>" for each piece
# of code they check, whether or not it matches (after the test harness's
# progress marks, hence no anchor).
lines=$(cargo test -q -p wisp-core --lib "x64::lower::golden_tests::${1:-}" -- \
    --nocapture --test-threads=1 2>/dev/null |
    grep -oE 'golden (code|data) [^ ]+: [0-9a-f ]*' || true)
[ -n "$lines" ] || { echo "golden.sh: no golden test ran (filter: '${1:-}')" >&2; exit 1; }

# One piece: its hex bytes as expectation lines.
expectations() {
    local kind=$1 hex=$2
    if [ "$kind" = data ]; then
        # 32-bit little-endian words.
        echo "$hex" | awk '
        function byte(h) { return (index("0123456789abcdef", substr(h, 1, 1)) - 1) * 16 \
            + index("0123456789abcdef", substr(h, 2, 1)) - 1 }
        {
            for (k = 1; k + 3 <= NF; k += 4) {
                v = byte($k) + 256 * (byte($(k+1)) + 256 * (byte($(k+2)) + 256 * byte($(k+3))))
                if (v >= 2147483648) v -= 4294967296
                printf "(\"%s %s %s %s\", \".long %d\"),\n", $k, $(k+1), $(k+2), $(k+3), v
            }
            if (NF % 4 != 0) print "golden.sh: data is not whole words" > "/dev/stderr"
        }'
        return
    fi
    # llvm-mc names each instruction's encoding (a fixup's bytes as
    # letters); its length says how many of the input bytes it took.
    echo "$hex" | sed 's/\([0-9a-f][0-9a-f]\)/0x\1/g' |
        llvm-mc --disassemble -triple=x86_64 -output-asm-variant=1 --show-encoding |
        awk -v hex="$hex" '
        BEGIN { n = split(hex, bytes, " "); at = 1 }
        /# encoding: \[/ {
            text = $0
            sub(/[ \t]*#.*/, "", text); sub(/^[ \t]+/, "", text); gsub(/\t/, " ", text)
            enc = $0
            sub(/.*# encoding: \[/, "", enc); sub(/\].*/, "", enc)
            m = split(enc, e, ",")
            code = ""
            for (k = 1; k <= m; k++) {
                b = bytes[at + k - 1]
                if (e[k] ~ /^0x/ && e[k] != "0x" b)
                    printf "golden.sh: llvm-mc encodes \"%s\" differently\n", text > "/dev/stderr"
                code = code (k > 1 ? " " : "") b
            }
            at += m
            printf "(\"%s\", \"%s\"),\n", code, text
        }
        END {
            if (at - 1 != n)
                printf "golden.sh: disassembled %d of %d bytes\n", at - 1, n > "/dev/stderr"
        }'
}

while read -r _ kind name hex; do
    echo "// ${name%:}"
    expectations "$kind" "$hex"
    echo
done <<<"$lines"
