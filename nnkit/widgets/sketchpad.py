"""A sketch pad: draw a digit with the mouse and see what the network sees and says.

The digits of scikit-learn were made from 32 x 32 black-and-white scans: each
block of 4 x 4 scan pixels became one pixel of the 8 x 8 image, its value the
number of inked scan pixels, 0..16 (``load_digits().DESCR`` says so).  The pad
does the same.  You draw on a 32 x 32 bitmap; :func:`image_from_bitmap` counts
each block, :func:`network_input` scales the 64 counts with the scaler fitted on
the training images, and :func:`pad_probabilities` gives the network's answer.
Those are plain functions, tested directly; :func:`sketch_pad` only wires them
to a drawing surface and a few controls.

The drawing surface is a tiny `anywidget <https://anywidget.dev>`_ widget whose
JavaScript (``sketchpad.js`` beside this file, sent with the widget, nothing
fetched from the internet) turns mouse drags into ink with the rule of
:func:`draw_stroke`, and sends the bitmap to Python.
"""
from __future__ import annotations

import threading
from pathlib import Path

import anywidget
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import traitlets

from .._validate import as_float_array, describe
from ..plotting.digits import probability_bars, set_probabilities
from ._live import LivePlot, panel

__all__ = ["PIXEL_MAX", "BITMAP_SIZE", "BLOCK", "PEN_WIDTH", "image_from_bitmap", "bitmap_from_image",
           "draw_stroke", "network_input", "pad_probabilities", "DrawingPad", "sketch_pad"]

PIXEL_MAX = 16
"""The largest pixel value of scikit-learn's digits: a block of 4 x 4 scan pixels all inked."""
BITMAP_SIZE = 32
"""Scan pixels per side of the bitmap one draws on."""
BLOCK = 4
"""Scan pixels per side of the block that becomes one pixel of the 8 x 8 image."""
PEN_WIDTH = 4.0
"""Width of the pen's stroke, in scan pixels (the digits' strokes are about this thick)."""

# The order in which the pixels of a 4 x 4 block are inked to show a count 0..16 (an ordered
# dither: a count k inks the k pixels whose rank is below k, spread over the block).
_DITHER = np.array([[0, 8, 2, 10],
                    [12, 4, 14, 6],
                    [3, 11, 1, 9],
                    [15, 7, 13, 5]])


def _check_bitmap(bitmap) -> np.ndarray:
    arr = as_float_array(bitmap, "bitmap")
    if arr.size == BITMAP_SIZE * BITMAP_SIZE and arr.ndim == 1:
        arr = arr.reshape(BITMAP_SIZE, BITMAP_SIZE)
    if arr.shape != (BITMAP_SIZE, BITMAP_SIZE):
        raise ValueError(f"bitmap must be a ({BITMAP_SIZE}, {BITMAP_SIZE}) array of 0s and 1s "
                         f"(or its {BITMAP_SIZE * BITMAP_SIZE} values in a row), got {describe(arr)}")
    if not np.all((arr == 0) | (arr == 1)):
        raise ValueError("bitmap must hold only 0 (paper) and 1 (ink)")
    return arr.astype(np.int64)


def image_from_bitmap(bitmap) -> np.ndarray:
    """The 8 x 8 image of a 32 x 32 bitmap: each pixel counts the inked pixels of its 4 x 4 block, 0..16."""
    bits = _check_bitmap(bitmap)
    n = BITMAP_SIZE // BLOCK
    return bits.reshape(n, BLOCK, n, BLOCK).sum(axis=(1, 3))


def bitmap_from_image(image) -> np.ndarray:
    """A 32 x 32 bitmap whose block counts are the 8 x 8 ``image`` (pixels 0..16, rounded).

    Each block inks as many of its 16 pixels as the image's value says, in a
    fixed scattered order, so ``image_from_bitmap(bitmap_from_image(img))`` gives
    ``img`` back: a digit of the data set can be loaded into the pad and edited.
    """
    img = as_float_array(image, "image")
    if img.size != 64:
        raise ValueError(f"image must have 64 pixels (8 x 8), got {describe(img)}")
    if img.min() < 0 or img.max() > PIXEL_MAX:
        raise ValueError(f"image pixels must be in 0..16, got values from {img.min():g} to {img.max():g}")
    counts = np.rint(img.reshape(8, 8)).astype(np.int64)
    blocks = (_DITHER[None, :, None, :] < counts[:, None, :, None]).astype(np.int64)  # (8, 4, 8, 4)
    return blocks.reshape(BITMAP_SIZE, BITMAP_SIZE)


