"""A fully connected feed-forward network in the course's notation.

Layer l (l = 1..L) has weights W^(l) of shape (n_out, n_in) and bias b^(l) of
shape (n_out,).  For a batch H^(0) = X whose rows are samples (notebook 03):

    Z^(l) = H^(l-1) W^(l)T + b^(l)          (pre-activation, shape (n, n_out))
    H^(l) = f(Z^(l))                         (activation)

Backpropagation, with the loss J averaged over the n samples (notebook 04):

    delta^(L)   = dJ/dH^(L) * f'(Z^(L))      (output layer: see nnkit/output_layer.py)
    delta^(l)   = (delta^(l+1) W^(l+1)) * f'(Z^(l))
    dJ/dW^(l)   = delta^(l)T H^(l-1)         (shape (n_out, n_in))
    dJ/db^(l)   = sum over samples of delta^(l)

For one sample (a column vector) these read dJ/dW = delta h^T and dJ/db = delta.

Python lists count from 0, the course counts layers from 1: ``W[l]``, ``b[l]``,
``Z[l]`` and ``delta[l]`` belong to layer l + 1, while ``H[l]`` is h^(l) because
``H[0]`` is the input.  The comments in the code say where this shift matters.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import as_float_array, describe
from .activations import get_activation
from .initialization import INITS, default_init, init_parameters
from .output_layer import output_layer

__all__ = ["Network", "Cache", "Backward", "INITS", "init_parameters"]


class Network:
    """``Network([n_0, n_1, ..., n_L], activation="sigmoid", output=None, loss=None, init=None, seed=0)``.

    ``W[l]`` (n_{l+1}, n_l) and ``b[l]`` (n_{l+1},) are the parameters; the options
    are explained in :meth:`__init__`.  ``forward``, ``backward``, ``loss``,
    ``fit``, ``predict`` and ``score`` check what they are given; the trusted
    inner loop (``forward_pass``, ``cache_loss``, ``output_delta``,
    ``backpropagate``) takes arrays that were checked once, by
    :meth:`check_inputs` and :meth:`check_targets`.
    """

    # ---------------------------------------------------------------- the forward pass
    def forward(self, X, cache: bool = False):
        """Outputs H^(L) for inputs ``X`` of shape (n, n_0), giving (n, n_L).

        A 1-D ``x`` of shape (n_0,) is one sample and gives (n_L,).  With
        ``cache=True`` returns ``(output, Cache)`` holding every Z and H (always 2-D).
        """
        c = self.forward_pass(self.check_inputs(X))
        out = c.H[-1][0] if np.ndim(X) == 1 else c.H[-1]
        return (out, c) if cache else out

    __call__ = forward

    def forward_pass(self, X) -> Cache:
        """Z^(l) = H^(l-1) W^(l)T + b^(l) and H^(l) = f(Z^(l)) for every layer, from H^(0) = X.

        ``X`` is a checked (n, n_0) float array (trusted inner loop); returns the :class:`Cache`.
        """
        Z, H = [], [X]
        last = self.n_layers - 1
        for l, (W, b) in enumerate(zip(self.W, self.b)):  # l = 0 is the course's layer 1
            z = H[-1] @ W.T + b
            Z.append(z)
            H.append(self.output.activate(z) if l == last else self.activation.f(z))
        return Cache(Z, H)

    # ---------------------------------------------------------------- the backward pass
    def backward(self, X, Y) -> Backward:
        """Forward then backward on a batch: every delta, dJ/dW, dJ/db and dJ/dX (see :class:`Backward`)."""
        X = self.check_inputs(X)
        c = self.forward_pass(X)
        return self.backpropagate(c, self.output_delta(c, self.check_targets(Y, len(X))))

    def output_delta(self, c: Cache, Y):
        """delta^(L) = dJ/dZ^(L), shape (n, n_L), for checked targets ``Y`` (the output layer decides)."""
        return self.output.delta(Y, c.Z[-1], c.H[-1])

    def backpropagate(self, c: Cache, delta_L, input_gradient: bool = True) -> Backward:
        """Carry the output error ``delta_L`` (n, n_L) back through every layer.

        delta^(l) = (delta^(l+1) W^(l+1)) * f'(Z^(l)); dW^(l) = delta^(l)T H^(l-1);
        db^(l) = sum_i delta_i^(l); and, with ``input_gradient``, dJ/dX = delta^(1) W^(1)
        (training leaves it out: it is one more matrix product that no weight update uses).
        """
        L = self.n_layers
        delta, dW, db = [None] * L, [None] * L, [None] * L
        delta[L - 1] = np.asarray(delta_L, dtype=np.float64)
        for l in range(L - 1, -1, -1):  # list index l is the course's layer l + 1
            dW[l] = delta[l].T @ c.H[l]  # H[l] is h^(l), the input of layer l + 1
            db[l] = delta[l].sum(axis=0)
            if l > 0:
                # delta^(l) = (delta^(l+1) W^(l+1)) * f'(z^(l)): Z[l-1] and H[l] are both layer l
                delta[l - 1] = (delta[l] @ self.W[l]) * self.activation.derivative(c.Z[l - 1], c.H[l])
        return Backward(delta, dW, db, delta[0] @ self.W[0] if input_gradient else None)

    def gradients(self, X, Y):
        """(dW, db): lists shaped like ``W`` and ``b`` holding dJ/dW^(l) and dJ/db^(l)."""
        g = self.backward(X, Y)
        return g.dW, g.db

    def loss(self, X, Y) -> float:
        """The network's loss J on a batch (averaged over samples); ``Y`` as in :meth:`check_targets`."""
        X = self.check_inputs(X)
        return self.cache_loss(self.forward_pass(X), self.check_targets(Y, len(X)))

    def cache_loss(self, c: Cache, Y) -> float:
        """J from a forward pass's cache and checked targets ``Y`` (trusted inner loop)."""
        return self.output.loss(Y, c.Z[-1], c.H[-1])

    # ---------------------------------------------------------------- training and using
    def fit(self, X, Y, epochs=100, lr=0.1, batch_size=None, optimizer="sgd", seed=0,
            validation=None, weight_decay=0.0, progress="auto", **optimizer_options):
        """Train by gradient descent; see :func:`nnkit.optim.train`.  Returns the :class:`~nnkit.optim.History`."""
        from .optim import train

        return train(self, X, Y, epochs=epochs, lr=lr, batch_size=batch_size, optimizer=optimizer,
                     seed=seed, validation=validation, weight_decay=weight_decay, progress=progress,
                     **optimizer_options)

    def predict(self, X):
        """Class labels: the largest output, or for one output unit h >= 0.5 (see nnkit/output_layer.py)."""
        labels = self.output.labels(self.forward_pass(self.check_inputs(X)).H[-1])
        return labels[0] if np.ndim(X) == 1 else labels

    def score(self, X, y) -> float:
        """Accuracy: the fraction of samples whose predicted label matches ``y`` (labels or one-hot rows)."""
        X = self.check_inputs(X)
        return self.output.accuracy(self.forward_pass(X).H[-1], self.check_targets(y, len(X), name="y"))

    # ---------------------------------------------------------------- construction
    def __init__(self, sizes, activation="sigmoid", output=None, loss=None, init=None, seed=0):
        """A network with random weights.

        sizes : list of int
            Units per layer, the input first: ``[2, 6, 2, 1]``.
        activation : str
            Hidden layers' activation (see :data:`nnkit.activations.ACTIVATIONS`).
        output, loss : str or None
            The output layer, see :func:`nnkit.output_layer.output_layer`: an element-wise
            activation or ``"softmax"``, and ``"squared_error"`` (J = 1/2 ||y - h||^2),
            ``"mse"``, ``"binary_cross_entropy"`` (sigmoid output) or ``"cross_entropy"``
            (softmax).  Defaults: sigmoid with squared error, softmax with cross-entropy.
        init : str
            One of :data:`~nnkit.initialization.INITS`; default He for ReLU-like layers, else Xavier.
        seed : int
            Seed of the initialisation.
        """
        sizes = _check_sizes(sizes)
        activation = get_activation(activation)
        init = default_init(activation.name) if init is None else init
        W, b = init_parameters(sizes, init, seed)  # checks init and seed
        self._setup(W, b, activation, output, loss, init.lower())

    @classmethod
    def from_weights(cls, W, b, activation="sigmoid", output=None, loss=None) -> Network:
        """A network with the given weights: ``W[l]`` of shape (n_out, n_in), ``b[l]`` of shape (n_out,) (copied)."""
        net = cls.__new__(cls)
        net._setup(*_check_weights(W, b), activation, output, loss, "given")
        return net

    def _setup(self, W, b, activation, output, loss, init):
        """What every network holds, whichever way it was made: parameters, activations, output layer."""
        self.W, self.b = W, b
        self.activation = get_activation(activation)
        self.output = output_layer(output, loss, units=self.sizes[-1])
        self.init = init

    def copy(self) -> Network:
        """An independent copy (weights copied)."""
        net = Network.from_weights(self.W, self.b, self.activation, self.output)
        net.init = self.init
        return net

    @property
    def sizes(self) -> list:
        """Units per layer, the input first."""
        return [self.W[0].shape[1]] + [w.shape[0] for w in self.W]

    @property
    def n_layers(self) -> int:
        """Number of layers with weights (L)."""
        return len(self.W)

    @property
    def n_params(self) -> int:
        """Number of weights and biases."""
        return sum(w.size + v.size for w, v in zip(self.W, self.b))

    def __repr__(self) -> str:
        return (f"Network({self.sizes}, activation={self.activation.name!r}, output={self.output.name!r}, "
                f"loss={self.output.loss_fn.name!r})")

    # ---------------------------------------------------------------- checking data
    def check_inputs(self, X, *, name: str = "X") -> np.ndarray:
        """``X`` as a float64 array of shape (n, n_0); a 1-D ``x`` (one sample) becomes (1, n_0)."""
        X = as_float_array(X, name, ndim=(1, 2))
        X2 = X[None, :] if X.ndim == 1 else X
        if X2.shape[1] != self.sizes[0]:
            raise ValueError(f"{name} must have {self.sizes[0]} features (columns), one per input unit, "
                             f"got {describe(X)}")
        return X2

    def check_targets(self, Y, n: int, *, name: str = "Y") -> np.ndarray:
        """Targets as a float64 array of shape (n, n_L).

        Accepts (n, n_L); or (n,), read as one target per sample for one output
        unit, else as integer class labels 0..n_L - 1 (turned into one-hot rows).
        """
        n_out = self.sizes[-1]
        Y = as_float_array(Y, name, ndim=(1, 2))
        if Y.ndim == 1 and len(Y) != n:
            raise ValueError(f"{name} must have one target or label per sample ({n}), got {len(Y)}")
        if Y.ndim == 1 and n_out == 1:
            Y = Y[:, None]
        elif Y.ndim == 1:
            if np.any(Y != np.round(Y)) or np.any(Y < 0) or np.any(Y >= n_out):
                raise ValueError(f"{name} given as 1-D labels must be integers 0..{n_out - 1} for {n_out} "
                                 f"outputs, got values from {Y.min():g} to {Y.max():g}")
            Y = np.eye(n_out)[Y.astype(np.int64)]
        if Y.shape != (n, n_out):
            raise ValueError(f"{name} must have shape ({n}, {n_out}) for {n} samples and {n_out} outputs, "
                             f"got {Y.shape}")
        return Y


