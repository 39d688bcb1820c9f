"""Plots shared by every lesson, in one colour-blind-safe palette.

Introduced in notebooks/00_welcome. The palette is Okabe and Ito's eight colours, which
stay distinct for the common kinds of colour blindness; images use the "cividis" map.

Figures are made with `matplotlib.figure.Figure` (not pyplot), so building one never shows
it by accident; a notebook shows a figure by leaving it as the last value of a cell, or a
widget renders it to PNG (see helpers.widgets).

Every figure is drawn with ``PIXEL_RATIO`` pixels per screen pixel and shown at its screen size
(``SCREEN_DPI`` pixels per inch of figure), so it stays sharp on the 2x screens of most laptops.
"""

from __future__ import annotations

import base64
import io

import matplotlib
import numpy as np
import PIL.Image
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine

from .validate import _describe, as_array, known_names, limits, number_in, positive_int

PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
# class 0, class 1, ... (ten entries, for the ten digits)
CLASS_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
                 "#56B4E9", "#F0E442", "#000000", "#999999", "#8C564B"]
IMAGE_CMAP = "cividis"
DIVERGING_CMAP = "PuOr_r"  # for signed values such as weights: purple < 0 < orange

SCREEN_DPI = 72  # screen pixels per inch of figure: a 6-inch figure is 432 pixels wide on screen
PIXEL_RATIO = 2  # drawn pixels per screen pixel: sharp on 2x (HiDPI) screens
STYLE = {
    "figure.dpi": SCREEN_DPI * PIXEL_RATIO,
    "savefig.dpi": SCREEN_DPI * PIXEL_RATIO,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=CLASS_COLOURS),
    "image.cmap": IMAGE_CMAP,
    "legend.frameon": False,
}
matplotlib.rcParams.update(STYLE)


def figure(width: float = 6.0, height: float = 3.6, ncols: int = 1, nrows: int = 1, **kw):
    """A new Figure (not attached to pyplot) and its axes, laid out with constrained layout.

    ``width`` and ``height`` are in inches (at most `MAX_INCHES`); ``ncols`` × ``nrows`` axes
    (at most `MAX_AXES`); ``kw`` goes to `Figure.subplots` (sharex, sharey, width_ratios, ...).

    Introduced in notebooks/00_welcome.
    """
    where = "plots.figure"
    width = _inches(width, "width", where)
    height = _inches(height, "height", where)
    ncols = positive_int(ncols, "ncols", where)
    nrows = positive_int(nrows, "nrows", where)
    if ncols * nrows > MAX_AXES:
        raise ValueError(f"{where}: {nrows} rows × {ncols} columns make {ncols * nrows} axes, more "
                         f"than a readable figure holds (at most {MAX_AXES}). Fix: draw fewer "
                         "panels, or split them over several figures.")
    known_names(kw, _SUBPLOTS_KW, where)
    for key, n in (("width_ratios", ncols), ("height_ratios", nrows)):
        if key in kw:
            ratios = as_array(kw[key], key, where, ndim=1)
            if len(ratios) != n or np.any(ratios <= 0):
                raise ValueError(f"{where}: expected {key} to be {n} positive number(s), one per "
                                 f"{'column' if key[0] == 'w' else 'row'}, got {kw[key]!r}.")
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=True, **kw)
    return fig, axes


MAX_INCHES = 50.0  # a figure side longer than this is a slip (the course uses 2 to 10 inches)
MAX_AXES = 100
_SUBPLOTS_KW = ("sharex", "sharey", "width_ratios", "height_ratios", "subplot_kw", "gridspec_kw")


def _inches(v, name: str, where: str) -> float:
    """A figure size in inches: a number in (0, MAX_INCHES]."""
    if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
        raise TypeError(f"{where}: expected {name} to be a number of inches such as 6, got "
                        f"{_describe(v)}.")
    if not 0 < v <= MAX_INCHES:  # NaN fails this too
        raise ValueError(f"{where}: expected {name} in inches, more than 0 and at most "
                         f"{MAX_INCHES:g}, got {v}. Fix: the course's figures are 2 to 10 inches.")
    return float(v)


def _axes(ax, where: str):
    """`ax` if it is a matplotlib Axes (what plots.figure gives), else an error in words."""
    if hasattr(ax, "scatter") and hasattr(ax, "imshow") and hasattr(ax, "figure"):
        return ax
    if isinstance(ax, Figure):
        raise TypeError(f"{where}: expected ax, one Axes to draw on, got a whole Figure. "
                        "Fix: fig, ax = plots.figure(), then pass ax.")
    if isinstance(ax, (np.ndarray, list, tuple)) and len(ax) and all(hasattr(a, "scatter") for a in np.ravel(ax)):
        raise TypeError(f"{where}: expected ax, one Axes to draw on, got {len(ax)} of them "
                        f"({_describe(ax)}). Fix: pick one, such as axes[0].")
    raise TypeError(f"{where}: expected ax to be a matplotlib Axes (fig, ax = plots.figure()), "
                    f"got {_describe(ax)}.")


def _figure(fig, where: str) -> Figure:
    """`fig` if it is a matplotlib Figure, else an error in words."""
    if isinstance(fig, Figure):
        return fig
    if isinstance(fig, tuple) and fig and isinstance(fig[0], Figure):
        raise TypeError(f"{where}: expected fig to be a Figure, got the tuple (fig, ax) that "
                        "plots.figure() gives. Fix: fig, ax = plots.figure(), then pass fig.")
    if hasattr(fig, "figure") and isinstance(getattr(fig, "figure", None), Figure):
        raise TypeError(f"{where}: expected fig to be a Figure, got {type(fig).__name__}. "
                        "Fix: pass its figure, e.g. ax.figure.")
    raise TypeError(f"{where}: expected fig to be a matplotlib Figure (fig, ax = "
                    f"plots.figure()), got {_describe(fig)}.")


def _text(v, name: str, where: str, none: bool = True):
    """`v` if it is a str (or None when `none`), else a TypeError in words."""
    if isinstance(v, str) or (none and v is None):
        return v
    raise TypeError(f"{where}: expected {name} to be text (a str{' or None' if none else ''}), "
                    f"got {_describe(v)}. Fix: write it in quotes, or use an f-string.")


