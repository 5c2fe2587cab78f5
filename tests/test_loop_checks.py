"""nnkit/loop_checks.py: the graded checks of notebook 05's training loop, and the mistakes they name."""
import inspect

import numpy as np
import pytest

import textbook_thread as textbook
from nnkit import loop_checks, references
from nnkit.checks import ExerciseError


def _variant(old, new):
    """The plain training loop with one line changed: a plausible wrong answer."""
    source = inspect.getsource(textbook.train_minibatch)
    assert old in source, old
    namespace = {"np": np, "batch_loss": textbook.batch_loss}
    exec(source.replace(old, new), namespace)
    return namespace["train_minibatch"]


@pytest.mark.parametrize("loop", [references.train_minibatch, textbook.train_minibatch], ids=["nnkit", "textbook"])
def test_a_right_loop_passes_every_check(capsys, loop):
    loop_checks.check_batches(loop)
    loop_checks.check_batches(loop, n=9, batch_size=2, epochs=4, seed=5)
    loop_checks.check_update(loop)
    loop_checks.check_update(loop, n=9, batch_size=9, epochs=3)
    loop_checks.check_loss_record(loop)
    loop_checks.check_loss_record(loop, n=7, batch_size=7)
    assert capsys.readouterr().out.count("\u2714") == 6


@pytest.mark.parametrize("check, old, new, message", [
    (loop_checks.check_batches, "order = rng.permutation(n)", "order = np.arange(n)", "looks like no shuffling"),
    (loop_checks.check_batches, "        order = rng.permutation(n)", "        order = np.random.default_rng(seed).permutation(n)",
     "every epoch used the same order"),
    (loop_checks.check_batches, "order = rng.permutation(n)", "order = np.random.permutation(n)", "two runs with seed = 0"),
    (loop_checks.check_batches, "range(0, n, batch_size)", "range(0, batch_size, batch_size)", "one mini-batch per epoch only"),
    (loop_checks.check_batches, "range(0, n, batch_size)", "range(0, n - batch_size + 1, batch_size)", "smaller mini-batch is dropped"),
    (loop_checks.check_update, "W = [w - lr * g for w, g in zip(W, dW)]", "W = [w + lr * g for w, g in zip(W, dW)]", "a step uphill"),
    (loop_checks.check_update, "b = [v - lr * g for v, g in zip(b, db)]", "pass", "the biases are not updated"),
    (loop_checks.check_loss_record, "epoch_losses.append(batch_loss(H[-1], Yb))",
     "epoch_losses.append(np.sum((Yb - H[-1]) ** 2) / 2)", "the 1/n of the loss is missing"),
    (loop_checks.check_loss_record, "epoch_losses.append(batch_loss(H[-1], Yb))",
     "epoch_losses.append(np.mean((Yb - H[-1]) ** 2))", "np.mean((Y - H)**2) divides by every entry"),
    (loop_checks.check_loss_record, "losses.append(float(np.mean(epoch_losses)))",
     "losses.append(float(np.sum(epoch_losses)))", "added up, not averaged"),
    (loop_checks.check_loss_record, "losses.append(float(np.mean(epoch_losses)))", "losses.extend(epoch_losses)",
     "one per mini-batch"),
])
def test_checks_name_the_mistake(check, old, new, message):
    wrong = _variant(old, new)
    with pytest.raises(ExerciseError) as info:
        check(wrong)
    if message:
        assert message in str(info.value)


@pytest.mark.parametrize("changes, message", [
    ([("epoch_losses.append(batch_loss(H[-1], Yb))", "pass"),
      ("b = [v - lr * g for v, g in zip(b, db)]",
       "b = [v - lr * g for v, g in zip(b, db)]\n            epoch_losses.append(batch_loss(forward(W, b, Xb)[-1], Yb))")],
     "the loss is taken after the update"),
    ([("epoch_losses.append(batch_loss(H[-1], Yb))", "epoch_losses.append(np.sum((Yb - H[-1]) ** 2) / len(rows))")],
     "the 1/2 of the loss is missing"),
    ([("epoch_losses.append(batch_loss(H[-1], Yb))", "epoch_losses.append(batch_loss(H[-1], Yb) * len(rows) / n)"),
      ("losses.append(float(np.mean(epoch_losses)))", "losses.append(float(np.sum(epoch_losses)))")],
     "weighted by its size"),
    ([("losses.append(float(np.mean(epoch_losses)))", "losses.append(epoch_losses[-1])")],
     "only the epoch's last mini-batch loss"),
])
def test_the_loss_record_names_more_mistakes(changes, message):
    source = inspect.getsource(textbook.train_minibatch)
    for old, new in changes:
        assert old in source, old
        source = source.replace(old, new)
    namespace = {"np": np, "batch_loss": textbook.batch_loss}
    exec(source, namespace)
    with pytest.raises(ExerciseError, match=message):
        loop_checks.check_loss_record(namespace["train_minibatch"])


