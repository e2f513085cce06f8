#!/usr/bin/env bash
# Proves that wisp-core needs nothing but `core` and `alloc`: builds it with
# its default features for two targets that have no `std` at all (so any
# dependency that pulls in `std` breaks the build), and names the culprit
# first if a `std` feature is enabled anywhere in its dependency tree.
# Needs `rustup target add x86_64-unknown-none aarch64-unknown-none`.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
for target in x86_64-unknown-none aarch64-unknown-none; do
    # Features enabled for wisp-core's normal dependencies on this target.
    if cargo tree -q -p wisp-core --target "$target" -e normal,features -f '{p} {f}' \
        | grep -E '(^|[ ,])std($|[ ,])|feature "std"'; then
        echo "check-no-std: FAIL: a dependency of wisp-core enables \`std\` on $target (above)" >&2
        status=1
    fi
    if cargo build -q -p wisp-core --target "$target"; then
        echo "check-no-std: wisp-core builds for $target (no std available)"
    else
        echo "check-no-std: FAIL: wisp-core does not build for $target" >&2
        status=1
    fi
done
exit $status
