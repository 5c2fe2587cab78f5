"""Checks at the public edges of nnkit.

Every public function validates what it is given with these helpers, so that a
mistake is reported where it is made, in words: which argument, what was
expected, what came instead.  The computing code behind the edges can then
trust its inputs.
"""
from __future__ import annotations

import numbers

import numpy as np


def describe(x) -> str:
    """A short description of a value for an error message: its type and shape."""
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, (list, tuple)):
        return f"a {type(x).__name__} of length {len(x)}"
    return f"{type(x).__name__} {x!r}"


def as_float_array(x, name: str, ndim=None, allow_nan: bool = False) -> np.ndarray:
    """Return ``x`` as a float64 array, or raise an error that names ``name``.

    ``ndim`` is an int or a tuple of allowed numbers of dimensions.  NaN and inf
    are refused unless ``allow_nan``.  Strings, objects and booleans are refused
    with a TypeError, wrong dimensions and non-finite values with a ValueError.
    """
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be numeric (a number or an array of numbers), got {describe(x)}")
    try:
        arr = np.asarray(x)
    except ValueError as err:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers, got {describe(x)} ({err})") from None
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(f"{name} must be numeric, got {describe(x)}")
    arr = arr.astype(np.float64, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {want}, got {describe(arr)}")
    if not allow_nan and not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must be finite, but {bad} of its {arr.size} values are NaN or inf")
    return arr


def check_positive(value, name: str, integer: bool = False, allow_zero: bool = False):
    """Return ``value`` if it is a positive number (an int when ``integer``), else raise."""
    kind = "an integer" if integer else "a number"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral if integer else numbers.Real):
        raise TypeError(f"{name} must be {kind}, got {describe(value)}")
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be {kind} {bound}, got {value!r}")
    return value


def check_choice(value, name: str, choices) -> str:
    """Return ``value`` if it is one of ``choices`` (case-insensitive), else raise listing them."""
    known = sorted(choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a name, one of {known}, got {describe(value)}")
    key = value.lower()
    if key not in choices:
        raise ValueError(f"unknown {name} {value!r}; known names are: {', '.join(known)}")
    return key
