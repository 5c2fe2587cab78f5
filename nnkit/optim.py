"""Gradient descent and its variants, and the training loop.

Every optimiser updates a list of parameter arrays in place from their gradients:

    SGD        theta <- theta - lr g
    momentum   v <- beta v + g;  theta <- theta - lr v
    Adam       m <- b1 m + (1 - b1) g;  s <- b2 s + (1 - b2) g^2
               theta <- theta - lr m_hat / (sqrt(s_hat) + eps),  with the bias-corrected
               m_hat = m / (1 - b1^t), s_hat = s / (1 - b2^t)

Weight decay, when given, is decoupled (as in AdamW): theta <- theta - lr wd theta,
applied to the weights only, never to the biases.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from ._validate import as_float_array, check_choice, check_fraction, check_positive, check_seed, describe
from .progress import Progress

__all__ = ["SGD", "Momentum", "Adam", "OPTIMIZERS", "get_optimizer", "History", "train", "batches",
           "train_step", "gradient_descent"]


class SGD:
    """Plain (stochastic) gradient descent: theta <- theta - lr g."""

    def __init__(self, lr=0.1):
        self.lr = check_positive(lr, "lr")

    def step(self, params, grads):
        """Update every array of ``params`` in place from the matching ``grads``."""
        for p, g in zip(params, grads):
            p -= self.lr * g


class Momentum(SGD):
    """Gradient descent with momentum: v <- beta v + g; theta <- theta - lr v."""

    def __init__(self, lr=0.1, beta=0.9):
        super().__init__(lr)
        self.beta = check_fraction(beta, "beta")
        self.v = None

    def step(self, params, grads):
        """v <- beta v + g, then theta <- theta - lr v, for every array theta of ``params`` (in place)."""
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.v):
            v *= self.beta
            v += g
            p -= self.lr * v


class Adam(SGD):
    """Adam: moving averages of the gradient and its square, bias-corrected."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1, self.beta2 = check_fraction(beta1, "beta1"), check_fraction(beta2, "beta2")
        self.eps = check_positive(eps, "eps")
        self.m = self.s = None
        self.t = 0

    def step(self, params, grads):
        """One Adam step on every array theta of ``params`` (in place), the equations of the module text."""
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.s = [np.zeros_like(p) for p in params]
        self.t += 1
        c1, c2 = 1.0 - self.beta1 ** self.t, 1.0 - self.beta2 ** self.t
        for p, g, m, s in zip(params, grads, self.m, self.s):
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            s *= self.beta2
            s += (1.0 - self.beta2) * (g * g)
            # p -= lr (m / c1) / (sqrt(s / c2) + eps), computed in one buffer
            denom = np.sqrt(s * (1.0 / c2))
            denom += self.eps
            np.divide(m, denom, out=denom)
            denom *= self.lr / c1
            p -= denom


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def get_optimizer(name, lr, **options):
    """An optimiser by name (``"sgd"``, ``"momentum"``, ``"adam"``); an instance passes through."""
    if isinstance(name, SGD):
        return name
    return OPTIMIZERS[check_choice(name, "optimizer", OPTIMIZERS)](lr, **options)


@dataclass
class History:
    """What training recorded, one entry per epoch.

    ``loss`` is each epoch's training loss, the mean of its mini-batch losses
    (each taken just before its update); ``val_loss`` and ``val_accuracy`` are
    filled when validation data was given; ``seconds`` is the wall time of the
    whole training.
    """

    loss: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def epochs(self) -> int:
        """Number of epochs recorded."""
        return len(self.loss)

    def __repr__(self) -> str:
        text = f"History({self.epochs} epochs, loss {self.loss[0]:.4g} -> {self.loss[-1]:.4g}" if self.loss else "History(empty"
        if self.val_accuracy:
            text += f", validation accuracy {self.val_accuracy[-1]:.3f}"
        return text + f", {self.seconds:.2f} s)"


