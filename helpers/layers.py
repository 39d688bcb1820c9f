"""Activations and layers that work on a whole batch at once.

Introduced in notebooks/03_layers and notebooks/04_forward_pass; their backward passes in
notebooks/06_backprop.

The layer contract, shared by every class here:

- ``forward(x)`` takes a batch ``x`` and returns the output. Activations work elementwise on
  any shape; ``Dense`` takes (N, D), or (..., N, D) with more leading axes, each of them a
  batch axis.
- ``backward(dout)`` takes dL/d(output), fills ``grads`` (same keys as ``params``) and
  returns dL/dx, of the same shape as ``x``.
- ``params`` and ``grads`` are dicts of arrays with the same keys, so one optimizer
  serves every layer. Layers without weights have empty dicts.
- ``needs_input_grad`` (True unless someone says otherwise): whether the caller of
  ``backward`` needs dL/dx. When it is False a layer may skip computing it and return None;
  ``Dense`` then saves a matrix product. ``Sequential`` passes its own flag on to its first
  layer, and ``train.train_step`` sets it on the model, each for one call only (see
  `backward_weights_only`): in training nothing needs the gradient of the data.

Each layer checks its input (numbers, shape, no NaN) when it is called on its own. Inside a
``Sequential`` the data is checked once where it comes in (`validate.boundary`), and the
layers skip the NaN check of numbers the network computed itself.

Shape letters: N examples in the batch, D input features, H hidden units, C classes.
"""

from __future__ import annotations

import numpy as np

from .validate import _BOUNDARY, NotFiniteError, _describe, as_array, boundary, choice, positive_int

# --- activation functions on arrays (stable: no overflow warnings for any finite input) ---


def _sigmoid(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))  # always in (0, 1]: never overflows
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid(z):
    """Logistic function 1 / (1 + e^-z), elementwise, computed without overflow.

    z: a number or an array of any shape -> an array of the same shape, values in [0, 1].
    Introduced in notebooks/01_the_neuron.
    """
    return _sigmoid(as_array(z, "z", "sigmoid", finite=None))


def relu(z):
    """max(0, z), elementwise: a number or an array of any shape -> the same shape.

    Introduced in notebooks/03_layers.
    """
    return np.maximum(as_array(z, "z", "relu", finite=None), 0)


def tanh(z):
    """Hyperbolic tangent, elementwise: a number or an array of any shape -> the same shape.

    Introduced in notebooks/03_layers.
    """
    return np.tanh(as_array(z, "z", "tanh", finite=None))


def softmax(z):
    """Turn scores into probabilities that sum to 1 along the last axis.

    z: scores of shape (C,), (N, C) or (..., C) -> probabilities of the same shape.
    Subtracting the largest score first changes nothing mathematically but keeps exp from
    overflowing. Introduced in notebooks/04_forward_pass.
    """
    z = as_array(z, "z", "softmax", finite=None)
    if z.ndim == 0:
        raise ValueError(f"softmax: expected scores of shape (C,) or (N, C), one score per class, "
                         f"got the single number {float(z):g}. Softmax compares scores with each "
                         "other: pass all of them, e.g. softmax([2.0, 1.0, 0.1]).")
    with np.errstate(over="ignore"):  # scores 1e308 apart: the smaller ones' exp is 0, rightly
        e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# --- layers ---


class Layer:
    """Base class: no parameters; subclasses override forward and backward.

    ``needs_input_grad``: whether ``backward`` must return dL/dx (see the module docstring).

    Introduced in notebooks/03_layers.
    """

    params: dict
    grads: dict
    needs_input_grad = True
    _cache = None  # until forward runs (also in a subclass that skips Layer.__init__)

    def __init__(self, *args, **kwargs):
        if args or kwargs:  # e.g. ReLU(16): an activation has no size
            _no_arguments(self, args, kwargs)
        self.params, self.grads = {}, {}
        self._cache = None

    def __call__(self, x):
        return self.forward(x)

    def __repr__(self):
        return f"{type(self).__name__}()"

    def forward(self, x):
        """x -> the layer's output; every layer defines its own."""
        raise NotImplementedError(f"{type(self).__name__}.forward: this layer does not define "
                                  "forward(self, x) yet. A layer of your own subclasses Layer and "
                                  "writes forward (return the output) and backward (return dL/dx).")

    def backward(self, dout):
        """dL/d(output) -> dL/dx, filling grads; every layer defines its own."""
        raise NotImplementedError(f"{type(self).__name__}.backward: this layer does not define "
                                  "backward(self, dout) yet. Write it: fill self.grads (same keys "
                                  "as self.params) and return dL/dx, the shape of forward's x.")

    def _cached(self, where: str):
        if self._cache is None:
            raise RuntimeError(f"{where}: call forward(x) before backward(dout); "
                               "backward needs the values forward saw.")
        return self._cache

    def _check_dout(self, dout, shape, where):
        # inside training (a boundary) the shape only: forward already checked its input for
        # NaN, and a NaN born later shows up in the loss, which fit reports as divergence.
        # Called on its own, dout is the learner's input and is checked for NaN too.
        if (isinstance(dout, np.ndarray) and dout.dtype.kind == "f" and dout.shape == shape
                and _BOUNDARY.inside):
            return dout  # the usual case, checked in the cheapest way (this runs every batch)
        return as_array(dout, "dout", where, shape=shape, finite=None)


