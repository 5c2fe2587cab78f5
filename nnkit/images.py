"""Operations on images that dreaming needs: smoothness, blur, shifts, start images.

Each takes one 2-D image (rows, cols) or a stack of them (n, rows, cols) and
works on the last two axes, so a loop can treat ten dreams at once.

- :func:`tv_penalty` and :func:`tv_gradient`: the *squared* total variation,
  the sum of squared differences of horizontal and vertical neighbours,

      TV(x) = sum_ij (x[i, j+1] - x[i, j])^2 + sum_ij (x[i+1, j] - x[i, j])^2,

  smooth, so its gradient exists everywhere;
- :func:`blur_image`: a 3x3 binomial blur;
- :func:`shift_image`: a shift by whole pixels (the jitter of feature
  visualisation), whose transpose is the shift back;
- :func:`start_image`: black, grey or faint noise.
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_choice, check_seed, describe

__all__ = ["STARTS", "tv_penalty", "tv_gradient", "blur_image", "shift_image", "start_image"]

STARTS = ("black", "grey", "noise")
"""Named start images: all 0, all 0.5, or uniform noise in [0, 0.1)."""


def tv_penalty(img):
    """The squared total variation of an image (a float), or of each image of a stack (an array of n).

    TV = sum (img[:, 1:] - img[:, :-1])^2 + sum (img[1:, :] - img[:-1, :])^2; a constant image gives 0.
    """
    img = _images(img)
    tv = np.sum(np.diff(img, axis=-1) ** 2, axis=(-2, -1)) + np.sum(np.diff(img, axis=-2) ** 2, axis=(-2, -1))
    return float(tv) if img.ndim == 2 else tv


def tv_gradient(img):
    """dTV/dimg for :func:`tv_penalty`, shaped like ``img``."""
    img = _images(img)
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
    """A 3x3 binomial blur (1 2 1 / 4 in each direction), edge pixels repeated; shape kept."""
    img = _images(img)
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
    img = _images(img)
    for value, name in ((dy, "dy"), (dx, "dx")):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be a whole number of pixels, got {describe(value)}")
    out = np.zeros_like(img)
    rows, cols = img.shape[-2:]
    if abs(dy) < rows and abs(dx) < cols:
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
    return np.random.default_rng(check_seed(seed, allow_none=False)).uniform(0.0, 0.1, shape)


def _images(img):
    return as_float_array(img, "img", ndim=(2, 3))
