"""The shared runner of the bad-input tables (tests/test_errors*.py).

Each table is a list CASES of (case id, a call that must fail, the exception type, a regex the
message must match). The case id starts with the public name it tests, written as it is
reached from `helpers` ("Dense.forward ...", "plots.scatter_classes ...",
"l03_layers.RandomNetworks.update ..."), so tests/test_errors_cover.py can count the cases of
every public name. `bad_input_test(CASES)` makes the parametrized test: the call must raise
that type with those words in one readable message, and no warning may escape.
"""

from __future__ import annotations

import warnings

import pytest


def bad_input_test(cases):
    @pytest.mark.parametrize("call, exc, words", [c[1:] for c in cases], ids=[c[0] for c in cases])
    def test_bad_input_raises_an_error_that_teaches(call, exc, words):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a warning on the way is a failure too
            with pytest.raises(exc, match=words) as info:
                call()
        message = str(info.value)
        assert len(message) > 20, f"too short to teach: {message!r}"
        assert "\n" not in message.strip(), f"one readable paragraph, not a dump: {message!r}"
        assert "Traceback" not in message

    return test_bad_input_raises_an_error_that_teaches
