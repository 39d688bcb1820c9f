"""Slider to new pixels in JupyterLab: headless Chromium presses a slider key and waits for
the interactive's picture to change and be painted.

JupyterLab starts on 127.0.0.1 (random port and token, autosave off, so the notebooks are
never written); Debian's /usr/bin/chromium is driven by Playwright (never a downloaded
browser). For each notebook below: open it fresh (``?reset``), run all cells, wait for the
kernel to be idle, then focus one slider handle and press ArrowRight / ArrowLeft in turn.
Each press is timed from just before the key is sent until the interactive's ``<img>`` has
a new ``src``, the new image is decoded and the next animation frame has been painted: the
whole round trip (browser → kernel → update + PNG → browser → screen).

Usage: python benchmarks/browser_latency.py [--presses 30] [notebook:slider-label ...]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import _common


def _browser_tests_module(name: str):
    """A module of tests/browser/ (the browser tests' server settings and page scripts)."""
    import importlib.util

    sys.path.insert(0, str(_common.ROOT / "tests"))  # they import execute_notebooks
    path = _common.ROOT / "tests" / "browser" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"browser_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_conftest = _browser_tests_module("conftest")
_tests = _browser_tests_module("test_browser")
CHROMIUM, CHROMIUM_ARGS = _conftest.CHROMIUM, _conftest.CHROMIUM_ARGS
READY, STATUS = _tests.READY, _tests.STATUS
# (notebook, the slider's label as a regex): one representative slider per interactive kind
DEFAULT = ["01_the_neuron:^w1", "02_weights_and_biases:^w1", "05_loss:slope",
           "07_optimizers:learning rate|lr", "08_training_loop:noise"]

# In the page: watch the first <img> of the output area holding `handle`; record when a new
# src has been decoded and painted (the next animation frame after decode).
WATCH = """(handle) => {
  const area = handle.closest('.jp-OutputArea-output');
  const img = area.querySelector('img');
  if (!img) return false;
  window.__bench = {t0: 0, painted: 0};
  if (window.__benchObserver) window.__benchObserver.disconnect();
  window.__benchObserver = new MutationObserver(() => {
    const started = window.__bench.t0;
    img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
      if (window.__bench.t0 === started && !window.__bench.painted)
        window.__bench.painted = performance.now();
    }));
  });
  window.__benchObserver.observe(img, {attributes: true, attributeFilter: ['src']});
  return true;
}"""

LABEL = """(h) => {
  const box = h.closest('.widget-inline-hbox, .widget-hslider') || h;
  const lab = box.querySelector('.widget-label, .widget-label-basic');
  return ((lab && lab.textContent) || h.getAttribute('title') || '').replace(/\\u200b/g, '').trim();
}"""


def measure(page, url, token, notebook: str, label_re: str, presses: int) -> dict:
    name = f"{notebook}.ipynb"
    page.goto(f"{url}/lab/tree/notebooks/{name}?reset&token={token}",
              wait_until="domcontentloaded", timeout=60_000)
    page.wait_for_function(READY, arg=name, timeout=120_000)
    _tests.run_all(page, name)
    page.wait_for_function(
        f"(name) => {{ const s = ({STATUS})(name); return s.pending === 0 && s.idle; }}",
        arg=name, timeout=180_000)
    handles = page.locator(".jp-Cell .jp-OutputArea-output .noUi-handle")
    handle, label = None, ""
    for i in range(handles.count()):
        h = handles.nth(i)
        label = h.evaluate(LABEL)
        if re.search(label_re, label):
            handle = h
            break
    if handle is None:
        return {"notebook": notebook, "slider": label_re, "error": "no slider with that label"}
    handle.scroll_into_view_if_needed()
    if not handle.evaluate(WATCH):
        return {"notebook": notebook, "slider": label, "error": "no picture next to the slider"}
    handle.focus()
    ms, misses = [], 0
    for k in range(presses + 2):  # the first two are warm-up
        key = "ArrowRight" if k % 2 == 0 else "ArrowLeft"
        page.evaluate("() => { window.__bench = {t0: performance.now(), painted: 0}; }")
        handle.press(key)
        try:
            page.wait_for_function("() => window.__bench.painted > 0", timeout=10_000, polling="raf")
        except Exception:
            misses += 1
            if misses >= 3 and not ms:  # this slider does not change the picture: give up
                break
            continue
        if k >= 2:
            ms.append(page.evaluate("() => window.__bench.painted - window.__bench.t0"))
        page.wait_for_function(f"(name) => ({STATUS})(name).idle", arg=name, timeout=30_000)
        page.wait_for_timeout(150)
    out = {"notebook": notebook, "slider": label, "n": len(ms), "no_change": misses}
    if not ms:
        out["error"] = "the picture did not change after a key press"
    if ms:
        out.update(median_ms=_common.median(ms), p95_ms=_common.percentile(ms, 95),
                   max_ms=max(ms), all_ms=[round(x, 1) for x in ms])
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("targets", nargs="*", help="notebook:slider-label-regex, e.g. 05_loss:slope")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"skipped: {CHROMIUM} is missing (apt-get install -y chromium)")
        return 0
    from playwright.sync_api import sync_playwright

    targets = [t.split(":", 1) for t in (args.targets or DEFAULT)]
    load_before = _common.load()
    print(f"browser latency: {len(targets)} sliders × {args.presses} presses; load {load_before}",
          flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench_lab_") as tmp:
        lab = _conftest.start_lab(_common.ROOT, Path(tmp))
        url, token = lab.url, lab.token
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                            args=CHROMIUM_ARGS)
                for notebook, label_re in targets:
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    page = context.new_page()
                    try:
                        r = measure(page, url, token, notebook, label_re, args.presses)
                    except Exception as exc:  # report and go on with the next notebook
                        r = {"notebook": notebook, "slider": label_re,
                             "error": f"{type(exc).__name__}: {str(exc)[:300]}"}
                    finally:
                        context.close()
                        lab.shutdown_kernels()
                    results.append(r)
                    if "median_ms" in r:
                        print(f"  {notebook:28s} {r['slider'][:24]:24s} median {r['median_ms']:6.1f} ms"
                              f"  p95 {r['p95_ms']:6.1f} ms  ({r['n']} presses)  load "
                              f"{_common.load()[0]}", flush=True)
                    else:
                        print(f"  {notebook}: {r.get('error')}", flush=True)
                browser.close()
        finally:
            _conftest.stop_lab(lab)
    import platform

    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    result = {"load_before": load_before, "presses": args.presses, "sliders": results,
              "browser": chromium or "chromium", "platform": platform.platform()}
    path = _common.save("browser_latency", result)
    print(f"wrote {path.relative_to(_common.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
