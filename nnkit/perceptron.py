"""Rosenblatt's perceptron: one neuron with a step activation and its learning rule.

The neuron computes ``z = w . x + b`` and answers ``yhat = step(z)``, where

    step(z) = 1 if z >= 0 else 0.

The convention ``step(0) = 1`` matters: with all weights zero every point is on
the boundary and is answered 1.  Labels are 0 and 1.

Learning rule, one sample (x, y) at a time:

    w <- w + lr * (y - yhat) * x
    b <- b + lr * (y - yhat)

so nothing changes when the answer is right, and a wrong answer moves the
boundary towards classifying x correctly.  An *epoch* is one pass over all
samples.  If the classes can be separated by a straight line (a hyperplane),
the rule reaches an epoch without mistakes after finitely many updates
(Novikoff's theorem); otherwise it never does and only a limit on the number
of epochs stops it.
"""
from __future__ import annotations


import numpy as np

from nnkit._validate import as_float_array, check_positive, check_seed, describe

__all__ = ["Perceptron", "count_mistakes", "perceptron_update", "step"]


def step(z):
    """Heaviside step with step(0) = 1: 1 where z >= 0, else 0 (int array, same shape as z)."""
    z = as_float_array(z, "z")
    return (z >= 0).astype(np.int64)


def _check_labels(y, n_rows: int, name: str = "y") -> np.ndarray:
    """y as an int array of shape (n_rows,) with values 0 and 1 only."""
    y = as_float_array(y, name, ndim=1)
    if y.shape[0] != n_rows:
        raise ValueError(f"{name} must have one label per row of X ({n_rows}), got {y.shape[0]} labels")
    bad = y[(y != 0) & (y != 1)]
    if bad.size:
        raise ValueError(f"{name} must hold the labels 0 and 1 only, but it contains {bad[0]:g}")
    return y.astype(np.int64)


def _check_weights(w, b, n_features=None):
    w = as_float_array(w, "w", ndim=1)
    if n_features is not None and w.shape[0] != n_features:
        raise ValueError(f"w must have one weight per feature ({n_features}), got {describe(w)}")
    b = as_float_array(b, "b", ndim=0)
    return w, float(b)


def perceptron_update(w, b, x, y, lr=1.0):
    """One step of the perceptron rule on one sample; returns the new ``(w, b)``.

    ``w`` and ``x`` have shape (n_features,), ``b`` is a number, ``y`` is 0 or 1.
    With ``yhat = step(w . x + b)``:  w' = w + lr (y - yhat) x,  b' = b + lr (y - yhat).
    The inputs are not modified.
    """
    x = as_float_array(x, "x", ndim=1)
    w, b = _check_weights(w, b, x.shape[0])
    y = float(as_float_array(y, "y", ndim=0))
    if y not in (0.0, 1.0):
        raise ValueError(f"y must be the label 0 or 1, got {y:g}")
    check_positive(lr, "lr")
    error = y - int(w @ x + b >= 0)
    return w + lr * error * x, b + lr * error


def count_mistakes(w, b, X, y):
    """How many rows of X the perceptron (w, b) labels wrongly.

    X of shape (n, n_features), y of shape (n,) with labels 0/1, w of shape
    (n_features,), b a number.  Counts the rows where step(X w + b) != y.
    """
    X = as_float_array(X, "X", ndim=2)
    w, b = _check_weights(w, b, X.shape[1])
    y = _check_labels(y, X.shape[0])
    return int(np.count_nonzero(((X @ w + b) >= 0).astype(np.int64) != y))


