"""Widgets of notebooks 05 (sketch pad) and 06 (dream lab): their plain logic, and that they build."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnkit
from nnkit.data import digits, one_hot
from nnkit.images import tv_penalty
from nnkit.widgets.dream_lab import dream_lab, dream_lab_state, start_options
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


def test_dream_lab_state_keeps_every_step(unit):
    net, _ = unit
    run = dream_lab_state(net, 3, steps=100, lr=0.05)
    assert run.images.shape == (101, 8, 8) and run.probabilities.shape == (101, 10)
    np.testing.assert_array_equal(run.images[0], np.zeros((8, 8)))                  # black start
    np.testing.assert_allclose(run.probabilities, net.forward(run.images.reshape(101, 64)))
    assert np.argmax(run.probabilities[-1]) == 3 and run.p_target[-1] > 0.99
    np.testing.assert_allclose(run.p_rival, np.delete(run.probabilities, 3, axis=1).max(axis=1))
    smooth = dream_lab_state(net, 3, steps=100, lr=0.05, l2=0.0, tv=0.4, blur=0.0)
    rough = dream_lab_state(net, 3, steps=100, lr=0.05, l2=0.0, tv=0.0, blur=0.0)
    assert tv_penalty(smooth.images[-1]) < tv_penalty(rough.images[-1])
    assert not np.allclose(dream_lab_state(net, 5, steps=100).images[-1], run.images[-1])


def test_dream_lab_state_starts_objectives_and_clipping(unit):
    net, d = unit
    real = d.X_test[:10]
    assert start_options(real)[:4] == ["black", "grey", "noise", "a real 0"] and len(start_options(real)) == 13
    assert start_options() == ["black", "grey", "noise"]
    run = dream_lab_state(net, 8, start="a real 3", steps=20, real_digits=real)
    np.testing.assert_array_equal(run.images[0], real[3].reshape(8, 8))
    np.testing.assert_array_equal(dream_lab_state(net, 8, start="grey", steps=0).images[0], np.full((8, 8), 0.5))
    free = dream_lab_state(net, 2, steps=50, lr=1.0, l2=0, tv=0, blur=0, clip=False, objective="logit")
    boxed = dream_lab_state(net, 2, steps=50, lr=1.0, l2=0, tv=0, blur=0, clip=True, objective="logit")
    assert free.images.min() < 0 and 0 <= boxed.images.min() and boxed.images.max() <= 1
    by_objective = [dream_lab_state(net, 2, steps=50, objective=o).images[-1] for o in ("log_prob", "logit", "log_odds")]
    assert not np.allclose(by_objective[0], by_objective[1]) and not np.allclose(by_objective[1], by_objective[2])
    with pytest.raises(ValueError, match="start must be one of"):
        dream_lab_state(net, 2, start="a real 3")                    # no real digits given


def test_dream_lab_builds_and_every_control_changes_the_picture(unit):
    net, d = unit
    box = dream_lab(net, d.X_test[:10], digit=5, steps=100)
    assert "nnkit-widget" in box._dom_classes
    kinds = [type(w).__name__ for w in box.controls.values()]
    assert kinds.count("Dropdown") == 3 and kinds.count("Checkbox") == 1
    lab = box.lab
    assert lab.step == 100 and box.show.max == 100

    def picture():
        return (np.array(lab.image.get_array(), copy=True), np.array(lab.line_t.get_ydata(), copy=True),
                tuple(b.get_height() for b in lab.bars))

    new_values = {"digit": 2, "objective": "logit", "start": "a real 7", "clip": False, "steps": 60, "lr": 0.1,
                  "l2": 0.6, "tv": 0.45, "blur": 0.5, "jitter": 1}
    for name, value in new_values.items():
        before = picture()
        box.controls[name].value = value
        after = picture()
        changed = [not (np.shape(a) == np.shape(b) and np.allclose(a, b)) for a, b in zip(before, after)]
        assert any(changed), f"setting {name} changed nothing"
    assert box.show.max == 60 and lab.step == 60
    before = picture()
    box.show.value = 5                                               # only picks a stored step
    assert lab.step == 5 and not np.allclose(picture()[0], before[0])
    np.testing.assert_allclose(lab.marker.get_xdata(), [5, 5])


def _walk(w):
    yield w
    for child in getattr(w, "children", ()):
        yield from _walk(child)
