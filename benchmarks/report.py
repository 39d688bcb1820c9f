"""Turn benchmarks/results/*.json into the results section of benchmarks/README.md and the
results table of the main README (between their markers; nothing else is touched).

Usage: python benchmarks/report.py
"""

from __future__ import annotations

import re
import sys

import _common

BENCH_README = _common.ROOT / "benchmarks" / "README.md"
MAIN_README = _common.ROOT / "README.md"
BENCH_MARKERS = ("<!-- results:start -->", "<!-- results:end -->")
MAIN_MARKERS = ("<!-- benchmarks:start -->", "<!-- benchmarks:end -->")

TARGETS = {"notebook_s": 10.0, "course_s": 60.0, "peak_mb": 400.0, "slider_ms": 50.0,
           "browser_ms": 80.0, "helpers_vs_bare": 1.2, "torch_vs_helpers": 3.0, "toy_s": 1.0,
           "fps": 10.0}


def ok(good: bool) -> str:
    return "✅" if good else "❌"


def load_text(r: dict) -> str:
    lb, la = r.get("load_before"), r.get("load_after")
    if lb and la:
        return f"load average {lb[0]:.1f} before, {la[0]:.1f} after (1-minute)"
    return ""


def machine_section(results: dict) -> list[str]:
    m = next((r["machine"] for r in results.values() if r and "machine" in r), None)
    if not m:
        return []
    lines = ["### The machine", "",
             f"- CPU: {m['cpu']}, {m['cores']} cores; RAM {m['ram_gb']} GB; {m['os']}",
             f"- Python {m['python']}, numpy {m.get('numpy')} ({m.get('blas', '?')}), "
             f"matplotlib {m.get('matplotlib')}, PyTorch {m.get('torch') or 'not installed'}"]
    br = results.get("browser_latency")
    if br and br.get("browser"):
        lines.append(f"- Browser: {br['browser']} (headless, through Playwright), JupyterLab")
    lines.append("- When: " + "; ".join(f"{name.replace('_', ' ')} {r['date']} ({load_text(r)})"
                                        for name, r in results.items() if r))
    return lines + [""]


def course_section(r: dict) -> list[str]:
    lines = ["### Course runtime", "",
             f"Each notebook executed headless in a new kernel, as nbval does; median of "
             f"{r['rounds']} rounds; {load_text(r)}.", "",
             "| notebook | seconds (kernel start + cells) | of which kernel start | kernel peak memory |",
             "|---|---:|---:|---:|"]
    for name, v in r["notebooks"].items():
        lines.append(f"| {name} | {v['seconds']:.1f} s {ok(v['seconds'] < TARGETS['notebook_s'])} "
                     f"| {v['kernel_start_seconds']:.1f} s | {v['peak_mb']:.0f} MB "
                     f"{ok(v['peak_mb'] < TARGETS['peak_mb'])} |")
    lines.append(f"| **whole course** | **{r['course_seconds']:.1f} s** "
                 f"{ok(r['course_seconds'] < TARGETS['course_s'])} | | **{r['max_peak_mb']:.0f} MB** (largest) |")
    lines += ["", f"Targets: under {TARGETS['notebook_s']:.0f} s per notebook, under "
              f"{TARGETS['course_s']:.0f} s for the course, under {TARGETS['peak_mb']:.0f} MB per kernel.", ""]
    return lines


def latency_section(r: dict) -> list[str]:
    lines = ["### Slider latency, Python side", "",
             f"One update of each interactive: `update(**values)` + `png()`, with every control "
             f"moved through {r['samples_per_control']} values across its range (the others at "
             f"their start values), inside the notebook's own kernel; {load_text(r)}.", "",
             "| notebook | interactive | updates | median | p95 | slowest control (median / p95) |",
             "|---|---|---:|---:|---:|---|"]
    for i in r["interactives"]:
        if not i.get("n"):
            continue
        slow_name, slow = max(i["controls"].items(), key=lambda kv: kv[1]["median_ms"])
        lines.append(f"| {i['notebook']} | {i['interactive']} | {i['n']} | {i['median_ms']:.0f} ms "
                     f"{ok(i['median_ms'] < TARGETS['slider_ms'])} | {i['p95_ms']:.0f} ms | "
                     f"{slow_name} ({slow['kind']}): {slow['median_ms']:.0f} / {slow['p95_ms']:.0f} ms |")
    lines += ["", f"Target: median under {TARGETS['slider_ms']:.0f} ms. Per-control numbers: "
              "`results/latency.json`.", ""]
    return lines


