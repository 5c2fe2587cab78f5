"""Backprop is the slope: one parameter on a slider, the loss along it, and the tangent backprop computes.

Hold every weight and bias of a network fixed but one, θ.  The loss J becomes a
function of one number, J(θ), a curve that can be drawn.  Backpropagation
returns dJ/dθ at the current θ: the slope of that curve, so the line through
(θ, J(θ)) with that slope touches the curve there.  :func:`loss_along` draws
the curve, :func:`slope_at` asks backpropagation (``Network.gradients``) for the
slope, and :func:`numerical_slope` checks it with a central difference.
:class:`SlopeLab` draws the three; :func:`slope_lab` puts a dropdown (which
parameter) and a slider (its value) over them.

Parameters are named as in the notebooks: ``w^(l)_ij`` is ``W[l-1][i-1, j-1]``
(row i is the unit of layer l, column j the unit of layer l - 1) and
``b^(l)_i`` is ``b[l-1][i-1]``.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validate import describe

__all__ = ["parameters", "parameter_label", "loss_along", "slope_at", "numerical_slope", "SlopeLab",
           "slope_lab"]

HALF_RANGE = 4.0  # the slider runs over the trained value +- this much
TANGENT_HALF_WIDTH = 0.8


def parameters(net) -> list:
    """``[(label, key), ...]`` for every weight and bias of ``net``, layer by layer.

    ``key`` is ``("W", l, i, j)`` for ``W[l][i, j]`` or ``("b", l, i)`` for ``b[l][i]``
    (Python's indices, from 0); ``label`` the course's name, ``w^(l+1)_(i+1)(j+1)``.
    """
    out = []
    for l, (W, b) in enumerate(zip(net.W, net.b)):
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                out.append((parameter_label(("W", l, i, j)), ("W", l, i, j)))
        for i in range(b.shape[0]):
            out.append((parameter_label(("b", l, i)), ("b", l, i)))
    return out


def parameter_label(key, math: bool = False) -> str:
    """The course's name of a parameter key: ``w^(1)_12`` (or ``$w^{(1)}_{12}$`` with ``math``)."""
    if key[0] == "W":
        _, l, i, j = key
        return f"$w^{{({l + 1})}}_{{{i + 1}{j + 1}}}$" if math else f"w^({l + 1})_{i + 1}{j + 1}"
    _, l, i = key
    return f"$b^{{({l + 1})}}_{{{i + 1}}}$" if math else f"b^({l + 1})_{i + 1}"


def _array_and_index(net, key):
    if not isinstance(key, tuple) or key[:1] not in (("W",), ("b",)):
        raise ValueError(f"a parameter key is ('W', l, i, j) or ('b', l, i), got {describe(key)}")
    if key[0] == "W":
        _, l, i, j = key
        return net.W[l], (i, j)
    _, l, i = key
    return net.b[l], (i,)


def get_value(net, key) -> float:
    """The current value of the parameter ``key`` of ``net``."""
    arr, idx = _array_and_index(net, key)
    return float(arr[idx])


def loss_along(net, X, Y, key, values) -> np.ndarray:
    """J(θ) for each θ in ``values``, the parameter ``key`` set to θ and every other one as in ``net``.

    ``net`` is left as it was.
    """
    arr, idx = _array_and_index(net, key)
    keep = arr[idx]
    out = []
    try:
        for v in np.asarray(values, dtype=np.float64).ravel():
            arr[idx] = v
            out.append(net.loss(X, Y))
    finally:
        arr[idx] = keep
    return np.array(out)


def slope_at(net, X, Y, key, value) -> tuple:
    """``(J, dJ/dθ)`` at θ = ``value``: the loss, and the slope that backpropagation returns.

    The slope is the entry of ``net.gradients(X, Y)`` that belongs to ``key``.
    ``net`` is left as it was.
    """
    arr, idx = _array_and_index(net, key)
    keep = arr[idx]
    try:
        arr[idx] = value
        J = net.loss(X, Y)
        dW, db = net.gradients(X, Y)
    finally:
        arr[idx] = keep
    grad = dW[key[1]] if key[0] == "W" else db[key[1]]
    return float(J), float(grad[idx])


def numerical_slope(net, X, Y, key, value, eps: float = 1e-6) -> float:
    """(J(θ + eps) - J(θ - eps)) / (2 eps) at θ = ``value``: the slope measured, not derived."""
    lo, hi = loss_along(net, X, Y, key, [value - eps, value + eps])
    return float((hi - lo) / (2 * eps))


class SlopeLab:
    """J along one parameter, the point (θ, J(θ)) and the tangent with backpropagation's slope.

    ``SlopeLab(net, X, Y, key)`` draws the curve over the parameter's value in
    ``net`` +- 4 with the slider's point at that value; ``set_parameter(key)``
    switches to another parameter, ``show(value)`` moves the point and the
    tangent and returns ``(J, slope)``.
    """

    def __init__(self, net, X, Y, key=None, resolution: int = 200):
        self.net, self.X, self.Y = net, X, Y
        self.resolution = resolution
        self.fig, self.ax = plt.subplots(figsize=(8, 4))
        (self.curve,) = self.ax.plot([], [], color="#1f4e8c", linewidth=2, label="loss J along this parameter")
        self.trained = self.ax.axvline(0.0, color="0.5", linestyle=":", linewidth=1.2, label="value in the network")
        (self.tangent,) = self.ax.plot([], [], color="#d62728", linewidth=2,
                                       label="tangent with backprop's slope")
        (self.point,) = self.ax.plot([], [], "o", color="#d62728", markersize=8)
        self.ax.grid(True, alpha=0.3)
        self.ax.set_ylabel("loss J")
        self.ax.legend(loc="upper center", fontsize=8, ncol=3)
        self.set_parameter(key if key is not None else parameters(net)[0][1])
        self.fig.tight_layout()

    @property
    def range(self) -> tuple:
        """The interval of θ the curve covers: the network's value +- 4."""
        return self.centre - HALF_RANGE, self.centre + HALF_RANGE

    def set_parameter(self, key) -> None:
        """Draw the curve J(θ) of parameter ``key`` and put the point at its value in the network."""
        self.key = key
        self.centre = get_value(self.net, key)
        lo, hi = self.range
        self.thetas = np.linspace(lo, hi, self.resolution)
        self.losses = loss_along(self.net, self.X, self.Y, key, self.thetas)
        self.curve.set_data(self.thetas, self.losses)
        self.trained.set_xdata([self.centre, self.centre])
        self.ax.set_xlim(lo, hi)
        span = self.losses.max() - self.losses.min()
        pad = 0.1 * span if span > 0 else 0.01
        self.ax.set_ylim(self.losses.min() - pad, self.losses.max() + 2.5 * pad)  # room for the legend
        self.ax.set_xlabel(parameter_label(key, math=True) + "  (every other parameter fixed)")
        self.show(self.centre)

    def show(self, value) -> tuple:
        """Move the point to θ = ``value`` and draw the tangent there; returns ``(J, slope)``."""
        J, slope = slope_at(self.net, self.X, self.Y, self.key, value)
        numeric = numerical_slope(self.net, self.X, self.Y, self.key, value)
        t = np.array([value - TANGENT_HALF_WIDTH, value + TANGENT_HALF_WIDTH])
        self.tangent.set_data(t, J + slope * (t - value))
        self.point.set_data([value], [J])
        name = parameter_label(self.key, math=True)
        self.ax.set_title(f"at {name} = {value:.2f}:  J = {J:.4f},  slope from backprop {slope:.4f}"
                          f"  (finite differences {numeric:.4f})", fontsize=10)
        return J, slope


def slope_lab(net, X, Y, key=None):
    """The widget: a dropdown of the network's parameters and a slider for the chosen one's value.

    Returns the panel; ``panel.lab`` is its :class:`SlopeLab`, ``panel.controls`` the
    (dropdown, slider) pair.
    """
    import ipywidgets as widgets

    from ._live import LivePlot, panel

    lab = SlopeLab(net, X, Y, key)
    live = LivePlot(lab.fig)
    dropdown = widgets.Dropdown(options=parameters(net), value=lab.key, description="parameter")
    lo, hi = lab.range
    slider = widgets.FloatSlider(value=lab.centre, min=lo, max=hi, step=0.05, description="value",
                                 readout_format=".2f", continuous_update=True,
                                 layout=widgets.Layout(width="500px"))
    busy = []

    def move(change):
        if not busy:
            lab.show(change["new"])
            live.show()

    def switch(change):
        busy.append(True)
        try:
            lab.set_parameter(change["new"])
            lo, hi = lab.range
            # widen first, so that neither bound is ever set past the other
            slider.min, slider.max = min(lo, slider.min), max(hi, slider.max)
            slider.value = lab.centre
            slider.min, slider.max = lo, hi
        finally:
            busy.clear()
        live.show()

    slider.observe(move, names="value")
    dropdown.observe(switch, names="value")
    live.show()
    box = panel(dropdown, slider, live.output, title="Backprop is the slope: one parameter, the loss, the tangent")
    box.lab, box.controls = lab, (dropdown, slider)  # for tests and for curious students
    return box
