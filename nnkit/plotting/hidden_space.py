"""What the hidden layers of a trained network see.

Two pictures of notebook 04 for a network with two inputs:

* :func:`plot_hidden_space` - every sample drawn at its activations
  h^(l) = (h_1, h_2) of a hidden layer with two units, coloured by class.  For
  the last hidden layer the output is sigmoid(w . h + b): a straight line
  w . h + b = 0 in this plane decides the class, so a network that classifies
  well has moved the classes to the two sides of a line;
* :func:`plot_neuron_activation` - one neuron's activation h_j^(l) over the
  input plane, the feature that unit has learnt.

:func:`warped_grid` gives the lines of a grid over the input plane as a hidden
layer bends them: drawn in the hidden plane, they show the change of
coordinates the layer makes (notebook 03).
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array, check_positive, describe
from .boundary import CLASS_COLORS, data_extent, evaluate_on_grid

__all__ = ["hidden_activations", "output_line", "warped_grid", "plot_hidden_space", "update_hidden_space",
           "plot_neuron_activation"]


def _check_layer(net, layer):
    """Hidden layer number l in 1..L-1 (default L-1, the last hidden layer)."""
    L = net.n_layers
    if L < 2:
        raise ValueError(f"the network {net.sizes} has no hidden layer")
    if layer is None:
        return L - 1
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not 1 <= layer <= L - 1:
        raise ValueError(f"layer must be a hidden layer number from 1 to {L - 1} for sizes {net.sizes}, got {layer!r}")
    return int(layer)


def hidden_activations(net, X, layer=None):
    """H^(l) of shape (n, n_l): the activations of hidden layer ``layer`` (1..L-1, default L-1) for inputs X (n, n_0)."""
    layer = _check_layer(net, layer)
    _, cache = net.forward(X, cache=True)
    return cache.H[layer]


def output_line(w, b, xlim):
    """Points (x, y) of the line w_1 h_1 + w_2 h_2 + b = 0 across ``xlim``, or a vertical one when w_2 = 0.

    ``w`` has shape (2,), ``b`` is a number.  Returns two arrays of two points each.
    """
    w = as_float_array(w, "w", ndim=1)
    if w.shape != (2,):
        raise ValueError(f"w must hold two weights (w_1, w_2), got {describe(w)}")
    if abs(w[1]) > 1e-12 * max(abs(w[0]), 1e-300):
        xs = np.asarray(xlim, dtype=np.float64)
        return xs, -(w[0] * xs + b) / w[1]
    if abs(w[0]) < 1e-300:
        return np.array([np.nan, np.nan]), np.array([np.nan, np.nan])  # no line: the output is constant
    x = -b / w[0]
    return np.array([x, x]), np.array([-1e6, 1e6])


def warped_grid(transform, extent, n_lines: int = 9, n_points: int = 60):
    """The grid lines of the input plane carried through ``transform``: a list of (n_points, 2) arrays.

    ``transform`` maps an (m, 2) array of input points to an (m, 2) array (for
    example a hidden layer of two units, x -> h).  The grid has ``n_lines``
    lines x_1 = const and ``n_lines`` lines x_2 = const, evenly spaced across
    ``extent`` (x1_min, x1_max, x2_min, x2_max); each is sampled at ``n_points``
    points and all are transformed in one call.  Returns 2 * n_lines polylines,
    the x_1 = const lines first.
    """
    e = as_float_array(extent, "extent", ndim=1)
    if e.shape != (4,) or not (e[0] < e[1] and e[2] < e[3]):
        raise ValueError(f"extent must be (x_min, x_max, y_min, y_max) with min < max, got {np.asarray(extent).tolist()}")
    check_positive(n_lines, "n_lines", integer=True)
    check_positive(n_points, "n_points", integer=True)
    t = np.linspace(0.0, 1.0, n_points)
    u = np.linspace(0.0, 1.0, n_lines)
    x1 = e[0] + (e[1] - e[0]) * u
    x2 = e[2] + (e[3] - e[2]) * u
    vertical = [np.column_stack([np.full(n_points, c), e[2] + (e[3] - e[2]) * t]) for c in x1]
    horizontal = [np.column_stack([e[0] + (e[1] - e[0]) * t, np.full(n_points, c)]) for c in x2]
    points = np.vstack(vertical + horizontal)
    mapped = np.asarray(transform(points), dtype=np.float64)
    if mapped.shape != points.shape:
        raise ValueError(f"transform must map an (m, 2) array to an (m, 2) array: given {points.shape} it "
                         f"returned {describe(mapped)}")
    return list(mapped.reshape(2 * n_lines, n_points, 2))


def _limits(H, margin=0.12):
    lo, hi = H.min(axis=0), H.max(axis=0)
    pad = margin * np.maximum(hi - lo, 0.5)
    return (lo[0] - pad[0], hi[0] + pad[0]), (lo[1] - pad[1], hi[1] + pad[1])


def _class_colors(y):
    return np.where(np.asarray(y)[:, None] > 0.5, np.array([_rgb(CLASS_COLORS[1])]), np.array([_rgb(CLASS_COLORS[0])]))


def _rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) / 255.0 for i in (1, 3, 5))


def plot_hidden_space(net, X, y, ax=None, layer=None, show_line: bool = True, title=None):
    """Scatter the samples at their activations of a two-unit hidden layer, coloured by class; returns the Axes.

    ``net`` is an :class:`nnkit.Network` with two inputs; ``X`` (n, 2) and
    labels ``y`` (n,) in {0, 1}.  ``layer`` is the hidden layer number
    (1..L-1, default the last, L-1), which must have exactly two units.  With
    ``show_line`` and the last hidden layer of a one-output network, the line
    where the output's pre-activation is 0 (output 0.5) is drawn dashed.
    Artists kept for :func:`update_hidden_space`: ``ax.nn_hidden_points`` and
    ``ax.nn_output_line`` (or None).
    """
    layer = _check_layer(net, layer)
    if net.sizes[layer] != 2:
        raise ValueError(f"layer {layer} has {net.sizes[layer]} units; only a layer of 2 units can be drawn in the plane")
    y = as_float_array(y, "y", ndim=1)
    H = hidden_activations(net, X, layer)
    if y.shape[0] != H.shape[0]:
        raise ValueError(f"y must have one label per row of X ({H.shape[0]}), got {y.shape[0]}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.6, 4.2))
    ax.nn_hidden_points = ax.scatter(H[:, 0], H[:, 1], s=30, c=_class_colors(y), edgecolors="k",
                                     linewidths=0.6, alpha=0.85, zorder=3)
    xlim, ylim = _limits(H)
    ax.nn_output_line = None
    if show_line and layer == net.n_layers - 1 and net.sizes[-1] == 1:
        lx, ly = output_line(net.W[-1][0], net.b[-1][0], xlim)
        (ax.nn_output_line,) = ax.plot(lx, ly, "k--", linewidth=1.5, label="output = 0.5")
        ax.legend(loc="upper right", fontsize=8)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(f"$h_1^{{({layer})}}$")
    ax.set_ylabel(f"$h_2^{{({layer})}}$")
    ax.set_title(title if title is not None else f"hidden layer {layer}: the samples as the output sees them",
                 fontsize=10)
    return ax


def update_hidden_space(ax, H, w=None, b=None) -> None:
    """Move the points drawn by :func:`plot_hidden_space` to activations ``H`` (n, 2) and the line to w . h + b = 0.

    Rescales the axes to the new activations.  ``w`` (2,) and ``b`` are the
    output unit's weights and bias (ignored when no line was drawn).
    """
    if not hasattr(ax, "nn_hidden_points"):
        raise ValueError("ax has no hidden-space drawing: call plot_hidden_space(net, X, y, ax=ax) first")
    H = as_float_array(H, "H", ndim=2)
    ax.nn_hidden_points.set_offsets(H)
    xlim, ylim = _limits(H)
    if ax.nn_output_line is not None and w is not None:
        ax.nn_output_line.set_data(*output_line(w, b, xlim))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)


def plot_neuron_activation(net, layer: int = 1, unit: int = 0, X=None, y=None, ax=None, extent=None,
                           resolution: int = 150, cmap="viridis"):
    """One neuron's activation h_unit^(layer) over the input plane, as a heat map; returns the Axes.

    ``net`` has two inputs; ``layer`` in 1..L-1 and ``unit`` in 0..n_layer-1
    choose the neuron.  The data ``X`` (n, 2) with labels ``y`` are drawn on
    top; ``extent`` (x_min, x_max, y_min, y_max) defaults to the data range.
    A ReLU unit is 0 on one side of a straight line and rises linearly on the
    other: the white line marks where its pre-activation z crosses 0.
    """
    layer = _check_layer(net, layer)
    n_units = net.sizes[layer]
    if isinstance(unit, bool) or not isinstance(unit, (int, np.integer)) or not 0 <= unit < n_units:
        raise ValueError(f"unit must be a unit number from 0 to {n_units - 1} of layer {layer}, got {unit!r}")
    check_positive(resolution, "resolution", integer=True)
    if extent is None:
        extent = data_extent(X) if X is not None else (-1.5, 2.5, -1.0, 1.5)

    def activation(points):
        _, cache = net.forward(points, cache=True)
        return cache.H[layer][:, unit]

    def pre_activation(points):
        _, cache = net.forward(points, cache=True)
        return cache.Z[layer - 1][:, unit]

    xx, yy, values = evaluate_on_grid(activation, extent, resolution)
    _, _, z = evaluate_on_grid(pre_activation, extent, resolution)
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4.2))
    image = ax.imshow(values, origin="lower", extent=extent, cmap=cmap, aspect="auto", interpolation="bilinear")
    ax.figure.colorbar(image, ax=ax, label=f"$h_{{{unit + 1}}}^{{({layer})}}$")
    if z.min() < 0 < z.max():
        ax.contour(xx, yy, z, levels=[0.0], colors="w", linewidths=1.5, linestyles="--")
    if X is not None:
        X = as_float_array(X, "X", ndim=2)
        colors = "k" if y is None else _class_colors(as_float_array(y, "y", ndim=1))
        ax.scatter(X[:, 0], X[:, 1], s=16, c=colors, edgecolors="k", linewidths=0.5, zorder=3)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(f"neuron {unit + 1} of layer {layer}: its activation over the input plane", fontsize=10)
    return ax
