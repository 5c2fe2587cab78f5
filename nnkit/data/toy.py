"""The course's small data sets: written out by hand, or drawn from a seeded generator.

The toy sets are written out by hand (:func:`toy_people`, :func:`xor`); the
2-D sets are drawn with a ``seed`` (:func:`blobs`, :func:`rings`, :func:`moons`),
and the same seed gives the same arrays.  ``X`` is a float64 array of shape
(n, n_features) whose rows are samples, ``y`` an int64 array of shape (n,) of
class labels 0, 1.
"""
from __future__ import annotations

import numpy as np

from .._validate import as_float_array, check_positive, check_seed, describe

__all__ = ["toy_people", "toy_people_new", "xor", "blobs", "rings", "to_polar", "moons"]


def toy_people():
    """The weight/height/gender toy set of the "network from scratch" article.

    Features are weight minus 135 lb and height minus 66 in; the label is the
    gender, 1 = female, 0 = male.

    Returns ``(X, y, names)``: X of shape (4, 2), y of shape (4,), a list of
    the four names Alice, Bob, Charlie, Diana in the order of the rows.
    """
    X = np.array([[-2.0, -1.0], [25.0, 6.0], [17.0, 4.0], [-15.0, -6.0]])
    y = np.array([1, 0, 0, 1], dtype=np.int64)
    return X, y, ["Alice", "Bob", "Charlie", "Diana"]


def toy_people_new():
    """Two people the toy network has not seen: Emily and Frank.

    Same features as :func:`toy_people` (weight - 135 lb, height - 66 in).
    The article's trained network answers about 0.951 for Emily (female, 1)
    and 0.039 for Frank (male, 0); their labels are not returned so that a
    notebook can ask for a prediction first.

    Returns ``(X, names)``: X of shape (2, 2) and the list ["Emily", "Frank"].
    """
    return np.array([[-7.0, -3.0], [20.0, 2.0]]), ["Emily", "Frank"]


def xor():
    """The four corners of the unit square labelled by exclusive or.

    Returns ``(X, y)``: X of shape (4, 2) with rows (0,0), (0,1), (1,0), (1,1)
    and y = (0, 1, 1, 0).  No straight line separates the two classes.
    """
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0], dtype=np.int64)
    return X, y


