"""Student versions of the course: ``python -m teacher student --notebooks notebooks --out student``.

nbgrader's ``generate_assignment`` runs in a throwaway course directory and
releases every notebook (solutions replaced by stubs, hidden tests removed,
written answers emptied, graded cells locked, outputs cleared).  The released
notebooks land in ``<out>/notebooks/`` beside what they need from the course
folder (the parent of ``--notebooks``): :data:`STUDENT_FILES`, so
``../figures/x.png`` resolves and ``make lab`` works there as in the course.
The teacher's tools (``teacher/``), the tests and the guide stay behind.
"""
from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

from . import TeacherError
from .course import generate, require_nbgrader, write_course
from .notebooks import find_notebooks, nbgrader_meta

__all__ = ["STUDENT_FILES", "STUDENT_MARKER", "make_student", "stub_solution"]

STUDENT_FILES = ("README.md", "requirements.txt", "pyproject.toml", "Makefile", "LICENSE", "nnkit", "figures", "lab")
"""What a student copy holds besides the notebooks (each if present): never ``teacher/``."""
STUDENT_MARKER = ".nnkit-student"


def make_student(out, notebooks_dir) -> list[Path]:
    """Write the student version of the course into ``out``; return the notebooks written.

    ``out`` is replaced as a whole; it must be new or made by this function
    before (it holds :data:`STUDENT_MARKER`).
    """
    require_nbgrader()
    out = Path(out).resolve()
    if out.exists() and any(out.iterdir()) and not (out / STUDENT_MARKER).exists():
        raise TeacherError(f"{out} exists and was not made by `python -m teacher student`: refusing to overwrite it")
    notebooks = find_notebooks(notebooks_dir, graded_only=False)
    with tempfile.TemporaryDirectory(prefix="nnkit-release-") as tmp:
        ids = write_course(tmp, notebooks)
        generate(tmp)
        released = [Path(tmp) / "release" / aid / f"{aid}.ipynb" for aid in ids]
        for path in released:
            if not path.exists():
                raise TeacherError(f"nbgrader did not release {path.name}")
        if out.exists():
            shutil.rmtree(out)
        (out / "notebooks").mkdir(parents=True)
        for path in released:
            shutil.copyfile(path, out / "notebooks" / path.name)
    root = Path(notebooks_dir).resolve().parent
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    for name in STUDENT_FILES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, out / name, ignore=ignore)
        elif src.is_file():
            shutil.copyfile(src, out / name)
    (out / STUDENT_MARKER).write_text("made by `python -m teacher student`; rewritten on every run\n")
    return sorted((out / "notebooks").glob("*.ipynb"))


def stub_solution(nb, grade_id: str):
    """A copy of notebook ``nb`` with only the solution cell ``grade_id`` as nbgrader releases it.

    Uses nbgrader's own ClearSolutions on that one cell, so the result is what a
    student who skipped that exercise (and solved every other one) hands in.  A
    written answer becomes "YOUR ANSWER HERE", which nbgrader scores 0 without
    asking the teacher.
    """
    from nbgrader.preprocessors import ClearSolutions

    nb = copy.deepcopy(nb)
    resources = {"language": nb.metadata.get("kernelspec", {}).get("language", "python")}
    hits = [i for i, c in enumerate(nb.cells) if nbgrader_meta(c).get("grade_id") == grade_id]
    if len(hits) != 1 or not nbgrader_meta(nb.cells[hits[0]]).get("solution"):
        raise TeacherError(f"no single solution cell with grade_id {grade_id!r} in the notebook")
    nb.cells[hits[0]], _ = ClearSolutions().preprocess_cell(nb.cells[hits[0]], resources, hits[0])
    return nb
