#!/usr/bin/env bash
# Runs each WASI 0.2 scenario of cli/tests/wasip2.rs under wasmtime and
# under a wisp binary, side by side: both outputs and exit codes, and
# whether they match.
#
#   tests/wasip2/compare.sh PATH/TO/wisp [SCENARIO...]
#
# Builds the guests first (tests/wasip2, for wasm32-wasip2, into
# target/wasi-guests, as the tests do). Environment: WASMTIME (default
# `wasmtime`), CARGO (default `cargo`), VERBOSE=1 to print matching
# scenarios' outputs too. Exit status: 0 when every scenario matches, 1
# when one differs, 2 on a usage or build error.
#
# Scenarios are written with wisp's flags and mapped for wasmtime:
# `--dir H::G` and `--env K=V` are the same, `--inherit-env` is
# `-S inherit-env`, `--fuel N` is `-W fuel=N`, `--max-memory` is
# `-W max-memory-size=BYTES`, `--timeout MS` is `-W timeout=MSms`, and
# wasmtime gets `--argv0 PROBE` (its argv[0] is the file name otherwise,
# wisp's the path as given). The capability flags (`--sandbox`,
# `--allow-*`) have no wasmtime equivalent: those scenarios run under wisp
# only and are compared with the expected output the tests derive from
# the preview 1 suite.
#
# Comparison: stdout and the exit code, exactly. `stdio` compares stderr
# too. Scenarios that trap (`panic`, `fault`, `fuel`, `timeout`,
# `max-memory`) compare stdout and that both exit non-zero, because the
# runtimes' trap reports and codes differ by design (wasmtime exits 134
# after a wasm trap, wisp 1).

set -u

