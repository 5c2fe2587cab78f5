"""Stored results of the course's long experiments, so that a notebook runs in seconds.

Some experiments train hundreds of networks (every setting over five seeds, each
learning rate of a grid): minutes, not seconds.  A notebook runs such an
experiment through :func:`stored`: with ``full=True`` it computes the results and
writes them to ``nnkit/stored/<name>.json``; with ``full=False`` (the default) it
reads what that full run wrote.  The code that computes them stays in the
notebook, where it is read; only the numbers are kept here.

Results are plain JSON: dicts, lists, strings and numbers (numpy values are
turned into Python ones on the way in).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

__all__ = ["STORE", "stored", "save", "load"]

STORE = Path(__file__).resolve().parent / "stored"
"""The folder of the stored results, inside the nnkit package."""


def _plain(x):
    """``x`` with numpy arrays and numbers turned into lists, floats and ints (JSON can hold those)."""
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
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


def _path(name: str, folder) -> Path:
    if not isinstance(name, str) or not name or not all(c.isalnum() or c in "_-" for c in name):
        raise ValueError(f"name must be a word of letters, digits, _ and -, such as '05_ladder', got {name!r}")
    return Path(folder if folder is not None else STORE) / f"{name}.json"


def save(name: str, result, folder=None) -> Path:
    """Write ``result`` as ``<folder>/<name>.json`` (default folder: :data:`STORE`); returns the path."""
    path = _path(name, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_plain(result), indent=1) + "\n", encoding="utf-8")
    return path


def load(name: str, folder=None):
    """The result stored under ``name``; a FileNotFoundError that says how to make it if there is none."""
    path = _path(name, folder)
    if not path.is_file():
        raise FileNotFoundError(f"no stored result {name!r} at {path}: run the notebook that makes it "
                                "once with FULL = True")
    return json.loads(path.read_text(encoding="utf-8"))


def stored(name: str, compute, full: bool = False, folder=None):
    """``compute()`` when ``full`` (and store what it returns), else the result stored by such a run.

    ``compute`` takes no arguments and returns JSON-like data (dicts, lists,
    numbers, strings, numpy arrays).  The value returned is always the plain
    JSON form, so a full run and a stored run give the notebook the same kind
    of data.
    """
    if full:
        result = _plain(compute())
        save(name, result, folder)
        return result
    return load(name, folder)
