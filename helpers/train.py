"""The training loop: predict → loss → backprop → step, repeated over minibatches and epochs.

Introduced in notebooks/08_training_loop.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np

from .data import _seed
from .layers import backward_weights_only
from .losses import MSE, BinaryCrossEntropy, Loss, SoftmaxCrossEntropy
from .optim import Optimizer
from .validate import (
    NotFiniteError,
    _describe,
    as_array,
    boundary,
    known_names,
    label_array,
    labels,
    number_in,
    positive_int,
)

# --- checks shared by the functions below: once per call (fit: once, not per batch) ---------

_MODEL = "a network (a Sequential such as mlp([2, 16, 1]), or a layer: something with forward)"


def _check_model(model, where: str, train: bool = False) -> None:
    """model: an instance with forward (and to be trained: backward, params and grads)."""
    if isinstance(model, (Loss, Optimizer)):
        raise TypeError(f"{where}: expected model to be {_MODEL}, got a {type(model).__name__} "
                        f"({'a loss' if isinstance(model, Loss) else 'an optimizer'}). Fix: the model "
                        "comes first, e.g. fit(model, loss_fn, optimizer, X, y).")
    needs = ("forward", "backward") if train else ("forward",)
    if isinstance(model, type) or not all(callable(getattr(model, n, None)) for n in needs):
        what = _MODEL if not train else _MODEL[:-1] + ", backward, params and grads)"
        raise TypeError(f"{where}: expected model to be {what}, got {_describe(model)}.")


def _check_trainable(model, where: str) -> None:
    """params and grads dicts (an optimizer made on the model has already seen them)."""
    for name in ("params", "grads"):
        if not isinstance(getattr(model, name, None), dict):
            raise TypeError(f"{where}: the model has no {name} dict, so there is nothing to train; "
                            f"got {_describe(model)}. Fix: build it from helpers.layers, e.g. "
                            "mlp([2, 16, 1]).")


def _check_loss(loss_fn, where: str) -> None:
    if isinstance(loss_fn, Loss):
        return
    example = "BinaryCrossEntropy(), SoftmaxCrossEntropy() or MSE()"
    if (isinstance(loss_fn, type) or hasattr(loss_fn, "params")
            or not (callable(getattr(loss_fn, "forward", None))
                    and callable(getattr(loss_fn, "backward", None)))):
        hint = (" That looks like a model: the loss comes second, fit(model, loss_fn, optimizer, X, y)."
                if hasattr(loss_fn, "params") and not isinstance(loss_fn, type) else "")
        raise TypeError(f"{where}: expected loss_fn to be a loss object with forward and backward, "
                        f"such as {example}, got {_describe(loss_fn)}.{hint}")


def _check_optimizer(optimizer, where: str) -> None:
    """An optimizer object (not the class), with step."""
    if isinstance(optimizer, Optimizer):
        return
    if isinstance(optimizer, type) and issubclass(optimizer, Optimizer):
        name = optimizer.__name__
        raise TypeError(f"{where}: expected optimizer to be an optimizer made for the model, got "
                        f"the class {name} itself. Fix: {name}(model, lr=0.01).")
    if isinstance(optimizer, type) or not callable(getattr(optimizer, "step", None)):
        raise TypeError(f"{where}: expected optimizer to be an optimizer made for the model, e.g. "
                        f"Adam(model, lr=0.01) or SGD(model, lr=0.1), got {_describe(optimizer)}.")


def _check_made_for(optimizer, model, where: str) -> None:
    """The optimizer updates exactly this model's arrays (compared by identity: cheap)."""
    if isinstance(optimizer, Optimizer):
        if optimizer._model is model:
            return
        name = type(optimizer).__name__
        if optimizer._model is None and optimizer._made_for(model):
            raise TypeError(f"{where}: this optimizer was given a dict of arrays, so its step() "
                            "cannot find the model's gradients. Fix: make it with the model "
                            f"itself, {name}(model, lr=0.01).")
    else:  # an optimizer of one's own: checked when it says which arrays it updates
        params = getattr(optimizer, "params", None)
        if not isinstance(params, dict):
            return
        mine = {id(p) for p in params.values()}
        theirs = model.params
        if len(theirs) == len(mine) and all(id(p) in mine for p in theirs.values()):
            return
        name = type(optimizer).__name__
    raise ValueError(f"{where}: this optimizer was made for another model's parameters, so "
                     "training would not change this model. Fix: make it with "
                     f"{name}(model) for this model, e.g. {name}(model, lr=0.01).")


