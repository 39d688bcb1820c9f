"""Errors that teach: every public helper, given bad input, raises an error whose message says
what it expected, what it got and, where there is one, the fix.

One table: (case id, a call that must fail, the exception type, words the message must contain).
"""

import numpy as np
from _errors import bad_input_test

from helpers import data, gradcheck, train
from helpers.layers import (
    Dense,
    Identity,
    ReLU,
    Sequential,
    Sigmoid,
    Tanh,
    mlp,
    relu,
    sigmoid,
    softmax,
    tanh,
)
from helpers.losses import MSE, BinaryCrossEntropy, SoftmaxCrossEntropy
from helpers.optim import SGD, Adam, RMSProp
from helpers.value import Value

NAN = np.array([[1.0, np.nan, 0.0]])
X3 = np.ones((4, 3))
Y01 = np.array([0, 1, 1, 0])


def params():
    return {"w": np.ones(3)}


def changed_params(cls):
    """An optimizer stepped once, then asked to step parameters that changed shape."""
    p = params()
    opt = cls(p)
    opt.step({"w": np.ones(3)})
    p["w"] = np.ones(4)
    opt.step({"w": np.ones(4)})


def after(make, method, *args):
    """Build a fresh object and call one method on it (for order-misuse cases)."""
    return lambda: getattr(make(), method)(*args)