def blobs(n=100, seed=0, centers=((-1.0, -1.0), (2.0, 2.0)), spread=1.0, margin=0.25):
    """Two Gaussian clouds that a straight line separates, labels 0 and 1.

    Class 0 is drawn around ``centers[0]``, class 1 around ``centers[1]``, each
    coordinate with standard deviation ``spread``.  A point that would land
    closer than ``margin`` to the perpendicular bisector of the two centres,
    or on the wrong side of it, is drawn again, so the bisector separates the
    classes with at least that margin: the set is linearly separable by
    construction.  ``margin`` must be less than half the distance between
    the centres (then at least half of the draws are kept).  Class 0 gets
    ``n // 2`` points, class 1 the rest; the rows are shuffled.

    Returns ``(X, y)``: X of shape (n, 2), y of shape (n,).
    """
    n = _check_n(n, 2)
    seed = check_seed(seed)
    c = as_float_array(centers, "centers", ndim=2)
    if c.shape != (2, 2):
        raise ValueError(f"centers must be two 2-D points, shape (2, 2), got {describe(c)}")
    check_positive(spread, "spread")
    check_positive(margin, "margin", allow_zero=True)
    normal = c[1] - c[0]
    length = float(np.linalg.norm(normal))
    if length == 0.0:
        raise ValueError(f"the two centers must differ, got {c[0].tolist()} twice")
    if margin >= length / 2.0:
        raise ValueError(f"margin must be less than half the distance between the centers "
                         f"({length / 2.0:g}), got {margin!r}")
    normal = normal / length
    midpoint = (c[0] + c[1]) / 2.0

    rng = np.random.default_rng(seed)
    counts = (n // 2, n - n // 2)
    parts = []
    for label, count in enumerate(counts):
        side = 1.0 if label == 1 else -1.0
        points = np.empty((0, 2))
        while len(points) < count:
            draw = c[label] + spread * rng.standard_normal((count - len(points), 2))
            ok = side * ((draw - midpoint) @ normal) >= margin
            points = np.vstack([points, draw[ok]])
        parts.append(points)
    X = np.vstack(parts)
    y = np.repeat(np.array([0, 1], dtype=np.int64), counts)
    order = rng.permutation(n)
    return X[order], y[order]


def rings(n=200, noise=0.1, seed=0, radii=(1.0, 2.0)):
    """Two concentric rings around the origin: inner ring class 0, outer class 1.

    A point of class k has angle uniform in [-pi, pi) and radius
    ``radii[k] + noise * N(0, 1)``.  A radius that would fall on the other
    side of the middle radius ``(radii[0] + radii[1]) / 2`` (or below 0) is
    drawn again, so a threshold on the radius alone always separates the
    classes (see :func:`to_polar`), while no straight line in (x1, x2) does.
    ``noise`` may be at most the gap ``radii[1] - radii[0]``.
    Class 0 gets ``n // 2`` points, class 1 the rest; the rows are shuffled.

    Returns ``(X, y)``: X of shape (n, 2), y of shape (n,).
    """
    n = _check_n(n, 2)
    check_positive(noise, "noise", allow_zero=True)
    seed = check_seed(seed)
    r = as_float_array(radii, "radii", ndim=1)
    if r.shape != (2,) or not 0.0 < r[0] < r[1]:
        raise ValueError(f"radii must be two numbers 0 < inner < outer, got {r.tolist()}")
    if noise > r[1] - r[0]:
        raise ValueError(f"noise must be at most the gap between the rings ({r[1] - r[0]:g}); "
                         f"got {noise!r}, which would mix them beyond recognition")
    middle = (r[0] + r[1]) / 2.0
    limits = ((0.0, middle), (middle, np.inf))

    rng = np.random.default_rng(seed)
    counts = (n // 2, n - n // 2)
    radius = []
    for label, count in enumerate(counts):
        low, high = limits[label]
        kept = np.empty(0)
        while len(kept) < count:
            draw = r[label] + noise * rng.standard_normal(count - len(kept))
            kept = np.concatenate([kept, draw[(draw > low) & (draw < high)]])
        radius.append(kept)
    rad = np.concatenate(radius)
    angle = rng.uniform(-np.pi, np.pi, size=n)
    X = np.column_stack([rad * np.cos(angle), rad * np.sin(angle)])
    y = np.repeat(np.array([0, 1], dtype=np.int64), counts)
    order = rng.permutation(n)
    return X[order], y[order]


def to_polar(X):
    """Change 2-D points to polar coordinates.

    X of shape (n, 2) with columns (x1, x2) becomes an array of shape (n, 2)
    with columns r = sqrt(x1^2 + x2^2) and theta = atan2(x2, x1) in (-pi, pi].
    """
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (x1, x2), got {describe(X)}")
    return np.column_stack([np.hypot(X[:, 0], X[:, 1]), np.arctan2(X[:, 1], X[:, 0])])


def moons(n=300, noise=0.1, seed=0):
    """Two interleaving half-moons (scikit-learn's ``make_moons``), labels 0 and 1.

    The lecture notes' set is ``moons(300, noise=0.1)``.  Returns ``(X, y)``:
    X of shape (n, 2), y of shape (n,).
    """
    from sklearn.datasets import make_moons

    n = _check_n(n, 2)
    check_positive(noise, "noise", allow_zero=True)
    seed = check_seed(seed)
    X, y = make_moons(n_samples=n, noise=float(noise), random_state=seed)
    return X.astype(np.float64), y.astype(np.int64)


def _check_n(n, minimum: int) -> int:
    """Return ``n`` if it is an integer >= ``minimum`` (one sample per class at least)."""
    check_positive(n, "n", integer=True)
    if n < minimum:
        raise ValueError(f"n must be at least {minimum} so that every class gets a sample, got {n!r}")
    return int(n)
