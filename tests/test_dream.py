"""nnkit.dream and nnkit.dream_objective: input gradients against finite differences, the three objectives,
dream steps on the full objective, batched dreams equal to single ones, and checks at the public edge."""
import inspect
import re

import numpy as np
import pytest

import nnkit
import nnkit.dream as dream_module
import nnkit.dream_objective as objective_module
from nnkit.data import digits, one_hot
from nnkit.dream import dream, dream_step, dreams
from nnkit.dream_objective import OBJECTIVES, class_objective, input_gradient, output_delta, target_probability
from nnkit.images import shift_image, tv_penalty
from nnkit.gradcheck import gradcheck, numerical_gradient



# ------------------------------------------------------------------ the class term and its gradient
@pytest.mark.parametrize("objective", OBJECTIVES)
def test_input_gradient_matches_finite_differences(trained, objective):
    net, d = trained
    x = d.X_test[3].reshape(8, 8)
    for target in (0, 7):
        err = gradcheck(lambda v: class_objective(net, v, target, objective)[0], x,
                        lambda v: input_gradient(net, v, target, objective))
        assert err < 1e-6


def test_input_gradient_of_an_element_wise_output_is_its_own_loss():
    net = nnkit.Network([16, 5, 3], activation="tanh", seed=1)   # sigmoid output, J = 1/2 ||h - y||^2
    x = np.random.default_rng(0).uniform(0, 1, 16)
    e = np.eye(3)[2]
    f = lambda v: 0.5 * np.sum((net.forward(v) - e) ** 2)  # noqa: E731
    assert gradcheck(f, x, lambda v: input_gradient(net, v, 2)) < 1e-6
    assert class_objective(net, x, 2)[0] == pytest.approx(f(x))


def test_the_three_class_terms_by_hand(trained):
    net, d = trained
    x = d.X_test[9]
    z = net.forward(x[None, :], cache=True)[1].Z[-1][0]
    p = net.forward(x)
    assert class_objective(net, x, 5, "log_prob")[0] == pytest.approx(-np.log(p[5]))
    assert class_objective(net, x, 5, "logit")[0] == pytest.approx(-z[5])
    assert class_objective(net, x, 5, "log_odds")[0] == pytest.approx(-np.log(p[5] / (1 - p[5])), rel=1e-9)
    assert target_probability(net, x, 5) == pytest.approx(p[5])


def test_output_delta_by_hand():
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 5.0]])
    q = np.exp([2.0, 3.0]) / np.exp([2.0, 3.0]).sum()
    np.testing.assert_allclose(output_delta(z, [0, 2], "log_odds"), [[-1.0, q[0], q[1]], [0.5, 0.5, -1.0]])
    np.testing.assert_allclose(output_delta(z, [1, 1], "logit"), [[0.0, -1.0, 0.0], [0.0, -1.0, 0.0]])
    # a logit far above the others does not overflow the softmax over the others
    assert np.all(np.isfinite(output_delta(np.array([[1000.0, 0.0, -5.0]]), [0], "log_odds")))


def test_log_prob_saturates_and_the_other_two_do_not(trained):
    net, _ = trained
    img_lp, hist_lp = dream(net, 7, steps=200, lr=0.5, objective="log_prob")
    img_lg, hist_lg = dream(net, 7, steps=200, lr=0.05, objective="logit")
    assert hist_lp[-1] > 0.99 and hist_lg[-1] > 0.99
    assert np.linalg.norm(input_gradient(net, img_lp, 7, "log_prob")) < 1e-3
    assert np.linalg.norm(input_gradient(net, img_lg, 7, "logit")) > 1.0
    assert img_lg.sum() > img_lp.sum()         # the logit keeps adding ink where it helps


def test_log_odds_keeps_every_rival_down_where_the_logit_does_not(trained):
    net, _ = trained
    rivals = {}
    for objective in ("logit", "log_odds"):
        imgs, _ = dreams(net, steps=200, lr=0.05, objective=objective)
        z = net.forward(imgs.reshape(10, 64), cache=True)[1].Z[-1]
        rivals[objective] = np.array([np.delete(z[k], k).max() for k in range(10)])
    assert rivals["log_odds"].max() < 0 < rivals["logit"].max()


