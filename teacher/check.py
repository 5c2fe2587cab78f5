"""The metadata checker: ``python -m teacher check`` after editing a notebook.

It reads the notebooks only (no nbgrader, no kernel) and names every problem
with the notebook, the cell index and the grade_id:

- every nbgrader cell: ``schema_version`` 3, a ``grade_id`` unique across the course;
- a solution cell is code with a ``### BEGIN SOLUTION`` region, and test cells
  follow it (else removing it would cost nothing);
- an autograded test cell has points > 0, is locked, grades a solution cell
  before it and has a ``### BEGIN HIDDEN TESTS`` part;
- **partial credit**: a test cell worth more than :data:`MAX_POINTS_PER_CHECK`
  points checks one thing.  "Several things" means more than one check in its
  visible part, counting each call of a function whose name starts with
  ``check_`` (``check_function``, ``check_close``, ``check_true``, ...) and
  each ``assert`` statement as written in the code (a check in a loop counts
  once).  Split such a cell into one test cell per part, at most 3 points each;
- a written question (markdown, graded by hand) has points > 0, is not locked,
  has a grade_id ending in ``-written`` and a model answer;
- each notebook has at least ``min_exercises`` autograded test cells and
  ``written`` written questions;
- no solution line leaks into the student version (:mod:`teacher.leaks`).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from .leaks import find_leaks
from .notebooks import (BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, exercises, is_solution_cell, is_test_cell,
                        is_written_cell, nbgrader_meta, read, region, visible_part)

__all__ = ["MIN_EXERCISES", "MAX_POINTS_PER_CHECK", "count_checks", "check_metadata"]

MIN_EXERCISES = 3
MAX_POINTS_PER_CHECK = 3
"""A test cell worth more points than this must check one thing (partial credit)."""


def count_checks(source: str) -> list[str]:
    """The checks written in ``source``: the name of each ``check_*`` call and ``assert``, in order."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython syntax (a magic): count by text
        return re.findall(r"\b(check_\w+)\s*\(", source) + ["assert"] * len(re.findall(r"^\s*assert\b", source, re.M))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            found.append((node.lineno, node.col_offset, "assert"))
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name.startswith("check_"):
                found.append((node.lineno, node.col_offset, name))
    return [name for *_, name in sorted(found)]


def _several(names: list[str]) -> str:
    counts = {n: names.count(n) for n in dict.fromkeys(names)}
    return ", ".join(f"{n} x{c}" if c > 1 else n for n, c in counts.items())


def check_metadata(paths, min_exercises: int = MIN_EXERCISES, written: int | None = 1) -> list[str]:
    """Problems with the exercises of the notebooks ``paths`` (empty list: all fine).

    ``written`` is the number of written questions each notebook must have
    (``None``: any number).  See the module docstring for the rules.
    """
    problems, seen = [], {}
    for path in map(Path, paths):
        nb = read(path)
        graded = {e.test_id: e for e in exercises(nb, path.stem)}
        tested = {gid for e in graded.values() for gid in e.solution_ids}
        n_written = 0
        for index, cell in enumerate(nb.cells):
            meta = nbgrader_meta(cell)
            if not meta:
                continue
            gid = meta.get("grade_id")
            where = f"{path.name} cell {index} ({gid or 'no grade_id'})"
            if meta.get("schema_version") != 3:
                problems.append(f"{where}: schema_version is {meta.get('schema_version')!r}, expected 3")
            if not gid:
                problems.append(f"{where}: no grade_id")
            elif gid in seen:
                problems.append(f"{where}: grade_id {gid!r} is also used by {seen[gid]}")
            else:
                seen[gid] = where
            if is_solution_cell(cell):
                problems += _solution_problems(where, cell, meta, gid in tested)
            elif is_test_cell(cell):
                problems += _test_problems(where, cell, meta, graded.get(gid))
            elif is_written_cell(cell):
                n_written += 1
                problems += _written_problems(where, cell, meta)
        if len(graded) < min_exercises:
            problems.append(f"{path.name}: {len(graded)} graded test cells, expected at least {min_exercises}")
        if written is not None and n_written != written:
            problems.append(f"{path.name}: {n_written} written questions (markdown answer cells graded by hand), "
                            f"expected {written}")
        problems += [f"{path.name}: {leak}" for leak in find_leaks(nb)]
    return problems


def _solution_problems(where, cell, meta, tested) -> list[str]:
    problems = []
    if meta.get("grade"):
        problems.append(f"{where}: a code cell both solution and graded (a manually graded code answer); "
                        "this course grades code with test cells and written answers in markdown cells")
    if BEGIN_SOLUTION not in cell.source:
        problems.append(f"{where}: solution cell without a '{BEGIN_SOLUTION}' line")
    if not tested:
        problems.append(f"{where}: no graded test cell follows this solution cell, so removing it costs nothing")
    return problems


def _test_problems(where, cell, meta, exercise) -> list[str]:
    problems = []
    points = meta.get("points", 0)
    if not points > 0:
        problems.append(f"{where}: graded test cell with points {points!r}, expected > 0")
    if not meta.get("locked"):
        problems.append(f"{where}: graded test cell is not locked")
    if exercise is not None and not exercise.solution_ids:
        problems.append(f"{where}: test cell before any solution cell: it grades nothing the student writes")
    if not region(cell.source, BEGIN_HIDDEN, END_HIDDEN):
        problems.append(f"{where}: test cell without a hidden part ('{BEGIN_HIDDEN}' ... '{END_HIDDEN}')")
    checks = count_checks(visible_part(cell.source))
    if points > MAX_POINTS_PER_CHECK and len(checks) > 1:
        problems.append(f"{where}: worth {points:g} points and checks {len(checks)} things in its visible part "
                        f"({_several(checks)}); split it into one graded test cell per part, each at most "
                        f"{MAX_POINTS_PER_CHECK} points (partial credit)")
    return problems


def _written_problems(where, cell, meta) -> list[str]:
    problems = []
    if not meta.get("points", 0) > 0:
        problems.append(f"{where}: written question with points {meta.get('points')!r}, expected > 0")
    if meta.get("locked"):
        problems.append(f"{where}: written answer cell is locked: the student could not write in it")
    if not str(meta.get("grade_id", "")).endswith("-written"):
        problems.append(f"{where}: a written answer's grade_id should end in '-written' (e.g. '01-written')")
    if not cell.source.strip() or cell.source.strip() == "YOUR ANSWER HERE":
        problems.append(f"{where}: written answer cell without a model answer (the teacher's version holds it)")
    return problems
