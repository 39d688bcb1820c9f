"""Checks for the exercises: run the learner's answer, compare, give friendly feedback.

Introduced in notebooks/00_welcome (how exercises work). This module holds what every
checker shares (`Feedback`, `compare`, `check_function`, `known_mistake`, ...); each lesson's
checkers live in its own module, helpers/lessons/lNN_name.py. `as_numbers` turns a learner's
answer into numbers, or says in words why it cannot.

A checker never raises: it returns a `Feedback` that shows itself as a coloured box in a
notebook (and as one line of text elsewhere). An untouched stub (one that still raises
``NotImplementedError`` or returns ``None``) gets "not done yet", so a notebook with
unsolved exercises still runs top to bottom.

Every checker runs the learner's code through `call`, and nowhere else: it turns an exception
into words, keeps what the function prints out of the notebook (the feedback shows its first
lines), hands it copies of the checker's arrays and lists, silences numpy's warnings, and stops
a function that runs too long (`TIME_LIMIT` seconds for all the calls of one checker).
"""

from __future__ import annotations

import contextlib
import io
import linecache
import os
import signal
import sys
import sysconfig
import threading
import time
import warnings

import numpy as np

from .feedback import COLOURS, ICONS, Feedback, _fmt, _here, _text, correct, fmt, not_done, wrong  # noqa: F401
from .validate import _describe, as_array, flag, number_in, positive_int

TIME_LIMIT = 10.0  # seconds of the learner's code one checker runs, over all its `call`s
PRINT_LINES = 5  # lines of what the learner's code printed that a Feedback shows


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
    where = "checks.as_numbers"
    _text(name, "name", where, empty=True)
    shape = _shape_option(shape, where)
    for key, v in (("what", what), ("on", on), ("hint", hint)):
        if v is not None or key != "what":
            _text(v, key, where, empty=True)
    for key, v in (("returned", returned), ("stub", stub), ("finite", finite)):
        flag(v, key, where)
    if limit is not None:
        limit = number_in(limit, "limit", where, low=0, low_open=True, high=float("inf"))
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


def _shape_option(shape, where: str):
    """as_numbers' `shape`: None, (), a whole number n >= 1, or a tuple of sizes."""
    if shape is None or shape == ():
        return shape
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        return positive_int(shape, "shape", where)
    if isinstance(shape, (tuple, list)) and all(
            isinstance(n, (int, np.integer)) and not isinstance(n, bool) and n >= 0 for n in shape):
        return tuple(int(n) for n in shape)
    raise TypeError(f"{where}: expected shape to be None (any shape), () (one number), a whole "
                    f"number n (n numbers) or a tuple of sizes such as (2, 3), got "
                    f"{_describe(shape)}.")


def _tolerance(v, name: str, where: str) -> float:
    """A tolerance: a finite number >= 0."""
    return number_in(v, name, where, low=0)


def _show(x, width: int = 60) -> str:
    """`fmt(x)`, cut to `width` characters (a learner's answer may be anything, and long)."""
    return fmt(x, width)


