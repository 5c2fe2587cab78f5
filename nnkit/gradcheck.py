"""Gradient checking by central finite differences.

An analytic gradient is fast but easy to get wrong; a numerical one is slow and
approximate but hard to get wrong.  Comparing the two is how every gradient in
this course is trusted:

    df/dx_i  ~  (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)

with an error of order eps^2 (plus round-off of order 1e-16 / eps).  The
comparison uses the relative error of the whole gradient array

    ||a - n|| / (||a|| + ||n||)

rather than element by element: an element that is nearly zero would make an
element-wise ratio meaningless, since there round-off is all that is left.
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array

__all__ = ["numerical_gradient", "relative_error", "gradcheck", "network_gradcheck"]


def numerical_gradient(f, x, eps: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of a scalar function ``f`` at ``x`` (any shape).

    Returns an array shaped like ``x``; ``x`` itself is left unchanged.
    """
    x = as_float_array(x, "x").copy()
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        f_plus = float(f(x))
        flat[i] = old - eps
        f_minus = float(f(x))
        flat[i] = old
        gflat[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a, b, floor: float = 1e-12) -> float:
    """Relative error ``||a - b|| / max(||a|| + ||b||, floor)`` of two gradient arrays (Euclidean norms).

    0 means equal, 1 means unrelated (for example opposite signs); the floor
    makes two all-zero gradients agree instead of dividing by zero.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"cannot compare gradients of shapes {a.shape} and {b.shape}")
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), floor))


def gradcheck(f, x, grad=None, eps: float = 1e-6) -> float:
    """Relative error (see :func:`relative_error`) between an analytic gradient and finite differences.

    ``f(x)`` returns a scalar.  ``grad(x)`` returns the analytic gradient shaped
    like ``x``; when ``grad`` is None, ``f`` must return a pair ``(value, gradient)``.
    A result below about 1e-6 (in float64) means the gradient is right.
    """
    if not callable(f):
        raise TypeError(f"f must be a function of an array, got {type(f).__name__}")
    x = as_float_array(x, "x")
    if grad is None:
        analytic = np.asarray(f(x.copy())[1], dtype=np.float64)
        value = lambda v: f(v)[0]  # noqa: E731 - the scalar half of f
    else:
        analytic = np.asarray(grad(x.copy()), dtype=np.float64)
        value = f
    if analytic.shape != x.shape:
        raise ValueError(f"the analytic gradient must have the shape of x, {x.shape}; got {analytic.shape}")
    return relative_error(analytic, numerical_gradient(value, x, eps))


def network_gradcheck(net, X, Y, eps: float = 1e-6) -> float:
    """Largest relative error of the network's dJ/dW^(l) and dJ/db^(l) against finite differences.

    ``X`` (n, n_0) and ``Y`` as :meth:`nnkit.Network.loss` takes them.  Every
    weight and bias is nudged in turn and the loss J re-evaluated (on the data
    checked once, with the network's trusted inner loop); the parameters are
    restored afterwards.
    """
    X = net.check_inputs(X)
    Y = net.check_targets(Y, len(X))
    c = net.forward_pass(X)
    g = net.backpropagate(c, net.output_delta(c, Y))
    worst = 0.0
    for params, grads in ((net.W, g.dW), (net.b, g.db)):
        for P, G in zip(params, grads):
            original = P.copy()

            def loss_at(values, P=P):
                P[...] = values
                return net.cache_loss(net.forward_pass(X), Y)

            try:
                numeric = numerical_gradient(loss_at, original, eps)
            finally:
                P[...] = original
            worst = max(worst, relative_error(G, numeric))
    return worst
