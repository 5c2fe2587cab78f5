"""A model's output over the input plane: heat map, decision line and data points.

A classifier with two inputs can be drawn completely: evaluate it on a grid of
points (x1, x2) covering the plane, colour every grid cell by the output, and
draw the level where the output crosses 0.5 (the decision boundary).  The data
points go on top, coloured by their class.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array, check_positive, describe

__all__ = ["input_grid", "data_extent", "evaluate_on_grid", "plot_decision_boundary", "update_decision_boundary",
           "CLASS_COLORS"]

CLASS_COLORS = ("#d6604d", "#4393c3")
"""Marker colours of class 0 (red) and class 1 (blue), matching the ends of the "RdBu" map."""


def data_extent(X, margin: float = 0.15):
    """(x_min, x_max, y_min, y_max) of the rows of X (n, 2), widened by ``margin`` times the range on each side."""
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2 or X.shape[0] == 0:
        raise ValueError(f"X must have shape (n, 2) with n >= 1, got {describe(X)}")
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * np.maximum(hi - lo, 1.0)
    return (float(lo[0] - pad[0]), float(hi[0] + pad[0]), float(lo[1] - pad[1]), float(hi[1] + pad[1]))


def _check_extent(extent):
    e = as_float_array(extent, "extent", ndim=1)
    if e.shape != (4,) or not (e[0] < e[1] and e[2] < e[3]):
        raise ValueError(f"extent must be (x_min, x_max, y_min, y_max) with min < max, got {np.asarray(extent).tolist()}")
    return tuple(float(v) for v in e)


def input_grid(extent, resolution: int = 200):
    """A regular grid over the plane: ``(xx, yy, points)``.

    ``extent`` is (x_min, x_max, y_min, y_max); ``xx`` and ``yy`` have shape
    (resolution, resolution) (``xx`` varies along columns, ``yy`` along rows);
    ``points`` of shape (resolution**2, 2) holds the same grid as rows (x1, x2),
    ready to be fed to a model, whose output reshapes back with ``.reshape(xx.shape)``.
    """
    x0, x1, y0, y1 = _check_extent(extent)
    check_positive(resolution, "resolution", integer=True)
    if resolution < 2:
        raise ValueError(f"resolution must be at least 2 grid points per axis, got {resolution!r}")
    xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def evaluate_on_grid(predict, extent, resolution: int = 200):
    """``(xx, yy, values)``: ``predict`` evaluated on :func:`input_grid`, reshaped to the grid."""
    xx, yy, points = input_grid(extent, resolution)
    values = np.asarray(predict(points), dtype=np.float64)
    if values.size != points.shape[0]:
        raise ValueError(f"predict must return one value per point: given {points.shape[0]} points (shape "
                         f"{points.shape}) it returned {describe(values)}")
    return xx, yy, values.reshape(xx.shape)


def plot_decision_boundary(predict, X=None, y=None, ax=None, extent=None, resolution=200, levels=None,
                           cmap="RdBu", show_colorbar=False):
    """Draw ``predict`` over the input plane; returns the Axes.

    ``predict`` maps an (m, 2) array of points to (m,) values (probabilities
    or scores).  The values are shown as a heat map (``ax.imshow``) with the
    contour line(s) at ``levels`` (default [0.5], the decision boundary of a
    probability).  ``X`` (n, 2) and ``y`` (n,) with labels 0/1 are drawn as
    points coloured by class (class 0 red, class 1 blue, as the ends of the
    default map).  ``extent`` (x_min, x_max, y_min, y_max) defaults to the data
    range with a margin, or [-0.5, 1.5]^2 without data.  Probabilities (all
    values in [0, 1]) use the colour range [0, 1]; other scores a range
    symmetric around the middle level.

    The drawn artists are kept on the Axes for in-place updates:
    ``ax.nn_mesh`` (the AxesImage; ``set_data`` new values), ``ax.nn_contour``
    (the contour set, or None when the values never cross a level) and
    ``ax.nn_points`` (the scatter, or None).
    """
    if not callable(predict):
        raise TypeError(f"predict must be a function of an (m, 2) array of points, got {describe(predict)}")
    if X is not None:
        X = as_float_array(X, "X", ndim=2)
        if X.shape[1] != 2:
            raise ValueError(f"X must have 2 columns (the two inputs), got {describe(X)}")
    if y is not None:
        if X is None:
            raise ValueError("y was given without X: give the points X (n, 2) and their labels y (n,)")
        y = as_float_array(y, "y", ndim=1)
        if y.shape[0] != X.shape[0]:
            raise ValueError(f"y must have one label per row of X ({X.shape[0]}), got {y.shape[0]}")
    if extent is None:
        extent = data_extent(X) if X is not None else (-0.5, 1.5, -0.5, 1.5)
    xx, yy, values = evaluate_on_grid(predict, extent, resolution)
    levels = [0.5] if levels is None else list(np.atleast_1d(levels))
    if values.min() >= 0.0 and values.max() <= 1.0:
        vmin, vmax = 0.0, 1.0
    else:
        mid = levels[len(levels) // 2]
        half = max(float(np.max(np.abs(values - mid))), 1e-12)
        vmin, vmax = mid - half, mid + half

    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4.2))
    mesh = ax.imshow(values, origin="lower", extent=extent, cmap=cmap, vmin=vmin, vmax=vmax, alpha=0.7,
                     interpolation="bilinear", aspect="auto")
    ax.nn_mesh = mesh
    ax.nn_grid = (xx, yy, sorted(levels))
    ax.nn_contour = None
    _draw_contour(ax, values)
    ax.nn_points = None
    if X is not None:
        if y is None:
            ax.nn_points = ax.scatter(X[:, 0], X[:, 1], s=25, c="k", zorder=3)
        else:
            colors = np.where(y[:, None] > 0.5, np.array([_rgb(CLASS_COLORS[1])]), np.array([_rgb(CLASS_COLORS[0])]))
            ax.nn_points = ax.scatter(X[:, 0], X[:, 1], s=55, c=colors, edgecolors="k", linewidths=1.2, zorder=3)
    if show_colorbar:
        ax.figure.colorbar(mesh, ax=ax, label="output")
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def _draw_contour(ax, values):
    xx, yy, levels = ax.nn_grid
    if ax.nn_contour is not None:
        ax.nn_contour.remove()
        ax.nn_contour = None
    if any(values.min() < lv < values.max() for lv in levels):
        ax.nn_contour = ax.contour(xx, yy, values, levels=levels, colors="k", linewidths=1.5)


def update_decision_boundary(ax, predict):
    """Redraw in place what :func:`plot_decision_boundary` drew on ``ax`` for a new ``predict``.

    The grid, colour range and points stay; the heat map gets the new values
    and the contour line is recomputed.  Returns the new values, shape of the grid.
    """
    if not hasattr(ax, "nn_mesh"):
        raise ValueError("ax has no decision-boundary drawing: call plot_decision_boundary(predict, ax=ax) first")
    xx, yy, _ = ax.nn_grid
    points = np.column_stack([xx.ravel(), yy.ravel()])
    values = np.asarray(predict(points), dtype=np.float64)
    if values.size != points.shape[0]:
        raise ValueError(f"predict must return one value per point: given {points.shape[0]} points it "
                         f"returned {describe(values)}")
    values = values.reshape(xx.shape)
    ax.nn_mesh.set_data(values)
    _draw_contour(ax, values)
    return values


def _rgb(hex_colour: str):
    return tuple(int(hex_colour[i:i + 2], 16) / 255.0 for i in (1, 3, 5))
