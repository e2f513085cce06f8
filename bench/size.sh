#!/usr/bin/env bash
# Prints the stripped size of each build flavour of the `wisp` CLI and of the
# freestanding example, and fails when one exceeds its budget in
# bench/size-budget.txt.
#
#   bench/size.sh               build every flavour, print sizes, check every budget
#   bench/size.sh --default     build only the default flavour and check its budget
#   bench/size.sh --opt-levels  default flavour at opt-level 3, s, z, and 3 with
#                               third-party crates at s or z: size, fib(30) time
#                               (hyperfine) and instruction counts (valgrind), the
#                               table in docs/performance.md
#
# CLI flavours come from the CLI's default features: `default`, one
# `no-FEATURE` per default feature (the others kept), and `minimal` (none);
# and one per opt-in feature (`component`: the default ones and it).
# `freestanding` is targets/freestanding-x86_64 (no std, no libc); `aarch64`
# the default flavour cross-built for aarch64 Linux. Builds use
# the release profile (fat LTO, one codegen unit, panic=abort, strip); the CLI
# flavours build in their own target directory ($WISP_SIZE_TARGET_DIR, default
# target/size) so they do not disturb other builds.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${WISP_SIZE_TARGET_DIR:-target/size}"
budget_file=bench/size-budget.txt
mode="${1:-all}"
mkdir -p "$target_dir/flavours"

default_features="$(cargo metadata --format-version 1 --no-deps | python3 -c '
import json, sys
pkg = next(p for p in json.load(sys.stdin)["packages"] if p["name"] == "wisp-cli")
print(" ".join(pkg["features"].get("default", [])))')"

# Builds the CLI with `cargo build` flags "$2" (and environment "$3") and
# copies the binary to flavours/wisp-$1; prints its stripped size in bytes.
build() {
    local name="$1" flags="$2" env="${3:-}"
    set -f # no globbing of `*` in the flags
    # shellcheck disable=SC2086
    env $env cargo build -q --release -p wisp-cli --bin wisp --target-dir "$target_dir" $flags >&2
    local out="$target_dir/flavours/wisp-$name"
    set +f
    cp "$target_dir/release/wisp" "$out"
    # The profile strips already; strip again in case a local override did not.
    if command -v strip >/dev/null; then strip "$out" 2>/dev/null || true; fi
    stat -c %s "$out"
}

row() { printf '%-12s %10s %8s  %s\n' "$1" "$2" "$3" "$4"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1048576 }'; }

if [[ "$mode" == "--opt-levels" ]]; then
    shared="${WISP_SHARED:-../shared}"
    [[ -d "$shared" ]] || shared=/work/shared
    fib="$shared/bench/micro/fib.wasm"
    big="$shared/bench/programs/wasm/rhai_script.wasm"
    # name, opt-level of everything, opt-level of third-party crates only.
    variants=("3 3 -" "s s -" "z z -" "3+deps-s 3 s" "3+deps-z 3 z")
    printf '%-10s %9s %6s  %-15s %-15s %s\n' variant bytes MiB "fib(30) time" "fib(25) instrs" "validate instrs"
    for v in "${variants[@]}"; do
        read -r name level deps <<<"$v"
        flags=
        [[ "$deps" != - ]] && flags="--config profile.release.package.\"*\".opt-level=\"$deps\""
        size=$(build "opt-$name" "$flags" "CARGO_PROFILE_RELEASE_OPT_LEVEL=$level")
        bin="$target_dir/flavours/wisp-opt-$name"
        json="$target_dir/flavours/fib-opt-$name.json"
        hyperfine -N -w 2 -r 10 --export-json "$json" "$bin run --invoke run $fib 30" >/dev/null
        timing=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.0f ms ± %.0f" % (r["mean"] * 1000, r["stddev"] * 1000))' "$json")
        # Instruction counts are repeatable whatever else the machine runs.
        count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 \
            | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
        if command -v valgrind >/dev/null; then
            fib_instrs=$(count "$bin" run --invoke run "$fib" 25)
            val_instrs=$([[ -f "$big" ]] && count "$bin" validate "$big" || echo -)
        else
            fib_instrs=- val_instrs=-
        fi
        printf '%-10s %9s %6s  %-15s %-15s %s\n' "$name" "$size" "$(mib "$size")" "$timing" "$fib_instrs" "$val_instrs"
    done
    exit 0
