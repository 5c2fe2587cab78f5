"""Drawing a small fully connected network: nodes per layer, weights as coloured edges.

Layer l is a column of circles; the edge from unit j of layer l-1 to unit i of
layer l carries the weight w_ij^(l) = ``W[l-1][i, j]`` (``W[l-1]`` of shape
(n_out, n_in), as everywhere in the course).  An edge is blue for a positive
weight and red for a negative one, and thicker the larger |w|.  Each unit
after the input shows its bias b_i^(l) below it.

:func:`draw_network` returns the Axes and keeps the artists on it, so that a
widget can recolour the edges in place with :func:`update_network` instead of
drawing the network again.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array, describe

__all__ = ["draw_network", "update_network", "edge_style"]

POSITIVE = "#2166ac"
NEGATIVE = "#b2182b"


def _check_network(W, b):
    if isinstance(W, np.ndarray) and W.ndim == 2:
        W = [W]
    if not isinstance(W, (list, tuple)) or len(W) == 0:
        raise TypeError(f"W must be a list of weight matrices (n_out, n_in), one per layer; got {describe(W)}")
    Ws = [as_float_array(w, f"W[{l}]", ndim=2) for l, w in enumerate(W)]
    for l in range(1, len(Ws)):
        if Ws[l].shape[1] != Ws[l - 1].shape[0]:
            raise ValueError(f"W[{l}] must have {Ws[l - 1].shape[0]} columns (the outputs of W[{l - 1}], shape "
                             f"{Ws[l - 1].shape}), got shape {Ws[l].shape}: the layers do not chain")
    if b is None:
        return Ws, None
    if isinstance(b, np.ndarray) and b.ndim == 1 and len(Ws) == 1:
        b = [b]
    if not isinstance(b, (list, tuple)) or len(b) != len(Ws):
        raise ValueError(f"b must be a list with one bias vector per layer ({len(Ws)}), got {describe(b)}")
    bs = [as_float_array(v, f"b[{l}]", ndim=1) for l, v in enumerate(b)]
    for l, (w, v) in enumerate(zip(Ws, bs)):
        if v.shape[0] != w.shape[0]:
            raise ValueError(f"b[{l}] must have shape ({w.shape[0]},) to match W[{l}] of shape {w.shape}, got {v.shape}")
    return Ws, bs


def edge_style(w, w_max):
    """(colour, line width) of an edge of weight ``w``: blue if w >= 0 else red, width 0.5 + 5 |w| / w_max."""
    width = 0.5 + 5.0 * min(abs(float(w)) / w_max, 1.0) if w_max > 0 else 0.5
    return (POSITIVE if w >= 0 else NEGATIVE), width


def _positions(sizes):
    """(x, y) of every unit: layer l at x = 1.6 l, its units centred around y = 0, one unit apart."""
    return [[(1.6 * l, (n - 1) / 2.0 - i) for i in range(n)] for l, n in enumerate(sizes)]


def draw_network(W, b=None, ax=None, labels=None, show_values=True, w_max=None):
    """Draw the network with weights ``W`` (list of (n_out, n_in)) and biases ``b``; returns the Axes.

    ``labels`` is an optional list of per-layer lists of unit names (for
    example ``[["x1", "x2"], ["h1", "h2"], ["y"]]``); by default inputs are
    x_1, x_2, ... and other units h_i^(l).  With ``show_values`` each edge
    shows its weight as a number near its start.  ``w_max`` is the |w| that
    gets the widest line (default: the largest |w| in W).

    Artists kept on the Axes for :func:`update_network`: ``ax.nn_edges[l][i][j]``
    (Line2D of w_ij^(l+1)), ``ax.nn_edge_texts`` (same layout, or None) and
    ``ax.nn_bias_texts[l][i]`` (Text of b_i^(l+1), or None without b).
    """
    Ws, bs = _check_network(W, b)
    sizes = [Ws[0].shape[1]] + [w.shape[0] for w in Ws]
    if labels is None:
        labels = [[f"$x_{j + 1}$" for j in range(sizes[0])]]
        labels += [[f"$h_{i + 1}^{{({l})}}$" for i in range(n)] for l, n in enumerate(sizes[1:], start=1)]
    elif len(labels) != len(sizes) or any(len(names) != n for names, n in zip(labels, sizes)):
        raise ValueError(f"labels must give one name per unit of every layer, sizes {sizes}; got {labels!r}")
    if w_max is None:
        w_max = max(float(np.max(np.abs(w))) for w in Ws)
    pos = _positions(sizes)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.8 + 1.6 * len(sizes), 1.0 + 1.1 * max(sizes)))

    edges, texts = [], [] if show_values else None
    for l, w in enumerate(Ws):
        layer_edges, layer_texts = [], []
        for i in range(w.shape[0]):
            row_edges, row_texts = [], []
            x1, y1 = pos[l + 1][i]
            for j in range(w.shape[1]):
                x0, y0 = pos[l][j]
                colour, width = edge_style(w[i, j], w_max)
                (line,) = ax.plot([x0, x1], [y0, y1], color=colour, linewidth=width, solid_capstyle="round",
                                  zorder=1)
                row_edges.append(line)
                if show_values:
                    t = 0.3
                    row_texts.append(ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), f"{w[i, j]:.2g}", fontsize=8,
                                             ha="center", va="center", color=colour, zorder=3,
                                             bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85)))
            layer_edges.append(row_edges)
            layer_texts.append(row_texts)
        edges.append(layer_edges)
        if show_values:
            texts.append(layer_texts)

    bias_texts = []
    for l, layer in enumerate(pos):
        for i, (x, y) in enumerate(layer):
            face = "#e8eef7" if l == 0 else "#fff3d6"
            ax.add_patch(plt.Circle((x, y), 0.2, facecolor=face, edgecolor="#333333", linewidth=1.2, zorder=2))
            ax.text(x, y, labels[l][i], ha="center", va="center", fontsize=10, zorder=4)
        if l > 0:
            bias_texts.append([ax.text(x, y - 0.3, f"b={bs[l - 1][i]:.2g}" if bs is not None else "", fontsize=8,
                                       ha="center", va="top", zorder=4) for i, (x, y) in enumerate(layer)])
    ax.nn_edges = edges
    ax.nn_edge_texts = texts
    ax.nn_bias_texts = bias_texts if bs is not None else None
    ax.nn_w_max = w_max
    ax.set_xlim(-0.45, 1.6 * (len(sizes) - 1) + 0.45)
    ax.set_ylim(-(max(sizes) - 1) / 2.0 - 0.6, (max(sizes) - 1) / 2.0 + 0.35)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


def update_network(ax, W, b=None):
    """Recolour, resize and relabel the edges (and bias labels) drawn by :func:`draw_network` in place.

    ``W`` and ``b`` must have the shapes of the drawn network.  Returns the Axes.
    """
    if not hasattr(ax, "nn_edges"):
        raise ValueError("ax has no network drawing: call draw_network(W, b, ax=ax) first")
    Ws, bs = _check_network(W, b)
    drawn = [(len(e), len(e[0])) for e in ax.nn_edges]
    if [w.shape for w in Ws] != drawn:
        raise ValueError(f"W has shapes {[w.shape for w in Ws]} but the drawn network has {drawn}")
    for l, w in enumerate(Ws):
        for i in range(w.shape[0]):
            for j in range(w.shape[1]):
                colour, width = edge_style(w[i, j], ax.nn_w_max)
                line = ax.nn_edges[l][i][j]
                line.set_color(colour)
                line.set_linewidth(width)
                if ax.nn_edge_texts is not None:
                    ax.nn_edge_texts[l][i][j].set_text(f"{w[i, j]:.2g}")
                    ax.nn_edge_texts[l][i][j].set_color(colour)
    if bs is not None and ax.nn_bias_texts is not None:
        for l, v in enumerate(bs):
            for i, text in enumerate(ax.nn_bias_texts[l]):
                text.set_text(f"b={v[i]:.2g}")
    return ax
