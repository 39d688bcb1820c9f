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
