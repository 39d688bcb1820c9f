"""Checks for the exercises: run the learner's answer, compare, give friendly feedback.

Introduced in notebooks/00_welcome (how exercises work). This module holds what every
checker shares (`Feedback`, `compare`, `check_function`, `known_mistake`, ...); each lesson's
checkers live in its own module, helpers/lessons/lNN_name.py.

A checker never raises: it returns a `Feedback` that shows itself as a coloured box in a
notebook (and as one line of text elsewhere). An untouched stub (one that still raises
``NotImplementedError`` or returns ``None``) gets "not done yet", so a notebook with
unsolved exercises still runs top to bottom.
"""

from __future__ import annotations

import html
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
    return Feedback("correct", message)


def wrong(message: str, hint: str = "") -> Feedback:
    return Feedback("wrong", message + (f"\nHint: {hint}" if hint else ""))


def not_done(name: str) -> Feedback:
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


def call(fn, *args):
    """Run the learner's function: returns (result, None), or (None, Feedback) when it
    is not done yet or raised an error (shown in words, never as a traceback)."""
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
    """None when `got` matches `expected` (shape and values); otherwise a Feedback saying how not."""
    on = f" for {', '.join(fmt(a) for a in args)}" if args else ""
    try:
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return wrong(f"`{name}`{on} returned {type(got).__name__} {fmt(got)}, expected numbers like {fmt(expected)}.", hint)
    e = np.asarray(expected, dtype=float)
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
    try:
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
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
