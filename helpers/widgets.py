"""The logic behind every interactive: functions that redraw a figure from control values.

Introduced in notebooks/01_the_neuron. This module holds the shared bases (`Interactive`,
`View`, `slider`, `LossCurve`); each lesson's interactives live in its own module,
helpers/lessons/lNN_name.py.

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
import numpy as np

from . import plots
from .plots import SCREEN_DPI, freeze_layout, png_bundle, to_png


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
    """A widget's display bundle with a PNG and a one-line text beside its widget view.

    Introduced in notebooks/01_the_neuron.
    """
    data, metadata = png_bundle(png)
    live = bundle[0] if isinstance(bundle, tuple) else (bundle or {})
    return {**live, **data, "text/plain": summary}, metadata


class Interactive:
    """Base class for an interactive figure with controls.

    Subclasses set ``self.fig`` in ``__init__``, implement ``update(**values) -> dict`` and
    ``controls() -> dict[name, ipywidgets control]``, and may override ``readout(result)``
    to turn update's result into HTML for the line under the controls.

    Introduced in notebooks/01_the_neuron.
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
        """An Image widget for this interactive's figure (see `figure_image`)."""
        return figure_image(self.fig)

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


def figure_image(fig, **kwargs) -> w.Image:
    """An Image widget at the figure's screen size: its PNG has `plots.PIXEL_RATIO` times the
    pixels, so it stays sharp on a 2x screen.

    Introduced in notebooks/01_the_neuron.
    """
    width = round(fig.get_figwidth() * SCREEN_DPI)
    return w.Image(format="png", layout=w.Layout(width=f"{width}px", max_width="100%"), **kwargs)


ACTS_LATER = "acts-later"


def acts_later(control: w.DOMWidget) -> w.DOMWidget:
    """Mark a control whose change shows only from the next training step on (a learning rate,
    a batch size), so the picture rightly stays as it is at once. The browser tests read the
    mark (the CSS class ``acts-later``) and do not expect a change from such a control.

    Introduced in notebooks/08_training_loop.
    """
    control.add_class(ACTS_LATER)
    return control


def slider(description: str, value: float, min: float, max: float, step: float = 0.1,
           **kw) -> w.FloatSlider:
    """A float slider in the course's style (wide enough to read its label).

    Introduced in notebooks/01_the_neuron.
    """
    return w.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                         continuous_update=True, style={"description_width": "initial"},
                         layout=w.Layout(width="260px"), **kw)


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
        self.image = figure_image(self.fig, value=to_png(self.fig))
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
