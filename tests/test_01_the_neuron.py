"""Tests for notebooks/01_the_neuron: the neuron widget (headless) and the exercise checks."""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pytest

from helpers import layers
from helpers.lessons import l01_the_neuron as lesson

# --- the widget ------------------------------------------------------------------------

NAMES = ["x1", "x2", "x3", "w1", "w2", "w3", "b"]


def test_neuron_demo_numbers_match_the_formula():
    demo = lesson.NeuronDemo()
    out = demo.update(x1=1.0, x2=0.5, x3=-1.0, w1=1.0, w2=2.0, w3=0.5, b=-1.0)
    assert out == {"z": "0.50", "output": f"{layers.sigmoid(0.5):.3f}", "fires": "yes"}
    out = demo.update(x1=0, x2=0, x3=0, w1=0, w2=0, w3=0, b=-1)
    assert out["fires"] == "no" and out["output"] == f"{layers.sigmoid(-1.0):.3f}"


def test_neuron_demo_every_control_extreme_is_finite():
    demo = lesson.NeuronDemo()
    ctrls = demo.controls()
    assert list(ctrls) == NAMES
    for name, ctrl in ctrls.items():
        for value in (ctrl.min, ctrl.max):
            out = demo.update(**{name: value})
            assert np.isfinite(float(out["z"])) and 0 <= float(out["output"]) <= 1
    # the largest and smallest z the sliders allow (±21) sit at the chart's edge as a triangle
    top = demo.update(x1=2, x2=2, x3=2, w1=3, w2=3, w3=3, b=3)
    assert top["z"] == "21.00" and demo.point.get_marker() == ">"
    bottom = demo.update(x1=2, x2=2, x3=2, w1=-3, w2=-3, w3=-3, b=-3)
    assert bottom["z"] == "-21.00" and bottom["fires"] == "no" and demo.point.get_marker() == "<"


def test_neuron_demo_starts_at_the_neuron_it_is_given():
    demo = lesson.NeuronDemo(np.array([0.5, -1.0, 2.0]), [1.5, 0.0, -0.5], 0.25)
    assert demo.start == {"x1": 0.5, "x2": -1.0, "x3": 2.0, "w1": 1.5, "w2": 0.0, "w3": -0.5, "b": 0.25}
    assert {k: c.value for k, c in demo.controls().items()} == demo.start
    assert demo.update() == demo.update(**demo.start)  # a control not given keeps its start
    assert demo.update(b=1.0)["z"] == f"{0.75 - 1.0 + 1.0:.2f}"
    with pytest.raises(TypeError, match="unknown name 'w4'"):  # like any keyword a function lacks
        demo.update(w4=1.0)
    with pytest.raises(ValueError, match="three inputs and three weights"):
        lesson.NeuronDemo([1.0, 2.0], [1.0, 2.0], 0.0)


def test_neuron_widget_controls_change_the_picture():
    demo = lesson.NeuronDemo()
    box = demo.widget()
    assert isinstance(box, w.VBox)
    ui = demo.ui
    for name, ctrl in ui["controls"].items():
        assert isinstance(ctrl, w.FloatSlider)
        pictures = []
        for value in (ctrl.min, ctrl.max):
            ctrl.value = value
            pictures.append(ui["image"].value)
        assert pictures[0] != pictures[1], f"moving {name} did not change the picture"
        assert "output" in ui["text"].value


@pytest.mark.parametrize("values", [{}, {"x1": -2.0, "w2": -3.0, "b": 2.0},
                                    {"x1": 2, "x2": 2, "x3": 2, "w1": 3, "w2": 3, "w3": 3, "b": 3}])
def test_neuron_demo_values_sit_at_their_bars_end(values):
    """Each bar's number sits at the end of that bar, on the bar's side of 0 (readers found them
    on the far side), and inside the chart even when the bar runs past its edge (z = 21)."""
    demo = lesson.NeuronDemo()
    demo.update(**values)
    for bar, text in zip(demo.bars, demo.bar_text):
        v = bar.get_width()
        x = text.get_position()[0]
        end = float(np.clip(v, -demo.XMAX, demo.XMAX))
        assert abs(x - end) < 0.5 and abs(x) < demo.XMAX, (v, x)
        assert v == 0 or np.sign(x) == np.sign(v), (v, x)
        assert text.get_text() == f"{v:+.2f}"


