"""Checks for the exercises: run the learner's answer, compare, give friendly feedback.

Introduced in notebooks/00_welcome (how exercises work); each lesson adds its checkers in
its own section below.

A checker never raises: it returns a `Feedback` that shows itself as a coloured box in a
notebook (and as one line of text elsewhere). An untouched stub (one that still raises
``NotImplementedError`` or returns ``None``) gets "not done yet", so a notebook with
unsolved exercises still runs top to bottom.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from . import data, gradcheck, layers, losses, optim, plots, train  # noqa: F401
from .value import Value  # noqa: F401

ICONS = {"correct": "✅", "wrong": "❌", "not done": "⏳", "error": "⚠️"}
COLOURS = {"correct": "#e6f4ea", "wrong": "#fdecea", "not done": "#f1f3f4", "error": "#fff4e5"}


@dataclass
class Feedback:
    """The result of checking one exercise.

    Attributes
    ----------
    status : {"correct", "wrong", "not done", "error"}
    message : str
        What the learner reads: expected vs got, and a hint when it is not right yet.
    """

    status: str
    message: str

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        return f"{ICONS[self.status]} {self.message}"

    def _repr_html_(self) -> str:
        body = html.escape(self.message).replace("\n", "<br>")
        return (f'<div style="background:{COLOURS[self.status]};color:#202124;padding:6px 10px;'
                f'border-radius:4px">{ICONS[self.status]} {body}</div>')


def correct(message: str = "Correct!") -> Feedback:
    return Feedback("correct", message)


def wrong(message: str, hint: str = "") -> Feedback:
    return Feedback("wrong", message + (f"\nHint: {hint}" if hint else ""))


def not_done(name: str) -> Feedback:
    return Feedback("not done", f"Not done yet: fill in `{name}` above, run that cell, then run this one again.")


def fmt(x) -> str:
    """A short, rounded text form of a number or array for feedback messages."""
    if isinstance(x, (np.ndarray, list, tuple)):
        try:
            arr = np.asarray(x)
        except ValueError:  # ragged nesting such as [1, [2, 3]]
            return repr(x)
        if arr.dtype.kind in "fc":
            return np.array2string(arr, precision=4, suppress_small=True, threshold=20)
        return np.array2string(arr, threshold=20)
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.4g}"
    return repr(x)


def call(fn, *args):
    """Run the learner's function: returns (result, None), or (None, Feedback) when it
    is not done yet or raised an error (shown in words, never as a traceback)."""
    name = getattr(fn, "__name__", "your function")
    if not callable(fn):
        return None, Feedback("error", f"Expected a function, got {type(fn).__name__}. "
                                       "Pass the function itself, without calling it: check(neuron), not check(neuron()).")
    try:
        with np.errstate(all="ignore"):
            out = fn(*args)
    except NotImplementedError:
        return None, not_done(name)
    except Exception as exc:  # the learner's code: report it in words
        return None, Feedback("error", f"`{name}` raised {type(exc).__name__}: {exc}\n"
                                       f"It was called with {', '.join(fmt(a) for a in args)}.")
    if out is None:
        return None, not_done(name) if _is_stub(fn) else Feedback(
            "wrong", f"`{name}` returned None. Did you forget `return`?")
    return out, None


def _is_stub(fn) -> bool:
    code = getattr(fn, "__code__", None)
    # a body that is only `...`/`pass`/a docstring compiles to almost nothing
    return code is not None and len(code.co_code) <= 8 and not code.co_names


def compare(got, expected, name: str, args=(), hint: str = "", atol: float = 1e-6,
            rtol: float = 1e-6) -> Feedback | None:
    """None when `got` matches `expected` (shape and values); otherwise a Feedback saying how not."""
    on = f" for {', '.join(fmt(a) for a in args)}" if args else ""
    try:
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return wrong(f"`{name}`{on} returned {type(got).__name__} {fmt(got)}, expected numbers like {fmt(expected)}.", hint)
    e = np.asarray(expected, dtype=float)
    if g.shape != e.shape:
        return wrong(f"`{name}`{on} returned shape {g.shape}, expected shape {e.shape}.", hint)
    if not np.all(np.isfinite(g)):
        return wrong(f"`{name}`{on} returned {fmt(g)}, which contains NaN or infinity; expected {fmt(e)}.", hint)
    if not np.allclose(g, e, atol=atol, rtol=rtol):
        return wrong(f"`{name}`{on} returned {fmt(g)}, expected {fmt(e)}.", hint)
    return None


def check_function(fn, reference, cases, hint: str = "", atol: float = 1e-6,
                   success: str = "") -> Feedback:
    """Compare a learner's function with the reference on every case.

    Parameters
    ----------
    fn : the learner's function
    reference : the correct function (same arguments)
    cases : list of argument tuples
    hint : str
        Shown when an answer is wrong.
    success : str
        Added to "Correct!" to say what the learner has now built.
    """
    name = getattr(fn, "__name__", "your function")
    for args in cases:
        got, problem = call(fn, *args)
        if problem is not None:  # not `if problem`: a Feedback is truthy only when correct
            return problem
        problem = compare(got, reference(*args), name, args, hint, atol=atol)
        if problem is not None:
            return problem
    return correct(f"Correct! `{name}` matches the reference on all {len(cases)} test cases. {success}".strip())


def known_mistake(got, candidates, right=None, atol: float = 1e-8):
    """What the learner did wrong, when `got` equals the result of a typical mistake.

    Parameters
    ----------
    got : what the learner's function returned
    candidates : iterable of (value, payload)
        ``value`` is what a typical mistake returns for the same inputs (None: not applicable
        here); ``payload`` is what to say about it (a message, or anything the caller wants).
    right : the correct answer, optional
        A mistake that gives the right numbers for these inputs is skipped.

    Returns
    -------
    The payload of the first matching candidate, or None.
    """
    try:
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None

    def same(a, b):
        return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=atol)

    ok = None if right is None else np.asarray(right, dtype=float)
    for value, payload in candidates:
        if value is None:
            continue
        v = np.asarray(value, dtype=float)
        if np.all(np.isfinite(v)) and same(g, v) and (ok is None or not same(v, ok)):
            return payload
    return None


# === 00_welcome =====================================================================

def threes_and_eights(seed: int = 0):
    """The 3s and 8s of the digits, split 70/30: ((X_train, y_train), (X_test, y_test)).

    X holds 8×8 images (N, 8, 8) with ink 0..16; y is 1 for an 8 and 0 for a 3.
    Introduced in notebooks/00_welcome (the hand-written rule against the learned one).
    """
    X, y = data.load_digits()
    keep = (y == 3) | (y == 8)
    parts = data.stratified_split(X[keep], (y[keep] == 8).astype(np.int64), (0.7, 0.3), seed=seed)
    return [(Xp.reshape(-1, 8, 8), yp) for Xp, yp in parts]


_THREES_AND_EIGHTS = {}


def _test_threes_and_eights():
    if "test" not in _THREES_AND_EIGHTS:
        _THREES_AND_EIGHTS["test"] = threes_and_eights()[1]
    return _THREES_AND_EIGHTS["test"]


def check_is_eight(fn, target: float = 0.8) -> Feedback:
    """Run the learner's rule `fn(image) -> True for an 8` on the held-out 3s and 8s.

    Correct when it gets at least `target` of them right; the message gives the accuracy.
    """
    name = getattr(fn, "__name__", "your rule")
    X, y = _test_threes_and_eights()
    guesses = []
    for image in X:
        got, problem = call(fn, image.copy())
        if problem is not None:
            return problem
        if isinstance(got, (bool, np.bool_)) or (isinstance(got, (int, np.integer)) and got in (0, 1)):
            guesses.append(bool(got))
        else:
            return wrong(f"`{name}` returned {fmt(got)} ({type(got).__name__}) for one image; "
                         "it should return True (an 8) or False (a 3).",
                         "end your rule with something like `return left_ink > 2.0`, which gives True or False.")
    guesses = np.array(guesses)
    acc = float(np.mean(guesses == (y == 1)))
    n_wrong = int(np.sum(guesses != (y == 1)))
    score = f"Your rule gets {acc:.1%} of the {len(y)} test images right ({n_wrong} mistakes)."
    if guesses.all() or not guesses.any():
        says = "8" if guesses.all() else "3"
        return wrong(f"`{name}` says {says} for every image. {score} That is what always "
                     "guessing the same answer gives, so the rule does not look at the ink yet.",
                     "compare an amount of ink (e.g. image[2:6, 0:3].mean()) with a threshold.")
    if acc < target:
        return wrong(f"{score} That is not yet {target:.0%}.",
                     "look at where an 8 has ink and a 3 has none: the left side of the "
                     "middle rows, image[2:6, 0:3]. Move the threshold with the slider above first.")
    return correct(f"Correct! {score} Keep this number in mind for the learned model below.")


RULES_OR_LEARNED = {
    "a": ("rules", "the thermostat follows one line a person wrote: below 19 °C, heat."),
    "b": ("learned", "nobody can list every spam trick; the filter found the patterns in emails people marked."),
    "c": ("learned", "no one can write down your face as rules; the phone learned it from pictures of you."),
    "d": ("rules", "tax brackets are written in the law; the program just follows them."),
    "e": ("learned", "speech sounds differ for every voice and room; the patterns come from hours of recordings."),
}
_SYNONYMS = {"rules": "rules", "rule": "rules", "learned": "learned", "learnt": "learned",
             "learning": "learned", "ml": "learned", "machine learning": "learned",
             "dl": "learned", "deep learning": "learned"}


def check_rules_or_learned(answers) -> Feedback:
    """`answers`: a dict {"a": "rules" or "learned", ...} for the five examples in 00_welcome."""
    if answers is None:
        return not_done("answers")
    if not isinstance(answers, dict):
        return Feedback("error", f"Expected a dict like {{'a': 'rules', 'b': 'learned', ...}}, "
                                 f"got {type(answers).__name__}.")
    given = {str(k).strip().lower(): v for k, v in answers.items()}
    missing = [k for k in RULES_OR_LEARNED if k not in given]
    if missing:
        return wrong(f"No answer yet for {', '.join(missing)}. Give one for each of "
                     f"{', '.join(RULES_OR_LEARNED)}.")
    bad_words = [k for k in RULES_OR_LEARNED if _SYNONYMS.get(str(given[k]).strip().lower()) is None]
    if bad_words:
        return wrong(f"Use the words 'rules' or 'learned'; {', '.join(repr(given[k]) for k in bad_words)} "
                     f"(for {', '.join(bad_words)}) is neither.")
    mistakes = [k for k, (right, _) in RULES_OR_LEARNED.items()
                if _SYNONYMS[str(given[k]).strip().lower()] != right]
    if mistakes:
        lines = [f"{k}: not quite. Ask: could a person write the exact steps down?" for k in mistakes]
        return wrong(f"{len(RULES_OR_LEARNED) - len(mistakes)} of {len(RULES_OR_LEARNED)} right.\n"
                     + "\n".join(lines))
    return correct("Correct, all five! " + " ".join(f"({k}) {why}" for k, (_, why) in RULES_OR_LEARNED.items()))

# === 01_the_neuron ==================================================================

def _neuron_reference(x, w, b):
    """One neuron: sigmoid(w · x + b). The reference the 01_the_neuron checks compare with."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    return layers.sigmoid(np.dot(w, x) + b)


