"""Lesson 00's own tools: its interactives and its exercise checkers.

Introduced in notebooks/00_welcome. The shared bases live in helpers.widgets (`Interactive`,
`View`, `slider`) and helpers.checks (`Feedback`, `compare`, `known_mistake`, ...).
"""

from __future__ import annotations

import functools

import ipywidgets as w
import numpy as np

from .. import data, layers, plots, validate
from ..checks import Feedback, call, correct, fmt, not_done, wrong
from ..validate import as_array, choice
from ..widgets import Interactive, slider

# --- interactives ---

RULE_FEATURES = {
    "ink on the left, middle rows": (slice(2, 6), slice(0, 3)),
    "ink in the left half": (slice(0, 8), slice(0, 4)),
    "ink in the whole image": (slice(0, 8), slice(0, 8)),
    "ink in the centre": (slice(3, 5), slice(3, 5)),
}
HAND_RULE = ("ink on the left, middle rows", 2.0)  # the rule the notebook writes: (region, threshold)


def region_code(feature: str = HAND_RULE[0]) -> str:
    """A region of RULE_FEATURES as the learner writes it, e.g. ``"image[2:6, 0:3]"``.

    Introduced in notebooks/00_welcome, for the hints of `check_is_eight`.
    """
    rows, cols = RULE_FEATURES[_feature(feature, "region_code")]
    return f"image[{rows.start}:{rows.stop}, {cols.start}:{cols.stop}]"


def rule_feature(images, feature: str = HAND_RULE[0]) -> np.ndarray:
    """Average ink per pixel (0..16) in one region of each 8×8 image: (N, 8, 8) -> (N,).

    Introduced in notebooks/00_welcome, for the hand-written 3-vs-8 rule.
    """
    rows, cols = RULE_FEATURES[_feature(feature, "rule_feature")]
    imgs = _images(images, "rule_feature")
    return imgs[:, rows, cols].mean(axis=(1, 2))


def _feature(feature, where: str) -> str:
    """`feature` checked to be a region of RULE_FEATURES (a near miss is named)."""
    if isinstance(feature, str) and feature in RULE_FEATURES:
        return feature
    return choice(feature, "feature", where, RULE_FEATURES)


def _images(images, where: str) -> np.ndarray:
    """8×8 images as an (N, 8, 8) float array: (N, 8, 8), (N, 64), one (8, 8) or one (64,)."""
    imgs = as_array(images, "images", where)
    if imgs.ndim in (2, 3) and imgs.shape[-2:] == (8, 8):
        return imgs.reshape(-1, 8, 8)
    if imgs.ndim in (1, 2) and imgs.shape[-1] == 64:
        return imgs.reshape(-1, 8, 8)
    raise ValueError(f"{where}: expected images of shape (N, 8, 8) (or (N, 64), 64 ink values "
                     f"per image), got {imgs.shape}. Fix: pass the images of threes_and_eights().")


