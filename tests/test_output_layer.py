"""The output layer: one home for which output goes with which loss, and what follows from it."""
import numpy as np
import pytest

from nnkit.activations import ACTIVATIONS
from nnkit.gradcheck import gradcheck
from nnkit.network import Network
from nnkit.output_layer import OutputLayer, output_layer

ELEMENTWISE = sorted(set(ACTIVATIONS) - {"step"})  # step has no gradient to train with
PAIRS = ([(out, loss) for out in ELEMENTWISE for loss in ("squared_error", "mse")]
         + [("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")])


def _data(n_out, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 3))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int) if n_out == 1 else rng.integers(0, n_out, 40)
    return X, y


# every pair with one output unit and with three (softmax needs two or more, binary cross-entropy one)
SHAPED = [(out, loss, n) for out, loss in PAIRS for n in (1, 3)
          if not (out == "softmax" and n == 1) and not (loss == "binary_cross_entropy" and n == 3)]


@pytest.mark.parametrize("out,loss,n_out", SHAPED, ids=[f"{o}+{l}-{n}" for o, l, n in SHAPED])
def test_history_accuracy_equals_score_for_every_output_and_loss(out, loss, n_out):
    X, y = _data(n_out)
    for epochs in (1, 3, 20):  # early, while outputs sit near the threshold, and later
        net = Network([3, 4, n_out], activation="tanh", output=out, loss=loss, seed=1)
        history = net.fit(X, y, epochs=epochs, lr=0.05, validation=(X, y), progress=False)
        assert history.val_accuracy[-1] == net.score(X, y)
        assert net.score(X, y) == np.mean(net.predict(X) == y)


def test_one_tanh_unit_decides_at_the_same_threshold_in_training_and_predict():
    # the drift this module removed: predict thresholded a tanh output at 0, the history at 0.5
    net = Network.from_weights([np.array([[1.0]])], [np.array([0.0])], output="tanh")
    x = np.array([[0.2], [0.6], [-0.3]])  # tanh: 0.197, 0.537, -0.291
    assert list(net.predict(x)) == [0, 1, 0]
    assert net.output.labels(np.array([[0.5], [0.49]])).tolist() == [1, 0]


def test_defaults_and_pairs():
    assert repr(output_layer()) == "OutputLayer('sigmoid', 'squared_error')"
    assert output_layer(loss="cross_entropy").name == "softmax"
    assert output_layer("softmax").loss_fn.name == "cross_entropy"
    assert output_layer("sigmoid", "binary_cross_entropy").paired
    assert not output_layer("tanh", "mse").paired
    layer = output_layer("relu", "mse")
    assert output_layer(layer) is layer and isinstance(layer, OutputLayer)


@pytest.mark.parametrize("out,loss,match", [
    ("softmax", "mse", "softmax output goes with loss='cross_entropy'"),
    ("tanh", "cross_entropy", "softmax output goes with loss='cross_entropy'"),
    ("tanh", "binary_cross_entropy", "needs output='sigmoid'"),
    ("sigmod", None, r"did you mean 'sigmoid'"),
])
def test_pairs_that_do_not_go_together_are_refused(out, loss, match):
    with pytest.raises(ValueError, match=match):
        output_layer(out, loss)


def test_softmax_needs_two_units():
    with pytest.raises(ValueError, match="softmax output needs at least 2 units.*sigmoid"):
        Network([3, 1], loss="cross_entropy")


@pytest.mark.parametrize("out,loss", PAIRS, ids=[f"{o}+{l}" for o, l in PAIRS])
def test_delta_is_dJ_dZ(out, loss):
    n_out = 1 if loss == "binary_cross_entropy" else 3
    layer = output_layer(out, loss)
    rng = np.random.default_rng(2)
    Z = rng.normal(size=(5, n_out))
    Y = np.eye(n_out)[rng.integers(0, n_out, 5)] if n_out > 1 else rng.integers(0, 2, (5, 1)).astype(float)
    if out == "relu":
        Z = np.abs(Z) + 0.1  # away from the kink at 0
    J = lambda z: layer.loss(Y, z, layer.activate(z))  # noqa: E731
    assert gradcheck(J, Z, lambda z: layer.delta(Y, z, layer.activate(z))) < 1e-6


def test_paired_loss_from_logits_stays_exact_when_saturated():
    layer = output_layer("sigmoid", "binary_cross_entropy")
    Z, Y = np.array([[-800.0]]), np.array([[1.0]])
    assert layer.loss(Y, Z, layer.activate(Z)) == pytest.approx(800.0)
    soft = output_layer("softmax")
    Z = np.array([[1e4, 0.0]])
    assert soft.loss(np.array([[0.0, 1.0]]), Z, soft.activate(Z)) == pytest.approx(1e4)
