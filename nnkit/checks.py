"""Exercise feedback: checks that tell a student what is wrong, in words.

An exercise cell calls one of these on the student's answer.  When the answer is
right the check prints a short confirmation; when it is wrong it raises
:class:`ExerciseError`, an ``AssertionError`` whose message is a sentence such as
``sigmoid(0) returned 0.0, expected 0.5``.  In a notebook the error is shown as
that sentence alone, without a traceback into nnkit (the traceback would only
point at this file, never at the student's mistake).  It is still an error
output, so nbgrader's autograder and nbval count it as a failed cell.

A wrong result is compared with the exercise's known mistakes and a few that fit
any exercise (a flipped sign, a transpose, a constant factor), so the sentence
can end "-- looks like the bias is missing": that naming is
:func:`nnkit.mistakes.diagnose`, available here as :func:`diagnose` too.
"""
from __future__ import annotations

import numpy as np

from .mistakes import diagnose

__all__ = ["ExerciseError", "call", "check_close", "check_function", "diagnose", "check_shape", "check_gradient",
           "check_true", "passed", "compare_with_source"]


class ExerciseError(AssertionError):
    """An exercise check failed; the message says what is wrong in plain words."""


def passed(message: str) -> None:
    """Print a confirmation that a check passed."""
    print(f"\u2714 {message}")


def _fmt(x) -> str:
    if isinstance(x, (list, tuple)) and any(isinstance(v, (list, tuple, np.ndarray)) for v in x):
        # a list of arrays, e.g. the weights of every layer: shapes, not values
        try:
            np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError):
            parts = ", ".join(f"array of shape {np.shape(v)}" if isinstance(v, np.ndarray) else _fmt(v) for v in x)
            return f"[{parts}]"
    try:
        arr = np.asarray(x)
    except ValueError:
        return type(x).__name__
    if arr.ndim == 0:
        return f"{arr.item():.6g}" if np.issubdtype(arr.dtype, np.number) else repr(arr.item())
    with np.printoptions(precision=4, suppress=True, threshold=12, edgeitems=3):
        return np.array2string(arr, separator=", ")


def _call_text(name: str, args) -> str:
    return f"{name}({', '.join(_fmt(a) for a in args)})"


def call(fn, *args, name: str | None = None):
    """Return ``fn(*args)``, turning a missing solution or a crash into a sentence.

    For test cells that need the student's result itself (to unpack a pair, say):
    ``NotImplementedError`` becomes "... is not written yet", any other exception
    "f(1, 2) raised ValueError: ...", each an :class:`ExerciseError`.
    """
    name = name or getattr(fn, "__name__", "your function")
    if not callable(fn):
        raise ExerciseError(f"{name} should be a function, but it is {type(fn).__name__}")
    try:
        return fn(*args)
    except NotImplementedError:
        raise ExerciseError(f"{name} is not written yet: replace `raise NotImplementedError()` with your code") from None
    except Exception as err:  # the student's code failed: say how, not where in nnkit
        raise ExerciseError(f"{_call_text(name, args)} raised {type(err).__name__}: {err}") from None


def check_true(condition: bool, message: str) -> None:
    """Raise :class:`ExerciseError` with ``message`` unless ``condition`` holds."""
    if not condition:
        raise ExerciseError(message)


def check_shape(value, shape, what: str) -> None:
    """Check that ``value`` is an array of exactly ``shape``; ``what`` names it in the message."""
    arr = np.asarray(value)
    if arr.dtype == object:
        raise ExerciseError(f"{what} should be an array of numbers with shape {tuple(shape)}, got {type(value).__name__}")
    if arr.shape != tuple(shape):
        raise ExerciseError(f"{what} has shape {arr.shape}, expected {tuple(shape)}")


