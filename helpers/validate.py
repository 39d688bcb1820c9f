"""Input checks that teach.

Every public helper calls these before doing any numpy work, so a learner who passes the
wrong thing reads one sentence saying what was expected, what came and how to fix it,
instead of a traceback from deep inside numpy.

Introduced in notebooks/01_the_neuron (used by every lesson after it).
"""

from __future__ import annotations

import threading
import warnings

import numpy as np


class NotFiniteError(ValueError):
    """An array held NaN or infinity. In training this means the weights blew up (divergence).

    Introduced in notebooks/01_the_neuron.
    """


def _describe(x) -> str:
    """A short, learner-friendly description of what was passed."""
    if x is None:
        return "None (a function that forgot to `return` gives None)"
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, (list, tuple)):
        return f"a {type(x).__name__} of length {len(x)}"
    if isinstance(x, type):
        return f"the class {x.__name__} itself (did you mean {x.__name__}(...)?)"
    text = repr(x)
    return f"{type(x).__name__} {text if len(text) <= 60 else text[:57] + '...'}"


def as_array(x, name: str, where: str, *, ndim: int | None = None,
             shape: tuple | None = None, finite: bool | None = True,
             empty: bool = False) -> np.ndarray:
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
        Required shape; ``None`` entries match any size (e.g. ``(None, 3)`` for (N, 3)). A
        leading ``...`` allows any number of axes before the rest: ``(..., None, 3)`` takes
        (N, 3), (B, N, 3) and so on, but not (3,).
    finite : bool or None
        Reject NaN and infinity. None: only where data comes in, that is outside a `boundary`
        (what layers and losses ask for their input: inside, the data was checked once).
    empty : bool
        Accept an array with no values (a size-0 axis). By default an empty array gets its
        own message, since it is almost always a slice or a filter that kept nothing.

    Raises
    ------
    TypeError
        When `x` is not numeric (strings, None or a list holding None, objects).
    ValueError
        When `x` is empty, or the number of axes, the shape, or finiteness is wrong (for NaN/infinity: the
        subclass `NotFiniteError`, which `train.fit` reports as divergence).

    Introduced in notebooks/01_the_neuron.
    """
    if isinstance(x, np.ndarray) and x.dtype.kind == "f":
        arr = x
    else:
        arr = _to_float(x, name, where)
    # the messages below are built only when something is wrong (this runs on every batch)
    if not empty and arr.size == 0:
        raise ValueError(
            f"{where}: {name} is empty (shape {arr.shape}): there is nothing to work on. "
            "Fix: check the slice or filter that made it; it kept no values."
        )
    if shape is not None:
        _check_shape(arr, shape, name, where)
    elif ndim is not None and arr.ndim != ndim:
        _check_shape(arr, (None,) * ndim, name, where)
    if finite is None:
        finite = not _BOUNDARY.inside
    if finite and arr.size - np.count_nonzero(np.isfinite(arr)):
        bad = arr.size - np.count_nonzero(np.isfinite(arr))  # NaN/inf count
        raise NotFiniteError(
            f"{where}: {name} contains {bad} NaN or infinite value(s). "
            "Fix: clean the data, or if this came from training, lower the learning rate."
        )
    return arr


def _to_float(x, name: str, where: str) -> np.ndarray:
    """`x` as a float array, or a TypeError that names what in it is not a number."""
    fix = "Fix: pass numbers, e.g. np.array([[0.5, -1.0]])."
    if x is None or isinstance(x, (str, bytes, dict, set)) or callable(x):
        raise TypeError(f"{where}: expected {name} to be numbers (a numpy array or a list of "
                        f"floats), got {_describe(x)}. {fix}")
    try:
        raw = np.asarray(x)
    except ValueError:  # a ragged list: rows of different lengths
        raise ValueError(f"{where}: expected {name} to be a rectangular table of numbers, got "
                         f"{_describe(x)} whose rows have different lengths. Fix: give every "
                         "row the same number of values.") from None
    if raw.dtype.kind == "O":
        flat = list(raw.ravel()) if raw.ndim else [raw.item()]
        if any(v is None for v in flat):
            raise TypeError(f"{where}: expected {name} to be numbers, got a "
                            f"{type(x).__name__} holding None at position "
                            f"{next(i for i, v in enumerate(flat) if v is None)} (counted row "
                            "by row). A function that forgot to `return` gives None.")
    if raw.dtype.kind in "biuf":
        return raw.astype(float, copy=False)
    kind = _KINDS.get(raw.dtype.kind)
    if kind is not None:  # text, complex numbers, dates: never silently turned into floats
        real = "" if kind == "text" else "real "
        raise TypeError(f"{where}: expected {name} to be {real}numbers, got {kind} "
                        f"({_describe(x)}). {_KIND_FIX.get(raw.dtype.kind, fix)}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. a complex number inside a list of objects
            return raw.astype(float)
    except (TypeError, ValueError, Warning):
        raise TypeError(f"{where}: expected {name} to be numbers (a numpy array or a list "
                        f"of floats), got {_describe(x)}. {fix}") from None


_KINDS = {"U": "text", "S": "text", "c": "complex numbers", "M": "dates", "m": "time spans",
          "V": "raw records"}
_KIND_FIX = {"U": "Fix: numbers written as text become numbers with np.asarray(x, dtype=float).",
             "S": "Fix: numbers written as text become numbers with np.asarray(x, dtype=float).",
             "c": "Fix: keep the real part with x.real if the imaginary part is 0."}


def _check_shape(arr: np.ndarray, shape: tuple, name: str, where: str) -> None:
    """Raise the ValueError of `as_array` when arr does not have `shape` (see there)."""
    lead = len(shape) > 0 and shape[0] is Ellipsis
    core = shape[1:] if lead else shape
    axes_ok = arr.ndim >= len(core) if lead else arr.ndim == len(core)
    if axes_ok:  # a plain loop: this runs for every layer of every batch
        for want, size in zip(core, arr.shape[arr.ndim - len(core):]):
            if want is not None and want != size:
                break
        else:
            return
    # show the leading "..." only when the array has more axes than the core: a learner who
    # passed (3,) reads "(N, 3)", the shape to aim for
    want = _shape_text(core, lead and arr.ndim > len(core))
    if not axes_ok:  # a wrong number of axes: say how to add or remove one
        hint = ""
        if len(core) == 2 and arr.ndim == 1:
            hint = f" Add a batch axis with {name}[None, :] for one example, or {name}[:, None] for one feature."
        elif len(core) == 1 and arr.ndim == 2 and 1 in arr.shape:
            hint = f" Flatten it with {name}.ravel()."
        raise ValueError(f"{where}: expected {name} of shape {want}, got {arr.shape}.{hint}")
    raise ValueError(
        f"{where}: expected {name} of shape {want}, got {arr.shape}. "
        "Check that the layer sizes match the data (the number of columns is the number of features)."
    )


_NO_DATA = object()  # boundary() without data (None is data: a learner's forgotten return)


class _Boundary(threading.local):
    inside = False  # per thread, so a background training loop cannot switch off another's checks


_BOUNDARY = _Boundary()


def inside_boundary() -> bool:
    """True while an outer call (`boundary`) has already checked the data this call works on.

    Layers and losses ask this before checking their input for NaN and infinity: inside a
    ``Sequential.forward``, ``train.train_step`` or ``train.fit`` their inputs were computed
    from data checked once where it came in, so checking again in every layer of every step
    would only cost time. Called on its own, a layer is its own boundary and checks.

    Introduced in notebooks/01_the_neuron.
    """
    return _BOUNDARY.inside


class boundary:
    """Where data comes into a model: check it once here, not again in every layer.

    ``with boundary(x, "x", "Sequential.forward") as x:`` gives x back as a float array,
    checked for NaN and infinity if this is the outermost boundary (the call the learner
    made); inside the block `inside_boundary` is True, so the layers and losses it calls skip
    their own NaN checks. A NaN born inside (divergence) then reaches the loss, which returns
    it, and ``fit`` reports it in words. ``boundary()`` without data marks a block whose data
    the caller has already checked (``fit`` checks X, y and val once, then trains).

    The layers are not touched: the state is one flag per thread, put back on the way out, so
    a layer taken out of a Sequential behaves as it did before.

    Used by every ``Sequential.forward`` (notebooks/04_forward_pass) and by ``train_step`` and
    ``fit`` (notebooks/08_training_loop).
    """

    __slots__ = ("x", "name", "where", "outer")

    def __init__(self, x=_NO_DATA, name: str = "x", where: str = ""):
        self.x, self.name, self.where = x, name, where

    def __enter__(self):
        self.outer = not _BOUNDARY.inside
        if self.x is not _NO_DATA:  # outermost: check everything; inside: only make it an array
            self.x = as_array(self.x, self.name, self.where, finite=self.outer)
        _BOUNDARY.inside = True
        return self.x

    def __exit__(self, *exc) -> None:
        if self.outer:
            _BOUNDARY.inside = False


def _shape_text(shape: tuple, lead: bool = False) -> str:
    """``(None, 3)`` -> ``"(N, 3)"``; with ``lead``, ``"(..., N, 3)"``."""
    letters = iter("NDHCMK")
    parts = ["..."] * lead + [str(s) if s is not None else next(letters) for s in shape]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def positive_int(n, name: str, where: str, *, minimum: int = 1) -> int:
    """Check that `n` is a whole number >= `minimum` and return it as int.

    Introduced in notebooks/01_the_neuron.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"{where}: expected {name} to be a whole number, got {_describe(n)}.")
    if n < minimum:
        raise ValueError(f"{where}: expected {name} >= {minimum}, got {n}.")
    return int(n)


