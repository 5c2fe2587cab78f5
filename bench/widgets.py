"""How fast every widget of the course redraws: a table, then one JSON line.

For each widget, two numbers over 20 slider positions (median and worst):
- update: the plain function the slider calls (compute and move the artists),
  the part nnkit controls, with a goal under 50 ms;
- update + PNG: that plus rendering the figure into the PNG the browser shows
  (LivePlot.render), which is what a student waits for before the browser
  paints it.
The end-to-end time in a real browser is measured by tests/test_browser.py.

Run:  python bench/widgets.py
"""
from __future__ import annotations

import contextlib
import io
import json
import statistics
import time

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402

from nnkit import Network, data  # noqa: E402
from nnkit.widgets._live import LivePlot  # noqa: E402

N = 20


def perceptron_lab():
    from nnkit.widgets.perceptron_lab import PerceptronLab

    X, y = data.blobs(60, seed=1)
    lab = PerceptronLab(X, y)
    return lambda k: lab.draw(0.1 * k - 1.0, 0.5, 0.2), lab.live


def activation_lab():
    from nnkit.widgets.activation_lab import ActivationLab

    lab = ActivationLab()
    names = ["sigmoid", "relu", "swish", "step"]
    return lambda k: lab.draw(0.1 * k - 1.0, 0.5, names[k % 4]), lab.live


def playground():
    from nnkit.widgets.playground import Playground

    pg = Playground()
    params = np.random.default_rng(1).normal(0, 5, (N, 9))
    return lambda k: pg.draw(params[k]), pg.live


def descent_lab():
    from nnkit.widgets.descent_lab import DescentLab

    lab = DescentLab(0.01, 6.0)
    cases = [(0.001, 3.0), (0.01, 6.0), (0.09, 3.0), (0.02, 6.0), (0.01, -1.0)]
    return lambda k: lab.update(*cases[k % len(cases)]), LivePlot(lab.fig)


def training_scrubber():
    from nnkit.widgets.training_scrubber import TrainingScrubber, train_with_snapshots

    X, y = data.moons()
    net = Network([2, 6, 2, 1], activation="relu", output="sigmoid", loss="binary_cross_entropy", seed=1)
    snaps = train_with_snapshots(net, X, y, steps=2000, every=20, lr=0.1)
    sc = TrainingScrubber(net, snaps, X, y)
    return lambda k: sc.show_step(100 * k), LivePlot(sc.fig)


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _digits_net(scale):
    split = data.digits(scale=scale)
    net = Network([64, 64, 10], activation="relu", loss="cross_entropy", seed=0)
    net.fit(split.X_train, split.y_train, epochs=10, lr=0.005, batch_size=64, optimizer="adam", progress=False)
    return net, split


def sketch_pad():
    """Edits of the pad: each redraws the probabilities (logic, bars and PNG together).

    A drag-to-draw pad (a widget with a ``bitmap`` trait: 32 x 32 zeros and ones,
    row by row) gets a stroke that grows by one row of ink per edit; the older pad
    of 8 x 8 buttons gets a click on one of its cells.
    """
    import ipywidgets as widgets

    from nnkit.widgets.sketchpad import sketch_pad as make

    net, split = _digits_net("standard")
    box = make(net, split.scaler, split.images_test, split.y_test)
    pad = next((w for w in _walk(box) if w.has_trait("bitmap")), None)
    if pad is not None:
        side = int(round(len(pad.bitmap) ** 0.5))
        strokes = []
        for k in range(N):
            bits = np.zeros((side, side), dtype=int)
            bits[4:5 + k % (side - 8), side // 2 - 2:side // 2 + 2] = 1  # a vertical bar, one row longer per edit
            strokes.append(bits.ravel().tolist())
        return lambda k: setattr(pad, "bitmap", strokes[k]), None
    cells = [w for w in _walk(box) if isinstance(w, widgets.Button) and "nnkit-pad-cell" in w._dom_classes]
    return lambda k: cells[(7 * k) % 64].click(), None


def dream_lab():
    """Moves of the dream lab's first slider: each dreams again and redraws (logic and PNG together)."""
    import ipywidgets as widgets

    from nnkit.widgets.dream_lab import dream_lab as make

    net, _ = _digits_net("unit")
    box = make(net)
    slider = next(w for w in _walk(box) if isinstance(w, (widgets.IntSlider, widgets.FloatSlider)))
    values = np.linspace(slider.min, slider.max, N)
    return lambda k: setattr(slider, "value", type(slider.value)(values[k])), None


WIDGETS = {
    "01 perceptron lab": perceptron_lab,
    "02 activation lab": activation_lab,
    "03 network playground": playground,
    "04 descent lab": descent_lab,
    "04 training scrubber": training_scrubber,
    "05 sketch pad (per edit)": sketch_pad,
    "06 dream lab (per slider move)": dream_lab,
}


def measure(update, live):
    """Times of ``update`` alone and with the PNG render; ``live=None`` when update already renders."""
    compute, total = [], []
    for k in range(N):
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            update(k)
        middle = time.perf_counter()
        if live is not None:
            live.render()
        end = time.perf_counter()
        compute.append(middle - start)
        total.append(end - start)
    ms = lambda ts: {"median_ms": 1e3 * statistics.median(ts), "worst_ms": 1e3 * max(ts)}  # noqa: E731
    return {"update": ms(compute) if live is not None else None, "update_and_png": ms(total)}


def main():
    results = {}
    for name, setup in WIDGETS.items():
        with contextlib.redirect_stdout(io.StringIO()):  # outside a notebook a widget's first display prints its repr
            update, live = setup()
        results[name] = measure(update, live)
    print(f"| widget | update median / worst | update + PNG median / worst |")
    print("|---|---|---|")
    for name, r in results.items():
        u, p = r["update"], r["update_and_png"]
        update = f"{u['median_ms']:.1f} / {u['worst_ms']:.1f} ms" if u else "(not separable)"
        print(f"| {name} | {update} | {p['median_ms']:.0f} / {p['worst_ms']:.0f} ms |")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
