"""Data sets for the course, all made or loaded locally: nothing here downloads anything.

- ``toy.py``: hand-written sets (:func:`toy_people`, :func:`xor`) and seeded 2-D
  sets (:func:`blobs`, :func:`rings`, :func:`moons`, and :func:`to_polar`);
- ``digits.py``: scikit-learn's 8x8 digits (:func:`digits`) and :func:`one_hot`;
- ``mnist.py``: MNIST from IDX files the user already has (:func:`load_mnist`).

Conventions: ``X`` is a float64 array of shape (n_samples, n_features) whose
rows are samples; ``y`` is an int64 array of shape (n_samples,) of class labels
0, 1, ...  Every random set takes a ``seed``: the same seed gives the same arrays.
``from nnkit.data import moons, digits, one_hot, load_mnist`` imports from all three.
"""
from .digits import DigitsSplit, digits, one_hot
from .mnist import load_mnist, read_idx
from .toy import blobs, moons, rings, to_polar, toy_people, toy_people_new, xor

__all__ = [
    "toy_people", "toy_people_new", "xor", "blobs", "rings", "to_polar", "moons",
    "DigitsSplit", "digits", "one_hot", "read_idx", "load_mnist",
]
