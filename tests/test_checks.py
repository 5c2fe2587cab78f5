"""Exercise feedback speaks in sentences, and fails when the answer is wrong."""
import numpy as np
import pytest

from nnkit.checks import ExerciseError, check_close, check_function, check_gradient, check_shape


def test_right_answer_prints_confirmation(capsys):
    check_function(lambda z: 1 / (1 + np.exp(-z)), [((0.0,), 0.5), ((np.array([0.0, 0.0]),), [0.5, 0.5])], "sigmoid")
    assert "sigmoid: all 2 checks passed" in capsys.readouterr().out


def test_wrong_value_is_a_sentence():
    with pytest.raises(ExerciseError, match=r"^sigmoid\(0\) returned 0, expected 0.5$"):
        check_function(lambda z: 0.0, [((0.0,), 0.5)], "sigmoid")


def test_missing_solution_and_crashes_are_explained():
    def stub(z):
        raise NotImplementedError()

    with pytest.raises(ExerciseError, match="sigmoid is not written yet: replace `raise NotImplementedError\\(\\)`"):
        check_function(stub, [((0.0,), 0.5)], "sigmoid")
    with pytest.raises(ExerciseError, match=r"f\(1\) raised ZeroDivisionError"):
        check_function(lambda z: 1 / 0, [((1.0,), 1.0)], "f")
    with pytest.raises(ExerciseError, match="returned None: did you forget a `return`"):
        check_close(None, 1.0, "f(1)")


def test_call_returns_the_result_or_explains_why_there_is_none():
    from nnkit.checks import call

    def update(w, b):
        raise NotImplementedError()

    assert call(lambda w, b: (w + 1, b - 1), 1.0, 2.0, name="update") == (2.0, 1.0)
    with pytest.raises(ExerciseError, match="update is not written yet"):
        call(update, 1.0, 2.0)
    with pytest.raises(ExerciseError, match=r"update\(1, 2\) raised KeyError"):
        call(lambda w, b: {}[w], 1.0, 2.0, name="update")
    with pytest.raises(ExerciseError, match="w_new should be a function, but it is float"):
        call(3.0, name="w_new")


def test_wrong_shape_is_explained():
    with pytest.raises(ExerciseError, match=r"returned an array of shape \(3,\), expected shape \(3, 1\)"):
        check_close(np.zeros(3), np.zeros((3, 1)), "layer(x)")
    with pytest.raises(ExerciseError, match=r"W has shape \(2, 3\), expected \(3, 2\)"):
        check_shape(np.zeros((2, 3)), (3, 2), "W")


def test_check_gradient_catches_a_wrong_derivative(capsys):
    f = lambda x: np.sum(x**3)  # noqa: E731
    check_gradient(lambda x: 3 * x**2, f, np.array([1.0, 2.0]), "df/dx")
    assert "matches finite differences" in capsys.readouterr().out
    with pytest.raises(ExerciseError, match="disagrees with finite differences"):
        check_gradient(lambda x: 2 * x, f, np.array([1.0, 2.0]), "df/dx")


def test_exercise_error_is_an_assertion_error():
    # nbgrader and nbval count any exception as a failed cell; students' try/except AssertionError works too
    assert issubclass(ExerciseError, AssertionError)


def test_compare_with_source_shows_both_and_raises_on_mismatch(capsys):
    from nnkit.checks import compare_with_source

    compare_with_source("3-3-1 output", 0.83546, 0.8354, tol=1e-4, source="tutorial 001")
    out = capsys.readouterr().out
    assert "computed 0.83546, published 0.8354 (tutorial 001)" in out and "agrees" in out
    with pytest.raises(AssertionError, match="computed 0.9 but the source published 0.8354"):
        compare_with_source("3-3-1 output", 0.9, 0.8354, tol=1e-4, source="tutorial 001")


def test_a_known_mistake_is_named():
    layer = lambda W, b, x: W @ x  # noqa: E731  (the bias is missing)
    W, b, x = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, -0.5]), np.array([1.0, 1.0])
    with pytest.raises(ExerciseError, match=r"returned \[3., 7.\], expected \[3.5, 6.5\] -- looks like the bias is missing$"):
        check_function(layer, [((W, b, x), W @ x + b)], "layer",
                       mistakes=[(lambda W, b, x: W @ x, "the bias is missing")])


