"""Tests for nnkit.plotting.boundary and nnkit.plotting.network_diagram."""
import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnkit.plotting.boundary import (
    data_extent, input_grid, plot_decision_boundary, update_decision_boundary,
)
from nnkit.plotting.network_diagram import NEGATIVE, POSITIVE, draw_network, update_network


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_input_grid_covers_extent_row_major():
    xx, yy, P = input_grid((0, 1, -2, 2), 3)
    assert xx.shape == yy.shape == (3, 3)
    assert P.shape == (9, 2)
    # by hand: x varies along a row, y down the columns
    np.testing.assert_allclose(xx[0], [0, 0.5, 1])
    np.testing.assert_allclose(yy[:, 0], [-2, 0, 2])
    np.testing.assert_allclose(P[1], [0.5, -2])
    np.testing.assert_allclose(P[3], [0, 0])


def test_input_grid_bad_input():
    with pytest.raises(ValueError, match="extent must be"):
        input_grid((1, 0, 0, 1), 10)
    with pytest.raises(ValueError, match="resolution must be at least 2"):
        input_grid((0, 1, 0, 1), 1)
    with pytest.raises(TypeError, match="resolution must be an integer"):
        input_grid((0, 1, 0, 1), 2.5)


def test_data_extent_has_margin():
    assert data_extent(np.array([[0.0, 0.0], [2.0, 4.0]]), margin=0.5) == (-1.0, 3.0, -2.0, 6.0)


def test_heat_map_holds_predict_values_and_boundary_at_half():
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1])
    # output = x1: boundary is the vertical line x1 = 0.5
    ax = plot_decision_boundary(lambda P: P[:, 0], X, y, extent=(0, 1, 0, 1), resolution=11)
    img = np.asarray(ax.nn_mesh.get_array())
    np.testing.assert_allclose(img[0], np.linspace(0, 1, 11))
    assert ax.nn_contour is not None
    seg = np.vstack([p.vertices for p in ax.nn_contour.get_paths()])
    np.testing.assert_allclose(seg[:, 0], 0.5, atol=1e-9)
    np.testing.assert_allclose(ax.nn_points.get_offsets(), X)
    assert ax.get_xlim() == (0.0, 1.0)
    # the two classes are drawn in different colours
    fc = ax.nn_points.get_facecolors()
    assert not np.allclose(fc[0], fc[1])


def test_update_changes_values_in_place():
    ax = plot_decision_boundary(lambda P: P[:, 0], extent=(0, 1, 0, 1), resolution=5)
    mesh = ax.nn_mesh
    values = update_decision_boundary(ax, lambda P: 1.0 - P[:, 1])
    assert ax.nn_mesh is mesh
    np.testing.assert_allclose(np.asarray(mesh.get_array())[:, 0], np.linspace(1, 0, 5))
    np.testing.assert_allclose(values[:, 2], np.linspace(1, 0, 5))
    # a constant output never crosses 0.5: no boundary line
    update_decision_boundary(ax, lambda P: np.full(len(P), 0.9))
    assert ax.nn_contour is None


def test_scores_get_symmetric_colour_range():
    ax = plot_decision_boundary(lambda P: 3 * P[:, 0], extent=(-1, 1, -1, 1), resolution=5, levels=[0.0])
    assert ax.nn_mesh.get_clim() == (-3.0, 3.0)


def test_boundary_bad_input():
    with pytest.raises(ValueError, match="one value per point"):
        plot_decision_boundary(lambda P: P, extent=(0, 1, 0, 1), resolution=4)
    with pytest.raises(TypeError, match="predict must be a function"):
        plot_decision_boundary(np.zeros(3))
    with pytest.raises(ValueError, match="y must have one label per row"):
        plot_decision_boundary(lambda P: P[:, 0], np.zeros((3, 2)), np.zeros(2))
    with pytest.raises(ValueError, match="call plot_decision_boundary"):
        update_decision_boundary(plt.subplots()[1], lambda P: P[:, 0])


def test_network_diagram_edges_follow_weights():
    W = [np.array([[1.0, -2.0], [0.5, 0.0]]), np.array([[-4.0, 4.0]])]
    b = [np.array([0.1, -0.2]), np.array([0.3])]
    ax = draw_network(W, b)
    assert [len(e) for e in ax.nn_edges] == [2, 1]
    e = ax.nn_edges[0][0][1]   # w_12^(1) = -2: red, runs from x_2 (layer 0, unit 1) to h_1
    assert e.get_color() == NEGATIVE
    assert ax.nn_edges[0][0][0].get_color() == POSITIVE
    # the widest edges are |w| = 4; width grows with |w|
    assert ax.nn_edges[1][0][0].get_linewidth() > e.get_linewidth() > ax.nn_edges[0][1][0].get_linewidth()
    assert ax.nn_bias_texts[0][1].get_text() == "b=-0.2"
    line = ax.nn_edges[0][0][1]
    update_network(ax, [-w for w in W], [-v for v in b])
    assert ax.nn_edges[0][0][1] is line and line.get_color() == POSITIVE
    assert ax.nn_bias_texts[1][0].get_text() == "b=-0.3"
    assert ax.nn_edge_texts[0][0][1].get_text() == "2"


def test_network_diagram_bad_input():
    with pytest.raises(ValueError, match="do not chain"):
        draw_network([np.ones((2, 2)), np.ones((1, 3))])
    with pytest.raises(ValueError, match="b\\[0\\] must have shape"):
        draw_network([np.ones((2, 2))], [np.ones(3)])
    ax = draw_network([np.ones((2, 2))])
    with pytest.raises(ValueError, match="drawn network has"):
        update_network(ax, [np.ones((3, 2))])


# ------------------------------------------------------------------ the hidden layer's bent grid
def test_warped_grid_maps_the_grid_lines_through_the_transform():
    from nnkit.plotting.hidden_space import warped_grid

    lines = warped_grid(lambda P: 2 * P + 1, (0, 1, -1, 1), n_lines=3, n_points=5)
    assert len(lines) == 6 and all(line.shape == (5, 2) for line in lines)
    # the x1 = const lines first: x1 = 0, 0.5, 1 -> 2 x1 + 1 = 1, 2, 3; along them x2 runs -1..1 -> -1..3
    np.testing.assert_allclose([line[0, 0] for line in lines[:3]], [1, 2, 3])
    np.testing.assert_allclose(lines[0][:, 1], [-1, 0, 1, 2, 3])
    # then the x2 = const lines: x2 = -1, 0, 1 -> -1, 1, 3
    np.testing.assert_allclose([line[0, 1] for line in lines[3:]], [-1, 1, 3])
    with pytest.raises(ValueError, match="transform must map an"):
        warped_grid(lambda P: P[:, :1], (0, 1, 0, 1))
    with pytest.raises(ValueError, match="extent must be"):
        warped_grid(lambda P: P, (1, 0, 0, 1))
