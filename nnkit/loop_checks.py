"""The graded checks of notebook 05's training loop, one per part of the exercise.

Your ``train_minibatch`` is run on a small problem with passes that spy on it
(nnkit/loop_spies.py), and each check reads one thing from what it recorded:

1. :func:`check_batches`: the mini-batches: every epoch a new shuffle, every
   sample once, the last batch smaller, the same batches again for the same seed;
2. :func:`check_update`: W and b after the updates, replayed on the very batches
   your loop made, and the caller's arrays left alone;
3. :func:`check_loss_record`: one loss per epoch, the mean of its mini-batch
   losses, each from the weights that batch was given;
4. :func:`check_reaches`: your loop, with nnkit's passes, trains the digits to a
   stated validation accuracy.

Each part computes its expectation from what your loop actually did, so one
mistake costs one part: a shuffling mistake does not cost the update, and an
update mistake does not cost the loss record.  Where a result matches a common
mistake, the sentence names it.
"""
from __future__ import annotations

import math

import numpy as np

from .checks import ExerciseError, check_close, check_true, passed
from .loop_spies import Spies, replay, run_loop
from .losses import squared_error
from .network import Network
from .references import backward_batch, forward_batch

__all__ = ["check_batches", "check_update", "check_loss_record", "check_reaches"]


def check_batches(fn, n: int = 10, batch_size: int = 4, epochs: int = 3, seed: int = 0) -> None:
    """Part 1 of the loop: every epoch shuffles the samples and covers each once, in mini-batches.

    Checks the number and sizes of the mini-batches, that each epoch visits every
    sample exactly once, that every sample reaches backward with its own target,
    that the order is shuffled and differs from epoch to epoch, and that the same
    ``seed`` gives the same batches again.
    """
    spies = Spies(n)
    spies.run(fn, 0.1, epochs, batch_size, seed)
    by_epoch = _epochs_of(spies.calls, n, batch_size, epochs)
    sizes = [len(c["idx"]) for c in by_epoch[0]]
    want = [min(batch_size, n - s) for s in range(0, n, batch_size)]
    check_true(sizes == want, f"the mini-batches of an epoch should have sizes {want}, got {sizes}")
    orders = []
    for e, batches in enumerate(by_epoch, start=1):
        seen = [i for c in batches for i in c["idx"]]
        if sorted(seen) != list(range(n)):
            missing = sorted(set(range(n)) - set(seen))
            raise ExerciseError(f"epoch {e} should use every sample exactly once, but it used "
                                f"{len(set(seen))} different samples of {n} (missing: {missing}) -- "
                                "take consecutive slices of one shuffled order, order[start:start + batch_size]")
        orders.append(seen)
    for c in spies.calls:
        if not np.array_equal(c["Y"], spies.Y[c["idx"]]):
            raise ExerciseError("backward was given targets that do not belong to the batch's samples -- looks like "
                                "X and Y were shuffled apart (e.g. rng.shuffle(X) and rng.shuffle(Y)): take the "
                                "rows of both with the same indices, X[rows] and Y[rows]")
    if n > 2:
        check_true(any(o != list(range(n)) for o in orders),
                   "the samples came in their original order in every epoch -- looks like no shuffling: "
                   "draw a new order with rng.permutation(n) at the start of each epoch")
        check_true(epochs < 2 or any(o != orders[0] for o in orders[1:]),
                   "every epoch used the same order -- shuffle anew in each epoch, from one generator "
                   "np.random.default_rng(seed) made once before the epoch loop")
    second = Spies(n)
    second.run(fn, 0.1, epochs, batch_size, seed)
    again = [i for c in second.calls for i in c["idx"]]
    check_true(again == [i for o in orders for i in o],
               f"two runs with seed = {seed} used different batches -- make the generator from the seed, "
               "rng = np.random.default_rng(seed), and draw every shuffle from it")
    passed(f"train_minibatch: {epochs} epochs of mini-batches of sizes {want}, each a new shuffle of all "
           f"{n} samples, the same again for the same seed")


