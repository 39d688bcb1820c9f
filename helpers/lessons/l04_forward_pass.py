"""Lesson 04's own tools: its interactives and its exercise checkers.

Introduced in notebooks/04_forward_pass. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import functools

import ipywidgets as w
import numpy as np

from .. import data, layers, losses, optim, plots, train, validate
from ..checks import Feedback, as_numbers, call, correct, filled_in, fmt, wrong
from ..validate import _describe, as_array, positive_int
from ..widgets import Interactive, slider

# --- interactives ---

class ForwardStepper(Interactive):
    """Step one example through a small network, layer by layer (notebooks/04_forward_pass).

    ``model`` is a ``layers.Sequential`` of Dense layers with ReLU between them, 2 inputs and
    3 output scores; softmax turns the scores into probabilities for "cat", "dog" and "bird".
    The notebook passes the network it has built, ``layers.mlp([2, 3, 3, 3], seed=9)`` (also
    the default): two hidden ReLU layers of 3 units. Left: the diagram, circles coloured and
    labelled by their values up to the current step (the input x, then each layer's output
    after its activation: ReLU(z) for a hidden layer, softmax(z) for the output; purple below
    zero, orange above, white and empty: not computed yet), lines coloured by their weights'
    signs. Right: the current layer's numbers, before (z) and after its activation, with the
    shapes of the matrix product.
    """

    CLASSES = ("cat", "dog", "bird")

    def __init__(self, model=None):
        self.model = layers.mlp([2, 3, 3, 3], seed=9) if model is None else model
        if isinstance(self.model, type) or not isinstance(getattr(self.model, "layers", None), (list, tuple)):
            raise TypeError(f"ForwardStepper: expected model to be a layers.Sequential of Dense "
                            f"layers (such as layers.mlp([2, 3, 3, 3])), got {_describe(model)}.")
        self.dense = [m for m in self.model.layers if isinstance(m, layers.Dense)]
        if not self.dense:
            raise ValueError("ForwardStepper: the model has no Dense layer, so there is nothing to "
                             "step through. Fix: pass a network such as layers.mlp([2, 3, 3, 3]).")
        for d in self.dense:
            as_array(d.params["W"], "a layer's weights W", "ForwardStepper")
            as_array(d.params["b"], "a layer's biases b", "ForwardStepper")
        self.sizes = [self.dense[0].params["W"].shape[0], *(d.params["W"].shape[1] for d in self.dense)]
        if self.sizes[0] != 2 or self.sizes[-1] != len(self.CLASSES):
            raise ValueError(f"ForwardStepper: expected a network with 2 inputs and {len(self.CLASSES)} "
                             f"outputs, got layer sizes {self.sizes}.")
        self.fig, (ax_net, ax_txt) = plots.figure(8.4, 3.4, ncols=2, width_ratios=[1.25, 1])
        self.net = plots.draw_network(ax_net, self.sizes, [d.params["W"] for d in self.dense],
                                      layer_names=["input", *(f"hidden {i}" for i in
                                                               range(1, len(self.sizes) - 1)),
                                                   "output"])
        ax_net.set_title("One example flowing through the network")
        for i, name in enumerate(["x1", "x2"]):
            x, y = self.net.pos[0][i]
            ax_net.text(x - 0.3, y, name, ha="right", va="center", fontsize=9)
        for i, name in enumerate(self.CLASSES):
            x, y = self.net.pos[-1][i]
            ax_net.text(x + 0.3, y, name, ha="left", va="center", fontsize=9)
        self.step_marker = ax_net.axvspan(-0.32, 0.32, color=plots.PALETTE["yellow"], alpha=0.35, zorder=0)
        ax_txt.axis("off")
        ax_txt.set_xlim(0, 1)
        ax_txt.set_ylim(0, 1)
        ax_txt.set_title("The numbers at this step")
        kw = dict(transform=ax_txt.transAxes, ha="left", va="top", fontsize=10)
        self.lines = [ax_txt.text(0.0, 0.95 - 0.16 * i, "", **kw) for i in range(6)]
        self.lines[0].set_fontweight("bold")
        for t in self.lines[2:5]:
            t.set_family("monospace")
        self.moving = [self.step_marker, self.net.nodes, *self.net.labels, *self.lines]

    def steps(self, x1: float, x2: float) -> list:
        """[(z, a) for the input and each layer]: z before, a after the activation, each (width,).

        For the input, z = a = x; for the output, a is softmax(z)."""
        h = np.array([[x1, x2]], dtype=float)
        out = [(h[0], h[0])]
        for i, d in enumerate(self.dense):
            z = h @ d.params["W"] + d.params["b"]
            h = layers.softmax(z) if i == len(self.dense) - 1 else layers.relu(z)
            out.append((z[0], h[0]))
        return out

    def update(self, step: int = 3, x1: float = -2.0, x2: float = 1.0) -> dict:
        step = int(np.clip(step, 0, len(self.sizes) - 1))
        st = self.steps(x1, x2)
        self.net.set_activations([a for _z, a in st], upto=step)
        rgb = self.net.nodes.get_facecolors()[:, :3]
        for t, lum in zip(self.net.labels, rgb @ [0.299, 0.587, 0.114]):
            t.set_color("white" if lum < 0.5 else "black")  # readable on dark circles
        self.step_marker.set_x(step - 0.32)
        z, a = st[step]
        n = len(a)
        last = step == len(self.sizes) - 1
        vec = "[" + ", ".join(f"{v:6.2f}" for v in a) + "]"
        zvec = "[" + ", ".join(f"{v:6.2f}" for v in z) + "]"
        if step == 0:
            title, lines = "Step 0: the input layer", [
                "x, shape (1, 2)", f"x = {vec}", "", "",
                "The input layer only passes x on: no sum, no activation."]
            note = "input"
        else:
            prev = len(st[step - 1][1])
            shapes = f"(1, {prev}) @ ({prev}, {n}) + ({n},) → (1, {n})"
            if last:
                k = int(np.argmax(a))
                note = (f"{100 * a[k]:.0f} % {self.CLASSES[k]}" if a.max() - a.min() > 0.005 else
                        "no preference (equal scores give 1/3 each)")
                title = f"Step {step}: output layer (softmax)"
                lines = [shapes, f"scores z   = {zvec}", f"softmax(z) = {vec}",
                         f"sum        = {a.sum():.2f}", f"The network says {note} (the circles show softmax(z))."]
            else:
                dead = int(np.sum(z <= 0))
                note = ("ReLU set every sum to 0: this layer passes on nothing." if dead == n else
                        f"ReLU set {dead} negative sum{'s' if dead > 1 else ''} to 0." if dead else
                        "All sums are positive: ReLU keeps them.")
                title = f"Step {step}: hidden layer {step} (ReLU)"
                lines = [shapes, f"z       = {zvec}", f"ReLU(z) = {vec}", "",
                         note + " The circles show ReLU(z)."]
        import textwrap
        for t, s in zip(self.lines, [title] + lines):
            t.set_text(s)
        self.lines[-1].set_text(textwrap.fill(lines[-1], 42))  # the note may need two lines
        result = {"step": step, "layer": title.split(": ", 1)[1], "a": np.round(a, 3).tolist()}
        if step > 0:
            result["shapes"] = shapes
            result["z"] = np.round(z, 3).tolist()
        if last:
            result["prediction"] = note
        return result

    def readout(self, result: dict) -> str:
        if "prediction" in result:
            probs = ", ".join(f"{c} {100 * p:.0f} %" for c, p in zip(self.CLASSES, result["a"]))
            return f"<b>step {result['step']}</b>: {result['layer']} · {probs}"
        return (f"<b>step {result['step']}</b>: {result['layer']} · move the step slider to go on "
                f"(step {len(self.sizes) - 1} is the answer)")

    def controls(self) -> dict:
        return {
            "step": w.IntSlider(value=0, min=0, max=len(self.sizes) - 1, step=1, description="step (layer)",
                                style={"description_width": "initial"}, layout=w.Layout(width="260px")),
            "x1": slider("x1", -2.0, -3.0, 3.0, 0.1),
            "x2": slider("x2", 1.0, -3.0, 3.0, 0.1),
        }


class ActivationDepth(Interactive):
    """Activation scale through depth: why weights start at He or Xavier scale (notebooks/04_forward_pass).

    A stack of `DEPTH` layers of `WIDTH` units (fixed seed, biases 0) gets a batch of `BATCH`
    random inputs (each feature with spread 1). Every weight is drawn as
    ``scale / sqrt(fan_in) * normal(0, 1)``. Left: the spread (standard deviation) of each
    layer's activations, on a log scale. Right: histograms of layer 1's and layer 10's
    activations. Controls: ``scale`` (a log slider, 1/4 to 4 times 1/sqrt(fan_in)) and
    ``activation`` ("tanh" or "relu"). Scale 1 is Xavier for equal widths, scale √2 is He.
    """

    DEPTH, WIDTH, BATCH = 10, 100, 200
    SCALES = (1 / 4, 4.0)
    ACTIVATIONS = ("tanh", "relu")
    HIST_RANGE = {"tanh": (-1.1, 1.1), "relu": (-0.1, 3.1)}  # the histogram's x-axis for each
    HIST_LABEL = {"tanh": "activation value (tanh: from -1 to 1)",
                  "relu": "activation value (values above 3 drawn at 3)"}

    def __init__(self, seed: int = 0):
        seed = positive_int(seed, "seed", "ActivationDepth", minimum=0)
        rng = np.random.default_rng(seed)
        self.base = rng.standard_normal((self.DEPTH, self.WIDTH, self.WIDTH)) / np.sqrt(self.WIDTH)
        self.x = rng.standard_normal((self.BATCH, self.WIDTH))
        self._cache: dict = {}
        self._relu = self._relu_std = None  # ReLU's layers at scale 1, made on first use
        self._all_tanh(2.0 ** np.arange(-2, 2.125, 0.25))  # every scale the slider gives, at once
        self.fig, (ax, ax_h) = plots.figure(8.4, 3.5, ncols=2, width_ratios=[1.1, 1])
        depth = np.arange(1, self.DEPTH + 1)
        ax.axhline(1.0, color=plots.PALETTE["grey"], lw=1, ls=":", label="the inputs' spread (1)")
        (self.curve,) = ax.plot(depth, np.ones(self.DEPTH), "o-", color=plots.PALETTE["blue"], lw=2,
                                label="this network")
        ax.set_yscale("log")
        ax.set_ylim(1e-9, 1e6)
        ax.set_xticks(depth)
        ax.set_xlabel("layer")
        ax.set_ylabel("spread (std) of the activations")
        ax.set_title("How big are the activations, layer by layer?", fontsize=10)
        ax.legend(loc="upper left", fontsize=8)
        self.verdict = ax.text(0.98, 0.03, "", transform=ax.transAxes, ha="right", va="bottom",
                               fontsize=9, fontweight="bold")
        self.ax_h = ax_h
        self.first = ax_h.stairs(np.zeros(30), np.linspace(-1, 1, 31), color=plots.PALETTE["sky"],
                                 lw=1.5, fill=True, alpha=0.5, label="layer 1")
        self.last = ax_h.stairs(np.zeros(30), np.linspace(-1, 1, 31), color=plots.PALETTE["vermillion"],
                                lw=2, label="layer 10")
        ax_h.set_xlim(*self.HIST_RANGE["tanh"])
        ax_h.set_ylim(0, 0.6)
        ax_h.set_xlabel(self.HIST_LABEL["tanh"])
        ax_h.set_ylabel("share of the activations")
        ax_h.legend(loc="upper right", fontsize=8)
        self.hist_title = ax_h.set_title("", fontsize=10)
        self.moving = [self.curve, self.verdict, self.first, self.last, self.hist_title]

    def _relu_layers(self):
        """Every layer's ReLU activations at scale 1, (DEPTH, BATCH, WIDTH)."""
        h, out = self.x, np.empty((self.DEPTH, self.BATCH, self.WIDTH))
        for i, W in enumerate(self.base):
            h = out[i] = np.maximum(h @ W, 0.0)
        return out

    def _all_tanh(self, scales) -> None:
        """Work out tanh's spreads for many scales in one pass: a few big matrix products are
        much quicker than many small ones (a slider move then only looks its numbers up)."""
        scales = np.asarray(scales, dtype=float)
        k = len(scales)
        h = np.broadcast_to(self.x, (k, self.BATCH, self.WIDTH)).reshape(-1, self.WIDTH)
        stds, first, last = np.empty((k, self.DEPTH)), None, None
        for i, W in enumerate(self.base):
            z = (h @ W).reshape(k, self.BATCH, self.WIDTH) * scales[:, None, None]
            a = np.tanh(z)
            stds[:, i] = a.reshape(k, -1).std(axis=1)
            if i == 0:
                first = a.reshape(k, -1)
            h = a.reshape(-1, self.WIDTH)
        last = h.reshape(k, -1)
        for j, scale in enumerate(scales):
            self._cache[(round(float(scale), 9), "tanh")] = (
                stds[j], self._histogram(first[j], "tanh"), self._histogram(last[j], "tanh"),
                float(np.mean(np.abs(last[j]) > 0.99)))

    def spreads(self, scale: float, activation: str):
        """(std of each layer's activations (DEPTH,), layer 1's and layer 10's histograms).

        ReLU without biases is exact under scaling, relu(s·z) = s·relu(z), so layer k at
        scale s is s**k times layer k at scale 1: one forward pass serves every scale."""
        key = (round(float(scale), 9), activation)
        if key not in self._cache:
            if activation == "relu":
                if self._relu is None:
                    self._relu = self._relu_layers()
                    self._relu_std = self._relu.reshape(self.DEPTH, -1).std(axis=1)
                factors = scale ** np.arange(1, self.DEPTH + 1)
                stds = self._relu_std * factors
                first, last = self._relu[0].ravel() * factors[0], self._relu[-1].ravel() * factors[-1]
            else:  # a scale the slider does not give: numpy's own loop (einsum) is quicker
                h = self.x  # here than waking up BLAS's threads for ten small products
                stds = np.empty(self.DEPTH)
                for i, W in enumerate(self.base):
                    h = np.tanh(np.einsum("ij,jk->ik", h, W) * scale)
                    stds[i] = h.std()
                    if i == 0:
                        first = h.ravel()
                last = h.ravel()
            saturated = float(np.mean(np.abs(last) > 0.99)) if activation == "tanh" else 0.0
            if len(self._cache) > 200:  # values no slider gives (tests, code): keep it small
                self._cache = {k: v for k, v in list(self._cache.items())[:40]}
            self._cache[key] = (stds, self._histogram(first, activation),
                                self._histogram(last, activation), saturated)
        return self._cache[key]

    def _histogram(self, a, activation):
        """(share of the values in each of 30 bins, bin edges): tanh over [-1, 1]; ReLU over
        [0, 3], exact zeros left out and bigger values counted in the last bin."""
        if activation == "tanh":
            counts, edges = np.histogram(a, bins=30, range=(-1.0, 1.0))
        else:
            counts, edges = np.histogram(np.minimum(a[a > 0], 3.0), bins=30, range=(0.0, 3.0))
        return counts / max(len(a), 1), edges

    def still_key(self):
        return self.ax_h.get_xlim()  # the histogram's axis is redrawn when the activation changes it

    def update(self, scale: float = 1.0, activation: str = "tanh") -> dict:
        scale = float(scale)
        stds, first, last, saturated = self.spreads(scale, activation)
        if self.ax_h.get_xlim() != self.HIST_RANGE[activation]:
            self.ax_h.set_xlim(*self.HIST_RANGE[activation])
            self.ax_h.set_xlabel(self.HIST_LABEL[activation])
        self.curve.set_ydata(np.clip(stds, 1e-9, 1e6))
        for stairs, (counts, edges) in ((self.first, first), (self.last, last)):
            stairs.set_data(counts, edges)
        self.hist_title.set_text("Where the tanh values sit (from -1 to 1)" if activation == "tanh"
                                 else "Where the ReLU values sit (zeros left out)")
        std_last = float(stds[-1])
        if std_last < 0.05:
            verdict = "vanished"
        elif activation == "relu" and std_last > 20:
            verdict = "exploded"
        elif saturated > 0.2:
            verdict = "saturated"
        else:
            verdict = "steady" if std_last >= 0.5 * stds[0] else "shrinking slowly"
        words = {"vanished": "layer 10's activations have vanished (all near 0)",
                 "exploded": "layer 10's activations have exploded",
                 "saturated": "many of layer 10's tanh units are stuck at -1 or +1",
                 "steady": "the spread stays steady",
                 "shrinking slowly": "the spread shrinks, but slowly"}[verdict]
        self.verdict.set_text(words)
        return {"activation": activation, "scale": round(scale, 3),
                "std layer 1": float(np.round(stds[0], 3)), "std layer 10": float(f"{std_last:.3g}"),
                "saturated share": round(saturated, 2), "verdict": verdict}

    def readout(self, result: dict) -> str:
        named = {1.0: " (Xavier for equal widths)", round(np.sqrt(2), 3): " (He's scale)"}.get(result["scale"], "")
        return (f"<b>{result['activation']}</b>, weights × {result['scale']:.3g}/√fan_in{named} · "
                f"spread at layer 1: {result['std layer 1']:.3g}, at layer 10: "
                f"{result['std layer 10']:.3g} · <b>{result['verdict']}</b>")

    def controls(self) -> dict:
        return {"scale": w.FloatLogSlider(value=1.0, base=2, min=-2, max=2, step=0.25,
                                          description="scale × 1/√fan_in", readout_format=".3g",
                                          style={"description_width": "initial"},
                                          layout=w.Layout(width="360px")),
                "activation": w.ToggleButtons(options=list(self.ACTIVATIONS), value="tanh",
                                              description="activation",
                                              style={"button_width": "70px"})}


