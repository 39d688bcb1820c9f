"""Lesson 09's own tools: its interactives and its exercise checkers.

Introduced in notebooks/09_capstone_handwriting. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import copy
import functools
import warnings

import ipywidgets as w
import numpy as np

from .. import data, layers, plots, train
from ..checks import Feedback, as_numbers, call, correct, fmt, wrong
from ..plots import freeze_layout
from ..validate import _describe, as_array, number_in, positive_int
from ..widgets import Interactive, View

# --- interactives ---

def digit_probabilities(model, image, scale: float = 16.0) -> np.ndarray:
    """What a digits network reads from one image: its 10 probabilities, shape (10,).

    ``image`` holds 64 ink counts 0..16 (shape (64,) or (8, 8)); it is divided by ``scale``
    (the network was trained on X / 16) and passed through ``model`` and softmax. The drawing
    pad and the check of ``predict_digit`` both read digits this way.
    Introduced in notebooks/09_capstone_handwriting.
    """
    where = "digit_probabilities"
    _check_model(model, where)
    image = as_array(image, "image", where)
    if image.size != 64:
        raise ValueError(f"{where}: expected image to hold 64 ink counts (shape (8, 8) or (64,)), "
                         f"got shape {image.shape}. Fix: reduce a drawing with "
                         "drawing.to_digit_features first.")
    scale = number_in(scale, "scale", where, low=0, low_open=True)
    with np.errstate(all="ignore"):
        scores = model.forward(image.reshape(1, 64) / scale)
    if np.shape(scores) != (1, 10):
        raise ValueError(f"{where}: expected the model to give 10 scores for one image, shape "
                         f"(1, 10), got {np.shape(scores)}. Fix: a digits network ends in 10 "
                         "outputs, e.g. layers.mlp([64, 32, 10]).")
    return layers.softmax(scores)[0]


def _a(digit: int) -> str:
    """The digit with its article: "an 8", "a 5"."""
    return f"{'an' if int(digit) == 8 else 'a'} {int(digit)}"


def _check_model(model, where: str) -> None:
    """A network has a forward method (and is not the class itself)."""
    if isinstance(model, type) or not callable(getattr(model, "forward", None)):
        raise TypeError(f"{where}: expected model to be a trained network with a forward method "
                        f"(such as layers.mlp([64, 32, 10]) after fit), got {_describe(model)}.")


class DigitPad(Interactive):
    """Draw a digit with the mouse; watch what the network sees and how sure it is.

    The headless core: ``strokes`` (a list of strokes, each a list of (x, y) points on the
    256×256 pad), ``pen_down(x, y)``, ``pen_move(x, y)``, ``pen_up()``, ``clear()``,
    ``update() -> dict`` and ``png()``. ``widget()`` wires an ``ipycanvas.Canvas`` (a normal
    <canvas> element of fixed size, CSS class ``digit-pad``) and a Clear button to them.

    The drawing is reduced as closely as we can to the way the data set was made
    (helpers.drawing): drawn with a pen whose width follows the drawing's size
    (``pen_fraction`` of its longer side: thick, like the strokes in the data set, though
    drawings still come out with less ink), cropped, fitted into 32×32 keeping its shape,
    centred, counted in 4×4 blocks. A drawing less than ``MIN_EXTENT`` pixels across (a
    click, a tiny scribble) is not read: the pad asks for a bigger digit. The figure shows
    the 32×32 bitmap, the 8×8 counts the network reads, and its ten probabilities. While the
    mouse moves, the picture is redrawn at most every ``throttle`` seconds; lifting the pen
    always redraws.

    Introduced in notebooks/09_capstone_handwriting.
    """

    MIN_EXTENT = 10.0  # pixels: a smaller drawing would be blown up into a solid square

    def __init__(self, model, size: int = 256, line_width: float = 18.0,
                 pen_fraction: float = 0.15, throttle: float = 0.1):
        where = "DigitPad"
        _check_model(model, where)
        size = positive_int(size, "size (pixels)", where, minimum=32)
        if size > 2048:
            raise ValueError(f"{where}: size={size} pixels is bigger than any screen; use at most "
                             "2048 (the lesson uses 256).")
        line_width = number_in(line_width, "line_width", where, low=0, high=size, low_open=True)
        pen_fraction = number_in(pen_fraction, "pen_fraction", where, low=0, high=1, low_open=True)
        throttle = number_in(throttle, "throttle (seconds)", where, low=0, high=10)
        try:  # one blank image: the network must read 64 numbers and give 10 scores
            digit_probabilities(model, np.zeros(64))
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"DigitPad: the model cannot read a digit (64 ink counts in, 10 "
                            f"scores out): {exc}") from None
        self.model, self.size = model, size
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

    def extent(self) -> float:
        """The longer side of the box around the drawing, in pad pixels (0 for an empty pad)."""
        pts = [p for s in self.strokes for p in s]
        if not pts:
            return 0.0
        pts = np.asarray(pts)
        return float(np.max(pts.max(axis=0) - pts.min(axis=0)))

    def features(self):
        """The drawing as 64 ink counts 0..16, plus the 32×32 bitmap; (None, None) for an
        empty pad, a drawing entirely off the pad or one under MIN_EXTENT pixels across."""
        from .. import drawing

        extent = self.extent()
        if extent < self.MIN_EXTENT:
            return None, None
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
            if self.strokes and self.extent() < self.MIN_EXTENT:
                self.title.set_text("Too small: draw a bigger digit")
                return {"message": "draw a digit (bigger)"}
            self.title.set_text("Draw a digit on the pad")
            return {"message": "draw a digit"}
        p = digit_probabilities(self.model, counts)
        guess = int(p.argmax())
        self.bitmap_im.set_data(bitmap)
        self.digit_im.set_data(counts.reshape(8, 8))
        for k, bar in enumerate(self.bars):
            bar.set_height(p[k])
            bar.set_color(plots.PALETTE["green"] if k == guess else plots.PALETTE["sky"])
        self.title.set_text(f"I read {_a(guess)} ({p[guess]:.0%} sure)")
        return {"guess": guess, "probability": f"{p[guess]:.1%}", "probs": p}

    def readout(self, result: dict) -> str:
        if "guess" not in result:
            if "bigger" in result.get("message", ""):
                return ("Too small to read: clear, then draw a digit bigger, filling most of the "
                        "white square.")
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


# --- exercise checkers ---

# The lesson's own network, trained the way the notebook trains it (64 → 128 → 10, Adam
# lr=0.01, 30 epochs of batches of 32, seed 0), for a check cell run without `model`.
RECIPE = "layers.mlp([64, 128, 10], seed=0), Adam lr=0.01, 30 epochs, batches of 32"
SEVEN_STROKES = [[(60, 60), (170, 60), (100, 200)]]  # the drawn 7 of the notebook


@functools.lru_cache(maxsize=1)
def _split():
    """(X_test, y_test) and X: the lesson's split (X / 16, stratified, seed 0) and the raw counts."""
    X, y = data.load_digits()
    (X_train, y_train), (X_val, y_val), (X_test, y_test) = data.stratified_split(X / 16, y, seed=0)
    return {"X": X, "X_train": X_train, "y_train": y_train, "X_val": X_val, "y_val": y_val,
            "X_test": X_test, "y_test": y_test}