usage() {
    echo "usage: $0 PATH/TO/wisp [SCENARIO...]" >&2
    exit 2
}
[ $# -ge 1 ] || usage
WISP=$1
shift
case $WISP in
    */*) WISP=$(cd "$(dirname "$WISP")" && pwd)/$(basename "$WISP") ;;
    *) WISP=$(command -v "$WISP") || { echo "no such wisp binary: $1" >&2; exit 2; } ;;
esac
[ -x "$WISP" ] || { echo "not an executable: $WISP" >&2; exit 2; }
WASMTIME=${WASMTIME:-wasmtime}
command -v "$WASMTIME" >/dev/null || { echo "wasmtime not found (set WASMTIME)" >&2; exit 2; }
ONLY=("$@")

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$ROOT/target/wasi-guests
echo "building the guests (wasm32-wasip2) ..."
if ! env -u CARGO_TARGET_DIR -u CARGO_BUILD_TARGET -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS \
    "${CARGO:-cargo}" build --release --quiet --target wasm32-wasip2 \
    --manifest-path "$ROOT/tests/wasip2/Cargo.toml" --target-dir "$OUT"; then
    echo "building tests/wasip2 failed (rustup target add wasm32-wasip2?)" >&2
    exit 2
fi
PROBE=$OUT/wasm32-wasip2/release/probe.wasm
HELLO=$OUT/wasm32-wasip2/release/hello.wasm

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wisp-wasip2-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "wasmtime: $("$WASMTIME" --version)"
echo "wisp:     $WISP ($("$WISP" --version 2>&1 | head -n 1))"
echo "probe:    $PROBE"
echo

# --- fixtures: each builds a fresh directory $1 ---------------------------

fix_none() { :; }
fix_empty() { mkdir -p "$1"; }
fix_caps() {
    mkdir -p "$1"
    printf r >"$1/r.txt"
}
fix_errnos() {
    fix_caps "$1"
    mkdir "$1/sub"
    ln -s self_link "$1/self_link"
    ln -s inside.txt "$1/rl"
}
fix_escape() {
    mkdir -p "$1/root/sub" "$1/outside_dir"
    printf secret >"$1/secret.txt"
    printf secret >"$1/outside_dir/secret.txt"
    printf inside >"$1/root/inside.txt"
    ln -s ../outside_dir "$1/root/out_link"
    ln -s /etc "$1/root/abs_link"
    ln -s ../secret.txt "$1/root/out_file_link"
    ln -s out_file_link "$1/root/chain_link"
    ln -s sub/../inside.txt "$1/root/in_link"
}

# --- after-run checks: print the fixture's state ---------------------------

after_none() { :; }
after_listing() { echo "left:$(cd "$1" && find . -mindepth 1 | LC_ALL=C sort | sed 's/^/ /' | tr -d '\n')"; }
after_escape() {
    echo "outside: $(cd "$1" && ls -A | LC_ALL=C sort | tr '\n' ' ')"
    echo "outside_dir: $(ls -A "$1/outside_dir" | tr '\n' ' ')"
    echo "secret: $(cat "$1/secret.txt") $(cat "$1/outside_dir/secret.txt")"
    echo "inside: $(cat "$1/root/inside.txt")"
    echo "root: $(cd "$1/root" && ls -A | LC_ALL=C sort | tr '\n' ' ')"
}

# --- running -----------------------------------------------------------------

# Maps wisp's arguments to wasmtime's; prints one per line. Sets
# WISP_ONLY=1 for a flag wasmtime does not have.
to_wasmtime() {
    WT_ARGS=()
    WISP_ONLY=0
    while [ $# -gt 0 ]; do
        case $1 in
            --dir | --env) WT_ARGS+=("$1" "$2"); shift ;;
            --inherit-env) WT_ARGS+=(-S inherit-env) ;;
            --fuel) WT_ARGS+=(-W "fuel=$2"); shift ;;
            --timeout) WT_ARGS+=(-W "timeout=${2}ms"); shift ;;
            --max-memory)
                local v=$2 n
                case $v in
                    *Gi) n=$((${v%Gi} << 30)) ;;
                    *Mi) n=$((${v%Mi} << 20)) ;;
                    *Ki) n=$((${v%Ki} << 10)) ;;
                    *) n=$v ;;
                esac
                WT_ARGS+=(-W "max-memory-size=$n")
                shift
                ;;
            --sandbox | --allow-*) WISP_ONLY=1 ;;
            *) WT_ARGS+=("$1") ;;
        esac
        shift
    done
}

ALL=()
DIFFERING=()
MATCHING=0
WISP_ONLY_COUNT=0

# run_one RUNTIME DIR FIXTURE STDIN HOSTENV ARGS... -> $DIR/{out,err,code}
run_one() {
    local runtime=$1 dir=$2 fixture=$3 stdin=$4 hostenv=$5
    shift 5
    mkdir -p "$dir"
    "fix_$fixture" "$dir/fx"
    local args=() a
    for a in "$@"; do
        a=${a//@FX/$dir/fx}
        a=${a//@PROBE/$PROBE}
        a=${a//@HELLO/$HELLO}
        args+=("$a")
    done
    local envs=()
    [ -n "$hostenv" ] && read -r -a envs <<<"$hostenv"
    if [ "$runtime" = wasmtime ]; then
        to_wasmtime "${args[@]}"
        # The program is the first argument ending in .wasm.
        local i wt=()
        for i in "${!WT_ARGS[@]}"; do
            case ${WT_ARGS[$i]} in
                *.wasm) wt+=(--argv0 "${WT_ARGS[$i]}" "${WT_ARGS[@]:$i}"); break ;;
                *) wt+=("${WT_ARGS[$i]}") ;;
            esac
        done
        printf %s "$stdin" | env "${envs[@]}" "$WASMTIME" run "${wt[@]}" >"$dir/out" 2>"$dir/err"
    else
        printf %s "$stdin" | env "${envs[@]}" "$WISP" run "${args[@]}" >"$dir/out" 2>"$dir/err"
    fi
    echo $? >"$dir/code"
}

show() {
    local label=$1 dir=$2
    echo "  --- $label: exit $(cat "$dir/code")"
    sed 's/^/  | /' "$dir/out"
    if [ -s "$dir/err" ]; then
        echo "  stderr (first 6 lines):"
        head -n 6 "$dir/err" | sed 's/^/  ! /'
    fi
}

selected() {
    [ ${#ONLY[@]} -eq 0 ] && return 0
    local s
    for s in "${ONLY[@]}"; do [ "$s" = "$1" ] && return 0; done
    return 1
}

# scenario NAME MODE FIXTURE AFTER STDIN HOSTENV NOTE EXPECTED -- ARGS...
#   MODE: out (stdout + exit code), out+err (and stderr), trap (stdout,
#   both exit non-zero), or expect (wisp only, against EXPECTED: stdout
#   then a line `exit N`).
scenario() {
    local name=$1 mode=$2 fixture=$3 after=$4 stdin=$5 hostenv=$6 note=$7 expected=$8
    shift 9
    ALL+=("$name")
    selected "$name" || return 0
    local w=$WORK/$name/wasmtime k=$WORK/$name/wisp verdict why=""
    run_one wisp "$k" "$fixture" "$stdin" "$hostenv" "$@"
    "after_$after" "$k/fx" >>"$k/out"
    if [ "$mode" = expect ]; then
        printf '%s\n' "$expected" >"$k/expected"
        { cat "$k/out"; echo "exit $(cat "$k/code")"; } >"$k/got"
        if cmp -s "$k/expected" "$k/got"; then verdict=MATCH; else verdict=DIFFER; why=" expected output"; fi
        WISP_ONLY_COUNT=$((WISP_ONLY_COUNT + 1))
    else
        run_one wasmtime "$w" "$fixture" "$stdin" "$hostenv" "$@"
        "after_$after" "$w/fx" >>"$w/out"
        verdict=MATCH
        cmp -s "$w/out" "$k/out" || { verdict=DIFFER; why+=" stdout"; }
        case $mode in
            trap)
                if [ "$(cat "$w/code")" = 0 ] || [ "$(cat "$k/code")" = 0 ]; then
                    verdict=DIFFER
                    why+=" exit-status"
                fi
                ;;
            *) cmp -s "$w/code" "$k/code" || { verdict=DIFFER; why+=" exit-code"; } ;;
        esac
        if [ "$mode" = out+err ]; then cmp -s "$w/err" "$k/err" || { verdict=DIFFER; why+=" stderr"; }; fi
    fi
    echo "=== $name: $verdict${why:+ (${why# })}"
    if [ "$verdict" = DIFFER ] || [ "${VERBOSE:-0}" = 1 ]; then
        echo "  wisp run $*" | sed "s#@PROBE#probe.wasm#g; s#@HELLO#hello.wasm#g; s#@FX#FIXTURE#g"
        if [ "$mode" = expect ]; then
            echo "  --- expected (wisp only; derived from the preview 1 suite):"
            sed 's/^/  | /' "$k/expected"
        else
            show wasmtime "$w"
        fi
        show wisp "$k"
        [ -n "$note" ] && echo "  note: $note"
    fi
    if [ "$verdict" = DIFFER ]; then DIFFERING+=("$name"); else MATCHING=$((MATCHING + 1)); fi
}

# --- the scenarios (the tests' expectations are in cli/tests/wasip2.rs) ----

scenario hello out none none "" "" "" "" -- @HELLO
scenario stdio out+err none none $'hello pipe\n' "" "" "" -- @PROBE stdio
scenario args out none none "" "" "" "" -- @PROBE args one --two -3
scenario env out none none "" "WISP_HOST_VAR=from-host" "" "" -- --env A=1 --env B=x=y @PROBE env
scenario env-none out none none "" "WISP_HOST_VAR=from-host" "" "" -- @PROBE env
scenario env-allow-all expect none none "" "WISP_HOST_VAR=from-host" "" "A=1
exit 0" -- --allow-all --env A=1 @PROBE env
scenario files out empty listing "" "" "" "" -- --dir @FX::/sb @PROBE files /sb
scenario dirs out empty listing "" "" "" "" -- --dir @FX::/sb @PROBE dirs /sb
scenario readdir out empty listing "" "" "" "" -- --dir @FX::/sb @PROBE readdir /sb
scenario times out empty listing "" "" "" "" -- --dir @FX::/sb @PROBE times /sb
scenario clocks out none none "" "" "" "" -- @PROBE clocks
scenario random out none none "" "" "" "" -- @PROBE random
scenario poll out none none "x" "" "" "" -- @PROBE poll
for code in 0 1 3 42 255; do
    scenario "exit-$code" out none none "" "" \
        "WASI 0.2's exit carries ok or err only: any non-zero status is 1" "" -- @PROBE exit "$code"
done
scenario panic trap none none "" "" "wasmtime exits 134 after a trap, wisp 1" "" -- @PROBE panic
scenario caps out caps listing "" "WISP_HOST_VAR=h" "" "" -- --dir @FX::. --env GIVEN=g @PROBE caps
scenario escape out escape escape "" "" "" "" -- --dir @FX/root::. @PROBE escape
scenario errnos out errnos listing "" "" "" "" -- --dir @FX::. @PROBE errnos
scenario nopreopen out none none "" "" "" "" -- @PROBE nopreopen
scenario net-denied out none none "" "" "" "" -- @PROBE net-denied
scenario fault trap none none "" "" "wasmtime exits 1 (an error lifting the argument, not a trap)" "" -- @PROBE fault
scenario fuel trap none none "" "" "" "" -- --fuel 100000 @PROBE spin
scenario fuel-enough out none none "" "" "" "" -- --fuel 100000000 @PROBE exit 0
scenario timeout trap none none "" "" "" "" -- --timeout 200 @PROBE spin
scenario timeout-enough out none none "" "" "" "" -- --timeout 60000 @PROBE args
scenario max-memory trap none none "" "" "" "" -- --max-memory 16Mi @PROBE grow 64
scenario max-memory-256Mi trap none none "" "" "--sandbox's default limit" "" -- --max-memory 256Mi @PROBE grow 300
scenario max-memory-enough out none none "" "" "" "" -- --max-memory 128Mi @PROBE grow 64
scenario max-memory-below-initial out none none "" "" \
    "both refuse to instantiate, exit 1" "" -- --max-memory 1000 @PROBE grow 1
scenario env-inherit out none none "" "WISP_HOST_VAR=from-host A=host-a" \
    "wasmtime passes the inherited and the --env variable both; wisp's --env replaces the host's" "" \
    -- --inherit-env --env A=2 --env WISP_HOST_VAR=mine @PROBE env-of A WISP_HOST_VAR

# wisp only: the capability flags (expected: cli/tests/wasip2.rs).
caps_expect() {
    printf '%s\nenv: host=%s given=g\nstdout works\n%s\nexit 0' "$1" "$2" "$3"
}
scenario caps-sandbox expect caps listing "" "WISP_HOST_VAR=h" "" \
    "$(caps_expect "read=63 write=63 mkdir=63 unlink=63 stat=63" "<unset>" "left: ./r.txt")" \
    -- --sandbox --dir @FX::. --env GIVEN=g @PROBE caps
for case in \
    "allow-read|read=0 write=63 mkdir=63 unlink=63 stat=0|left: ./r.txt" \
    "allow-write|read=63 write=0 mkdir=63 unlink=63 stat=63|left: ./r.txt ./w.txt" \
    "allow-path|read=63 write=63 mkdir=0 unlink=0 stat=63|left: ./newdir" \
    "allow-clock|read=63 write=63 mkdir=63 unlink=63 stat=63|left: ./r.txt" \
    "allow-random|read=63 write=63 mkdir=63 unlink=63 stat=63|left: ./r.txt" \
    "allow-proc|read=63 write=63 mkdir=63 unlink=63 stat=63|left: ./r.txt" \
    "allow-all|read=0 write=0 mkdir=0 unlink=0 stat=44|left: ./newdir ./w.txt"; do
    IFS='|' read -r flag line listing <<<"$case"
    scenario "caps-sandbox-$flag" expect caps listing "" "WISP_HOST_VAR=h" "" \
        "$(caps_expect "$line" "<unset>" "$listing")" \
        -- --sandbox "--$flag" --dir @FX::. --env GIVEN=g @PROBE caps
done
scenario caps-sandbox-inherit-env expect caps listing "" "WISP_HOST_VAR=h" "" \
    "$(caps_expect "read=63 write=63 mkdir=63 unlink=63 stat=63" "h" "left: ./r.txt")" \
    -- --sandbox --inherit-env --dir @FX::. --env GIVEN=g @PROBE caps

for s in ${ONLY[@]+"${ONLY[@]}"}; do
    case " ${ALL[*]} " in
        *" $s "*) ;;
        *) echo "unknown scenario: $s (scenarios: ${ALL[*]})" >&2; exit 2 ;;
    esac
done
echo
echo "$MATCHING matched, ${#DIFFERING[@]} differ; $WISP_ONLY_COUNT of the scenarios ran under wisp only (capability flags), against the expected output"
if [ ${#DIFFERING[@]} -gt 0 ]; then
    echo "differ: ${DIFFERING[*]}"
    exit 1
fi
