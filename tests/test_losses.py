"""helpers.losses: values, analytic vs numerical gradients, and stability on huge logits."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.losses import MSE, BinaryCrossEntropy, SoftmaxCrossEntropy
from tests._util import TOL, dims, float_arrays, num_grad, rel_err

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True, database=None)  # same examples every run


def loss_grad_error(loss, scores, y):
    loss.forward(scores, y)
    analytic = loss.backward()
    assert analytic.shape == scores.shape
    return rel_err(analytic, num_grad(lambda: loss.forward(scores, y), scores))


@st.composite
def regression(draw):
    shape = draw(st.sampled_from([(draw(dims),), (draw(dims), draw(dims))]))
    return draw(float_arrays(shape)), draw(float_arrays(shape))


@st.composite
def binary(draw):
    n = draw(dims)
    shape = draw(st.sampled_from([(n,), (n, 1)]))
    y = np.array(draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)))
    return draw(float_arrays(shape, -10, 10)), y


@st.composite
def multiclass(draw):
    n, c = draw(dims), draw(st.integers(2, 5))
    y = np.array(draw(st.lists(st.integers(0, c - 1), min_size=n, max_size=n)))
    return draw(float_arrays((n, c), -10, 10)), y


@SETTINGS
@given(regression())
def test_mse_gradient(case):
    assert loss_grad_error(MSE(), *case) < TOL


@SETTINGS
@given(binary())
def test_bce_gradient(case):
    assert loss_grad_error(BinaryCrossEntropy(), *case) < TOL


@SETTINGS
@given(multiclass())
def test_softmax_ce_gradient(case):
    assert loss_grad_error(SoftmaxCrossEntropy(), *case) < TOL


def test_loss_values_by_hand():
    assert MSE()(np.array([1.0, 3.0]), np.array([0.0, 0.0])) == pytest.approx(5.0)
    z, y = np.array([0.0, 2.0, -1.0]), np.array([1, 0, 0])
    p = 1 / (1 + np.exp(-z))
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert BinaryCrossEntropy()(z, y) == pytest.approx(expected)
    assert BinaryCrossEntropy()(z[:, None], y) == pytest.approx(expected)
    s = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    probs = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
    expected = -np.mean(np.log(probs[[0, 1], [2, 0]]))
    assert SoftmaxCrossEntropy()(s, np.array([2, 0])) == pytest.approx(expected)


@pytest.mark.parametrize("big", [1e4, -1e4])
def test_bce_on_huge_logits_is_finite_without_warning(big):
    loss = BinaryCrossEntropy()
    z = np.array([big, -big, big])[:, None]
    value = loss.forward(z, np.array([0, 1, 1]))
    grad = loss.backward()
    assert np.isfinite(value) and np.all(np.isfinite(grad))
    assert value == pytest.approx(2 * 1e4 / 3 if big > 0 else 1e4 / 3)
    assert grad.shape == z.shape


def test_softmax_ce_on_huge_logits_is_finite_without_warning():
    loss = SoftmaxCrossEntropy()
    z = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 1e4]])
    value = loss.forward(z, np.array([1, 0]))
    grad = loss.backward()
    assert np.isfinite(value) and np.all(np.isfinite(grad))
    assert value == pytest.approx((2e4 + 2e4 + np.log(2)) / 2)
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-12)


def test_correct_confident_prediction_costs_almost_nothing():
    assert SoftmaxCrossEntropy()(np.array([[1e4, 0.0]]), np.array([0])) == 0.0
    assert BinaryCrossEntropy()(np.array([1e4]), np.array([1])) == 0.0


def test_a_loss_that_overflows_speaks_on_its_own_and_flows_in_training():
    from helpers.validate import NotFiniteError, boundary

    scores, y = np.array([[1e308, -1e308]]), np.array([1])
    with pytest.raises(NotFiniteError, match=r"the loss overflowed to inf"):
        SoftmaxCrossEntropy().forward(scores, y)
    with boundary(), np.errstate(all="ignore"):  # as in train_step: fit reports divergence
        assert SoftmaxCrossEntropy().forward(scores, y) == np.inf
    with pytest.raises(NotFiniteError, match=r"MSE\.forward: the loss overflowed"):
        MSE().forward([1e300], [-1e300])


def test_a_loss_subclass_calling_super_runs_its_own_code_once():
    calls = []

    class Logged(MSE):
        def forward(self, pred, y):
            calls.append("forward")
            return super().forward(pred, y)

    assert Logged()(np.ones(3), np.zeros(3)) == 1.0
    assert calls == ["forward"]
    assert MSE()([[1.0, 2.0]], [[1.0, 0.0]]) == 2.0  # lists are fine