def _to_floats(answer, returned: bool):
    """(float64 array, "", "") or (None, what came, how to fix it) for as_numbers."""
    if answer is None:
        return None, "None", ("a function without `return` gives None: end it with `return ...`."
                              if returned else "replace None with your answer.")
    try:
        arr = np.asarray(answer)
    except ValueError:  # ragged nesting such as [1, [2, 3]]
        if not isinstance(answer, (list, tuple)):
            return _not_numbers(answer)
        return None, f"{_show(answer)}, whose parts have different lengths", (
            "give every row the same length, or each part separately.")
    except Exception:  # an object that refuses to be an array
        return _not_numbers(answer)
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
    kind, shown = f"a {type(answer).__name__}", _show(answer)
    return (None, kind if shown == kind else f"{kind}: {shown}",  # shown is kind: repr failed
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


_NO_FUNCTION = object()


def call(fn=_NO_FUNCTION, *args, **kwargs):
    """Run the learner's function ``fn(*args)`` so that nothing it does can hurt the check.

    - an exception becomes a Feedback in words: its name, its message and the line of the
      learner's code it came from (never a traceback); ``KeyboardInterrupt`` is let through,
      so the learner can always stop a cell;
    - what it prints is caught, not shown: a Feedback made during the check shows its first
      `PRINT_LINES` lines and says how much more was cut;
    - it gets copies of the arguments (numpy arrays, lists, tuples, dicts and sets, however
      nested), so the checker's own data cannot change; other objects are passed as they are;
    - numpy's warnings never reach the notebook: what numpy met (overflow, 0/0, ...) and any
      other warning are said in words in a Feedback that is not "correct";
    - it is stopped when it runs too long: every `call` of one checker shares `TIME_LIMIT`
      seconds in all (a checker is the outermost ``check_*`` function of helpers on the stack,
      else the function that calls `call`). In the main thread on Linux and macOS a timer
      signal (SIGALRM) stops it, even in ``time.sleep``; elsewhere (Windows, other threads) a
      trace function checks the time between the steps of the learner's Python code, so a
      single long numpy or ``time.sleep`` call is only reported once it returns. The previous
      signal handler, timer and trace function are restored afterwards.

    Returns
    -------
    (result, None), or (None, Feedback) when ``fn`` is not a function, is not done yet (a stub,
    or ``NotImplementedError``), returned None, raised, or ran out of time.

    Introduced in notebooks/00_welcome (how exercises work); every lesson's checkers use it.
    """
    where = "checks.call"
    if fn is _NO_FUNCTION:
        raise TypeError(f"{where}: expected the learner's function first, then its arguments, "
                        "e.g. call(fn, x); got no function at all.")
    if kwargs:
        raise TypeError(f"{where}: passes the learner's arguments by position only, got the "
                        f"keyword(s) {', '.join(kwargs)}. Fix: call(fn, x, w), in the order "
                        "the function takes them.")
    _settings(where)
    name = getattr(fn, "__name__", "your function")
    if not callable(fn):
        return None, Feedback("error", f"Expected a function, got {type(fn).__name__}. "
                                       "Pass the function itself, without calling it: check(neuron), not check(neuron()).")
    run = _Run.of(sys._getframe(1), name)
    left = TIME_LIMIT - run.used
    if left <= 0:
        return None, run.timed_out(name, args, None)
    copies = _copy(args, {})
    nested = getattr(_here, "guarded", False)  # called from code that `call` already runs
    run.calls += 1
    start = time.monotonic()
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(contextlib.redirect_stdout(run.printed))
            stack.enter_context(contextlib.redirect_stderr(run.printed))
            caught = stack.enter_context(warnings.catch_warnings(record=True))
            warnings.simplefilter("always")
            stack.callback(run.note_warnings, caught)
            stack.enter_context(np.errstate(all="call", under="ignore", call=run.note_numpy))
            out = fn(*copies) if nested else _guarded(fn, copies, left)
    except NotImplementedError:
        return None, not_done(name)
    except _TimeUp as exc:
        if nested:
            raise
        return None, run.timed_out(name, args, exc.__traceback__)
    except KeyboardInterrupt:
        raise
    except (Exception, SystemExit) as exc:  # the learner's code: report it in words
        return None, run.raised(name, args, exc)
    finally:
        run.used += time.monotonic() - start
    if not nested and time.monotonic() - start >= left:  # it caught our stop and went on
        return None, run.timed_out(name, args, None)
    if out is None:
        return None, not_done(name) if _is_stub(fn) else Feedback(
            "wrong", f"`{name}` returned None. Did you forget `return`?")
    return out, None


def _settings(where: str) -> None:
    """Check the settings an instructor may change: TIME_LIMIT and PRINT_LINES."""
    limit = TIME_LIMIT
    if isinstance(limit, bool) or not isinstance(limit, (int, float, np.integer, np.floating)):
        raise TypeError(f"{where}: expected checks.TIME_LIMIT to be a number of seconds such as "
                        f"10 (or math.inf for no limit), got {_describe(limit)}.")
    if not limit > 0:  # NaN fails this too
        raise ValueError(f"{where}: expected checks.TIME_LIMIT to be more than 0 seconds (or "
                         f"math.inf for no limit), got {limit}. Fix: checks.TIME_LIMIT = 10.")
    positive_int(PRINT_LINES, "checks.PRINT_LINES", where)


def _is_stub(fn) -> bool:
    code = getattr(fn, "__code__", None)
    # a body that is only `...`/`pass`/a docstring compiles to almost nothing
    return code is not None and len(code.co_code) <= 8 and not code.co_names


# --- what `call` needs: the checker's run, copies, the time limit, the learner's own lines ---

_PACKAGE = __name__.split(".")[0]  # "helpers"
_NUMPY_WORDS = {
    "overflow": "overflow (a result too big for a float, such as np.exp(1000), becomes inf)",
    "invalid value": "an invalid operation (such as 0/0 or inf - inf, which gives nan)",
    "divide by zero": "a division by zero (which gives inf)",
}


class _TimeUp(BaseException):
    """Raised inside the learner's code when its time is up.

    Not an Exception, so the learner's own ``except Exception:`` does not swallow it.
    """


class _Printed(io.TextIOBase):
    """Where the learner's printing goes: keeps the start and counts the rest."""

    KEEP = 4000  # characters kept; `PRINT_LINES` lines of at most 120 characters fit

    def __init__(self):
        self.head, self.chars, self.breaks, self.ends_line = "", 0, 0, True

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        text = str(text)
        if text:
            self.chars += len(text)
            self.breaks += text.count("\n")
            self.ends_line = text.endswith("\n")
            if len(self.head) < self.KEEP:
                self.head += text[:self.KEEP - len(self.head)]
        return len(text)

    def note(self, name: str) -> str:
        """What `name` printed, in at most `PRINT_LINES` lines of 120 characters, or ""."""
        if not self.chars:
            return ""
        lines = self.breaks + (not self.ends_line)
        shown = [line if len(line) <= 120 else line[:117] + "..."
                 for line in self.head.split("\n")[:min(lines, PRINT_LINES)]]
        cut = lines > len(shown) or any(a != b for a, b in zip(shown, self.head.split("\n")))
        many = f"{lines:,} line{'s' * (lines != 1)}"
        if cut:
            head = (f"`{name}` printed {many} ({self.chars:,} characters); here are the first "
                    f"{len(shown)}, the rest was cut:")
        else:
            head = f"`{name}` printed {many}:"
        return "\n".join([head] + ["    " + line for line in shown])


class _Run:
    """One checker's run of the learner's code: time used, calls, what it printed and met."""

    def __init__(self, frame, name: str):
        self.frame, self.name = frame, name
        self.used, self.calls = 0.0, 0
        self.printed = _Printed()
        self.numpy: dict[str, int] = {}
        self.warned: list[str] = []

    @classmethod
    def of(cls, caller, name: str) -> _Run:
        """The run `call` belongs to (made new for a new checker); `caller` called `call`."""
        frame, f = caller, caller
        while f is not None:  # the outermost check_* of helpers, else the caller
            if f.f_code.co_name.startswith("check_") and str(
                    f.f_globals.get("__name__", "")).startswith(_PACKAGE + "."):
                frame = f
            f = f.f_back
        run = getattr(_here, "run", None)
        if run is None or run.frame is not frame:
            run = _here.run = cls(frame, name)
        run.name = name
        return run

    def on_stack(self) -> bool:
        f = sys._getframe(1)
        while f is not None and f is not self.frame:
            f = f.f_back
        return f is not None

    def note_numpy(self, what: str, flag: int) -> None:
        self.numpy[what] = self.numpy.get(what, 0) + 1

    def note_warnings(self, caught) -> None:
        for w in caught:
            try:
                text = f"{w.category.__name__}: {w.message}"
            except Exception:  # a warning whose message fails
                text = w.category.__name__
            if text not in self.warned and len(self.warned) < 3:
                self.warned.append(text if len(text) <= 200 else text[:197] + "...")

    def notes(self, status: str) -> list[str]:
        """What a Feedback with this `status` adds: the printing, then numpy's and warnings."""
        notes = [self.printed.note(self.name)]
        if status != "correct" and self.numpy:
            met = [_NUMPY_WORDS.get(k, k) for k in self.numpy]
            notes.append(f"While `{self.name}` ran, numpy met {' and '.join(met)}.")
        if status != "correct" and self.warned:
            notes.append(f"While `{self.name}` ran, Python warned: " + "; ".join(self.warned) + ".")
        return [n for n in notes if n]

    def _tail(self, args, status: str) -> str:
        notes = "".join("\n" + n for n in self.notes(status))
        shown = ", ".join(fmt(a, 200) for a in args)
        return notes + (f"\nIt was called with {shown}." if args else "")

    def raised(self, name: str, args, exc: BaseException) -> Feedback:
        kind = type(exc).__name__
        try:
            text = str(exc)
        except Exception:  # an exception whose message fails
            text = ""
        text = text if len(text) <= 500 else text[:497] + "..."
        if isinstance(exc, SystemExit):
            head = (f"`{name}` raised SystemExit (from exit() or sys.exit()): a checked "
                    "function should return its answer, not stop Python.")
        else:
            head = f"`{name}` raised {kind}" + (f": {text}" if text else ".")
        where = _where(exc.__traceback__)
        return Feedback("error", head + (f"\nIt happened {where}" if where else "")
                        + self._tail(args, "error"))

    def timed_out(self, name: str, args, tb) -> Feedback:
        limit = f"{TIME_LIMIT:g} s"
        if self.calls <= 1:
            head = f"`{name}` was still running after {limit}, so the check stopped it."
        else:
            head = (f"`{name}` was still running when the check's {limit} ran out (over "
                    f"{self.calls} calls), so the check stopped it.")
        head += (" Is there a loop that never ends (a `while` whose condition stays true), "
                 "or a step that takes very long?")
        where = _where(tb)
        return Feedback("error", head + (f"\nIt was stopped {where}" if where else "")
                        + self._tail(args, "error"))


def _copy(x, memo: dict):
    """A copy of x in which every numpy array, list, tuple, dict and set is new."""
    if id(x) in memo:
        return memo[id(x)]
    kind = type(x)
    if isinstance(x, np.ndarray):
        new = x.copy()
    elif kind is list or kind is dict:
        new = memo[id(x)] = kind()
        if kind is list:
            new.extend(_copy(v, memo) for v in x)
        else:
            new.update((k, _copy(v, memo)) for k, v in x.items())
        return new
    elif kind is tuple:
        new = tuple(_copy(v, memo) for v in x)
    elif kind is set:
        new = set(x)
    else:
        return x
    memo[id(x)] = new
    return new


def _guarded(fn, args, seconds: float):
    """``fn(*args)``, stopped with `_TimeUp` once it has run `seconds`."""
    _here.guarded = True
    try:
        if seconds == float("inf"):  # TIME_LIMIT = inf: no limit
            return fn(*args)
        if _can_use_alarm():
            return _with_alarm(fn, args, seconds)
        return _with_trace(fn, args, seconds)
    finally:
        _here.guarded = False


def _can_use_alarm() -> bool:
    """True where a SIGALRM timer can stop the learner's code: Unix, in the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _noop():
    pass


def _with_alarm(fn, args, seconds: float):
    armed = [True]

    def on_alarm(signum, frame):
        if armed[0]:
            raise _TimeUp

    try:
        old_handler = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # not the main thread of the main interpreter after all
        return _with_trace(fn, args, seconds)
    start = time.monotonic()
    # fire at the deadline, then every 50 ms until the learner's code lets go
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-3), 0.05)
    try:
        return fn(*args)
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        _noop()  # a signal still pending meets the disarmed handler here, not the old one
        signal.signal(signal.SIGALRM, signal.SIG_DFL if old_handler is None else old_handler)
        if old_delay:
            left = old_delay - (time.monotonic() - start)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), old_interval)


def _with_trace(fn, args, seconds: float):
    deadline = time.monotonic() + seconds

    def step(frame, event, arg):  # every line and opcode of the learner's own code
        if time.monotonic() > deadline:
            raise _TimeUp
        return step

    def enter(frame, event, arg):  # every call of a Python function
        if time.monotonic() > deadline:
            raise _TimeUp
        if _is_learners(frame.f_code):
            frame.f_trace_opcodes = True  # `while True: pass` has no new line to trace
            return step
        return None

    old = sys.gettrace()
    sys.settrace(enter)
    try:
        return fn(*args)
    finally:
        sys.settrace(old)


_LIBRARY = tuple(os.path.normcase(os.path.abspath(p)) + os.sep for p in {
    os.path.dirname(__file__), *(sysconfig.get_paths().get(k) for k in
                                 ("stdlib", "platstdlib", "purelib", "platlib")),
    os.path.dirname(os.__file__), os.path.dirname(os.path.dirname(np.__file__))} if p)
_LEARNERS: dict = {}  # code object -> is it the learner's own code?


def _is_learners(code) -> bool:
    """True for code the learner wrote: not helpers, numpy, the standard library or frozen."""
    mine = _LEARNERS.get(code)
    if mine is None:
        name = code.co_filename
        mine = not name.startswith("<frozen") and not os.path.normcase(
            os.path.abspath(name) if not name.startswith("<") else name).startswith(_LIBRARY)
        if len(_LEARNERS) > 10_000:
            _LEARNERS.clear()
        _LEARNERS[code] = mine
    return mine


def _where(tb) -> str:
    """'in `f`, line 3: `code`' for the learner's deepest frame in traceback `tb`, or ''."""
    found = None
    while tb is not None:
        if _is_learners(tb.tb_frame.f_code):
            found = tb.tb_frame.f_code, tb.tb_lineno
        tb = tb.tb_next
    if found is None or found[1] is None:
        return ""
    code, line = found
    text = linecache.getline(code.co_filename, line).strip()
    text = text if len(text) <= 120 else text[:117] + "..."
    func = f"in `{code.co_name}`, " if not code.co_name.startswith("<") else "on "
    return f"{func}line {line}" + (f": `{text}`" if text else "") + "."


def compare(got, expected, name: str, args=(), hint: str = "", atol: float = 1e-6,
            rtol: float = 1e-6) -> Feedback | None:
    """None when `got` matches `expected` (shape and values); otherwise a Feedback saying how not.

    ``got`` is what the function ``name`` returned for ``args``; it is read with `as_numbers`,
    so text, None, yes/no values and huge numbers are explained, not compared.

    Introduced in notebooks/00_welcome.
    """
    where = "checks.compare"
    e = as_array(expected, "expected", where, finite=False, empty=True)
    _text(name, "name", where)
    if not isinstance(args, (tuple, list)):
        raise TypeError(f"{where}: expected args to be a tuple of the arguments the function got, "
                        f"e.g. (x, w), got {_describe(args)}. Fix: wrap one argument as (x,).")
    _text(hint, "hint", where, empty=True)
    atol, rtol = _tolerance(atol, "atol", where), _tolerance(rtol, "rtol", where)
    on = f" for {', '.join(fmt(a) for a in args)}" if args else ""
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

    Introduced in notebooks/00_welcome.
    """
    where = "checks.check_function"
    if not callable(reference):
        raise TypeError(f"{where}: expected reference to be the correct function, got "
                        f"{_describe(reference)}.")
    if isinstance(cases, (str, bytes)) or not isinstance(cases, (list, tuple)):
        raise TypeError(f"{where}: expected cases to be a list of argument tuples such as "
                        f"[(1.0, 2.0), (0.0, -1.0)], got {_describe(cases)}.")
    if not cases:
        raise ValueError(f"{where}: cases is empty, so nothing would be checked and every "
                         "function would pass. Fix: give at least one tuple of arguments.")
    for i, case in enumerate(cases):
        if not isinstance(case, tuple):
            raise TypeError(f"{where}: expected every case to be a tuple of arguments, got "
                            f"{_describe(case)} at position {i}. Fix: wrap one argument as (x,).")
    _text(hint, "hint", where, empty=True)
    _text(success, "success", where, empty=True)
    atol = _tolerance(atol, "atol", where)
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

    Introduced in notebooks/00_welcome.
    """
    where = "checks.known_mistake"
    if candidates is None or isinstance(candidates, (str, bytes, dict, type)) or not hasattr(
            candidates, "__iter__"):
        raise TypeError(f"{where}: expected candidates to be (value, payload) pairs, such as "
                        f"[(x + 1, 'you added 1')], got {_describe(candidates)}.")
    if right is not None:
        right = as_array(right, "right", where, finite=False, empty=True)
    atol = _tolerance(atol, "atol", where)
    candidates = list(candidates)
    for i, pair in enumerate(candidates):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"{where}: expected every candidate to be a (value, payload) pair, "
                            f"got {_describe(pair)} at position {i}.")
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


