"""Every public name, every argument, ten kinds of bad value: an error in words or a result,
never a raw error from numpy, matplotlib or Python, and never a warning.

The tables (tests/test_errors*.py) check chosen cases and their words; this test sweeps
what nobody listed, and covers a new public name the day it is written. For each function or
class defined in a helpers module or lesson module (as tests/test_errors_cover.py finds
them), each argument in turn gets each value of BAD while the other required arguments get
a plain array. A call may return (many bad values are still valid somewhere, e.g. -1 as a
weight) or raise; if it raises, the error must come from a `raise` in helpers (a check that
was written on purpose), with a message of more than a few words.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import traceback
import warnings
from pathlib import Path

import numpy as np
import pytest
from test_errors_cover import public_objects

HELPERS = Path(__file__).resolve().parents[1] / "helpers"
BAD = {"None": None, "text": "abc", "empty list": [], "NaN": float("nan"),
       "empty array": np.zeros((0,)), "3-D array": np.ones((2, 2, 2)), "object": object(),
       "-1": -1, "a class": dict, "1e308": 1e308}
OTHERS = np.ones((4, 2))  # what the other required arguments get


def _from_a_check(error: BaseException) -> bool:
    """True when the innermost frame is a `raise` statement in helpers/."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return False
    last = frames[-1]
    return Path(last.filename).resolve().is_relative_to(HELPERS) and "raise" in (last.line or "")


def _calls():
    for qualname, obj in public_objects():
        try:
            sig = inspect.signature(obj)
        except (TypeError, ValueError):
            continue
        params = [p for p in sig.parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
                  and p.name != "self" and not p.name.startswith("_")]
        required = [p for p in params if p.default is p.empty]
        for p in params:
            yield qualname, obj, p, required


CALLS = list(_calls())


@pytest.mark.parametrize("qualname, obj, param, required", CALLS,
                         ids=[f"{c[0]}({c[2].name})" for c in CALLS])
def test_bad_values_get_words_not_raw_errors(qualname, obj, param, required):
    raw = []
    for label, bad in BAD.items():
        kwargs = {q.name: OTHERS for q in required if q.name != param.name}
        kwargs[param.name] = bad
        with warnings.catch_warnings(record=True) as caught, \
                contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("always")
            try:
                obj(**kwargs)
            except Exception as e:  # noqa: BLE001  (any error is judged below)
                if not (_from_a_check(e) and len(str(e)) > 20):
                    raw.append(f"{label}: {type(e).__name__}: {str(e)[:150]}")
        raw += [f"{label}: warning: {w.message}" for w in caught]
    assert not raw, f"{qualname}({param.name}=...) answered without words:\n" + "\n".join(raw)
