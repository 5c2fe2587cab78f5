"""Tests for the widgets of notebooks 01-03: their plain functions and their wiring."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnkit import data
from nnkit.widgets import perceptron_lab, perceptron_line
from nnkit.widgets.perceptron_lab import PerceptronLab
from nnkit.widgets.perceptron_line import LAB_DATASETS, decision_line, lab_data, lab_state, run_epoch, run_sample


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


def test_notebooks_import_the_lab_logic_from_the_widget_module():
    # notebooks 01 and 03 (and the neuron-plane and playground widgets) import these from perceptron_lab
    assert perceptron_lab.decision_line is perceptron_line.decision_line
    assert perceptron_lab.run_sample is perceptron_line.run_sample


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


def test_run_sample_moves_z_by_lr_times_norm_squared_plus_one():
    X, y = np.array([[2.0, 3.0], [0.0, 0.0]]), np.array([1, 0])
    # w = (1, -1), b = 0: z = 2 - 3 = -1 -> answer 0, label 1: w += 0.5 (2, 3), b += 0.5; z' = -1 + 0.5 (13 + 1) = 6
    st = run_sample(1.0, -1.0, 0.0, X, y, 0, lr=0.5)
    assert st.updated and st.answer == 0 and st.z == -1.0
    assert (st.w1, st.w2, st.b) == (2.0, 0.5, 0.5)
    assert "z at this sample moves from -1.00 to 6.00" in st.text
    right = run_sample(2.0, 0.5, 0.5, X, y, 0)            # now right: nothing changes
    assert not right.updated and (right.w1, right.w2, right.b) == (2.0, 0.5, 0.5) and "nothing changes" in right.text
    with pytest.raises(ValueError, match="k must be a row of X, from 0 to 1"):
        run_sample(0.0, 0.0, 0.0, X, y, 2)


def test_lab_data_sets():
    assert LAB_DATASETS == ("separable", "XOR", "moons")
    X, y = lab_data("separable")
    assert X.shape == (60, 2) and set(np.unique(y)) == {0, 1}
    assert lab_data("XOR")[0].shape == (4, 2) and lab_data("moons")[0].shape == (100, 2)
    with pytest.raises(ValueError, match="unknown data set 'rings'"):
        lab_data("rings")


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


def test_lab_one_sample_highlights_the_sample_and_keeps_the_old_line():
    lab = PerceptronLab(dataset="XOR", w=(0.0, 0.0), b=0.0)
    lab.one_sample()          # sample 0 = (0, 0), label 0: z = 0 -> answer 1, wrong: b becomes -1, w stays 0
    assert lab.values() == (0.0, 0.0, -1.0)
    np.testing.assert_array_equal(lab.current.get_data(), ([0.0], [0.0]))
    assert "sample 0 at (0.00, 0.00), label 0: z = 0.00, answer 1" in lab.readout.value
    lab.one_sample()          # sample 1 = (0, 1), label 1: z = -1 -> answer 0, wrong: w = (0, 1), b = 0
    assert lab.values() == (0.0, 1.0, 0.0) and lab.next_sample == 2
    np.testing.assert_array_equal(lab.current.get_data(), ([0.0], [1.0]))
    assert len(lab.old_line.get_xdata()) == 0  # the line before this update had w = 0: no line to keep
    lab.one_sample()          # sample 2 = (1, 0), label 1: z = 0 -> answer 1, right
    assert lab.values() == (0.0, 1.0, 0.0) and "right, nothing changes" in lab.readout.value
    lab.one_sample()          # sample 3 = (1, 1), label 0: z = 1 -> answer 1, wrong: w = (-1, 0), b = -1
    assert lab.values() == (-1.0, 0.0, -1.0) and lab.next_sample == 0
    assert len(lab.old_line.get_xdata()) == 2  # the line before the update, w = (0, 1), stays dashed
    lab.sliders[0].value = 0.5                 # moving a slider by hand clears the highlight
    assert len(lab.current.get_xdata()) == 0 and len(lab.old_line.get_xdata()) == 0


def test_lab_dataset_dropdown_replaces_the_points_and_keeps_equal_axes():
    lab = PerceptronLab(w=(1.0, 1.0), b=-1.0)
    assert lab.points.get_offsets().shape == (60, 2)
    lab.dataset.value = "moons"
    assert lab.points.get_offsets().shape == (100, 2) and lab.X.shape == (100, 2)
    assert "of 100 points misclassified" in lab.readout.value
    assert lab.ax.get_aspect() == 1.0
    x0, x1 = lab.ax.get_xlim()
    y0, y1 = lab.ax.get_ylim()
    assert np.isclose(x1 - x0, y1 - y0)        # a square view: equal scales fill the plot
    lab.dataset.value = "XOR"
    assert lab.epochs == 0 and lab.next_sample == 0 and lab.X.shape == (4, 2)


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


def test_activation_lab_reference_curve_is_w1_b0_of_the_chosen_activation():
    lab = ActivationLab(w=3.0, b=-2.0)
    x = lab.ref_curve.get_xdata()
    np.testing.assert_allclose(lab.ref_curve.get_ydata(), 1 / (1 + np.exp(-x)))
    lab.w.value = -1.0                        # the reference does not follow the sliders...
    np.testing.assert_allclose(lab.ref_curve.get_ydata(), 1 / (1 + np.exp(-x)))
    lab.activation.value = "tanh"             # ...but follows the activation
    np.testing.assert_allclose(lab.ref_curve.get_ydata(), np.tanh(x))
    np.testing.assert_allclose(lab.ref_slope.get_ydata(), 1 - np.tanh(x) ** 2)


# ------------------------------------------------------------------ 02 neuron over the plane
from nnkit.widgets.neuron_plane import NeuronPlaneLab, neuron_plane  # noqa: E402


def test_neuron_plane_line_distance_and_ramp_by_hand():
    # w = (3, 4), |w| = 5, b = -5: the line 3 x1 + 4 x2 = 5 lies 1 from the origin, nearest point (0.6, 0.8);
    # the lines z = -2 and z = 2 lie 2/5 either side, so the strip is 4/5 wide
    st = neuron_plane(3.0, 4.0, -5.0, extent=(-2, 2, -2, 2), resolution=5)
    assert st.distance == pytest.approx(1.0) and st.width == pytest.approx(0.8)
    np.testing.assert_allclose(st.foot, [0.6, 0.8])
    for (xs, ys), z0 in zip(st.lines, (-2.0, 0.0, 2.0)):
        np.testing.assert_allclose(3 * xs + 4 * ys - 5, z0, atol=1e-9)
    # the heat map: grid point (x1, x2) = (-2, -2) is row 0, column 0; (2, -2) is row 0, column 4
    assert st.h[0, 0] == pytest.approx(1 / (1 + np.exp(19.0)))
    assert st.h[0, 4] == pytest.approx(1 / (1 + np.exp(7.0)))
    # the profile along w is a sigmoid of slope |w| in the distance
    np.testing.assert_allclose(st.profile, 1 / (1 + np.exp(-5 * st.d)))
    assert "distance |b|/|w| = 1.00" in st.text and "4/|w| = 0.80 wide" in st.text


def test_neuron_plane_without_weights_is_constant():
    st = neuron_plane(0.0, 0.0, 2.0, resolution=4)
    assert st.foot is None and st.distance is None and all(xs.size == 0 for xs, _ in st.lines)
    np.testing.assert_allclose(st.h, 1 / (1 + np.exp(-2.0)))
    assert "no line" in st.text


def test_neuron_plane_lab_wiring_updates_in_place():
    lab = NeuronPlaneLab(w=(0.0, 1.0), b=4.0)       # the source's neuron: line x2 = -4 at the bottom edge
    image = lab.image
    assert "distance |b|/|w| = 4.00" in lab.readout.value
    lab.sliders[2].value = 0.0
    assert lab.image is image and "distance |b|/|w| = 0.00" in lab.readout.value
    np.testing.assert_allclose(lab.lines[1].get_ydata(), 0.0, atol=1e-12)   # the line x2 = 0
    lab.sliders[1].value = 2.0                       # |w| = 2: ramp 2 wide, its edges at d = -1 and 1
    np.testing.assert_allclose([e.get_xdata()[0] for e in lab.ramp_edges], [-1.0, 1.0])
    lab.sliders[1].value = 0.0                       # w = 0: no arrow
    assert not lab.arrow.get_visible() and "no line" in lab.readout.value


# ------------------------------------------------------------------ 03 network playground
from nnkit.widgets.playground import (  # noqa: E402
    MARGIN, PARAM_LABELS, PARAM_NAMES, Playground, hidden_lines, hidden_output, network_output, playground_state, unpack,
)

# h1 = OR(x1, x2), h2 = NAND(x1, x2), y = AND(h1, h2), with weights large enough to be nearly steps
HAND_XOR = np.array([20.0, 20.0, -20.0, -20.0, -10.0, 30.0, 20.0, 20.0, -30.0])


def test_unpack_shapes_and_order():
    W, b = unpack(np.arange(9.0))
    np.testing.assert_array_equal(W[0], [[0, 1], [2, 3]])
    np.testing.assert_array_equal(b[0], [4, 5])
    np.testing.assert_array_equal(W[1], [[6, 7]])
    np.testing.assert_array_equal(b[1], [8])
    with pytest.raises(ValueError, match="params must hold the 9 numbers"):
        unpack(np.zeros(8))


def test_labels_use_the_course_notation():
    assert PARAM_NAMES[0] == "w^(1)_11" and PARAM_NAMES[-1] == "b^(2)"
    assert PARAM_LABELS[0] == "w\u207d\u00b9\u207e\u2081\u2081"          # w⁽¹⁾₁₁
    assert PARAM_LABELS[6] == "w\u207d\u00b2\u207e\u2081\u2081"          # w⁽²⁾₁₁
    assert not {"v1", "v2", "c", "b1", "b2"} & set(PARAM_LABELS)
    pg = Playground(params=np.zeros(9))
    assert [s.description for s in pg.sliders] == list(PARAM_LABELS)


def test_network_output_matches_source_221():
    # source 002: every unit w = (0, 1), b = 0; x = (2, 3) -> 0.7216
    params = np.array([0, 1, 0, 1, 0, 0, 0, 1, 0], dtype=float)
    np.testing.assert_allclose(network_output(params, np.array([[2.0, 3.0]])), [0.7216], atol=1e-4)
    np.testing.assert_allclose(hidden_output(params, np.array([[2.0, 3.0]])), [[1 / (1 + np.exp(-3.0))] * 2])


def test_hidden_lines_are_where_each_unit_is_one_half():
    lines = hidden_lines(HAND_XOR)
    for (xs, ys), (w1, w2, b) in zip(lines, [(20, 20, -10), (-20, -20, 30)]):
        np.testing.assert_allclose(w1 * xs + w2 * ys + b, 0.0, atol=1e-9)
    params = HAND_XOR.copy()
    params[[0, 1]] = 0.0                       # unit 1 without weights: constant, no line
    assert hidden_lines(params)[0][0].size == 0


def test_hand_xor_solves_xor_with_margin_and_sliders_change_it():
    X, y = data.xor()
    st = playground_state(HAND_XOR, X, y)
    assert st.correct == 4 and st.with_margin and "solved, every output within 0.1" in st.text
    assert "y at (0, 0): 0.00, (0, 1): 1.00, (1, 0): 1.00, (1, 1): 0.00" in st.text   # each output named by its point
    assert MARGIN == 0.1
    # the hidden plane: OR, NAND -> (0,0) at (0,1), (0,1) and (1,0) at (1,1), (1,1) at (1,0)
    np.testing.assert_allclose(st.hidden, [[0, 1], [1, 1], [1, 1], [1, 0]], atol=1e-4)
    soft = HAND_XOR / 4                        # the same lines, gentler ramps: right, but outputs not within 0.1
    st_soft = playground_state(soft, X, y)
    assert st_soft.correct == 4 and not st_soft.with_margin and "not every output" in st_soft.text
    changed = HAND_XOR.copy()
    changed[8] = 30.0                  # output bias +30: the output unit fires everywhere -> only 2 right
    assert playground_state(changed, X, y).correct == 2


def test_playground_wiring_draws_lines_and_hidden_plane_in_place():
    pg = Playground(params=np.zeros(9))
    assert "of 4 points right" in pg.readout.value
    mesh, edge, h_points = pg.ax_out.nn_mesh, pg.ax_net.nn_edges[0][0][0], pg.h_points
    assert all(line.get_xdata().size == 0 for line in pg.unit_lines)      # zero weights: no unit lines
    pg.set_values(HAND_XOR)
    assert "4 of 4 points right" in pg.readout.value
    assert pg.ax_out.nn_mesh is mesh and pg.ax_net.nn_edges[0][0][0] is edge and pg.h_points is h_points
    assert pg.ax_net.nn_bias_texts[0][1].get_text() == "b=30"
    np.testing.assert_allclose(pg.h_points.get_offsets(), hidden_output(HAND_XOR, data.xor()[0]))
    xs, ys = pg.unit_lines[0].get_data()
    np.testing.assert_allclose(20 * xs + 20 * ys - 10, 0.0, atol=1e-9)
    xs, ys = pg.out_line.get_data()                                         # output line 20 h1 + 20 h2 - 30 = 0
    np.testing.assert_allclose(20 * np.asarray(xs) + 20 * np.asarray(ys) - 30, 0.0, atol=1e-9)
    assert len(pg.grid_lines) == 18
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
