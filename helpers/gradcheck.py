"""Gradient checking: compare an analytic gradient with one measured by nudging inputs.

Introduced in notebooks/06_backprop.

The numerical gradient uses central differences, ``(f(x + h) - f(x - h)) / 2h``, one entry at
a time. The relative error ``|a - n| / max(|a| + |n|, tiny)`` is about 1e-7 or less in float64
when a backward pass is right, and near 1 when it is wrong.
"""

from __future__ import annotations

import numpy as np

from .validate import as_array, number_in


def numerical_gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """d f(x) / dx by central differences, for a scalar function f of an array x.

    `x` is changed in place while measuring and restored afterwards.

    Parameters
    ----------
    f : callable
        Takes no arguments (it reads `x`) and returns a float. Or takes `x` and returns a float.
    x : ndarray of floats, any shape
    h : float
        The nudge; 1e-5 suits float64.

    Returns
    -------
    grad : ndarray, same shape as x

    Introduced in notebooks/06_backprop.
    """
    if not isinstance(x, np.ndarray) or x.dtype.kind != "f":
        raise TypeError(f"numerical_gradient: expected x to be a float numpy array (it is nudged in "
                        f"place), got {type(x).__name__}. Fix: np.asarray(x, dtype=float).")
    call = _caller(f, x)
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        up = call()
        x[i] = old - h
        down = call()
        x[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad


def _caller(f, x):
    import inspect
    try:
        n_args = len(inspect.signature(f).parameters)
    except (TypeError, ValueError):
        n_args = 1
    return (lambda: float(f())) if n_args == 0 else (lambda: float(f(x)))


def rel_error(a, b) -> float:
    """The largest elementwise relative error between two arrays of the same shape.

    Introduced in notebooks/06_backprop.
    """
    a = as_array(a, "a", "rel_error")
    b = as_array(b, "b", "rel_error")
    if a.shape != b.shape:
        raise ValueError(f"rel_error: the two gradients must have the same shape, got {a.shape} and {b.shape}.")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)))


def check_layer(layer, x, seed: int = 0, h: float = 1e-5) -> dict:
    """Compare a layer's backward with numerical gradients.

    Uses the loss ``L = sum(forward(x) * R)`` for a fixed random R, so dL/d(out) = R.

    Returns
    -------
    dict
        Relative error for ``"x"`` and for every key of ``layer.params``.

    Introduced in notebooks/06_backprop.
    """
    x = np.array(as_array(x, "x", "check_layer"), dtype=float)
    r = np.random.default_rng(seed).standard_normal(layer.forward(x).shape)
    dx = layer.backward(r)
    analytic = {"x": dx, **{k: np.array(g) for k, g in layer.grads.items()}}

    def loss():
        return float(np.sum(layer.forward(x) * r))

    errors = {"x": rel_error(analytic["x"], numerical_gradient(loss, x, h))}
    for k, p in layer.params.items():
        errors[k] = rel_error(analytic[k], numerical_gradient(loss, p, h))
    return errors


def check_loss(loss, scores, y, h: float = 1e-5) -> float:
    """Relative error between a loss's backward() and the numerical gradient of forward.

    Introduced in notebooks/06_backprop.
    """
    scores = np.array(as_array(scores, "scores", "check_loss"), dtype=float)
    loss.forward(scores, y)
    analytic = loss.backward()
    return rel_error(analytic, numerical_gradient(lambda: loss.forward(scores, y), scores, h))


def verdict(error: float, tol: float = 1e-7) -> str:
    """A relative error from `check_layer` or `check_loss` in words, for printing.

    The exact size of a right gradient's error (somewhere near 1e-10) is rounding: it differs
    between CPUs and thread counts, so a notebook prints this verdict instead of the number.
    A wrong gradient's error (near 1) is shown to one significant digit.

    Examples: ``verdict(3e-11)`` is ``'ok (< 1e-07)'``; ``verdict(0.98)`` is
    ``'WRONG (relative error 1)'``.

    Introduced in notebooks/06_backprop.
    """
    tol = number_in(tol, "tol", "verdict", low=0, low_open=True)
    if isinstance(error, (float, np.floating)) and np.isnan(error):
        return "WRONG (not a number: the gradient holds NaN)"
    error = number_in(error, "error", "verdict", low=0)
    return f"ok (< {tol:.0e})" if error < tol else f"WRONG (relative error {error:.1g})"
