"""Checks at the public edges of nnkit: one family of helpers, one style of message.

Every public function checks what it is given with these helpers, so that a
mistake is reported where it is made, in words: which argument, what was
expected, what came instead, and how to fix it.  The computing code behind the
edges then trusts its inputs and never checks them again (an inner loop takes
checked arrays).

Each helper takes the value and its name, with every option keyword-only, and
returns the value in the form the caller computes with (a float64 array, an
int, a lower-case name), so a check and a conversion are one line:

    X = as_float_array(X, "X", ndim=2)
    epochs = check_positive(epochs, "epochs", integer=True)
    seed = check_seed(seed)
"""
from __future__ import annotations

import numbers

import numpy as np

__all__ = ["describe", "as_float_array", "check_positive", "check_fraction", "check_choice", "check_seed",
           "check_range"]


def describe(x) -> str:
    """A short description of a value for an error message: its type and shape."""
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, (list, tuple)):
        return f"a {type(x).__name__} of length {len(x)}"
    return f"{type(x).__name__} {x!r}"


def as_float_array(x, name: str, *, ndim=None, allow_nan: bool = False) -> np.ndarray:
    """Return ``x`` as a float64 array, or raise an error that names ``name``.

    ``ndim`` is an int or a tuple of allowed numbers of dimensions.  NaN and inf
    are refused unless ``allow_nan``.  Strings, objects and booleans are refused
    with a TypeError (a boolean mask is not a number: convert it on purpose),
    wrong dimensions and non-finite values with a ValueError.
    """
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be numeric (a number or an array of numbers), got {describe(x)}")
    if isinstance(x, (bool, np.bool_)):
        raise TypeError(f"{name} must be numeric, got {describe(x)}: write 1.0 or 0.0 if a number is meant")
    try:
        arr = np.asarray(x)
    except ValueError as err:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers, got {describe(x)} ({err}); "
                         "give every row the same length") from None
    if arr.dtype == bool:
        raise TypeError(f"{name} must be numeric, got an array of booleans of shape {arr.shape}: "
                        f"convert it with {name}.astype(float) (or .astype(int) for labels) if 0 and 1 are meant")
    if arr.dtype == object or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must be numeric, got {describe(x)}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers, got complex dtype {arr.dtype}")
    arr = arr.astype(np.float64, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            fix = ""
            if 2 in allowed and arr.ndim == 1:
                fix = f"; for one sample write {name}.reshape(1, -1), for one feature {name}.reshape(-1, 1)"
            raise ValueError(f"{name} must be {want}, got {describe(arr)}{fix}")
    if not allow_nan and not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must be finite, but {bad} of its {arr.size} values are NaN or inf; "
                         "remove those samples or replace the values before passing it")
    return arr


def check_positive(value, name: str, *, integer: bool = False, allow_zero: bool = False):
    """Return ``value`` if it is a positive number (an int when ``integer``), else raise.

    Booleans are refused (``True`` is not the number 1 here); with ``allow_zero``
    the bound is >= 0 instead of > 0.
    """
    kind = "an integer" if integer else "a number"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral if integer else numbers.Real):
        fix = ""
        if integer and isinstance(value, numbers.Real) and not isinstance(value, bool) and float(value).is_integer():
            fix = f": write {int(value)} without a decimal point"
        raise TypeError(f"{name} must be {kind}, got {describe(value)}{fix}")
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be {kind} {bound}, got {value!r}")
    return value


def check_fraction(value, name: str) -> float:
    """Return ``value`` if it is a number with 0 <= value < 1 (a decay rate such as momentum's beta), else raise."""
    check_positive(value, name, allow_zero=True)
    if value >= 1:
        raise ValueError(f"{name} must be a fraction 0 <= {name} < 1, got {value!r}; values such as 0.9 are usual")
    return value


def check_choice(value, name: str, choices) -> str:
    """Return ``value`` lower-cased if it is one of ``choices`` (case-insensitive), else raise listing them."""
    known = sorted(choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a name, one of {known}, got {describe(value)}")
    key = value.lower()
    if key not in choices:
        import difflib  # only for the message: importing nnkit stays light

        close = difflib.get_close_matches(key, known, n=1)
        guess = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"unknown {name} {value!r}{guess}; known names are: {', '.join(known)}")
    return key


def check_seed(seed, name: str = "seed", *, allow_none: bool = True):
    """Return ``seed`` as an int (or None when ``allow_none``) for ``np.random.default_rng``, else raise.

    A seed is a whole number >= 0; None asks for fresh randomness from the
    operating system (a different result every run).
    """
    if seed is None and allow_none:
        return None
    want = "a non-negative integer" + (" or None" if allow_none else "")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} must be {want} (such as 0), got {describe(seed)}")
    if seed < 0:
        raise ValueError(f"{name} must be {want} (such as 0), got {seed!r}")
    return int(seed)


def check_range(value, name: str, *, allow_none: bool = False):
    """Return ``value`` as a pair of floats ``(low, high)`` with low < high (or None when ``allow_none``), else raise."""
    if value is None and allow_none:
        return None
    want = "a pair (low, high)" + (" or None" if allow_none else "")
    if not isinstance(value, (tuple, list)) or len(value) != 2 or not all(
            isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value):
        raise TypeError(f"{name} must be {want} of numbers, such as (0, 1); got {describe(value)}")
    low, high = float(value[0]), float(value[1])
    if not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high, got {tuple(value)!r}")
    return low, high