# --- a real forward pass: one digit through a small trained network ---

DIGIT_SIZES = (64, 16, 10)  # 64 pixels -> 16 ReLU units -> 10 scores


@functools.cache
def _digit_network():
    """(W1, b1, W2, b2, X_test, y_test) of the trained digit network, read-only arrays."""
    X, y = data.load_digits()
    (X_train, y_train), (X_test, y_test) = data.stratified_split(X / 16, y, (0.8, 0.2), seed=0)
    net = layers.mlp(list(DIGIT_SIZES), seed=0)
    train.fit(net, losses.SoftmaxCrossEntropy(), optim.Adam(net, lr=0.01), X_train, y_train,
              epochs=20, batch_size=32, seed=0)
    found = (net[0].params["W"], net[0].params["b"], net[2].params["W"], net[2].params["b"],
             X_test, y_test)
    for a in found:
        a.setflags(write=False)
    return found


def digit_network():
    """A small network trained on the digits: (model, X_test, y_test).

    ``layers.mlp([64, 16, 10], seed=0)`` trained for 20 epochs with Adam (lr 0.01, batches of
    32, seed 0) on 80 % of the digits (ink scaled to 0..1); X_test (359, 64) and y_test (359,)
    are the other 20 %, which it never saw. Trained once (under a second), then kept; every
    call gives a fresh copy, so changing it changes nothing else.

    Introduced in notebooks/04_forward_pass (a real forward pass).
    """
    W1, b1, W2, b2, X_test, y_test = _digit_network()
    net = layers.mlp(list(DIGIT_SIZES), seed=0)
    for layer, (W, b) in zip((net[0], net[2]), ((W1, b1), (W2, b2))):
        layer.params["W"][...] = W
        layer.params["b"][...] = b
    return net, X_test.copy(), y_test.copy()


