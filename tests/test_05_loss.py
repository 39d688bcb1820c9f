"""Tests for notebooks/05_loss: the LineFitLoss interactive and the three checkers."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from helpers import losses
from helpers.lessons import l05_loss as lesson
from tests._util import drive_every_control

NB = Path(__file__).resolve().parents[1] / "notebooks" / "05_loss.ipynb"


# --- the interactive ---

@pytest.fixture(scope="module")
def demo():
    return lesson.LineFitLoss()


@pytest.mark.parametrize("slope", [-2.0, 0.5, 1.5, 5.0])
@pytest.mark.parametrize("intercept", [-4.0, 0.0, 6.0])
def test_linefit_extremes_are_finite(demo, slope, intercept):
    r = demo.update(slope=slope, intercept=intercept)
    assert np.isfinite(r["MSE"]) and r["MSE"] >= r["best MSE"] - 1e-9
    assert "MSE" in demo.readout(r)
    assert demo.png()[:4] == b"\x89PNG"


def test_linefit_mse_is_the_helpers_mse(demo):
    r = demo.update(slope=0.7, intercept=-1.2)
    want = losses.MSE()(0.7 * demo.x - 1.2, demo.y)
    assert np.isclose(r["MSE"], want, atol=1e-3)


def test_linefit_best_line_is_recognised(demo):
    r = demo.update(slope=float(demo.best[0]), intercept=float(demo.best[1]))
    assert "best line" in demo.readout(r)


def test_linefit_says_when_the_line_leaves_the_chart(demo):
    demo.update(slope=5.0, intercept=6.0)
    assert "off the chart" in demo.off.get_text()
    demo.update(slope=1.5, intercept=1.0)
    assert demo.off.get_text() == ""


def test_linefit_mse_works_on_grids(demo):
    m, c = np.meshgrid(np.linspace(-1, 1, 4), np.linspace(0, 2, 3))
    z = demo.mse(m, c)
    assert z.shape == (3, 4)
    assert np.isclose(z[1, 2], demo.mse(m[1, 2], c[1, 2]))


def test_linefit_star_stays_visible_and_the_trail_follows_your_moves():
    d = lesson.LineFitLoss()
    d.update(slope=0.5, intercept=0.0)
    d.update(slope=float(d.best[0]), intercept=float(d.best[1]))  # reach the best line
    star = d.star  # drawn above "your line", in a full redraw and in the fast one alike
    assert star.get_label() == "lowest loss" and star.get_zorder() > d.marker.get_zorder()
    assert d.animated().index(star) > d.animated().index(d.marker)
    for line in (d.trail, d.trail_edge):  # a white line on a wider black one: two points so far
        assert np.allclose(line.get_xydata(), [[0.5, 0.0], d.best])
    assert d.trail.get_color() == "white" and d.trail_edge.get_linewidth() > d.trail.get_linewidth()


def test_linefit_widget_controls_redraw():
    drive_every_control(lesson.LineFitLoss())


# --- check_mse ---

def good_mse(pred, y):
    return float(np.mean((pred - y) ** 2))


def stub_mse(pred, y):
    """A stub."""
    # your code here
    ...


@pytest.mark.parametrize("fn,words", [
    (lambda p, y: np.sum((p - y) ** 2), "sum of the squared errors"),
    (lambda p, y: np.mean(p - y), "not squared"),
    (lambda p, y: np.mean(np.abs(p - y)), "mean absolute error"),
    (lambda p, y: np.sqrt(np.mean((p - y) ** 2)), "square root"),
    (lambda p, y: np.mean(p - y) ** 2, "square each error first"),
    (lambda p, y: (p - y) ** 2, "ONE number"),
    (lambda p, y: np.mean((p - y) ** 2) + 1, "np.mean((pred - y) ** 2)"),
    (lambda p, y: np.sum((p - y) ** 2) / len(p), "len(pred), which counts the rows only"),
])
def test_mse_typical_mistakes_are_explained(fn, words):
    fb = lesson.check_mse(fn)
    assert fb.status == "wrong"
    assert words in fb.message


def test_mse_reference_and_stub():
    assert lesson.check_mse(good_mse).status == "correct"
    assert lesson.check_mse(lambda p, y: losses.MSE()(p, y)).status == "correct"
    assert lesson.check_mse(stub_mse).status == "not done"


# --- check_cross_entropy ---

def good_ce(probs, labels):
    return float(-np.mean(np.log(probs[np.arange(len(labels)), labels])))


@pytest.mark.parametrize("fn,words", [
    (lambda p, t: np.mean(np.log(p[np.arange(len(t)), t])), "minus sign"),
    (lambda p, t: -np.sum(np.log(p[np.arange(len(t)), t])), "sum over the batch"),
    (lambda p, t: -np.mean(np.log(p[:, t])), "whole columns"),
    (lambda p, t: -np.mean(np.log(p)), "every class"),
    (lambda p, t: -np.mean(np.log(p.max(axis=1))), "most likely class"),
    (lambda p, t: -np.mean(1 - p[np.arange(len(t)), t]), "log is missing"),
    (lambda p, t: -np.mean(np.log10(p[np.arange(len(t)), t])), "np.log"),
])
def test_cross_entropy_typical_mistakes_are_explained(fn, words):
    fb = lesson.check_cross_entropy(fn)
    assert fb.status == "wrong", fb.message
    assert words in fb.message


def test_cross_entropy_bad_indexing_is_explained():
    fb = lesson.check_cross_entropy(lambda p, t: -np.mean(np.log(p[t, np.arange(len(t))])))
    assert fb.status in ("wrong", "error")
    assert "np.arange(len(labels))" in fb.message


def test_cross_entropy_reference_and_stub():
    assert lesson.check_cross_entropy(good_ce).status == "correct"

    def cross_entropy(probs, labels):
        """A stub."""
        ...
    assert lesson.check_cross_entropy(cross_entropy).status == "not done"


def test_checkers_never_raise_on_junk():
    assert lesson.check_mse(None).status == "error"
    assert lesson.check_cross_entropy(lambda p, t: "x").status == "wrong"
    assert lesson.check_mse(lambda p, y: 1 / 0).status == "error"
    for fn, words in [(lambda p, y: "0.375", "returned text"), (lambda p, y: True, "yes/no"),
                      (lambda p, y: np.inf, "NaN or infinity"), (lambda p, y: 1e300, "beyond")]:
        fb = lesson.check_mse(fn)
        assert fb.status == "wrong" and words in fb.message and "expected one number" in fb.message


# --- a loss is ONE number: lists, tuples and arrays are refused in words ---

def _loop_over_rows_mse(pred, y):
    """A Python loop over the rows: on a 2-D batch it adds whole rows, one total per column."""
    total = 0.0
    for i in range(len(pred)):
        total = total + (pred[i] - y[i]) ** 2
    return total / len(pred)


@pytest.mark.parametrize("check, fn, words", [
    (lesson.check_mse, lambda p, y: [float(np.mean((p - y) ** 2))], ["returned [0.375]: a list holding one number",
                                                                      "with no brackets"]),
    (lesson.check_mse, lambda p, y: (float(np.mean((p - y) ** 2)),), ["returned (0.375,): a tuple"]),
    (lesson.check_mse, lambda p, y: np.array([np.mean((p - y) ** 2)]), ["array([0.375]): an array holding one"]),
    (lesson.check_mse, lambda p, y: list((p - y) ** 2), ["a list of 4 numbers", "the squared errors, one per value"]),
    (lesson.check_mse, lambda p, y: np.mean((p - y) ** 2, axis=0) if p.ndim == 2 else np.mean((p - y) ** 2),
     ["one number per column", "axis=0", "the mean over every value: here 2.6667"]),
    (lesson.check_mse, lambda p, y: _loop_over_rows_mse(p, y),
     ["one number per column: an average over the rows only, as a loop over the rows"]),
    (lesson.check_mse, lambda p, y: np.mean((p - y) ** 2, axis=-1) if p.ndim == 2 else np.mean((p - y) ** 2),
     ["np.mean(..., axis=1) averages each row"]),
    (lesson.check_cross_entropy, lambda p, t: list(-np.log(p[np.arange(len(t)), t])),
     ["the losses of each example", "the mean over the examples: here 0.5946"]),
    (lesson.check_cross_entropy, lambda p, t: p[np.arange(len(t)), t], ["the probabilities of the true classes"]),
    (lesson.check_cross_entropy, lambda p, t: [good_ce(p, t)], ["a list holding one number"]),
])
def test_a_loss_must_be_one_number(check, fn, words):
    fb = check(fn)
    assert fb.status == "wrong", fb.message
    assert "ONE number" in fb.message
    for word in words:
        assert word in fb.message, fb.message


def test_numpy_scalars_are_one_number():
    assert lesson.check_mse(lambda p, y: np.mean((p - y) ** 2)).status == "correct"
    assert lesson.check_mse(lambda p, y: np.array(np.mean((p - y) ** 2))).status == "correct"


# --- check_loss_by_hand (a reasoning exercise: compute, do not copy) ---

def test_by_hand_numbers_are_what_the_solution_says():
    x, y = np.array(lesson.BY_HAND["x"]), np.array(lesson.BY_HAND["y"])
    assert np.isclose(losses.MSE()(2 * x + 1, y), 3.5)
    scores = np.log(np.array(lesson.BY_HAND["probs"]))  # softmax(log p) = p
    assert np.isclose(losses.SoftmaxCrossEntropy()(scores, np.array(lesson.BY_HAND["labels"])),
                      1.5 * np.log(2))
    assert lesson.check_loss_by_hand((3.5, 1.04)).status == "correct"
    assert lesson.check_loss_by_hand([3.5, 1.5 * np.log(2)]).status == "correct"
    assert lesson.check_loss_by_hand(None).status == "not done"


@pytest.mark.parametrize("answer, words", [
    ((14, 1.04), "sum of the squared errors"),
    ((4.67, 1.04), "divided by 3"),
    ((-0.5, 1.04), "not squared"),
    ((1.5, 1.04), "mean absolute error"),
    ((1.87, 1.04), "square root"),
    ((0.25, 1.04), "squares the mean error"),
    ((5.0, 1.04), "the errors (prediction - y) are -1, 2, 0, -3"),
    ((3.5, 2.08), "sum over the two photos"),
    ((3.5, 1.386), "the loss of one photo, the second"),
    ((1.04, 3.5), "The two are swapped"),
    ((1.5 * np.log(2), 3.5), "tuple is (MSE, cross-entropy)"),
    ((3.5, -1.04), "minus sign is missing"),
    ((3.5, 0.45), "log base 10"),
    ((3.5, 1.5), "log base 2"),
    ((3.5, 0.69), "the first photo's loss alone"),
    ((3.5, 0.625), "the log is missing"),
    ((3.5, 0.98), "averages the probabilities first"),
    ((3.5, 1.2), "ln 4 = 2 · ln 2"),
    ((3.5,), "expected two numbers"),
    (("3.5", "1.04"), "text"),
])
def test_by_hand_typical_mistakes_are_explained(answer, words):
    fb = lesson.check_loss_by_hand(answer)
    assert fb.status == "wrong", fb.message
    assert words in fb.message, fb.message


# --- the notebook's own solutions pass its own check cells ---

@pytest.mark.skipif(not NB.exists(), reason="notebook not built yet")
def test_notebook_solutions_pass_their_checks():
    cells = json.loads(NB.read_text())["cells"]
    n = 0
    for i, cell in enumerate(cells):
        src = "".join(cell["source"]).strip()
        if cell["cell_type"] == "code" and src.startswith("lesson.check_"):
            sol = "".join(cells[i + 1]["source"])
            block = re.search(r"<summary>Solution</summary>\s*```python\n(.*?)```", sol, re.S).group(1)
            ns = {"np": np, "lesson": lesson}
            exec(block, ns)
            assert eval(src, ns).status == "correct", src
            n += 1
    assert n == 3