class HandRuleDemo(Interactive):
    """A hand-written rule for 3 vs 8: "it is an 8 when the ink in a region is above t".

    Histograms of the chosen region's ink for the 3s and the 8s, the threshold as a line,
    and the rule's accuracy. Controls: the region (Dropdown) and the threshold (slider).
    Introduced in notebooks/00_welcome.
    """

    def __init__(self, images, is_eight):
        self.images = _images(images, "HandRuleDemo")
        self.is_eight = validate.labels(is_eight, len(self.images), 2, "HandRuleDemo").astype(bool)
        self.edges = np.linspace(0, 16, 65)
        self.values = {f: rule_feature(self.images, f) for f in RULE_FEATURES}
        self.counts = {f: (np.histogram(v[~self.is_eight], self.edges)[0],
                           np.histogram(v[self.is_eight], self.edges)[0])
                       for f, v in self.values.items()}
        top = max(max(c3.max(), c8.max()) for c3, c8 in self.counts.values())
        self.fig, ax = plots.figure(6, 3.4)
        self.ax = ax
        self.span = ax.axvspan(0, 16, color=plots.PALETTE["orange"], alpha=0.12, lw=0,
                               label='rule says "8"')
        c3, c8 = self.counts[next(iter(RULE_FEATURES))]
        self.h3 = ax.stairs(c3, self.edges, color=plots.PALETTE["blue"], lw=2, label="real 3s")
        self.h8 = ax.stairs(c8, self.edges, color=plots.PALETTE["orange"], lw=2, label="real 8s")
        self.line = ax.axvline(0, color=plots.PALETTE["black"], lw=2, ls="--", label="threshold t")
        ax.set_xlim(0, 16)
        ax.set_ylim(0, top * 1.15)
        ax.set_xlabel("average ink per pixel in the region (0 = blank, 16 = full)")
        ax.set_ylabel("number of training images")
        ax.legend(loc="upper right", fontsize=9)
        self.title = ax.set_title("", fontsize=9)  # the longest region name still fits
        self.update()  # fill the titles before the layout is measured

    def animated(self) -> list:
        return [self.span, self.h3, self.h8, self.line, self.title]

    def update(self, feature: str = HAND_RULE[0], threshold: float = HAND_RULE[1]) -> dict:
        c3, c8 = self.counts[feature]
        self.h3.set_data(c3, self.edges)
        self.h8.set_data(c8, self.edges)
        t = float(threshold)
        self.line.set_xdata([t, t])
        self.span.set_x(t)
        self.span.set_width(16 - t)
        says_eight = self.values[feature] > t
        acc = float(np.mean(says_eight == self.is_eight))
        self.title.set_text(f"Rule: an 8 if {feature} > {t:.2f}  →  {acc:.1%} right")
        return {"accuracy": f"{acc:.1%}",
                "3s called 8": int(np.sum(says_eight & ~self.is_eight)),
                "8s called 3": int(np.sum(~says_eight & self.is_eight))}

    def controls(self) -> dict:
        return {"feature": w.Dropdown(options=list(RULE_FEATURES), value=HAND_RULE[0],
                                      description="region", layout=w.Layout(width="300px")),
                "threshold": slider("threshold t", HAND_RULE[1], 0.0, 16.0, 0.25)}


class DigitReader(Interactive):
    """One test digit and the network's probability for each class 0..9.

    ``model`` is any helpers model whose forward gives 10 scores; ``X`` (N, 64) scaled the
    way the model was trained; ``y`` the true labels. Control: which test digit (slider).
    Introduced in notebooks/00_welcome.
    """

    def __init__(self, model, X, y):
        where = "DigitReader"
        if not callable(getattr(model, "forward", None)) or isinstance(model, type):
            raise TypeError(f"{where}: expected model to be a network with a forward method (such "
                            f"as layers.mlp([64, 32, 10])), got {validate._describe(model)}.")
        self.X = as_array(X, "X", where, shape=(None, 64))
        self.y = validate.labels(y, len(self.X), 10, where)
        with np.errstate(all="ignore"):
            scores = model.forward(self.X)
        scores = as_array(scores, "the model's output", where, finite=False)
        if scores.shape != (len(self.X), 10):
            raise ValueError(f"{where}: expected the model to give 10 scores per digit, shape "
                             f"({len(self.X)}, 10), got {scores.shape}. Fix: a digits network "
                             "ends in 10 outputs, e.g. layers.mlp([64, 32, 10]).")
        if not np.all(np.isfinite(scores)):
            raise validate.NotFiniteError(f"{where}: the model's scores contain NaN or infinity, "
                                          "so it diverged while training. Fix: train it again "
                                          "with a smaller learning rate.")
        self.probs = layers.softmax(scores)
        self.fig, (ax_img, ax_bar) = plots.figure(6, 2.8, ncols=2, width_ratios=[1, 1.6])
        self.image = ax_img.imshow(self.X[0].reshape(8, 8), cmap="gray_r", vmin=0,
                                   vmax=float(self.X.max()) or 1.0, interpolation="nearest")
        ax_img.axis("off")
        self.img_title = ax_img.set_title("")
        self.bars, self.bar_title = plots.probability_bars(ax_bar, self.probs[0])
        self.update()

    def animated(self) -> list:
        return [self.image, self.img_title, *self.bars, self.bar_title]

    def update(self, index: int = 0) -> dict:
        i = int(np.clip(index, 0, len(self.X) - 1))
        p = self.probs[i]
        guess = int(p.argmax())
        right = guess == int(self.y[i])
        self.image.set_data(self.X[i].reshape(8, 8))
        for k, bar in enumerate(self.bars):
            bar.set_height(p[k])
            bar.set_color(plots.PALETTE["sky"])
        self.bars[guess].set_color(plots.PALETTE["green"] if right else plots.PALETTE["vermillion"])
        self.img_title.set_text(f"test digit #{i}: a {int(self.y[i])}")
        self.bar_title.set_text(f"guess: {guess} ({p[guess]:.0%} sure), {'right' if right else 'wrong'}")
        return {"true digit": int(self.y[i]), "guess": guess, "probability": f"{p[guess]:.1%}",
                "right": right}

    def controls(self) -> dict:
        return {"index": w.IntSlider(value=0, min=0, max=len(self.X) - 1, description="test digit",
                                     continuous_update=True, layout=w.Layout(width="400px"))}


