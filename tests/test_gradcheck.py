"""helpers.gradcheck: numerical gradients of known functions; check_layer catches a broken backward."""

import numpy as np
import pytest

from helpers import gradcheck
from helpers.gradcheck import check_layer, check_loss, numerical_gradient, rel_error
from helpers.layers import Dense, ReLU, Sigmoid, Tanh, mlp
from helpers.losses import MSE, BinaryCrossEntropy, SoftmaxCrossEntropy


def test_numerical_gradient_of_known_functions():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v ** 2), x), 2 * x, rtol=1e-8)
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(np.sin(v)), x), np.cos(x), rtol=1e-8)
    a = np.array([3.0, -1.0])
    y = np.array([0.2, 0.7])
    # the no-argument form reads x itself
    np.testing.assert_allclose(numerical_gradient(lambda: float(a @ y), y), a, rtol=1e-8)
    np.testing.assert_allclose(numerical_gradient(lambda v: float(np.prod(v)), y), [0.7, 0.2], rtol=1e-8)


def test_numerical_gradient_restores_x():
    x = np.array([1.0, 2.0, 3.0])
    numerical_gradient(lambda v: float(np.sum(v ** 3)), x)
    np.testing.assert_array_equal(x, [1.0, 2.0, 3.0])


def test_rel_error():
    assert rel_error(np.ones(3), np.ones(3)) == 0.0
    assert rel_error(np.zeros(2), np.zeros(2)) == 0.0
    assert rel_error(np.array([1.0]), np.array([-1.0])) == 1.0
    assert rel_error([1.0, 2.0], [1.0, 2.0 + 2e-7]) == pytest.approx(5e-8)


CORRECT = {"dense": lambda: Dense(3, 4, rng=1), "tanh": Tanh, "sigmoid": Sigmoid,
           "mlp": lambda: mlp([3, 5, 2], "tanh")}


@pytest.mark.parametrize("name", list(CORRECT))
def test_check_layer_passes_correct_layers(name):
    layer = CORRECT[name]()
    x = np.random.default_rng(0).standard_normal((4, 3))
    errors = check_layer(layer, x)
    assert set(errors) == {"x", *layer.params}
    assert max(errors.values()) < 1e-7


class DenseForgotTranspose(Dense):
    """A typical mistake: dx = dout @ W instead of dout @ W.T (square, so shapes still fit)."""

    def backward(self, dout):
        super().backward(dout)
        return dout @ self.params["W"]


class ReLUWrongSide(ReLU):
    """Passes gradient where x < 0 instead of x > 0."""

    def backward(self, dout):
        return dout * (self._cached("ReLUWrongSide.backward") <= 0)  # mask on the wrong side


class DenseBiasNotSummed(Dense):
    """Forgot to sum the bias gradient over the batch (takes the first row)."""

    def backward(self, dout):
        dx = super().backward(dout)
        self.grads["b"] = dout[0]
        return dx


BROKEN = {"dense dx": (lambda: DenseForgotTranspose(3, 3, rng=1), "x"),
          "relu dx": (ReLUWrongSide, "x"),
          "dense db": (lambda: DenseBiasNotSummed(3, 2, rng=1), "b")}


@pytest.mark.parametrize("name", list(BROKEN))
def test_check_layer_catches_a_broken_backward(name):
    make, broken = BROKEN[name]
    layer = make()
    x = np.random.default_rng(0).standard_normal((5, 3)) + 0.01
    errors = check_layer(layer, x)
    assert errors[broken] > 0.1
    ok = {k: v for k, v in errors.items() if k != broken}
    assert all(v < 1e-7 for v in ok.values())


def test_check_loss():
    rng = np.random.default_rng(0)
    s = rng.standard_normal((4, 3))
    assert check_loss(SoftmaxCrossEntropy(), s, np.array([0, 2, 1, 1])) < 1e-7
    assert check_loss(BinaryCrossEntropy(), s[:, :1], np.array([0, 1, 1, 0])) < 1e-7
    assert check_loss(MSE(), s, rng.standard_normal((4, 3))) < 1e-7

    class HalfMSE(MSE):
        def backward(self):
            return super().backward() / 2  # forgot the factor 2

    assert check_loss(HalfMSE(), s, np.zeros((4, 3))) > 0.1


def test_verdict_prints_the_conclusion_not_the_rounding_noise():
    assert gradcheck.verdict(3e-11) == gradcheck.verdict(8e-10) == "ok (< 1e-07)"
    assert gradcheck.verdict(0.98) == "WRONG (relative error 1)"
    assert gradcheck.verdict(2e-6) == "WRONG (relative error 2e-06)"  # above the tolerance
    assert gradcheck.verdict(float("nan")).startswith("WRONG (not a number")
    assert gradcheck.verdict(1e-5, tol=1e-4) == "ok (< 1e-04)"


@pytest.mark.parametrize("name", ["dense", "tanh", "mlp"])
def test_check_layer_on_inputs_with_leading_axes(name):
    layer = CORRECT[name]()
    x = np.random.default_rng(1).standard_normal((2, 4, 3))  # e.g. 2 sequences of 4 steps
    errors = check_layer(layer, x)
    assert set(errors) == {"x", *layer.params}
    assert max(errors.values()) < 1e-7


def test_numerical_gradient_restores_x_when_f_fails():
    x = np.array([1.0, 2.0])

    def f(v):
        if v[0] != 1.0:
            raise RuntimeError("the learner's bug")
        return float(v.sum())

    with pytest.raises(RuntimeError):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_numerical_gradient_takes_one_number_in_any_form():
    x = np.array([1.0, 2.0])
    for f in (lambda v: np.sum(v), lambda v: np.array([v.sum()]), lambda v: np.float32(v.sum())):
        np.testing.assert_allclose(numerical_gradient(f, x), [1.0, 1.0], rtol=1e-2)  # float32: coarse


def test_check_layer_on_a_layer_without_weights():
    from helpers.layers import Layer

    class Double(Layer):
        def forward(self, x):
            return 2 * x

        def backward(self, dout):
            return 2 * dout

    assert check_layer(Double(), np.ones((2, 3)))["x"] < 1e-7