class DigitForwardPass(Interactive):
    """One real digit through a small trained network, layer by layer (notebooks/04_forward_pass).

    Four panels, left to right: the 64 inputs drawn as the 8×8 image; the 16 hidden units'
    activations after ReLU; the 10 output scores; their softmax probabilities, the guess
    coloured green when right and vermillion when wrong (then the true digit's bar is dark blue).
    Control: which test digit (slider).
    ``model`` is a ``layers.Sequential`` Dense → ReLU → Dense from 64 inputs to 10 scores
    (default: `digit_network`'s); ``X`` (N, 64) with ink 0..1 and ``y`` (N,) the true digits.
    """

    def __init__(self, model=None, X=None, y=None):
        where = "DigitForwardPass"
        if model is None:
            model, X0, y0 = digit_network()
            X = X0 if X is None else X
            y = y0 if y is None else y
        if isinstance(model, type) or not isinstance(getattr(model, "layers", None), (list, tuple)):
            raise TypeError(f"{where}: expected model to be a layers.Sequential such as "
                            f"digit_network()[0], got {_describe(model)}.")
        kinds = [type(m).__name__ for m in model.layers]
        if kinds != ["Dense", "ReLU", "Dense"]:
            raise ValueError(f"{where}: expected a network Dense, ReLU, Dense (one hidden layer), "
                             f"got {', '.join(kinds) or 'no layers'}. Fix: pass digit_network()[0] "
                             "or layers.mlp([64, 16, 10]).")
        W1, W2 = model.layers[0].params["W"], model.layers[2].params["W"]
        if W1.shape[0] != 64 or W2.shape[1] != 10:
            raise ValueError(f"{where}: expected 64 inputs and 10 scores, got a network "
                             f"{W1.shape[0]} → {W1.shape[1]} → {W2.shape[1]}. Fix: "
                             "layers.mlp([64, 16, 10]).")
        if X is None or y is None:
            raise TypeError(f"{where}: with your own model, also pass X (N, 64) and y (N,), "
                            "e.g. DigitForwardPass(model, X_test, y_test).")
        self.X = as_array(X, "X", where, shape=(None, 64))
        self.y = validate.labels(y, len(self.X), 10, where)
        self.model = model
        with np.errstate(all="ignore"):
            steps = model.forward_steps(self.X)
        self.hidden, self.scores = steps[2], steps[3]
        if not (np.all(np.isfinite(self.hidden)) and np.all(np.isfinite(self.scores))):
            raise validate.NotFiniteError(f"{where}: the network gives NaN or infinity on X. "
                                          "Fix: check X for NaN, or retrain the network.")
        self.probs = layers.softmax(self.scores)
        H = self.hidden.shape[1]
        self.fig, axes = plots.figure(9.6, 2.7, ncols=4, width_ratios=[0.8, 1.2, 1, 1])
        ax_img, ax_h, ax_s, ax_p = axes
        self.image = ax_img.imshow(self.X[0].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1,
                                   interpolation="nearest")
        ax_img.set_xticks([])
        ax_img.set_yticks([])
        self.img_title = ax_img.set_title("", fontsize=9)
        ax_img.set_xlabel("64 inputs (8 × 8 pixels)", fontsize=8)
        self.h_bars = ax_h.bar(np.arange(H), self.hidden[0], color=plots.PALETTE["orange"])
        ax_h.set_ylim(0, max(float(self.hidden.max()), 1e-9) * 1.05)
        ax_h.set_xticks(np.arange(0, H, 5))
        ax_h.set_xlabel(f"hidden unit (of {H})", fontsize=8)
        ax_h.set_ylabel("activation", fontsize=8)
        self.h_title = ax_h.set_title("", fontsize=9)
        top = float(np.abs(self.scores).max()) * 1.05 or 1.0
        self.s_bars = ax_s.bar(np.arange(10), self.scores[0], color=plots.PALETTE["blue"])
        ax_s.axhline(0, color="black", lw=0.6)
        ax_s.set_ylim(-top, top)
        ax_s.set_xticks(np.arange(10))
        ax_s.set_xlabel("digit", fontsize=8)
        ax_s.set_ylabel("score z", fontsize=8)
        ax_s.set_title("3. scores (any number)", fontsize=9)
        self.p_bars, self.p_title = plots.probability_bars(ax_p, self.probs[0])
        ax_p.xaxis.label.set_fontsize(8)
        ax_p.yaxis.label.set_fontsize(8)
        self.p_title.set_fontsize(9)
        for ax in axes[1:]:
            ax.tick_params(labelsize=7)
        self.moving = [self.image, self.img_title, *self.h_bars, self.h_title, *self.s_bars,
                       *self.p_bars, self.p_title]

    def update(self, index: int = 0) -> dict:
        i = int(index)
        h, z, p = self.hidden[i], self.scores[i], self.probs[i]
        guess, true = int(p.argmax()), int(self.y[i])
        self.image.set_data(self.X[i].reshape(8, 8))
        self.img_title.set_text(f"1. test digit #{i}: a {true}")
        for bar, v in zip(self.h_bars, h):
            bar.set_height(v)
        silent = int(np.sum(h <= 0))
        self.h_title.set_text(f"2. hidden layer: {silent} of {len(h)} at 0")
        for bar, v in zip(self.s_bars, z):
            bar.set_height(v)
        for k, bar in enumerate(self.p_bars):
            bar.set_height(p[k])
            bar.set_color(plots.PALETTE["sky"])
        right = guess == true
        self.p_bars[guess].set_color(plots.PALETTE["green"] if right else plots.PALETTE["vermillion"])
        if right:
            self.p_title.set_text(f"4. softmax: {guess} ({p[guess]:.0%}), right")
        else:  # the true digit's bar in dark blue: how far behind is it?
            self.p_bars[true].set_color(plots.PALETTE["blue"])
            self.p_title.set_text(f"4. softmax: {guess} ({p[guess]:.0%}), wrong")  # true digit: panel 1
        rank = int(np.sum(p > p[true])) + 1
        return {"true digit": true, "guess": guess, "probability": f"{p[guess]:.0%}",
                "right": right, "true digit's probability": f"{p[true]:.0%}", "true digit's rank": rank,
                "hidden units at 0": silent, "largest score": round(float(z.max()), 1)}

    def readout(self, result: dict) -> str:
        text = (f"a <b>{result['true digit']}</b> · {result['hidden units at 0']} hidden units at 0 · "
                f"guess <b>{result['guess']}</b> with {result['probability']} "
                f"({'right' if result['right'] else 'wrong'})")
        if not result["right"]:
            rank, share = result["true digit's rank"], result["true digit's probability"]
            place = {2: "second", 3: "third"}.get(rank, f"number {rank}")
            text += (f" · the true digit {result['true digit']} (dark blue bar) gets {share}, "
                     f"{place} of the ten")
        return text

    def controls(self) -> dict:
        return {"index": w.IntSlider(value=0, min=0, max=len(self.X) - 1, description="test digit",
                                     layout=w.Layout(width="400px"))}


