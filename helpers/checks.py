"""Checks for the exercises: run the learner's answer, compare, give friendly feedback.

Introduced in notebooks/00_welcome (how exercises work). This module holds what every
checker shares (`Feedback`, `compare`, `check_function`, `known_mistake`, ...); each lesson's
checkers live in its own module, helpers/lessons/lNN_name.py. `as_numbers` turns a learner's
answer into numbers, or says in words why it cannot.

A checker never raises: it returns a `Feedback` that shows itself as a coloured box in a
notebook (and as one line of text elsewhere). An untouched stub (one that still raises
``NotImplementedError`` or returns ``None``) gets "not done yet", so a notebook with
unsolved exercises still runs top to bottom.
"""

from __future__ import annotations

import html
import warnings
from dataclasses import dataclass

import numpy as np

ICONS = {"correct": "✅", "wrong": "❌", "not done": "⏳", "error": "⚠️"}
COLOURS = {"correct": "#e6f4ea", "wrong": "#fdecea", "not done": "#f1f3f4", "error": "#fff4e5"}


@dataclass
class Feedback:
    """The result of checking one exercise.

    Attributes
    ----------
    status : {"correct", "wrong", "not done", "error"}
    message : str
        What the learner reads: expected vs got, and a hint when it is not right yet.
    """

    status: str
    message: str

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        return f"{ICONS[self.status]} {self.message}"

    def _repr_html_(self) -> str:
        body = html.escape(self.message).replace("\n", "<br>")
        return (f'<div style="background:{COLOURS[self.status]};color:#202124;padding:6px 10px;'
                f'border-radius:4px">{ICONS[self.status]} {body}</div>')


def correct(message: str = "Correct!") -> Feedback:
    """A green "correct" box; ``message`` says what the learner has now built."""
    return Feedback("correct", message)


def wrong(message: str, hint: str = "") -> Feedback:
    """A red "wrong" box: ``message`` says expected vs got, ``hint`` (optional) how to fix it."""
    return Feedback("wrong", message + (f"\nHint: {hint}" if hint else ""))


def not_done(name: str) -> Feedback:
    """A grey "not done yet" box for the untouched stub called ``name``."""
    return Feedback("not done", f"Not done yet: fill in `{name}` above, run that cell, then run this one again.")


def fmt(x) -> str:
    """A short, rounded text form of a number or array for feedback messages."""
    if isinstance(x, (np.ndarray, list, tuple)):
        try:
            arr = np.asarray(x)
        except ValueError:  # ragged nesting such as [1, [2, 3]]
            return repr(x)
        if arr.dtype.kind in "fc":
            return np.array2string(arr, precision=4, suppress_small=True, threshold=20)
        return np.array2string(arr, threshold=20)
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.4g}"
    return repr(x)


def as_numbers(answer, name: str, shape=None, what: str | None = None, *, returned: bool = False,
               stub: bool = False, on: str = "", hint: str = "", finite: bool = True,
               limit: float = 1e12):
    """The learner's answer as numbers, or a Feedback that says why it is not numbers yet.

    Never raises and never warns (numpy's warnings included), whatever ``answer`` is.

    Parameters
    ----------
    answer : anything
        What the learner wrote (a variable) or what their function returned.
    name : str
        How the message calls it: the variable (``"and_params"``) or the function.
    shape : None, (), int or tuple
        None: any shape. ``()``: one number (a one-element array counts as one). An int n:
        n numbers, in any nesting. A tuple: an array of exactly that shape.
    what : str, optional
        What was expected, in words ("three numbers (w1, w2, b)"); by default said from `shape`.
    returned : bool
        True when ``answer`` is what the function ``name`` returned (the message says
        "`name` returned ..."); False for a variable the learner fills in ("`name` is ...").
    stub : bool
        True when the notebook ships ``name = None``: None then means "not done yet".
    on : str
        Words placed after the name, e.g. ``" for x=[1. 2.]"``.
    hint : str
        How a right answer looks or is made; added to the hint of every message.
    finite : bool
        Reject NaN and infinity (set False to let the caller explain them itself).
    limit : float
        Reject numbers beyond ±limit: the check's own arithmetic would overflow on them.

    Returns
    -------
    (value, None)
        ``value`` is a float for ``shape=()``, else a new float64 array: shape (n,) for an int
        n, ``shape`` for a tuple, the answer's own shape for None.
    (None, Feedback)
        "not done" for an untouched stub, otherwise "wrong": what was expected, what came,
        and how to fix it.

    Introduced in notebooks/00_welcome (how exercises work); every lesson's checkers use it.
    """
    if what is None:
        what = ("one number" if shape == () else f"{shape} numbers" if isinstance(shape, int)
                else "numbers" if shape is None else f"numbers in an array of shape {tuple(shape)}")
    subject = f"`{name}`{on} {'returned' if returned else 'is'} "
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        if answer is None and stub:
            return None, not_done(name)
        arr, came, fix = _to_floats(answer, returned)
        if arr is not None:
            arr, came, fix = _fit_shape(arr, answer, shape)
        if arr is not None and finite and not np.all(np.isfinite(arr)):
            arr, came, fix = None, f"{_show(answer)}, which contains NaN or infinity", (
                "NaN comes from 0/0 or inf - inf, infinity from an overflow such as "
                "np.exp(1000): give ordinary finite numbers.")
        elif arr is not None and limit is not None and np.any(np.abs(arr[np.isfinite(arr)]) > limit):
            arr, came, fix = None, f"{_show(answer)}, with numbers beyond ±{limit:g}", (
                "numbers that large overflow the arithmetic of the check: use ordinary sizes.")
        if arr is None:
            parts = [t for t in (fix, hint) if t]
            return None, wrong(f"{subject}{came}; expected {what}.",
                               " ".join(parts[:1] + [t[0].upper() + t[1:] for t in parts[1:]]))
        return (float(arr.reshape(())) if shape == () else arr), None


