"""Input checks that teach.

Every public helper calls these before doing any numpy work, so a learner who passes the
wrong thing reads one sentence saying what was expected, what came and how to fix it,
instead of a traceback from deep inside numpy.

Introduced in notebooks/01_the_neuron (used by every lesson after it).
"""

from __future__ import annotations

import numpy as np


class NotFiniteError(ValueError):
    """An array held NaN or infinity. In training this means the weights blew up (divergence)."""


def _describe(x) -> str:
    """A short, learner-friendly description of what was passed."""
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, (list, tuple)):
        return f"a {type(x).__name__} of length {len(x)}"
    return f"{type(x).__name__} {x!r}"


def as_array(x, name: str, where: str, *, ndim: int | None = None,
             shape: tuple | None = None, finite: bool = True) -> np.ndarray:
    """Return `x` as a float numpy array after checking it.

    Parameters
    ----------
    x : array_like
        What the learner passed.
    name, where : str
        The argument's name and the function that received it, used in messages.
    ndim : int, optional
        The number of axes required.
    shape : tuple, optional
        Required shape; ``None`` entries match any size (e.g. ``(None, 3)`` for (N, 3)).
    finite : bool
        Reject NaN and infinity.

    Raises
    ------
    TypeError
        When `x` is not numeric (strings, None, objects).
    ValueError
        When the number of axes, the shape, or finiteness is wrong (for NaN/infinity: the
        subclass `NotFiniteError`, which `train.fit` reports as divergence).
    """
    if isinstance(x, np.ndarray) and x.dtype.kind == "f":
        arr = x
    else:
        try:
            arr = np.asarray(x, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(
                f"{where}: expected {name} to be numbers (a numpy array or a list of floats), "
                f"got {_describe(x)}. Fix: pass numbers, e.g. np.array([[0.5, -1.0]])."
            ) from None
    if shape is not None and ndim is None:
        ndim = len(shape)  # a wrong number of axes gets the more helpful hint below
    # the messages below are built only when something is wrong (this runs on every batch)
    if ndim is not None and arr.ndim != ndim:
        want = _shape_text(shape if shape is not None else (None,) * ndim)  # e.g. "(N, D)"
        hint = ""
        if ndim == 2 and arr.ndim == 1:
            hint = f" Add a batch axis with {name}[None, :] for one example, or {name}[:, None] for one feature."
        elif ndim == 1 and arr.ndim == 2 and 1 in arr.shape:
            hint = f" Flatten it with {name}.ravel()."
        raise ValueError(f"{where}: expected {name} of shape {want}, got {arr.shape}.{hint}")
    if shape is not None:
        ok = len(shape) == arr.ndim and all(s is None or s == a for s, a in zip(shape, arr.shape))
        if not ok:
            raise ValueError(
                f"{where}: expected {name} of shape {_shape_text(shape)}, got {arr.shape}. "
                "Check that the layer sizes match the data (the number of columns is the number of features)."
            )
    bad = arr.size - np.count_nonzero(np.isfinite(arr)) if finite else 0  # NaN/inf count
    if bad:
        raise NotFiniteError(
            f"{where}: {name} contains {bad} NaN or infinite value(s). "
            "Fix: clean the data, or if this came from training, lower the learning rate."
        )
    return arr


def _shape_text(shape: tuple) -> str:
    letters = iter("NDHCMK")
    parts = [str(s) if s is not None else next(letters) for s in shape]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def positive_int(n, name: str, where: str, *, minimum: int = 1) -> int:
    """Check that `n` is a whole number >= `minimum` and return it as int."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"{where}: expected {name} to be a whole number, got {_describe(n)}.")
    if n < minimum:
        raise ValueError(f"{where}: expected {name} >= {minimum}, got {n}.")
    return int(n)


def number_in(v, name: str, where: str, *, low=None, high=None,
              low_open: bool = False, high_open: bool = False) -> float:
    """Check that `v` is a finite real number within [low, high] (open ends as asked)."""
    if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
        raise TypeError(f"{where}: expected {name} to be a number, got {_describe(v)}.")
    v = float(v)
    lo_bad = low is not None and (v <= low if low_open else v < low)
    hi_bad = high is not None and (v >= high if high_open else v > high)
    if not np.isfinite(v) or lo_bad or hi_bad:
        lb = "(" if low_open else "["
        hb = ")" if high_open else "]"
        rng = f"{lb}{'-inf' if low is None else low}, {'inf' if high is None else high}{hb}"
        raise ValueError(f"{where}: expected {name} in {rng}, got {v}.")
    return v


def labels(y, n: int, n_classes: int | None, where: str) -> np.ndarray:
    """Check integer class labels of shape (N,) in 0..C-1 and return them as int64."""
    arr = np.asarray(y)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr.ravel()
    if arr.ndim != 1 or arr.shape[0] != n:
        raise ValueError(
            f"{where}: expected y of shape ({n},) with one class label per example, got {arr.shape}."
        )
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
            raise ValueError(
                f"{where}: expected whole-number class labels, got values such as {arr[:3]}. "
                "Fix: labels are integers 0..C-1; use y.astype(int)."
            )
    elif arr.dtype.kind not in "iub":
        raise TypeError(f"{where}: expected integer class labels, got dtype {arr.dtype}.")
    arr = arr.astype(np.int64, copy=False)  # int64 labels pass through without a copy
    if n_classes is not None and arr.size and (arr.min() < 0 or arr.max() >= n_classes):
        raise ValueError(
            f"{where}: labels must be in 0..{n_classes - 1} for {n_classes} classes, "
            f"got values from {arr.min()} to {arr.max()}."
        )
    return arr
