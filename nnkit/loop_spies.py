"""Watching a training loop at work: passes that spy on it, and a replay of the right updates.

The checks of notebook 05's training loop (nnkit/loop_checks.py) do not read
your code: they run your ``train_minibatch`` on a small problem, with a forward
and a backward pass that *spy* on it.  Every backward call is recorded: which
rows of X made its batch (each sample is recognised by its values), the weights
it was given, and the targets.  From that record the checks read the batches
your loop made, and :func:`replay` computes what the updates should give on
those very batches, so that one mistake costs one graded part, not several.

:func:`small_network` and :func:`call_exercise` serve nnkit/your_library.py too.
"""
from __future__ import annotations

import numpy as np

from .checks import ExerciseError, check_true
from .references import backward_batch, forward_batch

__all__ = ["small_network", "call_exercise", "run_loop", "Spies", "replay"]


def small_network(rng, sizes=(3, 4, 2), n=5):
    """(W, b, X, Y): random weights of a ``sizes`` network, ``n`` random samples and one-hot targets."""
    W = [rng.normal(0.0, 1.0, (m, k)) for k, m in zip(sizes[:-1], sizes[1:])]
    b = [rng.normal(0.0, 0.5, m) for m in sizes[1:]]
    X = rng.normal(0.0, 1.0, (n, sizes[0]))
    Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
    return W, b, X, Y


def call_exercise(fn, name, described, *args):
    """``fn(*args)``; a missing solution or a crash becomes an ExerciseError sentence naming ``described``.

    An ExerciseError raised inside (by a spy, say) passes through unchanged.
    """
    if not callable(fn):
        raise ExerciseError(f"{name} should be a function, but it is {type(fn).__name__}")
    try:
        return fn(*args)
    except ExerciseError:
        raise
    except NotImplementedError:
        raise ExerciseError(f"{name} is not written yet: replace `raise NotImplementedError()` "
                            "with your code") from None
    except Exception as err:  # the student's code failed: say how, on which problem
        raise ExerciseError(f"{described} raised {type(err).__name__}: {err}") from None


def run_loop(fn, W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    """The training loop ``fn`` run on (W, b, X, Y); its result (W, b, losses), or a sentence saying what went wrong."""
    out = call_exercise(fn, "train_minibatch",
                        f"train_minibatch(W, b, X, Y, forward, backward, lr={lr}, epochs={epochs}, "
                        f"batch_size={batch_size}, seed={seed}) with X of shape {X.shape}",
                        W, b, X, Y, forward, backward, lr, epochs, batch_size, seed)
    check_true(isinstance(out, (tuple, list)) and len(out) == 3,
               f"train_minibatch should return the triple (W, b, losses), got {type(out).__name__}"
               + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else ""))
    return out


class Spies:
    """A small problem ``W``, ``b``, ``X``, ``Y`` of ``n`` samples, and a forward and a backward pass that spy.

    The passes compute what nnkit's :func:`~nnkit.references.forward_batch` and
    :func:`~nnkit.references.backward_batch` do.  ``calls`` gets one dict per
    backward call: ``idx``, the rows of X in its batch; ``W`` and ``b``, copies
    of the weights of the forward pass that made its H; ``Y``, a copy of its targets.
    """

    def __init__(self, n, sizes=(3, 4, 3), seed=11):
        rng = np.random.default_rng(seed)
        self.W, self.b, _, _ = small_network(rng, sizes, n)
        self.X = rng.normal(0.0, 1.0, (n, sizes[0]))
        self.Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
        self.calls = []
        self._rows = {self.X[i].tobytes(): i for i in range(n)}
        self._forwards = []  # (the list forward returned, copies of the W and b it was given)

    def forward(self, W, b, Xb):
        H = forward_batch(W, b, Xb)
        self._forwards.append((H, [np.array(w, copy=True) for w in W], [np.array(v, copy=True) for v in b]))
        return H

    def backward(self, W, H, Yb):
        idx = []
        for row in np.asarray(H[0]):
            if row.tobytes() not in self._rows:
                raise ExerciseError("backward received a batch H[0] that is not made of rows of X: "
                                    "pass the mini-batch's forward result H to backward")
            idx.append(self._rows[row.tobytes()])
        # the b of the forward pass that made this H (backward itself is not given b)
        last = self._forwards[-1][2] if self._forwards else None
        b_used = next((bs for H_f, _, bs in reversed(self._forwards) if H_f is H), last)
        self.calls.append(dict(idx=idx, W=[np.array(w, copy=True) for w in W], b=b_used, Y=np.array(Yb, copy=True)))
        return backward_batch(W, H, Yb)

    def run(self, fn, lr, epochs, batch_size, seed):
        """Your loop ``fn`` on this problem with these passes: :func:`run_loop`."""
        return run_loop(fn, self.W, self.b, self.X, self.Y, self.forward, self.backward, lr, epochs, batch_size, seed)


def replay(calls, W, b, lr, X, sign_W=1.0, sign_b=1.0):
    """(W, b) after the right updates on the batches of ``calls``, from ``W`` and ``b`` (left unchanged).

    The batches are the rows of ``X`` each call recorded, with the targets the loop
    gave backward, so a mistake in pairing samples with targets counts in part 1
    only.  A ``sign_W`` or ``sign_b`` of 0 or -1 gives a common mistake's result instead.
    """
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    for c in calls:
        dW, db = backward_batch(W, forward_batch(W, b, X[c["idx"]]), c["Y"])
        W = [w - sign_W * lr * g for w, g in zip(W, dW)]
        b = [v - sign_b * lr * g for v, g in zip(b, db)]
    return W, b
