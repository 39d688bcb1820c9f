"""Errors that teach, for the interactives and the lessons' set-up functions.

Every interactive's ``update(**values)`` is checked against its own controls (a slider's
range and whole-number-ness, a dropdown's options, a checkbox's True/False) and refuses an
unknown name with the nearest known one; constructors and set-up functions check what they
are given. One table, as in tests/test_errors.py: (case id, a call that must fail, the
exception type, words the message must contain). Objects are built once and shared: a
refused update changes nothing.
"""

from __future__ import annotations

import functools
from types import SimpleNamespace

import ipywidgets as w
import numpy as np
from _errors import bad_input_test
from matplotlib.figure import Figure

from helpers import layers, plots
from helpers import widgets as wd
from helpers.lessons import l00_welcome as l00
from helpers.lessons import l01_the_neuron as l01
from helpers.lessons import l02_weights_and_biases as l02
from helpers.lessons import l03_layers as l03
from helpers.lessons import l04_forward_pass as l04
from helpers.lessons import l05_loss as l05
from helpers.lessons import l06_backprop as l06
from helpers.lessons import l07_optimizers as l07
from helpers.lessons import l08_training_loop as l08
from helpers.lessons import l09_capstone_handwriting as l09
from helpers.playground import Playground
from helpers.value import Value

NAN, INF = float("nan"), float("inf")


class Dial(wd.Interactive):
    """The smallest interactive: one control of each kind, and an update that echoes them."""

    def __init__(self):
        self.fig = plots.figure(2, 2)[0]

    def controls(self):
        return {"level": wd.slider("level", 1.0, 0.0, 5.0),
                "mode": w.Dropdown(options=[("first", "a"), ("second", "b")], value="a"),
                "on": w.Checkbox(value=False),
                "count": w.IntSlider(value=1, min=1, max=10)}

    def update(self, level=1.0, mode="a", on=False, count=1):
        return {"level": level, "mode": mode, "on": on, "count": count}


# --- shared objects, built on first use ---

@functools.cache
def dial():
    return Dial()


@functools.cache
def images():
    return l00.threes_and_eights()[0]


@functools.cache
def digits_net():
    return layers.mlp([64, 10], seed=0)


@functools.cache
def hand_rule():
    return l00.HandRuleDemo(*images())


@functools.cache
def reader():
    X = np.random.default_rng(0).uniform(0, 1, (5, 64))
    return l00.DigitReader(digits_net(), X, np.arange(5))


@functools.cache
def neuron():
    return l01.NeuronDemo()


@functools.cache
def boundary():
    return l02.NeuronBoundary()


@functools.cache
def randoms():
    return l03.RandomNetworks()


@functools.cache
def stepper():
    return l04.ForwardStepper()


@functools.cache
def linefit():
    return l05.LineFitLoss()


@functools.cache
def backward():
    return l06.BackwardStepper()


@functools.cache
def race():
    return l07.OptimizerRace()


@functools.cache
def pad():
    return l09.DigitPad(digits_net())


@functools.cache
def playground():
    return Playground()


@functools.cache
def curve():
    return wd.LossCurve(10)


def history(train_loss, val_loss=()):
    """A history as fit would record it (a plain object: train.History checks its own lists)."""
    return SimpleNamespace(train_loss=list(train_loss), val_loss=list(val_loss))


def png():
    return plots.to_png(plots.figure(1, 1)[0])


def nan_weights():
    model = layers.mlp([2, 3, 3, 3], seed=9)
    model.layers[0].params["W"][0, 0] = np.nan
    return model


X3_64 = np.ones((3, 64))
RANGE = r"expected {} in \[{}\] \(the slider's range\), got {}"