NEURON_CASES = [
    (np.array([1.0, 2.0, 3.0]), np.array([0.5, -0.2, 0.1]), 0.3),
    (np.array([2.0]), np.array([1.5]), -1.0),
    (np.array([1.0, 0.0]), np.array([2.0, 2.0]), -3.0),
    (np.array([0.5, -1.0, 2.0, 0.0, 1.5]), np.array([1.0, 0.5, -0.25, 3.0, 0.4]), 0.2),
    (np.array([0.0, 0.0, 0.0]), np.array([4.0, -2.0, 1.0]), 0.0),
]


def _neuron_mistakes(x, w, b) -> list:
    """(name, what it returns, explanation) for the usual ways to get a neuron wrong."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    z = np.dot(w, x) + b
    with np.errstate(all="ignore"):
        return [
            ("forgot the bias", layers.sigmoid(np.dot(w, x)),
             "add b to the weighted sum before the activation: sigmoid(w · x + b)."),
            ("forgot the activation", z,
             "pass the weighted sum through sigmoid: the output should lie between 0 and 1."),
            ("used a step instead of the sigmoid", (z > 0).astype(float),
             "this exercise wants the smooth sigmoid, 1 / (1 + e^(-z)), not the step."),
            ("subtracted the bias", layers.sigmoid(np.dot(w, x) - b),
             "the bias is added: z = w · x + b."),
            ("flipped the sign inside the sigmoid", layers.sigmoid(-z),
             "sigmoid(z) = 1 / (1 + e^(-z)): the minus sign belongs in the exponent only once."),
            ("added up the inputs without their weights", layers.sigmoid(x.sum() + b),
             "multiply each input by its weight before adding: np.sum(w * x)."),
            ("used tanh instead of the sigmoid", np.tanh(z),
             "use sigmoid(z) = 1 / (1 + e^(-z)), whose outputs lie between 0 and 1."),
            ("added the bias to every product but never summed them", layers.sigmoid(w * x + b),
             "add the products up into one number: np.sum(w * x) + b (or np.dot(w, x) + b)."),
            ("did not add up the products", layers.sigmoid(w * x) if x.size > 1 else None,
             "add the products up into one number: np.sum(w * x) + b (or np.dot(w, x) + b)."),
        ]


def check_neuron(fn) -> Feedback:
    """Compare the learner's `neuron(x, w, b)` with sigmoid(w · x + b) on inputs of several
    lengths, and name the mistake when the answer matches a typical one."""
    name = getattr(fn, "__name__", "neuron")
    for args in NEURON_CASES:
        got, problem = call(fn, *(a.copy() if isinstance(a, np.ndarray) else a for a in args))
        if problem is not None:
            return problem
        try:
            g = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            g = None
        if g is not None and g.size == 1:
            got = g.reshape(())  # a one-element array is as good as a number
        if compare(got, _neuron_reference(*args), name, args) is None:
            continue
        found = known_mistake(got, ((value, (what, fix)) for what, value, fix in _neuron_mistakes(*args)),
                              right=_neuron_reference(*args), atol=1e-6)
        if found:
            what, fix = found
            return wrong(f"It looks like you {what}: for x={fmt(args[0])}, w={fmt(args[1])}, "
                         f"b={fmt(args[2])} `{name}` returned {fmt(got)}, expected "
                         f"{fmt(_neuron_reference(*args))}.", fix)
        return compare(got, _neuron_reference(*args), name, args,
                       "z = np.dot(w, x) + b, then return 1 / (1 + np.exp(-z)).")
    return correct(f"Correct! `{name}` matches sigmoid(w · x + b) on all {len(NEURON_CASES)} "
                   "cases, with 1, 2, 3 and 5 inputs. That is a whole artificial neuron.")


def check_and_gate(params) -> Feedback:
    """`params` = (w1, w2, b): the neuron must fire (output > 0.5) only when both inputs are 1."""
    if params is None:
        return not_done("and_params")
    try:
        w1, w2, b = (float(p) for p in params)
    except (TypeError, ValueError):
        return Feedback("error", f"Expected three numbers (w1, w2, b), got {fmt(params)}. "
                                 "Write them as a tuple, e.g. and_params = (1.0, 1.0, -0.5).")
    if not all(np.isfinite([w1, w2, b])):
        return wrong(f"Got {fmt(params)}: use ordinary finite numbers.")
    rows, bad = [], []
    for x1, x2 in [(0, 0), (0, 1), (1, 0), (1, 1)]:
        out = float(_neuron_reference([x1, x2], [w1, w2], b))
        want = x1 == 1 and x2 == 1
        fires = out > 0.5
        mark = "✓" if fires == want else "✗"
        rows.append(f"{mark} inputs ({x1}, {x2}): output {out:.3f} → "
                    f"{'fires' if fires else 'quiet'} (should be {'fires' if want else 'quiet'})")
        if fires != want:
            bad.append((x1, x2))
    table = "\n".join(rows)
    if not bad:
        return correct(f"Correct! Your neuron is an AND gate:\n{table}")
    if (1, 1) in bad and len(bad) == 1:
        hint = "the two weights together are not enough to beat the bias: make them bigger or the bias less negative."
    elif (0, 0) in bad:
        hint = "with both inputs off, z is just the bias: make b negative so the neuron stays quiet."
    else:
        hint = "one input alone must not be enough: each weight on its own should stay below -b, both together above it."
    return wrong(f"Not an AND gate yet:\n{table}", hint)


BY_HAND = {"x": (2.0, 1.0), "w": (0.5, -1.5), "b": 1.0}


def check_by_hand(answer) -> Feedback:
    """`answer` = (z, output) for the numbers in BY_HAND, worked out by hand (2 decimals are enough)."""
    if answer is None:
        return not_done("by_hand")
    try:
        z, out = (float(a) for a in answer)
    except (TypeError, ValueError):
        return Feedback("error", f"Expected two numbers (z, output), got {fmt(answer)}. "
                                 "Write them as a tuple, e.g. by_hand = (0.1, 0.52).")
    x, w, b = np.array(BY_HAND["x"]), np.array(BY_HAND["w"]), BY_HAND["b"]
    z_true = float(np.dot(w, x) + b)
    out_true = float(layers.sigmoid(z_true))
    if not np.isclose(z, z_true, atol=0.01):
        if np.isclose(z, z_true - b, atol=0.01):
            return wrong(f"z = {z:g} is the weighted sum without the bias.", "add b = 1 to it.")
        if np.isclose(z, float(np.sum(x)) + b, atol=0.01):
            return wrong(f"z = {z:g} adds the inputs but forgets their weights.",
                         "multiply each input by its weight first: 0.5 × 2 and -1.5 × 1.")
        return wrong(f"z = {z:g} is not right yet.",
                     "z = w1·x1 + w2·x2 + b = 0.5 × 2 + (-1.5) × 1 + 1; mind the minus sign.")
    if np.isclose(out, 1.0 if z_true > 0 else 0.0, atol=1e-9):
        return wrong(f"z is right, but output {out:g} is what the step gives.",
                     "the output is sigmoid(z) = 1 / (1 + e^(-z)), a number between 0 and 1.")
    if np.isclose(out, 100 * out_true, atol=1.0):
        return wrong(f"z = {z:g} is right; output {out:g} looks like a percentage.",
                     "the sigmoid gives a number between 0 and 1: write it as a fraction, not in %.")
    if not np.isclose(out, out_true, atol=0.01):
        hint = "sigmoid(z) = 1 / (1 + e^(-z)); e^(-0.5) is about 0.607."
        if np.isclose(out, float(layers.sigmoid(-z_true)), atol=0.01):
            hint = "you computed sigmoid(-z): 1 / (1 + e^(-z)) has e to the power MINUS z. " + hint
        return wrong(f"z = {z:g} is right; output {out:g} is not yet.", hint)
    return correct(f"Correct! z = {z_true:g} and output = sigmoid({z_true:g}) = {out_true:.3f}: "
                   "above 0.5, so this neuron fires, but not by much.")

# === 02_weights_and_biases ==========================================================

_GATE_PAIRS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_GATE_TRUTH = {"AND": np.array([0, 0, 0, 1]), "OR": np.array([0, 1, 1, 1]),
               "XOR": np.array([0, 1, 1, 0])}


def _three_numbers(answer, name):
    """(w1, w2, b) as floats, or a Feedback saying what is wrong with the answer."""
    if answer is None:
        return None, not_done(name)
    try:
        vals = np.asarray(answer, dtype=float).ravel()
    except (TypeError, ValueError):
        return None, wrong(f"`{name}` should be three numbers (w1, w2, b), got {fmt(answer)}.")
    if vals.size != 3:
        return None, wrong(f"`{name}` should be three numbers (w1, w2, b), got {vals.size}: {fmt(vals)}.")
    if not np.all(np.isfinite(vals)):
        return None, wrong(f"`{name}` contains NaN or infinity: {fmt(vals)}. Use ordinary numbers.")
    return vals, None


def _check_gate(answer, gate: str, name: str) -> Feedback:
    vals, problem = _three_numbers(answer, name)
    if problem is not None:
        return problem
    w1, w2, b = vals
    lines = []
    for (x1, x2), want in zip(_GATE_PAIRS, _GATE_TRUTH[gate]):
        z = w1 * x1 + w2 * x2 + b
        got = int(z > 0)
        if got != want:
            why = (" (exactly 0: the point sits on the line, which counts as not firing)"
                   if z == 0 else "")
            sign = "+" if b >= 0 else "−"
            lines.append(f"input ({x1:.0f}, {x2:.0f}): z = {w1:g}·{x1:.0f} + {w2:g}·{x2:.0f} {sign} {abs(b):g} "
                         f"= {z:g}{why}, so the neuron says {got}, but {gate}({x1:.0f}, {x2:.0f}) = {want}.")
    if not lines:
        return correct(f"Correct! With w1 = {w1:g}, w2 = {w2:g}, b = {b:g} the neuron computes "
                       f"{gate} on all four input pairs.")
    hints = {"AND": "AND fires only for (1, 1): give both inputs the same weight and pick b "
                    "so that one input alone is not enough, e.g. between -2·w and -w.",
             "OR": "OR fires when at least one input is 1: one input alone must be enough, but "
                   "(0, 0) must stay below zero, so b is negative and smaller in size than w."}
    return wrong(f"{len(lines)} of 4 input pairs are wrong:\n" + "\n".join(lines), hints[gate])


def check_and_weights(and_weights) -> Feedback:
    """The AND exercise: (w1, w2, b) must make z = w1·x1 + w2·x2 + b > 0 only for (1, 1)."""
    return _check_gate(and_weights, "AND", "and_weights")


def check_or_weights(or_weights) -> Feedback:
    """The OR exercise: z > 0 for every input pair except (0, 0)."""
    return _check_gate(or_weights, "OR", "or_weights")


def best_line_accuracy(X, y, values, biases=None, strict: bool = True) -> float:
    """Best accuracy of any neuron (w1, w2, b), each taken from `values`, on points X (N, 2)
    with labels y (N,): class 1 where w1·x1 + w2·x2 + b > 0.

    `biases` (default: `values`) are the b to try; `strict=False` predicts 1 where z >= 0
    instead (a common slip, which the check names).
    The reference for the XOR exercise of notebooks/02_weights_and_biases.
    """
    v = np.asarray(values, dtype=float)
    bv = v if biases is None else np.asarray(biases, dtype=float)
    w1, w2, b = np.meshgrid(v, v, bv, indexing="ij")
    z = X[:, 0, None] * w1.ravel() + X[:, 1, None] * w2.ravel() + b.ravel()  # (N, K)
    fires = z > 0 if strict else z >= 0
    return float((fires == (np.asarray(y)[:, None] == 1)).mean(axis=0).max())


def check_best_line(best_line) -> Feedback:
    """The XOR exercise: a grid search over (w1, w2, b) whose best accuracy on XOR is 75 %."""
    name = getattr(best_line, "__name__", "best_line")
    grid = np.linspace(-2, 2, 9)
    cases = [("XOR", grid), ("AND", grid), ("XOR", np.array([0.0])), ("OR", np.array([-1.0, 1.0]))]
    for gate, values in cases:
        y = _GATE_TRUTH[gate]
        got, problem = call(best_line, _GATE_PAIRS.copy(), y.copy(), values.copy())
        if problem is not None:
            return problem
        expected = best_line_accuracy(_GATE_PAIRS, y, values)
        try:
            g = float(got)
        except (TypeError, ValueError):
            return wrong(f"`{name}` returned {type(got).__name__} {fmt(got)}; expected one number, "
                         "the best accuracy as a fraction between 0 and 1.")
        on = f"on the {gate} points with values = {fmt(values)}"
        if np.isclose(g, 100 * expected):
            return wrong(f"`{name}` {on} returned {g:g}: that looks like a percentage. "
                         f"Return a fraction between 0 and 1 (here {expected:g}).")
        if np.isclose(g, expected * len(y)) and not np.isclose(expected, 0):
            return wrong(f"`{name}` {on} returned {g:g}: that looks like a count of points. "
                         f"Return the share instead, a fraction between 0 and 1 (here {expected:g}).",
                         "np.mean(pred == y) gives the share; np.sum(pred == y) gives the count.")
        if not np.isclose(g, expected) and np.isclose(
                g, best_line_accuracy(_GATE_PAIRS, y, values, strict=False)):
            return wrong(f"`{name}` {on} returned {g:g}, expected {expected:g}. It looks like you "
                         "predict 1 where z >= 0.",
                         "a point exactly on the line (z = 0) counts as class 0: predict 1 only where z > 0.")
        if not np.isclose(g, expected) and np.isclose(
                g, best_line_accuracy(_GATE_PAIRS, y, values, biases=[0.0])):
            return wrong(f"`{name}` {on} returned {g:g}, expected {expected:g}: that is the best "
                         "line through the origin. Did you leave out the bias?",
                         "add a third loop, `for b in values:`, and use z = w1·x1 + w2·x2 + b.")
        if not np.isclose(g, expected):
            hint = ("Try every combination: three nested loops over `values` (one for w1, one for "
                    "w2, one for b). For each, predict 1 where w1·x1 + w2·x2 + b > 0, compare with y, "
                    "and keep the highest share of matches.")
            return wrong(f"`{name}` {on} returned {g:g}, expected {expected:g}.", hint)
    return correct(f"Correct! Your search finds 100 % for AND but only 75 % for XOR: of the "
                   f"{grid.size ** 3} lines it tries, none gets all four XOR points right.")


# === 03_layers ======================================================================

def check_dense_forward(dense_forward) -> Feedback:
    """The layer exercise: x (N, D) @ W (D, H) + b (H,) -> (N, H), for a batch and for one row."""
    rng = np.random.default_rng(3)
    cases = [(rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)),
             (rng.normal(size=(1, 3)), rng.normal(size=(3, 5)), rng.normal(size=5)),
             (rng.normal(size=(6, 2)), rng.normal(size=(2, 4)), rng.normal(size=4))]
    name = getattr(dense_forward, "__name__", "dense_forward")
    for x, W, b in cases:
        got, problem = call(dense_forward, x.copy(), W.copy(), b.copy())
        shapes = f"x of shape {x.shape}, W {W.shape}, b {b.shape}"
        if problem is not None:
            if problem.status == "error":  # say the shapes, not the numbers
                problem.message = (problem.message.split("\nIt was called with")[0] +
                                   f"\nIt was called with {shapes}. (N, D) @ (D, H) needs no transpose.")
            return problem
        expected = x @ W + b
        try:
            g = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return wrong(f"`{name}` returned {type(got).__name__}; expected an array of shape {expected.shape}.")
        if g.shape == expected.shape and np.allclose(g, x @ W) and not np.allclose(g, expected):
            return wrong(f"For {shapes}, your output equals x @ W: the bias b is missing.",
                         "Add b at the end: numpy adds the (H,) vector to every row of the (N, H) result.")
        if g.shape == (expected.shape[1],) or (g.shape == (1, expected.shape[1]) and x.shape[0] > 1):
            return wrong(f"For {shapes} you returned shape {g.shape}, expected {expected.shape}: one "
                         "row of outputs per example. Did you use only the first example?",
                         "Use the whole batch: x @ W works on all N rows at once.")
        problem = compare(g, expected, name, (), hint=(
            "Each output column h is sum over d of x[:, d] * W[d, h], plus b[h]: that is x @ W + b. "
            "W has one column per neuron, so no transpose is needed."))
        if problem is not None:
            problem.message = f"For {shapes}: " + problem.message
            return problem
    return correct("Correct! Your layer computes x @ W + b for a whole batch: (N, D) @ (D, H) + (H,) "
                   "gives (N, H), one row of H outputs per example.")


def check_count_params(count_params) -> Feedback:
    """The counting exercise: count_params(sizes) must equal mlp(sizes).n_params()."""
    name = getattr(count_params, "__name__", "count_params")
    for sizes in ([2, 1], [2, 2, 1], [2, 16, 16, 1], [64, 32, 10], [3, 5, 4, 2]):
        got, problem = call(count_params, list(sizes))
        if problem is not None:
            return problem
        expected = layers.mlp(sizes).n_params()
        weights = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
        try:
            g = float(got)
        except (TypeError, ValueError):
            return wrong(f"`{name}({sizes})` returned {type(got).__name__} {fmt(got)}; expected a whole number.")
        if g == expected:
            continue
        if g == weights:
            return wrong(f"`{name}({sizes})` returned {g:g}: that counts the weights only. "
                         f"Expected {expected}.", "Every neuron also has a bias: add n_out for each layer.")
        if g == weights + sum(sizes):
            return wrong(f"`{name}({sizes})` returned {g:g}, expected {expected}: you gave the input "
                         "layer biases too.", "The input layer only receives the data; biases belong "
                         "to the neurons of the layers after it.")
        return wrong(f"`{name}({sizes})` returned {g:g}, expected {expected}.",
                     "For each pair of neighbouring layers (n_in, n_out): n_in × n_out weights plus "
                     "n_out biases. Sum over the pairs.")
    return correct("Correct! Your count matches Sequential.n_params() on all 5 networks.")


_XOR_PAIRS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def xor_net_outputs(W1, b1, W2, b2):
    """Hidden (4, 2) and output (4,) of a 2-2-1 step network on the four input pairs.

    Every neuron fires (1) when its z > 0, else 0. Introduced in notebooks/03_layers.
    """
    hidden = (_XOR_PAIRS @ W1 + b1 > 0).astype(float)
    out = (hidden @ W2 + b2 > 0).astype(int).reshape(4)
    return hidden, out


def check_xor_network(xor_weights) -> Feedback:
    """The XOR exercise: (W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)) with step neurons computes XOR."""
    if xor_weights is None:
        return not_done("xor_weights")
    if not isinstance(xor_weights, (tuple, list)) or len(xor_weights) != 4:
        return wrong("`xor_weights` should be four things: (W1, b1, W2, b2).")
    want = {"W1": (2, 2), "b1": (2,), "W2": (2, 1), "b2": (1,)}
    arrays = {}
    for (key, shape), value in zip(want.items(), xor_weights):
        try:
            a = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return wrong(f"{key} should be numbers of shape {shape}, got {fmt(value)}.")
        if a.size != int(np.prod(shape)):
            return wrong(f"{key} should have shape {shape} ({int(np.prod(shape))} numbers), got shape {a.shape}.",
                         "W1 has one column per hidden neuron: W1[:, 0] are the weights of hidden neuron 1.")
        if not np.all(np.isfinite(a)):
            return wrong(f"{key} contains NaN or infinity: {fmt(a)}.")
        arrays[key] = a.reshape(shape)
    hidden, out = xor_net_outputs(arrays["W1"], arrays["b1"], arrays["W2"], arrays["b2"])
    truth = np.array([0, 1, 1, 0])
    if np.array_equal(out, truth):
        return correct("Correct! Your 2-2-1 network computes XOR on all four input pairs: two lines "
                       "in the hidden layer, combined by the output neuron.")
    rows = []
    for (x1, x2), h, o, t in zip(_XOR_PAIRS, hidden, out, truth):
        mark = "" if o == t else "   <- wrong"
        rows.append(f"({x1:.0f}, {x2:.0f}): hidden = ({h[0]:.0f}, {h[1]:.0f}), output = {o}, XOR = {t}{mark}")
    h_or = np.array_equal(hidden[:, 0], [0, 1, 1, 1])
    h_and = np.array_equal(hidden[:, 1], [0, 0, 0, 1])
    if not h_or:
        hint = "Hidden neuron 1 (column 0 of W1, b1[0]) should compute OR: your OR weights from lesson 02."
    elif not h_and:
        hint = "Hidden neuron 2 (column 1 of W1, b1[1]) should compute AND: your AND weights from lesson 02."
    else:
        hint = ("The hidden layer is right. The output should fire when OR is 1 and AND is 0: a positive "
                "weight on OR, a negative weight on AND at least as large, and a bias just below zero "
                "(for example +1, -1 and -0.5).")
    return wrong("Your network's truth table:\n" + "\n".join(rows), hint)


# === 04_forward_pass ================================================================

def check_softmax(fn) -> Feedback:
    """Exercise in notebooks/04_forward_pass: a numerically stable softmax.

    Cases: small scores, big scores (the naive version overflows), a batch of rows (each
    row must sum to 1), and a batch whose rows live on very different scales (subtracting
    one global max underflows the smaller row).
    """
    name = getattr(fn, "__name__", "softmax")
    cases = [
        ("small scores", np.array([1.0, 2.0, 3.0])),
        ("big scores", np.array([1000.0, 1001.0, 1002.0])),
        ("a batch of 2 rows", np.array([[1.0, 2.0, 3.0], [2.0, -1.0, 0.5]])),
        ("a batch whose rows differ in scale", np.array([[1000.0, 1001.0, 1002.0], [-1.0, 0.0, 1.0]])),
    ]
    for label, z in cases:
        got, problem = call(fn, z.copy())
        if problem is not None:
            if problem.status == "error" and z.ndim == 2:
                problem.message += ("\nHint: for a batch, sum along each row and keep the axis: "
                                    "e.sum(axis=-1, keepdims=True), so the division lines up row by row.")
            return problem
        want = layers.softmax(z)
        try:
            g = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return wrong(f"`{name}` returned {type(got).__name__}, expected an array of probabilities "
                         f"like {fmt(want)}.")
        if g.shape != want.shape:
            return wrong(f"On {label} {fmt(z)}, `{name}` returned shape {g.shape}, expected {want.shape} "
                         "(one probability per score).",
                         "keep the shape: divide e by its sum with keepdims=True.")
        if not np.all(np.isfinite(g)):
            if label == "big scores":
                return wrong(f"On big scores {fmt(z)}, `{name}` returned {fmt(g)}. "
                             "Overflow: np.exp(1000) is infinity, and inf / inf is nan.",
                             "subtract the max first: np.exp(z - z.max(axis=-1, keepdims=True)). "
                             "Softmax does not change when you shift all scores by the same amount.")
            if z.ndim == 2 and label.endswith("scale"):
                return wrong(f"On {label} {fmt(z)}, `{name}` returned {fmt(g)}. Subtracting one max for "
                             "the whole batch pushes the second row to exp(-1000) = 0, and 0 / 0 is nan.",
                             "subtract each row's own max: z.max(axis=-1, keepdims=True).")
            return wrong(f"On {label} {fmt(z)}, `{name}` returned {fmt(g)}, which contains nan or "
                         "infinity.", "overflow: subtract the max first.")
        sums = g.sum(axis=-1)
        if not np.allclose(sums, 1, atol=1e-6):
            if z.ndim == 2 and np.isclose(g.sum(), 1):
                return wrong(f"On {label}, the whole batch sums to 1 but each row sums to {fmt(sums)}. "
                             "Every example needs its own probabilities.",
                             "sum along the last axis: e.sum(axis=-1, keepdims=True).")
            if z.ndim == 2 and np.allclose(g.sum(axis=0), 1, atol=1e-6):
                return wrong(f"On {label}, each column sums to 1 but each row sums to {fmt(sums)}. "
                             "Each row is one example and needs its own probabilities.",
                             "use the last axis for the max and the sum: axis=-1, keepdims=True.")
            return wrong(f"On {label} {fmt(z)}, the probabilities sum to {fmt(sums)}, not 1.",
                         "divide the exponentials by their sum.")
        if not np.allclose(g, want, atol=1e-6):
            return wrong(f"On {label} {fmt(z)}, `{name}` returned {fmt(g)}, expected {fmt(want)}.",
                         "exponentiate the (shifted) scores, then divide by their sum.")
    return correct(f"Correct! `{name}` is stable on big scores, works on a batch of rows, and every "
                   "row sums to 1.")


def _fp04_mlp_case(sizes, n, seed):
    model = layers.mlp(sizes, seed=seed)
    # non-zero biases, so a forgotten bias shows
    rng = np.random.default_rng(seed + 100)
    for layer in model.layers:
        if "b" in layer.params:
            layer.params["b"][:] = rng.normal(0, 0.5, layer.params["b"].shape)
    params = [(layer.params["W"].copy(), layer.params["b"].copy())
              for layer in model.layers if "W" in layer.params]
    x = rng.normal(0, 1, (n, sizes[0]))
    return x, params, model.forward(x)


def check_mlp_forward(fn) -> Feedback:
    """Exercise in notebooks/04_forward_pass: ``fn(x, params)`` with params a list of (W, b)
    pairs, ReLU between layers and none after the last; compared with helpers.layers.mlp."""
    name = getattr(fn, "__name__", "mlp_forward")
    for sizes, n, seed in [([2, 3, 2], 4, 1), ([3, 5, 4, 2], 6, 2), ([2, 4, 1], 1, 3)]:
        x, params, want = _fp04_mlp_case(sizes, n, seed)
        shapes = " → ".join(str((n, s)) for s in sizes)
        got, problem = call(fn, x.copy(), [(W.copy(), b.copy()) for W, b in params])
        if problem is not None:
            if problem.status == "error":
                problem.message += ("\nHint: with a batch x of shape (N, D) and W of shape (D, H), "
                                    "the product is x @ W (not W @ x).")
            return problem
        on = f"for a network {sizes} and x of shape {x.shape}"
        try:
            g = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return wrong(f"`{name}` returned {type(got).__name__} {on}; expected an array of shape {want.shape}.")
        if g.shape != want.shape:
            return wrong(f"`{name}` returned shape {g.shape} {on}, expected {want.shape}. "
                         f"The shapes should go {shapes}.",
                         "loop over every (W, b) pair, feeding each layer's output into the next.")
        if not np.all(np.isfinite(g)):
            return wrong(f"`{name}` returned nan or infinity {on}.")
        if np.allclose(g, want, atol=1e-6):
            continue
        if np.allclose(g, np.maximum(want, 0), atol=1e-6):
            return wrong(f"`{name}` {on} returned {fmt(g)}: the negative scores were cut to 0.",
                         "no ReLU after the last layer: it returns raw scores.")
        nobias = x
        for i, (W, _b) in enumerate(params):
            nobias = nobias @ W
            if i < len(params) - 1:
                nobias = np.maximum(nobias, 0)
        if np.allclose(g, nobias, atol=1e-6):
            return wrong(f"`{name}` {on} returned {fmt(g)}, expected {fmt(want)}. It looks like the "
                         "biases were left out.", "each layer is x @ W + b.")
        linear = x
        for W, b in params:
            linear = linear @ W + b
        if np.allclose(g, linear, atol=1e-6):
            return wrong(f"`{name}` {on} returned {fmt(g)}, expected {fmt(want)}. It looks like the "
                         "ReLU between layers is missing.",
                         "apply np.maximum(0, h) after every layer except the last.")
        return wrong(f"`{name}` {on} returned {fmt(g)}, expected {fmt(want)}.",
                     "h = x; for each (W, b): h = h @ W + b, then ReLU unless it is the last layer.")
    return correct(f"Correct! `{name}` gives the same numbers as helpers.layers.mlp on 3 networks, "
                   "from one example to a batch of 6.")


# === 05_loss ========================================================================

def _loss05_mse(pred, y):
    d = np.asarray(pred, dtype=float) - np.asarray(y, dtype=float)
    return float(np.mean(d * d))


def _loss05_mistake(got, wrongs, args):
    """The message of the first typical mistake (a function of the same args) equal to `got`."""
    def value(fn):
        with np.errstate(all="ignore"):
            try:
                return fn(*args)
            except Exception:  # a mistake that cannot even be computed here
                return None
    return known_mistake(got, ((value(fn), message) for fn, message in wrongs), atol=1e-6)


def _loss05_scalar(got, name, want, on):
    """Check that `got` is one number; a Feedback when it is not."""
    g = np.asarray(got, dtype=float) if not isinstance(got, (str, bytes)) else None
    if g is None or g.dtype == object:
        return wrong(f"`{name}`{on} returned {type(got).__name__}, expected one number like {want:.4f}.")
    if g.size != 1:
        return wrong(f"`{name}`{on} returned an array of shape {g.shape}, expected one number "
                     f"({want:.4f}).", "average everything down to a single number with np.mean.")
    return None


def _loss05_run(fn, name, cases, reference, wrongs, arg_names, fallback_hint):
    """Run a loss exercise on every case: None when all match, else the first Feedback.

    A wrong number is compared with each typical mistake in ``wrongs`` so the feedback can
    name it; a negative loss that matches none is still called out.
    """
    for args in cases:
        got, problem = call(fn, *(a.copy() for a in args))
        if problem is not None:
            return problem
        want = reference(*args)
        on = " for " + ", ".join(f"{n}={fmt(a)}" for n, a in zip(arg_names, args))
        problem = _loss05_scalar(got, name, want, on)
        if problem is not None:
            return problem
        g = float(np.asarray(got, dtype=float).ravel()[0])
        if np.isclose(g, want, atol=1e-8, rtol=1e-8):
            continue
        hint = _loss05_mistake(g, wrongs, args)
        if hint is None and g < 0:
            hint = "the minus sign is missing: the loss must never be negative."
        msg = f"`{name}`{on} returned {g:.4f}, expected {want:.4f}."
        return wrong(msg + (f" It looks like {hint}" if hint else ""), "" if hint else fallback_hint)
    return None


def check_mse(fn) -> Feedback:
    """Exercise in notebooks/05_loss: ``mse(pred, y)`` -> the mean of the squared errors."""
    name = getattr(fn, "__name__", "mse")
    cases = [
        (np.array([2.5, 0.0, 2.0, 8.0]), np.array([3.0, -0.5, 2.0, 7.0])),
        (np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])),
        (np.array([[1.0, -2.0], [0.5, 4.0], [3.0, 3.0]]), np.array([[0.0, -1.0], [0.5, 1.0], [2.0, 5.0]])),
    ]
    wrongs = [
        (lambda p, y: np.sum((p - y) ** 2), "that is the sum of the squared errors, not their mean. "
         "Divide by the number of values (np.mean does both steps)."),
        (lambda p, y: np.mean(p - y), "the errors were not squared, so positive and negative ones "
         "cancel out. Square each difference before averaging."),
        (lambda p, y: np.mean(y - p), "the errors were not squared, so positive and negative ones "
         "cancel out. Square each difference before averaging."),
        (lambda p, y: np.mean(np.abs(p - y)), "that is the mean absolute error. MSE squares each "
         "difference instead of taking its absolute value."),
        (lambda p, y: np.sqrt(np.mean((p - y) ** 2)), "that is the root of the MSE (RMSE). Leave out "
         "the square root."),
        (lambda p, y: np.mean(p - y) ** 2, "you squared the mean error; square each error first, "
         "then take the mean."),
        (lambda p, y: np.sum((p - y) ** 2) / 2, "that is half the sum of squares. MSE divides by the "
         "number of values."),
        (lambda p, y: np.mean((p - y) ** 2) / 2, "that is half the MSE. Leave out the 1/2."),
    ]
    problem = _loss05_run(fn, name, cases, _loss05_mse, wrongs, ("pred", "y"),
                          "subtract, square, then average: np.mean((pred - y) ** 2).")
    if problem is not None:
        return problem
    return correct(f"Correct! `{name}` matches the mean squared error on {len(cases)} cases, "
                   "including a 2-D batch.")


def _loss05_ce(probs, labels_):
    probs = np.asarray(probs, dtype=float)
    return float(-np.mean(np.log(probs[np.arange(len(labels_)), labels_])))


def check_cross_entropy(fn) -> Feedback:
    """Exercise in notebooks/05_loss: ``cross_entropy(probs, labels)`` with probs (N, C) that
    sum to 1 per row and integer labels (N,) -> mean of -log(probability of the true class)."""
    name = getattr(fn, "__name__", "cross_entropy")
    cases = [
        (np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]), np.array([0, 1, 1])),
        (np.array([[0.9, 0.05, 0.05], [0.2, 0.5, 0.3], [0.6, 0.3, 0.1], [0.25, 0.25, 0.5]]),
         np.array([1, 2, 0, 0])),
        (np.array([[0.1, 0.9], [0.8, 0.2]]), np.array([1, 1])),
    ]
    pick = "pick one entry per row: probs[np.arange(len(labels)), labels]."
    wrongs = [
        (lambda p, t: np.mean(np.log(p[np.arange(len(t)), t])), "the minus sign is missing: log of a "
         "probability is negative, so the loss came out below zero. Put a minus in front."),
        (lambda p, t: -np.sum(np.log(p[np.arange(len(t)), t])), "that is the sum over the batch, "
         "not the mean. Divide by the number of examples (np.mean)."),
        (lambda p, t: -np.mean(np.log(p[:, t])), "probs[:, labels] takes whole columns (a table of "
         "N × N numbers) instead of one number per example; " + pick),
        (lambda p, t: -np.mean(np.log(p[t])), "probs[labels] picks rows, not the true class of each "
         "example; " + pick),
        (lambda p, t: -np.mean(np.log(p[t, np.arange(len(t))])), "the row and column indices are "
         "swapped; " + pick),
        (lambda p, t: -np.mean(np.log(p)), "that averages -log over every class. Only the "
         "probability of the true class counts: " + pick),
        (lambda p, t: -np.mean(np.log(p.max(axis=1))), "that uses the most likely class, not the "
         "true one. Use the labels: " + pick),
        (lambda p, t: -np.mean(np.log10(p[np.arange(len(t)), t])), "that is log base 10; use the "
         "natural log, np.log."),
        (lambda p, t: -np.mean(1 - p[np.arange(len(t)), t]), "the log is missing: the loss is "
         "-log(p) of the true class."),
        (lambda p, t: np.mean(1 - p[np.arange(len(t)), t]), "the log is missing: the loss is "
         "-log(p) of the true class."),
    ]
    problem = _loss05_run(fn, name, cases, _loss05_ce, wrongs, ("probs", "labels"),
                          "-np.mean(np.log(probs[np.arange(len(labels)), labels])).")
    if problem is not None:
        if problem.status == "error" and "index" in problem.message.lower():
            problem.message += "\nHint: " + pick
        return problem
    return correct(f"Correct! `{name}` matches -mean(log p[true class]) on {len(cases)} batches.")


# === 06_backprop ====================================================================

# Note: a Feedback is falsy unless it is "correct", so test `problem is not None`, not `problem`.
def _backprop_case(seed: int = 6):
    """Inputs for the backward exercises: N=5 examples, D=3 features, H=2 units, no zeros in x."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((5, 3))
    x[np.abs(x) < 0.05] = 0.3  # ReLU has no slope at exactly 0: keep away from it
    return x, rng.standard_normal((3, 2)), rng.standard_normal(2), rng.standard_normal((5, 2))