def _check_training(model, loss_fn, optimizer, where: str) -> None:
    """The kinds of model, loss and optimizer (what they are, not yet whether they match)."""
    _check_model(model, where, train=True)
    _check_loss(loss_fn, where)
    _check_optimizer(optimizer, where)
    if not (isinstance(optimizer, Optimizer) and optimizer._model is model):
        _check_trainable(model, where)  # else the optimizer has checked params and grads


def _class_labels(y, n: int, outputs: int, name: str, where: str) -> np.ndarray:
    """Class labels for a model with `outputs` scores per example: 0/1 for one output, 0..C-1
    for C outputs. Whole-number floats (0., 1.) are accepted and become int64."""
    arr = label_array(y, name, where)
    if arr.ndim == 2 and arr.shape[1] == outputs > 1:
        raise ValueError(f"{where}: expected {name} of shape ({n},), one class number per example, "
                         f"got {arr.shape}: one row of {outputs} per example looks one-hot. Fix: "
                         f"{name}.argmax(axis=1).")
    lab = labels(arr, n, None, where)  # shape (n,) and whole numbers, in words
    low, high = int(lab.min()), int(lab.max())
    if outputs == 1 and (low < 0 or high > 1):
        raise ValueError(f"{where}: the model has 1 output (a yes/no score), so labels must be 0 or "
                         f"1; {name} holds values from {low} to {high}. Fix: for {high + 1} classes "
                         f"give the last layer {high + 1} outputs (e.g. mlp([D, 32, {high + 1}])) and "
                         "use SoftmaxCrossEntropy().")
    if outputs > 1 and (low < 0 or high >= outputs):
        raise ValueError(f"{where}: the model has {outputs} outputs (one score per class), so "
                         f"labels must be in 0..{outputs - 1}; {name} holds values from {low} to "
                         f"{high}. Fix: give the last layer one output per class"
                         + (f" ({high + 1})." if low >= 0 else ", and number the classes from 0."))
    return lab


def _scores(model, X, where: str):
    """The model's output for X, checked: (N, C) or (N,) numbers."""
    _check_model(model, where)
    X = as_array(X, "X", where, ndim=2, finite=None)  # checked unless fit already did
    with boundary(), np.errstate(all="ignore"):  # X is checked; a blown-up model's overflow
        s = model.forward(X)                       # shows as inf scores, not as a warning
    if not isinstance(s, np.ndarray) or s.ndim not in (1, 2) or len(s) != len(X):
        raise TypeError(f"{where}: model.forward should return scores of shape (N, C) with one row "
                        f"per example ({len(X)}), got {_describe(s)}. Fix: check that the model's "
                        "forward returns its output.")
    return s


def _width(scores) -> int:
    return scores.shape[1] if scores.ndim == 2 else 1


def batches(X, y, batch_size: int = 32, seed: int | np.random.Generator | None = 0,
            shuffle: bool = True):
    """Yield ``(X_batch, y_batch)`` pairs that together cover the data once (one epoch).

    Parameters
    ----------
    X : (N, D) array; y : (N,) array (lists are fine)
    batch_size : int
        The last batch is smaller when N is not a multiple of it.
    seed : int or numpy.random.Generator
        Drives the shuffle; pass one Generator for many epochs to get a new order each epoch.
    shuffle : bool

    The arguments are checked when it is called; the batches come as you loop over it.

    Introduced in notebooks/08_training_loop.
    """
    batch_size = positive_int(batch_size, "batch_size", "batches")
    X, y = _rows(X, "X", "batches"), _rows(y, "y", "batches")
    n = len(X)
    if len(y) != n:
        raise ValueError(f"batches: X has {n} rows but y has {len(y)} labels; they must match.")
    seed = _seed(seed, "batches")
    if not isinstance(shuffle, (bool, np.bool_)):
        raise TypeError(f"batches: expected shuffle to be True or False, got {_describe(shuffle)}.")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    return _batches(X, y, order, batch_size)


