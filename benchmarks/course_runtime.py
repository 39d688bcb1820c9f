"""Course runtime: every notebook executed headless, as nbval does, several times.

Each notebook runs top to bottom in a new kernel (this Python's ``python3``, started in
notebooks/), read from the committed file and never written back. For each one: the time a
learner or nbval waits (kernel start + every cell) and the kernel's peak memory (VmHWM).
The notebooks run one after the other; a round is the whole course, and the course's time
is the sum over its notebooks. Medians over rounds are reported.

Usage: python benchmarks/course_runtime.py [--rounds 5] [notebooks ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import _common
import _nbrun

NOTEBOOKS = _common.ROOT / "notebooks"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.paths or sorted(p for p in NOTEBOOKS.glob("*.ipynb") if not p.name.startswith("."))
    load_before = _common.load()
    print(f"course runtime: {len(paths)} notebooks × {args.rounds} rounds; load {load_before}",
          flush=True)
    runs = {p.stem: [] for p in paths}
    for r in range(args.rounds):
        for p in paths:
            res = _nbrun.run_notebook(p)
            runs[p.stem].append(res)
            print(f"  round {r + 1}: {p.stem:28s} {res['seconds']:5.1f} s "
                  f"(kernel start {res['kernel_start_seconds']:.1f} s)  peak "
                  f"{res['peak_mb']:.0f} MB  load {_common.load()[0]}", flush=True)
    notebooks = {}
    for name, rs in runs.items():
        notebooks[name] = {
            "seconds": _common.median(x["seconds"] for x in rs),
            "cells_seconds": _common.median(x["cells_seconds"] for x in rs),
            "kernel_start_seconds": _common.median(x["kernel_start_seconds"] for x in rs),
            "peak_mb": max(x["peak_mb"] for x in rs),
            "all_seconds": [round(x["seconds"], 3) for x in rs]}
    totals = [sum(runs[n][r]["seconds"] for n in runs) for r in range(args.rounds)]
    result = {"load_before": load_before, "rounds": args.rounds, "notebooks": notebooks,
              "course_seconds": _common.median(totals), "all_course_seconds": totals,
              "max_peak_mb": max(v["peak_mb"] for v in notebooks.values())}
    path = _common.save("course_runtime", result)
    print(f"  course: {result['course_seconds']:.1f} s (median of {args.rounds}); "
          f"largest kernel peak {result['max_peak_mb']:.0f} MB")
    print(f"wrote {path.relative_to(_common.ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
