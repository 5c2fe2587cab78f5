"""Automatic differentiation of scalar expressions: the ``Value`` and a tiny MLP on it.

A :class:`Value` holds one number (``data``) and, after ``backward()``, the
derivative of a final result with respect to it (``grad``).  Every arithmetic
operation on Values records a node of a computational graph: its inputs
(``inputs``), the name of the operation (``op``) and its *local gradients*
``d out / d input`` (``local_grads``), numbers computed during the forward pass.

``backward()`` walks the graph from the result back to the leaves in reverse
topological order and applies the chain rule at every node,

    input.grad += local * out.grad     (upstream gradient times local gradient),

adding up the contributions when an input is used more than once.  For the
course example f = (x + y) z at x = -2, y = 5, z = -4 this gives q = x + y = 3,
f = -12 and df/dx = df/dy = z = -4, df/dz = q = 3.

Why the local gradients are stored as numbers: a textbook Value keeps a small
``_backward`` closure per node, and each closure refers back to its node, a
reference cycle that only Python's garbage collector can free.  Training a
network then spends most of its time in the collector.  Here the graph only
points from results to inputs, so it is freed as soon as the result is dropped,
and ``backward()`` pauses the collector while it runs.

:class:`Neuron`, :class:`Layer` and :class:`MLP` build a fully connected network
out of Values: neuron output h = f(z), z = b + sum_i w_i x_i, where z is a single
node ('wx+b', see :func:`weighted_sum`) rather than a chain of 2n '*' and '+'
nodes.  Together, one full-batch step of the 2-6-2-1 network on 300 points takes
about 0.02 s instead of the textbook's 0.3 s (``bench/autograd_speed.py``).
"""
from __future__ import annotations

import gc
import math
import numbers

import numpy as np

from ._validate import check_choice, check_positive, check_seed, describe

__all__ = ["Value", "weighted_sum", "Neuron", "Layer", "MLP"]

_INF = math.inf
_ONE_ONE = (1.0, 1.0)
_ONE_MINUS_ONE = (1.0, -1.0)
_MINUS_ONE = (-1.0,)


def _as_data(data) -> float:
    """The float a Value stores, or a TypeError/ValueError saying what is wrong."""
    if isinstance(data, bool) or not isinstance(data, numbers.Real):
        raise TypeError(f"Value needs a real number, got {describe(data)}")
    data = float(data)
    if not -_INF < data < _INF:
        raise ValueError(f"Value needs a finite number, got {data}")
    return data