# --- exercise checkers ---


# --- translating a shape mistake into words (check_mlp_forward) ---

class _Named(np.ndarray):
    """An array that knows its name ("x", "W1", "b2", ...) and notes every matrix product and
    sum it takes part in, so a failed one can be told in words. A view or a computed result
    has no name (a copy keeps it)."""

    def __array_finalize__(self, obj):
        self._tag = getattr(obj, "_tag", None)  # (name, shape, strides) of the named original
        self._log = getattr(obj, "_log", None)

    @staticmethod
    def name_of(a):
        tag = getattr(a, "_tag", None)
        if not tag:
            return None
        shape, strides = np.shape(a), getattr(a, "strides", None)
        if tag[1] == shape and tag[2] == strides:
            return tag[0]
        if len(shape) == 2 and tag[1] == shape[::-1] and tag[2] == strides[::-1]:
            return tag[0] + ".T"  # the named array turned around
        if len(tag[1]) == 1 and shape == (tag[1][0], 1):
            return f"{tag[0]} made into a column"  # b[:, None] or b.reshape(-1, 1)
        return None

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        log = next((a._log for a in inputs if isinstance(a, _Named) and a._log is not None), None)
        if log is not None and method == "__call__" and ufunc in (np.matmul, np.add, np.subtract):
            log.append((ufunc.__name__, [(_Named.name_of(a), np.shape(a)) for a in inputs]))
        plain = [np.asarray(a) if isinstance(a, _Named) else a for a in inputs]
        if "out" in kwargs:
            kwargs["out"] = tuple(np.asarray(o) if isinstance(o, _Named) else o for o in kwargs["out"])
        return getattr(ufunc, method)(*plain, **kwargs)

    def __array_function__(self, func, types, args, kwargs):
        if func is np.dot:
            log = next((a._log for a in args if isinstance(a, _Named) and a._log is not None), None)
            if log is not None:
                log.append(("matmul", [(_Named.name_of(a), np.shape(a)) for a in args[:2]]))
        args = tuple(np.asarray(a) if isinstance(a, _Named) else a for a in args)
        return func(*args, **kwargs)


