"""Deep dream: keep a trained network fixed and descend on its *input*.

Training changes the weights to lower the loss for given inputs.  Dreaming
turns this around: the weights stay, and the input x (one image, a row of
n_in pixels) changes so that the network's output for a chosen class t
becomes as large as possible.  The objective minimised is

    E(x) = e_t(x)  +  l2/2 ||x||^2  +  tv * TV(x)

with one of two class terms e_t:

- ``"log_prob"``: e_t = -log p_t(x), the cross-entropy with the one-hot target
  (the network's own training loss, for element-wise outputs the squared
  error to the one-hot target): "make the output error small".  Once p_t is
  near 1 its gradient vanishes, so dreaming stalls wherever it got to.
- ``"logit"``: e_t = -z_t^(L)(x), minus the output layer's pre-activation
  ("score") for class t.  It never saturates: the push towards t stays, and
  the regularisers decide what the image looks like.

The gradient of e_t reaches the input through the same deltas as
backpropagation, carried one layer further:

    dE/dx = delta^(1) W^(1)       (a row; for a column x: W^(1)T delta^(1))

which :meth:`nnkit.Network.backward` returns as ``dX`` (for ``"logit"`` the
output delta is simply -e_t).  Each step is

    x <- x - lr dE/dx;   x <- (1 - blur) x + blur * B(x);   x <- clip(x, lo, hi)

with B a 3x3 binomial blur.  ``TV`` here is the *squared* total variation (the
sum of squared differences between horizontal and vertical neighbours), which
is smooth, so its gradient exists everywhere:

    TV(x) = sum_ij (x[i, j+1] - x[i, j])^2 + sum_ij (x[i+1, j] - x[i, j])^2
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_choice, check_positive, describe

__all__ = [
    "OBJECTIVES", "target_probability", "class_objective", "input_gradient",
    "tv_penalty", "tv_gradient", "blur_image", "dream_step", "dream",
]


def _image_shape(n_in: int, shape=None):
    if shape is not None:
        shape = tuple(int(s) for s in shape)
        if len(shape) != 2 or shape[0] * shape[1] != n_in:
            raise ValueError(f"shape must be two sizes whose product is the {n_in} inputs, got {shape}")
        return shape
    side = int(round(np.sqrt(n_in)))
    if side * side != n_in:
        raise ValueError(f"the network has {n_in} inputs, not a square image: give shape=(rows, cols)")
    return side, side


def _check_target(net, target) -> int:
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


def target_probability(net, x, target) -> float:
    """The network's output for class ``target`` on one input ``x`` (n_in values, any shape)."""
    target = _check_target(net, target)
    return float(net.forward(_check_x(net, x))[target])


OBJECTIVES = ("log_prob", "logit")
"""Class terms of the dreaming objective: -log p_t, or -z_t (the output pre-activation)."""


def _objective(net, flat, target, objective="log_prob", with_value=True):
    """(p_t, e_t, de_t/dx) for one validated input row ``flat``: one forward and one backward pass.

    e_t is None unless ``with_value`` (the dreaming loop does not need it).
    """
    Y = np.zeros((1, net.sizes[-1]))
    Y[0, target] = 1.0
    c = net.forward_pass(flat[None, :])
    if objective == "logit":
        delta_L, value = -Y, (-float(c.Z[-1][0, target]) if with_value else None)
    else:
        delta_L, value = net.output_delta(c, Y), (net.cache_loss(c, Y) if with_value else None)
    grad = net.backpropagate(c, delta_L).dX[0]
    return float(c.H[-1][0, target]), value, grad


def class_objective(net, x, target, objective="log_prob"):
    """The class term e_t(x) and its gradient de_t/dx, for one input ``x`` (shape (n_in,) or an image).

    ``objective="log_prob"``: e_t = -log p_t, the cross-entropy with the one-hot
    target t, whose gradient is ``net.backward(x, onehot(t)).dX`` (for
    element-wise outputs the network's own loss against the one-hot target).
    ``objective="logit"``: e_t = -z_t^(L), the output pre-activation of class t, negated.
    Returns ``(e_t, grad)`` with ``grad`` shaped like ``x``.
    """
    target = _check_target(net, target)
    objective = check_choice(objective, "objective", OBJECTIVES)
    _, value, grad = _objective(net, _check_x(net, x), target, objective)
    return value, grad.reshape(np.shape(x))


def input_gradient(net, x, target, objective="log_prob"):
    """de_t/dx = delta^(1) W^(1) (see :func:`class_objective`), shaped like ``x``."""
    return class_objective(net, x, target, objective)[1]


def tv_penalty(img) -> float:
    """Squared total variation of a 2-D image: sum of squared differences of neighbours.

    TV = sum (img[:, 1:] - img[:, :-1])^2 + sum (img[1:, :] - img[:-1, :])^2.
    A constant image gives 0; one lit pixel in the middle of a black one gives 4.
    """
    img = as_float_array(img, "img", ndim=2)
    return float(np.sum(np.diff(img, axis=1) ** 2) + np.sum(np.diff(img, axis=0) ** 2))


def tv_gradient(img):
    """dTV/dimg for :func:`tv_penalty`, shape of ``img`` (rows, cols).

    Each difference d = img[k+1] - img[k] contributes +2d to pixel k+1 and -2d to pixel k.
    """
    return _tv_gradient(as_float_array(img, "img", ndim=2))


