"""Curves of training: loss against steps, and gradient descent drawn on the function it descends.

Three pictures of notebook 04:

* :func:`plot_loss_curve` - the loss J after each step (or epoch) of training;
* :func:`plot_descent_1d` - a function f(x) and the steps x_0, x_1, ... of
  gradient descent x_{k+1} = x_k - lr f'(x_k) drawn as points on the curve;
* :func:`plot_descent_2d` - the contour lines of f(x, y) and the path of
  gradient descent across them.

A diverging run has points far outside the view (up to |x| = 1e12 and f(x)
far beyond that).  :func:`clip_to_view` pulls such points to just outside the
axes, so the line still leaves the picture in the right direction while
matplotlib never sees huge numbers.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array, check_positive

__all__ = ["plot_loss_curve", "plot_descent_1d", "update_descent_1d", "plot_descent_2d", "clip_to_view",
           "find_artist"]

START_COLOR = "#2a9d3f"
END_COLOR = "#d62728"
PATH_COLOR = "#e67e00"


def clip_to_view(values, lo: float, hi: float, margin: float = 0.02):
    """``values`` clipped to [lo - margin w, hi + margin w] with w = hi - lo; NaN/inf become the nearer edge.

    Points inside the view are unchanged; a point far outside lands on the edge
    of the axes (half of its marker shows), so a run that leaves the picture is
    seen leaving it, and matplotlib never gets numbers like 1e40.
    """
    if not hi > lo:
        raise ValueError(f"the view must have lo < hi, got lo={lo!r} and hi={hi!r}")
    w = hi - lo
    v = np.nan_to_num(np.asarray(values, dtype=np.float64), nan=hi + margin * w,
                      posinf=hi + margin * w, neginf=lo - margin * w)
    return np.clip(v, lo - margin * w, hi + margin * w)


def find_artist(ax, gid: str):
    """The artist of ``ax`` whose gid is ``gid`` (the plotting functions name the artists a widget updates)."""
    for artist in ax.get_children():
        if artist.get_gid() == gid:
            return artist
    raise KeyError(f"no artist with gid {gid!r} on these axes")


def plot_loss_curve(losses, ax=None, label=None, log: bool = True, xlabel: str = "step",
                    ylabel: str = "loss J", steps=None):
    """Draw the loss after each step; returns the Axes.

    ``losses``: 1-D array of the loss J recorded at each step (or epoch).
    ``steps``: their step numbers, 0, 1, 2, ... when None.  ``log=True`` uses
    a logarithmic loss axis, where a steady fall looks like a straight line.
    The line has gid ``"loss"``.
    """
    losses = as_float_array(losses, "losses", ndim=1)
    if losses.size == 0:
        raise ValueError("losses must hold at least one value, got an empty array")
    steps = np.arange(losses.size) if steps is None else as_float_array(steps, "steps", ndim=1)
    if steps.shape != losses.shape:
        raise ValueError(f"steps must have one entry per loss ({losses.size}), got {steps.size}")
    if log and np.any(losses <= 0):
        raise ValueError("a logarithmic loss axis needs positive losses; pass log=False")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.2))
    ax.plot(steps, losses, label=label, gid="loss", linewidth=1.6)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, which="both", alpha=0.3)
    if label is not None:
        ax.legend()
    return ax


def _descent_points_1d(f, path, xlim, ylim):
    """(x, y) of the path's points on the curve, clipped to the view."""
    with np.errstate(over="ignore", invalid="ignore"):
        fx = np.asarray(f(np.clip(path, -1e30, 1e30)), dtype=np.float64)
    return clip_to_view(path, *xlim), clip_to_view(fx, *ylim)


