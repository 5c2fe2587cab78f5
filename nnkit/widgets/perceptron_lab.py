"""Notebook 01's widget: move a perceptron's decision line by hand, or let the rule move it.

The perceptron answers 1 where w1 x1 + w2 x2 + b >= 0.  Sliders set w1, w2
and b; the plot shows the line w1 x1 + w2 x2 + b = 0, the side answered 1
(shaded), the weight vector w (an arrow perpendicular to the line, pointing to
that side) and rings around the misclassified points.  "One epoch" runs one
pass of Rosenblatt's rule (:meth:`nnkit.perceptron.Perceptron.epoch`) from the
current weights and moves the sliders to where the rule took them.

The logic is in plain functions (:func:`decision_line`, :func:`lab_state`,
:func:`run_epoch`), which the tests call; :class:`PerceptronLab` only wires them
to ipywidgets.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array
from ..perceptron import Perceptron, count_mistakes
from ..plotting.boundary import CLASS_COLORS, data_extent, input_grid
from ._live import LivePlot, panel

__all__ = ["decision_line", "lab_state", "run_epoch", "LabState", "PerceptronLab", "perceptron_lab"]


def decision_line(w1, w2, b, length=100.0):
    """Two far-apart points ``(xs, ys)`` on the line w1 x1 + w2 x2 + b = 0.

    The line passes through p0 = -b w / |w|^2 (its point nearest the origin)
    in the direction (-w2, w1); the points are ``length`` either side of p0,
    so the Axes limits clip it.  With w = 0 there is no line: empty arrays.
    """
    w = np.array([w1, w2], dtype=np.float64)
    norm2 = float(w @ w)
    if norm2 == 0.0:
        return np.empty(0), np.empty(0)
    p0 = -float(b) * w / norm2
    d = np.array([-w[1], w[0]]) / np.sqrt(norm2)
    xs = p0[0] + np.array([-length, length]) * d[0]
    ys = p0[1] + np.array([-length, length]) * d[1]
    return xs, ys


@dataclass
class LabState:
    """What the plot shows for one setting of the sliders."""

    mistakes: int          # number of misclassified points
    wrong: np.ndarray      # (n,) bool: which points are misclassified
    line: tuple            # (xs, ys) of the decision line, see decision_line
    text: str              # one sentence for the readout


def lab_state(w1, w2, b, X, y) -> LabState:
    """Evaluate the perceptron (w1, w2, b) on data X (n, 2), y (n,) labels 0/1."""
    X = as_float_array(X, "X", ndim=2)
    w = np.array([w1, w2], dtype=np.float64)
    mistakes = count_mistakes(w, b, X, y)
    wrong = ((X @ w + b) >= 0).astype(np.int64) != np.asarray(y)
    text = (f"w = ({w1:.2f}, {w2:.2f}), b = {b:.2f}: {mistakes} of {len(X)} points misclassified"
            + (" \u2014 every point is on its side" if mistakes == 0 else "")
            + (f" (w = 0 draws no line: every point gets the answer {int(b >= 0)})" if w1 == w2 == 0 else ""))
    return LabState(mistakes, wrong, decision_line(w1, w2, b), text)


def run_epoch(w1, w2, b, X, y, lr=1.0):
    """One epoch of the perceptron rule from (w1, w2, b), visiting the samples in order.

    Returns ``(w1, w2, b, updates)``: the weights after the pass and the number
    of updates (mistakes) made during it; 0 updates means converged.
    """
    p = Perceptron(lr=lr)
    p.w = [w1, w2]
    p.b = b
    updates = p.epoch(X, y)
    return float(p.w[0]), float(p.w[1]), float(p.b), updates


class PerceptronLab:
    """Sliders w1, w2, b; buttons "one epoch" and "reset"; the plot and a readout.

    ``.widget`` is the panel to display.  ``update()`` redraws from the sliders.
    """

    def __init__(self, X, y, w=(0.0, 0.0), b=0.0, lr=1.0, limit=10.0):
        self.X = as_float_array(X, "X", ndim=2)
        self.y = np.asarray(y)
        self.lr = lr
        self.start = (float(w[0]), float(w[1]), float(b))
        self.epochs = 0
        self._quiet = False
        opts = dict(min=-limit, max=limit, step=0.01, readout_format=".2f", continuous_update=True)
        self.sliders = [widgets.FloatSlider(value=v, description=d, **opts)
                        for v, d in zip(self.start, ("w1", "w2", "b"))]
        self.epoch_button = widgets.Button(description="one epoch", icon="step-forward")
        self.reset_button = widgets.Button(description="reset", icon="undo")
        self.readout = widgets.HTML()
        self._build_figure()
        for s in self.sliders:
            s.observe(lambda change: self.update(), names="value")
        self.epoch_button.on_click(lambda _: self.one_epoch())
        self.reset_button.on_click(lambda _: self.reset())
        self.widget = panel(widgets.HBox([widgets.VBox(self.sliders),
                                          widgets.VBox([self.epoch_button, self.reset_button])]),
                            self.readout, self.live.output, title="Perceptron lab")
        self.update()

    def _build_figure(self):
        fig, ax = plt.subplots(figsize=(5.2, 4.4))
        self.extent = data_extent(self.X, margin=0.1)
        self.xx, self.yy, self.points = input_grid(self.extent, 100)
        self.shade = ax.imshow(np.zeros(self.xx.shape), origin="lower", extent=self.extent, cmap="RdBu",
                               vmin=-0.6, vmax=1.6, alpha=0.35, aspect="auto", interpolation="nearest")
        for label in (0, 1):
            pts = self.X[self.y == label]
            ax.scatter(pts[:, 0], pts[:, 1], s=28, color=CLASS_COLORS[label], edgecolors="k", linewidths=0.6,
                       label=f"class {label}", zorder=3)
        (self.ring,) = ax.plot([], [], "o", ms=12, mfc="none", mec="k", mew=1.5, zorder=4, label="misclassified")
        (self.line,) = ax.plot([], [], "k-", lw=2, zorder=5, label="decision line")
        self.arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0),
                                 arrowprops=dict(arrowstyle="-|>", color="#333333", lw=1.5), zorder=6)
        ax.set_xlim(self.extent[:2])
        ax.set_ylim(self.extent[2:])
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
        fig.tight_layout()
        self.ax = ax
        self.live = LivePlot(fig)

    def values(self):
        """The current (w1, w2, b) of the sliders."""
        return tuple(s.value for s in self.sliders)

    def draw(self, w1, w2, b) -> LabState:
        """Update the artists for (w1, w2, b) (no rendering); returns the state shown."""
        st = lab_state(w1, w2, b, self.X, self.y)
        self.line.set_data(*st.line)
        self.shade.set_data(((self.points @ np.array([w1, w2]) + b) >= 0).reshape(self.xx.shape).astype(float))
        self.ring.set_data(self.X[st.wrong, 0], self.X[st.wrong, 1])
        if st.line[0].size:  # the weight vector, drawn from the line's point nearest the data centre
            c = self.X.mean(axis=0)
            w = np.array([w1, w2])
            foot = c - (c @ w + b) / (w @ w) * w
            scale = 0.15 * (self.extent[1] - self.extent[0]) / np.sqrt(w @ w)
            self.arrow.xy = tuple(foot + scale * w)      # the head
            self.arrow.set_position(tuple(foot))         # the tail, on the line
            self.arrow.set_visible(True)
        else:
            self.arrow.set_visible(False)
        return st

    def update(self):
        if self._quiet:
            return
        st = self.draw(*self.values())
        epochs = f"; epochs run: {self.epochs}" if self.epochs else ""
        self.readout.value = st.text + epochs + getattr(self, "_epoch_note", "")
        self.live.show()

    def set_values(self, w1, w2, b):
        """Move the sliders to (w1, w2, b) and redraw once."""
        self._quiet = True
        for s, v in zip(self.sliders, (w1, w2, b)):
            s.value = v
        self._quiet = False
        self.update()

    def one_epoch(self):
        w1, w2, b, updates = run_epoch(*self.values(), self.X, self.y, self.lr)
        self.epochs += 1
        self._epoch_note = (f"<br>last epoch made {updates} update{'s' if updates != 1 else ''}"
                            + (" \u2014 converged" if updates == 0 else ""))
        self.set_values(w1, w2, b)

    def reset(self):
        self.epochs = 0
        self._epoch_note = ""
        self.set_values(*self.start)


def perceptron_lab(X, y, w=(0.0, 0.0), b=0.0, lr=1.0, limit=10.0):
    """The perceptron lab widget for data X (n, 2), y (n,) labels 0/1; returns the panel to display."""
    return PerceptronLab(X, y, w, b, lr, limit).widget
