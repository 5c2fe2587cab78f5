"""Naming the mistake behind a wrong result, so exercise feedback can say "-- looks like ...".

When a student's result differs from the expected one, :mod:`nnkit.checks`
asks :func:`diagnose` for a likely cause.  It tries, in order:

- the exercise's own ``mistakes``: ``(wrong_value, hint)`` pairs, each the
  result a common mistake gives ("the bias is missing", "strict > instead of >=",
  "the 1/n is missing"), computed on the same arguments;
- three mistakes that fit any exercise: the sign flipped, the result transposed
  (a matrix product in the wrong order, a missing ``.T``), and an array off by a
  constant factor (a missing or extra 1/n or 1/2).

The answer is the end of a sentence, " -- looks like <hint>", or "" when no
guess fits: a wrong guess would mislead more than none.
"""
from __future__ import annotations

import numpy as np

__all__ = ["diagnose"]


def diagnose(got, expected, mistakes=(), rtol: float = 1e-6, atol: float = 1e-8) -> str:
    """Name the likely mistake behind a wrong result, as " -- looks like ..." (or "" when unknown).

    First the exercise's own ``mistakes`` (``(wrong_value, hint)`` pairs, in order),
    then three that fit any exercise: the sign flipped, the result transposed, and
    an array off by a constant factor (a missing or extra 1/n or 1/2; a single
    number is always some multiple of another, so it needs a listed mistake).
    """
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    for wrong, hint in mistakes:
        if _same(got, wrong, rtol, atol):
            return f" -- looks like {hint}"
    if expected.ndim == 2 and expected.shape != expected.T.shape and _same(got, expected.T, rtol, atol):
        return " -- looks transposed: check the order of the matrix product, or a missing .T"
    if got.shape != expected.shape or not np.any(np.abs(expected) > atol):
        return ""
    if _same(got, -expected, rtol, atol):
        return " -- looks like the sign is flipped"
    big = np.abs(expected) > atol
    ratio = got[big] / expected[big]
    if ratio.size >= 2 and np.allclose(ratio, ratio.flat[0], rtol=1e-6) and np.allclose(got[~big], 0.0, atol=atol):
        factor = float(ratio.flat[0])
        if factor != 0 and not np.isclose(factor, 1.0):
            return (f" -- your result is exactly {factor:g} times the expected one: "
                    "is a factor such as 1/n or 1/2 missing, or one too many?")
    return ""


def _same(a, b, rtol, atol) -> bool:
    try:
        a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))
