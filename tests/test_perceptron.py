"""Tests of nnkit.perceptron against hand calculations and scikit-learn."""
import numpy as np
import pytest

from nnkit.data import blobs, toy_people, toy_people_new, xor
from nnkit.perceptron import Perceptron, count_mistakes, perceptron_update, step

AND_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
AND_Y = np.array([0, 0, 0, 1])


def test_step_convention_zero_is_one():
    np.testing.assert_array_equal(step([-1e-12, 0.0, 3.0]), [0, 1, 1])


def test_update_on_a_wrong_answer_by_hand():
    # z = 1*2 + (-1)*3 + 0.5 = -0.5 -> yhat = 0, y = 1, error +1:
    # w = [1, -1] + 0.5*[2, 3] = [2, 0.5], b = 0.5 + 0.5 = 1.0
    w, b = perceptron_update([1.0, -1.0], 0.5, [2.0, 3.0], 1, lr=0.5)
    np.testing.assert_allclose(w, [2.0, 0.5])
    assert b == pytest.approx(1.0)


def test_update_at_zero_weights_answers_one():
    # z = 0 -> yhat = 1 (step(0) = 1); y = 0, error -1: w = -x, b = -1
    w, b = perceptron_update(np.zeros(2), 0.0, [1.0, 2.0], 0)
    np.testing.assert_allclose(w, [-1.0, -2.0])
    assert b == -1.0


def test_update_leaves_a_right_answer_and_inputs_alone():
    w0 = np.array([1.0, 1.0])
    w, b = perceptron_update(w0, 0.0, [1.0, 2.0], 1)
    np.testing.assert_array_equal(w, [1.0, 1.0])
    assert b == 0.0
    w, b = perceptron_update(w0, 0.0, [1.0, 2.0], 0)
    np.testing.assert_array_equal(w0, [1.0, 1.0])  # not modified in place
    np.testing.assert_array_equal(w, [0.0, -1.0])


def test_and_function_matches_hand_trace():
    # Traced by hand, zero start, lr 1, rows in the given order:
    # mistakes per epoch 2, 3, 3, 2, 1, 0; final w = (2, 1), b = -3.
    p = Perceptron().fit(AND_X, AND_Y)
    assert p.errors_ == [2, 3, 3, 2, 1, 0]
    np.testing.assert_array_equal(p.w, [2.0, 1.0])
    assert p.b == -3.0
    assert p.converged_ and p.n_epochs_ == 6
    assert p.status_ == "converged after 6 epochs (no mistakes in the last epoch)"
    # after epoch 1 (hand trace): w = (1, 1), b = 0
    np.testing.assert_array_equal(p.history_[1][0], [1.0, 1.0])
    assert p.history_[1][1] == 0.0
    np.testing.assert_array_equal(p.predict(AND_X), AND_Y)


def test_toy_people_by_hand_and_new_people():
    # Epoch 1: only Bob is wrong (z = 0 -> 1): w = -(25, 6), b = -1; epoch 2 is clean.
    X, y, _ = toy_people()
    p = Perceptron().fit(X, y)
    np.testing.assert_array_equal(p.w, [-25.0, -6.0])
    assert p.b == -1.0
    assert p.errors_ == [1, 0]
    X_new, names = toy_people_new()
    assert names == ["Emily", "Frank"]
    np.testing.assert_array_equal(p.predict(X_new), [1, 0])  # the article's answers


def test_blobs_converge_and_line_separates():
    X, y = blobs(n=200, seed=3)
    p = Perceptron(max_epochs=1000).fit(X, y)
    assert p.converged_
    assert p.status_.startswith("converged after")
    assert p.score(X, y) == 1.0
    assert count_mistakes(p.w, p.b, X, y) == 0
    assert len(p.history_) == p.n_epochs_ + 1 == len(p.errors_) + 1
    np.testing.assert_array_equal(p.history_[0][0], [0.0, 0.0])
    # every point is on its own side of the line w.x + b = 0
    z = p.decision_function(X)
    assert np.all(z[y == 1] >= 0) and np.all(z[y == 0] < 0)