def check_close(got, expected, what: str, rtol: float = 1e-6, atol: float = 1e-8, mistakes=()) -> None:
    """Check that ``got`` equals ``expected`` (same shape, values within tolerance).

    ``what`` says what was computed, for example ``"sigmoid(0)"``; the message then
    reads ``sigmoid(0) returned 0.0, expected 0.5``.  An ``expected`` tuple of results
    of different shapes, such as ``(dW, db)``, is checked part by part, each named
    ``what[0]``, ``what[1]``, ....  ``mistakes`` lists known wrong
    results as ``(wrong_value, hint)`` pairs: when ``got`` equals one of them the
    message ends with "-- looks like <hint>".  Without a match, a result that is
    the expected one negated, transposed or times a constant is named as such.
    """
    if got is None:
        raise ExerciseError(f"{what} returned None: did you forget a `return` statement?")
    parts = _parts(expected)
    if parts is not None:  # several results of different shapes, such as (dW, db)
        _check_parts(got, parts, what, rtol, atol, mistakes)
        return
    try:
        got_arr = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        raise ExerciseError(f"{what} returned {type(got).__name__} {got!r}, expected a number or an array of numbers") from None
    exp_arr = np.asarray(expected, dtype=np.float64)
    if got_arr.shape != exp_arr.shape:
        hint = diagnose(got_arr, exp_arr, mistakes, rtol=rtol, atol=atol)
        raise ExerciseError(f"{what} returned an array of shape {got_arr.shape}, expected shape {exp_arr.shape}{hint}")
    if not np.all(np.isfinite(got_arr)) and np.all(np.isfinite(exp_arr)):
        raise ExerciseError(f"{what} returned {_fmt(got_arr)}, which contains NaN or inf; expected {_fmt(exp_arr)}")
    if not np.allclose(got_arr, exp_arr, rtol=rtol, atol=atol):
        hint = diagnose(got_arr, exp_arr, mistakes, rtol=rtol, atol=atol)
        raise ExerciseError(f"{what} returned {_fmt(got_arr)}, expected {_fmt(exp_arr)}{hint}")


def _parts(expected):
    """The parts of an expected tuple or list of results that do not form one array (else None)."""
    if not isinstance(expected, (tuple, list)):
        return None
    try:
        np.asarray(expected, dtype=np.float64)
    except (TypeError, ValueError):
        return list(expected)
    return None


def _check_parts(got, parts, what, rtol, atol, mistakes) -> None:
    """Check a tuple of results part by part, each named ``what[i]``."""
    if not isinstance(got, (tuple, list)) or len(got) != len(parts):
        if isinstance(got, (tuple, list)):
            came = f"{len(got)} results"
        else:
            came = f"a single {'array of shape ' + str(np.shape(got)) if np.ndim(got) else 'number'}"
        raise ExerciseError(f"{what} returned {came}, expected {len(parts)} results (return them as a tuple, "
                            f"such as `return dW, db`)")
    for i, (g, e) in enumerate(zip(got, parts)):
        wrong = [(w[i], hint) for w, hint in mistakes if isinstance(w, (tuple, list)) and len(w) == len(parts)]
        check_close(g, e, f"{what}[{i}]", rtol=rtol, atol=atol, mistakes=wrong)


def check_function(fn, cases, name: str | None = None, rtol: float = 1e-6, atol: float = 1e-8,
                   mistakes=(), allow_in_place: bool = False) -> None:
    """Call ``fn`` on each case and compare with the expected result.

    ``cases`` is a list of ``(args, expected)`` pairs, ``args`` a tuple of
    positional arguments.  A missing solution (``NotImplementedError``), an
    exception, a wrong shape or a wrong value each give their own sentence.
    ``mistakes`` lists the exercise's common mistakes as ``(wrong_fn, hint)``
    pairs, ``wrong_fn`` taking the same arguments as ``fn``: a result equal to
    ``wrong_fn(*args)`` is reported as "... -- looks like <hint>" (see
    :func:`diagnose`).  Unless ``allow_in_place``, a function that changes an
    array it was given is told so.  Prints a confirmation when every case passes.
    """
    name = name or getattr(fn, "__name__", "your function")
    for args, expected in cases:
        args = tuple(args)
        copies = tuple(np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args)
        got = call(fn, *copies, name=name)
        if not allow_in_place:
            _check_not_changed(fn, name, args, copies)
        wrong = []
        for wrong_fn, hint in mistakes:
            try:
                wrong.append((wrong_fn(*args), hint))
            except Exception:  # a mistake that cannot happen on these arguments
                continue
        check_close(got, expected, _call_text(name, args), rtol=rtol, atol=atol, mistakes=wrong)
    passed(f"{name}: the check passed" if len(cases) == 1 else f"{name}: all {len(cases)} checks passed")


