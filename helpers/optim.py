"""Optimizers: how big a step to take down the gradient.

Introduced in notebooks/07_optimizers.

Each optimizer is given a model (anything with ``params`` and ``grads`` dicts of arrays
sharing keys: a layer, a ``Sequential``) or a plain dict of parameter arrays. ``step()``
updates every parameter *in place*, using ``model.grads`` or the ``grads`` dict you pass.
State (velocities, running averages, the step count) lives in the optimizer.

The update rules and defaults are the standard published ones, the same as PyTorch's
``torch.optim.SGD``, ``RMSprop`` and ``Adam`` (weight decay added to the gradient as
``g + wd·p``), so each step can be checked against those formulas by hand.

One vector for all parameters: ``step`` copies every gradient into one flat array (in the
order of ``params``), the update rule works on that vector, and each parameter then takes
its own slice of the result. The rules are elementwise, so the numbers are exactly those of
updating one parameter at a time, with a quarter of the numpy calls for a two-layer network:
each call costs about a microsecond whatever its size, which is most of the time a small
network takes to train. (PyTorch's "foreach" and "fused" optimizers do the same.)
"""

from __future__ import annotations

import inspect
import math

import numpy as np

from .validate import _describe, as_array, known_names, number_in


class Optimizer:
    """Base class: checks the parameters, gathers the gradients, applies the step.

    A subclass writes one method, ``_update(g, out)``: given the flat gradient g (every
    parameter's, weight decay included) it writes the flat step into ``out``; ``step`` then
    does ``p -= step`` for each parameter. Its state goes in ``self.state`` as flat arrays
    too (PyTorch's names: "momentum_buffer", "square_avg", "exp_avg", "exp_avg_sq").

    Introduced in notebooks/07_optimizers.
    """

    def __init__(self, model, lr: float, weight_decay: float = 0.0):
        name = type(self).__name__
        example = f"e.g. {name}(model, lr=0.01) or {name}({{'w': w}}, lr=0.01)"
        if isinstance(model, dict):
            self._params, self._model = model, None
            if not model:
                raise ValueError(f"{name}: the dict of parameters is empty, so there is nothing to "
                                 f"learn. Fix: pass the model itself or its arrays, {example}.")
        elif (not isinstance(model, type) and hasattr(model, "params") and hasattr(model, "grads")
              and isinstance(model.params, dict)):
            self._params, self._model = None, model
        else:
            raise TypeError(f"{name}: expected a model with params and grads (a layer or Sequential) "
                            f"or a dict of arrays, got {_describe(model)}. Fix: {example}.")
        for key, p in self.params.items():
            if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
                raise TypeError(f"{name}: parameter {key!r} must be a float numpy array (it is "
                                f"updated in place), got {_describe(p)}. Fix: np.asarray(p, dtype=float).")
        self.lr = number_in(lr, "lr", name, low=0, low_open=True)
        self.weight_decay = number_in(weight_decay, "weight_decay", name, low=0)
        if type(self) is Optimizer:
            raise TypeError("Optimizer: this is the shared base class, which does not know how to "
                            "take a step. Fix: use one of its kinds, e.g. SGD(model, lr=0.1), "
                            "RMSProp(model) or Adam(model, lr=0.01).")
        self.state: dict = {}
        self.t = 0
        self._layout = None  # [(key, shape)] of the parameters the flat arrays below are for
        self._flat_grad = self._flat_step = None
        self._steps: list = []  # each parameter's slice of _flat_step, shaped like it

    @property
    def params(self) -> dict:
        return self._params if self._model is None else self._model.params

    def _made_for(self, model) -> bool:
        """True when `model`'s parameter arrays are exactly the ones this optimizer updates.

        Compares the arrays themselves (``is``), not their values: an optimizer made for
        another model (even an identical copy) would step arrays the training never reads.
        Used by ``train.fit`` and ``train.train_step``.
        """
        if model is self._model:
            return True
        params = getattr(model, "params", None)
        if not isinstance(params, dict):
            return False
        mine = {id(p) for p in self.params.values()}
        return len(params) == len(mine) and all(id(p) in mine for p in params.values())

    def step(self, grads: dict | None = None) -> None:
        """Update every parameter in place by one step."""
        if grads is None:
            if self._model is None:
                raise TypeError(f"{type(self).__name__}.step: this optimizer was given a dict of "
                                "parameters, so pass their gradients: step({'w': dw, ...}).")
            grads = self._model.grads
        else:
            grads = self._checked_grads(grads)
        params = self.params
        g = self._gather(params, grads)
        self.t += 1
        if g is None:  # nothing to learn (a model without weights)
            return
        self._update(g, self._flat_step)
        for p, s in zip(params.values(), self._steps):
            p -= s

    def _checked_grads(self, grads) -> dict:
        """Gradients passed by hand: a dict of finite numbers, one per parameter (lists are fine)."""
        where = f"{type(self).__name__}.step"
        if not isinstance(grads, dict):
            raise TypeError(f"{where}: expected grads as a dict with one gradient per parameter, "
                            f"e.g. step({{'w': dw}}), got {_describe(grads)}.")
        extra = [k for k in grads if k not in self.params]
        missing = [k for k in self.params if k not in grads]
        if missing:
            instead = f" (it got one for {extra[0]!r} instead: a misspelt key?)" if extra else ""
            raise ValueError(f"{where}: no gradient for parameter {missing[0]!r}{instead}. Pass one "
                             "gradient per parameter, with the same keys.")
        if extra:
            raise ValueError(f"{where}: got a gradient for {extra[0]!r}, which is not one of the "
                             f"parameters ({', '.join(map(repr, self.params))}). Pass one gradient "
                             "per parameter, with the same keys.")
        return {key: as_array(g, f"the gradient for {key!r}", where, empty=True)
                for key, g in grads.items()}

    def _gather(self, params: dict, grads: dict):
        """Every gradient, checked and with weight decay added, copied into one flat vector."""
        if self._layout is None:
            self._start(params)
        name = type(self).__name__
        if len(params) != len(self._layout):
            raise ValueError(self._changed(params))
        pieces = []
        for (key, p), (key0, shape0) in zip(params.items(), self._layout):
            if key != key0 or p.shape != shape0:
                raise ValueError(self._changed(params))
            if key not in grads:
                raise ValueError(f"{name}.step: no gradient for parameter {key!r}. "
                                 "Pass one gradient per parameter, with the same keys.")
            g = np.asarray(grads[key], dtype=p.dtype)  # float32 stays float32: no copy
            if g.shape != p.shape:
                raise ValueError(f"{name}.step: the gradient for {key!r} has shape "
                                 f"{g.shape}, but the parameter has shape {p.shape}; they must match.")
            if self.weight_decay:
                g = g + self.weight_decay * p
            pieces.append(g.ravel())  # a view, no copy
        return np.concatenate(pieces, out=self._flat_grad) if pieces else None

    def _start(self, params: dict) -> None:
        """Lay the parameters out in one vector (on the first step)."""
        self._layout = [(key, p.shape) for key, p in params.items()]
        if not params:
            return
        size = sum(p.size for p in params.values())
        dtype = np.result_type(*params.values())  # one dtype (float32 stays float32)
        self._flat_grad, self._flat_step = np.empty(size, dtype), np.empty(size, dtype)
        ends = np.cumsum([p.size for p in params.values()])
        self._steps = [self._flat_step[end - p.size:end].reshape(p.shape)
                       for end, p in zip(ends, params.values())]

    def _changed(self, params: dict) -> str:
        was = ", ".join(f"{k} {s}" for k, s in self._layout)
        now = ", ".join(f"{k} {p.shape}" for k, p in params.items())
        return (f"{type(self).__name__}.step: the parameters changed since this optimizer's first "
                f"step (it was made for {was}; now they are {now}). Make a new optimizer for the "
                f"new model, e.g. {type(self).__name__}(model, lr={self.lr:g}).")

    def _update(self, g: np.ndarray, out: np.ndarray) -> None:
        raise NotImplementedError


