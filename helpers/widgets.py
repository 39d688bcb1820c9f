"""The logic behind every interactive: functions that redraw a figure from control values.

Introduced in notebooks/01_the_neuron; each lesson adds its interactives in its own section
below.

The pattern, the same everywhere:

- A class builds a matplotlib Figure once and keeps its artists.
- ``update(**values)`` moves the artists to match the values and returns the numbers it
  shows (accuracy, output, ...), so tests can call it headless with no browser.
- ``widget()`` returns an ipywidgets box: the controls, a text readout and an ``Image``
  holding the figure as PNG. Moving a control calls ``update`` and swaps the PNG: no
  flicker, no Output widget, and the same picture in JupyterLab, on Binder and in tests.
- That box is a `View`: beside the live widget it carries a picture of its first frame and
  one line of text, which is what GitHub, nbviewer, nbconvert's HTML and a notebook opened
  before it is run show.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np  # noqa: F401

from . import data, gradcheck, layers, losses, optim, plots, train  # noqa: F401
from .plots import SCREEN_DPI, freeze_layout, png_bundle, to_png
from .value import Value  # noqa: F401


class View(w.VBox):
    """A box of widgets that also shows where no widget can run.

    Displayed in JupyterLab it is the live widget. Its display bundle also holds ``picture``
    (an ``Image`` widget's PNG as it is when the cell shows it) and ``summary`` as plain text,
    so a static view (GitHub, nbviewer, nbconvert's HTML, an untrusted or not yet run
    notebook) shows the picture and one line that says what the widget is.

    Introduced in notebooks/01_the_neuron.
    """

    def __init__(self, children, picture: w.Image, summary: str, **kwargs):
        super().__init__(children, **kwargs)
        self.picture = picture
        self.summary = summary

    def _repr_mimebundle_(self, **kwargs):
        return with_picture(super()._repr_mimebundle_(**kwargs), self.picture.value, self.summary)


def with_picture(bundle, png: bytes, summary: str):
    """A widget's display bundle with a PNG and a one-line text beside its widget view."""
    data, metadata = png_bundle(png)
    live = bundle[0] if isinstance(bundle, tuple) else (bundle or {})
    return {**live, **data, "text/plain": summary}, metadata


class Interactive:
    """Base class for an interactive figure with controls.

    Subclasses set ``self.fig`` in ``__init__``, implement ``update(**values) -> dict`` and
    ``controls() -> dict[name, ipywidgets control]``, and may override ``readout(result)``
    to turn update's result into HTML for the line under the controls.
    """

    fig = None
    moving: list = []

    def update(self, **values) -> dict:
        raise NotImplementedError

    def controls(self) -> dict:
        raise NotImplementedError

    def readout(self, result: dict) -> str:
        return " · ".join(f"<b>{k}</b>: {v}" for k, v in result.items())

    def animated(self) -> list:
        """The artists that ``update`` changes: ``self.moving``, or an override when the list
        depends on the state. ``png`` draws the rest of the figure once and then only these on
        each update (see `plots.to_png`); an empty list redraws everything each time."""
        return self.moving

    def still_key(self):
        """A value that changes when the still part of the figure changes (it is redrawn then)."""
        return None

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes."""
        return to_png(self.fig, self.animated(), self.still_key())

    def image_widget(self) -> w.Image:
        """An Image widget at the figure's screen size (its PNG has `plots.PIXEL_RATIO` times
        the pixels, so it stays sharp on a 2x screen)."""
        width = round(self.fig.get_figwidth() * SCREEN_DPI)
        return w.Image(format="png", layout=w.Layout(width=f"{width}px", max_width="100%"))

    def summary(self, controls: dict) -> str:
        """One line for static views: what this is and how to use it."""
        names = ", ".join(getattr(c, "description", "") or k for k, c in controls.items())
        using = f" with its controls ({names})" if names else ""
        return (f"[interactive figure: {type(self).__name__}] The picture shows where it starts; "
                f"run the cell in Jupyter to use it{using}.")

    def widget(self) -> w.Box:
        """Controls, readout and picture, wired together."""
        ctrls = self.controls()
        text = w.HTML()
        image = self.image_widget()

        def refresh(_change=None):
            result = self.update(**{k: c.value for k, c in ctrls.items()})
            text.value = self.readout(result or {})
            image.value = self.png()

        for c in ctrls.values():
            c.observe(refresh, names="value")
        freeze_layout(self.fig)
        refresh()
        self.ui = {"controls": ctrls, "text": text, "image": image, "refresh": refresh}
        return View([w.HBox(list(ctrls.values()), layout=w.Layout(flex_flow="row wrap")), text, image],
                     image, self.summary(ctrls))


def slider(description: str, value: float, min: float, max: float, step: float = 0.1,
           **kw) -> w.FloatSlider:
    """A float slider in the course's style (wide enough to read its label)."""
    return w.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                         continuous_update=True, style={"description_width": "initial"},
                         layout=w.Layout(width="260px"), **kw)


# === 00_welcome =====================================================================

RULE_FEATURES = {
    "ink on the left, middle rows": (slice(2, 6), slice(0, 3)),
    "ink in the left half": (slice(0, 8), slice(0, 4)),
    "ink in the whole image": (slice(0, 8), slice(0, 8)),
    "ink in the centre": (slice(3, 5), slice(3, 5)),
}


def rule_feature(images, feature: str = "ink on the left, middle rows") -> np.ndarray:
    """Average ink per pixel (0..16) in one region of each 8×8 image: (N, 8, 8) -> (N,).

    Introduced in notebooks/00_welcome, for the hand-written 3-vs-8 rule.
    """
    if feature not in RULE_FEATURES:
        raise ValueError(f"rule_feature: feature must be one of {list(RULE_FEATURES)}, got {feature!r}.")
    rows, cols = RULE_FEATURES[feature]
    imgs = np.asarray(images, dtype=float).reshape(-1, 8, 8)
    return imgs[:, rows, cols].mean(axis=(1, 2))


