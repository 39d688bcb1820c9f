"""helpers.layers: analytic vs numerical gradients for every layer, on generated shapes and values."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers import layers
from helpers.layers import Dense, Identity, ReLU, Sequential, Sigmoid, Tanh, mlp
from tests._util import TOL, away_from_zero, dims, float_arrays, num_grad, rel_err

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True, database=None)  # same examples every run


def layer_grad_errors(layer, x, seed=0):
    """Relative errors of dL/dx and of every dL/dparam, for L = sum(layer(x) * R)."""
    r = np.random.default_rng(seed).standard_normal(layer.forward(x).shape)
    dx = layer.backward(r)
    analytic = {"x": dx, **{k: np.array(g) for k, g in layer.grads.items()}}

    def loss():
        return float(np.sum(layer.forward(x) * r))

    errors = {"x": rel_err(dx, num_grad(loss, x))}
    for k, p in layer.params.items():
        errors[k] = rel_err(analytic[k], num_grad(loss, p))
    return errors


@st.composite
def batch(draw, lo=-3.0, hi=3.0):
    n, d = draw(dims), draw(dims)
    return draw(float_arrays((n, d), lo, hi))


@SETTINGS
@given(batch(), dims, st.integers(0, 10_000))
def test_dense_gradients(x, h, seed):
    layer = Dense(x.shape[1], h, rng=seed)
    layer.params["b"][...] = np.random.default_rng(seed).standard_normal(h)
    errors = layer_grad_errors(layer, x)
    assert set(errors) == {"x", "W", "b"}
    assert max(errors.values()) < TOL, errors
    assert layer.grads["W"].shape == layer.params["W"].shape
    assert layer.grads["b"].shape == layer.params["b"].shape


@pytest.mark.parametrize("cls", [ReLU, Sigmoid, Tanh, Identity])
def test_activation_layer_gradients(cls):
    @SETTINGS
    @given(batch())
    def run(x):
        x = away_from_zero(x) if cls is ReLU else x  # no kink inside the nudges
        errors = layer_grad_errors(cls(), x)
        assert errors["x"] < TOL, errors
        assert cls().params == {} and cls().grads == {}

    run()


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
def test_sequential_gradients(activation):
    @SETTINGS
    @given(batch(), st.lists(dims, min_size=1, max_size=3), st.integers(0, 10_000))
    def run(x, hidden, seed):
        model = mlp([x.shape[1], *hidden, 2], activation=activation, seed=seed)
        if activation == "relu":  # keep every pre-activation away from the kink at 0
            steps = model.forward_steps(x)
            pre = [s for s, layer in zip(steps[1:], model.layers) if isinstance(layer, Dense)]
            assume(all(np.min(np.abs(p)) > 1e-4 for p in pre[:-1]))
        errors = layer_grad_errors(model, x)
        assert set(errors) == {"x"} | set(model.params)
        assert max(errors.values()) < TOL, errors

    run()


def test_dense_forward_values():
    layer = Dense(2, 3)
    layer.params["W"][...] = [[1, 2, 3], [4, 5, 6]]
    layer.params["b"][...] = [0.5, 0, -0.5]
    out = layer.forward(np.array([[1.0, -1.0]]))
    np.testing.assert_allclose(out, [[-2.5, -3.0, -3.5]])


def test_dense_init_scales_and_seed():
    he = Dense(400, 300, init="he", rng=1).params["W"]
    xavier = Dense(400, 300, init="xavier", rng=1).params["W"]
    assert abs(he.std() - np.sqrt(2 / 400)) < 0.01 * np.sqrt(2 / 400) * 5
    assert abs(xavier.std() - np.sqrt(2 / 700)) < 0.01 * np.sqrt(2 / 700) * 5
    assert not Dense(3, 2, init="zeros").params["W"].any()
    np.testing.assert_array_equal(Dense(3, 2, rng=5).params["W"], Dense(3, 2, rng=5).params["W"])
    assert Dense(3, 2, dtype=np.float32).params["W"].dtype == np.float32


def test_sequential_params_are_live_views_with_index_keys():
    model = mlp([2, 4, 3])
    assert list(model.params) == ["0.W", "0.b", "2.W", "2.b"]
    assert model.params["0.W"] is model[0].params["W"]
    assert model.n_params() == 2 * 4 + 4 + 4 * 3 + 3
    model.forward(np.ones((5, 2)))
    model.backward(np.ones((5, 3)))
    assert model.grads["2.W"] is model[2].grads["W"]
    assert len(model.forward_steps(np.ones((5, 2)))) == len(model) + 1


def test_mlp_structure_and_determinism():
    model = mlp([2, 16, 16, 1], activation="tanh", seed=3)
    kinds = [type(layer) for layer in model.layers]
    assert kinds == [Dense, Tanh, Dense, Tanh, Dense]
    again = mlp([2, 16, 16, 1], activation="tanh", seed=3)
    for k in model.params:
        np.testing.assert_array_equal(model.params[k], again.params[k])
    other = mlp([2, 16, 16, 1], activation="tanh", seed=4)
    assert not np.array_equal(model.params["0.W"], other.params["0.W"])


@SETTINGS
@given(float_arrays((3, 4), -1e4, 1e4))
def test_array_activations_are_stable_and_correct(z):
    s = layers.sigmoid(z)
    p = layers.softmax(z)
    assert np.all(np.isfinite(s)) and np.all((s >= 0) & (s <= 1))
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_array_equal(layers.relu(z), np.maximum(z, 0))
    np.testing.assert_allclose(layers.tanh(z), np.tanh(z))


def test_sigmoid_and_softmax_on_huge_inputs_give_no_warning():
    z = np.array([[1e4, -1e4, 0.0]])  # pytest turns any RuntimeWarning into an error
    np.testing.assert_allclose(layers.sigmoid(z), [[1.0, 0.0, 0.5]])
    np.testing.assert_allclose(layers.softmax(z), [[1.0, 0.0, 0.0]], atol=1e-300)
    np.testing.assert_allclose(layers.softmax(np.array([1e4, 1e4])), [0.5, 0.5])
    assert layers.sigmoid(-1e4) == 0.0 and layers.sigmoid(1e4) == 1.0


def test_softmax_values():
    np.testing.assert_allclose(layers.softmax(np.log([[1.0, 3.0]])), [[0.25, 0.75]])


def test_sequential_accepts_layers_or_a_list():
    a = Sequential(Dense(2, 3, rng=1), ReLU(), Dense(3, 1, rng=2))
    b = Sequential([Dense(2, 3, rng=1), ReLU(), Dense(3, 1, rng=2)])
    x = np.random.default_rng(0).standard_normal((4, 2))
    np.testing.assert_array_equal(a.forward(x), b.forward(x))
    assert len(a) == 3 and isinstance(a[1], ReLU) and repr(a).startswith("Sequential(Dense(2, 3)")
