"""Errors that teach in helpers.checks and helpers.feedback, the tools a lesson's checkers are
built from.

A learner never meets these errors: whatever a learner's function does, a checker answers with
a Feedback (tests/test_checkers_survive.py). The arguments below are the course author's (a
checker that passes no test cases, a status that does not exist, a time limit of 0): those are
refused in words, as a TypeError or ValueError that says what was expected.

One table: (case id, a call that must fail, the exception type, words the message must contain).
"""

import math

import numpy as np
import pytest
from _errors import bad_input_test

from helpers import checks, feedback


def square(x):
    return x * x


@pytest.fixture(autouse=True)
def default_settings(monkeypatch):
    """Each case that changes a setting does it through `setting`; put them back after it."""
    monkeypatch.setattr(checks, "TIME_LIMIT", checks.TIME_LIMIT)
    monkeypatch.setattr(checks, "PRINT_LINES", checks.PRINT_LINES)


def setting(name, value):
    """Set checks.<name> (put back by the fixture), then call a function through checks.call."""
    def run():
        setattr(checks, name, value)
        return checks.call(square, 2.0)
    return run


CASES = [
    # --- checks.filled_in (a course author's arguments) ---
    ("checks.filled_in keys text", lambda: checks.filled_in({}, "W2", "p"), TypeError,
     r"checks\.filled_in: expected keys to be the names.*str 'W2'"),
    ("checks.filled_in keys None", lambda: checks.filled_in({}, None, "p"), TypeError, r"keys.*None"),
    ("checks.filled_in keys empty", lambda: checks.filled_in({}, [], "p"), ValueError, r"one or more names"),
    ("checks.filled_in keys numbers", lambda: checks.filled_in({}, [1, 2], "p"), ValueError, r"one or more names"),
    ("checks.filled_in name None", lambda: checks.filled_in({}, ["a"], None), TypeError, r"expected name to be text"),
    ("checks.filled_in name empty", lambda: checks.filled_in({}, ["a"], ""), ValueError, r"name is empty"),
    ("checks.filled_in fill number", lambda: checks.filled_in({}, ["a"], "p", 3), TypeError, r"expected fill to be text"),
    # --- checks.as_numbers ---
    ("checks.as_numbers name None", lambda: checks.as_numbers(1.0, None), TypeError, r"checks\.as_numbers: expected name to be text.*None"),
    ("checks.as_numbers shape string", lambda: checks.as_numbers(1.0, "x", shape="3"), TypeError,
     r"expected shape to be None \(any shape\), \(\) \(one number\).*str '3'"),
    ("checks.as_numbers shape 0", lambda: checks.as_numbers(1.0, "x", shape=0), ValueError, r"shape >= 1, got 0"),
    ("checks.as_numbers shape negative size", lambda: checks.as_numbers(1.0, "x", shape=(2, -1)), TypeError, r"tuple of sizes"),
    ("checks.as_numbers limit 0", lambda: checks.as_numbers(1.0, "x", limit=0), ValueError, r"limit in \(0, inf\]"),
    ("checks.as_numbers limit nan", lambda: checks.as_numbers(1.0, "x", limit=math.nan), ValueError, r"limit in .*got nan"),
    ("checks.as_numbers finite text", lambda: checks.as_numbers(1.0, "x", finite="yes"), TypeError, r"finite to be True or False"),
    ("checks.as_numbers hint number", lambda: checks.as_numbers(1.0, "x", hint=3), TypeError, r"hint to be text.*int 3"),
    # --- checks.call ---
    ("checks.call no function", lambda: checks.call(), TypeError, r"checks\.call: expected the learner's function first.*no function"),
    ("checks.call keywords", lambda: checks.call(square, x=2.0), TypeError, r"by position only.*keyword\(s\) x"),
    ("checks.call TIME_LIMIT 0", setting("TIME_LIMIT", 0), ValueError, r"TIME_LIMIT to be more than 0 seconds.*got 0"),
    ("checks.call TIME_LIMIT string", setting("TIME_LIMIT", "10"), TypeError, r"TIME_LIMIT to be a number of seconds.*str '10'"),
    ("checks.call TIME_LIMIT None", setting("TIME_LIMIT", None), TypeError, r"TIME_LIMIT.*None"),
    ("checks.call TIME_LIMIT nan", setting("TIME_LIMIT", math.nan), ValueError, r"TIME_LIMIT to be more than 0.*nan"),
    ("checks.call PRINT_LINES 0", setting("PRINT_LINES", 0), ValueError, r"checks\.PRINT_LINES >= 1, got 0"),
    # --- checks.compare ---
    ("checks.compare expected None", lambda: checks.compare(1.0, None, "f"), TypeError, r"checks\.compare: expected expected to be numbers.*None"),
    ("checks.compare expected text", lambda: checks.compare(1.0, "1.0", "f"), TypeError, r"expected to be numbers.*str '1\.0'"),
    ("checks.compare name number", lambda: checks.compare(1.0, 1.0, 3), TypeError, r"name to be text"),
    ("checks.compare args one array", lambda: checks.compare(1.0, 1.0, "f", np.ones(2)), TypeError, r"args to be a tuple.*\(x,\)"),
    ("checks.compare atol negative", lambda: checks.compare(1.0, 1.0, "f", atol=-1e-6), ValueError, r"atol in \[0"),
    ("checks.compare rtol nan", lambda: checks.compare(1.0, 1.0, "f", rtol=math.nan), ValueError, r"rtol in \[0.*nan"),
    ("checks.compare expected ragged", lambda: checks.compare(1.0, [[1.0], [1.0, 2.0]], "f"), ValueError, r"rows have different lengths"),
    # --- checks.check_function ---
    ("checks.check_function no cases", lambda: checks.check_function(square, square, []), ValueError,
     r"cases is empty, so nothing would be checked.*at least one"),
    ("checks.check_function cases None", lambda: checks.check_function(square, square, None), TypeError, r"cases to be a list of argument tuples.*None"),
    ("checks.check_function case not a tuple", lambda: checks.check_function(square, square, [1.0, 2.0]), TypeError,
     r"every case to be a tuple.*float 1\.0 at position 0.*\(x,\)"),
    ("checks.check_function reference None", lambda: checks.check_function(square, None, [(1.0,)]), TypeError, r"reference to be the correct function.*None"),
    ("checks.check_function atol negative", lambda: checks.check_function(square, square, [(1.0,)], atol=-1), ValueError, r"atol in \[0"),
    ("checks.check_function hint number", lambda: checks.check_function(square, square, [(1.0,)], hint=1), TypeError, r"hint to be text"),
    ("checks.check_function cases string", lambda: checks.check_function(square, square, "1, 2"), TypeError, r"cases.*str '1, 2'"),
    # --- checks.known_mistake ---
    ("checks.known_mistake candidates None", lambda: checks.known_mistake(1.0, None), TypeError, r"known_mistake: expected candidates.*None"),
    ("checks.known_mistake not pairs", lambda: checks.known_mistake(1.0, [1.0, 2.0]), TypeError, r"\(value, payload\) pair.*float 1\.0 at position 0"),
    ("checks.known_mistake triple", lambda: checks.known_mistake(1.0, [(1.0, "a", "b")]), TypeError, r"a tuple of length 3 at position 0"),
    ("checks.known_mistake right text", lambda: checks.known_mistake(1.0, [(2.0, "x")], right="1"), TypeError, r"right to be numbers"),
    ("checks.known_mistake atol negative", lambda: checks.known_mistake(1.0, [(2.0, "x")], atol=-1), ValueError, r"atol in \[0"),
    ("checks.known_mistake candidates string", lambda: checks.known_mistake(1.0, "x+1"), TypeError, r"candidates.*str 'x\+1'"),
    # --- feedback.Feedback ---
    ("feedback.Feedback unknown status", lambda: feedback.Feedback("Correct", "ok"), ValueError,
     r"Feedback: status must be one of 'correct', 'wrong', 'not done', 'error'.*Did you mean 'correct'"),
    ("feedback.Feedback status None", lambda: feedback.Feedback(None, "ok"), ValueError, r"status must be one of.*None"),
    ("feedback.Feedback message None", lambda: feedback.Feedback("wrong", None), TypeError, r"message to be text.*None"),
    ("feedback.Feedback message number", lambda: feedback.Feedback("wrong", 0.5), TypeError, r"message to be text.*float 0\.5.*fmt\(x\)"),
    ("feedback.Feedback message empty", lambda: feedback.Feedback("wrong", ""), ValueError, r"message is empty text"),
    ("feedback.Feedback status list", lambda: feedback.Feedback(["correct"], "ok"), ValueError, r"a list of length 1"),
    # --- feedback.correct / wrong / not_done ---
    ("feedback.correct None", lambda: feedback.correct(None), TypeError, r"correct: expected message to be text.*None"),
    ("feedback.correct number", lambda: feedback.correct(1), TypeError, r"int 1"),
    ("feedback.correct empty", lambda: feedback.correct(""), ValueError, r"message is empty text"),
    ("feedback.correct list", lambda: feedback.correct(["Correct!"]), TypeError, r"a list of length 1"),
    ("feedback.correct Feedback", lambda: feedback.correct(feedback.correct()), TypeError, r"Feedback"),
    ("feedback.wrong None", lambda: feedback.wrong(None), TypeError, r"wrong: expected message to be text.*None"),
    ("feedback.wrong hint None", lambda: feedback.wrong("no", None), TypeError, r"hint to be text.*None"),
    ("feedback.wrong empty", lambda: feedback.wrong(""), ValueError, r"message is empty text"),
    ("feedback.wrong array", lambda: feedback.wrong(np.ones(2)), TypeError, r"array of shape \(2,\)"),
    ("feedback.wrong hint number", lambda: feedback.wrong("no", 3), TypeError, r"hint to be text.*int 3"),
    ("feedback.not_done None", lambda: feedback.not_done(None), TypeError, r"not_done: expected name to be text.*None"),
    ("feedback.not_done empty", lambda: feedback.not_done(""), ValueError, r"name is empty text"),
    ("feedback.not_done function", lambda: feedback.not_done(square), TypeError, r"function"),
    ("feedback.not_done number", lambda: feedback.not_done(7), TypeError, r"int 7"),
    ("feedback.not_done list", lambda: feedback.not_done(["f"]), TypeError, r"a list of length 1"),
    # --- feedback.fmt ---
    ("feedback.fmt width 0", lambda: feedback.fmt(1.0, 0), ValueError, r"fmt: expected width >= 4, got 0"),
    ("feedback.fmt width negative", lambda: feedback.fmt(1.0, -5), ValueError, r"width >= 4, got -5"),
    ("feedback.fmt width string", lambda: feedback.fmt(1.0, "60"), TypeError, r"width to be a whole number.*str '60'"),
    ("feedback.fmt width None", lambda: feedback.fmt(1.0, None), TypeError, r"width.*None"),
    ("feedback.fmt width float", lambda: feedback.fmt(1.0, 60.5), TypeError, r"width to be a whole number.*float 60\.5"),
]

test_bad_input_raises_an_error_that_teaches = bad_input_test(CASES)
