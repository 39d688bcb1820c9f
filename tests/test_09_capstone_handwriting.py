"""Lesson 09: the drawing reduction (helpers/drawing.py), the drawing pad, and the checkers."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import data, drawing, layers, losses, optim, plots, train
from helpers.lessons import l09_capstone_handwriting as lesson

# --- synthetic drawings: strokes on a 256×256 pad (x right, y down) ---

VERTICAL = [[(128, 40), (128, 216)]]
SEVEN = [[(60, 60), (170, 60), (100, 200)]]


def circle(cx=128, cy=128, r=80, n=60):
    t = np.linspace(0, 2 * np.pi, n)
    return [np.c_[cx + r * np.cos(t), cy + r * np.sin(t)]]


def features(strokes, pen=20.0):
    return drawing.to_digit_features(drawing.strokes_to_image(strokes, 256, pen))


@pytest.fixture(scope="module")
def digit_model():
    X, y = data.load_digits()
    (Xtr, ytr), (Xva, yva), _ = data.stratified_split(X / 16, y, seed=0)
    model = layers.mlp([64, 128, 10], seed=0)
    train.fit(model, losses.SoftmaxCrossEntropy(), optim.Adam(model, lr=0.01), Xtr, ytr,
              epochs=30, batch_size=32, val=(Xva, yva), seed=0)
    return model


# --- strokes_to_image ---

def test_strokes_to_image_draws_a_line_of_pen_width():
    img = drawing.strokes_to_image(VERTICAL, size=256, pen=10)
    assert img.shape == (256, 256) and set(np.unique(img)) == {0.0, 1.0}
    row = img[128]
    assert row.sum() == 10 and row[123:133].all()           # 10 px wide around x = 128
    assert img[:, 128].sum() == pytest.approx(176 + 10, abs=2)  # the length plus the round caps


def test_a_single_point_is_a_dot_and_points_off_the_pad_are_clipped():
    dot = drawing.strokes_to_image([[(50, 50)]], pen=10)
    assert 60 < dot.sum() < 100                              # about pi * 5²
    off = drawing.strokes_to_image([[(-50, 128), (300, 128)]], pen=4)
    assert off[128].all() and off.sum() == 4 * 256


@pytest.mark.parametrize("bad, match", [
    (np.array([[0, 0], [10, 10]]), "list of strokes"),
    ([[1, 2, 3]], "list of \\(x, y\\) points"),
    ([[(0, 0), (np.nan, 3)]], "NaN"),
])
def test_strokes_to_image_teaches_on_bad_strokes(bad, match):
    with pytest.raises((TypeError, ValueError), match=match):
        drawing.strokes_to_image(bad)


def test_strokes_to_image_rejects_bad_pen_and_size():
    with pytest.raises(ValueError, match="pen"):
        drawing.strokes_to_image(VERTICAL, pen=0)
    with pytest.raises(TypeError, match="size"):
        drawing.strokes_to_image(VERTICAL, size=25.5)


# --- the UCI reduction ---

def test_vertical_line_reduces_to_a_centred_column_of_high_counts():
    f = features(VERTICAL, pen=0.15 * 176).reshape(8, 8)    # the pad's pen for this size
    middle = f[:, 3] + f[:, 4]                              # the line sits on x = 16 of 32
    assert np.all(middle >= 12) and np.all(f[:, 3] == f[:, 4])  # every row, symmetric
    assert f[:, :3].sum() == 0 and f[:, 5:].sum() == 0      # nothing anywhere else
    assert f.max() <= 16 and f.min() >= 0


def test_circle_reduces_to_a_ring():
    f = features(circle()).reshape(8, 8)
    ring = np.r_[f[0, 2:6], f[7, 2:6], f[2:6, 0], f[2:6, 7]]
    assert ring.mean() > 8                                   # ink all round the edge
    assert f[3:5, 3:5].sum() == 0                            # a hole in the middle


def test_reduction_ignores_where_and_how_big_the_digit_was_drawn():
    base = features(SEVEN, pen=20)
    moved = features([[(x - 40, y + 30) for x, y in SEVEN[0]]], pen=20)
    np.testing.assert_array_equal(base, moved)              # translation: exactly the same
    half = features([[(x / 2, y / 2) for x, y in SEVEN[0]]], pen=10)
    assert np.abs(half - base).mean() < 1.0                 # scale (pen scaled too): nearly the same
    assert abs(half.sum() - base.sum()) < 0.1 * base.sum()


def test_total_ink_is_like_the_data_set():
    X, _ = data.load_digits()
    low, high = np.percentile(X.sum(axis=1), [1, 99])
    ink = features(circle(), pen=0.15 * 160).sum()          # the pad's pen: 0.15 × the drawing's size
    assert low <= ink <= high
    assert features(VERTICAL).sum() < ink                   # a line has less ink than a ring


def test_block_counts_counts_and_keeps_row_order():
    bm = np.zeros((32, 32))
    bm[0:4, 28:32] = 1                                      # top-right block full
    bm[4, 0] = 1                                            # one pixel in row-block 1, column-block 0
    f = drawing.block_counts(bm)
    assert f.shape == (64,) and f[7] == 16 and f[8] == 1 and f.sum() == 17


def test_normalise_bitmap_fits_and_centres():
    img = np.zeros((100, 100))
    img[10:30, 70:80] = 1                                   # a 20×10 block of ink, off centre
    bm = drawing.normalise_bitmap(img)
    rows, cols = np.flatnonzero(bm.any(axis=1)), np.flatnonzero(bm.any(axis=0))
    assert (rows[0], rows[-1]) == (0, 31)                   # the longer side fills 32
    assert len(cols) == 16 and cols[0] == 8                 # the shape is kept, centred


@pytest.mark.parametrize("bad, match", [
    (np.zeros((256, 256)), "no ink.*Draw a digit"),
    (np.full((8, 8), 16.0), "0 \\(paper\\) to 1 \\(ink\\)"),
    (np.ones(64), "shape"),
    ("a picture", "numbers"),
])
def test_to_digit_features_teaches_on_bad_images(bad, match):
    with pytest.raises((TypeError, ValueError), match=match):
        drawing.to_digit_features(bad)


def test_a_drawn_one_and_seven_are_read_correctly(digit_model):
    for strokes, digit in (([[(130, 40), (126, 200)]], 1), (SEVEN, 7)):
        pts = np.concatenate([np.asarray(s, float) for s in strokes])
        f = features(strokes, pen=0.15 * np.ptp(pts, axis=0).max())
        p = layers.softmax(digit_model.forward(f[None] / 16))[0]
        assert p.argmax() == digit and p.max() > 0.9


# --- the pad ---

def test_pad_starts_empty_and_says_draw_a_digit(digit_model):
    pad = lesson.DigitPad(digit_model)
    assert pad.update() == {"message": "draw a digit"}
    assert "Draw a digit" in pad.readout(pad.update())
    assert pad.png()[:4] == b"\x89PNG"


def test_pad_reads_a_stroke_and_clears(digit_model):
    pad = lesson.DigitPad(digit_model)
    pad.pen_down(130, 40)
    for y in range(50, 210, 10):
        assert pad.pen_move(129, y)
    pad.pen_up()
    assert not pad.pen_move(10, 10)                          # pen up: moves draw nothing
    result = pad.update()
    assert result["guess"] == 1 and np.isclose(result["probs"].sum(), 1)
    assert np.all(np.isfinite(result["probs"]))
    pad.clear()
    assert pad.update() == {"message": "draw a digit"}


def test_pad_handles_a_dot_and_strokes_off_the_pad(digit_model):
    pad = lesson.DigitPad(digit_model)
    pad.pen_down(10, 10)
    pad.pen_up()
    # a single click is not blown up into a solid square read as a digit: it asks for more
    assert pad.update() == {"message": "draw a digit (bigger)"}
    assert "bigger" in pad.readout(pad.update()) and "bigger" in pad.title.get_text()
    pad.clear()
    pad.pen_down(100, 100)
    pad.pen_move(106, 104)                                   # a tiny scribble, 6 px across
    pad.pen_up()
    assert pad.update() == {"message": "draw a digit (bigger)"}
    pad.pen_down(100, 130)
    pad.pen_move(100, 200)                                   # now big enough to read
    pad.pen_up()
    assert "guess" in pad.update()
    pad.clear()
    pad.pen_down(-100, -100)
    pad.pen_move(-50, -80)
    assert pad.update() == {"message": "draw a digit"}       # entirely outside the pad


def test_pad_title_says_an_8(digit_model, monkeypatch):
    pad = lesson.DigitPad(digit_model)
    pad.pen_down(130, 40)
    pad.pen_move(129, 200)
    pad.pen_up()
    monkeypatch.setattr(lesson, "digit_probabilities", lambda m, c: np.eye(10)[8])
    pad.update()
    assert pad.title.get_text() == "I read an 8 (100% sure)"
    monkeypatch.setattr(lesson, "digit_probabilities", lambda m, c: np.eye(10)[5])
    pad.update()
    assert pad.title.get_text() == "I read a 5 (100% sure)"
    assert lesson._a(8) == "an 8" and lesson._a(1) == "a 1"


def test_pad_widget_wires_mouse_events(digit_model):
    pad = lesson.DigitPad(digit_model, throttle=0.0)
    box = pad.widget()
    ui = pad.ui
    assert "digit-pad" in ui["canvas"]._dom_classes
    assert ui["canvas"].width == 256 and ui["canvas"].layout.width == "256px"
    before = ui["image"].value
    ui["down"](130, 40)
    for y in range(50, 210, 20):
        ui["move"](129, y)
    ui["up"](129, 210)
    assert ui["image"].value != before and "guess</b>: 1" in ui["text"].value
    ui["clear"].click()
    assert ui["image"].value == before and pad.strokes == []
    assert box.children


# --- confusion matrix helpers ---

def test_confusion_matrix_and_its_plot():
    cm = train.confusion_matrix([0, 1, 2, 2], [0, 2, 2, 2], 4)
    assert cm.shape == (4, 4) and cm[2, 2] == 2 and cm[1, 2] == 1 and cm.sum() == 4
    fig = plots.plot_confusion(cm)
    assert fig.axes[0].get_xlabel().startswith("digit the network read")
    with pytest.raises(ValueError, match="labels must be in 0..3"):
        train.confusion_matrix([0, 5], [0, 1], 4)


# --- checkers: wrong answers get useful feedback ---

def _predict_ok(model, image):
    p = layers.softmax(model.forward(np.asarray(image, float).reshape(1, 64) / 16))[0]
    return int(p.argmax()), float(p.max())


def test_the_pad_and_the_check_read_digits_the_same_way(digit_model):
    pad = lesson.DigitPad(digit_model)
    for y in range(40, 210, 10):
        (pad.pen_down if y == 40 else pad.pen_move)(130, y)
    pad.pen_up()
    counts, _ = pad.features()
    p = lesson.digit_probabilities(digit_model, counts.reshape(8, 8))
    assert p.shape == (10,) and np.isclose(p.sum(), 1)
    assert np.array_equal(p, pad.update()["probs"])


def test_check_predict_digit_accepts_the_solution(digit_model):
    assert lesson.check_predict_digit(_predict_ok).status == "correct"
    assert lesson.check_predict_digit(_predict_ok, digit_model).status == "correct"


def test_check_predict_digit_quotes_the_lessons_own_network(digit_model):
    """The feedback's numbers are what the notebook's network printed (the drawn 7: 99.9 %,
    the gallery's first mistake: read 5, 66 %), never those of another, weaker network."""
    fb = lesson.check_predict_digit(_predict_ok, digit_model)
    assert "0 (100.0%), 7 (99.9%) and 5 (66.3%)" in fb.message, fb.message
    fb = lesson.check_predict_digit(lambda m, im: _predict_ok(m, np.asarray(im) * 16), digit_model)
    assert fb.status == "wrong" and "drawn 7" in fb.message and "0.9993" in fb.message, fb.message
    fb = lesson.check_predict_digit(lambda m, im: (5, 0.5), digit_model)
    assert "X[0]" in fb.message and "reads it as 0" in fb.message, fb.message
    # without `model`, the check trains the lesson's network itself: the same answers
    assert lesson.check_predict_digit(_predict_ok).message == \
        lesson.check_predict_digit(_predict_ok, digit_model).message


def test_check_predict_digit_hands_out_a_copy_of_the_network(digit_model):
    before = {k: v.copy() for k, v in digit_model.params.items()}

    def scribbles(model, image):
        for v in model.params.values():
            v[...] = 0
        return _predict_ok(model, image)

    lesson.check_predict_digit(scribbles, digit_model)
    assert all(np.array_equal(digit_model.params[k], v) for k, v in before.items())


@pytest.mark.parametrize("check, fn", [(lesson.check_predict_digit, _predict_ok),
                                       (lesson.check_read_batch, lambda m, X: X[:, 0])])
@pytest.mark.parametrize("model", ["model", None.__class__, lambda: 0], ids=["text", "a class", "a function"])
def test_checks_say_when_the_model_argument_is_not_a_network(check, fn, model):
    fb = check(fn, model)
    assert fb.status == "error" and "the network you trained above" in fb.message, fb.message


def test_checks_say_when_the_network_does_not_read_digits():
    fb = lesson.check_read_batch(lambda m, X: X[:, 0], layers.mlp([64, 3]))
    assert fb.status == "error" and "10 scores" in fb.message, fb.message


@pytest.mark.parametrize("fn, status, words", [
    (lambda m, im: _predict_ok(m, np.asarray(im) * 16), "wrong", "divide the image by 16"),
    (lambda m, im: (int(m.forward(im.reshape(1, 64) / 16).argmax()),
                    float(m.forward(im.reshape(1, 64) / 16).max())), "wrong", "softmax"),
    (lambda m, im: layers.softmax(m.forward(im.reshape(1, 64) / 16))[0], "wrong", "all ten"),
    (lambda m, im: _predict_ok(m, im)[::-1], "wrong", "swapped"),
    (lambda m, im: _predict_ok(m, im)[0], "wrong", "pair"),
    (lambda m, im: m.forward(im / 16), "error", "raised ValueError"),
    (lambda m, im: m.forward(im / 16), "error", "image.reshape(1, 64)"),
    (lambda m, im: (_predict_ok(m, im)[0], round(_predict_ok(m, im)[1], 3)), "wrong",
     "return the probability unrounded"),
    (lambda m, im: (_predict_ok(m, im)[0], round(_predict_ok(m, im)[1], 4)), "wrong", "rounded"),
    (lambda m, im: [_predict_ok(m, im)] and None, "wrong", "forget `return`"),
])
def test_check_predict_digit_explains_mistakes(fn, status, words):
    fb = lesson.check_predict_digit(fn)
    assert fb.status == status and words in fb.message, fb.message


def test_check_predict_digit_stub_is_not_done():
    def predict_digit(model, image):
        """stub"""
        ...
    assert lesson.check_predict_digit(predict_digit).status == "not done"


def _cm_ok(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1
    return cm


def _fancy_plus_equals(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=int)
    cm[y_true, y_pred] += 1  # a repeated pair is counted once only
    return cm


def test_check_confusion_matrix_accepts_the_solution():
    assert lesson.check_confusion_matrix(_cm_ok).status == "correct"


@pytest.mark.parametrize("fn, words", [
    (lambda t, p, c: _cm_ok(t, p, c).T, "flipped"),
    (lambda t, p, c: _cm_ok(t, p, c) / np.maximum(_cm_ok(t, p, c).sum(1, keepdims=True), 1), "fractions"),
    (lambda t, p, c: _cm_ok(t, p, max(max(t), max(p)) + 1), "a class can be missing"),
    (lambda t, p, c: _cm_ok(t[1:], p[1:], c), "counted"),
    (lambda t, p, c: np.eye(c, dtype=int) * 0 + _cm_ok(p, p, c), "expected"),
    (lambda t, p, c: _fancy_plus_equals(t, p, c), "at most once"),
])
def test_check_confusion_matrix_explains_mistakes(fn, words):
    fb = lesson.check_confusion_matrix(fn)
    assert fb.status == "wrong" and words in fb.message, fb.message


@pytest.mark.parametrize("check, fn, words", [
    (lesson.check_predict_digit, lambda m, im: ("3", 0.9), "returned text"),
    (lesson.check_predict_digit, lambda m, im: (3, float("nan")), "NaN"),
    (lesson.check_confusion_matrix, lambda t, p, c: [["1"] * c] * c, "returned text"),
    (lesson.check_confusion_matrix, lambda t, p, c: {"counts": 0}, "a dict"),
])
def test_answers_that_are_not_numbers_say_what_came(check, fn, words):
    fb = check(fn)
    assert fb.status == "wrong" and words in fb.message, fb.message


# --- exercise 3: the batch reader with argmax along the wrong axis ---

def _probs(m, X):
    return layers.softmax(m.forward(X))


def test_check_read_batch_accepts_the_solution(digit_model):
    fb = lesson.check_read_batch(lambda m, X: _probs(m, X).argmax(axis=1), digit_model)
    assert fb.status == "correct" and "269 test images" in fb.message, fb.message
    assert lesson.check_read_batch(lambda m, X: train.predict(m, X)).status == "correct"
    assert lesson.check_read_batch(lambda m, X: m.forward(X).argmax(axis=-1)).status == "correct"


@pytest.mark.parametrize("fn, words", [
    (lambda m, X: _probs(m, X).argmax(axis=0), "still the bug"),
    (lambda m, X: _probs(m, X), "whole table of probabilities"),
    (lambda m, X: _probs(m, X).argmax(), "one number"),
    (lambda m, X: _probs(m, X).max(axis=1), "biggest probabilities"),
    (lambda m, X: _probs(m, X).argmax(axis=1, keepdims=True), "shape (10, 1)"),
    (lambda m, X: _probs(m, X / 16).argmax(axis=1), "divided X by 16"),
    (lambda m, X: _probs(m, X).argmax(axis=1)[::-1], "10 of 10 differ"),
    (lambda m, X: _probs(m, X).argmax(axis=1)[:10], "shape (10,) for all 269"),
])
def test_check_read_batch_explains_mistakes(digit_model, fn, words):
    fb = lesson.check_read_batch(fn, digit_model)
    assert fb.status == "wrong" and words in fb.message, fb.message


def test_check_read_batch_explains_the_axis_on_the_buggy_function(digit_model):
    fb = lesson.check_read_batch(lambda m, X: _probs(m, X).argmax(axis=0), digit_model)
    assert "X_test[:10]" in fb.message and "shape (10, 10)" in fb.message and "axis=1" in fb.message


def test_check_read_batch_names_the_flat_position_as_a_whole_number(digit_model):
    fb = lesson.check_read_batch(lambda m, X: _probs(m, X).argmax(), digit_model)
    flat = int(_probs(digit_model, data.stratified_split(*data.load_digits(), seed=0)[2][0][:10]
                      / 16).argmax())
    row, col = divmod(flat, 10)
    assert f"one number, {flat}, for" in fb.message, fb.message
    assert f"row {row}, column {col}" in fb.message and f"{flat}." not in fb.message, fb.message


def test_check_read_batch_stub_is_not_done():
    def read_batch(model, X):
        """stub"""
        ...
    assert lesson.check_read_batch(read_batch).status == "not done"
