"""Lesson 06 (backprop): the backward-pass stepper and the exercise checkers."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.lessons import l06_backprop as lesson


@pytest.fixture(scope="module")
def stepper():
    return lesson.BackwardStepper()


def test_stepper_every_step_explains_in_words(stepper):
    n = len(stepper.sequence)
    assert n == 13
    first = stepper.update(step=0)
    assert "no gradient yet" in first["what happens"]
    for k in range(1, n + 1):
        out = stepper.update(step=k)
        assert out["step"] == f"{k} of {n}"
        assert "=" in out["what happens"]
    assert stepper.png()[:4] == b"\x89PNG"


def test_stepper_shows_grads_only_for_reached_nodes(stepper):
    stepper.update(step=3)
    texts = [stepper.boxes[nd].get_text() for nd in stepper.sequence]
    assert all("grad ?" not in t for t in texts[:3])
    assert all("grad ?" in t for t in texts[3:])
    assert "dL/dL = 1" in stepper.update(step=1)["what happens"]


def test_stepper_grads_match_hand_computation():
    x1, x2, w1, w2, b, y = 1.5, -2.0, 0.3, 0.7, -0.2, 1.0
    loss = lesson.neuron_loss_graph(x1=x1, x2=x2, w1=w1, w2=w2, b=b, y=y)
    loss.backward()
    leaves = {n.label: n.grad for n in loss.topo_order() if not n.parents}
    a = np.tanh(w1 * x1 + w2 * x2 + b)
    dz = 2 * (a - y) * (1 - a * a)
    assert np.isclose(leaves["w1"], dz * x1) and np.isclose(leaves["w2"], dz * x2)
    assert np.isclose(leaves["b"], dz) and np.isclose(leaves["x1"], dz * w1)
    assert np.isclose(loss.data, (a - y) ** 2)


def test_stepper_shows_the_graph_it_is_given():
    loss = lesson.neuron_loss_graph(x1=3.0, w1=-1.0)
    d = lesson.BackwardStepper(loss)
    assert d.root is loss and d.sequence[0] is loss
    d.update(step=len(d.sequence))
    texts = {nd.label: d.boxes[nd].get_text() for nd in d.sequence}
    assert texts["x1"].startswith("x1 3\n") and texts["w1"].startswith("w1 -1\n")


def test_stepper_uses_the_layout_of_draw_graph(stepper):
    from helpers import plots

    layout = plots.graph_layout(stepper.root)
    assert {nd: tuple(box.get_position()) for nd, box in stepper.boxes.items()} == layout
    xs = {nd.label: x for nd, (x, _) in layout.items()}
    assert xs["L"] == max(xs.values())  # the loss on the right ...
    assert xs["x1"] == xs["w1"] == xs["x1·w1"] - 2 and xs["b"] == xs["z"] - 2  # ... inputs by their use


def test_stepper_explains_each_step_with_local_slopes(stepper):
    by_label = {nd.label: text for nd, text in zip(stepper.sequence, stepper.explain)}
    assert by_label["w2"] == "dL/dw2 = -2.301 × 2.000 (from x2·w2) = -4.603"  # × hands over x2
    assert by_label["sum"] == "dL/dsum = -2.301 × 1.000 (from z) = -2.301"  # + copies
    assert by_label["e"] == "dL/de = 1.000 × -2.395 (from L) = -2.395"
    # a label that is an expression gets brackets, so dL/d(x1·w1) does not read as (dL/dx1)·w1
    assert by_label["x1·w1"].startswith("dL/d(x1·w1) = ")
    assert by_label["−y"].startswith("dL/d(−y) = ") and by_label["x1"].startswith("dL/dx1 = ")


def test_a_value_used_twice_collects_both_terms():
    from helpers.value import Value

    x = Value(3.0, "x")
    y = x * x
    y.label = "y"
    out = y + x
    out.label = "out"
    d = lesson.BackwardStepper(out)
    text = dict(zip([nd.label for nd in d.sequence], d.explain))["x"]
    assert text == "dL/dx = 1.000 × 6.000 (from y) + 1.000 × 1.000 (from out) = 7.000"


def test_stepper_widget_slider_ends():
    d = lesson.BackwardStepper()
    box = d.widget()
    slider = d.ui["controls"]["step"]
    for v in (slider.max, slider.min, 7):
        slider.value = v
        assert d.ui["image"].value[:4] == b"\x89PNG"
        assert "step" in d.ui["text"].value
    assert box is not None


# --- checkers: the reference answers pass, typical mistakes get named ---

def relu_ok(dout, x):
    return dout * (x > 0)


def dense_ok(dout, x, W):
    return dout @ W.T, x.T @ dout, dout.sum(axis=0)


def test_relu_checker_accepts_reference_and_stub():
    assert lesson.check_relu_backward(relu_ok).status == "correct"

    def relu_backward(dout, x):
        ...
    assert lesson.check_relu_backward(relu_backward).status == "not done"


@pytest.mark.parametrize("fn, words", [
    (lambda d, x: d * (x < 0), "wrong side of zero"),
    (lambda d, x: d, "everywhere"),
    (lambda d, x: (x > 0) * 1.0, "mask alone"),
    (lambda d, x: d * np.maximum(x, 0), "output"),
    (lambda d, x: d * (x > 0) + 1, "expected"),
    (lambda d, x: d * (d > 0), "mask comes from x"),
    (lambda d, x: np.maximum(0, d), "mask comes from x"),
])
def test_relu_checker_names_mistakes(fn, words):
    fb = lesson.check_relu_backward(fn)
    assert fb.status == "wrong" and words in fb.message


def test_dense_checker_accepts_reference_and_stub():
    fb = lesson.check_dense_backward(dense_ok)
    assert fb.status == "correct" and "relative errors" in fb.message

    def dense_backward(dout, x, W):
        ...
    assert lesson.check_dense_backward(dense_backward).status == "not done"


@pytest.mark.parametrize("fn, status, words", [
    (lambda d, x, W: (d @ W.T, d.T @ x, d.sum(0)), "wrong", "transposed"),
    (lambda d, x, W: (d @ W.T, x.T @ d, d), "wrong", "not summed over the batch"),
    (lambda d, x, W: (d @ W.T, x.T @ d, d.mean(0)), "wrong", "averaged"),
    (lambda d, x, W: (d @ W.T, x.T @ d, d.sum(1)), "wrong", "wrong axis"),
    (lambda d, x, W: (d @ W.T, x.T @ d / 5, d.sum(0)), "wrong", "batch size"),
    (lambda d, x, W: (-d @ W.T, x.T @ d, d.sum(0)), "wrong", "dx is off"),
    (lambda d, x, W: (d @ W.T, x.T @ d), "wrong", "three arrays"),
    (lambda d, x, W: (d @ W, x.T @ d, d.sum(0)), "error", "dout @ W cannot be computed: dout has shape (5, 2) "
                                                          "and W has shape (3, 2)"),
    (lambda d, x, W: (d @ W, x.T @ d, d.sum(0)), "error", "Fix: dout @ W.T is (5, 2) @ (2, 3) → (5, 3), the shape of dx"),
    (lambda d, x, W: (d @ W.T, x @ d, d.sum(0)), "error", "Fix: x.T @ dout is (3, 5) @ (5, 2) → (3, 2), the shape of dW"),
    (lambda d, x, W: (np.dot(d, W), x.T @ d, d.sum(0)), "error", "dout dot W cannot be computed"),
    (lambda d, x, W: (np.matmul(W, d), x.T @ d, d.sum(0)), "error", "Fix: dout @ W.T"),
    (lambda d, x, W: (d @ W.T, d.T @ x.T, d.sum(0)), "error", "dout.T @ x.T cannot be computed"),
    (lambda d, x, W: (d @ W.T, np.ones(4) @ d, d.sum(0)), "error", "the left operand has shape (4,)"),
    (lambda d, x, W: (d @ W.T, x.T @ d, d.sum(0) + d[0, 7]), "error", "IndexError"),
    (lambda d, x, W: (W @ d.T, x.T @ d, d.sum(0)), "wrong", "dx has shape (3, 5), expected (5, 3)"),
    (lambda d, x, W: (d @ W.T, x.T @ d, d.sum()), "wrong", "db has shape (), expected (2,)"),
    (lambda d, x, W: (d @ W.T, x.T @ d), "wrong", "a tuple of 2 items"),
])
def test_dense_checker_names_mistakes(fn, status, words):
    fb = lesson.check_dense_backward(fn)
    assert fb.status == status and words in fb.message, fb.message


def test_dense_checker_shape_words_have_no_numpy_jargon_or_array_dumps():
    fb = lesson.check_dense_backward(lambda d, x, W: (d @ W, x.T @ d, d.sum(0)))
    assert "gufunc" not in fb.message and "core dimension" not in fb.message
    assert "It was called with" not in fb.message and "[[" not in fb.message


def test_dense_checker_other_errors_get_no_formulas_and_no_arrays():
    def dense_backward(dout, x, W):
        raise RuntimeError("not finished")
    fb = lesson.check_dense_backward(dense_backward)
    assert fb.status == "error" and "RuntimeError: not finished" in fb.message
    assert "W.T" not in fb.message and "x.T" not in fb.message and "Hint" not in fb.message
    assert "[[" not in fb.message and "dout of shape (5, 2), x of shape (5, 3)" in fb.message
    # a shape error (here broadcasting) still gets the shapes to guide it
    fb = lesson.check_dense_backward(lambda d, x, W: (d + x, x.T @ d, d.sum(0)))
    assert "Hint: let the shapes guide you" in fb.message and "[[" not in fb.message


def test_dense_checker_names_the_learners_line():
    ns = {}
    exec("def dense_backward(dout, x, W):\n    dx = dout @ W\n    return dx, x.T @ dout, dout.sum(0)\n", ns)
    fb = lesson.check_dense_backward(ns["dense_backward"])
    assert fb.status == "error" and "`dense_backward` stopped on a shape mistake" in fb.message
    assert "It happened in `dense_backward`, line 2" in fb.message


def test_dense_checker_still_accepts_every_way_to_write_it():
    for fn in (lambda d, x, W: (np.dot(d, W.T), np.dot(x.T, d), np.sum(d, axis=0)),
               lambda d, x, W: (np.matmul(d, W.transpose()), np.einsum("ni,nj->ij", x, d), d.sum(0)),
               lambda d, x, W: ((W @ d.T).T, (d.T @ x).T, np.ones(5) @ d)):
        assert lesson.check_dense_backward(fn).status == "correct"


# --- exercise 1: the chain rule by hand ---

def test_chain_by_hand_accepts_two_decimals_and_the_stub():
    stub = lesson.check_chain_by_hand(None)
    assert stub.status == "not done" and "`dL_dw_new`" in stub.message  # not section 2's dL_dw
    for v in (-0.8777, -0.88, -0.87, np.float64(-0.878)):
        assert lesson.check_chain_by_hand(v).status == "correct", v


@pytest.mark.parametrize("answer, words", [
    (-0.2926, "dL/dz: one link is missing"),
    (-3.735, "skips the sigmoid's link"),
    (-1.41, "uses a = 0.3775 as the sigmoid's slope"),
    (-0.439, "half the answer"),
    (0.878, "wrong sign"),
    (0.146, "that is dL/dx"),
    (-0.1669, "section 2's neuron (x = 2, w = 0.5, b = −0.5, y = 0.8)"),
    (-0.17, "use x = 3, w = -0.5, b = 1, y = 1"),
    (-0.5, "not right yet"),
    ("-0.88", "without quotes"),
    ([1.0, 2.0], "one number"),
])
def test_chain_by_hand_names_mistakes(answer, words):
    fb = lesson.check_chain_by_hand(answer)
    assert fb.status == "wrong" and words in fb.message, fb.message


# --- the layer picture ---

def test_layer_wires_each_slider_moves_the_highlighted_wire_and_cell():
    d = lesson.LayerWires()
    red = plots_colour("vermillion")
    first = d.update(i=0, j=1)
    assert first["chain rule"] == "dL/dW[0, 1] = x[0] × dout[1] = 2 × -1 = -2"
    assert d.wires[0, 1].get_linewidth() > d.wires[0, 0].get_linewidth()
    assert d.cells[0, 1].get_edgecolor()[:3] == red
    png = d.png()
    moved = d.update(i=1, j=1)   # the input slider
    assert moved["chain rule"].endswith("= -1 × -1 = 1") and d.png() != png
    assert d.in_nodes[1].get_edgecolor()[:3] == red and d.in_nodes[0].get_edgecolor()[:3] != red
    png = d.png()
    moved = d.update(i=1, j=2)   # the output slider
    assert moved["chain rule"].endswith("= -1 × 0.25 = -0.25") and d.png() != png
    assert d.cells[1, 2].get_edgecolor()[:3] == red and d.cells[1, 1].get_edgecolor()[:3] != red


def test_layer_wires_grid_is_the_outer_product_and_x_transpose_dout():
    d = lesson.LayerWires()
    assert np.allclose(d.dW, np.outer(lesson.LAYER_X, lesson.LAYER_DOUT))
    assert np.allclose(d.dW, lesson.LAYER_X[None].T @ lesson.LAYER_DOUT[None])
    for (i, j), _cell in d.cells.items():
        assert d.update(i=i, j=j)["chain rule"].endswith(f"= {d.dW[i, j]:g}")


def test_layer_wires_widget_sliders():
    d = lesson.LayerWires()
    d.widget()
    for name in ("i", "j"):
        s = d.ui["controls"][name]
        before = d.ui["image"].value
        s.value = s.max if s.value != s.max else s.min
        assert d.ui["image"].value != before and f"W[{d.ui['controls']['i'].value}" in d.ui["text"].value


def test_stepper_first_picture_shows_its_colour_key(stepper):
    stepper.update(step=0)
    legend = stepper.fig.axes[0].get_legend()
    words = [t.get_text() for t in legend.get_texts()]
    assert any(w.startswith("orange") for w in words) and any(w.startswith("purple") for w in words)
    assert any("vermillion" in w for w in words) and any(w.startswith("white") for w in words)


def plots_colour(name):
    from matplotlib.colors import to_rgb

    from helpers import plots

    return to_rgb(plots.PALETTE[name])
