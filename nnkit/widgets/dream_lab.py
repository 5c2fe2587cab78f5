"""The dream lab: choose a digit, the objective, the start image and the regularisers; watch the dream form.

The logic is :func:`dream_lab_state` (settings in, every step's image and
class probabilities out), which the tests call directly; :func:`dream_lab`
wires controls to it.  A dream is computed once per change of a setting; the
"show step" slider only picks which of the stored steps is drawn.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array, check_choice
from ..dream import OBJECTIVES, dream
from ..images import STARTS
from ..plotting.digits import probability_bars, set_probabilities
from ._live import LivePlot, panel

__all__ = ["DreamRun", "start_options", "dream_lab_state", "DreamLab", "dream_lab"]

OBJECTIVE_LABELS = {"log_odds": "the log-odds of t", "logit": "the logit z_t", "log_prob": "log p_t"}
"""What each objective pushes up, as the dropdown says it."""


@dataclass
class DreamRun:
    """One dream, step by step: ``images[k]`` and ``probabilities[k]`` after k steps (k = 0: the start)."""

    target: int
    images: np.ndarray          # (steps + 1, rows, cols)
    probabilities: np.ndarray   # (steps + 1, K): the network's output for every class

    @property
    def p_target(self) -> np.ndarray:
        """The target's probability per step."""
        return self.probabilities[:, self.target]

    @property
    def p_rival(self) -> np.ndarray:
        """Per step, the largest probability among the other classes."""
        return np.delete(self.probabilities, self.target, axis=1).max(axis=1)


def start_options(real_digits=None) -> list:
    """The start images the lab offers: black, grey, noise, and ``"a real d"`` for each row of ``real_digits``."""
    n = 0 if real_digits is None else len(real_digits)
    return list(STARTS) + [f"a real {d}" for d in range(n)]


def _start(start, real_digits):
    options = start_options(real_digits)
    if start not in options:
        raise ValueError(f"start must be one of {options}, got {start!r}")
    if start in STARTS:
        return start
    return as_float_array(real_digits, "real_digits", ndim=2)[int(start.split()[-1])]


def dream_lab_state(net, digit, *, start="black", steps=200, lr=0.05, l2=0.3, tv=0.2, blur=0.1, jitter=0,
                    clip=True, objective="log_odds", real_digits=None, seed=0) -> DreamRun:
    """Dream ``digit`` with these settings (see :func:`nnkit.dream.dream`) and keep every step.

    ``start`` is one of :func:`start_options` (``real_digits`` holds one real
    image per class, n_in values each, for the ``"a real d"`` starts); ``clip``
    keeps the pixels in [0, 1] when True.
    """
    objective = check_choice(objective, "objective", OBJECTIVES)
    _, _, images = dream(net, int(digit), steps=int(steps), lr=lr, x0=_start(start, real_digits), l2=l2, tv=tv,
                         blur=blur, jitter=int(jitter), clip=(0.0, 1.0) if clip else None, objective=objective,
                         seed=seed, return_images=True)
    probabilities = np.asarray(net.forward(images.reshape(len(images), -1)), dtype=np.float64)
    return DreamRun(int(digit), images, probabilities)


