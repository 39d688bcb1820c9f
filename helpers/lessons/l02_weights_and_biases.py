"""Lesson 02's own tools: its interactives and its exercise checkers.

Introduced in notebooks/02_weights_and_biases. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from .. import data, layers, plots, validate
from ..checks import Feedback, as_numbers, call, correct, fmt, wrong
from ..validate import as_array, choice, number_in
from ..widgets import Interactive, slider

# --- interactives ---

# The four corners of the unit square, and the labels of three logic gates on them.
GATE_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
GATES = {"AND": np.array([0, 0, 0, 1]), "OR": np.array([0, 1, 1, 1]),
         "XOR": np.array([0, 1, 1, 0])}


BOUNDARY_DATA = ("blobs", "far from origin", *GATES)  # the names boundary_data knows


def boundary_data(name: str):
    """The data sets of notebooks/02_weights_and_biases: (X, y, (low, high) view limits).

    "blobs": two clouds, one each side of the origin; "far from origin": the same clouds
    moved to (1, 1) and (5, 5), so a line must be offset from the origin to split them;
    "AND", "OR", "XOR": the four input pairs of each logic gate.
    Introduced in notebooks/02_weights_and_biases.
    """
    if not (isinstance(name, str) and name in BOUNDARY_DATA):
        choice(name, "name", "boundary_data", BOUNDARY_DATA)
    if name == "blobs":
        X, y = data.make_blobs(100, noise=1.0, seed=0)
        return X, y, (-5.5, 5.5)
    if name == "far from origin":
        X, y = data.make_blobs(100, noise=0.8, seed=1)
        return X + 3.0, y, (-2.0, 8.0)
    if name in GATES:
        return GATE_X.copy(), GATES[name].copy(), (-0.5, 1.5)


def describe_boundary(w1: float, w2: float, b: float) -> str:
    """The neuron's decision boundary w1·x1 + w2·x2 + b = 0, in words.

    Introduced in notebooks/02_weights_and_biases.
    """
    w1, w2, b = (number_in(v, n, "describe_boundary") for v, n in ((w1, "w1"), (w2, "w2"), (b, "b")))
    if w1 == 0 and w2 == 0:
        side = "class 1" if b > 0 else "class 0"
        return (f"No line: with w1 = w2 = 0 the inputs do not count, z = b = {b:.2f} "
                f"everywhere, so the neuron says {side} for every point.")
    if w2 == 0:
        return f"Vertical line (w2 = 0, so x2 does not count): x1 = -b / w1 = {-b / w1:.2f}."
    sign = "+" if b >= 0 else "−"
    return f"Line: x2 = -({w1:.2f}·x1 {sign} {abs(b):.2f}) / {w2:.2f}."


class NeuronBoundary(Interactive):
    """One neuron with two inputs draws a straight line; w1, w2 and b move it over data.

    The neuron says class 1 where z = w1·x1 + w2·x2 + b > 0. The shading is sigmoid(z):
    pale near the line, strong far from it. Points it gets wrong are ringed in black, and
    the arrow shows the weight vector (w1, w2), which points to the class-1 side.

    Introduced in notebooks/02_weights_and_biases.
    """

    NAMES = ("blobs", "far from origin", "AND", "OR", "XOR")

    def __init__(self):
        self.fig, ax = plots.figure(4.6, 4.2)
        self.ax = ax
        self.sets = {}
        for name in self.NAMES:
            X, y, (lo, hi) = boundary_data(name)
            bp = plots.BoundaryPlot(ax, (lo, hi), (lo, hi), resolution=80)
            big = len(X) <= 4
            pts = plots.scatter_classes(ax, X, y, s=160 if big else 22)
            self.sets[name] = (X, y, (lo, hi), bp, pts)
        (self.line,) = ax.plot([], [], color=plots.PALETTE["black"], lw=2.2, zorder=4, label="boundary z = 0")
        self.wrong = ax.scatter([], [], s=90, facecolors="none", edgecolors="black",
                                linewidths=1.4, zorder=5, label="wrong")
        self.arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0), zorder=6,
                                 arrowprops={"arrowstyle": "->", "color": plots.PALETTE["black"], "lw": 1.8})
        self.note = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                            fontsize=10, zorder=7, wrap=True,
                            bbox={"boxstyle": "round", "fc": "white", "ec": "#999999", "alpha": 0.9})
        ax.set_xlabel("$x_1$ (input 1)")
        ax.set_ylabel("$x_2$ (input 2)")
        ax.set_aspect("equal")
        ax.set_title("data: z = w1·x1 + w2·x2 + b", fontsize=10)  # reserves room for the live title
        self.current = None

    def animated(self) -> list:
        """What a slider changes: the shading and what lies on it (grid, points, line, rings,
        arrow, note, frame) and the title; the axes' labels are kept (redrawn when the data
        change)."""
        _, _, _, bp, pts = self.sets[self.current or "blobs"]
        grid = [*self.ax.xaxis.get_gridlines(), *self.ax.yaxis.get_gridlines()]
        return [bp.image, *grid, *pts, self.line, self.wrong, self.arrow, self.note,
                self.ax.title, *self.ax.spines.values()]

    def still_key(self):
        return self.current

    def controls(self) -> dict:
        return {
            "w1": slider("w1", 1.0, -3.0, 3.0, 0.1),
            "w2": slider("w2", 1.0, -3.0, 3.0, 0.1),
            "b": slider("b", 0.0, -5.0, 5.0, 0.1),
            "data": w.Dropdown(options=list(self.NAMES), value="blobs", description="data",
                               layout=w.Layout(width="220px")),
        }

    def _show(self, name):
        if name == self.current:
            return
        for key, (_, _, _, bp, pts) in self.sets.items():
            bp.image.set_visible(key == name)
            for p in pts:
                p.set_visible(key == name)
        lo, hi = self.sets[name][2]
        self.ax.set_xlim(lo, hi)
        self.ax.set_ylim(lo, hi)
        ticks = np.arange(np.ceil(lo / 2) * 2, hi, 2) if hi - lo > 3 else np.array([0.0, 1.0])
        self.ax.set_xticks(ticks)
        self.ax.set_yticks(ticks)
        self.wrong.set_sizes([300 if len(self.sets[name][0]) <= 4 else 90])
        self.current = name

    def update(self, w1=1.0, w2=1.0, b=0.0, data="blobs") -> dict:
        w1, w2, b = float(w1), float(w2), float(b)
        self._show(data)
        X, y, (lo, hi), bp, _ = self.sets[data]
        z_grid = bp.grid @ np.array([w1, w2]) + b
        bp.draw(layers.sigmoid(z_grid))
        pred = (X @ np.array([w1, w2]) + b > 0).astype(int)
        bad = pred != y
        self.wrong.set_offsets(X[bad] if bad.any() else np.empty((0, 2)))
        s2, sb = ("+" if v >= 0 else "−" for v in (w2, b))
        self.ax.set_title(f"{data}: z = {w1:.1f}·x1 {s2} {abs(w2):.1f}·x2 {sb} {abs(b):.1f}",
                          fontsize=10)
        # the line: two points at the view's edges (or a vertical line when w2 = 0)
        norm = np.hypot(w1, w2)
        note = ""
        if norm == 0:
            self.line.set_data([], [])
            self.arrow.set_visible(False)
            note = f"No line: w1 = w2 = 0.\nThe neuron says class {int(b > 0)} everywhere."
        else:
            if abs(w2) >= abs(w1):
                xs = np.array([lo, hi])
                self.line.set_data(xs, -(w1 * xs + b) / w2)
            else:
                ys = np.array([lo, hi])
                self.line.set_data(-(w2 * ys + b) / w1, ys)
            # arrow from the point of the line nearest the view's centre, along (w1, w2)
            c = np.array([(lo + hi) / 2] * 2)
            n = np.array([w1, w2]) / norm
            foot = c - (c @ np.array([w1, w2]) + b) / norm * n
            corners = np.array([[lo, lo], [lo, hi], [hi, lo], [hi, hi]])
            zc = corners @ np.array([w1, w2]) + b
            on_view = zc.min() < 0 < zc.max()
            self.arrow.set_visible(bool(on_view))
            self.arrow.xy = tuple(foot + 0.15 * (hi - lo) * n)
            self.arrow.set_position(tuple(foot))
            if not on_view:
                note = (f"The line lies outside this view:\nthe neuron says class {int(zc.min() > 0)} "
                        "for every point here.")
        self.note.set_text(note)
        self.note.set_visible(bool(note))
        acc = float(np.mean(pred == y))
        return {"accuracy": f"{100 * acc:.1f} % ({int((~bad).sum())} of {len(y)} points right)",
                "boundary": describe_boundary(w1, w2, b), "acc": acc}

    def readout(self, result: dict) -> str:
        return f"<b>accuracy</b>: {result['accuracy']} · {result['boundary']}"


# --- exercise checkers ---

# The gates the exercises ask for: AND, OR and NAND (which no cell of the notebook builds),
# and the opposite of each, named when a learner's neuron computes it instead.
GATE_ANSWERS = {"AND": GATES["AND"], "OR": GATES["OR"], "NAND": np.array([1, 1, 1, 0])}
_OPPOSITE = {"AND": "NAND", "OR": "NOR", "NAND": "AND"}
_GATE_HINTS = {
    "AND": "AND fires only for (1, 1): give both inputs the same weight and pick b so that one "
           "input alone is not enough, e.g. between -2·w and -w.",
    "OR": "OR fires when at least one input is 1: one input alone must be enough, but (0, 0) "
          "must stay at or below zero, so b ≤ 0 and smaller in size than w.",
    "NAND": "start from (0, 0): there z is b alone, and NAND says 1, so b must be above 0. At "
            "(1, 1) z must fall to 0 or below: what sign must the weights have then? Each input "
            "on its own must still leave z above 0.",
}


def _gate_errors(w1: float, w2: float, b: float, gate: str) -> list:
    """(x1, x2, z, what the neuron says, what the gate says) for each pair it gets wrong."""
    out = []
    for (x1, x2), want in zip(GATE_X, GATE_ANSWERS[gate]):
        z = w1 * x1 + w2 * x2 + b
        if int(z > 0) != want:
            out.append((x1, x2, z, int(z > 0), int(want)))
    return out


def _check_gate(answer, gate: str, name: str) -> Feedback:
    vals, problem = as_numbers(answer, name, 3, "three numbers (w1, w2, b)", stub=True,
                               hint=f"write them as a tuple, e.g. {name} = (1.0, 2.0, -3.0).")
    if problem is not None:
        return problem
    w1, w2, b = (float(v) for v in vals)
    errors = _gate_errors(w1, w2, b, gate)
    if not errors:
        return correct(f"Correct! With w1 = {w1:g}, w2 = {w2:g}, b = {b:g} the neuron computes "
                       f"{gate} on all four input pairs.")
    lines = []
    sign = "+" if b >= 0 else "−"
    ws = [f"{v:g}" if v >= 0 else f"({v:g})" for v in (w1, w2)]
    for x1, x2, z, got, want in errors:
        why = " (exactly 0: the point sits on the line, which counts as not firing)" if z == 0 else ""
        lines.append(f"input ({x1:.0f}, {x2:.0f}): z = {ws[0]}·{x1:.0f} + {ws[1]}·{x2:.0f} {sign} "
                     f"{abs(b):g} = {z:g}{why}, so the neuron says {got}, but {gate}({x1:.0f}, "
                     f"{x2:.0f}) = {want}.")
    table = "\n".join(lines)
    if len(errors) == 4:
        return wrong(f"All 4 input pairs are the other way round: your neuron computes "
                     f"{_OPPOSITE[gate]}, the exact opposite of {gate}.\n{table}",
                     "change the sign of all three numbers: (-w1, -w2, -b) turns every z > 0 "
                     "into z < 0 and back, so every answer flips.")
    if not _gate_errors(w2, b, w1, gate):
        return wrong(f"It looks like you wrote the bias first: read as (b, w1, w2), your numbers "
                     f"make {gate}, but the order asked for is (w1, w2, b).\n{table}",
                     f"write {name} = ({w2:g}, {b:g}, {w1:g}).")
    hint = _GATE_HINTS[gate]
    if gate == "NAND":
        pairs = {(x1, x2) for x1, x2, *_ in errors}
        if (0, 0) in pairs:
            hint = (f"at (0, 0) z is b alone, {b:g}, and NAND says 1 there: the bias must be "
                    "above 0.")
        elif (1, 1) in pairs:
            hint = (f"at (1, 1) z = w1 + w2 + b = {w1 + w2 + b:g}, and NAND says 0 there: the "
                    "weights must be negative, and together bigger in size than b.")
        else:
            hint = ("one input on its own must leave z above 0 (z = w + b > 0): each weight must "
                    "be smaller in size than b, while both together still outweigh it.")
    return wrong(f"{len(errors)} of 4 input pairs are wrong:\n{table}", hint)


def check_and_weights(and_weights) -> Feedback:
    """The AND exercise: (w1, w2, b) must make z = w1·x1 + w2·x2 + b > 0 only for (1, 1).

    Introduced in notebooks/02_weights_and_biases.
    """
    return _check_gate(and_weights, "AND", "and_weights")


def check_or_weights(or_weights) -> Feedback:
    """The OR exercise: z > 0 for every input pair except (0, 0).

    Introduced in notebooks/02_weights_and_biases.
    """
    return _check_gate(or_weights, "OR", "or_weights")


def check_nand_weights(nand_weights) -> Feedback:
    """The NAND exercise: z > 0 for every input pair except (1, 1), a gate no cell of the
    notebook builds (the learner reasons out the signs of b and the weights).

    Introduced in notebooks/02_weights_and_biases.
    """
    return _check_gate(nand_weights, "NAND", "nand_weights")


def best_line_accuracy(X, y, values, biases=None, strict: bool = True) -> float:
    """Best accuracy of any neuron (w1, w2, b), each taken from `values`, on points X (N, 2)
    with labels y (N,): class 1 where w1·x1 + w2·x2 + b > 0.

    `biases` (default: `values`) are the b to try; `strict=False` predicts 1 where z >= 0
    instead (a common slip, which the check names).
    The reference for the XOR exercise of notebooks/02_weights_and_biases.
    """
    where = "best_line_accuracy"
    X = as_array(X, "X", where, shape=(None, 2))
    y = validate.labels(y, len(X), 2, where)
    v = as_array(values, "values", where, ndim=1)
    bv = v if biases is None else as_array(biases, "biases", where, ndim=1)
    if not isinstance(strict, (bool, np.bool_)):
        raise TypeError(f"{where}: expected strict to be True or False, got {validate._describe(strict)}.")
    if len(X) * v.size ** 2 * bv.size > 20_000_000:
        raise ValueError(f"{where}: {v.size} values make {v.size ** 2 * bv.size:,} lines to try on "
                         f"{len(X)} points, too many to hold in memory. Fix: use fewer values, "
                         "e.g. np.linspace(-2, 2, 9).")
    w1, w2, b = np.meshgrid(v, v, bv, indexing="ij")
    z = X[:, 0, None] * w1.ravel() + X[:, 1, None] * w2.ravel() + b.ravel()  # (N, K)
    fires = z > 0 if strict else z >= 0
    return float((fires == (np.asarray(y)[:, None] == 1)).mean(axis=0).max())


_X1_NOT_X2 = np.array([0, 0, 1, 0])  # fires for (1, 0) only: w1 > 0 and w2 < 0


def _looks_like_weights(got) -> bool:
    """True when `got` looks like a line's (w1, w2, b), alone or with its accuracy."""
    if isinstance(got, (tuple, list)):
        return 2 <= len(got) <= 4 and (len(got) != 2 or isinstance(got[1], (tuple, list, np.ndarray)))
    return isinstance(got, np.ndarray) and got.dtype.kind in "iuf" and got.shape in ((3,), (4,))


