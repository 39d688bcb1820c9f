"""Tests for notebooks/04_forward_pass: its interactives (ForwardStepper, DigitForwardPass,
ActivationDepth) and its three checkers."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from helpers import layers
from helpers.lessons import l04_forward_pass as lesson
from tests._util import drive_every_control

NB = Path(__file__).resolve().parents[1] / "notebooks" / "04_forward_pass.ipynb"


# --- the interactive ---

@pytest.fixture(scope="module")
def stepper():
    return lesson.ForwardStepper()


def _finite(values):
    return all(np.all(np.isfinite(np.asarray(v, dtype=float))) for v in values)


@pytest.mark.parametrize("step", [0, 1, 2, 3])
@pytest.mark.parametrize("x1,x2", [(-3, -3), (-3, 3), (3, -3), (3, 3), (0, 0), (-2, 1)])
def test_stepper_every_step_and_corner_is_finite(stepper, step, x1, x2):
    r = stepper.update(step=step, x1=x1, x2=x2)
    assert r["step"] == step
    assert _finite([r["a"]] + ([r["z"]] if "z" in r else []))
    assert isinstance(stepper.readout(r), str)
    assert stepper.png()[:4] == b"\x89PNG"


def test_stepper_matches_the_helpers_network(stepper):
    x = np.array([[-2.0, 1.0]])
    r = stepper.update(step=3, x1=-2.0, x2=1.0)
    probs = layers.softmax(stepper.model.forward(x))[0]
    assert np.allclose(r["a"], probs, atol=1e-3)
    assert abs(sum(r["a"]) - 1) < 1e-2
    assert r["prediction"].endswith("dog")


def test_stepper_says_in_words_when_relu_silences_a_layer(stepper):
    r = stepper.update(step=1, x1=1.0, x2=-0.5)
    assert r["a"] == [0.0, 0.0, 0.0]
    assert "every sum to 0" in stepper.lines[-1].get_text()
    out = stepper.update(step=3, x1=1.0, x2=-0.5)
    assert "no preference" in out["prediction"]


@pytest.mark.parametrize("step,x1,x2", [(1, 1.0, -0.5), (3, 1.0, -0.5), (2, -2.0, 1.0)])
def test_stepper_text_stays_inside_the_figure(stepper, step, x1, x2):
    stepper.update(step=step, x1=x1, x2=x2)
    fig = stepper.fig
    fig.canvas.draw()
    right = fig.bbox.x1
    for t in stepper.lines:
        assert t.get_window_extent().x1 <= right, t.get_text()


def test_stepper_colours_follow_the_sign(stepper):
    stepper.update(step=0, x1=-2.0, x2=1.0)
    rgb = stepper.net.nodes.get_facecolors()[:2, :3]  # x1 < 0, x2 > 0
    assert rgb[0, 2] > rgb[0, 1]  # purple: more blue than green
    assert rgb[1, 0] > rgb[1, 2]  # orange: more red than blue


def test_stepper_shapes_are_reported(stepper):
    r = stepper.update(step=1, x1=0.5, x2=0.5)
    assert r["shapes"] == "(1, 2) @ (2, 3) + (3,) → (1, 3)"


def test_stepper_steps_through_the_network_it_is_given():
    model = layers.mlp([2, 4, 3], seed=1)
    stepper = lesson.ForwardStepper(model)
    assert stepper.model is model and stepper.sizes == [2, 4, 3]
    r = stepper.update(step=2, x1=0.5, x2=-1.0)
    assert np.allclose(r["a"], layers.softmax(model.forward(np.array([[0.5, -1.0]])))[0], atol=1e-3)
    with pytest.raises(ValueError, match="2 inputs and 3 outputs"):
        lesson.ForwardStepper(layers.mlp([3, 4, 3]))


def test_stepper_widget_controls_redraw():
    ui = drive_every_control(lesson.ForwardStepper())
    assert "step" in ui["text"].value


# --- check_softmax ---

def good_softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def naive_softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def global_max_softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum(axis=-1, keepdims=True)


def whole_batch_softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum()


def no_keepdims_softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1)


def no_division_softmax(z):
    return np.exp(z - z.max(axis=-1, keepdims=True))


def columns_softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def stub_softmax(z):
    """A stub."""
    # your code here
    ...


def test_softmax_reference_is_correct():
    fb = lesson.check_softmax(good_softmax)
    assert fb.status == "correct", fb.message


def test_softmax_stub_is_not_done():
    assert lesson.check_softmax(stub_softmax).status == "not done"


def test_softmax_overflow_message_says_overflow():
    fb = lesson.check_softmax(naive_softmax)
    assert "Overflow" in fb.message and "1000" in fb.message


def test_softmax_missing_keepdims_gets_a_hint():
    fb = lesson.check_softmax(no_keepdims_softmax)
    assert fb.status == "error"
    assert "keepdims=True" in fb.message


# --- check_mlp_forward ---

def forward(x, params, bias=True, relu="between"):
    """The reference forward pass, or one of its typical mistakes (no bias, ReLU everywhere or
    nowhere)."""
    h = x
    for i, (W, b) in enumerate(params):
        h = h @ W + (b if bias else 0)
        if relu == "everywhere" or (relu == "between" and i < len(params) - 1):
            h = np.maximum(0, h)
    return h


def good_forward(x, params):
    return forward(x, params)


def relu_everywhere(x, params):
    return forward(x, params, relu="everywhere")


def no_bias(x, params):
    return forward(x, params, bias=False)


def no_relu(x, params):
    return forward(x, params, relu="nowhere")


def w_at_x(x, params):
    h = x
    for W, b in params:
        h = np.maximum(0, W @ h + b)
    return h


def first_layer_only(x, params):
    W, b = params[0]
    return np.maximum(0, x @ W + b)


def test_forward_reference_is_correct():
    fb = lesson.check_mlp_forward(good_forward)
    assert fb.status == "correct", fb.message


@pytest.mark.parametrize("check, fn, words", [
    (lesson.check_softmax, naive_softmax, "subtract the max first"),
    (lesson.check_softmax, global_max_softmax, "each row's own max"),
    (lesson.check_softmax, whole_batch_softmax, "each row sums to"),
    (lesson.check_softmax, no_division_softmax, "divide the exponentials by their sum"),
    (lesson.check_softmax, columns_softmax, "each column sums to 1"),
    (lesson.check_softmax, lambda z: str(z), "returned text"),
    (lesson.check_mlp_forward, relu_everywhere, "no ReLU after the last layer"),
    (lesson.check_mlp_forward, no_bias, "biases were left out"),
    (lesson.check_mlp_forward, no_relu, "ReLU between layers is missing"),
    (lesson.check_mlp_forward, first_layer_only, "The shapes should go"),
    (lesson.check_mlp_forward, lambda x, p: np.full((len(x), 2), np.nan), "NaN or infinity"),
])
def test_typical_mistakes_are_explained(check, fn, words):
    fb = check(fn)
    assert fb.status == "wrong" and words in fb.message, fb.message


def test_forward_wrong_order_of_product_gets_a_hint():
    fb = lesson.check_mlp_forward(w_at_x)
    assert fb.status == "error"
    assert "W1 (2, 3) @ x (4, 2)" in fb.message and "put the batch first" in fb.message


def x_into_every_layer(x, params):
    h = x
    for i, (W, b) in enumerate(params):
        h = x @ W + b
        if i < len(params) - 1:
            h = np.maximum(0, h)
    return h


def transposed(x, params):
    h = x
    for W, b in params:
        h = h @ W.T + b
    return h


def last_bias_everywhere(x, params):
    h = x
    for W, _b in params:
        h = h @ W + params[-1][1]
    return h


def with_np_dot(x, params):
    h = x
    for W, b in params:
        h = np.dot(W, h) + b
    return h


@pytest.mark.parametrize("fn, words", [
    (x_into_every_layer, ["x (4, 2) @ W2 (3, 2)", "W2 got x, the network's input"]),
    (transposed, ["x (4, 2) @ W1.T (3, 2)", "turned around (W.T)"]),
    (last_bias_everywhere, ["b2 (2,)", "each bias has one number per neuron"]),
    (with_np_dot, ["W1 (2, 3) @ x (4, 2)", "put the batch first"]),
])
def test_forward_shape_mistakes_are_said_in_words(fn, words):
    fb = lesson.check_mlp_forward(fn)
    assert fb.status == "error", fb.message
    for word in words:
        assert word in fb.message, fb.message
    assert "the shapes should go (4, 2) → (4, 3) → (4, 2)" in fb.message
    for jargon in ("gufunc", "core dimension", "operand", "array(["):
        assert jargon not in fb.message, fb.message


def test_forward_other_errors_keep_their_message():
    def typo(x, params):
        return undefined_name  # noqa: F821  (the mistake under test)
    fb = lesson.check_mlp_forward(typo)
    assert fb.status == "error" and "NameError" in fb.message


# --- check_softmax_predictions (a reasoning exercise: predict, do not run) ---

RIGHT_PREDICTED = {"equal": [1 / 3] * 3, "big": [0.090, 0.245, 0.665]}


def test_predictions_right_answer_agrees_with_the_helpers():
    assert np.allclose(layers.softmax(np.array([2.0, 2.0, 2.0])), RIGHT_PREDICTED["equal"])
    assert np.allclose(layers.softmax(np.array([1000.0, 1001.0, 1002.0])), RIGHT_PREDICTED["big"], atol=1e-3)
    fb = lesson.check_softmax_predictions(dict(RIGHT_PREDICTED))
    assert fb.status == "correct", fb.message
    rounded = {"equal": (0.33, 0.33, 0.33), "big": np.array([0.09, 0.24, 0.67])}  # two decimals pass
    assert lesson.check_softmax_predictions(rounded).status == "correct"


def test_predictions_stub_and_half_done():
    assert lesson.check_softmax_predictions(None).status == "not done"
    assert lesson.check_softmax_predictions({"equal": ..., "big": ...}).status == "not done"
    fb = lesson.check_softmax_predictions({**RIGHT_PREDICTED, "big": ...})
    assert fb.status == "not done" and "'big'" in fb.message


@pytest.mark.parametrize("change, words", [
    ({"big": [float("nan")] * 3}, "np.exp(1000) overflows to infinity"),
    ({"big": [float("inf"), float("inf"), float("inf")]}, "the maths itself has a perfectly good answer"),
    ({"equal": [1, 1, 1]}, "[1, 1, 1] adds up to 3"),
    ({"equal": [np.exp(2.0)] * 3}, "that is np.exp of each score"),
    ({"big": [1 / 3] * 3}, "only at their gaps"),
    ({"big": [1000 / 3003, 1001 / 3003, 1002 / 3003]}, "only at their gaps"),
    ({"big": [0.665, 0.245, 0.090]}, "in the wrong order"),
    ({"big": [0, 0, 1]}, "not certain"),
    ({"big": [0.1, 0.2, 0.3]}, "add up to 0.6"),
    ({"equal": [0.2, 0.3, 0.5]}, "equal scores give equal probabilities"),
    ({"big": [0.2, 0.3, 0.5]}, "Subtract 1000 from every score"),
    ({"big": "0.09, 0.245, 0.665"}, "is text"),
    ({"equal": 1 / 3}, "three probabilities"),
])
def test_predictions_typical_mistakes_are_explained(change, words):
    fb = lesson.check_softmax_predictions({**RIGHT_PREDICTED, **change})
    assert fb.status == "wrong" and words.lower() in fb.message.lower(), fb.message
    assert "1 of 2 right" in fb.message


@pytest.mark.parametrize("answer, words", [
    ([0.3, 0.3, 0.3], "expected a dict"),
    ({"eq": [1 / 3] * 3}, "has no 'equal' and no 'big'"),
])
def test_predictions_malformed(answer, words):
    fb = lesson.check_softmax_predictions(answer)
    assert fb.status == "wrong" and words in fb.message, fb.message


def max_without_keepdims(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1))
    return e / e.sum(axis=-1, keepdims=True)


def test_softmax_max_without_keepdims_is_said_in_words():
    fb = lesson.check_softmax(max_without_keepdims)
    assert fb.status == "error", fb.message
    assert "keepdims=True on the max and on the sum" in fb.message
    assert "shape (2,)" in fb.message and "(2, 1)" in fb.message
    assert "operands could not be broadcast" not in fb.message


def bias_as_column(x, params):
    h = x
    for i, (W, b) in enumerate(params):
        h = h @ W + b[:, None]
        if i < len(params) - 1:
            h = np.maximum(0, h)
    return h


def test_forward_bias_made_into_a_column_is_named():
    fb = lesson.check_mlp_forward(bias_as_column)
    assert fb.status == "error", fb.message
    assert "b1 made into a column, shape (3, 1)" in fb.message and "keep b1 as it is" in fb.message
    assert "computed in your function + " not in fb.message.split("\n")[0].split("+")[-1]


# --- the real forward pass: one digit through a trained network ---

@pytest.fixture(scope="module")
def reader():
    return lesson.DigitForwardPass()


def test_digit_network_is_trained_the_same_way_every_time():
    net, X, y = lesson.digit_network()
    again, _, _ = lesson.digit_network()
    assert net is not again  # a fresh copy: changing one changes nothing else
    assert np.array_equal(net[0].params["W"], again[0].params["W"])
    assert X.shape == (359, 64) and y.shape == (359,) and 0 <= X.min() and X.max() <= 1
    acc = np.mean(layers.softmax(net.forward(X)).argmax(axis=1) == y)
    assert 0.93 < acc < 1.0


def test_digit_reader_shows_every_stage(reader):
    net, X, y = lesson.digit_network()
    for i in (0, 5, 100):
        r = reader.update(index=i)
        h = np.maximum(0, X[i] @ net[0].params["W"] + net[0].params["b"])
        assert r["true digit"] == y[i]
        assert r["hidden units at 0"] == int(np.sum(h == 0))
        assert r["guess"] == int(net.forward(X[i:i + 1]).argmax())
        assert f"test digit #{i}: a {y[i]}" in reader.img_title.get_text()
        assert np.allclose([b.get_height() for b in reader.p_bars], reader.probs[i])


def test_digit_reader_marks_a_wrong_guess_in_vermillion(reader):
    from matplotlib.colors import to_hex

    from helpers import plots
    wrong_ones = np.flatnonzero(reader.probs.argmax(axis=1) != reader.y)
    assert 3 <= len(wrong_ones) <= 25  # "about 1 in 30" in the notebook
    r = reader.update(index=int(wrong_ones[0]))
    assert not r["right"] and "wrong" in reader.readout(r)
    assert to_hex(reader.p_bars[r["guess"]].get_facecolor()) == plots.PALETTE["vermillion"].lower()


def test_digit_reader_shows_the_true_digit_behind_a_wrong_guess(reader):
    from matplotlib.colors import to_hex

    from helpers import plots
    r = reader.update(index=171)  # the notebook's example: a 5 read as a 3
    assert (r["true digit"], r["guess"], r["right"]) == (5, 3, False)
    colours = [to_hex(bar.get_facecolor()) for bar in reader.p_bars]
    assert colours[5] == plots.PALETTE["blue"].lower() and colours[3] == plots.PALETTE["vermillion"].lower()
    assert colours.count(plots.PALETTE["sky"].lower()) == 8
    assert r["true digit's rank"] == 2 and "gets 27%, second of the ten" in reader.readout(r)
    assert reader.p_title.get_text() == "4. softmax: 3 (71%), wrong"  # short enough to fit
    assert "a 5" in reader.img_title.get_text()
    r = reader.update(index=0)  # right again: no blue bar left behind
    assert r["right"] and plots.PALETTE["blue"].lower() not in {to_hex(b.get_facecolor()) for b in reader.p_bars}
    assert "dark blue" not in reader.readout(r)


def test_digit_reader_slider_changes_the_picture():
    ui = drive_every_control(lesson.DigitForwardPass())
    assert "guess" in ui["text"].value


# --- activation scale through depth ---

@pytest.fixture(scope="module")
def depth():
    return lesson.ActivationDepth()


@pytest.mark.parametrize("activation, scale, verdict", [
    ("tanh", 0.25, "vanished"), ("tanh", 1.0, "shrinking slowly"), ("tanh", 4.0, "saturated"),
    ("relu", 0.25, "vanished"), ("relu", 1.0, "vanished"), ("relu", 2 ** 0.5, "steady"),
    ("relu", 2.0, "exploded"), ("relu", 4.0, "exploded"),
])
def test_depth_says_what_the_notebook_says(depth, activation, scale, verdict):
    assert depth.update(scale=scale, activation=activation)["verdict"] == verdict


def test_depth_he_keeps_relu_steady_and_xavier_keeps_tanh_in_range(depth):
    stds = depth.spreads(2 ** 0.5, "relu")[0]
    assert np.all((stds > 0.6) & (stds < 1.2))  # "near 0.8 at every layer"
    stds = depth.spreads(1.0, "tanh")[0]
    assert np.all(np.diff(stds) < 0) and 0.15 < stds[-1] < 0.3 and 0.55 < stds[0] < 0.7
    relu = depth.spreads(1.0, "relu")[0]
    assert np.allclose(relu[1:] / relu[:-1], 0.5 ** 0.5, atol=0.15)  # "about 30 % per layer"


def test_depth_saturation_piles_tanh_values_at_plus_and_minus_one(depth):
    depth.update(scale=4.0, activation="tanh")
    counts = np.asarray(depth.last.get_data().values)
    assert counts[0] > 0.25 and counts[-1] > 0.25 and counts[10:20].max() < 0.05


def test_depth_moving_the_scale_moves_the_curve(depth):
    depth.update(scale=0.5, activation="relu")
    low = np.array(depth.curve.get_ydata())
    depth.update(scale=2.0, activation="relu")
    high = np.array(depth.curve.get_ydata())
    assert np.all(high > low) and high[-1] / low[-1] > 1e4


def test_depth_activation_changes_the_histogram(depth):
    depth.update(scale=1.0, activation="tanh")
    edges = np.asarray(depth.last.get_data().edges)
    assert edges[0] == -1 and edges[-1] == 1 and "tanh" in depth.hist_title.get_text()
    depth.update(scale=1.0, activation="relu")
    edges = np.asarray(depth.last.get_data().edges)
    assert edges[0] == 0 and edges[-1] == 3 and "ReLU" in depth.hist_title.get_text()


def test_depth_histogram_axis_fits_each_activation(depth):
    depth.update(scale=1.0, activation="tanh")
    assert depth.ax_h.get_xlim() == (-1.1, 1.1) and "from -1 to 1" in depth.ax_h.get_xlabel()
    tanh_png = depth.png()
    depth.update(scale=1.0, activation="relu")
    assert depth.ax_h.get_xlim() == (-0.1, 3.1) and "above 3" in depth.ax_h.get_xlabel()
    assert depth.png() != tanh_png  # the axis itself is redrawn, not only the bars
    depth.update(scale=1.0, activation="tanh")
    assert depth.png() == tanh_png


def test_depth_widget_controls_redraw():
    demo = lesson.ActivationDepth()
    demo.widget()
    ui = demo.ui
    first = ui["image"].value
    ui["controls"]["scale"].value = 4.0
    assert "exploded" not in ui["text"].value and "saturated" in ui["text"].value
    ui["controls"]["activation"].value = "relu"
    assert "exploded" in ui["text"].value
    ui["controls"]["scale"].value = 0.25
    assert "vanished" in ui["text"].value and ui["image"].value != first


def test_checkers_never_raise_on_junk():
    assert lesson.check_softmax(42).status == "error"
    assert lesson.check_mlp_forward(lambda x, p: "hello").status == "wrong"


# --- the notebook's own solutions pass its own check cells ---

def _solutions_and_checks(path):
    cells = json.loads(path.read_text())["cells"]
    pairs = []
    for i, cell in enumerate(cells):
        src = "".join(cell["source"])
        if cell["cell_type"] == "code" and src.startswith("lesson.check_"):
            sol = "".join(cells[i + 1]["source"])
            block = re.search(r"<summary>Solution</summary>\s*```python\n(.*?)```", sol, re.S)
            pairs.append((block.group(1), src.strip()))
    return pairs


@pytest.mark.skipif(not NB.exists(), reason="notebook not built yet")
def test_notebook_solutions_pass_their_checks():
    pairs = _solutions_and_checks(NB)
    assert len(pairs) == 3
    for solution, check in pairs:
        ns = {"np": np, "lesson": lesson}
        exec(solution, ns)
        assert eval(check, ns).status == "correct", check