# --- the lesson's set-up, shared by the notebook and its checkers ---

def threes_and_eights(seed: int = 0):
    """The 3s and 8s of the digits, split 70/30: ((X_train, y_train), (X_test, y_test)).

    X holds 8×8 images (N, 8, 8) with ink 0..16; y is 1 for an 8 and 0 for a 3. The notebook
    looks at the training part and `check_is_eight` tests a rule on the test part.
    Introduced in notebooks/00_welcome (the hand-written rule against the learned one).
    """
    seed = validate.positive_int(seed, "seed", "threes_and_eights", minimum=0)
    X, y = data.load_digits()
    keep = (y == 3) | (y == 8)
    parts = data.stratified_split(X[keep], (y[keep] == 8).astype(np.int64), (0.7, 0.3), seed=seed)
    return [(Xp.reshape(-1, 8, 8), yp) for Xp, yp in parts]


@functools.cache
def _test_threes_and_eights():
    return threes_and_eights()[1]


# --- exercise checkers ---

def check_is_eight(fn, target: float = 0.8) -> Feedback:
    """Run the learner's rule `fn(image) -> True for an 8` on the held-out 3s and 8s.

    Correct when it gets at least `target` of them right (the notebook says 80 %) with a
    region of its own: a rule that splits the images exactly as a threshold on the notebook's
    region (HAND_RULE) does is told to look elsewhere. A rule that has it backwards (most
    answers inverted, e.g. `<` where `>` is meant) is told so, with what it would get turned
    around; a rule that falls short hears which regions of the menu can reach the target.

    Introduced in notebooks/00_welcome.
    """
    name = getattr(fn, "__name__", "your rule")
    X, y = _test_threes_and_eights()
    region, threshold = region_code(), HAND_RULE[1]
    other = region_code("ink in the left half")  # hints show a region the exercise allows
    guesses = []
    for image in X:
        got, problem = call(fn, image.copy())
        if problem is not None:
            return problem
        if isinstance(got, np.ndarray) and got.size == 1 and got.dtype.kind in "bi":
            got = got.reshape(()).item()
        if isinstance(got, (bool, np.bool_)) or (isinstance(got, (int, float, np.integer, np.floating))
                                                  and got in (0, 1)):
            guesses.append(bool(got))
        elif isinstance(got, np.ndarray) and got.dtype == bool:
            return wrong(f"`{name}` returned {got.size} True/False values (shape {got.shape}) for "
                         "one image: it compared every pixel with the threshold on its own. It "
                         "should return one True (an 8) or False (a 3).",
                         "average the region first, then compare: `return image[rows, "
                         "columns].mean() > t`, with your own region and threshold t.")
        elif isinstance(got, (float, np.floating, int, np.integer)) and got in (3, 8):
            return wrong(f"`{name}` returned the digit {fmt(got)}; return True for an 8 and "
                         "False for a 3.",
                         "end with a comparison, which gives True or False: `return ink > t`, "
                         "not `return 8 if ... else 3`.")
        elif isinstance(got, (float, np.floating, int, np.integer)):
            return wrong(f"`{name}` returned the number {fmt(got)} for one image; it should "
                         "return True (an 8) or False (a 3). An amount of ink is half a rule.",
                         "compare that number with a threshold: `return ink > t` gives True or "
                         "False.")
        else:
            return wrong(f"`{name}` returned {fmt(got)} ({type(got).__name__}) for one image; "
                         "it should return True (an 8) or False (a 3).",
                         f"end your rule with a comparison, like `return {other}.mean() > t` "
                         "(t your threshold), which gives True or False.")
    guesses = np.array(guesses)
    truth = y == 1
    acc = float(np.mean(guesses == truth))
    n_wrong = int(np.sum(guesses != truth))
    score = f"Your rule gets {acc:.1%} of the {len(y)} test images right ({n_wrong} mistakes)."
    if guesses.all() or not guesses.any():
        says = "8" if guesses.all() else "3"
        return wrong(f"`{name}` says {says} for every image. {score} That is what always "
                     "guessing the same answer gives: your threshold may be above (or below) the "
                     "ink of every image, or the rule may not look at the image at all.",
                     f"compare an amount of ink (e.g. {other}.mean()) with a threshold inside "
                     "the range of the ink values (the slider above shows them).")
    feature = rule_feature(X)
    if acc < 0.5:
        turned = 1 - acc
        then = ("enough to pass" if turned >= target else
                f"still short of {target:.0%}: then try another threshold or region too")
        if feature[~guesses].min() > feature[guesses].max():
            then = ("but turned around it is the notebook's own rule, and this exercise asks "
                    "for a region of your own")
        threes_as_8 = int(np.sum(guesses & ~truth))
        eights_as_3 = int(np.sum(~guesses & truth))
        return wrong(f"{score} That is worse than guessing at random: your rule has it "
                     f"backwards. It calls {threes_as_8} of the {int(np.sum(~truth))} 3s an 8 and "
                     f"{eights_as_3} of the {int(np.sum(truth))} 8s a 3: its comparison points "
                     f"the wrong way. Turned around, the same rule gets {turned:.1%} ({then}).",
                     "turn the comparison around: `>` where you wrote `<` (or `<` where you wrote "
                     "`>`), or swap True and False. Say 8 on the side of the threshold where the "
                     "8s' hump lies in the picture above.")
    if feature[guesses].min() > feature[~guesses].max():
        return wrong(f"{score} But your rule sorts the images exactly as a threshold on the "
                     f"notebook's own region ({HAND_RULE[0]}: {region}) does, so it is the rule "
                     "above again. This exercise asks for a rule of your own, on another region.",
                     "pick another region in the menu above (the printout under it says which "
                     "reach 80 %), find its best threshold with the slider, and write the region "
                     "as a slice: the left half is image[0:8, 0:4], the centre image[3:5, 3:5]. "
                     "Or try a slice you invent.")
    if acc < target:
        lesson_acc = float(np.mean((feature > threshold) == truth))
        return wrong(f"{score} That is not yet {target:.0%} (the notebook's rule gets "
                     f"{lesson_acc:.1%} of these images).",
                     "look at the printout above the exercise: the whole image and the centre "
                     "cannot reach 80 % with any threshold, the left half can. In the menu, pick "
                     "a region, move the threshold to where the two humps overlap least, and use "
                     "that number. Or look where an 8 has ink and a 3 has none, and slice that.")
    return correct(f"Correct! {score} The notebook's rule gets "
                   f"{float(np.mean((feature > threshold) == truth)):.1%}. Keep these numbers "
                   "in mind for the learned model below.")