def browser_section(r: dict) -> list[str]:
    lines = ["### Slider to new pixels in JupyterLab", "",
             f"Headless Chromium presses ArrowRight / ArrowLeft on a slider handle, "
             f"{r['presses']} times; each press is timed until the new picture is decoded and "
             f"painted (browser → kernel → update + PNG → browser); {load_text(r)}.", "",
             "| notebook | slider | presses | median | p95 |", "|---|---|---:|---:|---:|"]
    for s in r["sliders"]:
        if "median_ms" in s:
            lines.append(f"| {s['notebook']} | {s['slider']} | {s['n']} | {s['median_ms']:.0f} ms "
                         f"| {s['p95_ms']:.0f} ms |")
        else:
            lines.append(f"| {s['notebook']} | {s['slider']} | – | {s.get('error', '?')} | |")
    return lines + [""]


def trainer_section(r: dict) -> list[str]:
    sp, acc = r["speed"], r["accuracy"]
    st = r["setup"]
    lines = ["### Trainer speed against peers", "",
             f"The capstone network ({st['network']}, batch {st['batch']}, {st['epochs']} epochs, "
             f"{st['dtype']}, {st['threads']} thread) on {st['train_examples']} training digits; "
             f"same initial weights, shuffles and batches for all; {sp['rounds']} interleaved "
             f"rounds (the order rotates), medians; {load_text(r)}.", "",
             "| trainer | seconds (median) |", "|---|---:|"]
    labels = {"helpers": "`helpers` (`train.batches` + `train.train_step`)",
              "helpers fit": "`helpers` `train.fit` (also measures loss and accuracy each epoch)",
              "bare numpy": "bare numpy loop, everything inlined, Adam in place",
              "PyTorch": "PyTorch (CPU, `nn.Sequential`, `optim.Adam`)"}
    for name, s in sp["seconds"].items():
        lines.append(f"| {labels.get(name, name)} | {s:.3f} s |")
    lines += ["", "| ratio (same round, median over rounds) | measured | target |", "|---|---:|---:|"]
    for name, v in sp["ratios"].items():
        target = ""
        if name == "helpers / bare numpy":
            target = f"≤ {TARGETS['helpers_vs_bare']} {ok(v <= TARGETS['helpers_vs_bare'])}"
        elif name == "PyTorch / helpers":
            target = f"≥ {TARGETS['torch_vs_helpers']} {ok(v >= TARGETS['torch_vs_helpers'])}"
        lines.append(f"| {name} | {v:.2f}× | {target} |")
    if r.get("note"):
        lines += ["", r["note"]]
    sw = r.get("same_work", {})
    if sw:
        lines += ["", "Same maths, checked: the largest weight difference after one epoch is "
                  + ", ".join(f"{k} {v:.1e}" for k, v in sw.items()) + " (float32 rounding)."]
    lines += ["", f"### Capstone accuracy ({len(next(iter(acc.values()))['per_seed'])} seeds)", "",
              f"Test accuracy on the {st['test_examples']} held-out digits after training "
              "(seeds 0, 1, ...: initial weights and shuffles):", "",
              "| trainer | test accuracy (mean ± sd) |", "|---|---:|"]
    for name, a in acc.items():
        lines.append(f"| {labels.get(name, name).split(' (')[0]} | {100 * a['mean']:.2f} % ± "
                     f"{100 * a['sd']:.2f} |")
    return lines + [""]