class HandRuleDemo(Interactive):
    """A hand-written rule for 3 vs 8: "it is an 8 when the ink in a region is above t".

    Histograms of the chosen region's ink for the 3s and the 8s, the threshold as a line,
    and the rule's accuracy. Controls: the region (Dropdown) and the threshold (slider).
    Introduced in notebooks/00_welcome.
    """

    def __init__(self, images, is_eight):
        self.images = np.asarray(images, dtype=float).reshape(-1, 8, 8)
        self.is_eight = np.asarray(is_eight).astype(bool)
        self.edges = np.linspace(0, 16, 65)
        self.values = {f: rule_feature(self.images, f) for f in RULE_FEATURES}
        self.counts = {f: (np.histogram(v[~self.is_eight], self.edges)[0],
                           np.histogram(v[self.is_eight], self.edges)[0])
                       for f, v in self.values.items()}
        top = max(max(c3.max(), c8.max()) for c3, c8 in self.counts.values())
        self.fig, ax = plots.figure(6, 3.4)
        self.ax = ax
        self.span = ax.axvspan(0, 16, color=plots.PALETTE["orange"], alpha=0.12, lw=0,
                               label='rule says "8"')
        c3, c8 = self.counts[next(iter(RULE_FEATURES))]
        self.h3 = ax.stairs(c3, self.edges, color=plots.PALETTE["blue"], lw=2, label="real 3s")
        self.h8 = ax.stairs(c8, self.edges, color=plots.PALETTE["orange"], lw=2, label="real 8s")
        self.line = ax.axvline(0, color=plots.PALETTE["vermillion"], lw=2, label="threshold t")
        ax.set_xlim(0, 16)
        ax.set_ylim(0, top * 1.15)
        ax.set_xlabel("average ink per pixel in the region (0 = blank, 16 = full)")
        ax.set_ylabel("number of images")
        ax.legend(loc="upper right", fontsize=9)
        self.title = ax.set_title("", fontsize=10)  # the longest region name still fits
        self.update()  # fill the titles before the layout is measured

    def animated(self) -> list:
        return [self.span, self.h3, self.h8, self.line, self.title]

    def update(self, feature: str = "ink on the left, middle rows", threshold: float = 2.0) -> dict:
        if feature not in self.values:
            raise ValueError(f"HandRuleDemo: feature must be one of {list(self.values)}, got {feature!r}.")
        c3, c8 = self.counts[feature]
        self.h3.set_data(c3, self.edges)
        self.h8.set_data(c8, self.edges)
        t = float(threshold)
        self.line.set_xdata([t, t])
        self.span.set_x(t)
        self.span.set_width(16 - t)
        says_eight = self.values[feature] > t
        acc = float(np.mean(says_eight == self.is_eight))
        self.title.set_text(f"Rule: an 8 if {feature} > {t:.2f}  →  {acc:.1%} right")
        return {"accuracy": f"{acc:.1%}",
                "3s called 8": int(np.sum(says_eight & ~self.is_eight)),
                "8s called 3": int(np.sum(~says_eight & self.is_eight))}

    def controls(self) -> dict:
        return {"feature": w.Dropdown(options=list(RULE_FEATURES), value="ink on the left, middle rows",
                                      description="region", layout=w.Layout(width="300px")),
                "threshold": slider("threshold t", 1.0, 0.0, 16.0, 0.25)}


class DigitReader(Interactive):
    """One test digit and the network's probability for each class 0..9.

    ``model`` is any helpers model whose forward gives 10 scores; ``X`` (N, 64) scaled the
    way the model was trained; ``y`` the true labels. Control: which test digit (slider).
    Introduced in notebooks/00_welcome.
    """

    def __init__(self, model, X, y):
        self.X = np.asarray(X, dtype=float)
        self.y = np.asarray(y)
        with np.errstate(all="ignore"):
            self.probs = layers.softmax(model.forward(self.X))
        self.fig, (ax_img, ax_bar) = plots.figure(6, 2.8, ncols=2, width_ratios=[1, 1.6])
        self.image = ax_img.imshow(self.X[0].reshape(8, 8), cmap="gray_r", vmin=0,
                                   vmax=float(self.X.max()) or 1.0, interpolation="nearest")
        ax_img.axis("off")
        self.img_title = ax_img.set_title("")
        self.bars, self.bar_title = plots.probability_bars(ax_bar, self.probs[0])
        self.update()

    def animated(self) -> list:
        return [self.image, self.img_title, *self.bars, self.bar_title]

    def update(self, index: int = 0) -> dict:
        i = int(np.clip(index, 0, len(self.X) - 1))
        p = self.probs[i]
        guess = int(p.argmax())
        right = guess == int(self.y[i])
        self.image.set_data(self.X[i].reshape(8, 8))
        for k, bar in enumerate(self.bars):
            bar.set_height(p[k])
            bar.set_color(plots.PALETTE["sky"])
        self.bars[guess].set_color(plots.PALETTE["green"] if right else plots.PALETTE["vermillion"])
        self.img_title.set_text(f"test digit #{i}: a {int(self.y[i])}")
        self.bar_title.set_text(f"guess: {guess} ({p[guess]:.0%} sure), {'right' if right else 'wrong'}")
        return {"true digit": int(self.y[i]), "guess": guess, "probability": f"{p[guess]:.1%}",
                "right": right}

    def controls(self) -> dict:
        return {"index": w.IntSlider(value=0, min=0, max=len(self.X) - 1, description="test digit",
                                     continuous_update=True, layout=w.Layout(width="400px"))}

# === 01_the_neuron ==================================================================

class NeuronDemo(Interactive):
    """One neuron with three inputs: output = sigmoid(w1·x1 + w2·x2 + w3·x3 + b).

    Left: a bar for each input's contribution w_i·x_i, the bias and their sum z. Right: the
    sigmoid curve with the neuron's point on it and the 0.5 line: above it, the neuron fires.
    Controls: x1..x3, w1..w3 and b (sliders). Introduced in notebooks/01_the_neuron.
    """

    ZMAX = 8.0  # the curve is drawn for z in [-ZMAX, ZMAX]; beyond, a triangle at the edge

    def __init__(self):
        import matplotlib
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
        self.update()

    def animated(self) -> list:
        return [*self.bars, *self.bar_text, self.guide, self.point, self.sig_title]

    def update(self, x1=1.0, x2=0.5, x3=-1.0, w1=1.0, w2=2.0, w3=0.5, b=-1.0) -> dict:
        x = np.array([x1, x2, x3], dtype=float)
        wts = np.array([w1, w2, w3], dtype=float)
        parts = wts * x
        z = float(parts.sum() + b)
        out = float(layers.sigmoid(z))
        fires = out > 0.5
        values = [*parts, b, z]
        for bar, txt, v in zip(self.bars, self.bar_text, values):
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
        defaults = {"x1": 1.0, "x2": 0.5, "x3": -1.0, "w1": 1.0, "w2": 2.0, "w3": 0.5, "b": -1.0}
        return {k: slider(k, v, -2.0 if k[0] == "x" else -3.0, 2.0 if k[0] == "x" else 3.0, 0.1)
                for k, v in defaults.items()}

# === 02_weights_and_biases ==========================================================

# The four corners of the unit square, and the labels of three logic gates on them.
GATE_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
GATES = {"AND": np.array([0, 0, 0, 1]), "OR": np.array([0, 1, 1, 1]),
         "XOR": np.array([0, 1, 1, 0])}


