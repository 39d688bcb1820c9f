"""Slider latency on the Python side: for every interactive the notebooks show, the time of
one update, values in → figure rendered to PNG.

Each notebook runs in a kernel exactly as a learner runs it (so every interactive is built
with the notebook's own arguments and data), with one cell added before it, which records
each interactive whose ``widget()`` is displayed, and one after it, which times
``update(**values)`` + ``png()`` while every control moves through values spread over its
range (benchmarks/_slider_probe.py). Median and 95th percentile per interactive and per
control. The notebooks themselves are not modified.

Usage: python benchmarks/latency.py [--samples 60] [notebooks ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import _common
import _nbrun

NOTEBOOKS = _common.ROOT / "notebooks"
BEFORE = """import sys
sys.path[:0] = [{root!r}, {bench!r}]
import _slider_probe
_slider_probe.install()"""
AFTER = "_slider_probe.measure(samples={samples})"


def measure_notebook(path: Path, samples: int) -> list[dict]:
    before = BEFORE.format(root=str(_common.ROOT), bench=str(Path(__file__).resolve().parent))
    res = _nbrun.run_notebook(path, before=[before], after=[AFTER.format(samples=samples)])
    for line in res["printed"].splitlines():
        if line.startswith("BENCH_RESULT "):
            return json.loads(line[len("BENCH_RESULT "):])
    raise RuntimeError(f"{path.name}: the probe printed no result:\n{res['printed'][-2000:]}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=60,
                        help="timed updates per control (default 60)")
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.paths or sorted(p for p in NOTEBOOKS.glob("*.ipynb") if not p.name.startswith("."))
    load_before = _common.load()
    print(f"slider latency: {len(paths)} notebooks, {args.samples} updates per control; "
          f"load {load_before}", flush=True)
    interactives = []
    for p in paths:
        for r in measure_notebook(p, args.samples):
            r["notebook"] = p.stem
            interactives.append(r)
            if r["n"]:
                print(f"  {p.stem:28s} {r['interactive']:18s} median {r['median_ms']:5.1f} ms  "
                      f"p95 {r['p95_ms']:5.1f} ms  ({r['n']} updates)  load {_common.load()[0]}",
                      flush=True)
    result = {"load_before": load_before, "samples_per_control": args.samples,
              "interactives": interactives}
    path = _common.save("latency", result)
    print(f"wrote {path.relative_to(_common.ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
