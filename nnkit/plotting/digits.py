"""Pictures for the digits notebooks: a captioned grid of images, a confusion matrix, probability bars.

Every function takes ``ax=None`` (a new figure is made when it is None), returns
what it drew, and never calls ``plt.show()``.  Images are drawn dark on light
(ink on paper) with the grey scale fixed by ``vmin``/``vmax``, so two images
drawn side by side are comparable.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array, describe

__all__ = ["digit_grid", "confusion_matrix_plot", "probability_bars", "set_probabilities"]


def _axes(ax, figsize):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def digit_grid(images, captions=None, ncols=10, ax=None, vmin=None, vmax=None, cmap="gray_r",
               caption_colors=None, gap=0.25):
    """Draw images of shape (n, rows, cols) (or (n, rows*cols) square) as one tiled picture.

    The tiles are placed in a single ``imshow`` on ``ax`` with a blank ``gap``
    (a fraction of a tile) between them; ``captions`` (n strings) are written
    under the tiles, in ``caption_colors`` when given.  ``vmin``/``vmax``
    default to the smallest and largest pixel of all images.
    Returns the ``AxesImage``.
    """
    imgs = as_float_array(images, "images", ndim=(2, 3))
    if imgs.ndim == 2:
        side = int(round(np.sqrt(imgs.shape[1])))
        if side * side != imgs.shape[1]:
            raise ValueError(f"images of shape (n, pixels) need a square number of pixels, got {describe(imgs)}")
        imgs = imgs.reshape(-1, side, side)
    n, h, w = imgs.shape
    if n == 0:
        raise ValueError("images is empty: nothing to draw")
    if isinstance(ncols, bool) or not isinstance(ncols, (int, np.integer)) or ncols < 1:
        raise ValueError(f"ncols must be a positive integer, got {ncols!r}")
    if captions is not None and len(captions) != n:
        raise ValueError(f"captions must have one entry per image ({n}), got {len(captions)}")
    ncols = min(int(ncols), n)
    nrows = -(-n // ncols)
    gh = max(1, int(round(gap * h)))
    gw = max(1, int(round(gap * w)))
    caption_rows = int(np.ceil(0.5 * h)) if captions is not None else 0
    cell_h, cell_w = h + gh + caption_rows, w + gw
    mosaic = np.full((nrows * cell_h, ncols * cell_w - gw), np.nan)
    for i, img in enumerate(imgs):
        r, c = divmod(i, ncols)
        mosaic[r * cell_h:r * cell_h + h, c * cell_w:c * cell_w + w] = img
    ax = _axes(ax, (1.0 * ncols, (1.0 + 0.5 * (captions is not None)) * nrows))
    lo = np.min(imgs) if vmin is None else vmin
    hi = np.max(imgs) if vmax is None else vmax
    colormap = plt.get_cmap(cmap).with_extremes(bad="white")
    im = ax.imshow(mosaic, cmap=colormap, vmin=lo, vmax=hi if hi > lo else lo + 1, interpolation="nearest")
    for i in range(n if captions is not None else 0):
        r, c = divmod(i, ncols)
        color = caption_colors[i] if caption_colors is not None else "black"
        ax.text(c * cell_w + (w - 1) / 2, r * cell_h + h - 0.2, str(captions[i]), ha="center", va="top",
                fontsize=8, color=color)
    for frame in range(n):
        r, c = divmod(frame, ncols)
        ax.add_patch(plt.Rectangle((c * cell_w - 0.5, r * cell_h - 0.5), w, h, fill=False,
                                   edgecolor="#bbbbbb", linewidth=0.6))
    ax.set_axis_off()
    return im


def confusion_matrix_plot(cm, ax=None, normalize=True, labels=None):
    """Draw a confusion matrix ``cm[true, predicted]`` (counts, shape (K, K)).

    With ``normalize`` each row is divided by its total, so the diagonal reads
    "fraction of the true class recognised"; every cell shows its count.
    Returns the ``AxesImage``.
    """
    cm = as_float_array(cm, "cm", ndim=2)
    if cm.shape[0] != cm.shape[1]:
        raise ValueError(f"cm must be square (true x predicted), got shape {cm.shape}")
    if np.any(cm < 0):
        raise ValueError("cm holds counts, which cannot be negative")
    k = cm.shape[0]
    labels = list(range(k)) if labels is None else list(labels)
    rows = cm.sum(axis=1, keepdims=True)
    shown = np.divide(cm, rows, out=np.zeros_like(cm), where=rows > 0) if normalize else cm
    ax = _axes(ax, (5, 4.4))
    im = ax.imshow(shown, cmap="Blues", vmin=0, vmax=1 if normalize else max(cm.max(), 1))
    top = shown.max() if shown.max() > 0 else 1
    for i in range(k):
        for j in range(k):
            if cm[i, j]:
                ax.text(j, i, f"{int(cm[i, j])}", ha="center", va="center", fontsize=8,
                        color="white" if shown[i, j] > 0.55 * top else "black")
    ax.set_xticks(range(k), labels)
    ax.set_yticks(range(k), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title("confusion matrix" + (" (numbers: counts; colour: fraction of the row)" if normalize else ""), fontsize=10)
    return im


def probability_bars(p, ax=None, labels=None, highlight=None, color="#8aa9d6", highlight_color="#d9534f"):
    """Bar chart of class probabilities ``p`` (K values in [0, 1]); bar ``highlight`` in another colour.

    Returns the ``BarContainer``; update it in place with :func:`set_probabilities`.
    """
    p = as_float_array(p, "p", ndim=1)
    ax = _axes(ax, (4, 2.5))
    labels = list(range(p.size)) if labels is None else list(labels)
    bars = ax.bar(range(p.size), p, color=color)
    ax.set_xticks(range(p.size), labels)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("probability")
    set_probabilities(bars, p, highlight, color, highlight_color)
    return bars


def set_probabilities(bars, p, highlight=None, color="#8aa9d6", highlight_color="#d9534f"):
    """Set the heights of ``bars`` (from :func:`probability_bars`) to ``p``; colour bar ``highlight``."""
    p = as_float_array(p, "p", ndim=1)
    if len(bars) != p.size:
        raise ValueError(f"p must have one value per bar ({len(bars)}), got {p.size}")
    for k, (bar, value) in enumerate(zip(bars, p)):
        bar.set_height(value)
        bar.set_color(highlight_color if highlight is not None and k == highlight else color)
    return bars