class Value:
    """One scalar of a computational graph and its gradient.

    ``Value(data, label='')``: ``data`` is a real number (int or float, finite),
    ``label`` an optional name shown by :func:`nnkit.plotting.graph.draw_graph`.

    Attributes: ``data`` (float), ``grad`` (float, d result / d self after
    ``backward()``), ``inputs`` (tuple of input Values), ``op`` (name of the
    operation that made it, '' for a leaf), ``local_grads`` (tuple of local gradients
    d self / d input, one per input), ``label``.
    """

    __slots__ = ("data", "grad", "label", "inputs", "local_grads", "op")

    def __init__(self, data, label: str = "", inputs: tuple = (), local_grads: tuple = (), op: str = ""):
        if type(data) is not float or not -_INF < data < _INF:
            data = _as_data(data)
        self.data = data
        self.grad = 0.0
        self.label = label
        self.inputs = inputs
        self.local_grads = local_grads
        self.op = op

    def __repr__(self) -> str:
        name = f"label={self.label!r}, " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"

    # ----- binary operations: out = self (op) other -------------------------------------------
    def __add__(self, other):
        """out = a + b; d out/da = 1, d out/db = 1."""
        if not isinstance(other, Value):
            if not isinstance(other, numbers.Real):
                return NotImplemented
            other = Value(other)
        return Value(self.data + other.data, "", (self, other), _ONE_ONE, "+")

    def __sub__(self, other):
        """out = a - b; d out/da = 1, d out/db = -1."""
        if not isinstance(other, Value):
            if not isinstance(other, numbers.Real):
                return NotImplemented
            other = Value(other)
        return Value(self.data - other.data, "", (self, other), _ONE_MINUS_ONE, "-")

    def __mul__(self, other):
        """out = a b; d out/da = b, d out/db = a."""
        if not isinstance(other, Value):
            if not isinstance(other, numbers.Real):
                return NotImplemented
            other = Value(other)
        return Value(self.data * other.data, "", (self, other), (other.data, self.data), "*")

    def __truediv__(self, other):
        """out = a / b; d out/da = 1/b, d out/db = -a/b^2."""
        if not isinstance(other, Value):
            if not isinstance(other, numbers.Real):
                return NotImplemented
            other = Value(other)
        if other.data == 0.0:
            raise ZeroDivisionError(f"division of Value {self.data:g} by a Value equal to zero")
        q = self.data / other.data
        return Value(q, "", (self, other), (1.0 / other.data, -q / other.data), "/")

    # reflected: number (op) Value
    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        if not isinstance(other, numbers.Real):
            return NotImplemented
        return Value(other) - self

    def __rmul__(self, other):
        return self * other

    def __rtruediv__(self, other):
        if not isinstance(other, numbers.Real):
            return NotImplemented
        return Value(other) / self

    def __pow__(self, p):
        """out = a ** p for a constant number p; d out/da = p a^(p-1)."""
        if isinstance(p, bool) or not isinstance(p, numbers.Real):
            raise TypeError(f"the exponent of a Value must be a constant number (int or float), got {describe(p)}")
        p = float(p)
        x = self.data
        if x < 0.0 and not p.is_integer():
            raise ValueError(f"a negative Value ({x:g}) cannot be raised to the non-integer power {p:g}")
        if x == 0.0 and p < 0.0:
            raise ZeroDivisionError(f"a Value equal to zero cannot be raised to the negative power {p:g}")
        if p == 0.0:
            local = 0.0
        elif x == 0.0 and p < 1.0:
            local = _INF  # the slope of x**p at 0 for 0 < p < 1 is infinite
        else:
            local = p * x ** (p - 1.0)
        try:
            out = x**p
        except OverflowError:
            raise OverflowError(f"{x:g} ** {p:g} is too large for a float") from None
        return Value(out, "", (self,), (local,), f"**{p:g}")

    def __neg__(self):
        """out = -a; d out/da = -1."""
        return Value(-self.data, "", (self,), _MINUS_ONE, "neg")

    # ----- functions of one Value -----------------------------------------------------------
    def exp(self):
        """out = e^a; d out/da = e^a."""
        try:
            e = math.exp(self.data)
        except OverflowError:
            raise OverflowError(f"exp({self.data:g}) is too large for a float (the limit is about exp(709))") from None
        return Value(e, "", (self,), (e,), "exp")

    def log(self):
        """out = ln a for a > 0; d out/da = 1/a."""
        x = self.data
        if x <= 0.0:
            raise ValueError(f"log is defined for positive numbers only, got log({x:g})")
        return Value(math.log(x), "", (self,), (1.0 / x,), "log")

    def tanh(self):
        """out = tanh a; d out/da = 1 - tanh^2 a."""
        t = math.tanh(self.data)
        return Value(t, "", (self,), (1.0 - t * t,), "tanh")

    def sigmoid(self):
        """out = 1 / (1 + e^-a); d out/da = out (1 - out).

        Written so that the exponential never overflows: for a < 0 it uses
        e^a / (1 + e^a).
        """
        x = self.data
        if x >= 0.0:
            s = 1.0 / (1.0 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1.0 + e)
        return Value(s, "", (self,), (s * (1.0 - s),), "sigmoid")

    def relu(self):
        """out = max(0, a); d out/da = 1 if a > 0 else 0."""
        x = self.data
        if x > 0.0:
            return Value(x, "", (self,), (1.0,), "relu")
        return Value(0.0, "", (self,), (0.0,), "relu")

    # ----- reverse mode -----------------------------------------------------------------------
    def backward(self) -> None:
        """Fill in ``grad`` of every Value this one depends on: d self / d node.

        Leaves (Values made by the user, such as weights) *accumulate*: call
        ``zero_grad()`` (or set ``grad = 0``) before the next backward pass.
        Intermediate nodes are recomputed from zero, so calling ``backward()``
        twice on the same graph adds the leaves' gradients twice but leaves the
        intermediate gradients right.  Works without recursion, for graphs of any
        depth.
        """
        collecting = gc.isenabled()
        gc.disable()  # the graph has no reference cycles: nothing for the collector to find
        try:
            order = self.topological_order()
            for node in order:
                if node.inputs:
                    node.grad = 0.0
            self.grad = 1.0
            for node in reversed(order):
                inputs = node.inputs
                if inputs:
                    g = node.grad
                    for child, local in zip(inputs, node.local_grads):
                        child.grad += local * g
        finally:
            if collecting:
                gc.enable()

    def topological_order(self) -> list:
        """Every node of the graph ending in ``self``, each after all of its inputs.

        Depth-first search with an explicit stack of (node, iterator over its
        inputs) instead of recursion, so the depth of the graph is not limited by
        Python's recursion limit.
        """
        order = []
        visited = {self}
        stack = [(self, iter(self.inputs))]
        while stack:
            node, inputs = stack[-1]
            for child in inputs:
                if child not in visited:
                    visited.add(child)
                    if child.inputs:
                        stack.append((child, iter(child.inputs)))
                        break
                    order.append(child)  # a leaf: nothing to visit first
            else:
                stack.pop()
                order.append(node)
        return order