def _no_unknown(opt, unknown: dict) -> None:
    """A misspelt keyword (``Adam(model, beta1=0.9)``) named, with the nearest known one."""
    if unknown:
        names = [n for n in inspect.signature(type(opt).__init__).parameters
                 if n not in ("self", "unknown")]
        known_names(unknown, names, type(opt).__name__)


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum and Nesterov momentum.

    ``b ← μ·b + (1 - dampening)·g`` (``b = g`` on the first step); then
    ``g ← g + μ·b`` with Nesterov, else ``g ← b``; finally ``p ← p - lr·g``.
    Defaults: lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False.

    Introduced in notebooks/06_backprop.
    """

    def __init__(self, model, lr: float = 1e-3, momentum: float = 0.0, dampening: float = 0.0,
                 weight_decay: float = 0.0, nesterov: bool = False, **unknown):
        _no_unknown(self, unknown)
        super().__init__(model, lr, weight_decay)
        self.momentum = number_in(momentum, "momentum", "SGD", low=0, high=1, high_open=True)
        self.dampening = number_in(dampening, "dampening", "SGD", low=0, high=1)
        if nesterov and (self.momentum == 0 or self.dampening != 0):
            raise ValueError("SGD: Nesterov momentum needs momentum > 0 and dampening = 0.")
        self.nesterov = bool(nesterov)

    def _update(self, g, out):
        if self.momentum:
            b = self.state.get("momentum_buffer")
            if b is None:
                b = self.state["momentum_buffer"] = g.copy()
            else:
                b *= self.momentum  # b ← μ·b + (1 - dampening)·g, in place
                b += (1 - self.dampening) * g
            g = g + self.momentum * b if self.nesterov else b
        np.multiply(self.lr, g, out=out)


class RMSProp(Optimizer):
    """Divide each step by a running root-mean-square of recent gradients.

    ``v ← α·v + (1 - α)·g²``; ``p ← p - lr·g / (√v + ε)``.
    Defaults: lr=0.01, alpha=0.99, eps=1e-8, weight_decay=0.

    Introduced in notebooks/07_optimizers.
    """

    def __init__(self, model, lr: float = 1e-2, alpha: float = 0.99, eps: float = 1e-8,
                 weight_decay: float = 0.0, **unknown):
        _no_unknown(self, unknown)
        super().__init__(model, lr, weight_decay)
        self.alpha = number_in(alpha, "alpha", "RMSProp", low=0, high=1)
        self.eps = number_in(eps, "eps", "RMSProp", low=0, low_open=True)

    def _update(self, g, out):
        v = self.state.get("square_avg")
        if v is None:
            v = self.state["square_avg"] = (1 - self.alpha) * g * g
        else:
            v *= self.alpha  # v ← α·v + (1 - α)·g², in place
            v += (1 - self.alpha) * g * g
        np.sqrt(v, out=out)  # lr·g / (√v + ε)
        out += self.eps
        np.divide(self.lr * g, out, out=out)


class Adam(Optimizer):
    """Momentum and RMSProp together, with bias correction for the first steps.

    ``m ← β1·m + (1 - β1)·g``; ``v ← β2·v + (1 - β2)·g²``;
    ``m̂ = m / (1 - β1^t)``; ``v̂ = v / (1 - β2^t)``; ``p ← p - lr·m̂ / (√v̂ + ε)``.
    Defaults: lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.

    Introduced in notebooks/00_welcome.
    """

    def __init__(self, model, lr: float = 1e-3, betas: tuple = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0, **unknown):
        _no_unknown(self, unknown)
        super().__init__(model, lr, weight_decay)
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise ValueError(f"Adam: betas must be a pair (beta1, beta2), e.g. betas=(0.9, 0.999), "
                             f"got {_describe(betas)}.")
        self.beta1 = number_in(betas[0], "betas[0]", "Adam", low=0, high=1, high_open=True)
        self.beta2 = number_in(betas[1], "betas[1]", "Adam", low=0, high=1, high_open=True)
        self.eps = number_in(eps, "eps", "Adam", low=0, low_open=True)

    def _update(self, g, out):
        b1, b2, t = self.beta1, self.beta2, self.t
        if not self.state:  # the running averages start at zero, made once
            self.state["exp_avg"], self.state["exp_avg_sq"] = np.zeros_like(g), np.zeros_like(g)
        m, v = self.state["exp_avg"], self.state["exp_avg_sq"]
        m *= b1  # m ← β1·m + (1 - β1)·g, in place (no new arrays each step)
        m += (1 - b1) * g
        v *= b2  # v ← β2·v + (1 - β2)·g²
        v += (1 - b2) * (g * g)
        # lr·m̂ / (√v̂ + ε) with the bias corrections folded into two numbers (as PyTorch does)
        # (math.sqrt keeps it a Python float, so float32 arrays stay float32)
        np.sqrt(v, out=out)
        out /= math.sqrt(1 - b2 ** t)
        out += self.eps
        np.divide(m, out, out=out)
        out *= self.lr / (1 - b1 ** t)


OPTIMIZERS = {"sgd": SGD, "momentum": SGD, "rmsprop": RMSProp, "adam": Adam}
