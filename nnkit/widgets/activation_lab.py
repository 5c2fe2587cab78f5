"""Notebook 02's widget: one neuron h = f(w x + b) and its slope, for a chosen activation.

Sliders set the weight w and the bias b, a dropdown the activation f.  The top
plot shows h(x) = f(w x + b) with the switching point x = -b/w (where z = 0);
the bottom plot its derivative dh/dx = w f'(w x + b), which is what learning
sees.  A faint grey curve in each plot is the same activation with w = 1,
b = 0, a reference to compare against.  The curves are updated in place
(``Line2D.set_ydata``).

The logic is the plain function :func:`neuron_curve`; :class:`ActivationLab`
only wires it to ipywidgets.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array
from ..activations import get_activation
from ._live import LivePlot, panel

__all__ = ["NeuronCurve", "neuron_curve", "switching_point", "ActivationLab", "activation_lab", "LAB_ACTIVATIONS"]

LAB_ACTIVATIONS = ("step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "swish")
"""The activations offered in the dropdown, in the order of notebook 02."""


def switching_point(w, b):
    """The input x where z = w x + b = 0, that is x = -b / w (None for w = 0: no switch)."""
    return None if w == 0 else -float(b) / float(w) + 0.0  # + 0.0 turns -0.0 (b = 0) into 0.0


@dataclass
class NeuronCurve:
    """h(x) = f(w x + b) and its slope dh/dx = w f'(w x + b) on the points x."""

    x: np.ndarray
    h: np.ndarray
    dh_dx: np.ndarray
    switch: float | None


def neuron_curve(w, b, activation="sigmoid", x=None) -> NeuronCurve:
    """Evaluate a one-input neuron with weight ``w``, bias ``b`` and ``activation`` on ``x``.

    ``x`` defaults to 401 points on [-10, 10].  Returns a :class:`NeuronCurve`.
    """
    act = get_activation(activation)
    x = np.linspace(-10.0, 10.0, 401) if x is None else as_float_array(x, "x", ndim=1)
    z = float(w) * x + float(b)
    return NeuronCurve(x, act.f(z), float(w) * act.prime(z), switching_point(w, b))


def _limits(values):
    lo, hi = float(np.min(values)), float(np.max(values))
    pad = 0.08 * max(hi - lo, 0.5)
    return lo - pad, hi + pad


class ActivationLab:
    """Sliders w and b, an activation dropdown, the curve and its derivative; ``.widget`` to display."""

    def __init__(self, w=1.0, b=0.0, activation="sigmoid"):
        self.w = widgets.FloatSlider(value=w, min=-5.0, max=5.0, step=0.1, description="w", continuous_update=True)
        self.b = widgets.FloatSlider(value=b, min=-10.0, max=10.0, step=0.1, description="b", continuous_update=True)
        self.activation = widgets.Dropdown(options=list(LAB_ACTIVATIONS), value=activation, description="f")
        self.readout = widgets.HTML()
        fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(6, 5), sharex=True)
        c = neuron_curve(w, b, activation)
        ref = neuron_curve(1.0, 0.0, activation)
        (self.ref_curve,) = ax1.plot(ref.x, ref.h, lw=1.5, color="#999999", alpha=0.6, label="w = 1, b = 0")
        (self.ref_slope,) = ax2.plot(ref.x, ref.dh_dx, lw=1.5, color="#999999", alpha=0.6, label="w = 1, b = 0")
        (self.curve,) = ax1.plot(c.x, c.h, lw=2, color="#2166ac", label="your w, b")
        (self.slope,) = ax2.plot(c.x, c.dh_dx, lw=2, color="#b2182b", label="your w, b")
        ax1.legend(loc="upper left", fontsize=8)
        self.switch1 = ax1.axvline(0.0, color="k", ls=":", lw=1)
        self.switch2 = ax2.axvline(0.0, color="k", ls=":", lw=1)
        for ax in (ax1, ax2):
            ax.axhline(0.0, color="#999999", lw=0.6)
            ax.grid(alpha=0.3)
        ax1.set_ylabel("$h = f(wx + b)$")
        ax2.set_ylabel("$dh/dx = w\\,f'(wx + b)$")
        ax2.set_xlabel("$x$")
        ax1.set_xlim(-10, 10)
        fig.tight_layout()
        self.axes = (ax1, ax2)
        self.live = LivePlot(fig)
        for control in (self.w, self.b, self.activation):
            control.observe(lambda change: self.update(), names="value")
        self.widget = panel(widgets.HBox([widgets.VBox([self.w, self.b]), self.activation]), self.readout,
                            self.live.output, title="One neuron: weight, bias and activation")
        self.update()

    def draw(self, w, b, activation) -> NeuronCurve:
        """Update the artists for (w, b, activation) without rendering; returns the curve shown."""
        c = neuron_curve(w, b, activation)
        ref = neuron_curve(1.0, 0.0, activation)
        self.curve.set_ydata(c.h)
        self.slope.set_ydata(c.dh_dx)
        self.ref_curve.set_ydata(ref.h)
        self.ref_slope.set_ydata(ref.dh_dx)
        self.axes[0].set_ylim(*_limits(np.concatenate([c.h, ref.h])))
        self.axes[1].set_ylim(*_limits(np.concatenate([c.dh_dx, ref.dh_dx])))
        for line in (self.switch1, self.switch2):
            line.set_xdata([c.switch if c.switch is not None else np.nan] * 2)
        return c

    def update(self):
        c = self.draw(self.w.value, self.b.value, self.activation.value)
        where = ("no switch: w = 0 makes the output constant" if c.switch is None
                 else f"switching point x = -b/w = {c.switch:.2f}")
        self.readout.value = (f"{self.activation.value}: {where}; steepest slope |dh/dx| = "
                              f"{np.max(np.abs(c.dh_dx)):.3g}")
        self.live.show()


def activation_lab(w=1.0, b=0.0, activation="sigmoid"):
    """The activation lab widget; returns the panel to display."""
    return ActivationLab(w, b, activation).widget
