"""nnkit's versions of the three functions of your own library, for where yours is missing.

Notebook 03 asks you for ``forward_batch``, notebook 04 for ``backward_batch``
and notebook 05 for ``train_minibatch`` (see nnkit/your_library.py).  Where one
of yours is not written yet, or does not pass its checks, notebook 05 uses the
one here instead.  They are not the exercises written out again: each is a few
lines on top of nnkit's own machinery, the :class:`~nnkit.network.Network` of
nnkit/network.py and the mini-batches and gradient-descent step of
nnkit/optim.py, so that the thread of the course and ``Network.fit`` compute
with one piece of code.

The three share one convention: layer l has ``W[l]`` of shape (n_out, n_in) and
``b[l]`` of shape (n_out,); a batch ``X`` has one sample per row; every layer
(the output too) is a sigmoid; the loss is the squared error averaged over the
batch, J = 1/(2n) sum_k ||y_k - h_k||^2 (:func:`nnkit.losses.squared_error`).
"""
from __future__ import annotations

import numpy as np

from .losses import squared_error
from .network import Cache, Network
from .optim import SGD, batches

__all__ = ["forward_batch", "backward_batch", "train_minibatch"]


def _sigmoid_network(W, b) -> Network:
    """A network of sigmoid layers with squared error, holding copies of ``W`` and ``b``."""
    return Network.from_weights(W, b, activation="sigmoid", output="sigmoid", loss="squared_error")


def forward_batch(W, b, X):
    """Every layer's activations for a batch: H = [X, H^(1), ..., H^(L)], H^(l) of shape (n, n_l).

    The forward pass of nnkit's network with these weights, every layer a sigmoid:
    :meth:`~nnkit.network.Network.forward` with ``cache=True`` keeps every H.
    """
    _, cache = _sigmoid_network(W, b).forward(X, cache=True)
    return cache.H


def backward_batch(W, H, Y):
    """(dW, db): the gradients of J = 1/(2n) sum_k ||y_k - h_k||^2 with respect to every ``W[l]`` and ``b[l]``.

    ``H`` is what :func:`forward_batch` returned, ``Y`` the targets, shape (n, n_L).
    The backward pass of nnkit's network: :meth:`~nnkit.network.Network.output_delta`,
    then :meth:`~nnkit.network.Network.backpropagate`.  It is given neither the
    biases nor the pre-activations Z, and needs neither: backpropagation never
    reads b, so zeros stand in for it, and a sigmoid's derivative is computed
    from h = sigmoid(z) alone, so the cache's Z stay empty.
    """
    net = _sigmoid_network(W, [np.zeros(len(w)) for w in W])
    H = [np.asarray(h, dtype=np.float64) for h in H]
    cache = Cache(Z=[None] * len(W), H=H)
    delta_L = net.output_delta(cache, net.check_targets(Y, len(H[0])))
    grads = net.backpropagate(cache, delta_L, input_gradient=False)
    return grads.dW, grads.db


def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    """Mini-batch gradient descent with the passes ``forward`` and ``backward``: returns (W, b, losses).

    One generator ``np.random.default_rng(seed)``, made once; every epoch takes
    the mini-batches of :func:`nnkit.optim.batches` (a new shuffle, ``batch_size``
    rows each, the last may be smaller), and for each runs ``forward(W, b, Xb)``,
    records the batch's loss J, runs ``backward(W, H, Yb)`` and takes one step of
    nnkit's :class:`~nnkit.optim.SGD` on every W[l] and b[l].  The steps update
    copies: the caller's arrays stay as they were.  ``losses[e]`` is the mean of
    epoch e's mini-batch losses.
    """
    rng = np.random.default_rng(seed)
    W = [np.array(w, dtype=np.float64) for w in W]
    b = [np.array(v, dtype=np.float64) for v in b]
    step = SGD(lr).step
    losses = []
    for _ in range(epochs):
        epoch_losses = []
        for Xb, Yb in batches(X, Y, batch_size, rng):
            H = forward(W, b, Xb)
            epoch_losses.append(squared_error(Yb, H[-1]))
            dW, db = backward(W, H, Yb)
            step(W + b, list(dW) + list(db))
        losses.append(float(np.mean(epoch_losses)))
    return W, b, losses
