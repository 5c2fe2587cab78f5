"""Notebook 03's widget: a 2-2-1 sigmoid network with a slider for each of its 9 parameters.

The network, in the course notation (layer 1 hidden, layer 2 the output):

    h = sigmoid(W1 x + b1)      W1 = W^(1) of shape (2, 2), b1 = b^(1) of shape (2,)
    y = sigmoid(W2 h + b2)      W2 = W^(2) of shape (1, 2), b2 = b^(2) of shape (1,)

The parameters are kept as one vector of 9 numbers in the order of
:data:`PARAM_NAMES`.  Three pictures are redrawn live:

* the network, its weights as coloured edges
  (:func:`nnkit.plotting.network_diagram.draw_network`);
* the input plane: the output y as a heat map with its line y = 0.5, the data
  points, and each hidden unit's line h_i = 0.5 (where z_i^(1) = 0): a hidden unit
  is a line with a ramp across it;
* the hidden plane (h_1, h_2): where the hidden layer puts every data point, the
  input plane's grid lines as the hidden layer bends them, and the output's own
  line y = 0.5, which is straight here.  The network has changed the coordinates.

The student tries to solve XOR by hand.  The logic is in plain functions
(:func:`unpack`, :func:`hidden_output`, :func:`network_output`,
:func:`hidden_lines`, :func:`playground_state`); :class:`Playground` only wires
them to ipywidgets.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array, describe
from ..activations import sigmoid
from ..data import xor
from ..plotting.boundary import CLASS_COLORS, plot_decision_boundary, update_decision_boundary
from ..plotting.hidden_space import output_line, warped_grid
from ..plotting.network_diagram import draw_network, update_network
from ._live import LivePlot, panel
from .perceptron_lab import decision_line

__all__ = ["PARAM_NAMES", "PARAM_LABELS", "UNIT_COLORS", "MARGIN", "unpack", "hidden_output", "network_output",
           "hidden_lines", "playground_state", "PlaygroundState", "Playground", "playground"]

PARAM_NAMES = ("w^(1)_11", "w^(1)_12", "w^(1)_21", "w^(1)_22", "b^(1)_1", "b^(1)_2", "w^(2)_11", "w^(2)_12",
               "b^(2)")
"""Order of the 9 parameters: W^(1) = [[w^(1)_11, w^(1)_12], [w^(1)_21, w^(1)_22]], b^(1), W^(2) = [[w^(2)_11, w^(2)_12]], b^(2)."""

PARAM_LABELS = ("w\u207d\u00b9\u207e\u2081\u2081", "w\u207d\u00b9\u207e\u2081\u2082", "w\u207d\u00b9\u207e\u2082\u2081",
                "w\u207d\u00b9\u207e\u2082\u2082", "b\u207d\u00b9\u207e\u2081", "b\u207d\u00b9\u207e\u2082",
                "w\u207d\u00b2\u207e\u2081\u2081", "w\u207d\u00b2\u207e\u2081\u2082", "b\u207d\u00b2\u207e")
"""The slider labels: the names of :data:`PARAM_NAMES` with real superscripts and subscripts."""

UNIT_COLORS = ("#1b9e77", "#7570b3")
"""Colours of hidden unit 1 and hidden unit 2 (their lines in the input plane)."""

MARGIN = 0.1
"""How close to its target (0 or 1) every output must be for the widget to call XOR solved with a margin."""


def unpack(params):
    """The 9 parameters as the network's ``(W, b)`` lists: W = [W^(1) (2, 2), W^(2) (1, 2)], b = [b^(1) (2,), b^(2) (1,)]."""
    p = as_float_array(params, "params", ndim=1)
    if p.shape != (9,):
        raise ValueError(f"params must hold the 9 numbers {', '.join(PARAM_NAMES)}, got {describe(p)}")
    return [p[0:4].reshape(2, 2), p[6:8].reshape(1, 2)], [p[4:6], p[8:9]]


def hidden_output(params, X):
    """The hidden layer's activations H = sigmoid(X W^(1)T + b^(1)), shape (n, 2), for inputs X (n, 2)."""
    (W1, _), (b1, _) = unpack(params)
    return sigmoid(np.asarray(X, dtype=np.float64) @ W1.T + b1)