def test_a_linear_network_dreams_its_template():
    d = digits(seed=0, scale="unit")
    linear = nnkit.Network([64, 10], loss="cross_entropy", seed=0)
    linear.fit(d.X_train, one_hot(d.y_train, 10), epochs=5, lr=0.1, batch_size=32, optimizer="sgd", progress=False)
    W = linear.W[0]
    free, _ = dreams(linear, steps=100, lr=0.5, objective="logit", l2=2.0, clip=None)
    np.testing.assert_allclose(free.reshape(10, 64), W / 2.0, atol=1e-10)
    boxed, _ = dreams(linear, steps=100, lr=0.5, objective="logit", l2=2.0)
    np.testing.assert_allclose(boxed.reshape(10, 64), np.clip(W / 2.0, 0, 1), atol=1e-10)
    for t in (0, 4):
        np.testing.assert_allclose(-input_gradient(linear, d.X_test[t], t, "logit"), W[t], atol=1e-12)


# ------------------------------------------------------------------ dreaming
def test_dream_step_is_a_gradient_step_on_the_full_objective(trained):
    net, d = trained
    img = d.X_test[5].reshape(8, 8)
    l2, tv, lr = 0.3, 0.2, 0.05
    for objective in OBJECTIVES:
        def energy(v):
            return class_objective(net, v, 6, objective)[0] + 0.5 * l2 * np.sum(v ** 2) + tv * tv_penalty(v)

        expected = img - lr * numerical_gradient(energy, img)
        got = dream_step(net, img, 6, lr, l2=l2, tv=tv, clip=None, objective=objective)
        np.testing.assert_allclose(got, expected, atol=1e-7)


def test_dream_step_with_a_shift_takes_the_gradient_at_the_shifted_image(trained):
    net, d = trained
    img = d.X_test[8].reshape(8, 8)

    def shifted_term(v):
        return class_objective(net, shift_image(v, 1, -1), 2, "logit")[0]

    expected = img - 0.1 * numerical_gradient(shifted_term, img)
    np.testing.assert_allclose(dream_step(net, img, 2, 0.1, clip=None, objective="logit", shift=(1, -1)),
                               expected, atol=1e-7)


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


def test_dreams_are_the_single_dreams_side_by_side(trained):
    net, d = trained
    settings = dict(steps=60, lr=0.05, l2=0.3, tv=0.2, blur=0.1, jitter=1, objective="log_odds", seed=3)
    imgs, hists = dreams(net, [2, 5, 9], **settings)
    assert imgs.shape == (3, 8, 8) and hists.shape == (3, 61)
    for k, t in enumerate((2, 5, 9)):
        img, hist = dream(net, t, **settings)
        np.testing.assert_allclose(imgs[k], img, atol=1e-12)
        np.testing.assert_allclose(hists[k], hist, atol=1e-12)
    starts = d.X_test[:2]
    imgs, _ = dreams(net, [1, 1], steps=5, lr=0.05, x0=starts)
    np.testing.assert_allclose(imgs[1], dream(net, 1, steps=5, lr=0.05, x0=starts[1])[0])


def test_dream_returns_every_step_when_asked(trained):
    net, d = trained
    start = d.X_test[4]
    img, hist, images = dream(net, 6, steps=30, lr=0.05, x0=start, objective="log_odds", return_images=True)
    assert images.shape == (31, 8, 8)
    np.testing.assert_array_equal(images[0], start.reshape(8, 8))
    np.testing.assert_array_equal(images[-1], img)
    np.testing.assert_allclose(net.forward(images.reshape(31, 64))[:, 6], hist)
    np.testing.assert_array_equal(d.X_test[4], start)            # the start is not changed in place


def test_jitter_is_seeded_and_changes_the_dream(trained):
    net, _ = trained
    a, _ = dream(net, 4, steps=40, lr=0.05, jitter=1, seed=1)
    b, _ = dream(net, 4, steps=40, lr=0.05, jitter=1, seed=1)
    c, _ = dream(net, 4, steps=40, lr=0.05, jitter=1, seed=2)
    plain, _ = dream(net, 4, steps=40, lr=0.05)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c) and not np.allclose(a, plain)


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
    assert net.forward(img.reshape(-1))[8] == pytest.approx(history[-1])


def test_dream_noise_start_is_seeded(trained):
    net, _ = trained
    a, _ = dream(net, 1, steps=3, x0="noise", seed=4)
    b, _ = dream(net, 1, steps=3, x0="noise", seed=4)
    c, _ = dream(net, 1, steps=3, x0="noise", seed=5)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


