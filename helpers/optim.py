"""Optimizers: how big a step to take down the gradient.

Introduced in notebooks/07_optimizers.

Each optimizer is given a model (anything with ``params`` and ``grads`` dicts of arrays
sharing keys: a layer, a ``Sequential``) or a plain dict of parameter arrays. ``step()``
updates every parameter *in place*, using ``model.grads`` or the ``grads`` dict you pass.
State (velocities, running averages, the step count) lives in the optimizer.

The update rules and defaults are the standard published ones, the same as PyTorch's
``torch.optim.SGD``, ``RMSprop`` and ``Adam`` (weight decay added to the gradient as
``g + wd·p``), so each step can be checked against those formulas by hand.
"""

from __future__ import annotations

import math

import numpy as np

from .validate import _describe, number_in


class Optimizer:
    def __init__(self, model, lr: float, weight_decay: float = 0.0):
        if isinstance(model, dict):
            self._params, self._model = model, None
        elif hasattr(model, "params") and hasattr(model, "grads"):
            self._params, self._model = None, model
        else:
            raise TypeError(f"{type(self).__name__}: expected a model with params and grads "
                            f"(a layer or Sequential) or a dict of arrays, got {_describe(model)}.")
        name = type(self).__name__
        for key, p in self.params.items():
            if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
                raise TypeError(f"{name}: parameter {key!r} must be a float numpy array (it is "
                                f"updated in place), got {_describe(p)}. Fix: np.asarray(p, dtype=float).")
        self.lr = number_in(lr, "lr", name, low=0, low_open=True)
        self.weight_decay = number_in(weight_decay, "weight_decay", name, low=0)
        self.state: dict = {}
        self.t = 0

    @property
    def params(self) -> dict:
        return self._params if self._model is None else self._model.params

    def step(self, grads: dict | None = None) -> None:
        """Update every parameter in place by one step."""
        if grads is None:
            if self._model is None:
                raise TypeError(f"{type(self).__name__}.step: this optimizer was given a dict of "
                                "parameters, so pass their gradients: step({'w': dw, ...}).")
            grads = self._model.grads
        self.t += 1
        for key, p in self.params.items():
            if key not in grads:
                raise ValueError(f"{type(self).__name__}.step: no gradient for parameter {key!r}. "
                                 "Pass one gradient per parameter, with the same keys.")
            g = np.asarray(grads[key], dtype=p.dtype)  # float32 stays float32: no copy
            if g.shape != p.shape:
                raise ValueError(f"{type(self).__name__}.step: the gradient for {key!r} has shape "
                                 f"{g.shape}, but the parameter has shape {p.shape}; they must match.")
            if self.weight_decay:
                g = g + self.weight_decay * p
            p -= self._update(key, g)

    def _update(self, key, g):
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum and Nesterov momentum.

    ``b ← μ·b + (1 - dampening)·g`` (``b = g`` on the first step); then
    ``g ← g + μ·b`` with Nesterov, else ``g ← b``; finally ``p ← p - lr·g``.
    Defaults: lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False.
    """

    def __init__(self, model, lr: float = 1e-3, momentum: float = 0.0, dampening: float = 0.0,
                 weight_decay: float = 0.0, nesterov: bool = False):
        super().__init__(model, lr, weight_decay)
        self.momentum = number_in(momentum, "momentum", "SGD", low=0, high=1, high_open=True)
        self.dampening = number_in(dampening, "dampening", "SGD", low=0, high=1)
        if nesterov and (self.momentum == 0 or self.dampening != 0):
            raise ValueError("SGD: Nesterov momentum needs momentum > 0 and dampening = 0.")
        self.nesterov = bool(nesterov)

    def _update(self, key, g):
        if self.momentum:
            b = self.state.get(key)
            b = g.copy() if b is None else self.momentum * b + (1 - self.dampening) * g
            self.state[key] = b
            g = g + self.momentum * b if self.nesterov else b
        return self.lr * g


class RMSProp(Optimizer):
    """Divide each step by a running root-mean-square of recent gradients.

    ``v ← α·v + (1 - α)·g²``; ``p ← p - lr·g / (√v + ε)``.
    Defaults: lr=0.01, alpha=0.99, eps=1e-8, weight_decay=0.
    """

    def __init__(self, model, lr: float = 1e-2, alpha: float = 0.99, eps: float = 1e-8,
                 weight_decay: float = 0.0):
        super().__init__(model, lr, weight_decay)
        self.alpha = number_in(alpha, "alpha", "RMSProp", low=0, high=1)
        self.eps = number_in(eps, "eps", "RMSProp", low=0, low_open=True)

    def _update(self, key, g):
        v = self.state.get(key)
        v = (1 - self.alpha) * g * g if v is None else self.alpha * v + (1 - self.alpha) * g * g
        self.state[key] = v
        return self.lr * g / (np.sqrt(v) + self.eps)


class Adam(Optimizer):
    """Momentum and RMSProp together, with bias correction for the first steps.

    ``m ← β1·m + (1 - β1)·g``; ``v ← β2·v + (1 - β2)·g²``;
    ``m̂ = m / (1 - β1^t)``; ``v̂ = v / (1 - β2^t)``; ``p ← p - lr·m̂ / (√v̂ + ε)``.
    Defaults: lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.
    """

    def __init__(self, model, lr: float = 1e-3, betas: tuple = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0):
        super().__init__(model, lr, weight_decay)
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise ValueError(f"Adam: betas must be a pair (beta1, beta2), got {betas!r}.")
        self.beta1 = number_in(betas[0], "betas[0]", "Adam", low=0, high=1, high_open=True)
        self.beta2 = number_in(betas[1], "betas[1]", "Adam", low=0, high=1, high_open=True)
        self.eps = number_in(eps, "eps", "Adam", low=0, low_open=True)

    def _update(self, key, g):
        b1, b2, t = self.beta1, self.beta2, self.t
        if key not in self.state:  # the running averages start at zero, made once
            self.state[key] = (np.zeros_like(g), np.zeros_like(g))
        m, v = self.state[key]
        m *= b1  # m ← β1·m + (1 - β1)·g, in place (no new arrays each step)
        m += (1 - b1) * g
        v *= b2  # v ← β2·v + (1 - β2)·g²
        v += (1 - b2) * (g * g)
        # lr·m̂ / (√v̂ + ε) with the bias corrections folded into two numbers (as PyTorch does)
        # (math.sqrt keeps it a Python float, so float32 arrays stay float32)
        step = np.sqrt(v)
        step /= math.sqrt(1 - b2 ** t)
        step += self.eps
        np.divide(m, step, out=step)  # the same array reused: no new ones
        step *= self.lr / (1 - b1 ** t)
        return step


OPTIMIZERS = {"sgd": SGD, "momentum": SGD, "rmsprop": RMSProp, "adam": Adam}
