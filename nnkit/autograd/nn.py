"""A small fully connected network built out of :class:`~nnkit.autograd.engine.Value` s.

A neuron computes h = f(z) with z = b + sum_i w_i x_i; a layer is neurons that
read the same inputs; an MLP is layers in a row.  Every weight and bias is a
Value, so ``loss.backward()`` fills in dJ/dw for all of them, and a training
step is ``p.data -= lr * p.grad`` for every ``p`` in ``parameters()``.

One difference from micrograd's ``nn.py``: z is ONE node of the graph (op
'wx+b'), with the local gradients dz/db = 1, dz/dw_i = x_i and dz/dx_i = w_i,
instead of a chain of 2n '*' and '+' nodes.  The gradients are the same
numbers; the graph is 2n times smaller, and backward that much faster.
"""
from __future__ import annotations

import numpy as np

from .._validate import check_choice, check_positive, check_seed, describe
from .engine import Value

__all__ = ["Module", "Neuron", "Layer", "MLP"]

NONLINEARITIES = {"relu": Value.relu, "sigmoid": Value.sigmoid, "tanh": Value.tanh, "linear": None}
"""The activations f a neuron may use; 'linear' means none (h = z)."""


class Module:
    """Something with parameters: ``parameters()`` lists them, ``zero_grad()`` clears their gradients."""

    def parameters(self) -> list:
        """Every weight and bias, as Values."""
        return []

    def zero_grad(self) -> None:
        """Set the gradient of every parameter to 0 (before the next ``backward()``)."""
        for p in self.parameters():
            p.grad = 0.0


class Neuron(Module):
    """h = f(b + sum_i w_i x_i), weights w_i ~ U(-1, 1), bias b = 0: ``Neuron(nin, nonlin="relu", seed=None)``.

    ``nonlin`` is 'relu', 'sigmoid', 'tanh' or 'linear' (no f).  Pass ``rng`` (a
    numpy Generator) to draw several neurons from one stream, or a ``seed``.
    """

    def __init__(self, nin: int, nonlin: str = "relu", seed=None, rng=None):
        check_positive(nin, "nin", integer=True)
        self.nonlin = check_choice(nonlin, "nonlin", NONLINEARITIES)
        rng = np.random.default_rng(check_seed(seed)) if rng is None else rng
        self.w = [Value(float(wi)) for wi in rng.uniform(-1.0, 1.0, nin)]
        self.b = Value(0.0)

    def __call__(self, x):
        """The neuron's output h (a Value) for ``x``, nin numbers or Values."""
        return self._forward(_as_values(x, len(self.w)))

    def _forward(self, x: list) -> Value:
        """h for inputs that are already a list of nin Values."""
        z = _weighted_sum(self.w, x, self.b)
        f = NONLINEARITIES[self.nonlin]
        return z if f is None else f(z)

    def parameters(self) -> list:
        """The weights w_1..w_nin, then the bias b."""
        return self.w + [self.b]

    def __repr__(self) -> str:
        return f"Neuron({len(self.w)}, {self.nonlin!r})"


class Layer(Module):
    """``nout`` neurons that all read the same ``nin`` inputs: ``Layer(nin, nout, nonlin="relu")``.

    Calling it returns a list of nout Values, or one Value when nout == 1.
    """

    def __init__(self, nin: int, nout: int, nonlin: str = "relu", seed=None, rng=None):
        check_positive(nout, "nout", integer=True)
        rng = np.random.default_rng(check_seed(seed)) if rng is None else rng
        self.neurons = [Neuron(nin, nonlin, rng=rng) for _ in range(nout)]

    def __call__(self, x):
        return self._forward(_as_values(x, len(self.neurons[0].w)))

    def _forward(self, x: list):
        out = [n._forward(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self) -> list:
        """Every neuron's parameters, neuron after neuron."""
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self) -> str:
        return f"Layer({len(self.neurons[0].w)}, {len(self.neurons)}, {self.neurons[0].nonlin!r})"


class MLP(Module):
    """A fully connected network of Values: ``MLP(2, [6, 2, 1])`` is the 2-6-2-1 network.

    Hidden layers use ``activation``, the last layer ``output`` (each 'relu',
    'sigmoid', 'tanh' or 'linear'); the weights are drawn with ``seed``.  Called
    on ``x`` (nin numbers or Values) it returns a Value when the last layer has
    one neuron, else a list of Values.
    """

    def __init__(self, nin: int, nouts, activation: str = "relu", output: str = "sigmoid", seed=0):
        check_positive(nin, "nin", integer=True)
        if isinstance(nouts, (str, bytes)) or not hasattr(nouts, "__len__") or len(nouts) == 0:
            raise TypeError(f"nouts must be a non-empty list of layer sizes, got {describe(nouts)}")
        check_choice(activation, "activation", NONLINEARITIES)
        check_choice(output, "output", NONLINEARITIES)
        rng = np.random.default_rng(check_seed(seed))
        sizes = [nin] + list(nouts)
        last = len(nouts) - 1
        self.layers = [Layer(sizes[i], sizes[i + 1], output if i == last else activation, rng=rng)
                       for i in range(len(nouts))]

    def __call__(self, x):
        x = _as_values(x, len(self.layers[0].neurons[0].w))
        for layer in self.layers:
            x = layer._forward(x if isinstance(x, list) else [x])
        return x

    def parameters(self) -> list:
        """Every layer's parameters, the first layer first."""
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self) -> str:
        return f"MLP([{', '.join(repr(layer) for layer in self.layers)}])"


def _weighted_sum(w: list, x: list, b: Value) -> Value:
    """z = b + sum_i w_i x_i as one node 'wx+b' (see the module text); w, x lists of Values."""
    inputs, local_grads, z = [b], [1.0], b.data
    for wi, xi in zip(w, x):
        z += wi.data * xi.data
        inputs += (wi, xi)
        local_grads += (xi.data, wi.data)  # dz/dw_i = x_i, dz/dx_i = w_i
    return Value(z, "", tuple(inputs), tuple(local_grads), "wx+b")


def _as_values(x, n: int, name: str = "x") -> list:
    """``x`` (a sequence of n numbers or Values) as a list of Values."""
    if isinstance(x, (str, bytes)) or not hasattr(x, "__len__"):
        raise TypeError(f"{name} must be a sequence of {n} numbers or Values, got {describe(x)}")
    if len(x) != n:
        raise ValueError(f"{name} must have {n} inputs, got {describe(x)}")
    return [xi if isinstance(xi, Value) else Value(xi) for xi in x]
