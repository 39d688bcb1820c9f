"""Tests for notebooks/00_welcome: its widgets (headless) and its exercise checks."""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pytest

from helpers import data, layers
from helpers.lessons import l00_welcome as lesson


@pytest.fixture(scope="module")
def threes_and_eights():
    return lesson.threes_and_eights()


# --- the 3-vs-8 data -------------------------------------------------------------------

def test_threes_and_eights_is_the_notebooks_split(threes_and_eights):
    (img_train, y_train), (img_test, y_test) = threes_and_eights
    X, y = data.load_digits()
    keep = (y == 3) | (y == 8)
    parts = data.stratified_split(X[keep], (y[keep] == 8).astype(int), fractions=(0.7, 0.3), seed=0)
    assert np.array_equal(parts[0][0].reshape(-1, 8, 8), img_train)
    assert np.array_equal(parts[1][1], y_test)
    assert img_train.shape[1:] == (8, 8) and set(np.unique(y_train)) == {0, 1}
    assert len(y_train) + len(y_test) == int(keep.sum())


def test_rule_feature_is_average_ink_and_rejects_unknown_region():
    imgs = np.zeros((2, 8, 8))
    imgs[1, 2:6, 0:3] = 16
    assert np.allclose(lesson.rule_feature(imgs), [0, 16])
    with pytest.raises(ValueError, match="feature must be one of"):
        lesson.rule_feature(imgs, "ink in the corner")


# --- widgets ---------------------------------------------------------------------------

def test_hand_rule_demo_every_region_and_threshold_extreme(threes_and_eights):
    demo = lesson.HandRuleDemo(*threes_and_eights[0])
    n = len(threes_and_eights[0][1])
    for feature in lesson.RULE_FEATURES:
        for t in (0.0, 2.0, 16.0):
            out = demo.update(feature=feature, threshold=t)
            acc = float(out["accuracy"].rstrip("%")) / 100
            assert 0 <= acc <= 1
            assert 0 <= out["3s called 8"] + out["8s called 3"] <= n
    # threshold 0: almost everything is called an 8; 16: nothing is
    assert demo.update(threshold=16.0)["3s called 8"] == 0
    assert float(demo.update(threshold=2.0)["accuracy"].rstrip("%")) > 80
    with pytest.raises(ValueError, match="feature must be one of"):
        demo.update(feature="nope")


def _drive(box, demo):
    """Move every control to both ends through the real widget and check the PNG changes."""
    ui = demo.ui
    assert isinstance(box, w.VBox)
    for name, ctrl in ui["controls"].items():
        assert isinstance(ctrl, (w.FloatSlider, w.IntSlider, w.Dropdown)), name
        ends = (ctrl.options[0], ctrl.options[-1]) if isinstance(ctrl, w.Dropdown) else (ctrl.min, ctrl.max)
        pictures = []
        for value in ends:
            ctrl.value = value
            pictures.append(ui["image"].value)
            assert ui["image"].value[:4] == b"\x89PNG"
        assert pictures[0] != pictures[1], f"moving {name} did not change the picture"


def test_hand_rule_widget_controls_change_the_picture(threes_and_eights):
    demo = lesson.HandRuleDemo(*threes_and_eights[0])
    _drive(demo.widget(), demo)


def test_digit_reader_updates_and_controls():
    X, y = data.load_digits()
    X = X[:30] / 16
    net = layers.mlp([64, 8, 10], seed=0)
    demo = lesson.DigitReader(net, X, y[:30])
    for i in (0, 29):  # the slider's ends
        out = demo.update(index=i)
        assert out["true digit"] in range(10) and out["guess"] in range(10)
        assert isinstance(out["right"], bool)
    for i in (100, -5):  # outside the slider: an error in words, not a quietly different digit
        with pytest.raises(ValueError, match=r"index in \[0, 29\] \(the slider's range\)"):
            demo.update(index=i)
    _drive(demo.widget(), demo)