@functools.lru_cache(maxsize=1)
def _lesson_weights() -> dict:
    """The weights of the lesson's network, trained once by RECIPE (about 0.3 s)."""
    from .. import losses, optim

    d = _split()
    net = layers.mlp([64, 128, 10], seed=0)
    train.fit(net, losses.SoftmaxCrossEntropy(), optim.Adam(net, lr=0.01), d["X_train"],
              d["y_train"], epochs=30, batch_size=32, val=(d["X_val"], d["y_val"]), seed=0)
    return {k: v.copy() for k, v in net.params.items()}


def _lesson_model():
    """A fresh copy of the lesson's trained network (see RECIPE)."""
    net = layers.mlp([64, 128, 10], seed=0)
    for k, v in _lesson_weights().items():
        net.params[k][...] = v
    return net


def _model_for_check(model, where: str):
    """(the network to judge with, None), or (None, Feedback) when `model` cannot read digits."""
    if model is None:
        return _lesson_model(), None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            p = digit_probabilities(model, np.zeros(64))
        if not np.all(np.isfinite(p)):
            raise ValueError("its ten probabilities for a blank image are not finite numbers")
    except Exception as exc:  # anything the learner put in `model`: say it in words
        return None, Feedback("error", f"`{where}` needs the network you trained above as its "
                              f"second argument, `{where}(..., model)`; this one cannot read a "
                              f"digit: {exc}")
    return model, None


