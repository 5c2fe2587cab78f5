"""The one family of checks at nnkit's public edges: what they refuse and how they say it."""
import numpy as np
import pytest

from nnkit._validate import as_float_array, check_choice, check_fraction, check_positive, check_seed


def test_as_float_array_converts_and_names_the_argument():
    out = as_float_array([[1, 2], [3, 4]], "X", ndim=2)
    assert out.dtype == np.float64 and out.shape == (2, 2)
    with pytest.raises(ValueError, match=r"X must be 2-D, got .*shape \(3,\).*X.reshape\(1, -1\)"):
        as_float_array([1.0, 2.0, 3.0], "X", ndim=2)
    with pytest.raises(ValueError, match="X must be finite, but 1 of its 2 values are NaN or inf; remove"):
        as_float_array([1.0, np.inf], "X")
    assert np.isnan(as_float_array([np.nan], "X", allow_nan=True)[0])
    with pytest.raises(ValueError, match="rectangular.*same length"):
        as_float_array([[1.0], [1.0, 2.0]], "X")
    with pytest.raises(TypeError, match="X must be numeric"):
        as_float_array("12", "X")


def test_booleans_are_refused_as_the_docstrings_say():
    with pytest.raises(TypeError, match=r"y must be numeric, got an array of booleans.*y.astype\(float\)"):
        as_float_array(np.array([True, False]), "y")
    with pytest.raises(TypeError, match="b must be numeric, got bool True"):
        as_float_array(True, "b")
    with pytest.raises(TypeError, match="epochs must be an integer, got bool True"):
        check_positive(True, "epochs", integer=True)
    with pytest.raises(TypeError, match="seed must be a non-negative integer or None"):
        check_seed(False)


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        as_float_array([1.0], "x", 1)
    with pytest.raises(TypeError):
        check_positive(1, "n", True)


def test_check_positive_says_how_to_fix():
    assert check_positive(3, "epochs", integer=True) == 3
    assert check_positive(0.0, "l2", allow_zero=True) == 0.0
    with pytest.raises(TypeError, match="epochs must be an integer, got float 3.0: write 3 without a decimal point"):
        check_positive(3.0, "epochs", integer=True)
    with pytest.raises(ValueError, match="lr must be a number > 0, got -1"):
        check_positive(-1, "lr")
    with pytest.raises(ValueError, match="l2 must be a number >= 0"):
        check_positive(-0.5, "l2", allow_zero=True)


def test_check_choice_suggests_the_nearest_name():
    assert check_choice("ReLU", "activation", {"relu", "tanh"}) == "relu"
    with pytest.raises(ValueError, match=r"unknown activation 'sigmod' \(did you mean 'sigmoid'\?\); known names are"):
        check_choice("sigmod", "activation", {"sigmoid", "tanh"})
    with pytest.raises(TypeError, match="init must be a name"):
        check_choice(3, "init", {"he"})


def test_check_seed_once_for_every_module():
    assert check_seed(None) is None and check_seed(np.int64(4)) == 4
    with pytest.raises(ValueError, match="seed must be a non-negative integer or None"):
        check_seed(-1)
    with pytest.raises(TypeError, match="seed must be a non-negative integer \\(such as 0\\), got NoneType"):
        check_seed(None, allow_none=False)
    with pytest.raises(TypeError, match="shuffle_seed must be"):
        check_seed(1.5, "shuffle_seed")


def test_check_fraction():
    assert check_fraction(0.9, "beta") == 0.9 and check_fraction(0, "beta") == 0
    with pytest.raises(ValueError, match="beta must be a fraction 0 <= beta < 1, got 1.5"):
        check_fraction(1.5, "beta")
    with pytest.raises(ValueError, match="beta must be a number >= 0"):
        check_fraction(-0.1, "beta")
