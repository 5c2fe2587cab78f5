"""Stored results of the course's long experiments, so that a notebook runs in seconds.

Some experiments train hundreds of networks (every setting over five seeds, each
learning rate of a grid): minutes, not seconds.  A notebook runs such an
experiment through :func:`stored`: with ``full=True`` it computes the results and
writes them to ``nnkit/stored/<name>.json``; with ``full=False`` (the default) it
reads what that full run wrote.  The code that computes them stays in the
notebook, where it is read; only the numbers are kept here.

Two guards keep a stored result from going stale, that is from showing numbers
that the code beside it no longer computes:

* ``inputs``: the settings an experiment is run with (its grids, recipes, seeds,
  data sizes) are stored beside its results, and a stored run compares them with
  the settings of the code calling it.  Change a grid in the notebook and the old
  results refuse to load (:class:`StaleResult`) instead of being shown as if they
  belonged to the new grid.
* :func:`check_fresh`: a notebook recomputes a small part of each stored
  experiment live (one setting, one seed) and compares it with the stored value,
  which catches a change of the library underneath (nnkit, numpy, scikit-learn).

Results are plain JSON: dicts, lists, strings and numbers (numpy values are
turned into Python ones on the way in).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

__all__ = ["STORE", "StaleResult", "stored", "save", "load", "check_fresh"]

STORE = Path(__file__).resolve().parent / "stored"
"""The folder of the stored results, inside the nnkit package."""

FORMAT = "nnkit stored result 1"
"""The mark of a stored file holding ``inputs`` beside its ``result``."""

HOW_TO_RECOMPUTE = "set FULL = True at the top of the notebook and run it again (a few minutes) to store new results"


class StaleResult(ValueError):
    """A stored result that does not belong to the code asking for it (other settings, other library)."""


def _plain(x):
    """``x`` with numpy arrays and numbers turned into lists, floats and ints (JSON can hold those)."""
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, range)):
        return [_plain(v) for v in x]
    if isinstance(x, np.ndarray):
        return _plain(x.tolist())
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        return float(x)
    if x is None or isinstance(x, str):
        return x
    raise TypeError(f"a stored result must be made of dicts, lists, numbers and strings, got {type(x).__name__}")


def _as_json(x):
    """``x`` exactly as it reads back from a JSON file (tuples become lists, keys strings)."""
    return json.loads(json.dumps(_plain(x)))


def _path(name: str, folder) -> Path:
    if not isinstance(name, str) or not name or not all(c.isalnum() or c in "_-" for c in name):
        raise ValueError(f"name must be a word of letters, digits, _ and -, such as '05_ladder', got {name!r}")
    return Path(folder if folder is not None else STORE) / f"{name}.json"


def _short(x, width: int = 70) -> str:
    text = json.dumps(x)
    return text if len(text) <= width else text[:width - 3] + "..."


def _first_difference(old, new, where: str = "inputs"):
    """(where, old part, new part) of the first place two JSON-like values differ; None if they are equal."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            if key not in old or key not in new:
                return f"{where}[{key!r}]", old.get(key, "(missing)"), new.get(key, "(missing)")
            found = _first_difference(old[key], new[key], f"{where}[{key!r}]")
            if found:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new)):
            found = _first_difference(a, b, f"{where}[{i}]")
            if found:
                return found
        return None
    return None if old == new else (where, old, new)


def save(name: str, result, folder=None, inputs=None) -> Path:
    """Write ``result`` (and the ``inputs`` that made it) as ``<folder>/<name>.json``; returns the path.

    The default folder is :data:`STORE`.
    """
    path = _path(name, folder)
    content = {"stored": FORMAT, "inputs": _plain(inputs), "result": _plain(result)}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, indent=1) + "\n", encoding="utf-8")
    return path


def load(name: str, folder=None, inputs=None):
    """The result stored under ``name``.

    A FileNotFoundError says how to make it if there is none.  With ``inputs``, the
    settings stored with the result must be the same, else :class:`StaleResult`
    names the first difference.
    """
    path = _path(name, folder)
    if not path.is_file():
        raise FileNotFoundError(f"no stored result {name!r} at {path}: {HOW_TO_RECOMPUTE}")
    content = json.loads(path.read_text(encoding="utf-8"))
    if not (isinstance(content, dict) and content.get("stored") == FORMAT):
        raise StaleResult(f"the stored result {name!r} is in an old format, without the settings that made it: "
                          f"{HOW_TO_RECOMPUTE}")
    if inputs is not None:
        found = _first_difference(content["inputs"], _as_json(inputs))
        if found:
            where, old, new = found
            raise StaleResult(f"the stored result {name!r} was computed with other settings than this code's "
                              f"(at {where}: stored {_short(old)}, now {_short(new)}). Undo the change, or "
                              f"{HOW_TO_RECOMPUTE}")
    return content["result"]


def stored(name: str, compute, full: bool = False, folder=None, inputs=None):
    """``compute()`` when ``full`` (and store what it returns), else the result stored by such a run.

    ``compute`` takes no arguments and returns JSON-like data (dicts, lists,
    numbers, strings, numpy arrays).  ``inputs`` (JSON-like) are the settings
    ``compute`` runs with: a full run stores them, a stored run checks that they
    are still the same (:func:`load`).  The value returned is always the plain
    JSON form, so a full run and a stored run give the notebook the same kind of
    data.
    """
    if full:
        result = _as_json(compute())
        save(name, result, folder, inputs)
        return result
    return load(name, folder, inputs)


def check_fresh(name: str, what: str, stored_value, computed, tol: float = 0.0) -> None:
    """Raise :class:`StaleResult` unless a value computed now agrees with the stored one within ``tol``.

    A notebook recomputes a small part of a stored experiment (one setting, one
    seed) and calls this: if nnkit, numpy or scikit-learn now compute something
    else, the stored numbers are out of date, and the message says how to renew them.
    """
    old = np.asarray(stored_value, dtype=np.float64)
    new = np.asarray(computed, dtype=np.float64)
    if old.shape != new.shape or not np.all(np.abs(old - new) <= tol):
        raise StaleResult(f"the stored result {name!r} is out of date: {what} is {_short(_plain(old))} in the "
                          f"stored file but {_short(_plain(new))} computed now, so something it depends on has "
                          f"changed (nnkit, numpy, scikit-learn or the notebook): {HOW_TO_RECOMPUTE}")
