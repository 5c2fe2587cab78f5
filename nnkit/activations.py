"""Activation functions f(z) and their derivatives f'(z).

Each activation is applied element-wise, ``h = f(z)``, except softmax, which
turns a row of logits into a probability distribution.  During backpropagation
the derivative enters as ``delta = (dJ/dh) * f'(z)``.

Every function here is stable at extremes: ``sigmoid(-1000)`` is about 1e-304 and
``softmax`` of logits near 1e4 is exact, without overflow warnings.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validate import check_choice

__all__ = [
    "step", "step_prime", "sigmoid", "sigmoid_prime", "tanh", "tanh_prime",
    "relu", "relu_prime", "leaky_relu", "leaky_relu_prime", "elu", "elu_prime",
    "swish", "swish_prime", "softplus", "softplus_prime", "identity", "identity_prime",
    "softmax", "log_softmax",
    "Activation", "ACTIVATIONS", "get_activation",
]

LEAKY_SLOPE = 0.01
"""Slope of leaky ReLU for z < 0."""


def step(z):
    """Heaviside step: 1 where z >= 0, else 0 (the perceptron's activation)."""
    return np.where(np.asarray(z) >= 0, 1.0, 0.0)


def step_prime(z):
    """Derivative of the step: 0 everywhere (undefined at 0), which is why it cannot be trained by gradients."""
    return np.zeros_like(np.asarray(z, dtype=np.float64))


def sigmoid(z):
    """Logistic sigmoid f(z) = 1 / (1 + e^{-z}), computed without overflow.

    -z is capped at 700 first, so e^{-z} stays below the largest float (about
    e^709): sigmoid(-1000) gives 1e-304 instead of an overflow warning, an
    absolute error no computation can see (for large z, e^{-z} underflows
    quietly to 0).  The steps work in place in one buffer, so no temporary
    arrays are made: this function runs in every layer of every training step.
    """
    z = np.asarray(z, dtype=np.float64)
    out = np.empty(z.shape)
    np.negative(z, out=out)
    np.minimum(out, 700.0, out=out)
    np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)
    return out[()]  # a number for a number, the array itself otherwise


def sigmoid_prime(z):
    """f'(z) = f(z) (1 - f(z)) for the sigmoid."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """Hyperbolic tangent f(z) = (e^z - e^{-z}) / (e^z + e^{-z})."""
    return np.tanh(np.asarray(z, dtype=np.float64))


def tanh_prime(z):
    """f'(z) = 1 - tanh(z)^2."""
    return 1.0 - np.tanh(np.asarray(z, dtype=np.float64)) ** 2


def relu(z):
    """Rectified linear unit f(z) = max(0, z)."""
    return np.maximum(np.asarray(z, dtype=np.float64), 0.0)


def relu_prime(z):
    """f'(z) = 1 for z > 0, else 0 (the value 0 is taken at z = 0)."""
    return (np.asarray(z) > 0).astype(np.float64)


def leaky_relu(z):
    """f(z) = z for z > 0, else 0.01 z: a small slope keeps negative units alive."""
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def leaky_relu_prime(z):
    """f'(z) = 1 for z > 0, else 0.01."""
    return np.where(np.asarray(z) > 0, 1.0, LEAKY_SLOPE)


def elu(z):
    """Exponential linear unit f(z) = z for z > 0, else e^z - 1."""
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))


def elu_prime(z):
    """f'(z) = 1 for z > 0, else e^z."""
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))


def swish(z):
    """Swish (SiLU) f(z) = z sigmoid(z)."""
    z = np.asarray(z, dtype=np.float64)
    return z * sigmoid(z)


def swish_prime(z):
    """f'(z) = s + z s (1 - s) with s = sigmoid(z)."""
    z = np.asarray(z, dtype=np.float64)
    s = sigmoid(z)
    return s + z * s * (1.0 - s)


def softplus(z):
    """Softplus f(z) = log(1 + e^z), a smooth ReLU, as max(z, 0) + log(1 + e^{-|z|}) (never overflows)."""
    z = np.asarray(z, dtype=np.float64)
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def softplus_prime(z):
    """f'(z) = sigmoid(z)."""
    return sigmoid(z)


def identity(z):
    """f(z) = z: no activation (a linear layer)."""
    return np.asarray(z, dtype=np.float64)


def identity_prime(z):
    """f'(z) = 1."""
    return np.ones_like(np.asarray(z, dtype=np.float64))


def softmax(Z):
    """Softmax over the last axis: p_k = e^{z_k} / sum_j e^{z_j}.

    Subtracting the row maximum first leaves the result unchanged and keeps
    every exponent <= 0, so logits near 1e4 give no overflow.
    Shapes: (K,) -> (K,), (n, K) -> (n, K); each row sums to 1.
    """
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(Z - np.max(Z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(Z):
    """log softmax(z)_k = z_k - max(z) - log sum_j e^{z_j - max(z)}, over the last axis.

    Exact where softmax itself would underflow to 0 (and its log to -inf).
    """
    Z = np.asarray(Z, dtype=np.float64)
    shifted = Z - np.max(Z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def sigmoid_prime_from_h(h):
    """sigmoid'(z) from h = sigmoid(z): h (1 - h), with no exponential to recompute."""
    return h * (1.0 - h)


def tanh_prime_from_h(h):
    """tanh'(z) from h = tanh(z): 1 - h^2."""
    return 1.0 - h * h


@dataclass(frozen=True)
class Activation:
    """An element-wise activation: its name, f and f'.

    ``prime_from_h``, where given, computes f'(z) from the output h = f(z)
    alone; backpropagation uses it to reuse the forward pass's h.
    """

    name: str
    f: Callable
    prime: Callable
    prime_from_h: Callable | None = None

    def derivative(self, z, h):
        """f'(z), from h = f(z) when that is cheaper."""
        return self.prime_from_h(h) if self.prime_from_h is not None else self.prime(z)

    def __call__(self, z):
        return self.f(z)

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


ACTIVATIONS = {
    a.name: a
    for a in (
        Activation("step", step, step_prime),
        Activation("sigmoid", sigmoid, sigmoid_prime, sigmoid_prime_from_h),
        Activation("tanh", tanh, tanh_prime, tanh_prime_from_h),
        Activation("relu", relu, relu_prime),
        Activation("leaky_relu", leaky_relu, leaky_relu_prime),
        Activation("elu", elu, elu_prime),
        Activation("swish", swish, swish_prime),
        Activation("softplus", softplus, softplus_prime),
        Activation("identity", identity, identity_prime),
    )
}
"""The element-wise activations by name.  Softmax is not here: it is an output
layer paired with cross-entropy (see :mod:`nnkit.losses`)."""


def get_activation(name) -> Activation:
    """Look an activation up by name (case-insensitive); an :class:`Activation` passes through."""
    if isinstance(name, Activation):
        return name
    return ACTIVATIONS[check_choice(name, "activation", ACTIVATIONS)]