def _check_not_changed(fn, name, originals, copies) -> None:
    """Raise when ``fn`` changed one of the arrays it was given (an in-place update)."""
    import inspect

    try:  # the names of the positional parameters, up to a *args
        params = []
        for p in inspect.signature(fn).parameters.values():
            if p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
                break
            params.append(p.name)
    except (TypeError, ValueError):
        params = []
    for i, (before, after) in enumerate(zip(originals, copies)):
        if isinstance(before, np.ndarray) and not np.array_equal(before, after, equal_nan=True):
            arg = params[i] if i < len(params) else f"number {i + 1}"
            raise ExerciseError(
                f"{name} changed its argument {arg} in place (an in-place update such as `{arg} += ...`); "
                f"compute a new array instead, e.g. `{arg}_new = {arg} + ...`, and return it"
            )


def check_gradient(grad, f, x, name: str = "your gradient", tol: float = 1e-6) -> None:
    """Compare an analytic gradient ``grad(x)`` with central finite differences of ``f`` at ``x``.

    ``f`` maps an array to a scalar; ``grad`` returns an array shaped like ``x``.
    """
    from .gradcheck import numerical_gradient, relative_error

    x = np.asarray(x, dtype=np.float64)
    analytic = call(grad, x.copy(), name=name)
    numeric = numerical_gradient(f, x)
    check_shape(analytic, numeric.shape, name)
    err = relative_error(np.asarray(analytic, dtype=np.float64), numeric)
    if not err < tol:
        raise ExerciseError(
            f"{name} disagrees with finite differences: relative error {err:.2g} (should be below {tol:g}).\n"
            f"  yours:   {_fmt(analytic)}\n  numeric: {_fmt(numeric)}"
        )
    passed(f"{name} matches finite differences (relative error {err:.1e})")


def compare_with_source(what: str, computed, published, tol: float, source: str = "") -> None:
    """Show a computed figure beside the one a source document published; raise if they differ.

    Prints ``what: computed 0.83546, published 0.8354 (source) -> agrees within 1e-04``.
    ``tol`` is the absolute tolerance, chosen from how the source rounded its number.
    Raises ``AssertionError`` when ``|computed - published| > tol`` in any element.
    """
    c = np.asarray(computed, dtype=np.float64)
    p = np.asarray(published, dtype=np.float64)
    where = f" ({source})" if source else ""
    if c.shape != p.shape:
        raise AssertionError(f"{what}: computed shape {c.shape}, published shape {p.shape}{where}")
    ok = bool(np.all(np.abs(c - p) <= tol))
    verdict = f"agrees within {tol:g}" if ok else f"DIFFERS by more than {tol:g}"
    mark = "\u2714" if ok else "\u2718"
    print(f"{mark} {what}: computed {_fmt(c)}, published {_fmt(p)}{where} -> {verdict}")
    if not ok:
        raise AssertionError(f"{what}: computed {_fmt(c)} but the source published {_fmt(p)}{where}")


def _show_exercise_error(shell, etype, value, tb, tb_offset=None):
    """IPython handler: show an ExerciseError as its sentence, still as an error output."""
    stb = [f"\x1b[1;31m\u2718 {value}\x1b[0m"]
    shell._showtraceback(etype, value, stb)
    return stb


def _install_short_tracebacks() -> None:
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and ExerciseError not in getattr(shell, "custom_exceptions", ()):
        shell.set_custom_exc((ExerciseError,), _show_exercise_error)


_install_short_tracebacks()
