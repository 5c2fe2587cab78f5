"""Notebook 01's widget: move a perceptron's decision line by hand, or let the rule move it.

The perceptron answers 1 where w_1 x_1 + w_2 x_2 + b >= 0.  Sliders set w_1,
w_2 and b; the plot (equal scales on both axes, so that w looks perpendicular
to the line, as it is) shows the line w_1 x_1 + w_2 x_2 + b = 0, the side
answered 1 (shaded), the weight vector w (an arrow from the line towards that
side) and rings around the misclassified points.

Two buttons let Rosenblatt's rule move the line: "one sample" shows the rule the
next sample in order, highlights it and says whether it caused an update (the
line before the update stays as a dashed line); "one epoch" runs a whole pass
(:meth:`nnkit.perceptron.Perceptron.epoch`).  A dropdown chooses the data: two
separable clouds, XOR or two moons.

The logic is in plain functions of :mod:`nnkit.widgets.perceptron_line`
(:func:`decision_line`, :func:`lab_state`, :func:`run_sample`, :func:`run_epoch`,
:func:`lab_data`), which the tests call; :class:`PerceptronLab` only wires them
to ipywidgets and draws what they return.
"""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array
from ..plotting.boundary import CLASS_COLORS, data_extent, input_grid
from ._live import LivePlot, panel
from .perceptron_line import LAB_DATASETS, LabState, decision_line, lab_data, lab_state, run_epoch, run_sample

__all__ = ["PerceptronLab", "perceptron_lab",
           "decision_line", "run_sample"]   # from perceptron_line; notebooks 01 and 03 import them from here