class DreamLab:
    """The lab's figure: the dream at one step, the class probabilities there, and the progress per step.

    ``lab.draw(run, k)`` moves the artists to step ``k`` of the :class:`DreamRun` ``run``;
    ``judge`` (optional) is any classifier with ``predict`` whose reading is shown.
    """

    def __init__(self, n_out: int, judge=None):
        self.judge = judge
        self.run, self.step = None, 0
        self.fig, (self.ax_img, self.ax_p, self.ax_h) = plt.subplots(
            1, 3, figsize=(8.8, 2.7), gridspec_kw={"width_ratios": [1, 1.3, 1.5]})
        self.image = self.ax_img.imshow(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
        self.ax_img.set_xticks([])
        self.ax_img.set_yticks([])
        self.bars = probability_bars(np.zeros(n_out), ax=self.ax_p)
        (self.line_t,) = self.ax_h.plot([], [], color="#d9534f", label="$p_t$")
        (self.line_r,) = self.ax_h.plot([], [], color="#8aa9d6", linestyle="--", label="strongest rival")
        self.marker = self.ax_h.axvline(0, color="black", linewidth=0.8)
        self.ax_h.set_ylim(-0.03, 1.03)
        self.ax_h.set_xlabel("step")
        self.ax_h.set_ylabel("probability")
        self.ax_h.legend(fontsize=7, loc="center right")
        for ax in (self.ax_img, self.ax_p, self.ax_h):
            ax.set_title(" ", fontsize=9)           # placeholders, so tight_layout leaves room
        self.fig.tight_layout()

    def draw(self, run: DreamRun, k: int) -> None:
        """Show step ``k`` (clamped to the run's length) of ``run``."""
        k = int(min(max(k, 0), len(run.images) - 1))
        self.run, self.step = run, k
        img, p, t = run.images[k], run.probabilities[k], run.target
        self.image.set_data(img)
        low, high = img.min(), img.max()
        outside = "" if low >= 0 and high <= 1 else f"\npixels {low:.1f} to {high:.1f}, drawn clipped"
        self.ax_img.set_title(f"dream of a {t}, step {k}{outside}", fontsize=9)
        set_probabilities(self.bars, p, highlight=t)
        reading = "" if self.judge is None else \
            f"; SVM reads {self.judge.predict(np.clip(img, 0, 1).reshape(1, -1))[0]}"
        self.ax_p.set_title(f"network: $p_{t}$ = {p[t]:.3f}{reading}", fontsize=9)
        steps = np.arange(len(run.images))
        self.line_t.set_data(steps, run.p_target)
        self.line_r.set_data(steps, run.p_rival)
        self.ax_h.set_xlim(0, max(1, len(run.images) - 1))
        self.marker.set_xdata([k, k])
        self.ax_h.set_title("progress per step", fontsize=9)


def dream_lab(net, real_digits=None, judge=None, *, digit=5, start="black", steps=200, lr=0.05, l2=0.3, tv=0.2,
              blur=0.1, jitter=0, clip=True, objective="log_odds"):
    """The dream-lab widget; returns the panel.

    ``real_digits`` (one image per class) adds "a real d" start images;
    ``judge``, any classifier with ``predict`` (rows of pixels), adds its
    reading of the dream shown.  Sliders act on release.  The panel keeps the
    figure as ``.lab`` (a :class:`DreamLab`) and the controls by name as ``.controls``.
    """
    objective = check_choice(objective, "objective", OBJECTIVES)
    n_out = net.sizes[-1]
    style = dict(style={"description_width": "72px"}, layout=widgets.Layout(width="330px"))
    slider = dict(style, continuous_update=False)
    controls = {
        "digit": widgets.Dropdown(options=list(range(n_out)), value=digit, description="digit t", **style),
        "objective": widgets.Dropdown(options=[(OBJECTIVE_LABELS[o], o) for o in OBJECTIVES], value=objective,
                                      description="push up", **style),
        "start": widgets.Dropdown(options=start_options(real_digits), value=start, description="start", **style),
        "clip": widgets.Checkbox(value=clip, description="keep pixels in [0, 1]", indent=False),
        "steps": widgets.IntSlider(value=steps, min=0, max=400, step=10, description="steps", **slider),
        "lr": widgets.FloatLogSlider(value=lr, base=10, min=-3, max=0, step=0.25, description="step \u03b7", **slider),
        "l2": widgets.FloatSlider(value=l2, min=0, max=1, step=0.05, description="L2 \u03bb\u2082", **slider),
        "tv": widgets.FloatSlider(value=tv, min=0, max=0.5, step=0.05, description="TV \u03bb_TV", **slider),
        "blur": widgets.FloatSlider(value=blur, min=0, max=1, step=0.05, description="blur \u03b2", **slider),
        "jitter": widgets.IntSlider(value=jitter, min=0, max=2, description="jitter", **slider),
    }
    show = widgets.IntSlider(value=steps, min=0, max=max(steps, 1), description="show step", **slider)
    lab = DreamLab(n_out, judge)
    live = LivePlot(lab.fig)
    moving = {"show": False}

    def recompute(_=None):
        settings = {name: w.value for name, w in controls.items() if name != "digit"}
        run = dream_lab_state(net, controls["digit"].value, real_digits=real_digits, **settings)
        moving["show"] = True                       # setting the step slider here must not draw twice
        show.max = max(controls["steps"].value, 1)
        show.value = controls["steps"].value
        moving["show"] = False
        lab.draw(run, show.value)
        live.show()

    def on_show(_):
        if not moving["show"]:
            lab.draw(lab.run, show.value)
            live.show()

    for w in controls.values():
        w.observe(recompute, names="value")
    show.observe(on_show, names="value")
    recompute()
    column = widgets.VBox(list(controls.values()), layout=widgets.Layout(min_width="340px", flex="0 0 auto"))
    box = panel(widgets.HBox([column, widgets.VBox([live.output, show])]),
                title="Dream lab")
    box.lab, box.controls, box.show = lab, controls, show
    return box