def _named(a, name, log):
    out = np.array(a).view(_Named)
    out._tag, out._log = (name, out.shape, out.strides), log
    return out


def _shape_words(fn, name, x, params, problem) -> str | None:
    """Words for a shape error in the learner's forward pass, or None when it was not one."""
    text = problem.message.split("\n", 1)[0]
    if not any(k in text for k in ("matmul", "could not be broadcast", "not aligned", "mismatch")):
        return None
    where = next((line for line in problem.message.split("\n") if line.startswith("It happened")), "")
    log: list = []
    traced = [(_named(W, f"W{i + 1}", log), _named(b, f"b{i + 1}", log)) for i, (W, b) in enumerate(params)]
    call(fn, _named(x, "x", log), traced)
    sizes = [x.shape[1]] + [W.shape[1] for W, _b in params]
    flow = " → ".join(str((x.shape[0], s)) for s in sizes)
    given = ", ".join(f"W{i + 1} {W.shape}" for i, (W, _b) in enumerate(params))
    setting = (f"Here x is {x.shape} ({x.shape[0]} examples of {x.shape[1]} features), the weights "
               f"are {given}, so the shapes should go {flow}.")
    if not log:
        return (f"`{name}` stopped: two arrays whose shapes do not fit were combined. {setting}"
                + (f"\n{where}" if where else "")
                + "\nHint: each layer is h @ W + b, with the batch h first.")
    op, operands = log[-1]
    (left, ls), (right, rs) = (operands + [(None, ())] * 2)[:2]

    def called(n, s):
        if n and n.endswith("made into a column"):
            return f"{n}, shape {s}"
        return f"{n} {s}" if n else f"an array of shape {s} computed in your function"

    if op == "matmul":
        head = (f"`{name}` stopped at a matrix product that cannot be done: {called(left, ls)} @ "
                f"{called(right, rs)}. In A @ B the number of columns of A must equal the number of "
                f"rows of B.")
        if (right or "").endswith(".T") or (left or "").endswith(".T"):
            fix = ("a weight matrix was turned around (W.T): in this course W is already (inputs, "
                   "outputs), so use it as it is.")
        elif left and left.startswith("W"):
            fix = ("put the batch first: h @ W, not W @ h. Each row of x is one example, and W has "
                   "one row per input.")
        elif left == "x" and right and right.startswith("W") and right != "W1":
            fix = (f"{right} got x, the network's input, instead of the previous layer's output: "
                   "keep one running h (h = x before the loop, then h = h @ W + b).")
        else:
            fix = "follow the shapes layer by layer: h @ W, where h has as many columns as W has rows."
    else:
        head = (f"`{name}` stopped at a sum that cannot be done: {called(left, ls)} {'+' if op == 'add' else '-'} "
                f"{called(right, rs)}; numpy can only add arrays whose last sizes match.")
        column = next((n for n in (left, right) if n and n.endswith("made into a column")), None)
        if column:
            fix = (f"keep {column.split()[0]} as it is, one number per neuron, shape ({rs[0] if right == column else ls[0]},): "
                   "numpy adds it to every row, one row per example. As a column it would go down "
                   "the examples instead.")
        else:
            fix = ("each bias has one number per neuron of its own layer: add b1 to x @ W1, b2 to "
                   "h @ W2, and so on.")
    return f"{head} {setting}" + (f"\n{where}" if where else "") + f"\nHint: {fix}"


