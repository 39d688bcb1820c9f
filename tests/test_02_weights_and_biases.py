"""Lesson 02 (weights and biases): the boundary widget and the three exercise checkers."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.lessons import l02_weights_and_biases as lesson


@pytest.fixture(scope="module")
def demo():
    return lesson.NeuronBoundary()


# --- the widget -------------------------------------------------------------------------

@pytest.mark.parametrize("data", lesson.NeuronBoundary.NAMES)
@pytest.mark.parametrize("w1, w2, b", [(1.0, 1.0, 0.0), (-3.0, -3.0, -5.0), (3.0, 3.0, 5.0),
                                       (3.0, 0.0, 5.0), (0.0, -3.0, 1.0), (0.0, 0.0, 0.0),
                                       (0.0, 0.0, 5.0), (1e-9, 3.0, 0.0)])
def test_update_at_extremes_draws_without_warnings(demo, data, w1, w2, b):
    result = demo.update(w1=w1, w2=w2, b=b, data=data)
    assert 0.0 <= result["acc"] <= 1.0
    assert isinstance(result["boundary"], str) and result["boundary"]
    assert demo.png()[:4] == b"\x89PNG"
    html = demo.readout(result)
    assert "accuracy" in html


def test_special_cases_are_said_in_words(demo):
    none = demo.update(w1=0.0, w2=0.0, b=2.0, data="blobs")
    assert "No line" in none["boundary"] and "class 1" in none["boundary"]
    assert "No line" in demo.note.get_text() and demo.note.get_visible()
    assert len(demo.line.get_xdata()) == 0  # nothing drawn as a line
    vertical = demo.update(w1=2.0, w2=0.0, b=1.0, data="blobs")
    assert "Vertical" in vertical["boundary"] and "-0.50" in vertical["boundary"]
    assert np.allclose(demo.line.get_xdata(), -0.5)
    outside = demo.update(w1=3.0, w2=3.0, b=5.0, data="AND")
    assert "outside this view" in demo.note.get_text()
    assert outside["acc"] == 0.25


def test_accuracy_matches_a_hand_count(demo):
    X, y, _ = lesson.boundary_data("blobs")
    result = demo.update(w1=1.0, w2=2.0, b=-1.0, data="blobs")
    assert result["acc"] == pytest.approx(np.mean((X @ [1.0, 2.0] - 1.0 > 0) == y))
    assert demo.update(w1=1.0, w2=1.0, b=-1.5, data="AND")["acc"] == 1.0
    assert demo.update(w1=1.0, w2=1.0, b=-0.5, data="XOR")["acc"] == 0.75


def test_line_lies_where_z_is_zero(demo):
    demo.update(w1=1.3, w2=-0.7, b=0.4, data="blobs")
    xs, ys = demo.line.get_data()
    assert np.allclose(1.3 * np.asarray(xs) - 0.7 * np.asarray(ys) + 0.4, 0)


def test_controls_drive_the_picture():
    d = lesson.NeuronBoundary()
    d.widget()
    before = d.ui["image"].value
    d.ui["controls"]["b"].value = -5.0
    assert d.ui["image"].value != before
    d.ui["controls"]["b"].value = -0.5
    d.ui["controls"]["data"].value = "XOR"
    assert "75.0 %" in d.ui["text"].value


def test_boundary_data_hands_out_copies():
    X, y, _ = lesson.boundary_data("AND")
    X[0] = 99
    y[0] = 1
    X2, y2, _ = lesson.boundary_data("AND")
    assert X2[0].tolist() == [0.0, 0.0] and y2.tolist() == [0, 0, 0, 1]


def test_unknown_data_set_is_explained():
    with pytest.raises(ValueError, match="must be one of 'blobs'"):
        lesson.boundary_data("moons")


# --- exercise 1 and 2: AND and OR ---------------------------------------------------------

def test_gate_checks_accept_the_solutions():
    assert lesson.check_and_weights((1.0, 1.0, -1.5)).status == "correct"
    assert lesson.check_or_weights((1.0, 1.0, -0.5)).status == "correct"
    assert lesson.check_and_weights(np.array([2.0, 2.0, -3.0])).status == "correct"


def test_gate_checks_not_done_for_the_stub():
    assert lesson.check_and_weights(None).status == "not done"
    assert lesson.check_or_weights(None).status == "not done"
    assert lesson.check_nand_weights(None).status == "not done"


# --- exercise 3: NAND, reasoned out ---------------------------------------------------------

@pytest.mark.parametrize("answer", [(-1.0, -1.0, 1.5), (-2.0, -2.0, 3.0), np.array([-1.0, -1.5, 2.0])])
def test_nand_accepts_every_right_answer(answer):
    fb = lesson.check_nand_weights(answer)
    assert fb.status == "correct" and "NAND on all four" in fb.message


def test_nand_is_not_built_by_any_cell_of_the_notebook():
    """A reasoning exercise: its answer must not stand in a code cell above the exercise."""
    from pathlib import Path

    import nbformat
    nb = nbformat.read(Path(__file__).parent.parent / "notebooks" / "02_weights_and_biases.ipynb", 4)
    code = [c.source for c in nb.cells if c.cell_type == "code" and "nand_weights" not in c.source]
    assert not any("nand" in source.lower() for source in code)  # only its stub and check say NAND
    assert "NAND" not in lesson.BOUNDARY_DATA  # nor does the interactive show its points


@pytest.mark.parametrize("answer, words", [
    ((1.0, 1.0, -1.5), "computes AND, the exact opposite of NAND"),      # AND, unflipped
    ((1.5, -1.0, -1.0), "wrote the bias first"),                         # (b, w1, w2)
    ((-1.0, -1.0, -0.5), "the bias must be above 0"),                    # (0, 0) quiet
    ((1.0, 1.0, 1.5), "the weights must be negative"),                   # (1, 1) fires
    ((-2.0, -2.0, 1.5), "each weight must be smaller in size than b"),   # one input is enough
    ((-1.0, -1.0, 1.0), "exactly 0"),                                    # (0, 1) on the line
])
def test_nand_wrong_answers_are_diagnosed(answer, words):
    fb = lesson.check_nand_weights(answer)
    assert fb.status == "wrong" and words in fb.message, fb.message


def test_and_and_or_name_the_opposite_gate_and_the_bias_first():
    fb = lesson.check_and_weights((-1.0, -1.0, 1.5))
    assert fb.status == "wrong" and "computes NAND" in fb.message and "(-w1, -w2, -b)" in fb.message
    fb = lesson.check_or_weights((-1.0, -1.0, 0.5))
    assert fb.status == "wrong" and "computes NOR" in fb.message
    fb = lesson.check_or_weights((-0.5, 1.0, 1.0))
    assert fb.status == "wrong" and "or_weights = (1, 1, -0.5)" in fb.message


def test_and_with_or_bias_names_the_wrong_pairs():
    fb = lesson.check_and_weights((1.0, 1.0, -0.5))  # that is OR
    assert fb.status == "wrong"
    assert "input (0, 1)" in fb.message and "input (1, 0)" in fb.message
    assert "input (1, 1)" not in fb.message and "Hint" in fb.message


def test_or_with_wrong_sign_of_bias():
    fb = lesson.check_or_weights((1.0, 1.0, 0.5))
    assert fb.status == "wrong" and "input (0, 0)" in fb.message and "OR(0, 0) = 0" in fb.message


def test_point_on_the_line_is_explained():
    fb = lesson.check_or_weights((1.0, 1.0, -1.0))  # (0, 1): z = 0 exactly
    assert fb.status == "wrong" and "exactly 0" in fb.message


@pytest.mark.parametrize("answer, came", [((1.0, 1.0), "is 2 numbers"), ("1, 1, -1.5", "is text"),
                                          ((1.0, np.nan, -1.5), "NaN"), ([[1, 1, -1.5, 0]], "is 4 numbers"),
                                          ((1e308, 1.0, -1.5), "beyond"), (True, "yes/no")])
def test_malformed_gate_answers_get_words_not_tracebacks(answer, came):
    fb = lesson.check_and_weights(answer)
    assert fb.status == "wrong" and came in fb.message, fb.message
    assert "expected three numbers (w1, w2, b)" in fb.message


# --- exercise 3: the search for the best line -------------------------------------------------

def reference_best_line(X, y, values):
    best = 0.0
    for w1 in values:
        for w2 in values:
            for b in values:
                pred = (X[:, 0] * w1 + X[:, 1] * w2 + b > 0).astype(int)
                best = max(best, float(np.mean(pred == y)))
    return best


def test_best_line_accepts_the_solution_and_confirms_75_percent():
    fb = lesson.check_best_line(reference_best_line)
    assert fb.status == "correct" and "75 %" in fb.message
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    assert lesson.best_line_accuracy(X, np.array([0, 1, 1, 0]), np.linspace(-2, 2, 9)) == 0.75


def test_best_line_stub_is_not_done():
    def best_line(X, y, values):
        """docstring"""
        ...
    assert lesson.check_best_line(best_line).status == "not done"


def test_best_line_hard_coded_answer_is_caught():
    fb = lesson.check_best_line(lambda X, y, values: 0.75)
    assert fb.status == "wrong" and "AND" in fb.message and "Hint" in fb.message


def test_best_line_percent_is_caught():
    fb = lesson.check_best_line(lambda X, y, v: 100 * reference_best_line(X, y, v))
    assert fb.status == "wrong" and "percentage" in fb.message


def test_best_line_with_bias_fixed_at_zero_is_caught():
    def no_bias(X, y, values):
        best = 0.0
        for w1 in values:
            for w2 in values:
                best = max(best, float(np.mean((X @ [w1, w2] > 0) == y)))
        return best
    fb = lesson.check_best_line(no_bias)
    assert fb.status == "wrong"


def test_best_line_error_is_reported_in_words():
    fb = lesson.check_best_line(lambda X, y, values: X[5, 0])
    assert fb.status == "error" and "IndexError" in fb.message


def test_best_line_without_bias_is_named():
    def no_bias(X, y, values):
        return max(float(np.mean((X @ [w1, w2] > 0) == y)) for w1 in values for w2 in values)
    fb = lesson.check_best_line(no_bias)
    assert fb.status == "wrong" and "bias" in fb.message and "for b in values" in fb.message


def test_best_line_with_greater_or_equal_is_named():
    def at_least(X, y, values):
        return max(float(np.mean((X @ [w1, w2] + b >= 0) == y))
                   for w1 in values for w2 in values for b in values)
    fb = lesson.check_best_line(at_least)
    assert fb.status == "wrong" and "z >= 0" in fb.message and "z > 0" in fb.message


def test_best_line_count_instead_of_share_is_named():
    def count(X, y, values):
        return max(int(np.sum((X @ [w1, w2] + b > 0) == y))
                   for w1 in values for w2 in values for b in values)
    fb = lesson.check_best_line(count)
    assert fb.status == "wrong" and "count" in fb.message and "np.mean" in fb.message


def test_best_line_accuracy_variants():
    X, xor, _ = lesson.boundary_data("XOR")
    assert lesson.best_line_accuracy(X, np.array([0, 0, 0, 1]), [1.0, -1.5], biases=[0.0]) == 0.75
    assert lesson.best_line_accuracy(X, np.array([0, 1, 1, 1]), [-1.0, 1.0], strict=False) == 1.0
    assert lesson.best_line_accuracy(X, xor, np.linspace(-2, 2, 9), strict=False) == 0.75


def test_best_line_with_one_weight_for_both_inputs_is_caught():
    def tied(X, y, values):  # w1 = w2: right on XOR, AND and OR, wrong on "x1 and not x2"
        return max(float(np.mean((X[:, 0] * w + X[:, 1] * w + b > 0) == y))
                   for w in values for b in values)
    fb = lesson.check_best_line(tied)
    assert fb.status == "wrong" and "x1 and not x2" in fb.message
    assert "returned 0.75, expected 1" in fb.message and "w1 = w2" in fb.message


def test_best_line_correct_message_stays_true():
    fb = lesson.check_best_line(reference_best_line)
    X, _, _ = lesson.boundary_data("XOR")
    assert lesson.best_line_accuracy(X, np.array([0, 0, 1, 0]), np.linspace(-2, 2, 9)) == 1.0
    assert "100 % for AND but only 75 % for XOR" in fb.message


def _search(X, y, values):
    return max(((float(np.mean((X[:, 0] * w1 + X[:, 1] * w2 + b > 0) == y)), (w1, w2, b))
                for w1 in values for w2 in values for b in values), key=lambda t: t[0])


@pytest.mark.parametrize("answer", [
    lambda X, y, v: _search(X, y, v),                       # (acc, (w1, w2, b))
    lambda X, y, v: _search(X, y, v)[1],                    # (w1, w2, b)
    lambda X, y, v: np.array(_search(X, y, v)[1]),          # the weights as an array
    lambda X, y, v: [_search(X, y, v)[0], *_search(X, y, v)[1]],  # [acc, w1, w2, b]
])
def test_best_line_returning_the_weights_is_named(answer):
    fb = lesson.check_best_line(answer)
    assert fb.status == "wrong" and "return only the best accuracy, not the weights" in fb.message.lower()
    assert "same length" not in fb.message and "reduce" not in fb.message
