"""The dream lab: pick a digit, the number of steps and the regularisers; see the dream.

The logic is :func:`dream_lab_state` (settings in, image and probabilities out),
which the tests call directly; :func:`dream_lab` wires sliders to it and
redraws the image and the class probabilities.
"""
from __future__ import annotations

import time

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..dream import dream
from ..plotting.digits import probability_bars, set_probabilities
from ._live import LivePlot, panel

__all__ = ["dream_lab_state", "dream_lab"]


def dream_lab_state(net, digit, steps=100, lr=0.05, l2=0.0, tv=0.0, blur=0.0, objective="logit"):
    """Dream ``digit`` from a black image with these settings, pixels kept in [0, 1] (see :func:`nnkit.dream.dream`).

    Returns ``(image, probabilities, history)``: the (8, 8) dream, the network's
    K class probabilities for it, and the target's probability per step.
    """
    image, history = dream(net, int(digit), steps=int(steps), lr=lr, l2=l2, tv=tv, blur=blur, clip=(0.0, 1.0),
                           objective=objective)
    return image, np.asarray(net.forward(image.reshape(-1)), dtype=np.float64), history


def dream_lab(net, digit=0, steps=200, lr=0.05, l2=0.3, tv=0.2, blur=0.1, objective="logit"):
    """The dream-lab widget (sliders act on release); ``lr`` and ``objective`` are fixed.  Returns the panel."""
    n_out = net.sizes[-1]
    digit_w = widgets.Dropdown(options=list(range(n_out)), value=digit, description="digit")
    steps_w = widgets.IntSlider(value=steps, min=0, max=400, step=10, description="steps", continuous_update=False)
    l2_w = widgets.FloatSlider(value=l2, min=0, max=1, step=0.05, description="L2", continuous_update=False)
    tv_w = widgets.FloatSlider(value=tv, min=0, max=0.5, step=0.05, description="smoothness", continuous_update=False)
    blur_w = widgets.FloatSlider(value=blur, min=0, max=1, step=0.05, description="blur", continuous_update=False)
    timing = widgets.HTML()

    fig, (ax_img, ax_p) = plt.subplots(1, 2, figsize=(6.4, 2.6), gridspec_kw={"width_ratios": [1, 1.6]})
    im = ax_img.imshow(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
    ax_img.set_xticks([])
    ax_img.set_yticks([])
    bars = probability_bars(np.zeros(n_out), ax=ax_p)
    ax_img.set_title("dream", fontsize=9)              # placeholders, so tight_layout leaves room
    ax_p.set_title("p", fontsize=9)
    fig.tight_layout()
    live = LivePlot(fig)

    def update(_=None):
        start = time.perf_counter()
        image, p, history = dream_lab_state(net, digit_w.value, steps_w.value, lr, l2_w.value, tv_w.value,
                                            blur_w.value, objective)
        im.set_data(image)
        ax_img.set_title(f"dream of a {digit_w.value}", fontsize=9)
        set_probabilities(bars, p, highlight=digit_w.value)
        ax_p.set_title(f"p({digit_w.value}) = {p[digit_w.value]:.3f} after {history.size - 1} steps", fontsize=9)
        live.show()
        timing.value = f"<small>dream {1000 * (time.perf_counter() - start):.0f} ms (with drawing)</small>"

    for w in (digit_w, steps_w, l2_w, tv_w, blur_w):
        w.observe(update, names="value")
    update()
    controls = widgets.VBox([digit_w, steps_w, l2_w, tv_w, blur_w])
    return panel(widgets.HBox([controls, live.output]), timing, title="Dream lab")
