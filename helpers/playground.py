"""The playground: a TensorFlow-Playground-like trainer that lets a small numpy network learn a
2-D data set live, with every choice (data, depth, width, activation, optimizer, learning
rate, batch size, weight decay) on a control.

Introduced in notebooks/08_training_loop, which shows it; it is a tool of its own (like
`widgets.LossCurve`), so a later lesson can show it too. It trains through helpers.train.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from . import data, layers, losses, optim, plots, train
from .plots import freeze_layout
from .validate import NotFiniteError, positive_int
from .widgets import Interactive, View, acts_later, slider


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
    ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
    DEFAULTS = dict(dataset="moons", noise=0.2, depth=2, width=8, activation="tanh",
                    optimizer="adam", lr=0.03, batch_size=10, weight_decay=0.0)
    N_POINTS = 200
    VAL_FRACTION = 0.25
    N_TRAIN = 150  # N_POINTS × (1 - VAL_FRACTION): the training points, the largest batch
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
        where = "Playground"
        self.seed = positive_int(seed, "seed", where, minimum=0)
        resolution = positive_int(resolution, "resolution", where, minimum=2)
        if resolution > 400:
            raise ValueError(f"{where}: resolution={resolution} would paint {resolution ** 2:,} "
                             "points every frame; use at most 400 (the default is 50).")
        self.values = dict(self.DEFAULTS)  # the controls' rules; then the start is checked by them
        self.values = self.checked(dict(dataset=dataset, noise=noise, depth=depth, width=width,
                                        activation=activation, optimizer=optimizer, lr=lr,
                                        batch_size=batch_size, weight_decay=weight_decay), where)
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
        epoch = int(epoch) if epoch.is_integer() else epoch  # "epoch 1", not "epoch 1.0"
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
        """Apply control values: data/architecture/optimizer changes reset the network.

        Each value must be one its control can give (checked by `Interactive.checked`)."""
        changed = [k for k in values if values[k] != self.values[k]]
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
            "activation": w.Dropdown(options=list(self.ACTIVATIONS),
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
            "batch_size": acts_later(w.IntSlider(value=v["batch_size"], min=1, max=self.N_TRAIN,
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
        ctrls, text, image = self._parts()
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
            self.reset(why="Reset: epoch 0, from the same first weights.")
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
