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

import functools
import inspect

import ipywidgets as w
import numpy as np

from . import plots
from .plots import SCREEN_DPI, freeze_layout, png_bundle, to_png
from .validate import NotFiniteError, _describe, choice, flag, known_names, number_in, positive_int


class View(w.VBox):
    """A box of widgets that also shows where no widget can run.

    Displayed in JupyterLab it is the live widget. Its display bundle also holds ``picture``
    (an ``Image`` widget's PNG as it is when the cell shows it) and ``summary`` as plain text,
    so a static view (GitHub, nbviewer, nbconvert's HTML, an untrusted or not yet run
    notebook) shows the picture and one line that says what the widget is.

    Introduced in notebooks/01_the_neuron.
    """

    def __init__(self, children, picture: w.Image, summary: str, **kwargs):
        where = "View"
        if not isinstance(children, (list, tuple)) or not children:
            raise TypeError(f"{where}: expected children to be a non-empty list of widgets, got "
                            f"{_describe(children)}. Fix: View([controls, text, image], image, "
                            "summary).")
        for i, child in enumerate(children):
            if not isinstance(child, w.Widget):
                raise TypeError(f"{where}: expected every child to be an ipywidgets widget, got "
                                f"{_describe(child)} at position {i}. Fix: wrap text in "
                                "w.HTML(...) and figures in figure_image(fig).")
        if not isinstance(picture, w.Image):
            raise TypeError(f"{where}: expected picture to be an ipywidgets Image (what "
                            f"figure_image gives), got {_describe(picture)}.")
        _one_line(summary, "summary", where)
        known_names(kwargs, ("layout",), where)
        super().__init__(children, **kwargs)
        self.picture = picture
        self.summary = summary

    def _repr_mimebundle_(self, **kwargs):
        return with_picture(super()._repr_mimebundle_(**kwargs), self.picture.value, self.summary)


def with_picture(bundle, png: bytes, summary: str):
    """A widget's display bundle with a PNG and a one-line text beside its widget view.

    Introduced in notebooks/01_the_neuron.
    """
    where = "with_picture"
    raw = isinstance(png, (bytes, bytearray, memoryview))  # an Image widget's value: memoryview
    if not raw or bytes(png[:8]) != b"\x89PNG\r\n\x1a\n":
        what = "bytes that are not a PNG" if raw else _describe(png)
        raise TypeError(f"{where}: expected png to be the bytes of a PNG picture (what "
                        f"plots.to_png(fig) gives), got {what}.")
    _one_line(summary, "summary", where)
    if bundle is not None and not isinstance(bundle, dict) and not (
            isinstance(bundle, tuple) and len(bundle) == 2 and isinstance(bundle[0], dict)):
        raise TypeError(f"{where}: expected bundle to be a display bundle (a dict, or a (data, "
                        f"metadata) pair of dicts, what widget._repr_mimebundle_() gives), got "
                        f"{_describe(bundle)}.")
    data, metadata = png_bundle(png)
    live = bundle[0] if isinstance(bundle, tuple) else (bundle or {})
    return {**live, **data, "text/plain": summary}, metadata