def test_sign_transpose_and_factor_are_named_without_being_listed():
    from nnkit.checks import diagnose

    expected = np.array([[1.0, -2.0, 3.0], [0.0, 4.0, 5.0]])
    assert "sign is flipped" in diagnose(-expected, expected)
    assert "transposed" in diagnose(expected.T, expected)
    assert "exactly 20 times" in diagnose(20 * expected, expected)
    assert "exactly 0.5 times" in diagnose(0.5 * expected, expected)
    assert diagnose(expected + 1, expected) == ""      # an unrelated error: no guess
    assert diagnose(np.zeros(3), np.zeros(3)) == ""    # nothing to compare a ratio with


def test_shape_mismatch_of_a_transposed_result_says_so():
    with pytest.raises(ExerciseError, match=r"shape \(3, 2\), expected shape \(2, 3\) -- looks transposed"):
        check_close(np.arange(6.0).reshape(2, 3).T, np.arange(6.0).reshape(2, 3), "dW")


def test_an_in_place_update_is_refused_in_words():
    def update(w, x):
        w += x
        return w

    with pytest.raises(ExerciseError, match=r"update changed its argument w in place"):
        check_function(update, [((np.array([1.0, 2.0]), np.array([1.0, 1.0])), [2.0, 3.0])], "update")
    check_function(update, [((np.array([1.0, 2.0]), np.array([1.0, 1.0])), [2.0, 3.0])], "update",
                   allow_in_place=True)


def test_a_mistake_that_cannot_run_on_the_arguments_is_skipped():
    with pytest.raises(ExerciseError, match=r"returned 1, expected 2$"):
        check_function(lambda x: 1.0, [((1.0,), 2.0)], "f", mistakes=[(lambda x: 1 / 0, "never")])


def test_a_pair_of_results_of_different_shapes_is_checked_part_by_part(capsys):
    W, b = np.ones((2, 3)), np.ones(2)
    check_function(lambda W, b: (2 * W, b - 1), [((W, b), (2 * W, np.zeros(2)))], "step")
    assert "step: the check passed" in capsys.readouterr().out
    with pytest.raises(ExerciseError, match=r"(?s)^step\(.*\)\[1\] returned \[1., 1.\], expected \[0., 0.\] -- looks like "
                                            r"the bias is not updated$"):
        check_function(lambda W, b: (2 * W, b), [((W, b), (2 * W, np.zeros(2)))], "step",
                       mistakes=[(lambda W, b: (2 * W, b), "the bias is not updated")])
    with pytest.raises(ExerciseError, match=r"\[0\] returned an array of shape \(3, 2\), expected shape \(2, 3\) -- looks transposed"):
        check_close((np.arange(6.0).reshape(3, 2), b), (np.arange(6.0).reshape(3, 2).T, b), "backward(...)")
    with pytest.raises(ExerciseError, match=r"returned a single array of shape \(2, 3\), expected 2 results "
                                            r"\(return them as a tuple, such as `return dW, db`\)"):
        check_close(W, (W, b), "backward(...)")
    with pytest.raises(ExerciseError, match=r"returned 3 results, expected 2 results"):
        check_close((W, b, b), (W, b), "backward(...)")
    check_close((-4.0, 3.0), (-4.0, 3.0), "same-shaped results")  # still one array, as before


def test_an_in_place_update_through_a_star_args_wrapper_is_named_by_position():
    def update(w, x):
        w += x
        return w

    with pytest.raises(ExerciseError, match=r"changed its argument number 1 in place"):
        check_function(lambda *a: update(*a), [((np.array([1.0, 2.0]), np.array([1.0, 1.0])), [2.0, 3.0])], "f")


def test_a_crash_on_a_list_of_layers_is_still_a_sentence():
    from nnkit.checks import call

    W = [np.zeros((5, 4)), np.zeros((3, 5))]  # ragged: one array per layer
    with pytest.raises(ExerciseError, match=r"f\(\[array of shape \(5, 4\), array of shape \(3, 5\)\]\) raised ZeroDivisionError"):
        call(lambda W: 1 / 0, W, name="f")