def check_relu_backward(fn) -> Feedback:
    """Check `relu_backward(dout, x) -> dx` against a numerical gradient (notebooks/06_backprop)."""
    x, _, _, dout = _backprop_case()
    dout = dout[:, :1] @ np.ones((1, 3)) + x  # (5, 3), same shape as x
    got, problem = call(fn, dout.copy(), x.copy())
    if problem is not None:
        return problem
    numeric = gradcheck.numerical_gradient(lambda: float(np.sum(np.maximum(x, 0) * dout)), x)
    hint = "ReLU lets the gradient through where x > 0 and blocks it elsewhere: dout * (x > 0)."
    known = known_mistake(got, right=numeric, candidates=[
        (dout * (x < 0), "The mask is on the wrong side of zero: gradient should pass where x > 0, not x < 0."),
        (dout, "You passed dout through everywhere. ReLU is flat for x ≤ 0, so no gradient flows there."),
        ((x > 0).astype(float), "You returned the mask alone: multiply it by dout (the chain rule)."),
        (dout * np.maximum(x, 0), "You multiplied by ReLU's output; the local slope is 1 where x > 0 and 0 elsewhere."),
        (dout * (dout > 0), "You kept the positive parts of dout. The mask comes from x, the input ReLU saw: "
                            "gradient passes where x > 0, whatever its own sign."),
    ])
    if known:
        return wrong(known, hint)
    problem = compare(got, numeric, "relu_backward", (), hint, atol=1e-6)
    if problem is not None:
        return problem
    err = gradcheck.rel_error(got, numeric)
    return correct(f"Correct! relu_backward matches the numerical gradient (relative error {err:.1e}).")