def draw_stroke(bitmap, points, width: float = PEN_WIDTH, ink: bool = True) -> np.ndarray:
    """A copy of ``bitmap`` with a stroke through ``points`` inked (or, with ``ink=False``, erased).

    ``points`` are (x, y) positions in scan pixels, x to the right and y down,
    0..32 across the bitmap (the centre of pixel [r, c] is at (c + 0.5, r + 0.5)).
    A pixel is changed when its centre lies within ``width / 2`` of the polyline
    through the points; one point makes a dot.  The pad's JavaScript follows the
    same rule as the mouse moves.
    """
    bits = _check_bitmap(bitmap).copy()
    pts = as_float_array(points, "points", ndim=2)
    if pts.shape[1] != 2 or len(pts) == 0:
        raise ValueError(f"points must be an (n, 2) array of (x, y) positions, n >= 1, got {describe(pts)}")
    if not width > 0:
        raise ValueError(f"width must be a positive number of pixels, got {width!r}")
    centre = np.arange(BITMAP_SIZE) + 0.5
    px, py = np.meshgrid(centre, centre)  # px[r, c] = c + 0.5, py[r, c] = r + 0.5
    near = np.zeros(bits.shape, dtype=bool)
    segments = zip(pts, pts[1:]) if len(pts) > 1 else [(pts[0], pts[0])]
    for a, b in segments:
        d = b - a
        length2 = float(d @ d)
        t = np.zeros_like(px) if length2 == 0 else ((px - a[0]) * d[0] + (py - a[1]) * d[1]) / length2
        t = np.clip(t, 0.0, 1.0)
        near |= (a[0] + t * d[0] - px) ** 2 + (a[1] + t * d[1] - py) ** 2 <= (width / 2) ** 2
    bits[near] = 1 if ink else 0
    return bits


def network_input(image, scaler=None) -> np.ndarray:
    """The row the network is given for an 8 x 8 ``image`` (pixels 0..16): shape (1, 64).

    The 64 pixels in reading order, then ``scaler.transform`` (the one fitted on
    the training images; None for a network trained on raw pixels).
    """
    img = as_float_array(image, "image")
    if img.size != 64:
        raise ValueError(f"image must have 64 pixels (8 x 8), got {describe(img)}")
    x = img.reshape(1, 64)
    return scaler.transform(x) if scaler is not None else x


def pad_probabilities(net, bitmap, scaler=None) -> np.ndarray:
    """The network's class probabilities, shape (K,), for a drawing: bitmap -> 8 x 8 counts -> scaled row -> net."""
    x = network_input(image_from_bitmap(bitmap), scaler)
    return np.asarray(net.forward(x)[0], dtype=np.float64)


class DrawingPad(anywidget.AnyWidget):
    """The drawing surface: a 32 x 32 bitmap drawn with the mouse, synced as ``bitmap`` (1024 ints).

    Its element carries the CSS class ``nnkit-drawpad`` (the browser tests find its canvas by it).
    """

    _esm = (Path(__file__).with_name("sketchpad.js")).read_text(encoding="utf-8")
    bitmap = traitlets.List(traitlets.Int(), default_value=[0] * BITMAP_SIZE ** 2).tag(sync=True)
    pen = traitlets.Unicode("ink").tag(sync=True)
    pen_width = traitlets.Float(PEN_WIDTH).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_class("nnkit-drawpad")

    @property
    def image(self) -> np.ndarray:
        """The current drawing as a (32, 32) array of 0s and 1s."""
        return np.asarray(self.bitmap, dtype=np.int64).reshape(BITMAP_SIZE, BITMAP_SIZE)

    @image.setter
    def image(self, bits) -> None:
        self.bitmap = [int(v) for v in _check_bitmap(bits).ravel()]


