"""The two digit classifiers of notebook 05, checked against the tutorial's figure and scikit-learn.

The tutorial (source 001) reports about 86 % test accuracy for its [64, 30, 10]
sigmoid network after 3000 full-batch iterations with alpha 0.25; scikit-learn's
MLPClassifier is the independent yardstick for the improved network.
"""
import warnings

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

import nnkit
from nnkit.data import digits, one_hot


@pytest.fixture(scope="module")
def data():
    return digits(seed=0)


@pytest.fixture(autouse=True)
def one_blas_thread():
    """Tiny matrices: one BLAS thread is much faster than two fighting over a busy machine."""
    with threadpool_limits(1):
        yield


def test_tutorial_baseline_reaches_about_86_percent(data):
    net = nnkit.Network([64, 30, 10], activation="sigmoid", init="uniform", seed=1)
    history = net.fit(data.X_train, one_hot(data.y_train, 10), epochs=3000, lr=0.25, progress=False)
    assert history.loss[-1] < history.loss[0] / 4
    assert abs(net.score(data.X_test, data.y_test) - 0.86) <= 0.03


def test_improved_network_is_as_good_as_sklearn(data):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    scores = []
    for seed in range(2):
        net = nnkit.Network([64, 64, 10], activation="relu", loss="cross_entropy", seed=seed)
        net.fit(data.X_train, data.y_train, epochs=30, lr=0.003, batch_size=32, optimizer="adam",
                weight_decay=0.05, seed=seed, progress=False)
        scores.append(net.score(data.X_test, data.y_test))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        mlp = MLPClassifier((64,), max_iter=300, random_state=0).fit(data.X_train, data.y_train)
    assert np.mean(scores) >= 0.96
    assert np.mean(scores) >= mlp.score(data.X_test, data.y_test) - 0.015
