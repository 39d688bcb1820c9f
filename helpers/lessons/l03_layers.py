"""Lesson 03's own tools: its interactives and its exercise checkers.

Introduced in notebooks/03_layers. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import inspect
import re

import ipywidgets as w
import numpy as np

from .. import layers, plots
from ..checks import (
    Feedback,
    as_numbers,
    call,
    correct,
    filled_in,
    fmt,
    known_mistake,
    not_done,
    wrong,
)
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


# --- XOR's hidden space ---

XOR_PAIRS, XOR_LABELS, _ = boundary_data("XOR")  # (0, 0), (0, 1), (1, 0), (1, 1) and 0, 1, 1, 0
_PAIR_TEXT = ["(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)"]

# what one step neuron computes, by whether it fires on (0, 0), (0, 1), (1, 0), (1, 1)
GATE_NAMES = {
    (0, 0, 0, 0): "always 0", (0, 0, 0, 1): "AND", (0, 0, 1, 0): "x1 and not x2",
    (0, 0, 1, 1): "x1", (0, 1, 0, 0): "x2 and not x1", (0, 1, 0, 1): "x2",
    (0, 1, 1, 0): "XOR", (0, 1, 1, 1): "OR", (1, 0, 0, 0): "NOR", (1, 0, 0, 1): "XNOR",
    (1, 0, 1, 0): "not x2", (1, 0, 1, 1): "x1 or not x2", (1, 1, 0, 0): "not x1",
    (1, 1, 0, 1): "x2 or not x1", (1, 1, 1, 0): "NAND", (1, 1, 1, 1): "always 1",
}


def _gate_name(fires) -> str:
    """The name of the gate whose truth table on the four pairs is `fires` (four 0/1 values)."""
    return GATE_NAMES[tuple(int(v) for v in fires)]


def _closest_on_segment(p, a, b):
    """The point of segment a-b nearest to p."""
    d = b - a
    length2 = float(d @ d)
    t = 0.0 if length2 <= 1e-18 else min(1.0, max(0.0, float((p - a) @ d) / length2))
    return a + t * d


def _segments_gap(a0, a1, b0, b1):
    """(distance, p, q): p on segment a0-a1 and q on b0-b1 as close as they get; 0 if they meet."""
    def turn(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    if (turn(a0, a1, b0) * turn(a0, a1, b1) < 0) and (turn(b0, b1, a0) * turn(b0, b1, a1) < 0):
        return 0.0, a0, a0  # they cross
    best = None
    for p, (s0, s1), first in ((a0, (b0, b1), True), (a1, (b0, b1), True),
                               (b0, (a0, a1), False), (b1, (a0, a1), False)):
        q = _closest_on_segment(p, s0, s1)
        d = float(np.hypot(*(p - q)))
        if best is None or d < best[0]:
            best = (d, p, q) if first else (d, q, p)
    return best


def _separation(hidden) -> dict:
    """Can one line split XOR's classes among the four hidden points (4, 2)?

    Each class has two points, so one line splits them exactly when the segment joining the
    two XOR = 0 points and the one joining the two XOR = 1 points do not cross or touch (the
    segments, not the endless lines through them). When they do not,
    the widest split is the perpendicular bisector of their closest points.

    Returns {"separable", "margin", "w", "c", "why"}: the output unit w·h + c fires (> 0)
    for XOR = 1 when separable.
    """
    h = np.asarray(hidden, dtype=float)
    zero, one = h[XOR_LABELS == 0], h[XOR_LABELS == 1]
    names0 = [t for t, y in zip(_PAIR_TEXT, XOR_LABELS) if y == 0]
    names1 = [t for t, y in zip(_PAIR_TEXT, XOR_LABELS) if y == 1]
    gap, p, q = _segments_gap(zero[0], zero[1], one[0], one[1])
    if gap > 1e-9:
        w_out = q - p  # points from the XOR = 0 side to the XOR = 1 side
        c = -float(w_out @ (p + q) / 2)
        return {"separable": True, "margin": gap / 2, "w": w_out, "c": c,
                "why": "one straight line puts both XOR = 1 points on one side and both XOR = 0 "
                       "points on the other"}
    for i, a in enumerate(zero):
        for j, b in enumerate(one):
            if np.hypot(*(a - b)) <= 1e-9:
                return {"separable": False, "margin": 0.0, "w": None, "c": None,
                        "why": f"{' and '.join(sorted((names0[i], names1[j])))} land on the same hidden point "
                               f"({a[0]:.2f}, {a[1]:.2f}), but XOR is 0 for one and 1 for the other: "
                               "no line can split one point"}
    return {"separable": False, "margin": 0.0, "w": None, "c": None,
            "why": "the segment joining the two XOR = 0 points crosses or touches the segment joining "
                   "the two XOR = 1 points, so no straight line has both XOR = 0 points on one side and both XOR = 1 "
                   "points on the other"}


def _line_in_box(wv, c, lo, hi):
    """The two ends of the line wv·p + c = 0 inside the square [lo, hi]², or None."""
    w1, w2 = float(wv[0]), float(wv[1])
    ends = []
    if abs(w2) > 1e-12:
        for x in (lo, hi):
            y = -(c + w1 * x) / w2
            if lo - 1e-9 <= y <= hi + 1e-9:
                ends.append((x, y))
    if abs(w1) > 1e-12:
        for y in (lo, hi):
            x = -(c + w2 * y) / w1
            if lo - 1e-9 <= x <= hi + 1e-9:
                ends.append((x, y))
    if len(ends) < 2:
        return None
    ends = np.array(ends)
    far = max(((i, j) for i in range(len(ends)) for j in range(i + 1, len(ends))),
              key=lambda ij: np.hypot(*(ends[ij[0]] - ends[ij[1]])))
    a, b = ends[far[0]], ends[far[1]]
    return None if np.hypot(*(a - b)) < 1e-9 else (a, b)


class XorHiddenSpace(Interactive):
    """XOR's four points in the plane of the inputs and in the plane of two hidden units.

    Six sliders set the two hidden units' weights and biases (start: OR and NAND, as in the
    lesson). Left: the input plane, each hidden unit's line and an arrow to the side where it
    fires. Right: the same four points at their hidden coordinates (h1, h2), which is all the
    output unit sees; the dashed segments join the points of each class. When those two dashed
    segments do not cross or touch, one line (black) splits the classes and the output unit can compute XOR.

    Introduced in notebooks/03_layers.
    """

    IN_LIM = (-0.5, 1.5)
    H_LIM = (-0.25, 1.25)
    UNIT_COLOURS = (plots.PALETTE["vermillion"], plots.PALETTE["purple"])

    def __init__(self):
        self.fig, (self.ax_in, self.ax_h) = plots.figure(7.3, 3.4, ncols=2)
        blue, orange = plots.CLASS_COLOURS[0], plots.CLASS_COLOURS[1]
        self.class_style = [dict(color=blue, marker="o", s=190, label="XOR = 0"),
                            dict(color=orange, marker="s", s=50, label="XOR = 1")]
        for ax, lim in ((self.ax_in, self.IN_LIM), (self.ax_h, self.H_LIM)):
            ax.set_xlim(*lim)
            ax.set_ylim(*lim)
            ax.set_aspect("equal")
        # the input plane: points, their names, the dashed class lines (all still)
        for cls in (0, 1):
            pts = XOR_PAIRS[XOR_LABELS == cls]
            self.ax_in.scatter(pts[:, 0], pts[:, 1], zorder=4, edgecolors="white",
                               **self.class_style[cls])
            self.ax_in.plot(pts[:, 0], pts[:, 1], ls="--", lw=1, color=self.class_style[cls]["color"],
                            zorder=2)
        for (x1, x2), text in zip(XOR_PAIRS, _PAIR_TEXT):
            self.ax_in.annotate(text, (x1, x2), xytext=(7, -12), textcoords="offset points", fontsize=8)
        self.ax_in.set_xlabel("$x_1$")
        self.ax_in.set_ylabel("$x_2$")
        self.ax_in.set_title("Input plane: the hidden units' lines", fontsize=9.5)
        self.ax_in.legend(loc="upper left", fontsize=8, ncols=2, handletextpad=0.5, columnspacing=1.0,
                          markerscale=0.6,
                          frameon=True, framealpha=0.9, edgecolor="none").set_zorder(6)  # above the lines
        self.unit_lines, self.unit_arrows, self.unit_names = [], [], []
        for k, colour in enumerate(self.UNIT_COLOURS):
            (line,) = self.ax_in.plot([], [], color=colour, lw=2, zorder=3)
            arrow = self.ax_in.annotate("", xy=(0, 0), xytext=(0, 0), zorder=5,
                                        arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.8})
            name = self.ax_in.text(0, 0, f"h{k + 1}", color=colour, fontsize=10, fontweight="bold",
                                   ha="center", va="center", zorder=5)
            self.unit_lines.append(line)
            self.unit_arrows.append(arrow)
            self.unit_names.append(name)
        # the hidden plane: everything moves
        self.h_points = [self.ax_h.scatter([0], [0], zorder=4, edgecolors="white", **self.class_style[c])
                         for c in (0, 1)]
        self.h_class_lines = [self.ax_h.plot([], [], ls="--", lw=1, color=self.class_style[c]["color"],
                                             zorder=2)[0] for c in (0, 1)]
        self.h_labels = [self.ax_h.annotate("", (0, 0), xytext=(8, -8), textcoords="offset points",
                                            fontsize=8, va="top") for _ in range(4)]
        (self.out_line,) = self.ax_h.plot([], [], color="black", lw=2, zorder=3)
        self.ax_h.set_xlabel("$h_1$ (hidden unit 1's output)")
        self.ax_h.set_ylabel("$h_2$ (hidden unit 2's output)")
        self.h_title = self.ax_h.set_title("Hidden space: split by the black line", fontsize=9.5)
        self.moving = [*self.unit_lines, *self.unit_arrows, *self.unit_names, *self.h_points,
                       *self.h_class_lines, *self.h_labels, self.out_line, self.h_title]

    def controls(self) -> dict:
        style = {"description_width": "initial"}
        lay = w.Layout(width="250px")

        def s(label, value):
            return w.FloatSlider(value=value, min=-3.0, max=3.0, step=0.1, description=label,
                                 style=style, layout=lay, continuous_update=True)
        return {
            "w11": s("unit 1: weight of x1", 1.0), "w21": s("unit 1: weight of x2", 1.0),
            "b1": s("unit 1: bias", -0.5),
            "w12": s("unit 2: weight of x1", -1.0), "w22": s("unit 2: weight of x2", -1.0),
            "b2": s("unit 2: bias", 1.5),
            "activation": w.Dropdown(options=["step", "sigmoid"], value="step",
                                     description="hidden activation", style=style,
                                     layout=w.Layout(width="250px")),
        }

    def update(self, w11=1.0, w21=1.0, b1=-0.5, w12=-1.0, w22=-1.0, b2=1.5, activation="step") -> dict:
        W1 = np.array([[w11, w12], [w21, w22]], dtype=float)
        bias = np.array([b1, b2], dtype=float)
        z = XOR_PAIRS @ W1 + bias
        hidden = (z > 0).astype(float) if activation == "step" else layers.sigmoid(z)
        units = []
        for k in range(2):
            wk, ck = W1[:, k], float(bias[k])
            ends = _line_in_box(wk, ck, *self.IN_LIM)
            line, arrow, name = self.unit_lines[k], self.unit_arrows[k], self.unit_names[k]
            for artist in (line, arrow, name):
                artist.set_visible(ends is not None)
            if ends is not None:
                a, b = ends
                line.set_data([a[0], b[0]], [a[1], b[1]])
                mid = a + (0.3 if k == 0 else 0.7) * (b - a)  # apart, so the two labels never meet
                tip = mid + 0.3 * wk / np.hypot(*wk)
                arrow.xy, arrow.xyann = tuple(tip), tuple(mid)
                name.set_position(tuple(mid - 0.14 * wk / np.hypot(*wk)))  # behind the line, off the arrow
            gate = _gate_name(z[:, k] > 0)
            if ends is None and np.hypot(*wk) < 1e-12:
                units.append(f"{gate} (both weights 0: the same output for every input)")
            elif ends is None:
                units.append(f"{gate} (its line lies outside the picture)")
            else:
                units.append(gate)
        # hidden plane
        for cls, pts, seg in zip((0, 1), self.h_points, self.h_class_lines):
            hs = hidden[XOR_LABELS == cls]
            pts.set_offsets(hs)
            seg.set_data(hs[:, 0], hs[:, 1])
        sep = _separation(hidden)
        at_corners = bool(np.all(np.minimum(np.abs(hidden), np.abs(hidden - 1)) < 0.1))
        away = self._label_direction(hidden, sep)
        for i, label in enumerate(self.h_labels):
            same = [j for j in range(4) if np.allclose(hidden[j], hidden[i], atol=1e-6)]
            label.xy = tuple(np.clip(hidden[i], *self.H_LIM))
            if at_corners:  # points far apart: names beside them, inside the axes
                right = hidden[i][0] > 0.6  # names to the left of points on the right
                low = hidden[i][1] < 0.4  # and above points near the bottom
                dx, dy = (-8 if right else 8), (8 if low else -8)
            else:  # points close together: push each class's names away from the other class
                d = away if XOR_LABELS[i] == 1 else -away
                dx, dy = 11 * d[0], 11 * d[1]
            label.set_horizontalalignment("left" if dx > 3 else "right" if dx < -3 else "center")
            label.set_verticalalignment("bottom" if dy > 0 else "top")
            label.xyann = (dx, dy)
            label.set_text("\n".join(_PAIR_TEXT[j] for j in same) if same[0] == i else "")
        ends = _line_in_box(sep["w"], sep["c"], *self.H_LIM) if sep["separable"] else None
        self.out_line.set_visible(ends is not None)
        if ends is not None:
            self.out_line.set_data([ends[0][0], ends[1][0]], [ends[0][1], ends[1][1]])
        self.h_title.set_text("Hidden space: split by the black line" if sep["separable"]
                              else "Hidden space: no line can split them")
        sums = [f"z = {W1[0, k] + 0.0:.1f}·x1 {'-' if W1[1, k] < 0 else '+'} {abs(W1[1, k]):.1f}·x2 "
                f"{'-' if bias[k] < 0 else '+'} {abs(bias[k]):.1f}" for k in range(2)]
        return {"unit 1": units[0], "unit 2": units[1], "z 1": sums[0], "z 2": sums[1],
                "hidden": {t: (round(float(a), 2), round(float(b), 2)) for t, (a, b) in zip(_PAIR_TEXT, hidden)},
                "separable": sep["separable"], "margin": round(float(sep["margin"]), 3),
                "why": sep["why"], "activation": activation}

    @staticmethod
    def _label_direction(hidden, sep):
        """A unit vector from the XOR = 0 points towards the XOR = 1 points in the hidden plane."""
        if sep["separable"]:
            d = np.asarray(sep["w"], dtype=float)
        else:  # at right angles to the XOR = 0 segment, so names stay off the points' line
            zero = hidden[XOR_LABELS == 0]
            d = np.array([zero[0][1] - zero[1][1], zero[1][0] - zero[0][0]])
            if d @ (hidden[XOR_LABELS == 1].mean(axis=0) - zero.mean(axis=0)) < 0:
                d = -d
        n = float(np.hypot(*d))
        return d / n if n > 1e-9 else np.array([1.0, 1.0]) / np.sqrt(2)

    def readout(self, result: dict) -> str:
        like = "fires (output above 0.5) like" if result["activation"] == "sigmoid" else "computes"
        points = " · ".join(f"{t} → ({a:.2f}, {b:.2f})" for t, (a, b) in result["hidden"].items())
        verdict = (f"<b>yes</b>: {result['why']} (margin {result['margin']:.2f})."
                   if result["separable"] else f"<b>no</b>: {result['why']}.")
        return (f"<b>hidden unit 1</b>: {result['z 1']}, {like} {result['unit 1']} · <b>hidden unit 2</b>: "
                f"{result['z 2']}, {like} {result['unit 2']}<br><b>hidden coordinates (h1, h2)</b>: {points}<br>"
                f"<b>Can the output unit separate the classes?</b> {verdict}")


# --- a curve from ReLU hinges ---

def _bump(x):
    return np.exp(-x ** 2)


HINGE_TARGETS = {"bump": _bump, "sine": np.sin}
HINGE_X = np.linspace(-3.0, 3.0, 121)
# the best settings we found on the sliders' steps (a search over every choice of positions)
HINGE_BEST = {"bump": ((-1.9, -1.3, 0.0, 1.4), (0.3, 0.4, -1.4, 0.6)),
              "sine": ((-3.0, -2.5, -1.3, 1.5), (-1.4, 1.1, 1.1, -1.4))}


def _hinges(x, positions, slopes):
    """Each hinge slope_k · max(0, x - position_k) as rows (K, n), and their sum (n,)."""
    parts = np.asarray(slopes, float)[:, None] * np.maximum(0.0, x[None, :] - np.asarray(positions, float)[:, None])
    return parts, parts.sum(axis=0)


def _hinge_mse(target, positions, slopes) -> float:
    return float(np.mean((_hinges(HINGE_X, positions, slopes)[1] - HINGE_TARGETS[target](HINGE_X)) ** 2))


class ReluHinges(Interactive):
    """A sum of four ReLU "hinges" fitted by hand to a target curve on [-3, 3].

    Hinge k is slope_k · max(0, x - position_k): flat, then a straight rise (or fall) from its
    position on. Their sum is a bent line that changes slope by slope_k at each position.
    Sliders place each hinge and set its slope change; the readout gives the fit's mean
    squared error against the target (a bump exp(-x²), or sin x).

    Introduced in notebooks/03_layers.
    """

    N = 4
    COLOURS = (plots.PALETTE["vermillion"], plots.PALETTE["purple"], plots.PALETTE["green"],
               plots.PALETTE["black"])
    START = {"at1": -1.5, "slope1": 0.6, "at2": 0.0, "slope2": -1.2, "at3": 1.5, "slope3": 0.0,
             "at4": 2.5, "slope4": 0.0}

    def __init__(self):
        self.fig, ax = plots.figure(6.4, 3.3)
        self.ax = ax
        x = HINGE_X
        (self.target_line,) = ax.plot(x, _bump(x), color="#BBBBBB", lw=5, label="target")
        self.parts = [ax.plot(x, np.zeros_like(x), ls="--", lw=1.2, color=c,
                              label="each hinge (ReLU)" if k == 0 else None)[0]
                      for k, c in enumerate(self.COLOURS)]
        (self.sum_line,) = ax.plot(x, np.zeros_like(x), color=plots.PALETTE["blue"], lw=2.2,
                                   label="sum of the hinges")
        self.dots = [ax.plot([0], [0], "o", color=c, ms=7, mec="white", zorder=5)[0] for c in self.COLOURS]
        self.numbers = [ax.text(0, 0, str(k + 1), color=c, fontsize=10, fontweight="bold", ha="center",
                                va="bottom", zorder=5) for k, c in enumerate(self.COLOURS)]
        ax.set_xlim(-3, 3)
        ax.set_ylim(-1.6, 1.6)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.legend(loc="lower right", fontsize=8, ncols=3)
        self.title = ax.set_title("Four ReLU hinges against the bump: mean squared error 0.0000")
        self.moving = [self.target_line, *self.parts, self.sum_line, *self.dots, *self.numbers, self.title]

    def controls(self) -> dict:
        style = {"description_width": "140px"}  # one width for every label: the sliders line up
        lay = w.Layout(width="300px")
        ctrls = {"target": w.Dropdown(options=list(HINGE_TARGETS), value="bump", description="target",
                                      layout=w.Layout(width="180px"))}
        for k in range(1, self.N + 1):
            ctrls[f"at{k}"] = w.FloatSlider(value=self.START[f"at{k}"], min=-3.0, max=3.0, step=0.1,
                                            description=f"hinge {k} at x =", style=style, layout=lay)
            ctrls[f"slope{k}"] = w.FloatSlider(value=self.START[f"slope{k}"], min=-3.0, max=3.0, step=0.1,
                                               description=f"hinge {k} slope change", style=style,
                                               layout=lay)
        return ctrls

    def update(self, target="bump", at1=-1.5, slope1=0.6, at2=0.0, slope2=-1.2, at3=1.5, slope3=0.0,
               at4=2.5, slope4=0.0) -> dict:
        positions = np.array([at1, at2, at3, at4], dtype=float)
        slopes = np.array([slope1, slope2, slope3, slope4], dtype=float)
        x = HINGE_X
        goal = HINGE_TARGETS[target](x)
        parts, total = _hinges(x, positions, slopes)
        self.target_line.set_ydata(goal)
        for line, part, p in zip(self.parts, parts, positions):
            line.set_ydata(np.where(x >= p - 1e-9, part, np.nan))  # each ramp from its hinge on
        self.sum_line.set_ydata(total)
        at_hinge = _hinges(positions, positions, slopes)[1]
        for dot, number, p, y in zip(self.dots, self.numbers, positions, at_hinge):
            y = float(np.clip(y, -1.45, 1.3))
            dot.set_data([p], [y])
            number.set_position((p, y + 0.08))
        mse = float(np.mean((total - goal) ** 2))
        best = _hinge_mse(target, *HINGE_BEST[target])
        self.title.set_text(f"Four ReLU hinges against the {target}: mean squared error {mse:.4f}")
        order = np.argsort(positions, kind="stable")
        running, pieces = 0.0, ["0"]
        for k in order:
            running += slopes[k]
            pieces.append(f"{running:+.1f}".replace("+0.0", "0").replace("-0.0", "0"))
        return {"mse": round(mse, 4), "best": round(best, 4), "slopes": " → ".join(pieces),
                "target": target}

    def readout(self, result: dict) -> str:
        return (f"<b>mean squared error</b>: {result['mse']:.4f} · the best we found for the "
                f"{result['target']} with these four sliders: {result['best']:.4f}<br><b>slope of the "
                f"sum, piece by piece from left to right</b>: {result['slopes']}")


# --- exercise checkers ---

_MATMUL = re.compile(r"matmul: Input operand 1 has a mismatch in its core dimension 0.*?"
                     r"\(size (\d+) is different from (\d+)\)")
_DOT = re.compile(r"shapes \(([\d, ]*)\) and \(([\d, ]*)\) not aligned")
_BROADCAST = re.compile(r"could not be broadcast together with (?:remapped )?shapes\s*"
                        r"((?:\([\d, ]*\)\s*)+)")
_OPERAND = r"([A-Za-z_]\w*(?:\.T)?)"
_PRODUCTS = [re.compile(_OPERAND + r"\s*@\s*" + _OPERAND),
             re.compile(r"\bnp\.(?:dot|matmul)\(\s*" + _OPERAND + r"\s*,\s*" + _OPERAND),
             re.compile(_OPERAND + r"\.dot\(\s*" + _OPERAND)]


def _shape(t) -> str:
    """(4, 3) as "(4, 3)", (2,) as "(2,)"."""
    return str(tuple(int(n) for n in t))


def _parse_shape(text: str) -> tuple:
    return tuple(int(n) for n in text.replace(" ", "").split(",") if n)


def _named_shapes(fn, args) -> dict:
    """{learner's name: shape} for each array argument, and name.T for its transpose."""
    try:
        params = [p.name for p in inspect.signature(fn).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        params = []
    shapes = {}
    for name, a in zip(params, args):
        if isinstance(a, np.ndarray):
            shapes[name] = a.shape
            shapes[name + ".T"] = a.T.shape
    return shapes


def _product_words(left: str, right: str, ls: tuple, rs: tuple) -> str:
    inner_l = ls[-1]
    inner_r = rs[0] if len(rs) == 1 else rs[-2]
    return (f"`{left} @ {right}` cannot be computed: {left} has shape {_shape(ls)} and {right} has shape "
            f"{_shape(rs)}. A matrix product (a, b) @ (c, d) needs b = c: each row of the left side "
            f"meets each column of the right side, number by number. Here {inner_l} ≠ {inner_r}.")


def _shape_error(problem: Feedback, fn, args, arrays: str, fix: str) -> Feedback:
    """The learner's exception, said in words when it is a shape mismatch of a matrix product
    or a sum; numpy's own wording and array dumps are left out. `arrays` names the arguments'
    shapes, `fix` says the likely fix for this exercise."""
    lines = problem.message.split("\nIt was called with")[0].split("\n")
    head, where = lines[0], next((s for s in lines if s.startswith("It happened")), "")
    notes = [s for s in lines[1:] if s and not s.startswith("It happened")]
    code = re.search(r"line \d+: `(.*)`\.$", where)
    code = code.group(1) if code else ""
    shapes = _named_shapes(fn, args)
    pairs = [(m.group(1), m.group(2)) for rx in _PRODUCTS for m in rx.finditer(code)
             if m.group(1) in shapes and m.group(2) in shapes]
    words = None
    if (m := _MATMUL.search(head)) or (m2 := _DOT.search(head)):
        if m:
            rows_right, cols_left = int(m.group(1)), int(m.group(2))
            fits = [(a, b) for a, b in pairs if shapes[a][-1] == cols_left
                    and (shapes[b][0] if len(shapes[b]) == 1 else shapes[b][-2]) == rows_right]
            ls = rs = None
        else:
            ls, rs = _parse_shape(m2.group(1)), _parse_shape(m2.group(2))
            fits = [(a, b) for a, b in pairs if shapes[a] == ls and shapes[b] == rs]
        if fits:
            a, b = fits[0]
            words = _product_words(a, b, shapes[a], shapes[b])
        elif ls is not None:
            words = (f"A matrix product of shapes {_shape(ls)} and {_shape(rs)} cannot be computed: "
                     "(a, b) @ (c, d) needs b = c, the left side's columns equal to the right side's rows.")
        else:
            words = (f"A matrix product cannot be computed: its left side has {cols_left} columns but its "
                     f"right side has {rows_right} rows, and (a, b) @ (c, d) needs b = c.")
    elif m := _BROADCAST.search(head):
        both = [_parse_shape(s) for s in re.findall(r"\(([\d, ]*)\)", m.group(1))][:2]
        if len(both) == 2:
            a, b = both
            clash = next(((x, y) for x, y in zip(reversed(a), reversed(b)) if x != y and 1 not in (x, y)),
                         None)
            words = (f"Two arrays of shapes {_shape(a)} and {_shape(b)} cannot be added (or multiplied) "
                     "number by number: numpy lines their sizes up from the right, and each pair must be "
                     "equal or one of them 1" + (f"; here {clash[0]} and {clash[1]} are neither." if clash
                                                 else "."))
            vectors = [k for k, v in shapes.items() if len(v) == 1 and not k.endswith(".T")]
            for k in vectors:
                if (shapes[k][0], 1) in (a, b):
                    words += (f" {_shape((shapes[k][0], 1))} is {k} made into a column: add {k} as it is, "
                              f"shape {_shape(shapes[k])}, and numpy adds it to every row.")
    if words is None:  # not a shape mismatch: numpy's message stays, the dump goes
        words = head
    else:
        name = getattr(fn, "__name__", "your function")
        words = f"`{name}` stopped with a shape mismatch. " + words
    message = "\n".join([words] + ([where] if where else []) + [f"It was called with {arrays}."] + notes)
    return Feedback("error", message + f"\nHint: {fix}")


def _small(a) -> str:
    """A small array on one line, [[1, 2], [3, -0.5]], numbers rounded to 3 decimals."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 0:
        return f"{round(float(a), 3) + 0.0:g}"
    return "[" + ", ".join(_small(v) for v in a) + "]"


# the cases of exercise 1: whole numbers, small enough to show; W has one ROW per neuron
_DENSE_CASES = [
    (np.array([[1.0, 2.0, 0.0, -1.0], [0.0, 1.0, -1.0, 2.0]]),                  # N = 2, D = 4, H = 3
     np.array([[1.0, 0.0, -1.0, 0.0], [2.0, 1.0, 0.0, 1.0], [0.0, -1.0, 1.0, 1.0]]), np.array([0.5, -1.0, 0.0])),
    (np.array([[1.0, 0.0, 2.0], [-1.0, 1.0, 0.0], [0.0, 2.0, 1.0], [1.0, 1.0, 1.0]]),  # D = H = 3
     np.array([[0.0, 1.0, 0.0], [2.0, 0.0, -1.0], [1.0, 1.0, 1.0]]), np.array([1.0, 0.0, -2.0])),
    (np.array([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0]]), np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]]),
     np.array([0.5, -1.0])),                                                        # N = H = 2
    (np.array([[2.0, -1.0, 0.0, 1.0]]), np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 2.0, 1.0, -1.0]]),
     np.array([0.0, 1.0])),                                                         # one example
    (np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0], [1.0, 0.0], [-2.0, 1.0]]),      # N = 5, D = 2, H = 3
     np.array([[1.0, -1.0], [0.0, 2.0], [2.0, 1.0]]), np.array([0.0, 1.0, -1.0])),
]


def check_dense_forward(dense_forward) -> Feedback:
    """Exercise 1: a layer whose weights are stored one ROW per neuron, W of shape (H, D).

    x (N, D), W (H, D), b (H,) -> x @ W.T + b of shape (N, H). Typical mistakes (W used as
    (D, H), the bias left out, the result turned on its side, one example only) are named;
    a shape mismatch is said in words: which product, which shapes, the fix.

    Introduced in notebooks/03_layers.
    """
    name = getattr(dense_forward, "__name__", "dense_forward")
    fix = ("Row h of W holds neuron h's weights, so W.T (shape (D, H)) has one column per neuron, the "
           "layout of the lesson. Put the batch on the left: x @ W.T + b, (N, D) @ (D, H) + (H,) -> (N, H).")
    for x, W, b in _DENSE_CASES:
        n, d = x.shape
        h = W.shape[0]
        shapes = f"x of shape {_shape(x.shape)} ({n} example{'s' * (n != 1)}, {d} features), W {_shape(W.shape)} " \
                 f"({h} neurons, one row each), b {_shape(b.shape)}"
        got, problem = call(dense_forward, x.copy(), W.copy(), b.copy())
        if problem is not None:
            if problem.status == "error":
                return _shape_error(problem, dense_forward, (x, W, b), shapes, fix)
            return problem
        expected = x @ W.T + b
        g, problem = as_numbers(got, name, what=f"an array of shape {_shape(expected.shape)}", returned=True,
                                on=f" for {shapes}")
        if problem is not None:
            return problem
        if g.shape == expected.shape and np.allclose(g, expected):
            continue
        shown = (f"For x = {_small(x)}, W = {_small(W)}, b = {_small(b)}:\nexpected {_small(expected)}\n"
                 + (f"you returned {_small(g)}" if g.size <= 40 else f"you returned an array of shape {_shape(g.shape)}"))
        mistakes = [
            (x @ W + b if W.shape[0] == x.shape[1] else None,
             ("you computed x @ W + b: that treats W as (D, H), one column per neuron. Here each ROW of W is "
              "a neuron, and with D = H the shapes happen to fit, so numpy did not complain.", fix)),
            (x @ W.T, ("your output equals x @ W.T: the bias b is missing.",
                       "Add b at the end: numpy adds the (H,) vector to every row of the (N, H) result.")),
            (x @ W.T - b, ("your output equals x @ W.T - b: the bias is subtracted.", "Add b instead.")),
            ((x @ W.T + b).T if n > 1 else None,
             (f"your result is the right one turned on its side: shape {_shape(g.shape)}, one column per "
              "example. The course keeps one ROW per example.",
              "W @ x.T gives (H, N); x @ W.T gives (N, H), one row per example. Or transpose at the end.")),
            ((W @ x.T).T + b[:, None] if n == h else None,
             ("you added each neuron's bias along the wrong axis (to a row instead of a column).",
              "Compute x @ W.T first, of shape (N, H), then add b as it is: numpy adds it to every row.")),
            (W @ x.T + b if n == h else None,
             ("you computed W @ x.T + b: shape (H, N), one column per example, and b added along the wrong "
              "axis.", fix)),
            (x[0] @ W.T + b if n > 1 else None,
             (f"you returned one row, shape {_shape(g.shape)}, for {n} examples: only the first example went through.",
              "Use the whole batch: a matrix product works on all N rows of x at once.")),
        ]
        found = known_mistake(g, mistakes, right=expected)
        if found is not None:
            return wrong(f"{shown}\nWhat went wrong: {found[0]}", found[1])
        if g.shape != expected.shape:
            return wrong(f"{shown}\nWhat went wrong: shape {_shape(g.shape)}, expected {_shape(expected.shape)}: "
                         f"one row per example ({n}), one column per neuron ({h}).", fix)
        return wrong(f"{shown}\nWhat went wrong: the shape is right but the numbers are not.",
                     "Output [n, h] is row n of x times row h of W, number by number, summed, plus b[h]: "
                     "that is x @ W.T + b.")
    return correct("Correct! With W stored one row per neuron, the layer is x @ W.T + b: (N, D) @ (D, H) + (H,) "
                   "gives (N, H). It is the same layer as the lesson's, with W turned on its side "
                   "(PyTorch stores its weights this way, as lesson 09 shows).")


# exercise 2: a network for 28 × 28-pixel images, a batch of 32
NET_SIZES = [784, 128, 64, 10]
NET_BATCH = 32
_PREDICTION_KEYS = ("W2", "h1", "out", "parameters")


def _as_shape(v):
    """(shape tuple, None) or (None, what came and how to say it)."""
    if isinstance(v, np.ndarray) and v.ndim >= 1 and v.dtype.kind in "iuf" and v.size > 6:
        return None, (f"an array of shape {_shape(v.shape)}, not a shape: give the shape itself, such "
                      f"as {_shape(v.shape)} (array.shape gives it)")
    if isinstance(v, (bool, np.bool_)) or not isinstance(v, (tuple, list, np.ndarray)):
        kind = "a number" if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(
            v, (bool, np.bool_)) else fmt(v, 40)
        return None, f"{kind}; a shape is a tuple of sizes, such as (2, 3)"
    items = list(v)
    sizes = []
    for s in items:
        if isinstance(s, (bool, np.bool_)) or not isinstance(s, (int, float, np.integer, np.floating)):
            return None, f"{fmt(v, 40)}; a shape holds whole numbers only, such as (2, 3)"
        if not (s == s and s >= 1 and float(s).is_integer() and s < 1e9):
            return None, f"{fmt(v, 40)}; each size is a whole number of at least 1"
        sizes.append(int(s))
    if not sizes:
        return None, "an empty shape; a shape is a tuple of sizes, such as (2, 3)"
    return tuple(sizes), None


def _param_count_words(g: float) -> tuple[str, str] | None:
    sizes = NET_SIZES
    pairs = list(zip(sizes[:-1], sizes[1:]))
    per_layer = [a * b + b for a, b in pairs]
    weights = sum(a * b for a, b in pairs)
    total = sum(per_layer)
    if g == weights:
        return ("that counts the weights only.", "Every neuron after the input also has a bias: add n_out "
                                                  "for each layer.")
    if g == total + sizes[0] or g == total + sum(sizes):
        return ("that gives the input layer biases too.", "The input layer only receives the data; biases "
                                                          "belong to the neurons of the layers after it.")
    if g == sum(a * b + a for a, b in pairs):
        return ("you counted one bias per input of each layer, not one per neuron.",
                "A layer n_in -> n_out has n_out neurons, so n_out biases.")
    if g == total - sizes[-1]:
        return ("the output layer's 10 biases are missing.", "Every layer after the input has one bias "
                                                             "per neuron, the output layer too.")
    for k, part in enumerate(per_layer):
        if g == total - part:
            return (f"you left out layer {k + 1} ({pairs[k][0]} -> {pairs[k][1]}, {part:,} parameters).",
                    "Three layers have weights here: 784 -> 128, 128 -> 64 and 64 -> 10.")
    if g == sum(b for _, b in pairs):
        return ("that counts the biases only.", "Add the weights: n_in × n_out for each layer.")
    return None


def check_network_shapes(predictions) -> Feedback:
    """Exercise 2: predict W2's shape, h1's and the output's shape for a batch, and the number
    of parameters, of the 784-128-64-10 network on a batch of 32 images.

    Introduced in notebooks/03_layers.
    """
    given = filled_in(predictions, _PREDICTION_KEYS, "predictions")
    if isinstance(given, Feedback):
        return given
    predictions = given
    n, sizes = NET_BATCH, NET_SIZES
    expected = {"W2": (sizes[1], sizes[2]), "h1": (n, sizes[1]), "out": (n, sizes[3])}
    lines, hints = [], []
    for key, want in expected.items():
        got, why = _as_shape(predictions[key])
        if got is None:
            lines.append(f"{key}: you gave {why}.")
            continue
        if got == want:
            lines.append(f"{key} = {_shape(got)}: right.")
            continue
        said = {
            "W2": {(sizes[2], sizes[1]): "that is (out, in), the layout of exercise 1. The course's W is "
                                         "(n_in, n_out): one row per input, one column per neuron.",
                   (sizes[0], sizes[1]): "that is W1, the first layer's. W2 connects the 128 hidden units "
                                         "to the next 64.",
                   **{(n, s): "weights do not depend on the batch: a layer uses the same weights for every "
                              "example." for s in sizes}},
            "h1": {(sizes[1], n): "turned on its side: the course keeps one ROW per example, (N, H).",
                   (sizes[1],): "a batch gives one row per example: 32 rows.",
                   (1, sizes[1]): "a batch gives one row per example: 32 rows.",
                   (n, sizes[0]): "that is the input x. After the first layer each example has one number "
                                  "per neuron: 128 of them.",
                   (sizes[0], sizes[1]): "that is W1's shape; h1 is what the layer outputs for the batch."},
            "out": {(sizes[3], n): "turned on its side: one ROW per example, (N, C).",
                    (sizes[3],): "a batch gives one row per example: 32 rows of 10 scores.",
                    (1, sizes[3]): "a batch gives one row per example: 32 rows of 10 scores.",
                    (n, sizes[2]): "that is the second hidden layer's output; the output layer has 10 neurons."},
        }[key].get(got, "")
        lines.append(f"{key}: you said {_shape(got)}, not right yet." + (f" {said[0].upper()}{said[1:]}" if said else ""))
        if not said:
            hints.append({"W2": "W2 belongs to the second layer, 128 -> 64: shape (n_in, n_out).",
                          "h1": "h1 = x @ W1 + b1 with x (32, 784) and W1 (784, 128).",
                          "out": "The output layer has one neuron per digit; one row per example."}[key])
    value = predictions["parameters"]
    total = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
    if (isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value)
            and 0 <= value[1] < 1000):
        lines.append(f"parameters: you gave ({value[0]}, {value[1]}), two numbers: Python reads a comma as a "
                     f"separator, so 109,386 is the pair (109, 386). Write {value[0]}{value[1]:03d} or "
                     f"{value[0]}_{value[1]:03d}.")
    else:
        g, problem = as_numbers(value, "predictions['parameters']", (), "one whole number")
        if problem is not None:
            lines.append("parameters: you gave " + problem.message.split("\n")[0].split("is ", 1)[-1])
        elif g == total:
            lines.append(f"parameters = {total:,}: right.")
        else:
            found = _param_count_words(g)
            lines.append(f"parameters: you said {g:,.0f}, not right yet."
                         + (f" {found[0][0].upper()}{found[0][1:]}" if found else ""))
            hints.append(found[1] if found else "For each pair of neighbouring layers (n_in, n_out): "
                                                "n_in × n_out weights plus n_out biases. Sum over the pairs.")
    if all(s.endswith("right.") for s in lines):
        first = sizes[0] * sizes[1]
        return correct(f"Correct! x (32, 784) -> h1 (32, 128) -> h2 (32, 64) -> out (32, 10), one row per "
                       f"image all the way. W2 is (128, 64), and the network has {total:,} parameters: "
                       f"{first:,} of them ({first / total:.0%}) are the first layer's weights, one for "
                       "every pixel and hidden unit.")
    return wrong("Your predictions:\n" + "\n".join(lines), " ".join(dict.fromkeys(hints)))


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

    Judged by the network's outputs on the four input pairs, so every network that computes XOR
    passes (OR and AND, OR and NAND, in either order, at any scale). A wrong one gets its truth
    table, what each hidden neuron computes, and whether the hidden layer already makes XOR's
    classes separable by one line (then only the output neuron needs fixing).

    Introduced in notebooks/03_layers.
    """
    if xor_weights is None:
        return not_done("xor_weights")
    if not isinstance(xor_weights, (tuple, list)) or len(xor_weights) != 4:
        if isinstance(xor_weights, (tuple, list)):
            return wrong(f"`xor_weights` has {len(xor_weights)} item{'' if len(xor_weights) == 1 else 's'}; "
                         "expected four: (W1, b1, W2, b2).",
                         "put all four in one tuple: xor_weights = (W1, b1, W2, b2).")
        return wrong(f"`xor_weights` is {fmt(xor_weights, 80)}; expected four things: (W1, b1, W2, b2).")
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
    names = [_gate_name(hidden[:, k]) for k in range(2)]
    if np.array_equal(out, XOR_LABELS):
        return correct(f"Correct! Your 2-2-1 network computes XOR on all four input pairs. Its hidden "
                       f"neurons compute {names[0]} and {names[1]}: two lines in the input plane, and in "
                       "their coordinates one more line, the output neuron's, splits the classes.")
    rows = []
    for text, h, o, t in zip(_PAIR_TEXT, hidden, out, XOR_LABELS):
        mark = "" if o == t else "   <- wrong"
        rows.append(f"{text}: hidden = ({h[0]:.0f}, {h[1]:.0f}), output = {o}, XOR = {t}{mark}")
    table = "Your network's truth table:\n" + "\n".join(rows)
    said = f"\nHidden neuron 1 computes {names[0]}, hidden neuron 2 computes {names[1]}."
    sep = _separation(hidden)
    if sep["separable"]:
        fire = sorted({f"({h[0]:.0f}, {h[1]:.0f})" for h, t in zip(hidden, XOR_LABELS) if t == 1})
        quiet = sorted({f"({h[0]:.0f}, {h[1]:.0f})" for h, t in zip(hidden, XOR_LABELS) if t == 0})
        hint = (f"The output neuron must fire for the hidden pattern {' and '.join(fire)} and stay silent "
                f"for {' and '.join(quiet)}. Work out z = h1·W2[0] + h2·W2[1] + b2 for each pattern.")
        if names == ["OR", "AND"]:
            hint += (" For OR and AND: a positive weight on OR, a negative weight on AND at least as large, "
                     "and a bias just below zero (for example +1, -1 and -0.5).")
        return wrong(table + said + " The hidden layer is right: in its coordinates one line splits XOR's "
                     "classes. Only the output neuron's weights or bias are off.", hint)
    off = [f"Hidden neuron {k + 1} (column {k} of W1, b1[{k}]) should compute {gate}: your {gate} "
           f"weights from lesson 02." for k, gate in enumerate(("OR", "AND")) if names[k] != gate]
    return wrong(table + said + f" In the hidden neurons' coordinates {sep['why']}. No output neuron can "
                 "repair that: the hidden layer has to change.",
                 " ".join(off) or "Make hidden neuron 1 OR and hidden neuron 2 AND.")
