"""Plots shared by every lesson, in one colour-blind-safe palette.

Introduced in notebooks/00_welcome. The palette is Okabe and Ito's eight colours, which
stay distinct for the common kinds of colour blindness; images use the "cividis" map.

Figures are made with `matplotlib.figure.Figure` (not pyplot), so building one never shows
it by accident; a notebook shows a figure by leaving it as the last value of a cell, or a
widget renders it to PNG (see helpers.widgets).
"""

from __future__ import annotations

import io

import matplotlib
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

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
DIVERGING_CMAP = "PuOr"  # for signed values such as weights: purple < 0 < orange

STYLE = {
    "figure.dpi": 72,
    "savefig.dpi": 72,
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
    """A new Figure (not attached to pyplot) and its axes, laid out with constrained layout."""
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=True, **kw)
    return fig, axes


def to_png(fig: Figure) -> bytes:
    """Render a figure to PNG bytes, fast enough for a slider (about 20 ms for a small plot).

    Draws with Agg and encodes with Pillow at low compression; the bytes repeat exactly for
    the same figure. See `freeze_layout` for figures that are redrawn many times.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    buf = io.BytesIO()
    size = canvas.get_width_height(physical=True)
    PIL.Image.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1).save(
        buf, format="png", compress_level=1)
    return buf.getvalue()


def freeze_layout(fig: Figure) -> Figure:
    """Lay the figure out once, then keep that layout: redraws get about twice as fast."""
    to_png(fig)
    fig.set_layout_engine("none")
    return fig


def _register_with_ipython() -> None:
    """Let a notebook show a Figure that is the last value of a cell, without pyplot."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    ip = get_ipython()
    if ip is not None:
        ip.display_formatter.formatters["image/png"].for_type(Figure, to_png)


_register_with_ipython()