@functools.lru_cache(maxsize=1)
def _seven_counts() -> np.ndarray:
    """The drawn 7 of the notebook as 64 ink counts, made the way the notebook makes it."""
    from .. import drawing

    pts = np.concatenate([np.asarray(s, float) for s in SEVEN_STROKES])
    pen = 0.15 * float(np.ptp(pts, axis=0).max())
    return drawing.to_digit_features(drawing.strokes_to_image(SEVEN_STROKES, 256, pen))


def _digit_cases(model) -> list:
    """(where the learner saw it, 8×8 counts 0..16) for check_predict_digit: digits the lesson
    shows, read by `model`: X[0], the drawn 7, and the first digit of the mistakes gallery."""
    d = _split()
    cases = [("X[0], the first digit in the grid at the top", d["X"][0].reshape(8, 8).copy()),
             ('the drawn 7 of "Does the result look like the real thing?"',
              _seven_counts().reshape(8, 8).copy())]
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        read = layers.softmax(model.forward(d["X_test"])).argmax(axis=1)
    wrong_idx = np.flatnonzero(read != d["y_test"])
    if wrong_idx.size:
        i = wrong_idx[0]
        cases.append((f'the first digit of the gallery "Every test mistake", {_a(d["y_test"][i])}',
                      (d["X_test"][i] * 16).reshape(8, 8)))
    return cases


def _predict_reference(model, image, scale: float = 16.0, soft: bool = True):
    """(digit, probability) as `predict_digit` should give; soft=False: the biggest raw score."""
    p = (digit_probabilities(model, image, scale) if soft
         else model.forward(np.asarray(image, dtype=float).reshape(1, 64) / scale)[0])
    return int(np.argmax(p)), float(np.max(p))


