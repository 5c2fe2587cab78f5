"""Tests for the widgets of notebooks 01-03: their plain functions and their wiring."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnkit import data
from nnkit.widgets.perceptron_lab import PerceptronLab, decision_line, lab_state, run_epoch


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


# ------------------------------------------------------------------ 01 perceptron lab
def test_decision_line_points_satisfy_the_equation():
    xs, ys = decision_line(2.0, -1.0, 3.0)
    np.testing.assert_allclose(2.0 * xs - 1.0 * ys + 3.0, 0.0, atol=1e-9)
    assert abs(xs[1] - xs[0]) > 10          # long enough to cross any plot
    xs, ys = decision_line(0.0, 0.0, 1.0)
    assert xs.size == 0 and ys.size == 0


def test_lab_state_counts_mistakes_by_hand():
    X, y = data.xor()
    # AND perceptron (1, 1, -1.5) on XOR labels: answers 0, 0, 0, 1 against 0, 1, 1, 0 -> 3 wrong
    st = lab_state(1.0, 1.0, -1.5, X, y)
    assert st.mistakes == 3
    np.testing.assert_array_equal(st.wrong, [False, True, True, True])
    assert "3 of 4 points misclassified" in st.text
    # a changed slider changes the result: OR (b = -0.5) gets only (1, 1) wrong
    assert lab_state(1.0, 1.0, -0.5, X, y).mistakes == 1
    # w = 0 has no line; z = b for every point, so b = 0 answers 1 everywhere: XOR's two 0s are wrong
    zero = lab_state(0.0, 0.0, 0.0, X, y)
    assert zero.mistakes == 2 and zero.line[0].size == 0
    assert "no line: every point gets the answer 1" in zero.text


def test_run_epoch_follows_the_rule_by_hand():
    X, y = data.xor()
    # from 0: (0,0) y=0 z=0 -> yhat 1, error -1: w=(0,0), b=-1; (0,1) y=1 z=-1 -> +1: w=(0,1), b=0;
    # (1,0) y=1 z=0 -> right; (1,1) y=0 z=1 -> -1: w=(-1,0), b=-1.  Three updates.
    assert run_epoch(0.0, 0.0, 0.0, X, y) == (-1.0, 0.0, -1.0, 3)
    w1, w2, b, updates = run_epoch(1.0, 1.0, -1.5, X, np.array([0, 0, 0, 1]), lr=0.5)
    assert (w1, w2, b, updates) == (1.0, 1.0, -1.5, 0)


def test_lab_wiring_epoch_moves_sliders_and_reset_restores():
    X, y = data.blobs(40, seed=1)
    lab = PerceptronLab(X, y)
    assert "40 of 40" not in lab.readout.value
    lab.one_epoch()
    expected = run_epoch(0.0, 0.0, 0.0, X, y)
    np.testing.assert_allclose(lab.values(), expected[:3])
    assert "epochs run: 1" in lab.readout.value
    lab.set_values(0.0, 0.0, 0.0)
    lab.sliders[2].value = -1.0       # w = 0, b < 0: every point answered 0 -> the 20 of class 1 are wrong
    assert "w = (0.00, 0.00), b = -1.00: 20 of 40 points misclassified" in lab.readout.value
    lab.reset()
    assert lab.values() == (0.0, 0.0, 0.0)
    assert lab.line.get_xdata().size == 0      # w = 0: no line


# ------------------------------------------------------------------ 02 activation lab
from nnkit.widgets.activation_lab import ActivationLab, neuron_curve, switching_point  # noqa: E402


def test_switching_point_is_minus_b_over_w():
    assert switching_point(5.0, -8.0) == pytest.approx(1.6)
    assert switching_point(5.0, 8.0) == pytest.approx(-1.6)
    assert switching_point(0.0, 1.0) is None
    assert str(switching_point(2.0, 0.0)) == "0.0"                 # not -0.0, which prints as "-0.00"


def test_neuron_curve_sigmoid_half_at_switch_and_slope_w_over_4():
    c = neuron_curve(2.0, -3.0, "sigmoid", x=np.array([1.5, 10.0]))
    # at x = -b/w = 1.5: z = 0, h = 1/2, dh/dx = w * 1/4 = 0.5 (by hand)
    np.testing.assert_allclose(c.h[0], 0.5)
    np.testing.assert_allclose(c.dh_dx[0], 0.5)
    # the slope is the derivative of the curve: compare with finite differences
    x = np.linspace(-3, 3, 61)
    for name in ("sigmoid", "tanh", "elu", "swish"):
        c = neuron_curve(1.7, 0.4, name, x=x)
        e = 1e-6
        numeric = (neuron_curve(1.7, 0.4, name, x=x + e).h - neuron_curve(1.7, 0.4, name, x=x - e).h) / (2 * e)
        np.testing.assert_allclose(c.dh_dx, numeric, atol=1e-6)


def test_neuron_curve_relu_changes_with_the_sliders():
    x = np.array([-1.0, 1.0])
    np.testing.assert_allclose(neuron_curve(1.0, 0.0, "relu", x).h, [0.0, 1.0])
    np.testing.assert_allclose(neuron_curve(-2.0, 0.0, "relu", x).h, [2.0, 0.0])
    np.testing.assert_allclose(neuron_curve(1.0, 0.5, "relu", x).h, [0.0, 1.5])


def test_neuron_curve_bad_activation():
    with pytest.raises(ValueError, match="unknown activation 'softsign'"):
        neuron_curve(1.0, 0.0, "softsign")


def test_activation_lab_wiring_updates_lines_in_place():
    lab = ActivationLab()
    line = lab.curve
    lab.activation.value = "relu"
    lab.w.value = 2.0
    assert lab.curve is line
    np.testing.assert_allclose(line.get_ydata()[-1], 20.0)     # relu(2 * 10)
    assert "switching point x = -b/w = 0.00" in lab.readout.value     # b = 0: no "-0.00"
    lab.b.value = -4.0
    assert "x = -b/w = 2.00" in lab.readout.value
    lab.w.value = 0.0
    assert "no switch" in lab.readout.value


# ------------------------------------------------------------------ 03 network playground
from nnkit.widgets.playground import (  # noqa: E402
    XOR_SOLUTION, Playground, network_output, playground_state, unpack,
)


def test_unpack_shapes_and_order():
    W, b = unpack(np.arange(9.0))
    np.testing.assert_array_equal(W[0], [[0, 1], [2, 3]])
    np.testing.assert_array_equal(b[0], [4, 5])
    np.testing.assert_array_equal(W[1], [[6, 7]])
    np.testing.assert_array_equal(b[1], [8])
    with pytest.raises(ValueError, match="params must hold the 9 numbers"):
        unpack(np.zeros(8))


def test_network_output_matches_source_221():
    # source 002: every unit w = (0, 1), b = 0; x = (2, 3) -> 0.7216
    params = np.array([0, 1, 0, 1, 0, 0, 0, 1, 0], dtype=float)
    np.testing.assert_allclose(network_output(params, np.array([[2.0, 3.0]])), [0.7216], atol=1e-4)


def test_xor_solution_solves_xor_and_sliders_change_it():
    X, y = data.xor()
    st = playground_state(XOR_SOLUTION, X, y)
    assert st.correct == 4 and "solved" in st.text
    out = network_output(XOR_SOLUTION, X)
    assert np.all(out[[0, 3]] < 0.01) and np.all(out[[1, 2]] > 0.99)
    changed = XOR_SOLUTION.copy()
    changed[8] = 30.0                  # output bias +30: the output unit fires everywhere -> only 2 right
    assert playground_state(changed, X, y).correct == 2


def test_playground_wiring_solution_button_and_in_place_update():
    pg = Playground(params=np.zeros(9))
    assert "2 of 4" in pg.readout.value or "of 4 points right" in pg.readout.value
    mesh = pg.ax_out.nn_mesh
    edge = pg.ax_net.nn_edges[0][0][0]
    pg.solution_button.click()
    np.testing.assert_array_equal(pg.values(), XOR_SOLUTION)
    assert "4 of 4 points right" in pg.readout.value
    assert pg.ax_out.nn_mesh is mesh and pg.ax_net.nn_edges[0][0][0] is edge
    assert pg.ax_net.nn_bias_texts[0][1].get_text() == "b=30"
    pg.sliders[8].value = 30.0
    assert "2 of 4 points right" in pg.readout.value


def test_live_plot_renders_one_frame_at_a_time_from_many_threads():
    # JupyterLab >= 4.4 runs widget callbacks on several kernel threads at once
    import threading

    from nnkit.widgets import LivePlot

    fig, ax = plt.subplots()
    ax.imshow(np.random.default_rng(0).random((50, 50)))
    live = LivePlot(fig)
    reference = live.render()
    frames, errors = [], []

    def worker():
        try:
            for _ in range(5):
                frames.append(live.render())
        except Exception as err:  # noqa: BLE001 - collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(frames) == 20
    assert all(frame == reference for frame in frames)
