"""nnkit.dream: input gradients against finite differences, regularisers by hand, dreams that work."""
import numpy as np
import pytest

import nnkit
from nnkit.data import digits, one_hot
from nnkit.dream import (blur_image, class_objective, dream, dream_step, input_gradient,
                         target_probability, tv_gradient, tv_penalty)
from nnkit.gradcheck import gradcheck, numerical_gradient


@pytest.fixture(scope="module")
def trained():
    d = digits(seed=0, scale="unit")
    net = nnkit.Network([64, 32, 10], activation="relu", loss="cross_entropy", seed=0)
    net.fit(d.X_train, one_hot(d.y_train, 10), epochs=10, lr=0.005, batch_size=32, optimizer="adam",
            progress=False)
    return net, d


def test_input_gradient_matches_finite_differences_softmax(trained):
    net, d = trained
    x = d.X_test[3].reshape(8, 8)
    for target in (0, 7):
        err = gradcheck(lambda v: -np.log(net.forward(v.reshape(-1))[target]), x,
                        lambda v: input_gradient(net, v, target))
        assert err < 1e-6


def test_input_gradient_matches_finite_differences_sigmoid_squared_error():
    net = nnkit.Network([16, 5, 3], activation="tanh", seed=1)   # sigmoid output, J = 1/2 ||h - y||^2
    x = np.random.default_rng(0).uniform(0, 1, 16)
    e = np.eye(3)[2]
    f = lambda v: 0.5 * np.sum((net.forward(v) - e) ** 2)  # noqa: E731
    assert gradcheck(f, x, lambda v: input_gradient(net, v, 2)) < 1e-6


def test_logit_objective_gradient_matches_finite_differences(trained):
    net, d = trained
    x = d.X_test[9]

    def minus_logit(v, t=5):                       # the output layer's pre-activation, by hand
        h = np.maximum(net.W[0] @ v + net.b[0], 0.0)
        return -(net.W[1] @ h + net.b[1])[t]

    assert gradcheck(minus_logit, x, lambda v: input_gradient(net, v, 5, objective="logit")) < 1e-6
    value, _ = class_objective(net, x, 5, objective="logit")
    assert value == pytest.approx(minus_logit(x))


def test_logit_dreams_keep_pushing(trained):
    net, _ = trained
    img_lp, _ = dream(net, 7, steps=200, lr=0.5)
    img_lg, hist = dream(net, 7, steps=200, lr=0.05, objective="logit")
    assert hist[-1] > 0.99
    # -log p stops once p is near 1; the score keeps adding ink where it helps
    assert img_lg.sum() > img_lp.sum()


def test_objective_is_minus_log_probability(trained):
    net, d = trained
    x = d.X_test[0]
    value, grad = class_objective(net, x, 4)
    assert value == pytest.approx(-np.log(net.forward(x)[4]), rel=1e-9)
    assert grad.shape == x.shape
    assert target_probability(net, x, 4) == pytest.approx(np.exp(-value))


def test_tv_penalty_by_hand():
    assert tv_penalty(np.full((4, 5), 0.7)) == 0.0
    dot = np.zeros((5, 5))
    dot[2, 2] = 1.0
    assert tv_penalty(dot) == pytest.approx(4.0)           # four neighbours differ by 1
    assert tv_penalty([[0.0, 1.0, 3.0]]) == pytest.approx(1.0 + 4.0)
    assert tv_penalty([[0.0], [2.0]]) == pytest.approx(4.0)


def test_tv_gradient_gradcheck():
    img = np.random.default_rng(3).uniform(0, 1, (8, 8))
    assert gradcheck(tv_penalty, img, tv_gradient) < 1e-8
    assert gradcheck(tv_penalty, img[:3, :5], tv_gradient) < 1e-8


def test_blur_by_hand():
    img = np.zeros((5, 5))
    img[2, 2] = 1.0
    out = blur_image(img)
    assert out[2, 2] == pytest.approx(0.25)
    assert out[1, 2] == pytest.approx(0.125)
    assert out[1, 1] == pytest.approx(0.0625)
    assert out.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(blur_image(np.full((3, 4), 0.3)), 0.3)