def check_predict_digit(fn, model=None) -> Feedback:
    """Check predict_digit(model, image8x8) -> (digit, probability) against the lesson's network.

    ``model`` is the network the notebook trained (the check cell passes it), so every number
    in the feedback is what that network says about digits the lesson shows: X[0], the drawn
    7 and the first digit of the mistakes gallery. Without ``model`` the check trains the same
    network the same way (see RECIPE). The learner's function gets a copy of the network.

    Introduced in notebooks/09_capstone_handwriting.
    """
    name = getattr(fn, "__name__", "predict_digit")
    model, problem = _model_for_check(model, "lesson.check_predict_digit")
    if problem is not None:
        return problem
    cases = _digit_cases(model)
    seen = []
    for label, image in cases:
        want_d, want_p = _predict_reference(model, image)
        got, problem = call(fn, copy.deepcopy(model), image.copy())
        if problem is not None:
            if problem.status == "error" and "got (8, 8)" in problem.message:
                return Feedback("error", f"{problem.message}\nHint: the network reads rows of 64 "
                                "numbers, not an 8×8 square: pass it image.reshape(1, 64) / 16.")
            return problem
        on = (f"for {label} (the network reads it as {want_d}, with probability {want_p:.4f})")
        if isinstance(got, np.ndarray) and got.size == 10:
            return wrong(f"`{name}` returned all ten numbers {on}.",
                         "pick the biggest: digit = int(np.argmax(p)), probability = float(p[digit]); "
                         "return digit, probability.")
        pair, problem = as_numbers(got, name, 2, "a pair (digit, probability)", returned=True,
                                   on=" " + on, hint="end with `return digit, probability`.")
        if problem is not None:
            return problem
        d_f, p_f = pair
        if 0 <= d_f <= 1 and p_f == int(p_f) and p_f != want_p and int(p_f) == want_d:
            return wrong(f"`{name}` returned ({fmt(d_f)}, {fmt(p_f)}) {on}: the two are swapped.",
                         "return the digit first, then the probability.")
        if d_f != int(d_f) or not 0 <= d_f <= 9:
            return wrong(f"`{name}` returned {fmt(d_f)} as the digit {on}; a digit is a whole "
                         "number 0..9.", "the digit is the position of the biggest probability: "
                         "int(np.argmax(p)).")
        if _same_answer((want_d, want_p), d_f, p_f):
            seen.append(f"{want_d} ({want_p:.1%})")
            continue
        if _same_answer(_predict_reference(model, image, scale=1.0), d_f, p_f):
            return wrong(f"`{name}` returned ({int(d_f)}, {p_f:.4f}) {on}. That is what the network "
                         "says for the raw ink counts 0..16.",
                         "divide the image by 16 first: the network was trained on X / 16.")
        if _same_answer(_predict_reference(model, image, soft=False), d_f, p_f):
            return wrong(f"`{name}` returned ({int(d_f)}, {p_f:.4f}) {on}. That is the biggest raw "
                         "score, not a probability.",
                         "turn scores into probabilities with layers.softmax(scores).")
        if int(d_f) == want_d and _rounded(p_f, want_p):
            return wrong(f"`{name}` returned ({int(d_f)}, {fmt(p_f)}) {on}: the right digit, "
                         "but the probability is rounded.",
                         "return the probability unrounded, float(p[digit]); round only when "
                         "you print it.")
        if not 0 <= p_f <= 1:
            return wrong(f"`{name}` returned {p_f:.4g} as the probability {on}; a probability "
                         "lies between 0 and 1.", "use layers.softmax on the network's scores.")
        return wrong(f"`{name}` returned ({int(d_f)}, {p_f:.4f}) {on}.",
                     "reshape the 8×8 image to one row of 64, divide by 16, run model.forward, "
                     "then softmax and take the biggest.")
    return correct(f"Correct! `{name}` reads {', '.join(seen[:-1])} and {seen[-1]}: the same "
                   "answers as the network you trained, for X[0], the drawn 7 and the first "
                   "digit of the mistakes gallery. This is all the drawing pad does after "
                   "reducing your drawing to 8×8.")


def _rounded(got: float, want: float) -> bool:
    """True when `got` is `want` rounded to 1..5 decimals."""
    return any(np.isclose(got, round(want, k), rtol=0, atol=1e-9) for k in range(1, 6))


def _same_answer(ref: tuple, digit: float, prob: float) -> bool:
    """True when (digit, prob) is the answer `ref` = (digit, probability) gives."""
    return int(digit) == ref[0] and bool(np.isclose(prob, ref[1], atol=1e-6))


def _confusion_cases():
    rng = np.random.default_rng(9)
    t = rng.integers(0, 10, 60)
    p = np.where(rng.random(60) < 0.7, t, rng.integers(0, 10, 60))
    return [(np.array([0, 1, 2, 2, 1, 0]), np.array([0, 2, 2, 1, 1, 1]), 3),
            (np.array([0, 1, 1, 2]), np.array([0, 1, 2, 2]), 4),  # class 3 never appears
            (t, p, 10)]


