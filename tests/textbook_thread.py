"""The thread's three functions written plainly, as the exercises of notebooks 03, 04 and 05 ask.

Tests only (nnkit ships its own versions built on its Network, nnkit/references.py):
they check nnkit's versions independently, and their source is the starting point of
the wrong variants the loop checks must catch.
"""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward_batch(W, b, X):
    H = [X]
    for Wl, bl in zip(W, b):
        H.append(sigmoid(H[-1] @ Wl.T + bl))
    return H


def backward_batch(W, H, Y):
    L = len(W)
    n = Y.shape[0]
    dW, db = [None] * L, [None] * L
    delta = (H[L] - Y) / n * H[L] * (1.0 - H[L])
    for l in range(L - 1, -1, -1):
        dW[l] = delta.T @ H[l]
        db[l] = delta.sum(axis=0)
        if l > 0:
            delta = (delta @ W[l]) * H[l] * (1.0 - H[l])
    return dW, db


def batch_loss(H_out, Y):
    return float(np.sum((Y - H_out) ** 2) / (2 * Y.shape[0]))


def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    n = X.shape[0]
    losses = []
    for _ in range(epochs):
        order = rng.permutation(n)
        epoch_losses = []
        for start in range(0, n, batch_size):
            rows = order[start:start + batch_size]
            Xb, Yb = X[rows], Y[rows]
            H = forward(W, b, Xb)
            epoch_losses.append(batch_loss(H[-1], Yb))
            dW, db = backward(W, H, Yb)
            W = [w - lr * g for w, g in zip(W, dW)]
            b = [v - lr * g for v, g in zip(b, db)]
        losses.append(float(np.mean(epoch_losses)))
    return W, b, losses
