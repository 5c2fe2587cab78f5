"""Your own small library: the course's central exercises, joined into one network that learns.

Notebook 03 asks you for the batch forward pass, notebook 04 for the batch
backward pass, notebook 05 for the mini-batch training loop.  Together they are
a small neural-network library, and notebook 05 trains the digits classifier
with it.  This module makes that possible:

* :func:`from_notebook` fetches one of your functions from a saved notebook next
  to the one you are running, checks it against nnkit's version on a random
  case, and hands it back, or hands back nnkit's version with a sentence saying
  why (not written yet, wrong on a check, notebook not found);
* :func:`checked` does the same for a function of the current notebook;
* :func:`check_batches`, :func:`check_update`, :func:`check_loss_record` and
  :func:`check_reaches` are the checks of notebook 05's training loop, one per
  graded part;
* :func:`forward_batch`, :func:`backward_batch` and :func:`train_minibatch` are
  nnkit's versions, written as plainly as the exercises ask.

The three functions share one convention: layer l has ``W[l]`` of shape
(n_out, n_in) and ``b[l]`` of shape (n_out,); a batch ``X`` has one sample per
row; every layer (the output too) is a sigmoid; the loss is the squared error
averaged over the batch, J = 1/(2n) sum_k ||y_k - h_k||^2.
"""
from __future__ import annotations

import ast
import contextlib
import io
import json
import math
from pathlib import Path

import numpy as np

from .activations import sigmoid
from .checks import ExerciseError, check_close, check_true, passed

__all__ = [
    "forward_batch", "backward_batch", "train_minibatch", "batch_loss",
    "from_notebook", "checked",
    "check_batches", "check_update", "check_loss_record", "check_reaches",
]


# --------------------------------------------------------------------------- nnkit's versions

def forward_batch(W, b, X):
    """Every layer's activations for a batch: H = [X, H^(1), ..., H^(L)].

    H^(l) = sigmoid(H^(l-1) W^(l)T + b^(l)), shape (n, n_l); ``X`` is H^(0), shape (n, n_0).
    """
    H = [np.asarray(X, dtype=np.float64)]
    for Wl, bl in zip(W, b):
        H.append(sigmoid(H[-1] @ Wl.T + bl))
    return H


def backward_batch(W, H, Y):
    """(dW, db): the gradients of J = 1/(2n) sum_k ||y_k - h_k||^2 for sigmoid layers.

    ``H`` is what :func:`forward_batch` returned, ``Y`` the targets, shape (n, n_L).
    delta^(L) = (H^(L) - Y)/n * H^(L)(1 - H^(L)); delta^(l) = (delta^(l+1) W^(l+1)) * H^(l)(1 - H^(l));
    dW^(l) = delta^(l)T H^(l-1) (shape (n_out, n_in)); db^(l) = the column sums of delta^(l).
    """
    L = len(W)
    n = Y.shape[0]
    dW, db = [None] * L, [None] * L
    delta = (H[L] - Y) / n * H[L] * (1.0 - H[L])
    for l in range(L - 1, -1, -1):  # W[l] is the text's W^(l+1): Python counts from 0
        dW[l] = delta.T @ H[l]
        db[l] = delta.sum(axis=0)
        if l > 0:
            delta = (delta @ W[l]) * H[l] * (1.0 - H[l])
    return dW, db


def batch_loss(H_out, Y) -> float:
    """J = 1/(2n) sum_k ||y_k - h_k||^2 for outputs ``H_out`` and targets ``Y``, both (n, n_L)."""
    return float(np.sum((Y - H_out) ** 2) / (2 * Y.shape[0]))


