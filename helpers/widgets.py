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
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np  # noqa: F401

from . import data, gradcheck, layers, losses, optim, plots, train  # noqa: F401
from .plots import freeze_layout, to_png
from .value import Value  # noqa: F401


class Interactive:
    """Base class for an interactive figure with controls.

    Subclasses set ``self.fig`` in ``__init__``, implement ``update(**values) -> dict`` and
    ``controls() -> dict[name, ipywidgets control]``, and may override ``readout(result)``
    to turn update's result into HTML for the line under the controls.
    """

    fig = None

    def update(self, **values) -> dict:
        raise NotImplementedError

    def controls(self) -> dict:
        raise NotImplementedError

    def readout(self, result: dict) -> str:
        return " · ".join(f"<b>{k}</b>: {v}" for k, v in result.items())

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes."""
        return to_png(self.fig)

    def widget(self) -> w.Box:
        """Controls, readout and picture, wired together."""
        ctrls = self.controls()
        text = w.HTML()
        image = w.Image(format="png")

        def refresh(_change=None):
            result = self.update(**{k: c.value for k, c in ctrls.items()})
            text.value = self.readout(result or {})
            image.value = self.png()

        for c in ctrls.values():
            c.observe(refresh, names="value")
        freeze_layout(self.fig)
        refresh()
        self.ui = {"controls": ctrls, "text": text, "image": image, "refresh": refresh}
        return w.VBox([w.HBox(list(ctrls.values()), layout=w.Layout(flex_flow="row wrap")), text, image])


def slider(description: str, value: float, min: float, max: float, step: float = 0.1,
           **kw) -> w.FloatSlider:
    """A float slider in the course's style (wide enough to read its label)."""
    return w.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                         continuous_update=True, style={"description_width": "initial"},
                         layout=w.Layout(width="260px"), **kw)


# === 01_the_neuron ==================================================================

# === 02_weights_and_biases ==========================================================

# === 03_layers ======================================================================

# === 04_forward_pass ================================================================

# === 05_loss ========================================================================

# === 06_backprop ====================================================================

# === 07_optimizers ==================================================================

# === 08_training_loop ===============================================================

# === 09_capstone_handwriting ========================================================
