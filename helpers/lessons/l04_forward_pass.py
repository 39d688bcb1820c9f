"""Lesson 04's own tools: its interactives and its exercise checkers.

Introduced in notebooks/04_forward_pass. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from .. import layers, plots
from ..checks import Feedback, as_numbers, call, correct, fmt, wrong
from ..validate import _describe, as_array
from ..widgets import Interactive, slider

# --- interactives ---

class ForwardStepper(Interactive):
    """Step one example through a small network, layer by layer (notebooks/04_forward_pass).

    ``model`` is a ``layers.Sequential`` of Dense layers with ReLU between them, 2 inputs and
    3 output scores; softmax turns the scores into probabilities for "cat", "dog" and "bird".
    The notebook passes the network it has built, ``layers.mlp([2, 3, 3, 3], seed=9)`` (also
    the default): two hidden ReLU layers of 3 units. Left: the diagram, circles coloured and labelled by their
    values up to the current step (purple below zero, orange above, white and empty: not
    computed yet), lines coloured by their weights' signs. Right: the current layer's
    numbers, before (z) and after (a) its activation, with the shapes of the matrix product.
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
                "x, shape (1, 2)", f"x = {vec}", "", "", "The input layer only passes x on."]
            note = "input"
        else:
            prev = len(st[step - 1][1])
            shapes = f"(1, {prev}) @ ({prev}, {n}) + ({n},) → (1, {n})"
            if last:
                k = int(np.argmax(a))
                note = (f"{100 * a[k]:.0f} % {self.CLASSES[k]}" if a.max() - a.min() > 0.005 else
                        "no preference (equal scores give 1/3 each)")
                title = f"Step {step}: output layer"
                lines = [shapes, f"scores z = {zvec}", f"softmax  = {vec}",
                         f"sum      = {a.sum():.2f}", f"The network says: {note}."]
            else:
                dead = int(np.sum(z <= 0))
                note = ("ReLU set every sum to 0: this layer passes on nothing." if dead == n else
                        f"ReLU set {dead} negative sum{'s' if dead > 1 else ''} to 0." if dead else
                        "All sums are positive: ReLU keeps them.")
                title = f"Step {step}: hidden layer {step} (ReLU)"
                lines = [shapes, f"z = {zvec}", f"a = {vec}", "", note]
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


# --- exercise checkers ---

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
                problem.message += ("\nHint: for a batch, sum along each row and keep the axis: "
                                    "e.sum(axis=-1, keepdims=True), so the division lines up row by row.")
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
                problem.message += ("\nHint: with a batch x of shape (N, D) and W of shape (D, H), "
                                    "the product is x @ W (not W @ x).")
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
