"""helpers.layers: analytic vs numerical gradients for every layer, on generated shapes and values."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers import layers, validate
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


# --- layers without special cases: any shape, one contract, nothing changed by a Sequential ---

SHAPES = [(), (5,), (2, 3), (2, 3, 4), (1, 2, 1, 3)]


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("cls, fn", [(ReLU, layers.relu), (Sigmoid, layers.sigmoid),
                                     (Tanh, layers.tanh), (Identity, lambda z: z)])
def test_activations_work_elementwise_on_any_shape(cls, fn, shape):
    x = away_from_zero(np.random.default_rng(0).standard_normal(shape))
    layer = cls()
    out = layer.forward(x)
    assert np.shape(out) == shape
    np.testing.assert_array_equal(out, fn(x))
    if shape:  # the same numbers as the (N, D) layout of the same values
        np.testing.assert_array_equal(out, cls().forward(x.reshape(1, -1)).reshape(shape))
        assert layer_grad_errors(cls(), x)["x"] < TOL


@pytest.mark.parametrize("shape", [(5,), (2, 5), (2, 3, 5), (2, 1, 3, 5)], ids=str)
def test_softmax_works_along_the_last_axis_of_any_shape(shape):
    z = np.random.default_rng(1).standard_normal(shape) * 5
    p = layers.softmax(z)
    assert p.shape == shape
    np.testing.assert_allclose(p.sum(axis=-1), 1.0)
    rows = layers.softmax(z.reshape(-1, shape[-1])).reshape(shape)
    np.testing.assert_allclose(p, rows, rtol=1e-15)


@st.composite
def leading_batch(draw):
    """x of shape (..., N, D) with one or two extra leading axes."""
    lead = draw(st.lists(st.integers(1, 3), min_size=1, max_size=2))
    return draw(float_arrays((*lead, draw(dims), draw(dims))))


@SETTINGS
@given(leading_batch(), dims, st.integers(0, 10_000))
def test_dense_on_leading_axes_is_gradient_checked(x, h, seed):
    layer = Dense(x.shape[-1], h, rng=seed)
    layer.params["b"][...] = np.random.default_rng(seed).standard_normal(h)
    errors = layer_grad_errors(layer, x)
    assert max(errors.values()) < TOL, errors
    assert layer.forward(x).shape == (*x.shape[:-1], h)


def test_dense_on_leading_axes_equals_the_flattened_batch():
    """Every leading axis is a batch axis: the same numbers as (N, D) with all rows stacked,
    and the weight gradients summed over every position."""
    rng = np.random.default_rng(0)
    x, dout = rng.standard_normal((2, 3, 4, 5)), rng.standard_normal((2, 3, 4, 6))
    a, b = Dense(5, 6, rng=1), Dense(5, 6, rng=1)
    np.testing.assert_allclose(a.forward(x), b.forward(x.reshape(-1, 5)).reshape(2, 3, 4, 6))
    dx = a.backward(dout)
    dx_flat = b.backward(dout.reshape(-1, 6))
    np.testing.assert_allclose(dx, dx_flat.reshape(x.shape))
    for k in ("W", "b"):
        np.testing.assert_allclose(a.grads[k], b.grads[k])
        assert a.grads[k].shape == a.params[k].shape


def test_mlp_on_leading_axes_is_gradient_checked():
    x = np.random.default_rng(2).standard_normal((2, 3, 4))
    model = mlp([4, 5, 2], activation="tanh", seed=2)
    errors = layer_grad_errors(model, x)
    assert max(errors.values()) < TOL, errors
    assert model.forward(x).shape == (2, 3, 2)
    assert [s.shape for s in model.forward_steps(x)] == [(2, 3, 4), (2, 3, 5), (2, 3, 5), (2, 3, 2)]


def test_needs_input_grad_is_a_flag_every_layer_has():
    for layer in (Dense(2, 3), ReLU(), Sigmoid(), Tanh(), Identity(), mlp([2, 1])):
        assert layer.needs_input_grad is True
    x, dout = np.ones((4, 2)), np.ones((4, 3))
    full, skip = Dense(2, 3, rng=1), Dense(2, 3, rng=1)
    full.forward(x)
    skip.forward(x)
    skip.needs_input_grad = False
    assert full.backward(dout).shape == (4, 2) and skip.backward(dout) is None
    for k in ("W", "b"):  # the weights' gradients do not depend on it
        np.testing.assert_array_equal(full.grads[k], skip.grads[k])


def test_sequential_passes_its_flag_to_the_first_layer_for_one_call_only():
    model = mlp([3, 4, 2], seed=0)
    first = model[0]
    before = dict(vars(first))
    x, dout = np.ones((5, 3)), np.ones((5, 2))
    model.forward(x)
    full = model.backward(dout)
    grads = {k: g.copy() for k, g in model.grads.items()}
    model.needs_input_grad = False
    model.forward(x)
    assert model.backward(dout) is None  # the first Dense skipped dL/dx
    for k, g in model.grads.items():
        np.testing.assert_array_equal(g, grads[k])
    assert vars(first).keys() == before.keys() and first.needs_input_grad is True
    model.needs_input_grad = True
    np.testing.assert_array_equal(model.backward(dout), full)
    assert first.backward(np.ones((5, 4))).shape == (5, 3)  # on its own: dL/dx as always


def test_backward_weights_only_puts_the_flag_back_even_after_an_error():
    layer = Dense(2, 3)
    with pytest.raises(RuntimeError, match="before backward"):
        layers.backward_weights_only(layer, np.ones((1, 3)))
    assert "needs_input_grad" not in vars(layer) and layer.needs_input_grad is True
    own = ReLU()
    own.needs_input_grad = True  # set on the layer itself: stays set on it
    own.forward(np.ones((2, 2)))
    layers.backward_weights_only(own, np.ones((2, 2)))
    assert vars(own)["needs_input_grad"] is True


class Doubler:
    """A layer of one's own, not derived from Layer: knows nothing about the flag."""

    params, grads = {}, {}

    def forward(self, x):
        return 2 * np.asarray(x)

    def backward(self, dout):
        return 2 * dout


