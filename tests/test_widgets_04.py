"""Tests for the widgets of notebook 04: the descent lab, the optimiser lab, the slope lab, the training scrubber."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnkit import Network
from nnkit.data import moons
from nnkit.plotting.curves import find_artist
from nnkit.widgets.descent_lab import (
    X_MIN, ZOOM_MIN_HALF_WIDTH, DescentLab, descent_lab, quartic, quartic_prime, run_descent, zoom_window,
)
from nnkit.widgets.optimizer_lab import (
    BEST_GD_LR, START, STEEPNESS, OptimizerLab, bowl, bowl_grad, optimizer_lab, optimizer_path,
)
from nnkit.widgets.slope_lab import (
    SlopeLab, loss_along, numerical_slope, parameter_label, parameters, slope_at, slope_lab,
)
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
    assert lab.message.get_text().startswith("oscillating")
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


# ------------------------------------------------------------------ descent lab: the zoom
def test_zoom_window_frames_where_a_good_run_ends_and_stays_readable():
    run = run_descent(0.01, 6.0)
    (x0, x1), (y0, y1) = zoom_window(run.path)
    tail = run.path[len(run.path) // 2:]
    assert x0 <= tail.min() and tail.max() <= x1            # the second half of the path is in view
    assert x0 < X_MIN < x1
    assert y1 - y0 < 1.0                                    # hundredths, not the overview's hundreds
    assert y0 < quartic(X_MIN) < y1


def test_zoom_window_has_a_minimum_width_and_stays_inside_the_view():
    path = np.full(10, X_MIN)                               # a run that sits still
    (x0, x1), (y0, y1) = zoom_window(path)
    assert x1 - x0 == pytest.approx(2 * ZOOM_MIN_HALF_WIDTH)
    assert y1 > y0
    (x0, x1), _ = zoom_window(np.array([6.49, 6.495, 6.5]))
    assert x1 <= 6.5


def test_zoom_window_of_a_divergent_run_frames_its_start():
    run = run_descent(0.02, 6.0)
    assert run.status == "divergent"
    (x0, x1), (y0, y1) = zoom_window(run.path)
    assert x0 <= 6.0 <= x1 and y0 <= quartic(6.0) <= y1
    assert np.all(np.isfinite([x0, x1, y0, y1]))


def test_lab_zoom_panel_and_band_follow_the_run():
    lab = DescentLab(0.01, 6.0)
    lab.update(0.09, 3.0)
    (x0, x1), (y0, y1) = zoom_window(run_descent(0.09, 3.0).path)
    np.testing.assert_allclose(lab.ax_zoom.get_xlim(), (x0, x1))
    np.testing.assert_allclose(lab.ax_zoom.get_ylim(), (y0, y1))
    assert lab.band.get_x() == pytest.approx(x0) and lab.band.get_width() == pytest.approx(x1 - x0)
    xs, ys = find_artist(lab.ax_zoom, "curve").get_data()
    np.testing.assert_allclose(ys, quartic(xs))
    lab.fig.canvas.draw()


# ------------------------------------------------------------------ optimiser lab
def test_bowl_and_its_gradient():
    assert bowl(2.0, 1.0) == pytest.approx(0.5 * (4 + 10))
    np.testing.assert_allclose(bowl_grad([2.0, 1.0]), [2.0, 10.0])
    assert BEST_GD_LR == pytest.approx(2 / 11)
    assert abs(1 - BEST_GD_LR) == pytest.approx(abs(1 - STEEPNESS * BEST_GD_LR))


def test_plain_descent_multiplies_each_coordinate_by_its_factor():
    path = optimizer_path("gradient descent", 0.05, steps=3)
    np.testing.assert_allclose(path[1], [START[0] * 0.95, START[1] * 0.5])
    np.testing.assert_allclose(path[3], [START[0] * 0.95**3, START[1] * 0.5**3])


def test_momentum_by_hand():
    # v1 = g0, p1 = p0 - lr g0;  v2 = beta g0 + g1, p2 = p1 - lr v2
    lr, beta = 0.1, 0.5
    p0 = np.array(START)
    g0 = bowl_grad(p0)
    p1 = p0 - lr * g0
    p2 = p1 - lr * (beta * g0 + bowl_grad(p1))
    np.testing.assert_allclose(optimizer_path("momentum", lr, beta, steps=2), [p0, p1, p2])
    np.testing.assert_allclose(optimizer_path("momentum", lr, 0.0, steps=5),
                               optimizer_path("gradient descent", lr, steps=5))  # beta 0 is plain descent


def test_adam_first_step_is_lr_in_every_coordinate():
    path = optimizer_path("Adam", 0.3, steps=1)             # any case of the name
    np.testing.assert_allclose(np.abs(path[1] - path[0]), [0.3, 0.3], rtol=1e-7)
    assert np.all(np.sign(path[1] - path[0]) == -np.sign(bowl_grad(START)))


def test_the_guides_answer_no_learning_rate_stops_momentums_spiral_at_beta_09():
    # guide 04, optimiser lab question 3: with beta = 0.9 every lr of the slider (1e-3 .. 1) either leaves
    # the path at least 0.03 from the minimum after 50 steps or diverges (from about 0.4); lr 0.16 is best
    slider = np.round(10 ** np.arange(-3, 0.001, 0.05), 4)
    ends = {lr: float(np.hypot(*optimizer_path("momentum", lr, 0.9)[-1])) for lr in slider}
    assert min(ends.values()) > 0.03
    assert min(ends, key=ends.get) == pytest.approx(0.158, abs=1e-3)
    assert max(d for lr, d in ends.items() if lr < 0.38) < 3 and min(d for lr, d in ends.items() if lr > 0.39) > 1e6
    # Polyak's heavy ball with its best lr and beta for this bowl reaches 1e-4 in 20 steps
    polyak = optimizer_path("momentum", 4 / (np.sqrt(10) + 1) ** 2, ((np.sqrt(10) - 1) / (np.sqrt(10) + 1)) ** 2)
    assert np.hypot(*polyak[20]) < 2e-4


def test_the_guides_answer_past_two_over_f_second_the_run_from_3_bounces_before_it_runs_off():
    # guide 04, descent lab question 1
    assert [run_descent(lr, 3.0).status for lr in (0.05, 0.054)] == ["good", "oscillating"]
    bounce = run_descent(0.1, 3.0)
    assert bounce.status == "oscillating" and bounce.steps == 200 and 2.1 < bounce.path[-1] < 2.4
    assert run_descent(0.12, 3.0).status == "stuck"
    assert run_descent(0.16, 3.0).status != "divergent" and run_descent(0.162, 3.0).status == "divergent"


def test_diverging_path_stops_without_overflow():
    path = optimizer_path("gradient descent", 0.5, steps=500)  # 1 - 10 * 0.5 = -4: y diverges
    assert len(path) < 500 and np.max(np.abs(path[-1])) > 1e6 and np.all(np.isfinite(path))


def test_optimizer_path_bad_input():
    with pytest.raises(ValueError, match="unknown method"):
        optimizer_path("rmsprop", 0.1)
    with pytest.raises(ValueError, match="beta"):
        optimizer_path("momentum", 0.1, beta=1.0)
    with pytest.raises(ValueError, match="lr"):
        optimizer_path("adam", -0.1)


def test_optimizer_lab_redraws_the_chosen_method():
    lab = OptimizerLab("momentum", 0.1, 0.5)
    np.testing.assert_allclose(lab.path_line.get_xdata(), optimizer_path("momentum", 0.1, 0.5)[:, 0])
    path = lab.update("adam", 0.3, 0.9)
    np.testing.assert_allclose(lab.path_line.get_xdata(), path[:, 0])
    np.testing.assert_allclose(lab.curve.get_ydata(), np.maximum(bowl(path[:, 0], path[:, 1]), 1e-12))
    assert lab.ax.get_title().startswith("Adam, lr 0.3")
    lab.update("gradient descent", 0.5, 0.9)                # diverges: drawn at the edge, no warning
    assert "diverged" in lab.ax.get_title()
    lab.fig.canvas.draw()


def test_optimizer_lab_widget_controls_drive_the_lab():
    box = optimizer_lab()
    assert "nnkit-widget" in box._dom_classes
    method, lr, beta = box.controls
    method.value = "gradient descent"
    assert box.lab.ax.get_title().startswith("gradient descent")
    lr.value = 0.05
    np.testing.assert_allclose(box.lab.path_line.get_xdata(), optimizer_path("gradient descent", 0.05)[:, 0])


# ------------------------------------------------------------------ slope lab
@pytest.fixture(scope="module")
def small_net():
    rng = np.random.default_rng(3)
    W = [rng.normal(size=(3, 2)), rng.normal(size=(1, 3))]
    b = [rng.normal(size=3), rng.normal(size=1)]
    X, Y = rng.normal(size=(6, 2)), rng.random((6, 1))
    return Network.from_weights(W, b, loss="mse"), X, Y


def test_parameters_are_named_in_the_course_notation(small_net):
    net, X, Y = small_net
    params = parameters(net)
    assert len(params) == net.n_params
    assert params[0] == ("w^(1)_11", ("W", 0, 0, 0))
    assert params[1] == ("w^(1)_12", ("W", 0, 0, 1))
    assert ("b^(2)_1", ("b", 1, 0)) in params
    assert parameter_label(("W", 1, 0, 2), math=True) == "$w^{(2)}_{13}$"


def test_loss_along_sets_one_parameter_and_leaves_the_net_alone(small_net):
    net, X, Y = small_net
    keep = [w.copy() for w in net.W]
    values = [-1.0, 0.0, 2.0]
    got = loss_along(net, X, Y, ("W", 1, 0, 2), values)
    for v, J in zip(values, got):
        W = [w.copy() for w in keep]
        W[1][0, 2] = v
        assert J == pytest.approx(Network.from_weights(W, net.b, loss="mse").loss(X, Y))
    for a, b in zip(net.W, keep):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("key", [("W", 0, 1, 0), ("W", 1, 0, 1), ("b", 0, 2), ("b", 1, 0)])
def test_backprop_slope_is_the_slope_of_the_curve(small_net, key):
    net, X, Y = small_net
    J, slope = slope_at(net, X, Y, key, 0.7)
    assert J == pytest.approx(loss_along(net, X, Y, key, [0.7])[0])
    assert slope == pytest.approx(numerical_slope(net, X, Y, key, 0.7), rel=1e-6, abs=1e-9)


def test_slope_lab_draws_the_tangent(small_net):
    net, X, Y = small_net
    lab = SlopeLab(net, X, Y, ("W", 1, 0, 0))
    centre = net.W[1][0, 0]
    assert lab.range == pytest.approx((centre - 4, centre + 4))
    J, slope = lab.show(centre + 1.0)
    tx, ty = lab.tangent.get_data()
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(slope)
    np.testing.assert_allclose(lab.point.get_data(), [[centre + 1.0], [J]])
    lab.set_parameter(("b", 0, 1))
    assert lab.centre == net.b[0][1]
    lab.fig.canvas.draw()


def test_slope_lab_widget_switches_parameter_and_slider_range(small_net):
    net, X, Y = small_net
    box = slope_lab(net, X, Y)
    assert "nnkit-widget" in box._dom_classes
    dropdown, slider = box.controls
    dropdown.value = ("b", 1, 0)
    assert slider.value == pytest.approx(net.b[1][0])
    assert slider.min == pytest.approx(net.b[1][0] - 4) and slider.max == pytest.approx(net.b[1][0] + 4)
    slider.value = net.b[1][0] + 1.0
    np.testing.assert_allclose(box.lab.point.get_xdata(), [net.b[1][0] + 1.0])


def test_slope_lab_bad_key(small_net):
    net, X, Y = small_net
    with pytest.raises(ValueError, match="parameter key"):
        slope_at(net, X, Y, ("V", 0, 0), 1.0)
