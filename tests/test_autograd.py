"""Tests of nnkit.autograd (the scalar Value, the MLP on it) and its graph drawing.

Expected values come from hand calculation (the course example f = (x + y) z),
the source documents' numbers (a neuron giving 0.999, a 2-2-1 network giving
0.7216) and central finite differences.
"""
import gc
import math
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnkit.autograd import MLP, Layer, Neuron, Value  # noqa: E402
from nnkit.gradcheck import numerical_gradient, relative_error  # noqa: E402
from nnkit.plotting.graph import draw_graph, graph_layout  # noqa: E402


def course_example():
    """f = (x + y) z at x = -2, y = 5, z = -4, after backward."""
    x, y, z = Value(-2, label="x"), Value(5, label="y"), Value(-4, label="z")
    q = x + y
    q.label = "q"
    f = q * z
    f.label = "f"
    f.backward()
    return x, y, z, q, f


def test_course_example_by_hand():
    x, y, z, q, f = course_example()
    # q = -2 + 5 = 3, f = 3 * -4 = -12; df/dq = z = -4, df/dz = q = 3, df/dx = df/dy = df/dq * 1 = -4
    assert (q.data, f.data) == (3.0, -12.0)
    assert (x.grad, y.grad, z.grad, q.grad, f.grad) == (-4.0, -4.0, 3.0, -4.0, 1.0)
    assert (q.op, f.op) == ("+", "*")
    assert q.inputs == (x, y) and f.inputs == (q, z)


# ----- every operation against finite differences ----------------------------------------------
# (name, function of Values, the same function on floats, point)
UNARY = [
    ("exp", lambda a: a.exp(), math.exp, 0.7),
    ("log", lambda a: a.log(), math.log, 1.9),
    ("tanh", lambda a: a.tanh(), math.tanh, -0.6),
    ("sigmoid+", lambda a: a.sigmoid(), lambda a: 1 / (1 + math.exp(-a)), 1.3),
    ("sigmoid-", lambda a: a.sigmoid(), lambda a: 1 / (1 + math.exp(-a)), -2.2),
    ("relu+", lambda a: a.relu(), lambda a: max(0.0, a), 0.8),
    ("relu-", lambda a: a.relu(), lambda a: max(0.0, a), -0.8),
    ("neg", lambda a: -a, lambda a: -a, 1.5),
    ("pow3", lambda a: a**3, lambda a: a**3, -1.2),
    ("pow-2", lambda a: a**-2, lambda a: a**-2, 0.9),
    ("pow0.5", lambda a: a**0.5, math.sqrt, 2.5),
    ("2*a", lambda a: 2 * a, lambda a: 2 * a, 0.3),
    ("a*2", lambda a: a * 2, lambda a: a * 2, 0.3),
    ("1-a", lambda a: 1 - a, lambda a: 1 - a, 0.3),
    ("a-1", lambda a: a - 1, lambda a: a - 1, 0.3),
    ("3+a", lambda a: 3 + a, lambda a: 3 + a, 0.3),
    ("1/a", lambda a: 1 / a, lambda a: 1 / a, -0.7),
    ("a/4", lambda a: a / 4, lambda a: a / 4, -0.7),
]
def _mixed(a, b):
    return (a * b + a.exp()).tanh() / (b**2 + 1) - (a - b).sigmoid().log()


def _mixed_reference(a, b):
    return math.tanh(a * b + math.exp(a)) / (b**2 + 1) - math.log(1 / (1 + math.exp(b - a)))


# (name, function of Values, the same function on floats, point)
BINARY = [
    ("a+b", lambda a, b: a + b, lambda a, b: a + b, (0.4, -1.3)),
    ("a-b", lambda a, b: a - b, lambda a, b: a - b, (0.4, -1.3)),
    ("a*b", lambda a, b: a * b, lambda a, b: a * b, (0.4, -1.3)),
    ("a/b", lambda a, b: a / b, lambda a, b: a / b, (0.4, -1.3)),
    ("mixed", _mixed, _mixed_reference, (0.4, -1.3)),
]


