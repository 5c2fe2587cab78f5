"""Small data sets for the course, all made or loaded locally.

Nothing here downloads anything.  The toy sets are written out by hand
(:func:`toy_people`, :func:`xor`), drawn from a seeded random generator
(:func:`blobs`, :func:`rings`, :func:`moons`) or read from files that ship
with scikit-learn (:func:`digits`).  MNIST is read from IDX files the user
already has (:func:`read_idx`, :func:`load_mnist`).

Conventions: ``X`` is a float64 array of shape (n_samples, n_features) whose
rows are samples; ``y`` is an int64 array of shape (n_samples,) of class
labels 0, 1, ...  Every random set takes a ``seed``: the same seed gives the
same arrays.
"""
from __future__ import annotations

import gzip
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._validate import as_float_array, check_choice, check_positive, check_seed, describe

__all__ = [
    "DigitsSplit",
    "blobs",
    "digits",
    "from_one_hot",
    "load_mnist",
    "moons",
    "one_hot",
    "read_idx",
    "rings",
    "to_polar",
    "toy_people",
    "toy_people_new",
    "xor",
]


def _check_n(n, minimum: int) -> int:
    """Return ``n`` if it is an integer >= ``minimum`` (one sample per class at least)."""
    check_positive(n, "n", integer=True)
    if n < minimum:
        raise ValueError(f"n must be at least {minimum} so that every class gets a sample, got {n!r}")
    return int(n)


# ----------------------------------------------------------------------------
# Hand-written toy sets
# ----------------------------------------------------------------------------

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


# ----------------------------------------------------------------------------
# Random 2-D sets
# ----------------------------------------------------------------------------

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


# ----------------------------------------------------------------------------
# Hand-written digits (8x8, shipped with scikit-learn)
# ----------------------------------------------------------------------------

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


# ----------------------------------------------------------------------------
# One-hot targets
# ----------------------------------------------------------------------------

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


def from_one_hot(Y):
    """The class of each row of a one-hot (or score) array: argmax along the row.

    Y of shape (n, K) gives int labels of shape (n,).
    """
    Y = as_float_array(Y, "Y", ndim=2)
    if Y.shape[1] == 0:
        raise ValueError(f"Y must have at least one column, got {describe(Y)}")
    return np.argmax(Y, axis=1).astype(np.int64)


# ----------------------------------------------------------------------------
# MNIST IDX files
# ----------------------------------------------------------------------------

_MNIST_HELP = (
    "The course never downloads data. MNIST comes as four IDX files "
    "(train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
    "t10k-labels-idx1-ubyte, each possibly ending in .gz) from Yann LeCun's MNIST page "
    "(yann.lecun.com/exdb/mnist) or one of its mirrors; download them yourself and "
    "put them in one folder."
)

# IDX type code -> big-endian numpy dtype
_IDX_TYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def _read_bytes(path: Path) -> bytes:
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] != b"\x1f\x8b":  # not gzip-compressed
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as err:
        raise ValueError(f"{path} looks gzip-compressed but cannot be decompressed ({err}); "
                         "the file is probably truncated or damaged") from None


def read_idx(path):
    """Read one IDX file (the MNIST format), plain or gzip-compressed.

    Layout: two zero bytes, a type code (0x08 unsigned byte, 0x09 signed byte,
    0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), the number of
    dimensions d, then d sizes as big-endian 32-bit unsigned integers, then the
    values in C order, big-endian.  A file starting with the gzip signature is
    decompressed first, whatever its name.

    Returns an array of that shape and type (native byte order), e.g.
    (60000, 28, 28) uint8 for MNIST training images.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file name (str or Path), got {describe(path)}")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no IDX file at {path}. {_MNIST_HELP}")
    raw = _read_bytes(path)
    if len(raw) < 4:
        raise ValueError(f"{path} is too short to be an IDX file ({len(raw)} bytes, the header alone needs 4)")
    if raw[0] != 0 or raw[1] != 0 or raw[2] not in _IDX_TYPES:
        raise ValueError(
            f"{path} is not an IDX file: its magic number is 0x{raw[:4].hex()}, expected "
            f"0x0000TTDD with a type code TT in {{08, 09, 0B, 0C, 0D, 0E}} and DD dimensions"
        )
    dtype = _IDX_TYPES[raw[2]]
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise ValueError(f"{path} is truncated: its header announces {ndim} dimensions "
                         f"({header} header bytes) but the file has {len(raw)} bytes")
    shape = tuple(int(s) for s in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    found = len(raw) - header
    if found < expected:
        raise ValueError(f"{path} is truncated: shape {shape} needs {expected} data bytes, found {found}")
    if found > expected:
        raise ValueError(f"{path} has {found - expected} bytes more than its shape {shape} needs; "
                         "it is damaged or not an IDX file")
    data = np.frombuffer(raw, dtype=dtype, offset=header).reshape(shape)
    return data.astype(dtype.newbyteorder("="))


_MNIST_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


def _find_mnist_file(folder: Path, stem: str):
    """The path of one MNIST file in ``folder``: plain, .gz, or with a dot before idx."""
    dotted = stem.replace("-idx", ".idx")
    for name in (stem, stem + ".gz", dotted, dotted + ".gz"):
        if (folder / name).is_file():
            return folder / name
    return None


def _mnist_pair(images, labels, part: str, dtype):
    if images.ndim != 3 or labels.ndim != 1 or images.shape[0] != labels.shape[0]:
        raise ValueError(f"MNIST {part} files do not match: images of shape {images.shape}, "
                         f"labels of shape {labels.shape}; expected (n, rows, cols) and (n,)")
    if images.dtype != np.uint8:
        raise ValueError(f"MNIST {part} images must be unsigned bytes 0..255, got dtype {images.dtype}")
    X = images.reshape(images.shape[0], -1).astype(dtype) / dtype.type(255.0)
    return X, labels.astype(np.int64)


def load_mnist(folder, dtype=np.float32):
    """Read MNIST from the four standard IDX files in ``folder``.

    Files are looked up under their usual names, plain or ``.gz``.  Images are
    flattened to rows of 28 * 28 = 784 values and scaled to [0, 1] (pixel / 255);
    ``dtype`` is float32 by default because the 70000 images take 220 MB that
    way (440 MB as float64).

    Returns ``(X_train, y_train, X_test, y_test)`` of shapes (60000, 784),
    (60000,), (10000, 784), (10000,) for the real files.
    """
    if not isinstance(folder, (str, os.PathLike)):
        raise TypeError(f"folder must be a folder name (str or Path), got {describe(folder)}")
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        raise ValueError(f"dtype must be a floating-point type, got {dtype}")
    folder = Path(folder)
    found = {key: _find_mnist_file(folder, stem) for key, stem in _MNIST_FILES.items()}
    missing = [_MNIST_FILES[key] for key, path in found.items() if path is None]
    if missing:
        raise FileNotFoundError(f"MNIST files missing in {folder}: {', '.join(missing)}. {_MNIST_HELP}")
    arrays = {key: read_idx(path) for key, path in found.items()}
    X_train, y_train = _mnist_pair(arrays["train_images"], arrays["train_labels"], "training", dtype)
    X_test, y_test = _mnist_pair(arrays["test_images"], arrays["test_labels"], "test", dtype)
    return X_train, y_train, X_test, y_test
