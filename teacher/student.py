"""Student versions of the course: ``python -m teacher student --notebooks notebooks --out student``.

nbgrader's ``generate_assignment`` runs in a throwaway course directory and
releases every notebook (solutions replaced by stubs, hidden tests removed,
written answers emptied, graded cells locked, outputs cleared).  The released
notebooks land in ``<out>/notebooks/`` beside what they need from the course
folder (the parent of ``--notebooks``): :data:`STUDENT_FILES`, so
``../figures/x.png`` resolves and ``make lab`` works there as in the course.
The teacher's tools (``teacher/``), the tests and the guide stay behind.

The course's README is the teacher's (grading, the guide, the tests); the
student copy gets its own, :func:`student_readme`: ``teacher/student_README.md``
with the README's table of notebooks and licence.  Edit that file to tell
your class how to hand in.
"""
from __future__ import annotations

import copy
import re
import shutil
import tempfile
from pathlib import Path

from . import TeacherError
from .course import generate, require_nbgrader, write_course
from .notebooks import find_notebooks, nbgrader_meta

__all__ = ["STUDENT_FILES", "STUDENT_MARKER", "STUDENT_README", "make_student", "student_readme", "stub_solution"]

STUDENT_FILES = ("requirements.txt", "pyproject.toml", "Makefile", "LICENSE", "nnkit", "figures", "lab")
"""What a student copy holds besides the notebooks and its README (each if present): never ``teacher/``."""
STUDENT_MARKER = ".nnkit-student"
STUDENT_README = Path(__file__).with_name("student_README.md")
"""The student copy's README; ``<!-- the notebooks -->`` and ``<!-- the licence -->`` are filled in."""


def _section(readme: str, title: str) -> str:
    """The ``## title`` section of a Markdown text, heading included ("" when there is none)."""
    match = re.search(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", readme, re.M | re.S)
    return match.group(0).strip() if match else ""


def student_readme(readme: str) -> str:
    """The student copy's README: :data:`STUDENT_README` with the course README's notebooks and licence.

    ``readme`` is the course's README.md; the table of its "## The notebooks"
    section (the table only: the prose around it may speak to teachers) and its
    "## Licence" section go in.
    """
    table = [line for line in _section(readme, "The notebooks").splitlines() if line.startswith("|")]
    notebooks = "\n".join(table)
    text = STUDENT_README.read_text()
    text = text.replace("<!-- the notebooks -->", notebooks or "The notebooks are in `notebooks/`, in order.")
    return text.replace("<!-- the licence -->", _section(readme, "Licence")).rstrip() + "\n"


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
    readme = root / "README.md"
    (out / "README.md").write_text(student_readme(readme.read_text() if readme.is_file() else ""))
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
