"""Widgets of notebooks 05 (sketch pad) and 06 (dream lab): their plain logic, and that they build."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnkit
from nnkit.data import digits, one_hot
from nnkit.widgets.dream_lab import dream_lab, dream_lab_state
from nnkit.widgets.sketchpad import pad_from_image, pad_probabilities, sketch_pad, toggle_cell


@pytest.fixture(scope="module")
def standard():
    d = digits(seed=0)
    net = nnkit.Network([64, 32, 10], activation="relu", loss="cross_entropy", seed=0)
    net.fit(d.X_train, one_hot(d.y_train, 10), epochs=10, lr=0.005, batch_size=32, optimizer="adam", progress=False)
    return net, d


@pytest.fixture(scope="module")
def unit():
    d = digits(seed=0, scale="unit")
    net = nnkit.Network([64, 32, 10], activation="relu", loss="cross_entropy", seed=0)
    net.fit(d.X_train, one_hot(d.y_train, 10), epochs=10, lr=0.005, batch_size=32, optimizer="adam", progress=False)
    return net, d


def teardown_function():
    plt.close("all")


def test_pad_of_a_test_image_gives_the_networks_output_on_it(standard):
    net, d = standard
    for i in (0, 7, 100):
        p = pad_probabilities(net, pad_from_image(d.images_test[i]), d.scaler)
        np.testing.assert_allclose(p, net.forward(d.X_test[i]), rtol=1e-10)
        assert p.sum() == pytest.approx(1.0)


def test_drawing_changes_the_probabilities(standard):
    net, d = standard
    pad = pad_from_image(d.images_test[0])
    before = pad_probabilities(net, pad, d.scaler)
    after = pad_probabilities(net, toggle_cell(toggle_cell(pad, 3, 3), 4, 4), d.scaler)
    assert np.abs(before - after).max() > 1e-3


def test_toggle_cell_by_hand():
    pad = np.zeros((8, 8))
    pad[1, 1] = 0.7
    out = toggle_cell(pad, 0, 2)
    assert out[0, 2] == 1.0 and pad[0, 2] == 0.0      # a copy
    assert toggle_cell(out, 0, 2)[0, 2] == 0.0
    assert toggle_cell(pad, 1, 1)[1, 1] == 0.0


def test_pad_bad_input(standard):
    net, d = standard
    with pytest.raises(ValueError, match="pad must be an \\(8, 8\\) array"):
        pad_probabilities(net, np.zeros((7, 8)), d.scaler)
    with pytest.raises(ValueError, match="pad ink levels must be in \\[0, 1\\]"):
        pad_probabilities(net, np.full((8, 8), 16.0), d.scaler)
    with pytest.raises(ValueError, match="image must have 64 pixels"):
        pad_from_image(np.zeros(10))
    with pytest.raises(ValueError, match="row and col must be in 0..7"):
        toggle_cell(np.zeros((8, 8)), 8, 0)


def test_sketch_pad_builds(standard):
    net, d = standard
    box = sketch_pad(net, d.scaler, d.images_test, d.y_test)
    assert "nnkit-widget" in box._dom_classes
    buttons = [w for w in _walk(box) if isinstance(w, widgets.Button) and "nnkit-pad-cell" in w._dom_classes]
    assert len(buttons) == 64
    # it opens on test digit 0: the cells show its ink
    expected = [f"#{v:02x}{v:02x}{v:02x}" for v in np.rint(255 * (1 - d.images_test[0].ravel() / 16)).astype(int)]
    assert [b.style.button_color for b in buttons] == expected
    clear = next(w for w in _walk(box) if isinstance(w, widgets.Button) and w.description == "clear")
    clear.click()
    assert {b.style.button_color for b in buttons} == {"#ffffff"}
    buttons[8 * 3 + 4].click()                         # inks cell (3, 4): its colour turns black
    assert buttons[8 * 3 + 4].style.button_color == "#000000"


def test_dream_lab_state_reacts_to_settings(unit):
    net, _ = unit
    img, p, history = dream_lab_state(net, 3, steps=100, lr=0.05)
    assert img.shape == (8, 8) and p.shape == (10,) and history.shape == (101,)
    assert np.argmax(p) == 3 and p[3] == pytest.approx(history[-1])
    smooth, _, _ = dream_lab_state(net, 3, steps=100, lr=0.05, tv=0.3)
    from nnkit.dream import tv_penalty
    assert tv_penalty(smooth) < tv_penalty(img)
    other, _, _ = dream_lab_state(net, 5, steps=100, lr=0.05)
    assert not np.allclose(other, img)


def test_dream_lab_builds(unit):
    net, _ = unit
    box = dream_lab(net)
    assert "nnkit-widget" in box._dom_classes
    sliders = [w for w in _walk(box) if isinstance(w, widgets.FloatSlider)]
    assert len(sliders) == 3


def _walk(w):
    yield w
    for child in getattr(w, "children", ()):
        yield from _walk(child)
