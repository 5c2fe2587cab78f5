"""Optimiser lab: gradient descent, momentum and Adam on the elongated bowl of notebook 04.

The bowl is f(x, y) = 1/2 (x^2 + 10 y^2), with gradient (x, 10 y): ten times
steeper across the valley (y) than along it (x).  Plain gradient descent with a
learning rate large enough to move along x overshoots across y and zig-zags.
The two remedies, with g the gradient at the current point p (notebook 04
derives them; :mod:`nnkit.optim` holds the same updates):

* momentum:  v <- beta v + g;  p <- p - lr v
  (gradients that alternate in sign cancel in v, gradients that agree add up);
* Adam:      m <- beta1 m + (1 - beta1) g;  s <- beta2 s + (1 - beta2) g^2;
             p <- p - lr m_hat / (sqrt(s_hat) + eps), with m_hat = m / (1 - beta1^t),
             s_hat = s / (1 - beta2^t)
  (each coordinate's step is divided by the size of its own recent gradients).

:func:`optimizer_path` runs one of them; :class:`OptimizerLab` draws the chosen
path over the contour lines and its height f(p_k) against the step k, beside
plain gradient descent at its best learning rate; :func:`optimizer_lab` wires a toggle and two sliders to it.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validate import check_choice, check_positive
from ..optim import SGD, Adam, Momentum
from ..plotting.curves import END_COLOR, START_COLOR, clip_to_view

__all__ = ["STEEPNESS", "START", "METHODS", "BEST_GD_LR", "bowl", "bowl_grad", "optimizer_path", "heights",
           "OptimizerLab", "optimizer_lab"]

STEEPNESS = 10.0
"""How much steeper the bowl is across its valley (y) than along it (x)."""

START = (-4.0, 1.5)
METHODS = ("gradient descent", "momentum", "adam")
_NAMES = {"gradient descent": "gradient descent", "momentum": "momentum", "adam": "Adam"}
STEPS = 50
EXTENT = (-4.5, 4.5, -2.0, 2.0)
LIMIT = 1e6  # a path that leaves |p| < LIMIT has diverged: it stops there
_COLORS = {"gradient descent": "#1f77b4", "momentum": "#e67e00", "adam": "#2a9d3f"}


def bowl(x, y):
    """f(x, y) = 1/2 (x^2 + 10 y^2), element-wise on arrays of equal shape."""
    return 0.5 * (np.asarray(x, dtype=np.float64) ** 2 + STEEPNESS * np.asarray(y, dtype=np.float64) ** 2)


def bowl_grad(p):
    """The gradient (x, 10 y) of :func:`bowl` at p = (x, y)."""
    p = np.asarray(p, dtype=np.float64)
    return np.array([p[0], STEEPNESS * p[1]])


def _optimizer(method, lr, beta):
    if method == "gradient descent":
        return SGD(lr)
    if method == "momentum":
        return Momentum(lr, beta=beta)
    return Adam(lr, beta1=beta)


def optimizer_path(method, lr, beta=0.9, steps: int = STEPS, start=START):
    """The points p_0 .. p_K of ``method`` on :func:`bowl` from ``start``; shape (K + 1, 2).

    ``method`` is one of :data:`METHODS` (any case); ``beta`` is momentum's beta, or Adam's
    beta1 (beta2 = 0.999, eps = 1e-8); plain gradient descent ignores it.
    K = ``steps``, unless the run diverges (|p| > 1e6): the path then ends at
    the first point beyond that, without overflow.
    """
    method = check_choice(method, "method", METHODS)
    check_positive(lr, "lr")
    check_positive(steps, "steps", integer=True)
    if not 0.0 <= beta < 1.0:
        raise ValueError(f"beta must be a number in [0, 1), got {beta!r}")
    opt = _optimizer(method, lr, beta)
    p = np.array(start, dtype=np.float64)
    path = [p.copy()]
    for _ in range(steps):
        opt.step([p], [bowl_grad(p)])  # updates p in place
        path.append(p.copy())
        if np.max(np.abs(p)) > LIMIT:
            break
    return np.array(path)


def heights(path):
    """f(p_k) for every point of ``path`` (shape (K + 1, 2)), floored at 1e-12 for a log axis."""
    path = np.asarray(path, dtype=np.float64)
    return np.maximum(bowl(path[:, 0], path[:, 1]), 1e-12)


BEST_GD_LR = 2.0 / (1.0 + STEEPNESS)
"""The best constant learning rate of plain gradient descent on :func:`bowl`, 2/11: it makes the
factors per step of the two directions, 1 - lr and 1 - 10 lr, equal in size (0.82)."""


class OptimizerLab:
    """Left: the bowl's contour lines and one method's path.  Right: its height f(p_k) against the step k.

    The right panel keeps plain gradient descent at its best learning rate
    (:data:`BEST_GD_LR`) as a dashed reference.  ``OptimizerLab(method, lr, beta)``
    draws; ``update(method, lr, beta)`` moves the artists in place and returns the path.
    """

    def __init__(self, method="momentum", lr=0.1, beta=0.5, steps: int = STEPS):
        self.steps = steps
        self.fig, (self.ax, self.ax_f) = plt.subplots(1, 2, figsize=(12, 3.9), gridspec_kw={"width_ratios": [1.6, 1]})
        x0, x1, y0, y1 = EXTENT
        xx, yy = np.meshgrid(np.linspace(x0, x1, 160), np.linspace(y0, y1, 90))
        zz = bowl(xx, yy)
        self.ax.contour(xx, yy, zz, levels=np.geomspace(0.02, zz.max(), 14), cmap="viridis", linewidths=0.8)
        self.ax.plot([0], [0], "+", color="k", markersize=10)
        (self.path_line,) = self.ax.plot([], [], ".-", linewidth=1.3, markersize=5)
        self.ax.plot([START[0]], [START[1]], "o", color=START_COLOR, markersize=8)
        (self.end,) = self.ax.plot([], [], "X", color=END_COLOR, markersize=9)
        self.ax.set_xlim(x0, x1)
        self.ax.set_ylim(y0, y1)
        self.ax.set_aspect("equal")
        self.ax.set_xlabel("x")
        self.ax.set_ylabel("y")
        reference = heights(optimizer_path("gradient descent", BEST_GD_LR, steps=steps))
        self.ax_f.plot(np.arange(len(reference)), reference, "--", color="0.45", linewidth=1.2,
                       label=f"gradient descent, lr 2/11 = {BEST_GD_LR:.2f} (its best)")
        (self.curve,) = self.ax_f.plot([], [], linewidth=2.2)
        self.ax_f.set_yscale("log")
        self.ax_f.set_xlim(0, steps)
        self.ax_f.set_ylim(1e-10, 1e3)
        self.ax_f.set_xlabel("step k")
        self.ax_f.set_ylabel("height $f(p_k)$ above the minimum")
        self.ax_f.grid(True, which="major", alpha=0.3)
        self.update(method, lr, beta)
        self.fig.tight_layout()

    def update(self, method, lr, beta):
        """Draw ``method``'s path and heights for ``lr`` and ``beta``; returns the path."""
        method = check_choice(method, "method", METHODS)
        path = optimizer_path(method, lr, beta, self.steps)
        h = heights(path)
        self.curve.set_data(np.arange(len(h)), clip_to_view(h, 1e-10, 1e3, margin=0.0))
        self.curve.set_color(_COLORS[method])
        beta_text = "" if method == "gradient descent" else f", beta {beta:g}"
        self.curve.set_label(f"{_NAMES[method]}, lr {lr:g}{beta_text}")
        self.ax_f.legend(loc="lower left", fontsize=8)
        x0, x1, y0, y1 = EXTENT
        px, py = clip_to_view(path[:, 0], x0, x1), clip_to_view(path[:, 1], y0, y1)
        self.path_line.set_data(px, py)
        self.path_line.set_color(_COLORS[method])
        self.end.set_data(px[-1:], py[-1:])
        dist = float(np.hypot(*path[-1]))
        where = f"{dist:.2g} from the minimum" if dist < LIMIT else "diverged"
        self.ax.set_title(f"{_NAMES[method]}, lr {lr:g}{beta_text}: after {len(path) - 1} steps {where}",
                          fontsize=10)
        return path