def number_in(v, name: str, where: str, *, low=None, high=None,
              low_open: bool = False, high_open: bool = False) -> float:
    """Check that `v` is a finite real number within [low, high] (open ends as asked).

    Introduced in notebooks/01_the_neuron.
    """
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
    """Check integer class labels of shape (N,) in 0..C-1 and return them as int64.

    Introduced in notebooks/00_welcome.
    """
    arr = label_array(y, "y", where)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr.ravel()
    if arr.ndim != 1 or arr.shape[0] != n:
        if arr.size == 0:
            raise ValueError(f"{where}: y is empty (shape {arr.shape}): there are no labels. "
                             "Fix: check the slice or filter that made it; it kept no values.")
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
        got = (f"text such as {arr.ravel()[:3].tolist()}" if arr.dtype.kind in "US"
               else _describe(y))
        raise TypeError(f"{where}: expected integer class labels 0..C-1, got {got}. "
                        "Fix: labels are whole numbers, e.g. np.array([0, 2, 1]).")
    arr = arr.astype(np.int64, copy=False)  # int64 labels pass through without a copy
    # one pass instead of two (this runs on every batch): read as unsigned numbers, negative
    # labels become huge, so a single maximum catches both ends
    if n_classes is not None and arr.size and arr.view(np.uint64).max() >= n_classes:
        raise ValueError(
            f"{where}: labels must be in 0..{n_classes - 1} for {n_classes} classes, "
            f"got values from {arr.min()} to {arr.max()}."
        )
    return arr


