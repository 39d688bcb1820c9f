"""Lesson 03 (layers): its three interactives (random networks, XOR's hidden space, ReLU hinges)
and its three exercise checkers."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import layers
from helpers.lessons import l03_layers as lesson


@pytest.fixture(scope="module")
def demo():
    return lesson.RandomNetworks()


# --- the widget -------------------------------------------------------------------------

@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
@pytest.mark.parametrize("depth, width", [(0, 1), (0, 32), (1, 1), (8, 1), (8, 32), (2, 8)])
def test_update_at_extremes_draws_without_warnings(demo, activation, depth, width):
    for seed in (0, 99):
        result = demo.update(depth=depth, width=width, activation=activation, seed=seed)
        assert result["parameters"] == layers.mlp([2] + [width] * depth + [1]).n_params()
        assert result["message"]
        assert "%" in result["not flat"]
        for im in demo.images:
            assert np.all(np.isfinite(im.get_array()))
    assert demo.png()[:4] == b"\x89PNG"


def test_linear_and_single_neuron_are_flat_and_said_in_words():
    imgs, _, flat = lesson.random_network_pictures(8, 32, "linear", 0)
    assert np.all(flat < 1e-9)
    result = lesson.RandomNetworks().update(depth=5, width=16, activation="linear", seed=3)
    assert "collapse" in result["message"]
    result = lesson.RandomNetworks().update(depth=0, width=16, activation="relu", seed=3)
    assert "single neuron" in result["message"]


def test_nonlinear_networks_bend():
    _, _, flat = lesson.random_network_pictures(3, 16, "tanh", 0)
    assert flat.max() > 0.01


def test_dead_relu_network_is_explained():
    d = lesson.RandomNetworks()
    result = d.update(depth=8, width=1, activation="relu", seed=0)
    assert "same number everywhere" in result["message"]
    assert any(n.get_visible() and "same output" in n.get_text() for n in d.notes)


def test_pictures_repeat_for_a_seed_and_change_with_it():
    a = lesson.random_network_pictures(2, 8, "relu", 5)[0]
    b = lesson.random_network_pictures(2, 8, "relu", 5)[0]
    c = lesson.random_network_pictures(2, 8, "relu", 6)[0]
    assert np.array_equal(a, b) and not np.allclose(a, c)


def test_controls_drive_the_picture():
    d = lesson.RandomNetworks()
    d.widget()
    before = d.ui["image"].value
    d.ui["controls"]["activation"].value = "linear"
    assert d.ui["image"].value != before
    assert "collapse" in d.ui["text"].value
    d.ui["controls"]["seed"].value = 99
    d.ui["controls"]["depth"].value = 8
    d.ui["controls"]["width"].value = 1


def test_bad_depth_is_explained():
    with pytest.raises(ValueError, match="depth"):
        lesson.random_network_pictures(-1, 8, "relu", 0)


# --- XOR's hidden space ------------------------------------------------------------------

def test_xor_hidden_space_starts_at_or_nand_and_separates():
    d = lesson.XorHiddenSpace()
    r = d.update()
    assert (r["unit 1"], r["unit 2"]) == ("OR", "NAND")
    assert r["separable"] and r["margin"] == pytest.approx(0.354, abs=1e-3)
    assert r["hidden"]["(0, 1)"] == r["hidden"]["(1, 0)"] == (1.0, 1.0)
    assert d.out_line.get_visible() and "split by the black line" in d.h_title.get_text()
    assert d.png()[:4] == b"\x89PNG"


def test_xor_hidden_space_things_to_try_as_the_text_says():
    d = lesson.XorHiddenSpace()
    copy = d.update(w12=1.0, w22=1.0, b2=-0.5)  # unit 2 a copy of unit 1
    assert copy["unit 2"] == "OR" and not copy["separable"] and "same hidden point" in copy["why"]
    assert not d.out_line.get_visible() and "no line" in d.h_title.get_text()
    assert all(a == b for a, b in copy["hidden"].values())  # every point on the diagonal h1 = h2
    with_and = d.update(w12=1.0, w22=1.0, b2=-1.5)
    assert with_and["unit 2"] == "AND" and with_and["separable"]
    copies = d.update(w11=1.0, w21=0.0, b1=-0.5, w12=0.0, w22=1.0, b2=-0.5)
    assert (copies["unit 1"], copies["unit 2"]) == ("x1", "x2")
    assert not copies["separable"] and "segment" in copies["why"] and "crosses or touches" in copies["why"]
    soft = d.update(activation="sigmoid")
    assert soft["separable"] and round(soft["margin"], 2) == 0.02
    steep = d.update(w11=2.0, w21=2.0, b1=-1.0, w12=-2.0, w22=-2.0, b2=3.0, activation="sigmoid")
    assert round(steep["margin"], 2) == 0.09


def test_xor_hidden_space_every_control_changes_the_picture():
    d = lesson.XorHiddenSpace()
    d.widget()
    for name, value in [("w11", -2.0), ("w21", 0.5), ("b1", 1.0), ("w12", 2.0), ("w22", 0.3), ("b2", -1.0),
                        ("activation", "sigmoid")]:
        before = d.ui["image"].value
        d.ui["controls"][name].value = value
        assert d.ui["image"].value != before, name
    assert "Can the output unit separate" in d.ui["text"].value


def test_xor_hidden_space_zero_weights_hide_the_line_and_say_why():
    d = lesson.XorHiddenSpace()
    r = d.update(w11=0.0, w21=0.0, b1=-0.5)
    assert "both weights 0" in r["unit 1"] and not d.unit_lines[0].get_visible()
    far = d.update(b1=-3.0, w11=0.1, w21=0.1)  # its line far outside the picture
    assert "outside the picture" in far["unit 1"] and far["unit 1"].startswith("always 0")


@pytest.mark.parametrize("hidden, separable", [
    ([[0, 1], [1, 1], [1, 1], [1, 0]], True),    # OR, NAND
    ([[0, 0], [1, 0], [1, 0], [1, 1]], True),    # OR, AND
    ([[0, 0], [0, 1], [1, 0], [1, 1]], False),   # x1, x2: crossing diagonals
    ([[0, 0], [1, 1], [1, 1], [1, 1]], False),   # OR, OR: two classes on one point
    ([[0, 0], [0.5, 0.5], [0.2, 0.8], [1, 1]], False),  # a point on the other class's segment
])
def test_separation_is_exact(hidden, separable):
    sep = lesson._separation(np.array(hidden, dtype=float))
    assert sep["separable"] == separable
    if separable:  # the line found really splits them
        z = np.array(hidden, dtype=float) @ sep["w"] + sep["c"]
        assert np.all((z > 0) == (lesson.XOR_LABELS == 1))


# --- ReLU hinges -------------------------------------------------------------------------------

def test_relu_hinges_start_and_things_to_try():
    d = lesson.ReluHinges()
    r = d.update()
    assert r["mse"] == pytest.approx(0.0809, abs=5e-5) and r["best"] == pytest.approx(0.0006, abs=5e-5)
    assert r["slopes"] == "0 → +0.6 → -0.6 → -0.6 → -0.6"
    assert d.update(slope3=0.6)["mse"] == pytest.approx(0.009, abs=5e-4)
    tent = d.update(slope1=0.7, slope2=-1.4, slope3=0.7)["mse"]
    wider = d.update(at1=-1.6, slope1=0.7, slope2=-1.4, at3=1.6, slope3=0.7)["mse"]
    assert tent <= 0.0021 and wider < 0.0015
    assert d.update(target="sine")["best"] == pytest.approx(0.0045, abs=5e-5)


def test_relu_hinges_best_settings_fit_and_are_reachable():
    d = lesson.ReluHinges()
    rules = d.value_rules()
    for target, (at, slope) in lesson.HINGE_BEST.items():
        values = {f"at{k + 1}": at[k] for k in range(4)} | {f"slope{k + 1}": slope[k] for k in range(4)}
        for name, v in values.items():
            rules[name](v, name, "test")  # each best value is one the sliders can give
        r = d.update(target=target, **values)
        assert r["mse"] == r["best"]


def test_relu_hinges_sum_is_the_sum_of_the_ramps():
    parts, total = lesson._hinges(lesson.HINGE_X, [-1.0, 1.0], [2.0, -1.0])
    x = lesson.HINGE_X
    assert np.allclose(total, 2 * np.maximum(0, x + 1) - np.maximum(0, x - 1))
    assert np.allclose(parts.sum(axis=0), total)


def test_relu_hinges_every_control_changes_the_picture():
    d = lesson.ReluHinges()
    d.widget()
    # slopes first: a hinge whose slope change is 0 moves only its dot, not the error
    for name, value in [("target", "sine"), *[(f"slope{k}", -0.5 - 0.1 * k) for k in range(1, 5)],
                        *[(f"at{k}", 0.3 * k - 1.1) for k in range(1, 5)]]:
        before = d.ui["image"].value
        text = d.ui["text"].value
        d.ui["controls"][name].value = value
        assert d.ui["image"].value != before, name
        assert d.ui["text"].value != text, name  # the error (or the target's best) moves too


# --- exercise 1: dense_forward, weights stored one row per neuron (H, D) ---------------------------

def test_dense_forward_accepts_the_solution_and_other_right_forms():
    def dense_forward(x, W, b):
        return x @ W.T + b
    fb = lesson.check_dense_forward(dense_forward)
    assert fb.status == "correct" and "x @ W.T + b" in fb.message
    assert lesson.check_dense_forward(lambda x, W, b: (W @ x.T).T + b).status == "correct"
    assert lesson.check_dense_forward(lambda x, W, b: np.einsum("nd,hd->nh", x, W) + b).status == "correct"


def test_dense_forward_stub_is_not_done():
    def dense_forward(x, W, b):
        """x: (N, D), W: (H, D), b: (H,) -> (N, H)"""
        ...
    assert lesson.check_dense_forward(dense_forward).status == "not done"


def w_at_x(x, W, b):
    return W @ x + b


def x_at_w(x, W, b):
    return x @ W + b


def dot_w_x(inputs, weights, bias):
    return np.dot(weights, inputs) + bias


def bias_as_column(x, W, b):
    return x @ W.T + b.reshape(-1, 1)


@pytest.mark.parametrize("fn, words", [
    (w_at_x, "`W @ x` cannot be computed: W has shape (3, 4) and x has shape (2, 4)"),
    (x_at_w, "`x @ W` cannot be computed: x has shape (2, 4) and W has shape (3, 4)"),
    (dot_w_x, "`weights @ inputs` cannot be computed: weights has shape (3, 4) and inputs has shape (2, 4)"),
    (bias_as_column, "(3, 1) is b made into a column: add b as it is"),
])
def test_shape_mistakes_are_said_in_words(fn, words):
    fb = lesson.check_dense_forward(fn)
    assert fb.status == "error" and words in fb.message, fb.message
    assert "gufunc" not in fb.message and "core dimension" not in fb.message
    assert "broadcast together" not in fb.message and "not aligned" not in fb.message
    assert "x of shape (2, 4) (2 examples, 4 features), W (3, 4) (3 neurons, one row each)" in fb.message
    assert "x @ W.T + b" in fb.message  # the likely fix
    assert "[[" not in fb.message  # shapes, not array dumps
    assert "line" in fb.message and "shape mismatch" in fb.message


def test_a_shape_error_without_source_still_gets_words():
    space = {}
    exec(compile("def dense_forward(x, W, b):\n    return W @ x + b\n", "<no file>", "exec"), space)
    fb = lesson.check_dense_forward(space["dense_forward"])
    assert fb.status == "error" and "left side has 4 columns but its right side has 2 rows" in fb.message


def test_an_error_that_is_not_about_shapes_keeps_its_words():
    def dense_forward(x, W, b):
        raise KeyError("oops")
    fb = lesson.check_dense_forward(dense_forward)
    assert fb.status == "error" and "KeyError" in fb.message and "x of shape (2, 4)" in fb.message


@pytest.mark.parametrize("fn, words", [
    (lambda x, W, b: x @ W.T, "the bias b is missing"),
    (lambda x, W, b: x @ W.T - b, "subtracted"),
    (lambda x, W, b: (x @ W.T + b).T, "turned on its side"),
    (lambda x, W, b: x[0] @ W.T + b, "only the first example"),
    (lambda x, W, b: 2 * (x @ W.T) + b, "the shape is right but the numbers are not"),
    (lambda x, W, b: (x @ W.T + b)[:, :1], "expected (2, 3)"),
])
def test_dense_forward_wrong_answers_show_small_named_arrays(fn, words):
    fb = lesson.check_dense_forward(fn)
    assert fb.status == "wrong" and words in fb.message, fb.message
    assert "For x = [[1, 2, 0, -1], [0, 1, -1, 2]], W = [[1, 0, -1, 0], [2, 1, 0, 1], [0, -1, 1, 1]], " \
           "b = [0.5, -1, 0]:" in fb.message
    assert "expected [[1.5, 2, -3], [1.5, 2, 0]]" in fb.message


def test_dense_forward_square_weights_used_as_is_are_named():
    # x @ W runs only when D = H (the second case): that is where it must be caught in words
    def square_only(x, W, b):
        return x @ W + b if W.shape[0] == W.shape[1] else x @ W.T + b
    fb = lesson.check_dense_forward(square_only)
    assert fb.status == "wrong" and "you computed x @ W + b" in fb.message and "D = H" in fb.message


def test_dense_forward_bias_on_the_wrong_axis():
    def wrong_axis(x, W, b):
        return (W @ x.T).T + b[:, None] if x.shape[0] == W.shape[0] else x @ W.T + b
    fb = lesson.check_dense_forward(wrong_axis)
    assert fb.status == "wrong" and "wrong axis" in fb.message


# --- exercise 2: predict shapes and count parameters ----------------------------------------------

RIGHT = {"W2": (128, 64), "h1": (32, 128), "out": (32, 10), "parameters": 109386}


def test_network_shapes_accepts_the_solution_in_any_spelling():
    assert lesson.check_network_shapes(RIGHT).status == "correct"
    spelt = {"W2": [128, 64], "h1": np.zeros((32, 128)).shape, "out": (32.0, 10), "parameters": 109_386.0}
    fb = lesson.check_network_shapes(spelt)
    assert fb.status == "correct" and "109,386" in fb.message
    assert fb.message.count("%") == 1


def test_network_shapes_stub_and_half_done():
    stub = {k: ... for k in RIGHT}
    assert lesson.check_network_shapes(stub).status == "not done"
    assert lesson.check_network_shapes(None).status == "not done"
    fb = lesson.check_network_shapes({**RIGHT, "out": ...})
    assert fb.status == "not done" and "'out'" in fb.message


@pytest.mark.parametrize("change, words", [
    ({"W2": (64, 128)}, "(out, in), the layout of exercise 1"),
    ({"W2": (784, 128)}, "That is W1"),
    ({"W2": (32, 64)}, "weights do not depend on the batch"),
    ({"h1": (128, 32)}, "Turned on its side"),
    ({"h1": (128,)}, "one row per example: 32 rows"),
    ({"h1": (32, 784)}, "That is the input x"),
    ({"out": (10,)}, "32 rows of 10 scores"),
    ({"out": (32, 64)}, "the output layer has 10 neurons"),
    ({"out": (7, 7)}, "one row per example"),
    ({"parameters": 109184}, "weights only"),
    ({"parameters": 109386 + 784}, "input layer biases"),
    ({"parameters": 109386 - 10}, "output layer's 10 biases"),
    ({"parameters": 109386 - 8256}, "you left out layer 2"),
    ({"parameters": (109, 386)}, "Write 109386 or 109_386"),
    ({"parameters": "109386"}, "text"),
    ({"parameters": 5}, "n_in × n_out weights plus n_out biases"),
    ({"h1": np.zeros((32, 128))}, "not a shape"),
    ({"W2": 64}, "a shape is a tuple of sizes"),
    ({"W2": (128, 0)}, "at least 1"),
    ({"W2": ("128", 64)}, "whole numbers only"),
])
def test_network_shapes_wrong_answers_teach(change, words):
    fb = lesson.check_network_shapes({**RIGHT, **change})
    assert fb.status == "wrong" and words.lower() in fb.message.lower(), fb.message
    key = next(iter(change))
    assert all(f"{k} = " in fb.message for k in RIGHT if k != key)  # the right ones said right


@pytest.mark.parametrize("answer, words", [
    ([1, 2], "expected a dict"),
    ({"w2": 1}, "has no 'W2'"),
    ("abc", "expected a dict"),
])
def test_network_shapes_malformed(answer, words):
    fb = lesson.check_network_shapes(answer)
    assert fb.status == "wrong" and words in fb.message


# --- exercise 3: XOR from two hidden neurons ----------------------------------------------------

SOLUTION = (np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([-0.5, -1.5]),
            np.array([[1.0], [-1.0]]), np.array([-0.5]))


@pytest.mark.parametrize("weights, gates", [
    (SOLUTION, "OR and AND"),
    ((np.array([[1.0, -1.0], [1.0, -1.0]]), np.array([-0.5, 1.5]), np.array([[1.0], [1.0]]), np.array([-1.5])),
     "OR and NAND"),   # the lesson's own network
    ((np.array([[-1.0, 1.0], [-1.0, 1.0]]), np.array([1.5, -0.5]), np.array([[1.0], [1.0]]), np.array([-1.5])),
     "NAND and OR"),   # the same, hidden neurons swapped
    ((np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([-1.5, -0.5]), np.array([[-1.0], [1.0]]), np.array([-0.5])),
     "AND and OR"),
    ((np.array([[10.0, 10.0], [10.0, 10.0]]), np.array([-5.0, -15.0]), np.array([[3.0], [-3.0]]), np.array([-1.0])),
     "OR and AND"),    # any scale
    (([[1, 1], [1, 1]], [-0.5, -1.5], [1, -1], [-0.5]), "OR and AND"),   # plain lists, W2 flat
])
def test_xor_accepts_every_network_that_computes_xor(weights, gates):
    fb = lesson.check_xor_network(weights)
    assert fb.status == "correct" and gates in fb.message, fb.message


def test_xor_stub_is_not_done():
    assert lesson.check_xor_network(None).status == "not done"


def test_xor_wrong_output_neuron_shows_the_truth_table():
    W1, b1, W2, _ = SOLUTION
    fb = lesson.check_xor_network((W1, b1, W2, np.array([0.5])))
    assert fb.status == "wrong" and "<- wrong" in fb.message and "(0, 0)" in fb.message
    assert "hidden layer is right" in fb.message and "+1, -1 and -0.5" in fb.message


def test_xor_wrong_output_after_or_nand_gets_a_general_hint():
    fb = lesson.check_xor_network((np.array([[1.0, -1.0], [1.0, -1.0]]), np.array([-0.5, 1.5]),
                                   np.array([[1.0], [1.0]]), np.array([-0.5])))
    assert fb.status == "wrong" and "hidden layer is right" in fb.message
    assert "fire for the hidden pattern (1, 1)" in fb.message and "+1, -1" not in fb.message


def test_xor_wrong_hidden_neuron_is_named():
    _, b1, W2, b2 = SOLUTION
    fb = lesson.check_xor_network((np.array([[1.0, 1.0], [0.0, 1.0]]), b1, W2, b2))
    assert fb.status == "wrong" and "Hidden neuron 1" in fb.message and "computes x1" in fb.message
    assert "same hidden point" in fb.message and "No output neuron can repair that" in fb.message


def test_xor_hidden_copies_of_the_inputs_cannot_be_repaired():
    fb = lesson.check_xor_network((np.eye(2), np.array([-0.5, -0.5]), np.ones((2, 1)), np.array([-1.5])))
    assert fb.status == "wrong" and "computes x1" in fb.message and "computes x2" in fb.message
    assert "crosses or touches" in fb.message and "Hidden neuron 2" in fb.message


@pytest.mark.parametrize("answer", [(1, 2, 3), (np.ones((3, 2)), np.zeros(2), np.ones((2, 1)), np.zeros(1)),
                                    ("a", np.zeros(2), np.ones((2, 1)), np.zeros(1))])
def test_xor_malformed_answers_get_words(answer):
    fb = lesson.check_xor_network(answer)
    assert fb.status == "wrong" and fb.message


@pytest.mark.parametrize("check, fn, words", [
    (lesson.check_dense_forward, lambda x, W, b: [[None] * W.shape[0]] * len(x), "contains None"),
    (lesson.check_dense_forward, lambda x, W, b: (x @ W.T + b).tolist() + [None], "different lengths"),
    (lesson.check_dense_forward, lambda x, W, b: x @ W.T + b > 0, "yes/no"),
    (lesson.check_dense_forward, lambda x, W, b: "x @ W.T + b", "returned text"),
])
def test_answers_that_are_not_numbers_say_what_came(check, fn, words):
    fb = check(fn)
    assert fb.status == "wrong" and words in fb.message, fb.message


def test_xor_hidden_space_readout_moves_even_when_the_picture_cannot():
    # weights -2.9, bias -3 -> -2.9: the line stays outside the picture and no unit's output changes,
    # but the readout's weighted sum says what moved
    d = lesson.XorHiddenSpace()
    d.widget()
    c = d.ui["controls"]
    c["w11"].value, c["w21"].value, c["b1"].value = -2.9, -2.9, -3.0
    text = d.ui["text"].value
    c["b1"].value = -2.9
    assert d.ui["text"].value != text and "z = -2.9·x1 - 2.9·x2 - 2.9" in d.ui["text"].value


def test_xor_three_items_are_counted_not_dumped():
    W1, b1, W2, _b2 = SOLUTION
    fb = lesson.check_xor_network((W1, b1, W2))
    assert fb.status == "wrong" and "`xor_weights` has 3 items; expected four: (W1, b1, W2, b2)" in fb.message
    assert "array(" not in fb.message and "[[" not in fb.message


def test_xor_sigmoid_names_sit_off_the_points_and_the_line():
    # with sigmoid the points crowd together: each class's names move away from the other class,
    # so no name is drawn on a point or across the black line between the classes
    d = lesson.XorHiddenSpace()
    r = d.update(activation="sigmoid")
    w_out = np.array(lesson._separation(np.array(list(r["hidden"].values())))["w"])
    for label, y in zip(d.h_labels, lesson.XOR_LABELS):
        dx, dy = label.xyann
        assert np.hypot(dx, dy) >= 10  # clear of the marker
        side = np.sign(np.dot([dx, dy], w_out))
        assert side == (1 if y == 1 else -1)  # on its own class's side of the line
    # at the corners (step) the names keep their old places beside the points
    d.update()
    assert all(abs(label.xyann[0]) == 8 for label in d.h_labels)


def test_hinge_colours_are_not_confused_with_the_blue_sum():
    from matplotlib.colors import to_hex

    from helpers import plots
    h = lesson.ReluHinges()
    blues = {plots.PALETTE["blue"].lower(), plots.PALETTE["sky"].lower()}
    assert not blues & {to_hex(c) for c in h.COLOURS}
    assert to_hex(h.sum_line.get_color()) == plots.PALETTE["blue"].lower()
