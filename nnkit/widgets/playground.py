"""Notebook 03's widget: a 2-2-1 sigmoid network with a slider for each of its 9 parameters.

The network is

    h = sigmoid(W1 x + b1)      W1 (2, 2), b1 (2,)
    y = sigmoid(W2 h + b2)      W2 (1, 2), b2 (1,)

The parameters are kept as one vector of 9 numbers in the order of
:data:`PARAM_NAMES`.  The plot shows the network with its weights as coloured
edges (:func:`nnkit.plotting.network_diagram.draw_network`) and its output over
the input plane with the four XOR points
(:func:`nnkit.plotting.boundary.plot_decision_boundary`); both are updated in
place.  The student tries to solve XOR by hand; "show a solution" sets
:data:`XOR_SOLUTION`.

The logic is in plain functions (:func:`unpack`, :func:`network_output`,
:func:`playground_state`); :class:`Playground` only wires them to ipywidgets.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array, describe
from ..activations import sigmoid
from ..data import xor
from ..plotting.boundary import plot_decision_boundary, update_decision_boundary
from ..plotting.network_diagram import draw_network, update_network
from ._live import LivePlot, panel

__all__ = ["PARAM_NAMES", "XOR_SOLUTION", "unpack", "network_output", "playground_state", "PlaygroundState",
           "Playground", "playground"]

PARAM_NAMES = ("w11", "w12", "w21", "w22", "b1", "b2", "v1", "v2", "c")
"""Order of the 9 parameters: W1 = [[w11, w12], [w21, w22]], b1 = [b1, b2], W2 = [[v1, v2]], b2 = [c]."""

XOR_SOLUTION = np.array([20.0, 20.0, -20.0, -20.0, -10.0, 30.0, 20.0, 20.0, -30.0])
"""A hand-made XOR: h1 = OR(x1, x2), h2 = NAND(x1, x2), y = AND(h1, h2); large weights make the sigmoids nearly steps."""


def unpack(params):
    """The 9 parameters as the network's ``(W, b)`` lists: W = [W1 (2, 2), W2 (1, 2)], b = [b1 (2,), b2 (1,)]."""
    p = as_float_array(params, "params", ndim=1)
    if p.shape != (9,):
        raise ValueError(f"params must hold the 9 numbers {', '.join(PARAM_NAMES)}, got {describe(p)}")
    return [p[0:4].reshape(2, 2), p[6:8].reshape(1, 2)], [p[4:6], p[8:9]]


def network_output(params, X):
    """Output y of shape (n,) of the 2-2-1 sigmoid network for inputs X of shape (n, 2).

    H = sigmoid(X W1^T + b1), y = sigmoid(H W2^T + b2).
    """
    (W1, W2), (b1, b2) = unpack(params)
    H = sigmoid(X @ W1.T + b1)
    return sigmoid(H @ W2.T + b2)[:, 0]


@dataclass
class PlaygroundState:
    """The network's outputs on the data points and how many of them it gets right (output >= 0.5 means 1)."""

    outputs: np.ndarray
    correct: int
    text: str


def playground_state(params, X, y) -> PlaygroundState:
    """Evaluate the network ``params`` on X (n, 2) with labels y (n,) 0/1."""
    out = network_output(params, as_float_array(X, "X", ndim=2))
    correct = int(np.sum((out >= 0.5).astype(int) == np.asarray(y)))
    shown = ", ".join(f"{o:.2f}" for o in out)
    text = f"{correct} of {len(out)} points right; outputs at the points: {shown}"
    if correct == len(out):
        text += " \u2014 solved!"
    return PlaygroundState(out, correct, text)


class Playground:
    """Nine sliders, a "show a solution" button, the network drawing and the output heat map."""

    def __init__(self, params=None, X=None, y=None, limit=40.0, resolution=80):
        if X is None:
            X, y = xor()
        self.X, self.y = X, y
        rng = np.random.default_rng(0)
        start = np.round(rng.normal(0.0, 2.0, 9), 1) if params is None else np.asarray(params, dtype=float)
        self.sliders = [widgets.FloatSlider(value=v, min=-limit, max=limit, step=0.5, description=n,
                                            continuous_update=True, layout=widgets.Layout(width="300px"))
                        for n, v in zip(PARAM_NAMES, start)]
        self.solution_button = widgets.Button(description="show a solution", icon="lightbulb-o")
        self.readout = widgets.HTML()
        self._quiet = False
        fig, (ax_net, ax_out) = plt.subplots(1, 2, figsize=(10, 4), gridspec_kw=dict(width_ratios=[1.1, 1]))
        W, b = unpack(start)
        draw_network(W, b, ax=ax_net, labels=[["$x_1$", "$x_2$"], ["$h_1$", "$h_2$"], ["$y$"]], w_max=20.0)
        plot_decision_boundary(lambda P: network_output(self.values(), P), X, y, ax=ax_out,
                               extent=(-0.5, 1.5, -0.5, 1.5), resolution=resolution)
        ax_out.set_title("output y over the input plane (line: y = 0.5)")
        fig.tight_layout()
        self.ax_net, self.ax_out = ax_net, ax_out
        self.live = LivePlot(fig)
        for s in self.sliders:
            s.observe(lambda change: self.update(), names="value")
        self.solution_button.on_click(lambda _: self.set_values(XOR_SOLUTION))
        hidden = widgets.VBox([widgets.HTML("hidden layer: W<sup>(1)</sup>, b<sup>(1)</sup>")] + self.sliders[:6])
        output = widgets.VBox([widgets.HTML("output layer: W<sup>(2)</sup>, b<sup>(2)</sup>")] + self.sliders[6:] + [self.solution_button])
        self.widget = panel(widgets.HBox([hidden, output]), self.readout, self.live.output,
                            title="Network playground: solve XOR by hand")
        self.update()

    def values(self):
        """The 9 parameters currently on the sliders, in the order of PARAM_NAMES."""
        return np.array([s.value for s in self.sliders])

    def draw(self, params) -> PlaygroundState:
        """Update the drawing for ``params`` without rendering; returns the state shown."""
        W, b = unpack(params)
        update_network(self.ax_net, W, b)
        update_decision_boundary(self.ax_out, lambda P: network_output(params, P))
        return playground_state(params, self.X, self.y)

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
