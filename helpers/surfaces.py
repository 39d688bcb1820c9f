"""Test surfaces for optimizers, and a race that runs several optimizers across one.

Introduced in notebooks/07_optimizers.

Each `Surface` is a loss over two parameters ``p = (x, y)``: ``f(x, y)`` works on numbers or
whole grids (for contour plots) and ``grad(p)`` returns the gradient at one point, shape (2,).

- ``BOWL``: ``x² + y²``, round; every sensible optimizer walks straight to (0, 0).
- ``RAVINE``: ``0.1·x² + 2·y²``, a long narrow valley, 20 times steeper across than along.
- ``BANANA``: ``(1 - x)² + 10·(y - x²)²``, a curved valley (a gentle Rosenbrock) with its
  minimum at (1, 1).

`race(surface, lr, beta, steps)` runs plain SGD, SGD with momentum, RMSProp and Adam from
the surface's start point using the optimizers in `helpers.optim`, and stops any run whose
loss blows up, saying at which step it diverged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import optim
from .validate import _describe, as_array, choice, limits, number_in, positive_int

DIVERGED_ABOVE = 1e6
"""A run whose loss passes this, or stops being a finite number, has diverged."""


def _point(p, name: str, where: str) -> np.ndarray:
    """A point (x, y) on a surface: two finite numbers."""
    arr = as_array(p, name, where)
    if arr.shape != (2,):
        raise ValueError(f"{where}: expected {name} to be one point (x, y), two numbers, got "
                         f"shape {arr.shape}. Fix: e.g. {name}=(-1.5, 1.2).")
    return arr


@dataclass(frozen=True)
class Surface:
    """A loss over two parameters, with where to start and what to show.

    Attributes
    ----------
    name : str
    formula : str
        The loss as LaTeX-free text, for titles.
    f : callable
        f(x, y) -> loss; x, y numbers or arrays of the same shape.
    grad : callable
        grad(p) -> array (2,), the gradient at p = (x, y).
    start, minimum : tuple of two floats
    xlim, ylim : tuple of two floats
        The window a contour plot shows.

    Introduced in notebooks/07_optimizers.
    """

    name: str
    formula: str
    f: object
    grad: object
    start: tuple
    minimum: tuple
    xlim: tuple
    ylim: tuple

    def __post_init__(self):
        where = "Surface"
        for key in ("name", "formula"):
            if not isinstance(getattr(self, key), str) or not getattr(self, key):
                raise TypeError(f"{where}: expected {key} to be a non-empty text, got "
                                f"{_describe(getattr(self, key))}.")
        for key in ("f", "grad"):
            if not callable(getattr(self, key)) or isinstance(getattr(self, key), type):
                raise TypeError(f"{where}: expected {key} to be a function (f(x, y) -> loss, "
                                f"grad(p) -> array (2,)), got {_describe(getattr(self, key))}.")
        for key in ("start", "minimum"):
            object.__setattr__(self, key, tuple(_point(getattr(self, key), key, where).tolist()))
        for key in ("xlim", "ylim"):
            object.__setattr__(self, key, limits(getattr(self, key), key, where))

    def loss(self, p) -> float:
        """The loss at one point p = (x, y)."""
        return float(self.f(p[0], p[1]))


BOWL = Surface(
    "bowl", "x² + y²",
    lambda x, y: x * x + y * y,
    lambda p: np.array([2 * p[0], 2 * p[1]]),
    start=(-1.5, 1.2), minimum=(0.0, 0.0), xlim=(-2.0, 2.0), ylim=(-1.6, 1.6))

RAVINE = Surface(
    "ravine", "0.1·x² + 2·y²",
    lambda x, y: 0.1 * x * x + 2 * y * y,
    lambda p: np.array([0.2 * p[0], 4 * p[1]]),
    start=(-4.5, 1.0), minimum=(0.0, 0.0), xlim=(-5.0, 5.0), ylim=(-1.6, 1.6))

BANANA = Surface(
    "banana", "(1 − x)² + 10·(y − x²)²",
    lambda x, y: (1 - x) ** 2 + 10 * (y - x * x) ** 2,
    lambda p: np.array([-2 * (1 - p[0]) - 40 * p[0] * (p[1] - p[0] ** 2),
                        20 * (p[1] - p[0] ** 2)]),
    start=(-1.5, 2.0), minimum=(1.0, 1.0), xlim=(-2.0, 2.0), ylim=(-0.8, 3.0))

SURFACES = {s.name: s for s in (BOWL, RAVINE, BANANA)}

OPTIMIZER_NAMES = ("SGD", "momentum", "RMSProp", "Adam")


def make_optimizer(name: str, params: dict, lr: float, beta: float = 0.9):
    """One of the four racers on a dict of parameters.

    ``beta`` is the momentum of "momentum" and Adam's β1; plain SGD ignores it and RMSProp
    keeps its usual α = 0.99.

    Introduced in notebooks/07_optimizers.
    """
    where = "surfaces.make_optimizer"
    name = choice(name, "name", where, OPTIMIZER_NAMES)
    if not isinstance(params, dict):
        raise TypeError(f"{where}: expected params to be a dict of parameter arrays such as "
                        f"{{'p': np.array([-1.5, 1.2])}}, got {_describe(params)}.")
    if not params:
        raise ValueError(f"{where}: params is an empty dict: there is nothing to optimize. "
                         "Fix: pass {'p': np.array([-1.5, 1.2])}.")
    lr = number_in(lr, "lr", where, low=0, low_open=True)
    beta = number_in(beta, "beta", where, low=0, high=1, high_open=True)
    if name == "SGD":
        return optim.SGD(params, lr=lr)
    if name == "momentum":
        return optim.SGD(params, lr=lr, momentum=beta)
    if name == "RMSProp":
        return optim.RMSProp(params, lr=lr)
    if name == "Adam":
        return optim.Adam(params, lr=lr, betas=(beta, 0.999))
    raise ValueError(f"make_optimizer: name must be one of {list(OPTIMIZER_NAMES)}, got {name!r}.")


def descend(surface: Surface, name: str, lr: float, beta: float = 0.9, steps: int = 100,
            start=None) -> dict:
    """Run one optimizer on a surface.

    Returns
    -------
    dict with
        ``path``: array (K + 1, 2) of the points visited (start first; stops early on divergence),
        ``losses``: array (K + 1,), the loss at each point,
        ``diverged_at``: the step at which the loss blew up, or None.

    Introduced in notebooks/07_optimizers.
    """
    where = "surfaces.descend"
    surface = _surface(surface, where)
    name = choice(name, "name", where, OPTIMIZER_NAMES)
    lr = number_in(lr, "lr", where, low=0, low_open=True)
    beta = number_in(beta, "beta", where, low=0, high=1, high_open=True)
    steps = _steps(steps, where)
    p = np.array(surface.start if start is None else _point(start, "start", where), dtype=float)
    opt = make_optimizer(name, {"p": p}, lr, beta)
    path, losses = [p.copy()], [surface.loss(p)]
    diverged_at = None
    with np.errstate(all="ignore"):
        for k in range(1, steps + 1):
            opt.step({"p": surface.grad(p)})
            loss = surface.loss(p)
            if not np.isfinite(loss) or loss > DIVERGED_ABOVE or not np.all(np.isfinite(p)):
                diverged_at = k
                break
            path.append(p.copy())
            losses.append(loss)
    return {"path": np.array(path), "losses": np.array(losses), "diverged_at": diverged_at}


def race(surface, lr: float, beta: float = 0.9, steps: int = 100) -> dict:
    """Run SGD, momentum, RMSProp and Adam on the same surface from the same start.

    The same update rules as `helpers.optim` (and PyTorch), written out for all four at once
    so that a slider can rerun the whole race in a few milliseconds; the tests check it
    against `descend`, which uses the optimizer classes themselves.

    Returns a dict name -> {"path", "losses", "diverged_at"} as `descend` gives.

    Introduced in notebooks/07_optimizers.
    """
    where = "surfaces.race"
    surface = _surface(surface, where)
    lr = number_in(lr, "lr", where, low=0, low_open=True)
    beta = number_in(beta, "beta", where, low=0, high=1, high_open=True)
    steps = _steps(steps, where)
    n = len(OPTIMIZER_NAMES)
    # one row per racer: SGD, momentum, RMSProp, Adam
    keep = np.array([[0.0], [beta], [0.0], [beta]])       # how much of the old m to keep
    new = np.array([[1.0], [1.0], [1.0], [1 - beta]])     # how much of g to add to m
    alpha = np.array([[0.0], [0.0], [0.99], [0.999]])     # RMSProp's alpha, Adam's beta2
    bias1, bias2 = np.ones((n, 1)), np.ones((n, 1))       # Adam's bias corrections (row 3)
    p = np.tile(np.asarray(surface.start, dtype=float), (n, 1))
    m, v = np.zeros_like(p), np.zeros_like(p)
    paths = np.full((steps + 1, n, 2), np.nan)
    losses = np.full((steps + 1, n), np.nan)
    paths[0], losses[0] = p, surface.f(p[:, 0], p[:, 1])
    last = steps
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            g = surface.grad(p.T).T
            m = keep * m + new * g
            v = alpha * v + (1 - alpha) * g * g
            bias1[3], bias2[3] = 1 - beta ** t, 1 - 0.999 ** t
            scale = np.sqrt(v / bias2) + 1e-8
            scale[:2] = 1.0                                # SGD and momentum: no scaling
            p = p - lr * (m / bias1) / scale
            paths[t], losses[t] = p, surface.f(p[:, 0], p[:, 1])
            if not np.all(np.abs(losses[t]) <= DIVERGED_ABOVE):
                if np.all(np.any(~(np.abs(losses[1:t + 1]) <= DIVERGED_ABOVE), axis=0)):
                    last = t  # every racer has diverged: no need to go on
                    break
    bad = ~((np.abs(losses[:last + 1]) <= DIVERGED_ABOVE) & np.all(np.isfinite(paths[:last + 1]), axis=2))
    diverged_at = [int(np.argmax(bad[:, i])) if bad[:, i].any() else None for i in range(n)]
    out = {}
    for i, name in enumerate(OPTIMIZER_NAMES):
        end = steps if diverged_at[i] is None else diverged_at[i] - 1
        out[name] = {"path": paths[:end + 1, i].copy(), "losses": losses[:end + 1, i].copy(),
                     "diverged_at": diverged_at[i]}
    return out


def describe(result: dict) -> str:
    """One result of `descend` in words: its final loss, or where it diverged.

    Introduced in notebooks/07_optimizers.
    """
    where = "surfaces.describe"
    if isinstance(result, dict) and set(result) == set(OPTIMIZER_NAMES):
        raise TypeError(f"{where}: expected one run, got the whole race (a dict of "
                        f"{', '.join(OPTIMIZER_NAMES)}). Fix: describe(results['Adam']).")
    if not isinstance(result, dict) or not {"losses", "diverged_at"} <= set(result):
        raise TypeError(f"{where}: expected one result of surfaces.descend (a dict with 'path', "
                        f"'losses' and 'diverged_at'), got {_describe(result)}.")
    losses = as_array(result["losses"], "result['losses']", where, ndim=1, finite=False)
    at = result["diverged_at"]
    if at is not None:
        positive_int(at, "result['diverged_at']", where)
    elif not np.isfinite(losses[-1]):
        raise ValueError(f"{where}: result['losses'] ends in {losses[-1]} but diverged_at is None. "
                         "Fix: pass a result of surfaces.descend unchanged.")
    if result["diverged_at"] is not None:
        return f"diverged at step {result['diverged_at']}"
    return f"final loss {result['losses'][-1]:.3g}"


MAX_STEPS = 100_000


def _steps(steps, where: str) -> int:
    """A number of steps: a whole number from 1 to MAX_STEPS."""
    steps = positive_int(steps, "steps", where)
    if steps > MAX_STEPS:
        raise ValueError(f"{where}: expected steps of at most {MAX_STEPS:,}, got {steps:,}: the "
                         "path would be too long to draw. Fix: 50 to 500 steps show the idea.")
    return steps


def _surface(surface, where: str) -> Surface:
    if isinstance(surface, Surface):
        return surface
    if isinstance(surface, str):
        return SURFACES[choice(surface, "surface", where, SURFACES)]
    raise TypeError(f"{where}: expected surface to be a name ({', '.join(map(repr, SURFACES))}) or "
                    f"a Surface such as surfaces.BOWL, got {_describe(surface)}.")
