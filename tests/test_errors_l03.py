"""Errors that teach, for lesson 03's new interactives (XorHiddenSpace, ReluHinges).

Each `update(**values)` is checked against its own controls: a value outside a slider's range,
NaN, a value of the wrong kind, a dropdown option spelt differently and an unknown name are
refused in words. One table, as in tests/test_errors_interactive.py (see tests/_errors.py).
"""

from __future__ import annotations

import functools

from _errors import bad_input_test

from helpers.lessons import l03_layers as l03

NAN = float("nan")


@functools.cache
def xor_space():
    return l03.XorHiddenSpace()


@functools.cache
def hinges():
    return l03.ReluHinges()


CASES = [
    ("XorHiddenSpace.update weight too big", lambda: xor_space().update(w11=5.0), ValueError,
     r"expected w11 in \[-3, 3\] \(the slider's range\), got 5"),
    ("XorHiddenSpace.update bias NaN", lambda: xor_space().update(b2=NAN), ValueError,
     r"b2 to be a finite number"),
    ("XorHiddenSpace.update weight as text", lambda: xor_space().update(w21="1"), TypeError,
     r"w21 to be a number in \[-3, 3\].*got str '1'"),
    ("XorHiddenSpace.update activation case", lambda: xor_space().update(activation="Sigmoid"), ValueError,
     r"Did you mean 'sigmoid'\?"),
    ("XorHiddenSpace.update activation relu", lambda: xor_space().update(activation="relu"), ValueError,
     r"activation must be one of 'step', 'sigmoid'"),
    ("XorHiddenSpace.update misspelt", lambda: xor_space().update(w_11=1.0), TypeError,
     r"unknown name 'w_11'.*w11"),
    ("XorHiddenSpace.update None", lambda: xor_space().update(b1=None), TypeError, r"b1 .*got None"),
    ("XorHiddenSpace.update too many by position", lambda: xor_space().update(*range(8)), TypeError,
     r"got 8 value\(s\) by position but takes at most 7"),
    ("ReluHinges.update position outside", lambda: hinges().update(at2=3.5), ValueError,
     r"expected at2 in \[-3, 3\] \(the slider's range\), got 3.5"),
    ("ReluHinges.update slope NaN", lambda: hinges().update(slope1=NAN), ValueError,
     r"slope1 to be a finite number"),
    ("ReluHinges.update target case", lambda: hinges().update(target="Sine"), ValueError,
     r"Did you mean 'sine'\?"),
    ("ReluHinges.update target unknown", lambda: hinges().update(target="cosine"), ValueError,
     r"target must be one of 'bump', 'sine'"),
    ("ReluHinges.update fifth hinge", lambda: hinges().update(at5=0.0), TypeError,
     r"unknown name 'at5'"),
    ("ReluHinges.update slope as list", lambda: hinges().update(slope3=[0.5]), TypeError,
     r"slope3 to be a number"),
    ("ReluHinges.update twice", lambda: hinges().update("bump", target="sine"), TypeError,
     r"got two values for target"),
]

test_bad_input_raises_an_error_that_teaches = bad_input_test(CASES)