RULES_OR_LEARNED = {
    "a": ("rules", "the thermostat follows one line a person wrote: below 19 °C, heat."),
    "b": ("learned", "nobody can list every spam trick; the filter found the patterns in emails people marked."),
    "c": ("learned", "no one can write down your face as rules; the phone learned it from pictures of you."),
    "d": ("rules", "tax brackets are written in the law; the program just follows them."),
    "e": ("learned", "speech sounds differ for every voice and room; the patterns come from hours of recordings."),
}
_NUDGES = {  # a question for each example, asked when its answer is wrong
    "a": "Could you write the thermostat's whole rule in one line?",
    "b": "Could anyone list every trick spammers will ever use? What did the filter see?",
    "c": "Could you write down, step by step, what makes a face yours and no one else's?",
    "d": "Where do tax brackets come from: from examples, or from a law people wrote?",
    "e": "Could you write rules that cover every voice, accent and noisy room?",
}
_SYNONYMS = {"rules": "rules", "rule": "rules", "learned": "learned", "learnt": "learned",
             "learning": "learned", "ml": "learned", "machine learning": "learned",
             "dl": "learned", "deep learning": "learned"}


def check_rules_or_learned(answers) -> Feedback:
    """`answers`: a dict {"a": "rules" or "learned", ...} for the five examples in 00_welcome.

    Introduced in notebooks/00_welcome.
    """
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
        lines = [f"{k}: not quite. {_NUDGES[k]}" for k in mistakes]
        if len(mistakes) == len(RULES_OR_LEARNED):
            lines.append("Every answer is the other way round: did you swap the two words? "
                         "'rules' means a person wrote the steps; 'learned' means the program "
                         "found them in examples.")
        return wrong(f"{len(RULES_OR_LEARNED) - len(mistakes)} of {len(RULES_OR_LEARNED)} right.\n"
                     + "\n".join(lines),
                     "for each one, ask: could a person write the exact steps down?")
    return correct("Correct, all five! " + " ".join(f"({k}) {why}" for k, (_, why) in RULES_OR_LEARNED.items()))