def test_neuron_demo_draws_the_sigmoid_green_and_the_point_by_its_answer():
    from matplotlib.colors import to_hex

    from helpers.plots import PALETTE
    demo = lesson.NeuronDemo()
    curve = demo.fig.axes[1].lines[0]
    assert to_hex(curve.get_color()) == PALETTE["green"].lower()  # as lessons 03 and 04
    demo.update(b=3.0)
    fires = to_hex(demo.point.get_color())
    demo.update(b=-3.0, w1=-3.0)
    quiet = to_hex(demo.point.get_color())
    assert fires == to_hex(demo.pushes_up) and quiet == to_hex(demo.pushes_down)


def test_blitted_png_matches_a_full_redraw():
    """The fast redraw must show what a full redraw of the same state shows."""
    from helpers.plots import to_png
    demo = lesson.NeuronDemo()
    demo.png()  # first call: draws the background
    demo.update(x1=-2, w2=3, b=2)
    fast = demo.png()
    import io

    import PIL.Image
    a = np.asarray(PIL.Image.open(io.BytesIO(fast)).convert("RGB"), dtype=int)
    b = np.asarray(PIL.Image.open(io.BytesIO(to_png(demo.fig))).convert("RGB"), dtype=int)
    assert a.shape == b.shape
    assert np.mean(np.abs(a - b) > 40) < 0.002  # same picture, up to anti-aliasing


# --- exercise 1: neuron(x, w, b) ---------------------------------------------------------

def neuron_solution(x, w, b):
    z = np.dot(w, x) + b
    return 1 / (1 + np.exp(-z))


def test_neuron_accepts_the_solution_and_variants():
    assert lesson.check_neuron(neuron_solution).status == "correct"

    def with_loop(x, w, b):
        z = b
        for xi, wi in zip(x, w):
            z += xi * wi
        return layers.sigmoid(z)
    assert lesson.check_neuron(with_loop).status == "correct"

    def one_element_array(x, w, b):
        return layers.sigmoid(np.array([np.sum(w * x) + b]))
    assert lesson.check_neuron(one_element_array).status == "correct"


def test_neuron_stub_is_not_done():
    def neuron(x, w, b):
        """stub"""
        ...
    assert lesson.check_neuron(neuron).status == "not done"