def _batches(X, y, order, batch_size):
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        yield X[idx], y[idx]


def _rows(v, name: str, where: str) -> np.ndarray:
    """An array with one row per example (lists become arrays), not empty."""
    if not (isinstance(v, np.ndarray) and v.ndim):
        if v is None or isinstance(v, (str, bytes, dict, set, type)) or callable(v):
            raise TypeError(f"{where}: expected {name} to be an array or a list with one row per "
                            f"example, got {_describe(v)}.")
        try:
            arr = np.asarray(v)
        except ValueError:
            arr = None
        if arr is None or arr.dtype.kind not in "biuf":
            arr = as_array(v, name, where, empty=True)  # ragged, None inside, text: in words
        if arr.ndim == 0:
            raise ValueError(f"{where}: expected {name} with one row per example, got the single "
                             f"number {arr.item()!r}.")
        v = arr
    if len(v) == 0:
        raise ValueError(f"{where}: {name} is empty (shape {v.shape}): there is nothing to "
                         "batch. Fix: check the slice or filter that made it; it kept no values.")
    return v


def predict_scores(model, X):
    """The model's raw output (logits) for X (N, D): scores (N, C), or (N, 1) for one output.

    Introduced in notebooks/08_training_loop.
    """
    return _scores(model, X, "predict_scores")


def predict(model, X) -> np.ndarray:
    """Class predictions (N,): argmax of the scores, or score > 0 for one output.

    Introduced in notebooks/00_welcome.
    """
    return _classes(_scores(model, X, "predict"))


def _classes(s) -> np.ndarray:
    if s.ndim == 1:
        return (s > 0).astype(np.int64)
    return (s[:, 0] > 0).astype(np.int64) if s.shape[1] == 1 else s.argmax(axis=1)