def boundary_data(name: str):
    """The data sets of notebooks/02_weights_and_biases: (X, y, (low, high) view limits).

    "blobs": two clouds, one each side of the origin; "far from origin": the same clouds
    moved to (1, 1) and (5, 5), so a line must be offset from the origin to split them;
    "AND", "OR", "XOR": the four input pairs of each logic gate.
    """
    if name == "blobs":
        X, y = data.make_blobs(100, noise=1.0, seed=0)
        return X, y, (-5.5, 5.5)
    if name == "far from origin":
        X, y = data.make_blobs(100, noise=0.8, seed=1)
        return X + 3.0, y, (-2.0, 8.0)
    if name in GATES:
        return GATE_X, GATES[name], (-0.5, 1.5)
    raise ValueError(f"boundary_data: unknown data set {name!r}; choose one of "
                     f"{['blobs', 'far from origin', *GATES]}.")


def describe_boundary(w1: float, w2: float, b: float) -> str:
    """The neuron's decision boundary w1·x1 + w2·x2 + b = 0, in words."""
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
        if data not in self.sets:
            raise ValueError(f"NeuronBoundary: unknown data set {data!r}; choose one of {list(self.NAMES)}.")
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


# === 03_layers ======================================================================

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
    depth = int(depth)
    width = int(width)
    if depth < 0:
        raise ValueError(f"random_network_pictures: depth (hidden layers) must be 0 or more, got {depth}.")
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


# === 04_forward_pass ================================================================

class ForwardStepper(Interactive):
    """Step one example through a small network, layer by layer (notebooks/04_forward_pass).

    The network is ``layers.mlp([2, 3, 3, 3], seed=seed)``: two inputs, two hidden ReLU
    layers of 3 units, and 3 output scores that softmax turns into probabilities for
    "cat", "dog" and "bird". Left: the diagram, circles coloured and labelled by their
    values up to the current step (purple below zero, orange above, white and empty: not
    computed yet), lines coloured by their weights' signs. Right: the current layer's
    numbers, before (z) and after (a) its activation, with the shapes of the matrix product.
    """

    CLASSES = ("cat", "dog", "bird")

    def __init__(self, seed: int = 9):
        self.model = layers.mlp([2, 3, 3, 3], seed=seed)
        self.dense = [m for m in self.model.layers if isinstance(m, layers.Dense)]
        self.sizes = [2, 3, 3, 3]
        self.fig, (ax_net, ax_txt) = plots.figure(8.4, 3.4, ncols=2, width_ratios=[1.25, 1])
        self.net = plots.draw_network(ax_net, self.sizes, [d.params["W"] for d in self.dense],
                                      layer_names=["input", "hidden 1", "hidden 2", "output"])
        ax_net.set_title("One example flowing through the network")
        for i, name in enumerate(["x1", "x2"]):
            x, y = self.net.pos[0][i]
            ax_net.text(x - 0.3, y, name, ha="right", va="center", fontsize=9)
        for i, name in enumerate(self.CLASSES):
            x, y = self.net.pos[-1][i]
            ax_net.text(x + 0.3, y, name, ha="left", va="center", fontsize=9)
        self.step_marker = ax_net.axvspan(-0.32, 0.32, color=plots.PALETTE["yellow"], alpha=0.35, zorder=0)
        ax_txt.axis("off")
        ax_txt.set_xlim(0, 1)
        ax_txt.set_ylim(0, 1)
        ax_txt.set_title("The numbers at this step")
        kw = dict(transform=ax_txt.transAxes, ha="left", va="top", fontsize=10)
        self.lines = [ax_txt.text(0.0, 0.95 - 0.16 * i, "", **kw) for i in range(6)]
        self.lines[0].set_fontweight("bold")
        for t in self.lines[2:5]:
            t.set_family("monospace")
        self.moving = [self.step_marker, self.net.nodes, *self.net.labels, *self.lines]

    def steps(self, x1: float, x2: float) -> list:
        """[(z, a) for the input and each layer]: z before, a after the activation, each (width,).

        For the input, z = a = x; for the output, a is softmax(z)."""
        h = np.array([[x1, x2]], dtype=float)
        out = [(h[0], h[0])]
        for i, d in enumerate(self.dense):
            z = h @ d.params["W"] + d.params["b"]
            h = layers.softmax(z) if i == len(self.dense) - 1 else layers.relu(z)
            out.append((z[0], h[0]))
        return out

    def update(self, step: int = 3, x1: float = -2.0, x2: float = 1.0) -> dict:
        step = int(np.clip(step, 0, len(self.sizes) - 1))
        st = self.steps(x1, x2)
        self.net.set_activations([a for _z, a in st], upto=step)
        rgb = self.net.nodes.get_facecolors()[:, :3]
        for t, lum in zip(self.net.labels, rgb @ [0.299, 0.587, 0.114]):
            t.set_color("white" if lum < 0.5 else "black")  # readable on dark circles
        self.step_marker.set_x(step - 0.32)
        z, a = st[step]
        n = len(a)
        last = step == len(self.sizes) - 1
        vec = "[" + ", ".join(f"{v:6.2f}" for v in a) + "]"
        zvec = "[" + ", ".join(f"{v:6.2f}" for v in z) + "]"
        if step == 0:
            title, lines = "Step 0: the input layer", [
                "x, shape (1, 2)", f"x = {vec}", "", "", "The input layer only passes x on."]
            note = "input"
        else:
            prev = len(st[step - 1][1])
            shapes = f"(1, {prev}) @ ({prev}, {n}) + ({n},) → (1, {n})"
            if last:
                k = int(np.argmax(a))
                note = (f"{100 * a[k]:.0f} % {self.CLASSES[k]}" if a.max() - a.min() > 0.005 else
                        "no preference (equal scores give 1/3 each)")
                title = f"Step {step}: output layer"
                lines = [shapes, f"scores z = {zvec}", f"softmax  = {vec}",
                         f"sum      = {a.sum():.2f}", f"The network says: {note}."]
            else:
                dead = int(np.sum(z <= 0))
                note = ("ReLU set every sum to 0: this layer passes on nothing." if dead == n else
                        f"ReLU set {dead} negative sum{'s' if dead > 1 else ''} to 0." if dead else
                        "All sums are positive: ReLU keeps them.")
                title = f"Step {step}: hidden layer {step} (ReLU)"
                lines = [shapes, f"z = {zvec}", f"a = {vec}", "", note]
        import textwrap
        for t, s in zip(self.lines, [title] + lines):
            t.set_text(s)
        self.lines[-1].set_text(textwrap.fill(lines[-1], 42))  # the note may need two lines
        result = {"step": step, "layer": title.split(": ", 1)[1], "a": np.round(a, 3).tolist()}
        if step > 0:
            result["shapes"] = shapes
            result["z"] = np.round(z, 3).tolist()
        if last:
            result["prediction"] = note
        return result

    def readout(self, result: dict) -> str:
        if "prediction" in result:
            probs = ", ".join(f"{c} {100 * p:.0f} %" for c, p in zip(self.CLASSES, result["a"]))
            return f"<b>step {result['step']}</b>: {result['layer']} · {probs}"
        return (f"<b>step {result['step']}</b>: {result['layer']} · move the step slider to go on "
                f"(step {len(self.sizes) - 1} is the answer)")

    def controls(self) -> dict:
        return {
            "step": w.IntSlider(value=0, min=0, max=len(self.sizes) - 1, step=1, description="step (layer)",
                                style={"description_width": "initial"}, layout=w.Layout(width="260px")),
            "x1": slider("x1", -2.0, -3.0, 3.0, 0.1),
            "x2": slider("x2", 1.0, -3.0, 3.0, 0.1),
        }