def check_confusion_matrix(fn) -> Feedback:
    """Check confusion_matrix(y_true, y_pred, n_classes) -> (C, C) counts, rows = true class.

    Introduced in notebooks/09_capstone_handwriting.
    """

    name = getattr(fn, "__name__", "confusion_matrix")
    for t, p, c in _confusion_cases():
        args = (t.copy(), p.copy(), c)
        got, problem = call(fn, *args)
        if problem is not None:
            return problem
        want = train.confusion_matrix(t, p, c)
        on = f"y_true={fmt(t)}, y_pred={fmt(p)}, n_classes={c}"
        g, problem = as_numbers(got, name, what=f"a {c}×{c} array of counts", returned=True,
                                on=f" for {on}")
        if problem is not None:
            return problem
        if g.shape != want.shape:
            hint = ("make it np.zeros((n_classes, n_classes)): a class can be missing from the "
                    "labels, so the largest label does not tell the size." if g.ndim == 2 else
                    "start from cm = np.zeros((n_classes, n_classes), dtype=int).")
            return wrong(f"`{name}` returned shape {g.shape} for {on}; expected {want.shape}.", hint)
        if np.array_equal(g, want):
            continue
        if np.array_equal(g, want.T):
            return wrong(f"`{name}` returned the matrix flipped (rows and columns swapped) for {on}.",
                         "rows are the true digits and columns the predictions: cm[true, pred] += 1.")
        rows = want.sum(axis=1, keepdims=True)
        if np.allclose(g, np.divide(want, rows, out=np.zeros_like(want, dtype=float), where=rows > 0)):
            return wrong(f"`{name}` returned fractions for {on}; expected counts.",
                         "count the pairs; do not divide by the row totals.")
        if np.array_equal(g, (want > 0).astype(float)):
            return wrong(f"`{name}` counted each (true, predicted) pair at most once for {on}. "
                         "With arrays, cm[y_true, y_pred] += 1 adds 1 only once to a cell, "
                         "even when that pair occurs many times.",
                         "walk through the pairs with a loop, or use np.add.at(cm, (y_true, y_pred), 1).")
        if g.sum() != want.sum():
            return wrong(f"`{name}` counted {g.sum():g} pairs for {on}; there are {want.sum()}.",
                         "add 1 to one cell for every (true, predicted) pair.")
        return wrong(f"`{name}` returned\n{fmt(g.astype(int))}\nfor {on}; expected\n{fmt(want)}.",
                     "for t, q in zip(y_true, y_pred): cm[t, q] += 1.")
    return correct(f"Correct! `{name}` matches on all {len(_confusion_cases())} cases: rows are "
                   "true digits, columns what the network read.")


def _batch_cases() -> list:
    """(how the message names it, rows of X scaled 0..1) for check_read_batch."""
    X = _split()["X_test"]
    return [("X_test[:10]", X[:10]), (f"all {len(X)} test images X_test", X),
            ("X_test[:1], one image", X[:1])]


