"""nnkit.results: long experiments computed once (full=True), read back as the same plain data."""
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
    with pytest.raises(FileNotFoundError, match="once with FULL = True"):
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