def check_dense_backward(fn) -> Feedback:
    """Check `dense_backward(dout, x, W) -> (dx, dW, db)` against numerical gradients."""
    x, W, b, dout = _backprop_case()
    got, problem = call(fn, dout.copy(), x.copy(), W.copy())
    if problem is not None:
        if problem.status == "error":
            problem.message += ("\nHint: let the shapes guide you. x is (5, 3), W is (3, 2), dout is (5, 2): "
                                "dx = dout @ W.T is (5, 3), dW = x.T @ dout is (3, 2).")
        return problem
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        what = (f"a {type(got).__name__} of {len(got)} item{'s' if len(got) != 1 else ''}"
                if isinstance(got, (tuple, list)) else f"{type(got).__name__} {fmt(got)}")
        return wrong(f"`dense_backward` should return three arrays (dx, dW, db), got {what}.",
                     "End with `return dx, dW, db`.")
    shapes = {"dx": x.shape, "dW": W.shape, "db": b.shape}
    shape_hints = {"dx": "dx = dout @ W.T: (5, 2) @ (2, 3) gives (5, 3).",
                   "dW": "dW = x.T @ dout: (3, 5) @ (5, 2) gives (3, 2).",
                   "db": "db = dout.sum(axis=0): one number per unit, shape (2,)."}
    x_, W_, b_ = x.copy(), W.copy(), b.copy()

    def loss():
        return float(np.sum((x_ @ W_ + b_) * dout))

    numeric = {"dx": gradcheck.numerical_gradient(loss, x_), "dW": gradcheck.numerical_gradient(loss, W_),
               "db": gradcheck.numerical_gradient(loss, b_)}
    mistakes = {
        "dx": [(x, "dx equals x: dx is dout @ W.T, not the input.")],
        "dW": [(numeric["dW"].T, "dW is transposed: it must have W's shape (D, H) = (3, 2). Use x.T @ dout."),
               (numeric["dW"] / 5, "dW was divided by the batch size: sum over the batch (x.T @ dout); "
                                   "the loss's backward already did any averaging.")],
        "db": [(dout, "db was not summed over the batch: every example adds to the same bias, "
                      "so db = dout.sum(axis=0), shape (H,)."),
               (dout.mean(axis=0), "db is averaged over the batch: sum it instead (dout.sum(axis=0)); "
                                   "the loss's backward already divided by N."),
               (dout.sum(axis=1), "db was summed over the wrong axis: sum over the examples, axis=0.")],
    }
    hints = {"dx": "dx = dout @ W.T, shape (N, D).", "dW": "dW = x.T @ dout, shape (D, H).",
             "db": "db = dout.sum(axis=0), shape (H,)."}
    errors = {}
    for name, g in zip(("dx", "dW", "db"), got):
        known = known_mistake(g, mistakes[name], numeric[name])
        if known:
            return wrong(known, hints[name])
        try:
            shape = np.shape(g)
        except ValueError:  # ragged nesting
            shape = None
        if shape != shapes[name]:
            flipped = shape is not None and len(shape) == 2 and shape == shapes[name][::-1]
            return wrong(f"{name} has shape {shape}, expected {shapes[name]}"
                         f"{': it is transposed' if flipped else ''} (a gradient always has the shape "
                         f"of what it is the gradient of, here {name[1:]}).", shape_hints[name])
        problem = compare(g, numeric[name], name, (), hints[name], atol=1e-6)
        if problem is not None:
            try:
                err = f"relative error {gradcheck.rel_error(g, numeric[name]):.2g}"
            except (TypeError, ValueError):
                err = "it could not be compared"
            return Feedback("wrong", f"{name} is off ({err} against the numerical gradient; "
                                     f"a right one gives about 1e-7 or less). " + problem.message)
        errors[name] = gradcheck.rel_error(g, numeric[name])
    worst = ", ".join(f"{k} {v:.1e}" for k, v in errors.items())
    return correct(f"Correct! All three gradients match the numerical ones (relative errors: {worst}).")


