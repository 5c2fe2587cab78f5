"""Tests for nnkit.plotting.curves and nnkit.plotting.hidden_space: what is drawn equals hand-computed values."""
import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnkit import Network, gradient_descent
from nnkit.plotting.curves import (
    clip_to_view, find_artist, plot_descent_1d, plot_descent_2d, plot_loss_curve, update_descent_1d,
)
from nnkit.plotting.hidden_space import (
    hidden_activations, output_line, plot_hidden_space, plot_neuron_activation, update_hidden_space,
)


def f(x):
    return x**4 - 3 * x**3 + 2


def df(x):
    return 4 * x**3 - 9 * x**2


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# ------------------------------------------------------------------ clip_to_view
def test_clip_to_view_keeps_inside_and_pulls_outside_to_the_edge():
    got = clip_to_view([0.0, 5.0, 1e40, -np.inf, np.nan], 0.0, 10.0, margin=0.02)
    np.testing.assert_allclose(got, [0.0, 5.0, 10.2, -0.2, 10.2])


def test_clip_to_view_refuses_an_empty_view():
    with pytest.raises(ValueError, match="lo < hi"):
        clip_to_view([1.0], 2.0, 2.0)


# ------------------------------------------------------------------ loss curve
def test_loss_curve_draws_the_losses_on_a_log_axis():
    ax = plot_loss_curve([1.0, 0.5, 0.25])
    line = find_artist(ax, "loss")
    np.testing.assert_allclose(line.get_ydata(), [1.0, 0.5, 0.25])
    np.testing.assert_allclose(line.get_xdata(), [0, 1, 2])
    assert ax.get_yscale() == "log"


def test_loss_curve_refuses_non_positive_losses_on_a_log_axis():
    with pytest.raises(ValueError, match="log=False"):
        plot_loss_curve([1.0, 0.0])
    ax = plot_loss_curve([1.0, 0.0], log=False)
    assert ax.get_yscale() == "linear"


def test_loss_curve_refuses_mismatched_steps_and_empty_input():
    with pytest.raises(ValueError, match="one entry per loss"):
        plot_loss_curve([1.0, 0.5], steps=[0, 1, 2])
    with pytest.raises(ValueError, match="at least one value"):
        plot_loss_curve([])


def test_find_artist_names_the_missing_gid():
    _, ax = plt.subplots()
    with pytest.raises(KeyError, match="nothing"):
        find_artist(ax, "nothing")


# ------------------------------------------------------------------ 1-D descent
def test_descent_1d_puts_the_steps_on_the_curve():
    # the tutorial's first step from x = 6 with lr 0.01: f'(6) = 864 - 324 = 540, x1 = 6 - 5.4 = 0.6
    path = np.array([6.0, 0.6])
    ax = plot_descent_1d(f, path, xlim=(-1, 7), ylim=(-10, 700))
    line = find_artist(ax, "path")
    np.testing.assert_allclose(line.get_xdata(), [6.0, 0.6])
    np.testing.assert_allclose(line.get_ydata(), [650.0, 0.1296 - 0.648 + 2.0])
    np.testing.assert_allclose(find_artist(ax, "start").get_xdata(), [6.0])
    np.testing.assert_allclose(find_artist(ax, "end").get_xdata(), [0.6])


def test_descent_1d_draws_a_divergent_run_without_huge_numbers_or_warnings():
    path = gradient_descent(df, 6.0, 0.05)  # diverges: x reaches about 1e27
    assert np.max(np.abs(path)) > 1e12
    ax = plot_descent_1d(f, path, xlim=(-2, 6.5), ylim=(-10, 700))
    x, y = find_artist(ax, "path").get_data()
    assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))
    assert np.max(np.abs(x)) <= 6.5 + 0.02 * 8.5 + 1e-9
    assert np.max(y) <= 700 + 0.02 * 710 + 1e-9
    ax.figure.canvas.draw()  # renders (pytest turns any warning into an error)


def test_update_descent_1d_moves_the_artists_in_place():
    ax = plot_descent_1d(f, gradient_descent(df, 6.0, 0.01), xlim=(-2, 6.5), ylim=(-10, 700))
    line = find_artist(ax, "path")
    update_descent_1d(ax, f, np.array([3.0, 1.11]))
    assert find_artist(ax, "path") is line
    np.testing.assert_allclose(line.get_xdata(), [3.0, 1.11])
    np.testing.assert_allclose(find_artist(ax, "start").get_ydata(), [81 - 81 + 2.0])


def test_descent_1d_bad_input():
    with pytest.raises(TypeError, match="f must be a function"):
        plot_descent_1d(3.0, [1.0])
    with pytest.raises(ValueError, match="path must be 1-D"):
        plot_descent_1d(f, [[1.0, 2.0]])
    with pytest.raises(ValueError, match="at least the start"):
        plot_descent_1d(f, [])


# ------------------------------------------------------------------ 2-D descent
def elongated(x, y):
    return 0.5 * (x**2 + 10 * y**2)