def _function(f, name: str, where: str, takes: str):
    """`f` if it can be called, else an error that says what kind of function was meant."""
    if callable(f) and not isinstance(f, type):
        return f
    hint = ""
    if hasattr(f, "forward"):
        hint = " Fix: wrap the model in a function, e.g. lambda P: model.forward(P)."
    raise TypeError(f"{where}: expected {name} to be a function {takes}, got {_describe(f)}.{hint}")


def to_png(fig: Figure, animated=(), key=None) -> bytes:
    """Render a figure to PNG bytes, fast enough for a slider.

    Draws with Agg and encodes with Pillow at low compression (about 20 ms for a small
    plot); the bytes repeat exactly for the same figure.

    With ``animated`` (the artists that change between calls) the rest of the figure is drawn
    once and kept as a picture; every later call pastes that picture back and draws only the
    animated artists on top ("blitting"), several times faster. The kept picture is drawn
    again whenever ``key`` changes: pass a value that changes with the still parts (a data
    set, axis limits, a title that is not animated).

    Introduced in notebooks/01_the_neuron.
    """
    fig = _figure(fig, "plots.to_png")
    if animated:
        _artists(animated, fig, "plots.to_png")
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    if not animated:
        canvas.draw()
    else:
        freeze_layout(fig)
        kept = getattr(fig, "_kept_background", None)
        if kept is None or kept[0] != key:
            for artist in animated:
                artist.set_animated(True)  # left out of canvas.draw() ...
            canvas.draw()
            fig._kept_background = (key, canvas.copy_from_bbox(fig.bbox))
            for artist in animated:
                artist.set_animated(False)  # ... this time only: a plain to_png(fig) shows them
        else:
            canvas.restore_region(kept[1])
        for artist in animated:
            fig.draw_artist(artist)
    buf = io.BytesIO()
    size = canvas.get_width_height(physical=True)
    PIL.Image.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1).save(
        buf, format="png", compress_level=1)
    return buf.getvalue()


def _artists(animated, fig: Figure, where: str) -> None:
    """Check that `animated` is a list of artists drawn on `fig`."""
    if isinstance(animated, Artist):
        raise TypeError(f"{where}: expected animated to be a list of artists, got one "
                        f"{type(animated).__name__}. Fix: wrap it in a list: animated=[line].")
    if isinstance(animated, (str, bytes)) or not hasattr(animated, "__iter__"):
        raise TypeError(f"{where}: expected animated to be a list of artists (lines, images, "
                        f"texts of this figure), got {_describe(animated)}.")
    for i, a in enumerate(animated):
        if not isinstance(a, Artist):
            raise TypeError(f"{where}: expected animated to hold artists (lines, images, texts), "
                            f"got {_describe(a)} at position {i}.")
        if a.get_figure(root=True) is not fig:
            raise ValueError(f"{where}: animated[{i}] (a {type(a).__name__}) is not drawn on "
                             "this figure. Fix: pass the artists of the figure you render.")


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png(png, where: str) -> bytes:
    """`png` if it is the bytes of a PNG image (as `to_png` gives), else an error in words."""
    if isinstance(png, Figure):
        raise TypeError(f"{where}: expected the PNG bytes of a figure, got the Figure itself. "
                        "Fix: plots.to_png(fig) gives its bytes.")
    if not isinstance(png, (bytes, bytearray, memoryview)):
        raise TypeError(f"{where}: expected png to be the bytes of a PNG image (from "
                        f"plots.to_png(fig)), got {_describe(png)}.")
    png = bytes(png)
    if not png:
        raise ValueError(f"{where}: png is empty (no bytes): there is no picture in it. "
                         "Fix: plots.to_png(fig) gives the bytes of a figure.")
    if len(png) < 24 or not png.startswith(_PNG_SIGNATURE):
        raise ValueError(f"{where}: expected png to be the bytes of a PNG image (they start with "
                         f"\\x89PNG), got {len(png)} bytes that start with {png[:8]!r}. Fix: "
                         "plots.to_png(fig) gives PNG bytes.")
    return png


def screen_size(png: bytes) -> tuple[int, int]:
    """The (width, height) in screen pixels at which a PNG from `to_png` is shown.

    Introduced in notebooks/01_the_neuron.
    """
    png = _png(png, "plots.screen_size")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return round(width / PIXEL_RATIO), round(height / PIXEL_RATIO)


def png_bundle(png: bytes) -> tuple[dict, dict]:
    """A PNG as an IPython display bundle (data, metadata), shown at its screen size.

    Introduced in notebooks/01_the_neuron.
    """
    png = _png(png, "plots.png_bundle")
    width, height = screen_size(png)
    return ({"image/png": base64.b64encode(png).decode("ascii")},
            {"image/png": {"width": width, "height": height}})


def freeze_layout(fig: Figure) -> Figure:
    """Lay the figure out once, then keep that layout: redraws get about twice as fast.

    Introduced in notebooks/01_the_neuron.
    """
    fig = _figure(fig, "plots.freeze_layout")
    if not isinstance(fig.get_layout_engine(), (type(None), PlaceHolderLayoutEngine)):
        to_png(fig)
        fig.set_layout_engine("none")  # a placeholder engine: the layout stays as it is
    return fig