def small_nets_section(r: dict) -> list[str]:
    lines = ["### Small networks: toy problems and the playground", "",
             "The test suite's 2-16-16-1 network (ReLU, binary cross-entropy, Adam lr 0.01, batch "
             "32) trained as `tests/test_train.py` trains it, median of "
             f"{r['toy']['moons']['rounds']} runs, one thread; and lesson 08's playground "
             f"training its 2-8-8-1 network on 200 points, one frame = training steps + boundary + "
             f"curves + PNG; {load_text(r)}.", "",
             "| what | measured | target |", "|---|---:|---:|"]
    for name, what in (("moons", "noisy moons, 400 points, 100 epochs"), ("xor", "XOR, 200 points, 50 epochs")):
        t = r["toy"][name]
        lines.append(f"| 2-16-16-1 on {what} (training accuracy {100 * t['accuracy']:.1f} %) | "
                     f"{t['seconds']:.2f} s | < {TARGETS['toy_s']:.0f} s {ok(t['seconds'] < TARGETS['toy_s'])} |")
    p = r["playground"]
    lines.append(f"| playground frame ({p['steps_per_frame']} training steps + redraw), median / p95 | "
                 f"{p['median_ms']:.0f} / {p['p95_ms']:.0f} ms = {p['fps']:.0f} frames/s | "
                 f"≥ {TARGETS['fps']:.0f} frames/s {ok(p['fps'] >= TARGETS['fps'])} |")
    c = r.get("capstone")
    if c:
        lines += ["", f"The capstone as lesson 09 ships it ({c['network']}, Adam lr 0.01, 30 epochs, "
                  f"the notebook's split): test accuracy on its {c['test_examples']} test digits "
                  f"over {c['seeds']} seeds **{100 * c['mean']:.2f} ± {100 * c['sd']:.2f} %** "
                  f"(lowest {100 * min(c['accuracy']):.2f} %; the notebook asserts ≥ 97.5 % for "
                  f"seed 0), {c['seconds']:.2f} s to train (median)."]
    return lines + [""]