def filled_in(answers, keys, name: str, fill: str = "your answer"):
    """A dict of predictions as the learner filled it in: the dict of `keys` -> answer, or a
    Feedback when it is not done yet (None, or every answer still ``...``), not a dict, missing
    keys, or only partly filled in. For exercises that ask for several predictions at once.

    Introduced in notebooks/03_layers (used again in notebooks/04_forward_pass).
    """
    where = "checks.filled_in"
    if isinstance(keys, (str, bytes, type)) or not hasattr(keys, "__iter__"):
        raise TypeError(f"{where}: expected keys to be the names of the answers, such as "
                        f"[\"W2\", \"out\"], got {_describe(keys)}.")
    keys = list(keys)
    if not keys or not all(isinstance(k, str) and k for k in keys):
        raise ValueError(f"{where}: expected keys to be one or more names (non-empty text), got "
                         f"{_describe(keys)}.")
    _text(name, "name", where)
    _text(fill, "fill", where)
    listed = ", ".join(f'"{k}"' for k in keys)
    if answers is None:
        return not_done(name)
    if not isinstance(answers, dict):
        return wrong(f"`{name}` is {fmt(answers, 60)}; expected a dict with the keys {listed}.",
                     f"Keep the dict of the stub and replace each ... with {fill}.")
    try:
        given = {k: answers[k] for k in keys if k in answers}
        others = [repr(k) for k in answers if k not in keys]
    except Exception:  # noqa: BLE001  (a dict subclass that breaks when read)
        return wrong(f"`{name}` could not be read as a dict.", "Use the dict from the cell above.")
    missing = [k for k in keys if k not in given]
    if missing:
        return wrong(f"`{name}` has no {' and no '.join(repr(k) for k in missing)}"
                     + (f" (it has {', '.join(others)} instead)" if others else "")
                     + f"; expected the keys {listed}.", "Keep the keys of the stub as they are.")
    blank = [k for k in keys if given[k] is ... or given[k] is None]
    if len(blank) == len(keys):
        return not_done(name)
    if blank:
        return Feedback("not done", f"Not done yet: fill in {' and '.join(repr(k) for k in blank)} too "
                                    "(each ... is an answer still to give), then run this cell again.")
    return given
