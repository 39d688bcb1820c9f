"""Activations and layers that work on a whole batch at once.

Introduced in notebooks/03_layers and notebooks/04_forward_pass; their backward passes in
notebooks/06_backprop.

The layer contract, shared by every class here:

- ``forward(x)`` takes a batch ``x`` of shape (N, D) and returns the output.
- ``backward(dout)`` takes dL/d(output), fills ``grads`` (same keys as ``params``) and
  returns dL/dx, of the same shape as ``x``.
- ``params`` and ``grads`` are dicts of arrays with the same keys, so one optimizer
  serves every layer. Layers without weights have empty dicts.

Shape letters: N examples in the batch, D input features, H hidden units, C classes.
"""

from __future__ import annotations

import numpy as np

from .validate import as_array, positive_int

# --- activation functions on arrays (stable: no overflow warnings for any finite input) ---


def sigmoid(z):
    """Logistic function 1 / (1 + e^-z), computed without overflow.

    Introduced in notebooks/01_the_neuron. Works on numbers and arrays of any shape.
    """
    z = as_array(z, "z", "sigmoid")
    e = np.exp(-np.abs(z))  # always in (0, 1]: never overflows
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def relu(z):
    """max(0, z), elementwise. Introduced in notebooks/03_layers."""
    return np.maximum(as_array(z, "z", "relu"), 0)


def tanh(z):
    """Hyperbolic tangent, elementwise. Introduced in notebooks/03_layers."""
    return np.tanh(as_array(z, "z", "tanh"))


def softmax(z):
    """Turn scores of shape (N, C) (or (C,)) into probabilities that sum to 1 along the last axis.

    Subtracting the row maximum first changes nothing mathematically but keeps exp from
    overflowing. Introduced in notebooks/04_forward_pass.
    """
    z = as_array(z, "z", "softmax")
    if z.ndim not in (1, 2):
        raise ValueError(f"softmax: expected scores of shape (C,) or (N, C), got {z.shape}.")
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# --- layers ---