def train(net, X, Y, epochs=100, lr=0.1, batch_size=None, optimizer="sgd", seed=0,
          validation=None, weight_decay=0.0, progress="auto", **optimizer_options) -> History:
    """Train ``net`` on (X, Y) by mini-batch gradient descent and return a :class:`History`.

    ``X`` (n, n_0) and ``Y`` as :meth:`nnkit.Network.check_targets` takes them.
    Each epoch shuffles the samples (with ``seed``) and takes one optimiser step
    per mini-batch of ``batch_size`` samples (see :func:`train_step`);
    ``batch_size=None`` means full-batch gradient descent, one step per epoch on
    all samples in order.  ``optimizer`` is ``"sgd"``, ``"momentum"`` or
    ``"adam"`` (options such as ``beta`` pass through), ``weight_decay`` is
    decoupled (see the module text).  ``validation=(X_val, y_val)`` records the
    loss and accuracy on held-out data after every epoch.  ``progress``:
    ``"auto"`` shows one updating line once training has run for two seconds,
    ``True`` always, ``False`` never.  Nothing is printed per epoch.

    Everything is checked here, once; the loop works on the checked arrays.
    Training runs with one BLAS thread: the course's matrices are small, and two
    BLAS threads contending for them are slower than one (``bench/run.py``).
    """
    X = net.check_inputs(X)
    Y = net.check_targets(Y, len(X))
    epochs = check_positive(epochs, "epochs", integer=True)
    if batch_size is not None:
        batch_size = min(check_positive(batch_size, "batch_size", integer=True), len(X))
    weight_decay = check_positive(weight_decay, "weight_decay", allow_zero=True)
    if validation is not None:
        if not isinstance(validation, (tuple, list)) or len(validation) != 2:
            raise TypeError(f"validation must be a pair (X_val, y_val), got {describe(validation)}")
        Xv = net.check_inputs(validation[0], name="validation X")
        validation = (Xv, net.check_targets(validation[1], len(Xv), name="validation y"))
    opt = get_optimizer(optimizer, lr, **optimizer_options)
    rng = np.random.default_rng(check_seed(seed))

    history, bar = History(), Progress(epochs, "training", mode=progress)
    start = time.perf_counter()
    with threadpool_limits(limits=1, user_api="blas"):
        for epoch in range(epochs):
            epoch_loss = 0.0
            for Xb, Yb in batches(X, Y, batch_size, rng):
                epoch_loss += train_step(net, Xb, Yb, opt, weight_decay) * len(Xb)
            history.loss.append(epoch_loss / len(X))
            if validation is not None:
                Xv, Yv = validation
                c = net.forward_pass(Xv)
                history.val_loss.append(net.cache_loss(c, Yv))
                history.val_accuracy.append(net.output.accuracy(c.H[-1], Yv))
            bar.update(epoch + 1, f"loss {history.loss[-1]:.4f}")
    history.seconds = time.perf_counter() - start
    bar.close(f"{epochs} epochs in {history.seconds:.1f} s, loss {history.loss[-1]:.4f}")
    return history


def batches(X, Y, batch_size, rng):
    """The mini-batches (X_b, Y_b) of one epoch: shuffled with ``rng``, ``batch_size`` rows each (the last may be smaller).

    ``batch_size=None`` gives the whole batch once, in order (the arrays themselves, no copy).
    """
    if batch_size is None:
        yield X, Y
        return
    order = rng.permutation(len(X))
    for i in range(0, len(X), batch_size):
        rows = order[i:i + batch_size]
        yield X[rows], Y[rows]


def train_step(net, X, Y, opt, weight_decay: float = 0.0) -> float:
    """One step of gradient descent on a checked batch; returns the loss J before the step.

    Forward pass, loss, output delta, backpropagation (without dJ/dX, which no
    update needs), then W <- W - lr wd W for decoupled weight decay and the
    optimiser's step on every W^(l) and b^(l).  Trusted inner loop: ``X`` and
    ``Y`` come from :meth:`nnkit.Network.check_inputs` and ``check_targets``.
    """
    c = net.forward_pass(X)
    loss = net.cache_loss(c, Y)
    g = net.backpropagate(c, net.output_delta(c, Y), input_gradient=False)
    if weight_decay:
        for W in net.W:
            W -= opt.lr * weight_decay * W
    opt.step(net.W + net.b, g.dW + g.db)
    return loss


def gradient_descent(grad, x0, lr, precision=1e-5, max_steps=10_000, limit=1e12):
    """Follow x <- x - lr grad(x) from ``x0`` and return the path, shape (steps + 1, *x0.shape).

    Stops when a step moves x by less than ``precision`` (largest component),
    after ``max_steps``, or when |x| exceeds ``limit``: a diverging run ends
    quietly instead of overflowing.  Works in 1-D (a float) and in n-D (an array).
    """
    x = as_float_array(x0, "x0", ndim=(0, 1)).copy()
    check_positive(lr, "lr")
    check_positive(max_steps, "max_steps", integer=True)
    path = [x.copy()]
    for _ in range(max_steps):
        g = np.asarray(grad(x), dtype=np.float64)
        step = lr * g
        x = x - step
        path.append(x.copy())
        if not np.all(np.isfinite(x)) or np.max(np.abs(x)) > limit:
            break
        if np.max(np.abs(step)) < precision:
            break
    return np.array(path)