def _register_with_ipython() -> None:
    """Let a notebook show a Figure that is the last value of a cell, without pyplot."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    ip = get_ipython()
    if ip is not None:
        def figure_png(fig):  # the PNG and its metadata, shown at its screen size
            png = to_png(fig)
            return png, png_bundle(png)[1]["image/png"]

        ip.display_formatter.formatters["image/png"].for_type(Figure, figure_png)


_register_with_ipython()


# --- data and decision boundaries (introduced in notebooks/02_weights_and_biases) ---

def scatter_classes(ax, X, y, s: float = 22, alpha: float = 0.9, labels=None):
    """Scatter 2-D points coloured by class, with a legend entry per class.

    ``X`` is (N, 2), ``y`` (N,) whole-number classes 0, 1, ...; ``labels`` (optional) names
    each class, e.g. ``["cat", "dog"]``.

    Introduced in notebooks/02_weights_and_biases.
    """
    where = "plots.scatter_classes"
    ax = _axes(ax, where)
    X, y = _points_and_classes(X, y, where)
    s = number_in(s, "s", where, low=0, low_open=True)
    alpha = number_in(alpha, "alpha", where, low=0, high=1)
    if labels is not None:
        if isinstance(labels, (str, bytes)) or not hasattr(labels, "__getitem__"):
            raise TypeError(f"{where}: expected labels to be a list of names, one per class, "
                            f"got {_describe(labels)}.")
        if len(labels) <= y.max():
            raise ValueError(f"{where}: labels names {len(labels)} class(es) but y has classes "
                             f"up to {y.max()}. Fix: give one name per class, for classes 0.."
                             f"{y.max()}.")
    artists = []
    for c in np.unique(y):
        pts = X[y == c]
        name = labels[c] if labels is not None else f"class {c}"
        artists.append(ax.scatter(pts[:, 0], pts[:, 1], s=s, alpha=alpha, label=name,
                                  color=CLASS_COLOURS[int(c) % len(CLASS_COLOURS)],
                                  edgecolors="white", linewidths=0.5, zorder=3))
    return artists


def _points_and_classes(X, y, where: str):
    """X (N, 2) as floats and y (N,) as whole numbers >= 0, checked against each other."""
    X = as_array(X, "X", where)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"{where}: expected X of shape (N, 2), one point (x1, x2) per row, got "
                         f"{X.shape}. Fix: these plots show two features; pick two columns, "
                         "e.g. X[:, :2].")
    if y is None or isinstance(y, (str, bytes)):
        raise TypeError(f"{where}: expected y to be class labels (whole numbers 0, 1, ...), one "
                        f"per row of X, got {_describe(y)}.")
    arr = as_array(y, "y", where, empty=True)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr.ravel()
    if arr.shape != (len(X),):
        raise ValueError(f"{where}: expected y of shape ({len(X)},), one class label per row of X, "
                         f"got {arr.shape}. Fix: pass the labels that belong to these points.")
    if np.any(arr < 0) or np.any(arr != np.round(arr)):
        raise ValueError(f"{where}: expected y to hold whole-number classes 0, 1, ..., got values "
                         f"such as {arr[(arr < 0) | (arr != np.round(arr))][:3]}. Fix: labels are "
                         "integers 0..C-1; use y.astype(int).")
    return X, arr.astype(np.int64)


def _lighten(colour, amount: float) -> np.ndarray:
    rgb = np.array(matplotlib.colors.to_rgb(colour))
    return rgb + (1 - rgb) * amount


class BoundaryPlot:
    """A fast, updatable picture of what a classifier says everywhere in a 2-D region.

    Each pixel is coloured by the predicted class, pale where the model is unsure and
    strong where it is confident. ``grid`` holds the (M, 2) points to evaluate; pass their
    probabilities to ``draw``. Uses one image, so redrawing costs a few milliseconds.

    Introduced in notebooks/02_weights_and_biases.
    """

    def __init__(self, ax, xlim=(-3, 3), ylim=(-3, 3), resolution: int = 100):
        where = "plots.BoundaryPlot"
        ax = _axes(ax, where)
        xlim, ylim = limits(xlim, "xlim", where), limits(ylim, "ylim", where)
        resolution = _resolution(resolution, where)
        self.ax, self.xlim, self.ylim, self.resolution = ax, tuple(xlim), tuple(ylim), resolution
        xs = np.linspace(*self.xlim, resolution)
        ys = np.linspace(*self.ylim, resolution)
        gx, gy = np.meshgrid(xs, ys)
        self.grid = np.c_[gx.ravel(), gy.ravel()]
        self.image = ax.imshow(np.ones((resolution, resolution, 3)), origin="lower",
                               extent=(*self.xlim, *self.ylim), aspect="auto", zorder=0,
                               interpolation="bilinear")
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        self._pale = np.array([_lighten(c, 0.75) for c in CLASS_COLOURS])
        self._strong = np.array([_lighten(c, 0.35) for c in CLASS_COLOURS])

    def colours(self, probs) -> np.ndarray:
        """RGB image (res, res, 3) for probabilities of class 1, (M,) or (M, 1), or of each class (M, C).

        NaN (a model that diverged) is shown as "unsure"."""
        where = "BoundaryPlot.draw"
        p = as_array(probs, "probs", where, finite=False)
        if p.ndim == 2 and p.shape[1] == 1:  # a sigmoid output (M, 1): the probability of class 1
            p = p[:, 0]
        m = self.resolution ** 2
        if p.ndim not in (1, 2) or p.shape[0] != m or (p.ndim == 2 and p.shape[1] < 2):
            raise ValueError(f"{where}: expected probs of shape ({m},) or ({m}, C), one row per "
                             f"point of grid (resolution {self.resolution} squared), got {p.shape}. "
                             "Fix: pass model probabilities for bp.grid, in its order.")
        p = np.nan_to_num(p, nan=0.5)
        if p.ndim == 1:
            p = np.c_[1 - p, p]
        k = p.argmax(axis=1)
        conf = (p.max(axis=1) - 1 / p.shape[1]) / (1 - 1 / p.shape[1])  # 0 unsure .. 1 sure
        rgb = self._pale[k] + (self._strong[k] - self._pale[k]) * conf[:, None]
        return rgb.reshape(self.resolution, self.resolution, 3)

    def draw(self, probs):
        """Recolour the image from new probabilities (same order as ``grid``)."""
        self.image.set_data(self.colours(probs))
        return self.image


def _resolution(n, where: str) -> int:
    """A grid resolution: a whole number from 2 to 1000 (points per side)."""
    n = positive_int(n, "resolution", where, minimum=2)
    if n > 1000:
        raise ValueError(f"{where}: expected resolution (points per side) of at most 1000, got "
                         f"{n}: that is {n * n:,} points to evaluate. Fix: 50 to 200 look smooth.")
    return n


def plot_decision_boundary(ax, proba_fn, X, y, resolution: int = 100, padding: float = 0.5):
    """Shade what ``proba_fn`` (points (M, 2) -> probabilities) says around the data, then the data.

    ``proba_fn`` returns the probability of class 1, shape (M,), or of every class, (M, C), e.g.
    ``lambda P: sigmoid(net.forward(P)[:, 0])``. Returns the `BoundaryPlot`, so the picture can
    be updated later.

    Introduced in notebooks/03_layers.
    """
    where = "plots.plot_decision_boundary"
    ax = _axes(ax, where)
    proba_fn = _function(proba_fn, "proba_fn", where, "of points (M, 2) that returns probabilities")
    X, y = _points_and_classes(X, y, where)
    resolution = _resolution(resolution, where)
    padding = number_in(padding, "padding", where, low=0)
    lo, hi = X.min(axis=0) - padding, X.max(axis=0) + padding
    if np.any(hi <= lo):
        raise ValueError(f"{where}: all points of X lie on one line (a column of X is constant) "
                         "and padding is 0, so there is no area to shade. Fix: padding > 0.")
    bp = BoundaryPlot(ax, (lo[0], hi[0]), (lo[1], hi[1]), resolution)
    with np.errstate(all="ignore"):
        probs = proba_fn(bp.grid)
    if probs is None:
        raise TypeError(f"{where}: proba_fn returned None for the grid of points. Fix: end it "
                        "with `return ...` (a lambda returns its expression).")
    try:
        bp.draw(probs)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"{where}: proba_fn gave something unexpected for {len(bp.grid)} "
                        f"points: {str(exc).split(': ', 1)[-1]}") from None
    scatter_classes(ax, X, y)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return bp


# --- training curves (introduced in notebooks/08_training_loop) ---

def plot_history(history, title: str = "Training history", fig=None):
    """Loss and accuracy per epoch, for training and (if measured) validation data.

    ``history`` is what `train.fit` returns; ``fig`` (optional) a figure with two axes to draw on.

    Introduced in notebooks/08_training_loop.
    """
    where = "plots.plot_history"
    _history(history, where)
    title = _text(title, "title", where, none=False)
    if fig is None:
        fig, (ax_loss, ax_acc) = figure(8, 3.2, ncols=2)
    else:
        fig = _figure(fig, where)
        if len(fig.axes) < 2:
            raise ValueError(f"{where}: expected fig to have two axes (loss, accuracy), got "
                             f"{len(fig.axes)}. Fix: fig, axes = plots.figure(8, 3.2, ncols=2), "
                             "or leave fig out.")
        ax_loss, ax_acc = fig.axes[:2]
    epochs = np.arange(1, len(history.train_loss) + 1)
    for ax, train, val, name in ((ax_loss, history.train_loss, history.val_loss, "loss"),
                                 (ax_acc, history.train_acc, history.val_acc, "accuracy")):
        ax.plot(epochs, train, color=PALETTE["blue"], label=f"training {name}")
        if len(val):
            ax.plot(epochs, val, color=PALETTE["orange"], ls="--", label=f"validation {name}")
        if history.best_epoch:
            ax.axvline(history.best_epoch, color=PALETTE["grey"], lw=1, ls=":", label="best epoch")
        ax.set_xlabel("epoch")
        ax.set_ylabel(name)
        ax.legend(fontsize=8)
    ax_loss.set_title("Loss (lower is better)")
    ax_acc.set_title("Accuracy (higher is better)")
    fig.suptitle(title)
    return fig


def _history(h, where: str) -> None:
    """Check that `h` looks like a `train.History` with at least one epoch."""
    keys = ("train_loss", "val_loss", "train_acc", "val_acc", "best_epoch")
    if not all(hasattr(h, k) for k in keys):
        hint = (" Fix: `fit` returns (model, history) in one tuple? Pass the history."
                if isinstance(h, tuple) else "")
        raise TypeError(f"{where}: expected history to be what train.fit returns (a History with "
                        f"train_loss, train_acc, ...), got {_describe(h)}.{hint}")
    n = len(h.train_loss)
    if n == 0:
        raise ValueError(f"{where}: history is empty (no epochs): there is nothing to plot. "
                         "Fix: train first, e.g. history = train.fit(...), with epochs >= 1.")
    for k in keys[:4]:
        v = getattr(h, k)
        if len(v) not in ((0, n) if k.startswith("val") else (n,)):
            raise ValueError(f"{where}: history.{k} has {len(v)} values but train_loss has {n}. "
                             "Fix: pass a History from train.fit unchanged.")
        for x in v:
            if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)):
                raise TypeError(f"{where}: history.{k} should hold numbers, got {_describe(x)}.")


# --- loss surfaces and paths (introduced in notebooks/05_loss) ---

def loss_surface(ax, f, xlim, ylim, resolution: int = 80, levels: int = 20, log: bool = False):
    """Filled contours of ``f(W1, W2)`` (f takes two grids, returns a grid) over a rectangle.

    With ``log=True`` the contour levels are spaced on a log scale, which shows long
    narrow valleys better. Returns the grids and values: (W1, W2, Z).

    Introduced in notebooks/07_optimizers.
    """
    where = "plots.loss_surface"
    ax = _axes(ax, where)
    f = _function(f, "f", where, "f(W1, W2) of two grids that returns the loss on that grid")
    xlim, ylim = limits(xlim, "xlim", where), limits(ylim, "ylim", where)
    resolution = _resolution(resolution, where)
    levels = positive_int(levels, "levels", where, minimum=2)
    if not isinstance(log, (bool, np.bool_)):
        raise TypeError(f"{where}: expected log to be True or False, got {_describe(log)}.")
    w1, w2 = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    with np.errstate(all="ignore"):
        z = f(w1, w2)
    if z is None:
        raise TypeError(f"{where}: f returned None. Fix: end it with `return ...` (a lambda "
                        "returns its expression).")
    z = as_array(z, "f(W1, W2)", where, finite=False)
    if z.shape != w1.shape:
        raise ValueError(f"{where}: expected f(W1, W2) to return a grid of shape {w1.shape}, like "
                         f"W1 and W2, got {z.shape}. Fix: use numpy operations that work on whole "
                         "grids (x * x, np.exp(x)), not math.* or a loop that returns one number.")
    if not np.any(np.isfinite(z)) or np.nanmax(z) == np.nanmin(z):
        raise ValueError(f"{where}: f(W1, W2) is {'NaN or infinite' if not np.any(np.isfinite(z)) else 'the same number'} "
                         "everywhere in this window, so there are no contours to draw. Fix: check "
                         "f, or show another window (xlim, ylim).")
    z = np.where(np.isfinite(z), z, np.nan)  # infinities become gaps, like NaN
    if log:
        lo = max(np.nanmin(z[z > 0]) if np.any(z > 0) else 1e-3, 1e-6)
        lv = np.geomspace(lo, np.nanmax(z), levels)
        ax.contourf(w1, w2, z, levels=lv, cmap=IMAGE_CMAP, norm=matplotlib.colors.LogNorm(), alpha=0.85)
        ax.contour(w1, w2, z, levels=lv, colors="white", linewidths=0.4, alpha=0.6)
    else:
        ax.contourf(w1, w2, z, levels=levels, cmap=IMAGE_CMAP, alpha=0.85)
        ax.contour(w1, w2, z, levels=levels, colors="white", linewidths=0.4, alpha=0.6)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    return w1, w2, z


def draw_path(ax, path, colour=None, label: str | None = None, marker: bool = True):
    """A trail of points (K, 2) across a surface, with its end marked. Returns (line, end).

    Update later with ``line.set_data(xs, ys)`` and ``end.set_offsets([[x, y]])``.

    Introduced in notebooks/07_optimizers.
    """
    where = "plots.draw_path"
    ax = _axes(ax, where)
    path = as_array(path, "path", where)
    if path.shape == (2,):  # one point
        path = path[None, :]
    if path.ndim != 2 or path.shape[1] != 2:
        raise ValueError(f"{where}: expected path of shape (K, 2), one point (x, y) per row, got "
                         f"{path.shape}. Fix: pass run['path'] from surfaces.descend, or a list "
                         "of (x, y) pairs.")
    if colour is not None and not matplotlib.colors.is_color_like(colour):
        raise ValueError(f"{where}: colour {colour!r} is not a colour matplotlib knows. Fix: a name "
                         "such as plots.PALETTE['blue'], or a hex code such as '#0072B2'.")
    label = _text(label, "label", where)
    colour = colour or PALETTE["vermillion"]
    (line,) = ax.plot(path[:, 0], path[:, 1], "-", color=colour, lw=1.8, label=label, zorder=4,
                      marker="o" if marker else None, ms=2.5)
    end = ax.scatter(path[-1:, 0], path[-1:, 1], s=60, color=colour, edgecolors="black",
                     linewidths=0.8, zorder=5)
    return line, end


# --- pictures of networks (introduced in notebooks/03_layers) ---

class NetworkDrawing:
    """A network diagram: one column of circles per layer, a line per weight.

    Lines are coloured by the weight's sign (orange positive, purple negative) and get
    thicker with its size; circles can be filled by activation values. Update with
    ``set_activations`` and ``set_weights``; layers wider than ``max_nodes`` show their first
    ``max_nodes`` units.

    Introduced in notebooks/03_layers.
    """

    def __init__(self, ax, sizes, weights=None, activations=None, max_nodes: int = 10,
                 layer_names=None):
        from matplotlib.collections import LineCollection
        _check_network(ax, sizes, weights, activations, max_nodes, layer_names, "plots.NetworkDrawing")
        self.ax, self.sizes = ax, [int(s) for s in sizes]
        self.shown = [min(s, max_nodes) for s in self.sizes]
        self.pos = []
        for i, n in enumerate(self.shown):
            ys = np.linspace(0.5, -0.5, n) * (n - 1) / max(max(self.shown) - 1, 1) if n > 1 else np.zeros(1)
            self.pos.append(np.c_[np.full(n, float(i)), ys])
        segs = [(a, b) for i in range(len(self.shown) - 1) for a in self.pos[i] for b in self.pos[i + 1]]
        self.edges = LineCollection(segs, colors=PALETTE["grey"], linewidths=0.8, zorder=1)
        ax.add_collection(self.edges)
        allpos = np.vstack(self.pos)
        self.nodes = ax.scatter(allpos[:, 0], allpos[:, 1], s=420, c="white", edgecolors="black",
                                linewidths=1.0, zorder=2)
        self.labels = [ax.text(x, y, "", ha="center", va="center", fontsize=7, zorder=3)
                       for x, y in allpos]
        names = layer_names or (["input"] + ["hidden"] * (len(sizes) - 2) + ["output"])
        for i, (name, n) in enumerate(zip(names, self.sizes)):
            extra = f"\n({n} units)" if n > self.shown[i] else ""
            ax.text(i, 0.68, name + extra, ha="center", va="bottom", fontsize=9)
        ax.set_xlim(-0.5, len(self.sizes) - 0.5)
        ax.set_ylim(-0.65, 0.85)
        ax.axis("off")
        if weights is not None:
            self.set_weights(weights)
        if activations is not None:
            self.set_activations(activations)

    def set_weights(self, weights):
        """weights: one (D_in, D_out) array per pair of neighbouring layers."""
        weights = _network_weights(weights, self.sizes, "NetworkDrawing.set_weights")
        ws = np.concatenate([W[:a, :b].ravel()
                             for W, a, b in zip(weights, self.shown[:-1], self.shown[1:])])
        big = np.abs(ws).max() or 1.0
        cmap = matplotlib.colormaps[DIVERGING_CMAP]  # 0.1..0.9: the map's ends look brown/black
        self.edges.set_color(cmap(0.5 + 0.4 * ws / big))
        self.edges.set_linewidths(0.4 + 2.6 * np.abs(ws) / big)

    def set_activations(self, activations, upto: int | None = None, fmt: str = "{:.2f}"):
        """Fill the circles of layers 0..upto with their values (one 1-D array per layer)."""
        activations = _network_activations(activations, self.sizes, "NetworkDrawing.set_activations")
        upto = len(self.sizes) - 1 if upto is None else upto
        vals, texts = [], []
        for i, n in enumerate(self.shown):
            a = np.asarray(activations[i]).ravel()[:n] if i <= upto and i < len(activations) else None
            vals.append(np.full(n, np.nan) if a is None else a)
            texts.extend([""] * n if a is None else [fmt.format(v) for v in a])
        v = np.concatenate(vals)
        finite = v[np.isfinite(v)]
        scale = np.abs(finite).max() if finite.size and np.abs(finite).max() > 0 else 1.0
        cmap = matplotlib.colormaps[DIVERGING_CMAP]
        colours = np.where(np.isfinite(v)[:, None], cmap(0.5 + 0.4 * np.nan_to_num(v) / scale),
                           matplotlib.colors.to_rgba("white"))
        self.nodes.set_facecolors(colours)
        dark = np.asarray(colours)[:, :3] @ [0.299, 0.587, 0.114] < 0.5  # perceived brightness
        for t, s, d in zip(self.labels, texts, dark):
            t.set_text(s)
            t.set_color("white" if d else "black")


def draw_network(ax, sizes, weights=None, activations=None, **kw) -> NetworkDrawing:
    """Draw a network diagram on ``ax``; see `NetworkDrawing`. Introduced in notebooks/03_layers."""
    where = "plots.draw_network"
    known_names(kw, ("max_nodes", "layer_names"), where)
    _check_network(ax, sizes, weights, activations, kw.get("max_nodes", 10), kw.get("layer_names"), where)
    return NetworkDrawing(ax, sizes, weights, activations, **kw)


def _check_network(ax, sizes, weights, activations, max_nodes, layer_names, where: str) -> None:
    """The checks of `NetworkDrawing` and `draw_network`: errors in words, naming `where`."""
    _axes(ax, where)
    sizes = _network_sizes(sizes, where)
    positive_int(max_nodes, "max_nodes", where)
    if weights is not None:
        _network_weights(weights, sizes, where)
    if activations is not None:
        _network_activations(activations, sizes, where)
    if layer_names is not None:
        if isinstance(layer_names, str) or not isinstance(layer_names, (list, tuple)):
            raise TypeError(f"{where}: expected layer_names to be a list of {len(sizes)} names, "
                            f"one per layer, got {_describe(layer_names)}.")
        if len(layer_names) != len(sizes) or not all(isinstance(n, str) for n in layer_names):
            raise ValueError(f"{where}: expected layer_names to be {len(sizes)} texts, one per "
                             f"layer of sizes {sizes}, got {layer_names!r}.")


def _network_sizes(sizes, where: str) -> list:
    """A list of at least two layer sizes (whole numbers >= 1)."""
    if sizes is None or isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        raise TypeError(f"{where}: expected sizes to be a list of layer widths such as [2, 3, 1], "
                        f"got {_describe(sizes)}.")
    if len(sizes) < 2:
        raise ValueError(f"{where}: expected sizes to list at least two layers (input and output), "
                         f"such as [2, 3, 1], got {list(sizes)!r}.")
    return [positive_int(n, f"sizes[{i}]", where) for i, n in enumerate(sizes)]


def _network_weights(weights, sizes, where: str) -> list:
    """One (sizes[i], sizes[i+1]) array per pair of neighbouring layers, as float arrays."""
    want = len(sizes) - 1
    if weights is None or isinstance(weights, (str, bytes)) or not isinstance(weights, (list, tuple)):
        raise TypeError(f"{where}: expected weights to be a list of {want} arrays, one per pair of "
                        f"neighbouring layers, got {_describe(weights)}.")
    if len(weights) != want:
        raise ValueError(f"{where}: expected {want} weight matrices for sizes {sizes} (one between "
                         f"each pair of layers), got {len(weights)}.")
    out = []
    for i, W in enumerate(weights):
        W = as_array(W, f"weights[{i}]", where, shape=(sizes[i], sizes[i + 1]))
        out.append(W)
    return out


def _network_activations(activations, sizes, where: str) -> list:
    """Up to one 1-D array per layer, each with at most that layer's size of values."""
    if activations is None or isinstance(activations, (str, bytes)) or not isinstance(
            activations, (list, tuple)):
        raise TypeError(f"{where}: expected activations to be a list with one array per layer "
                        f"(at most {len(sizes)}), got {_describe(activations)}.")
    if len(activations) > len(sizes):
        raise ValueError(f"{where}: got activations for {len(activations)} layers, but the "
                         f"network has {len(sizes)} (sizes {sizes}).")
    out = []
    for i, a in enumerate(activations):
        a = as_array(a, f"activations[{i}]", where, finite=False).ravel()
        if a.size != sizes[i]:
            raise ValueError(f"{where}: expected activations[{i}] to hold {sizes[i]} values "
                             f"(layer {i} has {sizes[i]} units), got {a.size}. Fix: pass one "
                             "example's values, e.g. h[0], not the whole batch.")
        out.append(a)
    return out


