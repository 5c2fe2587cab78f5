"""Your own small library: your functions of notebooks 03-05, or nnkit's where yours are not ready.

Notebook 03 asks you for the batch forward pass ``forward_batch(W, b, X)``,
notebook 04 for the batch backward pass ``backward_batch(W, H, Y)``, notebook
05 for the mini-batch training loop ``train_minibatch(...)``.  Together they are
a small neural-network library, and notebook 05 trains the digits classifier
with it:

* :func:`from_notebook` fetches one of your functions from a saved notebook next
  to the one you are running (nnkit/notebook_reader.py reads it), checks it
  against nnkit's version on a random case, and hands it back; or it hands back
  nnkit's version with a sentence saying why (not written yet, wrong on a check,
  notebook not found);
* :func:`checked` does the same for a function of the notebook you are running.

nnkit's versions are in nnkit/references.py; the checks of the training loop,
the same as the graded ones of notebook 05, in nnkit/loop_checks.py.
"""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import numpy as np

from .checks import ExerciseError, check_close, check_true
from .loop_checks import check_batches, check_loss_record, check_update
from .loop_spies import call_exercise, small_network
from .notebook_reader import read_function
from .references import backward_batch, forward_batch, train_minibatch

__all__ = ["from_notebook", "checked", "EXERCISES", "REFERENCES", "Note"]

EXERCISES = {
    "forward_batch": ("03_forward_pass", "03-forward-batch"),
    "backward_batch": ("04_backpropagation", "04-backward-batch"),
    "train_minibatch": ("05_digits_classifier", "05-train-loop"),
}
"""name -> (the notebook it is written in, the grade_id of its solution cell)."""

REFERENCES = {"forward_batch": forward_batch, "backward_batch": backward_batch, "train_minibatch": train_minibatch}
"""name -> nnkit's version, used where yours is not ready."""


def from_notebook(notebook: str, name: str, folder=None):
    """Your function ``name`` from the saved notebook ``notebook`` (e.g. ``"03_forward_pass"``).

    The notebook file is looked up in ``folder`` (default: the current folder,
    where a notebook runs).  Its exercise cell is run in a fresh namespace, after
    the imports and helper functions of earlier cells that it uses (nothing else
    of the notebook runs), and the function is checked against nnkit's version
    on a random case.  Returns your function when it passes, else nnkit's
    version; a sentence says which, and why.  Save the notebook first: the file
    on disk is what is read.
    """
    if name not in EXERCISES:
        raise ValueError(f"name must be one of {sorted(EXERCISES)}, got {name!r}")
    home, grade_id = EXERCISES[name]
    if notebook != home:
        raise ValueError(f"`{name}` is written in {home}, not in {notebook}")
    path = Path(folder if folder is not None else Path.cwd()) / f"{notebook}.ipynb"
    fn, reason = read_function(path, name, grade_id)
    if fn is not None:
        reason = _problem(name, fn)
        if reason is None:
            _say(f"Using **your** `{name}` from {notebook}: it agrees with nnkit's on a random case.")
            return fn
        reason = f"your `{name}` from {notebook} does not pass its check yet: {reason}"
    _say(f"Using **nnkit's** `{name}`: {reason}.")
    return REFERENCES[name]


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


# --------------------------------------------------------------------------- does yours agree with nnkit's?

def _problem(name, fn) -> str | None:
    """None when ``fn`` passes nnkit's checks for exercise ``name``, else the sentence that says why not."""
    verify = {"forward_batch": _verify_forward, "backward_batch": _verify_backward,
              "train_minibatch": _verify_loop}[name]
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            verify(fn)
    except ExerciseError as err:
        return str(err)
    return None


def _verify_forward(fn):
    W, b, X, _ = small_network(np.random.default_rng(3))
    got = call_exercise(fn, "forward_batch", "forward_batch(W, b, X) for a [3, 4, 2] network and 5 samples",
                        W, b, X)
    want = forward_batch(W, b, X)
    check_true(isinstance(got, (list, tuple)) and len(got) == len(want),
               f"forward_batch should return the list [X, H1, H2] for a 2-layer network, got "
               f"{type(got).__name__}{'' if not isinstance(got, (list, tuple)) else f' of length {len(got)}'}")
    for l, (g, w) in enumerate(zip(got, want)):
        check_close(g, w, f"forward_batch(...)[{l}]")


def _verify_backward(fn):
    W, b, X, Y = small_network(np.random.default_rng(4))
    H = forward_batch(W, b, X)
    got = call_exercise(fn, "backward_batch", "backward_batch(W, H, Y) for a [3, 4, 2] network and 5 samples",
                        W, H, Y)
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


# --------------------------------------------------------------------------- the sentence that says which

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