def accuracy(model, X, y) -> float:
    """Fraction of examples the model classifies correctly.

    The labels must fit the model's outputs: 0 or 1 for one output, 0..C-1 for C outputs
    (whole-number floats such as 1.0 are fine).

    Introduced in notebooks/00_welcome.
    """
    s = _scores(model, X, "accuracy")
    lab = _class_labels(y, len(s), _width(s), "y", "accuracy")
    return float(np.mean(_classes(s) == lab))


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
    caller (``fit``, the playground) reports in words. An optimizer made for another model
    is refused before it steps.

    Introduced in notebooks/08_training_loop.
    """
    ready = getattr(optimizer, "_ready_for", None)  # set below once all is checked: one look per call
    if ready is None or ready[0] is not model or ready[1] is not loss_fn:
        _check_training(model, loss_fn, optimizer, "train_step")
        ready = None
    with boundary(X, "X", "train_step") as X:
        loss = loss_fn.forward(model.forward(X), y)
        backward_weights_only(model, loss_fn.backward())
        if ready is None:
            _check_made_for(optimizer, model, "train_step")
            if isinstance(optimizer, Optimizer) and optimizer._model is model:
                optimizer._ready_for = (model, loss_fn)  # this pair cannot stop matching
        optimizer.step()
    return loss


@np.errstate(all="ignore")
def _step(model, loss_fn, optimizer, X, y) -> float:
    """train_step without its checks: fit has made them once, before the first epoch."""
    with boundary():
        loss = loss_fn.forward(model.forward(X), y)
        backward_weights_only(model, loss_fn.backward())
        optimizer.step()
    return loss


def _epoch(model, loss_fn, optimizer, X, y, batch_size, rng) -> float:
    """One pass over the data in minibatches: the last batch's loss, or the first that is not finite."""
    loss = float("nan")
    for Xb, yb in _batches(X, y, rng.permutation(len(X)), batch_size):  # as batches(X, y, bs, rng)
        try:
            loss = _step(model, loss_fn, optimizer, Xb, yb)
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

    Lists of numbers, one per epoch: ``train_loss``, ``val_loss``, ``train_acc``, ``val_acc``
    (an accuracy is NaN for regression, where it does not apply). ``best_epoch`` counts from
    1; ``diverged`` holds the message when training blew up, else "".

    Introduced in notebooks/08_training_loop.
    """

    train_loss: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    val_acc: list = field(default_factory=list)
    best_epoch: int | None = None
    stopped_early: bool = False
    diverged: str = ""

    def __post_init__(self):
        for name in ("train_loss", "val_loss", "train_acc", "val_acc"):
            v = getattr(self, name)
            if isinstance(v, np.ndarray) and v.ndim == 1:
                v = v.tolist()
            if not isinstance(v, (list, tuple)):
                raise TypeError(f"History: expected {name} to be a list of numbers, one per epoch, "
                                f"got {_describe(v)}.")
            bad = [x for x in v if isinstance(x, bool)
                   or not isinstance(x, (int, float, np.integer, np.floating))]
            if bad:
                raise TypeError(f"History: expected {name} to hold numbers, one per epoch, got "
                                f"{_describe(bad[0])} among them.")
            setattr(self, name, list(v))
        if self.best_epoch is not None:
            self.best_epoch = positive_int(self.best_epoch, "best_epoch", "History")
        if not isinstance(self.stopped_early, (bool, np.bool_)):
            raise TypeError(f"History: expected stopped_early to be True or False, got "
                            f"{_describe(self.stopped_early)}.")
        if not isinstance(self.diverged, str):
            raise TypeError(f"History: expected diverged to be a message (a str, \"\" when training "
                            f"did not diverge), got {_describe(self.diverged)}.")

    @property
    def epochs(self) -> int:
        return len(self.train_loss)


def divergence_message(epoch: float, loss: float, lr) -> str:
    """The words a learner sees when the loss stops being a finite number.

    Parameters
    ----------
    epoch : number >= 0 (the playground counts in fractions of an epoch)
    loss : the loss that was NaN or infinite
    lr : the learning rate used (a positive number), to suggest one ten times smaller

    Introduced in notebooks/08_training_loop.
    """
    where = "divergence_message"
    number_in(epoch, "epoch", where, low=0)  # checked, and shown as given (3, or 2.5)
    if isinstance(loss, bool) or not isinstance(loss, (int, float, np.integer, np.floating)):
        raise TypeError(f"{where}: expected loss to be a number (the loss that became NaN or "
                        f"infinite), got {_describe(loss)}.")
    if np.isfinite(loss):
        raise ValueError(f"{where}: the loss {float(loss):g} is a finite number, so nothing "
                         "diverged; this message is for a loss that became NaN or infinite.")
    lr = number_in(lr, "lr", where, low=0, low_open=True)
    return _divergence_words(epoch, loss, lr)


def _divergence_words(epoch, loss, lr) -> str:
    what = "NaN" if np.isnan(loss) else "infinite"
    try_this = (f"Try a smaller learning rate, e.g. lr={lr / 10:g} instead of lr={lr:g}."
                if lr is not None else "Try a smaller learning rate, e.g. ten times smaller.")
    return (f"Training stopped at epoch {epoch}: the loss became {what}, so the model diverged "
            f"(the steps were so big that the weights blew up). {try_this}")


_FIT_NAMES = ("model", "loss_fn", "optimizer", "X", "y", "epochs", "batch_size", "val", "seed",
              "patience", "callback", "progress")


def fit(model, loss_fn, optimizer, X, y, *, epochs: int = 10, batch_size: int = 32,
        val: tuple | None = None, seed: int = 0, patience: int | None = None,
        callback=None, progress: bool = False, **unknown) -> History:
    """Train `model` on (X, y) with minibatches; return a `History`.

    Parameters
    ----------
    model : Sequential (or any layer)
    loss_fn : a loss from helpers.losses
    optimizer : an optimizer from helpers.optim built on `model`
    X : (N, D) array; y : (N,) labels (or (N, D_out) targets for MSE)
        Labels must fit the model's outputs: 0 or 1 for one output, 0..C-1 for C outputs;
        whole-number floats (0., 1.) count as labels. Lists are fine.
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

    Everything is checked once, before the first epoch: the model, loss and optimizer (made
    for this model), the data, and the labels against the model's outputs. Divergence: if
    the loss becomes NaN or infinite, training stops, ``history.diverged`` says what
    happened and what to try, and the message is printed.

    Introduced in notebooks/00_welcome.
    """
    if unknown:
        known_names(unknown, _FIT_NAMES, "fit")
    _check_training(model, loss_fn, optimizer, "fit")
    X = as_array(X, "X", "fit", ndim=2)
    epochs = positive_int(epochs, "epochs", "fit")
    batch_size = positive_int(batch_size, "batch_size", "fit")
    seed = _seed(seed, "fit")
    if patience is not None:
        patience = positive_int(patience, "patience", "fit")
    if callback is not None and (isinstance(callback, type) or not callable(callback)):
        raise TypeError(f"fit: expected callback to be a function callback(epoch, history, model), "
                        f"got {_describe(callback)}.")
    if not isinstance(progress, (bool, np.bool_)):
        raise TypeError(f"fit: expected progress to be True or False, got {_describe(progress)}.")
    if val is not None and (not isinstance(val, (tuple, list)) or len(val) != 2):
        raise TypeError(f"fit: expected val=(X_val, y_val), a pair of validation inputs and their "
                        f"labels, got {_describe(val)}. Fix: val=(X_val, y_val).")
    if patience is not None and val is None:
        raise ValueError("fit: early stopping (patience) watches the validation loss; pass val=(X_val, y_val).")
    outputs = _output_shape(model, X)
    y = _targets(loss_fn, y, X, outputs, "y")
    if val is not None:
        Xv = as_array(val[0], "X_val", "fit", ndim=2)
        if Xv.shape[1] != X.shape[1]:
            raise ValueError(f"fit: X_val has {Xv.shape[1]} columns but X has {X.shape[1]}; the "
                             "validation data needs the same features as the training data.")
        val = (Xv, _targets(loss_fn, val[1], Xv, outputs, "y_val"))
    _check_made_for(optimizer, model, "fit")
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
            lr = getattr(optimizer, "lr", None)
            ok = isinstance(lr, (int, float, np.number)) and not isinstance(lr, bool) and lr > 0
            hist.diverged = _divergence_words(epoch, loss, float(lr) if ok else None)
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


def _output_shape(model, X) -> tuple:
    """The shape of the model's output for one example: a first look, before training."""
    with boundary(), np.errstate(all="ignore"):
        out = model.forward(X)
    if not isinstance(out, np.ndarray) or out.ndim not in (1, 2) or len(out) != len(X):
        raise TypeError(f"fit: model.forward should return scores of shape (N, C), one row per "
                        f"example ({len(X)}), got {_describe(out)}. Fix: check that the "
                        "model's forward returns its output.")
    return out.shape[1:]