# --- digits (introduced in notebooks/00_welcome) ---

def digit_grid(images, titles=None, ncols: int = 10, size: float = 0.9, title: str | None = None):
    """Show 8×8 digit images ((K, 64) or (K, 8, 8)) in a grid, each with an optional title.

    Pixel values run from 0 (white) to 16 (black), as in `data.load_digits` times 16.

    Introduced in notebooks/00_welcome.
    """
    where = "plots.digit_grid"
    imgs = as_array(images, "images", where)
    if imgs.shape in ((64,), (8, 8)):
        raise ValueError(f"{where}: expected images to be several digits, (K, 64) or (K, 8, 8), "
                         f"got one digit of shape {imgs.shape}. Fix: pass images[None] for a "
                         "grid of one.")
    if not (imgs.ndim == 2 and imgs.shape[1] == 64) and not (imgs.ndim == 3 and imgs.shape[1:] == (8, 8)):
        raise ValueError(f"{where}: expected images of shape (K, 64) or (K, 8, 8), 8×8-pixel "
                         f"digits, got {imgs.shape}. Fix: pass rows of X from data.load_digits.")
    imgs = imgs.reshape(-1, 8, 8)
    k = len(imgs)
    if k > MAX_DIGITS:
        raise ValueError(f"{where}: {k} images are more than a grid can show readably (at most "
                         f"{MAX_DIGITS}). Fix: pass a slice, e.g. images[:50].")
    if titles is not None:
        if isinstance(titles, (str, bytes)) or not hasattr(titles, "__len__"):
            raise TypeError(f"{where}: expected titles to be a list with one title per image, got "
                            f"{_describe(titles)}.")
        if len(titles) != k:
            raise ValueError(f"{where}: expected {k} titles, one per image, got {len(titles)}.")
    ncols = positive_int(ncols, "ncols", where)
    size = number_in(size, "size", where, low=0, low_open=True, high=5)
    title = _text(title, "title", where)
    ncols = max(1, min(ncols, k))
    nrows = int(np.ceil(k / ncols))
    fig = Figure(figsize=(size * ncols, size * nrows + (0.3 if title else 0) + (0.25 * nrows if titles is not None else 0)),
                 layout="constrained")
    axes = np.atleast_1d(fig.subplots(nrows, ncols)).ravel()
    for i, ax in enumerate(axes):
        ax.axis("off")
        if i < k:
            ax.imshow(imgs[i], cmap="gray_r", vmin=0, vmax=16, interpolation="nearest")
            if titles is not None:
                ax.set_title(str(titles[i]), fontsize=8, fontweight="normal")
    if title:
        fig.suptitle(title)
    return fig


