"""helpers.checks core: Feedback, call, compare, check_function (the part every lesson uses)."""

import inspect
import math
import signal
import sys
import threading
import time
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import checks
from helpers.checks import (
    Feedback,
    as_numbers,
    call,
    check_function,
    compare,
    correct,
    fmt,
    known_mistake,
    not_done,
    wrong,
)


def reference(x, w, b):
    return float(np.dot(x, w) + b)


CASES = [(np.array([1.0, 2.0]), np.array([0.5, -1.0]), 0.5), (np.array([0.0, 3.0]), np.array([2.0, 1.0]), -1.0)]


def test_correct_answer():
    def neuron(x, w, b):
        return float(np.dot(x, w) + b)

    fb = check_function(neuron, reference, CASES, success="You built a neuron.")
    assert fb.status == "correct" and bool(fb)
    assert "all 2 test cases" in fb.message and "You built a neuron." in fb.message


def test_stub_with_ellipsis_body_is_not_done():
    def neuron(x, w, b):
        """Weighted sum plus bias."""
        # your code here
        ...

    fb = check_function(neuron, reference, CASES)
    assert fb.status == "not done" and not fb
    assert "Not done yet" in fb.message and "neuron" in fb.message


def test_not_implemented_is_not_done():
    def neuron(x, w, b):
        raise NotImplementedError

    assert check_function(neuron, reference, CASES).status == "not done"


def test_forgot_return_is_wrong_not_not_done():
    def neuron(x, w, b):
        np.dot(x, w) + b  # noqa: B018  (the mistake under test)

    fb = check_function(neuron, reference, CASES)
    assert fb.status == "wrong" and "forget `return`" in fb.message


def test_wrong_values_say_expected_and_got():
    def neuron(x, w, b):
        return float(np.dot(x, w))  # forgot the bias

    fb = check_function(neuron, reference, CASES, hint="Did you add b?")
    assert fb.status == "wrong"
    assert "returned -1.5" in fb.message and "expected -1" in fb.message
    assert "Hint: Did you add b?" in fb.message


def test_wrong_shape_names_both_shapes():
    fb = compare(np.zeros((3, 1)), np.zeros(3), "softmax")
    assert fb.status == "wrong" and "(3, 1)" in fb.message and "(3,)" in fb.message


def test_raising_function_is_error_in_words_without_traceback():
    def neuron(x, w, b):
        return x @ np.ones(5)

    fb = check_function(neuron, reference, CASES)
    assert fb.status == "error"
    assert "ValueError" in fb.message and "`neuron` raised" in fb.message
    assert "Traceback" not in fb.message and "File " not in fb.message
    assert "called with" in fb.message


def test_not_a_function_is_an_error_that_teaches():
    fb = check_function(3.0, reference, CASES)
    assert fb.status == "error" and "without calling it" in fb.message


def test_call_returns_result_or_feedback():
    assert call(lambda a: a + 1, 1) == (2, None)
    out, fb = call(lambda: 1 / np.zeros(1))  # numpy warnings are silenced inside the check
    assert fb is None and np.isinf(out[0])


@pytest.mark.parametrize("got", ["abc", None, {"a": 1}, [1, [2, 3]]])
def test_compare_non_numbers_is_wrong_not_a_crash(got):
    fb = compare(got, np.array([1.0, 2.0]), "f", hint="h")
    assert fb.status == "wrong" and "expected" in fb.message


def test_compare_nan_and_match():
    assert compare(np.array([1.0, np.nan]), np.array([1.0, 2.0]), "f").status == "wrong"
    assert compare([1.0, 2.0 + 1e-9], np.array([1.0, 2.0]), "f") is None
    fb = compare(2.0, 1.0, "f", args=(np.array([1.0, 2.0]),))
    assert "for [1. 2.]" in fb.message


def test_feedback_displays():
    for fb in (correct(), wrong("x < y", hint="look"), not_done("f"), Feedback("error", "boom <b>")):
        html = fb._repr_html_()
        assert html.startswith("<div") and html.endswith("</div>")
        assert fb.status in {"correct", "wrong", "not done", "error"}
        assert repr(fb).endswith(fb.message)
    html = Feedback("error", "a <b>\nsecond line")._repr_html_()
    assert "&lt;b&gt;" in html and "<br>" in html  # escaped, line breaks kept


def test_fmt_rounds():
    assert fmt(1 / 3) == "0.3333"
    assert fmt(np.array([1 / 3, 2.0])) == "[0.3333 2.    ]"
    assert fmt("x") == "'x'"


