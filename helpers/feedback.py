"""What a checker answers: a `Feedback`, which a notebook shows as a coloured box.

Introduced in notebooks/00_welcome (how exercises work). helpers.checks builds on it (and
re-exports every name here); `Feedback`, `correct`, `wrong` and `not_done` are what a
lesson's checker returns, `fmt` writes numbers and arrays into its messages.
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass

import numpy as np

from .validate import _describe, choice, positive_int

ICONS = {"correct": "✅", "wrong": "❌", "not done": "⏳", "error": "⚠️"}
COLOURS = {"correct": "#e6f4ea", "wrong": "#fdecea", "not done": "#f1f3f4", "error": "#fff4e5"}

# the check that is running now, set by helpers.checks.call: .run is the checker's run (what
# the learner's code printed, what numpy met), .guarded is True inside the learner's code
_here = threading.local()


@dataclass
class Feedback:
    """The result of checking one exercise.

    Attributes
    ----------
    status : {"correct", "wrong", "not done", "error"}
    message : str
        What the learner reads: expected vs got, and a hint when it is not right yet.

    A Feedback made while a checker runs (see `checks.call`) ends with what the learner's function
    printed (its first `checks.PRINT_LINES` lines, and how much more was cut) and, unless it says
    "correct", what numpy met while it ran (overflow, 0/0, ...) and the warnings it gave.

    Introduced in notebooks/00_welcome.
    """

    status: str
    message: str

    def __post_init__(self):
        choice(self.status, "status", "Feedback", ICONS)
        _text(self.message, "message", "Feedback")
        run = getattr(_here, "run", None)
        if run is not None and run.on_stack():
            for note in run.notes(self.status):
                if note not in self.message:
                    self.message += "\n" + note

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        return f"{ICONS[self.status]} {self.message}"

    def _repr_html_(self) -> str:
        body = html.escape(self.message).replace("\n", "<br>")
        return (f'<div style="background:{COLOURS[self.status]};color:#202124;padding:6px 10px;'
                f'border-radius:4px">{ICONS[self.status]} {body}</div>')


def correct(message: str = "Correct!") -> Feedback:
    """A green "correct" box; ``message`` says what the learner has now built.

    Introduced in notebooks/00_welcome.
    """
    return Feedback("correct", _text(message, "message", "correct"))


def wrong(message: str, hint: str = "") -> Feedback:
    """A red "wrong" box: ``message`` says expected vs got, ``hint`` (optional) how to fix it.

    Introduced in notebooks/00_welcome.
    """
    message, hint = _text(message, "message", "wrong"), _text(hint, "hint", "wrong", empty=True)
    return Feedback("wrong", message + (f"\nHint: {hint}" if hint else ""))


def not_done(name: str) -> Feedback:
    """A grey "not done yet" box for the untouched stub called ``name``.

    Introduced in notebooks/00_welcome.
    """
    name = _text(name, "name", "not_done")
    return Feedback("not done", f"Not done yet: fill in `{name}` above, run that cell, then run this one again.")


def fmt(x, width: int = 1000) -> str:
    """A short, rounded text form of a number or array for feedback messages.

    Never raises (an object whose repr fails is named by its type) and gives at most `width`
    characters.

    Introduced in notebooks/00_welcome.
    """
    width = positive_int(width, "width", "fmt", minimum=4)  # room for "..." and one character
    try:
        text = _fmt(x)
    except Exception:  # a learner's object whose repr fails
        text = f"a {type(x).__name__}"
    return text if len(text) <= width else text[:width - 3] + "..."


def _text(v, name: str, where: str, empty: bool = False) -> str:
    """`v` if it is a str (non-empty unless `empty`), else an error for the course's author."""
    if not isinstance(v, str):
        raise TypeError(f"{where}: expected {name} to be text (a str), got {_describe(v)}. Fix: "
                        "write the words in quotes or an f-string; fmt(x) writes a number.")
    if not v and not empty:
        raise ValueError(f"{where}: {name} is empty text: the learner would read nothing. Fix: "
                         "say what was expected and what came.")
    return v


def _fmt(x) -> str:
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
