"""nnkit/your_library.py and notebook_reader.py: your functions from saved notebooks, or nnkit's with a sentence."""
import inspect
from pathlib import Path

import nbformat
import numpy as np
import pytest

import textbook_thread as textbook
from nnkit import references, your_library


def _notebook(folder: Path, stem: str, cells) -> Path:
    nb = nbformat.v4.new_notebook()
    for kind, source, grade_id in cells:
        meta = {}
        if grade_id:
            meta = {"nbgrader": {"grade": False, "grade_id": grade_id, "locked": False, "schema_version": 3,
                                 "solution": True, "task": False}}
        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        nb.cells.append(make(source, metadata=meta))
    path = folder / f"{stem}.ipynb"
    nbformat.write(nb, path)
    return path


FORWARD_OK = """def forward_batch(W, b, X):
    H = [X]
    for Wl, bl in zip(W, b):
        H.append(sigmoid(H[-1] @ Wl.T + bl))
    return H
"""


def test_from_notebook_uses_a_correct_solution_with_its_helpers(tmp_path, capsys):
    _notebook(tmp_path, "03_forward_pass", [
        ("code", "import numpy as np\nprint('lesson cells are not run')\nraise RuntimeError('nor this')", None),
        ("code", "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))", None),
        ("markdown", "exercise text", None),
        ("code", FORWARD_OK, "03-forward-batch"),
    ])
    fn = your_library.from_notebook("03_forward_pass", "forward_batch", folder=tmp_path)
    assert fn is not references.forward_batch and fn.__name__ == "forward_batch"
    assert "Using **your** `forward_batch`" in capsys.readouterr().out
    W, b, X = [np.ones((2, 3))], [np.zeros(2)], np.zeros((4, 3))
    np.testing.assert_allclose(fn(W, b, X)[-1], 0.5)


@pytest.mark.parametrize("source, reason", [
    ("def forward_batch(W, b, X):\n    raise NotImplementedError()", "is not written yet"),
    ("def forward_batch(W, b, X):\n    H = [X]\n    for Wl, bl in zip(W, b):\n        H.append(sigmoid(H[-1] @ Wl.T))\n    return H",
     "does not pass its check yet: forward_batch(...)[1] returned"),
    ("def forward_batch(W, b, X):\n    return [X, my_helper(X)]", "raised NameError"),
    ("def forward_batch(W, b, X)\n    return X", "is not valid Python"),
])
def test_from_notebook_falls_back_with_a_sentence(tmp_path, capsys, source, reason):
    _notebook(tmp_path, "03_forward_pass", [("code", "from nnkit.activations import sigmoid", None),
                                            ("code", source, "03-forward-batch")])
    assert your_library.from_notebook("03_forward_pass", "forward_batch", folder=tmp_path) is references.forward_batch
    out = capsys.readouterr().out
    assert "Using **nnkit's** `forward_batch`" in out and reason in out, out


def test_from_notebook_runs_only_the_helpers_the_exercise_needs(tmp_path, capsys):
    _notebook(tmp_path, "03_forward_pass", [
        ("code", "import numpy as np\nimport this_module_does_not_exist\nfrom nnkit.activations import sigmoid", None),
        ("code", "def unused():\n    return nothing_here\n\ndef squash(z):\n    return sigmoid(z)", None),
        ("code", "def forward_batch(W, b, X):\n    H = [X]\n    for Wl, bl in zip(W, b):\n"
                 "        H.append(squash(H[-1] @ Wl.T + bl))\n    return H\n\nforward_batch(W_demo, b_demo, X_demo)",
         "03-forward-batch"),
    ])
    fn = your_library.from_notebook("03_forward_pass", "forward_batch", folder=tmp_path)
    assert fn is not references.forward_batch                  # squash and its sigmoid came along; the rest did not run
    assert "Using **your** `forward_batch`" in capsys.readouterr().out


def test_from_notebook_without_the_file_or_the_exercise(tmp_path, capsys):
    assert your_library.from_notebook("04_backpropagation", "backward_batch", folder=tmp_path) is references.backward_batch
    assert "04_backpropagation.ipynb is not in this folder" in capsys.readouterr().out
    _notebook(tmp_path, "04_backpropagation", [("code", "x = 1", None)])
    assert your_library.from_notebook("04_backpropagation", "backward_batch", folder=tmp_path) is references.backward_batch
    assert "has no exercise that defines `backward_batch`" in capsys.readouterr().out
    with pytest.raises(ValueError, match="written in 04_backpropagation"):
        your_library.from_notebook("03_forward_pass", "backward_batch", folder=tmp_path)


def test_from_notebook_finds_an_untagged_solution_cell_and_checks_backward(tmp_path, capsys):
    source = inspect.getsource(textbook.backward_batch)
    _notebook(tmp_path, "04_backpropagation", [("code", "import numpy as np", None),
                                               ("code", source, "some-other-id")])
    fn = your_library.from_notebook("04_backpropagation", "backward_batch", folder=tmp_path)
    assert fn is not references.backward_batch
    assert "Using **your** `backward_batch`" in capsys.readouterr().out


def test_checked_picks_yours_or_nnkits(capsys):
    assert your_library.checked(references.train_minibatch) is references.train_minibatch
    assert "Using **your** `train_minibatch`" in capsys.readouterr().out

    def train_minibatch(*args):
        raise NotImplementedError()

    assert your_library.checked(train_minibatch) is references.train_minibatch
    assert "train_minibatch is not written yet" in capsys.readouterr().out
    with pytest.raises(ValueError, match="name must be one of"):
        your_library.checked(len)


def test_notes_show_as_markdown():
    note = your_library.Note("Using **your** `f`")
    assert note._repr_markdown_() == "Using **your** `f`" and repr(note) == "Using **your** `f`"


def test_a_wrong_backward_or_loop_gives_way_to_nnkits(tmp_path, capsys):
    no_mean = inspect.getsource(textbook.backward_batch).replace("/ n * H[L]", "* H[L]")
    _notebook(tmp_path, "04_backpropagation", [("code", no_mean, "04-backward-batch")])
    assert your_library.from_notebook("04_backpropagation", "backward_batch", folder=tmp_path) is references.backward_batch
    out = capsys.readouterr().out
    assert "your `backward_batch` from 04_backpropagation does not pass its check yet: backward_batch(...) dW[0]" in out

    def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
        return textbook.train_minibatch(W, b, X, Y, forward, backward, lr, 1, batch_size, seed)

    assert your_library.checked(train_minibatch) is references.train_minibatch
    assert "because yours does not pass its checks yet: with n = 10 samples" in capsys.readouterr().out


def test_every_exercise_has_nnkits_version():
    assert set(your_library.EXERCISES) == set(your_library.REFERENCES)
    assert all(fn.__module__ == "nnkit.references" for fn in your_library.REFERENCES.values())
