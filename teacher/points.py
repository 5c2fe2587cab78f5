"""How the points add up: ``python -m teacher points``.

The table is computed from the notebooks' nbgrader metadata, never typed by
hand.  In a Markdown file it sits between :data:`BEGIN` and :data:`END`;
``--write FILE`` replaces it there, ``--check FILE`` fails when it is out of
date (the test suite checks ``guide/README.md``).
"""
from __future__ import annotations

from pathlib import Path

from . import TeacherError
from .notebooks import exercises, written_questions

__all__ = ["BEGIN", "END", "points_table", "replace_table"]

BEGIN = "<!-- points table: written by `python -m teacher points --write`, do not edit by hand -->"
END = "<!-- end of points table -->"


def _g(x: float) -> str:
    return f"{x:g}"


def points_table(paths) -> str:
    """A Markdown table: per notebook the autograded test cells and points, the written points, the total."""
    rows = ["| notebook | graded test cells | autograded points | written question (by hand) | total |",
            "|---|---:|---:|---:|---:|"]
    sums = [0, 0.0, 0.0]
    for path in map(Path, paths):
        auto = exercises(path)
        written = written_questions(path)
        a, w = sum(e.points for e in auto), sum(q.points for q in written)
        sums = [sums[0] + len(auto), sums[1] + a, sums[2] + w]
        rows.append(f"| {path.stem} | {len(auto)} | {_g(a)} | {_g(w) if written else '-'} | {_g(a + w)} |")
    rows.append(f"| **course** | **{sums[0]}** | **{_g(sums[1])}** | **{_g(sums[2])}** | "
                f"**{_g(sums[1] + sums[2])}** |")
    return "\n".join(rows)


def replace_table(text: str, table: str, name: str = "the file") -> str:
    """``text`` with the block between :data:`BEGIN` and :data:`END` replaced by ``table``."""
    if text.count(BEGIN) != 1 or text.count(END) != 1 or text.index(BEGIN) > text.index(END):
        raise TeacherError(f"{name} needs one points table between the lines\n{BEGIN}\n{END}")
    head, rest = text.split(BEGIN)
    _, tail = rest.split(END)
    return f"{head}{BEGIN}\n{table}\n{END}{tail}"
