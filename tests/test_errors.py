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
    Layer,
    ReLU,
    Sequential,
    Sigmoid,
    Tanh,
    backward_weights_only,
    mlp,
    relu,
    sigmoid,
    softmax,
    tanh,
)
from helpers.losses import MSE, BinaryCrossEntropy, Loss, SoftmaxCrossEntropy
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


def forward_then(layer, x, dout):
    """forward(x), then backward(dout): for bad douts."""
    return lambda: (layer.forward(x), layer.backward(dout))


def big_weights():
    d = Dense(2, 3)
    d.params["W"][...] = 1.0
    return d


# broken layers and losses of the kind a learner writes
class NoReturn(Dense):
    def backward(self, dout):
        super().backward(dout)  # forgot `return`


class WrongShape(Dense):
    def backward(self, dout):
        super().backward(dout)
        return dout  # dL/d(out) instead of dL/dx


class NanBackward(Dense):
    def backward(self, dout):
        return super().backward(dout) / 0.0 * 0.0


class NoGrads(Layer):
    def __init__(self):
        super().__init__()
        self.params["w"] = np.ones(3)

    def forward(self, x):
        return x * self.params["w"]

    def backward(self, dout):
        return dout * self.params["w"]  # never fills grads["w"]


class ForwardNone(Layer):
    def forward(self, x):
        self._cache = x  # forgot `return`

    def backward(self, dout):
        return dout


class NoSuper(Layer):
    def __init__(self, k):
        self.k = k  # forgot super().__init__()

    def forward(self, x):
        return x * self.k

    def backward(self, dout):
        return self._cached("NoSuper.backward") * dout


class Halfway(Layer):
    def forward(self, x):
        return x  # defines forward only


class LossNoReturn(MSE):
    def backward(self):
        super().backward()  # forgot `return`


class LossWrongShape(MSE):
    def backward(self):
        return super().backward()[:, :1]


class LossForwardNone(MSE):
    def forward(self, pred, y):
        super().forward(pred, y)  # forgot `return`


class LossNoSuper(Loss):
    def __init__(self, scale):
        self.scale = scale  # forgot super().__init__()

    def backward(self):
        return self._cached("LossNoSuper.backward")