MAX_DIGITS = 400


def probability_bars(ax, probs=None, n_classes: int = 10):
    """A bar per class for a classifier's probabilities (update with ``bar.set_height``).

    Returns (bars, title); the title is left empty for the caller's words.
    Introduced in notebooks/00_welcome.
    """
    where = "plots.probability_bars"
    ax = _axes(ax, where)
    n_classes = positive_int(n_classes, "n_classes", where)
    if probs is None:
        probs = np.zeros(n_classes)
    else:
        probs = as_array(probs, "probs", where)
        if probs.ndim == 2 and probs.shape[0] == 1:
            probs = probs[0]  # one example's row of a batch
        if probs.shape != (n_classes,):
            raise ValueError(f"{where}: expected probs of shape ({n_classes},), one probability "
                             f"per class, got {probs.shape}. Fix: pass one example's row, or set "
                             "n_classes to the number of classes.")
        if np.any(probs < 0) or np.any(probs > 1 + 1e-9):
            raise ValueError(f"{where}: expected probabilities between 0 and 1, got values from "
                             f"{probs.min():.3g} to {probs.max():.3g}. Fix: pass softmax(scores), "
                             "not the raw scores.")
    bars = ax.bar(np.arange(n_classes), probs, color=PALETTE["sky"])
    ax.set_xticks(np.arange(n_classes))
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("digit")
    ax.set_ylabel("probability")
    return bars, ax.set_title("")


