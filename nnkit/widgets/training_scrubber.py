"""Training scrubber: slide through the training of a small network and watch it learn.

Training runs once, up front: :func:`train_with_snapshots` keeps the weights
every few steps, and :func:`precompute_frames` evaluates every snapshot on a
grid over the input plane and on the data (the last hidden layer's
activations).  Scrubbing then only swaps arrays into artists that already
exist (``set_data`` on the heat map, ``set_offsets`` on the scatter, the
marker's ``set_data``) - no training and no new figure per slider move.
"""
from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array, check_positive
from ..plotting.boundary import data_extent, input_grid, plot_decision_boundary, update_decision_boundary
from ..plotting.curves import plot_loss_curve
from ..plotting.hidden_space import plot_hidden_space, update_hidden_space

__all__ = ["Snapshots", "train_with_snapshots", "Frames", "precompute_frames", "TrainingScrubber",
           "training_scrubber"]


@dataclass
class Snapshots:
    """Weights during training: ``W[k]``, ``b[k]`` after ``steps[k]`` steps; ``loss[t]`` the loss at step t.

    ``loss`` has one entry per step (the full-batch loss just before that step's update).
    """

    steps: np.ndarray
    W: list
    b: list
    loss: np.ndarray


def train_with_snapshots(net, X, y, steps: int = 2000, every: int = 20, lr: float = 0.1) -> Snapshots:
    """Train ``net`` full-batch for ``steps`` steps with ``lr``, copying its weights every ``every`` steps.

    The first snapshot is the initial network (step 0), the last the trained one.
    ``net`` is trained in place (see :meth:`nnkit.Network.fit`).
    """
    check_positive(steps, "steps", integer=True)
    check_positive(every, "every", integer=True)
    if steps % every:
        raise ValueError(f"steps must be a multiple of every, got steps={steps} and every={every}")
    W = [[w.copy() for w in net.W]]
    b = [[v.copy() for v in net.b]]
    losses = []
    for _ in range(steps // every):
        history = net.fit(X, y, epochs=every, lr=lr, progress=False)
        losses.extend(history.loss)
        W.append([w.copy() for w in net.W])
        b.append([v.copy() for v in net.b])
    return Snapshots(np.arange(0, steps + 1, every), W, b, np.asarray(losses))


@dataclass
class Frames:
    """Everything a frame of the scrubber shows, one entry per snapshot.

    ``grid`` (K, R, R): the network's output over the input plane; ``hidden``
    (K, n, 2): the last hidden layer's activations of the data; ``w_out`` (K, 2)
    and ``b_out`` (K,): the output unit's weights and bias; ``loss`` (K,): the loss
    of that snapshot's weights on (X, y); ``extent`` and ``steps`` as in :class:`Snapshots`.
    """

    steps: np.ndarray
    grid: np.ndarray
    hidden: np.ndarray
    w_out: np.ndarray
    b_out: np.ndarray
    loss: np.ndarray
    extent: tuple


def precompute_frames(net, snapshots: Snapshots, X, y, resolution: int = 80, extent=None) -> Frames:
    """Evaluate every snapshot of ``snapshots`` on an input grid and on ``X``; returns :class:`Frames`.

    ``net`` gives the architecture (its weights are put back afterwards);
    its last hidden layer must have two units and its output one.
    """
    X = as_float_array(X, "X", ndim=2)
    if net.sizes[-2] != 2 or net.sizes[-1] != 1:
        raise ValueError(f"the scrubber needs a last hidden layer of 2 units and 1 output, got sizes {net.sizes}")
    extent = data_extent(X) if extent is None else extent
    _, _, points = input_grid(extent, resolution)
    keep_W, keep_b = net.W, net.b
    grid, hidden, loss = [], [], []
    try:
        for W, b in zip(snapshots.W, snapshots.b):
            net.W, net.b = W, b
            grid.append(net.forward(points)[:, 0].reshape(resolution, resolution))
            hidden.append(net.forward(X, cache=True)[1].H[-2])
            loss.append(net.loss(X, y))
    finally:
        net.W, net.b = keep_W, keep_b
    return Frames(snapshots.steps, np.array(grid), np.array(hidden),
                  np.array([W[-1][0] for W in snapshots.W]), np.array([b[-1][0] for b in snapshots.b]),
                  np.array(loss), tuple(extent))


class TrainingScrubber:
    """Three panels for one snapshot: decision boundary, last hidden layer's space, loss curve with a marker.

    ``TrainingScrubber(net, snapshots, X, y)`` precomputes the frames and draws
    the last snapshot; ``show_step(step)`` moves every artist to the snapshot
    nearest to ``step`` and returns the loss there.
    """

    def __init__(self, net, snapshots: Snapshots, X, y, resolution: int = 80):
        self.frames = precompute_frames(net, snapshots, X, y, resolution)
        fr = self.frames
        self.fig, (self.ax_b, self.ax_h, self.ax_l) = plt.subplots(1, 3, figsize=(13, 3.9))
        plot_decision_boundary(lambda p: fr.grid[-1].ravel(), X, y, ax=self.ax_b, extent=fr.extent,
                               resolution=resolution)
        plot_hidden_space(net, X, y, ax=self.ax_h, title="")
        plot_loss_curve(snapshots.loss, ax=self.ax_l, xlabel="step")
        (self.marker,) = self.ax_l.plot([], [], "o", color="#d62728", markersize=9, zorder=3)
        self.ax_l.set_title("loss during training", fontsize=10)
        self.fig.tight_layout()
        self.show_step(int(fr.steps[-1]))

    def index(self, step) -> int:
        """Index of the snapshot nearest to ``step``."""
        return int(np.argmin(np.abs(self.frames.steps - step)))

    def show_step(self, step) -> float:
        """Put the snapshot nearest to ``step`` into every artist (in place); returns its loss."""
        fr, k = self.frames, self.index(step)
        update_decision_boundary(self.ax_b, lambda p: fr.grid[k].ravel())
        update_hidden_space(self.ax_h, fr.hidden[k], fr.w_out[k], fr.b_out[k])
        self.marker.set_data([fr.steps[k]], [fr.loss[k]])
        self.ax_b.set_title(f"step {fr.steps[k]}: output over the input plane", fontsize=10)
        self.ax_h.set_title(f"step {fr.steps[k]}: last hidden layer, loss {fr.loss[k]:.3f}", fontsize=10)
        return float(fr.loss[k])


def training_scrubber(net, snapshots: Snapshots, X, y, resolution: int = 80):
    """The widget: a slider over the training steps above the :class:`TrainingScrubber` figure.

    Returns the panel; ``panel.scrubber`` is its :class:`TrainingScrubber`, ``panel.slider`` the slider.
    """
    import ipywidgets as widgets

    from ._live import LivePlot, panel

    scrubber = TrainingScrubber(net, snapshots, X, y, resolution)
    live = LivePlot(scrubber.fig)
    steps = scrubber.frames.steps
    slider = widgets.IntSlider(value=int(steps[-1]), min=int(steps[0]), max=int(steps[-1]),
                               step=int(steps[1] - steps[0]) if len(steps) > 1 else 1,
                               description="step", continuous_update=True,
                               layout=widgets.Layout(width="600px"))

    def redraw(change):
        scrubber.show_step(change["new"])
        live.show()

    slider.observe(redraw, names="value")
    live.show()
    box = panel(slider, live.output, title="Training, step by step")
    box.scrubber, box.slider = scrubber, slider  # for tests and for curious students
    return box
