"""Optimisers by hand, the training loop's contract, and 1-D gradient descent of the tutorial."""
import numpy as np
import pytest

from nnkit.network import Network
from nnkit.optim import SGD, Adam, Momentum, gradient_descent, get_optimizer, train


def test_sgd_and_momentum_steps_by_hand():
    p = [np.array([1.0, 2.0])]
    SGD(0.1).step(p, [np.array([1.0, -1.0])])
    assert np.allclose(p[0], [0.9, 2.1])
    m, p = Momentum(0.1, beta=0.5), [np.array([0.0])]
    m.step(p, [np.array([1.0])])  # v = 1, p = -0.1
    m.step(p, [np.array([1.0])])  # v = 0.5 + 1 = 1.5, p = -0.25
    assert p[0][0] == pytest.approx(-0.25)


def test_adam_first_step_is_lr_times_sign():
    # bias correction makes the first step lr * g / (|g| + eps): the sign of g, scaled by lr
    p = [np.array([0.0, 0.0])]
    Adam(0.01).step(p, [np.array([3.0, -0.002])])
    assert np.allclose(p[0], [-0.01, 0.01], rtol=1e-4)


def test_tutorial_gradient_descent_reaches_2_249965():
    # source 001: f(x) = x^4 - 3x^3 + 2, from x = 6, step 0.01, precision 1e-5 -> 2.249965
    path = gradient_descent(lambda x: 4 * x**3 - 9 * x**2, 6.0, lr=0.01, precision=1e-5)
    assert path[-1] == pytest.approx(2.249965, abs=5e-7)
    assert path[-1] == pytest.approx(9 / 4, abs=1e-4)  # f'(x) = x^2 (4x - 9) = 0 at x = 9/4


def test_divergent_gradient_descent_stops_quietly():
    path = gradient_descent(lambda x: 4 * x**3 - 9 * x**2, 6.0, lr=0.1)
    assert len(path) < 20 and abs(path[-1]) > 1e12
    assert np.all(np.isfinite(path))


def test_gradient_descent_in_2d():
    # f(x, y) = x^2 + 10 y^2 has its minimum at the origin
    path = gradient_descent(lambda v: np.array([2 * v[0], 20 * v[1]]), [3.0, 1.0], lr=0.04, precision=1e-8)
    assert path.shape[1] == 2 and np.allclose(path[-1], 0.0, atol=1e-5)


@pytest.mark.parametrize("optimizer,lr", [("sgd", 1.0), ("momentum", 0.3), ("adam", 0.05)])
def test_every_optimizer_trains_xor(optimizer, lr):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    net = Network([2, 4, 1], activation="tanh", loss="binary_cross_entropy", seed=0)
    h = net.fit(X, y, epochs=1000, lr=lr, optimizer=optimizer)
    assert net.score(X, y) == 1.0 and h.loss[-1] < 0.1 * h.loss[0]


def test_history_and_validation_are_recorded_and_deterministic():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 3)), rng.integers(0, 2, 40)
    runs = []
    for _ in range(2):
        net = Network([3, 4, 1], seed=0)
        runs.append(train(net, X, y, epochs=7, lr=0.5, batch_size=8, seed=3, validation=(X[:10], y[:10])))
    h = runs[0]
    assert h.epochs == 7 and len(h.val_loss) == 7 and len(h.val_accuracy) == 7
    assert h.loss == runs[1].loss
    assert all(0.0 <= a <= 1.0 for a in h.val_accuracy)


def test_full_batch_loss_is_the_loss_before_each_step():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(10, 2)), rng.integers(0, 2, 10)
    net = Network([2, 3, 1], seed=0)
    before = net.loss(X, y)
    h = net.fit(X, y, epochs=1, lr=0.1)
    assert h.loss[0] == pytest.approx(before)


def test_weight_decay_shrinks_weights_but_not_biases():
    X, y = np.zeros((4, 2)), np.zeros(4)  # zero input: weight gradients vanish, only decay acts
    net = Network([2, 1], seed=0)
    W0, b0 = net.W[0].copy(), net.b[0].copy()
    net.fit(X, y, epochs=1, lr=0.1, weight_decay=0.5)
    assert np.allclose(net.W[0], W0 * (1 - 0.05))
    assert not np.allclose(net.b[0], b0 - 1) and net.b[0] != pytest.approx(b0 * 0.95)


def test_bad_training_arguments():
    net, X, y = Network([2, 1]), np.zeros((4, 2)), np.zeros(4)
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop'"):
        net.fit(X, y, optimizer="rmsprop")
    with pytest.raises(ValueError, match="epochs must be an integer > 0"):
        net.fit(X, y, epochs=0)
    with pytest.raises(TypeError, match="lr must be a number"):
        get_optimizer("sgd", "fast")
    with pytest.raises(ValueError, match="lr must be a number > 0"):
        net.fit(X, y, lr=-1.0)
    with pytest.raises(TypeError, match="validation must be a pair"):
        net.fit(X, y, validation=X)
    with pytest.raises(ValueError, match="beta must be a fraction"):
        net.fit(X, y, optimizer="momentum", beta=1.2)
    with pytest.raises(ValueError, match="batch_size must be an integer > 0"):
        net.fit(X, y, batch_size=0)