def test_known_mistake_names_the_matching_mistake_only():
    x = np.array([1.0, -2.0])
    candidates = [(None, "not applicable"), (x * 2, "doubled"), (-x, "wrong sign")]
    assert known_mistake(-x, candidates) == "wrong sign"
    assert known_mistake(x + 1, candidates) is None
    # a "mistake" that gives the right answer on these inputs is not called a mistake
    assert known_mistake(x * 2, candidates, right=x * 2) is None
    assert known_mistake("words", candidates) is None
    assert known_mistake(np.array([1.0]), [(np.array([np.nan]), "nan")]) is None


# --- as_numbers: the learner's answer as numbers, or why not --------------------------------

@pytest.mark.parametrize("answer, shape, want", [
    ((1, 2, -1.5), 3, [1.0, 2.0, -1.5]),
    (np.array([1.0, 2.0, -1.5]), 3, [1.0, 2.0, -1.5]),
    ([[1, 2, -1.5]], 3, [1.0, 2.0, -1.5]),               # any nesting of n numbers
    ([np.int64(1), np.float32(2.0), 3], 3, [1.0, 2.0, 3.0]),
    ([[1, 2], [3, 4]], (2, 2), [[1.0, 2.0], [3.0, 4.0]]),
    ([[1, 2], [3, 4]], None, [[1.0, 2.0], [3.0, 4.0]]),
])
def test_as_numbers_accepts_numbers_in_the_wanted_shape(answer, shape, want):
    value, problem = as_numbers(answer, "x", shape)
    assert problem is None and isinstance(value, np.ndarray) and value.dtype == np.float64
    assert np.array_equal(value, want)


@pytest.mark.parametrize("answer", [0.75, 3, np.float32(0.75), np.array(0.75), np.array([0.75]), [[0.75]]])
def test_as_numbers_one_number_is_a_float(answer):
    value, problem = as_numbers(answer, "best_line", (), returned=True)
    assert problem is None and type(value) is float and np.isclose(value, 0.75 if answer != 3 else 3)


def test_as_numbers_returns_a_copy():
    mine = np.array([1.0, 2.0, 3.0])
    value, _ = as_numbers(mine, "x", 3)
    value[0] = 99
    assert mine[0] == 1.0


# each kind of answer that is not numbers yet: what the message must say it got
BAD = [
    (None, "is None", "replace None"),
    ("1, 1, -1.5", "is text: '1, 1, -1.5'", "without quotes"),
    (["1", "2", "3"], "is text", "without quotes"),
    ((1.0, "a", 2.0), "is text", "without quotes"),
    ((1.0, 1.0), "is 2 numbers", "exactly 3"),
    ([1.0, 2.0, 3.0, 4.0], "is 4 numbers", "exactly 3"),
    ((1.0, np.nan, 2.0), "NaN or infinity", "finite"),
    ((np.inf, 1.0, 2.0), "NaN or infinity", "finite"),
    ((1e308, 1e308, 1.0), "beyond ±1e+12", "ordinary sizes"),
    ((10 ** 400, 1, 1), "too big for a float", "ordinary sizes"),
    (True, "yes/no", "True and False are not numbers"),
    ([True, False, True], "yes/no", "True and False are not numbers"),
    ((1.0, None, 2.0), "contains None", "fill in every entry"),
    ((1j, 2.0, 3.0), "complex", "imaginary"),
    ({"w1": 1.0}, "a dict", "a tuple, a list or a numpy array"),
    ({1.0, 2.0, 3.0}, "a set", "a tuple, a list or a numpy array"),
    ([1.0, [2.0, 3.0]], "different lengths", "same length"),
    (np.datetime64("2020-01-01"), "a datetime64", "a tuple, a list or a numpy array"),
]


@pytest.mark.parametrize("answer, came, fix", BAD)
def test_as_numbers_says_what_was_expected_what_came_and_the_fix(answer, came, fix):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy warning may reach the learner
        value, fb = as_numbers(answer, "and_params", 3, "three numbers (w1, w2, b)",
                               hint="write them as a tuple, e.g. and_params = (1.0, 1.0, -0.5).")
    assert value is None and fb.status == "wrong"
    assert fb.message.startswith("`and_params` is "), fb.message
    assert "expected three numbers (w1, w2, b)" in fb.message
    assert came in fb.message and fix in fb.message, fb.message
    assert "Write them as a tuple" in fb.message  # the caller's hint, after the fix