def int_params():
    d = Dense(3, 2)
    d.params["W"] = np.ones((3, 2), dtype=int)
    return d


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
    ("Value None", lambda: Value(None), TypeError, r"expected a number, got None.*forgot to `return`"),
    ("Value list", lambda: Value([1.0, 2.0]), TypeError, r"expected a number, got a list of length 2"),
    ("Value huge int", lambda: Value(10 ** 400), ValueError, r"401 digits, too large for a float"),
    ("Value label number", lambda: Value(2.0, label=3), TypeError, r"label to be text, got int 3"),
    ("Value + None", lambda: Value(1.0) + None, TypeError, r"Value \+ \.\.\.: expected a number or a Value.*got None"),
    ("Value * array", lambda: Value(1.0) * np.ones(3), TypeError,
     r"Value \* \.\.\.: expected a number or a Value.*array of shape \(3,\).*helpers\.layers"),
    ("Value array + Value", lambda: np.ones(3) + Value(1.0), TypeError, r"Value \+ \.\.\.:.*array of shape \(3,\)"),
    ("Value ** 0.5 at 0 backward", lambda: (Value(0.0) ** 0.5).backward(), ValueError,
     r"derivative of x\*\*0\.5 at x=0 is infinite \(1/\(2\*sqrt\(x\)\).*\(x \+ 1e-12\) \*\* 0\.5"),
    ("Value ** 0.3 at 0 backward", lambda: (Value(0.0) ** 0.3).backward(), ValueError,
     r"derivative of x\*\*0\.3 at x=0 is infinite"),
    ("Value ** -1 tiny backward", lambda: (Value(1e-200) ** -1).backward(), ValueError,
     r"derivative -1 \* x\*\*-2 at x=1e-200 is too large for a float"),
    ("Value / tiny backward", lambda: (1 / Value(1e-200)).backward(), ValueError, r"too large for a float"),
    ("Value ** -1 at 0", lambda: Value(0.0) ** -1, ValueError, r"undefined for data=0: it divides by zero"),
    ("Value ** nan", lambda: Value(2.0) ** float("nan"), ValueError, r"finite exponent, got nan"),
    ("Value ** huge int", lambda: Value(2.0) ** 10 ** 400, ValueError, r"exponent is too large"),
    ("Value 2 ** Value", lambda: 2 ** Value(2.0), TypeError, r"Value as the exponent.*math\.log"),
    ("Value @ Value", lambda: Value(2.0) @ Value(1.0), TypeError, r"@ is not one of Value's operations"),
    ("Value.backward gradient overflow", lambda: (Value(1e-300, "x").log() * 1e300).backward(), ValueError,
     r"gradient of x \(data=1e-300\) is inf.*too large"),
    # --- array functions ---
    ("sigmoid strings", lambda: sigmoid(["a", "b"]), TypeError, r"sigmoid: expected z to be numbers"),
    ("sigmoid nan", lambda: sigmoid(NAN), ValueError, r"sigmoid: z contains 1 NaN"),
    ("relu strings", lambda: relu("x"), TypeError, r"relu: expected z to be numbers"),
    ("tanh nan", lambda: tanh(NAN), ValueError, r"tanh: z contains 1 NaN"),
    ("softmax one number", lambda: softmax(3.0), ValueError,
     r"softmax: expected scores of shape \(C,\) or \(N, C\).*single number 3.*softmax\(\[2\.0, 1\.0, 0\.1\]\)"),
    ("softmax strings", lambda: softmax(["a"]), TypeError, r"softmax: expected z to be numbers"),
    ("softmax nan", lambda: softmax(NAN), ValueError, r"NaN or infinite"),
    ("sigmoid None", lambda: sigmoid(None), TypeError, r"sigmoid: expected z to be numbers.*got None"),
    ("sigmoid empty", lambda: sigmoid(np.zeros((0, 3))), ValueError, r"sigmoid: z is empty \(shape \(0, 3\)\)"),
    ("sigmoid complex", lambda: sigmoid(np.array([1 + 2j])), TypeError, r"real numbers, got complex numbers.*x\.real"),
    ("sigmoid list holding None", lambda: sigmoid([1.0, None]), TypeError, r"list holding None at position 1"),
    ("sigmoid ragged", lambda: sigmoid([[1.0], [1.0, 2.0]]), ValueError, r"rows have different lengths"),
    ("relu None", lambda: relu(None), TypeError, r"relu: expected z to be numbers.*got None"),
    ("relu empty", lambda: relu([]), ValueError, r"relu: z is empty"),
    ("relu inf", lambda: relu(np.array([np.inf])), ValueError, r"relu: z contains 1 NaN or infinite"),
    ("relu text array", lambda: relu(np.array(["1.5"])), TypeError, r"got text.*dtype=float"),
    ("relu class", lambda: relu(Dense), TypeError, r"the class Dense itself"),
    ("tanh None", lambda: tanh(None), TypeError, r"tanh: expected z to be numbers.*got None"),
    ("tanh strings", lambda: tanh(["a", "b"]), TypeError, r"tanh: expected z to be numbers, got text"),
    ("tanh empty", lambda: tanh(np.zeros((2, 0))), ValueError, r"tanh: z is empty"),
    ("tanh ragged", lambda: tanh([[1.0, 2.0], [3.0]]), ValueError, r"rectangular table"),
    ("tanh dict", lambda: tanh({"z": 1.0}), TypeError, r"got dict"),
    ("softmax None", lambda: softmax(None), TypeError, r"softmax: expected z to be numbers.*got None"),
    ("softmax empty", lambda: softmax(np.zeros((3, 0))), ValueError, r"softmax: z is empty \(shape \(3, 0\)\)"),
    ("softmax list holding None", lambda: softmax([[1.0, None]]), TypeError, r"holding None"),
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
    ("Dense dtype int64", lambda: Dense(2, 3, dtype=np.int64), TypeError,
     r"dtype must be np\.float64 \(the default\) or np\.float32, got dtype int64.*round to 0"),
    ("Dense dtype text", lambda: Dense(2, 3, dtype="banana"), TypeError, r"got str 'banana'"),
    ("Dense rng text", lambda: Dense(2, 3, rng="seed"), TypeError, r"rng to be a seed.*default_rng\(0\)"),
    ("Dense rng negative", lambda: Dense(2, 3, rng=-1), ValueError, r"expected rng >= 0, got -1"),
    ("Dense init near miss", lambda: Dense(2, 3, init="He"), ValueError, r"Did you mean 'he'\?"),
    ("Dense n_in None", lambda: Dense(None, 3), TypeError, r"n_in to be a whole number, got None"),
    ("Dense unknown keyword", lambda: Dense(2, 3, activation="relu"), TypeError, r"activation"),
    ("Dense.forward None", lambda: Dense(2, 3).forward(None), TypeError,
     r"Dense\.forward: expected x to be numbers.*got None.*forgot to `return`"),
    ("Dense.forward empty", lambda: Dense(2, 3).forward(np.zeros((0, 2))), ValueError, r"x is empty \(shape \(0, 2\)\)"),
    ("Dense.forward overflow", lambda: big_weights().forward([[1e308, 1e308]]), ValueError,
     r"Dense\.forward: the output x @ W \+ b overflowed.*largest \|x\| is 1e\+308.*scale"),
    ("Dense.forward complex", lambda: Dense(2, 3).forward(np.ones((1, 2)) * 1j), TypeError, r"complex numbers"),
    ("Dense.backward None", forward_then(Dense(2, 3), np.ones((1, 2)), None), TypeError,
     r"Dense\.backward: expected dout to be numbers.*got None"),
    ("Dense.backward nan", forward_then(Dense(2, 3), np.ones((1, 2)), np.full((1, 3), np.nan)), ValueError,
     r"Dense\.backward: dout contains 3 NaN"),
    # --- activation layers ---
    ("ReLU strings", lambda: ReLU().forward(["a"]), TypeError, r"ReLU.forward: expected x to be numbers"),
    ("Sigmoid strings", lambda: Sigmoid().forward("abc"), TypeError, r"Sigmoid.forward: expected x to be numbers"),
    ("Tanh nan", lambda: Tanh().forward(NAN), ValueError, r"NaN"),
    ("Identity nan", lambda: Identity().forward(NAN[None]), ValueError, r"Identity.forward: x contains 1 NaN"),
    ("ReLU backward first", after(ReLU, "backward", X3), RuntimeError, r"call forward\(x\) before backward"),
    ("Sigmoid backward first", after(Sigmoid, "backward", X3), RuntimeError, r"before backward"),
    ("Tanh backward first", after(Tanh, "backward", X3), RuntimeError, r"before backward"),
    ("Identity backward first", after(Identity, "backward", X3), RuntimeError, r"before backward"),
    ("ReLU size", lambda: ReLU(16), TypeError, r"ReLU\(\) takes no arguments, got ReLU\(16\).*Dense\(2, 16\)"),
    ("ReLU.forward None", lambda: ReLU().forward(None), TypeError, r"ReLU\.forward: expected x to be numbers.*None"),
    ("ReLU.forward empty", lambda: ReLU().forward(np.zeros((0, 4))), ValueError, r"ReLU\.forward: x is empty"),
    ("ReLU.backward nan", forward_then(ReLU(), X3, X3 * np.nan), ValueError, r"ReLU\.backward: dout contains 12 NaN"),
    ("ReLU.backward shape", forward_then(ReLU(), X3, np.ones((4, 2))), ValueError,
     r"ReLU\.backward: expected dout of shape \(4, 3\), got \(4, 2\)"),
    ("Sigmoid size", lambda: Sigmoid(3), TypeError, r"Sigmoid\(\) takes no arguments"),
    ("Sigmoid.forward None", lambda: Sigmoid().forward(None), TypeError, r"Sigmoid\.forward:.*got None"),
    ("Sigmoid.forward nan", lambda: Sigmoid().forward(NAN), ValueError, r"Sigmoid\.forward: x contains 1 NaN"),
    ("Sigmoid.forward empty", lambda: Sigmoid().forward([]), ValueError, r"Sigmoid\.forward: x is empty"),
    ("Sigmoid.backward shape", forward_then(Sigmoid(), X3, np.ones(3)), ValueError,
     r"expected dout of shape \(4, 3\), got \(3,\)"),
    ("Tanh keyword", lambda: Tanh(scale=2), TypeError, r"Tanh\(\) takes no arguments, got Tanh\(scale=2\)"),
    ("Tanh.forward None", lambda: Tanh().forward(None), TypeError, r"Tanh\.forward:.*got None"),
    ("Tanh.forward text", lambda: Tanh().forward(np.array(["a"])), TypeError, r"Tanh\.forward: expected x to be numbers, got text"),
    ("Tanh.forward empty", lambda: Tanh().forward(np.zeros((3, 0))), ValueError, r"Tanh\.forward: x is empty"),
    ("Tanh.backward None", forward_then(Tanh(), X3, None), TypeError, r"Tanh\.backward: expected dout.*None"),
    ("Identity size", lambda: Identity(1), TypeError, r"Identity\(\) takes no arguments"),
    ("Identity.forward None", lambda: Identity().forward(None), TypeError, r"Identity\.forward:.*got None"),
    ("Identity.forward empty", lambda: Identity().forward([[]]), ValueError, r"Identity\.forward: x is empty"),
    ("Identity.forward strings", lambda: Identity().forward("x"), TypeError, r"got str 'x'"),
    ("Identity.backward shape", forward_then(Identity(), X3, np.ones((3, 4))), ValueError,
     r"expected dout of shape \(4, 3\), got \(3, 4\)"),
    # --- Layer, the base of one's own layers ---
    ("Layer.forward not written", lambda: Layer().forward(X3), NotImplementedError,
     r"Layer\.forward: this layer does not define forward\(self, x\) yet"),
    ("Layer.backward not written", lambda: Halfway().backward(X3), NotImplementedError,
     r"Halfway\.backward: this layer does not define backward\(self, dout\).*fill self\.grads"),
    ("Layer arguments", lambda: Layer(3), TypeError, r"Layer\(\) takes no arguments, got Layer\(3\)"),
    ("Layer unknown keyword", lambda: Layer(size=3), TypeError, r"got Layer\(size=3\)"),
    ("Layer backward first", lambda: NoSuper(2).backward(X3), RuntimeError,
     r"NoSuper\.backward: call forward\(x\) before backward\(dout\)"),
    # --- backward_weights_only ---
    ("backward_weights_only None", lambda: backward_weights_only(None, X3), TypeError,
     r"backward_weights_only: expected layer to be a layer.*got None"),
    ("backward_weights_only class", lambda: backward_weights_only(Dense, X3), TypeError,
     r"the class Dense itself \(did you mean Dense\(\.\.\.\)\?\)"),
    ("backward_weights_only array", lambda: backward_weights_only(X3, X3), TypeError, r"got an array of shape \(4, 3\)"),
    ("backward_weights_only dout None", lambda: (lambda d: (d.forward(X3), backward_weights_only(d, None)))(Dense(3, 2)),
     TypeError, r"Dense\.backward: expected dout to be numbers.*None"),
    ("backward_weights_only dout shape", lambda: (lambda d: (d.forward(X3), backward_weights_only(d, X3)))(Dense(3, 2)),
     ValueError, r"expected dout of shape \(4, 2\), got \(4, 3\)"),
    ("backward_weights_only before forward", lambda: backward_weights_only(Dense(3, 2), X3), RuntimeError,
     r"call forward\(x\) before backward"),
    # --- Sequential and mlp ---
    ("Sequential number", lambda: Sequential(Dense(2, 3), 3), TypeError, r"item 1 is 3, which is not a layer"),
    ("Sequential class", lambda: Sequential(Dense(2, 3), ReLU), TypeError, r"ReLU instead of ReLU\(\)"),
    ("Sequential mismatch", lambda: Sequential(Dense(2, 3), Dense(4, 1)).forward(np.ones((5, 2))),
     ValueError, r"Dense.forward: expected x of shape \(N, 4\), got \(5, 3\)"),
    ("Sequential backward first", after(lambda: mlp([2, 3, 1]), "backward", np.ones((4, 1))),
     RuntimeError, r"before backward"),
    ("Sequential.forward_steps 1-D", lambda: mlp([2, 1]).forward_steps(np.ones(2)), ValueError, r"x\[None, :\]"),
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
    ("mlp None", lambda: mlp(None), ValueError, r"list of at least two widths.*got None"),
    ("mlp activation near miss", lambda: mlp([2, 1], activation="ReLU"), ValueError, r"Did you mean 'relu'\?"),
    ("mlp seed negative", lambda: mlp([2, 1], seed=-1), ValueError, r"mlp: expected seed >= 0, got -1"),
    ("mlp dtype int", lambda: mlp([2, 1], dtype=int), TypeError, r"mlp: dtype must be np\.float64"),
    ("mlp init", lambda: mlp([2, 1], init="gauss"), ValueError, r"mlp: init must be one of 'he'"),
    ("Sequential.forward None", lambda: mlp([2, 1]).forward(None), TypeError,
     r"Sequential\.forward: expected x to be numbers.*None"),
    ("Sequential None layer", lambda: Sequential(Dense(2, 3), None), TypeError, r"item 1 is None"),
    ("Sequential.forward empty", lambda: mlp([2, 1]).forward(np.zeros((0, 2))), ValueError, r"Sequential\.forward: x is empty"),
    # --- losses ---
    ("MSE shapes", lambda: MSE().forward(np.ones((4, 1)), np.ones(4)), ValueError,
     r"same shape, got pred \(4, 1\) and y \(4,\).*y\[:, None\]"),
    ("MSE nan", lambda: MSE().forward(np.ones(2), np.array([1.0, np.nan])), ValueError, r"y contains 1 NaN"),
    ("MSE strings", lambda: MSE().forward(["a"], [1.0]), TypeError, r"expected pred to be numbers"),
    ("MSE backward first", after(MSE, "backward"), RuntimeError, r"call forward\(scores, y\) before backward"),
    ("MSE pred None", lambda: MSE().forward(None, np.ones(3)), TypeError, r"MSE\.forward: expected pred to be numbers.*None"),
    ("MSE y None", lambda: MSE().forward(np.ones(3), None), TypeError, r"MSE\.forward: expected y to be numbers.*None"),
    ("MSE empty", lambda: MSE().forward([], []), ValueError, r"MSE\.forward: pred is empty"),
    ("MSE overflow", lambda: MSE().forward([1e300, -1e300], [0.0, 0.0]), ValueError,
     r"MSE\.forward: the loss overflowed to inf.*1e\+300.*scale"),
    ("MSE arguments", lambda: MSE(np.ones(3)), TypeError, r"MSE\(\) takes no arguments.*loss_fn = MSE\(\); loss_fn\(scores, y\)"),
    ("Loss.forward not written", lambda: Loss().forward(X3, Y01), NotImplementedError,
     r"Loss\.forward: this loss does not define forward\(self, scores, y\) yet"),
    ("Loss.backward not written", lambda: Loss().backward(), NotImplementedError, r"Loss\.backward: this loss does not define"),
    ("Loss arguments", lambda: Loss(2), TypeError, r"Loss\(\) takes no arguments, got Loss\(2\)"),
    ("Loss unknown keyword", lambda: Loss(reduction="sum"), TypeError, r"got Loss\(reduction='sum'\)"),
    ("Loss backward first", lambda: LossNoSuper(2.0).backward(), RuntimeError,
     r"LossNoSuper\.backward: call forward\(scores, y\) before backward\(\)"),
    ("BinaryCrossEntropy two columns", lambda: BinaryCrossEntropy().forward(np.ones((4, 2)), Y01), ValueError,
     r"\(N,\) or \(N, 1\), got \(4, 2\).*SoftmaxCrossEntropy"),
    ("BinaryCrossEntropy label 2", lambda: BinaryCrossEntropy().forward(np.ones(4), np.array([0, 1, 2, 0])), ValueError,
     r"labels must be 0 or 1"),
    ("BinaryCrossEntropy count", lambda: BinaryCrossEntropy().forward(np.ones(4), np.array([0, 1])), ValueError,
     r"4 scores but 2 labels"),
    ("BinaryCrossEntropy nan", lambda: BinaryCrossEntropy().forward(np.array([np.nan, 0.0]), np.array([0, 1])), ValueError,
     r"NaN"),
    ("BinaryCrossEntropy backward first", after(BinaryCrossEntropy, "backward"), RuntimeError, r"before backward"),
    ("BinaryCrossEntropy scores None", lambda: BinaryCrossEntropy().forward(None, Y01), TypeError,
     r"expected scores to be numbers.*None"),
    ("BinaryCrossEntropy y None", lambda: BinaryCrossEntropy().forward(np.ones(4), None), TypeError,
     r"expected y to be numbers.*None"),
    ("BinaryCrossEntropy empty", lambda: BinaryCrossEntropy().forward(np.ones((0, 1)), []), ValueError, r"scores is empty"),
    ("BinaryCrossEntropy text labels", lambda: BinaryCrossEntropy().forward(np.ones(2), ["yes", "no"]), TypeError,
     r"expected y to be numbers, got text"),
    ("BinaryCrossEntropy overflow", lambda: BinaryCrossEntropy().forward([1e308, 1e308], [0, 0]), ValueError,
     r"the loss overflowed to inf"),
    ("SoftmaxCrossEntropy label 10 of 10", lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 10)), np.array([3, 10])),
     ValueError, r"labels must be in 0\.\.9 for 10 classes, got values from 3 to 10"),
    ("SoftmaxCrossEntropy negative label", lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 3)), np.array([-1, 0])),
     ValueError, r"in 0\.\.2"),
    ("SoftmaxCrossEntropy float labels", lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 3)), np.array([0.5, 1.0])),
     ValueError, r"whole-number class labels.*astype\(int\)"),
    ("SoftmaxCrossEntropy string labels", lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 3)), np.array(["a", "b"])),
     TypeError, r"class labels.*got text"),
    ("SoftmaxCrossEntropy label count", lambda: SoftmaxCrossEntropy().forward(np.zeros((3, 3)), np.array([0, 1])),
     ValueError, r"expected y of shape \(3,\).*got \(2,\)"),
    ("SoftmaxCrossEntropy 1-D scores", lambda: SoftmaxCrossEntropy().forward(np.zeros(3), np.array([0])), ValueError,
     r"got \(3,\).*scores\[None, :\]"),
    ("SoftmaxCrossEntropy backward first", after(SoftmaxCrossEntropy, "backward"), RuntimeError, r"before backward"),
    ("SoftmaxCrossEntropy scores None", lambda: SoftmaxCrossEntropy().forward(None, [0]), TypeError,
     r"expected scores to be numbers.*None"),
    ("SoftmaxCrossEntropy labels None", lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 3)), None), TypeError,
     r"expected y to be class labels.*got None.*forgot to `return`"),
    ("SoftmaxCrossEntropy labels empty", lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 3)), []), ValueError,
     r"y is empty \(shape \(0,\)\): there are no labels"),
    ("SoftmaxCrossEntropy labels ragged", lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 3)), [[0], [1, 2]]),
     ValueError, r"one label per example.*different lengths"),
    ("SoftmaxCrossEntropy labels holding None", lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 3)), [0, None]),
     TypeError, r"holding None"),
    ("SoftmaxCrossEntropy overflow", lambda: SoftmaxCrossEntropy().forward([[1e308, -1e308]], [1]), ValueError,
     r"SoftmaxCrossEntropy\.forward: the loss overflowed to inf"),
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
    ("SGD.step without grads", lambda: SGD(params()).step(), TypeError, r"pass their gradients: step\("),
    ("Adam.step missing grad", lambda: Adam(params()).step({"v": np.ones(3)}), ValueError,
     r"no gradient for parameter 'w'"),
    ("RMSProp.step grad shape", lambda: RMSProp(params()).step({"w": np.ones(4)}), ValueError,
     r"gradient for 'w' has shape \(4,\), but the parameter has shape \(3,\)"),
    ("Adam.step params changed", lambda: changed_params(Adam), ValueError,
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
    ("make_moons n 1", lambda: data.make_moons(1), ValueError, r"make_moons: expected n >= 2, got 1"),
    ("make_blobs n float", lambda: data.make_blobs(10.5), TypeError, r"whole number"),
    ("make_xor noise negative", lambda: data.make_xor(10, noise=-0.1), ValueError, r"noise in \[0, 100\], got -0\.1"),
    ("make_spirals noise string", lambda: data.make_spirals(10, noise="big"), TypeError, r"noise to be a number"),
    ("make_circles factor 1.5", lambda: data.make_circles(10, factor=1.5), ValueError, r"factor in \(0, 1\)"),
    ("make_spirals turns 0", lambda: data.make_spirals(10, turns=0), ValueError, r"turns in \(0, 1000\]"),
    ("stratified_split fractions", lambda: data.stratified_split(X3, Y01, (0.5, 0.6)), ValueError,
     r"summing to 1, e\.g\. \(0\.8, 0\.2\)"),
    ("stratified_split one part", lambda: data.stratified_split(X3, Y01, (1.0,)), ValueError, r"two or more"),
    ("stratified_split labels", lambda: data.stratified_split(X3, np.array([0, 1])), ValueError, r"expected y of shape \(4,\)"),
    ("stratified_split 1-D X", lambda: data.stratified_split(np.ones(4), Y01), ValueError, r"X\[:, None\]"),
    ("confusion_matrix label range", lambda: train.confusion_matrix([0, 5], [0, 1], 4), ValueError,
     r"labels must be in 0\.\.3 for 4 classes"),
    ("confusion_matrix lengths", lambda: train.confusion_matrix([0, 1, 2], [0, 1], 4), ValueError,
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
    ("verdict dict", lambda: gradcheck.verdict({"x": 1e-9, "W": 2e-9}), TypeError,
     r"a dict with keys \['x', 'W'\].*verdict\(errors\['x'\]\)"),
    ("numerical_gradient f not callable", lambda: gradcheck.numerical_gradient(3.0, np.ones(2)), TypeError,
     r"expected f to be a function that returns one number.*got float 3\.0"),
    ("numerical_gradient f returns None", lambda: gradcheck.numerical_gradient(lambda v: None, np.ones(2)), TypeError,
     r"f must return one number.*returned None.*forget `return`"),
    ("numerical_gradient f returns an array", lambda: gradcheck.numerical_gradient(lambda v: v * 2, np.ones(2)),
     TypeError, r"returned an array of shape \(2,\).*np\.sum"),
    ("numerical_gradient f returns nan", lambda: gradcheck.numerical_gradient(lambda v: float(np.log(v[0] - 1)), np.ones(2)),
     ValueError, r"f returned nan with x\[0\] nudged to 0\.99999.*log of 0"),
    ("numerical_gradient empty", lambda: gradcheck.numerical_gradient(sum, np.ones((0, 2))), ValueError,
     r"x is empty \(shape \(0, 2\)\)"),
    ("numerical_gradient nan x", lambda: gradcheck.numerical_gradient(sum, np.array([np.nan, 1.0])), ValueError,
     r"x contains 1 NaN"),
    ("numerical_gradient h 0", lambda: gradcheck.numerical_gradient(sum, np.ones(2), h=0), ValueError, r"h in \(0, 1\]"),
    ("rel_error None", lambda: gradcheck.rel_error(None, np.ones(3)), TypeError, r"rel_error: expected a to be numbers.*None"),
    ("rel_error strings", lambda: gradcheck.rel_error(np.ones(3), "abc"), TypeError, r"expected b to be numbers"),
    ("rel_error nan", lambda: gradcheck.rel_error(np.array([np.nan, 1.0]), np.ones(2)), ValueError,
     r"a holds 1 NaN or infinite value\(s\); a gradient that is right is finite"),
    ("rel_error empty", lambda: gradcheck.rel_error([], []), ValueError, r"rel_error: a is empty"),
    ("rel_error ragged", lambda: gradcheck.rel_error([[1.0], [1.0, 2.0]], np.ones(2)), ValueError, r"different lengths"),
    ("check_layer backward returns None", lambda: gradcheck.check_layer(NoReturn(3, 2), X3), TypeError,
     r"NoReturn\.backward returned None \(did it forget `return`\?\) where dL/dx of shape \(4, 3\) belongs"),
    ("check_layer backward shape", lambda: gradcheck.check_layer(WrongShape(3, 2), X3), ValueError,
     r"WrongShape\.backward gave dL/dx of shape \(4, 2\), but it must have shape \(4, 3\)"),
    ("check_layer backward nan", lambda: gradcheck.check_layer(NanBackward(3, 2), X3), ValueError,
     r"dL/dx from NanBackward\.backward holds 12 NaN.*division by 0"),
    ("check_layer grads missing", lambda: gradcheck.check_layer(NoGrads(), X3), ValueError,
     r"NoGrads\.grads has no 'w' after backward.*same keys as params"),
    ("check_layer forward returns None", lambda: gradcheck.check_layer(ForwardNone(), X3), TypeError,
     r"ForwardNone\.forward returned None \(did it forget `return`\?\)"),
    ("check_layer class", lambda: gradcheck.check_layer(Dense, X3), TypeError, r"the class Dense itself.*Dense\(\.\.\.\)"),
    ("check_layer None", lambda: gradcheck.check_layer(None, X3), TypeError, r"expected layer to be a layer.*got None"),
    ("check_layer huge x", lambda: gradcheck.check_layer(Dense(3, 2), X3 * 1e300), ValueError,
     r"x holds values as large as 1e\+300.*lost in rounding"),
    ("check_layer seed negative", lambda: gradcheck.check_layer(Dense(3, 2), X3, seed=-1), ValueError, r"seed >= 0"),
    ("check_layer int params", lambda: gradcheck.check_layer(int_params(), X3), TypeError,
     r"Dense\.params\['W'\] must be a float numpy array"),
    ("check_layer empty x", lambda: gradcheck.check_layer(Dense(3, 2), np.zeros((0, 3))), ValueError, r"x is empty"),
    ("check_loss backward returns None", lambda: gradcheck.check_loss(LossNoReturn(), X3, X3), TypeError,
     r"LossNoReturn\.backward returned None \(did it forget `return`\?\)"),
    ("check_loss backward shape", lambda: gradcheck.check_loss(LossWrongShape(), X3, X3), ValueError,
     r"gave dL/dscores of shape \(4, 1\), but it must have shape \(4, 3\)"),
    ("check_loss forward returns None", lambda: gradcheck.check_loss(LossForwardNone(), X3, X3), TypeError,
     r"LossForwardNone\.forward returned None \(did it forget `return`\?\)"),
    ("check_loss class", lambda: gradcheck.check_loss(MSE, X3, X3), TypeError, r"the class MSE itself.*MSE\(\.\.\.\)"),
    ("check_loss labels None", lambda: gradcheck.check_loss(SoftmaxCrossEntropy(), X3, None), TypeError,
     r"expected y to be class labels.*None"),
    ("check_loss huge scores", lambda: gradcheck.check_loss(MSE(), X3 * 1e300, X3), ValueError, r"scores holds values as large"),
    ("check_loss h", lambda: gradcheck.check_loss(MSE(), X3, X3, h=-1e-5), ValueError, r"h in \(0, 1\]"),
]


test_bad_input_raises_an_error_that_teaches = bad_input_test(CASES)


def test_every_public_helper_has_a_case():
    import helpers

    covered = " ".join(c[0] for c in CASES) + " " + " ".join(
        str(c[1].__code__.co_names) for c in CASES)
    missing = [name for name in helpers.__all__
               if name not in covered and name not in {"History", "load_digits"}]  # see test_data
    assert not missing, f"add bad-input cases for {missing}"
