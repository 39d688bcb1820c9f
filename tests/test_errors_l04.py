"""Errors that teach for lesson 04's new public names: ActivationDepth and DigitForwardPass.

One table, as in tests/test_errors.py: (case id, a call that must fail, the exception type,
words the message must contain). The objects are built once and shared: a refused update
changes nothing.
"""

from __future__ import annotations

import functools

import numpy as np
from _errors import bad_input_test

from helpers import layers
from helpers.lessons import l04_forward_pass as l04

NAN = float("nan")
RANGE = r"expected {} in \[{}\].*got {}"


@functools.cache
def depth():
    return l04.ActivationDepth()


@functools.cache
def digits():
    return l04.DigitForwardPass()


@functools.cache
def parts():
    return l04.digit_network()


CASES = [
    ("ActivationDepth seed string", lambda: l04.ActivationDepth("0"), TypeError, r"seed to be a whole number"),
    ("ActivationDepth seed negative", lambda: l04.ActivationDepth(-1), ValueError, r"seed.*>= 0"),
    ("ActivationDepth seed fraction", lambda: l04.ActivationDepth(1.5), TypeError, r"whole number"),
    ("ActivationDepth.update scale 0", lambda: depth().update(scale=0.0), ValueError,
     RANGE.format("scale", "0.25, 4", "0.0")),
    ("ActivationDepth.update scale 10", lambda: depth().update(scale=10.0), ValueError, r"scale in \[0\.25, 4\]"),
    ("ActivationDepth.update scale nan", lambda: depth().update(scale=NAN), ValueError, r"finite number"),
    ("ActivationDepth.update scale text", lambda: depth().update(scale="1"), TypeError, r"scale to be a number"),
    ("ActivationDepth.update activation sigmoid", lambda: depth().update(activation="sigmoid"), ValueError,
     r"activation.*'tanh', 'relu'"),
    ("ActivationDepth.update activation case", lambda: depth().update(activation="ReLU"), ValueError,
     r"Did you mean 'relu'\?"),
    ("ActivationDepth.update misspelt", lambda: depth().update(scal=1.0), TypeError, r"Did you mean 'scale'\?"),
    ("DigitForwardPass string", lambda: l04.DigitForwardPass("net"), TypeError,
     r"DigitForwardPass: expected model to be a layers\.Sequential.*str 'net'"),
    ("DigitForwardPass two hidden layers", lambda: l04.DigitForwardPass(layers.mlp([64, 8, 8, 10]), *parts()[1:]),
     ValueError, r"Dense, ReLU, Dense.*got Dense, ReLU, Dense, ReLU, Dense"),
    ("DigitForwardPass wrong widths", lambda: l04.DigitForwardPass(layers.mlp([2, 4, 3]), *parts()[1:]),
     ValueError, r"64 inputs and 10 scores, got a network 2 → 4 → 3"),
    ("DigitForwardPass model without data", lambda: l04.DigitForwardPass(parts()[0]), TypeError,
     r"also pass X \(N, 64\) and y"),
    ("DigitForwardPass X 8x8", lambda: l04.DigitForwardPass(parts()[0], np.zeros((3, 8, 8)), [1, 2, 3]),
     ValueError, r"expected X of shape \(N, 64\), got \(3, 8, 8\)"),
    ("DigitForwardPass labels 10", lambda: l04.DigitForwardPass(parts()[0], np.zeros((2, 64)), [3, 10]),
     ValueError, r"labels must be in 0\.\.9 for 10 classes"),
    ("DigitForwardPass no digits", lambda: l04.DigitForwardPass(parts()[0], np.zeros((0, 64)), []),
     ValueError, r"X is empty"),
    ("DigitForwardPass nan pixels", lambda: l04.DigitForwardPass(parts()[0], np.full((1, 64), NAN), [1]),
     ValueError, r"NaN"),
    ("DigitForwardPass.update index 400", lambda: digits().update(index=400), ValueError,
     RANGE.format("index", "0, 358", "400")),
    ("DigitForwardPass.update index fraction", lambda: digits().update(index=1.5), ValueError, r"index=2"),
    ("DigitForwardPass.update misspelt", lambda: digits().update(idx=3), TypeError, r"Did you mean 'index'\?"),
]

test_bad_input_raises_an_error_that_teaches = bad_input_test(CASES)