class Interactive:
    """Base class for an interactive figure with controls.

    Subclasses set ``self.fig`` in ``__init__``, implement ``update(**values) -> dict`` and
    ``controls() -> dict[name, ipywidgets control]``, and may override ``readout(result)``
    to turn update's result into HTML for the line under the controls.

    ``update`` is checked like any public function: every subclass's ``update`` is wrapped so
    that each value it is given must be one its control can give (a slider's range and
    whole-number-ness, a dropdown's options, a checkbox's True/False), and an unknown name is
    refused with the nearest known one. The rules come from the controls themselves (see
    `value_rules`), worked out once per instance. A value no control gives, that update takes
    on purpose, is declared in ``extra_values`` (name -> a rule such as
    ``_NumberRule(low, high, integer, what)``).

    Introduced in notebooks/01_the_neuron.
    """

    fig = None
    moving: list = []
    extra_values: dict = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "update" in cls.__dict__:
            cls.update = _checked_update(cls.update)

    def update(self, **values) -> dict:
        raise NotImplementedError

    def controls(self) -> dict:
        raise NotImplementedError

    def value_rules(self) -> dict:
        """{name: rule} for the values ``update`` takes: one per control, plus ``extra_values``.

        Worked out from ``controls()`` the first time a value needs checking, then kept."""
        rules = self.__dict__.get("_value_rules")
        if rules is None:
            shown = (self.__dict__.get("ui") or {}).get("controls")
            if shown:
                return self._keep_rules(shown)
            controls = self.controls()  # built only to read their ranges: closed again
            rules = self._keep_rules(controls)
            for c in controls.values():
                c.close()
        return rules

    def _keep_rules(self, controls: dict) -> dict:
        rules = {k: _rule_of(c) for k, c in controls.items()}
        rules.update(self.extra_values)
        self._value_rules = rules
        return rules

    def checked(self, values: dict, where: str | None = None) -> dict:
        """`values` after checking each against its control's rule (whole numbers as int).

        Raises TypeError for an unknown name or a value of the wrong type, ValueError for a
        value outside what its control allows (NaN and infinity included)."""
        where = where or f"{type(self).__name__}.update"
        rules = self.value_rules()
        out = {}
        for name, v in values.items():
            if name not in rules:
                if not rules:
                    raise TypeError(f"{where} takes no values, got {name}={_describe(v)}. "
                                    "Fix: call it with no arguments.")
                known_names(values, rules, where)
            rule = rules[name]
            out[name] = v if rule is None else rule(v, name, where)
        return out

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

    def _parts(self) -> tuple:
        """The controls (whose ranges become the rules `update` is checked against), an empty
        readout and the picture: what every ``widget()`` starts from."""
        ctrls = self.controls()
        if "_value_rules" not in self.__dict__:
            self._keep_rules(ctrls)
        return ctrls, w.HTML(), self.image_widget()

    def widget(self) -> w.Box:
        """Controls, readout and picture, wired together."""
        ctrls, text, image = self._parts()

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