def _show(x, width: int = 60) -> str:
    """`fmt(x)`, cut to `width` characters (a learner's answer may be anything, and long)."""
    try:
        text = fmt(x)
    except Exception:  # a learner's object whose repr fails
        text = f"a {type(x).__name__}"
    return text if len(text) <= width else text[:width - 3] + "..."


def _to_floats(answer, returned: bool):
    """(float64 array, "", "") or (None, what came, how to fix it) for as_numbers."""
    if answer is None:
        return None, "None", ("a function without `return` gives None: end it with `return ...`."
                              if returned else "replace None with your answer.")
    try:
        arr = np.asarray(answer)
    except Exception:  # ragged nesting such as [1, [2, 3]], or an object that refuses
        if not isinstance(answer, (list, tuple)):
            return _not_numbers(answer)
        return None, f"{_show(answer)}, whose parts have different lengths", (
            "give every row the same length, or each part separately.")
    kind = arr.dtype.kind
    items = list(arr.flat) if kind == "O" else []
    if kind in "US" or any(isinstance(v, (str, bytes)) for v in items):
        return None, f"text: {_show(answer)}", (
            "return numbers, not text (no quotes, str() or f-string)." if returned
            else "write the numbers without quotes: 0.5, not '0.5'.")
    if kind == "b" or any(isinstance(v, (bool, np.bool_)) for v in items):
        return None, f"the yes/no value(s) {_show(answer)}", (
            "True and False are not numbers here: give the number itself.")
    if any(v is None for v in items):
        return None, f"{_show(answer)}, which contains None", "fill in every entry with a number."
    if kind == "c" or any(isinstance(v, complex) for v in items):
        return None, f"the complex number(s) {_show(answer)}", (
            "give real numbers, without an imaginary part.")
    if kind in "iuf":
        return arr.astype(np.float64), "", ""
    if kind != "O":  # dates, durations, records
        return _not_numbers(answer)
    try:
        floats = np.array([float(v) for v in items], dtype=np.float64).reshape(arr.shape)
    except OverflowError:
        return None, f"{_show(answer)}, a number too big for a float", "use ordinary sizes."
    except Exception:  # a dict, a set, a generator, ...
        return _not_numbers(answer)
    return floats, "", ""


def _not_numbers(answer):
    return (None, f"a {type(answer).__name__}: {_show(answer)}",
            "give the numbers as one number, a tuple, a list or a numpy array.")


def _fit_shape(arr, answer, shape):
    """as_numbers' shape check: (array in the wanted shape, "", "") or (None, came, fix)."""
    if shape is None:
        return arr, "", ""
    if shape == () or isinstance(shape, int):
        n = 1 if shape == () else shape
        if arr.size == n:
            return (arr.reshape(()) if shape == () else arr.reshape(n)), "", ""
        count = f"{arr.size} number{'s' * (arr.size != 1)}"
        if shape == ():
            return None, f"{count} (shape {arr.shape}): {_show(arr)}", (
                "give a single number: pick one, or reduce the array (np.mean, np.sum, ...).")
        return None, f"{count}: {_show(answer)}", f"give exactly {n} numbers."
    if arr.shape == tuple(shape):
        return arr, "", ""
    return None, f"an array of shape {arr.shape}: {_show(arr)}", ""