# === 07_optimizers ==================================================================

def _opt_case():
    rng = np.random.default_rng(7)
    return rng.standard_normal(3), [rng.standard_normal(3) for _ in range(4)]


def check_sgd_step(fn) -> Feedback:
    """Check `sgd_step(p, grad, lr) -> new p` against helpers.optim.SGD (notebooks/07_optimizers)."""
    p0, grads = _opt_case()
    lr = 0.1
    g = grads[0]
    got, problem = call(fn, p0.copy(), g.copy(), lr)
    if problem is not None:
        return problem
    p = p0.copy()
    optim.SGD({"p": p}, lr=lr).step({"p": g})
    hint = "Step downhill, scaled by the learning rate: return p - lr * grad."
    known = known_mistake(got, right=p, candidates=[
        (p0 + lr * g, "Wrong sign: you stepped uphill. Subtract the gradient: p - lr * grad."),
        (p0 - g, "You forgot the learning rate: the step is lr * grad, not the whole gradient."),
        (-lr * g, "You returned the step itself; return the new parameters p - lr * grad."),
        (p0 - lr, "You subtracted lr alone; the step is lr times the gradient."),
    ])
    if known:
        return wrong(known, hint)
    problem = compare(got, p, "sgd_step", (), hint)
    return problem if problem is not None else correct("Correct! sgd_step matches helpers.optim.SGD.")