def check_read_batch(fn, model=None) -> Feedback:
    """Check read_batch(model, X) -> (N,) digits, the fixed version of the lesson's buggy reader.

    ``X`` holds N rows of 64 numbers scaled like X / 16. The reference is the lesson's
    network (``model``, passed by the check cell; without it the check trains the same
    network the same way, see RECIPE): the digit with the biggest probability in each row.
    The cases: the ten images the buggy version read (X_test[:10]), all test images, one image.

    Introduced in notebooks/09_capstone_handwriting.
    """
    name = getattr(fn, "__name__", "read_batch")
    model, problem = _model_for_check(model, "lesson.check_read_batch")
    if problem is not None:
        return problem
    for label, X in _batch_cases():
        n = len(X)
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            probs = layers.softmax(model.forward(X))
            twice = layers.softmax(model.forward(X / 16)).argmax(axis=1)
        want = probs.argmax(axis=1)
        got, problem = call(fn, copy.deepcopy(model), X.copy())
        if problem is not None:
            return problem
        on = f"for {label}"
        g, problem = as_numbers(got, name, None, f"{n} digits, one per image", returned=True,
                                on=" " + on)
        if problem is not None:
            return problem
        if g.shape == probs.shape and np.allclose(g, probs, atol=1e-6):
            return wrong(f"`{name}` returned the whole table of probabilities, shape {g.shape}, "
                         f"{on}; expected {n} digits, shape ({n},).",
                         "pick the biggest probability in each row: probs.argmax(axis=1).")
        if g.shape == (10,) and np.array_equal(g, probs.argmax(axis=0)) and (n != 10 or not np.array_equal(g, want)):
            return wrong(f"`{name}` returned {fmt(g.astype(int))} {on}: still the bug. "
                         f"probs has shape ({n}, 10), one row per image and one column per "
                         "digit; argmax(axis=0) runs down each column, so it gives, for each "
                         "digit 0..9, the position of the image most like it: ten image "
                         f"numbers, whatever N is (here N = {n}).",
                         "take the biggest along each row instead: axis=1 (or axis=-1).")
        if g.ndim == 0 or g.size == 1 and n > 1:
            v = float(g.ravel()[0])
            shown, where = fmt(g), ""
            if v == int(v):
                shown = str(int(v))
                if 0 <= v < n * 10:
                    row, col = divmod(int(v), 10)
                    where = (f" (here {int(v)} is row {row}, column {col} of the ({n}, 10) "
                             "table, counted as one flat list)")
            return wrong(f"`{name}` returned one number, {shown}, {on}; expected {n} digits, "
                         "one per image.", "np.argmax without an axis treats the whole table "
                         f"as one long list{where}: give it axis=1.")
        if g.shape == (n,) and np.allclose(g, probs.max(axis=1), atol=1e-6) and not np.array_equal(g, want):
            return wrong(f"`{name}` returned the biggest probabilities {on}, not the digits.",
                         "argmax gives the position of the biggest value (the digit); max gives "
                         "the value itself.")
        if g.size == n and g.shape != (n,) and np.array_equal(g.ravel(), want):
            return wrong(f"`{name}` returned the right digits {on}, but in shape {g.shape}; "
                         f"expected a flat array of shape ({n},), like y_test.",
                         "drop keepdims=True, or end with .ravel().")
        if g.shape != (n,):
            return wrong(f"`{name}` returned shape {g.shape} {on}; expected ({n},), one digit "
                         "per image.", "probs = layers.softmax(model.forward(X)) has shape "
                         "(N, 10); its argmax along axis=1 has shape (N,).")
        if np.array_equal(g, want):
            continue
        if np.array_equal(g, twice) and not np.array_equal(twice, want):
            return wrong(f"`{name}` divided X by 16 {on}: X_test is already scaled to 0..1 "
                         "(it was made from X / 16), so the network saw inputs 16 times too "
                         "faint.", "pass X to model.forward as it is.")
        bad = np.flatnonzero(g != want)
        shown = g.astype(int) if np.all(g == np.round(g)) else g
        return wrong(f"`{name}` returned {fmt(shown[:12])}{' ...' if n > 12 else ''} {on}; expected "
                     f"{fmt(want[:12])}{' ...' if n > 12 else ''}: {len(bad)} of {n} differ "
                     f"(the first at image {bad[0]}).",
                     "scores = model.forward(X), probs = layers.softmax(scores), then the "
                     "biggest in each row: probs.argmax(axis=1).")
    return correct(f"Correct! `{name}` reads every row: on all {len(_split()['y_test'])} test "
                   "images it gives the same digits as train.predict. The bug hid because ten "
                   "images make a 10 × 10 table, so the wrong axis gave an answer of the "
                   "right length.")
