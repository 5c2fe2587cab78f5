"""nnkit/references.py: nnkit's versions of the thread's functions, checked without nnkit's network."""
import inspect

import numpy as np
import pytest

import textbook_thread as textbook
from nnkit import references
from nnkit.gradcheck import numerical_gradient


def _problem(seed=0, sizes=(4, 5, 3), n=6):
    rng = np.random.default_rng(seed)
    W = [rng.normal(size=(m, k)) for k, m in zip(sizes[:-1], sizes[1:])]
    b = [rng.normal(size=m) for m in sizes[1:]]
    X = rng.normal(size=(n, sizes[0]))
    Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
    return W, b, X, Y


@pytest.mark.parametrize("sizes", [(4, 5, 3), (2, 1), (3, 6, 4, 2)])
def test_forward_batch_is_every_layers_sigmoid(sizes):
    W, b, X, _ = _problem(sizes=sizes)
    H = references.forward_batch(W, b, X)
    assert len(H) == len(sizes)
    h = X
    np.testing.assert_array_equal(H[0], X)
    for l, (Wl, bl) in enumerate(zip(W, b), start=1):   # H^(l) = sigmoid(H^(l-1) W^(l)T + b^(l)), by hand
        h = 1.0 / (1.0 + np.exp(-(h @ Wl.T + bl)))
        assert H[l].shape == (len(X), sizes[l])
        np.testing.assert_allclose(H[l], h, rtol=1e-12)


def test_forward_batch_leaves_its_arguments_alone():
    W, b, X, _ = _problem()
    copies = [a.copy() for a in W + b + [X]]
    references.forward_batch(W, b, X)
    assert all(np.array_equal(a, c) for a, c in zip(W + b + [X], copies))


def _J(W, b, X, Y):
    """J = 1/(2n) sum_k ||y_k - h_k||^2, through the plain forward pass."""
    return np.sum((Y - textbook.forward_batch(W, b, X)[-1]) ** 2) / (2 * len(X))


@pytest.mark.parametrize("sizes", [(4, 5, 3), (3, 6, 4, 2)])
def test_backward_batch_is_the_gradient_of_the_squared_error(sizes):
    W, b, X, Y = _problem(1, sizes=sizes)
    dW, db = references.backward_batch(W, references.forward_batch(W, b, X), Y)
    assert len(dW) == len(db) == len(W)

    def J_of(l, which):
        def J(value):
            Ws, bs = [w.copy() for w in W], [v.copy() for v in b]
            (Ws if which == "W" else bs)[l] = value
            return _J(Ws, bs, X, Y)
        return J

    for l in range(len(W)):
        assert dW[l].shape == W[l].shape and db[l].shape == b[l].shape
        np.testing.assert_allclose(dW[l], numerical_gradient(J_of(l, "W"), W[l]), rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(db[l], numerical_gradient(J_of(l, "b"), b[l]), rtol=1e-6, atol=1e-9)


def test_backward_batch_takes_the_forward_result_of_any_forward_pass():
    W, b, X, Y = _problem(2)
    H = textbook.forward_batch(W, b, X)
    for got, want in zip(sum(references.backward_batch(W, H, Y), []), sum(textbook.backward_batch(W, H, Y), [])):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


def test_train_minibatch_by_hand():
    W, b, X, Y = _problem(2, n=5)
    W0, b0 = [w.copy() for w in W], [v.copy() for v in b]
    W1, b1, losses = references.train_minibatch(W, b, X, Y, references.forward_batch, references.backward_batch,
                                                lr=0.5, epochs=2, batch_size=2, seed=7)
    assert all(np.array_equal(a, c) for a, c in zip(W + b, W0 + b0))  # the caller's arrays are untouched
    Ws, bs, expected = [w.copy() for w in W0], [v.copy() for v in b0], []
    rng = np.random.default_rng(7)
    for _ in range(2):
        order, batch = rng.permutation(5), []
        for rows in (order[0:2], order[2:4], order[4:5]):
            H = textbook.forward_batch(Ws, bs, X[rows])
            batch.append(np.sum((Y[rows] - H[-1]) ** 2) / (2 * len(rows)))
            dW, db = textbook.backward_batch(Ws, H, Y[rows])
            Ws = [w - 0.5 * g for w, g in zip(Ws, dW)]
            bs = [v - 0.5 * g for v, g in zip(bs, db)]
        expected.append(np.mean(batch))
    np.testing.assert_allclose(losses, expected, rtol=1e-12)
    for got, want in zip(W1 + b1, Ws + bs):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def test_train_minibatch_trains_the_digits_as_the_textbook_loop_does():
    """The numbers notebook 05 prints are the same whether nnkit's three functions ran or the plain ones."""
    import nnkit
    from nnkit.data import digits, one_hot

    d = digits(seed=0)
    start = nnkit.Network([64, 30, 10], activation="sigmoid", init="xavier", seed=0)
    args = (start.W, start.b, d.X_train, one_hot(d.y_train, 10))
    W, b, losses = references.train_minibatch(*args, references.forward_batch, references.backward_batch,
                                              3.0, 30, 16, 0)
    W_t, b_t, losses_t = textbook.train_minibatch(*args, textbook.forward_batch, textbook.backward_batch,
                                                  3.0, 30, 16, 0)
    np.testing.assert_allclose(losses, losses_t, rtol=1e-9)
    for got, want in zip(W + b, W_t + b_t):
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)
    acc = np.mean(np.argmax(references.forward_batch(W, b, d.X_test)[-1], axis=1) == d.y_test)
    assert acc == np.mean(np.argmax(textbook.forward_batch(W_t, b_t, d.X_test)[-1], axis=1) == d.y_test) >= 0.95


def test_nnkits_versions_are_not_the_model_answers():
    """A student reading nnkit/references.py finds nnkit's machinery used, not the exercises' answers to copy."""
    source = inspect.getsource(references)
    for answer in ("@", ".T", "exp(", "permutation", "1.0 - ", "zip(W, dW)"):
        assert answer not in source, f"nnkit/references.py spells out {answer!r}, a piece of an exercise's answer"
