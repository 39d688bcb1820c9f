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
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine

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

    Introduced in notebooks/00_welcome.
    """
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=True, **kw)
    return fig, axes


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


def screen_size(png: bytes) -> tuple[int, int]:
    """The (width, height) in screen pixels at which a PNG from `to_png` is shown.

    Introduced in notebooks/01_the_neuron.
    """
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return round(width / PIXEL_RATIO), round(height / PIXEL_RATIO)


def png_bundle(png: bytes) -> tuple[dict, dict]:
    """A PNG as an IPython display bundle (data, metadata), shown at its screen size.

    Introduced in notebooks/01_the_neuron.
    """
    width, height = screen_size(png)
    return ({"image/png": base64.b64encode(png).decode("ascii")},
            {"image/png": {"width": width, "height": height}})


def freeze_layout(fig: Figure) -> Figure:
    """Lay the figure out once, then keep that layout: redraws get about twice as fast.

    Introduced in notebooks/01_the_neuron.
    """
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

    Introduced in notebooks/02_weights_and_biases.
    """
    X, y = np.asarray(X), np.asarray(y)
    artists = []
    for c in np.unique(y):
        pts = X[y == c]
        name = labels[c] if labels is not None else f"class {c}"
        artists.append(ax.scatter(pts[:, 0], pts[:, 1], s=s, alpha=alpha, label=name,
                                  color=CLASS_COLOURS[int(c) % len(CLASS_COLOURS)],
                                  edgecolors="white", linewidths=0.5, zorder=3))
    return artists


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
        """RGB image (res, res, 3) for probabilities of class 1 (M,) or of each class (M, C)."""
        p = np.asarray(probs, dtype=float)
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


def plot_decision_boundary(ax, proba_fn, X, y, resolution: int = 100, padding: float = 0.5):
    """Shade what ``proba_fn`` (points (M, 2) -> probabilities) says around the data, then the data.

    Returns the `BoundaryPlot`, so the picture can be updated later.

    Introduced in notebooks/03_layers.
    """
    X = np.asarray(X)
    lo, hi = X.min(axis=0) - padding, X.max(axis=0) + padding
    bp = BoundaryPlot(ax, (lo[0], hi[0]), (lo[1], hi[1]), resolution)
    with np.errstate(all="ignore"):
        bp.draw(proba_fn(bp.grid))
    scatter_classes(ax, X, y)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return bp


# --- training curves (introduced in notebooks/08_training_loop) ---

def plot_history(history, title: str = "Training history", fig=None):
    """Loss and accuracy per epoch, for training and (if measured) validation data.

    Introduced in notebooks/08_training_loop.
    """
    if fig is None:
        fig, (ax_loss, ax_acc) = figure(8, 3.2, ncols=2)
    else:
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


# --- loss surfaces and paths (introduced in notebooks/05_loss) ---

def loss_surface(ax, f, xlim, ylim, resolution: int = 80, levels: int = 20, log: bool = False):
    """Filled contours of ``f(W1, W2)`` (f takes two grids, returns a grid) over a rectangle.

    With ``log=True`` the contour levels are spaced on a log scale, which shows long
    narrow valleys better. Returns the grids and values: (W1, W2, Z).

    Introduced in notebooks/07_optimizers.
    """
    w1, w2 = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    with np.errstate(all="ignore"):
        z = np.asarray(f(w1, w2), dtype=float)
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
    path = np.asarray(path, dtype=float).reshape(-1, 2)
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
        ws = np.concatenate([np.asarray(W)[:a, :b].ravel()
                             for W, a, b in zip(weights, self.shown[:-1], self.shown[1:])])
        big = np.abs(ws).max() or 1.0
        cmap = matplotlib.colormaps[DIVERGING_CMAP]  # 0.1..0.9: the map's ends look brown/black
        self.edges.set_color(cmap(0.5 + 0.4 * ws / big))
        self.edges.set_linewidths(0.4 + 2.6 * np.abs(ws) / big)

    def set_activations(self, activations, upto: int | None = None, fmt: str = "{:.2f}"):
        """Fill the circles of layers 0..upto with their values (one 1-D array per layer)."""
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
    return NetworkDrawing(ax, sizes, weights, activations, **kw)


# --- digits (introduced in notebooks/00_welcome) ---

def digit_grid(images, titles=None, ncols: int = 10, size: float = 0.9, title: str | None = None):
    """Show 8×8 digit images ((K, 64) or (K, 8, 8)) in a grid, each with an optional title.

    Introduced in notebooks/00_welcome.
    """
    imgs = np.asarray(images, dtype=float).reshape(-1, 8, 8)
    k = len(imgs)
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


def probability_bars(ax, probs=None, n_classes: int = 10):
    """A bar per class for a classifier's probabilities (update with ``bar.set_height``).

    Returns (bars, title); the title is left empty for the caller's words.
    Introduced in notebooks/00_welcome.
    """
    probs = np.zeros(n_classes) if probs is None else np.asarray(probs, dtype=float)
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
    order = root.topo_order()
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


def graph_text(node, grad=None) -> str:
    """The text of a value's box: its label, (operation) and data, then ``grad`` on a second
    line when given (a number, or a word such as ``"?"`` for a gradient not known yet).

    Introduced in notebooks/06_backprop.
    """
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
        self.ax, self.root = ax, root
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


def draw_graph(root, ax=None, highlight=None, show_grad: bool = True, width: float = 8.0):
    """Draw the graph of `Value`s that produced ``root``: inputs on the left, result on the right.

    Each value is a box with its label, operation, data and grad, placed by `graph_layout`;
    arrows show how values flowed forward. ``highlight`` is a set of Values to outline in
    vermillion (e.g. the node a backward step has just reached). Without ``ax``, a new
    figure ``width`` inches wide is made, as tall as the graph needs. Returns the Figure;
    `GraphDrawing` gives the boxes and arrows as well. Introduced in notebooks/06_backprop.
    """
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
    cm = np.asarray(cm)
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