def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    """Mini-batch gradient descent: returns (W, b, losses) and leaves the caller's arrays alone.

    One generator ``np.random.default_rng(seed)``, made once; every epoch shuffles
    the samples, walks the mini-batches of ``batch_size`` (the last may be smaller),
    and for each runs ``forward(W, b, Xb)``, records the batch's loss, runs
    ``backward(W, H, Yb)`` and updates every W[l] and b[l] by ``lr`` times its
    gradient.  ``losses[e]`` is the mean of epoch e's mini-batch losses.
    """
    rng = np.random.default_rng(seed)
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    n = X.shape[0]
    losses = []
    for _ in range(epochs):
        order = rng.permutation(n)
        epoch_losses = []
        for start in range(0, n, batch_size):
            rows = order[start:start + batch_size]
            Xb, Yb = X[rows], Y[rows]
            H = forward(W, b, Xb)
            epoch_losses.append(batch_loss(H[-1], Yb))
            dW, db = backward(W, H, Yb)
            W = [w - lr * g for w, g in zip(W, dW)]
            b = [v - lr * g for v, g in zip(b, db)]
        losses.append(float(np.mean(epoch_losses)))
    return W, b, losses


# --------------------------------------------------------------------------- borrowing your functions

# name -> (notebook it is written in, grade_id of its solution cell)
EXERCISES = {
    "forward_batch": ("03_forward_pass", "03-forward-batch"),
    "backward_batch": ("04_backpropagation", "04-backward-batch"),
    "train_minibatch": ("05_digits_classifier", "05-train-loop"),
}
REFERENCES = {"forward_batch": forward_batch, "backward_batch": backward_batch, "train_minibatch": train_minibatch}


class Note:
    """A sentence shown as Markdown in a notebook (a display, not printed text) and as text elsewhere."""

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


def _say(text: str) -> None:
    from IPython.display import display

    display(Note(text))


def _random_network(rng, sizes=(3, 4, 2), n=5):
    W = [rng.normal(0.0, 1.0, (m, k)) for k, m in zip(sizes[:-1], sizes[1:])]
    b = [rng.normal(0.0, 0.5, m) for m in sizes[1:]]
    X = rng.normal(0.0, 1.0, (n, sizes[0]))
    Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
    return W, b, X, Y


def _call(fn, name, described, *args):
    """``fn(*args)``; a missing solution or a crash becomes an ExerciseError sentence naming ``described``."""
    if not callable(fn):
        raise ExerciseError(f"{name} should be a function, but it is {type(fn).__name__}")
    try:
        return fn(*args)
    except ExerciseError:
        raise
    except NotImplementedError:
        raise ExerciseError(f"{name} is not written yet: replace `raise NotImplementedError()` "
                            "with your code") from None
    except Exception as err:  # the student's code failed: say how, on which problem
        raise ExerciseError(f"{described} raised {type(err).__name__}: {err}") from None


def _verify_forward(fn):
    W, b, X, _ = _random_network(np.random.default_rng(3))
    got = _call(fn, "forward_batch", "forward_batch(W, b, X) for a [3, 4, 2] network and 5 samples", W, b, X)
    want = forward_batch(W, b, X)
    check_true(isinstance(got, (list, tuple)) and len(got) == len(want),
               f"forward_batch should return the list [X, H1, H2] for a 2-layer network, got "
               f"{type(got).__name__}{'' if not isinstance(got, (list, tuple)) else f' of length {len(got)}'}")
    for l, (g, w) in enumerate(zip(got, want)):
        check_close(g, w, f"forward_batch(...)[{l}]")


def _verify_backward(fn):
    W, b, X, Y = _random_network(np.random.default_rng(4))
    H = forward_batch(W, b, X)
    got = _call(fn, "backward_batch", "backward_batch(W, H, Y) for a [3, 4, 2] network and 5 samples", W, H, Y)
    check_true(isinstance(got, (list, tuple)) and len(got) == 2,
               f"backward_batch should return the pair (dW, db), got {type(got).__name__}")
    dW, db = backward_batch(W, H, Y)
    for l in range(len(W)):
        check_close(got[0][l], dW[l], f"backward_batch(...) dW[{l}]")
        check_close(got[1][l], db[l], f"backward_batch(...) db[{l}]")


def _verify_loop(fn):
    check_batches(fn)
    check_update(fn)
    check_loss_record(fn)


_VERIFY = {"forward_batch": _verify_forward, "backward_batch": _verify_backward, "train_minibatch": _verify_loop}


