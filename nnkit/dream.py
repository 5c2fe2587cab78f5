"""Dreaming: keep a trained network fixed and change its *input*.

Training changes the weights to lower the loss for given inputs.  Here the
weights stay, and the input x (one image, n_in pixels) changes by gradient
descent so that the network's answer for a chosen class t grows.  Optimising an
input for a class score is called *class-model visualisation* (Simonyan,
Vedaldi and Zisserman 2013); "DeepDream" proper (Mordvintsev, Olah and Tyka
2015) instead amplifies what a hidden layer already sees in a photograph.  The
objective minimised is

    E(x) = e_t(x)  +  l2/2 ||x||^2  +  tv * TV(x)

with e_t one of three class terms, ``"log_prob"`` (-log p_t), ``"logit"``
(-z_t) or ``"log_odds"``, whose gradient de_t/dx = W^(1)T delta^(1) is the
subject of :mod:`nnkit.dream_objective` (imported here, so
``from nnkit.dream import input_gradient`` works too).  Each step of
:func:`dream` is

    g = de_t/dx (at a jittered copy of x, shifted back) + l2 x + tv dTV/dx
    x <- x - lr g;   x <- (1 - blur) x + blur B(x);   x <- clip(x, lo, hi)

with TV the squared total variation and B a 3x3 blur (both in :mod:`nnkit.images`).
Jitter (Olah, Mordvintsev and Schubert 2017, "transformation robustness") shifts
the image by a random pixel or so before each gradient: a stroke that works at
one exact position only does not survive.

The same gradient makes adversarial examples: see :mod:`nnkit.adversarial`.
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_choice, check_positive, check_range, check_seed, describe
from .dream_objective import OBJECTIVES, check_target, class_gradient, class_objective, input_gradient, output_delta
from .images import STARTS, blur_image, shift_image, start_image, tv_gradient

__all__ = ["dream_step", "dream", "dreams",
           "OBJECTIVES", "output_delta", "class_objective", "input_gradient"]   # the last four: from dream_objective


# ---------------------------------------------------------------- dreaming
def _step(img, grad, lr, l2, tv, blur, clip):
    """One step on checked images: descend on the full objective, blur, clip."""
    grad = grad + l2 * img
    if tv:
        grad = grad + tv * tv_gradient(img)
    new = img - lr * grad
    if blur:
        new = (1.0 - blur) * new + blur * blur_image(new)
    return new if clip is None else np.clip(new, *clip)


def _descend(net, imgs, targets, steps, lr, l2, tv, blur, jitter, clip, objective, seed,
             *, stop_at=None, record=False):
    """The dreaming loop on checked images ``imgs`` (n, rows, cols), one target per row.

    Returns ``(imgs, P, frames)``: the final images; ``P`` (steps + 1, n),
    each row's output for its target before the first step and after each step
    (rows that reached ``stop_at`` stop moving; ``P`` ends at the step where the
    last row stopped); and, with ``record``, the images before the first step and
    after each step.
    """
    n = imgs.shape[0]
    rows = np.arange(n)
    rng = np.random.default_rng(seed)
    moving = np.ones(n, dtype=bool)
    P, frames = [], [imgs.copy()] if record else None
    for _ in range(steps):
        dy, dx = (int(s) for s in rng.integers(-jitter, jitter + 1, size=2)) if jitter else (0, 0)
        shifted = shift_image(imgs, dy, dx) if dy or dx else imgs
        p, _, grad = class_gradient(net, shifted.reshape(n, -1), targets, objective)
        if dy or dx:                      # the output at the image itself, not at its shifted copy
            p = net.forward_pass(imgs.reshape(n, -1)).H[-1][rows, targets]
            grad = shift_image(grad.reshape(imgs.shape), -dy, -dx)
        P.append(p)
        if stop_at is not None:
            moving &= p < stop_at
            if not moving.any():
                break
        new = _step(imgs, grad.reshape(imgs.shape), lr, l2, tv, blur, clip)
        imgs[moving] = new[moving]
        if record:
            frames.append(imgs.copy())
    else:
        P.append(net.forward_pass(imgs.reshape(n, -1)).H[-1][rows, targets])
    return imgs, np.array(P), (np.array(frames) if record else None)


def dream_step(net, img, target, lr, *, l2=0.0, tv=0.0, blur=0.0, clip=(0.0, 1.0), objective="log_prob",
               shift=(0, 0)):
    """One step of dreaming on a 2-D image ``img``; returns the new image (a copy).

    img <- img - lr (de_t/dimg + l2 img + tv dTV/dimg), then blurred by the
    fraction ``blur`` (0 none, 1 fully) and clipped to ``clip`` (None: no
    clipping).  With ``shift=(dy, dx)`` the class gradient is taken at the image
    shifted by that many pixels and shifted back (one draw of the jitter).
    """
    img = as_float_array(img, "img", ndim=2)
    target = check_target(net, target)
    if img.size != net.sizes[0]:
        raise ValueError(f"img must have the network's {net.sizes[0]} inputs, got {describe(img)}")
    lr, l2, tv, blur, _, clip, objective = _check_settings(lr, l2, tv, blur, 0, clip, objective)
    dy, dx = _check_shift(shift)
    grad = class_gradient(net, shift_image(img, dy, dx).reshape(1, -1), np.array([target]), objective)[2]
    return _step(img, shift_image(grad.reshape(img.shape), -dy, -dx), lr, l2, tv, blur, clip)


def dream(net, target, steps=200, lr=0.1, *, x0="black", l2=0.0, tv=0.0, blur=0.0, jitter=0,
          clip=(0.0, 1.0), objective="log_prob", seed=0, shape=None, stop_at=None, return_images=False):
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
    x0 : "black", "grey", "noise" or array
        The start (see :func:`start_image`; ``"noise"`` uses ``seed``), or an
        image with n_in values, e.g. a real digit.  None means black.
    l2, tv, blur : float
        Regulariser strengths: L2 decay of the pixels, squared total variation
        (smoothness), and the fraction of a 3x3 blur mixed in after each step
        (0 <= blur <= 1).
    jitter : int
        Before each gradient, shift the image by a random whole number of pixels
        in -jitter..jitter along each axis (drawn with ``seed``); 0 for none.
    clip : (low, high) or None
        Pixels are kept in this range after each step.
    objective : str
        The class term: ``"log_prob"``, ``"logit"`` or ``"log_odds"`` (module text).
    shape : (rows, cols) or None
        The image's shape; None means a square image.
    stop_at : float or None
        Stop as soon as the target's output reaches this value.
    return_images : bool
        Also return the image before the first step and after each step.

    Returns ``(image, history)``, or ``(image, history, images)`` with
    ``return_images``: the image with shape ``shape``; the target's output
    before the first step and after each step taken (length steps + 1, shorter
    when ``stop_at`` stopped it); and the images, shape (len(history), rows, cols).
    """
    imgs, targets, settings, stop_at = _prepare(net, [target], steps, lr, l2, tv, blur, jitter, clip, objective,
                                                x0, seed, shape, stop_at)
    imgs, P, frames = _descend(net, imgs, targets, steps, *settings, stop_at=stop_at, record=return_images)
    history = P[:, 0]
    if return_images:
        return imgs[0], history, frames[:len(history), 0]
    return imgs[0], history