fi

default_list=$(tr ' ' ',' <<<"$default_features")
opt_in="component"
declare -a names=(default) features=("$default_list")
if [[ "$mode" != "--default" ]]; then
    for feature in $default_features; do
        names+=("no-$feature")
        features+=("$(tr ' ' '\n' <<<"$default_features" | { grep -vx "$feature" || true; } | paste -sd, -)")
    done
    names+=(minimal) features+=("")
    # Opt-in features, each on top of the default ones: reported with their
    # growth over the default flavour, not budgeted (a feature goes into
    # the default set, and under the default budget, once it fits).
    for feature in $opt_in; do
        names+=("$feature") features+=("$default_list,$feature")
    done
fi

row flavour bytes MiB features
declare -A sizes=()
for i in "${!names[@]}"; do
    flags=
    if [[ "${names[$i]}" != default ]]; then
        flags="--no-default-features${features[$i]:+ --features ${features[$i]}}"
    fi
    size=$(build "${names[$i]}" "$flags")
    sizes[${names[$i]}]=$size
    row "${names[$i]}" "$size" "$(mib "$size")" "${features[$i]:-(none)}"
done

if [[ "$mode" != "--default" ]]; then
    # The freestanding example: its own workspace, profile and target.
    (cd targets/freestanding-x86_64 && cargo build -q --release)
    out="$target_dir/flavours/wisp-freestanding"
    cp target/freestanding/x86_64-unknown-none/release/wisp-freestanding-x86_64 "$out"
    if command -v strip >/dev/null; then strip "$out" 2>/dev/null || true; fi
    sizes[freestanding]=$(stat -c %s "$out")
    row freestanding "${sizes[freestanding]}" "$(mib "${sizes[freestanding]}")" "(no std, no libc)"
fi

if [[ "$mode" != "--default" ]]; then
    # The default flavour for aarch64 Linux, beside x86_64's (cross-built:
    # needs the aarch64 target and aarch64-linux-gnu-gcc as its linker).
    if command -v aarch64-linux-gnu-gcc >/dev/null &&
        rustup target list --installed 2>/dev/null | grep -qx aarch64-unknown-linux-gnu; then
        CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
            cargo build -q --release -p wisp-cli --bin wisp --target-dir "$target_dir" \
            --target aarch64-unknown-linux-gnu >&2
        out="$target_dir/flavours/wisp-aarch64"
        cp "$target_dir/aarch64-unknown-linux-gnu/release/wisp" "$out"
        if command -v aarch64-linux-gnu-strip >/dev/null; then aarch64-linux-gnu-strip "$out"; fi
        sizes[aarch64]=$(stat -c %s "$out")
        row aarch64 "${sizes[aarch64]}" "$(mib "${sizes[aarch64]}")" "$default_list (aarch64 Linux)"
    else
        echo "size: aarch64 skipped: needs the aarch64-unknown-linux-gnu target and aarch64-linux-gnu-gcc" >&2
    fi
fi

failed=0
for name in "${!sizes[@]}"; do
    if [[ " $opt_in " == *" $name "* ]]; then
        echo "size: opt-in: $name is ${sizes[$name]} bytes, $(( ${sizes[$name]} - ${sizes[default]} )) over the default flavour (not budgeted)"
        continue
    fi
    budget=$(awk -v n="$name" '$1 == n { print $2 }' "$budget_file")
    size=${sizes[$name]}
    if [[ -z "$budget" ]]; then
        echo "size: FAIL: no budget for flavour '$name' in $budget_file" >&2
        failed=1
    elif (( size > budget )); then
        echo "size: FAIL: $name is $size bytes, over its budget of $budget in $budget_file" >&2
        failed=1
    else
        echo "size: ok: $name is $size bytes, budget $budget ($((size * 100 / budget))% used)"
    fi
done
exit $failed
