"""helpers.checks core: Feedback, call, compare, check_function (the part every lesson uses)."""

import numpy as np
import pytest

from helpers.checks import (
    Feedback,
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