def check_update(fn, n: int = 10, batch_size: int = 4, epochs: int = 2, lr: float = 0.5, seed: int = 0) -> None:
    """Part 2 of the loop: each mini-batch updates every W[l] and b[l] by -lr times its gradient.

    The expected result is computed on the very batches the loop used, so a
    shuffling mistake does not count here.  The caller's lists and arrays must
    come back unchanged.
    """
    spies = Spies(n)
    W, b, X, calls = spies.W, spies.b, spies.X, spies.calls
    W_in, b_in = list(W), list(b)
    W_copy, b_copy = [w.copy() for w in W], [v.copy() for v in b]
    out = spies.run(fn, lr, epochs, batch_size, seed)
    for l in range(len(W_copy)):
        for what, lst, first, copy in (("W", W, W_in, W_copy), ("b", b, b_in, b_copy)):
            if lst[l] is not first[l]:
                raise ExerciseError(f"train_minibatch replaced {what}[{l}] in the caller's list {what} -- work on new "
                                    f"lists, e.g. {what} = [x.copy() for x in {what}], and return them")
            if not np.array_equal(first[l], copy[l]):
                raise ExerciseError(f"train_minibatch changed the caller's array {what}[{l}] in place (an in-place "
                                    f"update such as {what}[l] -= lr * d{what}[l]) -- copy the arrays first, "
                                    f"or compute new ones: {what}[l] = {what}[l] - lr * d{what}[l]")
    W_got, b_got, _ = out
    check_true(calls, "train_minibatch never called backward: each mini-batch needs forward, then backward")
    if len(calls) > 1 and all(np.array_equal(w, w0) for c in calls for w, w0 in zip(c["W"], W_copy)):
        raise ExerciseError(f"all {len(calls)} mini-batches were given the starting weights -- the updates do not "
                            "add up: pass the updated W and b to forward and backward for the next mini-batch")
    W_want, b_want = replay(calls, W_copy, b_copy, lr, X)
    variants = {  # the results of common mistakes, replayed on the same batches
        "no b": replay(calls, W_copy, b_copy, lr, X, sign_b=0.0),
        "uphill": replay(calls, W_copy, b_copy, lr, X, sign_W=-1.0, sign_b=-1.0),
        "W uphill": replay(calls, W_copy, b_copy, lr, X, sign_W=-1.0),
        "b uphill": replay(calls, W_copy, b_copy, lr, X, sign_b=-1.0),
        "first only": replay(calls[:1], W_copy, b_copy, lr, X),
        "no lr": replay(calls, W_copy, b_copy, 1.0, X),
    }
    hints = {"no b": "the biases are not updated: b[l] = b[l] - lr * db[l] too",
             "uphill": "a step uphill: W - lr * dW and b - lr * db go down the gradient",
             "W uphill": "a step uphill for W: W - lr * dW goes down the gradient",
             "b uphill": "a step uphill for b: b - lr * db goes down the gradient",
             "first only": "only the first mini-batch's update was kept",
             "no lr": "the learning rate is missing in the update"}
    check_true(isinstance(W_got, (list, tuple)) and len(W_got) == len(W_want),
               f"the returned W should be a list of {len(W_want)} arrays, one per layer")
    check_true(isinstance(b_got, (list, tuple)) and len(b_got) == len(b_want),
               f"the returned b should be a list of {len(b_want)} arrays, one per layer")
    for l in range(len(W_want)):
        check_close(W_got[l], W_want[l], f"train_minibatch(...) W[{l}]",
                    mistakes=[(v[0][l], hints[k]) for k, v in variants.items()] + [(W_copy[l], "W was never updated")])
        check_close(b_got[l], b_want[l], f"train_minibatch(...) b[{l}]",
                    mistakes=[(v[1][l], hints[k]) for k, v in variants.items()])
    passed(f"train_minibatch: W and b after {len(calls)} updates are right, and the caller's arrays are untouched")