def check_momentum_step(fn) -> Feedback:
    """Check `momentum_step(p, grad, v, lr, beta) -> (p, v)` over four steps against
    helpers.optim.SGD(momentum=beta), i.e. PyTorch's v = βv + g; p -= lr·v."""
    p0, grads = _opt_case()
    lr, beta = 0.1, 0.9
    ref = p0.copy()
    opt = optim.SGD({"p": ref}, lr=lr, momentum=beta)
    p, v, ref_v = p0.copy(), np.zeros(3), np.zeros(3)
    hint = "First v = beta * v + grad, then p = p - lr * v (with the new v); return p, v."
    for step, g in enumerate(grads, start=1):
        old_p, old_v = p.copy(), v.copy()
        got, problem = call(fn, p.copy(), g.copy(), v.copy(), lr, beta)
        if problem is not None:
            return problem
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return wrong(f"`momentum_step` should return two arrays (p, v), got {fmt(got)}.",
                         "End with `return p, v`.")
        opt.step({"p": g})
        ref_v = beta * ref_v + g
        new_p, new_v = got
        at = f"At step {step}: "
        if (np.shape(new_p) == np.shape(new_v) == ref.shape
                and np.allclose(np.asarray(new_p, dtype=float), ref_v)
                and np.allclose(np.asarray(new_v, dtype=float), ref) and not np.allclose(ref, ref_v)):
            return wrong(at + "you returned (v, p): the two are swapped.",
                         "return the parameters first, then the velocity: `return p, v`.")
        known = known_mistake(new_p, right=ref, candidates=[
            (old_p - lr * old_v, "you moved p with the old v. Update v first, then step with the new v."),
            (old_p + lr * ref_v, "wrong sign: p moved uphill. Use p - lr * v."),
            (old_p - ref_v, "you forgot the learning rate: p - lr * v."),
            (old_p - lr * (beta * old_v + (1 - beta) * g),
             "you used the averaging form v = βv + (1 − β)·g. This course (like PyTorch) uses "
             "v = βv + g, so lr keeps its meaning when β = 0."),
            (old_p - lr * g, "p moved by the plain gradient: the step should use the velocity v."),
        ])
        if known:
            return wrong(at + known, hint)
        problem = compare(new_p, ref, "the new p", (), hint)
        if problem is not None:
            return Feedback("wrong", at + problem.message)
        known = known_mistake(new_v, right=ref_v, candidates=[
            (old_v, "you returned v unchanged. Return the updated velocity beta * v + grad."),
            (-lr * ref_v, "your v is the step −lr·(βv + g). p is right, but this course keeps "
                          "v = βv + g (as helpers.optim.SGD does), so return that."),
        ])
        if known:
            return wrong(at + known, hint)
        problem = compare(new_v, ref_v, "the new v", (), hint)
        if problem is not None:
            return Feedback("wrong", at + problem.message)
        p, v = np.asarray(new_p, dtype=float), np.asarray(new_v, dtype=float)
    return correct("Correct! Four momentum steps match helpers.optim.SGD(momentum=0.9) exactly.")


