"""Lesson 01's own tools: its interactives and its exercise checkers.

Introduced in notebooks/01_the_neuron. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import functools

import numpy as np

from .. import layers, plots
from ..checks import Feedback, as_numbers, call, compare, correct, fmt, known_mistake, wrong
from ..validate import as_array, number_in
from ..widgets import Interactive, slider

# --- interactives ---

class NeuronDemo(Interactive):
    """One neuron with three inputs: output = sigmoid(w1·x1 + w2·x2 + w3·x3 + b).

    Left: a bar for each input's contribution w_i·x_i, the bias and their sum z (orange when it
    pushes z up, purple when it pulls z down), each with its value just beyond the bar's end.
    Right: the sigmoid curve (green, the course's colour for the sigmoid) with the neuron's
    point on it and the 0.5 line: above it the neuron fires and the point is orange; below, it
    is quiet and the point is purple.
    Controls: x1..x3, w1..w3 and b (sliders), starting at ``x`` (3,), ``w`` (3,) and ``b``:
    the notebook passes the neuron it has just built by hand. Introduced in
    notebooks/01_the_neuron.
    """

    RANGES = {"x": (-2.0, 2.0), "w": (-3.0, 3.0), "b": (-3.0, 3.0)}  # the sliders' ranges
    ZMAX = 8.0  # the curve is drawn for z in [-ZMAX, ZMAX]; beyond, a triangle at the edge
    XMAX = 12.0  # the bars are drawn for contributions in [-XMAX, XMAX]; beyond, cut at the edge

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
        ax_bar.set_xlim(-self.XMAX, self.XMAX)
        ax_bar.set_xlabel("contribution to z")
        ax_bar.set_title("What each input adds")
        self.bar_text = [ax_bar.text(0, y, "", va="center", fontsize=9) for y in np.arange(5)[::-1]]
        z = np.linspace(-self.ZMAX, self.ZMAX, 200)
        ax_sig.plot(z, layers.sigmoid(z), color=plots.PALETTE["green"], lw=2)
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
            txt.set_text(f"{v:+.2f}")
            # just beyond the bar's end, on the bar's own side; a bar too long to leave room
            # for the number carries it inside its end instead, so it is never cut off
            side = 1.0 if v >= 0 else -1.0
            end = float(np.clip(v, -self.XMAX, self.XMAX))
            inside = abs(end) > self.XMAX - 2.8
            txt.set_x(end - 0.3 * side if inside else end + 0.3 * side)
            txt.set_ha(("right" if side > 0 else "left") if inside else ("left" if side > 0 else "right"))
        self.bars[-1].set_edgecolor("black")
        zc = float(np.clip(z, -self.ZMAX + 0.4, self.ZMAX - 0.4))
        self.point.set_data([zc], [out])
        self.point.set_marker("o" if zc == z else (">" if z > 0 else "<"))
        self.point.set_color(self.pushes_up if fires else self.pushes_down)
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


def _both_returned(got, args, name: str):
    """A Feedback when the two numbers `got` are z and the output (in either order), else None."""
    x, w, b = args
    z = float(np.dot(w, x) + b)
    out = float(_neuron_reference(x, w, b))
    pair = got.ravel()
    if np.allclose(pair, [z, out], atol=1e-6):
        order = "(z, output)"
    elif np.allclose(pair, [out, z], atol=1e-6):
        order = "(output, z)"
    else:
        return None
    return wrong(f"`{name}` returned two numbers, {order} = ({pair[0]:.4g}, {pair[1]:.4g}), for x={fmt(x)}, "
                 f"w={fmt(w)}, b={fmt(b)}. Both are right, but the neuron's answer is one "
                 f"number: its output, {out:.4g}.",
                 "keep z inside the function and return only the output: `return 1 / (1 + "
                 "np.exp(-z))`.")


def check_neuron(fn) -> Feedback:
    """Compare the learner's `neuron(x, w, b)` with sigmoid(w · x + b) on inputs of several
    lengths, and name the mistake when the answer matches a typical one.

    Introduced in notebooks/01_the_neuron.
    """
    name = getattr(fn, "__name__", "neuron")
    for args in NEURON_CASES:
        on = f"x={fmt(args[0])}, w={fmt(args[1])}, b={fmt(args[2])}"
        got, problem = call(fn, *(a.copy() if isinstance(a, np.ndarray) else a for a in args))
        if problem is not None:
            if problem.status == "error" and "IndexError" in problem.message and args[0].size != 3:
                problem = Feedback("error", problem.message + f"\nThat was with {args[0].size} "
                                   f"input{'s' * (args[0].size != 1)}. Hint: it must work for any "
                                   "length, not only 3: use np.dot(w, x), which adds up every "
                                   "product however many there are.")
            return problem
        got, problem = as_numbers(got, name, what="one number, the neuron's output", returned=True,
                                  on=f" for {on}")
        if problem is not None:
            return problem
        if got.size == 2:
            both = _both_returned(got, args, name)
            if both is not None:
                return both
        if got.size == 1:
            got = got.reshape(())  # a one-element array is as good as a number
        if compare(got, _neuron_reference(*args), name, args) is None:
            continue
        found = known_mistake(got, ((value, (what, fix)) for what, value, fix in _neuron_mistakes(*args)),
                              right=_neuron_reference(*args), atol=1e-6)
        if found:
            what, fix = found
            return wrong(f"It looks like you {what}: for {on} `{name}` returned {fmt(got)}, "
                         f"expected {fmt(_neuron_reference(*args))}.", fix)
        right = float(_neuron_reference(*args))
        if got.shape == () and any(np.isclose(float(got), round(right, k), rtol=0, atol=1e-9)
                                   for k in range(5)):
            return wrong(f"You rounded: for {on} `{name}` returned {fmt(got)}, but the full value "
                         f"is {right!r}. The check compares the full value.",
                         "return the full value: leave out round() (or np.round); round only "
                         "when you print.")
        problem = compare(got, _neuron_reference(*args), name, (),
                          "z = np.dot(w, x) + b, then return 1 / (1 + np.exp(-z)).")
        return Feedback(problem.status, problem.message.replace(f"`{name}` ", f"`{name}` for {on} ", 1))
    return correct(f"Correct! `{name}` matches sigmoid(w · x + b) on all {len(NEURON_CASES)} "
                   "cases, with 1, 2, 3 and 5 inputs. That is a whole artificial neuron.")


GATE_INPUTS = [(0, 0), (0, 1), (1, 0), (1, 1)]


def _fires(w1: float, w2: float, b: float) -> tuple:
    """For each of GATE_INPUTS, True where the neuron (w1, w2, b) fires (output above 0.5)."""
    return tuple(bool(float(_neuron_reference([x1, x2], [w1, w2], b)) > 0.5) for x1, x2 in GATE_INPUTS)


_ONLY_10 = (False, False, True, False)  # "x1 on and x2 off": fires for (1, 0) only


def check_and_not_gate(params) -> Feedback:
    """`params` = (w1, w2, b): the neuron must fire (output > 0.5) only for the inputs (1, 0),
    "x1 on and x2 off", so x2 has to argue against firing (a negative weight).

    Names the usual slips: the opposite gate, the bias written first, the weights swapped
    (fires for (0, 1) instead), AND (x2 helps instead of vetoing), and a z of exactly 0.
    Introduced in notebooks/01_the_neuron.
    """
    params, problem = as_numbers(params, "and_not_params", 3, "three numbers (w1, w2, b)",
                                 stub=True, hint="write them as a tuple, e.g. and_not_params = "
                                                 "(1.0, 2.0, -3.0).")
    if problem is not None:
        return problem
    w1, w2, b = (float(v) for v in params)
    rows, bad = [], []
    for (x1, x2), fires, want in zip(GATE_INPUTS, _fires(w1, w2, b), _ONLY_10):
        out = float(_neuron_reference([x1, x2], [w1, w2], b))
        rows.append(f"{'✓' if fires == want else '✗'} inputs ({x1}, {x2}): output {out:.3f} → "
                    f"{'fires' if fires else 'quiet'} (should be {'fires' if want else 'quiet'})")
        if fires != want:
            bad.append((x1, x2))
    table = "\n".join(rows)
    if not bad:
        return correct(f"Correct! Your neuron fires only when x1 is on and x2 is off:\n{table}\n"
                       f"The negative weight w2 = {w2:g} lets x2 veto the answer.")
    if len(bad) == 4:
        return wrong(f"Your neuron does the exact opposite: it fires for every input except (1, 0)."
                     f"\n{table}",
                     "change the sign of all three numbers: (-w1, -w2, -b) fires where yours is "
                     "quiet.")
    if _fires(w2, b, w1) == _ONLY_10:
        return wrong("It looks like you wrote the bias first: read as (b, w1, w2) your numbers "
                     f"make the right neuron, but the order asked for is (w1, w2, b).\n{table}",
                     f"write and_not_params = ({w2:g}, {b:g}, {w1:g}).")
    if _fires(w2, w1, b) == _ONLY_10:
        return wrong(f"Your neuron fires only for (0, 1): x2 on and x1 off. The two weights are "
                     f"swapped.\n{table}",
                     f"swap them: and_not_params = ({w2:g}, {w1:g}, {b:g}).")
    if _fires(w1, w2, b) == (False, False, False, True):
        return wrong(f"Your neuron is an AND gate: it fires only when both inputs are on. Here x2 "
                     f"should stop the neuron from firing, not help it.\n{table}",
                     "give x2 a negative weight, big enough in size that w1 + w2 + b stays at or "
                     "below 0.")
    on_edge = [xy for xy in bad if np.isclose(xy[0] * w1 + xy[1] * w2 + b, 0.0, atol=1e-12)]
    if (0, 0) in bad:
        hint = ("with both inputs off, z is just the bias: b must be at or below 0 (exactly 0 "
                "gives output 0.5, which is not above 0.5).")
    elif (1, 0) in bad:
        hint = f"with only x1 on, z = w1 + b = {w1 + b:g} must be above 0: make w1 bigger than -b."
    elif (0, 1) in bad:
        hint = (f"with only x2 on, z = w2 + b = {w2 + b:g} must stay at or below 0: give w2 a "
                "negative weight.")
    else:
        hint = (f"with both on, z = w1 + w2 + b = {w1 + w2 + b:g} must stay at or below 0: make "
                "w2 negative enough to cancel w1 + b.")
    if on_edge == bad:
        hint = ("z is exactly 0 there, so the output is exactly 0.5, and the neuron fires only "
                "ABOVE 0.5. " + hint[0].upper() + hint[1:])
    return wrong(f"Not right yet:\n{table}", hint)


BY_HAND = {"x": (2.0, -1.0), "w": (0.5, -1.5), "b": -1.0}
ABOVE = (0.5, 0.622)  # (z, output) of the neuron the notebook builds before the exercise


def check_by_hand(answer) -> Feedback:
    """`answer` = (z, output) for the numbers in BY_HAND, worked out by hand (2 decimals are enough).

    Names the usual slips: the two numbers swapped, the bias left out, the weights left out,
    a negative weight times a negative input taken as negative, the step or sigmoid(-z) or
    e^(-z) instead of the sigmoid, and the output as a percentage.

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
    def num(v):
        return f"{v:g}" if v >= 0 else f"({v:g})"
    worked = "z = w1·x1 + w2·x2 + b = " + " + ".join(
        [f"{num(wi)} × {num(xi)}" for wi, xi in zip(w, x)] + [num(b)])
    close = functools.partial(np.isclose, atol=0.01)
    if close(z, out_true, atol=0.005) and close(out, z_true) and not close(z, z_true):
        return wrong(f"Your two numbers are right, but swapped: you wrote (output, z) = ({z:g}, "
                     f"{out:g}); the order asked for is (z, output).",
                     f"write by_hand = ({out:g}, {z:g}): z first, then the output.")
    if close(z, ABOVE[0]) and close(out, ABOVE[1]):
        return wrong(f"({z:g}, {out:g}) are the numbers of the neuron built above, with x = (1, "
                     "0.5, -1). This exercise has other inputs, weights and bias.",
                     f"{worked}. Then the output is sigmoid(z).")
    if not close(z, z_true):
        sign_slips = [z_true - 2 * wi * xi for wi, xi in zip(w, x) if wi < 0 and xi < 0]
        if close(z, z_true - b):
            return wrong(f"z = {z:g} is the weighted sum without the bias.", f"add b = {b:g} to it.")
        if close(z, float(np.sum(x)) + b):
            return wrong(f"z = {z:g} adds the inputs but forgets their weights.",
                         f"multiply each input by its weight first: {worked}.")
        if any(close(z, v) for v in sign_slips):
            return wrong(f"z = {z:g}: it looks like you took a negative weight times a negative "
                         "input as negative.",
                         "minus times minus is plus: (-1.5) × (-1) = +1.5, so that input pushes "
                         f"z UP. {worked}.")
        return wrong(f"z = {z:g} is not right yet.", f"{worked}; mind the signs.")
    if close(out, 1.0 if z_true > 0 else 0.0, atol=1e-9):
        return wrong(f"z is right, but output {out:g} is what the step gives.",
                     "the output is sigmoid(z) = 1 / (1 + e^(-z)), a number between 0 and 1.")
    if close(out, 100 * out_true, atol=1.0):
        return wrong(f"z = {z:g} is right; output {out:g} looks like a percentage.",
                     "the sigmoid gives a number between 0 and 1: write it as a fraction, not in %.")
    if not close(out, out_true):
        e = float(np.exp(-z_true))
        hint = f"sigmoid(z) = 1 / (1 + e^(-z)); e^({-z_true:g}) is about {e:.3f}."
        if close(out, float(layers.sigmoid(-z_true))):
            hint = "you computed sigmoid(-z): 1 / (1 + e^(-z)) has e to the power MINUS z. " + hint
        elif close(out, e):
            hint = (f"{out:g} is e^(-z), a step on the way: the output is 1 / (1 + e^(-z)) = "
                    f"1 / (1 + {e:.3f}).")
        elif close(out, 1 + e):
            hint = f"{out:g} is 1 + e^(-z): the output is one divided by it, 1 / {1 + e:.3f}."
        elif close(out, z_true):
            hint = "the output is z passed through the sigmoid, not z itself. " + hint
        return wrong(f"z = {z:g} is right; output {out:g} is not yet.", hint)
    verdict = "above 0.5, so this neuron fires" if out_true > 0.5 else "not above 0.5, so it stays quiet"
    return correct(f"Correct! z = {z_true:g} and output = sigmoid({z_true:g}) = {out_true:.3f}: "
                   f"{verdict}{', but not by much' if abs(out_true - 0.5) < 0.2 else ''}. The "
                   "negative weight on a negative input pushed z up by 1.5.")
