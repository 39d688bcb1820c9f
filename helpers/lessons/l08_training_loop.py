"""Lesson 08's own tools: its interactives and its exercise checkers.

Introduced in notebooks/08_training_loop. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as w
import numpy as np

from .. import data, layers, losses, optim, plots, train
from ..checks import Feedback, as_numbers, call, correct, fmt, wrong
from ..plots import freeze_layout
from ..validate import NotFiniteError
from ..widgets import Interactive, View, acts_later, slider

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


def moons_network(seed: int = 0, init: str | None = None):
    """The network of notebooks/08_training_loop for the moons, and its optimizer.

    A 2-16-16-1 `layers.mlp` with tanh (``init`` as in `layers.mlp`, e.g. ``"zeros"``) and
    Adam with learning rate 0.01. Returns (model, optimizer).
    """
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
    X, y = data.make_moons(1240, noise=0.35, seed=1)
    (X_pool, y_pool), val_part = data.stratified_split(X, y, (1040 / 1240, 200 / 1240), seed=0)
    if isinstance(n_train, bool) or not isinstance(n_train, (int, np.integer)) \
            or not 1 <= n_train <= len(X_pool):
        raise ValueError(f"decay_data: n_train must be a whole number from 1 to {len(X_pool)}, "
                         f"got {n_train!r}.")
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
    (X, y), val = decay_data(n_train)
    model = layers.mlp([2, 32, 32, 1], seed=seed)
    opt = optim.Adam(model, lr=0.005, weight_decay=weight_decay)
    hist = train.fit(model, losses.BinaryCrossEntropy(), opt, X, y, epochs=epochs,
                     batch_size=20, val=val, seed=seed, patience=patience)
    return model, hist


# --- interactives ---

class Playground(Interactive):
    """A TensorFlow-Playground-like trainer: a small numpy network learns a 2-D data set live.

    The headless core (no browser, no event loop needed): ``reset()`` builds data, network
    and optimizer from the current settings; ``train_steps(n)`` runs n minibatch updates and
    records losses; ``frame()`` = a few steps + redraw; ``pause()``; ``state`` holds the numbers.
    Training goes through `helpers.train`, as `train.fit` does: the batches of `train.batches`
    (a new shuffle each epoch), one `train.train_step` per batch, `train.accuracy`, and a loss
    that is no longer a number stops it with `train.divergence_message`.
    ``widget()`` adds Train / Pause / Reset buttons; Train runs ``frame()`` in an asyncio
    task on the kernel's event loop, with a short ``await asyncio.sleep`` between frames,
    so button clicks and slider moves are still handled while it trains.

    Changing the data set, noise, depth, width, activation or optimizer builds a new
    network (epoch 0); the learning rate, batch size and weight decay change live (a new
    batch size starts a new shuffle of the data at the next step).

    Introduced in notebooks/08_training_loop.
    """

    DATASETS = ("moons", "circles", "xor", "spirals")
    OPTIMIZERS = {"SGD": "sgd", "SGD + momentum": "momentum", "RMSProp": "rmsprop", "Adam": "adam"}
    RESET_KEYS = ("dataset", "noise", "depth", "width", "activation", "optimizer")
    N_POINTS = 200
    VAL_FRACTION = 0.25
    MAX_EPOCHS = 500
    MAX_STEPS_PER_FRAME = 40
    # Beyond train.fit's rule (a loss that is not a number), the playground also stops when the
    # training loss is > 4× a coin flip's (0.69): the weights thrash, though they stay finite.
    WORSE_THAN_GUESSING = 3.0
    LIMIT = 2.8  # the picture shows [-LIMIT, LIMIT]² of the standardized inputs

    def __init__(self, dataset: str = "moons", noise: float = 0.2, depth: int = 2,
                 width: int = 8, activation: str = "tanh", optimizer: str = "adam",
                 lr: float = 0.03, batch_size: int = 10, weight_decay: float = 0.0,
                 seed: int = 0, resolution: int = 50):
        self.seed = seed
        self.values = dict(dataset=dataset, noise=noise, depth=depth, width=width,
                           activation=activation, optimizer=optimizer, lr=lr,
                           batch_size=batch_size, weight_decay=weight_decay)
        self.loss_fn = losses.BinaryCrossEntropy()
        self.running = False
        self.frame_ms = float("nan")
        self._task = None
        self.fig, (self.ax_data, self.ax_loss) = plots.figure(8.4, 3.5, ncols=2)
        lim = (-self.LIMIT, self.LIMIT)
        self.boundary = plots.BoundaryPlot(self.ax_data, lim, lim, resolution)
        from matplotlib.colors import to_rgba

        c0, c1 = plots.CLASS_COLOURS[:2]
        self._colours = np.array([to_rgba(c0), to_rgba(c1)])
        self.train_dots = self.ax_data.scatter([], [], s=18, edgecolors="white",
                                               linewidths=0.5, zorder=3, label="training point")
        self.val_dots = self.ax_data.scatter([], [], s=22, facecolors="none", linewidths=1.3,
                                             zorder=3, label="validation point")
        self.ax_data.set_xlabel("$x_1$ (standardized)")
        self.ax_data.set_ylabel("$x_2$ (standardized)")
        self.ax_data.grid(False)
        (self.train_line,) = self.ax_loss.plot([], [], color=plots.PALETTE["blue"],
                                               label="training loss")
        (self.val_line,) = self.ax_loss.plot([], [], color=plots.PALETTE["orange"], ls="--",
                                             label="validation loss")
        self.ax_loss.set_xlabel("epoch")
        self.ax_loss.set_ylabel("loss (cross-entropy)")
        self.ax_loss.set_title("Loss: training and validation")
        self.ax_loss.legend(loc="upper right", fontsize=8)
        self.ax_loss.set_xlim(0, 1)
        self.ax_loss.set_ylim(0, 1)
        for ax in (self.ax_data, self.ax_loss):  # fixed positions: no re-measuring per frame
            ax.title.set_y(1.0)
            ax.xaxis.set_label_coords(0.5, -0.14)
            ax.yaxis.set_label_coords(-0.13, 0.5)
        self.moving = [self.boundary.image, self.train_dots, self.val_dots,
                       self.train_line, self.val_line]
        self.reset()
        freeze_layout(self.fig)

    # --- the headless core ---

    def reset(self, why: str = "") -> dict:
        """New data and a new network from the current settings; epoch 0."""
        v = self.values
        make = data.TOY_SETS[v["dataset"]]
        X, y = make(self.N_POINTS, noise=float(v["noise"]), seed=self.seed)
        X = (X - X.mean(axis=0)) / X.std(axis=0)  # standardized: every data set fits one window
        (self.X, self.y), (self.X_val, self.y_val) = data.stratified_split(
            X, y, (1 - self.VAL_FRACTION, self.VAL_FRACTION), seed=self.seed)
        sizes = [2] + [int(v["width"])] * int(v["depth"]) + [1]
        self.model = layers.mlp(sizes, activation=v["activation"], seed=self.seed)
        kind = self.OPTIMIZERS.get(v["optimizer"], v["optimizer"])
        extra = {"momentum": 0.9} if kind == "momentum" else {}
        self.opt = optim.OPTIMIZERS[kind](self.model, lr=float(v["lr"]),
                                          weight_decay=float(v["weight_decay"]), **extra)
        self.rng = np.random.default_rng(self.seed)  # one generator: a new shuffle each epoch
        self._batches = iter(())  # what is left of this epoch's train.batches
        self.seen = 0  # examples trained on so far (epochs = seen / N)
        self.history = {"epoch": [], "train_loss": [], "val_loss": []}
        self.diverged = ""
        self.message = why
        self._record()
        self._set_points()
        self.draw()
        return self.state

    def _next_batch(self):
        """The next batch of this epoch from `train.batches`; a new epoch when it runs out."""
        batch = next(self._batches, None)
        if batch is None:
            self._batches = train.batches(self.X, self.y, int(self.values["batch_size"]), self.rng)
            batch = next(self._batches)
        return batch

    def steps_per_frame(self) -> int:
        """About one epoch per frame, at most MAX_STEPS_PER_FRAME updates."""
        per_epoch = -(-len(self.X) // int(self.values["batch_size"]))
        return int(min(per_epoch, self.MAX_STEPS_PER_FRAME))

    def train_steps(self, n: int = 1) -> dict:
        """Run n minibatch updates (predict → loss → backprop → step), then measure the losses."""
        if self.diverged:
            return self.state
        for _ in range(int(n)):
            Xb, yb = self._next_batch()
            try:
                loss = train.train_step(self.model, self.loss_fn, self.opt, Xb, yb)
            except NotFiniteError:  # NaN/inf reached a layer: the weights blew up (as in fit)
                loss = float("nan")
            self.seen += len(Xb)
            if not np.isfinite(loss):
                return self._diverge(loss)
        self._record()
        if self.diverged:
            return self.state
        if self.epoch >= self.MAX_EPOCHS:
            self.running = False
            self.message = (f"Stopped after {self.MAX_EPOCHS} epochs (the playground's limit). "
                            "Press Reset to start again.")
        return self.state

    def _diverge(self, loss) -> dict:
        """Stop training and say why in words: train's message for a loss that is not a number."""
        self.running = False
        lr, epoch = float(self.values["lr"]), round(self.epoch, 1)
        if not np.isfinite(loss):
            words = train.divergence_message(epoch, loss, lr)
        else:
            words = (f"Training stopped at epoch {epoch}: the loss grew to {loss:.3g}, far worse "
                     f"than a coin-flip guess (0.69), so the model diverged (the steps were so "
                     f"big that the weights overshot and thrashed). Try a smaller learning rate, "
                     f"e.g. lr={lr / 10:g} instead of lr={lr:g}.")
        self.diverged = words + " Then press Reset or Train."
        self.message = self.diverged
        return self.state

    def _record(self) -> None:
        with np.errstate(all="ignore"):
            try:
                tl = float(self.loss_fn.forward(self.model.forward(self.X), self.y))
                vl = float(self.loss_fn.forward(self.model.forward(self.X_val), self.y_val))
            except NotFiniteError:
                tl = vl = float("nan")
        if not np.isfinite(tl) or tl > self.WORSE_THAN_GUESSING:
            self._diverge(tl)
            return
        if not np.isfinite(vl):
            vl = float("nan")
        self.history["epoch"].append(self.epoch)
        self.history["train_loss"].append(tl)
        self.history["val_loss"].append(vl)

    @property
    def epoch(self) -> float:
        return self.seen / len(self.X)

    def _accuracy(self, X, y) -> float:
        try:
            with np.errstate(all="ignore"):
                return train.accuracy(self.model, X, y)
        except NotFiniteError:
            return float("nan")

    @property
    def state(self) -> dict:
        """The numbers on show: epoch, losses, accuracies, network size, status, message."""
        h = self.history
        sizes = [2] + [int(self.values["width"])] * int(self.values["depth"]) + [1]
        ok = not self.diverged
        return {
            "epoch": round(self.epoch, 2),
            "train_loss": h["train_loss"][-1] if h["train_loss"] else float("nan"),
            "val_loss": h["val_loss"][-1] if h["val_loss"] else float("nan"),
            "train_acc": self._accuracy(self.X, self.y) if ok else float("nan"),
            "val_acc": self._accuracy(self.X_val, self.y_val) if ok else float("nan"),
            "network": "-".join(map(str, sizes)),
            "n_params": self.model.n_params(),
            "running": self.running,
            "diverged": bool(self.diverged),
            "message": self.message,
        }

    def _set_points(self) -> None:
        self.train_dots.set_offsets(self.X)
        self.train_dots.set_facecolors(self._colours[self.y])
        self.val_dots.set_offsets(self.X_val)
        self.val_dots.set_edgecolors(self._colours[self.y_val])

    def draw(self) -> None:
        """Redraw the boundary and both loss curves from the current network and history."""
        if not self.diverged:
            with np.errstate(all="ignore"):
                self.boundary.draw(layers.sigmoid(self.model.forward(self.boundary.grid)[:, 0]))
        h = self.history
        self.train_line.set_data(h["epoch"], h["train_loss"])
        self.val_line.set_data(h["epoch"], h["val_loss"])
        # limits move in coarse steps, so the axes (slow to draw) rarely need redrawing
        last = h["epoch"][-1] if h["epoch"] else 0.0
        right = next((r for r in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if r >= last), last)
        top = max(0.2, np.ceil(10 * max([*h["train_loss"], *h["val_loss"], 0.1]) * 1.05) / 10)
        if (0, right) != self.ax_loss.get_xlim():
            self.ax_loss.set_xlim(0, right)
        if (0, top) != self.ax_loss.get_ylim():
            self.ax_loss.set_ylim(0, top)
        v = self.values
        arch = "no hidden layer (a linear model)" if int(v["depth"]) == 0 else \
            f"{v['depth']} hidden × {v['width']} units, {v['activation']}"
        self.ax_data.set_title(f"{v['dataset']}: {arch}", fontsize=10, y=1.0)

    def still_key(self):
        """The axes, ticks and labels are drawn once and kept; each frame only paints the
        boundary, the points and the curves on top (about 3× faster)."""
        return (self.ax_data.get_title(), self.ax_loss.get_xlim(), self.ax_loss.get_ylim())

    def frame(self) -> dict:
        """One animation frame: about an epoch of training, then redraw (no PNG)."""
        self.train_steps(self.steps_per_frame())
        self.draw()
        return self.state

    def pause(self) -> dict:
        self.running = False
        if not self.diverged:
            self.message = "Paused. Press Train to continue."
        return self.state

    # --- the Interactive interface ---

    def update(self, **values) -> dict:
        """Apply control values: data/architecture/optimizer changes reset the network."""
        changed = [k for k in values if k in self.values and values[k] != self.values[k]]
        self.values.update({k: values[k] for k in changed})
        resets = [k for k in changed if k in self.RESET_KEYS]
        if resets:
            names = ", ".join(k.replace("_", " ") for k in resets)
            self.reset(why=f"You changed {names}: new data or network, so the network was "
                           f"reset (new random weights, epoch 0).")
        else:
            if "lr" in changed:
                self.opt.lr = float(self.values["lr"])
            if "weight_decay" in changed:
                self.opt.weight_decay = float(self.values["weight_decay"])
            if "batch_size" in changed:
                self._batches = iter(())  # the next step starts a new shuffle in the new size
            if changed:
                names = ", ".join(k.replace("_", " ") for k in changed)
                self.message = f"You changed {names}: applied live, the network keeps training."
            self.draw()
        return self.state

    def controls(self) -> dict:
        v = self.values
        style = {"description_width": "initial"}
        int_slider = dict(style=style, layout=w.Layout(width="260px"))
        return {
            "dataset": w.Dropdown(options=list(self.DATASETS), value=v["dataset"],
                                  description="data", layout=w.Layout(width="170px")),
            "noise": slider("noise", v["noise"], 0.0, 0.5, 0.05),
            "depth": w.IntSlider(value=v["depth"], min=0, max=4, description="hidden layers",
                                 **int_slider),
            "width": w.IntSlider(value=v["width"], min=1, max=16, description="units per layer",
                                 **int_slider),
            "activation": w.Dropdown(options=["relu", "tanh", "sigmoid", "linear"],
                                     value=v["activation"], description="activation",
                                     layout=w.Layout(width="190px")),
            # these four need not change the picture at once: they act on the next training
            # step (the optimizer starts a new network, which at epoch 0 looks the same)
            "optimizer": acts_later(w.Dropdown(options=list(self.OPTIMIZERS.items()),
                                               value=v["optimizer"], description="optimizer",
                                               layout=w.Layout(width="230px"))),
            "lr": acts_later(w.FloatLogSlider(value=v["lr"], base=10, min=-4, max=1, step=0.1,
                                              description="learning rate", readout_format=".4f",
                                              **int_slider)),
            "batch_size": acts_later(w.IntSlider(value=v["batch_size"], min=1, max=len(self.X),
                                                 description="batch size", **int_slider)),
            "weight_decay": acts_later(slider("weight decay", v["weight_decay"], 0.0, 0.1, 0.001,
                                              readout_format=".3f")),
        }

    def readout(self, s: dict) -> str:
        status = "training…" if s["running"] else ("diverged" if s["diverged"] else "paused")
        if s["diverged"]:
            numbers = f"epoch {s['epoch']:.1f}"
        else:
            numbers = (f"epoch {s['epoch']:.1f} · training loss {s['train_loss']:.3f} · "
                       f"validation loss {s['val_loss']:.3f} · training accuracy "
                       f"{s['train_acc']:.0%} · validation accuracy {s['val_acc']:.0%}")
        text = (f"<b>{status}</b> · {numbers} · network {s['network']} "
                f"({s['n_params']} weights and biases)")
        if s["message"]:
            colour = "#D55E00" if s["diverged"] else "#444"
            text += f"<br><span style='color:{colour}'>{s['message']}</span>"
        return text

    def widget(self) -> w.Box:
        """Controls, Train / Pause / Reset, the readout and the picture, wired together."""
        ctrls = self.controls()
        text = w.HTML()
        image = self.image_widget()
        buttons = {
            "train": w.Button(description="Train", icon="play", button_style="success"),
            "pause": w.Button(description="Pause", icon="pause"),
            "reset": w.Button(description="Reset", icon="refresh"),
        }

        def show():
            text.value = self.readout(self.state)
            image.value = self.png()

        def changed(_change=None):
            self.update(**{k: c.value for k, c in ctrls.items()})
            show()

        def on_reset(_button=None):
            self.reset(why="Reset: new random weights, epoch 0.")
            show()

        def on_pause(_button=None):
            self.pause()
            show()

        for c in ctrls.values():
            c.observe(changed, names="value")
        buttons["train"].on_click(lambda _b: self.start(show))
        buttons["pause"].on_click(on_pause)
        buttons["reset"].on_click(on_reset)
        show()
        self.ui = {"controls": ctrls, "buttons": buttons, "text": text, "image": image,
                   "show": show}
        row = w.Layout(flex_flow="row wrap")
        return View([w.HBox(list(ctrls.values()), layout=row), w.HBox(list(buttons.values())),
                     text, image], image, self.summary({**ctrls, **buttons}))

    def start(self, show=None):
        """Train in the background until paused: an asyncio task on the running event loop.

        Without a running loop (a plain script or a test) it only marks the playground as
        running; call ``frame()`` yourself.
        """
        import asyncio

        if self.running:
            return None
        if self.diverged or self.epoch >= self.MAX_EPOCHS:
            self.reset()
        self.running = True
        self.message = "Training… press Pause to stop and look."
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return None
        self._task = loop.create_task(self._run(show or (lambda: None)))
        return self._task

    async def _run(self, show):
        import asyncio
        import time

        try:
            while self.running:
                t0 = time.perf_counter()
                self.frame()
                show()
                self.frame_ms = 1000 * (time.perf_counter() - t0)
                await asyncio.sleep(0.001)  # let the kernel handle clicks and slider moves
        except Exception as exc:  # never die silently inside a background task
            self.running = False
            self.message = f"Training stopped: {type(exc).__name__}: {exc}"
        show()


