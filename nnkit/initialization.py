"""How a network's weights start: random, small, and scaled to the layer's size.

Weights must start random: identical units get identical gradients and stay
identical forever (notebook 03).  Their scale matters too: with weights too
large, sigmoid and tanh units saturate and their derivatives vanish; too small,
the signal fades layer by layer.  Xavier (Glorot) initialisation keeps the
variance of z^(l) about constant through tanh and sigmoid layers, He
initialisation does so for ReLU layers (the factor 2 makes up for the half of
the units that output 0).
"""
from __future__ import annotations

import numpy as np

from ._validate import check_choice, check_seed

__all__ = ["INITS", "init_parameters", "default_init"]

INITS = ("uniform", "normal", "xavier", "he")
"""Initialisations: the seed tutorial's uniform [0, 1); N(0, 0.01^2);
Xavier/Glorot N(0, 2/(n_in + n_out)); He N(0, 2/n_in)."""

RELU_LIKE = ("relu", "leaky_relu", "elu", "swish")
"""Activations that are (nearly) zero for z < 0 and so get He initialisation by default."""


def default_init(activation: str) -> str:
    """``"he"`` for ReLU-like hidden layers, ``"xavier"`` for every other activation."""
    return "he" if activation in RELU_LIKE else "xavier"


def init_parameters(sizes, init: str = "xavier", seed=0):
    """Weights W[l] of shape (sizes[l+1], sizes[l]) and biases b[l] of shape (sizes[l+1],).

    ``uniform`` draws weights and biases from [0, 1) as the seed tutorial does;
    the others draw weights from N(0, std^2) with std = 0.01, sqrt(2/(n_in + n_out))
    or sqrt(2/n_in) after their name, and start the biases at 0.
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