def call(fn, *args):
    """Run the learner's function ``fn(*args)``, with numpy's warnings silenced.

    Returns
    -------
    (result, None), or (None, Feedback) when ``fn`` is not a function, is not done yet (a stub,
    or ``NotImplementedError``), returned None or raised (said in words, never as a traceback).
    """
    name = getattr(fn, "__name__", "your function")
    if not callable(fn):
        return None, Feedback("error", f"Expected a function, got {type(fn).__name__}. "
                                       "Pass the function itself, without calling it: check(neuron), not check(neuron()).")
    try:
        with np.errstate(all="ignore"):
            out = fn(*args)
    except NotImplementedError:
        return None, not_done(name)
    except Exception as exc:  # the learner's code: report it in words
        return None, Feedback("error", f"`{name}` raised {type(exc).__name__}: {exc}\n"
                                       f"It was called with {', '.join(fmt(a) for a in args)}.")
    if out is None:
        return None, not_done(name) if _is_stub(fn) else Feedback(
            "wrong", f"`{name}` returned None. Did you forget `return`?")
    return out, None


def _is_stub(fn) -> bool:
    code = getattr(fn, "__code__", None)
    # a body that is only `...`/`pass`/a docstring compiles to almost nothing
    return code is not None and len(code.co_code) <= 8 and not code.co_names


def compare(got, expected, name: str, args=(), hint: str = "", atol: float = 1e-6,
            rtol: float = 1e-6) -> Feedback | None:
    """None when `got` matches `expected` (shape and values); otherwise a Feedback saying how not.

    ``got`` is what the function ``name`` returned for ``args``; it is read with `as_numbers`,
    so text, None, yes/no values and huge numbers are explained, not compared.
    """
    on = f" for {', '.join(fmt(a) for a in args)}" if args else ""
    e = np.asarray(expected, dtype=float)
    g, problem = as_numbers(got, name, what=f"numbers like {fmt(e)}", returned=True, on=on,
                            hint=hint, finite=False)
    if problem is not None:
        return problem
    if g.shape != e.shape:
        return wrong(f"`{name}`{on} returned shape {g.shape}, expected shape {e.shape}.", hint)
    if not np.all(np.isfinite(g)):
        return wrong(f"`{name}`{on} returned {fmt(g)}, which contains NaN or infinity; expected {fmt(e)}.", hint)
    if not np.allclose(g, e, atol=atol, rtol=rtol):
        return wrong(f"`{name}`{on} returned {fmt(g)}, expected {fmt(e)}.", hint)
    return None


def check_function(fn, reference, cases, hint: str = "", atol: float = 1e-6,
                   success: str = "") -> Feedback:
    """Compare a learner's function with the reference on every case.

    Parameters
    ----------
    fn : the learner's function
    reference : the correct function (same arguments)
    cases : list of argument tuples
    hint : str
        Shown when an answer is wrong.
    success : str
        Added to "Correct!" to say what the learner has now built.
    """
    name = getattr(fn, "__name__", "your function")
    for args in cases:
        got, problem = call(fn, *args)
        if problem is not None:  # not `if problem`: a Feedback is truthy only when correct
            return problem
        problem = compare(got, reference(*args), name, args, hint, atol=atol)
        if problem is not None:
            return problem
    return correct(f"Correct! `{name}` matches the reference on all {len(cases)} test cases. {success}".strip())


def known_mistake(got, candidates, right=None, atol: float = 1e-8):
    """What the learner did wrong, when `got` equals the result of a typical mistake.

    Parameters
    ----------
    got : what the learner's function returned
    candidates : iterable of (value, payload)
        ``value`` is what a typical mistake returns for the same inputs (None: not applicable
        here); ``payload`` is what to say about it (a message, or anything the caller wants).
    right : the correct answer, optional
        A mistake that gives the right numbers for these inputs is skipped.

    Returns
    -------
    The payload of the first matching candidate, or None.
    """
    if isinstance(got, np.ndarray) and got.dtype == bool:
        got = got.astype(float)  # a mask returned as is still matches the mistake it is
    g, problem = as_numbers(got, "")
    if problem is not None:
        return None

    def same(a, b):
        return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=atol)

    ok = None if right is None else np.asarray(right, dtype=float)
    for value, payload in candidates:
        if value is None:
            continue
        v = np.asarray(value, dtype=float)
        if np.all(np.isfinite(v)) and same(g, v) and (ok is None or not same(v, ok)):
            return payload
    return None
