"""An 8x8 sketch pad: draw a digit with the mouse and watch the network's probabilities.

The logic is :func:`pad_probabilities` (pad in, probabilities out), which the
tests call directly; :func:`sketch_pad` only wires 64 buttons, a dropdown and a
clear button to it and redraws a bar chart in place.

A pad is an (8, 8) array of ink levels in [0, 1] (0 blank, 1 full ink).  The
digits' pixels run from 0 to 16, so a pad becomes the network's input as
``pad * 16``, scaled exactly as the training data were (``scaler.transform``).
"""
from __future__ import annotations

import time

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array, describe
from ..plotting.digits import probability_bars, set_probabilities
from ._live import LivePlot, panel

__all__ = ["PIXEL_MAX", "pad_probabilities", "pad_from_image", "toggle_cell", "sketch_pad"]

PIXEL_MAX = 16.0
"""The largest pixel value of scikit-learn's digits."""


def _check_pad(pad):
    pad = as_float_array(pad, "pad", ndim=2)
    if pad.shape != (8, 8):
        raise ValueError(f"pad must be an (8, 8) array of ink levels, got {describe(pad)}")
    if pad.min() < 0 or pad.max() > 1:
        raise ValueError(f"pad ink levels must be in [0, 1], got values from {pad.min():g} to {pad.max():g}")
    return pad


def pad_probabilities(net, pad, scaler=None):
    """The network's class probabilities (shape (K,)) for a pad of ink levels (8, 8) in [0, 1].

    x = pad * 16 flattened to 64 pixels, then ``scaler.transform`` (the one fitted
    on the training images; None when the network was trained on raw pixels).
    """
    x = (_check_pad(pad) * PIXEL_MAX).reshape(1, 64)
    if scaler is not None:
        x = scaler.transform(x)
    return np.asarray(net.forward(x)[0], dtype=np.float64)


def pad_from_image(image):
    """A pad (8, 8) in [0, 1] from a digit image (8, 8) or (64,) with pixels 0..16."""
    img = as_float_array(image, "image")
    if img.size != 64:
        raise ValueError(f"image must have 64 pixels (8 x 8), got {describe(img)}")
    if img.min() < 0 or img.max() > PIXEL_MAX:
        raise ValueError(f"image pixels must be in 0..16, got values from {img.min():g} to {img.max():g}")
    return img.reshape(8, 8) / PIXEL_MAX


def toggle_cell(pad, row, col):
    """A copy of ``pad`` with cell (row, col) inked (1) if it was mostly blank (< 0.5), else blank (0)."""
    pad = _check_pad(pad).copy()
    if not (0 <= row < 8 and 0 <= col < 8):
        raise ValueError(f"row and col must be in 0..7, got ({row}, {col})")
    pad[row, col] = 0.0 if pad[row, col] >= 0.5 else 1.0
    return pad


def _grey(level: float) -> str:
    v = int(round(255 * (1.0 - level)))
    return f"#{v:02x}{v:02x}{v:02x}"


def sketch_pad(net, scaler=None, images=None, labels=None, n_choices=20):
    """The sketch-pad widget: click cells to ink or erase them; the bars follow.

    ``images`` (n, 8, 8) with pixels 0..16 and ``labels`` (n,) fill a dropdown
    that loads one of the first ``n_choices`` into the pad to edit; the pad opens
    on the first of them.  Returns the panel.
    """
    state = {"pad": np.zeros((8, 8))}
    fig, ax = plt.subplots(figsize=(4.2, 2.4))
    bars = probability_bars(np.zeros(net.sizes[-1]), ax=ax)
    title = ax.set_title(" ", fontsize=10)
    fig.tight_layout()
    live = LivePlot(fig)
    timing = widgets.HTML()

    cells = []
    for r in range(8):
        for c in range(8):
            b = widgets.Button(layout=widgets.Layout(width="30px", height="30px", padding="0", margin="0",
                                                     border="1px solid #b0b0b0"))
            b.add_class("nnkit-pad-cell")
            b.on_click(lambda _b, r=r, c=c: _click(r, c))
            cells.append(b)
    grid = widgets.GridBox(cells, layout=widgets.Layout(grid_template_columns="repeat(8, 30px)", grid_gap="1px"))

    def redraw():
        start = time.perf_counter()
        pad = state["pad"]
        for b, level in zip(cells, pad.ravel()):
            b.style.button_color = _grey(level)
        p = pad_probabilities(net, pad, scaler)
        k = int(np.argmax(p))
        set_probabilities(bars, p, highlight=k)
        blank = "blank pad: " if not pad.any() else ""  # section 7's point: it must still pick a digit
        title.set_text(f"{blank}network says {k} with probability {p[k]:.2f}")
        live.show()
        timing.value = f"<small>update: {1000 * (time.perf_counter() - start):.0f} ms</small>"

    def _click(r, c):
        state["pad"] = toggle_cell(state["pad"], r, c)
        redraw()

    def clear(_):
        state["pad"] = np.zeros((8, 8))
        redraw()

    clear_button = widgets.Button(description="clear", icon="eraser")
    clear_button.on_click(clear)
    controls = [clear_button]
    if images is not None:
        images = np.asarray(images)
        labels = np.asarray(labels)
        options = [("(choose a test digit)", -1)] + [
            (f"test digit #{i}: a {labels[i]}", i) for i in range(min(n_choices, len(images)))
        ]
        chooser = widgets.Dropdown(options=options, value=-1, description="load")

        def load(change):
            if change["new"] >= 0:
                state["pad"] = pad_from_image(images[change["new"]])
                redraw()

        chooser.observe(load, names="value")
        controls.insert(0, chooser)
        chooser.value = 0  # open on a real digit; "clear" gives the blank pad
    else:
        redraw()
    body = widgets.HBox([grid, live.output])
    return panel(widgets.HBox(controls), body, timing, title="8x8 sketch pad: click cells to draw")