class Layer:
    """Base class: no parameters; subclasses override forward and backward.

    ``check_finite``: whether ``forward`` checks its input for NaN and infinity. A Sequential
    turns it off for every layer after its first: their inputs are numbers the network
    computed itself, and a NaN born there (divergence) reaches the loss, which reports it.
    """

    params: dict
    grads: dict
    check_finite = True

    def __init__(self):
        self.params, self.grads = {}, {}
        self._cache = None

    def __call__(self, x):
        return self.forward(x)

    def __repr__(self):
        return f"{type(self).__name__}()"

    def _cached(self, where: str):
        if self._cache is None:
            raise RuntimeError(f"{where}: call forward(x) before backward(dout); "
                               "backward needs the values forward saw.")
        return self._cache

    def _check_dout(self, dout, shape, where):
        # the shape only: forward already checked its input for NaN, and a NaN born later
        # shows up in the loss, which fit reports as divergence
        if isinstance(dout, np.ndarray) and dout.dtype.kind == "f" and dout.shape == shape:
            return dout  # the usual case, checked in the cheapest way (this runs every batch)
        return as_array(dout, "dout", where, shape=shape, finite=False)


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

    Introduced in notebooks/03_layers.
    """

    def __init__(self, n_in: int, n_out: int, init: str = "he", rng=None, dtype=np.float64):
        super().__init__()
        n_in = positive_int(n_in, "n_in", "Dense")
        n_out = positive_int(n_out, "n_out", "Dense")
        rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng or 0)
        scales = {"he": np.sqrt(2 / n_in), "xavier": np.sqrt(2 / (n_in + n_out)), "zeros": 0.0}
        if init not in scales:
            raise ValueError(f"Dense: init must be one of {sorted(scales)}, got {init!r}.")
        self.init = init
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
        """x: (N, D) -> out: (N, H)."""
        x = as_array(x, "x", "Dense.forward", shape=(None, self.shape[0]), finite=self.check_finite)
        self._cache = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dout, input_grad: bool = True):
        """dout: (N, H) -> dx: (N, D); fills grads["W"] (D, H) and grads["b"] (H,).

        ``input_grad=False`` skips dx (returns None): when x is the data, nothing needs its
        gradient, and training saves a matrix product per batch (see Sequential.backward).
        """
        x = self._cached("Dense.backward")
        dout = self._check_dout(dout, (x.shape[0], self.shape[1]), "Dense.backward")
        self.grads["W"] = x.T @ dout
        self.grads["b"] = dout.sum(axis=0)
        return dout @ self.params["W"].T if input_grad else None


class ReLU(Layer):
    """max(0, x) elementwise; gradient passes only where x > 0. Introduced in notebooks/03_layers."""

    def forward(self, x):
        x = as_array(x, "x", "ReLU.forward", ndim=2, finite=self.check_finite)
        self._cache = x
        return np.maximum(x, 0.0)

    def backward(self, dout):
        x = self._cached("ReLU.backward")
        return self._check_dout(dout, x.shape, "ReLU.backward") * (x > 0)


class Sigmoid(Layer):
    """1 / (1 + e^-x) elementwise; local gradient s(1 - s). Introduced in notebooks/03_layers."""

    def forward(self, x):
        x = as_array(x, "x", "Sigmoid.forward", ndim=2, finite=self.check_finite)
        self._cache = sigmoid(x)
        return self._cache

    def backward(self, dout):
        s = self._cached("Sigmoid.backward")
        return self._check_dout(dout, s.shape, "Sigmoid.backward") * s * (1 - s)


class Tanh(Layer):
    """tanh(x) elementwise; local gradient 1 - tanh². Introduced in notebooks/03_layers."""

    def forward(self, x):
        x = as_array(x, "x", "Tanh.forward", ndim=2, finite=self.check_finite)
        self._cache = np.tanh(x)
        return self._cache

    def backward(self, dout):
        t = self._cached("Tanh.backward")
        return self._check_dout(dout, t.shape, "Tanh.backward") * (1 - t * t)


class Identity(Layer):
    """Passes x through unchanged: the "no nonlinearity" of the break-it experiments."""

    def forward(self, x):
        x = as_array(x, "x", "Identity.forward", ndim=2, finite=self.check_finite)
        self._cache = x.shape
        return x

    def backward(self, dout):
        return self._check_dout(dout, self._cached("Identity.backward"), "Identity.backward")


ACTIVATIONS = {"relu": ReLU, "tanh": Tanh, "sigmoid": Sigmoid, "linear": Identity}


class Sequential(Layer):
    """Layers applied one after another.

    ``params`` and ``grads`` gather every layer's arrays under keys ``"<index>.<name>"``
    (for example ``"0.W"``), pointing at the same arrays, so an optimizer given the whole
    model updates every layer in place.

    Introduced in notebooks/04_forward_pass.
    """

    def __init__(self, *layers: Layer):
        super().__init__()
        if len(layers) == 1 and isinstance(layers[0], (list, tuple)):
            layers = tuple(layers[0])
        for i, layer in enumerate(layers):
            if isinstance(layer, type) or not (hasattr(layer, "forward") and hasattr(layer, "backward")):
                raise TypeError(f"Sequential: item {i} is {layer!r}, which is not a layer "
                                "(it needs forward and backward). Did you pass a class instead "
                                "of an instance, e.g. ReLU instead of ReLU()?")
        self.layers = list(layers)
        for layer in self.layers[1:]:
            layer.check_finite = False  # only the first layer sees the data (see Layer)

    def __repr__(self):
        return "Sequential(" + ", ".join(map(repr, self.layers)) + ")"

    def __getitem__(self, i):
        return self.layers[i]

    def __len__(self):
        return len(self.layers)

    @property
    def params(self) -> dict:
        return {f"{i}.{k}": v for i, layer in enumerate(self.layers) for k, v in layer.params.items()}

    @params.setter
    def params(self, value):  # Layer.__init__ assigns {}; the real dict is derived
        pass

    @property
    def grads(self) -> dict:
        return {f"{i}.{k}": v for i, layer in enumerate(self.layers) for k, v in layer.grads.items()}

    @grads.setter
    def grads(self, value):
        pass

    def n_params(self) -> int:
        """Number of learnable numbers (all weights and biases)."""
        return int(sum(p.size for p in self.params.values()))

    def forward(self, x):
        """x: (N, D) -> the last layer's output, e.g. scores (N, C)."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def forward_steps(self, x) -> list:
        """Every intermediate result: [x, after layer 0, after layer 1, ...]."""
        outs = [as_array(x, "x", "Sequential.forward_steps", ndim=2)]
        for layer in self.layers:
            outs.append(layer.forward(outs[-1]))
        return outs

    def backward(self, dout, input_grad: bool = True):
        """dL/d(output) -> dL/dx, filling every layer's grads on the way.

        ``input_grad=False`` (what train.train_step asks for) tells a first Dense layer to
        skip dL/dx and returns None: training needs the gradients of the weights, not of the
        data.
        """
        if not self.layers:
            return dout
        for layer in reversed(self.layers[1:]):
            dout = layer.backward(dout)
        first = self.layers[0]
        if not input_grad and isinstance(first, Dense):
            return first.backward(dout, input_grad=False)
        return first.backward(dout)


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
    if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
        raise ValueError(f"mlp: expected sizes as a list of at least two widths such as "
                         f"[2, 16, 1], got {sizes!r}.")
    for s in sizes:
        positive_int(s, "every width in sizes", "mlp")
    if activation not in ACTIVATIONS:
        raise ValueError(f"mlp: activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}.")
    init = init or ("he" if activation == "relu" else "xavier")
    rng = np.random.default_rng(seed)
    layers: list[Layer] = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(Dense(a, b, init=init, rng=rng, dtype=dtype))
        if i < len(sizes) - 2:
            layers.append(ACTIVATIONS[activation]())
    return Sequential(layers)
