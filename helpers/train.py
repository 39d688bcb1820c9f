"""The training loop: predict → loss → backprop → step, repeated over minibatches and epochs.

Introduced in notebooks/08_training_loop.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np

from .layers import backward_weights_only
from .validate import NotFiniteError, as_array, boundary, labels, positive_int


def batches(X, y, batch_size: int = 32, seed: int | np.random.Generator | None = 0,
            shuffle: bool = True):
    """Yield ``(X_batch, y_batch)`` pairs that together cover the data once (one epoch).

    Parameters
    ----------
    X : (N, D) array; y : (N,) array
    batch_size : int
        The last batch is smaller when N is not a multiple of it.
    seed : int or numpy.random.Generator
        Drives the shuffle; pass one Generator for many epochs to get a new order each epoch.
    shuffle : bool

    Introduced in notebooks/08_training_loop.
    """
    batch_size = positive_int(batch_size, "batch_size", "batches")
    n = len(X)
    if len(y) != n:
        raise ValueError(f"batches: X has {n} rows but y has {len(y)} labels; they must match.")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    for start in range(0, n, batch_size):
        idx = order[start:start + batch_size]
        yield X[idx], y[idx]


def predict_scores(model, X):
    """The model's raw output (logits) for X (N, D): scores (N, C), or (N, 1) for one output.

    Introduced in notebooks/08_training_loop.
    """
    X = as_array(X, "X", "predict", ndim=2, finite=None)  # checked unless fit already did
    with boundary():  # X is checked: the model does not check it again
        return model.forward(X)


def predict(model, X) -> np.ndarray:
    """Class predictions (N,): argmax of the scores, or score > 0 for one output.

    Introduced in notebooks/00_welcome.
    """
    s = predict_scores(model, X)
    return (s[:, 0] > 0).astype(np.int64) if s.shape[1] == 1 else s.argmax(axis=1)


def accuracy(model, X, y) -> float:
    """Fraction of examples the model classifies correctly.

    Introduced in notebooks/00_welcome.
    """
    pred = predict(model, X)
    return float(np.mean(pred == labels(y, len(pred), None, "accuracy")))


@np.errstate(all="ignore")  # overflow warnings: divergence shows as a non-finite loss instead
def train_step(model, loss_fn, optimizer, X, y) -> float:
    """One update on one batch: forward, loss, backward, optimizer step. Returns the loss.

    Parameters
    ----------
    model : Sequential (or any layer)
    loss_fn : a loss from helpers.losses
    optimizer : an optimizer from helpers.optim built on `model`
    X : (N, D) array; y : (N,) labels (or targets of the model's output shape for MSE)

    X is checked here once (`validate.boundary`); the layers and the loss inside skip their
    own NaN checks. The model is asked for the gradients of its weights only
    (`layers.backward_weights_only`): nothing needs the gradient of the data. Numpy's
    overflow warnings are silenced: divergence shows up as a non-finite loss, which the
    caller (``fit``, the playground) reports in words.

    Introduced in notebooks/08_training_loop.
    """
    with boundary(X, "X", "train_step") as X:
        loss = loss_fn.forward(model.forward(X), y)
        backward_weights_only(model, loss_fn.backward())
        optimizer.step()
    return loss


def _epoch(model, loss_fn, optimizer, X, y, batch_size, rng) -> float:
    """One pass over the data in minibatches: the last batch's loss, or the first that is not finite."""
    loss = float("nan")
    for Xb, yb in batches(X, y, batch_size, rng):
        try:
            loss = train_step(model, loss_fn, optimizer, Xb, yb)
        except NotFiniteError:  # a layer of the learner's own checked its input: the weights blew up
            return float("nan")
        if not np.isfinite(loss):
            break
    return loss


def _loss_of(model, loss_fn, X, y) -> float:
    try:
        with np.errstate(all="ignore"):
            return float(loss_fn.forward(model.forward(X), y))
    except NotFiniteError:  # NaN/inf inside the network: the weights blew up
        return float("nan")


@dataclass
class History:
    """What `fit` measured each epoch, plus how training ended.

    Introduced in notebooks/08_training_loop.
    """

    train_loss: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    val_acc: list = field(default_factory=list)
    best_epoch: int | None = None
    stopped_early: bool = False
    diverged: str = ""

    @property
    def epochs(self) -> int:
        return len(self.train_loss)


def divergence_message(epoch: int, loss: float, lr) -> str:
    """The words a learner sees when the loss stops being a finite number.

    Introduced in notebooks/08_training_loop.
    """
    what = "NaN" if np.isnan(loss) else "infinite"
    return (f"Training stopped at epoch {epoch}: the loss became {what}, so the model diverged "
            f"(the steps were so big that the weights blew up). Try a smaller learning rate, "
            f"e.g. lr={lr / 10:g} instead of lr={lr:g}.")


def fit(model, loss_fn, optimizer, X, y, *, epochs: int = 10, batch_size: int = 32,
        val: tuple | None = None, seed: int = 0, patience: int | None = None,
        callback=None, progress: bool = False) -> History:
    """Train `model` on (X, y) with minibatches; return a `History`.

    Parameters
    ----------
    model : Sequential (or any layer)
    loss_fn : a loss from helpers.losses
    optimizer : an optimizer from helpers.optim built on `model`
    X : (N, D) array; y : (N,) labels (or (N, D_out) targets for MSE)
    epochs, batch_size : int
    val : (X_val, y_val), optional
        Measured after every epoch.
    seed : int
        Drives the shuffling, so a run repeats exactly.
    patience : int, optional
        Early stopping: stop when the validation loss has not improved for this many epochs,
        and put back the weights from the best epoch.
    callback : callable(epoch, history, model), optional
        Called after each epoch (live plots use it). Return True to stop training.
    progress : bool
        Show a progress bar (an ipywidgets bar inside a notebook, text elsewhere).

    Divergence: if the loss becomes NaN or infinite, training stops, ``history.diverged``
    says what happened and what to try, and the message is printed.

    Introduced in notebooks/00_welcome.
    """
    X = as_array(X, "X", "fit", ndim=2)
    y = _targets(y, "y")
    if val is not None:
        val = (as_array(val[0], "X_val", "fit", ndim=2), _targets(val[1], "y_val"))
    if len(y) != len(X):
        raise ValueError(f"fit: X has {len(X)} rows but y has {len(y)} labels; they must match.")
    epochs = positive_int(epochs, "epochs", "fit")
    if patience is not None and val is None:
        raise ValueError("fit: early stopping (patience) watches the validation loss; pass val=(X_val, y_val).")
    rng = np.random.default_rng(seed)
    hist = History()
    bar = ProgressBar(epochs) if progress else None
    best, best_loss, waited = None, np.inf, 0
    for epoch in range(1, epochs + 1):
        with boundary():  # X, y and val were checked above, once: the steps skip their checks
            loss = _epoch(model, loss_fn, optimizer, X, y, batch_size, rng)
            if np.isfinite(loss):  # the last batch was fine: measure the whole training set
                loss = _loss_of(model, loss_fn, X, y)
            if np.isfinite(loss):
                hist.train_loss.append(loss)
                hist.train_acc.append(_acc_or_nan(model, X, y))
                if val is not None:
                    hist.val_loss.append(_loss_of(model, loss_fn, *val))
                    hist.val_acc.append(_acc_or_nan(model, *val))
        if not np.isfinite(loss):
            hist.diverged = divergence_message(epoch, loss, optimizer.lr)
            print(hist.diverged)
            break
        watched = hist.val_loss[-1] if val is not None else hist.train_loss[-1]
        if watched < best_loss:
            best_loss, hist.best_epoch, waited = watched, epoch, 0
            if patience is not None:
                best = {k: v.copy() for k, v in model.params.items()}
        else:
            waited += 1
        if bar:
            bar.update(epoch, hist)
        if callback is not None and callback(epoch, hist, model):
            break
        if patience is not None and waited >= patience:
            hist.stopped_early = True
            for k, v in best.items():
                model.params[k][...] = v
            break
    if bar:
        bar.close(hist)
    return hist


def _targets(y, name):
    y = np.asarray(y)
    return as_array(y, name, "fit") if y.dtype.kind == "f" else y  # float targets: no NaN


def _acc_or_nan(model, X, y) -> float:
    y = np.asarray(y)
    if y.ndim != 1 or y.dtype.kind not in "iub":
        return float("nan")  # regression targets: accuracy does not apply
    try:
        with np.errstate(all="ignore"):
            return accuracy(model, X, y)
    except NotFiniteError:
        return float("nan")


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    ip = shell.get_ipython() if shell else None
    return ip is not None and "IPKernelApp" in getattr(ip, "config", {})


class ProgressBar:
    """An epoch counter: an ipywidgets bar inside a notebook, a line of text elsewhere.

    In a notebook the bar's last line is also printed when training ends, so the result stays
    readable where widgets do not run (GitHub, nbviewer, a notebook opened before it is run).

    Introduced in notebooks/08_training_loop.
    """

    def __init__(self, total: int):
        self.total = total
        self.epoch = 0
        self.widget = None
        if _in_notebook():
            import ipywidgets as w
            from IPython.display import display
            self.bar = w.IntProgress(value=0, min=0, max=total, description="epochs")
            self.label = w.Label(value=f"0/{total}")
            self.widget = w.HBox([self.bar, self.label])
            summary = f"[progress bar] {total} epochs; its last line is printed when training ends."
            display({**self.widget._repr_mimebundle_(), "text/plain": summary}, raw=True)

    def _text(self, epoch: int, hist: History) -> str:
        text = f"{epoch}/{self.total} epochs  loss {hist.train_loss[-1]:.4f}"
        if hist.val_loss:
            text += f"  val loss {hist.val_loss[-1]:.4f}"
        return text

    def update(self, epoch: int, hist: History) -> None:
        self.epoch = epoch
        if self.widget is not None:
            self.bar.value = epoch
            self.label.value = self._text(epoch, hist)
        else:
            filled = round(20 * epoch / self.total)
            print(f"\r[{'#' * filled}{'.' * (20 - filled)}] {self._text(epoch, hist)}",
                  end="", file=sys.stderr, flush=True)

    def close(self, hist: History) -> None:
        if not hist.train_loss:
            return
        if self.widget is not None:
            print(self._text(self.epoch, hist))
        else:
            print(file=sys.stderr)


def confusion_matrix(y_true, y_pred, n_classes: int = 10) -> np.ndarray:
    """Count how often each true class (row) was read as each class (column): (C, C) ints.

    The diagonal holds the right answers; everything off it is a mistake, e.g.
    ``cm[8, 1]`` = how many 8s the network read as 1. Introduced in
    notebooks/09_capstone_handwriting.
    """
    n_classes = positive_int(n_classes, "n_classes", "confusion_matrix")
    t = labels(y_true, len(np.asarray(y_true)), n_classes, "confusion_matrix")
    p = labels(y_pred, len(t), n_classes, "confusion_matrix")
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (t, p), 1)
    return cm
