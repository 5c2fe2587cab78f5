"""MNIST from the four IDX files the user already has: the course never downloads data.

:func:`read_idx` reads one IDX file (plain or gzip-compressed), :func:`load_mnist`
the four files of MNIST as scaled (n, 784) rows and int labels.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from .._validate import describe

__all__ = ["read_idx", "load_mnist"]

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
    import gzip  # here, not at the top: importing nnkit.data stays light
    import zlib

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
