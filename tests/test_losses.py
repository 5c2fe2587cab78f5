"""Losses: source values, hand values, gradients by finite differences, no log(0)."""
import numpy as np
import pytest

from nnkit import losses as L
from nnkit.activations import sigmoid, softmax
from nnkit.gradcheck import gradcheck

rng = np.random.default_rng(0)
Y = rng.random((4, 3))
H = rng.random((4, 3)) * 0.8 + 0.1
Y_onehot = np.eye(3)[[0, 2, 1, 2]]
Y_binary = (rng.random((4, 1)) > 0.5).astype(float)


def test_mse_of_the_source_article():
    # source 002: mse_loss([1, 0, 0, 1], [0, 0, 0, 0]) == 0.5
    assert L.mse([1, 0, 0, 1], [0, 0, 0, 0]) == 0.5


def test_squared_error_by_hand():
    # one sample: 1/2 ||y - h||^2 = 1/2 (0.5^2 + 1^2) = 0.625; a batch averages over samples
    assert L.squared_error([1.0, 0.0], [0.5, 1.0]) == pytest.approx(0.625)
    assert L.squared_error([[1.0, 0.0], [0.0, 0.0]], [[0.5, 1.0], [0.0, 0.0]]) == pytest.approx(0.3125)


def test_cross_entropies_by_hand():
    assert L.binary_cross_entropy([1.0], [0.8]) == pytest.approx(-np.log(0.8))
    assert L.softmax_cross_entropy([0.0, 1.0], [0.0, 0.0]) == pytest.approx(np.log(2.0))
    z = np.array([[0.3], [-1.2]])
    y = np.array([[1.0], [0.0]])
    assert L.binary_cross_entropy_with_logits(y, z) == pytest.approx(L.binary_cross_entropy(y, sigmoid(z)))


@pytest.mark.parametrize("name,Yt", [("squared_error", Y), ("mse", Y), ("binary_cross_entropy", Y_binary * 0 + Y[:, :1]),
                                     ("cross_entropy", Y_onehot)])
def test_loss_gradient_matches_finite_differences(name, Yt):
    loss = L.get_loss(name)
    Hs = H[:, : Yt.shape[1]]
    assert gradcheck(lambda h: loss.value(Yt, h), Hs, lambda h: loss.grad(Yt, h)) < 1e-7


def test_logit_gradients_match_finite_differences():
    Z = rng.normal(size=(4, 3))
    assert gradcheck(lambda z: L.softmax_cross_entropy(Y_onehot, z), Z,
                     lambda z: L.softmax_cross_entropy_grad(Y_onehot, z)) < 1e-7
    Z1 = rng.normal(size=(4, 1))
    # the docstring's dJ/dZ = (sigmoid(Z) - Y) / n
    assert gradcheck(lambda z: L.binary_cross_entropy_with_logits(Y_binary, z), Z1,
                     lambda z: (sigmoid(z) - Y_binary) / len(z)) < 1e-7


def test_cross_entropy_on_probabilities_equals_the_logit_form():
    Z = rng.normal(size=(4, 3))
    assert L.cross_entropy(Y_onehot, softmax(Z)) == pytest.approx(L.softmax_cross_entropy(Y_onehot, Z))


def test_no_log_of_zero():
    assert np.isfinite(L.binary_cross_entropy([1.0, 0.0], [0.0, 1.0]))
    assert np.isfinite(L.softmax_cross_entropy([[1.0, 0.0]], [[-1e4, 1e4]]))
    assert L.softmax_cross_entropy([[1.0, 0.0]], [[-1e4, 1e4]]) == pytest.approx(2e4)
    assert np.all(np.isfinite(L.binary_cross_entropy_grad([1.0], [0.0])))
    assert L.binary_cross_entropy_with_logits([[1.0]], [[-1000.0]]) == pytest.approx(1000.0)
    assert np.allclose(softmax(np.array([[1e4, 0.0]])), [[1.0, 0.0]])


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="same shape.*\\(2,\\).*\\(3,\\)"):
        L.mse([1, 0], [1, 0, 0])
    with pytest.raises(ValueError, match="H must be finite"):
        L.mse([1.0], [np.nan])
    with pytest.raises(TypeError, match="Y must be numeric"):
        L.mse(["a"], [1.0])
    with pytest.raises(ValueError, match="unknown loss 'mae'.*cross_entropy.*mse"):
        L.get_loss("mae")