def _problem(name, fn) -> str | None:
    """None when ``fn`` passes nnkit's checks for exercise ``name``, else the sentence that says why not."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            _VERIFY[name](fn)
    except ExerciseError as err:
        return str(err)
    return None


def checked(fn, name: str | None = None):
    """``fn`` if it passes nnkit's checks for its exercise, else nnkit's version; a sentence says which.

    For a function of the notebook you are running, e.g. ``checked(train_minibatch)``.
    """
    name = name or getattr(fn, "__name__", "")
    if name not in REFERENCES:
        raise ValueError(f"name must be one of {sorted(REFERENCES)}, got {name!r}")
    problem = _problem(name, fn)
    if problem is None:
        _say(f"Using **your** `{name}`: it passes every check.")
        return fn
    _say(f"Using **nnkit's** `{name}`, because yours does not pass its checks yet: {problem}")
    return REFERENCES[name]


def _solution_cell(nb: dict, name: str, grade_id: str):
    """Index of the cell with ``grade_id``, else of a solution cell that defines ``name``; None if neither."""
    cells = nb.get("cells", [])
    for i, cell in enumerate(cells):
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return i
    for i, cell in enumerate(cells):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.get("cell_type") == "code" and meta.get("solution") and f"def {name}(" in _source(cell):
            return i
    return None


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _bound_names(node) -> list[str]:
    """The names a top-level import, function or class definition binds."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(alias.asname or alias.name).split(".")[0] for alias in node.names]
    return [node.name]


def _used_names(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _helpers(sources: list[str], target: str) -> str:
    """The imports and definitions of the earlier cells that the exercise cell needs (and what they need).

    Only imports, functions and classes are taken, and only those whose names the
    exercise uses, directly or through another taken definition: nothing that
    computes is run, and modules the exercise does not need are not imported.
    """
    bindings, order = {}, {}
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)):
                order[id(node)] = len(order)
                for name in _bound_names(node):
                    bindings[name] = node
    try:
        wanted = list(_used_names(ast.parse(target)))
    except SyntaxError:
        return ""
    taken = {}
    while wanted:
        node = bindings.get(wanted.pop())
        if node is not None and id(node) not in taken:
            taken[id(node)] = node
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                wanted.extend(_used_names(node))
    nodes = sorted(taken.values(), key=lambda node: order[id(node)])
    return ast.unparse(ast.Module(body=nodes, type_ignores=[]))


def _load(path: Path, name: str, grade_id: str):
    """(your function, None) from notebook ``path``, or (None, the reason it cannot be used)."""
    stem = path.stem
    if not path.is_file():
        return None, (f"{path.name} is not in this folder (as when a notebook is graded on its own), "
                      f"so your `{name}` from {stem} cannot be used here")
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return None, f"{path.name} cannot be read ({err})"
    target = _solution_cell(nb, name, grade_id)
    if target is None:
        return None, f"{path.name} has no exercise that defines `{name}` (solution cell {grade_id})"
    # A fresh namespace: the imports and helper definitions of earlier cells that the exercise cell uses
    # (a sigmoid written earlier, say), then the exercise cell itself.  Nothing else is run.
    namespace = {"__name__": f"nnkit_course_{stem}", "np": np}
    earlier = [_source(c) for c in nb["cells"][:target] if c.get("cell_type") == "code"]
    source = _source(nb["cells"][target])
    try:
        compile(source, f"<{stem}: {name}>", "exec")
    except SyntaxError as err:
        return None, f"the `{name}` cell of {stem} is not valid Python ({err.msg}, line {err.lineno})"
    try:
        exec(compile(_helpers(earlier, source), f"<{stem}>", "exec"), namespace)  # noqa: S102 - your own notebook
    except Exception as err:  # noqa: BLE001 - any failure becomes a sentence
        return None, f"the imports or helpers that `{name}` uses in {stem} do not run ({type(err).__name__}: {err})"
    try:
        exec(compile(source, f"<{stem}: {name}>", "exec"), namespace)  # noqa: S102
    except Exception:  # noqa: BLE001 - the cell also computes something: keep its definitions alone
        tree = ast.parse(source)
        kinds = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)
        keep = [node for node in tree.body if isinstance(node, kinds)]
        try:
            exec(compile(ast.Module(body=keep, type_ignores=[]), f"<{stem}: {name}>", "exec"), namespace)  # noqa: S102
        except Exception as err:  # noqa: BLE001 - any failure becomes a sentence
            return None, f"the `{name}` cell of {stem} does not run on its own ({type(err).__name__}: {err})"
    fn = namespace.get(name)
    if not callable(fn):
        return None, f"the exercise cell of {stem} does not define a function `{name}`"
    return fn, None


