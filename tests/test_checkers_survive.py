"""Every checker of every lesson survives a badly behaved learner.

Each function named ``check_*`` in helpers/lessons/*.py is found (not listed) and fed every
bad function below (one that raises, loops forever, sleeps, prints 100,000 lines, changes its
input, returns NaN, text, None, ...) and every bad value (None, "abc", [], ...): a checker
that wants a value meets the functions too, and one that wants a function meets the values.
Whatever it gets, a checker must

- return a Feedback (never raise),
- let no warning escape (warnings are errors here),
- print nothing itself, and show at most `checks.PRINT_LINES` lines of the learner's printing,
- finish within the time limit plus a margin (the limit is short here: `LIMIT`),
- leave its reference data unchanged, and the arrays and lists it hands to `call` too.

The last test shows that these assertions fail for a checker without `call`'s protection.
"""

from __future__ import annotations

import copy
import importlib
import inspect
import pkgutil
import time
import warnings

import numpy as np
import pytest

import helpers.lessons
from helpers import checks
from helpers.checks import Feedback

LIMIT = 0.3  # seconds: the checkers' time limit in these tests (a notebook has checks.TIME_LIMIT)
MARGIN = 3.0  # seconds a checker may take beyond it (its own work, on a busy machine)
MARK = "SPAM"  # what the printing functions print, to count in the feedback

LESSONS = [importlib.import_module(f"helpers.lessons.{m.name}")
           for m in pkgutil.iter_modules(helpers.lessons.__path__) if m.name.startswith("l")]
CHECKERS = [(f"{mod.__name__.rsplit('.', 1)[1][:3]}.{name}", fn) for mod in LESSONS
            for name, fn in sorted(vars(mod).items())
            if name.startswith("check_") and inspect.isfunction(fn) and fn.__module__ == mod.__name__]


# --- the badly behaved learner ---

def raises(*args):
    raise ValueError("bad input")


def returns_nan(*args):
    return float("nan")


def returns_inf(*args):
    return np.array([np.inf, -np.inf])


def returns_huge(*args):
    return 1e308


def returns_text(*args):
    return "abc"


def returns_none(*args):
    return None


def forgets_return(*args):
    np.sum(args[0]) if args else None  # noqa: B018  (the mistake under test)


def prints_a_flood(*args):
    for i in range(100_000):
        print(MARK, i)


def chatty(*args):  # prints on every call and returns a number, so the checker goes on
    for i in range(3):
        print(MARK, "debug", i)
    return 0


def mutates(*args):
    for a in args:
        _scribble(a)
    return args[0] if args else None


def _scribble(a):
    if isinstance(a, np.ndarray) and a.flags.writeable:
        a[...] = 0
    elif isinstance(a, (list, tuple)):
        for v in a:
            _scribble(v)
        if isinstance(a, list):
            a.append(99)
    elif isinstance(a, dict):
        a.clear()


def loops_forever(*args):
    while True: pass  # noqa: E701  (one line: no new line event for a trace function)


def sleeps(*args):
    time.sleep(60)


def overflows(*args):
    warnings.warn("careful", UserWarning, stacklevel=1)
    return np.exp(np.array([1000.0, 1.0])) * 0  # overflow, then inf * 0 = nan


def takes_nothing():
    return 1


def exits(*args):
    raise SystemExit(1)


class Hostile:
    """An answer that refuses everything: repr, float, len, iteration, numpy."""

    def _no(self, *args, **kwargs):
        raise RuntimeError("no")

    __repr__ = __str__ = __float__ = __int__ = __len__ = __iter__ = __array__ = __bool__ = _no


def returns_hostile(*args):
    return Hostile()


BAD_FUNCTIONS = [raises, returns_nan, returns_inf, returns_huge, returns_text, returns_none,
                 forgets_return, prints_a_flood, chatty, mutates, loops_forever, sleeps,
                 overflows, takes_nothing, exits, returns_hostile]
BAD_VALUES = {"None": None, "text": "abc", "empty list": [], "huge numbers": [1e308] * 3,
              "nan": float("nan"), "a dict": {"a": 1}}
BAD = [pytest.param(f, id=f.__name__) for f in BAD_FUNCTIONS] + [
    pytest.param(v, id=k) for k, v in BAD_VALUES.items()]


# --- what must stay unchanged ---

def _kept(x):
    """A deep copy of the arrays, lists, tuples and dicts in x (other objects as they are)."""
    if isinstance(x, np.ndarray):
        return x.copy()
    if type(x) in (list, tuple):
        return type(x)(_kept(v) for v in x)
    if type(x) is dict:
        return {k: _kept(v) for k, v in x.items()}
    return x


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype
                and a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a is b or a == b