CASES = [
    # --- widgets.Interactive: every subclass's update is checked against its controls ---
    ("Interactive.update out of the slider's range", lambda: dial().update(level=9), ValueError,
     r"Dial\.update: expected level in \[0, 5\] \(the slider's range\), got 9"),
    ("Interactive.update string", lambda: dial().update(level="1"), TypeError,
     r"Dial\.update: expected level to be a number in \[0, 5\].*got str '1'.*level=2\.5"),
    ("Interactive.update None", lambda: dial().update(level=None), TypeError,
     r"level to be a number.*got None"),
    ("Interactive.update nan", lambda: dial().update(level=NAN), ValueError,
     r"level to be a finite number in \[0, 5\].*got nan"),
    ("Interactive.update inf", lambda: dial().update(level=-INF), ValueError, r"finite number.*-inf"),
    ("Interactive.update array", lambda: dial().update(level=np.ones(2)), TypeError,
     r"level to be a number.*array of shape \(2,\).*pass one number"),
    ("Interactive.update option case", lambda: dial().update(mode="A"), ValueError,
     r"mode must be one of 'a', 'b'.*Did you mean 'a'\?"),
    ("Interactive.update option list", lambda: dial().update(mode=["a"]), TypeError,
     r"mode to be one of 'a', 'b' \(the dropdown's options\), got a list"),
    ("Interactive.update checkbox number", lambda: dial().update(on=1), TypeError,
     r"on to be True or False.*got int 1"),
    ("Interactive.update int slider fraction", lambda: dial().update(count=2.5), ValueError,
     r"count to be a whole number in \[1, 10\].*got 2\.5.*count=2"),
    ("Interactive.update int slider string", lambda: dial().update(count="3"), TypeError,
     r"count to be a whole number"),
    ("Interactive.update unknown name", lambda: dial().update(levle=1.0), TypeError,
     r"Dial\.update: got an unknown name 'levle'.*Did you mean 'level'\?"),
    ("Interactive.update too many by position", lambda: dial().update(1, "a", False, 1, 5), TypeError,
     r"got 5 value\(s\) by position but takes at most 4"),
    ("Interactive.update twice", lambda: dial().update(1.0, level=2.0), TypeError,
     r"two values for level"),
    # --- widgets.View, with_picture, figure_image, acts_later, slider ---
    ("View children None", lambda: wd.View(None, w.Image(), "a picture"), TypeError,
     r"View: expected children to be a non-empty list of widgets, got None"),
    ("View child number", lambda: wd.View([w.HTML(), 3], w.Image(), "a picture"), TypeError,
     r"every child to be an ipywidgets widget, got int 3 at position 1"),
    ("View picture None", lambda: wd.View([w.HTML()], None, "a picture"), TypeError,
     r"picture to be an ipywidgets Image.*got None"),
    ("View picture string", lambda: wd.View([w.HTML()], "fig.png", "a picture"), TypeError,
     r"picture to be an ipywidgets Image.*str 'fig\.png'"),
    ("View summary None", lambda: wd.View([w.HTML()], w.Image(), None), TypeError,
     r"View: expected summary to be a string"),
    ("View summary two lines", lambda: wd.View([w.HTML()], w.Image(), "one\ntwo"), ValueError,
     r"summary on one line, got 2 lines"),
    ("View unknown keyword", lambda: wd.View([w.HTML()], w.Image(), "a picture", layuot=None), TypeError,
     r"unknown name 'layuot'.*Did you mean 'layout'\?"),
    ("with_picture png None", lambda: wd.with_picture({}, None, "a picture"), TypeError,
     r"with_picture: expected png to be the bytes of a PNG picture.*got None"),
    ("with_picture png string", lambda: wd.with_picture({}, "picture.png", "a picture"), TypeError,
     r"bytes of a PNG picture.*str 'picture\.png'"),
    ("with_picture not a png", lambda: wd.with_picture({}, b"GIF89a...", "a picture"), TypeError,
     r"bytes that are not a PNG"),
    ("with_picture summary empty", lambda: wd.with_picture({}, png(), "  "), ValueError,
     r"summary is empty"),
    ("with_picture bundle list", lambda: wd.with_picture([1, 2], png(), "a picture"), TypeError,
     r"bundle to be a display bundle.*got a list of length 2"),
    ("figure_image None", lambda: wd.figure_image(None), TypeError,
     r"figure_image: expected fig to be a matplotlib Figure, got None.*plots\.figure"),
    ("figure_image axes", lambda: wd.figure_image(plots.figure(2, 2)[1]), TypeError,
     r"Figure, got Axes.*pass ax\.figure"),
    ("figure_image string", lambda: wd.figure_image("figure.png"), TypeError, r"got str 'figure\.png'"),
    ("figure_image class", lambda: wd.figure_image(Figure), TypeError,
     r"the class Figure itself"),
    ("figure_image unknown keyword", lambda: wd.figure_image(plots.figure(2, 2)[0], widht=3),
     TypeError, r"unknown name 'widht'"),
    ("figure_image value not bytes", lambda: wd.figure_image(plots.figure(2, 2)[0], value="x"),
     TypeError, r"value to be PNG bytes"),
    ("acts_later None", lambda: wd.acts_later(None), TypeError,
     r"acts_later: expected control to be an ipywidgets control, got None"),
    ("acts_later string", lambda: wd.acts_later("lr"), TypeError, r"got str 'lr'"),
    ("acts_later class", lambda: wd.acts_later(w.FloatSlider), TypeError,
     r"the class FloatSlider itself"),
    ("acts_later list", lambda: wd.acts_later([w.FloatSlider()]), TypeError,
     r"got a list of length 1.*each control on its own"),
    ("acts_later layout", lambda: wd.acts_later(w.Layout()), TypeError, r"got Layout"),
    ("slider description None", lambda: wd.slider(None, 0.5, 0, 1), TypeError,
     r"slider: expected description to be a string"),
    ("slider value nan", lambda: wd.slider("w", NAN, 0, 1), ValueError,
     r"slider: expected value in \[0\.0, 1\.0\], got nan"),
    ("slider min above max", lambda: wd.slider("w", 0.5, 3, -3), ValueError,
     r"min < max, got min=3 and max=-3.*swap"),
    ("slider value outside", lambda: wd.slider("w", 9, -3, 3), ValueError, r"value in \[-3\.0, 3\.0\], got 9"),
    ("slider step zero", lambda: wd.slider("w", 0.5, 0, 1, 0), ValueError, r"step in \(0"),
    ("slider max string", lambda: wd.slider("w", 0.5, 0, "1"), TypeError, r"max to be a number, got str"),
    ("slider unknown keyword", lambda: wd.slider("w", 0.5, 0, 1, readoutformat=".2f"), TypeError,
     r"unknown name 'readoutformat'.*Did you mean 'readout_format'\?"),
    # --- widgets.LossCurve ---
    ("LossCurve epochs 0", lambda: wd.LossCurve(0), ValueError, r"LossCurve: expected epochs >= 1, got 0"),
    ("LossCurve epochs float", lambda: wd.LossCurve(2.5), TypeError, r"epochs to be a whole number"),
    ("LossCurve epochs None", lambda: wd.LossCurve(None), TypeError, r"epochs to be a whole number, got None"),
    ("LossCurve title None", lambda: wd.LossCurve(10, title=None), TypeError, r"title to be a string"),
    ("LossCurve redraws 0", lambda: wd.LossCurve(10, redraws=0), ValueError, r"redraws >= 1"),
    ("LossCurve.update nan loss", lambda: curve().update(history([0.7, NAN])), ValueError,
     r"LossCurve\.update: the train loss became NaN at epoch 2: the training diverged.*lower the "
     r"learning rate"),
    ("LossCurve.update inf validation loss", lambda: curve().update(history([0.7], [INF])), ValueError,
     r"val loss became infinite at epoch 1.*diverged"),
    ("LossCurve.update None", lambda: curve().update(None), TypeError,
     r"history to be a train\.History.*got None"),
    ("LossCurve.update list", lambda: curve().update([0.7, 0.5]), TypeError,
     r"train\.History.*got a list of length 2"),
    ("LossCurve.update strings", lambda: curve().update(history(["0.7"] * 2 + ["low"])), TypeError,
     r"history\.train_loss to be a list of numbers"),
    ("LossCurve.update more validation losses", lambda: curve().update(history([0.7], [0.7, 0.6])),
     ValueError, r"2 validation losses but only 1 training losses"),
    ("LossCurve.callback epoch 0", lambda: curve().callback(0, history([0.7]), None), ValueError,
     r"LossCurve\.callback: expected epoch >= 1"),
    # --- playground.Playground ---
    ("Playground dataset case", lambda: Playground(dataset="Moons"), ValueError,
     r"Playground: dataset must be one of 'moons'.*Did you mean 'moons'\?"),
    ("Playground batch 0", lambda: Playground(batch_size=0), ValueError,
     r"Playground: expected batch_size in \[1, 150\] \(the slider's range\), got 0"),
    ("Playground lr negative", lambda: Playground(lr=-1), ValueError, r"expected lr in \[0\.0001, 10\]"),
    ("Playground noise nan", lambda: Playground(noise=NAN), ValueError, r"noise to be a finite number"),
    ("Playground width fraction", lambda: Playground(width=2.5), ValueError, r"width to be a whole number"),
    ("Playground activation None", lambda: Playground(activation=None), ValueError,
     r"activation must be one of 'relu'.*got None"),
    ("Playground seed negative", lambda: Playground(seed=-1), ValueError, r"seed >= 0, got -1"),
    ("Playground resolution string", lambda: Playground(resolution="50"), TypeError,
     r"resolution to be a whole number, got str"),
    ("Playground.update batch 0", lambda: playground().update(batch_size=0), ValueError,
     RANGE.format("batch_size", "1, 150", "0")),
    ("Playground.update dataset case", lambda: playground().update(dataset="Moons"), ValueError,
     r"Playground\.update: dataset must be one of.*Did you mean 'moons'\?"),
    ("Playground.update lr negative", lambda: playground().update(lr=-1), ValueError,
     RANGE.format("lr", "0.0001, 10", "-1")),
    ("Playground.update lr inf", lambda: playground().update(lr=INF), ValueError, r"finite number"),
    ("Playground.update misspelt", lambda: playground().update(batchsize=10), TypeError,
     r"unknown name 'batchsize'.*Did you mean 'batch_size'\?"),
    ("Playground.update optimizer label", lambda: playground().update(optimizer="Adam"), ValueError,
     r"optimizer must be one of 'sgd', 'momentum', 'rmsprop', 'adam'.*Did you mean 'adam'\?"),
    ("Playground.update noise None", lambda: playground().update(noise=None), TypeError,
     r"noise to be a number.*got None"),
    ("Playground.update width string", lambda: playground().update(width="8"), TypeError,
     r"width to be a whole number.*got str '8'"),
    # --- l00_welcome ---
    ("l00_welcome.region_code case", lambda: l00.region_code("Ink in the centre"), ValueError,
     r"region_code: feature must be one of.*Did you mean 'ink in the centre'\?"),
    ("region_code None", lambda: l00.region_code(None), ValueError, r"feature must be one of.*got None"),
    ("region_code number", lambda: l00.region_code(3), ValueError, r"got int 3"),
    ("region_code list", lambda: l00.region_code(["ink in the centre"]), ValueError, r"got a list"),
    ("region_code empty", lambda: l00.region_code(""), ValueError, r"got str ''"),
    ("rule_feature None", lambda: l00.rule_feature(None), TypeError,
     r"rule_feature: expected images to be numbers.*got None"),
    ("rule_feature strings", lambda: l00.rule_feature([["a"] * 64]), TypeError, r"images to be numbers"),
    ("rule_feature shape", lambda: l00.rule_feature(np.ones((3, 63))), ValueError,
     r"images of shape \(N, 8, 8\).*got \(3, 63\)"),
    ("rule_feature empty", lambda: l00.rule_feature(np.ones((0, 8, 8))), ValueError, r"images is empty"),
    ("rule_feature nan", lambda: l00.rule_feature(np.full((2, 64), NAN)), ValueError, r"128 NaN"),
    ("rule_feature feature", lambda: l00.rule_feature(X3_64, "left half"), ValueError,
     r"feature must be one of.*Did you mean 'ink in the left half'\?"),
    ("threes_and_eights seed negative", lambda: l00.threes_and_eights(-1), ValueError, r"seed >= 0, got -1"),
    ("threes_and_eights seed float", lambda: l00.threes_and_eights(1.5), TypeError, r"seed to be a whole number"),
    ("threes_and_eights seed string", lambda: l00.threes_and_eights("0"), TypeError, r"got str '0'"),
    ("threes_and_eights seed None", lambda: l00.threes_and_eights(None), TypeError, r"got None"),
    ("threes_and_eights seed bool", lambda: l00.threes_and_eights(True), TypeError, r"got bool True"),
    ("HandRuleDemo images None", lambda: l00.HandRuleDemo(None, [0, 1]), TypeError,
     r"HandRuleDemo: expected images to be numbers.*got None"),
    ("HandRuleDemo labels mismatch", lambda: l00.HandRuleDemo(X3_64, [0, 1]), ValueError,
     r"expected y of shape \(3,\)"),
    ("HandRuleDemo labels 2", lambda: l00.HandRuleDemo(X3_64, [0, 1, 2]), ValueError,
     r"labels must be in 0\.\.1"),
    ("HandRuleDemo images nan", lambda: l00.HandRuleDemo(np.full((3, 64), NAN), [0, 1, 1]), ValueError,
     r"images contains 192 NaN"),
    ("HandRuleDemo images empty", lambda: l00.HandRuleDemo(np.ones((0, 64)), []), ValueError, r"empty"),
    ("HandRuleDemo.update feature case", lambda: hand_rule().update(feature="Ink in the centre"),
     ValueError, r"HandRuleDemo\.update: feature must be one of.*Did you mean 'ink in the centre'\?"),
    ("HandRuleDemo.update threshold 20", lambda: hand_rule().update(threshold=20), ValueError,
     RANGE.format("threshold", "0, 16", "20")),
    ("HandRuleDemo.update threshold string", lambda: hand_rule().update(threshold="2"), TypeError,
     r"threshold to be a number"),
    ("HandRuleDemo.update threshold nan", lambda: hand_rule().update(threshold=NAN), ValueError,
     r"finite number"),
    ("HandRuleDemo.update misspelt", lambda: hand_rule().update(treshold=2.0), TypeError,
     r"unknown name 'treshold'.*Did you mean 'threshold'\?"),
    ("DigitReader model None", lambda: l00.DigitReader(None, X3_64, [0, 1, 2]), TypeError,
     r"DigitReader: expected model to be a network with a forward method.*got None"),
    ("DigitReader model class", lambda: l00.DigitReader(layers.Sequential, X3_64, [0, 1, 2]), TypeError,
     r"the class Sequential itself"),
    ("DigitReader X shape", lambda: l00.DigitReader(digits_net(), np.ones((3, 63)), [0, 1, 2]),
     ValueError, r"expected X of shape \(N, 64\), got \(3, 63\)"),
    ("DigitReader labels 10", lambda: l00.DigitReader(digits_net(), X3_64, [0, 1, 10]), ValueError,
     r"labels must be in 0\.\.9"),
    ("DigitReader labels mismatch", lambda: l00.DigitReader(digits_net(), X3_64, [0, 1]), ValueError,
     r"y of shape \(3,\)"),
    ("DigitReader outputs", lambda: l00.DigitReader(layers.mlp([64, 3]), X3_64, [0, 1, 2]), ValueError,
     r"10 scores per digit.*got \(3, 3\)"),
    ("DigitReader.update index -1", lambda: reader().update(index=-1), ValueError,
     RANGE.format("index", "0, 4", "-1")),
    ("DigitReader.update index fraction", lambda: reader().update(index=2.5), ValueError, r"whole number"),
    ("DigitReader.update index string", lambda: reader().update(index="3"), TypeError, r"got str '3'"),
    ("DigitReader.update past the end", lambda: reader().update(index=5), ValueError, r"\[0, 4\]"),
    ("DigitReader.update misspelt", lambda: reader().update(idx=1), TypeError,
     r"unknown name 'idx'.*knows are index"),
    # --- l01_the_neuron ---
    ("NeuronDemo x None", lambda: l01.NeuronDemo(x=None), TypeError, r"NeuronDemo: expected x to be numbers.*None"),
    ("NeuronDemo two inputs", lambda: l01.NeuronDemo([1.0, 2.0], [1.0, 2.0], 0.0), ValueError,
     r"three inputs and three weights"),
    ("NeuronDemo w strings", lambda: l01.NeuronDemo(w=["a", "b", "c"]), TypeError, r"w to be numbers"),
    ("NeuronDemo b nan", lambda: l01.NeuronDemo(b=NAN), ValueError, r"NeuronDemo: expected b in"),
    ("NeuronDemo start outside the sliders", lambda: l01.NeuronDemo(x=(5.0, 0.0, 0.0)), ValueError,
     r"NeuronDemo: expected x1 in \[-2, 2\] \(the slider's range\), got 5\.0"),
    ("NeuronDemo.update w1 9", lambda: neuron().update(w1=9), ValueError,
     r"NeuronDemo\.update: expected w1 in \[-3, 3\] \(the slider's range\), got 9"),
    ("NeuronDemo.update string", lambda: neuron().update(w1="1"), TypeError, r"w1 to be a number.*str '1'"),
    ("NeuronDemo.update None", lambda: neuron().update(b=None), TypeError, r"b to be a number.*None"),
    ("NeuronDemo.update nan", lambda: neuron().update(x2=NAN), ValueError, r"x2 to be a finite number"),
    ("NeuronDemo.update misspelt", lambda: neuron().update(W1=1.0), TypeError,
     r"unknown name 'W1'.*Did you mean 'w1'\?"),
    ("NeuronDemo.update array", lambda: neuron().update(w1=np.ones(3)), TypeError, r"array of shape \(3,\)"),
    ("NeuronDemo.update by position", lambda: neuron().update(1.0), TypeError,
     r"got 1 value\(s\) by position but takes at most 0.*name each value"),
    # --- l02_weights_and_biases ---
    ("boundary_data case", lambda: l02.boundary_data("Blobs"), ValueError,
     r"boundary_data: name must be one of 'blobs'.*Did you mean 'blobs'\?"),
    ("boundary_data None", lambda: l02.boundary_data(None), ValueError, r"got None"),
    ("boundary_data number", lambda: l02.boundary_data(3), ValueError, r"got int 3"),
    ("boundary_data list", lambda: l02.boundary_data(["XOR"]), ValueError, r"got a list"),
    ("boundary_data gate case", lambda: l02.boundary_data("xor"), ValueError, r"Did you mean 'XOR'\?"),
    ("describe_boundary None", lambda: l02.describe_boundary(None, 1.0, 0.0), TypeError,
     r"describe_boundary: expected w1 to be a number, got None"),
    ("describe_boundary string", lambda: l02.describe_boundary(1.0, "2", 0.0), TypeError, r"w2 to be a number"),
    ("describe_boundary nan", lambda: l02.describe_boundary(1.0, 1.0, NAN), ValueError, r"expected b in.*nan"),
    ("describe_boundary inf", lambda: l02.describe_boundary(INF, 1.0, 0.0), ValueError, r"got inf"),
    ("describe_boundary array", lambda: l02.describe_boundary(np.ones(2), 1.0, 0.0), TypeError,
     r"array of shape \(2,\)"),
    ("NeuronBoundary.update data case", lambda: boundary().update(data="Blobs"), ValueError,
     r"NeuronBoundary\.update: data must be one of.*Did you mean 'blobs'\?"),
    ("NeuronBoundary.update w1 9", lambda: boundary().update(w1=9), ValueError, RANGE.format("w1", "-3, 3", "9")),
    ("NeuronBoundary.update b nan", lambda: boundary().update(b=NAN), ValueError, r"finite number in \[-5, 5\]"),
    ("NeuronBoundary.update string", lambda: boundary().update(w2="x"), TypeError, r"w2 to be a number"),
    ("NeuronBoundary.update misspelt", lambda: boundary().update(bias=1.0), TypeError,
     r"unknown name 'bias'.*knows are w1, w2, b, data"),
    ("NeuronBoundary.update data None", lambda: boundary().update(data=None), ValueError, r"got None"),
    ("best_line_accuracy X None", lambda: l02.best_line_accuracy(None, [0, 1], [0.0]), TypeError,
     r"best_line_accuracy: expected X to be numbers.*None"),
    ("best_line_accuracy X shape", lambda: l02.best_line_accuracy(np.ones((4, 3)), [0, 1, 1, 0], [0.0]),
     ValueError, r"X of shape \(N, 2\), got \(4, 3\)"),
    ("best_line_accuracy labels mismatch", lambda: l02.best_line_accuracy(l02.GATE_X, [0, 1], [0.0]),
     ValueError, r"y of shape \(4,\)"),
    ("best_line_accuracy labels 2", lambda: l02.best_line_accuracy(l02.GATE_X, [0, 1, 2, 0], [0.0]),
     ValueError, r"labels must be in 0\.\.1"),
    ("best_line_accuracy values empty", lambda: l02.best_line_accuracy(l02.GATE_X, [0, 1, 1, 0], []),
     ValueError, r"values is empty"),
    ("best_line_accuracy values nan", lambda: l02.best_line_accuracy(l02.GATE_X, [0, 1, 1, 0], [NAN]),
     ValueError, r"values contains 1 NaN"),
    ("best_line_accuracy strict string", lambda: l02.best_line_accuracy(l02.GATE_X, [0, 1, 1, 0], [0.0],
                                                                        strict="yes"),
     TypeError, r"strict to be True or False"),
    ("best_line_accuracy too many values", lambda: l02.best_line_accuracy(
        l02.GATE_X, [0, 1, 1, 0], np.linspace(-1, 1, 2000)), ValueError, r"too many to hold in memory"),
    # --- l03_layers ---
    ("random_network_pictures depth negative", lambda: l03.random_network_pictures(-1, 8, "relu", 0),
     ValueError, r"random_network_pictures: expected depth \(hidden layers\) >= 0, got -1"),
    ("random_network_pictures width 0", lambda: l03.random_network_pictures(2, 0, "relu", 0), ValueError,
     r"width \(units per layer\) >= 1"),
    ("random_network_pictures activation case", lambda: l03.random_network_pictures(2, 8, "ReLU", 0),
     ValueError, r"activation must be one of.*Did you mean 'relu'\?"),
    ("random_network_pictures seed None", lambda: l03.random_network_pictures(2, 8, "relu", None),
     TypeError, r"seed to be a whole number, got None"),
    ("random_network_pictures lim 0", lambda: l03.random_network_pictures(2, 8, "relu", 0, lim=0),
     ValueError, r"lim in \(0"),
    ("random_network_pictures too big", lambda: l03.random_network_pictures(2, 8, "relu", 0, resolution=10**4),
     ValueError, r"too big to draw"),
    ("RandomNetworks.update depth 9", lambda: randoms().update(depth=9), ValueError,
     RANGE.format("depth", "0, 8", "9")),
    ("RandomNetworks.update depth fraction", lambda: randoms().update(depth=2.5), ValueError, r"whole number"),
    ("RandomNetworks.update activation case", lambda: randoms().update(activation="ReLU"), ValueError,
     r"Did you mean 'relu'\?"),
    ("RandomNetworks.update seed negative", lambda: randoms().update(seed=-1), ValueError, r"\[0, 99\]"),
    ("RandomNetworks.update misspelt", lambda: randoms().update(layers=2), TypeError,
     r"unknown name 'layers'"),
    ("RandomNetworks.update width None", lambda: randoms().update(width=None), TypeError, r"got None"),
    ("xor_net_outputs None", lambda: l03.xor_net_outputs(None, np.zeros(2), np.ones((2, 1)), np.zeros(1)),
     TypeError, r"xor_net_outputs: expected W1 to be numbers.*None"),
    ("xor_net_outputs shape", lambda: l03.xor_net_outputs(np.ones(2), np.zeros(2), np.ones((2, 1)), np.zeros(1)),
     ValueError, r"W1 of shape \(2, 2\), got \(2,\)"),
    ("xor_net_outputs nan", lambda: l03.xor_net_outputs(np.ones((2, 2)), [NAN, 0], np.ones((2, 1)), [0]),
     ValueError, r"b1 contains 1 NaN"),
    ("xor_net_outputs strings", lambda: l03.xor_net_outputs(np.ones((2, 2)), [0, 0], [["a"], ["b"]], [0]),
     TypeError, r"W2 to be numbers"),
    ("xor_net_outputs empty", lambda: l03.xor_net_outputs(np.ones((2, 2)), [0, 0], np.ones((2, 1)), []),
     ValueError, r"b2 is empty"),
    # --- l04_forward_pass ---
    ("ForwardStepper string", lambda: l04.ForwardStepper("mlp"), TypeError,
     r"ForwardStepper: expected model to be a layers\.Sequential.*str 'mlp'"),
    ("ForwardStepper class", lambda: l04.ForwardStepper(layers.Sequential), TypeError,
     r"the class Sequential itself"),
    ("ForwardStepper sizes", lambda: l04.ForwardStepper(layers.mlp([3, 4, 3])), ValueError,
     r"2 inputs and 3 outputs, got layer sizes \[3, 4, 3\]"),
    ("ForwardStepper one layer", lambda: l04.ForwardStepper(layers.Dense(2, 3)), TypeError,
     r"layers\.Sequential of Dense layers"),
    ("ForwardStepper nan weights", lambda: l04.ForwardStepper(nan_weights()), ValueError,
     r"a layer's weights W contains 1 NaN"),
    ("ForwardStepper.update step 4", lambda: stepper().update(step=4), ValueError, RANGE.format("step", "0, 3", "4")),
    ("ForwardStepper.update x1 9", lambda: stepper().update(x1=9.0), ValueError, r"x1 in \[-3, 3\]"),
    ("ForwardStepper.update nan", lambda: stepper().update(x2=NAN), ValueError, r"finite number"),
    ("ForwardStepper.update misspelt", lambda: stepper().update(x3=1.0), TypeError,
     r"unknown name 'x3'.*knows are step, x1, x2"),
    ("ForwardStepper.update step string", lambda: stepper().update(step="1"), TypeError, r"step to be a whole number"),
    ("ForwardStepper.update step fraction", lambda: stepper().update(step=1.5), ValueError, r"step=2"),
    # --- l05_loss ---
    ("LineFitLoss n 0", lambda: l05.LineFitLoss(0), ValueError, r"LineFitLoss: expected n \(the number of points\) >= 2"),
    ("LineFitLoss n 1", lambda: l05.LineFitLoss(1), ValueError, r">= 2, got 1"),
    ("LineFitLoss n fraction", lambda: l05.LineFitLoss(2.5), TypeError, r"whole number, got float 2\.5"),
    ("LineFitLoss n None", lambda: l05.LineFitLoss(None), TypeError, r"got None"),
    ("LineFitLoss seed string", lambda: l05.LineFitLoss(seed="a"), TypeError, r"seed to be a whole number"),
    ("LineFitLoss n huge", lambda: l05.LineFitLoss(10**7), ValueError, r"too many"),
    ("LineFitLoss.update slope 9", lambda: linefit().update(slope=9), ValueError, RANGE.format("slope", "-2, 5", "9")),
    ("LineFitLoss.update nan", lambda: linefit().update(slope=NAN), ValueError, r"finite number"),
    ("LineFitLoss.update string", lambda: linefit().update(intercept="1"), TypeError, r"intercept to be a number"),
    ("LineFitLoss.update misspelt", lambda: linefit().update(slop=1.0), TypeError, r"Did you mean 'slope'\?"),
    ("LineFitLoss.update None", lambda: linefit().update(intercept=None), TypeError, r"got None"),
    ("LineFitLoss.update array", lambda: linefit().update(slope=np.ones(3)), TypeError, r"pass one number"),
    # --- l06_backprop ---
    ("neuron_loss_graph None", lambda: l06.neuron_loss_graph(x1=None), TypeError,
     r"neuron_loss_graph: expected x1 to be a number, got None"),
    ("neuron_loss_graph string", lambda: l06.neuron_loss_graph(w1="0.5"), TypeError, r"w1 to be a number"),
    ("neuron_loss_graph nan", lambda: l06.neuron_loss_graph(b=NAN), ValueError, r"expected b in.*nan"),
    ("neuron_loss_graph inf", lambda: l06.neuron_loss_graph(y=INF), ValueError, r"got inf"),
    ("neuron_loss_graph array", lambda: l06.neuron_loss_graph(x2=np.ones(2)), TypeError, r"array of shape"),
    ("neuron_loss_graph list", lambda: l06.neuron_loss_graph(w2=[0.4]), TypeError, r"list of length 1"),
    ("BackwardStepper number", lambda: l06.BackwardStepper(3.0), TypeError,
     r"BackwardStepper: expected root to be a Value.*float 3\.0.*build it from Values"),
    ("BackwardStepper string", lambda: l06.BackwardStepper("L"), TypeError, r"got str 'L'"),
    ("BackwardStepper class", lambda: l06.BackwardStepper(Value), TypeError, r"the class Value itself"),
    ("BackwardStepper list", lambda: l06.BackwardStepper([Value(1.0)]), TypeError, r"got a list of length 1"),
    ("BackwardStepper too big", lambda: l06.BackwardStepper(sum((Value(1.0) * i for i in range(40)), Value(0.0))),
     ValueError, r"too many to draw"),
    ("BackwardStepper.update step -1", lambda: backward().update(step=-1), ValueError, r"step in \[0, \d+\]"),
    ("BackwardStepper.update step 99", lambda: backward().update(step=99), ValueError, r"got 99"),
    ("BackwardStepper.update string", lambda: backward().update(step="2"), TypeError, r"whole number"),
    ("BackwardStepper.update fraction", lambda: backward().update(step=1.5), ValueError, r"whole number"),
    ("BackwardStepper.update misspelt", lambda: backward().update(steps=2), TypeError,
     r"Did you mean 'step'\?"),
    ("BackwardStepper.update None", lambda: backward().update(step=None), TypeError, r"got None"),
    # --- l07_optimizers ---
    ("OptimizerRace surface case", lambda: l07.OptimizerRace(surface="Ravine"), ValueError,
     r"OptimizerRace: surface must be one of.*Did you mean 'ravine'\?"),
    ("OptimizerRace lr 0", lambda: l07.OptimizerRace(lr=0), ValueError, r"lr in \[0\.001, 10\]"),
    ("OptimizerRace beta 1.5", lambda: l07.OptimizerRace(beta=1.5), ValueError, r"beta in \[0, 0\.99\]"),
    ("OptimizerRace steps 1000", lambda: l07.OptimizerRace(steps=1000), ValueError, r"steps in \[10, 300\]"),
    ("OptimizerRace steps fraction", lambda: l07.OptimizerRace(steps=2.5), ValueError, r"whole number"),
    ("OptimizerRace lr string", lambda: l07.OptimizerRace(lr="0.1"), TypeError, r"lr to be a number"),
    ("OptimizerRace.update surface case", lambda: race().update(surface="Bowl"), ValueError,
     r"OptimizerRace\.update: surface must be one of.*Did you mean 'bowl'\?"),
    ("OptimizerRace.update lr negative", lambda: race().update(lr=-1), ValueError, RANGE.format("lr", "0.001, 10", "-1")),
    ("OptimizerRace.update beta nan", lambda: race().update(beta=NAN), ValueError, r"finite number"),
    ("OptimizerRace.update steps 1000", lambda: race().update(steps=1000), ValueError, r"got 1000"),
    ("OptimizerRace.update misspelt", lambda: race().update(learning_rate=0.1), TypeError,
     r"unknown name 'learning_rate'.*knows are surface, lr, beta, steps"),
    ("OptimizerRace.update surface None", lambda: race().update(surface=None), ValueError, r"got None"),
    # --- l08_training_loop ---
    ("moons_network seed negative", lambda: l08.moons_network(-1), ValueError, r"moons_network: expected seed >= 0"),
    ("moons_network seed string", lambda: l08.moons_network("0"), TypeError, r"seed to be a whole number"),
    ("moons_network seed fraction", lambda: l08.moons_network(1.5), TypeError, r"got float 1\.5"),
    ("moons_network init case", lambda: l08.moons_network(init="Zeros"), ValueError,
     r"init must be one of.*Did you mean 'zeros'\?"),
    ("moons_network init number", lambda: l08.moons_network(init=3), ValueError, r"got int 3"),
    ("decay_data n 0", lambda: l08.decay_data(0), ValueError, r"decay_data: expected n_train >= 1, got 0"),
    ("decay_data too many", lambda: l08.decay_data(2000), ValueError, r"from 1 to 1040.*got 2000"),
    ("decay_data fraction", lambda: l08.decay_data(1.5), TypeError, r"whole number, got float 1\.5"),
    ("decay_data None", lambda: l08.decay_data(None), TypeError, r"got None"),
    ("decay_data string", lambda: l08.decay_data("40"), TypeError, r"got str '40'"),
    ("decay_data bool", lambda: l08.decay_data(True), TypeError, r"got bool True"),
    ("train_big weight decay negative", lambda: l08.train_big(-1), ValueError,
     r"train_big: expected weight_decay in \[0, inf\], got -1"),
    ("train_big weight decay nan", lambda: l08.train_big(NAN), ValueError, r"weight_decay in.*nan"),
    ("train_big weight decay string", lambda: l08.train_big("0.01"), TypeError, r"weight_decay to be a number"),
    ("train_big epochs 0", lambda: l08.train_big(epochs=0), ValueError, r"epochs >= 1"),
    ("train_big patience 0", lambda: l08.train_big(patience=0), ValueError, r"patience >= 1"),
    ("train_big n_train 0", lambda: l08.train_big(n_train=0), ValueError, r"decay_data: expected n_train >= 1"),
    ("train_big seed None", lambda: l08.train_big(seed=None), TypeError, r"seed to be a whole number, got None"),
    # --- l09_capstone_handwriting ---
    ("digit_probabilities model None", lambda: l09.digit_probabilities(None, np.zeros(64)), TypeError,
     r"digit_probabilities: expected model to be a trained network.*got None"),
    ("digit_probabilities image None", lambda: l09.digit_probabilities(digits_net(), None), TypeError,
     r"image to be numbers.*None"),
    ("digit_probabilities image size", lambda: l09.digit_probabilities(digits_net(), np.zeros(63)), ValueError,
     r"64 ink counts.*got shape \(63,\)"),
    ("digit_probabilities nan", lambda: l09.digit_probabilities(digits_net(), np.full(64, NAN)), ValueError,
     r"image contains 64 NaN"),
    ("digit_probabilities scale 0", lambda: l09.digit_probabilities(digits_net(), np.zeros(64), 0), ValueError,
     r"scale in \(0"),
    ("digit_probabilities scale string", lambda: l09.digit_probabilities(digits_net(), np.zeros(64), "16"),
     TypeError, r"scale to be a number"),
    ("digit_probabilities outputs", lambda: l09.digit_probabilities(layers.mlp([64, 3]), np.zeros(64)),
     ValueError, r"10 scores.*got \(1, 3\)"),
    ("DigitPad model None", lambda: l09.DigitPad(None), TypeError, r"DigitPad: expected model.*got None"),
    ("DigitPad model class", lambda: l09.DigitPad(layers.Sequential), TypeError, r"the class Sequential itself"),
    ("DigitPad size 0", lambda: l09.DigitPad(digits_net(), size=0), ValueError, r"size \(pixels\) >= 32"),
    ("DigitPad line width negative", lambda: l09.DigitPad(digits_net(), line_width=-1), ValueError,
     r"line_width in \(0"),
    ("DigitPad pen fraction 2", lambda: l09.DigitPad(digits_net(), pen_fraction=2), ValueError,
     r"pen_fraction in \(0"),
    ("DigitPad throttle nan", lambda: l09.DigitPad(digits_net(), throttle=NAN), ValueError, r"throttle"),
    ("DigitPad model inputs", lambda: l09.DigitPad(layers.mlp([10, 10])), ValueError,
     r"DigitPad: the model cannot read a digit \(64 ink counts in, 10 scores out\)"),
    ("DigitPad.update a value", lambda: pad().update(index=1), TypeError,
     r"DigitPad\.update takes no values, got index=int 1.*no arguments"),
    ("DigitPad.update by position", lambda: pad().update(1), TypeError, r"by position"),
]

test_bad_input_raises_an_error_that_teaches = bad_input_test(CASES)


def test_the_values_the_controls_give_pass_unchanged():
    """Every control's own ends pass the check (as the sliders and the benchmark move them),
    and whole numbers arrive as int."""
    d = dial()
    assert d.update(level=0, mode="b", on=np.bool_(True), count=np.int64(10)) == \
        {"level": 0.0, "mode": "b", "on": True, "count": 10}
    assert d.update(level=np.float32(5.0), count=3.0)["count"] == 3
    assert d.update(2.0) == {"level": 2.0, "mode": "a", "on": False, "count": 1}
    race().update(lr=10 ** np.float64(1.0), beta=0.99, steps=300)  # a log slider's top end


def test_the_rules_are_worked_out_once():
    pg = Playground()
    rules = pg.value_rules()
    pg.update(lr=0.01)
    assert pg.value_rules() is rules
    pg.widget()
    assert pg.value_rules() is rules  # the widget's controls give the same ranges
    assert len(pg.X) == Playground.N_TRAIN