def label_array(y, name: str, where: str) -> np.ndarray:
    """`y` as a numeric array of at least one axis, or an error in words (None, strings,
    a list holding None, a single number, an empty array). Range and shape: see callers.

    Introduced in notebooks/00_welcome (used by data, train and the losses).
    """
    if isinstance(y, np.ndarray) and y.dtype.kind in "biuf" and y.ndim and y.size:
        return y
    what = f"{name} to be class labels (whole numbers 0..C-1, an array or a list)"
    if y is None or isinstance(y, (str, bytes, dict, set, type)) or callable(y):
        raise TypeError(f"{where}: expected {what}, got {_describe(y)}.")
    try:
        arr = np.asarray(y)
    except ValueError:  # ragged
        raise ValueError(f"{where}: expected {name} to be one label per example, got "
                         f"{_describe(y)} whose items have different lengths. Fix: a flat list "
                         "such as [0, 2, 1].") from None
    if arr.dtype.kind in "USa":
        raise TypeError(f"{where}: expected {what}, got text such as {arr.ravel()[:2].tolist()}. "
                        f"Fix: np.asarray({name}, dtype=int).")
    if arr.dtype.kind not in "biuf":
        arr = as_array(y, name, where, empty=True)  # None or objects inside: said in words
    if arr.ndim == 0:
        raise ValueError(f"{where}: expected {name} with one label per example, got the single "
                         f"number {arr.item()!r}. Fix: pass an array or a list, e.g. [0, 1, 1].")
    if arr.size == 0:
        raise ValueError(f"{where}: {name} is empty (shape {arr.shape}): there are no labels. "
                         "Fix: check the slice or filter that made it; it kept no values.")
    return arr


