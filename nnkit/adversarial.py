"""Adversarial examples: the gradient that makes dreams, used to fool the network.

Dreaming (:mod:`nnkit.dream`) starts from a blank image and pushes a class up.
Start instead from a real digit that the network reads correctly, and a small
change along the gradient makes it read something else:

- :func:`fool` is a *targeted* attack: gradient steps towards one chosen class,
  each image stopping as soon as the network gives that class ``stop_at``;
- :func:`fgsm`, the fast gradient sign method (Goodfellow, Shlens and Szegedy
  2015), is *untargeted* and costs one backward pass: every pixel moves by the
  same eps in the direction that raises the loss of the true label,

      x_adv = clip(x + eps sign(dJ/dx), 0, 1);

- :func:`random_change` is the control: a change as long as a given one, in a
  random direction.  If it fools the network as often, the size of the change
  was what mattered; if not, the direction was.
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_positive, check_range, check_seed
from .dream import dreams

__all__ = ["fool", "fgsm", "random_change"]


def fool(net, X, target, steps=500, lr=0.02, *, stop_at=0.5, clip=(0.0, 1.0), objective="log_prob"):
    """Dream every row of ``X`` (n, n_in) towards class ``target``, each stopping once the network gives it ``stop_at``.

    Gradient steps on the class term alone (no regulariser), pixels clipped
    (:func:`nnkit.dream.dreams` with ``x0=X``).  Returns ``(X_new, n_steps)``: the
    changed rows (n, n_in) and how many steps each took (a row that never reached
    ``stop_at`` took ``steps``; one that started there took 0).
    """
    X = net.check_inputs(X)
    images, history = dreams(net, [target] * len(X), steps, lr, x0=X, clip=clip, objective=objective,
                             stop_at=stop_at, shape=(1, X.shape[1]))
    reached = history >= stop_at
    n_steps = np.where(reached.any(axis=1), reached.argmax(axis=1), history.shape[1] - 1)
    return images.reshape(X.shape), n_steps


def fgsm(net, X, y, eps, clip=(0.0, 1.0)):
    """The fast gradient sign method, untargeted: x_k + eps sign(dJ_k/dx_k) for every row x_k of ``X``.

    J_k is the network's loss against the true label ``y[k]``; the result is
    clipped to ``clip`` (None: not clipped).  Shape (n, n_in), like ``X``.
    """
    X = net.check_inputs(X)
    Y = net.check_targets(y, len(X), name="y")
    check_positive(eps, "eps", allow_zero=True)
    clip = check_range(clip, "clip", allow_none=True)
    c = net.forward_pass(X)
    grad = net.backpropagate(c, net.output_delta(c, Y)).dX   # row k: dJ/dx_k up to 1/n, which sign() ignores
    out = X + eps * np.sign(grad)
    return out if clip is None else np.clip(out, *clip)


def random_change(X, size, seed=0, clip=(0.0, 1.0)):
    """The rows of ``X`` (n, n_in) moved in random directions, row k by the length ``size[k]``.

    Each direction is drawn uniformly (a normalised Gaussian vector); its length
    is set so that the change *after* clipping to ``clip`` has length ``size[k]``
    (clipping only shortens a change, so the step is found by bisection).
    ``size`` is one number or one per row.
    """
    X = as_float_array(X, "X", ndim=2)
    size = np.broadcast_to(as_float_array(size, "size", ndim=(0, 1)), (X.shape[0],)).astype(np.float64)
    if np.any(size < 0):
        raise ValueError("size must be >= 0: it is a length")
    clip = check_range(clip, "clip", allow_none=True)
    R = np.random.default_rng(check_seed(seed, allow_none=False)).normal(size=X.shape)
    R /= np.linalg.norm(R, axis=1, keepdims=True)
    if clip is None:
        return X + size[:, None] * R

    def length(s):
        return np.linalg.norm(np.clip(X + s[:, None] * R, *clip) - X, axis=1)

    low, high = np.zeros_like(size), size.copy()
    for _ in range(60):                     # widen until long enough (or as long as the box allows)
        short = length(high) < size
        if not short.any():
            break
        high[short] *= 2
    if np.any(length(high) < size * (1 - 1e-9)):
        raise ValueError("size is longer than any change that stays inside clip, for some rows")
    for _ in range(60):                     # bisection: length(low) < size <= length(high)
        mid = (low + high) / 2
        short = length(mid) < size
        low, high = np.where(short, mid, low), np.where(short, high, mid)
    return np.clip(X + high[:, None] * R, *clip)
