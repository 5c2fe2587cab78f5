"""What dreaming minimises: a class term e_t(x), its output delta, and its gradient with respect to the input.

Dreaming (:mod:`nnkit.dream`) keeps a trained network fixed and changes its
input x so that the network's answer for a chosen class t grows.  It descends
on a class term e_t(x), one of three, all functions of the output layer's
pre-activations z = z^(L) (the "logits"):

- ``"log_prob"``: e_t = -log p_t, the network's own training loss against the
  one-hot target t (for a softmax output; for element-wise outputs the loss the
  network was built with).  Output delta p - y, with y the one-hot vector of
  t: it vanishes once p_t is near 1, so the dream stalls wherever it got to.
- ``"logit"``: e_t = -z_t.  Output delta -y, constant: it never saturates,
  but it only pushes z_t up; the other classes' logits may rise with it.
- ``"log_odds"``: e_t = -(z_t - log sum_{j != t} exp z_j) = -log(p_t / (1 - p_t))
  for a softmax output.  Output delta q - y, with q the softmax of the other
  nine logits (q_t = 0): it pushes z_t up *and* the others down, and it never
  saturates (the push on z_t is always 1).

The gradient reaches the input through the same deltas as backpropagation,
carried one layer further (:meth:`nnkit.Network.backpropagate` returns it as
``dX``):

    de_t/dx = W^(1)T delta^(1)      (for a batch of rows: Delta^(1) W^(1))

:func:`class_objective` and :func:`input_gradient` do this for one input;
:func:`class_gradient` is the same for a batch of checked rows, the inner loop
of :mod:`nnkit.dream`.
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_choice, describe
from .network import Cache

__all__ = ["OBJECTIVES", "output_delta", "class_objective", "input_gradient", "target_probability",
           "class_gradient", "check_target"]

OBJECTIVES = ("log_prob", "logit", "log_odds")
"""Class terms of the dreaming objective: -log p_t, -z_t, or minus the log-odds of t."""


def output_delta(z, targets, objective: str):
    """de_t/dz for logits ``z`` of shape (n, K) and one target class per row, for ``"logit"`` and ``"log_odds"``.

    ``"logit"``: -y.  ``"log_odds"``: q - y with q_j = exp z_j / sum_{k != t} exp z_k
    for j != t and q_t = 0 (y: the one-hot vector of each row's target t).  (``"log_prob"`` uses the network's own output delta.)
    ``z`` is trusted (a forward pass's logits); the targets are class indices.
    """
    objective = check_choice(objective, "objective", ("logit", "log_odds"))
    rows = np.arange(z.shape[0])
    delta = np.zeros_like(z)
    if objective == "log_odds":
        others = z.copy()
        others[rows, targets] = -np.inf
        others = np.exp(others - others.max(axis=1, keepdims=True))
        delta = others / others.sum(axis=1, keepdims=True)
    delta[rows, targets] -= 1.0
    return delta


def class_objective(net, x, target, objective="log_prob"):
    """The class term e_t(x) and its gradient de_t/dx, for one input ``x`` (shape (n_in,) or an image).

    See the module text for the three ``objective`` choices.  Returns
    ``(e_t, grad)`` with ``grad`` shaped like ``x``.
    """
    target = check_target(net, target)
    objective = check_choice(objective, "objective", OBJECTIVES)
    flat = _check_x(net, x)
    _, value, grad = class_gradient(net, flat[None, :], np.array([target]), objective, with_value=True)
    return float(value[0]), grad[0].reshape(np.shape(x))


def input_gradient(net, x, target, objective="log_prob"):
    """de_t/dx = W^(1)T delta^(1) (see :func:`class_objective`), shaped like ``x``."""
    return class_objective(net, x, target, objective)[1]


def target_probability(net, x, target) -> float:
    """The network's output for class ``target`` on one input ``x`` (n_in values, any shape)."""
    target = check_target(net, target)
    return float(net.forward(_check_x(net, x))[target])


# ---------------------------------------------------------------- the batch version: the dream's inner loop
def class_gradient(net, X, targets, objective, *, with_value=False):
    """``(P, values, dE/dX)`` for checked input rows ``X`` (n, n_in), one target class per row.

    The trusted inner loop of :mod:`nnkit.dream`: ``X`` a float array with the
    network's n_in columns, ``targets`` an int array of class indices (see
    :func:`check_target`), ``objective`` one of :data:`OBJECTIVES`; nothing is
    checked again here.  One forward and one backward pass.  ``P`` (n,) is each
    row's output for its target; ``values`` (n,) the class terms e_t (None
    unless ``with_value``).  The class term is per sample (not averaged), so
    row k of dE/dX is the gradient of e_t(x_k) alone.
    """
    n = X.shape[0]
    Y = np.zeros((n, net.sizes[-1]))
    Y[np.arange(n), targets] = 1.0
    c = net.forward_pass(X)
    if objective == "log_prob":
        delta_L = n * net.output_delta(c, Y)          # output_delta averages over the batch; undo it
    else:
        delta_L = output_delta(c.Z[-1], targets, objective)
    values = _class_term_values(net, c, Y, targets, objective) if with_value else None
    return c.H[-1][np.arange(n), targets], values, net.backpropagate(c, delta_L).dX


def _class_term_values(net, c, Y, targets, objective):
    z = c.Z[-1]
    zt = z[np.arange(z.shape[0]), targets]
    if objective == "logit":
        return -zt
    if objective == "log_odds":
        others = np.where(Y > 0, -np.inf, z)
        top = others.max(axis=1)
        return -(zt - top - np.log(np.exp(others - top[:, None]).sum(axis=1)))
    one = (Cache([Z[k:k + 1] for Z in c.Z], [H[k:k + 1] for H in c.H]) for k in range(len(Y)))  # row by row
    return np.array([net.cache_loss(row, Y[k:k + 1]) for k, row in enumerate(one)])


# ---------------------------------------------------------------- checks at the public edge
def check_target(net, target) -> int:
    """``target`` as an int, or an error that says it must be a class index of ``net``'s outputs."""
    n_out = net.sizes[-1]
    if isinstance(target, bool) or not isinstance(target, (int, np.integer)):
        raise TypeError(f"target must be a class index (an int), got {describe(target)}")
    if not 0 <= target < n_out:
        raise ValueError(f"target must be a class index 0..{n_out - 1} for a network with {n_out} outputs, got {target}")
    return int(target)


def _check_x(net, x, name="x"):
    x = as_float_array(x, name).reshape(-1)
    if x.size != net.sizes[0]:
        raise ValueError(f"{name} must have the network's {net.sizes[0]} inputs, got {x.size} values")
    return x
