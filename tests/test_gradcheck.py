"""gradcheck itself must catch wrong gradients, not only bless right ones."""
import numpy as np
import pytest

from nnkit.gradcheck import gradcheck, network_gradcheck, numerical_gradient, relative_error
from nnkit.network import Network


def test_numerical_gradient_of_a_quadratic_by_hand():
    # f(x) = sum x^2 + 3 x_0 x_1: grad = 2x + 3 (x_1, x_0)
    x = np.array([1.0, -2.0])
    g = numerical_gradient(lambda v: np.sum(v**2) + 3 * v[0] * v[1], x)
    assert np.allclose(g, [2 - 6, -4 + 3], atol=1e-8)
    assert np.array_equal(x, [1.0, -2.0])  # left unchanged


def test_gradcheck_accepts_right_and_rejects_wrong():
    f = lambda v: np.sum(np.sin(v))  # noqa: E731
    x = np.linspace(-1, 1, 5)
    assert gradcheck(f, x, np.cos) < 1e-8
    assert gradcheck(f, x, lambda v: np.cos(v) * 1.01) > 1e-3
    assert gradcheck(lambda v: (f(v), np.cos(v)), x) < 1e-8


def test_network_gradcheck_notices_a_broken_backward(monkeypatch):
    net = Network([3, 4, 2], seed=0)
    X, Y = np.random.default_rng(0).normal(size=(5, 3)), np.random.default_rng(1).random((5, 2))
    assert network_gradcheck(net, X, Y) < 1e-6
    W_before = [w.copy() for w in net.W]
    original = Network.backpropagate

    def wrong(self, c, delta_L):  # forgets the activation's derivative in the hidden layer
        g = original(self, c, delta_L)
        g.dW[0] = (g.delta[1] @ self.W[1]).T @ c.H[0]
        return g

    monkeypatch.setattr(Network, "backpropagate", wrong)
    assert network_gradcheck(net, X, Y) > 1e-2
    assert all(np.array_equal(a, b) for a, b in zip(W_before, net.W))  # parameters restored


def test_relative_error_properties():
    assert relative_error([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert relative_error([1.0], [-1.0]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="shapes"):
        relative_error([1.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="must have the shape of x"):
        gradcheck(lambda v: 0.0, np.zeros(3), lambda v: np.zeros(2))
    with pytest.raises(TypeError, match="f must be a function"):
        gradcheck(3, np.zeros(3))