# --- exercise: predict two softmaxes (notebooks/04_forward_pass) ---

SOFTMAX_SCORES = {"equal": (2.0, 2.0, 2.0), "big": (1000.0, 1001.0, 1002.0)}


def _softmax_words(key, g, want) -> tuple[str, str]:
    """(what went wrong, hint) for one prediction `g` (3 numbers, maybe NaN) against `want`."""
    if not np.all(np.isfinite(g)):
        if key == "big":
            return ("that is what the formula gives when a computer follows it word for word: "
                    "np.exp(1000) overflows to infinity, and inf / inf is nan. The maths itself has a "
                    "perfectly good answer.",
                    "Softmax only cares about the gaps between the scores. Here they are 1 and 1, "
                    "the same as for [0, 1, 2].")
        return ("np.exp(2) is about 7.39, an ordinary number: nothing overflows here.",
                "What happens when you divide three equal numbers by their sum?")
    total = float(g.sum())
    if key == "equal" and np.allclose(g, 1.0, atol=0.01):
        return ("[1, 1, 1] adds up to 3, but probabilities add up to 1.",
                "Equal scores share the whole 1 equally.")
    if key == "equal" and np.allclose(g, np.exp(2.0), atol=0.05):
        return ("that is np.exp of each score; softmax then divides by their sum.",
                "Divide each e² by e² + e² + e².")
    if key == "big" and np.allclose(g, 1 / 3, atol=0.01):
        return ("the scores are not equal: 1002 is 2 more than 1000. Softmax does not look at how big "
                "the scores are (1000 / 3003 is about 1/3), only at their gaps, and exp turns a gap "
                "of 1 into a factor of e ≈ 2.7.",
                "Subtract 1000 from every score: the answer is softmax([0, 1, 2]).")
    if key == "big" and np.allclose(g, want[::-1], atol=0.01):
        return ("that is the right set of numbers in the wrong order: the largest score, 1002, gets "
                "the largest probability.", "Keep the order of the scores.")
    if key == "big" and np.allclose(g, [0.0, 0.0, 1.0], atol=0.01):
        return ("a gap of 2 makes the last score e² ≈ 7.4 times as likely as the first, not "
                "certain: the first two still get a share.",
                "Work out e⁰, e¹, e² and divide each by their sum.")
    if abs(total - 1.0) > 0.02:
        return (f"these add up to {total:.3g}, but softmax's outputs always add up to 1.",
                "Divide each exponential by the sum of all three.")
    if key == "equal":
        return ("equal scores give equal probabilities: nothing tells the three classes apart.",
                "Three equal shares of 1.")
    return ("not quite.", "Subtract 1000 from every score first (that does not change softmax), then "
                          "work out e⁰, e¹, e² and divide each by their sum.")