def reference_data() -> dict:
    """Every lesson's module-level data, and what its argument-free caches hold."""
    found = {}
    for mod in LESSONS:
        for name, value in vars(mod).items():
            if name.startswith("__"):
                continue
            if isinstance(value, (np.ndarray, list, tuple, dict, set)):
                found[f"{mod.__name__}.{name}"] = value
            elif hasattr(value, "cache_info") and not any(
                    p.default is p.empty for p in inspect.signature(value).parameters.values()):
                found[f"{mod.__name__}.{name}()"] = value()
    return found


@pytest.fixture(scope="module")
def warmed_up():
    """Run each checker once, so its caches (data, reference training) do not count as time."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _, checker in CHECKERS:
            checker(returns_nan)
        reference_data()


@pytest.fixture
def watched_calls(monkeypatch):
    """Every lesson's `call`, checking that what the checker hands it comes back unchanged."""
    changed = []

    def watch(real):
        def call(fn, *args):
            kept = _kept(args)
            out = real(fn, *args)
            if not _same(args, kept):
                changed.append(getattr(fn, "__name__", fn))
            return out
        return call

    for mod in LESSONS:
        if hasattr(mod, "call"):
            monkeypatch.setattr(mod, "call", watch(mod.call))
    return changed


def survives(checker, bad, capsys, data=reference_data, limit: float = LIMIT,
             margin: float = MARGIN) -> Feedback:
    """Assert everything a checker owes the learner, whatever `bad` is; return its Feedback.

    ``data()`` gives the reference data that must stay unchanged.
    """
    before = {k: copy.deepcopy(v) for k, v in data().items()}
    start = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            fb = checker(bad)
        except Exception as exc:
            raise AssertionError(f"the checker raised {type(exc).__name__}: {exc}") from exc
    elapsed = time.monotonic() - start
    assert isinstance(fb, Feedback), f"the checker returned {type(fb).__name__}, not a Feedback"
    assert fb.status in checks.ICONS and isinstance(fb.message, str) and fb.message
    out, err = capsys.readouterr()
    assert out == "" and err == "", f"printed into the notebook: {(out + err)[:200]!r}..."
    shown = sum(MARK in line for line in fb.message.splitlines())
    assert shown <= checks.PRINT_LINES, f"the feedback shows {shown} printed lines"
    assert len(fb.message) < 5000, f"a feedback of {len(fb.message)} characters"
    assert elapsed < limit + margin, f"took {elapsed:.1f} s (limit {limit} s)"
    after = data()
    changed = [k for k, v in before.items() if not _same(v, after[k])]
    assert not changed, f"the checker's reference data changed: {changed}"
    return fb


# --- the tests ---

def test_every_lesson_has_its_checkers_found():
    names = [name for name, _ in CHECKERS]
    assert len(LESSONS) == 10 and len(CHECKERS) >= 20, names
    assert {"l00.check_is_eight", "l01.check_and_not_gate", "l08.check_train"} <= set(names)


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("name, checker", CHECKERS, ids=[n for n, _ in CHECKERS])
def test_checker_survives(name, checker, bad, warmed_up, watched_calls, capsys, monkeypatch):
    monkeypatch.setattr(checks, "TIME_LIMIT", LIMIT)
    fb = survives(checker, bad, capsys)
    assert not watched_calls, f"the learner changed what the checker handed to `call`: {fb}"
    if bad in (loops_forever, sleeps) and fb.status == "error":  # stopped, or not a value
        assert "still running" in fb.message or "Expected" in fb.message, fb.message


@pytest.mark.parametrize("name, checker", CHECKERS, ids=[n for n, _ in CHECKERS])
def test_checker_stops_a_loop_without_sigalrm(name, checker, warmed_up, capsys, monkeypatch):
    """The Windows way (no SIGALRM): a trace function checks the time between steps."""
    monkeypatch.setattr(checks, "TIME_LIMIT", LIMIT)
    monkeypatch.setattr(checks, "_can_use_alarm", lambda: False)
    fb = survives(checker, loops_forever, capsys)
    assert fb.status != "correct"
    assert fb.status != "error" or "still running" in fb.message or "Expected" in fb.message, fb


def test_the_tests_fail_for_a_checker_without_protection(capsys):
    """The assertions above are not empty: a checker that runs the learner's code itself,
    without `call`, fails them on printing, exceptions, warnings, mutation and time."""
    data = np.arange(3.0)

    def unprotected(fn):
        got = fn(data)
        return Feedback("wrong", f"got {got!r}"[:100])

    def reference():
        return {"data": data}

    for bad, why in [(prints_a_flood, "printed into the notebook"), (raises, "raised ValueError"),
                     (overflows, "raised UserWarning"), (takes_nothing, "raised TypeError"),
                     (mutates, "reference data changed"), (lambda x: time.sleep(0.2) or 1.0, "took")]:
        with pytest.raises(AssertionError, match=why):
            survives(unprotected, bad, capsys, reference, limit=0.1, margin=0.05)