def test_as_numbers_stub_none_is_not_done_and_returned_none_asks_for_return():
    assert as_numbers(None, "and_params", 3, stub=True)[1].status == "not done"
    fb = as_numbers(None, "neuron", (), returned=True, on=" for x=[1. 2.]")[1]
    assert fb.status == "wrong" and fb.message.startswith("`neuron` for x=[1. 2.] returned None;")
    assert "`return" in fb.message


def test_as_numbers_wrong_shape_and_one_number():
    fb = as_numbers(np.zeros((3, 2)), "dense_forward", (2, 3), returned=True)[1]
    assert "shape (3, 2)" in fb.message and "shape (2, 3)" in fb.message
    fb = as_numbers([0.5, 0.25], "mse", (), returned=True)[1]
    assert "returned 2 numbers" in fb.message and "expected one number" in fb.message
    assert "np.mean" in fb.message
    fb = as_numbers("0.5", "mse", (), returned=True)[1]
    assert "returned text" in fb.message and "no quotes" in fb.message


def test_as_numbers_options_let_the_caller_explain_infinity_and_big_numbers():
    value, problem = as_numbers([np.inf, 1.0], "softmax", returned=True, finite=False)
    assert problem is None and np.isinf(value[0])
    assert as_numbers([1e20], "x", limit=1e30)[1] is None


def test_as_numbers_survives_objects_that_refuse():
    class Hostile:
        def __array__(self, *args, **kwargs):
            raise RuntimeError("no")

        def __repr__(self):
            raise RuntimeError("no repr either")

    value, fb = as_numbers(Hostile(), "x", 3)
    assert value is None and fb.status == "wrong" and "Hostile" in fb.message


ANYTHING = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.complex_numbers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(max_size=2), inner, max_size=2),
    max_leaves=8)


@given(answer=ANYTHING, shape=st.sampled_from([None, (), 1, 3, (2, 2)]))
def test_as_numbers_never_raises_or_warns(answer, shape):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value, fb = as_numbers(answer, "x", shape)
    assert (value is None) != (fb is None)
    if fb is None:
        assert np.all(np.isfinite(value)) and np.all(np.abs(value) <= 1e12)
    else:
        assert fb.status == "wrong" and "expected" in fb.message


def test_compare_and_known_mistake_share_it():
    fb = compare("1.5", 1.5, "f")
    assert fb.status == "wrong" and "returned text" in fb.message  # not silently read as 1.5
    fb = compare(np.array([1e308, -1e308]), np.zeros(2), "f")
    assert fb.status == "wrong" and "beyond" in fb.message
    assert known_mistake(np.array([True, False]), [(np.array([1.0, 0.0]), "the mask")]) == "the mask"
    assert known_mistake([1e308], [(np.array([1.0]), "x")]) is None


# --- call: nothing the learner's function does can hurt the check ----------------------------

def line_of(fn, text: str) -> int:
    """The line number of the first line of `fn`'s source that contains `text`."""
    lines, first = inspect.getsourcelines(fn)
    return first + next(i for i, line in enumerate(lines) if text in line)


def test_an_exception_names_the_learners_line_not_a_traceback():
    def neuron(x, w, b):
        z = np.dot(x, w)
        return z + b[3]  # b is a number: IndexError-like TypeError

    fb = check_function(neuron, reference, CASES)
    assert fb.status == "error" and fb.message.startswith("`neuron` raised TypeError: ")
    want = f"It happened in `neuron`, line {line_of(neuron, 'b[3]')}: `return z + b[3]"
    assert want in fb.message, fb.message
    assert "Traceback" not in fb.message and "File " not in fb.message


def test_an_exception_inside_numpy_points_at_the_learners_line():
    def neuron(x, w, b):
        return float(np.dot(x, np.ones(5)) + b)

    fb = check_function(neuron, reference, CASES)
    assert "ValueError" in fb.message and f"line {line_of(neuron, 'np.ones(5)')}" in fb.message
    assert "numpy" not in fb.message.split("It happened")[1].split("\n")[0]  # the learner's line


def test_an_exception_without_a_message_and_exit_are_words():
    def empty(x):
        raise KeyError

    assert call(empty, 1)[1].message.startswith("`empty` raised KeyError.")

    def leaves(x):
        sys.exit(1)

    fb = call(leaves, 1)[1]
    assert fb.status == "error" and "SystemExit" in fb.message and "return its answer" in fb.message


