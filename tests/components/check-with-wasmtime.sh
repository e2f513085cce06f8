#!/usr/bin/env bash
# Checks every expectation header of the component corpus against wasmtime.
#
#   tests/components/check-with-wasmtime.sh [-v] [FILE.wat ...]
#
# With no FILE, every *.wat under tests/components/ is checked. For each file:
#
#   ;; invoke: <wave call>     runs `wasmtime run --invoke '<wave call>' FILE`
#   ;; expect: <text>          ... which must exit 0 and print exactly <text>
#   ;; expect-trap             ... which must fail while running the call (not
#                                  while parsing/validating the file, nor
#                                  because the call expression is wrong)
#   ;; trap-cause: <text>      optional, after expect-trap: wasmtime's error
#                                  output must contain <text> (a record of why
#                                  wasmtime trapped; other runtimes ignore it)
#   ;; expect-invalid          the file must fail to validate: `wasmtime compile`
#                                  must reject it with a validation error (not a
#                                  text syntax error)
#   ;; invalid-because: <text> optional, after expect-invalid: wasmtime's error
#                                  output must contain <text>
#   ;; wasmtime-flags: <args>  optional, extra arguments for every wasmtime call
#
# Prints one summary line per file and exits non-zero on any mismatch.
# -v also prints wasmtime's error line for every trap and invalid file.

set -u

here="$(cd "$(dirname "$0")" && pwd)"
verbose=0
if [ "${1:-}" = "-v" ]; then verbose=1; shift; fi

wasmtime="${WASMTIME:-wasmtime}"
export RUST_BACKTRACE=0
export WASMTIME_BACKTRACE_DETAILS=0

if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(cd "$here" && find . -name '*.wat' | sed 's|^\./||' | sort)
  files=("${files[@]/#/$here/}")
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

total_files=0
failed_files=0
total_checks=0
failed_checks=0

# The "Caused by" text of a wasmtime error, joined on one line.
cause() {
  if grep -q '^Caused by:' "$1"; then
    sed -n '/^Caused by:/,$p' "$1" | sed '1d; s/^ *//; s/^[0-9]*: //' | grep -v '^$' |
      paste -sd' ' -
  else
    head -3 "$1" | paste -sd' ' -
  fi
}

# Errors that mean the check itself is wrong, not that the call trapped.
not_a_trap='failed to parse WebAssembly module|Failed to parse invoke|while interpreting parameters|No exported func named|-->|matching implementation was not found|failed to compile'

for f in "${files[@]}"; do
  total_files=$((total_files + 1))
  name="${f#"$here"/}"
  flags=""
  flag_line="$(grep -m1 '^;; wasmtime-flags:' "$f" | sed 's/^;; wasmtime-flags: *//')"
  [ -n "$flag_line" ] && flags="$flag_line"

  file_checks=0
  file_fail=0
  msgs=()

  if grep -q '^;; expect-invalid *$' "$f"; then
    file_checks=1
    because="$(grep -m1 '^;; invalid-because:' "$f" | sed 's/^;; invalid-because: *//')"
    # shellcheck disable=SC2086
    "$wasmtime" compile $flags -o "$tmp/out.cwasm" "$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    why="$(cause "$tmp/err")"
    if [ $rc -eq 0 ]; then
      file_fail=1; msgs+=("  expected invalid, but wasmtime compiled it")
    elif grep -q -- '-->' "$tmp/err" || ! grep -q 'failed to parse WebAssembly module' "$tmp/err"; then
      file_fail=1; msgs+=("  expected a validation error, got: $(head -3 "$tmp/err" | paste -sd' ' -)")
    elif [ -n "$because" ] && ! grep -qF -- "$because" "$tmp/err"; then
      file_fail=1; msgs+=("  invalid, but not because of '$because': $why")
    elif [ $verbose -eq 1 ]; then
      msgs+=("  invalid: $why")
    fi
  fi

  # Pair each `;; invoke:` with the expectation line right after it.
  mapfile -t lines < <(grep -E '^;; (invoke:|expect:|expect-trap|trap-cause:)' "$f")
  i=0
  n=${#lines[@]}
  while [ $i -lt $n ]; do
    line="${lines[$i]}"
    i=$((i + 1))
    case "$line" in
      ";; invoke: "*) call="${line#;; invoke: }" ;;
      *) file_fail=1; file_checks=$((file_checks + 1)); msgs+=("  stray header line: $line"); continue ;;
    esac
    file_checks=$((file_checks + 1))
    exp="${lines[$i]:-}"
    i=$((i + 1))
    want_cause=""
    if [ "$exp" = ";; expect-trap" ] && [ $i -lt $n ] && [[ "${lines[$i]}" == ";; trap-cause: "* ]]; then
      want_cause="${lines[$i]#;; trap-cause: }"
      i=$((i + 1))
    fi
    # shellcheck disable=SC2086
    "$wasmtime" run $flags --invoke "$call" "$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    out="$(cat "$tmp/out")"
    case "$exp" in
      ";; expect: "*)
        want="${exp#;; expect: }"
        if [ $rc -ne 0 ]; then
          file_fail=1; msgs+=("  $call: expected $want, failed: $(cause "$tmp/err")")
        elif [ "$out" != "$want" ]; then
          file_fail=1; msgs+=("  $call: expected $want, got $out")
        fi
        ;;
      ";; expect-trap")
        why="$(cause "$tmp/err")"
        if [ $rc -eq 0 ]; then
          file_fail=1; msgs+=("  $call: expected a trap, got $out")
        elif grep -qE -- "$not_a_trap" "$tmp/err"; then
          file_fail=1; msgs+=("  $call: expected a trap, but the check is broken: $(head -1 "$tmp/err") $why")
        elif [ -n "$want_cause" ] && ! grep -qF -- "$want_cause" "$tmp/err"; then
          file_fail=1; msgs+=("  $call: trapped, but not with '$want_cause': $why")
        elif [ $verbose -eq 1 ]; then
          msgs+=("  $call: trap: $why")
        fi
        ;;
      *)
        file_fail=1; msgs+=("  $call: no expect line after the invoke line (got '$exp')")
        ;;
    esac
  done

  total_checks=$((total_checks + file_checks))
  if [ $file_checks -eq 0 ]; then
    file_fail=1; msgs+=("  no invoke or expect-invalid header")
  fi
  if [ $file_fail -ne 0 ]; then
    failed_files=$((failed_files + 1))
    nf=$(printf '%s\n' "${msgs[@]}" | grep -vc ': trap: \|  invalid: ')
    failed_checks=$((failed_checks + nf))
    printf 'FAIL %-40s %d checks\n' "$name" "$file_checks"
  else
    printf 'ok   %-40s %d checks\n' "$name" "$file_checks"
  fi
  [ ${#msgs[@]} -gt 0 ] && printf '%s\n' "${msgs[@]}"
done

echo "$total_files files, $total_checks checks, $failed_checks mismatches in $failed_files files"
[ $failed_files -eq 0 ]
