"""nnkit.results: long experiments computed once (full=True), read back as the same plain data."""
import json

import numpy as np
import pytest

from nnkit import results


def test_stored_computes_then_reads_the_same(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return {"acc": np.array([0.97, 0.965]), "n": np.int64(5), "name": "adam", "ok": np.bool_(True),
                "rows": [(1, 2.5)], "none": None}

    full = results.stored("05_demo", compute, full=True, folder=tmp_path)
    again = results.stored("05_demo", compute, folder=tmp_path)
    assert calls == [1]
    assert full == again == {"acc": [0.97, 0.965], "n": 5, "name": "adam", "ok": True, "rows": [[1, 2.5]], "none": None}
    assert (tmp_path / "05_demo.json").is_file()


def test_missing_result_says_how_to_make_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="no stored result .05_nothing.*set FULL = True"):
        results.load("05_nothing", folder=tmp_path)


def test_bad_names_and_values(tmp_path):
    with pytest.raises(ValueError, match="name must be a word"):
        results.save("../x", {}, folder=tmp_path)
    with pytest.raises(TypeError, match="made of dicts, lists, numbers and strings"):
        results.save("05_bad", {"f": len}, folder=tmp_path)


def test_floats_survive_exactly(tmp_path):
    values = list(np.random.default_rng(0).random(20))
    assert results.stored("05_floats", lambda: values, full=True, folder=tmp_path) == values
    assert results.load("05_floats", folder=tmp_path) == values


def test_settings_are_stored_and_a_changed_setting_refuses_the_old_result(tmp_path):
    settings = {"grid": (0.1, 0.3, 1.0), "seeds": range(3), "recipe": {"sizes": [64, 30, 10]}}
    results.stored("05_guarded", lambda: [0.9, 0.95], full=True, folder=tmp_path, inputs=settings)
    assert results.stored("05_guarded", None, folder=tmp_path, inputs=settings) == [0.9, 0.95]
    assert results.load("05_guarded", folder=tmp_path) == [0.9, 0.95]         # no settings given: not compared
    changed = {**settings, "recipe": {"sizes": [64, 64, 10]}}
    with pytest.raises(results.StaleResult, match=r"other settings than this code's \(at inputs\['recipe'\]\['sizes'\]\[1\]: "
                                                  r"stored 30, now 64\).*FULL = True"):
        results.stored("05_guarded", None, folder=tmp_path, inputs=changed)
    with pytest.raises(results.StaleResult, match=r"at inputs\['grid'\]: stored \[0.1, 0.3, 1.0\], now \[0.1, 0.3\]"):
        results.load("05_guarded", folder=tmp_path, inputs={**settings, "grid": [0.1, 0.3]})
    with pytest.raises(results.StaleResult, match=r"inputs\['extra'\]"):
        results.load("05_guarded", folder=tmp_path, inputs={**settings, "extra": 1})


def test_a_file_without_its_settings_is_refused(tmp_path):
    (tmp_path / "05_old.json").write_text("[0.9, 0.95]\n")
    with pytest.raises(results.StaleResult, match="old format.*FULL = True"):
        results.load("05_old", folder=tmp_path)


def test_check_fresh_compares_a_live_value_with_the_stored_one():
    results.check_fresh("05_ladder", "row 10, seed 0", 0.9704, 0.9704)
    results.check_fresh("05_ladder", "row 10, seed 0", 0.9704, 0.9667, tol=1 / 270)
    results.check_fresh("05_study", "a curve", [0.5, 0.4], np.array([0.5, 0.4]))
    with pytest.raises(results.StaleResult, match=r"'05_ladder' is out of date: row 10, seed 0 is 0.9704 in the stored "
                                                  r"file but 0.9\d* computed now.*FULL = True"):
        results.check_fresh("05_ladder", "row 10, seed 0", 0.9704, 0.9, tol=1 / 270)
    with pytest.raises(results.StaleResult, match="out of date"):
        results.check_fresh("05_study", "a curve", [0.5, 0.4], [0.5, 0.4, 0.3])


def test_the_stored_results_of_the_course_carry_their_settings():
    files = sorted(results.STORE.glob("*.json"))
    assert files, "nnkit/stored/ holds the results of notebook 05's long experiments"
    for path in files:
        content = json.loads(path.read_text())
        assert content["stored"] == results.FORMAT and content["inputs"] is not None, path.name


def test_the_stored_scikit_learn_scores_are_what_scikit_learn_computes_now():
    """Notebook 05 checks its own stored experiments live, but not scikit-learn's (too slow for the notebook).

    The split and the classifier as in the notebook (section 2 and run_sklearn), seed 0, validation score.
    A failure after a scikit-learn upgrade: run notebook 05 once with FULL = True.
    """
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.model_selection import train_test_split
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    from nnkit.data import digits

    dev = digits(seed=0, scale=None)
    X_tr, X_val, y_tr, y_val = train_test_split(dev.X_train, dev.y_train, test_size=0.25, stratify=dev.y_train,
                                                random_state=0)
    scaler = StandardScaler().fit(X_tr)
    from threadpoolctl import threadpool_limits

    with warnings.catch_warnings(), threadpool_limits(limits=1, user_api="blas"):
        warnings.simplefilter("ignore", ConvergenceWarning)
        mlp = MLPClassifier(hidden_layer_sizes=(64,), random_state=0).fit(scaler.transform(X_tr), y_tr)
    stored = results.load("05_sklearn", inputs=(range(5), len(y_tr), len(y_val), len(dev.y_test)))
    results.check_fresh("05_sklearn", "seed 0's validation accuracy", stored["validation"][0],
                        mlp.score(scaler.transform(X_val), y_val), tol=1 / len(y_val))
