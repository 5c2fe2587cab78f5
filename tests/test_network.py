"""The network: source figures through the API, gradients by finite differences, errors."""
import numpy as np
import pytest

import nnkit
from nnkit.network import Network


def test_single_neuron_of_the_source_article():
    # source 002: w = [0, 1], b = 4, x = [2, 3] -> sigmoid(7) = 0.999
    net = Network.from_weights(W=[[[0.0, 1.0]]], b=[[4.0]])
    assert net.forward(np.array([2.0, 3.0])) == pytest.approx([0.9990889], abs=1e-7)


def test_2_2_1_network_of_the_source_article():
    # source 002: every neuron w = [0, 1], b = 0; x = [2, 3] -> 0.7216
    W = [np.array([[0.0, 1.0], [0.0, 1.0]]), np.array([[0.0, 1.0]])]
    net = Network.from_weights(W, [np.zeros(2), np.zeros(1)])
    assert net.forward([2.0, 3.0])[0] == pytest.approx(0.7216, abs=5e-5)


def test_3_3_1_network_of_the_tutorial():
    # source 001: W1 rows 0.2, 0.4, 0.6; W2 = 0.5; b1 = 0.8; b2 = 0.2; x = [1.5, 2, 3]
    W1 = np.array([[0.2] * 3, [0.4] * 3, [0.6] * 3])
    net = Network.from_weights([W1, np.full((1, 3), 0.5)], [np.full(3, 0.8), np.array([0.2])])
    out, cache = net.forward(np.array([1.5, 2.0, 3.0]), cache=True)
    # the tutorial prints 0.8354: 0.83546 truncated, not rounded, hence the tolerance of 1e-4
    assert out[0] == pytest.approx(0.8354, abs=1e-4)
    assert cache.H[1][0] == pytest.approx([0.8909, 0.9677, 0.9909], abs=1e-4)
    # z by hand: 0.2 * 6.5 + 0.8 = 2.1 for the first hidden unit
    assert cache.Z[0][0, 0] == pytest.approx(2.1)


def test_batch_forward_equals_sample_by_sample():
    net = Network([3, 4, 2], activation="tanh", seed=3)
    X = np.random.default_rng(1).normal(size=(5, 3))
    batch = net.forward(X)
    assert batch.shape == (5, 2)
    assert np.allclose(batch, [net.forward(x) for x in X])


def test_shapes_follow_the_course_notation():
    net = Network([64, 30, 10], seed=0)
    assert [w.shape for w in net.W] == [(30, 64), (10, 30)]
    assert [v.shape for v in net.b] == [(30,), (10,)]
    assert net.sizes == [64, 30, 10] and net.n_params == 30 * 64 + 30 + 10 * 30 + 10


CASES = [
    ([3, 4, 2], "sigmoid", "sigmoid", "squared_error", 1),
    ([3, 5, 4, 2], "tanh", "identity", "mse", 7),
    ([2, 6, 2, 1], "relu", "sigmoid", "binary_cross_entropy", 5),
    ([4, 5, 3], "elu", "softmax", "cross_entropy", 6),
    ([4, 3, 3], "swish", "softmax", "cross_entropy", 1),
    ([3, 4, 4, 2], "leaky_relu", "tanh", "squared_error", 3),
]


@pytest.mark.parametrize("sizes,act,out,loss,n", CASES)
def test_gradients_match_finite_differences(sizes, act, out, loss, n):
    rng = np.random.default_rng(len(sizes) + n)
    net = Network(sizes, activation=act, output=out, loss=loss, seed=2)
    X = rng.normal(size=(n, sizes[0]))
    if out == "softmax":
        Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
    elif loss == "binary_cross_entropy":
        Y = rng.integers(0, 2, (n, 1)).astype(float)
    else:
        Y = rng.random((n, sizes[-1]))
    assert nnkit.network_gradcheck(net, X, Y) < 1e-6