def _targets(loss_fn, y, X, outputs: tuple, name: str):
    """y checked once for fit: float targets shaped like the outputs for MSE, else class labels
    that fit the outputs (0/1 for one output, 0..C-1 for C), as int64."""
    n, width = len(X), (outputs[0] if outputs else 1)
    xname = "X" if name == "y" else "X_val"
    if isinstance(loss_fn, MSE):
        t = as_array(y, name, "fit")
        if len(t) != n:
            raise ValueError(f"fit: {xname} has {n} rows but {name} has {len(t)}; they must match.")
        if t.shape[1:] != outputs:
            want, got = (n, *outputs), t.shape
            hint = f" Fix: {name}[:, None]." if t.ndim == 1 and outputs == (1,) else ""
            raise ValueError(f"fit: MSE compares the model's outputs, shape {want}, with {name} of "
                             f"shape {got}; they must have the same shape.{hint}")
        return t
    arr = label_array(y, name, "fit")
    if arr.ndim >= 1 and len(arr) != n:
        raise ValueError(f"fit: {xname} has {n} rows but {name} has {len(arr)} labels; they must match.")
    classifier = isinstance(loss_fn, (BinaryCrossEntropy, SoftmaxCrossEntropy))
    if not classifier and (arr.dtype.kind == "f" and not np.all(arr == np.round(arr))
                           or arr.ndim == 2 and arr.shape[1] > 1):
        return as_array(arr, name, "fit")  # a loss of one's own with number targets
    if isinstance(loss_fn, BinaryCrossEntropy) and width != 1:
        raise ValueError(f"fit: BinaryCrossEntropy needs a model with 1 output (a yes/no score); "
                         f"this one has {width}. Fix: use SoftmaxCrossEntropy() for several "
                         "classes, or give the last layer 1 output.")
    if isinstance(loss_fn, SoftmaxCrossEntropy) and width < 2:
        raise ValueError("fit: SoftmaxCrossEntropy needs one output per class (2 or more); this "
                         "model has 1 output, so the loss would always be 0 and nothing would "
                         "learn. Fix: use BinaryCrossEntropy() for a yes/no model, or give the "
                         "last layer one output per class.")
    return _class_labels(arr, n, width, name, "fit")