def from_notebook(notebook: str, name: str, folder=None):
    """Your function ``name`` from the saved notebook ``notebook`` (e.g. ``"03_forward_pass"``).

    The notebook file is looked up in ``folder`` (default: the current folder,
    where a notebook runs).  Its exercise cell is run in a fresh namespace, after
    the imports and helper functions of earlier cells that it uses (nothing else
    of the notebook runs), and the function is checked against nnkit's version
    on a random case.  Returns your
    function when it passes, else nnkit's version; a sentence says which, and why.
    Save the notebook first: the file on disk is what is read.
    """
    if name not in EXERCISES:
        raise ValueError(f"name must be one of {sorted(EXERCISES)}, got {name!r}")
    home, grade_id = EXERCISES[name]
    if notebook != home:
        raise ValueError(f"`{name}` is written in {home}, not in {notebook}")
    path = Path(folder if folder is not None else Path.cwd()) / f"{notebook}.ipynb"
    fn, reason = _load(path, name, grade_id)
    if fn is not None:
        reason = _problem(name, fn)
        if reason is None:
            _say(f"Using **your** `{name}` from {notebook}: it agrees with nnkit's on a random case.")
            return fn
        reason = f"your `{name}` from {notebook} does not pass its check yet: {reason}"
    _say(f"Using **nnkit's** `{name}`: {reason}.")
    return REFERENCES[name]


# --------------------------------------------------------------------------- checks of the training loop

def _spied(n, sizes=(3, 4, 3), seed=11):
    """A small problem whose samples can be recognised, and spies that record every call."""
    rng = np.random.default_rng(seed)
    W, b, _, _ = _random_network(rng, sizes, n)
    X = rng.normal(0.0, 1.0, (n, sizes[0]))
    Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
    rows = {X[i].tobytes(): i for i in range(n)}
    calls = []
    forwards = []  # (the list forward returned, copies of the W and b it was given)

    def forward(W, b, Xb):
        H = forward_batch(W, b, Xb)
        forwards.append((H, [np.array(w, copy=True) for w in W], [np.array(v, copy=True) for v in b]))
        return H

    def backward(W, H, Yb):
        idx = []
        for row in np.asarray(H[0]):
            if row.tobytes() not in rows:
                raise ExerciseError("backward received a batch H[0] that is not made of rows of X: "
                                    "pass the mini-batch's forward result H to backward")
            idx.append(rows[row.tobytes()])
        # the b of the forward pass that made this H (backward itself is not given b)
        b_used = next((bs for H_f, _, bs in reversed(forwards) if H_f is H), forwards[-1][2] if forwards else None)
        calls.append(dict(idx=idx, W=[np.array(w, copy=True) for w in W], b=b_used, Y=np.array(Yb, copy=True)))
        return backward_batch(W, H, Yb)

    return W, b, X, Y, forward, backward, calls


def _run(fn, W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    out = _call(fn, "train_minibatch", f"train_minibatch(W, b, X, Y, forward, backward, lr={lr}, epochs={epochs}, "
                f"batch_size={batch_size}, seed={seed}) with X of shape {X.shape}",
                W, b, X, Y, forward, backward, lr, epochs, batch_size, seed)
    check_true(isinstance(out, (tuple, list)) and len(out) == 3,
               f"train_minibatch should return the triple (W, b, losses), got {type(out).__name__}"
               + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else ""))
    return out