def test_xor_never_converges_and_says_so():
    X, y = xor()
    p = Perceptron(max_epochs=30).fit(X, y)
    assert not p.converged_
    assert p.n_epochs_ == 30 and len(p.history_) == 31
    assert all(e > 0 for e in p.errors_)
    assert p.status_.startswith("stopped after 30 epochs without converging")
    assert f"({p.errors_[-1]} mistakes in the last epoch)" in p.status_
    assert "may not be linearly separable" in p.status_
    assert p.score(X, y) < 1.0


def test_seeded_order_is_reproducible_and_still_converges():
    X, y = blobs(n=100, seed=1)
    a = Perceptron(seed=7, max_epochs=500).fit(X, y)
    b = Perceptron(seed=7, max_epochs=500).fit(X, y)
    assert a.converged_ and a.score(X, y) == 1.0
    assert a.errors_ == b.errors_
    np.testing.assert_array_equal(a.w, b.w)


def test_one_epoch_at_a_time_from_hand_set_weights():
    p = Perceptron()
    p.w = [2.0, 1.0]
    p.b = -3.0  # the AND solution: one epoch makes no mistake
    assert p.epoch(AND_X, AND_Y) == 0
    assert p.converged_ and len(p.history_) == 2
    p.w = [0.0, 0.0]
    p.b = 0.0  # zero start: the first AND epoch makes 2 mistakes (hand trace above)
    assert p.history_ == [(pytest.approx([0.0, 0.0]), 0.0)]
    assert p.epoch(AND_X, AND_Y) == 2
    assert not p.converged_
    assert p.status_ == "not converged yet after 1 epoch (2 mistakes in the last epoch)"
    np.testing.assert_array_equal(p.w, [1.0, 1.0])


def test_epochs_continue_fit_like_fit():
    p = Perceptron()
    counts = [p.epoch(AND_X, AND_Y) for _ in range(6)]
    assert counts == Perceptron().fit(AND_X, AND_Y).errors_


def test_bad_input():
    with pytest.raises(ValueError, match="labels 0 and 1 only.*contains -1"):
        Perceptron().fit(AND_X, [0, 0, 1, -1])
    with pytest.raises(ValueError, match="one label per row of X \\(4\\), got 3"):
        Perceptron().fit(AND_X, [0, 0, 1])
    with pytest.raises(ValueError, match="X must be 2-D"):
        Perceptron().fit([0.0, 1.0], [0, 1])
    with pytest.raises(ValueError, match="lr must be a number > 0"):
        Perceptron(lr=0)
    with pytest.raises(TypeError, match="max_epochs must be an integer"):
        Perceptron(max_epochs=2.5)
    with pytest.raises(ValueError, match="no weights yet"):
        Perceptron().predict(AND_X)
    p = Perceptron().fit(AND_X, AND_Y)
    with pytest.raises(ValueError, match="X must have 2 columns"):
        p.predict(np.ones((2, 3)))
    with pytest.raises(ValueError, match="X has 3 features but the weights w have 2"):
        p.epoch(np.ones((2, 3)), [0, 1])
    with pytest.raises(ValueError, match="y must be the label 0 or 1, got 2"):
        perceptron_update([0.0, 0.0], 0.0, [1.0, 1.0], 2)
    with pytest.raises(ValueError, match="w must have one weight per feature \\(2\\)"):
        count_mistakes([1.0, 2.0, 3.0], 0.0, AND_X, AND_Y)


def test_fit_checks_the_data_once_not_on_every_epoch(monkeypatch):
    # issue 13: validate at the public edge; the epochs inside fit trust the checked arrays
    import nnkit.perceptron as perceptron_module

    calls = []
    real = perceptron_module._check_labels
    monkeypatch.setattr(perceptron_module, "_check_labels", lambda *a, **k: calls.append(1) or real(*a, **k))
    X, y = xor()
    p = Perceptron(max_epochs=25).fit(X, y)
    assert p.n_epochs_ == 25 and len(calls) == 1