def check_softmax_predictions(predicted) -> Feedback:
    """Exercise 1 in notebooks/04_forward_pass: predict softmax([2, 2, 2]) and
    softmax([1000, 1001, 1002]) before running anything.

    ``predicted`` is the dict {"equal": three probabilities, "big": three probabilities};
    each is compared with the true softmax to within 0.01. Typical wrong answers get named:
    nan or infinity for the big scores (the naive formula, not the maths), [1, 1, 1], e² each,
    1/3 each for the big scores, the right numbers in reverse, and answers that do not add up to 1.
    """
    given = filled_in(predicted, SOFTMAX_SCORES, "predicted", "three probabilities")
    if isinstance(given, Feedback):
        return given
    lines, hints, bad = [], [], 0
    for key, scores in SOFTMAX_SCORES.items():
        want = layers.softmax(np.array(scores))
        label = "softmax([" + ", ".join(f"{v:g}" for v in scores) + "])"
        g, problem = as_numbers(given[key], f'predicted["{key}"]', 3, "three probabilities",
                                finite=False)
        if problem is not None:
            bad += 1
            said, _, hint = problem.message.partition("\nHint: ")
            lines.append(f"✗ {label}: {said}")
            hints.append(hint)
            continue
        if np.allclose(g, want, atol=0.01):
            lines.append(f"✓ {label} = {fmt(np.round(want, 3))}")
            continue
        bad += 1
        why, hint = _softmax_words(key, g, want)
        lines.append(f"✗ {label}: you said {fmt(np.round(g, 3), 60)}; {why}")
        hints.append(hint)
    table = "\n".join(lines)
    if bad:
        return wrong(f"{len(SOFTMAX_SCORES) - bad} of {len(SOFTMAX_SCORES)} right:\n{table}",
                     " ".join(h for h in hints if h) or "Give three probabilities for each, as a list such "
                     "as [0.2, 0.3, 0.5].")
    return correct("Correct, both! Equal scores share 1 equally. The big scores give the same answer as "
                   "[0, 1, 2], because only the gaps between scores count. A computer that follows the "
                   f"formula word for word still gets nan there: the break-it section shows it.\n{table}")


