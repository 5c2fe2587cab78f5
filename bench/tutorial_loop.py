"""The seed tutorial's training iteration (source 001), the baseline the vectorised network is timed against.

The functions are the tutorial's own, line for line (dictionaries indexed from
layer 1, ``f = 1 / (1 + e^{-x})``, one sample at a time).  Two blocks are
indented as the tutorial's text describes rather than as its printed code shows:
Delta W and Delta b accumulate for every layer but the output (printed inside
``if l > 1``, they would never train the first layer), and the weight update
runs once after the loop over the samples ("after we have gone through all
training samples ... we run gradient descent").  One call of :func:`iteration`
is one full-batch gradient-descent step.
"""
import numpy as np


def f(x):
    return 1 / (1 + np.exp(-x))


def f_deriv(x):
    return f(x) * (1 - f(x))


def init_tri_values(nn_structure):
    tri_W = {}
    tri_b = {}
    for l in range(1, len(nn_structure)):
        tri_W[l] = np.zeros((nn_structure[l], nn_structure[l - 1]))
        tri_b[l] = np.zeros((nn_structure[l],))
    return tri_W, tri_b


def feed_forward(x, W, b):
    h = {1: x}
    z = {}
    for l in range(1, len(W) + 1):
        if l == 1:
            node_in = x
        else:
            node_in = h[l]
        z[l + 1] = W[l].dot(node_in) + b[l]  # z^(l+1) = W^(l) h^(l) + b^(l)
        h[l + 1] = f(z[l + 1])  # h^(l+1) = f(z^(l+1))
    return h, z


def calculate_out_layer_delta(y, h_out, z_out):
    return -(y - h_out) * f_deriv(z_out)


def calculate_hidden_delta(delta_plus_l, w_l, z_l):
    return np.dot(np.transpose(w_l), delta_plus_l) * f_deriv(z_l)


def iteration(nn_structure, W, b, X, y, alpha):
    """One pass of the tutorial's ``train_nn`` loop body: W, b (dicts from layer 1) updated in place.

    Returns the iteration's average cost, as the tutorial records it.
    """
    m = len(y)
    tri_W, tri_b = init_tri_values(nn_structure)
    avg_cost = 0
    for i in range(len(y)):
        delta = {}
        h, z = feed_forward(X[i, :], W, b)
        for l in range(len(nn_structure), 0, -1):
            if l == len(nn_structure):
                delta[l] = calculate_out_layer_delta(y[i, :], h[l], z[l])
                avg_cost += np.linalg.norm((y[i, :] - h[l]))
            else:
                if l > 1:
                    delta[l] = calculate_hidden_delta(delta[l + 1], W[l], z[l])
                tri_W[l] += np.dot(delta[l + 1][:, np.newaxis], np.transpose(h[l][:, np.newaxis]))
                tri_b[l] += delta[l + 1]
    for l in range(len(nn_structure) - 1, 0, -1):
        W[l] += -alpha * (1.0 / m * tri_W[l])
        b[l] += -alpha * (1.0 / m * tri_b[l])
    return 1.0 / m * avg_cost
