"""The perceptron lab's logic: a 2-input perceptron's decision line, its mistakes, and the rule moving it.

A perceptron with two inputs answers 1 where w_1 x_1 + w_2 x_2 + b >= 0, so
its boundary is the line w_1 x_1 + w_2 x_2 + b = 0 (:func:`decision_line`).
For a setting of (w_1, w_2, b), :func:`lab_state` says which points of the data
lie on the wrong side; :func:`run_sample` shows one sample to Rosenblatt's rule
and says in a sentence what the rule did, :func:`run_epoch` runs a whole pass
(:meth:`nnkit.perceptron.Perceptron.epoch`).  :func:`lab_data` makes the lab's
data sets.

These are plain functions of numbers, tested directly; the widget of
notebook 01, :mod:`nnkit.widgets.perceptron_lab`, only wires sliders and buttons
to them and draws what they return.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validate import as_float_array, check_choice
from ..data import blobs, moons, xor
from ..perceptron import Perceptron, count_mistakes, perceptron_update

__all__ = ["decision_line", "LabState", "lab_state", "SampleStep", "run_sample", "run_epoch", "LAB_DATASETS",
           "lab_data"]


def decision_line(w1, w2, b, length=100.0):
    """Two far-apart points ``(xs, ys)`` on the line w1 x1 + w2 x2 + b = 0.

    The line passes through p0 = -b w / |w|^2 (its point nearest the origin)
    in the direction (-w2, w1); the points are ``length`` either side of p0,
    so the Axes limits clip it.  With w = 0 there is no line: empty arrays.
    """
    w = np.array([w1, w2], dtype=np.float64)
    norm2 = float(w @ w)
    if norm2 == 0.0:
        return np.empty(0), np.empty(0)
    p0 = -float(b) * w / norm2
    d = np.array([-w[1], w[0]]) / np.sqrt(norm2)
    xs = p0[0] + np.array([-length, length]) * d[0]
    ys = p0[1] + np.array([-length, length]) * d[1]
    return xs, ys


@dataclass
class LabState:
    """What the plot shows for one setting of the sliders."""

    mistakes: int          # number of misclassified points
    wrong: np.ndarray      # (n,) bool: which points are misclassified
    line: tuple            # (xs, ys) of the decision line, see decision_line
    text: str              # one sentence for the readout


def lab_state(w1, w2, b, X, y) -> LabState:
    """Evaluate the perceptron (w1, w2, b) on data X (n, 2), y (n,) labels 0/1."""
    X = as_float_array(X, "X", ndim=2)
    w = np.array([w1, w2], dtype=np.float64)
    mistakes = count_mistakes(w, b, X, y)
    wrong = ((X @ w + b) >= 0).astype(np.int64) != np.asarray(y)
    text = (f"w = ({w1:.2f}, {w2:.2f}), b = {b:.2f}: {mistakes} of {len(X)} points misclassified"
            + (" \u2014 every point is on its side" if mistakes == 0 else "")
            + (f" (w = 0 draws no line: every point gets the answer {int(b >= 0)})" if w1 == w2 == 0 else ""))
    return LabState(mistakes, wrong, decision_line(w1, w2, b), text)


@dataclass
class SampleStep:
    """One sample shown to the perceptron rule, and what it did."""

    w1: float
    w2: float
    b: float              # the weights after the step (unchanged when the answer was right)
    k: int                # the sample shown, a row of X
    z: float              # its pre-activation before the step
    answer: int           # step(z), the perceptron's answer before the step
    updated: bool         # True when the answer was wrong, so the weights moved
    text: str             # one sentence for the readout


def run_sample(w1, w2, b, X, y, k, lr=1.0) -> SampleStep:
    """Show sample ``k`` (row k of X (n, 2), label y[k]) to the perceptron rule from (w1, w2, b).

    The answer is step(z) with z = w . x_k + b.  When it is wrong the rule
    moves the weights, w <- w + lr (y_k - answer) x_k and b <- b + lr (y_k - answer),
    which changes z at x_k by lr (y_k - answer) (|x_k|^2 + 1), towards the right side.
    """
    X = as_float_array(X, "X", ndim=2)
    k = int(k)
    if not 0 <= k < len(X):
        raise ValueError(f"k must be a row of X, from 0 to {len(X) - 1}, got {k}")
    x, label = X[k], int(y[k])
    z = float(np.array([w1, w2]) @ x + b)
    answer = int(z >= 0)
    w_new, b_new = perceptron_update(np.array([w1, w2], dtype=np.float64), float(b), x, label, lr)
    updated = answer != label
    where = f"sample {k} at ({x[0]:.2f}, {x[1]:.2f}), label {label}: z = {z:.2f}, answer {answer}"
    if updated:
        z_new = float(w_new @ x + b_new)
        sign = "+" if label > answer else "\u2212"
        text = (f"{where} \u2014 wrong, so w \u2190 w {sign} {lr:g}\u00b7x and b \u2190 b {sign} {lr:g}; "
                f"z at this sample moves from {z:.2f} to {z_new:.2f}")
    else:
        text = f"{where} \u2014 right, nothing changes"
    return SampleStep(float(w_new[0]), float(w_new[1]), float(b_new), k, z, answer, updated, text)


def run_epoch(w1, w2, b, X, y, lr=1.0):
    """One epoch of the perceptron rule from (w1, w2, b), visiting the samples in order.

    Returns ``(w1, w2, b, updates)``: the weights after the pass and the number
    of updates (mistakes) made during it; 0 updates means converged.
    """
    p = Perceptron(lr=lr)
    p.w = [w1, w2]
    p.b = b
    updates = p.epoch(X, y)
    return float(p.w[0]), float(p.w[1]), float(p.b), updates


# ---------------------------------------------------------------- the data sets of the lab
LAB_DATASETS = ("separable", "XOR", "moons")
"""The data sets of the dropdown, in its order."""


def lab_data(name):
    """``(X, y)`` of the lab's data set ``name`` (one of :data:`LAB_DATASETS`).

    "separable": 60 points in two clouds that a line separates (the data of
    notebook 01's training section); "XOR": the four corners of the unit
    square; "moons": 100 points of two half-moons (noise 0.1).
    """
    key = check_choice(name, "data set", {n.lower() for n in LAB_DATASETS})
    if key == "separable":
        return blobs(60, seed=1, centers=((0.0, 0.0), (1.5, 1.5)), spread=0.8, margin=0.1)
    if key == "xor":
        return xor()
    return moons(100, noise=0.1, seed=0)