class SketchPad:
    """The pad's state and its figure: what the data set would store, what the network sees, what it says."""

    def __init__(self, net, scaler=None):
        self.net, self.scaler = net, scaler
        self.pad = DrawingPad()
        self.fig, (ax_img, ax_in, ax_p) = plt.subplots(1, 3, figsize=(8.4, 2.9),
                                                       gridspec_kw={"width_ratios": [1, 1, 1.3]})
        self.im = ax_img.imshow(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=PIXEL_MAX)
        ax_img.set_title("8 x 8 image, pixels 0..16\n(what the data set stores)", fontsize=9)
        self.counts = [[ax_img.text(c, r, "", ha="center", va="center", fontsize=6.5) for c in range(8)]
                       for r in range(8)]
        self.scaled = ax_in.imshow(np.zeros((8, 8)), cmap="RdBu_r", vmin=-3, vmax=3)
        self.in_title = ax_in.set_title(" ", fontsize=9)
        for ax in (ax_img, ax_in):
            ax.set_xticks([])
            ax.set_yticks([])
        bar = self.fig.colorbar(self.scaled, ax=ax_in, fraction=0.046, pad=0.04, ticks=[-3, 0, 3])
        bar.ax.tick_params(labelsize=7)
        self.bars = probability_bars(np.zeros(net.sizes[-1]), ax=ax_p)
        self.title = ax_p.set_title(" ", fontsize=10)
        self.fig.tight_layout()
        self.live = LivePlot(self.fig)
        self.answer = widgets.HTML()  # the answer in words (and all ten probabilities, for tests and tooltips)
        self.answer.add_class("nnkit-pad-answer")
        self.lock = threading.Lock()
        self.pad.observe(lambda _change: self.redraw(), names="bitmap")

    def state(self):
        """(8 x 8 image, scaled input row, probabilities) for the current drawing."""
        image = image_from_bitmap(self.pad.image)
        x = network_input(image, self.scaler)
        return image, x, np.asarray(self.net.forward(x)[0], dtype=np.float64)

    def redraw(self) -> None:
        with self.lock:  # callbacks may arrive on two threads (JupyterLab's kernel subshells)
            image, x, p = self.state()
            self.im.set_data(image)
            for r in range(8):
                for c in range(8):
                    v = int(image[r, c])
                    self.counts[r][c].set_text(str(v) if v else "")
                    self.counts[r][c].set_color("white" if v > 9 else "black")
            self.scaled.set_data(x.reshape(8, 8))
            largest = np.abs(x).max()
            self.in_title.set_text(f"scaled: (x - mean) / sd, what the\nnetwork is given (largest |x'| {largest:.1f})")
            k = int(np.argmax(p))
            set_probabilities(self.bars, p, highlight=k)
            blank = "blank pad: " if not image.any() else ""  # even a blank page gets an answer
            self.title.set_text(f"{blank}network says {k} with probability {p[k]:.2f}")
            values = ",".join(f"{v:.6f}" for v in p)
            listed = ", ".join(f"{j}: {v:.2f}" for j, v in enumerate(p))
            self.answer.value = (f'<span data-p="{values}" title="{listed}">{blank}the network says <b>{k}</b> '
                                 f'with probability {p[k]:.2f}</span>')
            self.live.show()


def sketch_pad(net, scaler=None, images=None, labels=None, n_choices=20, start=0):
    """The sketch-pad widget: drag on the pad to draw; the figure beside it follows.

    ``images`` (n, 8, 8) with pixels 0..16 and ``labels`` (n,) fill a dropdown
    that loads one of the first ``n_choices`` into the pad to edit; the pad opens
    on image ``start`` (None: blank).  Returns the panel; ``panel.sketch`` is the
    :class:`SketchPad` behind it (its ``pad`` holds the drawing).
    """
    sketch = SketchPad(net, scaler)
    pen = widgets.ToggleButtons(options=[("ink", "ink"), ("eraser", "eraser")], value="ink",
                                description="pen", style={"button_width": "70px"})
    hint = widgets.HTML()

    def show_pen(_change=None):
        verb = "draw" if pen.value == "ink" else "rub out"
        hint.value = (f"<small>Drag on the pad to {verb}; the faint lines mark the 4 x 4 blocks "
                      "that are counted.</small>")
        sketch.pad.pen = pen.value

    pen.observe(show_pen, names="value")
    show_pen()
    clear = widgets.Button(description="clear", icon="eraser")
    clear.on_click(lambda _b: setattr(sketch.pad, "bitmap", [0] * BITMAP_SIZE ** 2))
    controls = [pen, clear]
    if images is not None:
        images = np.asarray(images)
        labels = np.asarray(labels)
        options = [("(blank)", -1)] + [(f"test digit #{i}: a {labels[i]}", i)
                                       for i in range(min(n_choices, len(images)))]
        chooser = widgets.Dropdown(options=options, value=-1, description="load")

        def load(change):
            i = change["new"]
            sketch.pad.image = bitmap_from_image(images[i]) if i >= 0 else np.zeros((BITMAP_SIZE, BITMAP_SIZE))

        chooser.observe(load, names="value")
        controls.insert(0, chooser)
    if images is not None and start is not None:
        chooser.value = start  # loads the image: the pad's observer redraws
    else:
        sketch.redraw()
    beside = widgets.VBox([sketch.answer, sketch.live.output])
    box = panel(widgets.HBox(controls), hint, widgets.HBox([sketch.pad, beside]),
                title="Sketch pad: drag to draw a digit")
    box.sketch = sketch
    return box