def _epochs_of(calls, n, batch_size, epochs):
    """The recorded backward calls grouped by epoch; an ExerciseError if their number is not epochs x batches."""
    per_epoch = math.ceil(n / batch_size)
    got = len(calls)
    if got != epochs * per_epoch:
        if got == epochs:
            hint = " -- looks like one mini-batch per epoch only: walk over all of them"
        elif got == per_epoch:
            hint = " -- looks like one epoch only: repeat the pass `epochs` times"
        elif got == epochs * (n // batch_size):
            hint = " -- looks like the last, smaller mini-batch is dropped"
        elif got == epochs * n:
            hint = " -- looks like one sample per step: take `batch_size` rows at a time"
        else:
            hint = ""
        raise ExerciseError(f"with n = {n} samples, batch_size = {batch_size} and epochs = {epochs} the loop "
                            f"should make {epochs} x {per_epoch} = {epochs * per_epoch} backward passes, "
                            f"it made {got}{hint}")
    return [calls[e * per_epoch:(e + 1) * per_epoch] for e in range(epochs)]


def check_batches(fn, n: int = 10, batch_size: int = 4, epochs: int = 3, seed: int = 0) -> None:
    """Part 1 of the loop: every epoch shuffles the samples and covers each once, in mini-batches.

    Checks the number and sizes of the mini-batches, that each epoch visits every
    sample exactly once, that every sample reaches backward with its own target,
    that the order is shuffled and differs from epoch to epoch, and that the same
    ``seed`` gives the same batches again.
    """
    W, b, X, Y, fwd, bwd, calls = _spied(n)
    _run(fn, W, b, X, Y, fwd, bwd, 0.1, epochs, batch_size, seed)
    by_epoch = _epochs_of(calls, n, batch_size, epochs)
    sizes = [len(c["idx"]) for c in by_epoch[0]]
    want = [min(batch_size, n - s) for s in range(0, n, batch_size)]
    check_true(sizes == want, f"the mini-batches of an epoch should have sizes {want}, got {sizes}")
    orders = []
    for e, batches in enumerate(by_epoch, start=1):
        seen = [i for c in batches for i in c["idx"]]
        if sorted(seen) != list(range(n)):
            missing = sorted(set(range(n)) - set(seen))
            raise ExerciseError(f"epoch {e} should use every sample exactly once, but it used "
                                f"{len(set(seen))} different samples of {n} (missing: {missing}) -- "
                                "take consecutive slices of one shuffled order, order[start:start + batch_size]")
        orders.append(seen)
    for c in calls:
        if not np.array_equal(c["Y"], Y[c["idx"]]):
            raise ExerciseError("backward was given targets that do not belong to the batch's samples -- looks like "
                                "X and Y were shuffled apart (e.g. rng.shuffle(X) and rng.shuffle(Y)): take the "
                                "rows of both with the same indices, X[rows] and Y[rows]")
    if n > 2:
        check_true(any(o != list(range(n)) for o in orders),
                   "the samples came in their original order in every epoch -- looks like no shuffling: "
                   "draw a new order with rng.permutation(n) at the start of each epoch")
        check_true(epochs < 2 or any(o != orders[0] for o in orders[1:]),
                   "every epoch used the same order -- shuffle anew in each epoch, from one generator "
                   "np.random.default_rng(seed) made once before the epoch loop")
    W2, b2, X2, Y2, fwd2, bwd2, calls2 = _spied(n)
    _run(fn, W2, b2, X2, Y2, fwd2, bwd2, 0.1, epochs, batch_size, seed)
    again = [i for c in calls2 for i in c["idx"]]
    check_true(again == [i for o in orders for i in o],
               f"two runs with seed = {seed} used different batches -- make the generator from the seed, "
               "rng = np.random.default_rng(seed), and draw every shuffle from it")
    passed(f"train_minibatch: {epochs} epochs of mini-batches of sizes {want}, each a new shuffle of all "
           f"{n} samples, the same again for the same seed")


def _replay(calls, W, b, lr, X, Y, sign_W=1.0, sign_b=1.0):
    """What the updates give on the batches the loop actually used (a sign 0 or -1: a mistaken variant).

    The targets are the ones the loop gave backward, so a mistake in pairing samples
    with targets counts in part 1 only.
    """
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    for c in calls:
        Xb, Yb = X[c["idx"]], c["Y"]
        dW, db = backward_batch(W, forward_batch(W, b, Xb), Yb)
        W = [w - sign_W * lr * g for w, g in zip(W, dW)]
        b = [v - sign_b * lr * g for v, g in zip(b, db)]
    return W, b


def check_update(fn, n: int = 10, batch_size: int = 4, epochs: int = 2, lr: float = 0.5, seed: int = 0) -> None:
    """Part 2 of the loop: each mini-batch updates every W[l] and b[l] by -lr times its gradient.

    The expected result is computed on the very batches the loop used, so a
    shuffling mistake does not count here.  The caller's lists and arrays must
    come back unchanged.
    """
    W, b, X, Y, fwd, bwd, calls = _spied(n)
    W_in, b_in = list(W), list(b)
    W_copy, b_copy = [w.copy() for w in W], [v.copy() for v in b]
    out = _run(fn, W, b, X, Y, fwd, bwd, lr, epochs, batch_size, seed)
    for l in range(len(W_copy)):
        for what, lst, first, copy in (("W", W, W_in, W_copy), ("b", b, b_in, b_copy)):
            if lst[l] is not first[l]:
                raise ExerciseError(f"train_minibatch replaced {what}[{l}] in the caller's list {what} -- work on new "
                                    f"lists, e.g. {what} = [x.copy() for x in {what}], and return them")
            if not np.array_equal(first[l], copy[l]):
                raise ExerciseError(f"train_minibatch changed the caller's array {what}[{l}] in place (an in-place "
                                    f"update such as {what}[l] -= lr * d{what}[l]) -- copy the arrays first, "
                                    f"or compute new ones: {what}[l] = {what}[l] - lr * d{what}[l]")
    W_got, b_got, _ = out
    check_true(calls, "train_minibatch never called backward: each mini-batch needs forward, then backward")
    if len(calls) > 1 and all(np.array_equal(w, w0) for c in calls for w, w0 in zip(c["W"], W_copy)):
        raise ExerciseError(f"all {len(calls)} mini-batches were given the starting weights -- the updates do not "
                            "add up: pass the updated W and b to forward and backward for the next mini-batch")
    W_want, b_want = _replay(calls, W_copy, b_copy, lr, X, Y)
    variants = {  # the results of common mistakes, replayed on the same batches
        "no b": _replay(calls, W_copy, b_copy, lr, X, Y, sign_b=0.0),
        "uphill": _replay(calls, W_copy, b_copy, lr, X, Y, sign_W=-1.0, sign_b=-1.0),
        "W uphill": _replay(calls, W_copy, b_copy, lr, X, Y, sign_W=-1.0),
        "b uphill": _replay(calls, W_copy, b_copy, lr, X, Y, sign_b=-1.0),
        "first only": _replay(calls[:1], W_copy, b_copy, lr, X, Y),
        "no lr": _replay(calls, W_copy, b_copy, 1.0, X, Y),
    }
    hints = {"no b": "the biases are not updated: b[l] = b[l] - lr * db[l] too",
             "uphill": "a step uphill: W - lr * dW and b - lr * db go down the gradient",
             "W uphill": "a step uphill for W: W - lr * dW goes down the gradient",
             "b uphill": "a step uphill for b: b - lr * db goes down the gradient",
             "first only": "only the first mini-batch's update was kept",
             "no lr": "the learning rate is missing in the update"}
    check_true(isinstance(W_got, (list, tuple)) and len(W_got) == len(W_want),
               f"the returned W should be a list of {len(W_want)} arrays, one per layer")
    check_true(isinstance(b_got, (list, tuple)) and len(b_got) == len(b_want),
               f"the returned b should be a list of {len(b_want)} arrays, one per layer")
    for l in range(len(W_want)):
        check_close(W_got[l], W_want[l], f"train_minibatch(...) W[{l}]",
                    mistakes=[(v[0][l], hints[k]) for k, v in variants.items()] + [(W_copy[l], "W was never updated")])
        check_close(b_got[l], b_want[l], f"train_minibatch(...) b[{l}]",
                    mistakes=[(v[1][l], hints[k]) for k, v in variants.items()])
    passed(f"train_minibatch: W and b after {len(calls)} updates are right, and the caller's arrays are untouched")


def check_loss_record(fn, n: int = 10, batch_size: int = 4, epochs: int = 3, seed: int = 0) -> None:
    """Part 3 of the loop: ``losses[e]`` is the mean of epoch e's mini-batch losses, each before its update.

    The expected values are computed from the weights and targets each backward
    call was given, so a mistake in the update does not count here.
    """
    lr = 0.5
    W, b, X, Y, fwd, bwd, calls = _spied(n)
    _, _, losses = _run(fn, W, b, X, Y, fwd, bwd, lr, epochs, batch_size, seed)
    if len(calls) % epochs:  # the epochs cannot be told apart; part 1 says what is wrong with the batches
        _epochs_of(calls, n, batch_size, epochs)
    per_epoch = len(calls) // epochs
    by_epoch = [calls[e * per_epoch:(e + 1) * per_epoch] for e in range(epochs)]

    def J(c, before=True, scale=1.0, next_W=None):
        Wc, bc = (c["W"], c["b"]) if next_W is None else next_W
        H = forward_batch(Wc, bc, X[c["idx"]])
        return scale * batch_loss(H[-1], c["Y"])

    want = [np.mean([J(c) for c in batches]) for batches in by_epoch]
    no_n = [np.mean([J(c, scale=len(c["idx"])) for c in batches]) for batches in by_epoch]
    no_half = [np.mean([J(c, scale=2.0) for c in batches]) for batches in by_epoch]
    per_value = [np.mean([J(c, scale=2.0 / Y.shape[1]) for c in batches]) for batches in by_epoch]
    summed = [np.sum([J(c) for c in batches]) for batches in by_epoch]
    weighted = [np.sum([J(c) * len(c["idx"]) for c in batches]) / n for batches in by_epoch]
    last = [J(batches[-1]) for batches in by_epoch]
    def updated(c):  # the weights after c's update
        dW, db = backward_batch(c["W"], forward_batch(c["W"], c["b"], X[c["idx"]]), c["Y"])
        return [w - lr * g for w, g in zip(c["W"], dW)], [v - lr * g for v, g in zip(c["b"], db)]

    after = [np.mean([J(c, next_W=updated(c)) for c in batches]) for batches in by_epoch]
    check_true(isinstance(losses, (list, tuple, np.ndarray)),
               f"losses should be a list with one number per epoch, got {type(losses).__name__}")
    check_true(len(losses) != len(calls) or len(calls) == epochs,
               f"losses has {len(losses)} entries, one per mini-batch -- record the mean of each epoch's "
               f"mini-batch losses: one number per epoch ({epochs})")
    mistakes = [(no_n, "the 1/n of the loss is missing: J = sum((Y - H)**2) / (2 * n) for a batch of n"),
                (no_half, "the 1/2 of the loss is missing: J = sum((Y - H)**2) / (2 * n)"),
                (per_value, "np.mean((Y - H)**2) divides by every entry; J = sum((Y - H)**2) / (2 * n)"),
                (summed, "the epoch's mini-batch losses are added up, not averaged"),
                (weighted, "each mini-batch's loss is weighted by its size; take the plain mean of them"),
                (last, "only the epoch's last mini-batch loss is recorded, not the mean of all")]
    mistakes.insert(0, (after, "the loss is taken after the update; record it before, from the same H"))
    check_close(losses, want, "train_minibatch(...) losses", mistakes=mistakes)
    passed(f"train_minibatch: one loss per epoch, the mean of its {len(by_epoch[0])} mini-batch "
           "losses, each taken before its update")


def check_reaches(fn, X_train, Y_train, X_val, y_val, accuracy: float = 0.95, lr: float = 2.0,
                  epochs: int = 30, batch_size: int = 32, hidden: int = 30, seed: int = 0) -> None:
    """Part 4 of the loop: it trains a [n_in, hidden, n_out] sigmoid network to ``accuracy`` on validation.

    Uses nnkit's :func:`forward_batch` and :func:`backward_batch` (so only the loop is
    graded) and Xavier initialisation with ``seed``; prints the accuracy reached.
    Returns None: a number left as a test cell's last value would be read by
    nbgrader as the cell's score.
    """
    from .network import Network

    sizes = [X_train.shape[1], hidden, Y_train.shape[1]]
    net = Network(sizes, activation="sigmoid", init="xavier", seed=seed)
    W, b, losses = _run(fn, net.W, net.b, X_train, Y_train, forward_batch, backward_batch,
                        lr, epochs, batch_size, seed)
    check_true(len(losses) == epochs and np.all(np.isfinite(losses)),
               f"the loop should return {epochs} finite losses, got {len(losses)}")
    got = float(np.mean(np.argmax(forward_batch(W, b, X_val)[-1], axis=1) == np.asarray(y_val)))
    check_true(got >= accuracy,
               f"trained by your loop ({epochs} epochs, mini-batches of {batch_size}, lr = {lr}) the network "
               f"reaches {100 * got:.1f} % on the validation images; it should reach {100 * accuracy:.0f} %. "
               f"Its losses went from {losses[0]:.4f} to {losses[-1]:.4f}")
    passed(f"train_minibatch trains the {sizes} network to {100 * got:.1f} % validation accuracy "
           f"(at least {100 * accuracy:.0f} % asked)")


# --------------------------------------------------------------------------- notebook 05's smaller exercises

def _softmax_over(Z, axis):
    Z = np.asarray(Z, dtype=np.float64)
    E = np.exp(Z - Z.max(axis=axis, keepdims=True))
    return E / E.sum(axis=axis, keepdims=True)


def _row_sums_flat(Z):  # E / E.sum(axis=1): the sums broadcast along the columns (square Z only)
    Z = np.asarray(Z, dtype=np.float64)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1)


