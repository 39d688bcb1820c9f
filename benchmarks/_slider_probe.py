"""Runs inside a notebook's kernel (benchmarks/latency.py injects it): records every
interactive a notebook shows, then times one update of each: values in → figure as PNG.

``install()`` wraps ``widget()`` of every ``helpers.widgets.Interactive`` subclass so each
instance a notebook displays is remembered (with the notebook's own constructor arguments
and state). ``measure(samples)`` then, for each remembered interactive, moves every control
through ``samples`` values spread over its range (in a shuffled order, the others held at
their initial values) and times ``update(**values)`` + ``png()``; the drawing pad, which has
no controls, is timed on strokes drawn point by point. It prints one JSON line.
"""

from __future__ import annotations

import json
import time

import numpy as np

SEEN: list = []
_INSTALLED = False


def install() -> None:
    global _INSTALLED
    if _INSTALLED:
        return
    import importlib
    import pkgutil

    from helpers import lessons, widgets

    for module in pkgutil.iter_modules(lessons.__path__):  # every lesson's interactives
        importlib.import_module(f"helpers.lessons.{module.name}")
    classes, todo = [], [widgets.Interactive]
    while todo:
        todo += todo[0].__subclasses__()
        classes.append(todo.pop(0))
    for cls in classes:
        if "widget" not in vars(cls):
            continue
        original = vars(cls)["widget"]

        def widget(self, *args, _original=original, **kwargs):
            box = _original(self, *args, **kwargs)
            if self not in SEEN:
                SEEN.append(self)
            return box

        cls.widget = widget
    _INSTALLED = True


def control_values(control, samples: int, rng) -> list | None:
    """Values spread over a control's range, or None for controls without a value (buttons)."""
    if not hasattr(control, "value") or type(control).__name__ in {"Button", "HTML", "Label"}:
        return None
    options = getattr(control, "_options_values", None)
    if options is not None:
        values = list(options)
    elif isinstance(control.value, bool):
        values = [False, True]
    elif type(control).__name__ == "FloatLogSlider":
        values = list(control.base ** np.linspace(control.min, control.max, samples))
    elif hasattr(control, "min") and hasattr(control, "max"):
        values = list(np.linspace(control.min, control.max, samples))
        if isinstance(control.value, int):
            values = sorted({int(round(v)) for v in values})
        else:
            values = [float(v) for v in values]
    else:
        return None
    values = [v for v in values if v != control.value] or values
    # every value at least once, then repeats, up to `samples` timings, in a shuffled order
    reps = max(1, -(-samples // len(values)))
    out = (values * reps)[:max(samples, len(values))]
    rng.shuffle(out)
    return out


def _time(inter, values) -> float:
    start = time.perf_counter()
    inter.update(**values)
    inter.png()
    return 1000 * (time.perf_counter() - start)


def measure_interactive(inter, samples: int, rng) -> dict:
    controls = getattr(inter, "ui", {}).get("controls", {})
    initial = {k: c.value for k, c in controls.items() if hasattr(c, "value")}
    per_control, all_ms = {}, []
    for name, control in controls.items():
        values = control_values(control, samples, rng)
        if values is None:
            continue
        ms = []
        for v in values:
            ms.append(_time(inter, {**initial, name: v}))
        _time(inter, initial)  # back to the start before the next control
        per_control[name] = {"kind": type(control).__name__, "n": len(ms),
                             "median_ms": float(np.median(ms)),
                             "p95_ms": float(np.percentile(ms, 95)), "max_ms": float(max(ms))}
        all_ms += ms
    if not controls and hasattr(inter, "pen_down"):  # the drawing pad: strokes, point by point
        ms = []
        for k in range(4):
            inter.clear()
            t = np.linspace(0, 2 * np.pi, max(8, samples // 4))
            cx, cy, r = 128 + 10 * k, 128, 70 - 10 * k
            inter.pen_down(cx + r, cy)
            for a in t[1:]:
                inter.pen_move(cx + r * np.cos(a), cy + 1.4 * r * np.sin(a))
                start = time.perf_counter()
                inter.update()
                inter.png()
                ms.append(1000 * (time.perf_counter() - start))
            inter.pen_up()
        per_control["pen stroke"] = {"kind": "canvas", "n": len(ms),
                                     "median_ms": float(np.median(ms)),
                                     "p95_ms": float(np.percentile(ms, 95)), "max_ms": float(max(ms))}
        all_ms += ms
    if not all_ms:
        return {"interactive": type(inter).__name__, "n": 0}
    return {"interactive": type(inter).__name__, "n": len(all_ms),
            "median_ms": float(np.median(all_ms)), "p95_ms": float(np.percentile(all_ms, 95)),
            "max_ms": float(max(all_ms)), "png_kb": round(len(inter.png()) / 1024, 1),
            "controls": per_control}


def measure(samples: int = 60, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    results = []
    for inter in SEEN:
        if getattr(inter, "running", False) and hasattr(inter, "pause"):
            inter.pause()  # the playground: stop background training before timing
        results.append(measure_interactive(inter, samples, rng))
    print("BENCH_RESULT " + json.dumps(results))
