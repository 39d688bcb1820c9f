"""Gradient checking: compare an analytic gradient with one measured by nudging inputs.

Introduced in notebooks/06_backprop.

The numerical gradient uses central differences, ``(f(x + h) - f(x - h)) / 2h``, one entry at
a time. The relative error ``|a - n| / max(|a| + |n|, tiny)`` is about 1e-7 or less in float64
when a backward pass is right, and near 1 when it is wrong.

A broken backward is reported in words, not measured: one that returns None (a forgotten
``return``), an array of the wrong shape, or NaN gets a sentence saying which.
"""

from __future__ import annotations

import numpy as np

from .validate import NotFiniteError, _describe, as_array, number_in, positive_int


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
    where = "numerical_gradient"
    if not callable(f) or isinstance(f, type):
        raise TypeError(f"{where}: expected f to be a function that returns one number (the "
                        f"loss), got {_describe(f)}. Fix: e.g. lambda: float(np.sum(x ** 2)).")
    if not isinstance(x, np.ndarray) or x.dtype.kind != "f":
        raise TypeError(f"{where}: expected x to be a float numpy array (it is nudged in "
                        f"place), got {_describe(x)}. Fix: np.asarray(x, dtype=float).")
    if x.size == 0:
        raise ValueError(f"{where}: x is empty (shape {x.shape}): there is nothing to nudge. "
                         "Fix: check the slice or filter that made it; it kept no values.")
    if not np.isfinite(x).all():
        raise NotFiniteError(f"{where}: x contains {x.size - np.count_nonzero(np.isfinite(x))} "
                             "NaN or infinite value(s); a gradient is measured at finite "
                             "numbers. Fix: clean x first.")
    h = number_in(h, "h", where, low=0, high=1, low_open=True)
    call = _caller(f, x)
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"])
    with np.errstate(all="ignore"):  # a NaN or overflow in f is reported in words instead
        _measure(it, x, call, grad, h)
    return grad


def _measure(it, x, call, grad, h) -> None:
    for _ in it:
        i = it.multi_index
        old = x[i]
        try:
            x[i] = old + h
            up = call(i)
            x[i] = old - h
            down = call(i)
        finally:  # x is restored even when f fails
            x[i] = old
        grad[i] = (up - down) / (2 * h)


def _caller(f, x):
    """``f()`` or ``f(x)`` as a function of the nudged index that returns a finite float, or
    raises in words naming what f returned."""
    import inspect
    try:
        n_args = len(inspect.signature(f).parameters)
    except (TypeError, ValueError):
        n_args = 1
    raw = f if n_args == 0 else (lambda: f(x))

    def call(i):
        v = raw()
        if v.__class__ is not float:  # the usual case costs one comparison
            v = _one_number(v)
        if v - v != 0:  # NaN or infinity
            raise NotFiniteError(f"numerical_gradient: f returned {v} with x{list(i)} nudged to "
                                 f"{x[i]:.6g}; the function must give a finite number near x. "
                                 "Fix: check f for a division by 0 or log of 0 there.")
        return v
    return call


def _one_number(v) -> float:
    if isinstance(v, np.ndarray) and v.size == 1:
        return float(v.reshape(()))
    if isinstance(v, np.ndarray) or v is None or isinstance(v, (bool, str, bytes)) or not hasattr(v, "__float__"):
        fix = (" Did it forget `return`?" if v is None else
               " Fix: add up the values, e.g. return float(np.sum(out))." if hasattr(v, "shape") else "")
        raise TypeError(f"numerical_gradient: f must return one number (the loss), but it "
                        f"returned {_describe(v)}.{fix}")
    return float(v)


def rel_error(a, b) -> float:
    """The largest elementwise relative error between two arrays of the same shape.

    Introduced in notebooks/06_backprop.
    """
    a = as_array(a, "a", "rel_error", finite=False)
    b = as_array(b, "b", "rel_error", finite=False)
    if a.shape != b.shape:
        raise ValueError(f"rel_error: the two gradients must have the same shape, got {a.shape} and {b.shape}.")
    for name, v in (("a", a), ("b", b)):
        if not np.isfinite(v).all():
            raise NotFiniteError(f"rel_error: {name} holds {v.size - np.count_nonzero(np.isfinite(v))} "
                                 "NaN or infinite value(s); a gradient that is right is finite. "
                                 "Fix: look for a division by 0 or a log of 0 where it was computed.")
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)))


def _check_object(obj, where: str, name: str, example: str) -> str:
    """A layer or loss: something with forward and backward, not its class. Returns its name."""
    if isinstance(obj, type):
        raise TypeError(f"{where}: expected {name} to be {example}, got the class {obj.__name__} "
                        f"itself. Did you mean {obj.__name__}(...)?")
    if not (callable(getattr(obj, "forward", None)) and callable(getattr(obj, "backward", None))):
        raise TypeError(f"{where}: expected {name} to be {example} (an object with forward and "
                        f"backward), got {_describe(obj)}.")
    return type(obj).__name__