# === 08_training_loop ===============================================================


class _SpyModel:
    """Wraps a model: passes every call through and notes which rows each update used."""

    def __init__(self, model, X):
        self.model = model
        self._rows = {row.tobytes(): i for i, row in enumerate(np.asarray(X, dtype=float))}
        self._last = None
        self.updates = []  # one array of row indices per backward call

    def __repr__(self):
        return "model (an mlp 2-16-16-1)"

    @property
    def params(self):
        return self.model.params

    @property
    def grads(self):
        return self.model.grads

    def forward(self, x):
        self._last = x
        return self.model.forward(x)

    __call__ = forward

    def backward(self, dout):
        rows = np.asarray(self._last, dtype=float) if self._last is not None else np.zeros((0, 2))
        self.updates.append(np.array([self._rows.get(r.tobytes(), -1) for r in rows]))
        return self.model.backward(dout)


class _SpyOptimizer:
    def __init__(self, opt):
        self.opt, self.steps = opt, 0

    def __repr__(self):
        return "opt (Adam, lr=0.01)"

    def __getattr__(self, name):
        return getattr(self.opt, name)

    def step(self, *args):
        self.steps += 1
        return self.opt.step(*args)


class _SpyLoss:
    def __init__(self, loss_fn):
        self.loss_fn, self.last, self.backprop_losses = loss_fn, None, []

    def forward(self, scores, y):
        self.last = self.loss_fn.forward(scores, y)
        return self.last

    __call__ = forward

    def __repr__(self):
        return "loss_fn (BinaryCrossEntropy)"

    def backward(self):
        self.backprop_losses.append(self.last)
        return self.loss_fn.backward()


TRAIN_TARGET = 0.93


def _train_problem():
    X, y = data.make_moons(300, noise=0.2, seed=0)
    (Xt, yt), (Xv, yv) = data.stratified_split(X, y, (0.7, 0.3), seed=0)
    return Xt, yt, Xv, yv


