"""Loss functions J(Y, H) and their gradients dJ/dH.

Conventions: ``Y`` are the targets and ``H`` the network's outputs, both of
shape (n, K) for a batch of n samples with K outputs (a 1-D array is one
sample's K outputs).  Targets come first, as in scikit-learn's
``(y_true, y_pred)``.  Losses are averaged over the n samples of a batch, so
the learning rate does not depend on the batch size.

The cross-entropies never take log(0): probabilities are clipped to
[1e-12, 1 - 1e-12], and the versions on logits Z use the log-sum-exp form.
Which loss goes with which output layer is decided in :mod:`nnkit.output_layer`.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validate import as_float_array, check_choice
from .activations import log_softmax, softmax, softplus

__all__ = [
    "squared_error", "squared_error_grad", "mse", "mse_grad",
    "binary_cross_entropy", "binary_cross_entropy_grad", "cross_entropy", "cross_entropy_grad",
    "binary_cross_entropy_with_logits", "softmax_cross_entropy", "softmax_cross_entropy_grad",
    "Loss", "LOSSES", "get_loss",
]

EPS = 1e-12
"""Probabilities are clipped to [EPS, 1 - EPS] before a logarithm."""


def _checked(h_name="H"):
    """Make ``f(Y, H)`` check its arguments first: numbers, finite, the same shape.

    The bare computation stays reachable as ``f.unchecked``, for the trusted
    inner loop, whose arrays were checked once before training started.
    """
    def decorate(f):
        @functools.wraps(f)
        def checked(Y, H):
            Y = as_float_array(Y, "Y", ndim=(0, 1, 2))
            H = as_float_array(H, h_name, ndim=(0, 1, 2))
            if Y.shape != H.shape:
                raise ValueError(f"Y and {h_name} must have the same shape, got {Y.shape} and {H.shape}")
            return f(Y, H)
        checked.unchecked = f
        return checked
    return decorate


def _n_samples(H) -> int:
    return H.shape[0] if H.ndim == 2 else 1


@_checked()
def squared_error(Y, H) -> float:
    """J = 1/(2n) sum_i ||y_i - h_i||^2: half the squared error, averaged over the n samples.

    For one sample this is the tutorial's J = 1/2 ||y - h||^2.
    """
    return float(0.5 * np.sum((Y - H) ** 2) / _n_samples(H))


@_checked()
def squared_error_grad(Y, H):
    """dJ/dH = (H - Y) / n for :func:`squared_error`, shaped like H."""
    return (H - Y) / _n_samples(H)


@_checked()
def mse(Y, H) -> float:
    """Mean squared error J = 1/N sum (y - h)^2 over all N elements.

    ``mse([1, 0, 0, 1], [0, 0, 0, 0]) == 0.5``.
    """
    return float(np.mean((Y - H) ** 2))


@_checked()
def mse_grad(Y, H):
    """dJ/dH = 2 (H - Y) / N for :func:`mse`, N the number of elements, shaped like H."""
    return 2.0 * (H - Y) / H.size


@_checked()
def binary_cross_entropy(Y, H) -> float:
    """J = -1/n sum [y log h + (1 - y) log(1 - h)] for probabilities H in [0, 1]."""
    P = np.clip(H, EPS, 1.0 - EPS)
    return float(-np.sum(Y * np.log(P) + (1.0 - Y) * np.log1p(-P)) / _n_samples(H))


@_checked()
def binary_cross_entropy_grad(Y, H):
    """dJ/dH = (h - y) / (h (1 - h)) / n, with h clipped away from 0 and 1; shaped like H."""
    P = np.clip(H, EPS, 1.0 - EPS)
    return (P - Y) / (P * (1.0 - P)) / _n_samples(H)


@_checked()
def cross_entropy(Y, H) -> float:
    """J = -1/n sum_i sum_k y_ik log h_ik for probabilities H whose rows sum to 1 (softmax outputs)."""
    return float(-np.sum(Y * np.log(np.clip(H, EPS, 1.0))) / _n_samples(H))


@_checked()
def cross_entropy_grad(Y, H):
    """dJ/dH = -Y / H / n for :func:`cross_entropy`, with h clipped away from 0; shaped like H."""
    return -Y / np.clip(H, EPS, 1.0) / _n_samples(H)


@_checked(h_name="Z")
def binary_cross_entropy_with_logits(Y, Z) -> float:
    """Binary cross-entropy of h = sigmoid(z), computed from the logits Z (shape of Y).

    Per element, -[y log h + (1 - y) log(1 - h)] = log(1 + e^z) - y z, and
    log(1 + e^z) = max(z, 0) + log(1 + e^{-|z|}) never overflows.  Its gradient
    is dJ/dZ = (sigmoid(Z) - Y) / n: the sigmoid's derivative cancels the log's.
    """
    return float(np.sum(softplus(Z) - Y * Z) / _n_samples(Z))


@_checked(h_name="Z")
def softmax_cross_entropy(Y, Z) -> float:
    """J = -1/n sum_i sum_k y_ik log softmax(z_i)_k, from logits Z (n, K) and one-hot (or soft) targets Y.

    Uses log softmax(z)_k = z_k - max(z) - log sum_j e^{z_j - max(z)}.
    """
    return float(-np.sum(Y * log_softmax(Z)) / _n_samples(Z))


@_checked(h_name="Z")
def softmax_cross_entropy_grad(Y, Z):
    """dJ/dZ = (softmax(Z) - Y) / n, shape (n, K), for targets whose rows sum to 1."""
    return (softmax(Z) - Y) / _n_samples(Z)


@dataclass(frozen=True)
class Loss:
    """A loss: its name, J(Y, H) and dJ/dH.

    ``value`` and ``grad`` check their arguments; each keeps the bare
    computation as ``.unchecked`` for callers whose arrays are already checked.
    """

    name: str
    value: Callable
    grad: Callable

    def __call__(self, Y, H) -> float:
        """J(Y, H), with the arguments checked."""
        return self.value(Y, H)

    def __repr__(self) -> str:
        return f"Loss({self.name!r})"


LOSSES = {
    loss.name: loss
    for loss in (
        Loss("squared_error", squared_error, squared_error_grad),
        Loss("mse", mse, mse_grad),
        Loss("binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_grad),
        Loss("cross_entropy", cross_entropy, cross_entropy_grad),
    )
}
"""Losses by name, all on the network's outputs H.  Which output each goes with,
and when it is computed from the logits instead, is decided in
:mod:`nnkit.output_layer`."""


def get_loss(name) -> Loss:
    """Look a loss up by name (case-insensitive); a :class:`Loss` passes through."""
    if isinstance(name, Loss):
        return name
    return LOSSES[check_choice(name, "loss", LOSSES)]
