"""Lesson 06's own tools: its interactives and its exercise checkers.

Introduced in notebooks/06_backprop. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from .. import gradcheck, plots
from ..checks import Feedback, as_numbers, call, compare, correct, fmt, known_mistake, wrong
from ..validate import NotFiniteError, _describe, number_in
from ..value import Value
from ..widgets import Interactive

# --- interactives ---

def neuron_loss_graph(x1=1.0, x2=2.0, w1=0.5, w2=-0.4, b=0.1, y=1.0) -> Value:
    """One tanh neuron and its squared error, as a graph of labelled Values.

    ``L = (tanh(w1·x1 + w2·x2 + b) - y)²``; returns L (call ``L.backward()`` for the gradients).
    The neuron of notebooks/06_backprop: the notebook builds it with its own numbers and
    hands it to `BackwardStepper`; with no arguments it is the notebook's neuron.
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
    of their gradient (orange: positive, purple: negative, white: not reached yet).

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
        self.fig, ax = plots.figure(8.0, 3.4)
        self.drawing = plots.GraphDrawing(ax, self.root)
        ax.set_title("Backward pass: each box shows its value and, once reached, its gradient")
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
        return f"dL/d{name} = " + " + ".join(terms) + f" = {node.grad:.3f}"

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


# --- exercise checkers ---

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
    got, problem = call(fn, dout.copy(), x.copy(), W.copy())
    if problem is not None:
        if problem.status == "error":
            problem.message += ("\nHint: let the shapes guide you. x is (5, 3), W is (3, 2), dout is (5, 2): "
                                "dx = dout @ W.T is (5, 3), dW = x.T @ dout is (3, 2).")
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
