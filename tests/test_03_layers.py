"""Lesson 03 (layers): the random-networks widget and the three exercise checkers."""

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


# --- exercise 1: dense_forward ---------------------------------------------------------------

def test_dense_forward_accepts_the_solution():
    def dense_forward(x, W, b):
        return x @ W + b
    fb = lesson.check_dense_forward(dense_forward)
    assert fb.status == "correct" and "(N, H)" in fb.message


def test_dense_forward_stub_is_not_done():
    def dense_forward(x, W, b):
        """x: (N, D), W: (D, H), b: (H,) -> (N, H)"""
        ...
    assert lesson.check_dense_forward(dense_forward).status == "not done"


def test_dense_forward_forgot_the_bias():
    fb = lesson.check_dense_forward(lambda x, W, b: x @ W)
    assert fb.status == "wrong" and "bias" in fb.message


def test_dense_forward_only_first_example():
    fb = lesson.check_dense_forward(lambda x, W, b: x[0] @ W + b)
    assert fb.status == "wrong" and "first example" in fb.message


def test_dense_forward_transposed_weights_raise_in_words():
    fb = lesson.check_dense_forward(lambda x, W, b: x @ W.T + b)
    assert fb.status == "error" and "ValueError" in fb.message and "x of shape (4, 3)" in fb.message


def test_dense_forward_wrong_formula():
    fb = lesson.check_dense_forward(lambda x, W, b: x @ W - b)
    assert fb.status == "wrong" and "x @ W + b" in fb.message


# --- exercise 2: count_params ------------------------------------------------------------------

def test_count_params_accepts_the_solution():
    def count_params(sizes):
        return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    assert lesson.check_count_params(count_params).status == "correct"


def test_count_params_weights_only():
    fb = lesson.check_count_params(lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])))
    assert fb.status == "wrong" and "weights only" in fb.message


def test_count_params_input_layer_biases():
    fb = lesson.check_count_params(lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])) + sum(s))
    assert fb.status == "wrong" and "input" in fb.message


def test_count_params_other_mistake_gets_the_formula():
    fb = lesson.check_count_params(lambda s: sum(s))
    assert fb.status == "wrong" and "n_in × n_out" in fb.message


def test_count_params_stub_is_not_done():
    def count_params(sizes):
        ...
    assert lesson.check_count_params(count_params).status == "not done"


# --- exercise 3: XOR from OR and AND -----------------------------------------------------------

SOLUTION = (np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([-0.5, -1.5]),
            np.array([[1.0], [-1.0]]), np.array([-0.5]))


def test_xor_accepts_the_solution_and_the_lesson_network():
    assert lesson.check_xor_network(SOLUTION).status == "correct"
    in_lesson = (np.array([[1.0, -1.0], [1.0, -1.0]]), np.array([-0.5, 1.5]),
                 np.array([[1.0], [1.0]]), np.array([-1.5]))
    assert lesson.check_xor_network(in_lesson).status == "correct"


def test_xor_stub_is_not_done():
    assert lesson.check_xor_network(None).status == "not done"


def test_xor_wrong_output_neuron_shows_the_truth_table():
    W1, b1, W2, _ = SOLUTION
    fb = lesson.check_xor_network((W1, b1, W2, np.array([0.5])))
    assert fb.status == "wrong" and "<- wrong" in fb.message and "(0, 0)" in fb.message
    assert "hidden layer is right" in fb.message


def test_xor_wrong_hidden_neuron_is_named():
    _, b1, W2, b2 = SOLUTION
    fb = lesson.check_xor_network((np.array([[1.0, 1.0], [0.0, 1.0]]), b1, W2, b2))
    assert fb.status == "wrong" and "Hidden neuron 1" in fb.message


@pytest.mark.parametrize("answer", [(1, 2, 3), (np.ones((3, 2)), np.zeros(2), np.ones((2, 1)), np.zeros(1)),
                                    ("a", np.zeros(2), np.ones((2, 1)), np.zeros(1))])
def test_xor_malformed_answers_get_words(answer):
    fb = lesson.check_xor_network(answer)
    assert fb.status == "wrong" and fb.message


@pytest.mark.parametrize("check, fn, words", [
    (lesson.check_count_params, lambda s: "5", "returned text"),
    (lesson.check_count_params, lambda s: [2, 1], "expected a whole number"),
    (lesson.check_dense_forward, lambda x, W, b: [[None] * W.shape[1]] * len(x), "contains None"),
    (lesson.check_dense_forward, lambda x, W, b: (x @ W + b).tolist() + [None], "different lengths"),
    (lesson.check_dense_forward, lambda x, W, b: x @ W + b > 0, "yes/no"),
])
def test_answers_that_are_not_numbers_say_what_came(check, fn, words):
    fb = check(fn)
    assert fb.status == "wrong" and words in fb.message, fb.message