def test_dream_step_is_a_gradient_step_on_the_full_objective(trained):
    net, d = trained
    img = d.X_test[5].reshape(8, 8)
    l2, tv, lr = 0.3, 0.2, 0.05

    def energy(v):
        return -np.log(net.forward(v.reshape(-1))[6]) + 0.5 * l2 * np.sum(v ** 2) + tv * tv_penalty(v)

    expected = img - lr * numerical_gradient(energy, img)
    got = dream_step(net, img, 6, lr, l2=l2, tv=tv, clip=None)
    np.testing.assert_allclose(got, expected, atol=1e-7)


def test_dream_raises_target_probability_and_keeps_pixels_in_range(trained):
    net, d = trained
    W_before = [w.copy() for w in net.W]
    for target in (0, 3, 8):
        img, history = dream(net, target, steps=150, lr=0.5, l2=0.01, tv=0.05, blur=0.2)
        assert img.shape == (8, 8)
        assert history.shape == (151,)
        assert history[0] < 0.5 and history[-1] > 0.9
        assert img.min() >= 0.0 and img.max() <= 1.0
        assert np.argmax(net.forward(img.reshape(-1))) == target
    for w, w0 in zip(net.W, W_before):
        np.testing.assert_array_equal(w, w0)


def test_dream_clip_range_and_no_clip(trained):
    net, _ = trained
    img, _ = dream(net, 2, steps=50, lr=1.0, clip=(0.2, 0.6))
    assert img.min() >= 0.2 and img.max() <= 0.6
    free, _ = dream(net, 2, steps=50, lr=1.0, clip=None)
    assert free.min() < 0.0                       # unclipped dreams leave the pixel range


def test_dream_from_real_digit_stops_when_fooled(trained):
    net, d = trained
    i = int(np.flatnonzero((d.y_test == 3) & (net.predict(d.X_test) == 3))[0])
    img, history = dream(net, 8, steps=500, lr=0.05, x0=d.X_test[i], stop_at=0.5)
    assert history[-1] >= 0.5 and np.all(history[:-1] < 0.5)
    assert len(history) < 501


def test_dream_noise_start_is_seeded(trained):
    net, _ = trained
    a, _ = dream(net, 1, steps=3, x0="noise", seed=4)
    b, _ = dream(net, 1, steps=3, x0="noise", seed=4)
    c, _ = dream(net, 1, steps=3, x0="noise", seed=5)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_bad_input(trained):
    net, _ = trained
    with pytest.raises(ValueError, match="target must be a class index 0..9"):
        dream(net, 10)
    with pytest.raises(TypeError, match="target must be a class index"):
        dream(net, 2.0)
    with pytest.raises(ValueError, match="x0 must have the network's 64 inputs"):
        dream(net, 1, x0=np.zeros(10))
    with pytest.raises(ValueError, match="x0 must be None"):
        dream(net, 1, x0="white")
    with pytest.raises(ValueError, match="blur must be a fraction"):
        dream(net, 1, blur=1.5)
    with pytest.raises(ValueError, match="l2 must be a number >= 0"):
        dream(net, 1, l2=-1)
    with pytest.raises(ValueError, match="clip must be \\(low, high\\) with low < high"):
        dream(net, 1, clip=(1, 0))
    with pytest.raises(ValueError, match="stop_at must be a probability"):
        dream(net, 1, stop_at=2)
    with pytest.raises(ValueError, match="unknown objective 'score'"):
        dream(net, 1, objective="score")
    with pytest.raises(ValueError, match="not a square image"):
        dream(nnkit.Network([10, 3]), 1)
    with pytest.raises(ValueError, match="img must be 2-D"):
        tv_penalty(np.zeros(5))
    with pytest.raises(ValueError, match="x must be finite"):
        input_gradient(net, np.full(64, np.nan), 1)