# ------------------------------------------------------------------ checks at the public edge
def test_bad_input(trained):
    net, _ = trained
    with pytest.raises(ValueError, match="target must be a class index 0..9"):
        dream(net, 10)
    with pytest.raises(TypeError, match="target must be a class index"):
        dream(net, 2.0)
    with pytest.raises(ValueError, match="x0 must have the network's 64 inputs"):
        dream(net, 1, x0=np.zeros(10))
    with pytest.raises(ValueError, match="unknown x0 'white'"):
        dream(net, 1, x0="white")
    with pytest.raises(ValueError, match="blur must be a fraction"):
        dream(net, 1, blur=1.5)
    with pytest.raises(ValueError, match="l2 must be a number >= 0"):
        dream(net, 1, l2=-1)
    with pytest.raises(ValueError, match="jitter must be an integer >= 0"):
        dream(net, 1, jitter=-1)
    with pytest.raises(ValueError, match="clip must be \\(low, high\\) with low < high"):
        dream(net, 1, clip=(1, 0))
    with pytest.raises(ValueError, match="stop_at must be a probability"):
        dream(net, 1, stop_at=2)
    with pytest.raises(ValueError, match="unknown objective 'score'"):
        dream(net, 1, objective="score")
    with pytest.raises(ValueError, match="not a square image"):
        dream(nnkit.Network([10, 3]), 1)
    with pytest.raises(ValueError, match="x must be finite"):
        input_gradient(net, np.full(64, np.nan), 1)
    with pytest.raises(ValueError, match="x0 must have one start image of 64 pixels per target \\(2\\)"):
        dreams(net, [1, 2], x0=np.zeros((3, 64)))
    with pytest.raises(TypeError, match="seed must be a non-negative integer"):
        dream(net, 1, seed=None)


def test_dream_step_checks_what_dream_checks(trained):
    # one set of checks at both public edges (issue 13: dream_step used to skip them)
    net, _ = trained
    img = np.zeros((8, 8))
    for call in (lambda **kw: dream(net, 1, **kw), lambda **kw: dream_step(net, img, 1, kw.pop("lr", 0.1), **kw)):
        with pytest.raises(ValueError, match="lr must be a number > 0"):
            call(lr=0.0)
        with pytest.raises(ValueError, match="blur must be a fraction"):
            call(blur=2.0)
        with pytest.raises(ValueError, match="tv must be a number >= 0"):
            call(tv=-0.1)
        with pytest.raises(ValueError, match="unknown objective"):
            call(objective="margin")
        with pytest.raises(TypeError, match="clip must be a pair"):
            call(clip=1.0)
    with pytest.raises(ValueError, match="img must have the network's 64 inputs"):
        dream_step(net, np.zeros((4, 4)), 1, 0.1)
    with pytest.raises(TypeError, match="shift must be a pair of whole numbers"):
        dream_step(net, img, 1, 0.1, shift=(0.5, 0))


def test_dreams_stop_each_image_at_stop_at(trained):
    net, d = trained
    starts = d.X_test[(d.y_test == 3) & (net.predict(d.X_test) == 3)][:5]
    imgs, hist = dreams(net, [8] * 5, steps=300, lr=0.05, x0=starts, stop_at=0.5)
    for k in range(5):
        first = int(np.argmax(hist[k] >= 0.5))
        assert hist[k, first] >= 0.5 and np.all(hist[k, :first] < 0.5)
        np.testing.assert_allclose(hist[k, first:], hist[k, first])       # stopped: the image stays
        img, single = dream(net, 8, steps=300, lr=0.05, x0=starts[k], stop_at=0.5)
        np.testing.assert_allclose(imgs[k], img, atol=1e-12)
        np.testing.assert_allclose(single, hist[k, :first + 1], atol=1e-12)


def test_dream_uses_only_public_names_of_the_network():
    for module in (dream_module, objective_module):
        assert not re.findall(r"\bnet\._\w+", inspect.getsource(module)), module.__name__


def test_notebook_06_imports_the_objectives_from_nnkit_dream():
    # notebook 06 imports class_objective, input_gradient and output_delta from nnkit.dream
    for name in ("OBJECTIVES", "class_objective", "input_gradient", "output_delta"):
        assert getattr(dream_module, name) is getattr(objective_module, name)
