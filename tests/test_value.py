"""helpers.value.Value: every op's gradient against central differences, and backward() hygiene."""

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.value import Value

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True, database=None)  # same examples every run
TOL = 1e-6
H = 1e-5

nums = st.floats(-3, 3, allow_nan=False)
positive = st.floats(0.1, 5)
nonzero = nums.filter(lambda v: abs(v) > 0.1)
away_from_kink = nums.filter(lambda v: abs(v) > 1e-3)  # ReLU has a kink at 0


def rel(a, b):
    return abs(a - b) / max(abs(a) + abs(b), 1e-12)


def check_grads(f, *xs):
    """Compare Value's gradients of f at xs with central differences of f on plain floats."""
    vs = [Value(x) for x in xs]
    out = f(*vs)
    out.backward()
    for i, v in enumerate(vs):
        up = list(xs)
        down = list(xs)
        up[i] += H
        down[i] -= H
        numeric = (f(*map(Value, up)).data - f(*map(Value, down)).data) / (2 * H)
        assert rel(v.grad, numeric) < TOL or abs(v.grad - numeric) < 1e-9, (i, v.grad, numeric)


BINARY = {
    "add": (lambda a, b: a + b, nums, nums),
    "sub": (lambda a, b: a - b, nums, nums),
    "mul": (lambda a, b: a * b, nums, nums),
    "div": (lambda a, b: a / b, nums, nonzero),
    "radd": (lambda a, b: 2.5 + a * b, nums, nums),
    "rsub": (lambda a, b: 2.5 - a * b, nums, nums),
    "rmul": (lambda a, b: 2.5 * a * b, nums, nums),
    "rtruediv": (lambda a, b: 2.5 / b + a, nums, nonzero),
}

UNARY = {
    "pow_int": (lambda a: a ** 3, nums),
    "pow_neg_int": (lambda a: a ** -2, nonzero),
    "pow_float": (lambda a: a ** 1.5, positive),
    "sqrt": (lambda a: a ** 0.5, positive),
    "exp": (lambda a: a.exp(), nums),
    "log": (lambda a: a.log(), positive),
    "tanh": (lambda a: a.tanh(), nums),
    "relu": (lambda a: a.relu(), away_from_kink),
    "sigmoid": (lambda a: a.sigmoid(), st.floats(-30, 30)),
    "neg": (lambda a: -a, nums),
    "reuse": (lambda a: a * a + a, nums),  # a node used twice: gradients must add up
}


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_op_gradients(name):
    f, sa, sb = BINARY[name]

    @SETTINGS
    @given(sa, sb)
    def run(a, b):
        check_grads(f, a, b)

    run()


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_op_gradients(name):
    f, sa = UNARY[name]

    @SETTINGS
    @given(sa)
    def run(a):
        check_grads(f, a)

    run()


def composite(a, b, c):
    h = (a * b + c.exp()).tanh() - b / (a ** 2 + 1)
    return h.sigmoid() * (c ** 2 + 1).log() + (a * c).relu() * b


@SETTINGS
@given(nums, nums, nums)
def test_composition_gradients(a, b, c):
    assume(abs(a * c) > 1e-3)
    check_grads(composite, a, b, c)


def test_values_of_ops():
    a, b = Value(2.0), Value(-3.0)
    assert (a + b).data == -1.0 and (a - b).data == 5.0 and (a * b).data == -6.0
    assert (a / b).data == pytest.approx(-2 / 3) and (a ** 3).data == 8.0
    assert a.exp().data == pytest.approx(math.exp(2)) and a.log().data == pytest.approx(math.log(2))
    assert b.tanh().data == pytest.approx(math.tanh(-3)) and b.relu().data == 0.0
    assert b.sigmoid().data == pytest.approx(1 / (1 + math.exp(3)))


def test_sigmoid_is_stable_for_large_inputs():
    assert Value(1e4).sigmoid().data == 1.0
    assert Value(-1e4).sigmoid().data == 0.0


def test_docstring_example():
    w, x, b = Value(2.0), Value(3.0), Value(-1.0)
    y = (w * x + b).relu()
    y.backward()
    assert (w.grad, x.grad, b.grad) == (3.0, 2.0, 1.0)


def test_backward_twice_on_fresh_graphs_leaves_no_old_gradient():
    w = Value(3.0, label="w")
    for x in (2.0, 5.0):  # two training steps, each a freshly built graph reusing w
        loss = (w * x - 1) ** 2
        loss.backward()
        assert w.grad == pytest.approx(2 * (3.0 * x - 1) * x)


def test_backward_twice_on_the_same_graph_gives_the_same_gradient():
    w = Value(0.5)
    loss = (w * w).tanh()
    loss.backward()
    first = w.grad
    loss.backward()
    assert w.grad == first


def test_deep_graph_does_not_hit_recursion_limit():
    x = Value(0.5)
    y = x
    for _ in range(5000):
        y = y * 1.0
    y.backward()
    assert x.grad == 1.0


# --- the public view of the graph: parents, op and local slopes, read-only ---

def test_parents_and_op_describe_how_a_value_was_made():
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    c = a * b
    assert c.parents == (a, b) and c.op == "×"
    assert (c + 1).op == "+" and (c + 1).parents[0] is c
    assert a.parents == () and a.op == ""
    assert c.tanh().parents == (c,) and c.tanh().op == "tanh"
    assert isinstance(c.parents, tuple)


@pytest.mark.parametrize("name, value", [("parents", ()), ("op", "+")])
def test_parents_and_op_cannot_be_set(name, value):
    c = Value(2.0) * Value(3.0)
    with pytest.raises(AttributeError):
        setattr(c, name, value)
    c.label = "c"  # the label is a name for drawings, so it may be set
    assert c.label == "c"


def test_local_grads_are_the_slopes_backward_multiplies():
    a, b = Value(2.0), Value(-3.0)
    assert (a * b).local_grads() == (-3.0, 2.0)
    assert (a + b).local_grads() == (1.0, 1.0)
    assert (a ** 3).local_grads() == (12.0,)
    assert a.local_grads() == ()
    t = b.tanh()
    assert t.local_grads()[0] == pytest.approx(1 - math.tanh(-3.0) ** 2)
    sq = a * a  # a parent used twice gets the whole slope d(a·a)/da = 2a
    assert sq.local_grads() == (4.0, 4.0)


def test_local_grads_leave_every_gradient_as_it_was():
    w = Value(0.5)
    h = w * 3.0
    loss = h.tanh() ** 2
    loss.backward()
    before = [n.grad for n in loss.topo_order()]
    for node in loss.topo_order():
        node.local_grads()
    assert [n.grad for n in loss.topo_order()] == before


def test_power_rule_at_zero():
    # d(x**0)/dx is 0 everywhere, also at 0 (k * x**(k-1) would divide by zero there)
    for k, slope in [(0, 0.0), (1, 1.0), (2, 0.0), (1.5, 0.0)]:
        x = Value(0.0)
        y = x ** k
        y.backward()
        assert (y.data, x.grad) == (0.0 ** k, slope), k
    x = Value(0.0)
    y = x ** 0.5  # the value is fine; only its slope is infinite
    assert y.data == 0.0
    with pytest.raises(ValueError, match=r"derivative of x\*\*0\.5 at x=0 is infinite"):
        y.backward()


def test_numpy_numbers_work_on_either_side():
    import numpy as np

    assert (np.float64(3.0) + Value(2.0)).data == 5.0
    assert (np.int64(2) * Value(2.0)).data == 4.0
    assert (Value(3.0) ** np.int64(2)).data == 9.0
    assert (Value(4.0) ** np.float32(0.5)).data == 2.0
