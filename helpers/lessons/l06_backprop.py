"""Lesson 06's own tools: its interactives and its exercise checkers.

Introduced in notebooks/06_backprop. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import math
import re

import ipywidgets as w
import numpy as np
from matplotlib.patches import Circle, Patch, Rectangle

from .. import gradcheck, plots
from ..checks import Feedback, as_numbers, call, compare, correct, fmt, known_mistake, wrong
from ..validate import NotFiniteError, _describe, number_in
from ..value import Value
from ..widgets import Interactive

# --- interactives ---

def neuron_loss_graph(x1=1.0, x2=2.0, w1=0.5, w2=-0.4, b=0.1, y=1.0) -> Value:
    """A two-input tanh neuron and its squared error, as a graph of labelled Values.

    ``L = (tanh(w1·x1 + w2·x2 + b) - y)²``; returns L (call ``L.backward()`` for the gradients).
    Introduced in notebooks/06_backprop, as `BackwardStepper`'s default graph. (The notebook's
    own neuron is a different one, with one input and a sigmoid, which it builds from Values
    itself and hands to `BackwardStepper`.)
    """
    x1, x2, w1, w2, b, y = (number_in(v, n, "neuron_loss_graph") for v, n in (
        (x1, "x1"), (x2, "x2"), (w1, "w1"), (w2, "w2"), (b, "b"), (y, "y")))
    x1, x2 = Value(x1, "x1"), Value(x2, "x2")
    w1, w2, b = Value(w1, "w1"), Value(w2, "w2"), Value(b, "b")
    p1, p2 = x1 * w1, x2 * w2
    p1.label, p2.label = "x1·w1", "x2·w2"
    s = p1 + p2
    s.label = "sum"
    z = s + b
    z.label = "z"
    a = z.tanh()
    a.label = "a"
    e = a + Value(-y, "−y")
    e.label = "e"
    loss = e ** 2
    loss.label = "L"
    return loss


class BackwardStepper(Interactive):
    """Step through a backward pass and watch each gradient appear (notebooks/06_backprop).

    The graph is drawn by `plots.GraphDrawing` (the layout of `plots.draw_graph`). At step k
    the first k nodes in reverse topological order (the loss first) have their gradient;
    the node reached at step k is outlined in vermillion, and boxes are filled by the sign
    of their gradient (orange: positive, purple: negative, white: not reached yet). A colour
    key under the graph says so, so the first picture (step 0, all white) explains the colours.

    Parameters
    ----------
    root : Value, optional
        The result whose backward pass to show; by default `neuron_loss_graph()`.
    """

    FILL = {"none": "white", "pos": "#FBE3B8", "neg": "#E4CCE6", "zero": "#E6E6E6"}

    def __init__(self, root: Value | None = None):
        if root is not None and not isinstance(root, Value):
            hint = (" Fix: pass Value(...) results, e.g. the L of neuron_loss_graph()."
                    if not isinstance(root, (int, float)) or isinstance(root, bool) else
                    " A plain number has no graph behind it: build it from Values, e.g. "
                    "neuron_loss_graph().")
            raise TypeError(f"BackwardStepper: expected root to be a Value (the result whose "
                            f"backward pass to show), got {_describe(root)}.{hint}")
        self.root = root if root is not None else neuron_loss_graph()
        if not np.isfinite(self.root.data):
            raise NotFiniteError(f"BackwardStepper: the root's value is {self.root.data}, so its "
                                 "gradients would be NaN too. Fix: build it from finite numbers.")
        if len(self.root.topo_order()) > 60:
            raise ValueError(f"BackwardStepper: the graph has {len(self.root.topo_order())} nodes, "
                             "too many to draw readably; show one of at most 60 (a neuron or two).")
        self.root.backward()
        order = self.root.topo_order()
        self.sequence = order[::-1]  # the order the backward pass visits nodes
        self.grads = [n.grad for n in self.sequence]
        self.explain = [self._explain(n, order) for n in self.sequence]
        self.fig, ax = plots.figure(8.0, 3.6)
        self.drawing = plots.GraphDrawing(ax, self.root)
        ax.set_title("Backward pass: each box shows its value and, once reached, its gradient")
        key = [Patch(fc=self.FILL["none"], ec=plots.PALETTE["grey"], label="white: not reached yet"),
               Patch(fc=self.FILL["pos"], ec=plots.PALETTE["blue"], label="orange: gradient > 0"),
               Patch(fc=self.FILL["neg"], ec=plots.PALETTE["blue"], label="purple: gradient < 0"),
               Patch(fc="white", ec=plots.PALETTE["vermillion"], lw=2.6,
                     label="thick vermillion edge: reached at this step")]
        ax.legend(handles=key, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=4,
                  frameon=False, fontsize=8, handlelength=1.6)
        self.boxes = self.drawing.boxes  # {value: its box}
        self.moving = list(self.boxes.values())  # arrows and title are drawn once; boxes each step

    @staticmethod
    def _explain(node, order) -> str:
        """Which uses of `node` its gradient came from, as chain-rule products in words."""
        terms = []
        for child in order:
            for i, parent in enumerate(child.parents):
                if parent is node:  # a value used twice (x * x): its slope covers both uses
                    local = child.local_grads()[i]
                    terms.append(f"{child.grad:.3f} × {local:.3f} "
                                 f"(from {child.label or child.op})")
                    break
        name = node.label or "this node"
        if not terms:
            return f"{name} is the loss itself: dL/dL = 1."
        # a label that is an expression (w·x, −y) gets brackets: dL/d(w·x), not dL/dw·x
        shown = name if re.fullmatch(r"[^\W_]\w*", name) else f"({name})"
        return f"dL/d{shown} = " + " + ".join(terms) + f" = {node.grad:.3f}"

    def update(self, step=0) -> dict:
        k = int(np.clip(step, 0, len(self.sequence)))
        for i, node in enumerate(self.sequence):
            box = self.boxes[node]
            reached = i < k
            grad = self.grads[i] if reached else None
            box.set_text(plots.graph_text(node, grad if reached else "?"))
            patch = box.get_bbox_patch()
            sign = "none" if not reached else "pos" if grad > 0 else "neg" if grad < 0 else "zero"
            patch.set_facecolor(self.FILL[sign])
            current = i == k - 1
            patch.set_edgecolor(plots.PALETTE["vermillion"] if current else
                                plots.PALETTE["blue"] if reached else plots.PALETTE["grey"])
            patch.set_linewidth(2.6 if current else 1.0)
        if k == 0:
            return {"step": f"0 of {len(self.sequence)}",
                    "what happens": "the forward pass is done; no gradient yet. Move the slider."}
        node = self.sequence[k - 1]
        return {"step": f"{k} of {len(self.sequence)}", "node": node.label or node.op,
                "what happens": self.explain[k - 1]}

    def controls(self) -> dict:
        return {"step": w.IntSlider(value=0, min=0, max=len(self.sequence), step=1,
                                    description="backward step",
                                    style={"description_width": "initial"},
                                    layout=w.Layout(width="420px"))}


# the 2-input, 3-output layer of section 6, for one example: x, dout = dL/d(out)
LAYER_X = np.array([2.0, -1.0])
LAYER_DOUT = np.array([0.5, -1.0, 0.25])


class LayerWires(Interactive):
    """Which input and which output each weight connects, and so what its gradient is.

    Introduced in notebooks/06_backprop. Left: a layer with 2 inputs and 3 outputs drawn as
    6 lines, one per weight W[i, j]; the input x[i] and the gradient dout[j] = dL/d(out[j])
    are written beside their circles (the lesson's `LAYER_X` and `LAYER_DOUT`). The wire
    W[i, j] the sliders pick is drawn thick in vermillion, with the two circles it joins.
    Right: the grid of dW, one cell per wire, each x[i] × dout[j]; the picked cell is outlined
    in vermillion. ``update(i, j)`` returns the chain-rule product for that wire.
    """

    def __init__(self):
        self.x, self.dout = LAYER_X.copy(), LAYER_DOUT.copy()
        self.dW = np.outer(self.x, self.dout)
        self.fig, (ax, grid) = plots.figure(8.0, 3.0, ncols=2, width_ratios=[1.3, 1])
        self.in_pos = [(0.0, 2.0), (0.0, 1.0)]
        self.out_pos = [(3.0, 2.5), (3.0, 1.5), (3.0, 0.5)]
        grey, blue = plots.PALETTE["grey"], plots.PALETTE["blue"]
        self.wires = {}
        for i, (x0, y0) in enumerate(self.in_pos):
            for j, (x1, y1) in enumerate(self.out_pos):
                (line,) = ax.plot([x0, x1], [y0, y1], color=grey, lw=1.2, zorder=1)
                self.wires[i, j] = line
        self.in_nodes = [ax.add_patch(Circle(p, 0.22, fc="white", ec=blue, lw=1.2, zorder=2))
                         for p in self.in_pos]
        self.out_nodes = [ax.add_patch(Circle(p, 0.22, fc="white", ec=blue, lw=1.2, zorder=2))
                          for p in self.out_pos]
        for i, (x0, y0) in enumerate(self.in_pos):
            ax.text(x0 - 0.32, y0, f"x[{i}] = {self.x[i]:g}", ha="right", va="center", fontsize=9)
        for j, (x1, y1) in enumerate(self.out_pos):
            ax.text(x1 + 0.32, y1, f"out[{j}]\ndout[{j}] = {self.dout[j]:g}", ha="left",
                    va="center", fontsize=9)
        ax.set_xlim(-1.6, 4.7)
        ax.set_ylim(0.0, 3.0)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title("A layer: one line per weight W[i, j]", fontsize=10)
        self.cells = {}
        for i in range(2):
            for j in range(3):
                rect = grid.add_patch(Rectangle((j, 1 - i), 1, 1, fc="none", ec=grey, lw=1.0))
                self.cells[i, j] = rect
                grid.text(j + 0.5, 1.5 - i, f"{self.dW[i, j]:g}", ha="center", va="center",
                          fontsize=10)
        grid.set_xlim(0, 3)
        grid.set_ylim(0, 2)
        grid.set_aspect("equal")
        grid.set_xticks([0.5, 1.5, 2.5], [f"dout[{j}]\n= {v:g}" for j, v in enumerate(self.dout)],
                        fontsize=8)
        grid.set_yticks([1.5, 0.5], [f"x[{i}] = {v:g}" for i, v in enumerate(self.x)], fontsize=8)
        grid.tick_params(length=0)
        grid.grid(False)
        for side in grid.spines.values():
            side.set_visible(False)
        grid.set_title("dW[i, j] = x[i] × dout[j]", fontsize=10)
        self.moving = [*self.wires.values(), *self.in_nodes, *self.out_nodes, *self.cells.values()]

    def update(self, i: int = 0, j: int = 1) -> dict:
        red, grey, blue = plots.PALETTE["vermillion"], plots.PALETTE["grey"], plots.PALETTE["blue"]
        for (a, b), line in self.wires.items():
            picked = (a, b) == (i, j)
            line.set_color(red if picked else grey)
            line.set_linewidth(3.2 if picked else 1.2)
            line.set_zorder(1.5 if picked else 1)
        for k, node in enumerate(self.in_nodes):
            node.set_edgecolor(red if k == i else blue)
            node.set_linewidth(2.6 if k == i else 1.2)
        for k, node in enumerate(self.out_nodes):
            node.set_edgecolor(red if k == j else blue)
            node.set_linewidth(2.6 if k == j else 1.2)
        for (a, b), rect in self.cells.items():
            picked = (a, b) == (i, j)
            rect.set_edgecolor(red if picked else grey)
            rect.set_linewidth(3.0 if picked else 1.0)
            rect.set_zorder(2 if picked else 1)
        xi, dj = float(self.x[i]), float(self.dout[j])
        return {"wire": f"W[{i}, {j}] joins x[{i}] to out[{j}]",
                "chain rule": f"dL/dW[{i}, {j}] = x[{i}] × dout[{j}] = {xi:g} × {dj:g} = {xi * dj:g}"}

    def controls(self) -> dict:
        return {"i": w.IntSlider(value=0, min=0, max=1, description="input i",
                                 style={"description_width": "initial"}),
                "j": w.IntSlider(value=1, min=0, max=2, description="output j",
                                 style={"description_width": "initial"})}


# --- shape mistakes in words: which operand, which shapes, the fix ---

class _Watched(np.ndarray):
    """An array handed to the learner's backward: a `@` whose sizes do not meet raises an error
    that names both operands (by their shapes, which differ for x, W, dout and their .T) and
    the likely fix, instead of numpy's gufunc signature. Every other operation works as usual
    and gives plain arrays."""

    names: dict = {}
    targets: dict = {}

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if ufunc is np.matmul and method == "__call__" and len(inputs) == 2:
            _matmul_sizes(*inputs, self.names, self.targets)
        plain = [np.asarray(v) if isinstance(v, _Watched) else v for v in inputs]
        if "out" in kwargs:
            kwargs["out"] = tuple(np.asarray(v) if isinstance(v, _Watched) else v
                                  for v in kwargs["out"])
        return getattr(ufunc, method)(*plain, **kwargs)


class _ShapeMismatch(ValueError):
    """A `@` or `np.dot` whose sizes do not meet, said in words (see `_Watched`)."""


def _name_of(shape, names, side: str) -> str:
    return names.get(tuple(shape), f"the {side} operand")


def _matmul_sizes(a, b, names, targets) -> None:
    """Raise `_ShapeMismatch` in words when ``a @ b`` cannot be computed."""
    sa, sb = np.shape(a), np.shape(b)
    if not sa or not sb:
        return  # numpy's own message about a 0-d operand is clear enough
    inner_b = sb[-2] if len(sb) >= 2 else sb[0]
    if sa[-1] != inner_b:
        raise _ShapeMismatch(_mismatch_words(sa, sb, names, targets))


def _mismatch_words(sa, sb, names, targets) -> str:
    left, right = _name_of(sa, names, "left"), _name_of(sb, names, "right")
    text = (f"{left} @ {right} cannot be computed: {left} has shape {tuple(sa)} and {right} has "
            f"shape {tuple(sb)}. In a @ b (and np.dot(a, b)) the last size of a must equal the first size of b, "
            f"and here {sa[-1]} ≠ {sb[-2] if len(sb) >= 2 else sb[0]}.")
    shapes = {v: k for k, v in names.items()}
    flip = {n: (n[:-2] if n.endswith(".T") else n + ".T") for n in shapes}
    if left in shapes and right in shapes:
        tries = [(left, flip[right]), (flip[left], right), (right, left), (right, flip[left]),
                 (flip[right], left), (flip[left], flip[right]), (flip[right], flip[left])]
        for l_, r_ in tries:
            (n, k), (k2, m) = shapes[l_], shapes[r_]
            if k == k2 and (n, m) in targets:
                return (text + f" Fix: {l_} @ {r_} is {(n, k)} @ {(k2, m)} → {(n, m)}, the "
                        f"shape of {targets[n, m]}.")
    wanted = ", ".join(f"{name} {shape}" for shape, name in targets.items())
    return text + f" Fix: a gradient has the shape of what it is the gradient of ({wanted}): " \
                  "pick the product (and the .T) that gives it."


_NOT_ALIGNED = re.compile(r"shapes \(([\d, ]*)\) and \(([\d, ]*)\) not aligned")


def _shape_feedback(problem: Feedback, name: str, names: dict, targets: dict) -> Feedback:
    """The learner's shape error in words, without numpy's jargon or the arrays: a `@` caught by
    `_Watched`, or np.dot's "shapes (5,2) and (3,2) not aligned"."""
    message = problem.message
    head = message.split("\n", 1)[0]
    words = None
    if f"raised {_ShapeMismatch.__name__}: " in head:
        words = head.split(f"raised {_ShapeMismatch.__name__}: ", 1)[1]
    else:
        found = _NOT_ALIGNED.search(head)
        if found:
            sa, sb = (tuple(int(v) for v in g.replace(" ", "").split(",") if v)
                      for g in found.groups())
            words = _mismatch_words(sa, sb, names, targets).replace(" @ ", " dot ", 1)
    if words is None:
        return problem
    where = re.search(r"\nIt happened (.*)", message)
    line = f"\nIt happened {where.group(1)}" if where else ""
    return Feedback("error", f"`{name}` stopped on a shape mistake: {words}{line}")


def _looks_like_shape_error(message: str) -> bool:
    """True when an error's first line is about shapes (broadcasting, sizes that do not meet)."""
    head = message.split("\n", 1)[0].lower()
    return any(word in head for word in ("shape", "broadcast", "dimension", "not aligned", "mismatch"))


# --- exercise checkers ---

BY_HAND = {"x": 3.0, "w": -0.5, "b": 1.0, "y": 1.0}  # exercise 1's neuron


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def _section2_slope(x=2.0, w=0.5, b=-0.5, y=0.8) -> float:
    """dL/dw of the notebook's own neuron (section 2): a learner may hand that in by mistake."""
    a = _sigmoid(w * x + b)
    return 2 * (a - y) * a * (1 - a) * x


def check_chain_by_hand(answer) -> Feedback:
    """`answer` = dL/dw for the neuron in BY_HAND (z = w·x + b, a = sigmoid(z), L = (a - y)²),
    worked out by the chain rule; two decimals are enough.

    Introduced in notebooks/06_backprop.
    """
    got, problem = as_numbers(answer, "dL_dw_new", (), "one number, the slope dL/dw", stub=True,
                              hint="write it as a plain number, e.g. dL_dw_new = -0.25.")
    if problem is not None:
        return problem
    x, w, b, y = (BY_HAND[k] for k in "xwby")
    z = w * x + b
    a = _sigmoid(z)
    dL_da, da_dz = 2 * (a - y), a * (1 - a)
    dL_dz = dL_da * da_dz
    right = dL_dz * x
    steps = (f"z = {z:g}, a = sigmoid({z:g}) = {a:.4f}; dL/da = 2(a − y) = {dL_da:.4f}, "
             f"da/dz = a(1 − a) = {da_dz:.4f}, dz/dw = x = {x:g}")
    mistakes = [
        (dL_dz, f"{got:.4g} is dL/dz: one link is missing. z = w·x + b, so dz/dw = x = {x:g}: "
                "multiply by it."),
        (dL_da * x, f"{got:.4g} skips the sigmoid's link da/dz = a(1 − a) = {da_dz:.4f}."),
        (dL_da * a * x, f"{got:.4g} uses a = {a:.4f} as the sigmoid's slope; its slope is "
                        f"a(1 − a) = {da_dz:.4f}."),
        (dL_dz * x / 2, f"{got:.4g} is half the answer: the slope of (a − y)² is 2(a − y), "
                        "with the 2."),
        (-right, f"{got:.4g} has the wrong sign: dL/da = 2(a − y), not 2(y − a). Here a < y, "
                 "so raising a (and w) lowers the loss: dL/dw is negative."),
        (dL_dz * w, f"{got:.4g} multiplies by w = {w:g}; that is dL/dx. For dL/dw the last link "
                    f"is dz/dw = x = {x:g}."),
        (dL_dz * (x + b), f"{got:.4g} multiplies by x + b; the bias does not depend on w, so "
                          f"dz/dw = x = {x:g}."),
        (2 * (z - y) * x, f"{got:.4g} leaves out the sigmoid: the loss uses a = sigmoid(z), "
                          f"not z."),
        (_section2_slope(), f"{got:.4g} is dL/dw of section 2's neuron (x = 2, w = 0.5, b = −0.5, "
                            f"y = 0.8). This exercise has a new one: use x = {x:g}, w = {w:g}, "
                            f"b = {b:g}, y = {y:g}."),
    ]
    known = known_mistake(got, [(v, m) for v, m in mistakes], right=right, atol=0.006)
    if known:
        return wrong(known, f"Step by step: {steps}; multiply the three.")
    if not np.isclose(got, right, atol=0.01):
        return wrong(f"dL_dw_new = {got:.4g} is not right yet.",
                     f"z = w·x + b = {z:g} and a = sigmoid(z) = {a:.4f}. Then the three links: "
                     "dL/da = 2(a − y), da/dz = a(1 − a), dz/dw = x; dL/dw is their product.")
    return correct(f"Correct! dL/dw = {dL_da:.3f} × {da_dz:.3f} × {x:g} = {right:.3f}. It is "
                   "negative: turning w up would lower the loss.")


# Note: a Feedback is falsy unless it is "correct", so test `problem is not None`, not `problem`.
def _backprop_case(seed: int = 6):
    """Inputs for the backward exercises: N=5 examples, D=3 features, H=2 units, no zeros in x."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((5, 3))
    x[np.abs(x) < 0.05] = 0.3  # ReLU has no slope at exactly 0: keep away from it
    return x, rng.standard_normal((3, 2)), rng.standard_normal(2), rng.standard_normal((5, 2))


def check_relu_backward(fn) -> Feedback:
    """Check `relu_backward(dout, x) -> dx` against a numerical gradient (notebooks/06_backprop)."""
    x, _, _, dout = _backprop_case()
    dout = dout[:, :1] @ np.ones((1, 3)) + x  # (5, 3), same shape as x
    got, problem = call(fn, dout.copy(), x.copy())
    if problem is not None:
        return problem
    numeric = gradcheck.numerical_gradient(lambda: float(np.sum(np.maximum(x, 0) * dout)), x)
    hint = "ReLU lets the gradient through where x > 0 and blocks it elsewhere: dout * (x > 0)."
    known = known_mistake(got, right=numeric, candidates=[
        (dout * (x < 0), "The mask is on the wrong side of zero: gradient should pass where x > 0, not x < 0."),
        (dout, "You passed dout through everywhere. ReLU is flat for x ≤ 0, so no gradient flows there."),
        ((x > 0).astype(float), "You returned the mask alone: multiply it by dout (the chain rule)."),
        (dout * np.maximum(x, 0), "You multiplied by ReLU's output; the local slope is 1 where x > 0 and 0 elsewhere."),
        (dout * (dout > 0), "You kept the positive parts of dout. The mask comes from x, the input ReLU saw: "
                            "gradient passes where x > 0, whatever its own sign."),
    ])
    if known:
        return wrong(known, hint)
    problem = compare(got, numeric, "relu_backward", (), hint, atol=1e-6)
    if problem is not None:
        return problem
    err = gradcheck.rel_error(got, numeric)
    return correct(f"Correct! relu_backward matches the numerical gradient (relative error {err:.1e}).")


def check_dense_backward(fn) -> Feedback:
    """Check `dense_backward(dout, x, W) -> (dx, dW, db)` against numerical gradients.

    Introduced in notebooks/06_backprop.
    """
    x, W, b, dout = _backprop_case()
    names = {x.shape: "x", x.T.shape: "x.T", W.shape: "W", W.T.shape: "W.T",
             dout.shape: "dout", dout.T.shape: "dout.T"}  # all six differ: (5, 3), (3, 5), ...
    targets = {x.shape: "dx", W.shape: "dW"}
    _Watched.names, _Watched.targets = names, targets
    got, problem = call(fn, *(v.copy().view(_Watched) for v in (dout, x, W)))
    if problem is not None:
        if problem.status == "error":
            said = _shape_feedback(problem, getattr(fn, "__name__", "dense_backward"), names, targets)
            if said is not problem:
                return said
            head, cut, _ = problem.message.partition("\nIt was called with ")
            if cut:  # the shapes say more than three printed arrays
                problem.message = (head + "\nIt was called with dout of shape (5, 2), x of shape "
                                   "(5, 3) and W of shape (3, 2).")
            if _looks_like_shape_error(head):  # any other error: no formulas given away
                problem.message += ("\nHint: let the shapes guide you. x is (5, 3), W is (3, 2), "
                                    "dout is (5, 2): dx = dout @ W.T is (5, 3), dW = x.T @ dout is "
                                    "(3, 2).")
        return problem
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        what = (f"a {type(got).__name__} of {len(got)} item{'s' if len(got) != 1 else ''}"
                if isinstance(got, (tuple, list)) else f"{type(got).__name__} {fmt(got)}")
        return wrong(f"`dense_backward` should return three arrays (dx, dW, db), got {what}.",
                     "End with `return dx, dW, db`.")
    shapes = {"dx": x.shape, "dW": W.shape, "db": b.shape}
    shape_hints = {"dx": "dx = dout @ W.T: (5, 2) @ (2, 3) gives (5, 3).",
                   "dW": "dW = x.T @ dout: (3, 5) @ (5, 2) gives (3, 2).",
                   "db": "db = dout.sum(axis=0): one number per unit, shape (2,)."}
    x_, W_, b_ = x.copy(), W.copy(), b.copy()

    def loss():
        return float(np.sum((x_ @ W_ + b_) * dout))

    numeric = {"dx": gradcheck.numerical_gradient(loss, x_), "dW": gradcheck.numerical_gradient(loss, W_),
               "db": gradcheck.numerical_gradient(loss, b_)}
    mistakes = {
        "dx": [(x, "dx equals x: dx is dout @ W.T, not the input.")],
        "dW": [(numeric["dW"].T, "dW is transposed: it must have W's shape (D, H) = (3, 2). Use x.T @ dout."),
               (numeric["dW"] / 5, "dW was divided by the batch size: sum over the batch (x.T @ dout); "
                                   "the loss's backward already did any averaging.")],
        "db": [(dout, "db was not summed over the batch: every example adds to the same bias, "
                      "so db = dout.sum(axis=0), shape (H,)."),
               (dout.mean(axis=0), "db is averaged over the batch: sum it instead (dout.sum(axis=0)); "
                                   "the loss's backward already divided by N."),
               (dout.sum(axis=1), "db was summed over the wrong axis: sum over the examples, axis=0.")],
    }
    hints = {"dx": "dx = dout @ W.T, shape (N, D).", "dW": "dW = x.T @ dout, shape (D, H).",
             "db": "db = dout.sum(axis=0), shape (H,)."}
    errors = {}
    for name, g in zip(("dx", "dW", "db"), got):
        known = known_mistake(g, mistakes[name], numeric[name])
        if known:
            return wrong(known, hints[name])
        arr, problem = as_numbers(g, "dense_backward", None, f"{name} as an array of shape "
                                  f"{shapes[name]}", returned=True, hint=f"Shapes: {shape_hints[name]}")
        if problem is not None:
            return problem
        shape = arr.shape
        if shape != shapes[name]:
            flipped = len(shape) == 2 and shape == shapes[name][::-1]
            return wrong(f"{name} has shape {shape}, expected {shapes[name]}"
                         f"{': it is transposed' if flipped else ''} (a gradient always has the shape "
                         f"of what it is the gradient of, here {name[1:]}).", shape_hints[name])
        problem = compare(arr, numeric[name], name, (), hints[name], atol=1e-6)
        if problem is not None:
            err = gradcheck.rel_error(arr, numeric[name])
            return Feedback("wrong", f"{name} is off (relative error {err:.2g} against the numerical "
                                     f"gradient; a right one gives about 1e-7 or less). " + problem.message)
        errors[name] = gradcheck.rel_error(arr, numeric[name])
    worst = ", ".join(f"{k} {v:.1e}" for k, v in errors.items())
    return correct(f"Correct! All three gradients match the numerical ones (relative errors: {worst}).")