def _moderate(x: np.ndarray, name: str, where: str, h: float) -> None:
    """Refuse inputs so large that a nudge of h is lost in rounding (the check would say WRONG)."""
    big = float(np.abs(x).max())
    if big * 1e-10 > h:
        raise ValueError(f"{where}: {name} holds values as large as {big:.3g}; a nudge of h={h:g} "
                         "is lost in rounding at that size, so the check would call a right "
                         "backward wrong. Fix: check with moderate numbers, e.g. "
                         "np.random.default_rng(0).standard_normal((4, 3)).")


def _gradient(g, what: str, shape: tuple, where: str, method: str) -> np.ndarray:
    """A gradient a backward gave, as a float array of `shape`, or an error in words."""
    if g is None:
        raise TypeError(f"{where}: {method} returned None (did it forget `return`?) where "
                        f"{what} of shape {shape} belongs.")
    g = as_array(g, what, where, finite=False, empty=True)
    if g.shape != shape:
        raise ValueError(f"{where}: {method} gave {what} of shape {g.shape}, but it must have "
                         f"shape {shape}, the shape of what it is the gradient of.")
    bad = g.size - np.count_nonzero(np.isfinite(g))
    if bad:
        raise NotFiniteError(f"{where}: {what} from {method} holds {bad} NaN or infinite "
                             "value(s); a right backward gives finite numbers here. Fix: look "
                             "for a division by 0 or a log of 0 in backward.")
    return np.array(g, dtype=float)


def check_layer(layer, x, seed: int = 0, h: float = 1e-5) -> dict:
    """Compare a layer's backward with numerical gradients.

    Uses the loss ``L = sum(forward(x) * R)`` for a fixed random R, so dL/d(out) = R.

    Returns
    -------
    dict
        Relative error for ``"x"`` and for every key of ``layer.params``.

    Introduced in notebooks/06_backprop.
    """
    where = "check_layer"
    name = _check_object(layer, where, "layer", "a layer such as Dense(3, 2)")
    x = np.array(as_array(x, "x", where), dtype=float)
    seed = positive_int(seed, "seed", where, minimum=0)
    h = number_in(h, "h", where, low=0, high=1, low_open=True)
    _moderate(x, "x", where, h)
    params = getattr(layer, "params", None) or {}
    for k, p in params.items():
        if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
            raise TypeError(f"{where}: {name}.params[{k!r}] must be a float numpy array (it is "
                            f"nudged in place), got {_describe(p)}.")
    with np.errstate(all="ignore"):
        out = layer.forward(x)
    if out is None:
        raise TypeError(f"{where}: {name}.forward returned None (did it forget `return`?).")
    out = as_array(out, "the output of forward", where, finite=False, empty=True)
    if not np.isfinite(out).all():
        raise NotFiniteError(f"{where}: {name}.forward gave NaN or infinity for this x; the "
                             "check needs finite outputs. Fix: look for a division by 0 or a "
                             "log of 0 in forward.")
    r = np.random.default_rng(seed).standard_normal(out.shape)
    with np.errstate(all="ignore"):  # a NaN it makes is reported in words below
        dx = layer.backward(r)
    dx = _gradient(dx, "dL/dx", x.shape, where, f"{name}.backward")
    grads = getattr(layer, "grads", None) or {}
    analytic = {"x": dx}
    for k, p in params.items():
        if k not in grads:
            raise ValueError(f"{where}: {name}.grads has no {k!r} after backward, but "
                             f"{name}.params has. Fix: backward fills grads with the same keys "
                             f"as params, e.g. self.grads[{k!r}] = ...")
        analytic[k] = _gradient(grads[k], f"grads[{k!r}]", p.shape, where, f"{name}.backward")

    def loss():
        return float(np.sum(layer.forward(x) * r))

    errors = {"x": rel_error(analytic["x"], numerical_gradient(loss, x, h))}
    for k, p in params.items():
        errors[k] = rel_error(analytic[k], numerical_gradient(loss, p, h))
    return errors


def check_loss(loss, scores, y, h: float = 1e-5) -> float:
    """Relative error between a loss's backward() and the numerical gradient of forward.

    Introduced in notebooks/06_backprop.
    """
    where = "check_loss"
    name = _check_object(loss, where, "loss", "a loss such as MSE()")
    scores = np.array(as_array(scores, "scores", where), dtype=float)
    h = number_in(h, "h", where, low=0, high=1, low_open=True)
    _moderate(scores, "scores", where, h)
    value = loss.forward(scores, y)
    if value is None:
        raise TypeError(f"{where}: {name}.forward returned None (did it forget `return`?); it "
                        "must return the mean loss, one number.")
    with np.errstate(all="ignore"):  # a NaN it makes is reported in words below
        analytic = loss.backward()
    analytic = _gradient(analytic, "dL/dscores", scores.shape, where, f"{name}.backward")
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
    if isinstance(error, dict):
        raise TypeError(f"verdict: expected error to be a number, got a dict with keys "
                        f"{list(error)} (what check_layer returns). Fix: one at a time, e.g. "
                        f"verdict(errors[{next(iter(error), 'x')!r}]).")
    error = number_in(error, "error", "verdict", low=0)
    return f"ok (< {tol:.0e})" if error < tol else f"WRONG (relative error {error:.1g})"
