"""Data sets: small 2-D toy problems and the 8×8 handwritten digits.

Introduced in notebooks/02_weights_and_biases (toy sets) and notebooks/09_capstone_handwriting
(digits). Every generator takes a seed, so the same call gives the same points.

Every function returns ``X`` of shape (N, D) as float64 and ``y`` of shape (N,) as int64.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import numpy as np

from .validate import (
    _describe,
    as_array,
    known_names,
    label_array,
    labels,
    number_in,
    positive_int,
)

DATA_DIR = Path(__file__).parent / "data"
DIGITS_FILE = DATA_DIR / "digits.csv.gz"
DIGITS_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"


MAX_POINTS = 1_000_000  # a toy set larger than this is almost surely a typo (and fills memory)


def _check(n, noise, where, seed=0, unknown=None):
    """The arguments every toy generator shares; a misspelt keyword is named."""
    if unknown:
        known_names(unknown, ["n", "noise", "seed"] + _EXTRA.get(where, []), where)
    n = positive_int(n, "n", where, minimum=2)
    if n > MAX_POINTS:
        raise ValueError(f"{where}: expected n <= {MAX_POINTS:,} points, got {n:,}. A toy data set "
                         "needs a few hundred; try n=200.")
    noise = number_in(noise, "noise", where, low=0, high=100)  # the data spans about 1 to 10
    _seed(seed, where)
    return n, noise


_EXTRA = {"make_circles": ["factor"], "make_spirals": ["turns"]}


def _seed(seed, where: str):
    """A seed for np.random.default_rng: a whole number >= 0 (or None, or a Generator)."""
    if seed is None or isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"{where}: expected seed to be a whole number such as 0 (or a numpy "
                        f"Generator), got {_describe(seed)}. The same seed gives the same result.")
    if seed < 0:
        raise ValueError(f"{where}: expected seed >= 0, got {seed}. Fix: any whole number from 0 "
                         "up, e.g. seed=0.")
    return seed


def _halves(n):
    return n // 2, n - n // 2


def make_blobs(n: int = 200, noise: float = 1.0, seed: int = 0, **unknown):
    """Two round clouds of points, centred at (-2, -2) (class 0) and (2, 2) (class 1).

    `noise` is the standard deviation of each cloud.

    Introduced in notebooks/06_backprop.
    """
    n, noise = _check(n, noise, "make_blobs", seed, unknown)
    rng = np.random.default_rng(seed)
    n0, n1 = _halves(n)
    y = np.r_[np.zeros(n0, int), np.ones(n1, int)]
    centers = np.array([[-2.0, -2.0], [2.0, 2.0]])
    X = centers[y] + noise * rng.standard_normal((n, 2))
    return X, y


def make_moons(n: int = 200, noise: float = 0.1, seed: int = 0, **unknown):
    """Two interleaving half circles: class 0 arches up, class 1 arches down, shifted right.

    Introduced in notebooks/08_training_loop.
    """
    n, noise = _check(n, noise, "make_moons", seed, unknown)
    rng = np.random.default_rng(seed)
    n0, n1 = _halves(n)
    t0, t1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, n1)
    X = np.r_[np.c_[np.cos(t0), np.sin(t0)], np.c_[1 - np.cos(t1), 0.5 - np.sin(t1)]]
    y = np.r_[np.zeros(n0, int), np.ones(n1, int)]
    return X + noise * rng.standard_normal(X.shape), y


def make_circles(n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0,
                 **unknown):
    """A small circle (class 1) inside a big one (class 0); `factor` is the inner radius.

    Introduced in notebooks/08_training_loop.
    """
    n, noise = _check(n, noise, "make_circles", seed, unknown)
    factor = number_in(factor, "factor", "make_circles", low=0, high=1, low_open=True, high_open=True)
    rng = np.random.default_rng(seed)
    n0, n1 = _halves(n)
    t0 = np.linspace(0, 2 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0, 2 * np.pi, n1, endpoint=False)
    X = np.r_[np.c_[np.cos(t0), np.sin(t0)], factor * np.c_[np.cos(t1), np.sin(t1)]]
    y = np.r_[np.zeros(n0, int), np.ones(n1, int)]
    return X + noise * rng.standard_normal(X.shape), y


def make_xor(n: int = 200, noise: float = 0.2, seed: int = 0, **unknown):
    """Four clouds at (±1, ±1): class 1 where exactly one coordinate is positive.

    No single straight line separates the classes.

    Introduced in notebooks/03_layers.
    """
    n, noise = _check(n, noise, "make_xor", seed, unknown)
    rng = np.random.default_rng(seed)
    corners = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    which = np.arange(n) % 4
    X = corners[which] + noise * rng.standard_normal((n, 2))
    y = np.array([0, 1, 1, 0])[which]
    return X, y


def make_spirals(n: int = 200, noise: float = 0.1, turns: float = 1.5, seed: int = 0,
                 **unknown):
    """Two arms spiralling out of the centre, one per class.

    Introduced in notebooks/08_training_loop.
    """
    n, noise = _check(n, noise, "make_spirals", seed, unknown)
    turns = number_in(turns, "turns", "make_spirals", low=0, low_open=True, high=1000)
    rng = np.random.default_rng(seed)
    n0, n1 = _halves(n)
    parts = []
    for k, m in enumerate((n0, n1)):
        r = np.linspace(0.1, 1.0, m)
        t = turns * 2 * np.pi * r + k * np.pi
        parts.append(np.c_[r * np.cos(t), r * np.sin(t)])
    X = np.r_[parts[0], parts[1]]
    y = np.r_[np.zeros(n0, int), np.ones(n1, int)]
    return X + noise * rng.standard_normal(X.shape), y


TOY_SETS = {"blobs": make_blobs, "moons": make_moons, "circles": make_circles,
            "xor": make_xor, "spirals": make_spirals}


def load_digits():
    """The 1,797 handwritten digits, each 8×8 pixels with ink counts 0..16.

    The file's SHA-256 is checked first, so a damaged or changed copy is caught.
    Read from a gzipped CSV with numpy (no pickle). Source and licence: helpers/data/README.md.

    Returns
    -------
    X : (1797, 64) float64, values 0..16, each row an 8×8 image read row by row
    y : (1797,) int64, the digit 0..9

    Introduced in notebooks/00_welcome.
    """
    raw = DIGITS_FILE.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != DIGITS_SHA256:
        raise ValueError(f"load_digits: {DIGITS_FILE} has SHA-256 {digest[:12]}…, expected "
                         f"{DIGITS_SHA256[:12]}…. The file is damaged or was changed; restore it "
                         "with `git checkout -- helpers/data/digits.csv.gz`.")
    table = np.loadtxt(gzip.decompress(raw).decode("ascii").splitlines(), delimiter=",")
    return table[:, :64].astype(np.float64), table[:, 64].astype(np.int64)


def stratified_split(X, y, fractions=(0.7, 0.15, 0.15), seed: int = 0):
    """Split into parts with the same mix of classes in each, the same way every time.

    Parameters
    ----------
    X : (N, D) array
    y : (N,) integer labels
    fractions : sequence of floats summing to 1, e.g. (0.8, 0.2) or (0.7, 0.15, 0.15)
    seed : int

    Returns
    -------
    list of (X_part, y_part) pairs, one per fraction, in the order given.

    Introduced in notebooks/00_welcome.
    """
    where = "stratified_split"
    X = as_array(X, "X", where, ndim=2)
    y = labels(label_array(y, "y", where), X.shape[0], None, where)
    example = "e.g. (0.8, 0.2) or (0.7, 0.15, 0.15)"
    if isinstance(fractions, (str, bytes, dict, set)) or not isinstance(fractions, (list, tuple, np.ndarray)):
        raise TypeError(f"{where}: expected fractions as a list of two or more numbers summing "
                        f"to 1, {example}; got {_describe(fractions)}.")
    try:
        fr = np.asarray(fractions, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{where}: expected fractions to be numbers summing to 1, {example}; got "
                        f"{fractions!r}.") from None
    if (fr.ndim != 1 or len(fr) < 2 or not np.all(np.isfinite(fr)) or np.any(fr <= 0)
            or not np.isclose(fr.sum(), 1)):
        raise ValueError(f"{where}: fractions must be two or more positive numbers "
                         f"summing to 1, e.g. (0.8, 0.2); got {fractions!r}.")
    _seed(seed, where)
    rng = np.random.default_rng(seed)
    parts = [[] for _ in fr]
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        cuts = np.round(np.cumsum(fr)[:-1] * len(idx)).astype(int)
        for part, chunk in zip(parts, np.split(idx, cuts)):
            part.append(chunk)
    out = []
    for f, part in zip(fr, parts):
        idx = np.sort(np.concatenate(part))
        if idx.size == 0:
            raise ValueError(f"{where}: with {len(y)} examples the part for fraction {f:g} gets "
                             "no examples at all. Fix: use more data or a larger fraction.")
        idx = rng.permutation(idx)
        out.append((X[idx], y[idx]))
    return out
