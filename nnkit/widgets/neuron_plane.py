"""Notebook 02's second widget: one sigmoid neuron with two inputs, over the whole input plane.

The neuron computes h = sigmoid(w_1 x_1 + w_2 x_2 + b).  Sliders set w_1, w_2
and b.  The left plot colours the plane by h (a heat map) and draws

* the line where h = 0.5, that is w . x + b = 0: notebook 01's decision line;
* two dashed lines where h = 0.12 and h = 0.88 (z = -2 and z = 2): the ramp
  across the line, 4 / |w| wide;
* the weight vector w, from the point of the line nearest the origin, which
  lies |b| / |w| from the origin.

The right plot is the cut through the plane along w: h as a function of the
signed distance d from the line, h = sigmoid(|w| d).  This is the bridge from
notebook 01's line to notebook 03's hidden units: each first-layer unit of a
network is such a line with a ramp across it.

The logic is the plain function :func:`neuron_plane`; :class:`NeuronPlaneLab`
only wires it to ipywidgets.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..activations import sigmoid
from ..plotting.boundary import input_grid
from ._live import LivePlot, panel
from .perceptron_lab import decision_line

__all__ = ["RAMP_LEVELS", "NeuronPlane", "neuron_plane", "NeuronPlaneLab", "neuron_plane_lab"]

RAMP_LEVELS = (0.12, 0.5, 0.88)
"""The levels of h drawn as lines: z = -2 (h = 0.12 to two digits), z = 0 (0.5), z = 2 (0.88)."""

_Z_OF_LEVEL = (-2.0, 0.0, 2.0)


@dataclass
class NeuronPlane:
    """What the widget shows for one (w_1, w_2, b)."""

    h: np.ndarray            # (resolution, resolution): h over the plane, rows along x_2
    lines: tuple             # three (xs, ys) pairs: the lines z = -2, 0, 2 (empty arrays when w = 0)
    foot: np.ndarray | None  # (2,) the point of the line z = 0 nearest the origin, -b w / |w|^2
    distance: float | None   # |b| / |w|, the line's distance from the origin
    width: float | None      # 4 / |w|, the distance between the lines z = -2 and z = 2
    d: np.ndarray            # signed distances from the line for the profile plot
    profile: np.ndarray      # h along w at those distances: sigmoid(|w| d)
    text: str


def neuron_plane(w1, w2, b, extent=(-4.0, 4.0, -4.0, 4.0), resolution: int = 121) -> NeuronPlane:
    """Evaluate h = sigmoid(w1 x1 + w2 x2 + b) over ``extent`` (x1_min, x1_max, x2_min, x2_max)."""
    w = np.array([w1, w2], dtype=np.float64)
    b = float(b)
    xx, _, points = input_grid(extent, resolution)
    h = sigmoid(points @ w + b).reshape(xx.shape)
    norm = float(np.sqrt(w @ w))
    d = np.linspace(-4.0, 4.0, 161)
    if norm == 0.0:
        text = (f"w = (0, 0): no line; h = sigmoid(b) = {float(sigmoid(b)):.3f} everywhere")
        empty = (np.empty(0), np.empty(0))
        return NeuronPlane(h, (empty, empty, empty), None, None, None, d, np.full_like(d, float(sigmoid(b))), text)
    # w . x + b = z0 is the line w . x + (b - z0) = 0
    lines = tuple(decision_line(w1, w2, b - z0) for z0 in _Z_OF_LEVEL)
    foot = -b * w / norm**2 + 0.0
    distance, width = abs(b) / norm, 4.0 / norm
    text = (f"line h = 0.5 at distance |b|/|w| = {distance:.2f} from the origin; "
            f"h rises from 0.12 to 0.88 across a strip 4/|w| = {width:.2f} wide")
    return NeuronPlane(h, lines, foot, distance, width, d, sigmoid(norm * d), text)


class NeuronPlaneLab:
    """Sliders w_1, w_2, b; the heat map of h with its lines and the profile along w.  ``.widget`` to display."""

    def __init__(self, w=(1.0, 0.5), b=-1.0, extent=(-4.0, 4.0, -4.0, 4.0)):
        self.extent = tuple(float(v) for v in extent)
        opts = dict(step=0.1, readout_format=".1f", continuous_update=True)
        self.sliders = [widgets.FloatSlider(value=float(w[0]), min=-5.0, max=5.0, description="w\u2081", **opts),
                        widgets.FloatSlider(value=float(w[1]), min=-5.0, max=5.0, description="w\u2082", **opts),
                        widgets.FloatSlider(value=float(b), min=-10.0, max=10.0, description="b", **opts)]
        self.readout = widgets.HTML()
        fig, (ax, ax_p) = plt.subplots(1, 2, figsize=(9.4, 4.2), gridspec_kw=dict(width_ratios=[1.15, 1]))
        st = neuron_plane(*self.values(), extent=self.extent)
        self.image = ax.imshow(st.h, origin="lower", extent=self.extent, cmap="RdBu", vmin=0.0, vmax=1.0,
                               interpolation="bilinear")
        fig.colorbar(self.image, ax=ax, label="$h$", fraction=0.046, pad=0.04)
        styles = (dict(ls="--", lw=1.2), dict(ls="-", lw=2.0), dict(ls="--", lw=1.2))
        self.lines = [ax.plot([], [], color="k", **style)[0] for style in styles]
        ax.plot([0.0], [0.0], "k+", ms=10, mew=1.5)
        self.arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0),
                                 arrowprops=dict(arrowstyle="-|>", color="#222222", lw=1.8), zorder=6)
        self.w_label = ax.text(0, 0, "$w$", fontsize=12, zorder=6)
        ax.set_xlim(self.extent[:2])
        ax.set_ylim(self.extent[2:])
        ax.set_aspect("equal")
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.set_title(r"$h = \sigma(w_1 x_1 + w_2 x_2 + b)$ over the plane", fontsize=10)
        (self.profile,) = ax_p.plot(st.d, st.profile, lw=2, color="#2166ac")
        for level in RAMP_LEVELS:
            ax_p.axhline(level, color="#999999", lw=0.8, ls="-" if level == 0.5 else "--")
        ax_p.axvline(0.0, color="k", lw=1.0)
        self.ramp_edges = [ax_p.axvline(0.0, color="k", lw=1.0, ls="--") for _ in range(2)]
        ax_p.set_ylim(-0.05, 1.05)
        ax_p.set_xlabel("signed distance $d$ from the line (along $w$)")
        ax_p.set_ylabel("$h$")
        ax_p.set_title(r"the ramp across the line: $h = \sigma(\Vert w\Vert\, d)$", fontsize=10)
        ax_p.grid(alpha=0.3)
        fig.tight_layout()
        self.ax = ax
        self.live = LivePlot(fig)
        for s in self.sliders:
            s.observe(lambda change: self.update(), names="value")
        self.widget = panel(widgets.HBox(self.sliders[:2] + self.sliders[2:]), self.readout, self.live.output,
                            title="One neuron with two inputs")
        self.update()

    def values(self):
        """The current (w1, w2, b) of the sliders."""
        return tuple(s.value for s in self.sliders)

    def draw(self, w1, w2, b) -> NeuronPlane:
        """Update the artists for (w1, w2, b) without rendering; returns what is shown."""
        st = neuron_plane(w1, w2, b, extent=self.extent)
        self.image.set_data(st.h)
        for line, (xs, ys) in zip(self.lines, st.lines):
            line.set_data(xs, ys)
        self.profile.set_ydata(st.profile)
        half = np.nan if st.width is None else st.width / 2      # the lines z = -2 and z = 2 lie at d = -+2/|w|
        for edge, sign in zip(self.ramp_edges, (-1.0, 1.0)):
            edge.set_xdata([sign * half] * 2)
        if st.foot is None:
            self.arrow.set_visible(False)
            self.w_label.set_visible(False)
        else:
            w = np.array([w1, w2])
            head = st.foot + 1.5 * w / np.linalg.norm(w)     # 1.5 units long, in the direction of w
            self.arrow.xy = tuple(head)
            self.arrow.set_position(tuple(st.foot))
            self.w_label.set_position(tuple(head + 0.25 * w / np.linalg.norm(w)))
            self.arrow.set_visible(True)
            self.w_label.set_visible(True)
        return st

    def update(self):
        st = self.draw(*self.values())
        self.readout.value = st.text
        self.live.show()


def neuron_plane_lab(w=(1.0, 0.5), b=-1.0):
    """The two-input neuron widget; returns the panel to display."""
    return NeuronPlaneLab(w, b).widget