MISTAKES = {
    "forgot the bias": lambda x, w, b: 1 / (1 + np.exp(-np.dot(w, x))),
    "forgot the activation": lambda x, w, b: np.dot(w, x) + b,
    "used a step": lambda x, w, b: float(np.dot(w, x) + b > 0),
    "subtracted the bias": lambda x, w, b: 1 / (1 + np.exp(-(np.dot(w, x) - b))),
    "flipped the sign": lambda x, w, b: 1 / (1 + np.exp(np.dot(w, x) + b)),
    "without their weights": lambda x, w, b: 1 / (1 + np.exp(-(np.sum(x) + b))),
    "used tanh": lambda x, w, b: np.tanh(np.dot(w, x) + b),
    "never summed them": lambda x, w, b: 1 / (1 + np.exp(-(w * x + b))),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_neuron_names_the_mistake(mistake):
    fb = lesson.check_neuron(MISTAKES[mistake])
    assert fb.status == "wrong"
    assert mistake in fb.message, fb.message
    assert "Hint" in fb.message


def test_neuron_other_wrong_answers():
    fb = lesson.check_neuron(lambda x, w, b: 0.3)
    assert fb.status == "wrong" and "expected" in fb.message

    def no_return(x, w, b):
        np.dot(w, x) + b
    fb = lesson.check_neuron(no_return)
    assert fb.status == "wrong" and "return" in fb.message

    def crashes(x, w, b):
        return layers.sigmoid(w @ x[:2] + b)
    fb = lesson.check_neuron(crashes)
    assert fb.status == "error" and "ValueError" in fb.message

    def only_three_inputs(x, w, b):  # works for length 3, breaks on other lengths
        return layers.sigmoid(w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + b)
    fb = lesson.check_neuron(only_three_inputs)
    assert fb.status == "error" and "IndexError" in fb.message

    fb = lesson.check_neuron(lambda x, w, b: "0.5")
    assert fb.status == "wrong"


def test_neuron_does_not_change_the_learners_view_of_the_cases():
    def mutates(x, w, b):
        x *= 0
        return neuron_solution(x, w, b)
    lesson.check_neuron(mutates)
    assert lesson.check_neuron(neuron_solution).status == "correct"


# --- exercise 2: "x1 on and x2 off" ------------------------------------------------------

def test_and_not_gate():
    assert lesson.check_and_not_gate(None).status == "not done"
    fb = lesson.check_and_not_gate((1.0, -1.0, -0.5))
    assert fb.status == "correct" and "(1, 0)" in fb.message and "veto" in fb.message
    assert lesson.check_and_not_gate([20, -20, -10]).status == "correct"
    assert lesson.check_and_not_gate((1.0, -1.0, 0.0)).status == "correct"  # (0, 0): z = 0, quiet


@pytest.mark.parametrize("params, words", [
    ((1.0, -1.0, 0.5), "b must be at or below 0 (exactly 0 gives output 0.5"),  # fires for (0, 0)
    ((1.0, -1.0, -1.5), "make w1 bigger than -b"),          # never fires
    ((1.0, -1.0, -1.0), "ABOVE 0.5"),                       # (1, 0) sits exactly on 0.5
    ((2.0, -0.5, -1.0), "w1 + w2 + b = 0.5 must stay at or below 0"),  # x2 does not veto enough
    ((1.0, 1.0, -1.5), "AND gate"),                          # AND: x2 helps
    ((-1.0, 1.0, -0.5), "weights are"),                      # fires for (0, 1): swapped
])
def test_and_not_gate_wrong(params, words):
    fb = lesson.check_and_not_gate(params)
    assert fb.status == "wrong" and words in fb.message and "✗" in fb.message, fb.message


def test_and_not_gate_x2_alone_firing_is_explained():
    fb = lesson.check_and_not_gate((1.0, 0.5, -0.2))  # (0, 1) and (1, 1) fire
    assert fb.status == "wrong" and "w2 + b = 0.3 must stay at or below 0" in fb.message


@pytest.mark.parametrize("bad, came", [((1, 2), "is 2 numbers"), ("1, -1, -0.5", "is text"),
                                       ((1, "a", 2), "is text"), (5, "is 1 number"),
                                       ((np.inf, 1, -1), "NaN or infinity"),
                                       ((1e308, 1e308, -1), "beyond")])
def test_and_not_gate_bad_answers_say_what_came_and_what_is_expected(bad, came):
    fb = lesson.check_and_not_gate(bad)
    assert fb.status == "wrong" and came in fb.message, fb.message
    assert "expected three numbers (w1, w2, b)" in fb.message
    assert "and_not_params = (1.0, 2.0, -3.0)" in fb.message  # a neutral example, not an answer


# --- exercise 3: predict a neuron by hand ------------------------------------------------

def test_by_hand():
    assert lesson.check_by_hand(None).status == "not done"
    fb = lesson.check_by_hand((1.5, 0.818))
    assert fb.status == "correct" and "fires" in fb.message
    assert lesson.check_by_hand((1.5, 0.82)).status == "correct"
    assert lesson.check_by_hand([1.5, 0.8176]).status == "correct"


def test_by_hand_numbers_are_not_those_of_the_neuron_above():
    """A reasoning exercise: its answer must not stand in a cell above (z 0.50, output 0.622)."""
    x, w, b = (np.array(lesson.BY_HAND[k]) for k in ("x", "w", "b"))
    z = float(np.dot(w, x) + b)
    assert not np.isclose(z, 0.5) and not np.isclose(layers.sigmoid(z), 0.622, atol=0.01)
    assert np.any((w < 0) & (x < 0))  # it exercises minus times minus
    fb = lesson.check_by_hand(lesson.ABOVE)
    assert fb.status == "wrong" and "the neuron built above" in fb.message


@pytest.mark.parametrize("answer, words", [
    ((0.818, 1.5), "swapped: you wrote (output, z)"),
    ((0.82, 1.5), "by_hand = (1.5, 0.82)"),
    ((2.5, 0.924), "without the bias"),
    ((0.0, 0.5), "forgets their weights"),
    ((-1.5, 0.182), "minus times minus is plus"),
    ((1.0, 0.73), "not right yet"),
    ((1.5, 1.0), "what the step gives"),
    ((1.5, 0.182), "sigmoid(-z)"),
    ((1.5, 0.223), "is e^(-z)"),
    ((1.5, 1.223), "is 1 + e^(-z)"),
    ((1.5, 1.5), "not z itself"),
    ((1.5, 0.7), "output 0.7 is not yet"),
])
def test_by_hand_wrong(answer, words):
    fb = lesson.check_by_hand(answer)
    assert fb.status == "wrong" and words in fb.message, fb.message


def test_by_hand_percentage_is_named():
    fb = lesson.check_by_hand((1.5, 81.8))
    assert fb.status == "wrong" and "percentage" in fb.message


def test_by_hand_bad_shape():
    for bad in (0.5, ("z", "out"), (0.5, None)):
        fb = lesson.check_by_hand(bad)
        assert fb.status == "wrong" and "expected two numbers (z, output)" in fb.message


# --- typical wrong answers of exercises 1 and 2 that need their own diagnosis -------------

@pytest.mark.parametrize("swap", [False, True])
def test_neuron_returning_z_and_the_output_is_named(swap):
    def neuron(x, w, b):
        z = np.dot(w, x) + b
        out = 1 / (1 + np.exp(-z))
        return (out, z) if swap else (z, out)
    fb = lesson.check_neuron(neuron)
    order = "(output, z)" if swap else "(z, output)"
    assert fb.status == "wrong" and f"returned two numbers, {order}" in fb.message
    assert "return only the output" in fb.message


def test_and_not_gate_the_opposite_gate_and_the_bias_first():
    fb = lesson.check_and_not_gate((-1.0, 1.0, 0.5))
    assert fb.status == "wrong" and "exact opposite" in fb.message and "(-w1, -w2, -b)" in fb.message
    fb = lesson.check_and_not_gate((-0.5, 1.0, -1.0))
    assert fb.status == "wrong" and "bias first" in fb.message
    assert "and_not_params = (1, -1, -0.5)" in fb.message


def test_neuron_rounded_answer_is_named():
    for digits in (2, 3):
        fb = lesson.check_neuron(lambda x, w, b, d=digits: round(float(neuron_solution(x, w, b)), d))
        assert fb.status == "wrong" and "You rounded" in fb.message and "full value" in fb.message
    fb = lesson.check_neuron(lambda x, w, b: np.round(neuron_solution(x, w, b), 4))
    assert fb.status == "wrong" and "You rounded" in fb.message


def test_neuron_generic_message_names_the_arguments():
    fb = lesson.check_neuron(lambda x, w, b: 0.3)
    assert fb.status == "wrong" and "for x=[1. 2. 3.], w=[ 0.5 -0.2  0.1], b=0.3 returned 0.3" in fb.message


def test_neuron_fixed_length_answer_is_told_to_use_dot():
    def only_three_inputs(x, w, b):
        return layers.sigmoid(w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + b)
    fb = lesson.check_neuron(only_three_inputs)
    assert fb.status == "error" and "IndexError" in fb.message
    assert "That was with 1 input." in fb.message and "any length" in fb.message and "np.dot" in fb.message