def check_train(fn, epochs: int = 50, batch_size: int = 16, seed: int = 0) -> Feedback:
    """Exercise of notebooks/08_training_loop: the learner's own training loop.

    Runs ``fn(model, loss_fn, opt, X, y, epochs, batch_size, seed)`` on moons with spies on
    the model, loss and optimizer, then reports the validation accuracy reached and the
    first typical mistake it sees (no backward, no step, no shuffling, not averaged, ...).
    """
    Xt, yt, Xv, yv = _train_problem()
    n = len(Xt)
    model = layers.mlp([2, 16, 16, 1], activation="tanh", seed=0)
    spy_model, spy_loss = _SpyModel(model, Xt), _SpyLoss(losses.BinaryCrossEntropy())
    spy_opt = _SpyOptimizer(optim.Adam(model, lr=0.01))
    got, problem = call(fn, spy_model, spy_loss, spy_opt, Xt, yt, epochs, batch_size, seed)
    if problem is not None:
        return problem
    acc = train.accuracy(model, Xv, yv) if np.all(np.isfinite(model.forward(Xv))) else 0.0
    reached = f"Validation accuracy reached: {acc:.3f} (target {TRAIN_TARGET})."
    if not spy_model.updates:
        return wrong(f"The weights never learned anything: `model.backward` was never called, so "
                     f"there were no gradients to step with. {reached}",
                     "after the loss, call model.backward(loss_fn.backward()).")
    if spy_opt.steps == 0:
        return wrong(f"`model.backward` ran {len(spy_model.updates)} times but `opt.step()` never "
                     f"did, so the weights never moved. {reached}",
                     "after backward, call opt.step() to move the weights.")
    try:
        curve = np.asarray(got, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return wrong(f"`{fn.__name__}` returned {type(got).__name__}; expected a list of "
                     f"{epochs} numbers, one loss per epoch. {reached}")
    if len(curve) != epochs:
        return wrong(f"`{fn.__name__}` returned {len(curve)} losses for {epochs} epochs; expected "
                     f"one number per epoch. {reached}",
                     "append the epoch's loss once, after the inner loop over batches.")
    seen = np.concatenate(spy_model.updates)
    if len(seen) != epochs * n or np.any(seen < 0):
        return wrong(f"Over {epochs} epochs the updates used {len(seen)} examples in all; expected "
                     f"{epochs} × {n} = {epochs * n} (every training example once per epoch). "
                     f"{reached}", "loop `for start in range(0, len(X), batch_size)` and take "
                                   "the rows order[start:start + batch_size].")
    sizes = [len(u) for u in spy_model.updates]
    per_epoch = -(-n // batch_size)
    expected = ([batch_size] * (n // batch_size) + ([n % batch_size] if n % batch_size else []))
    if sizes != expected * epochs:
        return wrong(f"The batches had sizes {sorted(set(sizes))}; with batch_size={batch_size} and "
                     f"{n} examples expected {per_epoch} batches per epoch: "
                     f"{n // batch_size} of {batch_size}" + (f" and one of {n % batch_size}"
                                                             if n % batch_size else "") + f". {reached}",
                     "cut each epoch's order into slices: for start in range(0, len(X), "
                     "batch_size), idx = order[start:start + batch_size].")
    orders = seen.reshape(epochs, n)
    if any(np.any(np.sort(o) != np.arange(n)) for o in orders):
        return wrong("Within an epoch some examples were used twice and others never: each "
                     f"epoch should visit all {n} examples exactly once. {reached}",
                     "shuffle the indices with rng.permutation(len(X)), then slice that order.")
    if np.all(orders == orders[0]):
        what = ("in their stored order (no shuffling at all)" if np.all(orders[0] == np.arange(n))
                else "in the same shuffled order")
        return wrong(f"Every epoch visited the examples {what}, so each epoch repeated the same "
                     f"batches. {reached}", "make one rng = np.random.default_rng(seed) before "
                     "the epochs, and draw a new rng.permutation(len(X)) at the start of each epoch.")
    batch_losses = np.asarray(spy_loss.backprop_losses, dtype=float).reshape(epochs, per_epoch)
    weights = np.asarray(expected, dtype=float)
    ok = (np.allclose(curve, batch_losses.mean(axis=1), rtol=1e-6)
          or np.allclose(curve, batch_losses @ weights / n, rtol=1e-6))
    if not ok:
        if np.allclose(curve, batch_losses.sum(axis=1), rtol=1e-6):
            why = (f"the sum of the {per_epoch} batch losses: the loss is not averaged, so it "
                   "depends on how many batches there are")
        elif np.allclose(curve, batch_losses[:, -1], rtol=1e-6):
            why = "the loss of the last batch only, which is noisy"
        else:
            why = "not the mean of that epoch's batch losses"
        return wrong(f"Your losses run {fmt(curve[0])} → {fmt(curve[-1])}, but each is {why}. "
                     f"{reached}", "collect every batch's loss in a list, then append "
                                   "np.mean(batch_losses) once per epoch.")
    if acc < TRAIN_TARGET:
        return wrong(f"The loop looks right, but training did not get far enough. {reached}",
                     "check the order: forward, loss, backward, step, for every batch.")
    return correct(f"Correct! Your loop trained the network: {reached} Its loss fell from "
                   f"{curve[0]:.3f} to {curve[-1]:.3f} over {epochs} epochs.")


DECAY_TARGET = 0.865


def _decay_problem():
    X, y = data.make_moons(1240, noise=0.35, seed=1)
    (X_big, y_big), (X_val, y_val) = data.stratified_split(X, y, (1040 / 1240, 200 / 1240),
                                                           seed=0)
    return X_big[:40], y_big[:40], X_val, y_val


def train_with_decay(weight_decay: float, epochs: int = 200):
    """The too-big network of notebooks/08_training_loop on its 40 noisy moons, with weight decay.

    Returns (model, history).
    """
    X, y, X_val, y_val = _decay_problem()
    model = layers.mlp([2, 32, 32, 1], seed=0)
    opt = optim.Adam(model, lr=0.005, weight_decay=weight_decay)
    hist = train.fit(model, losses.BinaryCrossEntropy(), opt, X, y, epochs=epochs,
                     batch_size=20, val=(X_val, y_val), seed=0)
    return model, hist


def check_weight_decay(value) -> Feedback:
    """Exercise of notebooks/08_training_loop: a weight decay that lifts validation accuracy."""
    if value is None:
        return not_done("my_weight_decay")
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        return Feedback("error", f"Expected one number such as 0.005, got {type(value).__name__} "
                                 f"{value!r}.")
    value = float(value)
    if not np.isfinite(value) or value < 0:
        return wrong(f"Weight decay must be a number ≥ 0, got {value!r}.")
    if value > 10:
        return wrong(f"weight_decay={value:g} is far too strong: the weights would be pulled to "
                     "zero at every step.", "try values between 0.001 and 0.1.")
    _, hist = train_with_decay(value)
    if hist.diverged:
        return wrong(f"With weight_decay={value:g} training diverged.", "try a smaller value.")
    got = (f"With weight_decay={value:g}: training accuracy {hist.train_acc[-1]:.3f}, "
           f"validation accuracy {hist.val_acc[-1]:.3f} (target ≥ {DECAY_TARGET}; "
           "no weight decay gives 0.810).")
    if hist.val_acc[-1] >= DECAY_TARGET:
        return correct(f"Correct! {got} The network still fits the training points, but no "
                       "longer memorises their noise.")
    if hist.train_acc[-1] >= 0.9:
        return wrong(f"{got} The training accuracy is still high: the network is memorising "
                     "the noise (over-fitting).", "try a larger weight decay.")
    return wrong(f"{got} Even the training accuracy dropped: the weights are held back so much "
                 "that the network cannot fit the moons (under-fitting).",
                 "try a smaller weight decay.")


# === 09_capstone_handwriting ========================================================

def _digits_case():
    """A small fixed network and three real 8×8 digits (counts 0..16) for check_predict_digit."""
    X, _ = data.load_digits()
    model = layers.mlp([64, 32, 10], seed=9)
    return model, [X[i].reshape(8, 8).copy() for i in (0, 5, 42)]


def _predict_reference(model, image, scale: float = 16.0, soft: bool = True):
    scores = model.forward(np.asarray(image, dtype=float).reshape(1, 64) / scale)[0]
    p = layers.softmax(scores) if soft else scores
    return int(np.argmax(p)), float(np.max(p))


def check_predict_digit(fn) -> Feedback:
    """Check predict_digit(model, image8x8) -> (digit, probability) on a fixed network."""
    name = getattr(fn, "__name__", "predict_digit")
    model, images = _digits_case()
    for k, image in enumerate(images):
        got, problem = call(fn, model, image.copy())
        if problem is not None:
            return problem
        want_d, want_p = _predict_reference(model, image)
        on = f"for test image {k + 1} (the right answer is digit {want_d} with probability {want_p:.4f})"
        arr = np.asarray(got, dtype=object)
        if isinstance(got, np.ndarray) and got.size == 10:
            return wrong(f"`{name}` returned all ten numbers {on}.",
                         "pick the biggest: digit = int(np.argmax(p)), probability = float(p[digit]); "
                         "return digit, probability.")
        if not isinstance(got, (tuple, list)) or arr.shape != (2,):
            return wrong(f"`{name}` returned {fmt(got)} {on}; expected a pair (digit, probability).",
                         "end with `return digit, probability`.")
        d, p = got
        try:
            d_f, p_f = float(d), float(p)
        except (TypeError, ValueError):
            return wrong(f"`{name}` returned ({fmt(d)}, {fmt(p)}) {on}; expected two numbers.",
                         "return int(np.argmax(p)) and float(p.max()).")
        if 0 <= d_f <= 1 and p_f == int(p_f) and p_f != want_p and int(p_f) == want_d:
            return wrong(f"`{name}` returned ({fmt(d)}, {fmt(p)}) {on}: the two are swapped.",
                         "return the digit first, then the probability.")
        if d_f != int(d_f) or not 0 <= d_f <= 9:
            return wrong(f"`{name}` returned {fmt(d)} as the digit {on}; a digit is a whole "
                         "number 0..9.", "the digit is the position of the biggest probability: "
                         "int(np.argmax(p)).")
        if _same_answer((want_d, want_p), d_f, p_f):
            continue
        if _same_answer(_predict_reference(model, image, scale=1.0), d_f, p_f):
            return wrong(f"`{name}` returned ({int(d_f)}, {p_f:.4f}) {on}. That is what the network "
                         "says for the raw ink counts 0..16.",
                         "divide the image by 16 first: the network was trained on X / 16.")
        if _same_answer(_predict_reference(model, image, soft=False), d_f, p_f):
            return wrong(f"`{name}` returned ({int(d_f)}, {p_f:.4f}) {on}. That is the biggest raw "
                         "score, not a probability.",
                         "turn scores into probabilities with layers.softmax(scores).")
        if not 0 <= p_f <= 1:
            return wrong(f"`{name}` returned {p_f:.4g} as the probability {on}; a probability "
                         "lies between 0 and 1.", "use layers.softmax on the network's scores.")
        return wrong(f"`{name}` returned ({int(d_f)}, {p_f:.4f}) {on}.",
                     "reshape the 8×8 image to one row of 64, divide by 16, run model.forward, "
                     "then softmax and take the biggest.")
    return correct(f"Correct! `{name}` reads all {len(images)} test images like the reference. "
                   "This is all the drawing pad does after reducing your drawing to 8×8.")


def _same_answer(ref: tuple, digit: float, prob: float) -> bool:
    """True when (digit, prob) is the answer `ref` = (digit, probability) gives."""
    return int(digit) == ref[0] and bool(np.isclose(prob, ref[1], atol=1e-6))


def _confusion_cases():
    rng = np.random.default_rng(9)
    t = rng.integers(0, 10, 60)
    p = np.where(rng.random(60) < 0.7, t, rng.integers(0, 10, 60))
    return [(np.array([0, 1, 2, 2, 1, 0]), np.array([0, 2, 2, 1, 1, 1]), 3),
            (np.array([0, 1, 1, 2]), np.array([0, 1, 2, 2]), 4),  # class 3 never appears
            (t, p, 10)]


def check_confusion_matrix(fn) -> Feedback:
    """Check confusion_matrix(y_true, y_pred, n_classes) -> (C, C) counts, rows = true class."""

    name = getattr(fn, "__name__", "confusion_matrix")
    for t, p, c in _confusion_cases():
        args = (t.copy(), p.copy(), c)
        got, problem = call(fn, *args)
        if problem is not None:
            return problem
        want = train.confusion_matrix(t, p, c)
        on = f"y_true={fmt(t)}, y_pred={fmt(p)}, n_classes={c}"
        try:
            g = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return wrong(f"`{name}` returned {type(got).__name__} for {on}; expected a {c}×{c} array of counts.")
        if g.shape != want.shape:
            hint = ("make it np.zeros((n_classes, n_classes)): a class can be missing from the "
                    "labels, so the largest label does not tell the size." if g.ndim == 2 else
                    "start from cm = np.zeros((n_classes, n_classes), dtype=int).")
            return wrong(f"`{name}` returned shape {g.shape} for {on}; expected {want.shape}.", hint)
        if np.array_equal(g, want):
            continue
        if np.array_equal(g, want.T):
            return wrong(f"`{name}` returned the matrix flipped (rows and columns swapped) for {on}.",
                         "rows are the true digits and columns the predictions: cm[true, pred] += 1.")
        rows = want.sum(axis=1, keepdims=True)
        if np.allclose(g, np.divide(want, rows, out=np.zeros_like(want, dtype=float), where=rows > 0)):
            return wrong(f"`{name}` returned fractions for {on}; expected counts.",
                         "count the pairs; do not divide by the row totals.")
        if np.array_equal(g, (want > 0).astype(float)):
            return wrong(f"`{name}` counted each (true, predicted) pair at most once for {on}. "
                         "With arrays, cm[y_true, y_pred] += 1 adds 1 only once to a cell, "
                         "even when that pair occurs many times.",
                         "walk through the pairs with a loop, or use np.add.at(cm, (y_true, y_pred), 1).")
        if g.sum() != want.sum():
            return wrong(f"`{name}` counted {g.sum():g} pairs for {on}; there are {want.sum()}.",
                         "add 1 to one cell for every (true, predicted) pair.")
        return wrong(f"`{name}` returned\n{fmt(g.astype(int))}\nfor {on}; expected\n{fmt(want)}.",
                     "for t, q in zip(y_true, y_pred): cm[t, q] += 1.")
    return correct(f"Correct! `{name}` matches on all {len(_confusion_cases())} cases: rows are "
                   "true digits, columns what the network read.")
