"""Deep dream: keep a trained network fixed and descend on its *input*.

Training changes the weights to lower the loss for given inputs.  Dreaming
turns this around: the weights stay, and the input x (one image, a row of
n_in pixels) changes so that the network's output for a chosen class t
becomes as large as possible.  The objective minimised is

    E(x) = -log p_t(x)  +  l2/2 ||x||^2  +  tv * TV(x)

where p(x) = softmax of the network's output (or its sigmoid outputs), and
the gradient of the first term reaches the input through the same deltas as
backpropagation, carried one layer further:

    dE/dx = delta^(1) W^(1)       (a row; for a column x: W^(1)T delta^(1))

which :meth:`nnkit.Network.backward` returns as ``dX``.  Each step is

    x <- x - lr dE/dx;   x <- (1 - blur) x + blur * B(x);   x <- clip(x, lo, hi)

with B a 3x3 binomial blur.  ``TV`` here is the *squared* total variation (the
sum of squared differences between horizontal and vertical neighbours), which
is smooth, so its gradient exists everywhere:

    TV(x) = sum_ij (x[i, j+1] - x[i, j])^2 + sum_ij (x[i+1, j] - x[i, j])^2
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_positive, describe

__all__ = [
    "target_probability", "class_objective", "input_gradient",
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


def class_objective(net, x, target):
    """E(x) = -log p_t(x) and its gradient dE/dx, for one input ``x`` (shape (n_in,) or an image).

    For a softmax output this is the cross-entropy with the one-hot target t,
    whose gradient is ``net.backward(x, onehot(t)).dX``.  For element-wise outputs
    the network's own loss against the one-hot target is used instead (E is
    then that loss, e.g. 1/2 ||h - e_t||^2), exactly as in training.
    Returns ``(E, grad)`` with ``grad`` shaped like ``x``.
    """
    target = _check_target(net, target)
    flat = _check_x(net, x)
    Y = np.zeros((1, net.sizes[-1]))
    Y[0, target] = 1.0
    value = net.loss(flat[None, :], Y)
    grad = net.backward(flat[None, :], Y).dX[0]
    return value, grad.reshape(np.shape(x))


def input_gradient(net, x, target):
    """dE/dx = delta^(1) W^(1) for E = -log p_t (see :func:`class_objective`), shaped like ``x``."""
    return class_objective(net, x, target)[1]


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
    img = as_float_array(img, "img", ndim=2)
    g = np.zeros_like(img)
    dx = np.diff(img, axis=1)
    g[:, 1:] += 2 * dx
    g[:, :-1] -= 2 * dx
    dy = np.diff(img, axis=0)
    g[1:, :] += 2 * dy
    g[:-1, :] -= 2 * dy
    return g


_BINOMIAL = np.array([0.25, 0.5, 0.25])


def blur_image(img):
    """A 3x3 binomial blur (1 2 1 / 4 in each direction), edges repeated; shape kept."""
    img = as_float_array(img, "img", ndim=2)
    p = np.pad(img, 1, mode="edge")
    rows = _BINOMIAL[0] * p[:-2, :] + _BINOMIAL[1] * p[1:-1, :] + _BINOMIAL[2] * p[2:, :]
    return _BINOMIAL[0] * rows[:, :-2] + _BINOMIAL[1] * rows[:, 1:-1] + _BINOMIAL[2] * rows[:, 2:]


def _check_clip(clip):
    if clip is None:
        return None
    if not isinstance(clip, (tuple, list)) or len(clip) != 2:
        raise TypeError(f"clip must be a pair (low, high) or None, got {describe(clip)}")
    lo, hi = float(clip[0]), float(clip[1])
    if not lo < hi:
        raise ValueError(f"clip must be (low, high) with low < high, got {clip!r}")
    return lo, hi


def dream_step(net, img, target, lr, l2=0.0, tv=0.0, blur=0.0, clip=(0.0, 1.0)):
    """One step of dreaming on a 2-D image ``img``; returns the new image (a copy).

    img <- img - lr (dE/dimg + l2 img + tv dTV/dimg), then blurred by the
    fraction ``blur`` (0 none, 1 fully) and clipped to ``clip`` (None: no clipping).
    """
    img = as_float_array(img, "img", ndim=2)
    grad = input_gradient(net, img, target) + l2 * img
    if tv:
        grad = grad + tv * tv_gradient(img)
    new = img - lr * grad
    if blur:
        new = (1.0 - blur) * new + blur * blur_image(new)
    clip = _check_clip(clip)
    return new if clip is None else np.clip(new, *clip)


def dream(net, target, steps=200, lr=0.1, x0=None, l2=0.0, tv=0.0, blur=0.0, clip=(0.0, 1.0),
          seed=0, shape=None, stop_at=None):
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

    Returns ``(image, history)``: the image with shape ``shape`` and the
    target's probability before the first step and after each step taken
    (an array of length steps + 1, shorter when ``stop_at`` stopped it).
    """
    target = _check_target(net, target)
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
    history = [target_probability(net, img, target)]
    for _ in range(steps):
        if stop_at is not None and history[-1] >= stop_at:
            break
        img = dream_step(net, img, target, lr, l2, tv, blur, clip)
        history.append(target_probability(net, img, target))
    return img, np.array(history)