def choice(v, name: str, where: str, options) -> object:
    """Check that `v` is one of `options` and return it; a near miss is named.

    Introduced in notebooks/01_the_neuron.
    """
    options = list(options)
    try:
        if any(v is o or (type(v) is type(o) and v == o) for o in options) or (
                isinstance(v, (int, float, np.number)) and not isinstance(v, bool) and v in options):
            return v
    except (TypeError, ValueError):  # not comparable, or an array (its == gives an array)
        pass
    text = ", ".join(repr(o) for o in options)
    near = _near(v, options)
    hint = f" Did you mean {near!r}?" if near is not None else ""
    raise ValueError(f"{where}: {name} must be one of {text}; got {_describe(v)}.{hint}")


def known_names(given, known, where: str) -> None:
    """Reject keyword names that are not in `known`, naming the nearest one.

    Introduced in notebooks/01_the_neuron.
    """
    known = list(known)
    unknown = [k for k in given if k not in known]
    if unknown:
        k = unknown[0]
        near = _near(k, known)
        hint = f" Did you mean {near!r}?" if near is not None else ""
        raise TypeError(f"{where}: got an unknown name {k!r}. The names it knows are "
                        f"{', '.join(known)}.{hint}")


def _near(v, options):
    """The option closest to `v` when v is a string: same letters in another case, or a
    likely misspelling; else None."""
    if not isinstance(v, str):
        return None
    strings = [o for o in options if isinstance(o, str)]
    for o in strings:
        if o.lower() == v.lower():
            return o
    import difflib

    close = difflib.get_close_matches(v, strings, n=1, cutoff=0.6)
    return close[0] if close else None


def limits(lim, name: str, where: str) -> tuple:
    """A (low, high) pair of finite numbers with low < high, as a tuple of floats.

    Introduced in notebooks/02_weights_and_biases (axis limits of the plots and surfaces).
    """
    arr = as_array(lim, name, where)
    if arr.shape != (2,):
        raise ValueError(f"{where}: expected {name} to be two numbers (low, high), got shape "
                         f"{arr.shape}. Fix: e.g. {name}=(-3, 3).")
    if not arr[0] < arr[1]:
        raise ValueError(f"{where}: expected {name} = (low, high) with low < high, got "
                         f"({arr[0]:g}, {arr[1]:g}). Fix: put the smaller number first.")
    return float(arr[0]), float(arr[1])


def flag(v, name: str, where: str) -> bool:
    """`v` if it is True or False, else a TypeError in words.

    Introduced in notebooks/01_the_neuron.
    """
    if not isinstance(v, (bool, np.bool_)):
        raise TypeError(f"{where}: expected {name} to be True or False, got {_describe(v)}.")
    return bool(v)
