"""Reading one function of yours out of a saved notebook, without running the rest of it.

Notebook 05 trains the digits with your ``forward_batch`` from notebook 03 and
your ``backward_batch`` from notebook 04 (see nnkit/your_library.py).  Those
notebooks are files next to it; :func:`read_function` finds the exercise's
solution cell in one of them and runs, in a fresh namespace:

1. the imports and the function and class definitions of earlier cells that the
   exercise uses, directly or through each other (a ``sigmoid`` you wrote
   earlier, say), found by reading the code with :mod:`ast`; nothing that
   computes is run, and modules the exercise does not need are not imported;
2. the exercise cell itself, or only its imports and definitions when the rest
   of the cell fails (a demonstration call on the notebook's variables, say).

Every way this can fail becomes a sentence saying why, never an exception.
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

import numpy as np

__all__ = ["read_function"]

_DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)


def read_function(path, name: str, grade_id: str):
    """(your function ``name``, None) from the notebook file ``path``, or (None, why it cannot be used).

    The exercise cell is the one with nbgrader's ``grade_id``, else a solution
    cell that defines ``name``.
    """
    path = Path(path)
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
        keep = [node for node in ast.parse(source).body if isinstance(node, _DEFINITIONS)]
        try:
            exec(compile(ast.Module(body=keep, type_ignores=[]), f"<{stem}: {name}>", "exec"), namespace)  # noqa: S102
        except Exception as err:  # noqa: BLE001 - any failure becomes a sentence
            return None, f"the `{name}` cell of {stem} does not run on its own ({type(err).__name__}: {err})"
    fn = namespace.get(name)
    if not callable(fn):
        return None, f"the exercise cell of {stem} does not define a function `{name}`"
    return fn, None


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


def _helpers(sources: list[str], target: str) -> str:
    """The imports and definitions of the earlier cells that the exercise cell needs (and what they need)."""
    bindings, order = {}, {}
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, _DEFINITIONS):
                order[id(node)] = len(order)
                for bound in _bound_names(node):
                    bindings[bound] = node
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


def _bound_names(node) -> list[str]:
    """The names a top-level import, function or class definition binds."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(alias.asname or alias.name).split(".")[0] for alias in node.names]
    return [node.name]


def _used_names(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
