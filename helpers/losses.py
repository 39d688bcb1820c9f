"""Losses: one number that answers "how wrong was the model?".

Introduced in notebooks/05_loss; their backward passes in notebooks/06_backprop.

Each loss has ``forward(scores, y)`` returning the mean loss over the batch (a float) and
``backward()`` returning dL/d(scores) with the shape of ``scores``. Calling the object is
the same as calling ``forward``.

The scores are checked for NaN and infinity when a loss is called on its own; inside
``train.train_step`` or ``train.fit`` they come from a network whose data was already checked
(`validate.boundary`), so a NaN there means the training diverged: the loss returns it and
``fit`` reports it in words. The targets are always checked.
"""

from __future__ import annotations

import numpy as np

from .validate import _BOUNDARY, NotFiniteError, as_array, boundary, labels


def _mean(v: np.ndarray) -> float:
    """``float(np.mean(v))``, to the last bit, without np.mean's Python layers (every batch)."""
    total = np.add.reduce(v, axis=None)
    return float(total.dtype.type(total / np.intp(v.size)))  # np.mean divides the same way


class Loss:
    """The shared base of every loss: ``forward(scores, y)`` returns a float and remembers
    what ``backward()`` needs; ``backward()`` returns dL/dscores, the shape of scores.

    Introduced in notebooks/05_loss.
    """

    _cache = None  # until forward runs (also in a subclass that skips Loss.__init__)

    def __init__(self, *args, **kwargs):
        if args or kwargs:
            name = type(self).__name__
            given = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
            raise TypeError(f"{name}() takes no arguments, got {name}({given}). Make the loss "
                            f"first, then give it the scores and labels: loss_fn = {name}(); "
                            "loss_fn(scores, y).")
        self._cache = None

    def __call__(self, scores, y) -> float:
        return self.forward(scores, y)

    def forward(self, scores, y) -> float:
        """The mean loss over the batch; every loss defines its own."""
        raise NotImplementedError(f"{type(self).__name__}.forward: this loss does not define "
                                  "forward(self, scores, y) yet. A loss of your own subclasses "
                                  "Loss and writes forward (return the mean loss, a float) and "
                                  "backward (return dL/dscores).")

    def backward(self):
        """dL/dscores, the shape of the scores; every loss defines its own."""
        raise NotImplementedError(f"{type(self).__name__}.backward: this loss does not define "
                                  "backward(self) yet. Write it: return dL/dscores, the shape of "
                                  "the scores forward saw.")

    def _cached(self, where):
        if self._cache is None:
            raise RuntimeError(f"{where}: call forward(scores, y) before backward().")
        return self._cache

    def _alone(self, forward, scores: np.ndarray, y, where: str) -> float:
        """`forward` called on its own, outside training: the scores are checked (NaN too),
        then it runs as in training, and a loss that overflowed is said in words. `forward` is
        the class's own (a subclass may reach it through super())."""
        with boundary(), np.errstate(all="ignore"):
            value = forward(self, scores, y)
        if value - value == 0:  # finite
            return value
        big = max(float(np.abs(scores).max()), float(np.abs(np.asarray(y, dtype=float)).max()))
        raise NotFiniteError(f"{where}: the loss overflowed to {value} (the largest number in "
                             f"scores and y is {big:.3g}). Fix: scale the numbers down, e.g. divide "
                             "the targets by their largest value; if the scores came from "
                             "training, lower the learning rate.")


class MSE(Loss):
    """Mean squared error, for predicting numbers.

    ``L = mean((pred - y)²)`` over every element. pred and y have the same shape, (N,) or
    (N, D).

    Introduced in notebooks/05_loss.
    """

    def forward(self, pred, y) -> float:
        if not _BOUNDARY.inside:  # called on its own: checked, and overflow said in words
            return self._alone(MSE.forward, as_array(pred, "pred", "MSE.forward"), y, "MSE.forward")
        pred = as_array(pred, "pred", "MSE.forward", finite=False)
        y = as_array(y, "y", "MSE.forward")
        if pred.shape != y.shape:
            hint = " Reshape one of them, e.g. y[:, None] or pred.ravel()." if pred.size == y.size else ""
            raise ValueError(f"MSE.forward: pred and y must have the same shape, got pred {pred.shape} "
                             f"and y {y.shape}.{hint}")
        diff = pred - y
        self._cache = diff
        return _mean(diff * diff)

    def backward(self):
        diff = self._cached("MSE.backward")
        return 2 * diff / diff.size