def check_loss_record(fn, n: int = 10, batch_size: int = 4, epochs: int = 3, seed: int = 0) -> None:
    """Part 3 of the loop: ``losses[e]`` is the mean of epoch e's mini-batch losses, each before its update.

    The expected values are computed from the weights and targets each backward
    call was given, so a mistake in the update does not count here.
    """
    lr = 0.5
    spies = Spies(n)
    X, Y, calls = spies.X, spies.Y, spies.calls
    _, _, losses = spies.run(fn, lr, epochs, batch_size, seed)
    if len(calls) % epochs:  # the epochs cannot be told apart; part 1 says what is wrong with the batches
        _epochs_of(calls, n, batch_size, epochs)
    per_epoch = len(calls) // epochs
    by_epoch = [calls[e * per_epoch:(e + 1) * per_epoch] for e in range(epochs)]

    def J(c, scale=1.0, weights=None):  # the loss of c's batch with the weights c was given (or ``weights``)
        Wc, bc = (c["W"], c["b"]) if weights is None else weights
        return scale * squared_error(c["Y"], forward_batch(Wc, bc, X[c["idx"]])[-1])

    want = [np.mean([J(c) for c in batches]) for batches in by_epoch]
    no_n = [np.mean([J(c, scale=len(c["idx"])) for c in batches]) for batches in by_epoch]
    no_half = [np.mean([J(c, scale=2.0) for c in batches]) for batches in by_epoch]
    per_value = [np.mean([J(c, scale=2.0 / Y.shape[1]) for c in batches]) for batches in by_epoch]
    summed = [np.sum([J(c) for c in batches]) for batches in by_epoch]
    weighted = [np.sum([J(c) * len(c["idx"]) for c in batches]) / n for batches in by_epoch]
    last = [J(batches[-1]) for batches in by_epoch]
    after = [np.mean([J(c, weights=replay([c], c["W"], c["b"], lr, X)) for c in batches]) for batches in by_epoch]
    check_true(isinstance(losses, (list, tuple, np.ndarray)),
               f"losses should be a list with one number per epoch, got {type(losses).__name__}")
    check_true(len(losses) != len(calls) or len(calls) == epochs,
               f"losses has {len(losses)} entries, one per mini-batch -- record the mean of each epoch's "
               f"mini-batch losses: one number per epoch ({epochs})")
    mistakes = [(after, "the loss is taken after the update; record it before, from the same H"),
                (no_n, "the 1/n of the loss is missing: J = sum((Y - H)**2) / (2 * n) for a batch of n"),
                (no_half, "the 1/2 of the loss is missing: J = sum((Y - H)**2) / (2 * n)"),
                (per_value, "np.mean((Y - H)**2) divides by every entry; J = sum((Y - H)**2) / (2 * n)"),
                (summed, "the epoch's mini-batch losses are added up, not averaged"),
                (weighted, "each mini-batch's loss is weighted by its size; take the plain mean of them"),
                (last, "only the epoch's last mini-batch loss is recorded, not the mean of all")]
    check_close(losses, want, "train_minibatch(...) losses", mistakes=mistakes)
    passed(f"train_minibatch: one loss per epoch, the mean of its {len(by_epoch[0])} mini-batch "
           "losses, each taken before its update")


def check_reaches(fn, X_train, Y_train, X_val, y_val, accuracy: float = 0.95, lr: float = 2.0,
                  epochs: int = 30, batch_size: int = 32, hidden: int = 30, seed: int = 0) -> None:
    """Part 4 of the loop: it trains a [n_in, hidden, n_out] sigmoid network to ``accuracy`` on validation.

    Uses nnkit's :func:`~nnkit.references.forward_batch` and
    :func:`~nnkit.references.backward_batch` (so only the loop is graded) and
    Xavier initialisation with ``seed``; prints the accuracy reached.  Returns
    None: a number left as a test cell's last value would be read by nbgrader as
    the cell's score.
    """
    sizes = [X_train.shape[1], hidden, Y_train.shape[1]]
    net = Network(sizes, activation="sigmoid", init="xavier", seed=seed)
    W, b, losses = run_loop(fn, net.W, net.b, X_train, Y_train, forward_batch, backward_batch,
                            lr, epochs, batch_size, seed)
    check_true(len(losses) == epochs and np.all(np.isfinite(losses)),
               f"the loop should return {epochs} finite losses, got {len(losses)}")
    got = float(np.mean(np.argmax(forward_batch(W, b, X_val)[-1], axis=1) == np.asarray(y_val)))
    check_true(got >= accuracy,
               f"trained by your loop ({epochs} epochs, mini-batches of {batch_size}, lr = {lr}) the network "
               f"reaches {100 * got:.1f} % on the validation images; it should reach {100 * accuracy:.0f} %. "
               f"Its losses went from {losses[0]:.4f} to {losses[-1]:.4f}")
    passed(f"train_minibatch trains the {sizes} network to {100 * got:.1f} % validation accuracy "
           f"(at least {100 * accuracy:.0f} % asked)")


def _epochs_of(calls, n, batch_size, epochs):
    """The recorded backward calls grouped by epoch; an ExerciseError if their number is not epochs x batches."""
    per_epoch = math.ceil(n / batch_size)
    got = len(calls)
    if got != epochs * per_epoch:
        if got == epochs:
            hint = " -- looks like one mini-batch per epoch only: walk over all of them"
        elif got == per_epoch:
            hint = " -- looks like one epoch only: repeat the pass `epochs` times"
        elif got == epochs * (n // batch_size):
            hint = " -- looks like the last, smaller mini-batch is dropped"
        elif got == epochs * n:
            hint = " -- looks like one sample per step: take `batch_size` rows at a time"
        else:
            hint = ""
        raise ExerciseError(f"with n = {n} samples, batch_size = {batch_size} and epochs = {epochs} the loop "
                            f"should make {epochs} x {per_epoch} = {epochs * per_epoch} backward passes, "
                            f"it made {got}{hint}")
    return [calls[e * per_epoch:(e + 1) * per_epoch] for e in range(epochs)]