def _checked_update(update):
    """Wrap a subclass's ``update`` so that its values are checked first (`Interactive.checked`)."""
    params = None

    @functools.wraps(update)
    def checked_update(self, *args, **values):
        if args:  # rare: values given by position; name them as update's signature does
            nonlocal params
            if params is None:
                params = [p.name for p in list(inspect.signature(update).parameters.values())[1:]
                          if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            where = f"{type(self).__name__}.update"
            if len(args) > len(params):
                raise TypeError(f"{where}: got {len(args)} value(s) by position but takes at most "
                                f"{len(params)}. Fix: name each value, e.g. update("
                                f"{next(iter(self.value_rules()), 'value')}=...).")
            for name, v in zip(params, args):
                if name in values:
                    raise TypeError(f"{where}: got two values for {name}. Fix: give it once.")
                values[name] = v
        if values:
            values = self.checked(values)
        return update(self, **values)

    return checked_update


class _NumberRule:
    """A slider's values: a finite number in [low, high], whole when `integer`."""

    __slots__ = ("low", "high", "integer", "what", "tol")

    def __init__(self, low, high, integer, what):
        self.low, self.high, self.integer, self.what = low, high, integer, what
        self.tol = 1e-9 * max(1.0, abs(low), abs(high))  # a log slider's 10 ** 1.0 and such

    def range_text(self) -> str:
        return f"[{self.low:g}, {self.high:g}]"

    def __call__(self, v, name, where):
        if type(v) is float or type(v) is int:  # the usual case, kept quick: a control's value
            x = v
        elif isinstance(v, (np.floating, np.integer)):
            x = v.item()
        else:
            kind = "a whole number" if self.integer else "a number"
            raise TypeError(f"{where}: expected {name} to be {kind} in {self.range_text()} "
                            f"({self.what}), got {_describe(v)}. Fix: pass one number, e.g. "
                            f"{name}={self._example()}.")
        if x != x or x in (float("inf"), float("-inf")):
            raise ValueError(f"{where}: expected {name} to be a finite number in "
                             f"{self.range_text()} ({self.what}), got {x}. Fix: a NaN or infinity "
                             "often comes from a division by zero or a run that diverged.")
        if self.integer and x != int(x):
            raise ValueError(f"{where}: expected {name} to be a whole number in "
                             f"{self.range_text()} ({self.what}), got {x}. Fix: round it, e.g. "
                             f"{name}={round(x)}.")
        if not self.low - self.tol <= x <= self.high + self.tol:
            raise ValueError(f"{where}: expected {name} in {self.range_text()} ({self.what}), "
                             f"got {x}. Fix: pick a value the control can reach.")
        return int(x) if self.integer else float(x)

    def _example(self):
        mid = (self.low + self.high) / 2
        return round(mid) if self.integer else f"{mid:g}"


class _ChoiceRule:
    """A dropdown's (or toggle buttons') values: one of its options."""

    __slots__ = ("options", "what")

    def __init__(self, options, what="the dropdown's options"):
        self.options, self.what = tuple(options), what

    def __call__(self, v, name, where):
        if isinstance(v, (str, int, float, bool, np.generic)) or v is None:
            try:
                if v in self.options:  # the usual case: no words to build
                    return v
            except (TypeError, ValueError):
                pass
            return choice(v, name, where, self.options)
        text = ", ".join(repr(o) for o in self.options)
        raise TypeError(f"{where}: expected {name} to be one of {text} ({self.what}), got "
                        f"{_describe(v)}. Fix: pass one of them, e.g. {name}={self.options[0]!r}.")


def _rule_of(control):
    """The rule for what `control` can give; None (anything) for a control with no bounds."""
    if hasattr(control, "_options_values"):  # Dropdown, ToggleButtons, RadioButtons, ...
        return _ChoiceRule(control._options_values)
    if isinstance(control, (w.Checkbox, w.ToggleButton)):
        return flag
    if isinstance(control, w.FloatLogSlider):
        return _NumberRule(control.base ** control.min, control.base ** control.max, False,
                           "the slider's range")
    if hasattr(control, "min") and hasattr(control, "max"):
        integer = isinstance(control.value, int) and not isinstance(control.value, bool)
        return _NumberRule(float(control.min), float(control.max), integer, "the slider's range")
    return None


def _one_line(text, name: str, where: str) -> str:
    """`text` checked to be a non-empty string of one line."""
    if not isinstance(text, str):
        raise TypeError(f"{where}: expected {name} to be a string (one line of text), got "
                        f"{_describe(text)}.")
    if not text.strip():
        raise ValueError(f"{where}: {name} is empty. Fix: one line that says what this is.")
    if "\n" in text.strip():
        raise ValueError(f"{where}: expected {name} on one line, got {text.count(chr(10)) + 1} "
                         "lines. Fix: join them with spaces.")
    return text


def figure_image(fig, **kwargs) -> w.Image:
    """An Image widget at the figure's screen size: its PNG has `plots.PIXEL_RATIO` times the
    pixels, so it stays sharp on a 2x screen.

    Introduced in notebooks/01_the_neuron.
    """
    from matplotlib.figure import Figure

    where = "figure_image"
    if not isinstance(fig, Figure):
        hint = (" Fix: pass ax.figure (the figure the axes sit in)."
                if hasattr(fig, "figure") and isinstance(getattr(fig, "figure", None), Figure)
                else " Fix: make one with plots.figure(width, height).")
        raise TypeError(f"{where}: expected fig to be a matplotlib Figure, got {_describe(fig)}.{hint}")
    known_names(kwargs, ("value", "height", "tooltip"), where)
    if "value" in kwargs and not isinstance(kwargs["value"], (bytes, bytearray, memoryview)):
        raise TypeError(f"{where}: expected value to be PNG bytes (what plots.to_png(fig) gives), "
                        f"got {_describe(kwargs['value'])}.")
    width = round(fig.get_figwidth() * SCREEN_DPI)
    return w.Image(format="png", layout=w.Layout(width=f"{width}px", max_width="100%"), **kwargs)


ACTS_LATER = "acts-later"


def acts_later(control: w.DOMWidget) -> w.DOMWidget:
    """Mark a control whose change shows only from the next training step on (a learning rate,
    a batch size), so the picture rightly stays as it is at once. The browser tests read the
    mark (the CSS class ``acts-later``) and do not expect a change from such a control.

    Introduced in notebooks/08_training_loop.
    """
    if not isinstance(control, w.DOMWidget) or isinstance(control, type):
        hint = (" Fix: mark each control on its own: [acts_later(c) for c in controls]."
                if isinstance(control, (list, tuple, dict)) else
                " Fix: pass a control such as w.FloatSlider(...) or slider(...).")
        raise TypeError(f"acts_later: expected control to be an ipywidgets control, got "
                        f"{_describe(control)}.{hint}")
    control.add_class(ACTS_LATER)
    return control


def slider(description: str, value: float, min: float, max: float, step: float = 0.1,
           **kw) -> w.FloatSlider:
    """A float slider in the course's style (wide enough to read its label).

    Introduced in notebooks/01_the_neuron.
    """
    where = "slider"
    _one_line(description, "description", where)
    low = number_in(min, "min", where)
    high = number_in(max, "max", where)
    if not low < high:
        raise ValueError(f"{where}: expected min < max, got min={low:g} and max={high:g}. "
                         "Fix: swap them, or widen the range.")
    value = number_in(value, "value", where, low=low, high=high)
    step = number_in(step, "step", where, low=0, high=high - low, low_open=True)
    known_names(kw, ("readout_format", "disabled", "readout", "orientation", "tooltip"), where)
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
        self.epochs = positive_int(epochs, "epochs", "LossCurve")
        _one_line(title, "title", "LossCurve")
        redraws = positive_int(redraws, "redraws", "LossCurve")
        self.every = max(1, self.epochs // redraws)
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
        train_loss, val_loss = _losses(history, "LossCurve.update")
        epochs = np.arange(1, len(train_loss) + 1)
        self.train_line.set_data(epochs, train_loss)
        self.val_line.set_data(epochs[:len(val_loss)], val_loss)
        top = max([*train_loss, *val_loss, 1e-3])
        self.ax.set_ylim(0, 1.1 * top)

    def callback(self, epoch, history, model) -> bool:
        """For ``fit(callback=...)``: redraw every few epochs; never asks to stop."""
        epoch = positive_int(epoch, "epoch", "LossCurve.callback")
        if epoch % self.every == 0 or epoch == self.epochs:
            self.update(history)
            self.image.value = to_png(self.fig)
            if epoch == self.epochs and self._handle is not None:
                data, metadata = self._bundle()
                self._handle.update(data, metadata=metadata, raw=True)
        return False


def _losses(history, where: str):
    """(train_loss, val_loss) of a `train.History` (or a dict with those keys), checked: lists
    of finite numbers, no more validation losses than training ones."""
    get = history.get if isinstance(history, dict) else (lambda k: getattr(history, k, None))
    train_loss, val_loss = get("train_loss"), get("val_loss")
    if train_loss is None or isinstance(history, (list, tuple, np.ndarray, str)):
        raise TypeError(f"{where}: expected history to be a train.History (what fit returns, "
                        f"with .train_loss and .val_loss), got {_describe(history)}. Fix: pass "
                        "the history, e.g. curve.update(fit(...)).")
    val_loss = [] if val_loss is None else val_loss
    out = []
    for name, losses in (("train_loss", train_loss), ("val_loss", val_loss)):
        try:
            arr = np.asarray(losses, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"{where}: expected history.{name} to be a list of numbers (one loss "
                            f"per epoch), got {_describe(losses)}.") from None
        if arr.ndim != 1:
            raise ValueError(f"{where}: expected history.{name} to be one loss per epoch (a flat "
                             f"list), got shape {arr.shape}.")
        if not np.all(np.isfinite(arr)):
            first = int(np.flatnonzero(~np.isfinite(arr))[0]) + 1
            what = "NaN" if np.isnan(arr[first - 1]) else "infinite"
            raise NotFiniteError(f"{where}: the {name.replace('_', ' ')} became {what} at epoch "
                                 f"{first}: the training diverged (the weights blew up). Fix: "
                                 "lower the learning rate (try lr / 10) and train again.")
        out.append(arr)
    if len(out[1]) > len(out[0]):
        raise ValueError(f"{where}: history has {len(out[1])} validation losses but only "
                         f"{len(out[0])} training losses; there is one of each per epoch.")
    return out[0].tolist(), out[1].tolist()