def test_targets_shuffled_apart_cost_part_one_only(capsys):
    """X and Y shuffled with two different orders: part 1 names it; parts 2 and 3 check what the loop did."""
    def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
        rng = np.random.default_rng(seed)
        W, b = [w.copy() for w in W], [v.copy() for v in b]
        X, Y, losses = X.copy(), Y.copy(), []
        for _ in range(epochs):
            rng.shuffle(X)
            rng.shuffle(Y)
            epoch_losses = []
            for start in range(0, len(X), batch_size):
                Xb, Yb = X[start:start + batch_size], Y[start:start + batch_size]
                H = forward(W, b, Xb)
                epoch_losses.append(textbook.batch_loss(H[-1], Yb))
                dW, db = backward(W, H, Yb)
                W = [w - lr * g for w, g in zip(W, dW)]
                b = [v - lr * g for v, g in zip(b, db)]
            losses.append(np.mean(epoch_losses))
        return W, b, losses

    with pytest.raises(ExerciseError, match="X and Y were shuffled apart"):
        loop_checks.check_batches(train_minibatch)
    loop_checks.check_update(train_minibatch)
    loop_checks.check_loss_record(train_minibatch)
    assert capsys.readouterr().out.count("\u2714") == 2


def test_updates_that_do_not_add_up_are_named():
    def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
        rng = np.random.default_rng(seed)
        W_new, b_new, losses = list(W), list(b), []
        for _ in range(epochs):
            order = rng.permutation(len(X))
            for start in range(0, len(X), batch_size):
                rows = order[start:start + batch_size]
                H = forward(W, b, X[rows])                   # always the caller's starting weights
                dW, db = backward(W, H, Y[rows])
                W_new = [w - lr * g for w, g in zip(W, dW)]
                b_new = [v - lr * g for v, g in zip(b, db)]
            losses.append(0.0)
        return W_new, b_new, losses

    with pytest.raises(ExerciseError, match="were given the starting weights -- the updates do not add up"):
        loop_checks.check_update(train_minibatch)


def test_in_place_update_is_refused():
    def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
        rng = np.random.default_rng(seed)
        n, losses = X.shape[0], []
        for _ in range(epochs):
            order = rng.permutation(n)
            for start in range(0, n, batch_size):
                rows = order[start:start + batch_size]
                dW, db = backward(W, forward(W, b, X[rows]), Y[rows])
                for l in range(len(W)):
                    W[l] -= lr * dW[l]
                    b[l] -= lr * db[l]
            losses.append(0.0)
        return W, b, losses

    with pytest.raises(ExerciseError, match="changed the caller's array W\\[0\\] in place"):
        loop_checks.check_update(train_minibatch)
    def replacing(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
        n = X.shape[0]
        for start in range(0, n, batch_size):
            rows = np.arange(n)[start:start + batch_size]
            dW, db = backward(W, forward(W, b, X[rows]), Y[rows])
            for l in range(len(W)):
                W[l] = W[l] - lr * dW[l]
        return W, b, [0.0] * epochs

    with pytest.raises(ExerciseError, match="replaced W\\[0\\] in the caller's list W"):
        loop_checks.check_update(replacing)


def test_check_reaches_trains_the_digits(capsys):
    from nnkit.data import digits, one_hot
    d = digits(seed=0)
    assert loop_checks.check_reaches(references.train_minibatch, d.X_train, one_hot(d.y_train, 10), d.X_test, d.y_test) is None
    shown = float(capsys.readouterr().out.split("network to ")[1].split(" %")[0])
    assert shown >= 95                                   # and None: nbgrader would read a number as the score
    lazy = _variant("range(0, n, batch_size)", "range(0, batch_size, batch_size)")
    with pytest.raises(ExerciseError, match="it should reach 95 %"):
        loop_checks.check_reaches(lazy, d.X_train, one_hot(d.y_train, 10), d.X_test, d.y_test)
