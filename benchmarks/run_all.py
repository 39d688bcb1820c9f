"""Run every benchmark, then regenerate the results in benchmarks/README.md and README.md.

Usage (from the repo root, in the course's environment):

    .venv/bin/python benchmarks/run_all.py            # everything, full repetitions (~15 min)
    .venv/bin/python benchmarks/run_all.py --quick    # few repetitions, to check the scripts
    .venv/bin/python benchmarks/run_all.py --only trainer latency
    .venv/bin/python benchmarks/run_all.py --report   # only rewrite the READMEs from results/

Each benchmark runs in its own process and writes benchmarks/results/<name>.json with the
date, the machine and the load average before and after. Timings mean something only on a
quiet machine: look at the load averages in the report.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FULL = {"trainer": ["--rounds", "15", "--seeds", "5"],
        "latency": ["--samples", "60"],
        "browser_latency": ["--presses", "30"],
        "course_runtime": ["--rounds", "5"],
        "small_nets": ["--rounds", "5", "--frames", "60"]}
QUICK = {"trainer": ["--rounds", "3", "--seeds", "2"],
         "latency": ["--samples", "8"],
         "browser_latency": ["--presses", "5"],
         "course_runtime": ["--rounds", "1"],
         "small_nets": ["--rounds", "1", "--frames", "10"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions")
    parser.add_argument("--only", nargs="+", choices=list(FULL), help="run only these")
    parser.add_argument("--report", action="store_true", help="only regenerate the READMEs")
    args = parser.parse_args(argv)
    failed = []
    if not args.report:
        for name in args.only or list(FULL):
            extra = (QUICK if args.quick else FULL)[name]
            print(f"=== {name} (load {', '.join(f'{x:.2f}' for x in os.getloadavg())})", flush=True)
            done = subprocess.run([sys.executable, str(HERE / f"{name}.py"), *extra], cwd=HERE.parent)
            if done.returncode:
                failed.append(name)
    subprocess.run([sys.executable, str(HERE / "report.py")], cwd=HERE.parent, check=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