# ----- a network of Values ------------------------------------------------------------------------
def weighted_sum(w, x, b) -> Value:
    """z = b + sum_i w_i x_i as ONE node of the graph (op 'wx+b').

    ``w`` and ``x`` are equally long sequences of Values, ``b`` a Value.  The
    local gradients are dz/db = 1, dz/dw_i = x_i and dz/dx_i = w_i: the same
    numbers that the chain of 2n separate '*' and '+' nodes would give, in one
    node instead of 2n, which makes a network of Values several times faster.
    """
    if not isinstance(b, Value):
        raise TypeError(f"b must be a Value, got {describe(b)}")
    w, x = list(w), list(x)
    if len(w) != len(x):
        raise ValueError(f"w and x must be equally long, got {len(w)} weights and {len(x)} inputs")
    for name, seq in (("w", w), ("x", x)):
        for v in seq:
            if not isinstance(v, Value):
                raise TypeError(f"every element of {name} must be a Value, got {describe(v)}")
    return _weighted_sum(w, x, b)


def _weighted_sum(w: list, x: list, b: Value) -> Value:
    prev, local, z = [b], [1.0], b.data
    for wi, xi in zip(w, x):
        wd, xd = wi.data, xi.data
        z += wd * xd
        prev += (wi, xi)
        local += (xd, wd)
    return Value(z, "", tuple(prev), tuple(local), "wx+b")


_NONLINEARITIES = {"relu": Value.relu, "sigmoid": Value.sigmoid, "tanh": Value.tanh, "linear": None}


def _as_inputs(x, n: int, name: str = "x") -> list:
    """``x`` (a sequence of n numbers or Values) as a list of Values."""
    if isinstance(x, (str, bytes)) or not hasattr(x, "__len__"):
        raise TypeError(f"{name} must be a sequence of {n} numbers or Values, got {describe(x)}")
    if len(x) != n:
        raise ValueError(f"{name} must have {n} inputs, got {describe(x)}")
    return [xi if isinstance(xi, Value) else Value(xi) for xi in x]


