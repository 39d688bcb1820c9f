"""Lesson 07's own tools: its interactives and its exercise checkers.

Introduced in notebooks/07_optimizers. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import optim, plots
from ..checks import Feedback, as_numbers, call, compare, correct, fmt, known_mistake, wrong
from ..plots import freeze_layout
from ..widgets import Interactive, slider

# --- interactives ---

RACE_COLOURS = {"SGD": plots.PALETTE["vermillion"], "momentum": plots.PALETTE["sky"],
                "RMSProp": plots.PALETTE["purple"], "Adam": plots.PALETTE["green"]}


class OptimizerRace(Interactive):
    """SGD, momentum, RMSProp and Adam race down a chosen surface (notebooks/07_optimizers).

    Left: the surface's contours with each optimizer's trail. Right: each loss against the
    step, on a log scale. Controls: surface, learning rate (log slider), β (the momentum of
    "momentum" and Adam's β1) and the number of steps. A run that blows up is cut where it
    diverged and reported in words.

    Speed: the contours and axes never change for a surface, so they are drawn once and
    kept as a picture; each update pastes that picture back and draws only the trails and
    loss curves on top (matplotlib's "blitting").
    """

    MAX_STEPS = 300
    DEFAULTS = {"surface": "ravine", "lr": 0.02, "beta": 0.9, "steps": 100}
    LOSS_FLOOR = 1e-12  # losses below this are drawn at it (a log axis would go on forever)

    def __init__(self, surface: str = "ravine", lr: float = 0.02, beta: float = 0.9,
                 steps: int = 100):
        from matplotlib.patheffects import withStroke

        from .. import surfaces
        self.surfaces = surfaces
        self.initial = dict(self.DEFAULTS)  # the controls' rules, then the start is checked by them
        self.initial = self.checked({"surface": surface, "lr": lr, "beta": beta, "steps": steps},
                                    "OptimizerRace")
        self.surface = self.initial["surface"]
        self.fig, (ax0, ax_loss) = plots.figure(8.0, 3.6, ncols=2, width_ratios=[1.15, 1])
        # log10 of the loss on a plain axis with fixed ticks (cheaper than a log axis)
        ax_loss.set(xlabel="step", ylabel="loss (log scale)", title="Loss at each step",
                    xlim=(0, self.MAX_STEPS), ylim=(-12.5, 6.5))
        ax_loss.set_yticks(range(-12, 7, 3), [f"1e{k}" for k in range(-12, 7, 3)])
        outline = [withStroke(linewidth=3.2, foreground="black")]
        self.loss_lines = {n: ax_loss.plot([0], [0], color=c, lw=1.8, label=n)[0]
                           for n, c in RACE_COLOURS.items()}
        ax_loss.legend(loc="lower left", fontsize=8, ncols=2)
        # one contour panel per surface, stacked in the same place; only the chosen one shows
        self.panels = {}
        for i, (name, s) in enumerate(surfaces.SURFACES.items()):
            if i == 1:  # lay out once the first panel has its labels and ticks (none is cut off)
                freeze_layout(self.fig)
            ax = ax0 if i == 0 else self.fig.add_axes(ax0.get_position())
            plots.loss_surface(ax, s.f, s.xlim, s.ylim, resolution=70, levels=18, log=True)
            ax.plot(*s.minimum, marker="*", ms=14, color="white", mec="black", zorder=6)
            ax.plot(*s.start, marker="o", ms=7, color="white", mec="black", zorder=6)
            ax.set(xlabel="parameter x", ylabel="parameter y",
                   title=f"The {name}: loss = {s.formula}")
            ax.set_xticks(np.linspace(*s.xlim, 5))
            trails = {}
            for n, c in RACE_COLOURS.items():
                line, end = plots.draw_path(ax, [s.start], c, marker=False)
                line.set_path_effects(outline)
                end.remove()  # a one-point line draws much faster than a scatter
                (end,) = ax.plot(*s.start, "o", ms=8, color=c, mec="black", zorder=5)
                trails[n] = (line, end)
            self.panels[name] = (ax, trails)
        freeze_layout(self.fig)  # (already done when there are several surfaces)

    def update(self, surface="ravine", lr=0.02, beta=0.9, steps=100) -> dict:
        results = self.surfaces.race(surface, lr, beta, int(steps))
        self.surface = surface
        for name, (ax, _) in self.panels.items():
            ax.set_visible(name == surface)
        _, trails = self.panels[surface]
        for name, r in results.items():
            line, end = trails[name]
            line.set_data(r["path"][:, 0], r["path"][:, 1])
            end.set_data(r["path"][-1:, 0], r["path"][-1:, 1])
            shown = np.log10(np.maximum(r["losses"], self.LOSS_FLOOR))
            self.loss_lines[name].set_data(np.arange(len(shown)), shown)
        return {name: self.surfaces.describe(r) for name, r in results.items()}

    def still_key(self):
        return self.surface  # each surface has its own contours

    def animated(self):
        _, trails = self.panels[self.surface]
        return [a for pair in trails.values() for a in pair] + list(self.loss_lines.values())

    def controls(self) -> dict:
        v = self.initial
        return {
            "surface": w.Dropdown(options=list(self.surfaces.SURFACES), value=v["surface"],
                                  description="surface"),
            "lr": w.FloatLogSlider(value=v["lr"], base=10, min=-3, max=1, step=0.1,
                                   description="learning rate", readout_format=".3g",
                                   continuous_update=True, style={"description_width": "initial"},
                                   layout=w.Layout(width="300px")),
            "beta": slider("β (momentum, Adam's β1)", v["beta"], 0.0, 0.99, 0.01),
            "steps": w.IntSlider(value=v["steps"], min=10, max=self.MAX_STEPS, step=10,
                                 description="steps", style={"description_width": "initial"}),
        }

    def readout(self, result: dict) -> str:
        parts = []
        for name, text in result.items():
            style = ' style="color:#D55E00"' if text.startswith("diverged") else ""
            parts.append(f'<span style="color:{RACE_COLOURS[name]}">■</span> <b>{name}</b>: '
                         f"<span{style}>{text}</span>")
        return " · ".join(parts)


def _step_verdict(factor: float, tol: float = 1e-9) -> str:
    """What w does when each step multiplies it by `factor` = 1 - lr·c (notebooks/07_optimizers)."""
    if factor > 1 - tol:
        return "stands still"
    if factor > tol:
        return "converges smoothly, from one side"
    if factor > -tol:
        return "lands on the bottom in one step"
    if factor > -1 + tol:
        return "converges, but flips sides each step (oscillates)"
    if factor > -1 - tol:
        return "bounces between two points forever"
    return "diverges: every step lands further out"


class StepSize(Interactive):
    """Gradient descent on the 1-D bowl L(w) = c/2·w², made exact (notebooks/07_optimizers).

    The slope is c·w, so one step gives w ← w − lr·c·w = (1 − lr·c)·w: every step multiplies
    w by the same factor. Left: the bowl with the first steps from w = 2.5; right: w against
    the step. Controls: the curvature c and the learning rate lr. The readout gives the
    factor, the limit 2/c and what w does.
    """

    START = 2.5
    STEPS = 20  # steps drawn on the right
    SHOWN = 8  # steps drawn on the bowl
    W_LIM = 3.2
    L_TOPS = (5.5, 11.0, 21.0)  # the left panel's y-top: the first that holds c/2·W_LIM² (few redraws)

    def __init__(self, curvature: float = 1.0, lr: float = 0.5):
        self.initial = {"curvature": 1.0, "lr": 0.5}
        self.initial = self.checked({"curvature": curvature, "lr": lr}, "StepSize")
        self.fig, (ax, ax_w) = plots.figure(8.4, 3.3, ncols=2)
        self.ws = np.linspace(-self.W_LIM, self.W_LIM, 121)
        (self.curve,) = ax.plot(self.ws, self.ws, color=plots.PALETTE["grey"], lw=2,
                                label="loss L(w) = c/2·w²")
        (self.path,) = ax.plot([], [], "o-", color=plots.PALETTE["vermillion"], ms=4, lw=1,
                               label=f"first {self.SHOWN} steps")
        self.ax = ax
        self.top = self._top(self.initial["curvature"])
        ax.set(xlim=(-self.W_LIM, self.W_LIM), ylim=(-0.3, self.top), xlabel="weight w",
               ylabel="loss L(w)", title="Steps on the bowl")
        ax.legend(loc="upper center", fontsize=8)
        ax_w.axhline(0, color=plots.PALETTE["black"], lw=0.8)
        (self.wline,) = ax_w.plot([], [], "o-", color=plots.PALETTE["blue"], ms=3, lw=1)
        ax_w.set(xlim=(0, self.STEPS), ylim=(-self.W_LIM, self.W_LIM), xlabel="step",
                 ylabel="weight w", title="w after each step (the bottom is 0)")
        ax_w.set_xticks(range(0, self.STEPS + 1, 5))
        self.note = ax_w.text(0.98, 0.04, "", transform=ax_w.transAxes, ha="right", va="bottom",
                              fontsize=9)
        # lay out with the tallest y-axis (the widest tick labels), so no label is ever cut off
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.set_ylim(-0.3, self.L_TOPS[-1])
        freeze_layout(self.fig)
        ax.set_ylim(-0.3, self.top)
        self.moving = [self.curve, self.path, self.wline, self.note]

    def update(self, curvature: float = 1.0, lr: float = 0.5) -> dict:
        c, lr = float(curvature), float(lr)
        factor = 1.0 - lr * c + 0.0  # + 0.0: never "-0.00"
        w = self.START * factor ** np.arange(self.STEPS + 1)  # exact: w_k = (1 − lr·c)^k · w_0
        self.top = self._top(c)
        self.ax.set_ylim(-0.3, self.top)  # the axis is redrawn only when the top changes
        self.curve.set_ydata(0.5 * c * self.ws ** 2)
        shown = self._until_far(w[:self.SHOWN + 1])  # a diverging path leaves the picture
        self.path.set_data(shown, 0.5 * c * shown ** 2)
        kept = self._until_far(w)
        self.wline.set_data(np.arange(len(kept)), kept)
        off = np.flatnonzero(np.abs(w) > self.W_LIM)
        self.note.set_text(f"off the chart from step {off[0]}" if len(off) else "")
        return {"factor": round(factor, 3), "limit 2/c": round(2 / c, 3),
                "verdict": _step_verdict(factor),
                "w after 20 steps": f"{w[-1]:.3g}"}

    def _top(self, c: float) -> float:
        """The left panel's y-top for curvature c: the bowl's height at the edge fits under it."""
        need = 0.5 * c * self.W_LIM ** 2
        return next((t for t in self.L_TOPS if t >= need), max(need * 1.05, self.L_TOPS[-1]))

    def still_key(self):
        return self.top  # the y-axis (still) changes with the top

    def _until_far(self, w):
        """w up to and including its first point far outside the picture (numbers stay small)."""
        far = np.flatnonzero(np.abs(w) > 4 * self.W_LIM)
        return w if not len(far) else w[:far[0] + 1]

    def readout(self, r: dict) -> str:
        colour = ' style="color:#D55E00"' if r["verdict"].startswith(("diverges", "bounces")) else ""
        return (f"each step multiplies w by <b>1 − lr·c = {r['factor']:.2f}</b> · "
                f"limit <b>2/c = {r['limit 2/c']:.2f}</b> · w <span{colour}>{r['verdict']}</span>")

    def controls(self) -> dict:
        v = self.initial
        return {"curvature": slider("curvature c", v["curvature"], 0.5, 4.0, 0.1),
                "lr": slider("learning rate", v["lr"], 0.05, 1.5, 0.05)}


class MomentumStep(Interactive):
    """Momentum's effective step on a gentle, steady slope (notebooks/07_optimizers).

    On a slope g that never changes, v ← β·v + g grows to g/(1 − β), so each step
    lr·v grows to lr·g/(1 − β): momentum walks like plain gradient descent with the learning
    rate lr/(1 − β). Left: the length of each step, with and without momentum; right: the
    distance covered. Controls: the learning rate and β.
    """

    SLOPE = 0.5
    STEPS = 60

    def __init__(self, lr: float = 0.05, beta: float = 0.9):
        self.initial = {"lr": 0.05, "beta": 0.9}
        self.initial = self.checked({"lr": lr, "beta": beta}, "MomentumStep")
        self.fig, (ax, ax_d) = plots.figure(8.4, 3.3, ncols=2)
        k = np.arange(1, self.STEPS + 1)
        self.k = k
        (self.plain,) = ax.plot(k, k * 0.0, color=plots.PALETTE["vermillion"], lw=1.8,
                                label="plain SGD: lr·g")
        (self.mom,) = ax.plot(k, k * 0.0, color=plots.PALETTE["sky"], lw=1.8,
                              label="momentum: lr·v")
        (self.limit,) = ax.plot([0, self.STEPS], [0, 0], color=plots.PALETTE["black"], ls="--",
                                lw=1, label="lr·g / (1 − β)")
        ax.set(xlim=(0, self.STEPS), ylim=(0, 1.4), xlabel="step",
               ylabel="length of the step", title=f"Each step on a slope g = {self.SLOPE}")
        ax.legend(loc="upper left", fontsize=8)
        (self.d_plain,) = ax_d.plot(k, k * 0.0, color=plots.PALETTE["vermillion"], lw=1.8,
                                    label="plain SGD")
        (self.d_mom,) = ax_d.plot(k, k * 0.0, color=plots.PALETTE["sky"], lw=1.8, label="momentum")
        ax_d.set(xlim=(0, self.STEPS), ylim=(0, 60), xlabel="step", ylabel="distance covered",
                 title="Distance downhill")
        ax_d.legend(loc="upper left", fontsize=8)
        self.moving = [self.plain, self.mom, self.limit, self.d_plain, self.d_mom]

    def update(self, lr: float = 0.05, beta: float = 0.9) -> dict:
        lr, beta = float(lr), float(beta)
        g = self.SLOPE
        plain = np.full(self.STEPS, lr * g)
        mom = lr * g * (1 - beta ** self.k) / (1 - beta)  # v_k = g(1 + β + … + β^(k−1))
        self.plain.set_ydata(plain)
        self.mom.set_ydata(mom)
        steady = lr * g / (1 - beta)
        self.limit.set_ydata([steady, steady])
        self.d_plain.set_ydata(np.cumsum(plain))
        self.d_mom.set_ydata(np.cumsum(mom))
        # steps until the step is 95 % of its steady size: 1 − β^k ≥ 0.95
        warm = 1 if beta < 0.05 else int(np.ceil(np.log(0.05) / np.log(beta) - 1e-9))
        return {"effective lr": round(lr / (1 - beta), 4), "times lr": round(1 / (1 - beta), 2),
                "steady step": round(steady, 4), "steps to 95 %": warm}

    def readout(self, r: dict) -> str:
        return (f"effective learning rate <b>lr/(1 − β) = {r['effective lr']:.3g}</b> "
                f"({r['times lr']:.3g} × lr) · steady step lr·g/(1 − β) = {r['steady step']:.3g} · "
                f"95 % of it after {r['steps to 95 %']} step{'s' if r['steps to 95 %'] > 1 else ''}")

    def controls(self) -> dict:
        v = self.initial
        return {"lr": slider("learning rate", v["lr"], 0.01, 0.1, 0.01),
                "beta": slider("β (momentum)", v["beta"], 0.0, 0.95, 0.05)}


# --- exercise checkers ---

def _opt_case():
    """Start parameters (3,), four gradients (3,), lr and beta for the two step exercises."""
    rng = np.random.default_rng(7)
    return rng.standard_normal(3), [rng.standard_normal(3) for _ in range(4)], 0.1, 0.9


def check_sgd_step(fn) -> Feedback:
    """Check `sgd_step(p, grad, lr) -> new p` against helpers.optim.SGD (notebooks/07_optimizers)."""
    p0, grads, lr, _ = _opt_case()
    g = grads[0]
    got, problem = call(fn, p0.copy(), g.copy(), lr)
    if problem is None:
        got, problem = as_numbers(got, "sgd_step", p0.shape, returned=True,
                                  hint="return the new parameters, an array like p.")
    if problem is not None:
        return problem
    p = p0.copy()
    optim.SGD({"p": p}, lr=lr).step({"p": g})
    hint = "Step downhill, scaled by the learning rate: return p - lr * grad."
    known = known_mistake(got, right=p, candidates=[
        (p0 + lr * g, "Wrong sign: you stepped uphill. Subtract the gradient: p - lr * grad."),
        (p0 - g, "You forgot the learning rate: the step is lr * grad, not the whole gradient."),
        (-lr * g, "You returned the step itself; return the new parameters p - lr * grad."),
        (p0 - lr, "You subtracted lr alone; the step is lr times the gradient."),
    ])
    if known:
        return wrong(known, hint)
    problem = compare(got, p, "sgd_step", (), hint)
    return problem if problem is not None else correct("Correct! sgd_step matches helpers.optim.SGD.")


def check_momentum_step(fn) -> Feedback:
    """Check `momentum_step(p, grad, v, lr, beta) -> (p, v)` over four steps against
    helpers.optim.SGD(momentum=beta), i.e. PyTorch's v = βv + g; p -= lr·v.

    Introduced in notebooks/07_optimizers.
    """
    p0, grads, lr, beta = _opt_case()
    ref = p0.copy()
    opt = optim.SGD({"p": ref}, lr=lr, momentum=beta)
    p, v, ref_v = p0.copy(), np.zeros_like(p0), np.zeros_like(p0)
    hint = "First v = beta * v + grad, then p = p - lr * v (with the new v); return p, v."
    for step, g in enumerate(grads, start=1):
        old_p, old_v = p.copy(), v.copy()
        got, problem = call(fn, p.copy(), g.copy(), v.copy(), lr, beta)
        if problem is not None:
            return problem
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return wrong(f"`momentum_step` returned {fmt(got)}; expected two arrays (p, v).",
                         "end with `return p, v`.")
        opt.step({"p": g})
        ref_v = beta * ref_v + g
        new_p, problem = as_numbers(got[0], "momentum_step", ref.shape, f"the new p first, an array "
                                    f"of shape {ref.shape}", returned=True, on=f" at step {step}",
                                    hint="end with `return p, v`.")
        if problem is None:
            new_v, problem = as_numbers(got[1], "momentum_step", ref.shape, f"the new v second, "
                                        f"an array of shape {ref.shape}", returned=True,
                                        on=f" at step {step}", hint="end with `return p, v`.")
        if problem is not None:
            return problem
        at = f"At step {step}: "
        if np.allclose(new_p, ref_v) and np.allclose(new_v, ref) and not np.allclose(ref, ref_v):
            return wrong(at + "you returned (v, p): the two are swapped.",
                         "return the parameters first, then the velocity: `return p, v`.")
        known = known_mistake(new_p, right=ref, candidates=[
            (old_p - lr * old_v, "you moved p with the old v. Update v first, then step with the new v."),
            (old_p + lr * ref_v, "wrong sign: p moved uphill. Use p - lr * v."),
            (old_p - ref_v, "you forgot the learning rate: p - lr * v."),
            (old_p - lr * (beta * old_v + (1 - beta) * g),
             "you used the averaging form v = βv + (1 − β)·g. This course (like PyTorch) uses "
             "v = βv + g, so lr keeps its meaning when β = 0."),
            (old_p - lr * g, "p moved by the plain gradient: the step should use the velocity v."),
        ])
        if known:
            return wrong(at + known, hint)
        if not np.allclose(new_p, ref, atol=1e-6, rtol=1e-6):
            return wrong(f"{at}your new p is {fmt(new_p)}, expected {fmt(ref)}.", hint)
        known = known_mistake(new_v, right=ref_v, candidates=[
            (old_v, "you returned v unchanged. Return the updated velocity beta * v + grad."),
            (-lr * ref_v, "your v is the step −lr·(βv + g). p is right, but this course keeps "
                          "v = βv + g (as helpers.optim.SGD does), so return that."),
        ])
        if known:
            return wrong(at + known, hint)
        if not np.allclose(new_v, ref_v, atol=1e-6, rtol=1e-6):
            return wrong(f"{at}your new v is {fmt(new_v)}, expected {fmt(ref_v)}.", hint)
        p, v = new_p, new_v
    return correct(f"Correct! {len(grads)} momentum steps match helpers.optim.SGD(momentum={beta}) "
                   "exactly.")


# exercise 3 (predict before you run): L(w) = BOWL_A·(w − BOWL_BOTTOM)², so c = 2·BOWL_A
BOWL_A, BOWL_BOTTOM = 2.5, 1.0
THREE_STEPS = {"w0": 3.0, "lr": 0.3}


def check_lr_limit(value) -> Feedback:
    """Exercise of notebooks/07_optimizers: the largest learning rate for which gradient
    descent on L(w) = 2.5·(w − 1)² still converges (2/c with c = 5, so 0.4)."""
    value, problem = as_numbers(value, "my_lr_limit", (), "one number such as 0.1", stub=True)
    if problem is not None:
        return problem
    c = 2 * BOWL_A
    right = 2 / c
    hint = ("the slope of 2.5·(w − 1)² is 5·(w − 1), so c = 5 and one step multiplies the "
            "distance to the bottom by 1 − lr·c. It must stay between −1 and 1.")
    if value < 0:
        return wrong(f"my_lr_limit = {value:g}: a learning rate is positive; check the sign.",
                     hint)
    if value == 0:
        return wrong("my_lr_limit = 0: at a learning rate of 0, w never moves. The limit is a "
                     "positive number.", hint)
    if abs(value - right) <= 1e-3:
        return correct(f"Correct! c = {c:g}, so 2/c = {right:g}. Below it each step multiplies "
                       f"w − 1 by 1 − lr·{c:g}, a number between −1 and 1; at exactly {right:g} "
                       f"that number is −1 and w bounces forever; above it, w diverges. Move the "
                       f"sliders above to c = 4 and see the same rule.")
    known = known_mistake(value, right=right, atol=1e-3, candidates=[
        (2 / BOWL_A, f"{value:g} is 2 divided by 2.5, the number in front of (w − 1)². The "
                     "curvature c is the second derivative: 2.5·(w − 1)² = c/2·(w − 1)² gives "
                     f"c = {c:g}."),
        (1 / c, f"{value:g} = 1/c is the learning rate that lands on the bottom in one step. "
                "Above it w still converges, flipping sides each step, up to a larger limit."),
        (2 * c, f"{value:g} = 2·c: the limit is 2 divided by c, not times c."),
        (1 / c / 2, f"{value:g} = 1/(2c): far too careful; rates above it still converge."),
    ])
    if known:
        return wrong(known, hint)
    side = "too large: at that rate w diverges" if value > right else "too small: larger rates still converge"
    return wrong(f"my_lr_limit = {value:g} is {side}.", hint)


def check_three_steps(value) -> Feedback:
    """Exercise of notebooks/07_optimizers: w after three steps of gradient descent on
    L(w) = 2.5·(w − 1)² from w = 3 with lr = 0.3, worked out by hand (0.75)."""
    value, problem = as_numbers(value, "my_w3", (), "one number such as 1.5", stub=True)
    if problem is not None:
        return problem
    c, bottom = 2 * BOWL_A, BOWL_BOTTOM
    w0, lr = THREE_STEPS["w0"], THREE_STEPS["lr"]
    factor = 1 - lr * c
    right = bottom + (w0 - bottom) * factor ** 3
    hint = (f"one step multiplies the distance to the bottom, w − 1, by 1 − lr·c = 1 − "
            f"{lr:g}·{c:g} = {factor:g}. Start: w − 1 = {w0 - bottom:g}.")
    if abs(value - right) <= 1e-6:
        return correct(f"Correct! w − 1 goes {w0 - bottom:g} → {(w0 - bottom) * factor:g} → "
                       f"{(w0 - bottom) * factor ** 2:g} → {(w0 - bottom) * factor ** 3:g}: the "
                       f"factor {factor:g} halves the distance and flips its side each step, so "
                       f"w = {right:g}.")
    known = known_mistake(value, right=right, atol=1e-6, candidates=[
        (w0 * factor ** 3, "you multiplied w itself by the factor. The bottom is at w = 1, so "
                           "the factor multiplies the distance to it, w − 1; add the 1 back at "
                           "the end."),
        (bottom + (w0 - bottom) * (-factor) ** 3, f"the factor is 1 − lr·c = {factor:g}, a "
                                                  "negative number: w flips to the other side "
                                                  "of the bottom each step."),
        (bottom + (w0 - bottom) * (1 - lr * BOWL_A) ** 3,
         "you took c = 2.5. The slope of 2.5·(w − 1)² is 5·(w − 1), so c = 5."),
        (bottom + (w0 - bottom) * (1 - 2 * lr) ** 3,
         f"you used section 1's factor 1 − 2·lr, which belongs to (w − 3)², whose c is 2. Here "
         f"c = {c:g}, so the factor is 1 − lr·{c:g} = {factor:g}."),
        (bottom + (w0 - bottom) * factor, "that is w after one step; take three."),
        (bottom + (w0 - bottom) * factor ** 2, "that is w after two steps; take three."),
        (bottom + (w0 - bottom) * factor ** 4, "that is w after four steps; take three."),
    ])
    if known:
        return wrong(known, hint)
    return wrong(f"my_w3 = {value:g} is not w after three steps.", hint)
