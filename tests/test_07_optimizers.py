"""Lesson 07 (optimizers): the test surfaces, the race, its widget and the checkers."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import optim, surfaces
from helpers.gradcheck import numerical_gradient
from helpers.lessons import l07_optimizers as lesson


@pytest.mark.parametrize("name", list(surfaces.SURFACES))
def test_surface_gradients_match_numerical(name):
    s = surfaces.SURFACES[name]
    p = np.array([0.3, -0.7])
    num = numerical_gradient(lambda q: s.loss(q), p)
    assert np.allclose(s.grad(p), num, atol=1e-6)
    assert s.loss(np.array(s.minimum)) == pytest.approx(0.0)


@pytest.mark.parametrize("name", list(surfaces.SURFACES))
@pytest.mark.parametrize("lr", [0.001, 0.01, 0.05])
@pytest.mark.parametrize("beta", [0.0, 0.9])
def test_fast_race_matches_the_optimizer_classes(name, lr, beta):
    fast = surfaces.race(name, lr, beta, 120)
    for opt in surfaces.OPTIMIZER_NAMES:
        slow = surfaces.descend(name, opt, lr, beta, 120)
        assert fast[opt]["diverged_at"] == slow["diverged_at"]
        assert np.allclose(fast[opt]["path"], slow["path"], rtol=1e-9, atol=1e-12)


def test_race_reports_divergence_in_words():
    out = surfaces.race("bowl", 10.0, 0.9, 300)
    assert surfaces.describe(out["SGD"]) == "diverged at step 3"
    assert out["SGD"]["path"].shape == (3, 2)  # start + two finite steps
    assert all(np.all(np.isfinite(r["losses"])) for r in out.values())


def test_descend_uses_helpers_optim():
    run = surfaces.descend("ravine", "momentum", 0.05, 0.9, 3)
    p = np.array(surfaces.RAVINE.start)
    opt = optim.SGD({"p": p}, lr=0.05, momentum=0.9)
    for _ in range(3):
        opt.step({"p": surfaces.RAVINE.grad(p)})
    assert np.allclose(run["path"][-1], p)


def test_bad_inputs_teach():
    with pytest.raises(ValueError, match="surface must be one of"):
        surfaces.race("hill", 0.1)
    with pytest.raises(ValueError, match="lr"):
        surfaces.descend("bowl", "SGD", lr=-1)
    with pytest.raises(ValueError, match="name must be one of"):
        surfaces.make_optimizer("lion", {"p": np.zeros(2)}, 0.1)


@pytest.fixture(scope="module")
def race_widget():
    d = lesson.OptimizerRace()
    d.widget()
    return d


@pytest.mark.parametrize("surface", list(surfaces.SURFACES))
@pytest.mark.parametrize("lr", [1e-3, 10.0])
@pytest.mark.parametrize("beta", [0.0, 0.99])
@pytest.mark.parametrize("steps", [10, 300])
def test_race_widget_extremes(race_widget, surface, lr, beta, steps):
    out = race_widget.update(surface=surface, lr=lr, beta=beta, steps=steps)
    assert set(out) == set(surfaces.OPTIMIZER_NAMES)
    for text in out.values():
        assert text.startswith("final loss") or text.startswith("diverged at step")
        assert "nan" not in text.lower() and "inf" not in text.lower()
    if lr == 10.0:
        assert any(t.startswith("diverged at step") for t in out.values())
    assert race_widget.png()[:4] == b"\x89PNG"


def test_race_widget_controls_drive_it(race_widget):
    ui = race_widget.ui
    ui["controls"]["lr"].value = 10.0
    assert "diverged at step" in ui["text"].value
    ui["controls"]["surface"].value = "banana"
    ui["controls"]["steps"].value = 10
    ui["controls"]["beta"].value = 0.0
    ui["controls"]["lr"].value = 0.001
    assert "diverged" not in ui["text"].value
    assert ui["image"].value[:4] == b"\x89PNG"


# --- checkers ---

def test_sgd_checker():
    assert lesson.check_sgd_step(lambda p, g, lr: p - lr * g).status == "correct"

    def sgd_step(p, grad, lr):
        ...
    assert lesson.check_sgd_step(sgd_step).status == "not done"
    for fn, words in [(lambda p, g, lr: p + lr * g, "Wrong sign"),
                      (lambda p, g, lr: p - g, "forgot the learning rate"),
                      (lambda p, g, lr: -lr * g, "step itself"),
                      (lambda p, g, lr: p - 2 * lr * g, "expected")]:
        fb = lesson.check_sgd_step(fn)
        assert fb.status == "wrong" and words in fb.message, fb.message


def momentum_ok(p, g, v, lr, beta):
    v = beta * v + g
    return p - lr * v, v


def test_momentum_checker_accepts_reference_and_stub():
    assert lesson.check_momentum_step(momentum_ok).status == "correct"

    def momentum_step(p, grad, v, lr, beta):
        ...
    assert lesson.check_momentum_step(momentum_step).status == "not done"


def _old_v(p, g, v, lr, beta):
    return p - lr * v, beta * v + g


def _ema(p, g, v, lr, beta):
    v = beta * v + (1 - beta) * g
    return p - lr * v, v


def _step_as_v(p, g, v, lr, beta):
    v = beta * v - lr * g
    return p + v, v


@pytest.mark.parametrize("fn, words", [
    (_old_v, "old v"),
    (_ema, "averaging form"),
    (_step_as_v, "your v is the step"),
    (lambda p, g, v, lr, beta: (p + lr * (beta * v + g), beta * v + g), "wrong sign"),
    (lambda p, g, v, lr, beta: (p - (beta * v + g), beta * v + g), "forgot the learning rate"),
    (lambda p, g, v, lr, beta: (p - lr * (beta * v + g), v), "unchanged"),
    (lambda p, g, v, lr, beta: (p - lr * g, beta * v + g), "plain gradient"),
    (lambda p, g, v, lr, beta: p - lr * g, "two arrays"),
    (lambda p, g, v, lr, beta: (beta * v + g, p - lr * (beta * v + g)), "swapped"),
])
def test_momentum_checker_names_mistakes(fn, words):
    fb = lesson.check_momentum_step(fn)
    assert fb.status == "wrong" and words in fb.message, fb.message


@pytest.mark.parametrize("check, fn, words", [
    (lesson.check_sgd_step, lambda p, g, lr: "p - lr * g", "returned text"),
    (lesson.check_sgd_step, lambda p, g, lr: (p - lr * g)[:2], "shape (2,)"),
    (lesson.check_momentum_step, lambda p, g, v, lr, beta: (p - lr * (beta * v + g), None), "None"),
    (lesson.check_momentum_step, lambda p, g, v, lr, beta: (p[:2], beta * v + g), "at step 1"),
])
def test_answers_that_are_not_numbers_say_what_came(check, fn, words):
    fb = check(fn)
    assert fb.status == "wrong" and words in fb.message, fb.message


# --- step size made exact ---

@pytest.fixture(scope="module")
def step_widget():
    d = lesson.StepSize()
    d.widget()
    return d


@pytest.mark.parametrize("c, lr, verdict", [
    (2.0, 0.25, "converges smoothly"), (2.0, 0.5, "one step"), (2.0, 0.75, "flips sides"),
    (2.0, 1.0, "bounces"), (2.0, 1.05, "diverges"), (4.0, 0.5, "bounces"), (0.5, 1.5, "smoothly"),
])
def test_step_size_verdict_follows_the_factor(step_widget, c, lr, verdict):
    out = step_widget.update(curvature=c, lr=lr)
    assert out["factor"] == pytest.approx(1 - lr * c, abs=1e-3)
    assert out["limit 2/c"] == pytest.approx(2 / c, abs=1e-3)
    assert verdict in out["verdict"]
    assert step_widget.png()[:4] == b"\x89PNG"


def test_step_size_controls_drive_it(step_widget):
    ui = step_widget.ui
    ui["controls"]["curvature"].value = 2.0
    ui["controls"]["lr"].value = 0.25
    first = ui["image"].value
    assert "0.50" in ui["text"].value and "2/c = 1.00" in ui["text"].value
    ui["controls"]["lr"].value = 1.2  # past 2/c = 1: the readout says it diverges
    assert "diverges" in ui["text"].value and ui["image"].value != first
    ui["controls"]["curvature"].value = 0.5  # a gentler bowl: the same rate is safe again
    assert "converges" in ui["text"].value and "2/c = 4.00" in ui["text"].value
    w_line = step_widget.wline.get_ydata()
    assert np.all(np.abs(w_line) <= 2.5) and abs(w_line[-1]) < abs(w_line[0])


def test_step_size_draws_the_exact_iterates(step_widget):
    step_widget.update(curvature=2.0, lr=0.75)
    w = step_widget.wline.get_ydata()
    assert np.allclose(w[:4], 2.5 * (-0.5) ** np.arange(4))
    step_widget.update(curvature=4.0, lr=1.5)  # factor -5: cut once far outside, never inf
    w = step_widget.wline.get_ydata()
    assert np.all(np.isfinite(w)) and len(w) < lesson.StepSize.STEPS + 1
    assert "off the chart" in step_widget.note.get_text()


def test_momentum_step_reaches_lr_over_one_minus_beta():
    d = lesson.MomentumStep()
    d.widget()
    ui = d.ui
    ui["controls"]["beta"].value = 0.9
    ui["controls"]["lr"].value = 0.05
    assert "= 0.5</b>" in ui["text"].value and "(10 × lr)" in ui["text"].value
    steps = d.mom.get_ydata()
    assert steps[-1] == pytest.approx(0.05 * d.SLOPE / 0.1, rel=0.01)  # 60 steps: 0.9**60 ≈ 0.002
    first = ui["image"].value
    ui["controls"]["beta"].value = 0.0  # no momentum: the same as plain SGD
    assert "(1 × lr)" in ui["text"].value and "after 1 step" in ui["text"].value
    assert np.allclose(d.mom.get_ydata(), d.plain.get_ydata()) and ui["image"].value != first
    ui["controls"]["lr"].value = 0.1  # the learning rate scales every step
    assert np.allclose(d.plain.get_ydata(), 0.1 * d.SLOPE)


def test_momentum_step_run_up():
    out = lesson.MomentumStep().update(lr=0.05, beta=0.9)
    assert out["steps to 95 %"] == 29  # 0.9**29 = 0.047 < 0.05 < 0.9**28
    assert out["effective lr"] == pytest.approx(0.5)


# --- exercises 3 and 4: reasoning ---

@pytest.mark.parametrize("value, status, words", [
    (0.4, "correct", "2/c = 0.4"), (None, "not done", "my_lr_limit"),
    (0.8, "wrong", "c = 5"), (0.2, "wrong", "one step"), (10, "wrong", "not times c"),
    (0.1, "wrong", "too careful"), (0.5, "wrong", "too large"), (0.3, "wrong", "too small"),
    ("0.4", "wrong", "text"),
])
def test_lr_limit_checker(value, status, words):
    fb = lesson.check_lr_limit(value)
    assert fb.status == status and words in fb.message, fb.message


@pytest.mark.parametrize("value, status, words", [
    (0.75, "correct", "w = 0.75"), (None, "not done", "my_w3"),
    (-0.375, "wrong", "distance to it, w − 1"), (1.25, "wrong", "negative number"),
    (1.03125, "wrong", "c = 5"), (0.0, "wrong", "one step"), (1.5, "wrong", "two steps"),
    (1.125, "wrong", "four steps"), (2.0, "wrong", "not w after three steps"),
])
def test_three_steps_checker(value, status, words):
    fb = lesson.check_three_steps(value)
    assert fb.status == status and words in fb.message, fb.message


def test_three_steps_answer_is_what_gradient_descent_gives():
    w = lesson.THREE_STEPS["w0"]
    for _ in range(3):
        w -= lesson.THREE_STEPS["lr"] * 2 * lesson.BOWL_A * (w - lesson.BOWL_BOTTOM)
    assert lesson.check_three_steps(w).status == "correct"
    # and the limit: just below it converges, just above it diverges
    for lr, grows in ((0.399, False), (0.401, True)):
        w = 3.0
        for _ in range(2000):
            w -= lr * 2 * lesson.BOWL_A * (w - 1)
        assert (abs(w - 1) > 2) == grows


# --- wave 2 of issue 13: plain words, honest axes, the momentum limit ---

@pytest.mark.parametrize("fn, words", [
    (lambda p, g, v, lr, beta: (p - 0.5 * lr * (beta * v + g), beta * v + g),
     "At step 1: your new p is ["),
    (lambda p, g, v, lr, beta: (p - lr * (beta * v + g), 2 * (beta * v + g)),
     "At step 1: your new v is ["),
])
def test_momentum_checker_says_your_p_and_expected(fn, words):
    fb = lesson.check_momentum_step(fn)
    assert fb.status == "wrong" and words in fb.message and "expected [" in fb.message, fb.message
    assert "returned" not in fb.message


@pytest.mark.parametrize("value, words", [(-0.4, "positive; check the sign"), (0, "never moves")])
def test_lr_limit_checker_sign(value, words):
    fb = lesson.check_lr_limit(value)
    assert fb.status == "wrong" and words in fb.message, fb.message


def test_three_steps_checker_names_section_ones_factor():
    fb = lesson.check_three_steps(1 + 2 * (1 - 2 * 0.3) ** 3)  # 1.128: the factor 1 − 2η of c = 2
    assert fb.status == "wrong" and "section 1's factor" in fb.message, fb.message


@pytest.mark.parametrize("c", [0.5, 1.0, 2.0, 2.9, 3.5, 4.0])
def test_step_size_keeps_the_bowl_and_its_start_on_the_chart(c):
    d = lesson.StepSize(curvature=c, lr=0.1)
    d.update(curvature=c, lr=0.1)
    top = d.ax.get_ylim()[1]
    assert top >= 0.5 * c * d.W_LIM ** 2  # the whole bowl, and so the start, fits
    assert top <= 0.5 * c * d.W_LIM ** 2 * 2.2 + 1  # and a gentle bowl is not squashed flat
    d.png()
    fig_box = d.fig.bbox
    for ax in d.fig.axes:  # no axis label or tick label is cut off by the figure's edge
        for text in [ax.yaxis.label, *ax.get_yticklabels()]:
            if text.get_visible() and text.get_text():
                box = text.get_window_extent()
                assert box.x0 >= fig_box.x0 - 0.5, (c, text.get_text())


def test_step_size_redraws_its_axis_only_when_the_top_changes():
    d = lesson.StepSize(curvature=1.0, lr=0.2)
    d.update(curvature=1.0, lr=0.2)
    key = d.still_key()
    d.update(curvature=1.0, lr=0.7)
    assert d.still_key() == key  # the learning rate never changes the axis
    d.update(curvature=4.0, lr=0.2)
    assert d.still_key() != key


@pytest.mark.parametrize("surface", list(surfaces.SURFACES))
def test_race_labels_are_inside_the_figure(race_widget, surface):
    race_widget.update(surface=surface)
    race_widget.png()
    ax, _ = race_widget.panels[surface]
    for text in [ax.yaxis.label, *ax.get_yticklabels()]:
        if text.get_text():
            assert text.get_window_extent().x0 >= race_widget.fig.bbox.x0 - 0.5, text.get_text()


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9])
def test_momentum_is_stable_up_to_two_times_one_plus_beta_over_c(beta):
    """The text of section 4: on a bowl, momentum's limit is 2(1 + β)/c, not 2/c shrunk."""
    c = 2.0
    limit = 2 * (1 + beta) / c
    for factor, diverges in ((0.98, False), (1.02, True)):
        p = np.array([1.0])
        opt = optim.SGD({"p": p}, lr=factor * limit, momentum=beta)
        for _ in range(3000):
            opt.step({"p": c * p})
            if abs(p[0]) > 1e6:
                break
        assert (abs(p[0]) > 1e6) == diverges, (beta, factor, p)