def backward_weights_only(layer, dout):
    """``layer.backward(dout)`` for a caller that does not need dL/dx back.

    Sets the layer's ``needs_input_grad`` to False for this one call and puts it back
    afterwards, so the layer is unchanged outside the call. Returns what backward returns:
    None from a layer that skips dL/dx (Dense), dL/dx from one that ignores the flag. A
    layer without the flag (any object with forward and backward) is simply called.

    Used by ``Sequential.backward`` (notebooks/04_forward_pass) and ``train.train_step``
    (notebooks/08_training_loop).
    """
    wanted = getattr(layer, "needs_input_grad", None)
    if not wanted:  # already off, or a layer that does not know the flag
        if not callable(getattr(layer, "backward", None)) or isinstance(layer, type):
            _not_a_layer(layer, "backward_weights_only", "layer")
        return layer.backward(dout)
    if isinstance(layer, type):
        _not_a_layer(layer, "backward_weights_only", "layer")
    own = "needs_input_grad" in getattr(layer, "__dict__", ())  # set on this layer, or inherited
    layer.needs_input_grad = False
    try:
        return layer.backward(dout)
    finally:  # put back exactly what was there
        if own:
            layer.needs_input_grad = wanted
        else:
            del layer.needs_input_grad


def _no_arguments(obj, args, kwargs):
    """Raise the TypeError for a layer made with arguments it does not take."""
    name = type(obj).__name__
    given = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
    raise TypeError(f"{name}() takes no arguments, got {name}({given}). It keeps the shape of "
                    f"its input, so it needs no size: write {name}(). (Sizes go to Dense, e.g. "
                    "Dense(2, 16).)")


def _not_a_layer(obj, where: str, name: str):
    """Raise the TypeError for something passed as a layer that is not one."""
    raise TypeError(f"{where}: expected {name} to be a layer (an object with forward and "
                    f"backward, such as Dense(2, 3)), got {_describe(obj)}.")


def _finite_or_raise(arrays, where: str, what: str, inputs: dict) -> None:
    """After a computation on finite inputs (called on its own, outside a boundary): raise a
    NotFiniteError in words if it overflowed, naming the largest input."""
    if all(np.isfinite(a).all() for a in arrays):
        return
    sizes = ", ".join(f"the largest |{k}| is {np.abs(v).max():.3g}" for k, v in inputs.items())
    raise NotFiniteError(f"{where}: {what} overflowed to NaN or infinity ({sizes}). Fix: scale "
                         "the numbers down (e.g. divide the data by its largest value); if this "
                         "came from training, lower the learning rate.")


_FLOATS = (np.float64, np.float32)