def test_input_gradient_matches_finite_differences():
    net = Network([4, 5, 3], activation="tanh", output="softmax", seed=0)
    x = np.random.default_rng(0).normal(size=(1, 4))
    y = np.array([[0.0, 1.0, 0.0]])
    err = nnkit.gradcheck(lambda v: net.loss(v, y), x, lambda v: net.backward(v, y).dX)
    assert err < 1e-7


def test_training_pass_without_input_gradient_gives_the_same_weight_gradients():
    # training skips dJ/dX; the weight gradients must not change with it
    net = Network([4, 5, 3], activation="sigmoid", seed=0)
    X, Y = np.random.default_rng(1).random((6, 4)), np.random.default_rng(2).random((6, 3))
    c = net.forward_pass(net.check_inputs(X))
    full = net.backpropagate(c, net.output_delta(c, Y))
    lean = net.backpropagate(c, net.output_delta(c, Y), input_gradient=False)
    assert lean.dX is None and full.dX.shape == (6, 4)
    for a, b in zip(full.dW + full.db, lean.dW + lean.db):
        np.testing.assert_array_equal(a, b)


def test_single_sample_backward_is_delta_h_transpose():
    # dJ/dW = delta h^T and dJ/db = delta for one sample: an outer product
    net = Network([3, 2, 2], seed=4)
    x, y = np.array([[0.5, -1.0, 2.0]]), np.array([[1.0, 0.0]])
    g = net.backward(x, y)
    _, cache = net.forward(x, cache=True)
    assert np.allclose(g.dW[1], np.outer(g.delta[1][0], cache.H[1][0]))
    assert np.allclose(g.dW[0], np.outer(g.delta[0][0], x[0]))
    assert np.allclose(g.db[0], g.delta[0][0])


def test_init_and_from_weights_share_one_setup():
    net = Network([3, 4, 2], activation="tanh", output="softmax", seed=5)
    same = Network.from_weights(net.W, net.b, activation="tanh", output="softmax")
    assert repr(same) == repr(net) == "Network([3, 4, 2], activation='tanh', output='softmax', loss='cross_entropy')"
    X = np.random.default_rng(0).normal(size=(4, 3))
    np.testing.assert_array_equal(same.forward(X), net.forward(X))
    same.W[0][0, 0] += 1.0  # from_weights copies
    assert net.W[0][0, 0] != same.W[0][0, 0]
    twin = net.copy()
    assert repr(twin) == repr(net) and twin.init == net.init == "xavier" and twin.output is net.output


def test_trusted_inner_loop_gives_what_the_checked_methods_give():
    net = Network([3, 5, 2], activation="relu", loss="cross_entropy", seed=0)
    X, y = np.random.default_rng(3).normal(size=(6, 3)), np.array([0, 1, 1, 0, 1, 0])
    X2, Y2 = net.check_inputs(X), net.check_targets(y, 6)
    c = net.forward_pass(X2)
    assert net.cache_loss(c, Y2) == net.loss(X, y)
    g = net.backpropagate(c, net.output_delta(c, Y2))
    for a, b in zip(g.dW + g.db, net.backward(X, y).dW + net.backward(X, y).db):
        np.testing.assert_array_equal(a, b)


def test_initialisations_are_seeded_and_scaled():
    a, b = Network([50, 40, 10], init="he", seed=1), Network([50, 40, 10], init="he", seed=1)
    assert all(np.array_equal(x, y) for x, y in zip(a.W, b.W))
    assert not np.array_equal(a.W[0], Network([50, 40, 10], init="he", seed=2).W[0])
    assert a.W[0].std() == pytest.approx(np.sqrt(2 / 50), rel=0.1)
    assert Network([50, 40, 10], init="xavier").W[0].std() == pytest.approx(np.sqrt(2 / 90), rel=0.1)
    u = Network([50, 40, 10], init="uniform")
    assert 0 <= u.W[0].min() and u.W[0].max() < 1 and u.b[0].min() >= 0


