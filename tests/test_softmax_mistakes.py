"""nnkit/softmax_mistakes.py: each wrong answer to softmax_ce_grad is what the mistake, written out plainly, gives."""
import numpy as np
import pytest

from nnkit.checks import ExerciseError, check_function
from nnkit.softmax_mistakes import SOFTMAX_CE_MISTAKES


def _softmax(Z, axis):
    E = np.exp(Z - Z.max(axis=axis, keepdims=True))
    return E / E.sum(axis=axis, keepdims=True)


def _right(Z, Y):
    return (_softmax(Z, 1) - Y) / len(Y)


def _sums_without_keepdims(Z, Y):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return (E / E.sum(axis=1) - Y) / len(Y)


def _max_without_keepdims(Z, Y):
    E = np.exp(Z - Z.max(axis=1))
    return (E / E.sum(axis=1, keepdims=True) - Y) / len(Y)


PLAIN = {  # the beginning of each hint -> the mistake, written out as a student would make it
    "the 1/n is missing": lambda Z, Y: _softmax(Z, 1) - Y,
    "the softmax is normalised over the wrong axis": lambda Z, Y: (_softmax(Z, 0) - Y) / len(Y),
    "the softmax is missing": lambda Z, Y: (Z - Y) / len(Y),
    "dividing by every entry": lambda Z, Y: (_softmax(Z, 1) - Y) / Y.size,
    "the softmax is normalised over the whole batch": lambda Z, Y: (_softmax(Z, None) - Y) / len(Y),
    "E.sum(axis=1) without keepdims": _sums_without_keepdims,
    "Z.max(axis=1) without keepdims": _max_without_keepdims,
}


def _case(shape, seed):
    rng = np.random.default_rng(seed)
    return 3 * rng.normal(size=shape), np.eye(shape[1])[rng.integers(0, shape[1], shape[0])]


def test_every_mistake_is_listed_once_in_order():
    assert [next(k for k in PLAIN if hint.startswith(k)) for _, hint in SOFTMAX_CE_MISTAKES] == list(PLAIN)


@pytest.mark.parametrize("shape", [(1, 2), (2, 2), (3, 3), (5, 5), (4, 3), (2, 6)])
def test_each_mistake_gives_what_the_plain_mistake_gives(shape):
    Z, Y = _case(shape, sum(shape))
    for (wrong, hint), plain in zip(SOFTMAX_CE_MISTAKES, PLAIN.values()):
        try:
            want = plain(Z, Y)
        except ValueError:  # a broadcasting mistake that cannot happen on this shape
            with pytest.raises(ValueError):
                wrong(Z, Y)
            continue
        np.testing.assert_allclose(wrong(Z, Y), want, rtol=1e-12, atol=1e-15, err_msg=hint)
        np.testing.assert_allclose(wrong(Z.tolist(), Y.tolist()), want, rtol=1e-12, atol=1e-15, err_msg=hint)


@pytest.mark.parametrize("shape", [(3, 3), (4, 3)])
def test_the_check_names_each_mistake(shape):
    Z, Y = _case(shape, 7)
    for (_, hint), plain in zip(SOFTMAX_CE_MISTAKES, PLAIN.values()):
        try:
            plain(Z, Y)
        except ValueError:
            continue
        with pytest.raises(ExerciseError) as info:
            check_function(plain, [((Z, Y), _right(Z, Y))], name="softmax_ce_grad", mistakes=SOFTMAX_CE_MISTAKES)
        assert f"looks like {hint}" in str(info.value)