class Dense(Layer):
    """A fully connected layer: ``out = x @ W + b``.

    Parameters
    ----------
    n_in, n_out : int
        Number of input features D and output units H.
    init : {"he", "xavier", "zeros"}
        How to draw W: He (std sqrt(2 / n_in), for ReLU), Xavier/Glorot (std
        sqrt(2 / (n_in + n_out)), for tanh and sigmoid) or all zeros (for the "break it"
        experiments). b starts at zero.
    rng : numpy.random.Generator or int, optional
        The random source (or a seed for one). Default: seed 0, so results repeat.
    dtype : numpy dtype
        float64 (default, for exact gradient checks) or float32 (faster).

    Attributes
    ----------
    params : {"W": (D, H), "b": (H,)}
    grads : same keys and shapes, filled by ``backward``.

    x may have more leading axes than (N, D), e.g. (B, N, D) for B sequences of N steps: the
    same W and b apply at every position, and backward sums their gradients over all of them.

    Introduced in notebooks/03_layers.
    """

    def __init__(self, n_in: int, n_out: int, init: str = "he", rng=None, dtype=np.float64):
        super().__init__()
        n_in = positive_int(n_in, "n_in", "Dense")
        n_out = positive_int(n_out, "n_out", "Dense")
        dtype = _float_dtype(dtype, "Dense")
        rng = rng if isinstance(rng, np.random.Generator) else _generator(rng, "Dense")
        scales = {"he": np.sqrt(2 / n_in), "xavier": np.sqrt(2 / (n_in + n_out)), "zeros": 0.0}
        self.init = choice(init, "init", "Dense", scales)
        self.params["W"] = (rng.standard_normal((n_in, n_out)) * scales[init]).astype(dtype)
        self.params["b"] = np.zeros(n_out, dtype=dtype)
        self.grads["W"] = np.zeros_like(self.params["W"])
        self.grads["b"] = np.zeros_like(self.params["b"])

    @property
    def shape(self) -> tuple[int, int]:
        """(n_in, n_out)."""
        return self.params["W"].shape

    def __repr__(self):
        return f"Dense({self.shape[0]}, {self.shape[1]})"

    def forward(self, x):
        """x: (N, D) -> out: (N, H); more leading axes pass through: (..., N, D) -> (..., N, H)."""
        W = self.params["W"]
        if not _BOUNDARY.inside:  # called on its own: checked, and overflow said in words
            return self._forward_alone(x)
        x = as_array(x, "x", "Dense.forward", shape=(..., None, W.shape[0]), finite=False)
        self._cache = x
        return x @ W + self.params["b"]

    def _forward_alone(self, x):
        W = self.params["W"]
        x = as_array(x, "x", "Dense.forward", shape=(..., None, W.shape[0]))
        with boundary(), np.errstate(all="ignore"):
            out = Dense.forward(self, x)  # this class's own: a subclass may call it via super()
        _finite_or_raise((out,), "Dense.forward", "the output x @ W + b",
                         {"x": x, "W": W, "b": self.params["b"]})
        return out

    def backward(self, dout):
        """dout: (N, H) -> dx: (N, D); fills grads["W"] (D, H) and grads["b"] (H,).

        With more leading axes, dout (..., N, H) -> dx (..., N, D), and the gradients are
        summed over all of them (every position used the same W and b). Returns None instead
        of dx when ``needs_input_grad`` is False: the matrix product for dx is skipped.
        """
        x = self._cached("Dense.backward")
        W = self.params["W"]
        if not _BOUNDARY.inside:  # called on its own: checked, and overflow said in words
            return self._backward_alone(x, W, dout)
        shape = x.shape[:-1] + W.shape[1:]  # in training: the shape only, in the cheapest way
        if not (isinstance(dout, np.ndarray) and dout.dtype.kind == "f" and dout.shape == shape):
            dout = as_array(dout, "dout", "Dense.backward", shape=shape, finite=False)
        rows, drows = x.reshape(-1, W.shape[0]), dout.reshape(-1, W.shape[1])  # (M, D), (M, H)
        self.grads["W"] = rows.T @ drows
        self.grads["b"] = drows.sum(axis=0)
        return dout @ W.T if self.needs_input_grad else None

    def _backward_alone(self, x, W, dout):
        dout = self._check_dout(dout, x.shape[:-1] + W.shape[1:], "Dense.backward")
        with boundary(), np.errstate(all="ignore"):
            dx = Dense.backward(self, dout)
        _finite_or_raise((self.grads["W"], self.grads["b"]) + ((dx,) if dx is not None else ()),
                         "Dense.backward", "the gradients", {"x": x, "W": W, "dout": dout})
        return dx


class ReLU(Layer):
    """max(0, x) elementwise, on any shape; gradient passes only where x > 0.

    Introduced in notebooks/03_layers.
    """

    def forward(self, x):
        x = as_array(x, "x", "ReLU.forward", finite=None)
        self._cache = x
        return np.maximum(x, 0.0)

    def backward(self, dout):
        x = self._cached("ReLU.backward")
        return self._check_dout(dout, x.shape, "ReLU.backward") * (x > 0)