# === 05_loss ========================================================================

class LineFitLoss(Interactive):
    """Fit a line by hand and watch the loss (notebooks/05_loss).

    Left: noisy points, the line ``y = slope·x + intercept`` and each residual as a vertical
    segment; right: the MSE over every (slope, intercept) as contours, with a marker at the
    current pair and a star at the best one.
    """

    SLOPE = (-2.0, 5.0)
    INTERCEPT = (-4.0, 6.0)

    def __init__(self, n: int = 20, seed: int = 0):
        from matplotlib.collections import LineCollection
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
        ax_l.scatter([self.best[0]], [self.best[1]], marker="*", s=160, color=plots.PALETTE["yellow"],
                     edgecolors="black", linewidths=0.7, zorder=5, label="lowest loss")
        (self.trail,) = ax_l.plot([], [], color=plots.PALETTE["orange"], lw=1, alpha=0.8, zorder=4)
        self.marker = ax_l.scatter([0], [0], s=70, color=plots.PALETTE["vermillion"],
                                   edgecolors="white", linewidths=1.2, zorder=6, label="your line")
        ax_l.set_xlabel("slope")
        ax_l.set_ylabel("intercept")
        ax_l.set_title("MSE for every (slope, intercept)")
        ax_l.legend(loc="upper right", fontsize=8)
        self.path: list = []
        self.moving = [self.res, self.line, self.loss_text, self.off, self.trail, self.marker]

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


# === 06_backprop ====================================================================