def value_gradient(fn, point):
    """Forward value and analytic gradient of fn at point, from Value.backward()."""
    leaves = [Value(p) for p in point]
    out = fn(*leaves)
    out.backward()
    return out.data, np.array([leaf.grad for leaf in leaves])


@pytest.mark.parametrize("name, fn, reference, a", UNARY, ids=[u[0] for u in UNARY])
def test_unary_forward_and_gradient(name, fn, reference, a):
    data, grad = value_gradient(fn, [a])
    assert data == pytest.approx(reference(a), rel=1e-12)
    numeric = numerical_gradient(lambda v: reference(v[0]), [a])
    assert relative_error(grad, numeric) < 1e-7


@pytest.mark.parametrize("name, fn, reference, point", BINARY, ids=[b[0] for b in BINARY])
def test_binary_forward_and_gradient(name, fn, reference, point):
    data, grad = value_gradient(fn, point)
    assert data == pytest.approx(reference(*point), rel=1e-12)
    numeric = numerical_gradient(lambda v: reference(*v), point)
    assert relative_error(grad, numeric) < 1e-7


def test_a_neuron_is_one_weighted_sum_node():
    # z = 0.1 + 0.5 * 1 - 1.5 * 3 + 2 * -0.25 = -4.4; dz/dw_i = x_i, dz/dx_i = w_i, dz/db = 1
    n = Neuron(3, "linear", seed=0)
    for wi, v in zip(n.w, [0.5, -1.5, 2.0]):
        wi.data = v
    n.b.data = 0.1
    x = [Value(1.0), Value(3.0), Value(-0.25)]
    z = n(x)
    z.backward()
    assert z.op == "wx+b" and len(z.inputs) == 7
    assert z.data == pytest.approx(-4.4)
    assert [v.grad for v in n.w] == [1.0, 3.0, -0.25]
    assert [v.grad for v in x] == [0.5, -1.5, 2.0]
    assert n.b.grad == 1.0


# ----- accumulation, order, depth -------------------------------------------------------------
def test_node_used_twice_accumulates():
    a = Value(3.0)
    (a + a).backward()
    assert a.grad == 2.0
    a = Value(3.0)
    (a * a).backward()
    assert a.grad == 6.0  # d(a^2)/da = 2a
    a, b = Value(3.0), Value(-2.0)
    (a * b + a).backward()
    assert (a.grad, b.grad) == (-1.0, 3.0)  # d/da = b + 1, d/db = a


def test_leaves_accumulate_over_backward_calls_but_intermediates_do_not():
    x, y, z, q, f = course_example()
    f.backward()
    assert (x.grad, z.grad) == (-8.0, 6.0)  # leaves: two passes added
    assert q.grad == -4.0  # an intermediate node is recomputed, not doubled


def test_zero_grad_of_a_network():
    net = MLP(2, [3, 1], seed=1)
    net([0.5, -0.2]).backward()
    assert any(p.grad != 0.0 for p in net.parameters())
    net.zero_grad()
    assert all(p.grad == 0.0 for p in net.parameters())


def test_topological_order_puts_inputs_first_once():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    g = d * c
    e = g.tanh()
    order = e.topological_order()
    assert len(order) == len(set(order)) == 6
    assert set(order) == {a, b, c, d, g, e}
    position = {node: i for i, node in enumerate(order)}
    for node in order:
        assert all(position[child] < position[node] for child in node.inputs)


def test_deep_chain_of_100000_nodes():
    x = Value(1.0)
    v = x
    for _ in range(100_000):
        v = v * 1.00001
    v.backward()  # a recursive topological sort would exceed the recursion limit
    assert x.grad == pytest.approx(1.00001**100_000, rel=1e-9)