# --- computational graphs (introduced in notebooks/06_backprop) ---

GRAPH_COLUMN = 2.0  # data units between neighbouring columns of a graph drawing


def graph_layout(root) -> dict:
    """Where `draw_graph` puts each `Value` of ``root``'s graph: ``{value: (x, y)}``.

    The result sits on the right; every other value stands one column to the left of the
    leftmost value that uses it, so each input is drawn next to the operation it feeds. In a
    column, values sit at the height of the values they feed, at least one unit apart.
    The dict lists the values in topological order (parents first). Introduced in
    notebooks/06_backprop.
    """
    order = _value(root, "root", "plots.graph_layout").topo_order()
    column = {root: 0}
    users = {node: [] for node in order}
    for node in reversed(order):  # every value before its parents: its column is final
        for p in dict.fromkeys(node.parents):  # a value used twice (x * x) counts once
            column[p] = max(column.get(p, 0), column[node] + 1)
            users[p].append(node)
    n_cols = max(column.values()) + 1
    height = {root: 0.0}
    for c in range(1, n_cols):  # users are always in a column to the right: placed already
        nodes = [n for n in order if column[n] == c]
        wanted = {n: float(np.mean([height[u] for u in users[n]])) for n in nodes}
        nodes.sort(key=lambda n: -wanted[n])
        ys = np.array([wanted[n] for n in nodes])
        for i in range(1, len(ys)):  # keep boxes at least one unit apart
            ys[i] = min(ys[i], ys[i - 1] - 1.0)
        ys += np.mean(list(wanted.values())) - ys.mean()  # centred where they want to be
        height.update(zip(nodes, ys.tolist()))
    return {n: (GRAPH_COLUMN * (n_cols - 1 - column[n]), height[n]) for n in order}