class Module:
    """Something with parameters: ``parameters()`` lists them, ``zero_grad()`` clears their gradients."""

    def parameters(self) -> list:
        return []

    def zero_grad(self) -> None:
        """Set the gradient of every parameter to 0 (before the next ``backward()``)."""
        for p in self.parameters():
            p.grad = 0.0


class Neuron(Module):
    """h = f(b + sum_i w_i x_i) with weights w_i ~ U(-1, 1) and bias b = 0.

    ``Neuron(nin, nonlin='relu', seed=None, rng=None)``; ``nonlin`` is 'relu',
    'sigmoid', 'tanh' or 'linear' (no f).  Pass ``rng`` (a numpy Generator) to
    draw several neurons from one stream, or ``seed``.
    """

    def __init__(self, nin: int, nonlin: str = "relu", seed=None, rng=None):
        check_positive(nin, "nin", integer=True)
        self.nonlin = check_choice(nonlin, "nonlin", _NONLINEARITIES)
        rng = np.random.default_rng(check_seed(seed)) if rng is None else rng
        self.w = [Value(float(wi)) for wi in rng.uniform(-1.0, 1.0, nin)]
        self.b = Value(0.0)

    def __call__(self, x):
        """The neuron's output (a Value) for inputs ``x`` (nin numbers or Values)."""
        return self._forward(_as_inputs(x, len(self.w)))

    def _forward(self, x: list) -> Value:
        z = _weighted_sum(self.w, x, self.b)
        f = _NONLINEARITIES[self.nonlin]
        return z if f is None else f(z)

    def parameters(self) -> list:
        return self.w + [self.b]

    def __repr__(self) -> str:
        return f"Neuron({len(self.w)}, {self.nonlin!r})"


class Layer(Module):
    """``nout`` neurons that all read the same ``nin`` inputs.

    Calling it returns a list of nout Values, or a single Value when nout == 1.
    """

    def __init__(self, nin: int, nout: int, nonlin: str = "relu", seed=None, rng=None):
        check_positive(nout, "nout", integer=True)
        rng = np.random.default_rng(check_seed(seed)) if rng is None else rng
        self.neurons = [Neuron(nin, nonlin, rng=rng) for _ in range(nout)]

    def __call__(self, x):
        return self._forward(_as_inputs(x, len(self.neurons[0].w)))

    def _forward(self, x: list):
        out = [n._forward(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self) -> list:
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self) -> str:
        return f"Layer({len(self.neurons[0].w)}, {len(self.neurons)}, {self.neurons[0].nonlin!r})"


class MLP(Module):
    """A fully connected network of Values: ``MLP(2, [6, 2, 1])`` is the 2-6-2-1 network.

    Hidden layers use ``activation``, the last layer ``output`` (each 'relu',
    'sigmoid', 'tanh' or 'linear').  Weights are drawn from ``seed``.  Calling
    the network on ``x`` (nin numbers or Values) returns a Value when the last
    layer has one neuron, else a list of Values.
    """

    def __init__(self, nin: int, nouts, activation: str = "relu", output: str = "sigmoid", seed=0):
        check_positive(nin, "nin", integer=True)
        if isinstance(nouts, (str, bytes)) or not hasattr(nouts, "__len__") or len(nouts) == 0:
            raise TypeError(f"nouts must be a non-empty list of layer sizes, got {describe(nouts)}")
        check_choice(activation, "activation", _NONLINEARITIES)
        check_choice(output, "output", _NONLINEARITIES)
        rng = np.random.default_rng(check_seed(seed))
        sizes = [nin] + list(nouts)
        last = len(nouts) - 1
        self.layers = [
            Layer(sizes[i], sizes[i + 1], output if i == last else activation, rng=rng) for i in range(len(nouts))
        ]

    def __call__(self, x):
        x = _as_inputs(x, len(self.layers[0].neurons[0].w))
        for layer in self.layers:
            x = layer._forward(x if isinstance(x, list) else [x])
        return x

    def parameters(self) -> list:
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self) -> str:
        return f"MLP([{', '.join(repr(layer) for layer in self.layers)}])"
