#!/usr/bin/env bash
# Builds the threads guest programs (see README.md) into OUTDIR, by default
# target/threads-guests under the repository root:
#   OUTDIR/threads-sum.wasm  the Rust program (rust/), std::thread
#   OUTDIR/pthreads.wasm     the C program (c/pthreads.c), pthreads
# and prints their paths. Both are wasm32-wasip1-threads modules: shared
# memory imported as env.memory (and exported), the wasi-threads import
# wasi.thread-spawn, and the export wasi_thread_start.
#
# Usage: bash tests/threads/build.sh [OUTDIR]
# Cargo builds under $CARGO_TARGET_DIR if set, else OUTDIR/cargo.
#
# The C program is compiled by clang against Debian's wasi-libc headers
# (the single-threaded variant, which has no pthread.h: c/compat supplies
# one) and linked, with the linker that ships with Rust (rust-lld), against
# the threaded wasi-libc that ships with Rust's wasm32-wasip1-threads target.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/target/threads-guests}
mkdir -p "$out"
out=$(cd "$out" && pwd)

die() {
    echo "build.sh: $*" >&2
    exit 1
}

# --- what both builds need -------------------------------------------------
for tool in cargo rustc; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (install Rust with rustup)"
done
command -v clang >/dev/null 2>&1 ||
    die "clang is missing (install: apt-get install clang lld wasi-libc libclang-rt-dev-wasm32)"

sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
# The threaded wasi-libc (libc.a with pthreads, crt1-command.o).
selfc=$sysroot/lib/rustlib/wasm32-wasip1-threads/lib/self-contained
[ -f "$selfc/libc.a" ] ||
    die "the wasm32-wasip1-threads Rust target is missing (install: rustup target add wasm32-wasip1-threads)"
rust_lld=$sysroot/lib/rustlib/$host/bin/rust-lld
[ -x "$rust_lld" ] || die "rust-lld is missing from the Rust toolchain (looked for $rust_lld)"
# clang's runtime builtins for wasm32 (__multi3 and friends, used by libc).
builtins=$(clang --target=wasm32-wasi -print-libgcc-file-name)
[ -f "$builtins" ] ||
    die "libclang_rt.builtins-wasm32.a is missing (install: apt-get install libclang-rt-dev-wasm32)"
printf '#include <wasi/api.h>\n#include <stdio.h>\n' |
    clang --target=wasm32-wasi -E -x c - -o /dev/null 2>/dev/null ||
    die "wasi-libc headers for clang --target=wasm32-wasi are missing (install: apt-get install wasi-libc)"

# --- Rust: threads-sum -----------------------------------------------------
target_dir=${CARGO_TARGET_DIR:-$out/cargo}
env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS -u CARGO_BUILD_TARGET -u CARGO_TARGET_DIR \
    cargo build --release --quiet --target wasm32-wasip1-threads \
    --manifest-path "$here/rust/Cargo.toml" --target-dir "$target_dir"
cp "$target_dir/wasm32-wasip1-threads/release/threads-sum.wasm" "$out/threads-sum.wasm"

# --- C: pthreads -----------------------------------------------------------
obj=$(mktemp -d)
trap 'rm -rf "$obj"' EXIT
# -pthread: atomics and bulk-memory, as shared memory requires.
clang --target=wasm32-wasi -pthread -O2 -Wall -Wextra \
    -I "$here/c/compat" -c "$here/c/pthreads.c" -o "$obj/pthreads.o"
# What wasi-sdk does for -pthread (--target=wasm32-wasi-threads), spelled
# out: import the memory (the host creates it shared so that every thread's
# instance gets the same one), export it too, make it shared, and give it the
# maximum a shared memory must declare (64 MiB).
"$rust_lld" -flavor wasm -o "$out/pthreads.wasm" \
    "$selfc/crt1-command.o" "$obj/pthreads.o" "$selfc/libc.a" "$builtins" \
    --import-memory --export-memory --shared-memory --max-memory=67108864 \
    --strip-debug

echo "$out/threads-sum.wasm"
echo "$out/pthreads.wasm"
