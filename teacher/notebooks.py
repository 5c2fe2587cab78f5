"""Reading the course's exercise format: which cells are solutions, tests and written questions.

A course notebook carries its exercises in nbgrader's format (cell metadata
``metadata.nbgrader``):

- a **solution cell** (code, ``solution: true``) holds the answer between
  ``### BEGIN SOLUTION`` and ``### END SOLUTION``;
- an **autograded test cell** (code, ``grade: true``, locked, with ``points``)
  follows it: a visible check, then ``### BEGIN HIDDEN TESTS`` ...
  ``### END HIDDEN TESTS``; an exercise in parts has one test cell per part, all
  after the one solution cell they grade;
- a **written question** (markdown, ``grade: true`` and ``solution: true``, with
  ``points``) is graded by hand: its source is the model answer, which nbgrader
  releases as "YOUR ANSWER HERE".

Nothing here needs nbgrader; only nbformat.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import TeacherError

__all__ = [
    "BEGIN_SOLUTION", "END_SOLUTION", "BEGIN_HIDDEN", "END_HIDDEN",
    "Exercise", "Written",
    "read", "nbgrader_meta", "has_exercises", "find_notebooks",
    "exercises", "written_questions", "region", "outside", "visible_part",
    "is_test_cell", "is_solution_cell", "is_written_cell",
]

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def read(path):
    """The notebook at ``path`` (nbformat 4)."""
    import nbformat

    return nbformat.read(str(path), as_version=4)


def nbgrader_meta(cell) -> dict:
    """The cell's ``metadata.nbgrader`` (empty for an ordinary cell)."""
    return cell.get("metadata", {}).get("nbgrader", {})


def is_solution_cell(cell) -> bool:
    """A code cell the student writes (``solution: true``)."""
    return cell.cell_type == "code" and bool(nbgrader_meta(cell).get("solution"))


def is_test_cell(cell) -> bool:
    """An autograded test cell: code, ``grade: true``, not a solution."""
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_written_cell(cell) -> bool:
    """A written answer graded by hand: markdown, ``grade: true`` and ``solution: true``."""
    meta = nbgrader_meta(cell)
    return cell.cell_type == "markdown" and bool(meta.get("grade")) and bool(meta.get("solution"))


def has_exercises(path) -> bool:
    """Whether the notebook at ``path`` has at least one nbgrader cell."""
    return any(nbgrader_meta(c) for c in read(path).cells)


def find_notebooks(folder, *, graded_only: bool = True) -> list[Path]:
    """The notebooks ``folder/*.ipynb`` in name order (with ``graded_only``: those with nbgrader cells).

    Raises :class:`TeacherError` when there is none, naming the folder.
    """
    folder = Path(folder)
    paths = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if graded_only:
        paths = [p for p in paths if has_exercises(p)]
    if not paths:
        what = "notebooks with nbgrader exercise cells" if graded_only else "notebooks"
        raise TeacherError(f"no {what} found in {folder} (expected files like 01_perceptron.ipynb)")
    return paths


@dataclass(frozen=True)
class Exercise:
    """One autograded test cell, with the solution cells it grades.

    ``solution_ids`` are the solution cells since the previous exercise's: every
    test cell of an exercise in parts names the same solution cells.
    """

    notebook: str
    test_id: str
    points: float
    solution_ids: tuple[str, ...]


@dataclass(frozen=True)
class Written:
    """One written question graded by hand (its answer cell)."""

    notebook: str
    grade_id: str
    points: float


def exercises(path_or_nb, stem: str | None = None) -> list[Exercise]:
    """The autograded test cells of a notebook, each with the solution cells it grades.

    Solution cells open a group; the test cells after them (up to the next
    solution cell) all grade that group.
    """
    nb, stem = _notebook(path_or_nb, stem)
    found, group, testing = [], [], False
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if is_solution_cell(cell):
            if testing:  # a solution after tests: a new exercise begins
                group, testing = [], False
            group.append(meta.get("grade_id", "?"))
        elif is_test_cell(cell):
            testing = True
            found.append(Exercise(stem, meta.get("grade_id", "?"), float(meta.get("points", 0)), tuple(group)))
    return found


def written_questions(path_or_nb, stem: str | None = None) -> list[Written]:
    """The written answer cells of a notebook (markdown, graded by hand)."""
    nb, stem = _notebook(path_or_nb, stem)
    return [Written(stem, nbgrader_meta(c).get("grade_id", "?"), float(nbgrader_meta(c).get("points", 0)))
            for c in nb.cells if is_written_cell(c)]


def _notebook(path_or_nb, stem):
    if isinstance(path_or_nb, (str, Path)):
        return read(path_or_nb), stem or Path(path_or_nb).stem
    return path_or_nb, stem or "notebook"


def region(source: str, begin: str, end: str) -> list[str]:
    """The stripped, non-empty lines between ``begin`` and ``end`` marker lines."""
    lines, inside = [], False
    for line in source.splitlines():
        if line.strip() == begin:
            inside = True
        elif line.strip() == end:
            inside = False
        elif inside and line.strip():
            lines.append(line.strip())
    return lines


def outside(source: str, begin: str, end: str) -> str:
    """``source`` without its ``begin`` ... ``end`` regions (marker lines included)."""
    lines, inside = [], False
    for line in source.splitlines():
        if line.strip() in (begin, end):
            inside = line.strip() == begin
        elif not inside:
            lines.append(line)
    return "\n".join(lines)


def visible_part(source: str) -> str:
    """What a student sees of a test cell: the source without its hidden tests."""
    return outside(source, BEGIN_HIDDEN, END_HIDDEN)
