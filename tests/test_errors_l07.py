"""Errors that teach: bad input to lesson 07's new interactives (StepSize, MomentumStep)."""

from __future__ import annotations

from _errors import bad_input_test

from helpers.lessons import l07_optimizers as l07

CASES = [
    ("StepSize curvature 0", lambda: l07.StepSize(curvature=0), ValueError,
     r"curvature in \[0\.5, 4\]"),
    ("StepSize lr too big", lambda: l07.StepSize(lr=3), ValueError, r"lr in \[0\.05, 1\.5\]"),
    ("StepSize lr text", lambda: l07.StepSize(lr="0.5"), TypeError, r"lr to be a number"),
    ("StepSize.update unknown name", lambda: l07.StepSize().update(c=2), TypeError,
     r"curvature"),
    ("StepSize.update nan", lambda: l07.StepSize().update(lr=float("nan")), ValueError,
     r"finite number"),
    ("StepSize.update positional", lambda: l07.StepSize().update(2.0, 0.5, 1), TypeError,
     r"at most 2"),
    ("MomentumStep beta 1", lambda: l07.MomentumStep(beta=1.0), ValueError,
     r"beta in \[0, 0\.95\]"),
    ("MomentumStep lr 0", lambda: l07.MomentumStep(lr=0), ValueError, r"lr in \[0\.01, 0\.1\]"),
    ("MomentumStep beta None", lambda: l07.MomentumStep(beta=None), TypeError, r"got None"),
    ("MomentumStep.update unknown name", lambda: l07.MomentumStep().update(momentum=0.9),
     TypeError, r"beta"),
    ("MomentumStep.update inf", lambda: l07.MomentumStep().update(lr=float("inf")), ValueError,
     r"finite number"),
    ("MomentumStep.update list", lambda: l07.MomentumStep().update(beta=[0.9]), TypeError,
     r"one number"),
]

test_bad_input = bad_input_test(CASES)