class BinaryCrossEntropy(Loss):
    """Cross-entropy for yes/no labels, computed from raw scores (logits).

    The model's probability is ``p = sigmoid(z)``; the loss is ``-mean(y log p + (1-y) log(1-p))``,
    written as ``max(z, 0) - z·y + log(1 + e^-|z|)`` so that no log(0) or overflow can happen.

    scores: (N,) or (N, 1) logits; y: the same number of 0/1 labels.

    Introduced in notebooks/00_welcome.
    """

    def forward(self, scores, y) -> float:
        if not _BOUNDARY.inside:  # called on its own: checked, and overflow said in words
            return self._alone(BinaryCrossEntropy.forward,
                               as_array(scores, "scores", "BinaryCrossEntropy.forward"), y,
                               "BinaryCrossEntropy.forward")
        z = as_array(scores, "scores", "BinaryCrossEntropy.forward", finite=False)
        if z.ndim == 2 and z.shape[1] == 1:
            z2 = z[:, 0]
        elif z.ndim == 1:
            z2 = z
        else:
            raise ValueError(f"BinaryCrossEntropy.forward: expected scores of shape (N,) or (N, 1), "
                             f"got {z.shape}. For several classes use SoftmaxCrossEntropy.")
        t = as_array(y, "y", "BinaryCrossEntropy.forward").reshape(-1)
        if t.shape[0] != z2.shape[0]:
            raise ValueError(f"BinaryCrossEntropy.forward: got {z2.shape[0]} scores but {t.shape[0]} labels.")
        if np.any((t != 0) & (t != 1)):
            raise ValueError("BinaryCrossEntropy.forward: labels must be 0 or 1, got values such as "
                             f"{np.unique(t)[:5]}.")
        self._cache = (z, z2, t)
        return _mean(np.maximum(z2, 0) - z2 * t + np.log1p(np.exp(-np.abs(z2))))

    def backward(self):
        z, z2, t = self._cached("BinaryCrossEntropy.backward")
        p = np.exp(-np.logaddexp(0, -z2))  # sigmoid without overflow
        return ((p - t) / t.shape[0]).reshape(z.shape)


class SoftmaxCrossEntropy(Loss):
    """Softmax then cross-entropy, for choosing one of C classes.

    ``L = mean(-log softmax(z)[y])`` with log-softmax computed as ``z - logsumexp(z)``, so
    scores of ±1e4 give no overflow or divide warning. backward: ``(softmax(z) - onehot(y)) / N``.

    scores: (N, C) logits; y: (N,) integer labels in 0..C-1.

    Introduced in notebooks/00_welcome.
    """

    def forward(self, scores, y) -> float:
        if not _BOUNDARY.inside:  # called on its own: checked, and overflow said in words
            return self._alone(SoftmaxCrossEntropy.forward,
                               as_array(scores, "scores", "SoftmaxCrossEntropy.forward", ndim=2),
                               y, "SoftmaxCrossEntropy.forward")
        z = as_array(scores, "scores", "SoftmaxCrossEntropy.forward", ndim=2, finite=False)
        t = labels(y, z.shape[0], z.shape[1], "SoftmaxCrossEntropy.forward")
        shifted = z - z.max(axis=1, keepdims=True)  # the largest score becomes 0: exp can't overflow
        e = np.exp(shifted)
        total = e.sum(axis=1)
        rows = np.arange(len(t))
        self._cache = (e, total, rows, t)  # softmax = e / total, kept for backward
        # -log softmax(z)[y] = log(total) - shifted[y]
        return _mean(np.log(total) - shifted[rows, t])

    def backward(self):
        e, total, rows, t = self._cached("SoftmaxCrossEntropy.backward")
        d = e / total[:, None]
        d[rows, t] -= 1
        d /= len(t)
        return d
