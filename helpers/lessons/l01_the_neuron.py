"""Lesson 01's own tools: its interactives and its exercise checkers.

Introduced in notebooks/01_the_neuron. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import numpy as np

from .. import layers, plots
from ..checks import Feedback, as_numbers, call, compare, correct, fmt, known_mistake, wrong
from ..validate import as_array, number_in
from ..widgets import Interactive, slider

# --- interactives ---

class NeuronDemo(Interactive):
    """One neuron with three inputs: output = sigmoid(w1·x1 + w2·x2 + w3·x3 + b).

    Left: a bar for each input's contribution w_i·x_i, the bias and their sum z. Right: the
    sigmoid curve with the neuron's point on it and the 0.5 line: above it, the neuron fires.
    Controls: x1..x3, w1..w3 and b (sliders), starting at ``x`` (3,), ``w`` (3,) and ``b``:
    the notebook passes the neuron it has just built by hand. Introduced in
    notebooks/01_the_neuron.
    """

    RANGES = {"x": (-2.0, 2.0), "w": (-3.0, 3.0), "b": (-3.0, 3.0)}  # the sliders' ranges
    ZMAX = 8.0  # the curve is drawn for z in [-ZMAX, ZMAX]; beyond, a triangle at the edge

    def __init__(self, x=(1.0, 0.5, -1.0), w=(1.0, 2.0, 0.5), b=-1.0):
        import matplotlib
        x = as_array(x, "x", "NeuronDemo").ravel()
        w = as_array(w, "w", "NeuronDemo").ravel()
        if x.shape != (3,) or w.shape != (3,):
            raise ValueError(f"NeuronDemo: expected three inputs and three weights, got x of shape "
                             f"{x.shape} and w of shape {w.shape}.")
        b = number_in(b, "b", "NeuronDemo")
        self.start = {**{f"x{i}": float(v) for i, v in enumerate(x, 1)},
                      **{f"w{i}": float(v) for i, v in enumerate(w, 1)}, "b": b}
        self.checked(self.start, "NeuronDemo")  # the sliders must be able to show where it starts
        signed = matplotlib.colormaps[plots.DIVERGING_CMAP]  # the course's colours for signs
        self.pushes_up, self.pushes_down = signed(0.8), signed(0.2)  # orange, purple
        self.fig, (ax_bar, ax_sig) = plots.figure(7, 3.2, ncols=2)
        names = ["w1·x1", "w2·x2", "w3·x3", "b", "z (sum)"]
        self.bars = ax_bar.barh(np.arange(5)[::-1], np.zeros(5), color=plots.PALETTE["grey"])
        ax_bar.set_yticks(np.arange(5)[::-1], names)
        ax_bar.axvline(0, color="black", lw=0.8)
        ax_bar.axhline(0.5, color=plots.PALETTE["grey"], lw=0.8, ls=":")
        ax_bar.set_xlim(-12, 12)
        ax_bar.set_xlabel("contribution to z")
        ax_bar.set_title("What each input adds")
        self.bar_text = [ax_bar.text(0, y, "", va="center", fontsize=9) for y in np.arange(5)[::-1]]
        z = np.linspace(-self.ZMAX, self.ZMAX, 200)
        ax_sig.plot(z, layers.sigmoid(z), color=plots.PALETTE["blue"], lw=2)
        ax_sig.axhline(0.5, color=plots.PALETTE["grey"], ls="--", lw=1)
        ax_sig.text(-self.ZMAX + 0.3, 0.53, "fires above 0.5", fontsize=9, color="#555555")
        self.guide = ax_sig.plot([0, 0], [0, 0.5], color=plots.PALETTE["grey"], lw=1, ls=":")[0]
        self.point = ax_sig.plot([0], [0.5], "o", ms=11, color=plots.PALETTE["orange"],
                                 markeredgecolor="black")[0]
        ax_sig.set_xlim(-self.ZMAX, self.ZMAX)
        ax_sig.set_ylim(-0.05, 1.05)
        ax_sig.set_xlabel("z = w·x + b")
        ax_sig.set_ylabel("output = sigmoid(z)")
        self.sig_title = ax_sig.set_title("", fontsize=10)
        self.update()  # the start values

    def animated(self) -> list:
        return [*self.bars, *self.bar_text, self.guide, self.point, self.sig_title]

    def update(self, **values) -> dict:
        """Redraw for x1..x3, w1..w3 and b (those not given keep their start values); returns
        z, the output and whether the neuron fires. Each value must lie in its slider's range
        (checked by `Interactive.checked`)."""
        now = {**self.start, **values}
        x = np.array([now["x1"], now["x2"], now["x3"]], dtype=float)
        wts = np.array([now["w1"], now["w2"], now["w3"]], dtype=float)
        b = float(now["b"])
        parts = wts * x
        z = float(parts.sum() + b)
        out = float(layers.sigmoid(z))
        fires = out > 0.5
        for bar, txt, v in zip(self.bars, self.bar_text, [*parts, b, z]):
            bar.set_width(v)
            bar.set_color(self.pushes_up if v > 0 else self.pushes_down)
            txt.set_text(f"{v:+.2f}")  # on the side away from the bar, so it is never cut off
            txt.set_x(-11.6 if v >= 0 else 11.6)
            txt.set_ha("left" if v >= 0 else "right")
        self.bars[-1].set_edgecolor("black")
        zc = float(np.clip(z, -self.ZMAX + 0.4, self.ZMAX - 0.4))
        self.point.set_data([zc], [out])
        self.point.set_marker("o" if zc == z else (">" if z > 0 else "<"))
        self.point.set_color(plots.PALETTE["green"] if fires else plots.PALETTE["vermillion"])
        self.point.set_markeredgecolor("black")
        self.guide.set_data([zc, zc], [0, out])
        self.sig_title.set_text(f"z = {z:+.2f}, output {out:.3f}: {'fires' if fires else 'quiet'}")
        return {"z": f"{z:.2f}", "output": f"{out:.3f}", "fires": "yes" if fires else "no"}

    def controls(self) -> dict:
        return {k: slider(k, float(np.clip(v, *self.RANGES[k[0]])), *self.RANGES[k[0]], 0.1)
                for k, v in self.start.items()}


# --- exercise checkers ---

def _neuron_reference(x, w, b):
    """One neuron: sigmoid(w · x + b). The reference the 01_the_neuron checks compare with."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    return layers.sigmoid(np.dot(w, x) + b)


