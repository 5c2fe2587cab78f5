"""The common wrong answers to notebook 05's ``softmax_ce_grad(Z, Y)``, so that its checks can name them.

Notebook 05 asks for the gradient of softmax with cross-entropy with respect to
the logits, for a batch ``Z`` of shape (n, K) with one-hot targets ``Y``.  When
an answer equals one of the wrong answers here, its feedback sentence ends with
that mistake's hint ("-- looks like the 1/n is missing").

Each wrong answer is written as what the mistake does to nnkit's own result,
:func:`nnkit.losses.softmax_cross_entropy_grad`: a wrong factor, the same
computation on a rearranged batch, or other numbers in place of the softmax's
probabilities.  Two mistakes of numpy's broadcasting only show on a square
batch (n = K), where a row of n sums or maxima fits the columns as well as the rows.
"""
from __future__ import annotations

import numpy as np

from .activations import softmax
from .losses import softmax_cross_entropy_grad

__all__ = ["SOFTMAX_CE_MISTAKES"]


def _nnkits(Z, Y):
    """nnkit's answer for ``softmax_ce_grad(Z, Y)`` (nnkit's losses take the targets first)."""
    return softmax_cross_entropy_grad(Y, Z)


def _with_probabilities(P, Z, Y):
    """nnkit's answer with the rows ``P`` in place of the softmax's probabilities."""
    return _nnkits(Z, Y) + (P - softmax(Z)) / len(Y)


def _down_the_columns(Z, Y):
    """The softmax over each column: nnkit's answer for the transposed batch, which divides by K, not n."""
    return _nnkits(Z.T, Y.T).T * Z.shape[1] / len(Y)


def _over_the_whole_batch(Z, Y):
    """One softmax over all n K logits: nnkit's answer for the batch as one long row, then the 1/n."""
    return _nnkits(Z.reshape(1, -1), Y.reshape(1, -1)).reshape(Z.shape) / len(Y)


def _row_sums_across(Z, Y):
    """``E / E.sum(axis=1)``: row j's sum divides column j (square Z only).

    The softmax's P = E / s row by row, and 1/s is the row's largest probability
    (where E = e^0 = 1), so E[i, j] / s[j] = P[i, j] * max(P[j]) / max(P[i]).
    """
    P = softmax(Z)
    top = P.max(axis=1)
    return _with_probabilities(P * top / top[:, None], Z, Y)


def _row_maxima_across(Z, Y):
    """``Z - Z.max(axis=1)``: row j's maximum is subtracted from column j (square Z only)."""
    return _nnkits(Z - Z.max(axis=1), Y)


def _on_arrays(mistake):
    """``mistake`` taking whatever the check passes (lists too), as float arrays."""
    return lambda Z, Y: mistake(np.asarray(Z, dtype=np.float64), np.asarray(Y, dtype=np.float64))


SOFTMAX_CE_MISTAKES = [
    (_on_arrays(lambda Z, Y: len(Y) * _nnkits(Z, Y)), "the 1/n is missing: J is the mean over the n rows"),
    (_on_arrays(_down_the_columns),
     "the softmax is normalised over the wrong axis: each row (one sample) must sum to 1, axis=1"),
    (_on_arrays(lambda Z, Y: _with_probabilities(Z, Z, Y)), "the softmax is missing: the delta is P - Y, not Z - Y"),
    (_on_arrays(lambda Z, Y: _nnkits(Z, Y) / Y.shape[1]), "dividing by every entry (n K), not by n"),
    (_on_arrays(_over_the_whole_batch),
     "the softmax is normalised over the whole batch: each row (one sample) must sum to 1, axis=1"),
    (_on_arrays(_row_sums_across),
     "E.sum(axis=1) without keepdims=True has shape (n,) and divides the columns, not the rows: "
     "keep it a column, E.sum(axis=1, keepdims=True)"),
    (_on_arrays(_row_maxima_across),
     "Z.max(axis=1) without keepdims=True has shape (n,) and is subtracted from the columns, not the rows: "
     "Z.max(axis=1, keepdims=True)"),
]
"""Common wrong answers to notebook 05's ``softmax_ce_grad(Z, Y)``, as ``(wrong function, hint)`` pairs."""
