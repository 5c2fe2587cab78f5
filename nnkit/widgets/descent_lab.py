"""Gradient descent lab: the learning rate and the start point, and what they do to the steps.

The function of notebook 04 is f(x) = x^4 - 3x^3 + 2 with f'(x) = x^2 (4x - 9):
its minimum is at x = 9/4 and x = 0 is a flat point (f' = 0) that is not a minimum.
:func:`run_descent` follows x <- x - lr f'(x) and says in words what happened:

* ``"good"``        - reached the minimum within the step budget;
* ``"too small"``   - still creeping towards it when the budget ran out;
* ``"oscillating"`` - each step jumps over the minimum to the other side;
* ``"divergent"``   - the steps grow and x runs off (stopped quietly at |x| > 1e12);
* ``"stuck"``       - held at the flat point x = 0, where the slope is 0 too
  (coming from the left, the steps shrink like x^2 and never pass it).

:class:`DescentLab` draws a run in three panels and updates them in place: the
whole curve with every step (the start always in sight), a zoom onto the
region where the steps end (:func:`zoom_window`: the overview's y-axis runs to
the height of the start, hundreds of units, which flattens everything near the
minimum), and x_k against the step k.  :func:`descent_lab` wires two sliders to it.
"""
from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np

from .._validate import check_positive
from ..optim import gradient_descent
from ..plotting.curves import clip_to_view, find_artist, plot_descent_1d, update_descent_1d

__all__ = ["quartic", "quartic_prime", "X_MIN", "DescentRun", "run_descent", "zoom_window", "DescentLab",
           "descent_lab"]

X_MIN = 9.0 / 4.0
"""Where f'(x) = x^2 (4x - 9) = 0 with f'' > 0: the minimum of :func:`quartic`."""

XLIM = (-2.0, 6.5)
MAX_STEPS = 200
ZOOM_MIN_HALF_WIDTH = 0.05


def quartic(x):
    """f(x) = x^4 - 3x^3 + 2, element-wise."""
    x = np.asarray(x, dtype=np.float64)
    return x**4 - 3.0 * x**3 + 2.0


def quartic_prime(x):
    """f'(x) = 4x^3 - 9x^2, element-wise."""
    x = np.asarray(x, dtype=np.float64)
    return 4.0 * x**3 - 9.0 * x**2


@dataclass
class DescentRun:
    """One run of gradient descent on :func:`quartic`: the path x_0..x_K, the verdict and a sentence."""

    path: np.ndarray
    status: str
    message: str

    @property
    def steps(self) -> int:
        return len(self.path) - 1


def _direction_changes(path) -> float:
    """Fraction of consecutive steps that reverse direction (0 for a monotone path)."""
    moves = np.sign(np.diff(path))
    moves = moves[moves != 0]
    if moves.size < 3:
        return 0.0
    return float(np.mean(moves[1:] != moves[:-1]))


def run_descent(lr, x0, max_steps: int = MAX_STEPS, precision: float = 1e-5) -> DescentRun:
    """Gradient descent on :func:`quartic` from ``x0`` with step ``lr``; returns a :class:`DescentRun`.

    Stops when a step is smaller than ``precision``, after ``max_steps``, or when
    |x| > 1e12 (see :func:`nnkit.optim.gradient_descent`), without overflow warnings.
    """
    check_positive(lr, "lr")
    path = gradient_descent(quartic_prime, float(x0), lr, precision=precision, max_steps=max_steps)
    end = path[-1]
    k = len(path) - 1
    last_step = abs(path[-1] - path[-2]) if k else 0.0
    converged = last_step < precision
    osc = _direction_changes(path)
    if not np.isfinite(end) or abs(end) > 1e3:
        return DescentRun(path, "divergent",
                          f"divergent: the steps grow and x runs off to {end:.2g} after {k} steps; lr is too large")
    if osc > 0.5 and k > 3:
        tail = "and settles" if converged else "and has not settled"
        return DescentRun(path, "oscillating",
                          f"oscillating: x jumps over the minimum at every step {tail} (x = {end:.4f} after {k} steps)")
    if converged and abs(end - X_MIN) < 1e-2:
        return DescentRun(path, "good", f"good: reached x = {end:.4f} (the minimum 9/4) in {k} steps")
    if abs(end) < 0.3:
        return DescentRun(path, "stuck",
                          f"stuck: x = {end:.4f} after {k} steps, at the flat point x = 0 where f'(x) = 0 "
                          "but f has no minimum")
    return DescentRun(path, "too small",
                      f"too small: after {k} steps x = {end:.4f} is still creeping towards 9/4; lr is too small")