def test_graph_has_no_reference_cycles():
    """Freed by reference counting alone: the garbage collector finds nothing."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        net = MLP(2, [4, 1], seed=0)
        loss = sum(((net([0.1 * i, -0.2]) - 1) ** 2 for i in range(5)), Value(0.0))
        loss.backward()
        del loss, net
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


def test_backward_leaves_the_collector_as_it_was():
    x, y, z, q, f = course_example()
    assert gc.isenabled()
    gc.disable()
    try:
        f.backward()
        assert not gc.isenabled()
    finally:
        gc.enable()


# ----- numerics at the extremes ---------------------------------------------------------------
def test_sigmoid_is_stable_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        low, high = Value(-1000.0).sigmoid(), Value(1000.0).sigmoid()
        low.backward()
    assert low.data == 0.0 and high.data == 1.0
    # 1 / (1 + e^30) by hand from e^30 = 1.0686474581524463e13
    assert Value(-30.0).sigmoid().data == pytest.approx(1 / (1 + 1.0686474581524463e13), rel=1e-12)
    assert Value(0.0).sigmoid().data == 0.5


def test_exp_overflow_is_reported():
    with pytest.raises(OverflowError, match=r"exp\(800\) is too large"):
        Value(800.0).exp()


# ----- bad input --------------------------------------------------------------------------------
def test_value_refuses_non_numbers():
    with pytest.raises(TypeError, match="real number, got str 'a'"):
        Value("a")
    with pytest.raises(TypeError, match="got bool True"):
        Value(True)
    with pytest.raises(TypeError, match="got a list of length 1"):
        Value([1.0])


def test_value_refuses_nan_and_inf():
    with pytest.raises(ValueError, match="finite number, got nan"):
        Value(float("nan"))
    with pytest.raises(ValueError, match="finite number, got inf"):
        Value(math.inf)


def test_operations_refuse_what_they_cannot_do():
    with pytest.raises(ValueError, match=r"positive numbers only, got log\(0\)"):
        Value(0.0).log()
    with pytest.raises(ValueError, match=r"positive numbers only, got log\(-1\)"):
        Value(-1.0).log()
    with pytest.raises(TypeError, match="exponent of a Value must be a constant number"):
        Value(2.0) ** Value(3.0)
    with pytest.raises(ValueError, match="non-integer power"):
        Value(-8.0) ** 0.5
    with pytest.raises(ZeroDivisionError, match="equal to zero"):
        Value(1.0) / 0
    with pytest.raises(TypeError, match="Value needs a real number, got str 'a'"):
        Value(1.0) + "a"
    with pytest.raises(TypeError, match="Value needs a real number"):
        "a" - Value(1.0)


def test_network_refuses_bad_arguments():
    with pytest.raises(ValueError, match="unknown activation 'softmax'"):
        MLP(2, [3, 1], activation="softmax")
    with pytest.raises(TypeError, match="nouts must be a non-empty list"):
        MLP(2, [])
    with pytest.raises(ValueError, match="nin must be an integer > 0"):
        Neuron(0)
    with pytest.raises(ValueError, match="x must have 2 inputs"):
        MLP(2, [3, 1])([1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="Value needs a real number"):
        MLP(2, [3, 1])(["a", 1.0])


# ----- the network ------------------------------------------------------------------------------
def test_neuron_and_network_from_the_source_article():
    # a sigmoid neuron with w = [0, 1], b = 4 at x = [2, 3]: sigmoid(7) = 0.999
    n = Neuron(2, "sigmoid", seed=0)
    n.w[0].data, n.w[1].data, n.b.data = 0.0, 1.0, 4.0
    assert n([2.0, 3.0]).data == pytest.approx(0.9990889, abs=1e-7)
    # a 2-2-1 sigmoid network with every w = [0, 1], b = 0 at x = [2, 3] gives 0.7216
    net = MLP(2, [2, 1], activation="sigmoid", output="sigmoid")
    for neuron in net.layers[0].neurons + net.layers[1].neurons:
        neuron.w[0].data, neuron.w[1].data, neuron.b.data = 0.0, 1.0, 0.0
    assert net([2.0, 3.0]).data == pytest.approx(0.7216, abs=1e-4)


def test_mlp_shapes_and_seed():
    net = MLP(2, [6, 2, 1])
    assert len(net.parameters()) == 6 * 3 + 2 * 7 + 1 * 3  # (nin + 1) per neuron
    assert isinstance(net([0.1, 0.2]), Value)
    assert 0.0 < net([0.1, 0.2]).data < 1.0  # sigmoid output
    assert isinstance(MLP(2, [3, 2])([0.1, 0.2]), list)
    same = [p.data for p in MLP(2, [6, 2, 1], seed=0).parameters()]
    assert same == [p.data for p in net.parameters()]
    assert same != [p.data for p in MLP(2, [6, 2, 1], seed=1).parameters()]
    assert len(Layer(3, 4, seed=0)([1.0, 2.0, 3.0])) == 4


@pytest.mark.parametrize("activation, output", [("tanh", "sigmoid"), ("sigmoid", "linear"), ("relu", "tanh")])
def test_mlp_gradient_equals_finite_differences(activation, output):
    X = [[0.5, -1.0], [1.5, 0.3], [-0.7, 0.8], [0.2, 0.1]]
    Y = [1.0, 0.0, 1.0, 0.0]
    net = MLP(2, [4, 3, 1], activation=activation, output=output, seed=3)
    params = net.parameters()

    def loss():
        return sum(((net(x) - y) ** 2 for x, y in zip(X, Y)), Value(0.0)) * 0.25

    net.zero_grad()
    loss().backward()
    analytic = np.array([p.grad for p in params])
    start = np.array([p.data for p in params])

    def loss_at(theta):
        for p, t in zip(params, theta):
            p.data = float(t)
        return loss().data

    numeric = numerical_gradient(loss_at, start)
    assert relative_error(analytic, numeric) < 1e-6


def test_training_on_values_lowers_the_loss():
    """A few gradient steps of the 2-6-2-1 network on a tiny XOR-like set."""
    X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    Y = [0.0, 1.0, 1.0, 0.0]
    net = MLP(2, [6, 2, 1], seed=0)

    def bce():
        total = Value(0.0)
        for x, y in zip(X, Y):
            p = net(x)
            total = total - (p.log() if y == 1.0 else (1 - p).log())
        return total / len(X)

    first = bce().data
    for _ in range(30):
        loss = bce()
        net.zero_grad()
        loss.backward()
        for p in net.parameters():
            p.data -= 0.1 * p.grad
    assert bce().data < first


# ----- drawing ------------------------------------------------------------------------------------
def test_draw_graph_of_the_course_example():
    *_, q, f = course_example()
    ax = draw_graph(f)
    texts = [t.get_text() for t in ax.texts if t.get_text()]  # the arrows are empty annotations
    assert len(texts) == 5 + 2  # five Values, two operations
    assert "f\ndata -12\ngrad 1" in texts
    assert "x\ndata -2\ngrad -4" in texts
    assert "q\ndata 3\ngrad -4" in texts
    assert "+" in texts and "\u00d7" in texts
    ax.figure.canvas.draw()  # the arrows attach to the boxes at draw time
    plt.close(ax.figure)


def test_graph_layout_goes_left_to_right_by_depth():
    x, y, z, q, f = course_example()
    pos = graph_layout(f)
    assert pos[x][0] == pos[y][0] == pos[z][0] == 0.0  # leaves in the first column
    assert pos[q][0] == 2.0 and pos[f][0] == 4.0  # depth 1 and 2, an op circle between
    assert pos[x][1] > pos[y][1] > pos[z][1]  # leaves from the top in order of use
    assert pos[q][1] == pytest.approx((pos[x][1] + pos[y][1]) / 2)


def test_draw_graph_options_and_bad_input():
    _, ax = plt.subplots()
    *_, f = course_example()
    assert draw_graph(f, ax=ax, show_grad=False) is ax
    assert not any("grad" in t.get_text() for t in ax.texts)
    plt.close(ax.figure)
    with pytest.raises(TypeError, match="root must be a Value, got float"):
        draw_graph(1.0)
    net = MLP(2, [10, 10, 1])
    with pytest.raises(ValueError, match="too many to draw"):
        draw_graph(net([0.1, 0.2]))
