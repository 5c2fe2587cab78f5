"""nnkit.course: nnkit's versions of the thread exercises, borrowing a student's functions, the loop's checks."""
import json
from pathlib import Path

import nbformat
import numpy as np
import pytest

import nnkit
from nnkit import course
from nnkit.checks import ExerciseError
from nnkit.gradcheck import numerical_gradient


def _problem(seed=0, sizes=(4, 5, 3), n=6):
    rng = np.random.default_rng(seed)
    W = [rng.normal(size=(m, k)) for k, m in zip(sizes[:-1], sizes[1:])]
    b = [rng.normal(size=m) for m in sizes[1:]]
    X = rng.normal(size=(n, sizes[0]))
    Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
    return W, b, X, Y


# --------------------------------------------------------------------------- nnkit's versions

def test_forward_batch_matches_network():
    W, b, X, _ = _problem()
    H = course.forward_batch(W, b, X)
    _, cache = nnkit.Network.from_weights(W, b, activation="sigmoid", output="sigmoid").forward(X, cache=True)
    assert len(H) == 3
    for got, want in zip(H, cache.H):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def test_backward_batch_is_the_gradient_of_the_squared_error():
    W, b, X, Y = _problem(1)
    dW, db = course.backward_batch(W, course.forward_batch(W, b, X), Y)

    def J_of(l, which):
        def J(value):
            Ws, bs = [w.copy() for w in W], [v.copy() for v in b]
            (Ws if which == "W" else bs)[l] = value
            return course.batch_loss(course.forward_batch(Ws, bs, X)[-1], Y)
        return J

    for l in range(2):
        np.testing.assert_allclose(dW[l], numerical_gradient(J_of(l, "W"), W[l]), rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(db[l], numerical_gradient(J_of(l, "b"), b[l]), rtol=1e-6, atol=1e-9)
    net = nnkit.Network.from_weights(W, b, activation="sigmoid", output="sigmoid", loss="squared_error")
    ref_dW, ref_db = net.gradients(X, Y)
    for l in range(2):
        np.testing.assert_allclose(dW[l], ref_dW[l], rtol=1e-10)
        np.testing.assert_allclose(db[l], ref_db[l], rtol=1e-10)


def test_batch_loss_by_hand():
    assert course.batch_loss(np.array([[1.0, 0.0], [0.5, 0.5]]), np.array([[0.0, 0.0], [0.5, 0.5]])) == 0.25


def test_train_minibatch_by_hand():
    W, b, X, Y = _problem(2, n=5)
    W0, b0 = [w.copy() for w in W], [v.copy() for v in b]
    W1, b1, losses = course.train_minibatch(W, b, X, Y, course.forward_batch, course.backward_batch,
                                            lr=0.5, epochs=2, batch_size=2, seed=7)
    assert all(np.array_equal(a, c) for a, c in zip(W + b, W0 + b0))  # the caller's arrays are untouched
    Ws, bs, expected = [w.copy() for w in W0], [v.copy() for v in b0], []
    rng = np.random.default_rng(7)
    for _ in range(2):
        order, batch = rng.permutation(5), []
        for rows in (order[0:2], order[2:4], order[4:5]):
            H = course.forward_batch(Ws, bs, X[rows])
            batch.append(np.sum((Y[rows] - H[-1]) ** 2) / (2 * len(rows)))
            dW, db = course.backward_batch(Ws, H, Y[rows])
            Ws = [w - 0.5 * g for w, g in zip(Ws, dW)]
            bs = [v - 0.5 * g for v, g in zip(bs, db)]
        expected.append(np.mean(batch))
    np.testing.assert_allclose(losses, expected, rtol=1e-12)
    for got, want in zip(W1 + b1, Ws + bs):
        np.testing.assert_allclose(got, want, rtol=1e-12)


# --------------------------------------------------------------------------- the loop's checks

def _variant(old, new):
    import inspect
    import textwrap
    source = textwrap.dedent(inspect.getsource(course.train_minibatch))
    assert old in source, old
    namespace = {"np": np, "batch_loss": course.batch_loss}
    exec(source.replace(old, new), namespace)
    return namespace["train_minibatch"]


def test_the_reference_passes_every_check(capsys):
    course.check_batches(course.train_minibatch)
    course.check_batches(course.train_minibatch, n=9, batch_size=2, epochs=4, seed=5)
    course.check_update(course.train_minibatch)
    course.check_update(course.train_minibatch, n=9, batch_size=9, epochs=3)
    course.check_loss_record(course.train_minibatch)
    course.check_loss_record(course.train_minibatch, n=7, batch_size=7)
    assert capsys.readouterr().out.count("\u2714") == 6


@pytest.mark.parametrize("check, old, new, message", [
    (course.check_batches, "order = rng.permutation(n)", "order = np.arange(n)", "looks like no shuffling"),
    (course.check_batches, "        order = rng.permutation(n)", "        order = np.random.default_rng(seed).permutation(n)",
     "every epoch used the same order"),
    (course.check_batches, "order = rng.permutation(n)", "order = np.random.permutation(n)", "two runs with seed = 0"),
    (course.check_batches, "range(0, n, batch_size)", "range(0, batch_size, batch_size)", "one mini-batch per epoch only"),
    (course.check_batches, "range(0, n, batch_size)", "range(0, n - batch_size + 1, batch_size)", "smaller mini-batch is dropped"),
    (course.check_update, "W = [w - lr * g for w, g in zip(W, dW)]", "W = [w + lr * g for w, g in zip(W, dW)]", "a step uphill"),
    (course.check_update, "b = [v - lr * g for v, g in zip(b, db)]", "pass", "the biases are not updated"),
    (course.check_loss_record, "epoch_losses.append(batch_loss(H[-1], Yb))",
     "epoch_losses.append(np.sum((Yb - H[-1]) ** 2) / 2)", "the 1/n of the loss is missing"),
    (course.check_loss_record, "epoch_losses.append(batch_loss(H[-1], Yb))",
     "epoch_losses.append(np.mean((Yb - H[-1]) ** 2))", "np.mean((Y - H)**2) divides by every entry"),
    (course.check_loss_record, "losses.append(float(np.mean(epoch_losses)))",
     "losses.append(float(np.sum(epoch_losses)))", "added up, not averaged"),
    (course.check_loss_record, "losses.append(float(np.mean(epoch_losses)))", "losses.extend(epoch_losses)",
     "one per mini-batch"),
])
def test_checks_name_the_mistake(check, old, new, message):
    wrong = _variant(old, new)
    with pytest.raises(ExerciseError) as info:
        check(wrong)
    if message:
        assert message in str(info.value)


def test_targets_shuffled_apart_cost_part_one_only(capsys):
    """X and Y shuffled with two different orders: part 1 names it; parts 2 and 3 check what the loop did."""
    def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
        rng = np.random.default_rng(seed)
        W, b = [w.copy() for w in W], [v.copy() for v in b]
        X, Y, losses = X.copy(), Y.copy(), []
        for _ in range(epochs):
            rng.shuffle(X)
            rng.shuffle(Y)
            epoch_losses = []
            for start in range(0, len(X), batch_size):
                Xb, Yb = X[start:start + batch_size], Y[start:start + batch_size]
                H = forward(W, b, Xb)
                epoch_losses.append(course.batch_loss(H[-1], Yb))
                dW, db = backward(W, H, Yb)
                W = [w - lr * g for w, g in zip(W, dW)]
                b = [v - lr * g for v, g in zip(b, db)]
            losses.append(np.mean(epoch_losses))
        return W, b, losses

    with pytest.raises(ExerciseError, match="X and Y were shuffled apart"):
        course.check_batches(train_minibatch)
    course.check_update(train_minibatch)
    course.check_loss_record(train_minibatch)
    assert capsys.readouterr().out.count("\u2714") == 2


def test_updates_that_do_not_add_up_are_named():
    def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
        rng = np.random.default_rng(seed)
        W_new, b_new, losses = list(W), list(b), []
        for _ in range(epochs):
            order = rng.permutation(len(X))
            for start in range(0, len(X), batch_size):
                rows = order[start:start + batch_size]
                H = forward(W, b, X[rows])                   # always the caller's starting weights
                dW, db = backward(W, H, Y[rows])
                W_new = [w - lr * g for w, g in zip(W, dW)]
                b_new = [v - lr * g for v, g in zip(b, db)]
            losses.append(0.0)
        return W_new, b_new, losses

    with pytest.raises(ExerciseError, match="were given the starting weights -- the updates do not add up"):
        course.check_update(train_minibatch)


def test_in_place_update_is_refused():
    def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
        rng = np.random.default_rng(seed)
        n, losses = X.shape[0], []
        for _ in range(epochs):
            order = rng.permutation(n)
            for start in range(0, n, batch_size):
                rows = order[start:start + batch_size]
                dW, db = backward(W, forward(W, b, X[rows]), Y[rows])
                for l in range(len(W)):
                    W[l] -= lr * dW[l]
                    b[l] -= lr * db[l]
            losses.append(0.0)
        return W, b, losses

    with pytest.raises(ExerciseError, match="changed the caller's array W\\[0\\] in place"):
        course.check_update(train_minibatch)
    def replacing(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
        n = X.shape[0]
        for start in range(0, n, batch_size):
            rows = np.arange(n)[start:start + batch_size]
            dW, db = backward(W, forward(W, b, X[rows]), Y[rows])
            for l in range(len(W)):
                W[l] = W[l] - lr * dW[l]
        return W, b, [0.0] * epochs

    with pytest.raises(ExerciseError, match="replaced W\\[0\\] in the caller's list W"):
        course.check_update(replacing)


def test_check_reaches_trains_the_digits(capsys):
    from nnkit.data import digits, one_hot
    d = digits(seed=0)
    assert course.check_reaches(course.train_minibatch, d.X_train, one_hot(d.y_train, 10), d.X_test, d.y_test) is None
    shown = float(capsys.readouterr().out.split("network to ")[1].split(" %")[0])
    assert shown >= 95                                   # and None: nbgrader would read a number as the score
    lazy = _variant("range(0, n, batch_size)", "range(0, batch_size, batch_size)")
    with pytest.raises(ExerciseError, match="it should reach 95 %"):
        course.check_reaches(lazy, d.X_train, one_hot(d.y_train, 10), d.X_test, d.y_test)


# --------------------------------------------------------------------------- borrowing from notebooks

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
    fn = course.from_notebook("03_forward_pass", "forward_batch", folder=tmp_path)
    assert fn is not course.forward_batch and fn.__name__ == "forward_batch"
    assert "Using **your** `forward_batch`" in capsys.readouterr().out
    W, b, X, _ = _problem()
    np.testing.assert_allclose(fn(W, b, X)[-1], course.forward_batch(W, b, X)[-1])


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
    assert course.from_notebook("03_forward_pass", "forward_batch", folder=tmp_path) is course.forward_batch
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
    fn = course.from_notebook("03_forward_pass", "forward_batch", folder=tmp_path)
    assert fn is not course.forward_batch                  # squash and its sigmoid came along; the rest did not run
    assert "Using **your** `forward_batch`" in capsys.readouterr().out


def test_from_notebook_without_the_file_or_the_exercise(tmp_path, capsys):
    assert course.from_notebook("04_backpropagation", "backward_batch", folder=tmp_path) is course.backward_batch
    assert "04_backpropagation.ipynb is not in this folder" in capsys.readouterr().out
    _notebook(tmp_path, "04_backpropagation", [("code", "x = 1", None)])
    assert course.from_notebook("04_backpropagation", "backward_batch", folder=tmp_path) is course.backward_batch
    assert "has no exercise that defines `backward_batch`" in capsys.readouterr().out
    with pytest.raises(ValueError, match="written in 04_backpropagation"):
        course.from_notebook("03_forward_pass", "backward_batch", folder=tmp_path)


def test_from_notebook_finds_an_untagged_solution_cell_and_checks_backward(tmp_path, capsys):
    import inspect
    source = inspect.getsource(course.backward_batch)
    _notebook(tmp_path, "04_backpropagation", [("code", "import numpy as np", None),
                                               ("code", source, "some-other-id")])
    fn = course.from_notebook("04_backpropagation", "backward_batch", folder=tmp_path)
    assert fn is not course.backward_batch
    assert "Using **your** `backward_batch`" in capsys.readouterr().out


def test_checked_picks_yours_or_nnkits(capsys):
    assert course.checked(course.train_minibatch) is course.train_minibatch
    assert "Using **your** `train_minibatch`" in capsys.readouterr().out

    def train_minibatch(*args):
        raise NotImplementedError()

    assert course.checked(train_minibatch) is course.train_minibatch
    assert "train_minibatch is not written yet" in capsys.readouterr().out
    with pytest.raises(ValueError, match="name must be one of"):
        course.checked(len)


def test_notes_show_as_markdown():
    note = course.Note("Using **your** `f`")
    assert note._repr_markdown_() == "Using **your** `f`" and repr(note) == "Using **your** `f`"