MAX_GRAPH = 300  # values a drawing of a graph can show readably


def _value(v, name: str, where: str):
    """`v` if it is a `Value` (anything with its public view), else an error in words."""
    if all(hasattr(v, k) for k in ("data", "grad", "label", "op", "parents", "topo_order")) \
            and not isinstance(v, type):
        if name == "root" and len(v.topo_order()) > MAX_GRAPH:
            raise ValueError(f"{where}: the graph of {name} has {len(v.topo_order())} values, too "
                             f"many to draw readably (at most {MAX_GRAPH}). Fix: draw a smaller "
                             "expression, e.g. one neuron.")
        return v
    hint = ""
    if isinstance(v, (int, float, np.number)) and not isinstance(v, bool):
        hint = f" Fix: build it from Values, e.g. Value({v!r}), so it remembers its graph."
    elif isinstance(v, np.ndarray):
        hint = " Arrays do not remember how they were made; build the expression from Values."
    raise TypeError(f"{where}: expected {name} to be a Value (helpers.value.Value), got "
                    f"{_describe(v)}.{hint}")


def graph_text(node, grad=None) -> str:
    """The text of a value's box: its label, (operation) and data, then ``grad`` on a second
    line when given (a number, or a word such as ``"?"`` for a gradient not known yet).

    Introduced in notebooks/06_backprop.
    """
    node = _value(node, "node", "plots.graph_text")
    if grad is not None and not isinstance(grad, (str, int, float, np.integer, np.floating)):
        raise TypeError(f"plots.graph_text: expected grad to be a number, a word such as '?', or "
                        f"None, got {_describe(grad)}.")
    head = f"{node.label + ' ' if node.label else ''}{node.op and f'({node.op}) '}{node.data:.3g}"
    if grad is None:
        return head
    return head + (f"\ngrad {grad}" if isinstance(grad, str) else f"\ngrad {grad:.3g}")