def check_softmax(fn) -> Feedback:
    """Exercise in notebooks/04_forward_pass: a numerically stable softmax.

    Cases: small scores, big scores (the naive version overflows), a batch of rows (each
    row must sum to 1), and a batch whose rows live on very different scales (subtracting
    one global max underflows the smaller row).
    """
    name = getattr(fn, "__name__", "softmax")
    cases = [
        ("small scores", np.array([1.0, 2.0, 3.0])),
        ("big scores", np.array([1000.0, 1001.0, 1002.0])),
        ("a batch of 2 rows", np.array([[1.0, 2.0, 3.0], [2.0, -1.0, 0.5]])),
        ("a batch whose rows differ in scale", np.array([[1000.0, 1001.0, 1002.0], [-1.0, 0.0, 1.0]])),
        ("scores far apart", np.array([-1000.0, 0.0, 1000.0])),
    ]
    for label, z in cases:
        got, problem = call(fn, z.copy())
        if problem is not None:
            if problem.status == "error" and z.ndim == 2:
                first = problem.message.split("\n", 1)[0]
                where = next((line for line in problem.message.split("\n")
                              if line.startswith("It happened")), "")
                if "could not be broadcast" in first:
                    return Feedback("error", (
                        f"`{name}` stopped on {label}, z of shape {z.shape}: numpy could not line up two "
                        f"arrays. z.max(axis=-1) or e.sum(axis=-1) gives one number per row, shape "
                        f"({z.shape[0]},), and numpy lines such an array up with the columns of z, not its "
                        f"rows. With keepdims=True the shape is ({z.shape[0]}, 1): one number per row, "
                        "which lines up with the rows." + (f"\n{where}" if where else "")
                        + "\nHint: keepdims=True on the max and on the sum: "
                        "z.max(axis=-1, keepdims=True) and e.sum(axis=-1, keepdims=True)."))
                problem.message += ("\nHint: for a batch, use the last axis and keep it: "
                                    "keepdims=True on the max and on the sum, so each row lines up with "
                                    "its own numbers.")
            return problem
        want = layers.softmax(z)
        g, problem = as_numbers(got, name, what=f"an array of probabilities like {fmt(want)}",
                                returned=True, on=f" on {label}", finite=False)
        if problem is not None:
            return problem
        if g.shape != want.shape:
            return wrong(f"On {label} {fmt(z)}, `{name}` returned shape {g.shape}, expected {want.shape} "
                         "(one probability per score).",
                         "keep the shape: divide e by its sum with keepdims=True.")
        if not np.all(np.isfinite(g)):
            if label == "big scores":
                return wrong(f"On big scores {fmt(z)}, `{name}` returned {fmt(g)}. "
                             "Overflow: np.exp(1000) is infinity, and inf / inf is nan.",
                             "subtract the max first: np.exp(z - z.max(axis=-1, keepdims=True)). "
                             "Softmax does not change when you shift all scores by the same amount.")
            if z.ndim == 2 and label.endswith("scale"):
                return wrong(f"On {label} {fmt(z)}, `{name}` returned {fmt(g)}. Subtracting one max for "
                             "the whole batch pushes the second row to exp(-1000) = 0, and 0 / 0 is nan.",
                             "subtract each row's own max: z.max(axis=-1, keepdims=True).")
            return wrong(f"On {label} {fmt(z)}, `{name}` returned {fmt(g)}, which contains nan or "
                         "infinity.", "overflow: subtract the max first.")
        sums = g.sum(axis=-1)
        if not np.allclose(sums, 1, atol=1e-6):
            if z.ndim == 2 and np.isclose(g.sum(), 1):
                return wrong(f"On {label}, the whole batch sums to 1 but each row sums to {fmt(sums)}. "
                             "Every example needs its own probabilities.",
                             "sum along the last axis: e.sum(axis=-1, keepdims=True).")
            if z.ndim == 2 and np.allclose(g.sum(axis=0), 1, atol=1e-6):
                return wrong(f"On {label}, each column sums to 1 but each row sums to {fmt(sums)}. "
                             "Each row is one example and needs its own probabilities.",
                             "use the last axis for the max and the sum: axis=-1, keepdims=True.")
            return wrong(f"On {label} {fmt(z)}, the probabilities sum to {fmt(sums)}, not 1.",
                         "divide the exponentials by their sum.")
        if not np.allclose(g, want, atol=1e-6):
            return wrong(f"On {label} {fmt(z)}, `{name}` returned {fmt(g)}, expected {fmt(want)}.",
                         "exponentiate the (shifted) scores, then divide by their sum.")
    return correct(f"Correct! `{name}` is stable on big scores, works on a batch of rows, and every "
                   "row sums to 1.")


def _fp04_mlp_case(sizes, n, seed):
    model = layers.mlp(sizes, seed=seed)
    # non-zero biases, so a forgotten bias shows
    rng = np.random.default_rng(seed + 100)
    for layer in model.layers:
        if "b" in layer.params:
            layer.params["b"][:] = rng.normal(0, 0.5, layer.params["b"].shape)
    params = [(layer.params["W"].copy(), layer.params["b"].copy())
              for layer in model.layers if "W" in layer.params]
    x = rng.normal(0, 1, (n, sizes[0]))
    return x, params, model.forward(x)


def check_mlp_forward(fn) -> Feedback:
    """Exercise in notebooks/04_forward_pass: ``fn(x, params)`` with params a list of (W, b)
    pairs, ReLU between layers and none after the last; compared with helpers.layers.mlp."""
    name = getattr(fn, "__name__", "mlp_forward")
    for sizes, n, seed in [([2, 3, 2], 4, 1), ([3, 5, 4, 2], 6, 2), ([2, 4, 1], 1, 3)]:
        x, params, want = _fp04_mlp_case(sizes, n, seed)
        shapes = " → ".join(str((n, s)) for s in sizes)
        got, problem = call(fn, x.copy(), [(W.copy(), b.copy()) for W, b in params])
        if problem is not None:
            if problem.status == "error":
                words = _shape_words(fn, name, x, params, problem)
                if words is not None:
                    return Feedback("error", words)
            return problem
        on = f"for a network {sizes} and x of shape {x.shape}"
        g, problem = as_numbers(got, name, what=f"an array of shape {want.shape}", returned=True,
                                on=" " + on)
        if problem is not None:
            return problem
        if g.shape != want.shape:
            return wrong(f"`{name}` returned shape {g.shape} {on}, expected {want.shape}. "
                         f"The shapes should go {shapes}.",
                         "loop over every (W, b) pair, feeding each layer's output into the next.")
        if np.allclose(g, want, atol=1e-6):
            continue
        if np.allclose(g, np.maximum(want, 0), atol=1e-6):
            return wrong(f"`{name}` {on} returned {fmt(g)}: the negative scores were cut to 0.",
                         "no ReLU after the last layer: it returns raw scores.")
        nobias = x
        for i, (W, _b) in enumerate(params):
            nobias = nobias @ W
            if i < len(params) - 1:
                nobias = np.maximum(nobias, 0)
        if np.allclose(g, nobias, atol=1e-6):
            return wrong(f"`{name}` {on} returned {fmt(g)}, expected {fmt(want)}. It looks like the "
                         "biases were left out.", "each layer is x @ W + b.")
        linear = x
        for W, b in params:
            linear = linear @ W + b
        if np.allclose(g, linear, atol=1e-6):
            return wrong(f"`{name}` {on} returned {fmt(g)}, expected {fmt(want)}. It looks like the "
                         "ReLU between layers is missing.",
                         "apply np.maximum(0, h) after every layer except the last.")
        return wrong(f"`{name}` {on} returned {fmt(g)}, expected {fmt(want)}.",
                     "h = x; for each (W, b): h = h @ W + b, then ReLU unless it is the last layer.")
    return correct(f"Correct! `{name}` gives the same numbers as helpers.layers.mlp on 3 networks, "
                   "from one example to a batch of 6.")
