"""Tests for notebooks/04_forward_pass: the ForwardStepper interactive and the two checkers."""

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
    assert "x @ W" in fb.message


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
    assert len(pairs) == 2
    for solution, check in pairs:
        ns = {"np": np, "lesson": lesson}
        exec(solution, ns)
        assert eval(check, ns).status == "correct", check