NEURON_CASES = [
    (np.array([1.0, 2.0, 3.0]), np.array([0.5, -0.2, 0.1]), 0.3),
    (np.array([2.0]), np.array([1.5]), -1.0),
    (np.array([1.0, 0.0]), np.array([2.0, 2.0]), -3.0),
    (np.array([0.5, -1.0, 2.0, 0.0, 1.5]), np.array([1.0, 0.5, -0.25, 3.0, 0.4]), 0.2),
    (np.array([0.0, 0.0, 0.0]), np.array([4.0, -2.0, 1.0]), 0.0),
]


def _neuron_mistakes(x, w, b) -> list:
    """(name, what it returns, explanation) for the usual ways to get a neuron wrong."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    z = np.dot(w, x) + b
    with np.errstate(all="ignore"):
        return [
            ("forgot the bias", layers.sigmoid(np.dot(w, x)),
             "add b to the weighted sum before the activation: sigmoid(w · x + b)."),
            ("forgot the activation", z,
             "pass the weighted sum through sigmoid: the output should lie between 0 and 1."),
            ("used a step instead of the sigmoid", (z > 0).astype(float),
             "this exercise wants the smooth sigmoid, 1 / (1 + e^(-z)), not the step."),
            ("subtracted the bias", layers.sigmoid(np.dot(w, x) - b),
             "the bias is added: z = w · x + b."),
            ("flipped the sign inside the sigmoid", layers.sigmoid(-z),
             "sigmoid(z) = 1 / (1 + e^(-z)): the minus sign belongs in the exponent only once."),
            ("added up the inputs without their weights", layers.sigmoid(x.sum() + b),
             "multiply each input by its weight before adding: np.sum(w * x)."),
            ("used tanh instead of the sigmoid", np.tanh(z),
             "use sigmoid(z) = 1 / (1 + e^(-z)), whose outputs lie between 0 and 1."),
            ("added the bias to every product but never summed them", layers.sigmoid(w * x + b),
             "add the products up into one number: np.sum(w * x) + b (or np.dot(w, x) + b)."),
            ("did not add up the products", layers.sigmoid(w * x) if x.size > 1 else None,
             "add the products up into one number: np.sum(w * x) + b (or np.dot(w, x) + b)."),
        ]


def check_neuron(fn) -> Feedback:
    """Compare the learner's `neuron(x, w, b)` with sigmoid(w · x + b) on inputs of several
    lengths, and name the mistake when the answer matches a typical one.

    Introduced in notebooks/01_the_neuron.
    """
    name = getattr(fn, "__name__", "neuron")
    for args in NEURON_CASES:
        got, problem = call(fn, *(a.copy() if isinstance(a, np.ndarray) else a for a in args))
        if problem is not None:
            return problem
        got, problem = as_numbers(got, name, what="one number, the neuron's output", returned=True,
                                  on=f" for x={fmt(args[0])}, w={fmt(args[1])}, b={fmt(args[2])}")
        if problem is not None:
            return problem
        if got.size == 1:
            got = got.reshape(())  # a one-element array is as good as a number
        if compare(got, _neuron_reference(*args), name, args) is None:
            continue
        found = known_mistake(got, ((value, (what, fix)) for what, value, fix in _neuron_mistakes(*args)),
                              right=_neuron_reference(*args), atol=1e-6)
        if found:
            what, fix = found
            return wrong(f"It looks like you {what}: for x={fmt(args[0])}, w={fmt(args[1])}, "
                         f"b={fmt(args[2])} `{name}` returned {fmt(got)}, expected "
                         f"{fmt(_neuron_reference(*args))}.", fix)
        return compare(got, _neuron_reference(*args), name, args,
                       "z = np.dot(w, x) + b, then return 1 / (1 + np.exp(-z)).")
    return correct(f"Correct! `{name}` matches sigmoid(w · x + b) on all {len(NEURON_CASES)} "
                   "cases, with 1, 2, 3 and 5 inputs. That is a whole artificial neuron.")


def check_and_gate(params) -> Feedback:
    """`params` = (w1, w2, b): the neuron must fire (output > 0.5) only when both inputs are 1.

    Introduced in notebooks/01_the_neuron.
    """
    params, problem = as_numbers(params, "and_params", 3, "three numbers (w1, w2, b)", stub=True,
                                 hint="write them as a tuple, e.g. and_params = (1.0, 1.0, -0.5).")
    if problem is not None:
        return problem
    w1, w2, b = params
    rows, bad = [], []
    for x1, x2 in [(0, 0), (0, 1), (1, 0), (1, 1)]:
        out = float(_neuron_reference([x1, x2], [w1, w2], b))
        want = x1 == 1 and x2 == 1
        fires = out > 0.5
        mark = "✓" if fires == want else "✗"
        rows.append(f"{mark} inputs ({x1}, {x2}): output {out:.3f} → "
                    f"{'fires' if fires else 'quiet'} (should be {'fires' if want else 'quiet'})")
        if fires != want:
            bad.append((x1, x2))
    table = "\n".join(rows)
    if not bad:
        return correct(f"Correct! Your neuron is an AND gate:\n{table}")
    if (1, 1) in bad and len(bad) == 1:
        hint = "the two weights together are not enough to beat the bias: make them bigger or the bias less negative."
    elif (0, 0) in bad:
        hint = "with both inputs off, z is just the bias: make b negative so the neuron stays quiet."
    else:
        hint = "one input alone must not be enough: each weight on its own should stay below -b, both together above it."
    return wrong(f"Not an AND gate yet:\n{table}", hint)


BY_HAND = {"x": (2.0, 1.0), "w": (0.5, -1.5), "b": 1.0}


def check_by_hand(answer) -> Feedback:
    """`answer` = (z, output) for the numbers in BY_HAND, worked out by hand (2 decimals are enough).

    Introduced in notebooks/01_the_neuron.
    """
    answer, problem = as_numbers(answer, "by_hand", 2, "two numbers (z, output)", stub=True,
                                 hint="write them as a tuple, e.g. by_hand = (0.1, 0.52).")
    if problem is not None:
        return problem
    z, out = answer
    x, w, b = np.array(BY_HAND["x"]), np.array(BY_HAND["w"]), BY_HAND["b"]
    z_true = float(np.dot(w, x) + b)
    out_true = float(layers.sigmoid(z_true))
    products = [f"{wi:g} × {xi:g}" if wi >= 0 else f"({wi:g}) × {xi:g}" for wi, xi in zip(w, x)]
    if not np.isclose(z, z_true, atol=0.01):
        if np.isclose(z, z_true - b, atol=0.01):
            return wrong(f"z = {z:g} is the weighted sum without the bias.", f"add b = {b:g} to it.")
        if np.isclose(z, float(np.sum(x)) + b, atol=0.01):
            return wrong(f"z = {z:g} adds the inputs but forgets their weights.",
                         f"multiply each input by its weight first: {' and '.join(products)}.")
        return wrong(f"z = {z:g} is not right yet.",
                     f"z = w1·x1 + w2·x2 + b = {' + '.join(products)} {'+' if b >= 0 else '-'} "
                     f"{abs(b):g}; mind the signs.")
    if np.isclose(out, 1.0 if z_true > 0 else 0.0, atol=1e-9):
        return wrong(f"z is right, but output {out:g} is what the step gives.",
                     "the output is sigmoid(z) = 1 / (1 + e^(-z)), a number between 0 and 1.")
    if np.isclose(out, 100 * out_true, atol=1.0):
        return wrong(f"z = {z:g} is right; output {out:g} looks like a percentage.",
                     "the sigmoid gives a number between 0 and 1: write it as a fraction, not in %.")
    if not np.isclose(out, out_true, atol=0.01):
        hint = f"sigmoid(z) = 1 / (1 + e^(-z)); e^({-z_true:g}) is about {np.exp(-z_true):.3f}."
        if np.isclose(out, float(layers.sigmoid(-z_true)), atol=0.01):
            hint = "you computed sigmoid(-z): 1 / (1 + e^(-z)) has e to the power MINUS z. " + hint
        return wrong(f"z = {z:g} is right; output {out:g} is not yet.", hint)
    verdict = "above 0.5, so this neuron fires" if out_true > 0.5 else "not above 0.5, so it stays quiet"
    return correct(f"Correct! z = {z_true:g} and output = sigmoid({z_true:g}) = {out_true:.3f}: "
                   f"{verdict}{', but not by much' if abs(out_true - 0.5) < 0.2 else ''}.")