def _tied_weights_accuracy(y, values) -> float:
    """The best accuracy on the four corners of a search that uses one weight for both inputs."""
    v = np.asarray(values, dtype=float)
    w, b = np.meshgrid(v, v, indexing="ij")
    z = GATE_X.sum(axis=1)[:, None] * w.ravel() + b.ravel()
    return float(((z > 0) == (np.asarray(y)[:, None] == 1)).mean(axis=0).max())


def check_best_line(best_line) -> Feedback:
    """The XOR exercise: a grid search over (w1, w2, b), whose best accuracy on XOR is 75 %
    (the check computes it with `best_line_accuracy`).

    Introduced in notebooks/02_weights_and_biases.
    """
    name = getattr(best_line, "__name__", "best_line")
    grid = np.linspace(-2, 2, 9)
    cases = [("the XOR points", GATES["XOR"], grid), ("the AND points", GATES["AND"], grid),
             ("the XOR points", GATES["XOR"], np.array([0.0])),
             ("the OR points", GATES["OR"], np.array([-1.0, 1.0])),
             # "x1 and not x2" needs w1 != w2: a search that ties the two weights gets 75 %
             ('the four corners labelled [0, 0, 1, 0] ("x1 and not x2")', _X1_NOT_X2, grid)]
    for points, y, values in cases:
        X = GATE_X
        got, problem = call(best_line, X.copy(), y.copy(), values.copy())
        if problem is not None:
            return problem
        expected = best_line_accuracy(X, y, values)
        on = f"on {points} with values = {fmt(values)}"
        if _looks_like_weights(got):
            with_acc = " together with its accuracy" if len(got) in (2, 4) else ""
            return wrong(f"`{name}` {on} returned {fmt(got)}: that looks like the best line's "
                         f"weights (w1, w2, b){with_acc}. Return only the best accuracy, not the "
                         f"weights: one number between 0 and 1 (here {expected:g}).",
                         "keep the best weights in a variable if you want to print them, but end "
                         "with `return best`, the accuracy alone.")
        g, problem = as_numbers(got, name, (), "one number, the best accuracy as a fraction "
                                "between 0 and 1", returned=True, on=" " + on)
        if problem is not None:
            return problem
        if np.isclose(g, 100 * expected):
            return wrong(f"`{name}` {on} returned {g:g}: that looks like a percentage. "
                         f"Return a fraction between 0 and 1 (here {expected:g}).")
        if np.isclose(g, expected * len(y)) and not np.isclose(expected, 0):
            return wrong(f"`{name}` {on} returned {g:g}: that looks like a count of points. "
                         f"Return the share instead, a fraction between 0 and 1 (here {expected:g}).",
                         "np.mean(pred == y) gives the share; np.sum(pred == y) gives the count.")
        if not np.isclose(g, expected) and np.isclose(
                g, best_line_accuracy(X, y, values, strict=False)):
            return wrong(f"`{name}` {on} returned {g:g}, expected {expected:g}. It looks like you "
                         "predict 1 where z >= 0.",
                         "a point exactly on the line (z = 0) counts as class 0: predict 1 only where z > 0.")
        if not np.isclose(g, expected) and np.isclose(
                g, best_line_accuracy(X, y, values, biases=[0.0])):
            return wrong(f"`{name}` {on} returned {g:g}, expected {expected:g}: that is the best "
                         "line through the origin. Did you leave out the bias?",
                         "add a third loop, `for b in values:`, and use z = w1·x1 + w2·x2 + b.")
        if not np.isclose(g, expected) and np.isclose(g, _tied_weights_accuracy(y, values)):
            return wrong(f"`{name}` {on} returned {g:g}, expected {expected:g}. That is the best "
                         "line with one weight for both inputs (w1 = w2): this labelling needs two "
                         "different weights.",
                         "loop over w1 and over w2 separately (two loops, plus one for b), so that "
                         "every pair of weights is tried.")
        if not np.isclose(g, expected):
            hint = ("Try every combination: three nested loops over `values` (one for w1, one for "
                    "w2, one for b). For each, predict 1 where w1·x1 + w2·x2 + b > 0, compare with y, "
                    "and keep the highest share of matches.")
            return wrong(f"`{name}` {on} returned {g:g}, expected {expected:g}.", hint)
    best = {gate: best_line_accuracy(*boundary_data(gate)[:2], grid) for gate in ("AND", "XOR")}
    return correct(f"Correct! Your search finds {100 * best['AND']:.0f} % for AND but only "
                   f"{100 * best['XOR']:.0f} % for XOR: of the {grid.size ** 3} lines it tries, "
                   "none gets all four XOR points right.")
