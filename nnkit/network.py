"""A fully connected feed-forward network in the course's notation.

Layer l (l = 1..L) has weights ``W[l-1]`` of shape (n_out, n_in) and bias
``b[l-1]`` of shape (n_out,) (Python lists count from 0).  For a batch H^(0) = X
whose rows are samples:

    Z^(l) = H^(l-1) W^(l)T + b^(l)          (pre-activation, shape (n, n_out))
    H^(l) = f(Z^(l))                         (activation)

Backpropagation, with the loss J averaged over the n samples:

    delta^(L)   = dJ/dH^(L) * f'(Z^(L))      (output layer)
    delta^(l)   = (delta^(l+1) W^(l+1)) * f'(Z^(l))
    dJ/dW^(l)   = delta^(l)T H^(l-1)         (shape (n_out, n_in))
    dJ/db^(l)   = sum over samples of delta^(l)

For one sample (a column vector) these read dJ/dW = delta h^T and dJ/db = delta,
as derived in notebook 04.  A sigmoid output with binary cross-entropy, and a
softmax output with cross-entropy, give the simpler delta^(L) = (H - Y) / n.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import as_float_array, check_choice, check_seed, describe
from .activations import get_activation, log_softmax, softmax, softplus
from .losses import get_loss

__all__ = ["Network", "Cache", "Backward", "INITS", "init_parameters"]

INITS = ("uniform", "normal", "xavier", "he")
"""Initialisations: the seed tutorial's uniform [0, 1); N(0, 0.01);
Xavier/Glorot N(0, 2/(n_in + n_out)); He N(0, 2/n_in)."""

_RELU_LIKE = ("relu", "leaky_relu", "elu", "swish")


def init_parameters(sizes, init: str = "xavier", seed=0):
    """Weights W[l] of shape (sizes[l+1], sizes[l]) and biases b[l] of shape (sizes[l+1],).

    ``uniform`` draws weights and biases from [0, 1) as the seed tutorial does;
    the others draw weights from a normal distribution with the variance of
    their name and start the biases at 0.
    """
    init = check_choice(init, "init", INITS)
    rng = np.random.default_rng(check_seed(seed))
    W, b = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        if init == "uniform":
            W.append(rng.random((n_out, n_in)))
            b.append(rng.random(n_out))
            continue
        std = {"normal": 0.01, "xavier": np.sqrt(2.0 / (n_in + n_out)), "he": np.sqrt(2.0 / n_in)}[init]
        W.append(rng.normal(0.0, std, (n_out, n_in)))
        b.append(np.zeros(n_out))
    return W, b


@dataclass
class Cache:
    """What the forward pass computed: ``Z[l]`` and ``H[l]`` per layer, ``H[0]`` the input.

    ``Z`` has one entry per layer (L entries); ``H`` has L + 1 (input and every layer).
    """

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


class Network:
    """A fully connected network: ``Network([n_0, n_1, ..., n_L], activation=..., seed=...)``.

    Parameters
    ----------
    sizes : list of int
        Units per layer, the input first: ``[2, 6, 2, 1]``.
    activation : str
        Hidden layers' activation (see :data:`nnkit.activations.ACTIVATIONS`).
    output : str
        Output activation: an element-wise one, or ``"softmax"``.
        Default: ``"softmax"`` for ``loss="cross_entropy"``, else ``"sigmoid"``.
    loss : str
        ``"squared_error"`` (J = 1/2 ||y - h||^2, the default with element-wise outputs),
        ``"mse"``, ``"binary_cross_entropy"`` (with a sigmoid output) or
        ``"cross_entropy"`` (with softmax, the default for it).
    init : str
        One of :data:`INITS`; default He for ReLU-like hidden layers, Xavier otherwise.
    seed : int
        Seed of the initialisation.
    """

    def __init__(self, sizes, activation="sigmoid", output=None, loss=None, init=None, seed=0):
        sizes = self._check_sizes(sizes)
        self.activation = get_activation(activation)
        self._set_output_and_loss(output, loss)
        if init is None:
            init = "he" if self.activation.name in _RELU_LIKE else "xavier"
        self.W, self.b = init_parameters(sizes, init, seed)  # checks init and seed
        self.init = init.lower()

    # ---------------------------------------------------------------- building
    @classmethod
    def from_weights(cls, W, b, activation="sigmoid", output=None, loss=None):
        """A network with the given weights: ``W[l]`` of shape (n_out, n_in), ``b[l]`` of shape (n_out,)."""
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
        net = cls.__new__(cls)
        net.activation = get_activation(activation)
        net._set_output_and_loss(output, loss)
        net.init = "given"
        net.W, net.b = Ws, bs
        return net

    @staticmethod
    def _check_sizes(sizes):
        if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
            raise ValueError(f"sizes must be a list of at least two layer sizes such as [2, 3, 1], got {sizes!r}")
        for s in sizes:
            if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1:
                raise ValueError(f"every layer size must be a positive integer, got {sizes!r}")
        return [int(s) for s in sizes]

    def _set_output_and_loss(self, output, loss):
        if output is None:
            output = "softmax" if loss == "cross_entropy" else "sigmoid"
        if isinstance(output, str) and output.lower() == "softmax":
            self.output = "softmax"
        else:
            self.output = get_activation(output)
        if loss is None:
            loss = "cross_entropy" if self.output == "softmax" else "squared_error"
        self.loss_fn = get_loss(loss)
        if (self.output == "softmax") != (self.loss_fn.name == "cross_entropy"):
            raise ValueError(
                "a softmax output goes with loss='cross_entropy' and cross-entropy with a softmax output; "
                f"got output={output!r} and loss={loss!r}"
            )
        if self.loss_fn.name == "binary_cross_entropy" and self.output.name != "sigmoid":
            raise ValueError(f"loss='binary_cross_entropy' needs output='sigmoid', got output={self.output.name!r}")

    # ---------------------------------------------------------------- shapes
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
        out = self.output if self.output == "softmax" else self.output.name
        return (f"Network({self.sizes}, activation={self.activation.name!r}, output={out!r}, "
                f"loss={self.loss_fn.name!r})")

    def copy(self) -> "Network":
        """An independent copy (weights copied)."""
        out = self.output if self.output == "softmax" else self.output.name
        net = Network.from_weights(self.W, self.b, self.activation.name, out, self.loss_fn.name)
        net.init = self.init
        return net

    # ---------------------------------------------------------------- checking data
    def check_inputs(self, X, *, name: str = "X") -> np.ndarray:
        """``X`` as a float64 array of shape (n, n_0), or an error naming ``name``.

        A 1-D ``x`` of shape (n_0,) is one sample and becomes shape (1, n_0).
        """
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
        if Y.ndim == 1 and n_out == 1:
            Y = Y[:, None]
        elif Y.ndim == 1:
            labels = Y
            if np.any(labels != np.round(labels)) or np.any(labels < 0) or np.any(labels >= n_out):
                raise ValueError(
                    f"{name} given as 1-D labels must be integers 0..{n_out - 1} for {n_out} outputs, "
                    f"got values from {labels.min():g} to {labels.max():g}"
                )
            Y = np.eye(n_out)[labels.astype(int)]
        if Y.shape != (n, n_out):
            raise ValueError(f"{name} must have shape ({n}, {n_out}) for {n} samples and {n_out} outputs, "
                             f"got {Y.shape}")
        return Y

    # ---------------------------------------------------------------- forward
    def forward_pass(self, X) -> Cache:
        """The forward pass on a checked batch ``X`` (see :meth:`check_inputs`), keeping every Z and H.

        Z^(l) = H^(l-1) W^(l)T + b^(l), H^(l) = f(Z^(l)), H^(0) = X; returns the :class:`Cache`.
        Part of the trusted inner loop: no checks, so ``X`` must be a 2-D float array with n_0 columns.
        """
        Z, H = [], [X]
        for l, (W, b) in enumerate(zip(self.W, self.b)):
            z = H[-1] @ W.T + b
            Z.append(z)
            if l < self.n_layers - 1:
                H.append(self.activation.f(z))
            else:
                H.append(softmax(z) if self.output == "softmax" else self.output.f(z))
        return Cache(Z, H)

    def forward(self, X, cache: bool = False):
        """Outputs H^(L) for inputs ``X`` of shape (n, n_in), giving (n, n_out).

        A 1-D ``x`` of shape (n_in,) is one sample and gives (n_out,).  With
        ``cache=True`` returns ``(output, Cache)`` holding every Z and H (always 2-D).
        """
        c = self.forward_pass(self.check_inputs(X))
        out = c.H[-1][0] if np.ndim(X) == 1 else c.H[-1]
        return (out, c) if cache else out

    __call__ = forward

    def loss(self, X, Y) -> float:
        """The network's loss J on a batch (averaged over samples)."""
        X2 = self.check_inputs(X)
        return self.cache_loss(self.forward_pass(X2), self.check_targets(Y, X2.shape[0]))

    @property
    def _output_is_paired(self) -> bool:
        """True for softmax + cross-entropy and sigmoid + binary cross-entropy."""
        return self.output == "softmax" or self.loss_fn.name == "binary_cross_entropy"

    def cache_loss(self, c: Cache, Y) -> float:
        """J from a forward pass's cache and checked targets ``Y`` of shape (n, n_L) (trusted inner loop).

        Paired outputs compute J from the logits Z^(L), which stays exact when the
        output saturates: -1/n sum y log softmax(z), or 1/n sum log(1 + e^z) - y z.
        """
        n = Y.shape[0]
        if self.output == "softmax":  # -1/n sum y log softmax(z), from the logits
            return float(-np.sum(Y * log_softmax(c.Z[-1])) / n)
        if self.loss_fn.name == "binary_cross_entropy":  # 1/n sum log(1 + e^z) - y z
            return float(np.sum(softplus(c.Z[-1]) - Y * c.Z[-1]) / n)
        return self.loss_fn.value.unchecked(Y, c.H[-1])  # Y and H were checked on the way in

    # ---------------------------------------------------------------- backward
    def output_delta(self, c: Cache, Y):
        """delta^(L) = dJ/dH^(L) * f'(Z^(L)); (H - Y)/n for sigmoid+BCE and softmax+cross-entropy.

        In the two paired cases the activation's derivative cancels the loss's
        denominator exactly, so the simple form is used (and stays exact when the
        output saturates, where the general product would divide 0 by 0).
        """
        if self._output_is_paired:
            return (c.H[-1] - Y) / Y.shape[0]
        return self.loss_fn.grad.unchecked(Y, c.H[-1]) * self.output.derivative(c.Z[-1], c.H[-1])

    def backpropagate(self, c: Cache, delta_L, input_gradient: bool = True) -> Backward:
        """Carry the output error ``delta_L`` (n, n_out) back through every layer.

        delta^(l) = (delta^(l+1) W^(l+1)) * f'(Z^(l)); dW^(l) = delta^(l)T H^(l-1);
        db^(l) = sum_i delta_i^(l); and, with ``input_gradient``, dJ/dX = delta^(1) W^(1)
        (training leaves it out: it is one more (n, n_1) @ (n_1, n_0) product, as
        costly as computing dW^(1), that no weight update uses).
        """
        L = self.n_layers
        delta = [None] * L
        dW, db = [None] * L, [None] * L
        delta[L - 1] = np.asarray(delta_L, dtype=np.float64)
        for l in range(L - 1, -1, -1):
            dW[l] = delta[l].T @ c.H[l]
            db[l] = delta[l].sum(axis=0)
            if l > 0:
                delta[l - 1] = (delta[l] @ self.W[l]) * self.activation.derivative(c.Z[l - 1], c.H[l])
        return Backward(delta, dW, db, delta[0] @ self.W[0] if input_gradient else None)

    def backward(self, X, Y) -> Backward:
        """Forward then backward on a batch: every delta, dJ/dW, dJ/db and dJ/dX."""
        X2 = self.check_inputs(X)
        c = self.forward_pass(X2)
        return self.backpropagate(c, self.output_delta(c, self.check_targets(Y, X2.shape[0])))

    def gradients(self, X, Y):
        """(dW, db): lists shaped like ``W`` and ``b`` holding dJ/dW^(l) and dJ/db^(l)."""
        g = self.backward(X, Y)
        return g.dW, g.db

    # ---------------------------------------------------------------- training
    def fit(self, X, Y, epochs=100, lr=0.1, batch_size=None, optimizer="sgd", seed=0,
            validation=None, weight_decay=0.0, progress="auto", **optimizer_options):
        """Train by gradient descent; see :func:`nnkit.optim.train`.  Returns the :class:`~nnkit.optim.History`."""
        from .optim import train

        return train(self, X, Y, epochs=epochs, lr=lr, batch_size=batch_size, optimizer=optimizer,
                     seed=seed, validation=validation, weight_decay=weight_decay, progress=progress,
                     **optimizer_options)

    def predict(self, X):
        """Class labels: argmax of the outputs, or for one output h >= 0.5 (h >= 0 for tanh)."""
        H = np.atleast_2d(self.forward(X))
        if H.shape[1] > 1:
            labels = np.argmax(H, axis=1)
        else:
            threshold = 0.0 if self.output != "softmax" and self.output.name == "tanh" else 0.5
            labels = (H[:, 0] >= threshold).astype(int)
        return labels[0] if np.ndim(X) == 1 else labels

    def score(self, X, y) -> float:
        """Accuracy: the fraction of samples whose predicted label equals ``y`` (labels or one-hot)."""
        pred = np.atleast_1d(self.predict(X))
        y = as_float_array(y, "y", ndim=(1, 2))
        if y.ndim == 2:
            y = np.argmax(y, axis=1) if y.shape[1] > 1 else y[:, 0]
        if y.shape[0] != pred.shape[0]:
            raise ValueError(f"y must have one label per sample ({pred.shape[0]}), got {y.shape[0]}")
        return float(np.mean(pred == y))