def dreams(net, targets=None, steps=200, lr=0.1, *, x0="black", l2=0.0, tv=0.0, blur=0.0, jitter=0,
           clip=(0.0, 1.0), objective="log_prob", seed=0, shape=None, stop_at=None):
    """:func:`dream` for several targets at once (default: every class), all with the same settings.

    The images are dreamed side by side, as the rows of one batch, so ten dreams
    cost about as much as one.  ``x0`` is a start name or one start image per
    target.  With ``stop_at`` each image stops moving once its target's output
    reaches that value (the others go on).  Returns ``(images, histories)`` of
    shapes (n, rows, cols) and (n, k + 1): the outputs before the first step and
    after each of the k steps taken (k = steps, or fewer once every image stopped).
    """
    targets = range(net.sizes[-1]) if targets is None else targets
    imgs, targets, settings, stop_at = _prepare(net, targets, steps, lr, l2, tv, blur, jitter, clip, objective,
                                                x0, seed, shape, stop_at)
    imgs, P, _ = _descend(net, imgs, targets, steps, *settings, stop_at=stop_at)
    return imgs, P.T


# ---------------------------------------------------------------- checks at the public edge
def _prepare(net, targets, steps, lr, l2, tv, blur, jitter, clip, objective, x0, seed, shape, stop_at):
    """Check the arguments of :func:`dream` and :func:`dreams` once; the start images (n, rows, cols)."""
    targets = np.array([check_target(net, t) for t in targets], dtype=int)
    check_positive(steps, "steps", integer=True, allow_zero=True)
    settings = (*_check_settings(lr, l2, tv, blur, jitter, clip, objective), check_seed(seed, allow_none=False))
    stop_at = _check_stop_at(stop_at, allow_none=True)
    shape, n, n_in = _image_shape(net.sizes[0], shape), len(targets), net.sizes[0]
    if x0 is None or isinstance(x0, str):
        start = start_image(check_choice("black" if x0 is None else x0, "x0", STARTS), shape, seed)
        return np.repeat(start[None], n, axis=0), targets, settings, stop_at
    x0 = as_float_array(x0, "x0")
    if x0.size != n * n_in:
        want = f"the network's {n_in} inputs" if n == 1 else f"one start image of {n_in} pixels per target ({n})"
        raise ValueError(f"x0 must have {want}, got {describe(x0)}")
    return x0.reshape((n, *shape)).copy(), targets, settings, stop_at


def _check_settings(lr, l2, tv, blur, jitter, clip, objective):
    check_positive(lr, "lr")
    for value, name in ((l2, "l2"), (tv, "tv"), (blur, "blur")):
        check_positive(value, name, allow_zero=True)
    if blur > 1:
        raise ValueError(f"blur must be a fraction between 0 and 1, got {blur!r}")
    check_positive(jitter, "jitter", integer=True, allow_zero=True)
    return (float(lr), float(l2), float(tv), float(blur), int(jitter), check_range(clip, "clip", allow_none=True),
            check_choice(objective, "objective", OBJECTIVES))


def _check_stop_at(stop_at, allow_none=False):
    if stop_at is None and allow_none:
        return None
    if isinstance(stop_at, bool) or not isinstance(stop_at, (int, float, np.floating)) or not 0.0 < stop_at <= 1.0:
        raise ValueError(f"stop_at must be a probability in (0, 1]{' or None' if allow_none else ''}, got {stop_at!r}")
    return float(stop_at)


def _check_shift(shift):
    if not isinstance(shift, (tuple, list)) or len(shift) != 2 or any(
            isinstance(s, bool) or not isinstance(s, (int, np.integer)) for s in shift):
        raise TypeError(f"shift must be a pair of whole numbers of pixels (dy, dx), got {describe(shift)}")
    return int(shift[0]), int(shift[1])


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