def zoom_window(path, xlim=XLIM, min_half_width: float = ZOOM_MIN_HALF_WIDTH):
    """The (xlim, ylim) of a view of :func:`quartic` around where a run of gradient descent ends.

    It frames the second half of the path (at least its last four points): where
    the run settles, creeps or oscillates.  A run that leaves ``xlim`` (diverges)
    has nothing to settle on, so the view frames its first three points instead.
    The window is at least ``2 * min_half_width`` wide and stays inside ``xlim``;
    its y-range is that of the curve and the points inside it, with a margin, so
    differences of a thousandth are as visible as the overview's hundreds.
    """
    path = np.asarray(path, dtype=np.float64)
    inside = np.isfinite(path) & (path >= xlim[0]) & (path <= xlim[1])
    if inside[-1]:
        k = len(path)
        pts = path[min(k // 2, max(k - 4, 0)):]
        pts = pts[np.isfinite(pts) & (pts >= xlim[0]) & (pts <= xlim[1])]
    else:
        pts = path[:3][inside[:3]]
        if pts.size == 0:
            pts = np.array([np.clip(path[0], *xlim)]) if np.isfinite(path[0]) else np.array([X_MIN])
    lo, hi = float(pts.min()), float(pts.max())
    half = max(0.6 * (hi - lo), min_half_width)
    centre = 0.5 * (lo + hi)
    x0 = max(centre - half, xlim[0])
    x1 = min(centre + half, xlim[1])
    xs = np.linspace(x0, x1, 200)
    ys = np.concatenate([quartic(xs), quartic(pts[(pts >= x0) & (pts <= x1)])])
    pad = 0.08 * (ys.max() - ys.min()) or 1e-3
    return (x0, x1), (float(ys.min() - pad), float(ys.max() + pad))


class DescentLab:
    """The figure of the lab: the steps on f(x) (left), a zoom where they end (middle), x_k against k (right).

    ``lab = DescentLab()`` draws the tutorial's run (lr 0.01 from x = 6);
    ``lab.update(lr, x0)`` moves the artists to a new run and returns it.
    ``lab.ax_zoom`` shows the window :func:`zoom_window` chooses; the overview
    shades that window, so the student sees where the zoom looks.
    """

    def __init__(self, lr=0.01, x0=6.0, max_steps: int = MAX_STEPS):
        self.max_steps = max_steps
        self.fig, (self.ax, self.ax_zoom, self.ax_k) = plt.subplots(
            1, 3, figsize=(12.5, 3.8), gridspec_kw={"width_ratios": [1.2, 1, 1]})
        self.message = self.fig.suptitle("", fontsize=10, x=0.01, ha="left")
        run = run_descent(lr, x0, max_steps)
        plot_descent_1d(quartic, run.path, ax=self.ax, xlim=XLIM, ylim=self._ylim(x0))
        self.ax.axvline(X_MIN, color="0.5", linestyle=":", linewidth=1)
        self.band = self.ax.axvspan(X_MIN - 0.1, X_MIN + 0.1, color="#f2c14e", alpha=0.35, zorder=0,
                                    label="zoomed")
        self.ax.legend(loc="upper center", fontsize=7, ncol=5, handlelength=1.2, columnspacing=0.8)
        xz, yz = zoom_window(run.path)
        plot_descent_1d(quartic, run.path, ax=self.ax_zoom, xlim=xz, ylim=yz, resolution=300)
        self.ax_zoom.axvline(X_MIN, color="0.5", linestyle=":", linewidth=1)
        self.ax_zoom.set_facecolor("#fdf6e3")
        self.ax_zoom.set_title("zoom: where the steps end", fontsize=10)
        self.ax.set_title("the whole curve", fontsize=10)
        self.ax_k.set_title("$x_k$ step by step", fontsize=10)
        self.ax_k.axhline(X_MIN, color="0.5", linestyle=":", linewidth=1, label="minimum 9/4")
        self.ax_k.plot([], [], ".-", color="#e67e00", markersize=4, linewidth=1, gid="xk")
        self.ax_k.set_xlim(0, max_steps)
        self.ax_k.set_ylim(*XLIM)
        self.ax_k.set_xlabel("step k")
        self.ax_k.set_ylabel("$x_k$")
        self.ax_k.grid(True, alpha=0.3)
        self.ax_k.legend(loc="upper right", fontsize=8)
        self._draw(run)
        self.fig.tight_layout()

    @staticmethod
    def _ylim(x0):
        """A view of f from below its minimum (-6.5) to above the start, so the start is always in sight."""
        top = max(float(quartic(np.clip(x0, *XLIM))) * 1.15, 30.0)
        return (-12.0 - 0.02 * top, top)

    def _draw(self, run: DescentRun) -> None:
        update_descent_1d(self.ax, quartic, run.path)
        (x0, x1), (y0, y1) = zoom_window(run.path)
        self.ax_zoom.set_xlim(x0, x1)
        self.ax_zoom.set_ylim(y0, y1)
        xs = np.linspace(x0, x1, 300)
        find_artist(self.ax_zoom, "curve").set_data(xs, quartic(xs))
        update_descent_1d(self.ax_zoom, quartic, run.path)
        self.band.set_x(x0)
        self.band.set_width(x1 - x0)
        k = np.arange(len(run.path))
        find_artist(self.ax_k, "xk").set_data(k, clip_to_view(run.path, *XLIM))
        colour = {"good": "#2a7d2e", "divergent": "#c0392b"}.get(run.status, "#a05a00")
        self.message.set_text(run.message)
        self.message.set_color(colour)

    def update(self, lr, x0) -> DescentRun:
        """Run gradient descent with ``lr`` from ``x0`` and redraw in place; returns the run."""
        run = run_descent(lr, x0, self.max_steps)
        self.ax.set_ylim(*self._ylim(x0))
        self._draw(run)
        return run


def descent_lab(lr=0.01, x0=6.0):
    """The widget: a log slider for the learning rate and a slider for the start point over the lab's figure.

    Returns the panel; ``panel.lab`` is its :class:`DescentLab`, ``panel.sliders`` the (lr, x0) sliders.
    """
    import ipywidgets as widgets

    from ._live import LivePlot, panel

    lab = DescentLab(lr, x0)
    live = LivePlot(lab.fig)
    lr_slider = widgets.FloatLogSlider(value=lr, base=10, min=-4, max=-0.7, step=0.05, description="lr",
                                       readout_format=".4f", continuous_update=False)
    x0_slider = widgets.FloatSlider(value=x0, min=-1.5, max=6.5, step=0.1, description="start x0",
                                    continuous_update=False)

    def redraw(_=None):
        lab.update(lr_slider.value, x0_slider.value)
        live.show()

    lr_slider.observe(redraw, names="value")
    x0_slider.observe(redraw, names="value")
    live.show()
    box = panel(widgets.HBox([lr_slider, x0_slider]), live.output,
                title="Gradient descent on f(x) = x\u2074 \u2212 3x\u00b3 + 2")
    box.lab, box.sliders = lab, (lr_slider, x0_slider)  # for tests and for curious students
    return box
