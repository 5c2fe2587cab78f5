"""Activations: values by hand, derivatives by finite differences, stability at extremes."""
import numpy as np
import pytest

from nnkit import activations as A
from nnkit.gradcheck import numerical_gradient

Z = np.array([-3.0, -1.2, -0.3, 0.4, 1.1, 2.5])  # avoids the kinks at 0


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "swish", "identity", "step"])
def test_derivative_matches_finite_differences(name):
    act = A.get_activation(name)
    numeric = np.array([numerical_gradient(lambda v: act.f(v).sum(), np.array([z]))[0] for z in Z])
    assert np.allclose(act.prime(Z), numeric, rtol=1e-6, atol=1e-9)


def test_values_by_hand():
    assert A.sigmoid(0.0) == pytest.approx(0.5)
    assert A.sigmoid(np.log(3.0)) == pytest.approx(0.75)  # 1 / (1 + 1/3)
    assert np.array_equal(A.relu(np.array([-2.0, 0.0, 3.0])), [0.0, 0.0, 3.0])
    assert A.leaky_relu(-2.0) == pytest.approx(-0.02)
    assert A.elu(-1.0) == pytest.approx(np.exp(-1.0) - 1.0)
    assert A.swish(1.0) == pytest.approx(1.0 / (1.0 + np.exp(-1.0)))
    assert np.array_equal(A.step(np.array([-0.1, 0.0, 0.1])), [0.0, 1.0, 1.0])


def test_sigmoid_derivative_is_f_times_one_minus_f():
    s = A.sigmoid(Z)
    assert np.allclose(A.sigmoid_prime(Z), s * (1 - s))
    assert np.allclose(A.tanh_prime(Z), 1 - np.tanh(Z) ** 2)


def test_sigmoid_agrees_with_textbook_formula():
    z = np.linspace(-30, 30, 601)
    textbook = 1.0 / (1.0 + np.exp(-z))
    assert np.allclose(A.sigmoid(z), textbook, rtol=1e-14, atol=0)


def test_extremes_give_no_warning_and_no_nan():
    big = np.array([-1000.0, -1e4, 1000.0, 1e4])
    for act in A.ACTIVATIONS.values():
        out, d = act.f(big), act.prime(big)
        assert np.all(np.isfinite(out)) and np.all(np.isfinite(d)), act.name
    assert A.sigmoid(-1000.0) < 1e-300 and A.sigmoid(1000.0) == 1.0
    p = A.softmax(np.array([1e4, 1e4 - 1.0, -1e4]))
    assert np.allclose(p, [1 / (1 + np.exp(-1)), np.exp(-1) / (1 + np.exp(-1)), 0.0])


def test_softmax_rows_sum_to_one_and_shift_invariant():
    Z2 = np.random.default_rng(0).normal(size=(5, 4))
    P = A.softmax(Z2)
    assert P.shape == (5, 4) and np.allclose(P.sum(axis=1), 1.0)
    assert np.allclose(A.softmax(Z2 + 100.0), P)
    assert np.allclose(A.softmax(np.zeros(4)), 0.25)


def test_unknown_name_lists_known_names():
    with pytest.raises(ValueError, match="unknown activation 'sigmod'.*sigmoid.*tanh"):
        A.get_activation("sigmod")
    with pytest.raises(TypeError, match="activation must be a name"):
        A.get_activation(3)
    assert A.get_activation("ReLU").name == "relu"


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_derivative_from_output_equals_derivative_from_input(name):
    act = A.get_activation(name)
    assert act.prime_from_h is not None
    assert np.allclose(act.derivative(Z, act.f(Z)), act.prime(Z), rtol=1e-12)
