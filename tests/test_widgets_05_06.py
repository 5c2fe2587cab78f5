"""Widgets of notebooks 05 (sketch pad) and 06 (dream lab): their plain logic, and that they build."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnkit
from nnkit.data import digits, one_hot
from nnkit.images import tv_penalty
from nnkit.widgets.dream_lab import dream_lab, dream_lab_state, start_options
from nnkit.widgets.sketchpad import (DrawingPad, bitmap_from_image, draw_stroke, image_from_bitmap, network_input,
                                     pad_probabilities, sketch_pad)


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


def test_bitmap_blocks_count_like_the_data_set():
    bits = np.zeros((32, 32), dtype=int)
    bits[0:4, 0:4] = 1                   # block (0, 0) full: 16
    bits[4, 8] = bits[7, 11] = 1         # block (1, 2): 2
    image = image_from_bitmap(bits)
    assert image.shape == (8, 8) and image[0, 0] == 16 and image[1, 2] == 2 and image.sum() == 18
    assert np.array_equal(image_from_bitmap(bits.ravel().tolist()), image)   # 1024 values in a row work too


def test_a_digit_round_trips_through_a_bitmap(standard):
    _, d = standard
    for i in (0, 7, 100):
        bits = bitmap_from_image(d.images_test[i])
        assert set(np.unique(bits)) <= {0, 1}
        assert np.array_equal(image_from_bitmap(bits), d.images_test[i])
    levels = np.arange(64).reshape(8, 8) % 17
    assert np.array_equal(image_from_bitmap(bitmap_from_image(levels)), levels)


def test_pad_gives_the_networks_output_on_a_test_digit(standard):
    net, d = standard
    for i in (0, 7, 100):
        p = pad_probabilities(net, bitmap_from_image(d.images_test[i]), d.scaler)
        np.testing.assert_allclose(p, net.forward(d.X_test[i]), rtol=1e-10)
        assert p.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(network_input(d.images_test[3], d.scaler), d.X_test[3:4], rtol=1e-12)


def test_draw_stroke_inks_pixels_near_the_line():
    blank = np.zeros((32, 32), dtype=int)
    line = draw_stroke(blank, [[2.0, 16.0], [30.0, 16.0]], width=2.0)
    assert blank.sum() == 0                                  # a copy
    rows = np.flatnonzero(line.any(axis=1))
    assert rows.tolist() == [15, 16]                         # centres 15.5 and 16.5 lie within 1 of y = 16
    assert line[15, 2:30].all() and not line[15, 0] and not line[15, 31]
    dot = draw_stroke(blank, [[10.0, 10.0]], width=4.0)
    assert dot.sum() == 12 and dot[9, 9] and not dot[7, 7]  # the pixels whose centre is within 2 of (10, 10)
    erased = draw_stroke(line, [[16.0, 16.0]], width=6.0, ink=False)
    assert erased.sum() < line.sum() and not erased[15:17, 14:18].any()


def test_a_drawn_seven_is_read_as_a_seven_and_blocks_look_like_data(standard):
    net, d = standard
    seven = draw_stroke(np.zeros((32, 32)), [[6, 5], [26, 5], [14, 29]])
    image = image_from_bitmap(seven)
    assert image.max() >= 12 and 0 < (image > 0).mean() < 0.6
    assert np.argmax(pad_probabilities(net, seven, d.scaler)) == 7


def test_pad_bad_input(standard):
    net, d = standard
    with pytest.raises(ValueError, match="bitmap must be a \\(32, 32\\) array"):
        pad_probabilities(net, np.zeros((8, 8)), d.scaler)
    with pytest.raises(ValueError, match="only 0 \\(paper\\) and 1 \\(ink\\)"):
        image_from_bitmap(np.full((32, 32), 2))
    with pytest.raises(ValueError, match="image must have 64 pixels"):
        bitmap_from_image(np.zeros(10))
    with pytest.raises(ValueError, match="image pixels must be in 0..16"):
        bitmap_from_image(np.full((8, 8), 17))
    with pytest.raises(ValueError, match="points must be an \\(n, 2\\) array"):
        draw_stroke(np.zeros((32, 32)), np.zeros((3, 3)))


def test_sketch_pad_builds_loads_draws_and_clears(standard):
    net, d = standard
    box = sketch_pad(net, d.scaler, d.images_test, d.y_test)
    assert "nnkit-widget" in box._dom_classes
    sketch = box.sketch
    pads = [w for w in _walk(box) if isinstance(w, DrawingPad)]
    assert pads == [sketch.pad] and len(sketch.pad.bitmap) == 1024
    assert "export default" in sketch.pad._esm
    assert "http" not in sketch.pad._esm                    # nothing fetched from the internet
    # it opens on test digit 0: the figure shows its counts and the network's answer for it
    image, x, p = sketch.state()
    assert np.array_equal(image, d.images_test[0])
    np.testing.assert_allclose(p, net.forward(d.X_test[0]), rtol=1e-10)
    assert f"network says {np.argmax(p)}" in sketch.title.get_text()
    assert f"the network says <b>{np.argmax(p)}</b>" in sketch.answer.value
    shown = [float(v) for v in sketch.answer.value.split('data-p="')[1].split('"')[0].split(",")]
    np.testing.assert_allclose(shown, p, atol=1e-6)
    assert "nnkit-drawpad" in sketch.pad._dom_classes
    png = sketch.live.render()
    # a stroke drawn in the browser arrives as a new bitmap: the figure follows
    sketch.pad.image = draw_stroke(sketch.pad.image, [[4, 4], [28, 28]])
    assert sketch.live.render() != png
    assert not np.array_equal(sketch.state()[0], d.images_test[0])
    chooser = next(w for w in _walk(box) if isinstance(w, widgets.Dropdown))
    chooser.value = 5
    assert np.array_equal(sketch.state()[0], d.images_test[5])
    pen = next(w for w in _walk(box) if isinstance(w, widgets.ToggleButtons))
    hint = next(w for w in _walk(box) if isinstance(w, widgets.HTML) and "Drag on the pad" in w.value)
    before = hint.value
    pen.value = "eraser"
    assert sketch.pad.pen == "eraser" and hint.value != before
    clear = next(w for w in _walk(box) if isinstance(w, widgets.Button) and w.description == "clear")
    clear.click()
    assert sum(sketch.pad.bitmap) == 0 and sketch.title.get_text().startswith("blank pad: network says")


def test_sketch_pad_can_open_blank(standard):
    net, d = standard
    box = sketch_pad(net, d.scaler)
    assert sum(box.sketch.pad.bitmap) == 0
    assert box.sketch.title.get_text().startswith("blank pad")


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