def plot_descent_1d(f, path, ax=None, xlim=None, ylim=None, resolution: int = 400, title=None):
    """Draw f(x) and the steps of gradient descent on it; returns the Axes.

    ``f`` maps an array of x to f(x) element-wise; ``path`` is the 1-D array
    x_0, x_1, ..., x_K that :func:`nnkit.optim.gradient_descent` returns.  Each
    step is a point (x_k, f(x_k)) joined to the next, the start green and the
    end red.  ``xlim`` and ``ylim`` fix the view (default: around the path,
    at most 1e3 wide); points outside it are drawn just beyond the edge.
    Artists with gids ``"curve"``, ``"path"``, ``"start"`` and ``"end"`` can be
    updated in place (see :func:`update_descent_1d`).
    """
    if not callable(f):
        raise TypeError(f"f must be a function of x, got {type(f).__name__}")
    path = as_float_array(path, "path", ndim=1, allow_nan=True)
    if path.size == 0:
        raise ValueError("path must hold at least the start point, got an empty array")
    check_positive(resolution, "resolution", integer=True)
    if xlim is None:
        finite = path[np.isfinite(path) & (np.abs(path) < 1e3)]
        lo, hi = (finite.min(), finite.max()) if finite.size else (-1.0, 1.0)
        pad = max(0.1 * (hi - lo), 0.5)
        xlim = (lo - pad, hi + pad)
    xs = np.linspace(*xlim, resolution)
    fs = np.asarray(f(xs), dtype=np.float64)
    if ylim is None:
        pad = 0.05 * (fs.max() - fs.min()) or 1.0
        ylim = (fs.min() - pad, fs.max() + pad)
    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 3.8))
    ax.plot(xs, fs, color="#1f4e8c", linewidth=2, gid="curve", label="f(x)")
    px, py = _descent_points_1d(f, path, xlim, ylim)
    ax.plot(px, py, "o-", color=PATH_COLOR, markersize=4, linewidth=1, alpha=0.85, gid="path",
            label="steps")
    ax.plot(px[:1], py[:1], "o", color=START_COLOR, markersize=9, gid="start", label="start")
    ax.plot(px[-1:], py[-1:], "X", color=END_COLOR, markersize=10, gid="end", label="end")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.grid(True, alpha=0.3)
    if title:
        ax.set_title(title)
    return ax


def update_descent_1d(ax, f, path) -> None:
    """Move the path, start and end markers drawn by :func:`plot_descent_1d` to a new ``path`` (in place)."""
    path = as_float_array(path, "path", ndim=1, allow_nan=True)
    px, py = _descent_points_1d(f, path, ax.get_xlim(), ax.get_ylim())
    find_artist(ax, "path").set_data(px, py)
    find_artist(ax, "start").set_data(px[:1], py[:1])
    find_artist(ax, "end").set_data(px[-1:], py[-1:])


def plot_descent_2d(f, path, ax=None, extent=None, levels: int = 15, resolution: int = 200,
                    title=None, log_levels: bool = True, color=PATH_COLOR, label=None):
    """Contour lines of f(x, y) and a path of gradient descent across them; returns the Axes.

    ``f(x, y)`` takes two arrays of equal shape (a grid) and returns f element-wise.
    ``path`` has shape (K + 1, 2): the points (x_k, y_k) of the descent.
    ``extent`` = (xmin, xmax, ymin, ymax) of the view (default: around the path).
    ``log_levels`` spaces the contour levels geometrically above the minimum of
    the grid, which shows both the steep walls and the flat valley floor.
    Call it again with the same ``ax`` and another path to compare runs.
    """
    if not callable(f):
        raise TypeError(f"f must be a function of (x, y), got {type(f).__name__}")
    path = as_float_array(path, "path", ndim=2, allow_nan=True)
    if path.shape[1] != 2 or path.shape[0] == 0:
        raise ValueError(f"path must have shape (K + 1, 2), one (x, y) point per row, got {path.shape}")
    if extent is None:
        ok = np.all(np.isfinite(path) & (np.abs(path) < 1e3), axis=1)
        pts = path[ok] if ok.any() else np.zeros((1, 2))
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        pad = np.maximum(0.15 * (hi - lo), 0.5)
        extent = (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])
    x0, x1, y0, y1 = extent
    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 4.5))
    if not ax.collections:  # the contour lines once per axes, however many paths follow
        xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
        zz = np.asarray(f(xx, yy), dtype=np.float64)
        if log_levels:
            base = zz.min()
            lv = base + np.geomspace(1e-2, 1.0, levels) * (zz.max() - base)
        else:
            lv = levels
        ax.contour(xx, yy, zz, levels=lv, cmap="viridis", linewidths=0.9)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
    xl, yl = ax.get_xlim(), ax.get_ylim()
    px, py = clip_to_view(path[:, 0], *xl), clip_to_view(path[:, 1], *yl)
    ax.plot(px, py, ".-", color=color, markersize=5, linewidth=1.2, label=label)
    ax.plot(px[:1], py[:1], "o", color=START_COLOR, markersize=8)
    ax.plot(px[-1:], py[-1:], "X", color=END_COLOR, markersize=9)
    ax.set_xlim(*xl)
    ax.set_ylim(*yl)
    if title:
        ax.set_title(title)
    if label is not None:
        ax.legend(loc="upper right", fontsize=8)
    return ax
