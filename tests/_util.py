"""Small tools shared by the core-library tests (not a conftest: import what you need).

The numerical gradient here is written independently of helpers.gradcheck, so the tests of
layers and losses do not rely on the code they also test in test_gradcheck.py.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

H = 1e-5  # central-difference step: near the float64 optimum eps**(1/3), so rounding and truncation errors are both ~1e-10
TOL = 1e-6  # relative error allowed between analytic and numerical gradients


def num_grad(f, x: np.ndarray, h: float = H) -> np.ndarray:
    """Central differences of the scalar function f() with respect to x (nudged in place)."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f()
        x[i] = old - h
        down = f()
        x[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad


def rel_err(a, b) -> float:
    """Norm-wise relative error ||a - b|| / max(||a|| + ||b||, 1e-6).

    Norm-wise rather than elementwise, so an entry whose true gradient is ~0 (where the
    finite-difference noise dominates) does not make a correct gradient look wrong. The
    floor does the same for a whole gradient that is tiny (e.g. inputs of 1e-69), which
    central differences cannot resolve; a wrong gradient of normal size still scores ~1.
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    denom = max(np.linalg.norm(a) + np.linalg.norm(b), 1e-6)
    return float(np.linalg.norm(a - b) / denom)


def away_from_zero(x: np.ndarray, margin: float = 1e-3) -> np.ndarray:
    """Push entries with |x| < margin out to ±margin: keeps ReLU's kink out of the nudges."""
    return np.where(np.abs(x) < margin, np.where(x < 0, -margin, margin), x)


def float_arrays(shape, lo: float = -3.0, hi: float = 3.0):
    """A hypothesis strategy for float64 arrays of `shape` with entries in [lo, hi]."""
    return hnp.arrays(np.float64, shape, elements=st.floats(lo, hi, allow_nan=False, width=64))


dims = st.integers(1, 4)  # sizes of N, D, H, C in generated shapes


def drive_every_control(demo) -> dict:
    """Build an interactive's widget, move every control to both ends of its range, and check
    each move leaves a PNG in the picture; returns the widget's parts (``demo.ui``) so a test
    can check what changed."""
    demo.widget()
    ui = demo.ui
    before = ui["image"].value
    for name, ctrl in ui["controls"].items():
        for v in (ctrl.min, ctrl.max):
            ctrl.value = v
            assert ui["image"].value[:4] == b"\x89PNG", name
    assert ui["image"].value != before, "moving the controls never changed the picture"
    return ui