class Perceptron:
    """Rosenblatt's perceptron trained with the perceptron rule.

    Parameters
    ----------
    lr : learning rate, > 0.  With zero initial weights it only scales w and b
        and does not change which points are classified how.
    max_epochs : the most passes over the data :meth:`fit` makes.
    seed : None visits the samples in the given order in every epoch (fully
        reproducible by hand); an integer shuffles the order in every epoch with
        ``np.random.default_rng(seed)``.

    Attributes
    ----------
    w : (n_features,) weights, b : float bias.  Both can be set by hand; doing so
        restarts the record below from those weights.
    history_ : list of (w, b) copies; entry 0 is the starting point and one entry
        follows every epoch, so ``len(history_) == n_epochs_ + 1``.
    errors_ : list with the number of mistakes (= updates) made during each epoch.
    n_epochs_ : number of epochs run.
    converged_ : True when the last epoch made no mistake (every sample was
        classified right, so the weights no longer change).
    status_ : one sentence saying how training stopped.
    """

    def __init__(self, lr=1.0, max_epochs=100, seed=None):
        check_positive(lr, "lr")
        check_positive(max_epochs, "max_epochs", integer=True)
        seed = check_seed(seed)
        self.lr = float(lr)
        self.max_epochs = int(max_epochs)
        self.seed = seed
        self._rng = np.random.default_rng(seed)
        self._w = None
        self._b = 0.0
        self._restart_record("no training yet")

    # -- weights, settable by hand ---------------------------------------------
    @property
    def w(self):
        return self._w

    @w.setter
    def w(self, value):
        self._w = as_float_array(value, "w", ndim=1).copy()
        self._restart_record("weights set by hand; no epoch run since")

    @property
    def b(self):
        return self._b

    @b.setter
    def b(self, value):
        self._b = float(as_float_array(value, "b", ndim=0))
        self._restart_record("weights set by hand; no epoch run since")

    def _restart_record(self, status: str):
        self.history_ = [] if self._w is None else [(self._w.copy(), self._b)]
        self.errors_ = []
        self.n_epochs_ = 0
        self.converged_ = False
        self.status_ = status

    # -- training ---------------------------------------------------------------
    def _check_data(self, X, y):
        X = as_float_array(X, "X", ndim=2)
        if X.shape[0] == 0:
            raise ValueError("X has no rows: the perceptron needs at least one sample")
        y = _check_labels(y, X.shape[0])
        return X, y

    def _describe_state(self, stopped: bool) -> str:
        n = self.n_epochs_
        epochs = f"{n} epoch{'s' if n != 1 else ''}"
        if self.converged_:
            return f"converged after {epochs} (no mistakes in the last epoch)"
        last = self.errors_[-1]
        mistakes = f"{last} mistake{'s' if last != 1 else ''}"
        if stopped:
            return (f"stopped after {epochs} without converging ({mistakes} in the last epoch): "
                    "the data may not be linearly separable")
        return f"not converged yet after {epochs} ({mistakes} in the last epoch)"

    def epoch(self, X, y):
        """Run ONE pass of the perceptron rule over (X, y) from the current weights.

        X of shape (n, n_features), y of shape (n,) with labels 0/1.  Starts
        from zero weights if none are set.  Appends to ``history_`` and
        ``errors_``, updates ``converged_`` and ``status_`` and returns the
        number of mistakes made during the pass.
        """
        X, y = self._check_data(X, y)
        if self._w is None:
            self._w = np.zeros(X.shape[1])
            self._restart_record("no epoch run yet")
        elif self._w.shape[0] != X.shape[1]:
            raise ValueError(f"X has {X.shape[1]} features but the weights w have {self._w.shape[0]}; "
                             "set matching weights or call fit(X, y) to start from zeros")
        return self._epoch(X, y)

    def _epoch(self, X, y):
        """One pass on data already checked by the caller (X float (n, n_features), y int 0/1)."""
        order = np.arange(X.shape[0]) if self.seed is None else self._rng.permutation(X.shape[0])
        w, b = self._w.copy(), self._b
        mistakes = 0
        for i in order:
            error = y[i] - int(X[i] @ w + b >= 0)
            if error:
                w += self.lr * error * X[i]
                b += self.lr * error
                mistakes += 1
        self._w, self._b = w, b
        self.history_.append((w.copy(), b))
        self.errors_.append(mistakes)
        self.n_epochs_ += 1
        self.converged_ = mistakes == 0
        self.status_ = self._describe_state(stopped=False)
        return mistakes

    def fit(self, X, y):
        """Train from zero weights until an epoch makes no mistake or ``max_epochs`` passes.

        X of shape (n, n_features), y of shape (n,) with labels 0/1.  Afterwards
        ``converged_`` and ``status_`` say which way it stopped.  Returns self.
        The data are checked once, here; the epochs trust them.
        """
        X, y = self._check_data(X, y)
        self._rng = np.random.default_rng(self.seed)
        self._w, self._b = np.zeros(X.shape[1]), 0.0
        self._restart_record("no epoch run yet")
        while self.n_epochs_ < self.max_epochs:
            if self._epoch(X, y) == 0:
                break
        self.status_ = self._describe_state(stopped=not self.converged_)
        return self

    # -- using the trained neuron ----------------------------------------------------
    def _weights_for(self, X):
        X = as_float_array(X, "X", ndim=2)
        if X.shape[0] == 0:
            raise ValueError("X has no rows: give at least one sample")
        if self._w is None:
            raise ValueError("the perceptron has no weights yet: call fit(X, y) or set w and b")
        if X.shape[1] != self._w.shape[0]:
            raise ValueError(f"X must have {self._w.shape[0]} columns like the weights w, got {describe(X)}")
        return X

    def decision_function(self, X):
        """z = X w + b for every row of X (shape (n,)); the answer is 1 where z >= 0."""
        X = self._weights_for(X)
        return X @ self._w + self._b

    def predict(self, X):
        """step(X w + b): labels 0/1 of shape (n,)."""
        return (self.decision_function(X) >= 0).astype(np.int64)

    def score(self, X, y):
        """Fraction of rows of X labelled right (accuracy, 0..1)."""
        X = self._weights_for(X)
        y = _check_labels(y, X.shape[0])
        return float(np.mean(self.predict(X) == y))