def _tv_gradient(img):
    g = np.zeros_like(img)
    dx = img[:, 1:] - img[:, :-1]
    g[:, 1:] += 2 * dx
    g[:, :-1] -= 2 * dx
    dy = img[1:, :] - img[:-1, :]
    g[1:, :] += 2 * dy
    g[:-1, :] -= 2 * dy
    return g


_BINOMIAL = np.array([0.25, 0.5, 0.25])


def blur_image(img):
    """A 3x3 binomial blur (1 2 1 / 4 in each direction), edges repeated; shape kept."""
    return _blur(as_float_array(img, "img", ndim=2))


def _blur(img):
    rows = np.clip(np.arange(-1, img.shape[0] + 1), 0, img.shape[0] - 1)
    cols = np.clip(np.arange(-1, img.shape[1] + 1), 0, img.shape[1] - 1)
    p = img[np.ix_(rows, cols)]
    v = _BINOMIAL[0] * p[:-2, :] + _BINOMIAL[1] * p[1:-1, :] + _BINOMIAL[2] * p[2:, :]
    return _BINOMIAL[0] * v[:, :-2] + _BINOMIAL[1] * v[:, 1:-1] + _BINOMIAL[2] * v[:, 2:]


def _check_clip(clip):
    if clip is None:
        return None
    if not isinstance(clip, (tuple, list)) or len(clip) != 2:
        raise TypeError(f"clip must be a pair (low, high) or None, got {describe(clip)}")
    lo, hi = float(clip[0]), float(clip[1])
    if not lo < hi:
        raise ValueError(f"clip must be (low, high) with low < high, got {clip!r}")
    return lo, hi


def dream_step(net, img, target, lr, l2=0.0, tv=0.0, blur=0.0, clip=(0.0, 1.0), objective="log_prob"):
    """One step of dreaming on a 2-D image ``img``; returns the new image (a copy).

    img <- img - lr (de_t/dimg + l2 img + tv dTV/dimg), then blurred by the
    fraction ``blur`` (0 none, 1 fully) and clipped to ``clip`` (None: no clipping).
    """
    img = as_float_array(img, "img", ndim=2)
    target = _check_target(net, target)
    objective = check_choice(objective, "objective", OBJECTIVES)
    grad = _objective(net, _check_x(net, img, "img"), target, objective, with_value=False)[2].reshape(img.shape)
    return _step(img, grad, lr, l2, tv, blur, _check_clip(clip))


def _step(img, grad, lr, l2, tv, blur, clip):
    grad = grad + l2 * img
    if tv:
        grad = grad + tv * _tv_gradient(img)
    new = img - lr * grad
    if blur:
        new = (1.0 - blur) * new + blur * _blur(new)
    return new if clip is None else np.clip(new, *clip)


def dream(net, target, steps=200, lr=0.1, x0=None, l2=0.0, tv=0.0, blur=0.0, clip=(0.0, 1.0),
          seed=0, shape=None, stop_at=None, objective="log_prob"):
    """Dream an input that the fixed network ``net`` calls ``target``.

    Parameters
    ----------
    net : nnkit.Network
        A trained network; its weights are not changed.
    target : int
        The class whose output is pushed up.
    steps : int
        Number of steps (the most; see ``stop_at``).
    lr : float
        Step size on the input.
    x0 : None, "noise" or array
        The start: None is a black image (all zeros); ``"noise"`` draws pixels
        uniformly from [0, 0.1) with ``seed``; an array (n_in values) starts
        from that image, e.g. a real digit.
    l2, tv, blur : float
        Regulariser strengths: L2 decay of the pixels, squared total variation
        (smoothness), and the fraction of a 3x3 blur mixed in after each step
        (0 <= blur <= 1).
    clip : (low, high) or None
        Pixels are kept in this range after each step.
    shape : (rows, cols) or None
        The image's shape; None means a square image.
    stop_at : float or None
        Stop as soon as the target's probability reaches this value (used to
        find how small a change fools the network).
    objective : str
        The class term: ``"log_prob"`` (-log p_t) or ``"logit"`` (-z_t); see the module text.

    Returns ``(image, history)``: the image with shape ``shape`` and the
    target's probability before the first step and after each step taken
    (an array of length steps + 1, shorter when ``stop_at`` stopped it).
    """
    target = _check_target(net, target)
    objective = check_choice(objective, "objective", OBJECTIVES)
    check_positive(steps, "steps", integer=True, allow_zero=True)
    check_positive(lr, "lr")
    for value, name in ((l2, "l2"), (tv, "tv"), (blur, "blur")):
        check_positive(value, name, allow_zero=True)
    if blur > 1:
        raise ValueError(f"blur must be a fraction between 0 and 1, got {blur!r}")
    clip = _check_clip(clip)
    if stop_at is not None and not 0.0 < stop_at <= 1.0:
        raise ValueError(f"stop_at must be a probability in (0, 1] or None, got {stop_at!r}")
    shape = _image_shape(net.sizes[0], shape)
    if x0 is None:
        img = np.zeros(shape)
    elif isinstance(x0, str):
        if x0 != "noise":
            raise ValueError(f"x0 must be None (black), 'noise' or an image, got {x0!r}")
        img = np.random.default_rng(seed).uniform(0.0, 0.1, shape)
    else:
        img = _check_x(net, x0, "x0").reshape(shape).copy()
    history = []
    for _ in range(steps):
        p, _, grad = _objective(net, img.reshape(-1), target, objective, with_value=False)
        history.append(p)
        if stop_at is not None and p >= stop_at:
            return img, np.array(history)
        img = _step(img, grad.reshape(shape), lr, l2, tv, blur, clip)
    history.append(target_probability(net, img, target))
    return img, np.array(history)