class GraphDrawing:
    """The computational graph of ``root`` on ``ax``, laid out by `graph_layout`.

    A box per value (its label, operation, data and, with ``show_grad``, its gradient) and an
    arrow from each value to every value made from it. ``boxes`` maps each value to its box
    (a matplotlib Text whose ``get_bbox_patch()`` is the frame), in topological order;
    ``arrows`` lists ``(parent, child, annotation)``. ``highlight`` is a set of values to
    outline in vermillion. Introduced in notebooks/06_backprop.
    """

    def __init__(self, ax, root, highlight=None, show_grad: bool = True):
        where = "plots.GraphDrawing"
        _check_graph(root, highlight, show_grad, where)
        self.ax, self.root = _axes(ax, where), root
        self.pos = graph_layout(root)
        highlight = {id(v) for v in (highlight or ())}
        self.boxes = {}
        for node, (x, y) in self.pos.items():
            lit = id(node) in highlight
            self.boxes[node] = ax.text(
                x, y, graph_text(node, node.grad if show_grad else None), ha="center",
                va="center", fontsize=8, zorder=3,
                bbox={"boxstyle": "round,pad=0.3", "fc": "white",
                      "ec": PALETTE["vermillion"] if lit else PALETTE["blue"],
                      "lw": 2.2 if lit else 1.0})
        self.arrows = []
        for node in self.pos:
            for p in node.parents:
                # from the middle of the parent's right edge to the middle of the child's left
                # edge, measured on the boxes' text as drawn, so the head always shows
                arrow = ax.annotate("", xy=(0, 0.5), xycoords=self.boxes[node],
                                    xytext=(1, 0.5), textcoords=self.boxes[p], zorder=4,
                                    arrowprops={"arrowstyle": "->", "color": PALETTE["grey"],
                                                "lw": 1, "shrinkA": 4, "shrinkB": 4})
                self.arrows.append((p, node, arrow))
        xs, ys = zip(*self.pos.values())
        ax.set_xlim(min(xs) - 0.9, max(xs) + 0.9)
        ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
        ax.axis("off")
        ax.set_title(f"Computational graph of {root.label or 'the result'}")


def _check_graph(root, highlight, show_grad, where: str) -> None:
    """The checks `GraphDrawing` and `draw_graph` share."""
    _value(root, "root", where)
    if highlight is not None:
        if hasattr(highlight, "topo_order"):
            raise TypeError(f"{where}: expected highlight to be a set of Values, got one Value. "
                            "Fix: wrap it: highlight={v}.")
        if isinstance(highlight, (str, bytes)) or not hasattr(highlight, "__iter__"):
            raise TypeError(f"{where}: expected highlight to be a set of Values, got "
                            f"{_describe(highlight)}.")
        for v in highlight:
            _value(v, "each value in highlight", where)
    if not isinstance(show_grad, (bool, np.bool_)):
        raise TypeError(f"{where}: expected show_grad to be True or False, got {_describe(show_grad)}.")


def draw_graph(root, ax=None, highlight=None, show_grad: bool = True, width: float = 8.0):
    """Draw the graph of `Value`s that produced ``root``: inputs on the left, result on the right.

    Each value is a box with its label, operation, data and grad, placed by `graph_layout`;
    arrows show how values flowed forward. ``highlight`` is a set of Values to outline in
    vermillion (e.g. the node a backward step has just reached). Without ``ax``, a new
    figure ``width`` inches wide is made, as tall as the graph needs. Returns the Figure;
    `GraphDrawing` gives the boxes and arrows as well. Introduced in notebooks/06_backprop.
    """
    where = "plots.draw_graph"
    _check_graph(root, highlight, show_grad, where)
    width = _inches(width, "width", where)
    if ax is not None:
        _axes(ax, where)
    if ax is None:
        ys = [y for _, y in graph_layout(root).values()]
        rows = round(max(ys) - min(ys)) + 1  # box heights from top to bottom
        fig = Figure(figsize=(width, max(1.8, 0.9 * rows + 0.6)), layout="constrained")
        ax = fig.add_subplot()
    GraphDrawing(ax, root, highlight, show_grad)
    return ax.figure


# --- what a classifier confuses (introduced in notebooks/09_capstone_handwriting) ---

def plot_confusion(cm, title: str = "Confusion matrix"):
    """Draw a confusion matrix (see `train.confusion_matrix`) with its counts in the cells.

    Introduced in notebooks/09_capstone_handwriting.
    """
    where = "plots.plot_confusion"
    counts = as_array(cm, "cm", where, ndim=2)
    if counts.shape[0] != counts.shape[1]:
        raise ValueError(f"{where}: expected cm to be square, (C, C) with a row and a column per "
                         f"class, got {counts.shape}. Fix: cm = train.confusion_matrix(y_true, "
                         "y_pred, n_classes).")
    if np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError(f"{where}: expected cm to hold counts (whole numbers >= 0), got values "
                         "such as "
                         f"{counts[(counts < 0) | (counts != np.round(counts))][:3]}. Fix: "
                         "cm = train.confusion_matrix(y_true, y_pred, n_classes).")
    title = _text(title, "title", where, none=False)
    cm = counts.astype(np.int64)
    c = len(cm)
    fig, ax = figure(4.6, 4.2)
    # light for few, dark for many (like the digits' ink); a log scale so single mistakes show
    ax.imshow(cm, cmap=IMAGE_CMAP + "_r", norm="log" if cm.max() > 0 else None,
              vmin=0.5 if cm.max() > 0 else None)
    for i in range(c):
        for j in range(c):
            if cm[i, j]:
                ax.text(j, i, str(cm[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if cm[i, j] > cm.max() ** 0.5 else "black")
    ax.set_xticks(range(c))
    ax.set_yticks(range(c))
    ax.grid(False)
    ax.set_xlabel("digit the network read (predicted)")
    ax.set_ylabel("true digit")
    ax.set_title(title)
    return fig
