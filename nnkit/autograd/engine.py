"""A scalar ``Value`` that remembers how it was computed, and ``backward()``: reverse-mode autodiff.

A Value holds one number, ``data``, and after ``backward()`` the derivative of
the final result with respect to it, ``grad``.  Every operation on Values makes
a new Value, a node of the computational graph, that remembers

    inputs       the Values it was computed from,
    local_grads  d out / d input for each of them, numbers known right away,
    op           the operation's name (for drawing the graph).

``backward()`` visits the graph from the result back to the leaves, each node
after every node that uses it, and applies the chain rule at every node:

    input.grad += local_grad * out.grad      (upstream gradient times local gradient)

with ``+=`` because a Value used twice gets a contribution from each use.
Worked example, f = (x + y) z at x = -2, y = 5, z = -4: q = x + y = 3, f = -12;
df/dz = q = 3, df/dq = z = -4, and df/dx = df/dy = df/dq * 1 = -4.

Compared with the Value you wrote in notebook 04 (micrograd's design), this one
differs in two places, both for speed; this is the only place they are explained.

1. Local gradients are stored as numbers, not as a ``_backward`` closure.  A
   closure that refers back to its own node is a reference cycle, and Python
   frees cycles only when its garbage collector runs; a network of Values makes
   thousands of nodes per step, so the collector runs again and again, and each
   run walks through the nodes that are still alive.  Without closures the graph points only from
   results to inputs, has no cycles, and is freed the moment the result is dropped.
2. ``backward()`` pauses the garbage collector while it runs: it allocates
   (the visiting order, the set of visited nodes) but creates no cycles, so a
   collection there would only cost time.

Together they make a network of Values several times faster, with the same
numbers (``bench/autograd_speed.py`` measures it).
"""
from __future__ import annotations

import gc
import math
import numbers

from .._validate import describe

__all__ = ["Value"]


