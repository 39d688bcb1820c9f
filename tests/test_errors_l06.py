"""Bad input for lesson 06's new public names (see tests/_errors.py): LayerWires.update."""

from __future__ import annotations

import numpy as np
from _errors import bad_input_test

from helpers.lessons import l06_backprop as l06


def wires():
    return l06.LayerWires()


CASES = [
    ("LayerWires.update i -1", lambda: wires().update(i=-1), ValueError, r"expected i in \[0, 1\].*got -1"),
    ("LayerWires.update j 3", lambda: wires().update(j=3), ValueError, r"expected j in \[0, 2\].*got 3"),
    ("LayerWires.update fraction", lambda: wires().update(i=0.5), ValueError, r"whole number"),
    ("LayerWires.update string", lambda: wires().update(j="1"), TypeError, r"whole number.*got str"),
    ("LayerWires.update None", lambda: wires().update(i=None), TypeError, r"got None"),
    ("LayerWires.update nan", lambda: wires().update(j=np.nan), ValueError, r"finite number"),
    ("LayerWires.update misspelt", lambda: wires().update(k=1), TypeError, r"\bj\b"),
    ("LayerWires.update too many by position", lambda: wires().update(0, 1, 2), TypeError,
     r"at most 2"),
]

test_bad_input_raises_an_error_that_teaches = bad_input_test(CASES)
