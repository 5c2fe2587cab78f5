"""Tests for the widgets of notebook 04: the gradient descent lab and the training scrubber."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnkit import Network
from nnkit.data import moons
from nnkit.plotting.curves import find_artist
from nnkit.widgets.descent_lab import DescentLab, X_MIN, descent_lab, quartic, quartic_prime, run_descent
from nnkit.widgets.training_scrubber import (
    TrainingScrubber, precompute_frames, train_with_snapshots, training_scrubber,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# ------------------------------------------------------------------ descent lab: logic
def test_quartic_and_its_derivative_by_hand():
    assert quartic(6.0) == pytest.approx(1296 - 648 + 2)
    assert quartic_prime(6.0) == pytest.approx(540.0)
    assert quartic_prime(X_MIN) == pytest.approx(0.0, abs=1e-12)  # x^2 (4x - 9) = 0 at 9/4


def test_tutorial_run_reaches_the_published_minimum():
    run = run_descent(0.01, 6.0, max_steps=10_000)
    assert run.path[-1] == pytest.approx(2.249965, abs=1e-6)  # source 001 prints 2.249965
    assert run.status == "good"


@pytest.mark.parametrize("lr, x0, status", [
    (0.001, 3.0, "too small"),   # 200 steps of size ~lr f' are not enough
    (0.01, 6.0, "good"),
    (0.09, 3.0, "oscillating"),  # lr f''(9/4) = 0.09 * 20.25 = 1.8 > 1: every step overshoots
    (0.02, 6.0, "divergent"),
    (0.01, -1.0, "stuck"),       # from the left, x creeps towards the flat point 0
])
def test_run_descent_says_what_happened(lr, x0, status):
    run = run_descent(lr, x0)
    assert run.status == status
    assert run.message.startswith(status)


def test_divergent_run_stops_quietly():
    run = run_descent(0.2, 6.5)  # warnings are errors under pytest: an overflow would fail here
    assert run.status == "divergent"
    assert run.steps < 10


def test_run_descent_refuses_a_non_positive_learning_rate():
    with pytest.raises(ValueError, match="lr must be a number > 0"):
        run_descent(0.0, 6.0)


# ------------------------------------------------------------------ descent lab: drawing
def test_lab_update_changes_the_drawing():
    lab = DescentLab(0.01, 6.0)
    path_line = find_artist(lab.ax, "path")
    before = np.array(path_line.get_xdata(), copy=True)
    run = lab.update(0.09, 3.0)
    after = np.asarray(path_line.get_xdata())
    assert after.shape != before.shape or not np.allclose(after, before)
    np.testing.assert_allclose(after[0], 3.0)
    assert "oscillating" in lab.ax.get_title(loc="left")
    assert run.status == "oscillating"


def test_lab_widget_sliders_drive_the_lab():
    box = descent_lab()
    assert "nnkit-widget" in box._dom_classes
    lr_slider, x0_slider = box.sliders
    x0_slider.value = 2.0
    np.testing.assert_allclose(find_artist(box.lab.ax, "start").get_xdata(), [2.0])


# ------------------------------------------------------------------ training scrubber
@pytest.fixture(scope="module")
def trained():
    X, y = moons(100, 0.1, seed=0)
    net = Network([2, 6, 2, 1], activation="relu", output="sigmoid", loss="binary_cross_entropy", seed=1)
    initial = net.copy()
    snaps = train_with_snapshots(net, X, y, steps=200, every=20, lr=0.5)
    return X, y, net, initial, snaps


def test_snapshots_start_at_the_initial_weights_and_end_at_the_trained_ones(trained):
    X, y, net, initial, snaps = trained
    np.testing.assert_array_equal(snaps.steps, np.arange(0, 201, 20))
    assert len(snaps.W) == 11 and snaps.loss.shape == (200,)
    for a, b in zip(snaps.W[0], Network([2, 6, 2, 1], activation="relu", seed=1).W):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(snaps.W[-1], net.W):
        np.testing.assert_array_equal(a, b)
    assert snaps.loss[-1] < 0.7 * snaps.loss[0]  # training lowered the loss
    assert snaps.loss[0] == pytest.approx(initial.loss(X, y))


def test_frames_hold_each_snapshots_outputs(trained):
    X, y, net, initial, snaps = trained
    frames = precompute_frames(net, snaps, X, y, resolution=10, extent=(-1, 2, -1, 1.5))
    assert frames.grid.shape == (11, 10, 10) and frames.hidden.shape == (11, 100, 2)
    corner = np.array([[-1.0, -1.0], [2.0, 1.5]])  # grid cells [0, 0] and [-1, -1]
    np.testing.assert_allclose(frames.grid[0][[0, -1], [0, -1]], initial.forward(corner)[:, 0])
    np.testing.assert_allclose(frames.grid[-1][[0, -1], [0, -1]], net.forward(corner)[:, 0])
    assert frames.loss[0] == pytest.approx(initial.loss(X, y))
    assert frames.loss[-1] == pytest.approx(net.loss(X, y))
    np.testing.assert_allclose(frames.w_out[-1], net.W[-1][0])


def test_scrubber_moves_every_artist(trained):
    X, y, net, initial, snaps = trained
    sc = TrainingScrubber(net, snaps, X, y, resolution=40)
    final_mesh = np.array(sc.ax_b.nn_mesh.get_array(), copy=True)
    loss0 = sc.show_step(0)
    assert loss0 == pytest.approx(initial.loss(X, y))
    assert not np.allclose(sc.ax_b.nn_mesh.get_array(), final_mesh)
    np.testing.assert_allclose(sc.marker.get_xdata(), [0])
    np.testing.assert_allclose(sc.ax_h.nn_hidden_points.get_offsets(),
                               initial.forward(X, cache=True)[1].H[-2])
    assert sc.index(37) == 2  # nearest snapshot to step 37 is step 40


def test_scrubber_widget_slider_moves_the_marker(trained):
    X, y, net, initial, snaps = trained
    box = training_scrubber(net, snaps, X, y, resolution=20)
    assert "nnkit-widget" in box._dom_classes
    box.slider.value = 100
    np.testing.assert_allclose(box.scrubber.marker.get_xdata(), [100])


def test_scrubber_bad_input(trained):
    X, y, net, initial, snaps = trained
    with pytest.raises(ValueError, match="multiple of every"):
        train_with_snapshots(net.copy(), X, y, steps=50, every=20)
    wide = Network([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match="last hidden layer of 2 units"):
        precompute_frames(wide, snaps, X, y)