class Value:
    """One scalar of a computational graph and its gradient: ``Value(data, label="")``.

    ``data`` is a finite real number, ``label`` an optional name for drawings,
    ``grad`` is d result / d self after ``result.backward()`` (0 before).  A Value
    made by an operation also has ``inputs``, ``local_grads`` and ``op`` (see the
    module text); for a Value you make yourself, a leaf, they are empty.
    """

    __slots__ = ("data", "grad", "label", "inputs", "local_grads", "op")

    def __init__(self, data, label: str = "", inputs: tuple = (), local_grads: tuple = (), op: str = ""):
        if type(data) is not float:  # an int or a numpy number becomes a float; text or a bool is refused
            data = _as_float(data)
        if not math.isfinite(data):
            raise ValueError(f"Value needs a finite number, got {data}")
        self.data = data
        self.grad = 0.0
        self.label = label
        self.inputs = inputs
        self.local_grads = local_grads
        self.op = op

    def __repr__(self) -> str:
        name = f"label={self.label!r}, " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"

    # ----- operations of two Values: out = a (op) b; a number b is made a Value first -----------
    # Each returns Value(data, label, inputs, local_grads, op), positionally (faster than by keyword), with
    # no label (""): the new node, the Values it came from, d out / d input for each, the op's name.
    def __add__(self, other):
        """out = a + b;  d out/da = 1,  d out/db = 1."""
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, "", (self, other), (1.0, 1.0), "+")

    def __sub__(self, other):
        """out = a - b;  d out/da = 1,  d out/db = -1."""
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data - other.data, "", (self, other), (1.0, -1.0), "-")

    def __mul__(self, other):
        """out = a b;  d out/da = b,  d out/db = a."""
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, "", (self, other), (other.data, self.data), "*")

    def __truediv__(self, other):
        """out = a / b;  d out/da = 1/b,  d out/db = -a/b^2 = -out/b."""
        other = other if isinstance(other, Value) else Value(other)
        if other.data == 0.0:
            raise ZeroDivisionError(f"division of Value {self.data:g} by a Value equal to zero")
        out = self.data / other.data
        return Value(out, "", (self, other), (1.0 / other.data, -out / other.data), "/")

    # a number on the left: 2 + a, 1 - a, 2 * a, 1 / a
    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        return Value(other) - self

    def __rmul__(self, other):
        return self * other

    def __rtruediv__(self, other):
        return Value(other) / self

    # ----- functions of one Value -------------------------------------------------------------
    def __neg__(self):
        """out = -a;  d out/da = -1."""
        return Value(-self.data, "", (self,), (-1.0,), "neg")

    def __pow__(self, p):
        """out = a^p for a constant number p;  d out/da = p a^(p-1)."""
        if isinstance(p, bool) or not isinstance(p, numbers.Real):
            raise TypeError(f"the exponent of a Value must be a constant number (int or float), got {describe(p)}")
        a, p = self.data, float(p)
        if a < 0.0 and not p.is_integer():
            raise ValueError(f"a negative Value ({a:g}) cannot be raised to the non-integer power {p:g}")
        if a == 0.0 and p < 0.0:
            raise ZeroDivisionError(f"a Value equal to zero cannot be raised to the negative power {p:g}")
        try:
            out = a**p
        except OverflowError:
            raise OverflowError(f"{a:g} ** {p:g} is too large for a float") from None
        if p == 0.0:
            local = 0.0
        elif a == 0.0 and p < 1.0:
            local = math.inf  # the slope of a^p at 0 for 0 < p < 1
        else:
            local = p * a ** (p - 1.0)
        return Value(out, "", (self,), (local,), f"**{p:g}")

    def exp(self):
        """out = e^a;  d out/da = e^a."""
        try:
            e = math.exp(self.data)
        except OverflowError:
            raise OverflowError(f"exp({self.data:g}) is too large for a float (the limit is about exp(709))") from None
        return Value(e, "", (self,), (e,), "exp")

    def log(self):
        """out = ln a for a > 0;  d out/da = 1/a."""
        a = self.data
        if a <= 0.0:
            raise ValueError(f"log is defined for positive numbers only, got log({a:g})")
        return Value(math.log(a), "", (self,), (1.0 / a,), "log")

    def tanh(self):
        """out = tanh a;  d out/da = 1 - tanh^2 a."""
        t = math.tanh(self.data)
        return Value(t, "", (self,), (1.0 - t * t,), "tanh")

    def sigmoid(self):
        """out = 1 / (1 + e^-a);  d out/da = out (1 - out).  For a < 0 as e^a / (1 + e^a): e^-a never overflows."""
        a = self.data
        if a >= 0.0:
            s = 1.0 / (1.0 + math.exp(-a))
        else:
            e = math.exp(a)
            s = e / (1.0 + e)
        return Value(s, "", (self,), (s * (1.0 - s),), "sigmoid")

    def relu(self):
        """out = max(0, a);  d out/da = 1 if a > 0 else 0."""
        on = self.data > 0.0
        return Value(self.data if on else 0.0, "", (self,), (1.0 if on else 0.0,), "relu")

    # ----- reverse mode -------------------------------------------------------------------------
    def backward(self) -> None:
        """Fill in ``grad`` of every Value this one depends on: d self / d node.

        Leaves (Values you made, such as weights) accumulate: set their ``grad``
        to 0 (a network's ``zero_grad()``) before the next backward pass.  Nodes
        computed from others start again from 0, so they are right each time.
        """
        collecting = gc.isenabled()
        gc.disable()  # speed-up 2 of the module text
        try:
            order = self.topological_order()
            for node in order:
                if node.inputs:
                    node.grad = 0.0
            self.grad = 1.0  # d self / d self
            for node in reversed(order):  # every node after all the nodes that use it
                for child, local in zip(node.inputs, node.local_grads):
                    child.grad += local * node.grad
        finally:
            if collecting:
                gc.enable()

    def topological_order(self) -> list:
        """Every node of the graph that ends in ``self``, each one after all of its inputs.

        The depth-first search of micrograd's ``build_topo``, with a stack of
        (node, iterator over its inputs) instead of recursion, so that a graph
        deeper than Python's recursion limit (1000 calls) works too.
        """
        order, visited = [], {self}
        stack = [(self, iter(self.inputs))]
        while stack:
            node, inputs = stack[-1]
            for child in inputs:
                if child not in visited:
                    visited.add(child)
                    stack.append((child, iter(child.inputs)))
                    break  # visit the child's inputs first; come back to this node's others later
            else:  # every input of node is in order: node may follow
                stack.pop()
                order.append(node)
        return order


def _as_float(data) -> float:
    """``data`` as a float, or a TypeError saying what came instead of a number."""
    if isinstance(data, bool) or not isinstance(data, numbers.Real):
        raise TypeError(f"Value needs a real number, got {describe(data)}")
    return float(data)