class Sigmoid(Layer):
    """1 / (1 + e^-x) elementwise, on any shape; local gradient s(1 - s).

    Introduced in notebooks/03_layers.
    """

    def forward(self, x):
        self._cache = _sigmoid(as_array(x, "x", "Sigmoid.forward", finite=None))
        return self._cache

    def backward(self, dout):
        s = self._cached("Sigmoid.backward")
        return self._check_dout(dout, s.shape, "Sigmoid.backward") * s * (1 - s)


class Tanh(Layer):
    """tanh(x) elementwise, on any shape; local gradient 1 - tanh².

    Introduced in notebooks/03_layers.
    """

    def forward(self, x):
        self._cache = np.tanh(as_array(x, "x", "Tanh.forward", finite=None))
        return self._cache

    def backward(self, dout):
        t = self._cached("Tanh.backward")
        return self._check_dout(dout, t.shape, "Tanh.backward") * (1 - t * t)


class Identity(Layer):
    """Passes x (any shape) through unchanged: the "no nonlinearity" of the break-it experiments.

    Introduced in notebooks/03_layers.
    """

    def forward(self, x):
        x = as_array(x, "x", "Identity.forward", finite=None)
        self._cache = x.shape
        return x

    def backward(self, dout):
        return self._check_dout(dout, self._cached("Identity.backward"), "Identity.backward")


ACTIVATIONS = {"relu": ReLU, "tanh": Tanh, "sigmoid": Sigmoid, "linear": Identity}


class Sequential(Layer):
    """Layers applied one after another.

    ``params`` and ``grads`` gather every layer's arrays under keys ``"<index>.<name>"``
    (for example ``"0.W"``), pointing at the same arrays, so an optimizer given the whole
    model updates every layer in place. They are read-only views, rebuilt at every read:
    change a weight in place (``model.params["0.W"][...] = W``) or in its layer.

    ``forward`` is where the data comes in: it is checked there once (`validate.boundary`),
    and the layers inside skip their own NaN checks. The layers themselves are not changed:
    one taken out of a Sequential behaves exactly as before it went in.

    Introduced in notebooks/04_forward_pass.
    """

    def __init__(self, *layers: Layer):
        if len(layers) == 1 and isinstance(layers[0], (list, tuple)):
            layers = tuple(layers[0])
        for i, layer in enumerate(layers):
            if isinstance(layer, type) or not (hasattr(layer, "forward") and hasattr(layer, "backward")):
                shown = _describe(layer) if layer is None or isinstance(layer, np.ndarray) else repr(layer)
                raise TypeError(f"Sequential: item {i} is {shown}, which is not a layer "
                                "(it needs forward and backward). Did you pass a class instead "
                                "of an instance, e.g. ReLU instead of ReLU()?")
        self.layers = list(layers)
        self._cache = None

    def __repr__(self):
        return "Sequential(" + ", ".join(map(repr, self.layers)) + ")"

    def __getitem__(self, i):
        return self.layers[i]

    def __len__(self):
        return len(self.layers)

    @property
    def params(self) -> dict:
        # a layer of one's own without weights may have no params at all
        return {f"{i}.{k}": v for i, layer in enumerate(self.layers)
                for k, v in getattr(layer, "params", _NONE).items()}

    @params.setter
    def params(self, value):
        raise AttributeError(_read_only("params"))

    @property
    def grads(self) -> dict:
        return {f"{i}.{k}": v for i, layer in enumerate(self.layers)
                for k, v in getattr(layer, "grads", _NONE).items()}

    @grads.setter
    def grads(self, value):
        raise AttributeError(_read_only("grads"))

    def n_params(self) -> int:
        """Number of learnable numbers (all weights and biases)."""
        return int(sum(p.size for p in self.params.values()))

    def forward(self, x):
        """x: (N, D) (or whatever the first layer takes) -> the last layer's output, e.g. (N, C)."""
        if not _BOUNDARY.inside:  # the outermost call: check x once, quiet numpy's warnings
            with boundary(x, "x", "Sequential.forward") as x, np.errstate(all="ignore"):
                return Sequential.forward(self, x)
        x = as_array(x, "x", "Sequential.forward", finite=False)
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def forward_steps(self, x) -> list:
        """Every intermediate result: [x, after layer 0, after layer 1, ...]."""
        if not _BOUNDARY.inside:
            with boundary(x, "x", "Sequential.forward_steps") as x, np.errstate(all="ignore"):
                return Sequential.forward_steps(self, x)
        x = as_array(x, "x", "Sequential.forward_steps", finite=False)
        outs = [x]
        for layer in self.layers:
            outs.append(layer.forward(outs[-1]))
        return outs

    def backward(self, dout):
        """dL/d(output) -> dL/dx, filling every layer's grads on the way.

        When ``needs_input_grad`` is False (``train.train_step`` sets it: training needs the
        gradients of the weights, not of the data), the first layer is told the same for
        this call, and a first Dense returns None instead of dL/dx.

        Like ``forward``, called on its own it checks dout once where it comes in (numbers,
        no NaN), and the layers inside skip that check; in training (``train_step``) it was
        computed by the loss and is not checked again.
        """
        if not _BOUNDARY.inside:
            with boundary(dout, "dout", "Sequential.backward") as dout, np.errstate(all="ignore"):
                return Sequential.backward(self, dout)
        for layer in reversed(self.layers[1:]):
            dout = layer.backward(dout)
        if not self.layers:
            return dout
        if self.needs_input_grad:
            return self.layers[0].backward(dout)
        return backward_weights_only(self.layers[0], dout)


