"""Errors that teach, for training, optimizers, data and drawing (helpers/optim.py, train.py,
data.py, drawing.py): each bad input gets one sentence in words, never a raw traceback, a
silent NaN or a warning. The table format is described in tests/_errors.py.
"""

import numpy as np
from _errors import bad_input_test

from helpers import data, drawing, train
from helpers.layers import Sequential, mlp
from helpers.losses import MSE, BinaryCrossEntropy, SoftmaxCrossEntropy
from helpers.optim import SGD, Adam, Optimizer, RMSProp
from helpers.train import History, ProgressBar

X2 = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
Y01 = np.array([0, 1, 1, 0])
NAN = np.array([[np.nan, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
DIGITS = np.arange(4) % 10 + 6  # labels 6..9: too many classes for a 1- or 3-output model
VERTICAL = [[(128, 40), (128, 216)]]


def net(out=1):
    return mlp([2, 4, out], seed=0)


def run_fit(model=None, loss=None, opt=None, X=X2, y=Y01, **kw):
    """fit with sensible parts, one of them replaced by the bad one under test."""
    model = net() if model is None else model
    loss = BinaryCrossEntropy() if loss is None else loss
    opt = Adam(model, lr=0.01) if opt is None else opt
    return lambda: train.fit(model, loss, opt, X, y, epochs=2, **kw)


def run_step(model=None, loss=None, opt=None, X=X2, y=Y01):
    model = net() if model is None else model
    loss = BinaryCrossEntropy() if loss is None else loss
    opt = SGD(model, lr=0.1) if opt is None else opt
    return lambda: train.train_step(model, loss, opt, X, y)


def w():
    return {"w": np.ones(3)}


def hist(epochs=1):
    return History(train_loss=[0.5] * epochs)


class NoReturn:
    """A model of one's own whose forward forgot to return."""

    params, grads = {}, {}

    def forward(self, x):
        x @ np.ones((2, 1))

    def backward(self, dout):
        return dout


CASES = [
    # --- Optimizer (the base class) ---
    ("Optimizer base class", lambda: Optimizer(w(), 0.1), TypeError, r"Optimizer: this is the shared base class.*SGD\(model, lr=0\.1\)"),
    ("Optimizer None", lambda: Optimizer(None, 0.1), TypeError, r"Optimizer: expected a model with params and grads.*got None"),
    ("Optimizer lr string", lambda: Optimizer(w(), "0.1"), TypeError, r"Optimizer: expected lr to be a number, got str"),
    ("Optimizer lr negative", lambda: Optimizer(w(), -1.0), ValueError, r"Optimizer: expected lr in \(0, inf\], got -1\.0"),
    ("Optimizer empty dict", lambda: Optimizer({}, 0.1), ValueError, r"dict of parameters is empty.*nothing to learn"),
    ("Optimizer class", lambda: Optimizer(Sequential, 0.1), TypeError, r"the class Sequential itself"),
    # --- SGD ---
    ("SGD None", lambda: SGD(None), TypeError, r"SGD: expected a model.*got None.*SGD\(model, lr=0\.01\)"),
    ("SGD model class", lambda: SGD(Sequential), TypeError, r"SGD:.*the class Sequential itself"),
    ("SGD empty dict", lambda: SGD({}), ValueError, r"SGD: the dict of parameters is empty"),
    ("SGD unknown keyword", lambda: SGD(w(), momentun=0.9), TypeError, r"SGD: got an unknown name 'momentun'.*Did you mean 'momentum'\?"),
    ("SGD lr None", lambda: SGD(w(), lr=None), TypeError, r"SGD: expected lr to be a number, got None"),
    ("SGD lr inf", lambda: SGD(w(), lr=float("inf")), ValueError, r"SGD: expected lr in \(0, inf\], got inf"),
    ("SGD.step grads list", lambda: SGD(w()).step([np.ones(3)]), TypeError, r"SGD\.step: expected grads as a dict.*step\(\{'w': dw\}\)"),
    ("SGD.step grad nan", lambda: SGD(w()).step({"w": np.array([1.0, np.nan, 0.0])}), ValueError,
     r"SGD\.step: the gradient for 'w' contains 1 NaN"),
    ("SGD.step grad None inside", lambda: SGD(w()).step({"w": [1.0, None, 2.0]}), TypeError,
     r"SGD\.step: expected the gradient for 'w' to be numbers, got a list holding None"),
    ("SGD.step grad list", lambda: SGD(w()).step({"w": [1.0, 2.0]}), ValueError, r"gradient for 'w' has shape \(2,\)"),
    ("SGD.step misspelt key", lambda: SGD(w()).step({"W": np.ones(3)}), ValueError,
     r"no gradient for parameter 'w' \(it got one for 'W' instead: a misspelt key\?\)"),
    # --- RMSProp ---
    ("RMSProp None", lambda: RMSProp(None), TypeError, r"RMSProp: expected a model.*got None"),
    ("RMSProp lr string", lambda: RMSProp(w(), lr="fast"), TypeError, r"RMSProp: expected lr to be a number, got str 'fast'"),
    ("RMSProp alpha nan", lambda: RMSProp(w(), alpha=float("nan")), ValueError, r"RMSProp: expected alpha in \[0, 1\], got nan"),
    ("RMSProp unknown keyword", lambda: RMSProp(w(), beta=0.9), TypeError, r"RMSProp: got an unknown name 'beta'"),
    ("RMSProp eps negative", lambda: RMSProp(w(), eps=-1e-8), ValueError, r"RMSProp: expected eps in \(0, inf\]"),
    ("RMSProp int params", lambda: RMSProp({"w": np.arange(3)}), TypeError, r"parameter 'w' must be a float numpy array"),
    ("RMSProp class", lambda: RMSProp(Sequential), TypeError, r"RMSProp:.*the class Sequential itself"),
    # --- Adam ---
    ("Adam None", lambda: Adam(None), TypeError, r"Adam: expected a model.*got None"),
    ("Adam unknown keyword", lambda: Adam(w(), beta1=0.9), TypeError, r"Adam: got an unknown name 'beta1'.*Did you mean 'betas'\?"),
    ("Adam betas None", lambda: Adam(w(), betas=None), ValueError, r"betas must be a pair.*betas=\(0\.9, 0\.999\).*got None"),
    ("Adam betas strings", lambda: Adam(w(), betas=("a", "b")), TypeError, r"expected betas\[0\] to be a number, got str"),
    ("Adam lr zero", lambda: Adam(w(), lr=0), ValueError, r"Adam: expected lr in \(0, inf\], got 0\.0"),
    ("Adam list of arrays", lambda: Adam([np.ones(3)]), TypeError, r"Adam: expected a model.*a list of length 1"),
    # --- batches ---
    ("batches None", lambda: train.batches(None, Y01), TypeError, r"batches: expected X to be an array or a list.*got None"),
    ("batches empty", lambda: train.batches(X2[:0], Y01[:0]), ValueError, r"batches: X is empty.*nothing to batch"),
    ("batches one number", lambda: train.batches(3.0, Y01), ValueError, r"batches: expected X with one row per example, got the single number 3\.0"),
    ("batches list holding None", lambda: train.batches([[1.0, None]], [0]), TypeError, r"batches: expected X to be numbers.*holding None"),
    ("batches seed string", lambda: train.batches(X2, Y01, 2, seed="one"), TypeError, r"batches: expected seed to be a whole number"),
    ("batches seed negative", lambda: train.batches(X2, Y01, 2, seed=-1), ValueError, r"batches: expected seed >= 0, got -1"),
    ("batches shuffle string", lambda: train.batches(X2, Y01, 2, shuffle="no"), TypeError, r"shuffle to be True or False"),
    ("batches y None", lambda: train.batches(X2, None), TypeError, r"batches: expected y to be an array.*got None"),
    ("batches size float", lambda: train.batches(X2, Y01, 2.5), TypeError, r"batch_size to be a whole number, got float 2\.5"),
    # --- predict_scores ---
    ("predict_scores None model", lambda: train.predict_scores(None, X2), TypeError,
     r"predict_scores: expected model to be a network.*got None"),
    ("predict_scores model class", lambda: train.predict_scores(Sequential, X2), TypeError, r"the class Sequential itself"),
    ("predict_scores X None", lambda: train.predict_scores(net(), None), TypeError, r"predict_scores: expected X to be numbers.*got None"),
    ("predict_scores nan", lambda: train.predict_scores(net(), NAN), ValueError, r"predict_scores: X contains 1 NaN"),
    ("predict_scores empty", lambda: train.predict_scores(net(), np.zeros((0, 2))), ValueError, r"predict_scores: X is empty"),
    ("predict_scores forward returns None", lambda: train.predict_scores(NoReturn(), X2), TypeError,
     r"model\.forward should return scores.*got None.*forward returns its output"),
    # --- predict ---
    ("predict None model", lambda: train.predict(None, X2), TypeError,
     r"predict: expected model to be a network \(a Sequential such as mlp.*got None"),
    ("predict loss as model", lambda: train.predict(MSE(), X2), TypeError, r"got a MSE \(a loss\)\. Fix: the model comes first"),
    ("predict strings", lambda: train.predict(net(), [["a", "b"]]), TypeError, r"predict: expected X to be numbers"),
    ("predict wrong width", lambda: train.predict(net(), np.ones((4, 3))), ValueError, r"expected x of shape \(N, 2\), got \(4, 3\)"),
    ("predict nan", lambda: train.predict(net(), NAN), ValueError, r"predict: X contains 1 NaN"),
    ("predict empty", lambda: train.predict(net(), []), ValueError, r"predict: X is empty"),
    # --- accuracy ---
    ("accuracy None model", lambda: train.accuracy(None, X2, Y01), TypeError, r"accuracy: expected model to be a network.*got None"),
    ("accuracy digits for one output", lambda: train.accuracy(net(), X2, DIGITS), ValueError,
     r"accuracy: the model has 1 output.*labels must be 0 or 1; y holds values from 6 to 9.*10 outputs"),
    ("accuracy digits for three outputs", lambda: train.accuracy(net(3), X2, DIGITS), ValueError,
     r"accuracy: the model has 3 outputs.*labels must be in 0\.\.2; y holds values from 6 to 9"),
    ("accuracy one-hot", lambda: train.accuracy(net(3), X2, np.eye(3)[[0, 1, 2, 0]]), ValueError,
     r"looks one-hot.*y\.argmax\(axis=1\)"),
    ("accuracy y None", lambda: train.accuracy(net(), X2, None), TypeError, r"accuracy: expected y to be class labels.*got None"),
    ("accuracy y strings", lambda: train.accuracy(net(), X2, ["a", "b", "a", "b"]), TypeError, r"got text such as \['a', 'b'\]"),
    ("accuracy y half", lambda: train.accuracy(net(), X2, [0, 0.5, 1, 1]), ValueError, r"whole-number class labels"),
    ("accuracy y empty", lambda: train.accuracy(net(), X2, []), ValueError, r"accuracy: y is empty"),
    # --- train_step ---
    ("train_step None model", lambda: train.train_step(None, BinaryCrossEntropy(), SGD(w()), X2, Y01), TypeError,
     r"train_step: expected model to be a network.*backward, params and grads.*got None"),
    ("train_step loss class", run_step(loss=BinaryCrossEntropy), TypeError,
     r"train_step: expected loss_fn to be a loss object.*the class BinaryCrossEntropy itself"),
    ("train_step optimizer class", run_step(opt=Adam), TypeError,
     r"train_step: expected optimizer.*the class Adam itself\. Fix: Adam\(model, lr=0\.01\)"),
    ("train_step optimizer string", run_step(opt="sgd"), TypeError, r"train_step: expected optimizer.*got str 'sgd'"),
    ("train_step another model's optimizer", run_step(opt=SGD(net(), lr=0.1)), ValueError,
     r"train_step: this optimizer was made for another model's parameters.*SGD\(model\) for this model"),
    ("train_step labels out of range", run_step(y=np.array([0, 1, 2, 0])), ValueError, r"labels must be 0 or 1"),
    ("train_step y None", run_step(y=None), TypeError, r"expected y to be numbers.*got None"),
    # --- History ---
    ("History train_loss None", lambda: History(train_loss=None), TypeError, r"History: expected train_loss to be a list of numbers.*got None"),
    ("History train_loss string", lambda: History(train_loss="0.5"), TypeError, r"expected train_loss to be a list of numbers"),
    ("History val_acc holding text", lambda: History(val_acc=[0.9, "high"]), TypeError, r"expected val_acc to hold numbers.*str 'high'"),
    ("History best_epoch zero", lambda: History(best_epoch=0), ValueError, r"expected best_epoch >= 1, got 0"),
    ("History best_epoch float", lambda: History(best_epoch=2.5), TypeError, r"best_epoch to be a whole number"),
    ("History stopped_early string", lambda: History(stopped_early="yes"), TypeError, r"stopped_early to be True or False"),
    ("History diverged None", lambda: History(diverged=None), TypeError, r"expected diverged to be a message.*got None"),
    # --- divergence_message ---
    ("divergence_message finite loss", lambda: train.divergence_message(3, 0.5, 0.1), ValueError,
     r"the loss 0\.5 is a finite number, so nothing diverged"),
    ("divergence_message loss None", lambda: train.divergence_message(3, None, 0.1), TypeError, r"expected loss to be a number.*got None"),
    ("divergence_message loss string", lambda: train.divergence_message(3, "nan", 0.1), TypeError, r"expected loss to be a number.*str 'nan'"),
    ("divergence_message epoch negative", lambda: train.divergence_message(-1, np.nan, 0.1), ValueError, r"expected epoch in \[0, inf\]"),
    ("divergence_message epoch string", lambda: train.divergence_message("3", np.nan, 0.1), TypeError, r"expected epoch to be a number"),
    ("divergence_message lr zero", lambda: train.divergence_message(3, np.inf, 0), ValueError, r"expected lr in \(0, inf\]"),
    ("divergence_message lr None", lambda: train.divergence_message(3, np.inf, None), TypeError, r"expected lr to be a number, got None"),
    # --- fit ---
    ("fit None model", lambda: train.fit(None, BinaryCrossEntropy(), SGD(w()), X2, Y01), TypeError,
     r"fit: expected model to be a network.*got None"),
    ("fit loss class", run_fit(loss=MSE), TypeError, r"fit: expected loss_fn to be a loss object.*the class MSE itself"),
    ("fit loss function", run_fit(loss=lambda s, y: 0.0), TypeError, r"fit: expected loss_fn to be a loss object with forward and backward"),
    ("fit optimizer class", run_fit(opt=SGD), TypeError, r"fit: expected optimizer.*the class SGD itself\. Fix: SGD\(model, lr=0\.01\)"),
    ("fit not an optimizer", run_fit(opt=0.01), TypeError, r"fit: expected optimizer.*e\.g\. Adam\(model, lr=0\.01\).*got float 0\.01"),
    ("fit another model's optimizer", run_fit(opt=Adam(net(), lr=0.01)), ValueError,
     r"fit: this optimizer was made for another model's parameters.*Adam\(model\) for this model"),
    ("fit optimizer on a dict", lambda: (lambda m: train.fit(m, BinaryCrossEntropy(), SGD(m.params), X2, Y01))(net()),
     TypeError, r"fit: this optimizer was given a dict of arrays.*SGD\(model, lr=0\.01\)"),
    ("fit swapped arguments", lambda: train.fit(BinaryCrossEntropy(), net(), SGD(w()), X2, Y01), TypeError,
     r"got a BinaryCrossEntropy \(a loss\)\. Fix: the model comes first"),
    ("fit empty data", run_fit(X=X2[:0], y=Y01[:0]), ValueError, r"fit: X is empty \(shape \(0, 2\)\): there is nothing"),
    ("fit empty labels", run_fit(y=[]), ValueError, r"fit: y is empty"),
    ("fit val without labels", run_fit(val=X2), TypeError, r"fit: expected val=\(X_val, y_val\).*got an array of shape \(4, 2\)"),
    ("fit val three items", run_fit(val=(X2, Y01, Y01)), TypeError, r"val=\(X_val, y_val\).*a tuple of length 3"),
    ("fit val width", run_fit(val=(np.ones((3, 5)), [0, 1, 0])), ValueError, r"X_val has 5 columns but X has 2"),
    ("fit val labels out of range", run_fit(val=(X2, DIGITS)), ValueError, r"labels must be 0 or 1; y_val holds values from 6 to 9"),
    ("fit digits for one output", run_fit(y=DIGITS), ValueError, r"fit: the model has 1 output.*y holds values from 6 to 9"),
    ("fit digits for three outputs", run_fit(model=net(3), loss=SoftmaxCrossEntropy(), y=DIGITS), ValueError,
     r"fit: the model has 3 outputs.*labels must be in 0\.\.2"),
    ("fit softmax on one output", run_fit(loss=SoftmaxCrossEntropy()), ValueError,
     r"SoftmaxCrossEntropy needs one output per class.*BinaryCrossEntropy\(\)"),
    ("fit binary on three outputs", run_fit(model=net(3), loss=BinaryCrossEntropy()), ValueError,
     r"BinaryCrossEntropy needs a model with 1 output.*this one has 3"),
    ("fit MSE targets shape", run_fit(loss=MSE(), y=Y01 * 1.0), ValueError, r"MSE compares the model's outputs, shape \(4, 1\).*y\[:, None\]"),
    ("fit unknown keyword", run_fit(epoch=3), TypeError, r"fit: got an unknown name 'epoch'.*Did you mean 'epochs'\?"),
    ("fit batch_size zero", run_fit(batch_size=0), ValueError, r"fit: expected batch_size >= 1, got 0"),
    ("fit seed string", run_fit(seed="0"), TypeError, r"fit: expected seed to be a whole number"),
    ("fit callback not callable", run_fit(callback="plot"), TypeError, r"callback to be a function"),
    ("fit y None", run_fit(y=None), TypeError, r"fit: expected y to be class labels.*got None"),
    ("fit y list holding None", run_fit(y=[0, 1, None, 0]), TypeError, r"fit: expected y to be numbers.*holding None"),
    ("fit forward returns None", lambda: train.fit(NoReturn(), BinaryCrossEntropy(), SGD(NoReturn()), X2, Y01),
     TypeError, r"fit: model\.forward should return scores.*got None"),
    # --- ProgressBar ---
    ("ProgressBar zero", lambda: ProgressBar(0), ValueError, r"ProgressBar: expected total >= 1, got 0"),
    ("ProgressBar None", lambda: ProgressBar(None), TypeError, r"ProgressBar: expected total to be a whole number, got None"),
    ("ProgressBar string", lambda: ProgressBar("10"), TypeError, r"total to be a whole number, got str"),
    ("ProgressBar.update past the end", lambda: ProgressBar(3).update(4, hist()), ValueError,
     r"epoch 4 is past the end of this bar \(3 epochs\)"),
    ("ProgressBar.update no history", lambda: ProgressBar(3).update(1, None), TypeError,
     r"ProgressBar\.update: expected hist to be the History that fit fills, got None"),
    ("ProgressBar.update empty history", lambda: ProgressBar(3).update(1, History()), ValueError,
     r"the history has no epochs yet"),
    ("ProgressBar.update epoch float", lambda: ProgressBar(3).update(1.5, hist()), TypeError, r"epoch to be a whole number"),
    ("ProgressBar.close dict", lambda: ProgressBar(3).close({"train_loss": [1.0]}), TypeError, r"expected hist to be the History"),
    # --- confusion_matrix ---
    ("confusion_matrix None", lambda: train.confusion_matrix(None, Y01), TypeError,
     r"confusion_matrix: expected y_true to be class labels.*got None"),
    ("confusion_matrix scores", lambda: train.confusion_matrix(Y01, np.ones((4, 2)), 2), ValueError,
     r"y_pred as one class number per example.*predict\(model, X\)"),
    ("confusion_matrix empty", lambda: train.confusion_matrix([], []), ValueError, r"confusion_matrix: y_true is empty"),
    ("confusion_matrix strings", lambda: train.confusion_matrix(["a"], ["b"]), TypeError, r"got text such as \['a'\]"),
    ("confusion_matrix n_classes zero", lambda: train.confusion_matrix(Y01, Y01, 0), ValueError, r"n_classes >= 1, got 0"),
    ("confusion_matrix halves", lambda: train.confusion_matrix([0.5, 1.0], [0, 1], 2), ValueError, r"whole-number class labels"),
    # --- toy data sets ---
    ("make_blobs n None", lambda: data.make_blobs(None), TypeError, r"make_blobs: expected n to be a whole number, got None"),
    ("make_blobs n 1", lambda: data.make_blobs(1), ValueError, r"make_blobs: expected n >= 2, got 1"),
    ("make_blobs noise nan", lambda: data.make_blobs(10, noise=float("nan")), ValueError, r"make_blobs: expected noise in \[0, 100\], got nan"),
    ("make_blobs seed string", lambda: data.make_blobs(10, seed="a"), TypeError, r"make_blobs: expected seed to be a whole number"),
    ("make_blobs unknown keyword", lambda: data.make_blobs(10, noize=0.5), TypeError, r"unknown name 'noize'.*Did you mean 'noise'\?"),
    ("make_blobs n huge", lambda: data.make_blobs(10**9), ValueError, r"n <= 1,000,000 points.*try n=200"),
    ("make_moons n 1", lambda: data.make_moons(1), ValueError, r"make_moons: expected n >= 2, got 1"),
    ("make_moons n float", lambda: data.make_moons(100.0), TypeError, r"make_moons: expected n to be a whole number, got float"),
    ("make_moons noise string", lambda: data.make_moons(10, noise="0.1"), TypeError, r"expected noise to be a number, got str"),
    ("make_moons noise negative", lambda: data.make_moons(10, noise=-0.1), ValueError, r"noise in \[0, 100\], got -0\.1"),
    ("make_moons seed negative", lambda: data.make_moons(10, seed=-1), ValueError, r"make_moons: expected seed >= 0"),
    ("make_moons unknown keyword", lambda: data.make_moons(10, sead=1), TypeError, r"make_moons: got an unknown name 'sead'.*'seed'"),
    ("make_circles factor 1", lambda: data.make_circles(10, factor=1.0), ValueError, r"factor in \(0, 1\), got 1\.0"),
    ("make_circles factor None", lambda: data.make_circles(10, factor=None), TypeError, r"factor to be a number, got None"),
    ("make_circles n string", lambda: data.make_circles("100"), TypeError, r"make_circles: expected n to be a whole number"),
    ("make_circles noise inf", lambda: data.make_circles(10, noise=float("inf")), ValueError, r"noise in \[0, 100\], got inf"),
    ("make_circles unknown keyword", lambda: data.make_circles(10, radius=0.5), TypeError, r"unknown name 'radius'.*n, noise, seed, factor"),
    ("make_xor n 0", lambda: data.make_xor(0), ValueError, r"make_xor: expected n >= 2, got 0"),
    ("make_xor n list", lambda: data.make_xor([100]), TypeError, r"make_xor: expected n to be a whole number, got a list"),
    ("make_xor noise None", lambda: data.make_xor(10, noise=None), TypeError, r"noise to be a number, got None"),
    ("make_xor seed float", lambda: data.make_xor(10, seed=0.5), TypeError, r"make_xor: expected seed to be a whole number"),
    ("make_xor unknown keyword", lambda: data.make_xor(10, noice=0.1), TypeError, r"Did you mean 'noise'\?"),
    ("make_spirals turns zero", lambda: data.make_spirals(10, turns=0), ValueError, r"turns in \(0, 1000\]"),
    ("make_spirals turns string", lambda: data.make_spirals(10, turns="2"), TypeError, r"turns to be a number"),
    ("make_spirals n bool", lambda: data.make_spirals(True), TypeError, r"make_spirals: expected n to be a whole number, got bool"),
    ("make_spirals noise nan", lambda: data.make_spirals(10, noise=float("nan")), ValueError, r"noise in \[0, 100\], got nan"),
    ("make_spirals unknown keyword", lambda: data.make_spirals(10, turn=2), TypeError, r"unknown name 'turn'.*Did you mean 'turns'\?"),
    # --- stratified_split ---
    ("stratified_split X None", lambda: data.stratified_split(None, Y01), TypeError, r"stratified_split: expected X to be numbers.*got None"),
    ("stratified_split y None", lambda: data.stratified_split(X2, None), TypeError, r"stratified_split: expected y to be class labels.*got None"),
    ("stratified_split fractions string", lambda: data.stratified_split(X2, Y01, "0.5"), TypeError,
     r"expected fractions as a list of two or more numbers.*got str '0\.5'"),
    ("stratified_split fractions text", lambda: data.stratified_split(X2, Y01, ["a", "b"]), TypeError, r"fractions to be numbers"),
    ("stratified_split fractions nan", lambda: data.stratified_split(X2, Y01, (np.nan, 0.5)), ValueError, r"two or more positive numbers"),
    ("stratified_split empty part", lambda: data.stratified_split(X2, Y01, (0.9, 0.1)), ValueError,
     r"with 4 examples the part for fraction 0\.1 gets no examples"),
    ("stratified_split nan X", lambda: data.stratified_split(NAN, Y01), ValueError, r"X contains 1 NaN"),
    ("stratified_split seed string", lambda: data.stratified_split(X2, Y01, (0.5, 0.5), seed="0"), TypeError, r"expected seed to be a whole number"),
    ("stratified_split empty", lambda: data.stratified_split(np.zeros((0, 2)), []), ValueError, r"X is empty"),
    # --- drawing ---
    ("strokes_to_image [None]", lambda: drawing.strokes_to_image([None]), TypeError,
     r"strokes_to_image: stroke 0 should be a list of \(x, y\) points, got None"),
    ("strokes_to_image None", lambda: drawing.strokes_to_image(None), TypeError, r"expected strokes as a list of strokes.*got None"),
    ("strokes_to_image point holding None", lambda: drawing.strokes_to_image([[(1, 2), (None, 3)]]), TypeError,
     r"expected stroke 0 to be numbers.*holding None"),
    ("strokes_to_image text", lambda: drawing.strokes_to_image([[("a", 1)]]), TypeError, r"expected stroke 0 to be numbers"),
    ("strokes_to_image ragged", lambda: drawing.strokes_to_image([[(1, 2), (3,)]]), ValueError, r"rows have different lengths"),
    ("strokes_to_image a number", lambda: drawing.strokes_to_image([5]), TypeError, r"stroke 0 should be a list.*got a number"),
    ("strokes_to_image inf", lambda: drawing.strokes_to_image([[(0, np.inf)]]), ValueError, r"NaN or infinite coordinates"),
    ("strokes_to_image size huge", lambda: drawing.strokes_to_image(VERTICAL, size=10**6), ValueError, r"size <= 4096.*pad is 256"),
    ("strokes_to_image pen string", lambda: drawing.strokes_to_image(VERTICAL, pen="thick"), TypeError, r"pen to be a number"),
    ("normalise_bitmap None", lambda: drawing.normalise_bitmap(None), TypeError, r"normalise_bitmap: expected image to be numbers.*got None"),
    ("normalise_bitmap colour", lambda: drawing.normalise_bitmap(np.zeros((10, 10, 3))), ValueError,
     r"expected image of shape \(H, W\).*colour picture\?.*mean\(axis=2\)"),
    ("normalise_bitmap 1-D", lambda: drawing.normalise_bitmap(np.ones(10)), ValueError, r"expected image of shape \(H, W\).*got \(10,\)"),
    ("normalise_bitmap nan", lambda: drawing.normalise_bitmap(np.full((5, 5), np.nan)), ValueError,
     r"normalise_bitmap: image contains NaN or infinite values"),
    ("normalise_bitmap empty", lambda: drawing.normalise_bitmap(np.zeros((0, 0))), ValueError, r"image is empty"),
    ("normalise_bitmap 0..255", lambda: drawing.normalise_bitmap(np.full((5, 5), 255.0)), ValueError, r"divide it by 255"),
    ("normalise_bitmap blank", lambda: drawing.normalise_bitmap(np.zeros((5, 5))), ValueError, r"no ink.*Draw a digit first"),
    ("block_counts None", lambda: drawing.block_counts(None), TypeError, r"block_counts: expected bitmap to be numbers.*got None"),
    ("block_counts 8x8 digit", lambda: drawing.block_counts(np.zeros((8, 8))), ValueError,
     r"expected bitmap of shape \(32, 32\), got \(8, 8\).*already reduced"),
    ("block_counts 0..255", lambda: drawing.block_counts(np.full((32, 32), 255.0)), ValueError, r"bitmap values from 0 \(paper\) to 1 \(ink\)"),
    ("block_counts nan", lambda: drawing.block_counts(np.full((32, 32), np.nan)), ValueError, r"bitmap contains NaN"),
    ("block_counts strings", lambda: drawing.block_counts("bitmap"), TypeError, r"expected bitmap to be numbers"),
    ("block_counts empty", lambda: drawing.block_counts([]), ValueError, r"bitmap is empty"),
    ("to_digit_features None", lambda: drawing.to_digit_features(None), TypeError, r"normalise_bitmap: expected image to be numbers.*got None"),
    ("to_digit_features nan", lambda: drawing.to_digit_features(np.full((5, 5), np.nan)), ValueError,
     r"normalise_bitmap: image contains NaN"),
    ("to_digit_features ragged", lambda: drawing.to_digit_features([[0, 1], [1]]), ValueError, r"rows have different lengths"),
    ("to_digit_features colour", lambda: drawing.to_digit_features(np.ones((4, 4, 4))), ValueError, r"colour picture"),
    ("to_digit_features blank", lambda: drawing.to_digit_features(np.zeros((8, 8))), ValueError, r"normalise_bitmap: the image has no ink"),
    ("to_digit_features 0..16", lambda: drawing.to_digit_features(np.full((8, 8), 16.0)), ValueError, r"0 \(paper\) to 1 \(ink\)"),
]


test_bad_input_raises_an_error_that_teaches = bad_input_test(CASES)