# --- exercise 1: a rule of your own -----------------------------------------------------

def left_ink(image):  # as the notebook writes it
    return image[2:6, 0:3].mean()


def is_eight_solution(image):  # the notebook's solution: another region, the left half
    return image[0:8, 0:4].mean() > 4.5


def test_is_eight_accepts_the_solution():
    fb = lesson.check_is_eight(is_eight_solution)
    assert fb.status == "correct" and "88.8%" in fb.message and "notebook's rule gets 86.9%" in fb.message


def test_is_eight_accepts_a_slice_of_ones_own():
    fb = lesson.check_is_eight(lambda image: image[2:6, 0:4].mean() > 3.5)
    assert fb.status == "correct" and "95.3%" in fb.message


def test_is_eight_stub_is_not_done():
    def is_eight(image):
        """stub"""
        ...
    assert lesson.check_is_eight(is_eight).status == "not done"


@pytest.mark.parametrize("answer", [True, False])
def test_is_eight_constant_answer_is_named(answer):
    def is_eight(image):
        return answer
    fb = lesson.check_is_eight(is_eight)
    assert fb.status == "wrong" and "for every image" in fb.message


@pytest.mark.parametrize("rule", [lambda image: left_ink(image) > 2.0,
                                  lambda image: image[2:6, 0:3].sum() > 30,
                                  lambda image: left_ink(image) >= 1.5])
def test_is_eight_the_notebooks_region_is_sent_elsewhere(rule):
    fb = lesson.check_is_eight(rule)
    assert fb.status == "wrong" and "notebook's own region" in fb.message
    assert "image[0:8, 0:4]" in fb.message  # the hint shows how a menu region is sliced


@pytest.mark.parametrize("rule, turned, words", [
    (lambda image: image[0:8, 0:4].mean() < 4.5, "88.8%", "enough to pass"),
    (lambda image: not image[0:8, 0:4].mean() > 4.5, "88.8%", "enough to pass"),
    (lambda image: image[3:5, 3:5].mean() < 12, "71.0%", "still short of 80%"),
    (lambda image: left_ink(image) < 2.0, "86.9%", "notebook's own rule"),
])
def test_is_eight_flipped_comparison_is_called_backwards(rule, turned, words):
    fb = lesson.check_is_eight(rule)
    assert fb.status == "wrong" and "backwards" in fb.message
    assert f"Turned around, the same rule gets {turned}" in fb.message and words in fb.message
    assert "`>` where you wrote `<`" in fb.message and "not yet 80%" not in fb.message


def test_is_eight_weak_rule_gets_accuracy_and_hint(threes_and_eights):
    def is_eight(image):
        return image.sum() > 330  # total ink: close to a coin toss
    fb = lesson.check_is_eight(is_eight)
    assert fb.status == "wrong" and "not yet 80%" in fb.message and "Hint" in fb.message
    assert "left half can" in fb.message  # which menu regions can reach the target
    # the message says what the notebook's rule gets, computed from the shared set-up
    X_test, y_test = threes_and_eights[1]
    right = np.mean([(left_ink(img) > 2.0) == bool(t) for img, t in zip(X_test, y_test)])
    assert f"the notebook's rule gets {right:.1%}" in fb.message


def test_is_eight_a_region_compared_pixel_by_pixel_or_not_at_all():
    fb = lesson.check_is_eight(lambda image: image[0:8, 0:4] > 4.5)
    assert fb.status == "wrong" and "32 True/False values" in fb.message and ".mean()" in fb.message
    fb = lesson.check_is_eight(lambda image: image[0:8, 0:4].mean())
    assert fb.status == "wrong" and "half a rule" in fb.message and "> t" in fb.message


def test_is_eight_hints_never_suggest_the_forbidden_region():
    for rule in (lambda image: "eight", lambda image: True, lambda image: image is None):
        fb = lesson.check_is_eight(rule)
        assert fb.status == "wrong" and "image[2:6, 0:3]" not in fb.message
        assert "image[0:8, 0:4]" in fb.message