@dataclass
class Cache:
    """What the forward pass computed: ``Z[l]`` (L entries, layers 1..L) and ``H[l]`` (L + 1, ``H[0]`` the input)."""

    Z: list
    H: list


@dataclass
class Backward:
    """What the backward pass computed: ``delta[l]``, ``dW[l]``, ``db[l]`` per layer, and ``dX`` = dJ/dX.

    ``dX`` is None when the pass was asked not to compute it (training never needs it).
    """

    delta: list
    dW: list
    db: list
    dX: np.ndarray | None


def _check_sizes(sizes) -> list:
    if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
        raise ValueError(f"sizes must be a list of at least two layer sizes such as [2, 3, 1], got {sizes!r}")
    for s in sizes:
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1:
            raise ValueError(f"every layer size must be a positive integer, got {sizes!r}")
    return [int(s) for s in sizes]


def _check_weights(W, b):
    """Copies of ``W`` and ``b`` as float arrays, checked to chain layer to layer."""
    if not isinstance(W, (list, tuple)) or not isinstance(b, (list, tuple)):
        raise TypeError(f"W and b must be lists of arrays, one per layer; got {describe(W)} and {describe(b)}")
    if len(W) == 0 or len(W) != len(b):
        raise ValueError(f"W and b need one entry per layer, got {len(W)} weight matrices and {len(b)} bias vectors")
    Ws = [as_float_array(w, f"W[{l}]", ndim=2).copy() for l, w in enumerate(W)]
    bs = [as_float_array(v, f"b[{l}]", ndim=1).copy() for l, v in enumerate(b)]
    for l, (w, v) in enumerate(zip(Ws, bs)):
        if v.shape[0] != w.shape[0]:
            raise ValueError(f"b[{l}] must have shape ({w.shape[0]},) to match W[{l}] of shape {w.shape}, got {v.shape}")
        if l > 0 and w.shape[1] != Ws[l - 1].shape[0]:
            raise ValueError(
                f"W[{l}] must have {Ws[l - 1].shape[0]} columns (the outputs of W[{l - 1}], shape "
                f"{Ws[l - 1].shape}), got shape {w.shape}: the layers do not chain"
            )
    return Ws, bs