def test_any_layer_can_come_first():
    # no special case for a first Dense: a first activation, or a layer of one's own, trains too
    for first in (Tanh(), Doubler()):
        model = Sequential(first, Dense(2, 1, rng=0))
        model.forward(np.ones((3, 2)))
        model.needs_input_grad = False
        model.backward(np.ones((3, 1)))
        assert model[1].grads["W"].shape == (2, 1)
        assert not hasattr(Doubler, "needs_input_grad") and "needs_input_grad" not in vars(first)


def test_a_layer_taken_out_of_a_sequential_behaves_as_before():
    nan = np.array([[1.0, np.nan]])
    hidden = [Tanh(), Dense(2, 2), Sigmoid(), ReLU(), Identity()]
    before = [dict(vars(layer)) for layer in hidden]
    model = Sequential(Dense(2, 2), *hidden)
    model.forward(np.ones((3, 2)))
    model.backward(np.ones((3, 2)))
    for layer, was in zip(hidden, before):
        assert vars(layer).keys() == was.keys()
        with pytest.raises(ValueError, match="x contains 1 NaN"):  # still checks on its own
            layer.forward(nan)


def test_sequential_checks_the_data_once_where_it_comes_in():
    model = mlp([2, 3, 1], activation="sigmoid")
    with pytest.raises(ValueError, match=r"Sequential\.forward: x contains 1 NaN"):
        model.forward(np.array([[np.nan, 0.0]]))
    # a NaN born inside (blown-up weights) is not an input error: it flows to the output,
    # where the loss sees it (and fit reports divergence in words)
    model[0].params["W"][...] = np.inf
    with np.errstate(all="ignore"):
        out = model.forward(np.array([[1.0, -1.0]]))
    assert np.isnan(out).all()
    assert not validate.inside_boundary()  # put back after the call
    with pytest.raises(ValueError, match=r"expected x of shape \(N, 4\)"):  # an error inside...
        Sequential(Dense(2, 3), Dense(4, 1)).forward(np.ones((5, 2)))
    assert not validate.inside_boundary()  # ...puts it back too
    with pytest.raises(ValueError, match="NaN"):
        Tanh().forward(np.array([np.nan]))


