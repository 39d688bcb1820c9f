"""Lesson 03's own tools: its interactives and its exercise checkers.

Introduced in notebooks/03_layers. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from .. import layers, plots
from ..checks import Feedback, as_numbers, call, compare, correct, fmt, not_done, wrong
from ..validate import as_array, choice, number_in, positive_int
from ..widgets import Interactive
from .l02_weights_and_biases import boundary_data  # the four input pairs and XOR's labels

# --- interactives ---

def random_network_pictures(depth: int, width: int, activation: str, seed: int,
                            n_nets: int = 3, resolution: int = 40, lim: float = 3.0):
    """What random networks of one size draw: each one's output over a 2-D grid.

    Builds ``n_nets`` networks ``layers.mlp([2] + [width] * depth + [1], activation)``
    with seeds seed, seed + 1, ..., and evaluates each on a resolution × resolution grid
    over [-lim, lim]².

    Returns
    -------
    images : (n_nets, resolution, resolution) array, row 0 at x2 = -lim
    n_params : int
        Learnable numbers in one such network.
    flatness : (n_nets,) array
        For each picture, the share of its variation a flat plane a·x1 + b·x2 + c cannot
        explain (0: perfectly flat, as any linear network must be).

    Introduced in notebooks/03_layers.
    """
    where = "random_network_pictures"
    depth = positive_int(depth, "depth (hidden layers)", where, minimum=0)
    width = positive_int(width, "width (units per layer)", where)
    if not (isinstance(activation, str) and activation in layers.ACTIVATIONS):
        choice(activation, "activation", where, layers.ACTIVATIONS)
    seed = positive_int(seed, "seed", where, minimum=0)
    n_nets = positive_int(n_nets, "n_nets", where)
    resolution = positive_int(resolution, "resolution", where, minimum=2)
    lim = number_in(lim, "lim", where, low=0, low_open=True)
    if depth * width * width > 10_000_000 or n_nets * resolution ** 2 > 10_000_000:
        raise ValueError(f"{where}: {n_nets} networks of {depth} × {width} units on a "
                         f"{resolution} × {resolution} grid are too big to draw in reasonable time. "
                         "Fix: fewer or smaller layers, or a coarser grid.")
    sizes = [2] + [width] * depth + [1]
    xs = np.linspace(-lim, lim, resolution)
    gx, gy = np.meshgrid(xs, xs)
    grid = np.c_[gx.ravel(), gy.ravel()]
    plane = np.c_[grid, np.ones(len(grid))]
    images, flat = [], []
    n_params = 0
    for k in range(n_nets):
        net = layers.mlp(sizes, activation=activation, seed=int(seed) * 1000 + k)
        n_params = net.n_params()
        with np.errstate(all="ignore"):
            # rows in chunks of 200: numpy's matrix product then stays on one thread, which is
            # many times faster on a busy machine than splitting such small products
            out = np.concatenate([net.forward(grid[i:i + 200])[:, 0] for i in range(0, len(grid), 200)])
            coef, *_ = np.linalg.lstsq(plane, out, rcond=None)
            spread = np.sum((out - out.mean()) ** 2)
            miss = np.sum((out - plane @ coef) ** 2)
        flat.append(float(miss / spread) if spread > 1e-12 * len(out) else 0.0)
        images.append(out.reshape(resolution, resolution))
    return np.array(images), n_params, np.array(flat)


class RandomNetworks(Interactive):
    """Depth, width and activation sliders: what shapes can random networks of that size draw?

    Three networks with random weights (seeded) each colour the square [-3, 3]² by their
    output: orange above zero, purple below, white at zero. With "linear" every picture is a
    flat ramp, however deep: stacked linear layers are one linear layer.

    Introduced in notebooks/03_layers.
    """

    N_NETS = 3
    MAX_DEPTH = 8
    MAX_WIDTH = 32

    def __init__(self):
        self.fig, axes = plots.figure(7.2, 2.9, ncols=self.N_NETS)
        self.axes = list(axes)
        lim = 3.0
        self.images = []
        self.notes = []
        for k, ax in enumerate(self.axes):
            im = ax.imshow(np.zeros((40, 40)), origin="lower", extent=(-lim, lim, -lim, lim),
                           cmap=plots.DIVERGING_CMAP, vmin=-1, vmax=1,
                           interpolation="bilinear")  # orange > 0 > purple
            self.images.append(im)
            self.notes.append(ax.text(0, 0, "", ha="center", va="center", fontsize=9,
                                      bbox={"boxstyle": "round", "fc": "white", "ec": "#999999"}))
            # no tick labels (they cost half the drawing time); the range is in the axis labels
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_xlabel("$x_1$ (-3 to 3)")
            ax.set_ylabel("$x_2$ (-3 to 3)" if k == 0 else "")
        self.contours = [None] * self.N_NETS
        self.title = self.fig.suptitle("Three random networks\norange: output > 0, purple: output < 0, "
                                       "black line: output = 0", y=0.98, va="top")
        self.fig.set_layout_engine("none")  # a fixed layout, with room for the two-line title
        for k, ax in enumerate(self.axes):
            ax.set_position([0.05 + k * 0.32, 0.1, 0.3, 0.64])

    def animated(self) -> list:
        """Everything inside the three squares and every title changes; the axis labels stay."""
        return [*self.images, *(c for c in self.contours if c is not None), *self.notes,
                *(ax.title for ax in self.axes), self.title,
                *(spine for ax in self.axes for spine in ax.spines.values())]

    def controls(self) -> dict:
        style = {"description_width": "initial"}
        lay = w.Layout(width="260px")
        return {
            "depth": w.IntSlider(value=2, min=0, max=self.MAX_DEPTH, description="hidden layers",
                                 style=style, layout=lay),
            "width": w.IntSlider(value=8, min=1, max=self.MAX_WIDTH, description="units per layer",
                                 style=style, layout=lay),
            "activation": w.Dropdown(options=["relu", "tanh", "sigmoid", "linear"], value="relu",
                                     description="activation", layout=w.Layout(width="200px")),
            "seed": w.IntSlider(value=0, min=0, max=99, description="random draw", style=style,
                                layout=lay),
        }

    def update(self, depth=2, width=8, activation="relu", seed=0) -> dict:
        imgs, n_params, flat = random_network_pictures(depth, width, activation, seed, self.N_NETS)
        constant = 0
        for k, (ax, im, note, img) in enumerate(zip(self.axes, self.images, self.notes, imgs)):
            big = float(np.abs(img).max())
            im.set_data(img)
            im.set_clim(-(big or 1.0), big or 1.0)
            same = float(img.max() - img.min()) <= 1e-9 * max(big, 1.0)
            constant += same
            note.set_text(f"the same output\neverywhere: {img.flat[0]:.2f}" if same else "")
            note.set_visible(same)
            if self.contours[k] is not None:
                self.contours[k].remove()
                self.contours[k] = None
            if img.min() < 0 < img.max():
                xs = np.linspace(-3.0, 3.0, img.shape[1])
                self.contours[k] = ax.contour(xs, xs, img, levels=[0.0], colors="black",
                                              linewidths=1.2)
            ax.set_title(f"network {k + 1}: {'flat' if flat[k] < 1e-6 else 'bent'}", fontsize=10)
        layers_text = (f"{int(depth)} hidden layer{'s' * (int(depth) != 1)} of {int(width)}"
                       if int(depth) > 0 else "no hidden layer (one neuron)")
        self.title.set_text(f"Three random networks: {layers_text}, {activation}\norange: output > 0, "
                            "purple: output < 0, black line: output = 0")
        if depth == 0:
            why = "No hidden layer: this is a single neuron, so every picture is a flat ramp."
        elif activation == "linear":
            why = ("Linear activation: the layers collapse into one, so every picture is a flat "
                   "ramp, however deep the network.")
        elif constant:
            why = (f"{constant} of {self.N_NETS} networks say the same number everywhere: with "
                   f"{activation} and so few units, a layer can switch off completely (no signal gets through).")
        else:
            why = "Bends and curves: the nonlinearity lets each layer fold what the last one drew."
        return {"parameters": n_params,
                "not flat": " / ".join(f"{100 * f:.1f} %" for f in flat),
                "message": why}

    def readout(self, result: dict) -> str:
        return (f"<b>parameters per network</b>: {result['parameters']} · <b>share of the picture "
                f"a flat plane misses</b>: {result['not flat']}<br>{result['message']}")


# --- exercise checkers ---

def check_dense_forward(dense_forward) -> Feedback:
    """The layer exercise: x (N, D) @ W (D, H) + b (H,) -> (N, H), for a batch and for one row.

    Introduced in notebooks/03_layers.
    """
    rng = np.random.default_rng(3)
    cases = [(rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)),
             (rng.normal(size=(1, 3)), rng.normal(size=(3, 5)), rng.normal(size=5)),
             (rng.normal(size=(6, 2)), rng.normal(size=(2, 4)), rng.normal(size=4))]
    name = getattr(dense_forward, "__name__", "dense_forward")
    for x, W, b in cases:
        got, problem = call(dense_forward, x.copy(), W.copy(), b.copy())
        shapes = f"x of shape {x.shape}, W {W.shape}, b {b.shape}"
        if problem is not None:
            if problem.status == "error":  # say the shapes, not the numbers
                problem.message = (problem.message.split("\nIt was called with")[0] +
                                   f"\nIt was called with {shapes}. (N, D) @ (D, H) needs no transpose.")
            return problem
        expected = x @ W + b
        g, problem = as_numbers(got, name, what=f"an array of shape {expected.shape}", returned=True,
                                on=f" for {shapes}")
        if problem is not None:
            return problem
        if g.shape == expected.shape and np.allclose(g, x @ W) and not np.allclose(g, expected):
            return wrong(f"For {shapes}, your output equals x @ W: the bias b is missing.",
                         "Add b at the end: numpy adds the (H,) vector to every row of the (N, H) result.")
        if g.shape == (expected.shape[1],) or (g.shape == (1, expected.shape[1]) and x.shape[0] > 1):
            return wrong(f"For {shapes} you returned shape {g.shape}, expected {expected.shape}: one "
                         "row of outputs per example. Did you use only the first example?",
                         "Use the whole batch: x @ W works on all N rows at once.")
        problem = compare(g, expected, name, (), hint=(
            "Each output column h is sum over d of x[:, d] * W[d, h], plus b[h]: that is x @ W + b. "
            "W has one column per neuron, so no transpose is needed."))
        if problem is not None:
            problem.message = f"For {shapes}: " + problem.message
            return problem
    return correct("Correct! Your layer computes x @ W + b for a whole batch: (N, D) @ (D, H) + (H,) "
                   "gives (N, H), one row of H outputs per example.")


def check_count_params(count_params) -> Feedback:
    """The counting exercise: count_params(sizes) must equal mlp(sizes).n_params().

    Introduced in notebooks/03_layers.
    """
    name = getattr(count_params, "__name__", "count_params")
    for sizes in ([2, 1], [2, 2, 1], [2, 16, 16, 1], [64, 32, 10], [3, 5, 4, 2]):
        got, problem = call(count_params, list(sizes))
        if problem is not None:
            return problem
        expected = layers.mlp(sizes).n_params()
        weights = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
        g, problem = as_numbers(got, f"{name}({sizes})", (), "a whole number", returned=True)
        if problem is not None:
            return problem
        if g == expected:
            continue
        if g == weights:
            return wrong(f"`{name}({sizes})` returned {g:g}: that counts the weights only. "
                         f"Expected {expected}.", "Every neuron also has a bias: add n_out for each layer.")
        if g == weights + sum(sizes):
            return wrong(f"`{name}({sizes})` returned {g:g}, expected {expected}: you gave the input "
                         "layer biases too.", "The input layer only receives the data; biases belong "
                         "to the neurons of the layers after it.")
        return wrong(f"`{name}({sizes})` returned {g:g}, expected {expected}.",
                     "For each pair of neighbouring layers (n_in, n_out): n_in × n_out weights plus "
                     "n_out biases. Sum over the pairs.")
    return correct("Correct! Your count matches Sequential.n_params() on all 5 networks.")


def xor_net_outputs(W1, b1, W2, b2):
    """Hidden (4, 2) and output (4,) of a 2-2-1 step network on the four input pairs of
    lesson 02's gates (`boundary_data`), in the order (0, 0), (0, 1), (1, 0), (1, 1).

    Every neuron fires (1) when its z > 0, else 0. Introduced in notebooks/03_layers.
    """
    where = "xor_net_outputs"
    W1 = as_array(W1, "W1", where, shape=(2, 2))
    b1 = as_array(b1, "b1", where, shape=(2,))
    W2 = as_array(W2, "W2", where, shape=(2, 1))
    b2 = as_array(b2, "b2", where, shape=(1,))
    pairs = boundary_data("XOR")[0]
    with np.errstate(all="ignore"):  # huge weights (1e308) overflow to ±inf, which still compare
        hidden = (pairs @ W1 + b1 > 0).astype(float)
        out = (hidden @ W2 + b2 > 0).astype(int).reshape(4)
    return hidden, out


def check_xor_network(xor_weights) -> Feedback:
    """The XOR exercise: (W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)) with step neurons computes XOR.

    Introduced in notebooks/03_layers.
    """
    if xor_weights is None:
        return not_done("xor_weights")
    if not isinstance(xor_weights, (tuple, list)) or len(xor_weights) != 4:
        return wrong(f"`xor_weights` is {fmt(xor_weights)}; expected four things: (W1, b1, W2, b2).")
    want = {"W1": (2, 2), "b1": (2,), "W2": (2, 1), "b2": (1,)}
    arrays = {}
    for (key, shape), value in zip(want.items(), xor_weights):
        n = int(np.prod(shape))
        a, problem = as_numbers(value, key, n, f"{n} numbers, shape {shape}", hint=(
            "W1 has one column per hidden neuron: W1[:, 0] are the weights of hidden neuron 1."))
        if problem is not None:
            return problem
        arrays[key] = a.reshape(shape)
    hidden, out = xor_net_outputs(arrays["W1"], arrays["b1"], arrays["W2"], arrays["b2"])
    pairs, truth, _ = boundary_data("XOR")
    if np.array_equal(out, truth):
        return correct("Correct! Your 2-2-1 network computes XOR on all four input pairs: two lines "
                       "in the hidden layer, combined by the output neuron.")
    rows = []
    for (x1, x2), h, o, t in zip(pairs, hidden, out, truth):
        mark = "" if o == t else "   <- wrong"
        rows.append(f"({x1:.0f}, {x2:.0f}): hidden = ({h[0]:.0f}, {h[1]:.0f}), output = {o}, XOR = {t}{mark}")
    h_or = np.array_equal(hidden[:, 0], [0, 1, 1, 1])
    h_and = np.array_equal(hidden[:, 1], [0, 0, 0, 1])
    if not h_or:
        hint = "Hidden neuron 1 (column 0 of W1, b1[0]) should compute OR: your OR weights from lesson 02."
    elif not h_and:
        hint = "Hidden neuron 2 (column 1 of W1, b1[1]) should compute AND: your AND weights from lesson 02."
    else:
        hint = ("The hidden layer is right. The output should fire when OR is 1 and AND is 0: a positive "
                "weight on OR, a negative weight on AND at least as large, and a bias just below zero "
                "(for example +1, -1 and -0.5).")
    return wrong("Your network's truth table:\n" + "\n".join(rows), hint)
