"""Lesson 08's own tools: its interactives and its exercise checkers.

Introduced in notebooks/08_training_loop. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import data, layers, losses, optim, train
from ..checks import Feedback, as_numbers, call, correct, fmt, wrong
from ..playground import Playground  # noqa: F401 (the lesson shows it as lesson.Playground)
from ..validate import choice, number_in, positive_int

# --- the lesson's problems: built here once, for the notebook and its checkers alike ---

def moons_data():
    """The moons of notebooks/08_training_loop and its first exercise, split for validation.

    300 points in two interleaved half-moons (noise 0.2): 70 % for training, 30 % kept aside
    for validation, with the same mix of classes in both.

    Returns
    -------
    ((X_train, y_train), (X_val, y_val)) : shapes (210, 2), (210,), (90, 2), (90,)
    """
    X, y = data.make_moons(300, noise=0.2, seed=0)
    train_part, val_part = data.stratified_split(X, y, (0.7, 0.3), seed=0)
    return train_part, val_part


INITS = ("he", "xavier", "zeros")  # the starts layers.mlp knows


def moons_network(seed: int = 0, init: str | None = None):
    """The network of notebooks/08_training_loop for the moons, and its optimizer.

    A 2-16-16-1 `layers.mlp` with tanh (``init`` as in `layers.mlp`, e.g. ``"zeros"``) and
    Adam with learning rate 0.01. Returns (model, optimizer).
    """
    seed = positive_int(seed, "seed", "moons_network", minimum=0)
    if init is not None and not (isinstance(init, str) and init in INITS):
        choice(init, "init", "moons_network", (None, *INITS))
    model = layers.mlp([2, 16, 16, 1], activation="tanh", init=init, seed=seed)
    return model, optim.Adam(model, lr=0.01)


def decay_data(n_train: int = 40):
    """The noisy moons of notebooks/08_training_loop's over-fitting section and exercise 2.

    1,240 points (noise 0.35) split, with the same mix of classes, into a pool of 1,040 and
    200 validation points; training uses the first ``n_train`` points of the pool.

    Returns
    -------
    ((X_train, y_train), (X_val, y_val)) : shapes (n_train, 2), (n_train,), (200, 2), (200,)
    """
    n_train = positive_int(n_train, "n_train", "decay_data")
    X, y = data.make_moons(1240, noise=0.35, seed=1)
    (X_pool, y_pool), val_part = data.stratified_split(X, y, (1040 / 1240, 200 / 1240), seed=0)
    if n_train > len(X_pool):
        raise ValueError(f"decay_data: n_train must be a whole number from 1 to {len(X_pool)} "
                         f"(the pool holds {len(X_pool)} points), got {n_train}.")
    return (X_pool[:n_train], y_pool[:n_train]), val_part


def train_big(weight_decay: float = 0.0, n_train: int = 40, epochs: int = 200,
              patience: int | None = None, seed: int = 0):
    """The too-big network of notebooks/08_training_loop, trained on `decay_data(n_train)`.

    A 2-32-32-1 `layers.mlp` (ReLU) trained by `train.fit` with Adam (learning rate 0.005 and
    this weight decay) in batches of 20, measuring the 200 validation points every epoch;
    ``patience`` turns on early stopping. ``seed`` picks the random start (the first weights
    and the shuffles). The notebook's over-fitting section and its exercise 2 both use it.

    Returns
    -------
    (model, history) : the trained `Sequential` and `train.History`
    """
    where = "train_big"
    weight_decay = number_in(weight_decay, "weight_decay", where, low=0)
    epochs = positive_int(epochs, "epochs", where)
    if patience is not None:
        patience = positive_int(patience, "patience", where)
    seed = positive_int(seed, "seed", where, minimum=0)
    (X, y), val = decay_data(n_train)
    model = layers.mlp([2, 32, 32, 1], seed=seed)
    opt = optim.Adam(model, lr=0.005, weight_decay=weight_decay)
    hist = train.fit(model, losses.BinaryCrossEntropy(), opt, X, y, epochs=epochs,
                     batch_size=20, val=val, seed=seed, patience=patience)
    return model, hist


# --- interactives ---

class _SpyModel:
    """Wraps a model: passes every call through and notes what the loop did with it.

    It notes which rows each update used, whether each backward got the loss's gradient
    (and not, say, the scores), and how many backward calls came since the last step."""

    def __init__(self, model, X):
        self.model = model
        self._rows = {row.tobytes(): i for i, row in enumerate(np.asarray(X, dtype=float))}
        self._last = None
        self.last_rows = np.zeros(0, dtype=int)  # the training rows of the last forward (-1: not one)
        self._last_out = None
        self.loss = None  # the _SpyLoss, set by check_train
        self.updates = []  # one array of row indices per backward call
        self.backward_got_scores = 0  # backward(scores) instead of backward(loss_fn.backward())
        self.backward_without_loss_grad = 0  # backward with no loss_fn.backward() since the forward
        self.backwards_since_step = 0

    def __repr__(self):
        return "model (an mlp 2-16-16-1)"

    @property
    def params(self):
        return self.model.params

    @property
    def grads(self):
        return self.model.grads

    def forward(self, x):
        self._last = x
        try:
            rows = np.asarray(x, dtype=float)
            self.last_rows = (np.array([self._rows.get(r.tobytes(), -1) for r in rows])
                              if rows.ndim == 2 else np.full(len(rows), -1))
        except (TypeError, ValueError):
            self.last_rows = np.zeros(0, dtype=int)
        out = self.model.forward(x)
        self._last_out = out
        if self.loss is not None:
            self.loss.grads_since_forward = 0
        return out

    __call__ = forward

    def backward(self, dout):
        self.updates.append(self.last_rows if self._last is not None else np.zeros(0, dtype=int))
        if self.loss is not None and self.loss.grads_since_forward == 0:
            self.backward_without_loss_grad += 1
            out = self._last_out
            if dout is out or (isinstance(dout, np.ndarray) and isinstance(out, np.ndarray)
                               and dout.shape == out.shape and np.array_equal(dout, out)):
                self.backward_got_scores += 1
        self.backwards_since_step += 1
        return self.model.backward(dout)


class _SpyOptimizer:
    def __init__(self, opt, model):
        self.opt, self.model, self.steps = opt, model, 0
        self.steps_before_backward = 0  # steps with no model.backward since the previous step
        self.first_step_early = False  # the very first step came before any backward

    def __repr__(self):
        return "opt (Adam, lr=0.01)"

    def __getattr__(self, name):
        return getattr(self.opt, name)

    def step(self, *args):
        self.steps += 1
        if self.model.backwards_since_step == 0:
            self.steps_before_backward += 1
            self.first_step_early = self.first_step_early or self.steps == 1
        self.model.backwards_since_step = 0
        return self.opt.step(*args)


class _SpyLoss:
    """Wraps the loss: notes the loss of each batch that was backpropagated, the losses on the
    whole training set, and labels that do not belong to the rows the model just saw."""

    def __init__(self, loss_fn, model, y):
        self.loss_fn, self.model, self.y = loss_fn, model, np.asarray(y)
        self.last, self.backprop_losses = None, []
        self.grads_since_forward = 0
        self.whole_set_losses = []  # losses computed on all the training rows at once
        self.wrong_labels = 0  # forward calls whose y are not the labels of the model's rows

    def forward(self, scores, y):
        self.last = self.loss_fn.forward(scores, y)
        rows = self.model.last_rows
        if scores is self.model._last_out and len(rows) and np.all(rows >= 0):
            given = np.asarray(y).reshape(-1)
            if len(given) == len(rows):
                if not np.array_equal(given, self.y[rows]):
                    self.wrong_labels += 1
                if len(rows) == len(self.y):
                    self.whole_set_losses.append(float(self.last))
        return self.last

    __call__ = forward

    def __repr__(self):
        return "loss_fn (BinaryCrossEntropy)"

    def backward(self):
        self.backprop_losses.append(self.last)
        self.grads_since_forward += 1
        return self.loss_fn.backward()


TRAIN_MARGIN = 0.03  # exercise 1 accepts this much below the reference loop: about 3 of 90 points


@lru_cache(maxsize=8)
def train_reference(epochs: int = 50, batch_size: int = 16, seed: int = 0) -> float:
    """The validation accuracy that exercise 1's loop should reach (notebooks/08_training_loop).

    `train.fit` is that loop (the notebook shows both give the same numbers): it trains
    `moons_network()` on `moons_data()` with these settings; the result is the accuracy on
    the validation part. The check asks for this minus `TRAIN_MARGIN`, because a loop that
    shuffles in another order (also right) ends a point or two away.
    """
    (X, y), (X_val, y_val) = moons_data()
    model, opt = moons_network()
    train.fit(model, losses.BinaryCrossEntropy(), opt, X, y, epochs=epochs,
              batch_size=batch_size, seed=seed)
    return train.accuracy(model, X_val, y_val)


def check_train(fn, epochs: int = 50, batch_size: int = 16, seed: int = 0) -> Feedback:
    """Exercise of notebooks/08_training_loop: the learner's own training loop.

    Runs ``fn(model, loss_fn, opt, X, y, epochs, batch_size, seed)`` on moons with spies on
    the model, loss and optimizer, then reports the validation accuracy reached and the
    first typical mistake it sees (no backward, backward(scores), a step before the
    backward, X shuffled apart from y, the loss of the whole set, no shuffling, not
    averaged, ...).
    """
    (Xt, yt), (Xv, yv) = moons_data()
    n = len(Xt)
    model, opt = moons_network()
    spy_model = _SpyModel(model, Xt)
    spy_loss = spy_model.loss = _SpyLoss(losses.BinaryCrossEntropy(), spy_model, yt)
    spy_opt = _SpyOptimizer(opt, spy_model)
    got, problem = call(fn, spy_model, spy_loss, spy_opt, Xt, yt, epochs, batch_size, seed)
    if problem is not None:
        return problem
    with np.errstate(all="ignore"):  # the learner's loop may have left the weights huge
        finite = bool(np.all(np.isfinite(model.forward(Xv))))
        acc = train.accuracy(model, Xv, yv) if finite else 0.0
    reference = train_reference(epochs, batch_size, seed)
    target = reference - TRAIN_MARGIN
    reached = (f"Validation accuracy reached: {acc:.3f} (target {target:.3f}: the reference "
               f"loop, train.fit, reaches {reference:.3f}).")
    if not spy_model.updates:
        return wrong(f"The weights never learned anything: `model.backward` was never called, so "
                     f"there were no gradients to step with. {reached}",
                     "after the loss, call model.backward(loss_fn.backward()).")
    if spy_opt.steps == 0:
        return wrong(f"`model.backward` ran {len(spy_model.updates)} times but `opt.step()` never "
                     f"did, so the weights never moved. {reached}",
                     "after backward, call opt.step() to move the weights.")
    fix_backward = ("for each batch: scores = model.forward(X[idx]); loss = loss_fn.forward(scores, "
                    "y[idx]); model.backward(loss_fn.backward()); opt.step().")
    if spy_model.backward_got_scores:
        return wrong("`model.backward` was given the scores themselves (what model.forward "
                     "returned), not the loss's gradient. backward needs dL/dscores: how much the "
                     "loss changes when each score changes. loss_fn.backward() returns exactly "
                     f"that, once loss_fn.forward has measured the loss. {reached}", fix_backward)
    if spy_model.backward_without_loss_grad:
        return wrong(f"`model.backward` ran {len(spy_model.updates)} times, but "
                     f"{spy_model.backward_without_loss_grad} of those had no loss_fn.backward() "
                     "since the forward pass, so backward got something other than the loss's "
                     "gradient dL/dscores, which only loss_fn.backward() gives. "
                     f"{reached}", fix_backward)
    if spy_opt.steps_before_backward:
        if spy_opt.first_step_early and spy_opt.steps_before_backward == 1:
            said = ("`opt.step()` came before `model.backward()`. The step moves each weight by "
                    "its gradient, and backward is what fills the gradients, so in your order "
                    "every step used the previous batch's gradients (and the first step had "
                    "none: all zeros).")
        else:
            said = (f"`opt.step()` ran {spy_opt.steps_before_backward} times with no "
                    "`model.backward()` since the step before, so those steps reused old "
                    "gradients. Take one step per batch, right after its backward.")
        return wrong(f"{said} {reached}", "keep the order for every batch: forward, loss, "
                                          "backward, then step.")
    if spy_loss.wrong_labels:
        return wrong(f"In {spy_loss.wrong_labels} of {len(spy_loss.backprop_losses)} batches the labels y did not belong "
                     "to the rows of X the model had just seen: X was shuffled (or sliced) one way "
                     "and y another, so the network learned from mixed-up answers. "
                     f"{reached}", "shuffle X and y with the same permutation: "
                                   "idx = order[start:start + batch_size], then X[idx] and y[idx].")
    per_epoch = -(-n // batch_size)
    if (batch_size < n and len(spy_model.updates) > epochs
            and all(len(u) == n for u in spy_model.updates)):
        return wrong(f"Each of your {len(spy_model.updates)} updates used all {n} training "
                     "examples: inside the batch loop the loss was computed on the whole set, not "
                     f"on the batch. So each epoch cost {per_epoch} passes over all the data instead "
                     f"of one. A minibatch step uses only its batch's "
                     f"{batch_size} rows: that is what makes it cheap. {reached}",
                     "inside the batch loop use the batch only: model.forward(X[idx]) and "
                     "loss_fn.forward(scores, y[idx]).")
    curve, problem = as_numbers(got, fn.__name__, None, f"a list of {epochs} numbers, one loss "
                                "per epoch", returned=True)
    if problem is not None:
        said, _, hint = problem.message.partition("\nHint: ")
        return Feedback(problem.status, f"{said} {reached}" + (f"\nHint: {hint}" if hint else ""))
    curve = curve.reshape(-1)
    if len(curve) != epochs:
        return wrong(f"`{fn.__name__}` returned {len(curve)} loss{'es' if len(curve) != 1 else ''} "
                     f"for {epochs} epochs; expected "
                     f"one number per epoch. {reached}",
                     "append the epoch's loss once, after the inner loop over batches.")
    seen = np.concatenate(spy_model.updates)
    if len(seen) != epochs * n or np.any(seen < 0):
        return wrong(f"Over {epochs} epochs the updates used {len(seen)} examples in all; expected "
                     f"{epochs} × {n} = {epochs * n} (every training example once per epoch). "
                     f"{reached}", "loop `for start in range(0, len(X), batch_size)` and take "
                                   "the rows order[start:start + batch_size].")
    sizes = [len(u) for u in spy_model.updates]
    expected = ([batch_size] * (n // batch_size) + ([n % batch_size] if n % batch_size else []))
    if sizes != expected * epochs:
        whole = (" (the whole training set: one full-batch step per epoch, where minibatches "
                 f"give {per_epoch} cheaper steps)" if set(sizes) == {n} else "")
        return wrong(f"The batches had sizes {sorted(set(sizes))}{whole}; with batch_size={batch_size} and "
                     f"{n} examples expected {per_epoch} batches per epoch: "
                     f"{n // batch_size} of {batch_size}" + (f" and one of {n % batch_size}"
                                                             if n % batch_size else "") + f". {reached}",
                     "cut each epoch's order into slices: for start in range(0, len(X), "
                     "batch_size), idx = order[start:start + batch_size].")
    orders = seen.reshape(epochs, n)
    if any(np.any(np.sort(o) != np.arange(n)) for o in orders):
        return wrong("Within an epoch some examples were used twice and others never: each "
                     f"epoch should visit all {n} examples exactly once. {reached}",
                     "shuffle the indices with rng.permutation(len(X)), then slice that order.")
    if np.all(orders == orders[0]):
        what = ("in their stored order (no shuffling at all)" if np.all(orders[0] == np.arange(n))
                else "in the same shuffled order")
        return wrong(f"Every epoch visited the examples {what}, so each epoch repeated the same "
                     f"batches. {reached}", "make one rng = np.random.default_rng(seed) before "
                     "the epochs, and draw a new rng.permutation(len(X)) at the start of each epoch.")
    if len(spy_loss.backprop_losses) != epochs * per_epoch:
        return wrong(f"`loss_fn.backward()` ran {len(spy_loss.backprop_losses)} times, but the "
                     f"model's backward ran {epochs * per_epoch} times ({per_epoch} batches × "
                     f"{epochs} epochs): each batch needs one of each, in pairs. {reached}",
                     fix_backward)
    batch_losses = np.asarray(spy_loss.backprop_losses, dtype=float).reshape(epochs, per_epoch)
    weights = np.asarray(expected, dtype=float)
    ok = (np.allclose(curve, batch_losses.mean(axis=1), rtol=1e-6)
          or np.allclose(curve, batch_losses @ weights / n, rtol=1e-6))
    if not ok:
        if np.allclose(curve, batch_losses.sum(axis=1), rtol=1e-6):
            why = (f"the sum of the {per_epoch} batch losses: the loss is not averaged, so it "
                   "depends on how many batches there are")
        elif np.allclose(curve, batch_losses[:, -1], rtol=1e-6):
            why = "the loss of the last batch only, which is noisy"
        elif (len(spy_loss.whole_set_losses) >= epochs
              and np.allclose(curve, spy_loss.whole_set_losses[-epochs:], rtol=1e-6)):
            return wrong(f"Your losses run {fmt(curve[0])} → {fmt(curve[-1])}: each is the loss on "
                         "the whole training set, measured after the epoch (what train.fit "
                         "records). That is a fine thing to watch, but it costs an extra pass over "
                         "all the data, and it is not what this exercise asks for: the mean of the "
                         "losses of that epoch's batches, which your loop has already computed. "
                         "The two differ: each batch loss is measured before its step, while the "
                         f"weights are still moving. {reached}",
                         "collect every batch's loss in a list, then append "
                         "np.mean(batch_losses) once per epoch.")
        else:
            why = "not the mean of that epoch's batch losses"
        return wrong(f"Your losses run {fmt(curve[0])} → {fmt(curve[-1])}, but each is {why}. "
                     f"{reached}", "collect every batch's loss in a list, then append "
                                   "np.mean(batch_losses) once per epoch.")
    if acc < target - 1e-9:
        return wrong(f"The loop looks right, but training did not get far enough. {reached}",
                     "check the order: forward, loss, backward, step, for every batch.")
    return correct(f"Correct! Your loop trained the network: {reached} Its loss fell from "
                   f"{curve[0]:.3f} to {curve[-1]:.3f} over {epochs} epochs.")


DECAY_SOLUTION = 0.02  # the weight decay of exercise 2's worked solution in the notebook
DECAY_STARTS = 5  # exercise 2 trains each weight decay from this many random starts
DECAY_MARGIN = 0.015  # accepted: a mean validation accuracy at most this far below the solution's


@lru_cache(maxsize=64)
def decay_runs(weight_decay: float, starts: int = DECAY_STARTS) -> tuple:
    """`train_big(weight_decay, seed=s)` for s = 0 .. starts - 1 (notebooks/08_training_loop).

    Returns one (validation accuracy, training accuracy, diverged) triple per start, at the
    last epoch; the first is the run the learner sees with ``train_big(weight_decay)``.
    """
    runs = []
    for seed in range(starts):
        _, hist = train_big(float(weight_decay), seed=seed)
        done = bool(hist.diverged) or not hist.val_acc
        runs.append((float("nan"), float("nan"), True) if done else
                    (hist.val_acc[-1], hist.train_acc[-1], False))
    return tuple(runs)


def decay_target() -> float:
    """What exercise 2 asks for: the mean validation accuracy of the worked solution's weight
    decay over `DECAY_STARTS` random starts, minus `DECAY_MARGIN` (notebooks/08_training_loop)."""
    return float(np.mean([v for v, _, _ in decay_runs(DECAY_SOLUTION)])) - DECAY_MARGIN


def decay_goal() -> str:
    """Exercise 2's goal in words, every number computed: one run's noise and the target.

    Introduced in notebooks/08_training_loop.
    """
    base = [v for v, _, _ in decay_runs(0.0)]
    solution = [v for v, _, _ in decay_runs(DECAY_SOLUTION)]
    return (f"Without weight decay, from {DECAY_STARTS} random starts: validation accuracy "
            f"{', '.join(f'{a:.3f}' for a in base)} (mean {np.mean(base):.3f}).\n"
            f"The worked solution's weight decay averages {np.mean(solution):.3f} over the same "
            f"starts. The check accepts a mean of at least {decay_target():.3f} "
            f"({DECAY_MARGIN} below it).")


def check_weight_decay(value) -> Feedback:
    """Exercise of notebooks/08_training_loop: a weight decay that lifts validation accuracy.

    One run's validation accuracy (200 points) is noisy, so the check trains the network from
    `DECAY_STARTS` random starts and compares the mean with `decay_target()`; every weight
    decay whose mean is within `DECAY_MARGIN` of the worked solution's passes.
    """
    value, problem = as_numbers(value, "my_weight_decay", (), "one number such as 0.005",
                                stub=True)
    if problem is not None:
        return problem
    if value < 0:
        return wrong(f"Weight decay must be a number ≥ 0, got {value!r}.",
                     "a weight decay pulls weights towards zero: 0 means none, try 0.005 to 0.05.")
    if value > 10:
        return wrong(f"weight_decay={value:g} is far too strong: the weights would be pulled to "
                     "zero at every step.", "try values between 0.001 and 0.1.")
    runs = decay_runs(value)
    if any(d for _, _, d in runs):
        return wrong(f"With weight_decay={value:g} training diverged.", "try a smaller value.")
    vals = [v for v, _, _ in runs]
    mean, train_mean = float(np.mean(vals)), float(np.mean([t for _, t, _ in runs]))
    target = decay_target()
    baseline = np.mean([v for v, _, _ in decay_runs(0.0)])
    solution_train = np.mean([t for _, t, _ in decay_runs(DECAY_SOLUTION)])
    got = (f"With weight_decay={value:g}, from {DECAY_STARTS} random starts: validation accuracy "
           f"{', '.join(f'{a:.3f}' for a in vals)}, mean {mean:.3f} (target ≥ {target:.3f}; "
           f"without weight decay the mean is {baseline:.3f}).")
    noise = ""
    if max(vals) - min(vals) > 0.004:  # the runs differ: say why the check takes their mean
        noise = (f" Why {DECAY_STARTS} starts? One run is noisy: yours span {min(vals):.3f} to "
                 f"{max(vals):.3f}. Each of the 200 validation points is worth 0.005, and a "
                 "slightly different start moves the boundary across a few points near it; the "
                 f"mean of {DECAY_STARTS} starts changes smoothly.")
    if mean >= target - 1e-9:
        return correct(f"Correct! {got} The network still fits the training points, but no "
                       f"longer memorises their noise.{noise}")
    trained = (f"The training accuracy averages {train_mean:.3f}, the worked solution's "
               f"{solution_train:.3f}")
    if train_mean > solution_train:
        return wrong(f"{got} {trained}: the network still memorises some of the noise of its "
                     f"training points (over-fitting).{noise}", "try a larger weight decay.")
    return wrong(f"{got} {trained}: the pull towards zero holds the weights back too much, so the "
                 f"network misses part of the moons' shape (under-fitting).{noise}",
                 "try a smaller weight decay.")