@pytest.mark.parametrize("digit", [3, 8, 3.0])
def test_is_eight_returning_the_digit_is_named(digit):
    fb = lesson.check_is_eight(lambda image: 8 if image[0:8, 0:4].mean() > 4.5 else digit)
    assert fb.status == "wrong" and "returned the digit" in fb.message
    assert "True for an 8 and False for a 3" in fb.message and "half a rule" not in fb.message


def test_a_crash_in_a_lambda_says_on_which_line():
    fb = lesson.check_is_eight(lambda image: image[10, 10] > 0)
    assert fb.status == "error" and "It happened on line " in fb.message


def test_hand_rule_threshold_line_is_black_not_a_third_orange(threes_and_eights):
    import matplotlib.colors as mc
    demo = lesson.HandRuleDemo(*threes_and_eights[0])
    assert mc.to_hex(demo.line.get_color()) == "#000000"


def test_the_hand_rule_lives_in_one_place():
    region, threshold = lesson.HAND_RULE
    assert lesson.region_code(region) == "image[2:6, 0:3]" and threshold == 2.0
    imgs = np.random.default_rng(0).uniform(0, 16, (5, 8, 8))
    assert np.allclose(lesson.rule_feature(imgs), [left_ink(i) for i in imgs])


def test_is_eight_wrong_type_and_crash():
    def gives_text(image):
        return "eight"
    fb = lesson.check_is_eight(gives_text)
    assert fb.status == "wrong" and "True (an 8) or False" in fb.message

    def crashes(image):
        return image[10, 10] > 0
    fb = lesson.check_is_eight(crashes)
    assert fb.status == "error" and "IndexError" in fb.message


def test_is_eight_accepts_numpy_bools_and_zero_one():
    def zero_one(image):
        return int(image[0:8, 0:4].mean() > 4.5)
    assert lesson.check_is_eight(zero_one).status == "correct"
    assert lesson.check_is_eight(lambda image: float(image[0:8, 0:4].mean() > 4.5)).status == "correct"
    assert lesson.check_is_eight(lambda image: np.array(image[0:8, 0:4].mean() > 4.5)).status == "correct"


# --- exercise 2: rules or learned --------------------------------------------------------

SOLUTION = {"a": "rules", "b": "learned", "c": "learned", "d": "rules", "e": "learned"}


def test_rules_or_learned_solution_and_synonyms():
    assert lesson.check_rules_or_learned(SOLUTION).status == "correct"
    relaxed = {"A": "Rules ", "b": "ML", "c": "deep learning", "d": "rule", "e": "machine learning"}
    assert lesson.check_rules_or_learned(relaxed).status == "correct"


def test_rules_or_learned_feedback():
    assert lesson.check_rules_or_learned(None).status == "not done"
    assert lesson.check_rules_or_learned(["rules"]).status == "error"
    fb = lesson.check_rules_or_learned({"a": "rules"})
    assert fb.status == "wrong" and "b, c, d, e" in fb.message
    fb = lesson.check_rules_or_learned({**SOLUTION, "c": "magic"})
    assert fb.status == "wrong" and "'magic'" in fb.message
    fb = lesson.check_rules_or_learned({**SOLUTION, "a": "learned", "e": "rules"})
    assert fb.status == "wrong" and "3 of 5" in fb.message
    assert "a: not quite" in fb.message and "e: not quite" in fb.message
    assert "b: not quite" not in fb.message
    assert "thermostat's whole rule" in fb.message  # a question for the example that is wrong


def test_rules_or_learned_all_swapped_is_named():
    swapped = {k: "learned" if v == "rules" else "rules" for k, v in SOLUTION.items()}
    fb = lesson.check_rules_or_learned(swapped)
    assert fb.status == "wrong" and "0 of 5" in fb.message and "swap the two words" in fb.message