def _acc_or_nan(model, X, y) -> float:
    if y.ndim != 1 or y.dtype.kind not in "iub":
        return float("nan")  # regression targets: accuracy does not apply
    try:
        with np.errstate(all="ignore"):
            return float(np.mean(_classes(model.forward(X)) == y))  # y was checked by fit
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
        self.total = total = positive_int(total, "total", "ProgressBar")
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
        """Show `epoch` of `total` with the last losses in `hist` (a History, after fit's epoch)."""
        epoch = positive_int(epoch, "epoch", "ProgressBar.update", minimum=0)
        if epoch > self.total:
            raise ValueError(f"ProgressBar.update: epoch {epoch} is past the end of this bar "
                             f"({self.total} epochs). Fix: make the bar with ProgressBar(epochs).")
        _check_history(hist, "ProgressBar.update")
        if not hist.train_loss:
            raise ValueError("ProgressBar.update: the history has no epochs yet (train_loss is "
                             "empty), so there is no loss to show. Call it after an epoch.")
        self.epoch = epoch
        if self.widget is not None:
            self.bar.value = epoch
            self.label.value = self._text(epoch, hist)
        else:
            filled = round(20 * epoch / self.total)
            print(f"\r[{'#' * filled}{'.' * (20 - filled)}] {self._text(epoch, hist)}",
                  end="", file=sys.stderr, flush=True)

    def close(self, hist: History) -> None:
        """Finish the bar: in a notebook, print its last line (widgets may not show later)."""
        _check_history(hist, "ProgressBar.close")
        if not hist.train_loss:
            return
        if self.widget is not None:
            print(self._text(self.epoch, hist))
        else:
            print(file=sys.stderr)


def _check_history(hist, where: str) -> None:
    if not isinstance(hist, History):
        raise TypeError(f"{where}: expected hist to be the History that fit fills, got "
                        f"{_describe(hist)}.")


def confusion_matrix(y_true, y_pred, n_classes: int = 10) -> np.ndarray:
    """Count how often each true class (row) was read as each class (column): (C, C) ints.

    y_true, y_pred : (N,) class numbers 0..C-1 (for y_pred: ``predict(model, X)``, not the
    scores). The diagonal holds the right answers; everything off it is a mistake, e.g.
    ``cm[8, 1]`` = how many 8s the network read as 1. Introduced in
    notebooks/09_capstone_handwriting.
    """
    where = "confusion_matrix"
    n_classes = positive_int(n_classes, "n_classes", where)
    t = label_array(y_true, "y_true", where)
    p = label_array(y_pred, "y_pred", where)
    if p.ndim == 2 and p.shape[1] > 1 and p.shape[0] == len(t):
        raise ValueError(f"{where}: expected y_pred as one class number per example, shape "
                         f"({len(t)},), got {p.shape}: scores or probabilities, one row per "
                         "example. Fix: y_pred = predict(model, X), or scores.argmax(axis=1).")
    t = labels(t, len(t), n_classes, where)
    p = labels(p, len(t), n_classes, where)
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (t, p), 1)
    return cm
