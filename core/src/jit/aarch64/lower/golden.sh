#!/usr/bin/env bash
# Prints the expectations of the aarch64 golden lowering tests
# (golden_tests.rs in this directory) as the lowering produces them today:
# for each pattern, its machine code as expectation lines, ("hex bytes",
# "assembly text"), one a 32-bit instruction, the text disassembled by
# llvm-mc from those bytes. After an intended change to the lowering, read
# them and paste them over the test's list.
#
# Usage: core/src/jit/aarch64/lower/golden.sh [test name]
#   (a test name, or part of one, selects those tests; none: all of them)
#
# Needs llvm-mc (LLVM's assembler; set LLVM_MC to use another binary). The
# lowering only produces bytes, so this runs on any host. Jump-table
# entries, data among the code, print as `.long` words; a word llvm-mc
# does not disassemble prints as `.inst` and is named on stderr.
set -euo pipefail

cd "$(dirname "$0")/../../../../.."
mc=${LLVM_MC:-llvm-mc}
command -v "$mc" >/dev/null || { echo "golden.sh: $mc not found" >&2; exit 1; }

# The tests print "golden <code|data> <name>: <hex bytes>" for each piece
# of code they check, whether or not it matches (after the test harness's
# progress marks, hence no anchor).
pieces=$(cargo test -q -p wisp-core --lib "aarch64::lower::golden_tests::${1:-}" -- \
    --nocapture --test-threads=1 2>/dev/null |
    grep -oE 'golden (code|data) [^ ]+: [0-9a-f ]*' || true)
[ -n "$pieces" ] || { echo "golden.sh: no golden test ran (filter: '${1:-}')" >&2; exit 1; }

# One piece: a line for each of its words. llvm-mc's listing of the code
# (read first, its encodings in the order of the words) names each word it
# disassembles; it skips a word it does not know, with a warning.
expectations() {
    local kind=$1 hex=$2 listing=
    if [ "$kind" = code ]; then
        listing=$(sed 's/\([0-9a-f][0-9a-f]\)/0x\1/g' <<<"$hex" |
            "$mc" --disassemble -triple=aarch64 --show-encoding 2>/dev/null || true)
    fi
    awk -v hex="$hex" -v kind="$kind" '
    function byte(h) { return (index("0123456789abcdef", substr(h, 1, 1)) - 1) * 16 \
        + index("0123456789abcdef", substr(h, 2, 1)) - 1 }
    /encoding: \[/ {
        text = $0
        sub(/[ \t]*\/\/.*/, "", text); sub(/^[ \t]+/, "", text); gsub(/\t/, " ", text)
        enc = $0
        sub(/.*encoding: \[/, "", enc); sub(/\].*/, "", enc)
        gsub(/0x/, "", enc); gsub(/,/, " ", enc)
        listed[++n] = enc; texts[n] = text
    }
    END {
        m = split(hex, b, " ")
        if (m % 4 != 0) print "golden.sh: the code is not whole words" > "/dev/stderr"
        next_listed = 1
        for (k = 1; k + 3 <= m; k += 4) {
            word = b[k] " " b[k+1] " " b[k+2] " " b[k+3]
            if (kind == "data") {
                v = byte(b[k]) + 256 * (byte(b[k+1]) + 256 * (byte(b[k+2]) + 256 * byte(b[k+3])))
                if (v >= 2147483648) v -= 4294967296
                printf "(\"%s\", \".long %d\"),\n", word, v
            } else if (next_listed <= n && listed[next_listed] == word) {
                printf "(\"%s\", \"%s\"),\n", word, texts[next_listed++]
            } else {
                printf "golden.sh: llvm-mc does not disassemble %s\n", word > "/dev/stderr"
                printf "(\"%s\", \".inst 0x%s%s%s%s\"),\n", word, b[k+3], b[k+2], b[k+1], b[k]
            }
        }
        if (next_listed <= n) print "golden.sh: llvm-mc listed more than the words" > "/dev/stderr"
    }' <<<"$listing"
}

while read -r _ kind name hex; do
    echo "// ${name%:}"
    expectations "$kind" "$hex"
    echo
done <<<"$pieces"
