"""nnkit.adversarial: FGSM by hand, the targeted attack's stopping, and a random control of a given length."""
import numpy as np
import pytest

from nnkit.adversarial import fgsm, fool, random_change



def test_fgsm_moves_every_pixel_by_eps_uphill(trained):
    net, d = trained
    X, y = d.X_test[:20], d.y_test[:20]
    grad = net.backward(X, y).dX
    out = fgsm(net, X, y, 0.1, clip=None)
    np.testing.assert_allclose(out, X + 0.1 * np.sign(grad))
    np.testing.assert_allclose(fgsm(net, X, y, 0.1), np.clip(out, 0, 1))
    np.testing.assert_array_equal(fgsm(net, X, y, 0.0), X)
    scores = [net.score(fgsm(net, d.X_test, d.y_test, eps), d.y_test) for eps in (0.0, 0.05, 0.1, 0.2)]
    assert np.all(np.diff(scores) < 0) and scores[-1] < 0.2


def test_fool_stops_each_row_once_it_is_fooled(trained):
    net, d = trained
    sevens = d.X_test[(d.y_test == 7) & (net.predict(d.X_test) == 7)][:12]
    fooled, n_steps = fool(net, sevens, 1, steps=300, lr=0.02, stop_at=0.5)
    p = net.forward(fooled)[:, 1]
    assert np.all(p >= 0.5) and np.all(n_steps >= 1)
    for k in (0, 5):                              # one step fewer was not yet enough
        before, _ = fool(net, sevens[k:k + 1], 1, steps=int(n_steps[k]) - 1, lr=0.02, stop_at=0.5)
        assert net.forward(before)[0, 1] < 0.5
    assert fooled.min() >= 0 and fooled.max() <= 1
    ones = d.X_test[(d.y_test == 1) & (net.predict(d.X_test) == 1)][:3]
    same, n_none = fool(net, ones, 1, stop_at=0.5)         # already there: no step at all
    np.testing.assert_array_equal(same, ones)
    assert np.all(n_none == 0)


def test_random_change_has_the_asked_length_after_clipping():
    X = np.random.default_rng(1).uniform(0, 1, (6, 64))
    X[X < 0.5] = 0.0
    size = np.array([0.5, 1.0, 2.0, 0.0, 3.0, 0.01])
    out = random_change(X, size, seed=2)
    np.testing.assert_allclose(np.linalg.norm(out - X, axis=1), size, rtol=1e-9, atol=1e-12)
    assert out.min() >= 0 and out.max() <= 1
    np.testing.assert_array_equal(out, random_change(X, size, seed=2))
    np.testing.assert_allclose(np.linalg.norm(random_change(X, 0.7, clip=None) - X, axis=1), 0.7)


def test_bad_input(trained):
    net, _ = trained
    with pytest.raises(ValueError, match="X must have 64 features"):
        fgsm(net, np.zeros((2, 10)), [0, 1], 0.1)
    with pytest.raises(ValueError, match="y must have one target or label per sample"):
        fgsm(net, np.zeros((2, 64)), [0, 1, 2], 0.1)
    with pytest.raises(ValueError, match="eps must be a number >= 0"):
        fgsm(net, np.zeros((2, 64)), [0, 1], -0.1)
    with pytest.raises(ValueError, match="clip must be \\(low, high\\) with low < high"):
        fgsm(net, np.zeros((2, 64)), [0, 1], 0.1, clip=(1, 0))
    with pytest.raises(ValueError, match="target must be a class index 0..9"):
        fool(net, np.zeros((2, 64)), 12)
    with pytest.raises(ValueError, match="stop_at must be a probability"):
        fool(net, np.zeros((2, 64)), 1, stop_at=0)
    with pytest.raises(ValueError, match="size must be >= 0"):
        random_change(np.zeros((2, 4)), -1.0)
    with pytest.raises(ValueError, match="size is longer than any change"):
        random_change(np.zeros((1, 4)), 5.0)