def test_descent_2d_draws_contours_and_the_path():
    grad = lambda p: np.array([p[0], 10 * p[1]])  # noqa: E731
    path = gradient_descent(grad, [-4.0, 1.5], 0.05, max_steps=50)
    ax = plot_descent_2d(elongated, path, extent=(-5, 5, -2, 2), label="lr 0.05")
    assert len(ax.collections) >= 1  # the contour set
    line = ax.lines[0]
    np.testing.assert_allclose(line.get_xdata()[:2], [-4.0, -4.0 * 0.95])
    np.testing.assert_allclose(line.get_ydata()[:2], [1.5, 1.5 * 0.5])
    n_contours = len(ax.collections)
    plot_descent_2d(elongated, path * 0.5, ax=ax, color="C1")  # second path on the same contours
    assert len(ax.collections) == n_contours and len(ax.lines) == 6


def test_descent_2d_bad_input():
    with pytest.raises(ValueError, match=r"shape \(K \+ 1, 2\)"):
        plot_descent_2d(elongated, np.zeros((3, 3)))
    with pytest.raises(TypeError, match="f must be a function"):
        plot_descent_2d("f", np.zeros((3, 2)))


# ------------------------------------------------------------------ hidden space
def hand_net():
    """2-2-1 ReLU net: h^(1) = relu(x1 - x2, x1 + x2 - 1); output sigmoid(h1 - h2)."""
    W = [np.array([[1.0, -1.0], [1.0, 1.0]]), np.array([[1.0, -1.0]])]
    b = [np.array([0.0, -1.0]), np.array([0.0])]
    return Network.from_weights(W, b, activation="relu", output="sigmoid", loss="binary_cross_entropy")


X4 = np.array([[2.0, 1.0], [0.0, 1.0], [1.0, 1.0], [3.0, -1.0]])
H4 = np.array([[1.0, 2.0], [0.0, 0.0], [0.0, 1.0], [4.0, 1.0]])  # by hand from hand_net's formula
Y4 = np.array([0, 1, 1, 0])


def test_hidden_activations_match_the_hand_computation():
    np.testing.assert_allclose(hidden_activations(hand_net(), X4), H4)


def test_output_line_points_satisfy_the_line_equation():
    xs, ys = output_line([1.0, 2.0], -2.0, (0.0, 2.0))
    np.testing.assert_allclose(xs, [0.0, 2.0])
    np.testing.assert_allclose(ys, [1.0, 0.0])
    xs, ys = output_line([2.0, 0.0], -1.0, (0.0, 2.0))  # vertical: h1 = 0.5
    np.testing.assert_allclose(xs, [0.5, 0.5])
    with pytest.raises(ValueError, match="two weights"):
        output_line([1.0, 2.0, 3.0], 0.0, (0, 1))


def test_hidden_space_scatter_and_line():
    ax = plot_hidden_space(hand_net(), X4, Y4)
    np.testing.assert_allclose(ax.nn_hidden_points.get_offsets(), H4)
    lx, ly = ax.nn_output_line.get_data()
    np.testing.assert_allclose(ly, lx)  # h1 - h2 = 0
    update_hidden_space(ax, H4 * 2, w=[1.0, -2.0], b=0.0)
    np.testing.assert_allclose(ax.nn_hidden_points.get_offsets(), H4 * 2)
    lx, ly = ax.nn_output_line.get_data()
    np.testing.assert_allclose(ly, np.asarray(lx) / 2)


def test_hidden_space_bad_input():
    net = Network([2, 6, 2, 1], activation="relu", seed=0)
    with pytest.raises(ValueError, match="only a layer of 2 units"):
        plot_hidden_space(net, X4, Y4, layer=1)
    with pytest.raises(ValueError, match="from 1 to 2"):
        plot_hidden_space(net, X4, Y4, layer=3)
    with pytest.raises(ValueError, match="one label per row"):
        plot_hidden_space(net, X4, Y4[:3])
    with pytest.raises(ValueError, match="no hidden layer"):
        hidden_activations(Network([2, 1]), X4)
    _, ax = plt.subplots()
    with pytest.raises(ValueError, match="call plot_hidden_space"):
        update_hidden_space(ax, H4)


def test_neuron_activation_image_is_the_relu_of_the_weighted_sum():
    # unit 2 of layer 1 is relu(x1 + x2 - 1); on the grid's corners (-1,-1), (2,-1), (-1,2), (2,2)
    ax = plot_neuron_activation(hand_net(), layer=1, unit=1, extent=(-1, 2, -1, 2), resolution=4)
    img = ax.images[0].get_array()
    assert img[0, 0] == 0.0 and img[0, -1] == 0.0 and img[-1, 0] == 0.0
    assert img[-1, -1] == pytest.approx(3.0)
    assert len(ax.collections) >= 1  # the z = 0 line


def test_neuron_activation_bad_unit():
    with pytest.raises(ValueError, match="from 0 to 1 of layer 1"):
        plot_neuron_activation(hand_net(), layer=1, unit=2)