def network_output(params, X):
    """Output y of shape (n,) of the 2-2-1 sigmoid network for inputs X of shape (n, 2).

    H = sigmoid(X W^(1)T + b^(1)), y = sigmoid(H W^(2)T + b^(2)).
    """
    (_, W2), (_, b2) = unpack(params)
    return sigmoid(hidden_output(params, X) @ W2.T + b2)[:, 0]


def hidden_lines(params):
    """For each hidden unit i, two points ``(xs, ys)`` of its line w_i1 x_1 + w_i2 x_2 + b_i = 0 (h_i = 0.5).

    A unit whose two weights are 0 has no line (empty arrays): it is constant.
    """
    (W1, _), (b1, _) = unpack(params)
    return [decision_line(W1[i, 0], W1[i, 1], b1[i]) for i in range(2)]


@dataclass
class PlaygroundState:
    """The network on the data points: outputs, hidden activations, how many are right."""

    outputs: np.ndarray    # (n,) the output y at each point
    hidden: np.ndarray     # (n, 2) the point in the hidden plane, (h_1, h_2)
    correct: int           # points with (y >= 0.5) equal to their label
    with_margin: bool      # every output within MARGIN of its label
    text: str


def playground_state(params, X, y) -> PlaygroundState:
    """Evaluate the network ``params`` on X (n, 2) with labels y (n,) 0/1."""
    X = as_float_array(X, "X", ndim=2)
    y = np.asarray(y)
    out = network_output(params, X)
    H = hidden_output(params, X)
    correct = int(np.sum((out >= 0.5).astype(int) == y))
    with_margin = bool(np.all(np.abs(out - y) <= MARGIN))
    text = f"{correct} of {len(out)} points right"
    if len(out) <= 8:                    # few points (XOR): name each one, so the student knows which is which
        text += "; y at " + ", ".join(f"({x1:g}, {x2:g}): {o:.2f}" for (x1, x2), o in zip(X, out))
    if correct == len(out):
        text += (f" \u2014 solved, every output within {MARGIN:g} of its target" if with_margin
                 else f" \u2014 solved, but not every output is within {MARGIN:g} of its target yet")
    return PlaygroundState(out, H, correct, with_margin, text)