class PerceptronLab:
    """Sliders w_1, w_2, b; a data-set dropdown; buttons "one sample", "one epoch" and "reset".

    ``.widget`` is the panel to display.  ``update()`` redraws from the controls.
    ``X``, ``y`` replace the "separable" data set when given.
    """

    def __init__(self, X=None, y=None, w=(0.0, 0.0), b=0.0, lr=1.0, limit=10.0, dataset="separable"):
        self._given = None if X is None else (as_float_array(X, "X", ndim=2), np.asarray(y))
        self.lr = lr
        self.start = (float(w[0]), float(w[1]), float(b))
        self.epochs = 0
        self.next_sample = 0
        self._note = ""
        self._quiet = False
        opts = dict(min=-limit, max=limit, step=0.01, readout_format=".2f", continuous_update=True)
        self.sliders = [widgets.FloatSlider(value=v, description=d, **opts)
                        for v, d in zip(self.start, ("w\u2081", "w\u2082", "b"))]
        self.dataset = widgets.Dropdown(options=list(LAB_DATASETS), value=dataset, description="data")
        self.sample_button = widgets.Button(description="one sample", icon="hand-o-right")
        self.epoch_button = widgets.Button(description="one epoch", icon="step-forward")
        self.reset_button = widgets.Button(description="reset", icon="undo")
        self.readout = widgets.HTML()
        self.X, self.y = self._data(dataset)
        self._build_figure()
        for s in self.sliders:
            s.observe(lambda change: self._moved_by_hand(), names="value")
        self.dataset.observe(lambda change: self.set_dataset(change["new"]), names="value")
        self.sample_button.on_click(lambda _: self.one_sample())
        self.epoch_button.on_click(lambda _: self.one_epoch())
        self.reset_button.on_click(lambda _: self.reset())
        buttons = widgets.VBox([self.dataset, widgets.HBox([self.sample_button, self.epoch_button]),
                                self.reset_button])
        self.widget = panel(widgets.HBox([widgets.VBox(self.sliders), buttons]), self.readout,
                            self.live.output, title="Perceptron lab")
        self.update()

    # -- data ------------------------------------------------------------------
    def _data(self, name):
        if name == "separable" and self._given is not None:
            return self._given
        X, y = lab_data(name)
        return as_float_array(X, "X", ndim=2), np.asarray(y)

    def set_dataset(self, name):
        """Show the data set ``name``; the weights stay, the record of steps starts again."""
        self.X, self.y = self._data(name)
        self.epochs, self.next_sample, self._note = 0, 0, ""
        self._place_data()
        self.update()

    # -- drawing ---------------------------------------------------------------
    def _build_figure(self):
        fig, ax = plt.subplots(figsize=(5.0, 5.2))
        self.shade = ax.imshow(np.zeros((2, 2)), origin="lower", extent=(0, 1, 0, 1), cmap="RdBu",
                               vmin=-0.6, vmax=1.6, alpha=0.35, interpolation="nearest")
        self.points = ax.scatter([], [], s=28, edgecolors="k", linewidths=0.6, zorder=3)
        (self.ring,) = ax.plot([], [], "o", ms=12, mfc="none", mec="k", mew=1.5, zorder=4, label="misclassified")
        (self.old_line,) = ax.plot([], [], "k--", lw=1.2, alpha=0.6, zorder=4, label="line before the update")
        (self.line,) = ax.plot([], [], "k-", lw=2, zorder=5, label="decision line")
        (self.current,) = ax.plot([], [], "o", ms=17, mfc="none", mec="#f0a800", mew=3.5, zorder=6,
                                  label="sample shown to the rule")
        self.arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0),
                                 arrowprops=dict(arrowstyle="-|>", color="#333333", lw=1.5), zorder=6)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        fig.legend(loc="lower center", ncol=2, fontsize=8, frameon=False)
        self.ax = ax
        self._place_data()
        fig.tight_layout(rect=(0, 0.1, 1, 1))
        self.live = LivePlot(fig)

    def _place_data(self):
        """Put the current data set on the Axes: points, grid of the shading, square limits."""
        self.extent = _square_extent(self.X)
        self.xx, self.yy, self.grid = input_grid(self.extent, 100)
        self.shade.set_extent(self.extent)
        self.points.set_offsets(self.X)
        self.points.set_facecolor([CLASS_COLORS[int(label)] for label in self.y])
        self.ax.set_xlim(self.extent[:2])
        self.ax.set_ylim(self.extent[2:])
        self.ax.set_aspect("equal", adjustable="box")
        self.old_line.set_data([], [])
        self.current.set_data([], [])

    def values(self):
        """The current (w1, w2, b) of the sliders."""
        return tuple(s.value for s in self.sliders)

    def draw(self, w1, w2, b) -> LabState:
        """Update the artists for (w1, w2, b) (no rendering); returns the state shown."""
        st = lab_state(w1, w2, b, self.X, self.y)
        self.line.set_data(*st.line)
        self.shade.set_data(((self.grid @ np.array([w1, w2]) + b) >= 0).reshape(self.xx.shape).astype(float))
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
        self.readout.value = st.text + epochs + (f"<br>{self._note}" if self._note else "")
        self.live.show()

    def set_values(self, w1, w2, b):
        """Move the sliders to (w1, w2, b) and redraw once."""
        self._quiet = True
        for s, v in zip(self.sliders, (w1, w2, b)):
            s.value = v
        self._quiet = False
        self.update()

    # -- the buttons -------------------------------------------------------------
    def _moved_by_hand(self):
        if not self._quiet:
            self.old_line.set_data([], [])
            self.current.set_data([], [])
            self._note = ""
        self.update()

    def one_sample(self):
        """Show the next sample to the rule: highlight it, update if it is misclassified."""
        before = self.values()
        step = run_sample(*before, self.X, self.y, self.next_sample, self.lr)
        self.next_sample = (step.k + 1) % len(self.X)
        self.current.set_data([self.X[step.k, 0]], [self.X[step.k, 1]])
        self.old_line.set_data(*(decision_line(*before) if step.updated else ([], [])))
        self._note = step.text
        self.set_values(step.w1, step.w2, step.b)

    def one_epoch(self):
        w1, w2, b, updates = run_epoch(*self.values(), self.X, self.y, self.lr)
        self.epochs += 1
        self.next_sample = 0
        self.old_line.set_data([], [])
        self.current.set_data([], [])
        self._note = (f"last epoch made {updates} update{'s' if updates != 1 else ''}"
                      + (" \u2014 converged" if updates == 0 else ""))
        self.set_values(w1, w2, b)

    def reset(self):
        self.epochs, self.next_sample, self._note = 0, 0, ""
        self.old_line.set_data([], [])
        self.current.set_data([], [])
        self.set_values(*self.start)


def perceptron_lab(X=None, y=None, w=(0.0, 0.0), b=0.0, lr=1.0, limit=10.0, dataset="separable"):
    """The perceptron lab widget; returns the panel to display.

    Without ``X``, ``y`` the "separable" data set is :func:`lab_data`'s; with them
    (X (n, 2), y (n,) labels 0/1) they are.  ``dataset`` is the one shown first.
    """
    return PerceptronLab(X, y, w, b, lr, limit, dataset).widget


def _square_extent(X, margin=0.12):
    """The data's extent widened to a square, so that equal axis scales fill the plot."""
    x0, x1, y0, y1 = data_extent(X, margin=margin)
    cx, cy, half = (x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, y1 - y0) / 2
    return (cx - half, cx + half, cy - half, cy + half)
