"""scikit-learn's 8x8 hand-written digits, split and scaled, and one-hot targets.

The digits ship with scikit-learn: nothing is downloaded.  ``X`` is a float64
array of shape (n, 64) whose rows are images, ``y`` an int64 array of shape (n,)
of the digits 0..9.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validate import as_float_array, check_choice, check_positive, check_seed

__all__ = ["DigitsSplit", "digits", "one_hot"]


@dataclass(frozen=True)
class DigitsSplit:
    """The 8x8 digits split into a training and a test part.

    ``X_*`` are (n, 64) float arrays scaled as asked; ``images_*`` are the same
    samples as unscaled (n, 8, 8) images with pixel values 0..16, for showing;
    ``y_*`` are (n,) int labels 0..9; ``scaler`` is the ``StandardScaler``
    fitted on the training part (None unless ``scale="standard"``), to scale
    new images the same way with ``scaler.transform``.
    """

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    images_train: np.ndarray
    images_test: np.ndarray
    scaler: object


def digits(test_size=0.4, seed=0, scale="standard"):
    """scikit-learn's 1797 hand-written 8x8 digits, split and scaled.

    The split is ``train_test_split(test_size=0.4, random_state=seed)`` as in
    the numpy tutorial (60 % training: 1078 images, 40 % test: 719); the
    default seed 0 makes it the same every time.  ``scale`` is

    - ``"standard"``: ``StandardScaler`` fitted on the training part only and
      applied to both parts (each pixel column of the training part gets mean
      0 and standard deviation 1; a column that is constant there is only
      centred);
    - ``"unit"``: pixel / 16, so every value is in [0, 1] (a black pixel is 0)
      and pixel values keep their meaning, as a "deep dream" image needs;
    - ``None``: the raw pixel values 0..16 as floats.

    Returns a :class:`DigitsSplit`.  Nothing is downloaded: the digits ship
    with scikit-learn.
    """
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    check_positive(test_size, "test_size")
    if not 0.0 < test_size < 1.0:
        raise ValueError(f"test_size must be a fraction between 0 and 1, got {test_size!r}")
    seed = check_seed(seed)
    if scale is not None:
        scale = check_choice(scale, "scale", {"standard", "unit"})

    bunch = load_digits()
    X = bunch.data.astype(np.float64)
    y = bunch.target.astype(np.int64)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_size, random_state=seed)
    images_train = X_train.reshape(-1, 8, 8).copy()
    images_test = X_test.reshape(-1, 8, 8).copy()
    scaler = None
    if scale == "standard":
        scaler = StandardScaler().fit(X_train)
        X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
    elif scale == "unit":
        X_train, X_test = X_train / 16.0, X_test / 16.0
    return DigitsSplit(X_train, X_test, y_train, y_test, images_train, images_test, scaler)


def one_hot(y, n_classes=None):
    """Class labels as one-hot rows.

    ``y`` of shape (n,) holds whole numbers 0 .. n_classes - 1 (``n_classes``
    defaults to max(y) + 1).  Returns Y of shape (n, n_classes), float64, with
    ``Y[i, y[i]] = 1`` and zeros elsewhere.
    """
    labels = as_float_array(y, "y", ndim=1)
    if labels.size and not np.all(labels == np.round(labels)):
        bad = labels[labels != np.round(labels)][0]
        raise ValueError(f"y must hold whole-number class labels, but it contains {bad:g}")
    if labels.size and labels.min() < 0:
        raise ValueError(f"class labels in y must be >= 0, but it contains {labels.min():g}")
    if n_classes is None:
        if labels.size == 0:
            raise ValueError("y is empty: give n_classes so that the number of columns is known")
        n_classes = int(labels.max()) + 1
    else:
        check_positive(n_classes, "n_classes", integer=True)
        if labels.size and labels.max() >= n_classes:
            raise ValueError(
                f"class labels in y must be < n_classes = {n_classes}, but it contains {labels.max():g}"
            )
    Y = np.zeros((labels.size, int(n_classes)))
    Y[np.arange(labels.size), labels.astype(np.int64)] = 1.0
    return Y
