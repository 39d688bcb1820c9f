"""helpers.optim: several steps of every optimizer against the update rules written out by hand.

The reference rules below follow the pseudocode in PyTorch's torch.optim docs (SGD,
RMSprop, Adam), with their defaults:
  SGD      lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False
  RMSprop  lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0  (momentum=0, centered=False)
  Adam     lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0  (amsgrad=False)
Weight decay is L2 added to the gradient, g <- g + weight_decay * theta, in all three.
"""

import numpy as np
import pytest

from helpers.layers import mlp
from helpers.losses import MSE
from helpers.optim import SGD, Adam, RMSProp

STEPS = 6


def grad_of(theta, t):
    """A gradient that depends on the parameters and on the step, so every state term matters."""
    return 2 * theta + np.sin(3 * theta + t) - 0.5


def start():
    rng = np.random.default_rng(0)
    return {"w": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)}


def sgd_by_hand(theta, lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    theta = {k: v.copy() for k, v in theta.items()}
    buf = {}
    for t in range(1, STEPS + 1):
        for k in theta:
            g = grad_of(theta[k], t)
            if weight_decay != 0:
                g = g + weight_decay * theta[k]
            if momentum != 0:
                if t > 1:
                    buf[k] = momentum * buf[k] + (1 - dampening) * g
                else:
                    buf[k] = g
                if nesterov:
                    g = g + momentum * buf[k]
                else:
                    g = buf[k]
            theta[k] = theta[k] - lr * g
    return theta


def rmsprop_by_hand(theta, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0):
    theta = {k: v.copy() for k, v in theta.items()}
    v = {k: np.zeros_like(p) for k, p in theta.items()}  # square_avg starts at 0
    for t in range(1, STEPS + 1):
        for k in theta:
            g = grad_of(theta[k], t)
            if weight_decay != 0:
                g = g + weight_decay * theta[k]
            v[k] = alpha * v[k] + (1 - alpha) * g ** 2
            theta[k] = theta[k] - lr * g / (np.sqrt(v[k]) + eps)
    return theta


def adam_by_hand(theta, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    b1, b2 = betas
    theta = {k: v.copy() for k, v in theta.items()}
    m = {k: np.zeros_like(p) for k, p in theta.items()}
    v = {k: np.zeros_like(p) for k, p in theta.items()}
    for t in range(1, STEPS + 1):
        for k in theta:
            g = grad_of(theta[k], t)
            if weight_decay != 0:
                g = g + weight_decay * theta[k]
            m[k] = b1 * m[k] + (1 - b1) * g
            v[k] = b2 * v[k] + (1 - b2) * g ** 2
            m_hat = m[k] / (1 - b1 ** t)
            v_hat = v[k] / (1 - b2 ** t)
            theta[k] = theta[k] - lr * m_hat / (np.sqrt(v_hat) + eps)
    return theta


CASES = {
    "sgd defaults": (SGD, sgd_by_hand, {}),
    "sgd plain": (SGD, sgd_by_hand, {"lr": 0.1}),
    "sgd momentum": (SGD, sgd_by_hand, {"lr": 0.1, "momentum": 0.9}),
    "sgd dampening": (SGD, sgd_by_hand, {"lr": 0.1, "momentum": 0.9, "dampening": 0.3}),
    "sgd nesterov": (SGD, sgd_by_hand, {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    "sgd weight decay": (SGD, sgd_by_hand, {"lr": 0.1, "weight_decay": 0.1}),
    "sgd momentum + weight decay": (SGD, sgd_by_hand, {"lr": 0.1, "momentum": 0.8, "weight_decay": 0.05}),
    "sgd nesterov + weight decay": (SGD, sgd_by_hand,
                                    {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.1}),
    "rmsprop defaults": (RMSProp, rmsprop_by_hand, {}),
    "rmsprop": (RMSProp, rmsprop_by_hand, {"lr": 0.05, "alpha": 0.9, "eps": 1e-6}),
    "rmsprop weight decay": (RMSProp, rmsprop_by_hand, {"lr": 0.05, "weight_decay": 0.1}),
    "adam defaults": (Adam, adam_by_hand, {}),
    "adam": (Adam, adam_by_hand, {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-6}),
    "adam weight decay": (Adam, adam_by_hand, {"lr": 0.05, "weight_decay": 0.1}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_steps_match_formulas(name):
    cls, by_hand, kwargs = CASES[name]
    params = start()
    opt = cls(params, **kwargs)
    for t in range(1, STEPS + 1):
        opt.step({k: grad_of(p, t) for k, p in params.items()})
    expected = by_hand(start(), **kwargs)
    for k in params:
        np.testing.assert_allclose(params[k], expected[k], rtol=1e-12, atol=1e-14)
    assert not np.allclose(params["w"], start()["w"])  # it really moved


def test_defaults_are_pytorchs():
    p = start()
    sgd, rms, adam = SGD(p), RMSProp(p), Adam(p)
    assert (sgd.lr, sgd.momentum, sgd.dampening, sgd.weight_decay, sgd.nesterov) == (1e-3, 0, 0, 0, False)
    assert (rms.lr, rms.alpha, rms.eps, rms.weight_decay) == (1e-2, 0.99, 1e-8, 0)
    assert (adam.lr, adam.beta1, adam.beta2, adam.eps, adam.weight_decay) == (1e-3, 0.9, 0.999, 1e-8, 0)


@pytest.mark.parametrize("cls", [SGD, RMSProp, Adam])
def test_optimizer_on_a_sequential_updates_every_layer_in_place(cls):
    model = mlp([3, 5, 2], seed=1)
    x = np.random.default_rng(0).standard_normal((8, 3))
    y = np.random.default_rng(1).standard_normal((8, 2))
    arrays = {k: v for k, v in model.params.items()}  # the layers' own arrays
    shadow = {k: v.copy() for k, v in model.params.items()}
    opt, shadow_opt = cls(model, lr=0.01), cls(shadow, lr=0.01)
    loss = MSE()
    for _ in range(3):
        loss.forward(model.forward(x), y)
        model.backward(loss.backward())
        grads = {k: g.copy() for k, g in model.grads.items()}
        opt.step()
        shadow_opt.step(grads)
    for k, p in model.params.items():
        assert p is arrays[k]  # updated in place, not replaced
        np.testing.assert_allclose(p, shadow[k], rtol=1e-12)
        assert not np.allclose(p, model_before(k))


def model_before(key):
    return mlp([3, 5, 2], seed=1).params[key]


def test_sgd_on_a_sequential_is_p_minus_lr_grad():
    model = mlp([2, 3, 1], seed=0)
    before = {k: v.copy() for k, v in model.params.items()}
    loss = MSE()
    loss.forward(model.forward(np.ones((4, 2))), np.zeros((4, 1)))
    model.backward(loss.backward())
    SGD(model, lr=0.5).step()
    for k, p in model.params.items():
        np.testing.assert_allclose(p, before[k] - 0.5 * model.grads[k])


def test_optimizer_minimises_a_quadratic():
    for opt_cls, kwargs in [(SGD, {"lr": 0.1, "momentum": 0.9}), (RMSProp, {"lr": 0.01}),
                            (Adam, {"lr": 0.05})]:
        p = {"x": np.array([3.0, -2.0])}
        opt = opt_cls(p, **kwargs)
        for _ in range(500):
            opt.step({"x": 2 * p["x"]})
        assert np.abs(p["x"]).max() < 0.05, opt_cls.__name__


@pytest.mark.parametrize("cls", [SGD, RMSProp, Adam])
def test_one_flat_vector_gives_the_numbers_of_one_parameter_at_a_time(cls):
    """step() updates every parameter at once, as one vector; the rules are elementwise, so
    each parameter gets exactly (to the last bit) what an optimizer of its own would give it."""
    rng = np.random.default_rng(0)
    together = {"w": rng.standard_normal((3, 2)).astype(np.float32),
                "b": rng.standard_normal(2).astype(np.float32)}
    alone = {k: {k: v.copy()} for k, v in together.items()}
    kwargs = {"lr": 0.05, "weight_decay": 0.01, **({"momentum": 0.9} if cls is SGD else {})}
    opt, opts = cls(together, **kwargs), {k: cls(p, **kwargs) for k, p in alone.items()}
    for t in range(1, STEPS + 1):
        grads = {k: grad_of(p, t).astype(np.float32) for k, p in together.items()}
        opt.step(grads)
        for k in together:
            opts[k].step({k: grads[k]})
    for k, p in together.items():
        assert p.dtype == np.float32
        np.testing.assert_array_equal(p, alone[k][k])


def test_optimizer_on_mixed_dtypes_and_on_a_model_without_weights():
    p = {"a": np.ones(2, dtype=np.float32), "b": np.ones(3)}
    Adam(p, lr=0.1).step({"a": np.ones(2), "b": np.ones(3)})
    assert p["a"].dtype == np.float32 and p["b"].dtype == np.float64
    np.testing.assert_allclose(p["a"], 0.9, rtol=1e-6)
    np.testing.assert_allclose(p["b"], 0.9)
    from helpers.layers import ReLU, Sequential

    opt = SGD(Sequential(ReLU()))
    opt.step()  # nothing to learn, nothing to complain about
    assert opt.t == 1


def test_learning_rate_and_weight_decay_can_change_between_steps():
    p = {"w": np.array([1.0, 2.0])}
    opt = SGD(p, lr=0.1)
    opt.step({"w": np.ones(2)})
    opt.lr, opt.weight_decay = 0.5, 1.0  # the playground's sliders do this
    opt.step({"w": np.ones(2)})
    np.testing.assert_allclose(p["w"], np.array([0.9, 1.9]) - 0.5 * (1 + np.array([0.9, 1.9])))


def test_gradients_by_hand_may_be_lists_and_must_be_finite():
    p = {"w": np.array([1.0, 2.0])}
    SGD(p, lr=0.5).step({"w": [1, 1]})
    np.testing.assert_allclose(p["w"], [0.5, 1.5])
    with pytest.raises(ValueError, match=r"gradient for 'w' contains 1 NaN"):
        SGD(p).step({"w": [np.nan, 0.0]})
    np.testing.assert_allclose(p["w"], [0.5, 1.5])  # a refused step changes nothing


def test_an_optimizer_knows_the_arrays_it_was_made_for():
    model, other = mlp([2, 3, 1]), mlp([2, 3, 1])
    assert Adam(model)._made_for(model) and Adam(model.params)._made_for(model)
    assert not Adam(other)._made_for(model) and not Adam(model[0])._made_for(model)