def test_sequential_params_and_grads_cannot_be_replaced():
    model = mlp([2, 3, 1])
    for what in ("params", "grads"):
        with pytest.raises(AttributeError, match=rf"Sequential\.{what} cannot be assigned.*in place"):
            setattr(model, what, {})
    assert list(model.params) == ["0.W", "0.b", "2.W", "2.b"]


def test_no_isinstance_fast_paths_in_helpers():
    """Whatever a special case saved goes through the layer contract (needs_input_grad, boundary)."""
    import re
    from pathlib import Path

    root = Path(layers.__file__).parent
    found = []
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.name}: {m.group(0)}" for m in
                  re.finditer(r"isinstance\(\w+, *(layers\.)?(Sequential|Dense)\)", text)]
        found += [f"{path.name}: {m.group(0)}" for m in re.finditer(r"check_finite|\binput_grad\s*=", text)]
    allowed = {"l04_forward_pass.py: isinstance(m, layers.Dense)"}  # picks the layers to draw
    assert set(found) <= allowed, found


def test_dense_takes_float32_and_any_seed_source():
    assert Dense(2, 3, dtype=np.float32).params["W"].dtype == np.float32
    a = Dense(2, 3, rng=np.random.SeedSequence(5)).params["W"]
    b = Dense(2, 3, rng=np.random.default_rng(np.random.SeedSequence(5))).params["W"]
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(Dense(2, 3, rng=np.int64(4)).params["W"], Dense(2, 3, rng=4).params["W"])
    assert len(mlp(np.array([2, 3, 1]))) == 3  # sizes as an array


def test_layers_on_their_own_on_huge_numbers_speak_instead_of_warning():
    # pytest turns any RuntimeWarning into an error
    d = Dense(2, 3)
    d.params["W"][...] = 1.0
    with pytest.raises(validate.NotFiniteError, match=r"Dense\.forward: the output .* overflowed"):
        d.forward(np.array([[1e308, 1e308]]))
    d.forward(np.ones((1, 2)))
    with pytest.raises(validate.NotFiniteError, match=r"Dense\.backward: the gradients overflowed"):
        d.backward(np.full((1, 3), 1e308))
    np.testing.assert_allclose(layers.softmax([1e308, -1e308]), [1.0, 0.0])
    # in a network, a number born too large flows on (as in training, where fit reports it)
    out = Sequential(d, Tanh()).forward(np.array([[1e308, 1e308]]))
    np.testing.assert_array_equal(out, [[1.0, 1.0, 1.0]])


def test_sequential_backward_checks_dout_once_where_it_comes_in():
    model = mlp([2, 3, 1])
    model.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"Sequential\.backward: dout contains 1 NaN"):
        model.backward(np.array([[np.nan], [0.0], [0.0], [0.0]]))
    with pytest.raises(TypeError, match=r"Sequential\.backward: expected dout to be numbers.*None"):
        model.backward(None)
    assert model.backward([[1.0]] * 4).shape == (4, 2)  # a list is fine
    assert not validate.inside_boundary()


def test_a_subclass_calling_super_runs_its_own_code_once():
    calls = []

    class Logged(Dense):
        def forward(self, x):
            calls.append("forward")
            return super().forward(x)

        def backward(self, dout):
            calls.append("backward")
            return super().backward(dout)

    layer = Logged(2, 3)
    layer.forward(np.ones((1, 2)))
    layer.backward(np.ones((1, 3)))
    assert calls == ["forward", "backward"]


def test_sequential_params_skip_layers_without_any():
    model = Sequential(Doubler(), Dense(2, 1, rng=0))
    assert list(model.params) == ["1.W", "1.b"] and list(model.grads) == ["1.W", "1.b"]