# --- exercise checkers ---

class _SpyModel:
    """Wraps a model: passes every call through and notes which rows each update used."""

    def __init__(self, model, X):
        self.model = model
        self._rows = {row.tobytes(): i for i, row in enumerate(np.asarray(X, dtype=float))}
        self._last = None
        self.updates = []  # one array of row indices per backward call

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
        return self.model.forward(x)

    __call__ = forward

    def backward(self, dout):
        rows = np.asarray(self._last, dtype=float) if self._last is not None else np.zeros((0, 2))
        self.updates.append(np.array([self._rows.get(r.tobytes(), -1) for r in rows]))
        return self.model.backward(dout)


class _SpyOptimizer:
    def __init__(self, opt):
        self.opt, self.steps = opt, 0

    def __repr__(self):
        return "opt (Adam, lr=0.01)"

    def __getattr__(self, name):
        return getattr(self.opt, name)

    def step(self, *args):
        self.steps += 1
        return self.opt.step(*args)


class _SpyLoss:
    def __init__(self, loss_fn):
        self.loss_fn, self.last, self.backprop_losses = loss_fn, None, []

    def forward(self, scores, y):
        self.last = self.loss_fn.forward(scores, y)
        return self.last

    __call__ = forward

    def __repr__(self):
        return "loss_fn (BinaryCrossEntropy)"

    def backward(self):
        self.backprop_losses.append(self.last)
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
    first typical mistake it sees (no backward, no step, no shuffling, not averaged, ...).
    """
    (Xt, yt), (Xv, yv) = moons_data()
    n = len(Xt)
    model, opt = moons_network()
    spy_model, spy_loss = _SpyModel(model, Xt), _SpyLoss(losses.BinaryCrossEntropy())
    spy_opt = _SpyOptimizer(opt)
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
    curve, problem = as_numbers(got, fn.__name__, None, f"a list of {epochs} numbers, one loss "
                                "per epoch", returned=True)
    if problem is not None:
        said, _, hint = problem.message.partition("\nHint: ")
        return Feedback(problem.status, f"{said} {reached}" + (f"\nHint: {hint}" if hint else ""))
    curve = curve.reshape(-1)
    if len(curve) != epochs:
        return wrong(f"`{fn.__name__}` returned {len(curve)} losses for {epochs} epochs; expected "
                     f"one number per epoch. {reached}",
                     "append the epoch's loss once, after the inner loop over batches.")
    seen = np.concatenate(spy_model.updates)
    if len(seen) != epochs * n or np.any(seen < 0):
        return wrong(f"Over {epochs} epochs the updates used {len(seen)} examples in all; expected "
                     f"{epochs} × {n} = {epochs * n} (every training example once per epoch). "
                     f"{reached}", "loop `for start in range(0, len(X), batch_size)` and take "
                                   "the rows order[start:start + batch_size].")
    sizes = [len(u) for u in spy_model.updates]
    per_epoch = -(-n // batch_size)
    expected = ([batch_size] * (n // batch_size) + ([n % batch_size] if n % batch_size else []))
    if sizes != expected * epochs:
        return wrong(f"The batches had sizes {sorted(set(sizes))}; with batch_size={batch_size} and "
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