def _generator(rng, where: str) -> np.random.Generator:
    """A numpy Generator from None (seed 0), a seed >= 0, or anything default_rng takes."""
    if rng is None or isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        return np.random.default_rng(positive_int(0 if rng is None else rng, "rng", where, minimum=0))
    try:
        return np.random.default_rng(rng)  # a SeedSequence or a BitGenerator
    except (TypeError, ValueError):
        raise TypeError(f"{where}: expected rng to be a seed (a whole number >= 0) or a numpy "
                        f"Generator such as np.random.default_rng(0), got {_describe(rng)}.") from None


_NONE: dict = {}  # read only


def _float_dtype(dtype, where: str):
    """`dtype` if it is float64 or float32, else a TypeError in words (integer weights round to 0)."""
    try:
        ok = np.dtype(dtype).type in _FLOATS
    except TypeError:
        ok = False
    if not ok:
        try:
            got = f"dtype {np.dtype(dtype).name}"
        except TypeError:
            got = _describe(dtype)
        raise TypeError(f"{where}: dtype must be np.float64 (the default) or np.float32, got "
                        f"{got}. Weights of other types cannot learn (integer weights round "
                        "to 0).")
    return np.dtype(dtype).type


def _read_only(what: str) -> str:
    return (f"Sequential.{what} cannot be assigned: it is gathered from the layers' own {what} "
            f"every time you read it, so assigning it would change nothing. Change the arrays in "
            f"place instead, e.g. model.{what}['0.W'][...] = new_values, or set them in a layer, "
            f"e.g. model[0].{what}['W'] = new_array.")


def mlp(sizes, activation: str = "relu", init: str | None = None, seed: int = 0,
        dtype=np.float64) -> Sequential:
    """Build a multilayer perceptron: Dense layers with an activation between them.

    Parameters
    ----------
    sizes : list of int
        Layer widths from input to output, e.g. [2, 16, 16, 1]. The last layer has no
        activation: it returns raw scores (logits) for the loss to interpret.
    activation : {"relu", "tanh", "sigmoid", "linear"}
    init : {"he", "xavier", "zeros"}, optional
        Default: He for ReLU, Xavier otherwise.
    seed : int
        Seeds the weights, so the same call builds the same network.

    Introduced in notebooks/04_forward_pass.
    """
    if isinstance(sizes, np.ndarray) and sizes.ndim == 1:
        sizes = sizes.tolist()
    if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
        shown = _describe(sizes) if sizes is None or isinstance(sizes, np.ndarray) else repr(sizes)
        raise ValueError(f"mlp: expected sizes as a list of at least two widths such as "
                         f"[2, 16, 1], got {shown}.")
    for s in sizes:
        positive_int(s, "every width in sizes", "mlp")
    choice(activation, "activation", "mlp", ACTIVATIONS)
    if init is not None:
        choice(init, "init", "mlp", ("he", "xavier", "zeros"))
    dtype = _float_dtype(dtype, "mlp")
    init = init or ("he" if activation == "relu" else "xavier")
    rng = np.random.default_rng(positive_int(seed, "seed", "mlp", minimum=0))
    layers: list[Layer] = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(Dense(a, b, init=init, rng=rng, dtype=dtype))
        if i < len(sizes) - 2:
            layers.append(ACTIVATIONS[activation]())
    return Sequential(layers)