def neuron_loss_graph(x1=1.0, x2=2.0, w1=0.5, w2=-0.4, b=0.1, y=1.0) -> Value:
    """One tanh neuron and its squared error, as a graph of labelled Values.

    ``L = (tanh(w1·x1 + w2·x2 + b) - y)²``; returns L (call ``L.backward()`` for the gradients).
    """
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

    At step k the first k nodes in reverse topological order (the loss first) have their
    gradient; the node reached at step k is outlined in vermillion, and boxes are filled by
    the sign of their gradient (orange: positive, purple: negative, white: not reached yet).
    """

    FILL = {"none": "white", "pos": "#FBE3B8", "neg": "#E4CCE6", "zero": "#E6E6E6"}

    def __init__(self, root: Value | None = None):
        from matplotlib.text import Annotation

        self.root = root if root is not None else neuron_loss_graph()
        self.root.backward()
        order = self.root.topo_order()
        self.sequence = order[::-1]  # the order the backward pass visits nodes
        self.grads = [n.grad for n in self.sequence]
        self.explain = [self._explain(n, order) for n in self.sequence]
        self.fig, ax = plots.figure(8.0, 3.4)
        plots.draw_graph(self.root, ax=ax)
        ax.set_title("Backward pass: each box shows its value and, once reached, its gradient")
        boxes = [t for t in ax.texts if not isinstance(t, Annotation)]  # in topological order
        arrows = [t for t in ax.texts if isinstance(t, Annotation)]  # per node, per parent
        self.boxes = dict(zip([id(n) for n in order], boxes))
        self._relayout(ax, order, arrows)
        self.moving = boxes  # arrows and title are drawn once; only the boxes each step

    def _relayout(self, ax, order, arrows) -> None:
        """Place the loss on the right and each input next to the node that uses it."""
        column = {id(self.root): 0}
        for node in reversed(order):  # children before parents
            for p in node._parents:
                column[id(p)] = max(column.get(id(p), 0), column[id(node)] + 1)
        n_cols = max(column.values()) + 1
        pos = {id(self.root): (2.0 * (n_cols - 1), 0.0)}
        for c in range(1, n_cols):
            nodes = [n for n in order if column[id(n)] == c]
            wanted = {}  # each node wants to sit near the nodes it feeds
            for n in nodes:
                ys = [pos[id(k)][1] for k in order if id(k) in pos and any(p is n for p in k._parents)]
                wanted[id(n)] = float(np.mean(ys)) if ys else 0.0
            nodes.sort(key=lambda n: -wanted[id(n)])
            ys = np.array([wanted[id(n)] for n in nodes])
            for i in range(1, len(ys)):  # keep boxes at least one unit apart
                ys[i] = min(ys[i], ys[i - 1] - 1.0)
            ys += (np.mean([wanted[id(n)] for n in nodes]) - ys.mean()) if len(ys) > 1 else 0
            for n, y in zip(nodes, ys):
                pos[id(n)] = (2.0 * (n_cols - 1 - c), float(y))
        for n in order:
            self.boxes[id(n)].set_position(pos[id(n)])
        i = 0
        for n in order:
            x, y = pos[id(n)]
            for p in n._parents:
                px, py = pos[id(p)]
                arrows[i].xy, arrows[i].xyann = (x - 0.62, y), (px + 0.62, py)
                i += 1
        xs, ys = zip(*pos.values())
        ax.set_xlim(min(xs) - 0.9, max(xs) + 0.9)
        ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)

    @staticmethod
    def _explain(node, order) -> str:
        """Which uses of `node` its gradient came from, as chain-rule products in words."""
        terms = []
        for c in order:
            for parent in c._parents:
                if parent is node:
                    saved = [(p, p.grad) for p in c._parents] + [(c, c.grad)]
                    for p in c._parents:
                        p.grad = 0.0
                    c.grad = 1.0
                    c._backward()
                    local = node.grad
                    for p, g in saved:
                        p.grad = g
                    terms.append(f"{c.grad:.3f} × {local:.3f} (from {c.label})")
                    break
        name = node.label or "this node"
        if not terms:
            return f"{name} is the loss itself: dL/dL = 1."
        return f"dL/d{name} = " + " + ".join(terms) + f" = {node.grad:.3f}"

    @staticmethod
    def _text(node, grad) -> str:
        head = f"{node.label + ' ' if node.label else ''}{node.op and '(' + node.op + ') '}{node.data:.3g}"
        return head + ("\ngrad ?" if grad is None else f"\ngrad {grad:.3g}")

    def update(self, step=0) -> dict:
        k = int(np.clip(step, 0, len(self.sequence)))
        for i, node in enumerate(self.sequence):
            box = self.boxes[id(node)]
            reached = i < k
            grad = self.grads[i] if reached else None
            box.set_text(self._text(node, grad))
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


# === 07_optimizers ==================================================================

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
    LOSS_FLOOR = 1e-12  # losses below this are drawn at it (a log axis would go on forever)

    def __init__(self, surface: str = "ravine", lr: float = 0.02, beta: float = 0.9,
                 steps: int = 100):
        from matplotlib.patheffects import withStroke

        from . import surfaces
        self.surfaces = surfaces
        self.initial = {"surface": surface, "lr": lr, "beta": beta, "steps": steps}
        self.surface = surface
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


# === 08_training_loop ===============================================================


class LossCurve:
    """A live loss curve to hand to ``train.fit(..., callback=curve.callback)``.

    ``image`` is an ``ipywidgets.Image`` that shows training (and validation) loss per
    epoch; it is redrawn about 20 times over a run, so watching costs little time. Show it
    with ``display(curve)`` before training: at the last epoch the static picture beside the
    widget (what GitHub or nbviewer shows) is replaced by the finished curve.

    Introduced in notebooks/08_training_loop.
    """

    def __init__(self, epochs: int, title: str = "Loss while training", redraws: int = 20):
        self.epochs = int(epochs)
        self.every = max(1, self.epochs // max(1, int(redraws)))
        self.fig, ax = plots.figure(5.0, 3.0)
        self.ax = ax
        (self.train_line,) = ax.plot([], [], color=plots.PALETTE["blue"], label="training loss")
        (self.val_line,) = ax.plot([], [], color=plots.PALETTE["orange"], ls="--",
                                   label="validation loss")
        ax.set_xlim(0, self.epochs)
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter("{x:.2f}")  # labels of one width: the frozen layout fits them
        ax.set_xlabel("epoch")
        ax.set_ylabel("loss (cross-entropy)")
        ax.set_title(title)
        ax.legend(loc="upper right")
        freeze_layout(self.fig)
        width = round(self.fig.get_figwidth() * SCREEN_DPI)
        self.image = w.Image(format="png", value=to_png(self.fig),
                             layout=w.Layout(width=f"{width}px", max_width="100%"))
        self.summary = f"[live loss curve] {title}: the picture shows the finished curve."
        self._handle = None

    def _bundle(self):
        return with_picture(self.image._repr_mimebundle_(), self.image.value, self.summary)

    def _ipython_display_(self):
        from IPython.display import display

        data, metadata = self._bundle()
        self._handle = display(data, metadata=metadata, raw=True, display_id=True)

    def update(self, history) -> None:
        """Move both lines to the losses measured so far."""
        epochs = np.arange(1, len(history.train_loss) + 1)
        self.train_line.set_data(epochs, history.train_loss)
        self.val_line.set_data(epochs[:len(history.val_loss)], history.val_loss)
        top = max([*history.train_loss, *history.val_loss, 1e-3])
        self.ax.set_ylim(0, 1.1 * top)

    def callback(self, epoch, history, model) -> bool:
        """For ``fit(callback=...)``: redraw every few epochs; never asks to stop."""
        if epoch % self.every == 0 or epoch == self.epochs:
            self.update(history)
            self.image.value = to_png(self.fig)
            if epoch == self.epochs and self._handle is not None:
                data, metadata = self._bundle()
                self._handle.update(data, metadata=metadata, raw=True)
        return False


class Playground(Interactive):
    """A TensorFlow-Playground-like trainer: a small numpy network learns a 2-D data set live.

    The headless core (no browser, no event loop needed): ``reset()`` builds data, network
    and optimizer from the current settings; ``train_steps(n)`` runs n minibatch updates and
    records losses; ``frame()`` = a few steps + redraw; ``pause()``; ``state`` holds the numbers.
    ``widget()`` adds Train / Pause / Reset buttons; Train runs ``frame()`` in an asyncio
    task on the kernel's event loop, with a short ``await asyncio.sleep`` between frames,
    so button clicks and slider moves are still handled while it trains.

    Changing the data set, noise, depth, width, activation or optimizer builds a new
    network (epoch 0); the learning rate, batch size and weight decay change live.

    Introduced in notebooks/08_training_loop.
    """

    DATASETS = ("moons", "circles", "xor", "spirals")
    OPTIMIZERS = {"SGD": "sgd", "SGD + momentum": "momentum", "RMSProp": "rmsprop", "Adam": "adam"}
    RESET_KEYS = ("dataset", "noise", "depth", "width", "activation", "optimizer")
    N_POINTS = 200
    VAL_FRACTION = 0.25
    MAX_EPOCHS = 500
    MAX_STEPS_PER_FRAME = 40
    BLOWUP = 1e3  # one batch's cross-entropy this large: the weights ran away
    WORSE_THAN_GUESSING = 3.0  # a mean loss > 4× a coin flip's (0.69): training is thrashing
    LIMIT = 2.8  # the picture shows [-LIMIT, LIMIT]² of the standardized inputs

    def __init__(self, dataset: str = "moons", noise: float = 0.2, depth: int = 2,
                 width: int = 8, activation: str = "tanh", optimizer: str = "adam",
                 lr: float = 0.03, batch_size: int = 10, weight_decay: float = 0.0,
                 seed: int = 0, resolution: int = 50):
        self.seed = seed
        self.values = dict(dataset=dataset, noise=noise, depth=depth, width=width,
                           activation=activation, optimizer=optimizer, lr=lr,
                           batch_size=batch_size, weight_decay=weight_decay)
        self.loss_fn = losses.BinaryCrossEntropy()
        self.running = False
        self.frame_ms = float("nan")
        self._task = None
        self.fig, (self.ax_data, self.ax_loss) = plots.figure(8.4, 3.5, ncols=2)
        lim = (-self.LIMIT, self.LIMIT)
        self.boundary = plots.BoundaryPlot(self.ax_data, lim, lim, resolution)
        from matplotlib.colors import to_rgba

        c0, c1 = plots.CLASS_COLOURS[:2]
        self._colours = np.array([to_rgba(c0), to_rgba(c1)])
        self.train_dots = self.ax_data.scatter([], [], s=18, edgecolors="white",
                                               linewidths=0.5, zorder=3, label="training point")
        self.val_dots = self.ax_data.scatter([], [], s=22, facecolors="none", linewidths=1.3,
                                             zorder=3, label="validation point")
        self.ax_data.set_xlabel("$x_1$ (standardized)")
        self.ax_data.set_ylabel("$x_2$ (standardized)")
        self.ax_data.grid(False)
        (self.train_line,) = self.ax_loss.plot([], [], color=plots.PALETTE["blue"],
                                               label="training loss")
        (self.val_line,) = self.ax_loss.plot([], [], color=plots.PALETTE["orange"], ls="--",
                                             label="validation loss")
        self.ax_loss.set_xlabel("epoch")
        self.ax_loss.set_ylabel("loss (cross-entropy)")
        self.ax_loss.set_title("Loss: training and validation")
        self.ax_loss.legend(loc="upper right", fontsize=8)
        self.ax_loss.set_xlim(0, 1)
        self.ax_loss.set_ylim(0, 1)
        for ax in (self.ax_data, self.ax_loss):  # fixed positions: no re-measuring per frame
            ax.title.set_y(1.0)
            ax.xaxis.set_label_coords(0.5, -0.14)
            ax.yaxis.set_label_coords(-0.13, 0.5)
        self.moving = [self.boundary.image, self.train_dots, self.val_dots,
                       self.train_line, self.val_line]
        self.reset()
        freeze_layout(self.fig)

    # --- the headless core ---

    def reset(self, why: str = "") -> dict:
        """New data and a new network from the current settings; epoch 0."""
        v = self.values
        make = data.TOY_SETS[v["dataset"]]
        X, y = make(self.N_POINTS, noise=float(v["noise"]), seed=self.seed)
        X = (X - X.mean(axis=0)) / X.std(axis=0)  # standardized: every data set fits one window
        (self.X, self.y), (self.X_val, self.y_val) = data.stratified_split(
            X, y, (1 - self.VAL_FRACTION, self.VAL_FRACTION), seed=self.seed)
        sizes = [2] + [int(v["width"])] * int(v["depth"]) + [1]
        self.model = layers.mlp(sizes, activation=v["activation"], seed=self.seed)
        kind = self.OPTIMIZERS.get(v["optimizer"], v["optimizer"])
        extra = {"momentum": 0.9} if kind == "momentum" else {}
        self.opt = optim.OPTIMIZERS[kind](self.model, lr=float(v["lr"]),
                                          weight_decay=float(v["weight_decay"]), **extra)
        self.rng = np.random.default_rng(self.seed)
        self._order, self._pos = self.rng.permutation(len(self.X)), 0
        self.seen = 0  # examples trained on so far (epochs = seen / N)
        self.history = {"epoch": [], "train_loss": [], "val_loss": []}
        self.diverged = ""
        self.message = why
        self._record()
        self._set_points()
        self.draw()
        return self.state

    def _next_batch(self):
        bs = min(int(self.values["batch_size"]), len(self.X))
        if self._pos >= len(self.X):  # a new epoch: a new shuffle
            self._order, self._pos = self.rng.permutation(len(self.X)), 0
        idx = self._order[self._pos:self._pos + bs]
        self._pos += len(idx)
        return self.X[idx], self.y[idx]

    def steps_per_frame(self) -> int:
        """About one epoch per frame, at most MAX_STEPS_PER_FRAME updates."""
        per_epoch = -(-len(self.X) // int(self.values["batch_size"]))
        return int(min(per_epoch, self.MAX_STEPS_PER_FRAME))

    def train_steps(self, n: int = 1) -> dict:
        """Run n minibatch updates (predict → loss → backprop → step), then measure the losses."""
        if self.diverged:
            return self.state
        for _ in range(int(n)):
            Xb, yb = self._next_batch()
            try:
                loss = train.train_step(self.model, self.loss_fn, self.opt, Xb, yb)
            except ValueError:  # NaN/inf reached a layer: the weights blew up
                loss = float("nan")
            self.seen += len(Xb)
            if not np.isfinite(loss) or loss > self.BLOWUP:
                return self._diverge(loss)
        self._record()
        if self.diverged:
            return self.state
        if self.epoch >= self.MAX_EPOCHS:
            self.running = False
            self.message = (f"Stopped after {self.MAX_EPOCHS} epochs (the playground's limit). "
                            "Press Reset to start again.")
        return self.state

    def _diverge(self, loss) -> dict:
        self.running = False
        lr = float(self.values["lr"])
        size = ("became NaN or infinite" if not np.isfinite(loss) else
                f"grew to {loss:.3g}, far worse than a coin-flip guess (0.69)")
        self.diverged = (f"Diverged at epoch {self.epoch:.1f}: the loss {size}. The steps are "
                         f"so big that the weights overshoot and run away. Training stopped. "
                         f"Lower the learning rate (try {lr / 10:.2g} instead of {lr:.2g}), "
                         f"then press Reset or Train.")
        self.message = self.diverged
        return self.state

    def _record(self) -> None:
        with np.errstate(all="ignore"):
            try:
                tl = float(self.loss_fn.forward(self.model.forward(self.X), self.y))
                vl = float(self.loss_fn.forward(self.model.forward(self.X_val), self.y_val))
            except ValueError:
                tl = vl = float("nan")
        if not np.isfinite(tl) or tl > self.WORSE_THAN_GUESSING:
            self._diverge(tl)
            return
        if not np.isfinite(vl):
            vl = float("nan")
        self.history["epoch"].append(self.epoch)
        self.history["train_loss"].append(tl)
        self.history["val_loss"].append(vl)

    @property
    def epoch(self) -> float:
        return self.seen / len(self.X)

    def _accuracy(self, X, y) -> float:
        with np.errstate(all="ignore"):
            return float(np.mean((self.model.forward(X)[:, 0] > 0) == y))

    @property
    def state(self) -> dict:
        """The numbers on show: epoch, losses, accuracies, network size, status, message."""
        h = self.history
        sizes = [2] + [int(self.values["width"])] * int(self.values["depth"]) + [1]
        ok = not self.diverged
        return {
            "epoch": round(self.epoch, 2),
            "train_loss": h["train_loss"][-1] if h["train_loss"] else float("nan"),
            "val_loss": h["val_loss"][-1] if h["val_loss"] else float("nan"),
            "train_acc": self._accuracy(self.X, self.y) if ok else float("nan"),
            "val_acc": self._accuracy(self.X_val, self.y_val) if ok else float("nan"),
            "network": "-".join(map(str, sizes)),
            "n_params": self.model.n_params(),
            "running": self.running,
            "diverged": bool(self.diverged),
            "message": self.message,
        }

    def _set_points(self) -> None:
        self.train_dots.set_offsets(self.X)
        self.train_dots.set_facecolors(self._colours[self.y])
        self.val_dots.set_offsets(self.X_val)
        self.val_dots.set_edgecolors(self._colours[self.y_val])

    def draw(self) -> None:
        """Redraw the boundary and both loss curves from the current network and history."""
        if not self.diverged:
            with np.errstate(all="ignore"):
                self.boundary.draw(layers.sigmoid(self.model.forward(self.boundary.grid)[:, 0]))
        h = self.history
        self.train_line.set_data(h["epoch"], h["train_loss"])
        self.val_line.set_data(h["epoch"], h["val_loss"])
        # limits move in coarse steps, so the axes (slow to draw) rarely need redrawing
        last = h["epoch"][-1] if h["epoch"] else 0.0
        right = next((r for r in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if r >= last), last)
        top = max(0.2, np.ceil(10 * max([*h["train_loss"], *h["val_loss"], 0.1]) * 1.05) / 10)
        if (0, right) != self.ax_loss.get_xlim():
            self.ax_loss.set_xlim(0, right)
        if (0, top) != self.ax_loss.get_ylim():
            self.ax_loss.set_ylim(0, top)
        v = self.values
        arch = "no hidden layer (a linear model)" if int(v["depth"]) == 0 else \
            f"{v['depth']} hidden × {v['width']} units, {v['activation']}"
        self.ax_data.set_title(f"{v['dataset']}: {arch}", fontsize=10, y=1.0)

    def still_key(self):
        """The axes, ticks and labels are drawn once and kept; each frame only paints the
        boundary, the points and the curves on top (about 3× faster)."""
        return (self.ax_data.get_title(), self.ax_loss.get_xlim(), self.ax_loss.get_ylim())

    def frame(self) -> dict:
        """One animation frame: about an epoch of training, then redraw (no PNG)."""
        self.train_steps(self.steps_per_frame())
        self.draw()
        return self.state

    def pause(self) -> dict:
        self.running = False
        if not self.diverged:
            self.message = "Paused. Press Train to continue."
        return self.state

    # --- the Interactive interface ---

    def update(self, **values) -> dict:
        """Apply control values: data/architecture/optimizer changes reset the network."""
        changed = [k for k in values if k in self.values and values[k] != self.values[k]]
        self.values.update({k: values[k] for k in changed})
        resets = [k for k in changed if k in self.RESET_KEYS]
        if resets:
            names = ", ".join(k.replace("_", " ") for k in resets)
            self.reset(why=f"You changed {names}: new data or network, so the network was "
                           f"reset (new random weights, epoch 0).")
        else:
            if "lr" in changed:
                self.opt.lr = float(self.values["lr"])
            if "weight_decay" in changed:
                self.opt.weight_decay = float(self.values["weight_decay"])
            if changed:
                names = ", ".join(k.replace("_", " ") for k in changed)
                self.message = f"You changed {names}: applied live, the network keeps training."
            self.draw()
        return self.state

    def controls(self) -> dict:
        v = self.values
        style = {"description_width": "initial"}
        int_slider = dict(style=style, layout=w.Layout(width="260px"))
        return {
            "dataset": w.Dropdown(options=list(self.DATASETS), value=v["dataset"],
                                  description="data", layout=w.Layout(width="170px")),
            "noise": slider("noise", v["noise"], 0.0, 0.5, 0.05),
            "depth": w.IntSlider(value=v["depth"], min=0, max=4, description="hidden layers",
                                 **int_slider),
            "width": w.IntSlider(value=v["width"], min=1, max=16, description="units per layer",
                                 **int_slider),
            "activation": w.Dropdown(options=["relu", "tanh", "sigmoid", "linear"],
                                     value=v["activation"], description="activation",
                                     layout=w.Layout(width="190px")),
            "optimizer": w.Dropdown(options=list(self.OPTIMIZERS.items()), value=v["optimizer"],
                                    description="optimizer", layout=w.Layout(width="230px")),
            "lr": w.FloatLogSlider(value=v["lr"], base=10, min=-4, max=1, step=0.1,
                                   description="learning rate", readout_format=".4f",
                                   **int_slider),
            "batch_size": w.IntSlider(value=v["batch_size"], min=1, max=len(self.X),
                                      description="batch size", **int_slider),
            "weight_decay": slider("weight decay", v["weight_decay"], 0.0, 0.1, 0.001,
                                   readout_format=".3f"),
        }

    def readout(self, s: dict) -> str:
        status = "training…" if s["running"] else ("diverged" if s["diverged"] else "paused")
        if s["diverged"]:
            numbers = f"epoch {s['epoch']:.1f}"
        else:
            numbers = (f"epoch {s['epoch']:.1f} · training loss {s['train_loss']:.3f} · "
                       f"validation loss {s['val_loss']:.3f} · training accuracy "
                       f"{s['train_acc']:.0%} · validation accuracy {s['val_acc']:.0%}")
        text = (f"<b>{status}</b> · {numbers} · network {s['network']} "
                f"({s['n_params']} weights and biases)")
        if s["message"]:
            colour = "#D55E00" if s["diverged"] else "#444"
            text += f"<br><span style='color:{colour}'>{s['message']}</span>"
        return text

    def widget(self) -> w.Box:
        """Controls, Train / Pause / Reset, the readout and the picture, wired together."""
        ctrls = self.controls()
        text = w.HTML()
        image = self.image_widget()
        buttons = {
            "train": w.Button(description="Train", icon="play", button_style="success"),
            "pause": w.Button(description="Pause", icon="pause"),
            "reset": w.Button(description="Reset", icon="refresh"),
        }

        def show():
            text.value = self.readout(self.state)
            image.value = self.png()

        def changed(_change=None):
            self.update(**{k: c.value for k, c in ctrls.items()})
            show()

        def on_reset(_button=None):
            self.reset(why="Reset: new random weights, epoch 0.")
            show()

        def on_pause(_button=None):
            self.pause()
            show()

        for c in ctrls.values():
            c.observe(changed, names="value")
        buttons["train"].on_click(lambda _b: self.start(show))
        buttons["pause"].on_click(on_pause)
        buttons["reset"].on_click(on_reset)
        show()
        self.ui = {"controls": ctrls, "buttons": buttons, "text": text, "image": image,
                   "show": show}
        row = w.Layout(flex_flow="row wrap")
        return View([w.HBox(list(ctrls.values()), layout=row), w.HBox(list(buttons.values())),
                     text, image], image, self.summary({**ctrls, **buttons}))

    def start(self, show=None):
        """Train in the background until paused: an asyncio task on the running event loop.

        Without a running loop (a plain script or a test) it only marks the playground as
        running; call ``frame()`` yourself.
        """
        import asyncio

        if self.running:
            return None
        if self.diverged or self.epoch >= self.MAX_EPOCHS:
            self.reset()
        self.running = True
        self.message = "Training… press Pause to stop and look."
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return None
        self._task = loop.create_task(self._run(show or (lambda: None)))
        return self._task

    async def _run(self, show):
        import asyncio
        import time

        try:
            while self.running:
                t0 = time.perf_counter()
                self.frame()
                show()
                self.frame_ms = 1000 * (time.perf_counter() - t0)
                await asyncio.sleep(0.001)  # let the kernel handle clicks and slider moves
        except Exception as exc:  # never die silently inside a background task
            self.running = False
            self.message = f"Training stopped: {type(exc).__name__}: {exc}"
        show()



# === 09_capstone_handwriting ========================================================

class DigitPad(Interactive):
    """Draw a digit with the mouse; watch what the network sees and how sure it is.

    The headless core: ``strokes`` (a list of strokes, each a list of (x, y) points on the
    256×256 pad), ``pen_down(x, y)``, ``pen_move(x, y)``, ``pen_up()``, ``clear()``,
    ``update() -> dict`` and ``png()``. ``widget()`` wires an ``ipycanvas.Canvas`` (a normal
    <canvas> element of fixed size, CSS class ``digit-pad``) and a Clear button to them.

    The drawing is reduced the way the data set was made (helpers.drawing): drawn with a pen
    whose width follows the drawing's size (``pen_fraction`` of its longer side, as thick as
    the strokes in the data set), cropped, fitted into 32×32, centred, counted in 4×4
    blocks. The figure shows the 32×32 bitmap, the 8×8 counts the network reads, and its ten
    probabilities. While the mouse moves, the picture is redrawn at most every
    ``throttle`` seconds; lifting the pen always redraws.

    Introduced in notebooks/09_capstone_handwriting.
    """

    def __init__(self, model, size: int = 256, line_width: float = 18.0,
                 pen_fraction: float = 0.15, throttle: float = 0.1):
        self.model, self.size = model, int(size)
        self.line_width, self.pen_fraction, self.throttle = line_width, pen_fraction, throttle
        self.strokes: list = []
        self._drawing = False
        self._last = 0.0
        self.fig, (ax_bm, ax_8, ax_p) = plots.figure(7.2, 2.7, ncols=3, width_ratios=[1, 1, 1.7])
        self.bitmap_im = ax_bm.imshow(np.zeros((32, 32)), cmap="gray_r", vmin=0, vmax=1,
                                      interpolation="nearest")
        self.digit_im = ax_8.imshow(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=16,
                                    interpolation="nearest")
        for ax, name in ((ax_bm, "32×32, centred"), (ax_8, "8×8 ink counts")):
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
            ax.spines[:].set_visible(True)
            ax.spines[:].set_color(plots.PALETTE["grey"])
            ax.set_title(name)
        ax_bm.set_xlabel("what the pad made")
        ax_8.set_xlabel("what the network reads")
        self.bars, self.title = plots.probability_bars(ax_p)
        self.update()

    # --- the pen (called by the canvas events; callable headless in tests) ---

    def pen_down(self, x: float, y: float) -> None:
        self.strokes.append([(float(x), float(y))])
        self._drawing = True

    def pen_move(self, x: float, y: float) -> bool:
        """Add a point to the current stroke; True when it was added (the pen is down)."""
        if not self._drawing:
            return False
        self.strokes[-1].append((float(x), float(y)))
        return True

    def pen_up(self) -> None:
        self._drawing = False

    def clear(self) -> None:
        self.strokes, self._drawing = [], False

    def features(self):
        """The drawing as 64 ink counts 0..16, or None for an empty pad; plus the 32×32 bitmap."""
        from . import drawing

        pts = [p for s in self.strokes for p in s]
        if not pts:
            return None, None
        pts = np.asarray(pts)
        extent = float(np.max(pts.max(axis=0) - pts.min(axis=0)))
        pen = max(self.pen_fraction * extent, 2.0)
        image = drawing.strokes_to_image(self.strokes, self.size, pen)
        if not image.any():  # drawn entirely outside the pad
            return None, None
        bitmap = drawing.normalise_bitmap(image)
        return drawing.block_counts(bitmap), bitmap

    def animated(self) -> list:
        return [self.bitmap_im, self.digit_im, *self.bars, self.title]

    def update(self) -> dict:
        counts, bitmap = self.features()
        if counts is None:
            self.bitmap_im.set_data(np.zeros((32, 32)))
            self.digit_im.set_data(np.zeros((8, 8)))
            for bar in self.bars:
                bar.set_height(0)
                bar.set_color(plots.PALETTE["sky"])
            self.title.set_text("Draw a digit on the pad")
            return {"message": "draw a digit"}
        with np.errstate(all="ignore"):
            p = layers.softmax(self.model.forward(counts[None, :] / 16))[0]
        guess = int(p.argmax())
        self.bitmap_im.set_data(bitmap)
        self.digit_im.set_data(counts.reshape(8, 8))
        for k, bar in enumerate(self.bars):
            bar.set_height(p[k])
            bar.set_color(plots.PALETTE["green"] if k == guess else plots.PALETTE["sky"])
        self.title.set_text(f"I read a {guess} ({p[guess]:.0%} sure)")
        return {"guess": guess, "probability": f"{p[guess]:.1%}", "probs": p}

    def readout(self, result: dict) -> str:
        if "guess" not in result:
            return "Draw a digit with the mouse on the white square (big, filling most of it)."
        return (f"<b>guess</b>: {result['guess']} · <b>probability</b>: {result['probability']}"
                f" · strokes: {len(self.strokes)}")

    def controls(self) -> dict:
        return {}

    def widget(self) -> w.Box:
        """The pad, a Clear button, the readout and the picture, wired together."""
        import time

        from ipycanvas import Canvas

        s = self.size
        canvas = Canvas(width=s, height=s, layout=w.Layout(width=f"{s}px", height=f"{s}px",
                                                           border="1px solid #999999"))
        canvas.add_class("digit-pad")
        clear = w.Button(description="Clear", icon="eraser", layout=w.Layout(width="100px"))
        text = w.HTML()
        image = self.image_widget()

        def paper():
            canvas.clear()
            canvas.fill_style = "white"
            canvas.fill_rect(0, 0, s, s)
            canvas.stroke_style = "black"
            canvas.fill_style = "black"
            canvas.line_width = self.line_width
            canvas.line_cap = "round"
            canvas.line_join = "round"

        def refresh():
            result = self.update()
            text.value = self.readout(result)
            image.value = self.png()
            self._last = time.perf_counter()

        def down(x, y):
            self.pen_down(x, y)
            canvas.fill_circle(x, y, self.line_width / 2)

        def move(x, y):
            if self.pen_move(x, y):
                (x0, y0), (x1, y1) = self.strokes[-1][-2:]
                canvas.stroke_line(x0, y0, x1, y1)
                if time.perf_counter() - self._last >= self.throttle:
                    refresh()

        def up(x=None, y=None):
            if self._drawing:
                self.pen_up()
                refresh()

        def on_clear(_button=None):
            self.clear()
            paper()
            refresh()

        canvas.on_mouse_down(down)
        canvas.on_mouse_move(move)
        canvas.on_mouse_up(up)
        canvas.on_mouse_out(up)
        canvas.on_touch_start(lambda touches: down(*touches[0]))
        canvas.on_touch_move(lambda touches: move(*touches[0]))
        canvas.on_touch_end(lambda touches: up())
        canvas.on_touch_cancel(lambda touches: up())
        clear.on_click(on_clear)
        paper()
        freeze_layout(self.fig)
        refresh()
        self.ui = {"canvas": canvas, "clear": clear, "text": text, "image": image,
                   "refresh": refresh, "down": down, "move": move, "up": up}
        return View([w.HBox([canvas, w.VBox([clear], layout=w.Layout(margin="0 0 0 8px"))]),
                     text, image], image,
                    f"[interactive figure: {type(self).__name__}] A drawing pad: run the cell in "
                    "Jupyter and draw a digit with the mouse; the picture shows the empty pad's reading.")
