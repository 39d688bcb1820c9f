"""A scalar that remembers how it was made, so it can tell you its gradient.

Introduced in notebooks/06_backprop.

Each `Value` holds a number (`data`), the gradient of the final result with respect to it
(`grad`), the Values it was made from (`parents`, read-only), the operation that made it
(`op`, read-only) and a small function that passes gradient back to its parents.
`backward()` visits the graph in topological order and applies the chain rule.

A new operation is one method: compute the output, then say how gradient flows back.
"""

from __future__ import annotations

import math
import numbers

from .validate import _describe


class Value:
    """A scalar node in a computational graph. Introduced in notebooks/06_backprop.

    The operations are ``+ - * / **`` (with plain numbers on either side) and the methods
    `exp`, `log`, `tanh`, `relu` and `sigmoid`; each returns a new Value whose `parents` are
    its inputs and whose `op` names the operation.

    Parameters
    ----------
    data : float
        The number this node holds.
    label : str, optional
        A name shown in graph drawings (settable: ``loss.label = "L"``).

    Examples
    --------
    >>> w, x, b = Value(2.0), Value(3.0), Value(-1.0)
    >>> y = (w * x + b).relu()
    >>> y.backward()
    >>> w.grad, x.grad, b.grad
    (3.0, 2.0, 1.0)
    """

    __slots__ = ("data", "grad", "label", "_op", "_parents", "_backward")
    __array_ufunc__ = None  # array + Value: numpy hands over to Value, which says it wants one number

    def __init__(self, data, label: str = "", _parents: tuple = (), _op: str = ""):
        if isinstance(data, Value):
            data = data.data
        if isinstance(data, bool) or not isinstance(data, (int, float)) and not hasattr(data, "__float__"):
            raise TypeError(
                f"Value expected a number, got {_describe(data)}. Fix: Value(2.0); "
                "for arrays, use the layers in helpers.layers instead."
            )
        try:
            self.data = float(data)
        except TypeError:  # e.g. a numpy array with several numbers
            raise TypeError(f"Value expected one number, got {_describe(data)}. For arrays, use "
                            "the layers in helpers.layers instead.") from None
        except OverflowError:  # a whole number beyond 1e308
            raise ValueError(f"Value got a whole number with {len(str(data))} digits, too large "
                             "for a float (about 1.8e308 at most). Use smaller inputs.") from None
        if not math.isfinite(self.data):
            raise ValueError(
                f"Value got {self.data}, which is not a finite number. "
                "If it came from an operation, an earlier value grew too large: use smaller inputs."
            )
        if label and not isinstance(label, str):  # "" (every computed Value) costs nothing
            raise TypeError(f"Value expected label to be text, got {_describe(label)}. "
                            "Fix: Value(2.0, label='w').")
        self.grad = 0.0
        self.label = label
        self._op = _op
        self._parents = tuple(_parents)
        self._backward = lambda: None

    # --- how it was made: read-only, so a drawing or a stepper cannot change the graph ---
    @property
    def parents(self) -> tuple[Value, ...]:
        """The Values this one was made from, in the operation's order; ``()`` for an input.

        Read-only: the graph is fixed once built. Introduced in notebooks/06_backprop.
        """
        return self._parents

    @property
    def op(self) -> str:
        """The operation that made this Value (``"+"``, ``"×"``, ``"tanh"``, ...); ``""`` for an input.

        Read-only. Introduced in notebooks/06_backprop.
        """
        return self._op

    def local_grads(self) -> tuple[float, ...]:
        """The local slopes d(self)/d(parent), one per entry of `parents`.

        These are the numbers the chain rule multiplies by ``self.grad`` when it passes
        gradient back (a parent used twice, as in ``x * x``, gets the whole slope d(self)/dx
        in both entries). Every ``grad`` is left as it was. Introduced in notebooks/06_backprop.

        Examples
        --------
        >>> a, b = Value(2.0), Value(3.0)
        >>> (a * b).local_grads()
        (3.0, 2.0)
        """
        saved = [(node, node.grad) for node in (self, *self._parents)]
        for p in self._parents:
            p.grad = 0.0
        self.grad = 1.0
        self._backward()
        slopes = tuple(p.grad for p in self._parents)
        for node, grad in saved:
            node.grad = grad
        return slopes

    def __repr__(self) -> str:
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:.4g}, grad={self.grad:.4g})"

    # --- operations: each computes the output and how gradient flows back ---
    def __add__(self, other):
        other = _lift(other, "+")
        out = Value(self.data + other.data, _parents=(self, other), _op="+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = _lift(other, "*")
        out = Value(self.data * other.data, _parents=(self, other), _op="×")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        k = _exponent(k)
        x = self.data
        if x == 0 and k < 0:
            raise ValueError(f"Value ** {k:g} is undefined for data=0: it divides by zero. "
                             "Keep the base away from 0, e.g. (x + 1e-12).")
        if x < 0 and not k.is_integer():
            raise ValueError(f"Value ** {k:g} is undefined for data={x:.4g}: a negative number to "
                             "a fractional power is not a real number. Use a positive base.")
        try:
            result = x ** k
        except OverflowError:
            raise ValueError(f"Value ** {k:g}: the result for data={x:.4g} is too large for a "
                             "float. Use smaller inputs.") from None
        out = Value(result, _parents=(self,), _op=f"^{k:g}")

        def _backward():
            self.grad += _power_slope(x, k) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        """e to the power of this Value."""
        if self.data > 700:
            raise ValueError(f"Value.exp: exp({self.data:.4g}) is too large for a float; "
                             "inputs above about 700 overflow. Use smaller inputs.")
        out = Value(math.exp(self.data), _parents=(self,), _op="exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        """The natural logarithm of this Value (which must be positive)."""
        if self.data <= 0:
            raise ValueError(f"Value.log: log is only defined for positive numbers, got {self.data:.4g}. "
                             "If this is a probability, clip it away from 0 first.")
        out = Value(math.log(self.data), _parents=(self,), _op="log")

        def _backward():
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self):
        """tanh of this Value: squashes it into (-1, 1)."""
        t = math.tanh(self.data)
        out = Value(t, _parents=(self,), _op="tanh")

        def _backward():
            self.grad += (1 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        """ReLU of this Value: itself if positive, else 0."""
        out = Value(self.data if self.data > 0 else 0.0, _parents=(self,), _op="ReLU")

        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        """The logistic sigmoid of this Value, 1 / (1 + e^-x): squashes it into (0, 1)."""
        x = self.data  # stable for large |x|: never exp of a large positive number
        s = 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
        out = Value(s, _parents=(self,), _op="σ")

        def _backward():
            self.grad += s * (1 - s) * out.grad
        out._backward = _backward
        return out

    # --- the rest are built from the operations above ---
    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-_lift(other, "-"))

    def __truediv__(self, other):
        other = _lift(other, "/")
        if other.data == 0:
            raise ZeroDivisionError("Value: division by a Value whose data is 0.")
        return self * other ** -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return _lift(other, "-") - self

    def __rtruediv__(self, other):
        return _lift(other, "/") / self

    def __rpow__(self, other):
        raise TypeError(f"{_describe(other)} ** Value: a Value as the exponent is not one of "
                        "Value's operations. For k > 0, k ** x is (x * math.log(k)).exp().")

    def _unsupported(self, other, symbol):
        raise TypeError(f"Value {symbol} ...: {symbol} is not one of Value's operations, which are "
                        f"{_OPERATIONS}. Build it from those.")

    def __matmul__(self, other):
        self._unsupported(other, "@")

    __rmatmul__ = __matmul__

    def __floordiv__(self, other):
        self._unsupported(other, "//")

    __rfloordiv__ = __floordiv__

    def __mod__(self, other):
        self._unsupported(other, "%")

    __rmod__ = __mod__

    # --- the backward pass ---
    def topo_order(self) -> list[Value]:
        """Every node this one depends on (itself last), each after all of its parents.

        Introduced in notebooks/06_backprop.
        """
        order, seen, stack = [], set(), [(self, False)]
        while stack:  # iterative, so deep graphs do not hit Python's recursion limit
            node, done = stack.pop()
            if done:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((p, False) for p in node._parents)
        return order

    def backward(self) -> None:
        """Fill `.grad` of every node in this graph with d(self)/d(node).

        Gradients are first set to zero on every node of *this* graph, then accumulated
        from this node backwards. So calling `backward()` on a freshly built graph each
        training step never mixes in gradient left over from an earlier step, even when the
        same parameter Values are reused. (Nodes of other graphs are not touched.)
        Introduced in notebooks/06_backprop.
        """
        order = self.topo_order()
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            node._backward()
        # a gradient that overflowed spreads to every node below it, inputs included: look
        # closer only when the total is not finite
        if not math.isfinite(sum([node.grad for node in order])):
            for node in order:
                if math.isfinite(node.grad):
                    continue
                name = node.label or (f"the result of {node._op}" if node._op else "an input")
                raise ValueError(f"Value.backward: the gradient of {name} (data={node.data:.4g}) "
                                 f"is {node.grad}: the slopes multiplied along the way grew too "
                                 "large for a float. Use inputs closer to 1 in size, away from 0 "
                                 "for / and log.")


_OPERATIONS = "+ - * / ** (with a plain number as the exponent), exp, log, tanh, relu and sigmoid"


def _lift(x, op: str) -> Value:
    if isinstance(x, Value):
        return x
    try:
        return Value(x)
    except TypeError:
        raise TypeError(f"Value {op} ...: expected a number or a Value on the other side, got "
                        f"{_describe(x)}. For arrays, use the layers in helpers.layers "
                        "instead.") from None


def _exponent(k) -> float:
    """The exponent of ``Value ** k`` as a finite float, or an error in words."""
    if isinstance(k, bool) or not isinstance(k, numbers.Real):  # int, float, numpy numbers
        hint = (" For a Value exponent, x ** y is (y * x.log()).exp()." if isinstance(k, Value)
                else "")
        raise TypeError(f"Value ** k expects k to be a plain number, got {_describe(k)}.{hint}")
    try:
        k = float(k)
    except OverflowError:
        raise ValueError("Value ** k: the exponent is too large for a float. Use a smaller one.") from None
    if not math.isfinite(k):
        raise ValueError(f"Value ** k expects a finite exponent, got {k}.")
    return k


def _power_slope(x: float, k: float) -> float:
    """d(x ** k)/dx = k * x ** (k - 1), in words where it is infinite or too large."""
    if k == 0:
        return 0.0  # x ** 0 is 1 everywhere, also at 0 (0.0 ** -1 would divide by zero)
    if x == 0 and k < 1:
        formula = "1/(2*sqrt(x))" if k == 0.5 else f"{k:g} * x**{k - 1:g}"
        raise ValueError(f"Value ** {k:g}: the derivative of x**{k:g} at x=0 is infinite "
                         f"({formula} divides by 0 there), so backward cannot pass a gradient "
                         "through it. Fix: keep x away from 0, e.g. (x + 1e-12) ** "
                         f"{k:g}.")
    try:
        return k * x ** (k - 1)
    except OverflowError:
        raise ValueError(f"Value ** {k:g}: the derivative {k:g} * x**{k - 1:g} at x={x:.4g} is "
                         "too large for a float. Use inputs farther from 0.") from None
