"""Lesson 05's own tools: its interactives and its exercise checkers.

Introduced in notebooks/05_loss. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import warnings

import numpy as np

from .. import plots
from ..checks import Feedback, as_numbers, call, correct, fmt, known_mistake, wrong
from ..validate import positive_int
from ..widgets import Interactive, slider

# --- interactives ---

class LineFitLoss(Interactive):
    """Fit a line by hand and watch the loss (notebooks/05_loss).

    Left: noisy points, the line ``y = slope·x + intercept`` and each residual as a vertical
    segment; right: the MSE over every (slope, intercept) as contours, with a marker at the
    current pair, a star at the best one (drawn above the marker, so it stays visible when you
    reach it) and a white trail with a black edge of your last 60 moves (readable on dark and
    on yellow contours).
    """

    SLOPE = (-2.0, 5.0)
    INTERCEPT = (-4.0, 6.0)

    def __init__(self, n: int = 20, seed: int = 0):
        from matplotlib.collections import LineCollection
        n = positive_int(n, "n (the number of points)", "LineFitLoss", minimum=2)
        if n > 10_000:
            raise ValueError(f"LineFitLoss: n={n} points are too many to draw each residual; "
                             "use at most 10,000 (the lesson uses 20).")
        seed = positive_int(seed, "seed", "LineFitLoss", minimum=0)
        rng = np.random.default_rng(seed)
        self.x = np.sort(rng.uniform(0, 4, n))
        self.y = 1.5 * self.x + 1.0 + rng.normal(0, 0.8, n)
        A = np.c_[self.x, np.ones(n)]
        self.best = np.linalg.lstsq(A, self.y, rcond=None)[0]
        self.best_mse = self.mse(*self.best)
        self.fig, (ax, ax_l) = plots.figure(8.4, 3.6, ncols=2)
        ax.scatter(self.x, self.y, s=22, color=plots.PALETTE["blue"], zorder=3, label="data")
        self.res = LineCollection([], colors=plots.PALETTE["vermillion"], linewidths=1.2, zorder=2,
                                  label="residuals")
        ax.add_collection(self.res)
        xs = np.array([-0.3, 4.3])
        self.xs = xs
        (self.line,) = ax.plot(xs, xs, color=plots.PALETTE["black"], lw=1.8, label="your line")
        ax.set_xlim(*xs)
        ax.set_ylim(-2, 11)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title("Your line and its residuals")
        ax.legend(loc="upper left", fontsize=8)
        self.ax = ax
        self.loss_text = ax.text(0.98, 0.97, "", transform=ax.transAxes, ha="right", va="top",
                                 fontsize=10, fontweight="bold")
        self.off = ax.text(0.98, 0.03, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=8)
        plots.loss_surface(ax_l, lambda m, c: self.mse(m, c), self.SLOPE, self.INTERCEPT, log=True)
        self.star = ax_l.scatter([self.best[0]], [self.best[1]], marker="*", s=160, color=plots.PALETTE["yellow"],
                     edgecolors="black", linewidths=0.7, zorder=7, label="lowest loss")
        (self.trail_edge,) = ax_l.plot([], [], color=plots.PALETTE["black"], lw=3.4, zorder=4,
                                       solid_capstyle="round", solid_joinstyle="round")
        (self.trail,) = ax_l.plot([], [], color="white", lw=1.6, zorder=4.1,
                                  solid_capstyle="round", solid_joinstyle="round")
        self.marker = ax_l.scatter([0], [0], s=70, color=plots.PALETTE["vermillion"],
                                   edgecolors="white", linewidths=1.2, zorder=6, label="your line")
        ax_l.set_xlabel("slope")
        ax_l.set_ylabel("intercept")
        ax_l.set_title("MSE for every (slope, intercept)")
        ax_l.legend(loc="upper right", fontsize=8)
        self.path: list = []
        self.moving = [self.res, self.line, self.loss_text, self.off, self.trail_edge, self.trail,
                       self.marker, self.star]  # drawn in this order: the star last, on top

    def mse(self, slope, intercept):
        """MSE of the line on the data; slope and intercept may be equal-shaped arrays (grids)."""
        m = np.asarray(slope, dtype=float)[..., None]
        c = np.asarray(intercept, dtype=float)[..., None]
        r = m * self.x + c - self.y
        return np.mean(r * r, axis=-1)

    def update(self, slope: float = 0.5, intercept: float = 0.0) -> dict:
        slope, intercept = float(slope), float(intercept)
        pred = slope * self.x + intercept
        self.line.set_ydata(slope * self.xs + intercept)
        self.res.set_segments(np.stack([np.c_[self.x, self.y], np.c_[self.x, pred]], axis=1))
        loss = float(self.mse(slope, intercept))
        self.loss_text.set_text(f"MSE = {loss:.2f}\n(lowest possible {self.best_mse:.2f})")
        lo, hi = self.ax.get_ylim()
        outside = int(np.sum((pred < lo) | (pred > hi)))
        self.off.set_text(f"{outside} of {len(pred)} predictions are off the chart" if outside else "")
        self.marker.set_offsets([[slope, intercept]])
        self.path = (self.path + [(slope, intercept)])[-60:]
        p = np.array(self.path)
        self.trail.set_data(p[:, 0], p[:, 1])
        self.trail_edge.set_data(p[:, 0], p[:, 1])
        return {"slope": round(slope, 2), "intercept": round(intercept, 2), "MSE": round(loss, 3),
                "best MSE": round(float(self.best_mse), 3)}

    def readout(self, result: dict) -> str:
        extra = result["MSE"] / result["best MSE"]
        verdict = ("this is the best line" if extra < 1.01 else
                   f"{extra:.1f} × the lowest possible loss")
        return (f"<b>slope</b> {result['slope']:.2f} · <b>intercept</b> {result['intercept']:.2f} · "
                f"<b>MSE</b> {result['MSE']:.3f} ({verdict})")

    def controls(self) -> dict:
        return {"slope": slider("slope", 0.5, *self.SLOPE, 0.1),
                "intercept": slider("intercept", 0.0, *self.INTERCEPT, 0.1)}


# --- exercise checkers ---

def _loss05_mse(pred, y):
    d = np.asarray(pred, dtype=float) - np.asarray(y, dtype=float)
    return float(np.mean(d * d))


def _loss05_mistake(got, wrongs, args):
    """The message of the first typical mistake (a function of the same args) equal to `got`."""
    def value(fn):
        with np.errstate(all="ignore"):
            try:
                return fn(*args)
            except Exception:  # a mistake that cannot even be computed here
                return None
    return known_mistake(got, ((value(fn), message) for fn, message in wrongs), atol=1e-6)


def _loss05_not_one_number(got, name, on, want, parts, args, over="every value"):
    """A Feedback when `got` is a list, tuple or array (even of one number), else None.

    A loss is ONE number. ``parts(*args)`` gives the typical arrays a learner returns instead
    (the per-example losses, a mean along one axis), each with words that name it.
    """
    if isinstance(got, (int, float, np.number)) and not isinstance(got, (bool, np.bool_)):
        return None
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            arr = np.asarray(got, dtype=float)
        except Exception:  # text, None inside, ragged lists, hostile objects: as_numbers says it
            return None
        if arr.ndim == 0:
            return None
        kind = "a list" if isinstance(got, list) else "a tuple" if isinstance(got, tuple) else "an array"
        count = f"{arr.size} number{'s' * (arr.size != 1)}"
        if arr.size == 1:
            v = f"{float(arr.ravel()[0]):.4g}"
            shown = {"a list": f"[{v}]", "a tuple": f"({v},)"}.get(kind, f"array([{v}])")
            return wrong(f"`{name}`{on} returned {shown}: {kind} holding one number. A loss is "
                         f"ONE number, not {kind}: here {want:.4f}.",
                         "return the number itself: np.mean(...) already gives one number "
                         "(wrap it in float(...) if you like), with no brackets around it.")
        said = ""
        for value, words in parts(*args):
            value = np.asarray(value, dtype=float)
            if value.shape == arr.shape and np.allclose(arr, value, atol=1e-6, equal_nan=False):
                said = " " + words
                break
        return wrong(f"`{name}`{on} returned {kind} of {count}: {fmt(arr, 120)}.{said} The loss of a "
                     f"batch is ONE number, the mean over {over}: here {want:.4f}.",
                     "end with np.mean(...) over everything (no axis=), so one number comes out.")


def _loss05_run(fn, name, cases, reference, wrongs, arg_names, fallback_hint, parts=lambda *a: (),
                over="every value"):
    """Run a loss exercise on every case: None when all match, else the first Feedback.

    A list, tuple or array is refused with words (a loss is one number; ``parts`` names the
    usual arrays, see `_loss05_not_one_number`). A wrong number is compared with each typical
    mistake in ``wrongs`` so the feedback can name it; a negative loss that matches none is
    still called out.
    """
    for args in cases:
        got, problem = call(fn, *(a.copy() for a in args))
        if problem is not None:
            return problem
        want = reference(*args)
        on = " for " + ", ".join(f"{n}={fmt(a)}" for n, a in zip(arg_names, args))
        problem = _loss05_not_one_number(got, name, on, want, parts, args, over)
        if problem is not None:
            return problem
        g, problem = as_numbers(got, name, (), f"one number like {want:.4f}", returned=True, on=on)
        if problem is not None:
            return problem
        if np.isclose(g, want, atol=1e-8, rtol=1e-8):
            continue
        hint = _loss05_mistake(g, wrongs, args)
        if hint is None and g < 0:
            hint = "the minus sign is missing: the loss must never be negative."
        msg = f"`{name}`{on} returned {g:.4f}, expected {want:.4f}."
        return wrong(msg + (f" It looks like {hint}" if hint else ""), "" if hint else fallback_hint)
    return None


def check_mse(fn) -> Feedback:
    """Exercise in notebooks/05_loss: ``mse(pred, y)`` -> the mean of the squared errors."""
    name = getattr(fn, "__name__", "mse")
    cases = [
        (np.array([2.5, 0.0, 2.0, 8.0]), np.array([3.0, -0.5, 2.0, 7.0])),
        (np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])),
        (np.array([[1.0, -2.0], [0.5, 4.0], [3.0, 3.0]]), np.array([[0.0, -1.0], [0.5, 1.0], [2.0, 5.0]])),
    ]
    wrongs = [
        (lambda p, y: np.sum((p - y) ** 2), "that is the sum of the squared errors, not their mean. "
         "Divide by the number of values (np.mean does both steps)."),
        (lambda p, y: np.mean(p - y), "the errors were not squared, so positive and negative ones "
         "cancel out. Square each difference before averaging."),
        (lambda p, y: np.mean(y - p), "the errors were not squared, so positive and negative ones "
         "cancel out. Square each difference before averaging."),
        (lambda p, y: np.mean(np.abs(p - y)), "that is the mean absolute error. MSE squares each "
         "difference instead of taking its absolute value."),
        (lambda p, y: np.sqrt(np.mean((p - y) ** 2)), "that is the root of the MSE (RMSE). Leave out "
         "the square root."),
        (lambda p, y: np.mean(p - y) ** 2, "you squared the mean error; square each error first, "
         "then take the mean."),
        (lambda p, y: np.sum((p - y) ** 2) / 2, "that is half the sum of squares. MSE divides by the "
         "number of values."),
        (lambda p, y: np.mean((p - y) ** 2) / 2, "that is half the MSE. Leave out the 1/2."),
        (lambda p, y: np.sum((p - y) ** 2) / len(p), "you divided by len(pred), which counts the rows "
         "only; a 2-D batch has pred.size values (rows × columns). Use np.mean, which divides by "
         "all of them."),
    ]
    def parts(p, y):
        sq = (p - y) ** 2
        found = [(sq, "These are the squared errors, one per value; the MSE is their mean.")]
        if sq.ndim == 2:
            found += [(sq.mean(axis=0), "You got one number per column: an average over the rows "
                                        "only, as a loop over the rows or np.mean(..., axis=0) gives."),
                      (sq.mean(axis=1), "np.mean(..., axis=1) averages each row (example) on its own.")]
        return found
    problem = _loss05_run(fn, name, cases, _loss05_mse, wrongs, ("pred", "y"),
                          "subtract, square, then average: np.mean((pred - y) ** 2).", parts)
    if problem is not None:
        return problem
    return correct(f"Correct! `{name}` matches the mean squared error on {len(cases)} cases, "
                   "including a 2-D batch.")


def _loss05_ce(probs, labels_):
    probs = np.asarray(probs, dtype=float)
    return float(-np.mean(np.log(probs[np.arange(len(labels_)), labels_])))


def check_cross_entropy(fn) -> Feedback:
    """Exercise in notebooks/05_loss: ``cross_entropy(probs, labels)`` with probs (N, C) that
    sum to 1 per row and integer labels (N,) -> mean of -log(probability of the true class)."""
    name = getattr(fn, "__name__", "cross_entropy")
    cases = [
        (np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]), np.array([0, 1, 1])),
        (np.array([[0.9, 0.05, 0.05], [0.2, 0.5, 0.3], [0.6, 0.3, 0.1], [0.25, 0.25, 0.5]]),
         np.array([1, 2, 0, 0])),
        (np.array([[0.1, 0.9], [0.8, 0.2]]), np.array([1, 1])),
    ]
    pick = "pick one entry per row: probs[np.arange(len(labels)), labels]."
    wrongs = [
        (lambda p, t: np.mean(np.log(p[np.arange(len(t)), t])), "the minus sign is missing: log of a "
         "probability is negative, so the loss came out below zero. Put a minus in front."),
        (lambda p, t: -np.sum(np.log(p[np.arange(len(t)), t])), "that is the sum over the batch, "
         "not the mean. Divide by the number of examples (np.mean)."),
        (lambda p, t: -np.mean(np.log(p[:, t])), "probs[:, labels] takes whole columns (a table of "
         "N × N numbers) instead of one number per example; " + pick),
        (lambda p, t: -np.mean(np.log(p[t])), "probs[labels] picks rows, not the true class of each "
         "example; " + pick),
        (lambda p, t: -np.mean(np.log(p[t, np.arange(len(t))])), "the row and column indices are "
         "swapped; " + pick),
        (lambda p, t: -np.mean(np.log(p)), "that averages -log over every class. Only the "
         "probability of the true class counts: " + pick),
        (lambda p, t: -np.mean(np.log(p.max(axis=1))), "that uses the most likely class, not the "
         "true one. Use the labels: " + pick),
        (lambda p, t: -np.mean(np.log10(p[np.arange(len(t)), t])), "that is log base 10; use the "
         "natural log, np.log."),
        (lambda p, t: -np.mean(1 - p[np.arange(len(t)), t]), "the log is missing: the loss is "
         "-log(p) of the true class."),
        (lambda p, t: np.mean(1 - p[np.arange(len(t)), t]), "the log is missing: the loss is "
         "-log(p) of the true class."),
    ]
    def parts(p, t):
        picked = p[np.arange(len(t)), t]
        return [(-np.log(picked), "These are the losses of each example; the batch's loss is their mean."),
                (picked, "These are the probabilities of the true classes: take -log of each, then the mean.")]
    problem = _loss05_run(fn, name, cases, _loss05_ce, wrongs, ("probs", "labels"),
                          "-np.mean(np.log(probs[np.arange(len(labels)), labels])).", parts,
                          "the examples")
    if problem is not None:
        if problem.status == "error" and "index" in problem.message.lower():
            problem.message += "\nHint: " + pick
        return problem
    return correct(f"Correct! `{name}` matches -mean(log p[true class]) on {len(cases)} batches.")


# --- exercise: losses by hand (a reasoning exercise: compute, do not copy) ---

BY_HAND = {
    "x": (0.0, 1.0, 2.0, 3.0), "y": (2.0, 1.0, 5.0, 10.0), "line": (2.0, 1.0),  # y_hat = 2x + 1
    "probs": ((0.25, 0.5, 0.25), (0.5, 0.25, 0.25)), "labels": (1, 1),  # two dogs: cat, dog, bird
}


def _by_hand_answers():
    x, y = np.array(BY_HAND["x"]), np.array(BY_HAND["y"])
    slope, intercept = BY_HAND["line"]
    err = slope * x + intercept - y
    probs, labels = np.array(BY_HAND["probs"]), np.array(BY_HAND["labels"])
    p = probs[np.arange(len(labels)), labels]
    return err, p


def check_loss_by_hand(answer) -> Feedback:
    """Exercise in notebooks/05_loss: ``answer`` = (MSE, cross-entropy) worked out by hand for
    the numbers in BY_HAND (the line 2x + 1 on four points; two photos of dogs). Two decimals
    are enough (within 0.01)."""
    answer, problem = as_numbers(answer, "loss_by_hand", 2, "two numbers (MSE, cross-entropy)",
                                 stub=True, hint="write them as a tuple, e.g. loss_by_hand = (1.25, 0.5).")
    if problem is not None:
        return problem
    mse, ce = (float(v) for v in answer)
    err, p = _by_hand_answers()
    mse_true, ce_true = float(np.mean(err ** 2)), float(-np.mean(np.log(p)))
    table = ", ".join(f"{e:g}" for e in err)
    if (np.isclose(mse, ce_true, atol=0.01) and np.isclose(ce, mse_true, atol=0.01)):
        return wrong(f"The two are swapped: {ce:g} is the MSE and {mse:g} the cross-entropy. The "
                     "tuple is (MSE, cross-entropy).",
                     f"write loss_by_hand = ({ce:g}, {mse:g}).")
    if not np.isclose(mse, mse_true, atol=0.01):
        hint = (f"the predictions 2x + 1 are {', '.join(f'{v:g}' for v in err + np.array(BY_HAND['y']))}; "
                f"the errors (prediction - y) are {table}. Square each one, then take their mean.")
        mistakes = [
            (float(np.sum(err ** 2)), "that is the sum of the squared errors; divide it by the number of points, 4."),
            (float(np.sum(err ** 2) / (len(err) - 1)), "you divided by 3; there are 4 points, so divide by 4."),
            (float(np.mean(err)), "the errors were not squared, so they partly cancel out."),
            (float(-np.mean(err)), "the errors were not squared, so they partly cancel out."),
            (float(np.mean(np.abs(err))), "that is the mean absolute error; square each error instead."),
            (float(np.sqrt(np.mean(err ** 2))), "that is the square root of the MSE; leave the root out."),
            (float(np.mean(err) ** 2), "that squares the mean error; square each error first, then average."),
        ]
        said = known_mistake(mse, mistakes, atol=0.01)
        return wrong(f"The MSE {mse:g} is not right yet." + (f" It looks like {said}" if said else ""), hint)
    if not np.isclose(ce, ce_true, atol=0.01):
        hint = ("each photo pays -ln(p) for the probability p of its true class, dog: 0.5 for the "
                "first photo, 0.25 for the second. ln 2 ≈ 0.693, and ln 4 = 2 · ln 2. Then take "
                "the mean of the two.")
        mistakes = [
            (float(-np.sum(np.log(p))), "that is the sum over the two photos; take their mean."),
            (float(np.mean(np.log(p))), "the minus sign is missing: the log of a probability is negative, "
             "and a loss is not."),
            (float(-np.mean(np.log10(p))), "that uses log base 10; cross-entropy uses the natural log, ln."),
            (float(-np.mean(np.log2(p))), "that uses log base 2; cross-entropy here uses the natural log, ln."),
            (float(-np.log(0.5)), "that is ln 2 = -ln 0.5, the first photo's loss alone (or both photos "
             "charged ln 2, as if the second had also given dog 0.5; its 0.5 is for cat). The second "
             "photo gave dog only 0.25, so it pays -ln 0.25 = ln 4 = 2 · ln 2; the batch pays the mean "
             "of the two."),
            (float(-np.log(p[1])), "that is the loss of one photo, the second (-ln 0.25 = ln 4); "
             "the batch's loss is the mean of both photos' losses."),
            (float(np.mean(1 - p)), "the log is missing: the loss is -ln(p), not 1 - p."),
            (float(-np.log(np.mean(p))), "that averages the probabilities first; take -ln of each one, "
             "then the mean."),
        ]
        said = known_mistake(ce, mistakes, atol=0.005)
        return wrong(f"Your MSE is right ({mse_true:g}). The cross-entropy {ce:g} is not right yet."
                     + (f" It looks like {said}" if said else ""), hint)
    return correct(f"Correct! MSE = mean of ({table})² = {mse_true:g}. Cross-entropy = "
                   f"(ln 2 + ln 4) / 2 = 1.5 · ln 2 ≈ {ce_true:.3f}: the second photo, which gave the "
                   "truth only 0.25, pays twice as much as the first.")