def optimizer_lab(method="momentum", lr=0.1, beta=0.5):
    """The widget: a toggle for the method, a log slider for lr and a slider for beta over the lab's figure.

    Returns the panel; ``panel.lab`` is its :class:`OptimizerLab`, ``panel.controls`` the
    (method, lr, beta) controls.
    """
    import ipywidgets as widgets

    from ._live import LivePlot, panel

    lab = OptimizerLab(method, lr, beta)
    live = LivePlot(lab.fig)
    method_toggle = widgets.ToggleButtons(options=[(_NAMES[m], m) for m in METHODS],
                                          value=check_choice(method, "method", METHODS), description="method")
    lr_slider = widgets.FloatLogSlider(value=lr, base=10, min=-3, max=0, step=0.05, description="lr",
                                       readout_format=".3f", continuous_update=False)
    beta_slider = widgets.FloatSlider(value=beta, min=0.0, max=0.99, step=0.01, description="beta",
                                      continuous_update=False)

    def redraw(_=None):
        lab.update(method_toggle.value, lr_slider.value, beta_slider.value)
        live.show()

    for control in (method_toggle, lr_slider, beta_slider):
        control.observe(redraw, names="value")
    live.show()
    box = panel(method_toggle, widgets.HBox([lr_slider, beta_slider]), live.output,
                title="Gradient descent, momentum and Adam on the bowl f(x, y) = \u00bd(x\u00b2 + 10y\u00b2)")
    box.lab, box.controls = lab, (method_toggle, lr_slider, beta_slider)  # for tests and for curious students
    return box