def test_keyboard_interrupt_is_let_through_and_everything_is_restored():
    def interrupted(x):
        print("about to stop")
        raise KeyboardInterrupt

    stdout, handler = sys.stdout, signal.getsignal(signal.SIGALRM)
    with pytest.raises(KeyboardInterrupt):
        call(interrupted, np.zeros(2))
    assert sys.stdout is stdout and signal.getsignal(signal.SIGALRM) == handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_printing_is_caught_and_the_feedback_shows_its_first_lines(capsys):
    def neuron(x, w, b):
        for i in range(100_000):
            print("step", i)
        print("to stderr", file=sys.stderr)
        return float(np.dot(x, w) + b)

    fb = check_function(neuron, reference, CASES)
    out, err = capsys.readouterr()
    assert out == "" and err == ""  # nothing reached the notebook
    assert fb.status == "correct"
    assert "`neuron` printed 200,002 lines" in fb.message and "the rest was cut" in fb.message
    shown = [line for line in fb.message.splitlines() if line.startswith("    ")]
    assert shown == [f"    step {i}" for i in range(checks.PRINT_LINES)]


def test_a_little_printing_is_shown_whole_and_long_lines_are_cut(capsys):
    def chatty(x):
        print("x is", x)
        return x

    fb = check_function(chatty, lambda x: x + 1, [(1.0,)])
    assert fb.status == "wrong" and fb.message.endswith("`chatty` printed 1 line:\n    x is 1.0")

    def wide(x):
        print("y" * 10_000, end="")
        return x + 1

    fb = check_function(wide, lambda x: x + 1, [(1.0,)])
    assert "printed 1 line (10,000 characters)" in fb.message and len(fb.message) < 400
    assert capsys.readouterr() == ("", "")


def test_the_learner_gets_copies_of_arrays_lists_and_dicts():
    class Model:
        pass

    model = Model()
    a, nested = np.arange(3.0), [np.ones(2), {"k": np.zeros(2), "l": [1, 2]}, (np.ones(1),)]
    seen = {}

    def scribble(arr, stuff, obj):
        arr[:] = -1
        stuff[0][:] = -1
        stuff[1]["k"][:] = -1
        stuff[1]["l"].append(3)
        stuff[1].clear()
        stuff[2][0][:] = -1
        stuff.append("more")
        seen["obj"] = obj
        return 1.0

    assert call(scribble, a, nested, model) == (1.0, None)
    assert np.array_equal(a, [0.0, 1.0, 2.0]) and np.array_equal(nested[0], [1.0, 1.0])
    assert np.array_equal(nested[1]["k"], [0.0, 0.0]) and nested[1]["l"] == [1, 2]
    assert np.array_equal(nested[2][0], [1.0]) and len(nested) == 3
    assert seen["obj"] is model  # other objects (a model, a spy) are passed as they are


def test_numpy_and_python_warnings_never_escape_and_are_said_in_words():
    def neuron(x, w, b):
        warnings.warn("this may not converge", UserWarning, stacklevel=1)
        return float(np.exp(np.dot(x, w) * -1000) + b)  # overflow: inf

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fb = check_function(neuron, reference, CASES)
    assert fb.status == "wrong" and "NaN or infinity" in fb.message
    assert "numpy met overflow" in fb.message and "np.exp(1000)" in fb.message
    assert "UserWarning: this may not converge" in fb.message

    def fine(x, w, b):
        np.exp(np.float64(1000))  # overflows, but the answer is right
        return float(np.dot(x, w) + b)

    fb = check_function(fine, reference, CASES)
    assert fb.status == "correct" and "numpy met" not in fb.message  # not said when it is right


def checker(fn, *args):
    """A checker of one call: every run of it has its own time (a test's calls share one)."""
    return call(fn, *args)


@pytest.fixture
def short_limit(monkeypatch):
    monkeypatch.setattr(checks, "TIME_LIMIT", 0.2)
    return 0.2


def spin(x):
    while True: pass  # noqa: E701  (one line: `while True: pass` gives a trace no new line)


def test_a_loop_that_never_ends_is_stopped_and_said(short_limit):
    start = time.monotonic()
    out, fb = call(spin, 1.0)
    assert time.monotonic() - start < short_limit + 1
    assert out is None and fb.status == "error"
    assert fb.message.startswith("`spin` was still running after 0.2 s, so the check stopped it.")
    assert "a loop that never ends" in fb.message
    assert f"line {line_of(spin, 'while True')}" in fb.message


