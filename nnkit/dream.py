"""Dreaming: keep a trained network fixed and change its *input*.

Training changes the weights to lower the loss for given inputs.  Here the
weights stay, and the input x (one image, n_in pixels) changes by gradient
descent so that the network's answer for a chosen class t grows.  Optimising an
input for a class score is called *class-model visualisation* (Simonyan,
Vedaldi and Zisserman 2013); "DeepDream" proper (Mordvintsev, Olah and Tyka
2015) instead amplifies what a hidden layer already sees in a photograph.  The
objective minimised is

    E(x) = e_t(x)  +  l2/2 ||x||^2  +  tv * TV(x)

with one of three class terms e_t, all functions of the output layer's
pre-activations z = z^(L) (the "logits"):

- ``"log_prob"``: e_t = -log p_t, the network's own training loss against the
  one-hot target t (for a softmax output; for element-wise outputs the loss the
  network was built with).  Output delta p - e_t: it vanishes once p_t is near
  1, so the dream stalls wherever it got to.
- ``"logit"``: e_t = -z_t.  Output delta -e_t, constant: it never saturates,
  but it only pushes z_t up; the other classes' logits may rise with it.
- ``"log_odds"``: e_t = -(z_t - log sum_{j != t} exp z_j) = -log(p_t / (1 - p_t))
  for a softmax output.  Output delta q - e_t, with q the softmax of the other
  nine logits (q_t = 0): it pushes z_t up *and* the others down, and it never
  saturates (the push on z_t is always 1).

The gradient reaches the input through the same deltas as backpropagation,
carried one layer further (:meth:`nnkit.Network.backpropagate` returns it as
``dX``):

    dE/dx = W^(1)T delta^(1)      (for a batch of rows: Delta^(1) W^(1))

Each step of :func:`dream` is

    g = de_t/dx (at a jittered copy of x, shifted back) + l2 x + tv dTV/dx
    x <- x - lr g;   x <- (1 - blur) x + blur B(x);   x <- clip(x, lo, hi)

with B a 3x3 binomial blur.  ``TV`` is the *squared* total variation (the sum
of squared differences of horizontal and vertical neighbours), smooth, so its
gradient exists everywhere:

    TV(x) = sum_ij (x[i, j+1] - x[i, j])^2 + sum_ij (x[i+1, j] - x[i, j])^2

Jitter (Olah, Mordvintsev and Schubert 2017, "transformation robustness")
shifts the image by a random few pixels before each gradient: a stroke that
only works at one exact position does not survive.

:func:`fgsm` and :func:`fool` turn the same gradient into adversarial examples.
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_choice, check_positive, describe

__all__ = [
    "OBJECTIVES", "STARTS", "output_delta", "class_objective", "input_gradient", "target_probability",
    "tv_penalty", "tv_gradient", "blur_image", "shift_image", "start_image",
    "dream_step", "dream", "dreams", "fgsm", "fool", "random_change",
]

OBJECTIVES = ("log_prob", "logit", "log_odds")
"""Class terms of the dreaming objective: -log p_t, -z_t, or minus the log-odds of t."""

STARTS = ("black", "grey", "noise")
"""Named start images of :func:`dream`: all 0, all 0.5, or uniform noise in [0, 0.1)."""


# ---------------------------------------------------------------- the class term and its gradient
def output_delta(z, targets, objective: str):
    """de_t/dz for logits ``z`` of shape (n, K) and one target class per row, for ``"logit"`` and ``"log_odds"``.

    ``"logit"``: -e_t.  ``"log_odds"``: q - e_t with q_j = exp z_j / sum_{k != t} exp z_k
    for j != t and q_t = 0.  (``"log_prob"`` uses the network's own output delta.)
    """
    rows = np.arange(z.shape[0])
    delta = np.zeros_like(z)
    if objective == "log_odds":
        others = z.copy()
        others[rows, targets] = -np.inf
        others = np.exp(others - others.max(axis=1, keepdims=True))
        delta = others / others.sum(axis=1, keepdims=True)
    delta[rows, targets] -= 1.0
    return delta


def _class_term_values(net, c, Y, targets, objective):
    z = c.Z[-1]
    zt = z[np.arange(z.shape[0]), targets]
    if objective == "logit":
        return -zt
    if objective == "log_odds":
        others = np.where(Y > 0, -np.inf, z)
        top = others.max(axis=1)
        return -(zt - top - np.log(np.exp(others - top[:, None]).sum(axis=1)))
    return np.array([net.loss(h0[None, :], y[None, :]) for h0, y in zip(c.H[0], Y)])


def _gradient(net, X, targets, objective, with_value=False):
    """(P, values, dE/dX) for checked input rows ``X`` (n, n_in), one target per row.

    One forward and one backward pass.  ``P`` is each row's output for its
    target.  The class term is per sample (not averaged), so row k of dE/dX is
    the gradient of e_t(x_k) alone.
    """
    n = X.shape[0]
    Y = np.zeros((n, net.sizes[-1]))
    Y[np.arange(n), targets] = 1.0
    _, c = net.forward(X, cache=True)
    if objective == "log_prob":
        delta_L = n * net.output_delta(c, Y)          # output_delta averages over the batch; undo it
    else:
        delta_L = output_delta(c.Z[-1], targets, objective)
    values = _class_term_values(net, c, Y, targets, objective) if with_value else None
    return c.H[-1][np.arange(n), targets], values, net.backpropagate(c, delta_L).dX


def class_objective(net, x, target, objective="log_prob"):
    """The class term e_t(x) and its gradient de_t/dx, for one input ``x`` (shape (n_in,) or an image).

    See the module text for the three ``objective`` choices.  Returns
    ``(e_t, grad)`` with ``grad`` shaped like ``x``.
    """
    target = _check_target(net, target)
    objective = check_choice(objective, "objective", OBJECTIVES)
    flat = _check_x(net, x)
    _, value, grad = _gradient(net, flat[None, :], np.array([target]), objective, with_value=True)
    return float(value[0]), grad[0].reshape(np.shape(x))


def input_gradient(net, x, target, objective="log_prob"):
    """de_t/dx = W^(1)T delta^(1) (see :func:`class_objective`), shaped like ``x``."""
    return class_objective(net, x, target, objective)[1]


def target_probability(net, x, target) -> float:
    """The network's output for class ``target`` on one input ``x`` (n_in values, any shape)."""
    target = _check_target(net, target)
    return float(net.forward(_check_x(net, x))[target])


# ---------------------------------------------------------------- what makes an image an image
# The public functions take one 2-D image; the private ones work on the last two
# axes, so that the dreaming loop can treat a stack of images (n, rows, cols) at once.
def tv_penalty(img) -> float:
    """Squared total variation of a 2-D image: sum of squared differences of neighbours.

    TV = sum (img[:, 1:] - img[:, :-1])^2 + sum (img[1:, :] - img[:-1, :])^2.
    A constant image gives 0.
    """
    img = as_float_array(img, "img", ndim=2)
    return float(np.sum(np.diff(img, axis=1) ** 2) + np.sum(np.diff(img, axis=0) ** 2))


def tv_gradient(img):
    """dTV/dimg for :func:`tv_penalty`, shape of ``img`` (rows, cols)."""
    return _tv_gradient(as_float_array(img, "img", ndim=2))


def _tv_gradient(img):
    # A difference d = img[k+1] - img[k] appears in TV as d^2; its derivative 2d
    # goes with + to the pixel k+1 and with - to the pixel k.
    g = np.zeros_like(img)
    d = np.diff(img, axis=-1)
    g[..., :, 1:] += 2 * d
    g[..., :, :-1] -= 2 * d
    d = np.diff(img, axis=-2)
    g[..., 1:, :] += 2 * d
    g[..., :-1, :] -= 2 * d
    return g


_BINOMIAL = np.array([0.25, 0.5, 0.25])


def blur_image(img):
    """A 3x3 binomial blur (1 2 1 / 4 in each direction), edges repeated; shape kept."""
    return _blur(as_float_array(img, "img", ndim=2))


def _blur(img):
    n_rows, n_cols = img.shape[-2:]
    rows = np.clip(np.arange(-1, n_rows + 1), 0, n_rows - 1)
    cols = np.clip(np.arange(-1, n_cols + 1), 0, n_cols - 1)
    p = img[..., rows, :][..., cols]
    v = _BINOMIAL[0] * p[..., :-2, :] + _BINOMIAL[1] * p[..., 1:-1, :] + _BINOMIAL[2] * p[..., 2:, :]
    return _BINOMIAL[0] * v[..., :-2] + _BINOMIAL[1] * v[..., 1:-1] + _BINOMIAL[2] * v[..., 2:]


def shift_image(img, dy: int, dx: int):
    """``img`` moved ``dy`` rows down and ``dx`` columns right; pixels shifted in are 0.

    Shifting back, ``shift_image(g, -dy, -dx)``, is the transpose of this linear map,
    so it carries a gradient at the shifted image back to the original pixels.
    """
    img = as_float_array(img, "img", ndim=2)
    for value, name in ((dy, "dy"), (dx, "dx")):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an integer number of pixels, got {describe(value)}")
    return _shift(img, int(dy), int(dx))


def _shift(img, dy, dx):
    if dy == 0 and dx == 0:
        return img
    out = np.zeros_like(img)
    rows, cols = img.shape[-2:]
    if abs(dy) >= rows or abs(dx) >= cols:
        return out
    out[..., max(dy, 0):rows + min(dy, 0), max(dx, 0):cols + min(dx, 0)] = \
        img[..., max(-dy, 0):rows - max(dy, 0), max(-dx, 0):cols - max(dx, 0)]
    return out


def start_image(start, shape, seed=0):
    """A start image of ``shape``: ``"black"`` (0), ``"grey"`` (0.5) or ``"noise"`` (uniform in [0, 0.1), seeded)."""
    start = check_choice(start, "start", STARTS)
    if start == "black":
        return np.zeros(shape)
    if start == "grey":
        return np.full(shape, 0.5)
    return np.random.default_rng(seed).uniform(0.0, 0.1, shape)


# ---------------------------------------------------------------- dreaming
def _step(img, grad, lr, l2, tv, blur, clip):
    """One step on checked images: descend on the full objective, blur, clip."""
    grad = grad + l2 * img
    if tv:
        grad = grad + tv * _tv_gradient(img)
    new = img - lr * grad
    if blur:
        new = (1.0 - blur) * new + blur * _blur(new)
    return new if clip is None else np.clip(new, *clip)


def _descend(net, imgs, targets, steps, lr, l2, tv, blur, jitter, clip, objective, seed,
             stop_at=None, record=False):
    """The dreaming loop on checked images ``imgs`` (n, rows, cols), one target per row.

    Returns ``(imgs, P, n_steps, frames)``: the final images; ``P`` (steps + 1, n),
    each row's output for its target before the first step and after each step
    (rows that reached ``stop_at`` stop moving; ``P`` ends at the step where the
    last row stopped); how many steps each row took; and, with ``record``, the
    images before the first step and after each step.
    """
    n = imgs.shape[0]
    rows = np.arange(n)
    rng = np.random.default_rng(seed)
    imgs = imgs.copy()
    moving = np.ones(n, dtype=bool)
    n_steps = np.zeros(n, dtype=int)
    P, frames = [], [imgs.copy()] if record else None
    for _ in range(steps):
        dy, dx = (int(s) for s in rng.integers(-jitter, jitter + 1, size=2)) if jitter else (0, 0)
        p, _, grad = _gradient(net, _shift(imgs, dy, dx).reshape(n, -1), targets, objective)
        if dy or dx:                      # the output at the image itself, not at its shifted copy
            p = net.forward(imgs.reshape(n, -1))[rows, targets]
        P.append(p)
        if stop_at is not None:
            moving &= p < stop_at
            if not moving.any():
                break
        new = _step(imgs, _shift(grad.reshape(imgs.shape), -dy, -dx), lr, l2, tv, blur, clip)
        imgs[moving] = new[moving]
        n_steps += moving
        if record:
            frames.append(imgs.copy())
    else:
        P.append(net.forward(imgs.reshape(n, -1))[rows, targets])
    return imgs, np.array(P), n_steps, (np.array(frames) if record else None)


def dream_step(net, img, target, lr, *, l2=0.0, tv=0.0, blur=0.0, clip=(0.0, 1.0), objective="log_prob",
               shift=(0, 0)):
    """One step of dreaming on a 2-D image ``img``; returns the new image (a copy).

    img <- img - lr (de_t/dimg + l2 img + tv dTV/dimg), then blurred by the
    fraction ``blur`` (0 none, 1 fully) and clipped to ``clip`` (None: no
    clipping).  With ``shift=(dy, dx)`` the class gradient is taken at the image
    shifted by that many pixels and shifted back (one draw of the jitter).
    """
    img = as_float_array(img, "img", ndim=2)
    target = _check_target(net, target)
    if img.size != net.sizes[0]:
        raise ValueError(f"img must have the network's {net.sizes[0]} inputs, got {describe(img)}")
    lr, l2, tv, blur, _, clip, objective = _check_settings(lr, l2, tv, blur, 0, clip, objective)
    dy, dx = _check_shift(shift)
    grad = _gradient(net, _shift(img, dy, dx).reshape(1, -1), np.array([target]), objective)[2]
    return _step(img, _shift(grad.reshape(img.shape), -dy, -dx), lr, l2, tv, blur, clip)


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
    target = _check_target(net, target)
    check_positive(steps, "steps", integer=True, allow_zero=True)
    settings = _check_settings(lr, l2, tv, blur, jitter, clip, objective)
    stop_at = _check_stop_at(stop_at, allow_none=True)
    shape = _image_shape(net.sizes[0], shape)
    if x0 is None or isinstance(x0, str):
        img = start_image(check_choice("black" if x0 is None else x0, "x0", STARTS), shape, seed)
    else:
        img = _check_x(net, x0, "x0").reshape(shape)
    imgs, P, _, frames = _descend(net, img[None], np.array([target]), steps, *settings, seed,
                                  stop_at=stop_at, record=return_images)
    history = P[:, 0]
    if return_images:
        return imgs[0], history, frames[:len(history), 0]
    return imgs[0], history


def dreams(net, targets=None, steps=200, lr=0.1, *, x0="black", l2=0.0, tv=0.0, blur=0.0, jitter=0,
           clip=(0.0, 1.0), objective="log_prob", seed=0, shape=None):
    """:func:`dream` for several targets at once (default: every class), all with the same settings.

    The images are dreamed side by side, as the rows of one batch, so ten dreams
    cost about as much as one.  ``x0`` is a start name or one start image per target.
    Returns ``(images, histories)`` of shapes (n, rows, cols) and (n, steps + 1).
    """
    targets = range(net.sizes[-1]) if targets is None else targets
    targets = np.array([_check_target(net, t) for t in targets], dtype=int)
    check_positive(steps, "steps", integer=True, allow_zero=True)
    settings = _check_settings(lr, l2, tv, blur, jitter, clip, objective)
    shape = _image_shape(net.sizes[0], shape)
    n = targets.size
    if x0 is None or isinstance(x0, str):
        start = start_image(check_choice("black" if x0 is None else x0, "x0", STARTS), shape, seed)
        imgs = np.repeat(start[None], n, axis=0)
    else:
        imgs = as_float_array(x0, "x0", ndim=(2, 3)).reshape(-1, net.sizes[0])
        if imgs.shape[0] != n:
            raise ValueError(f"x0 must be one start image per target ({n}), got {imgs.shape[0]}")
        imgs = imgs.reshape((n, *shape))
    imgs, P, _, _ = _descend(net, imgs, targets, steps, *settings, seed)
    return imgs, P.T


# ---------------------------------------------------------------- adversarial examples
def fgsm(net, X, y, eps, clip=(0.0, 1.0)):
    """The fast gradient sign method (Goodfellow, Shlens and Szegedy 2015), untargeted.

    Every row x_k of ``X`` (n, n_in) moves by ``eps`` per pixel in the direction
    that raises its own loss the fastest: x_k + eps sign(dJ_k/dx_k), with J_k the
    network's loss against the true label ``y[k]``; then clipped to ``clip``.
    """
    X = _check_rows(net, X)
    check_positive(eps, "eps", allow_zero=True)
    clip = _check_clip(clip)
    grad = net.backward(X, y).dX          # row k: dJ/dx_k up to the factor 1/n, which sign() ignores
    out = X + eps * np.sign(grad)
    return out if clip is None else np.clip(out, *clip)


def fool(net, X, target, steps=500, lr=0.02, *, stop_at=0.5, clip=(0.0, 1.0), objective="log_prob"):
    """Dream every row of ``X`` towards class ``target``, each stopping once the network gives it ``stop_at``.

    A targeted adversarial example per row: gradient steps on the class term
    alone (no regulariser), pixels clipped.  Returns ``(X_new, n_steps)``: the
    changed rows (n, n_in) and how many steps each took (a row that never reached
    ``stop_at`` took ``steps``).
    """
    X = _check_rows(net, X)
    target = _check_target(net, target)
    check_positive(steps, "steps", integer=True, allow_zero=True)
    settings = _check_settings(lr, 0.0, 0.0, 0.0, 0, clip, objective)
    stop_at = _check_stop_at(stop_at)
    imgs, _, n_steps, _ = _descend(net, X[:, None, :], np.full(len(X), target), steps, *settings, 0,
                                   stop_at=stop_at)
    return imgs[:, 0, :], n_steps


def random_change(X, size, seed=0, clip=(0.0, 1.0)):
    """The rows of ``X`` (n, n_in) moved in random directions, row k by the L2 length ``size[k]``.

    The control for an adversarial change: as large, but not chosen by the
    gradient.  Each direction is drawn uniformly (a normalised Gaussian vector),
    and its length is set so that the change *after* clipping to ``clip`` has
    length ``size[k]`` (clipping only shortens a change, so the step is found by
    bisection).  ``size`` is one number or one per row.
    """
    X = as_float_array(X, "X", ndim=2)
    size = np.broadcast_to(as_float_array(size, "size", ndim=(0, 1)), (X.shape[0],)).astype(np.float64)
    if np.any(size < 0):
        raise ValueError("size must be >= 0: it is a length")
    clip = _check_clip(clip)
    R = np.random.default_rng(seed).normal(size=X.shape)
    R /= np.linalg.norm(R, axis=1, keepdims=True)

    def length(s):
        moved = X + s[:, None] * R
        return np.linalg.norm((moved if clip is None else np.clip(moved, *clip)) - X, axis=1)

    if clip is None:
        return X + size[:, None] * R
    lo, hi = np.zeros_like(size), size.copy()
    for _ in range(60):                       # widen until long enough (or as long as the box allows)
        short = length(hi) < size
        if not short.any():
            break
        hi[short] *= 2
    if np.any(length(hi) < size * (1 - 1e-9)):
        raise ValueError("size is larger than any change that stays inside clip for some rows")
    for _ in range(60):
        mid = (lo + hi) / 2
        short = length(mid) < size
        lo, hi = np.where(short, mid, lo), np.where(short, hi, mid)
    return np.clip(X + hi[:, None] * R, *clip)


# ---------------------------------------------------------------- checks at the public edge
def _check_settings(lr, l2, tv, blur, jitter, clip, objective):
    check_positive(lr, "lr")
    for value, name in ((l2, "l2"), (tv, "tv"), (blur, "blur")):
        check_positive(value, name, allow_zero=True)
    if blur > 1:
        raise ValueError(f"blur must be a fraction between 0 and 1, got {blur!r}")
    check_positive(jitter, "jitter", integer=True, allow_zero=True)
    return (float(lr), float(l2), float(tv), float(blur), int(jitter), _check_clip(clip),
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


def _check_rows(net, X):
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != net.sizes[0]:
        raise ValueError(f"X must have the network's {net.sizes[0]} inputs per row, got {describe(X)}")
    return X


def _check_clip(clip):
    if clip is None:
        return None
    if not isinstance(clip, (tuple, list)) or len(clip) != 2:
        raise TypeError(f"clip must be a pair (low, high) or None, got {describe(clip)}")
    lo, hi = float(clip[0]), float(clip[1])
    if not lo < hi:
        raise ValueError(f"clip must be (low, high) with low < high, got {clip!r}")
    return lo, hi


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