def _row_max_flat(Z):  # Z - Z.max(axis=1): the maxima broadcast along the columns (square Z only)
    Z = np.asarray(Z, dtype=np.float64)
    E = np.exp(Z - Z.max(axis=1))
    return E / E.sum(axis=1, keepdims=True)


SOFTMAX_CE_MISTAKES = [
    (lambda Z, Y: _softmax_over(Z, 1) - np.asarray(Y), "the 1/n is missing: J is the mean over the n rows"),
    (lambda Z, Y: (_softmax_over(Z, 0) - np.asarray(Y)) / len(Y),
     "the softmax is normalised over the wrong axis: each row (one sample) must sum to 1, axis=1"),
    (lambda Z, Y: (np.asarray(Z) - np.asarray(Y)) / len(Y), "the softmax is missing: the delta is P - Y, not Z - Y"),
    (lambda Z, Y: (_softmax_over(Z, 1) - np.asarray(Y)) / np.size(Y), "dividing by every entry (n K), not by n"),
    (lambda Z, Y: (_softmax_over(Z, None) - np.asarray(Y)) / len(Y),
     "the softmax is normalised over the whole batch: each row (one sample) must sum to 1, axis=1"),
    (lambda Z, Y: (_row_sums_flat(Z) - np.asarray(Y)) / len(Y),
     "E.sum(axis=1) without keepdims=True has shape (n,) and divides the columns, not the rows: "
     "keep it a column, E.sum(axis=1, keepdims=True)"),
    (lambda Z, Y: (_row_max_flat(Z) - np.asarray(Y)) / len(Y),
     "Z.max(axis=1) without keepdims=True has shape (n,) and is subtracted from the columns, not the rows: "
     "Z.max(axis=1, keepdims=True)"),
]
"""Common wrong answers to notebook 05's ``softmax_ce_grad(Z, Y)``, as ``(wrong function, hint)`` pairs."""