class Playground:
    """Nine sliders; the network drawing, the input plane and the hidden plane, all redrawn live."""

    def __init__(self, params=None, X=None, y=None, limit=40.0, resolution=60):
        if X is None:
            X, y = xor()
        self.X, self.y = as_float_array(X, "X", ndim=2), np.asarray(y)
        rng = np.random.default_rng(0)
        start = np.round(rng.normal(0.0, 2.0, 9), 1) if params is None else np.asarray(params, dtype=float)
        self.sliders = [widgets.FloatSlider(value=v, min=-limit, max=limit, step=0.5, description=label,
                                            continuous_update=True, layout=widgets.Layout(width="300px"))
                        for label, v in zip(PARAM_LABELS, start)]
        self.readout = widgets.HTML()
        self._quiet = False
        self._build_figure(start, resolution)
        for s in self.sliders:
            s.observe(lambda change: self.update(), names="value")
        hidden = widgets.VBox([widgets.HTML("hidden layer: W<sup>(1)</sup>, b<sup>(1)</sup>")] + self.sliders[:6])
        output = widgets.VBox([widgets.HTML("output layer: W<sup>(2)</sup>, b<sup>(2)</sup>")] + self.sliders[6:])
        self.widget = panel(widgets.HBox([hidden, output]), self.readout, self.live.output,
                            title="Network playground: solve XOR by hand")
        self.update()

    def _build_figure(self, start, resolution):
        fig, (ax_net, ax_in, ax_h) = plt.subplots(1, 3, figsize=(13.0, 4.3),
                                                  gridspec_kw=dict(width_ratios=[0.95, 1, 1]))
        W, b = unpack(start)
        draw_network(W, b, ax=ax_net, labels=[["$x_1$", "$x_2$"], ["$h_1$", "$h_2$"], ["$y$"]], w_max=20.0)
        self.extent = (-0.5, 1.5, -0.5, 1.5)
        plot_decision_boundary(lambda P: network_output(start, P), self.X, self.y, ax=ax_in, extent=self.extent,
                               resolution=resolution)
        self.unit_lines = [ax_in.plot([], [], color=c, lw=2.2, ls="--", zorder=5,
                                       label=f"$h_{i + 1} = 0.5$")[0]
                           for i, c in enumerate(UNIT_COLORS)]
        ax_in.plot([], [], color="k", lw=1.5, label="$y = 0.5$")
        ax_in.legend(loc="upper right", fontsize=8, framealpha=0.9)
        ax_in.set_xlim(self.extent[:2])
        ax_in.set_ylim(self.extent[2:])
        ax_in.set_aspect("equal")
        ax_in.set_title("input plane: output $y$, each hidden unit's line", fontsize=10)

        # the hidden plane: output over the unit square, the bent grid, the points, the output's line
        self.h_extent = (-0.05, 1.05, -0.05, 1.05)
        plot_decision_boundary(lambda P: self._output_of_hidden(start, P), ax=ax_h, extent=self.h_extent,
                               resolution=40)
        if ax_h.nn_contour is not None:   # the output's line is drawn as a straight line below instead
            ax_h.nn_contour.remove()
            ax_h.nn_contour = None
        ax_h.nn_grid = (ax_h.nn_grid[0], ax_h.nn_grid[1], [])   # no contour on updates either
        self.grid_lines = [ax_h.plot([], [], color="#555555", lw=0.6, alpha=0.6)[0]
                           for _ in warped_grid(lambda P: hidden_output(start, P), self.extent)]
        self.h_points = ax_h.scatter(*hidden_output(start, self.X).T, s=55, edgecolors="k", linewidths=1.2,
                                     c=[CLASS_COLORS[int(v)] for v in self.y], zorder=4)
        (self.out_line,) = ax_h.plot([], [], "k-", lw=1.5)
        for ax in (ax_in, ax_h):             # lighter shading, so that the points stand out
            ax.nn_mesh.set_alpha(0.45)
        ax_h.set_xlim(self.h_extent[:2])
        ax_h.set_ylim(self.h_extent[2:])
        ax_h.set_aspect("equal")
        ax_h.set_xlabel("$h_1$")
        ax_h.set_ylabel("$h_2$")
        ax_h.set_title("hidden plane: the points at $(h_1, h_2)$, line $y = 0.5$", fontsize=10)
        fig.tight_layout(rect=(0, 0, 1, 0.97))
        self.ax_net, self.ax_out, self.ax_hidden = ax_net, ax_in, ax_h
        self.live = LivePlot(fig)

    @staticmethod
    def _output_of_hidden(params, H):
        (_, W2), (_, b2) = unpack(params)
        return sigmoid(H @ W2.T + b2)[:, 0]

    def values(self):
        """The 9 parameters currently on the sliders, in the order of PARAM_NAMES."""
        return np.array([s.value for s in self.sliders])

    def draw(self, params) -> PlaygroundState:
        """Update the drawing for ``params`` without rendering; returns the state shown."""
        W, b = unpack(params)
        update_network(self.ax_net, W, b)
        update_decision_boundary(self.ax_out, lambda P: network_output(params, P))
        for line, (xs, ys) in zip(self.unit_lines, hidden_lines(params)):
            line.set_data(xs, ys)
        update_decision_boundary(self.ax_hidden, lambda P: self._output_of_hidden(params, P))
        for line, polyline in zip(self.grid_lines, warped_grid(lambda P: hidden_output(params, P), self.extent)):
            line.set_data(polyline[:, 0], polyline[:, 1])
        st = playground_state(params, self.X, self.y)
        self.h_points.set_offsets(st.hidden)
        self.out_line.set_data(*output_line(W[1][0], b[1][0], self.h_extent[:2]))
        return st

    def update(self):
        if self._quiet:
            return
        self.readout.value = self.draw(self.values()).text
        self.live.show()

    def set_values(self, params):
        """Move all sliders to ``params`` and redraw once."""
        self._quiet = True
        for s, v in zip(self.sliders, params):
            s.value = float(v)
        self._quiet = False
        self.update()


def playground(params=None, X=None, y=None):
    """The network playground widget (XOR data by default); returns the panel to display."""
    return Playground(params, X, y).widget