def test_labels_and_one_hot_targets_give_the_same_loss():
    net = Network([4, 3, 3], activation="relu", loss="cross_entropy", seed=0)
    X = np.random.default_rng(0).normal(size=(6, 4))
    y = np.array([0, 1, 2, 2, 1, 0])
    assert net.loss(X, y) == pytest.approx(net.loss(X, np.eye(3)[y]))
    assert net.score(X, y) == pytest.approx(np.mean(net.predict(X) == y))


def test_toy_people_separates_emily_and_frank():
    # source 002: SGD, learning rate 0.1, 1000 epochs; Emily (-7, -3) ~ 0.951, Frank (20, 2) ~ 0.039
    X = np.array([[-2.0, -1.0], [25.0, 6.0], [17.0, 4.0], [-15.0, -6.0]])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    net = Network([2, 2, 1], activation="sigmoid", loss="mse", seed=0)
    h = net.fit(X, y, epochs=1000, lr=0.1, batch_size=1, seed=0)
    assert h.loss[-1] < 0.01 < h.loss[0]
    assert net.forward([-7.0, -3.0])[0] > 0.9 and net.forward([20.0, 2.0])[0] < 0.1


def test_moons_2_6_2_1_reaches_low_loss():
    from sklearn.datasets import make_moons

    X, y = make_moons(300, noise=0.1, random_state=0)
    net = Network([2, 6, 2, 1], activation="relu", output="sigmoid", loss="binary_cross_entropy", seed=1)
    h = net.fit(X, y, epochs=2000, lr=0.5)
    assert net.loss(X, y) < 0.06 and h.loss[-1] < 0.06
    # independent comparison: logistic regression stays near 0.3 on the same data
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss

    lr = LogisticRegression().fit(X, y)
    assert log_loss(y, lr.predict_proba(X)) > 0.2


@pytest.mark.parametrize("call,match", [
    (lambda: Network([3]), "at least two layer sizes"),
    (lambda: Network([3, 0, 1]), "positive integer"),
    (lambda: Network([3, 2], activation="sigmod"), "unknown activation 'sigmod'"),
    (lambda: Network([3, 2], loss="hinge"), "unknown loss 'hinge'"),
    (lambda: Network([3, 2], init="zeros"), "unknown init 'zeros'"),
    (lambda: Network([3, 2], output="softmax", loss="mse"), "softmax output goes with loss='cross_entropy'"),
    (lambda: Network.from_weights([np.ones((2, 3)), np.ones((1, 3))], [np.ones(2), np.ones(1)]), "do not chain"),
    (lambda: Network.from_weights([np.ones((2, 3))], [np.ones(3)]), r"b\[0\] must have shape \(2,\)"),
    (lambda: Network([3, 2]).forward(np.ones((4, 2))), "3 features"),
    (lambda: Network([3, 2]).forward(np.array([[1.0, np.nan, 0.0]])), "X must be finite"),
    (lambda: Network([3, 2]).gradients(np.ones((4, 3)), np.ones((4, 3))), r"Y must have shape \(4, 2\)"),
    (lambda: Network([3, 3]).gradients(np.ones((2, 3)), np.array([0, 5])), "integers 0..2"),
    (lambda: Network([3, 1]).score(np.ones((2, 3)), np.array([0, 1, 1])), r"y must have one target or label per sample \(2\), got 3"),
    (lambda: Network([3, 2], seed=-1), "seed must be a non-negative integer"),
])
def test_bad_input_raises_value_error_naming_it(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_non_numeric_input_raises_type_error():
    with pytest.raises(TypeError, match="X must be numeric"):
        Network([2, 1]).forward([["a", "b"]])
    with pytest.raises(TypeError, match="W and b must be lists"):
        Network.from_weights(np.ones((2, 2)), np.ones(2))