def test_a_long_sleep_is_stopped_in_the_main_thread(short_limit):
    def nap(x):
        time.sleep(60)

    start = time.monotonic()
    fb = call(nap, 1.0)[1]
    assert time.monotonic() - start < short_limit + 1 and "still running" in fb.message


def test_the_previous_alarm_handler_and_timer_are_restored(short_limit):
    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    signal.setitimer(signal.ITIMER_REAL, 100.0)
    try:
        assert "still running" in checker(spin, 1.0)[1].message
        assert checker(lambda x: x + 1, 1.0) == (2.0, None)
        assert 98 < signal.getitimer(signal.ITIMER_REAL)[0] <= 100  # the outer timer still runs
        assert signal.getsignal(signal.SIGALRM) is not old and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_without_sigalrm_a_trace_function_stops_the_loop(short_limit, monkeypatch):
    """The Windows way, forced here: sys.settrace checks the time; the old trace comes back."""
    monkeypatch.setattr(checks, "_can_use_alarm", lambda: False)

    def tracer(frame, event, arg):
        return None

    sys.settrace(tracer)
    try:
        start = time.monotonic()
        fb = call(spin, 1.0)[1]
        elapsed = time.monotonic() - start
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(None)
    assert elapsed < short_limit + 1 and "still running after 0.2 s" in fb.message
    assert f"line {line_of(spin, 'while True')}" in fb.message
    assert checker(lambda x: 2 * x, 3) == (6, None)  # a normal function still runs


def test_outside_the_main_thread_the_trace_function_stops_the_loop(short_limit):
    got = {}
    worker = threading.Thread(target=lambda: got.update(fb=call(spin, 1.0)[1]))
    start = time.monotonic()
    worker.start()
    worker.join(short_limit + 5)
    assert not worker.is_alive() and time.monotonic() - start < short_limit + 1
    assert "still running" in got["fb"].message and sys.gettrace() is None


def test_one_checker_shares_one_time_limit_over_all_its_calls(short_limit):
    def slow(x):
        time.sleep(0.05)
        return x

    start = time.monotonic()
    fb = check_function(slow, lambda x: x, [(float(i),) for i in range(50)])
    assert time.monotonic() - start < short_limit + 1  # not 50 × 0.05 s
    assert fb.status == "error" and "when the check's 0.2 s ran out (over" in fb.message
    # the next checker has its own time again
    assert check_function(slow, lambda x: x, [(1.0,), (2.0,)]).status == "correct"


def test_a_function_that_catches_the_stop_is_still_stopped(short_limit):
    def stubborn(x):
        for _ in range(3):
            try:
                time.sleep(60)
            except BaseException:  # noqa: B036  (the learner's mistake under test)
                pass
        return x

    start = time.monotonic()
    fb = call(stubborn, 1.0)[1]
    assert time.monotonic() - start < short_limit + 1 and "still running" in fb.message


def test_call_inside_the_learners_code_shares_the_outer_limit(short_limit):
    def outer(x):
        inner_out, inner_fb = call(spin, x)  # e.g. a learner who runs a check inside a check
        return inner_out

    start = time.monotonic()
    fb = call(outer, 1.0)[1]
    assert time.monotonic() - start < short_limit + 1
    assert fb is not None and "still running" in fb.message
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL and sys.gettrace() is None


def test_no_time_limit(monkeypatch):
    monkeypatch.setattr(checks, "TIME_LIMIT", math.inf)
    assert call(lambda x: x * 2, 2) == (4, None)


def test_fmt_never_raises_and_stays_short():
    class Hostile:
        def __repr__(self):
            raise RuntimeError("no")

    assert fmt(Hostile()) == "a Hostile"
    assert len(fmt("x" * 10_000)) == 1000 and fmt("x" * 10_000).endswith("...")


def test_check_function_without_cases_is_the_authors_error_not_correct():
    """An empty case list used to answer "Correct! ... on all 0 test cases" for any function."""
    with pytest.raises(ValueError, match="cases is empty"):
        check_function(lambda x: x, lambda x: x, [])


def test_the_authors_arguments_are_checked_but_the_learners_answer_never_raises():
    with pytest.raises(TypeError, match="expected name to be text"):
        as_numbers(1.0, None)
    for got in (None, "abc", [1, [2]], object(), np.array([np.nan])):  # the learner's side
        assert isinstance(compare(got, [1.0], "f"), Feedback)