def main_table(results: dict) -> list[str]:
    """One line per figure, for the main README."""
    rows = []
    cr, la, br, tr, sn = (results.get(k) for k in ("course_runtime", "latency", "browser_latency",
                                                    "trainer", "small_nets"))
    if cr:
        slow_name, slow = max(cr["notebooks"].items(), key=lambda kv: kv[1]["seconds"])
        rows.append(("Whole course, every notebook run headless", f"{cr['course_seconds']:.0f} s",
                     f"< {TARGETS['course_s']:.0f} s", cr["course_seconds"] < TARGETS["course_s"]))
        rows.append((f"Slowest notebook ({slow_name})", f"{slow['seconds']:.1f} s",
                     f"< {TARGETS['notebook_s']:.0f} s", slow["seconds"] < TARGETS["notebook_s"]))
        rows.append(("Largest kernel peak memory", f"{cr['max_peak_mb']:.0f} MB",
                     f"< {TARGETS['peak_mb']:.0f} MB", cr["max_peak_mb"] < TARGETS["peak_mb"]))
    if la:
        its = [i for i in la["interactives"] if i.get("n")]
        if its:
            worst = max(its, key=lambda i: i["median_ms"])
            meds = sorted(i["median_ms"] for i in its)
            rows.append((f"Slider update, Python side: median of the {len(its)} interactives' medians",
                         f"{_common.median(meds):.0f} ms", f"< {TARGETS['slider_ms']:.0f} ms",
                         _common.median(meds) < TARGETS["slider_ms"]))
            rows.append((f"Slider update, Python side: slowest interactive ({worst['interactive']}), median / p95",
                         f"{worst['median_ms']:.0f} / {worst['p95_ms']:.0f} ms",
                         f"< {TARGETS['slider_ms']:.0f} ms", worst["median_ms"] < TARGETS["slider_ms"]))
    if br:
        ok_s = [s for s in br["sliders"] if "median_ms" in s]
        if ok_s:
            med = _common.median(s["median_ms"] for s in ok_s)
            what = f"median over {len(ok_s)} sliders" if len(ok_s) > 1 else f"one slider ({ok_s[0]['notebook']})"
            rows.append((f"Slider to new pixels in JupyterLab (headless Chromium, figures drawn at 2×), {what}",
                         f"{med:.0f} ms", f"≤ {TARGETS['browser_ms']:.0f} ms", med <= TARGETS["browser_ms"]))
    if tr:
        ratios = tr["speed"]["ratios"]
        rows.append(("Trainer (64-64-10, float32, 1 thread): `helpers` time ÷ bare numpy loop",
                     f"{ratios['helpers / bare numpy']:.2f}×", f"≤ {TARGETS['helpers_vs_bare']}×",
                     ratios["helpers / bare numpy"] <= TARGETS["helpers_vs_bare"]))
        if "PyTorch / helpers" in ratios:
            rows.append(("Trainer: PyTorch (CPU) time ÷ `helpers`",
                         f"{ratios['PyTorch / helpers']:.2f}×", f"≥ {TARGETS['torch_vs_helpers']}×",
                         ratios["PyTorch / helpers"] >= TARGETS["torch_vs_helpers"]))
        acc = tr["accuracy"]
        n = len(acc["helpers"]["per_seed"])
        text = f"{100 * acc['helpers']['mean']:.1f} ± {100 * acc['helpers']['sd']:.1f} %"
        if "PyTorch" in acc:
            text += f" (PyTorch: {100 * acc['PyTorch']['mean']:.1f} ± {100 * acc['PyTorch']['sd']:.1f} %)"
        rows.append((f"Trainer network (64-64-10, Adam lr 1e-3) test accuracy, {n} seeds", text, "", None))
    if sn:
        slowest = max(sn["toy"].values(), key=lambda t: t["seconds"])["seconds"]
        rows.append(("2-16-16-1 on moons and on XOR, the slower of the two", f"{slowest:.2f} s",
                     f"< {TARGETS['toy_s']:.0f} s", slowest < TARGETS["toy_s"]))
        fps = sn["playground"]["fps"]
        rows.append(("Playground (lesson 08) training 2-8-8-1 on 200 points", f"{fps:.0f} frames/s",
                     f"≥ {TARGETS['fps']:.0f} frames/s", fps >= TARGETS["fps"]))
        c = sn.get("capstone")
        if c:
            rows.append((f"Capstone as shipped ({c['network']}): test accuracy, {c['seeds']} seeds; "
                         "training time", f"{100 * c['mean']:.1f} ± {100 * c['sd']:.1f} %; "
                         f"{c['seconds']:.1f} s", "≥ 97.5 %", c["mean"] >= 0.975))
    if not rows:
        return ["No results yet: run `.venv/bin/python benchmarks/run_all.py`."]
    m = next((r["machine"] for r in results.values() if r and "machine" in r), {})
    dates = sorted(r["date"] for r in results.values() if r)
    loads = [x for r in results.values() if r for x in (r.get("load_before", [None])[0],
                                                         r.get("load_after", [None])[0]) if x is not None]
    lines = ["| figure | measured | target |", "|---|---:|---:|"]
    for name, value, target, good in rows:
        lines.append(f"| {name} | {value} | {target}{'' if good is None else ' ' + ok(good)} |")
    lines += ["", f"Measured on {m.get('cpu', '?')} ({m.get('cores', '?')} cores, one thread for "
              f"the trainer), {dates[-1][:10]}, 1-minute load average {min(loads):.1f} to "
              f"{max(loads):.1f}. How, on which machine, and every "
              f"number: [benchmarks/README.md](benchmarks/README.md). Regenerate with "
              f"`.venv/bin/python benchmarks/run_all.py`."]
    return lines


def replace_between(path, markers, lines) -> None:
    text = path.read_text()
    start, end = markers
    if start not in text or end not in text:
        raise SystemExit(f"{path}: markers {start} ... {end} not found")
    new = f"{start}\n" + "\n".join(lines).rstrip() + f"\n{end}"
    text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m: new, text, flags=re.S)
    path.write_text(text)


def main() -> int:
    results = {name: _common.read(name)
               for name in ("course_runtime", "latency", "browser_latency", "trainer", "small_nets")}
    lines = machine_section(results)
    for name, section in (("course_runtime", course_section), ("latency", latency_section),
                          ("browser_latency", browser_section), ("trainer", trainer_section),
                          ("small_nets", small_nets_section)):
        if results[name]:
            lines += section(results[name])
    replace_between(BENCH_README, BENCH_MARKERS, lines or ["No results yet."])
    replace_between(MAIN_README, MAIN_MARKERS, main_table(results))
    print(f"updated {BENCH_README.relative_to(_common.ROOT)} and {MAIN_README.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
