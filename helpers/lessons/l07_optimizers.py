"""Lesson 07's own tools: its interactives and its exercise checkers.

Introduced in notebooks/07_optimizers. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

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
        freeze_layout(self.fig)
        # one contour panel per surface, stacked in the same place; only the chosen one shows
        self.panels = {}
        for i, (name, s) in enumerate(surfaces.SURFACES.items()):
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
        problem = compare(new_p, ref, "the new p", (), hint)
        if problem is not None:
            return Feedback("wrong", at + problem.message)
        known = known_mistake(new_v, right=ref_v, candidates=[
            (old_v, "you returned v unchanged. Return the updated velocity beta * v + grad."),
            (-lr * ref_v, "your v is the step −lr·(βv + g). p is right, but this course keeps "
                          "v = βv + g (as helpers.optim.SGD does), so return that."),
        ])
        if known:
            return wrong(at + known, hint)
        problem = compare(new_v, ref_v, "the new v", (), hint)
        if problem is not None:
            return Feedback("wrong", at + problem.message)
        p, v = new_p, new_v
    return correct(f"Correct! {len(grads)} momentum steps match helpers.optim.SGD(momentum={beta}) "
                   "exactly.")