CASES = [
    # --- Value ---
    ("Value string", lambda: Value("2"), TypeError, r"expected a number, got str '2'.*Value\(2\.0\)"),
    ("Value array", lambda: Value(np.ones(3)), TypeError, r"one number.*shape \(3,\).*helpers\.layers"),
    ("Value nan", lambda: Value(float("nan")), ValueError, r"not a finite number"),
    ("Value + string", lambda: Value(1.0) + "a", TypeError, r"expected a number"),
    ("Value ** Value", lambda: Value(2.0) ** Value(3.0), TypeError, r"plain number"),
    ("Value ** undefined", lambda: Value(-2.0) ** 0.5, ValueError, r"undefined for data=-2"),
    ("Value ** overflow", lambda: Value(1e200) ** 2, ValueError, r"too large.*smaller inputs"),
    ("Value log 0", lambda: Value(0.0).log(), ValueError, r"only defined for positive numbers.*clip"),
    ("Value exp big", lambda: Value(800.0).exp(), ValueError, r"too large.*about 700"),
    ("Value / 0", lambda: Value(1.0) / 0, ZeroDivisionError, r"division by a Value whose data is 0"),
    ("Value overflow", lambda: Value(1e300) * 1e300, ValueError, r"not a finite number.*grew too large"),
    # --- array functions ---
    ("sigmoid strings", lambda: sigmoid(["a", "b"]), TypeError, r"sigmoid: expected z to be numbers"),
    ("sigmoid nan", lambda: sigmoid(NAN), ValueError, r"sigmoid: z contains 1 NaN"),
    ("relu strings", lambda: relu("x"), TypeError, r"relu: expected z to be numbers"),
    ("tanh nan", lambda: tanh(NAN), ValueError, r"tanh: z contains 1 NaN"),
    ("softmax one number", lambda: softmax(3.0), ValueError,
     r"softmax: expected scores of shape \(C,\) or \(N, C\).*single number 3.*softmax\(\[2\.0, 1\.0, 0\.1\]\)"),
    ("softmax strings", lambda: softmax(["a"]), TypeError, r"softmax: expected z to be numbers"),
    ("softmax nan", lambda: softmax(NAN), ValueError, r"NaN or infinite"),
    # --- Dense ---
    ("Dense 1-D input", lambda: Dense(3, 2).forward(np.ones(3)), ValueError,
     r"expected x of shape \(N, 3\), got \(3,\)\..*x\[None, :\]"),
    ("Dense wrong width", lambda: Dense(3, 2).forward(np.ones((4, 5))), ValueError,
     r"expected x of shape \(N, 3\), got \(4, 5\).*layer sizes match"),
    ("Dense strings", lambda: Dense(3, 2).forward([["a", "b", "c"]]), TypeError, r"expected x to be numbers"),
    ("Dense nan", lambda: Dense(3, 2).forward(NAN), ValueError, r"x contains 1 NaN.*lower the learning rate"),
    ("Dense 3-D wrong width", lambda: Dense(3, 2).forward(np.ones((2, 4, 5))), ValueError,
     r"expected x of shape \(\.\.\., N, 3\), got \(2, 4, 5\).*layer sizes match"),
    ("Dense 3-D dout shape", lambda: (lambda d: (d.forward(np.ones((2, 4, 3))), d.backward(np.ones((8, 2)))))(Dense(3, 2)),
     ValueError, r"expected dout of shape \(2, 4, 2\), got \(8, 2\)"),
    ("Dense n_in 0", lambda: Dense(0, 2), ValueError, r"n_in >= 1, got 0"),
    ("Dense n_out float", lambda: Dense(3, 2.5), TypeError, r"n_out to be a whole number, got float 2\.5"),
    ("Dense init", lambda: Dense(3, 2, init="gauss"), ValueError, r"init must be one of.*'he'.*'gauss'"),
    ("Dense backward first", after(lambda: Dense(3, 2), "backward", np.ones((4, 2))), RuntimeError,
     r"call forward\(x\) before backward"),
    ("Dense dout shape", lambda: (lambda d: (d.forward(X3), d.backward(np.ones((4, 3)))))(Dense(3, 2)),
     ValueError, r"expected dout of shape \(4, 2\), got \(4, 3\)"),
    # --- activation layers ---
    ("ReLU strings", lambda: ReLU().forward(["a"]), TypeError, r"ReLU.forward: expected x to be numbers"),
    ("Sigmoid strings", lambda: Sigmoid().forward("abc"), TypeError, r"Sigmoid.forward: expected x to be numbers"),
    ("Tanh nan", lambda: Tanh().forward(NAN), ValueError, r"NaN"),
    ("Identity nan", lambda: Identity().forward(NAN[None]), ValueError, r"Identity.forward: x contains 1 NaN"),
    ("ReLU backward first", after(ReLU, "backward", X3), RuntimeError, r"call forward\(x\) before backward"),
    ("Sigmoid backward first", after(Sigmoid, "backward", X3), RuntimeError, r"before backward"),
    ("Tanh backward first", after(Tanh, "backward", X3), RuntimeError, r"before backward"),
    ("Identity backward first", after(Identity, "backward", X3), RuntimeError, r"before backward"),
    # --- Sequential and mlp ---
    ("Sequential number", lambda: Sequential(Dense(2, 3), 3), TypeError, r"item 1 is 3, which is not a layer"),
    ("Sequential class", lambda: Sequential(Dense(2, 3), ReLU), TypeError, r"ReLU instead of ReLU\(\)"),
    ("Sequential mismatch", lambda: Sequential(Dense(2, 3), Dense(4, 1)).forward(np.ones((5, 2))),
     ValueError, r"Dense.forward: expected x of shape \(N, 4\), got \(5, 3\)"),
    ("Sequential backward first", after(lambda: mlp([2, 3, 1]), "backward", np.ones((4, 1))),
     RuntimeError, r"before backward"),
    ("forward_steps 1-D", lambda: mlp([2, 1]).forward_steps(np.ones(2)), ValueError, r"x\[None, :\]"),
    ("Sequential nan", lambda: mlp([3, 1]).forward(NAN), ValueError,
     r"Sequential\.forward: x contains 1 NaN.*clean the data"),
    ("Sequential params assigned", lambda: setattr(mlp([2, 1]), "params", {"0.W": np.ones((2, 1))}),
     AttributeError, r"Sequential\.params cannot be assigned.*model\.params\['0\.W'\]\[\.\.\.\] = new_values"),
    ("Sequential grads assigned", lambda: setattr(mlp([2, 1]), "grads", {}), AttributeError,
     r"Sequential\.grads cannot be assigned.*would change nothing"),
    ("mlp one size", lambda: mlp([2]), ValueError, r"at least two widths such as \[2, 16, 1\], got \[2\]"),
    ("mlp not a list", lambda: mlp(3), ValueError, r"list of at least two widths"),
    ("mlp zero width", lambda: mlp([2, 0, 1]), ValueError, r"every width in sizes >= 1, got 0"),
    ("mlp float width", lambda: mlp([2, 1.5, 1]), TypeError, r"whole number, got float 1\.5"),
    ("mlp activation", lambda: mlp([2, 1], activation="softplus"), ValueError, r"activation must be one of"),
    # --- losses ---
    ("MSE shapes", lambda: MSE().forward(np.ones((4, 1)), np.ones(4)), ValueError,
     r"same shape, got pred \(4, 1\) and y \(4,\).*y\[:, None\]"),
    ("MSE nan", lambda: MSE().forward(np.ones(2), np.array([1.0, np.nan])), ValueError, r"y contains 1 NaN"),
    ("MSE strings", lambda: MSE().forward(["a"], [1.0]), TypeError, r"expected pred to be numbers"),
    ("MSE backward first", after(MSE, "backward"), RuntimeError, r"call forward\(scores, y\) before backward"),
    ("BCE two columns", lambda: BinaryCrossEntropy().forward(np.ones((4, 2)), Y01), ValueError,
     r"\(N,\) or \(N, 1\), got \(4, 2\).*SoftmaxCrossEntropy"),
    ("BCE label 2", lambda: BinaryCrossEntropy().forward(np.ones(4), np.array([0, 1, 2, 0])), ValueError,
     r"labels must be 0 or 1"),
    ("BCE count", lambda: BinaryCrossEntropy().forward(np.ones(4), np.array([0, 1])), ValueError,
     r"4 scores but 2 labels"),
    ("BCE nan", lambda: BinaryCrossEntropy().forward(np.array([np.nan, 0.0]), np.array([0, 1])), ValueError,
     r"NaN"),
    ("BCE backward first", after(BinaryCrossEntropy, "backward"), RuntimeError, r"before backward"),
    ("SCE label 10 of 10", lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 10)), np.array([3, 10])),
     ValueError, r"labels must be in 0\.\.9 for 10 classes, got values from 3 to 10"),
    ("SCE negative label", lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 3)), np.array([-1, 0])),
     ValueError, r"in 0\.\.2"),
    ("SCE float labels", lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 3)), np.array([0.5, 1.0])),
     ValueError, r"whole-number class labels.*astype\(int\)"),
    ("SCE string labels", lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 3)), np.array(["a", "b"])),
     TypeError, r"integer class labels"),
    ("SCE label count", lambda: SoftmaxCrossEntropy().forward(np.zeros((3, 3)), np.array([0, 1])),
     ValueError, r"expected y of shape \(3,\).*got \(2,\)"),
    ("SCE 1-D scores", lambda: SoftmaxCrossEntropy().forward(np.zeros(3), np.array([0])), ValueError,
     r"got \(3,\).*scores\[None, :\]"),
    ("SCE backward first", after(SoftmaxCrossEntropy, "backward"), RuntimeError, r"before backward"),
    # --- optimizers ---
    ("SGD negative lr", lambda: SGD(params(), lr=-0.1), ValueError, r"expected lr in \(0, inf\], got -0\.1"),
    ("SGD zero lr", lambda: SGD(params(), lr=0), ValueError, r"lr in \(0, inf\]"),
    ("SGD string lr", lambda: SGD(params(), lr="0.1"), TypeError, r"expected lr to be a number, got str"),
    ("SGD nan lr", lambda: SGD(params(), lr=float("nan")), ValueError, r"lr in"),
    ("SGD momentum 1", lambda: SGD(params(), momentum=1.0), ValueError, r"momentum in \[0, 1\)"),
    ("SGD nesterov", lambda: SGD(params(), nesterov=True), ValueError, r"Nesterov momentum needs momentum > 0"),
    ("SGD weight decay", lambda: SGD(params(), weight_decay=-1), ValueError, r"weight_decay in \[0, inf\]"),
    ("SGD not a model", lambda: SGD([np.ones(3)]), TypeError, r"a dict of arrays, got a list of length 1"),
    ("SGD int params", lambda: SGD({"w": np.array([1, 2])}), TypeError, r"float numpy array.*dtype=float"),
    ("RMSProp alpha", lambda: RMSProp(params(), alpha=1.5), ValueError, r"alpha in \[0, 1\], got 1\.5"),
    ("RMSProp eps", lambda: RMSProp(params(), eps=0), ValueError, r"eps in \(0, inf\]"),
    ("Adam beta1", lambda: Adam(params(), betas=(1.0, 0.999)), ValueError, r"betas\[0\] in \[0, 1\), got 1\.0"),
    ("Adam beta2", lambda: Adam(params(), betas=(0.9, -0.1)), ValueError, r"betas\[1\] in \[0, 1\)"),
    ("Adam betas", lambda: Adam(params(), betas=0.9), ValueError, r"pair \(beta1, beta2\)"),
    ("Adam weight decay", lambda: Adam(params(), weight_decay=-0.1), ValueError, r"weight_decay"),
    ("step without grads", lambda: SGD(params()).step(), TypeError, r"pass their gradients: step\("),
    ("step missing grad", lambda: Adam(params()).step({"v": np.ones(3)}), ValueError,
     r"no gradient for parameter 'w'"),
    ("step grad shape", lambda: RMSProp(params()).step({"w": np.ones(4)}), ValueError,
     r"gradient for 'w' has shape \(4,\), but the parameter has shape \(3,\)"),
    ("step params changed", lambda: changed_params(Adam), ValueError,
     r"Adam\.step: the parameters changed since this optimizer's first step.*w \(3,\).*Make a new optimizer"),
    # --- training ---
    ("fit 1-D X", lambda: train.fit(mlp([2, 1]), MSE(), SGD(mlp([2, 1])), np.ones(4), np.ones(4)),
     ValueError, r"fit: expected X of shape \(N, D\), got \(4,\)\. Add a batch axis with X\[None, :\]"),
    ("train_step nan X", lambda: train.train_step(mlp([3, 1]), MSE(), SGD(mlp([3, 1])), NAN, np.ones((1, 1))),
     ValueError, r"train_step: X contains 1 NaN.*clean the data"),
    ("train_step 1-D X", lambda: train.train_step(mlp([3, 1]), MSE(), SGD(mlp([3, 1])), np.ones(3), np.ones(1)),
     ValueError, r"Dense.forward: expected x of shape \(N, 3\), got \(3,\).*x\[None, :\]"),
    ("fit length", lambda: train.fit(mlp([3, 1]), BinaryCrossEntropy(), SGD(mlp([3, 1])), X3, [0, 1]),
     ValueError, r"X has 4 rows but y has 2 labels"),
    ("fit epochs", lambda: train.fit(mlp([3, 1]), BinaryCrossEntropy(), SGD(mlp([3, 1])), X3, Y01, epochs=0),
     ValueError, r"epochs >= 1"),
    ("fit patience", lambda: train.fit(mlp([3, 1]), BinaryCrossEntropy(), SGD(mlp([3, 1])), X3, Y01, patience=2),
     ValueError, r"pass val=\(X_val, y_val\)"),
    ("fit nan X", lambda: train.fit(mlp([3, 1]), BinaryCrossEntropy(), SGD(mlp([3, 1])), X3 * np.nan, Y01),
     ValueError, r"X contains 12 NaN.*clean the data"),
    ("fit nan y", lambda: train.fit(mlp([3, 1]), MSE(), SGD(mlp([3, 1])), X3, np.array([[0.0]] * 3 + [[np.nan]])),
     ValueError, r"y contains 1 NaN"),
    ("fit label 2", lambda: train.fit(mlp([3, 1]), BinaryCrossEntropy(), SGD(mlp([3, 1])), X3, [0, 1, 2, 0]),
     ValueError, r"labels must be 0 or 1"),
    ("batches size", lambda: list(train.batches(X3, Y01, 0)), ValueError, r"batch_size >= 1, got 0"),
    ("batches length", lambda: list(train.batches(X3, Y01[:2], 2)), ValueError, r"X has 4 rows but y has 2"),
    ("predict 1-D", lambda: train.predict(mlp([3, 1]), np.ones(3)), ValueError, r"X\[None, :\]"),
    ("accuracy labels", lambda: train.accuracy(mlp([3, 1]), X3, [0, 1]), ValueError,
     r"expected y of shape \(4,\)"),
    # --- data ---
    ("toy n", lambda: data.make_moons(1), ValueError, r"make_moons: expected n >= 2, got 1"),
    ("toy n float", lambda: data.make_blobs(10.5), TypeError, r"whole number"),
    ("toy noise", lambda: data.make_xor(10, noise=-0.1), ValueError, r"noise in \[0, inf\], got -0\.1"),
    ("toy noise string", lambda: data.make_spirals(10, noise="big"), TypeError, r"noise to be a number"),
    ("circles factor", lambda: data.make_circles(10, factor=1.5), ValueError, r"factor in \(0, 1\)"),
    ("spirals turns", lambda: data.make_spirals(10, turns=0), ValueError, r"turns in \(0, inf\]"),
    ("split fractions", lambda: data.stratified_split(X3, Y01, (0.5, 0.6)), ValueError,
     r"summing to 1, e\.g\. \(0\.8, 0\.2\)"),
    ("split one part", lambda: data.stratified_split(X3, Y01, (1.0,)), ValueError, r"two or more"),
    ("split labels", lambda: data.stratified_split(X3, np.array([0, 1])), ValueError, r"expected y of shape \(4,\)"),
    ("split 1-D X", lambda: data.stratified_split(np.ones(4), Y01), ValueError, r"X\[:, None\]"),
    ("confusion label range", lambda: train.confusion_matrix([0, 5], [0, 1], 4), ValueError,
     r"labels must be in 0\.\.3 for 4 classes"),
    ("confusion lengths", lambda: train.confusion_matrix([0, 1, 2], [0, 1], 4), ValueError,
     r"expected y of shape \(3,\)"),
    # --- gradcheck ---
    ("numerical_gradient list", lambda: gradcheck.numerical_gradient(sum, [1.0, 2.0]), TypeError,
     r"float numpy array.*np\.asarray\(x, dtype=float\)"),
    ("numerical_gradient int", lambda: gradcheck.numerical_gradient(sum, np.array([1, 2])), TypeError,
     r"float numpy array"),
    ("rel_error shapes", lambda: gradcheck.rel_error(np.ones(3), np.ones(4)), ValueError,
     r"same shape, got \(3,\) and \(4,\)"),
    ("check_loss strings", lambda: gradcheck.check_loss(MSE(), "abc", np.ones(3)), TypeError,
     r"check_loss: expected scores to be numbers"),
    ("check_layer strings", lambda: gradcheck.check_layer(Dense(3, 2), "abc"), TypeError, r"expected x to be numbers"),
    ("verdict string", lambda: gradcheck.verdict("1e-9"), TypeError, r"verdict: expected error to be a number"),
    ("verdict negative", lambda: gradcheck.verdict(-1.0), ValueError, r"verdict: expected error in \[0, inf\]"),
    ("verdict None", lambda: gradcheck.verdict(None), TypeError, r"expected error to be a number, got None"),
    ("verdict tol", lambda: gradcheck.verdict(1e-9, tol=0), ValueError, r"expected tol in \(0, inf\]"),
    ("verdict inf", lambda: gradcheck.verdict(float("inf")), ValueError, r"expected error in \[0, inf\], got inf"),
]


test_bad_input_raises_an_error_that_teaches = bad_input_test(CASES)


def test_every_public_helper_has_a_case():
    import helpers

    covered = " ".join(c[0] for c in CASES) + " " + " ".join(
        str(c[1].__code__.co_names) for c in CASES)
    missing = [name for name in helpers.__all__
               if name not in covered and name not in {"History", "load_digits"}]  # see test_data
    assert not missing, f"add bad-input cases for {missing}"
